import type { DocumentRule } from '../types';
import { localize } from '../../base/i18n';
import { COMMENT_LABELS, isCommentDefinition } from './comment-definitions';
import { normalizeLabel } from '../../markdown/summary';
import { wholeLinesEdit } from '../../markdown/edits';

/**
 * links/unused-definition — a link definition `[id]: url` (or footnote `[^id]: …`) that nothing refers to.
 * A shortcut `[id]` in prose counts as a use when a definition with that id exists.
 */
export const unusedDefinition: DocumentRule = {
  id: 'links/unused-definition',
  scope: 'document',
  defaultSeverity: 'warning',
  docs: {
    summary: 'A link or footnote definition is never used.',
    rationale: 'Unused definitions are usually a sign that a link was renamed or removed by mistake. Definitions used as comments (`[//]: # (note)`) are not reported.',
    bad: 'Text without links.\n\n[runpod]: https://www.runpod.io/\n',
    good: 'Deploy on [RunPod][runpod].\n\n[runpod]: https://www.runpod.io/\n\n[//]: # (a note to the editor)\n',
    options: '`{ "ignoredLabels": ["//", …] }`: labels of definitions used as comments (default `["//"]`).',
  },
  check({ doc, report, locale, options }) {
    const ignored = (options as { ignoredLabels?: string[] } | undefined)?.ignoredLabels ?? COMMENT_LABELS;
    const used = new Set<string>();
    for (const ref of doc.references) used.add(`${ref.kind === 'footnote' ? 'f' : 'l'}:${ref.id}`);
    for (const b of doc.brackets) used.add(`l:${normalizeLabel(b.text)}`);
    for (const d of doc.definitions) {
      if (isCommentDefinition(d, ignored) || used.has(`${d.kind === 'footnote' ? 'f' : 'l'}:${d.id}`)) continue;
      const what = d.kind === 'footnote' ? `[^${d.label}]` : `[${d.label}]`;
      report({
        range: doc.range(d),
        message: { en: `Definition ${what} is never used.`, zh: `定义 ${what} 没有被引用。` },
        fixes: [{ title: localize({ en: `Remove unused definition ${what}`, zh: `删除未使用的定义 ${what}` }, locale), edits: [wholeLinesEdit(doc, d)], safe: false }],
      });
    }
  },
};
