import type { ChunkRule } from '../types';
import { Stage } from '../../typography/settings';
import { docs, reportTypography } from './shared';

// typography/extra-spaces — doubled spaces collapsed to one.
export const extraSpaces: ChunkRule = {
  id: 'typography/extra-spaces',
  scope: 'chunk',
  defaultSeverity: 'warning',
  docs: docs({
    summary: 'No doubled spaces inside a line of prose.',
    rationale: 'Two spaces where one is meant look like a gap in the rendered text. Line ends (hard breaks), indentation and table padding are not prose and are left alone.',
    bad: '在 RunPod  上训练。\n',
    good: '在 RunPod 上训练。\n',
  }),
  check: (ctx) => reportTypography(ctx, Stage.ExtraSpaces),
};
