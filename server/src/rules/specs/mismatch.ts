import type { ChunkRule } from '../types';
import type { Fix } from '../../base/types';
import { findSpecMismatches } from '../../gpu/figures';

/**
 * specs/mismatch — a figure in the prose that contradicts the GPU data for the GPU the sentence talks about:
 * "H100 的 40GB 显存", "RTX 4090 with 32 GB of VRAM", "H200 offers 3.35 TB/s". It says what the data has, with
 * its source, and offers to replace the figure in the writer's units. How figures are found and attributed, and
 * why it stays silent when in doubt, is documented with the engine in gpu/figures.ts.
 */
export const specsMismatch: ChunkRule = {
  id: 'specs/mismatch',
  scope: 'chunk',
  defaultSeverity: 'warning',
  docs: {
    summary: 'A figure in the text (memory, memory bandwidth, TDP, FP32 TFLOPS, CUDA cores, launch price) contradicts the GPU data for the GPU the sentence is about.',
    rationale: 'A wrong spec is the error readers notice first and trust least; the data says what the vendor states and where. Sentences that compare GPUs, mention several, or could mean another variant are left alone.',
    bad: 'The RTX 4090 comes with 32 GB of GDDR6X memory.\n\nH200 的显存带宽为 3.35 TB/s。\n',
    good: 'The RTX 4090 comes with 24 GB of GDDR6X memory.\n\nH200 的显存带宽为 4.8 TB/s；H100 NVL 的显存是 94GB。\n',
  },
  check(ctx) {
    const gpus = ctx.data?.gpus;
    if (!gpus || gpus.length === 0) return;
    for (const segment of ctx.summary.prose) {
      for (const m of findSpecMismatches(segment.text, gpus)) {
        const range = { start: ctx.lines.positionAt(segment.offset + m.start), end: ctx.lines.positionAt(segment.offset + m.end) };
        const fix: Fix = { title: ctx.locale === 'zh-cn' ? `改为 ${m.replacement}` : `Change to ${m.replacement}`, edits: [{ range, newText: m.replacement }], safe: false, preferred: true };
        ctx.report({ range, message: m.message, fixes: [fix], data: { gpuId: m.gpuId, field: m.field, expected: m.expected, found: m.found, source: m.source } });
      }
    }
  },
};
