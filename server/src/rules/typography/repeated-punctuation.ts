import type { ChunkRule } from '../types';
import { Stage } from '../../typography/settings';
import { docs, reportTypography } from './shared';

// typography/repeated-punctuation — one ！ or ？ is enough.
export const repeatedPunctuation: ChunkRule = {
  id: 'typography/repeated-punctuation',
  scope: 'chunk',
  defaultSeverity: 'warning',
  docs: docs({
    summary: 'No repeated exclamation or question marks (！！, ？？).',
    rationale: 'Repeated marks read as shouting in a technical article; one mark (or ？！) says the same.',
    bad: '德国队竟然战胜了巴西队！！\n',
    good: '德国队竟然战胜了巴西队！她竟然说了“喵”？！\n',
  }),
  check: (ctx) => reportTypography(ctx, Stage.Repeated),
};
