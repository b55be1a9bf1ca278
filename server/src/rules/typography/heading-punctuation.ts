import type { ChunkRule } from '../types';
import { Stage } from '../../typography/settings';
import { docs, reportTypography } from './shared';

// typography/heading-punctuation — no full stop at the end of a Chinese heading.
export const headingPunctuation: ChunkRule = {
  id: 'typography/heading-punctuation',
  scope: 'chunk',
  defaultSeverity: 'warning',
  docs: docs({
    summary: 'A Chinese heading does not end with “。”.',
    rationale: 'Headings are titles, not sentences; a full stop at the end also ends up in anchors and tables of contents.',
    bad: '## 准备环境。\n',
    good: '## 准备环境\n',
  }),
  check: (ctx) => reportTypography(ctx, Stage.HeadingPunctuation),
};
