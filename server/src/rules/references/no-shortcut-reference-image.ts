import type { DocumentRule } from '../types';
import { reportShortcutReferences } from './shortcut';

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
  check: (context) => reportShortcutReferences(context, 'image'),
};
