import type { ChunkRule } from '../types';
import { Stage } from '../../typography/settings';
import { docs, reportTypography } from './shared';

// typography/brackets — the team's brackets in Chinese text.
export const brackets: ChunkRule = {
  id: 'typography/brackets',
  scope: 'chunk',
  defaultSeverity: 'warning',
  docs: docs({
    summary: 'Brackets in Chinese text follow `typography.brackets`: full-width （…） (default) or half-width (…) with spaces outside.',
    rationale: 'Half-width brackets glued to Chinese text look cramped; the guidelines disagree on the cure, so the team picks one. Function calls and indexes (`print()`, `A100(80GB)`) are not brackets in text.',
    bad: '核磁共振成像(NMRI)是什么原理？\n',
    good: '核磁共振成像（NMRI）是什么原理？调用 print() 即可。\n',
    options: 'Set with `typography.brackets`: `fullwidth` or `halfwidth`.',
  }),
  check: (ctx) => reportTypography(ctx, Stage.Brackets),
};
