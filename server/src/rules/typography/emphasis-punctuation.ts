import type { ChunkRule } from '../types';
import { Stage } from '../../typography/settings';
import { docs, reportTypography } from './shared';

// typography/emphasis-punctuation — emphasis that does not render next to CJK punctuation.
export const emphasisPunctuation: ChunkRule = {
  id: 'typography/emphasis-punctuation',
  scope: 'chunk',
  defaultSeverity: 'warning',
  docs: docs({
    summary: 'Bold or italic text that CommonMark does not render next to Chinese punctuation (`**中文（括号）。**继续`).',
    rationale: 'By CommonMark’s rules a `**` next to punctuation only counts when a space or punctuation is on its other side, which Chinese text never has, so readers see the asterisks (commonmark/commonmark-spec#650). The fix moves the punctuation outside the markers, which keeps the meaning; where that would split a bracket, it only offers a quick fix.',
    bad: '**中文（括号）。**继续阅读。\n',
    good: '**中文（括号）**。继续阅读。\n',
  }),
  check: (ctx) => reportTypography(ctx, Stage.Emphasis),
};
