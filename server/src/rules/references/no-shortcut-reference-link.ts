import type { DocumentRule } from '../types';
import { localize } from '../../base/i18n';
import { shortcutReferences } from './shortcut';

/**
 * remark-lint/no-shortcut-reference-link — a link written as a shortcut reference, `[text]`, instead of the
 * collapsed `[text][]`. Same id, intent and message as remark-lint's rule; checked across the whole document (see
 * shortcut.ts), where remark-lint's own, run on one chunk at a time, missed a definition in another chunk.
 * The fix adds the `[]`: the collapsed reference uses the same definition, so the link goes where it went.
 */
export const noShortcutReferenceLink: DocumentRule = {
  id: 'remark-lint/no-shortcut-reference-link',
  scope: 'document',
  defaultSeverity: 'warning',
  docs: {
    summary: 'Link references use the collapsed `[text][]` form.',
    rationale: 'A bare `[text]` looks like plain brackets to whoever reads the source, and editing its text silently unlinks it. (From remark-lint\'s recommended preset.)',
    bad: '[docs]\n\n[docs]: https://example.com\n',
    good: '[docs][]\n\n[docs]: https://example.com\n',
  },
  check({ doc, report, locale }) {
    for (const span of shortcutReferences(doc, 'link')) {
      const end = doc.range({ start: span.end, end: span.end });
      report({
        range: doc.range(span),
        message: { en: 'Unexpected shortcut reference link (`[text]`), expected collapsed reference (`[text][]`)', zh: '链接引用使用了简写形式（`[text]`），应写成折叠形式（`[text][]`）' },
        fixes: [{ title: localize({ en: 'Write as a collapsed reference ([text][])', zh: '改为折叠形式（[text][]）' }, locale), edits: [{ range: end, newText: '[]' }], safe: true }],
      });
    }
  },
};
