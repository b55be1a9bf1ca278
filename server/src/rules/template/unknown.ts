import type { DocumentRule } from '../types';
import { localize } from '../../base/i18n';
import { closest } from '../../base/closest';

/**
 * template/unknown — front matter `template:` names a template that is neither built in nor in
 * `.benchpress/templates/`. Without it no structure check runs, so this is an error.
 */
export const unknownTemplate: DocumentRule = {
  id: 'template/unknown',
  scope: 'document',
  defaultSeverity: 'error',
  docs: {
    summary: 'Front matter names a template that does not exist.',
    rationale: 'A typo in `template:` silently turns off every structure check for the draft.',
    bad: '---\ntemplate: reveiw\n---\n\n# RTX 4090 深度评测\n',
    good: '---\ntemplate: review\n---\n\n# RTX 4090 深度评测\n',
  },
  check({ doc, templateResolution, report, locale }) {
    const unknown = templateResolution.unknown;
    if (!unknown) return;
    const suggestion = closest(unknown.id, unknown.known);
    report({
      range: doc.range(unknown.span),
      message: {
        en: `Unknown template "${unknown.id}"${suggestion ? `; did you mean "${suggestion}"?` : ''} Known: ${unknown.known.join(', ')}.`,
        zh: `未知模板“${unknown.id}”${suggestion ? `；是否想用“${suggestion}”？` : '。'}可用：${unknown.known.join('、')}。`,
      },
      fixes: suggestion ? [{ title: localize({ en: `Use template "${suggestion}"`, zh: `改用模板“${suggestion}”` }, locale), edits: [{ range: doc.range(unknown.span), newText: suggestion }], safe: false, preferred: true }] : undefined,
    });
  },
};
