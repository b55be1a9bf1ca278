// typography/number-unit-spacing: fixture cases (input → after fix-all with this rule alone).
import { typographyCases } from '../../testing/typography-cases';

typographyCases('typography/number-unit-spacing', [
  { in: 'RTX 4090 有 24 GB 显存，H100 有 80GB 显存，带宽 3 TB/s。', out: 'RTX 4090 有 24 GB 显存，H100 有 80 GB 显存，带宽 3 TB/s。' },
  { in: 'RTX 4090 有 24GB 显存，H100 有 80GB 显存，L4 有 24 GB 显存。', out: 'RTX 4090 有 24GB 显存，H100 有 80GB 显存，L4 有 24GB 显存。' },
  { in: 'RTX 4090 有 24GB 显存，功耗 450W。', out: 'RTX 4090 有 24 GB 显存，功耗 450 W。', typography: { unitSpacing: 'space' } },
  { in: 'RTX 4090 有 24 GB 显存，功耗 450 W。', out: 'RTX 4090 有 24GB 显存，功耗 450W。', typography: { unitSpacing: 'none' } },
  { in: '部署 7B 和 70B 模型，输出 4K 和 1080p 视频，使用 FP16 精度。', typography: { unitSpacing: 'space' } },
  { in: 'A100-80GB 和 H100 80GB 都能跑 24 GB 的模型。', typography: { unitSpacing: 'space' } },
  { in: '显存 24 GB，内存 64 GB，延迟 12 ms。' },
  { in: '运行 `docker run --shm-size 8GB` 与 24 GB 显存。' },
  { in: 'Memory is 24GB and 80 GB.' },
]);
