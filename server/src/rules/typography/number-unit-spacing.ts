import type { DocumentRule } from '../types';
import { numberUnits } from '../../typography/units';
import { isChineseProse } from '../../typography/pipeline';
import { docs, typographySettings } from './shared';

// typography/number-unit-spacing — `24GB` or `24 GB`, as the team decides, for real units only.
export const numberUnitSpacing: DocumentRule = {
  id: 'typography/number-unit-spacing',
  scope: 'document',
  defaultSeverity: 'warning',
  docs: docs({
    summary: 'Numbers and units (`24GB` / `24 GB`) are spaced the same way throughout a draft, or as `typography.unitSpacing` says.',
    rationale: 'A draft that writes `24GB` in one place and `24 GB` in the next looks unedited. Only real units count (GB, MB/s, GHz, W, ms, TFLOPS …), never model sizes (`7B`, `70B`), resolutions (`4K`, `1080p`), precisions (`FP16`) or SKU names (`A100-80GB`, `H100 80GB`). With `consistent` the draft’s more frequent style wins (the first one on a tie); numbers in padded tables are left alone so the table stays aligned.',
    bad: 'RTX 4090 有 24GB 显存，H100 有 80 GB 显存。\n',
    good: 'RTX 4090 有 24 GB 显存，H100 有 80 GB 显存；A100-80GB、H100 80GB、7B 模型和 4K 视频不算。\n',
    options: 'Set with `typography.unitSpacing`: `consistent` (default), `space` or `none`.',
  }),
  check({ doc, config, enabledRules, report }) {
    const settings = typographySettings(config.typography);
    if (settings.applyTo !== 'all' && !isChineseProse(doc.prose)) return;
    const found = numberUnits(doc.text, doc.prose, !enabledRules || enabledRules.has('typography/fullwidth-alphanumerics'));
    if (found.length === 0) return;
    let spaced = settings.unitSpacing === 'space';
    if (settings.unitSpacing === 'consistent') {
      const withSpace = found.filter((f) => f.gapEnd > f.gapStart).length;
      const without = found.length - withSpace;
      spaced = withSpace === without ? found[0].gapEnd > found[0].gapStart : withSpace > without;
    }
    for (const f of found) {
      const gap = doc.text.slice(f.gapStart, f.gapEnd);
      const want = spaced ? ' ' : '';
      if (gap === want) continue;
      const shown = `${f.number}${gap}${f.unit}`;
      const fixed = `${f.number}${want}${f.unit}`;
      const why = settings.unitSpacing === 'consistent' ? { en: ' as elsewhere in this draft', zh: '，与本文其他地方一致' } : { en: '', zh: '' };
      report({
        range: doc.range({ start: f.start, end: f.end }),
        message: { en: `Write “${shown}” as “${fixed}”${why.en}.`, zh: `“${shown}”应写作“${fixed}”${why.zh}。` },
        fixes: [{ title: `Write “${fixed}”`, edits: [{ range: doc.range({ start: f.gapStart, end: f.gapEnd }), newText: want }], safe: true, preferred: true }],
      });
    }
  },
};
