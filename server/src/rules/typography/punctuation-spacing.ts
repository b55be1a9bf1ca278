import type { ChunkRule } from '../types';
import { Stage } from '../../typography/settings';
import { docs, reportTypography } from './shared';

// typography/punctuation-spacing — no spaces around full-width punctuation.
export const punctuationSpacing: ChunkRule = {
  id: 'typography/punctuation-spacing',
  scope: 'chunk',
  defaultSeverity: 'warning',
  docs: docs({
    summary: 'No space before or after full-width punctuation.',
    rationale: 'Full-width marks carry their own space; an extra one leaves a visible hole (“iPhone ，好开心”).',
    bad: '刚刚买了一部 iPhone ，好开心！\n',
    good: '刚刚买了一部 iPhone，好开心！\n',
  }),
  check: (ctx) => reportTypography(ctx, Stage.PunctuationSpacing),
};
