import type { DocumentRule } from '../types';
import { localize } from '../../base/i18n';
import { shortcutReferences } from './shortcut';

/**
 * remark-lint/no-shortcut-reference-image — an image written as a shortcut reference, `![alt]`, instead of the
 * collapsed `![alt][]`. Same id, intent and message as remark-lint's rule; checked across the whole document (see
 * shortcut.ts). The fix adds the `[]`, which keeps the same definition.
 */
export const noShortcutReferenceImage: DocumentRule = {
  id: 'remark-lint/no-shortcut-reference-image',
  scope: 'document',
  defaultSeverity: 'warning',
  docs: {
    summary: 'Image references use the collapsed `![alt][]` form.',
    rationale: 'A bare `![alt]` is easy to take for text and to break by editing the alt text. (From remark-lint\'s recommended preset.)',
    bad: '![logo]\n\n[logo]: logo.png\n',
    good: '![logo][]\n\n[logo]: logo.png\n',
  },
  check({ doc, report, locale }) {
    for (const span of shortcutReferences(doc, 'image')) {
      const end = doc.range({ start: span.end, end: span.end });
      report({
        range: doc.range(span),
        message: { en: 'Unexpected shortcut reference image (`![text]`), expected collapsed reference (`![text][]`)', zh: '图片引用使用了简写形式（`![text]`），应写成折叠形式（`![text][]`）' },
        fixes: [{ title: localize({ en: 'Write as a collapsed reference (![alt][])', zh: '改为折叠形式（![alt][]）' }, locale), edits: [{ range: end, newText: '[]' }], safe: true }],
      });
    }
  },
};
