import type { ChunkRule } from '../types';
import { Stage } from '../../typography/settings';
import { docs, reportTypography } from './shared';

// typography/product-names — official casing of product and brand names.
export const productNames: ChunkRule = {
  id: 'typography/product-names',
  scope: 'chunk',
  defaultSeverity: 'warning',
  docs: docs({
    summary: 'Product and brand names in their official spelling (GitHub, NVIDIA, RunPod, ComfyUI, PyTorch, Docker, CUDA, RTX 4090 …).',
    rationale: 'A misspelt name looks careless and is harder to search. Only prose is checked: never URLs, paths, file names, commands (`docker run`) or code. Teams add their own names with `typography.names`.',
    bad: '在 runpod 上部署 comfyui，再推送到 Github，显卡是 RTX4090。\n',
    good: '在 RunPod 上部署 ComfyUI，再推送到 GitHub，显卡是 RTX 4090，用 `docker run` 启动。\n',
    options: 'Extra names with `typography.names`, e.g. ["DeepSeek", "Qwen"].',
  }),
  check: (ctx) => reportTypography(ctx, Stage.Names),
};
