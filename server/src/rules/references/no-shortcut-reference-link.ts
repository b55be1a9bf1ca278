import type { DocumentRule } from '../types';
import { reportShortcutReferences } from './shortcut';

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
  check: (context) => reportShortcutReferences(context, 'link'),
};
