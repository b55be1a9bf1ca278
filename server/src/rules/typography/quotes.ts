import type { ChunkRule } from '../types';
import { Stage } from '../../typography/settings';
import { docs, reportTypography } from './shared';

// typography/quotes — the team's quotation marks around Chinese text.
export const quotes: ChunkRule = {
  id: 'typography/quotes',
  scope: 'chunk',
  defaultSeverity: 'warning',
  docs: docs({
    summary: 'Chinese text is quoted with the team’s quotation marks (`typography.quotes`: “…” by default, or 「…」).',
    rationale: 'Straight quotes are not Chinese punctuation, and one draft should not mix “…” and 「…」. Quoted English keeps its own quotes.',
    bad: '他说"这张卡很快"。\n',
    good: '他说“这张卡很快”。\n',
    options: 'Set with `typography.quotes`: `curly` (“…” ‘…’) or `corner` (「…」 『…』).',
  }),
  check: (ctx) => reportTypography(ctx, Stage.Quotes),
};
