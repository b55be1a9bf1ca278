// `[//]: # (a note)` — a link definition nobody links to is the common way to write a comment in Markdown that no
// renderer shows. Such definitions are not unused, not duplicates, and never removed (markdownlint ignores the
// `//` label by default for the same reason).
import type { DefinitionInfo } from '../../markdown/summary';

export const COMMENT_LABELS: readonly string[] = ['//'];

export function isCommentDefinition(d: DefinitionInfo, labels: readonly string[] = COMMENT_LABELS): boolean {
  return d.kind === 'link' && labels.includes(d.label.trim());
}
