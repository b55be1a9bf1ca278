import type { ChunkRule } from '../types';
import { Stage } from '../../typography/settings';
import { docs, reportTypography } from './shared';

// typography/number-symbols — 15%, 90°, $2.49.
export const numberSymbols: ChunkRule = {
  id: 'typography/number-symbols',
  scope: 'chunk',
  defaultSeverity: 'warning',
  docs: docs({
    summary: 'No space before %, ‰, ° and ℃, and none between a currency sign and the amount.',
    rationale: 'A percentage or a price split over two words can break over a line and reads oddly (“15 %”, “$ 2.49”).',
    bad: '利用率提升了 15 %，每小时 $ 2.49。\n',
    good: '利用率提升了 15%，每小时 $2.49。\n',
  }),
  check: (ctx) => reportTypography(ctx, Stage.NumberSymbols),
};
