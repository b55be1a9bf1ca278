import type { ChunkRule } from '../types';
import { Stage } from '../../typography/settings';
import { docs, reportTypography } from './shared';

// typography/cjk-latin-spacing — a space between Chinese and Latin letters or digits (Chinese copywriting guidelines).
export const cjkLatinSpacing: ChunkRule = {
  id: 'typography/cjk-latin-spacing',
  scope: 'chunk',
  defaultSeverity: 'warning',
  docs: docs({
    summary: 'One space between Chinese and Latin letters or digits, also outside inline code, emphasis and links.',
    rationale: 'Chinese and English run together without it (“在RunPod上用8张H100”); the space keeps each word readable. Latin tokens stay whole (`Node.js`, `C++`, `x86_64`, `Llama-3-70B`, `v0.3.10`, `1,299`, `12:30`, `3~5`), and the space goes outside `**` and link brackets, never inside.',
    bad: '在RunPod上用8张H100训练，用`nvidia-smi`查看**显存**占用。\n',
    good: '在 RunPod 上用 8 张 H100 训练，用 `nvidia-smi` 查看**显存**占用，Node.js 与 C++ 的写法保持不变。\n',
    options: 'None; `typography.applyTo` decides which sections are checked.',
  }),
  check: (ctx) => reportTypography(ctx, Stage.Spacing),
};
