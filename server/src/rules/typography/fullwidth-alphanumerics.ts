import type { ChunkRule } from '../types';
import { Stage } from '../../typography/settings';
import { docs, reportTypography } from './shared';

// typography/fullwidth-alphanumerics — full-width letters and digits become half-width.
export const fullwidthAlphanumerics: ChunkRule = {
  id: 'typography/fullwidth-alphanumerics',
  scope: 'chunk',
  defaultSeverity: 'warning',
  docs: docs({
    summary: 'Letters and digits are half-width (１２９９ → 1299, ＲＴＸ → RTX).',
    rationale: 'Full-width letters and digits look odd, break search and copy-paste, and hide product names. The fix is merged with spacing and names in one edit (`用ＲＴＸ４０９０` → `用 RTX 4090`).',
    bad: '这张显卡只要 １２９９ 元。\n',
    good: '这张显卡只要 1299 元。\n',
  }),
  check: (ctx) => reportTypography(ctx, Stage.FullwidthAlnum),
};
