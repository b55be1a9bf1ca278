import type { ChunkRule } from '../types';
import { Stage } from '../../typography/settings';
import { docs, reportTypography } from './shared';

// typography/fullwidth-punctuation — the width of punctuation follows the language of the sentence.
export const fullwidthPunctuation: ChunkRule = {
  id: 'typography/fullwidth-punctuation',
  scope: 'chunk',
  defaultSeverity: 'warning',
  docs: docs({
    summary: 'Full-width punctuation (，。：；！？) in Chinese sentences, half-width in English sentences and quoted English.',
    rationale: 'Chinese text uses full-width marks, also before an English word (“提示：RunPod”); an English sentence or quotation keeps its own marks. Numbers (`1,299`, `3.5`, `12:30`) and abbreviations (`etc.`) are left alone.',
    bad: '提示:RunPod 的按量计费很灵活,适合短期实验.\n',
    good: '提示：RunPod 的按量计费很灵活，适合短期实验。乔布斯说：“Stay hungry, stay foolish.”\n',
  }),
  check: (ctx) => reportTypography(ctx, Stage.Punctuation),
};
