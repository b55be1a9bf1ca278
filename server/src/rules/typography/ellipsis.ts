import type { ChunkRule } from '../types';
import { Stage } from '../../typography/settings';
import { docs, reportTypography } from './shared';

// typography/ellipsis — “……” after Chinese text.
export const ellipsis: ChunkRule = {
  id: 'typography/ellipsis',
  scope: 'chunk',
  defaultSeverity: 'warning',
  docs: docs({
    summary: 'The Chinese ellipsis is “……”, not “...” or “。。。”.',
    rationale: 'Three periods or three full stops after Chinese text are not the Chinese ellipsis, which is two ellipsis characters.',
    bad: '支持的模型有很多...\n',
    good: '支持的模型有很多……\n',
  }),
  check: (ctx) => reportTypography(ctx, Stage.Ellipsis),
};
