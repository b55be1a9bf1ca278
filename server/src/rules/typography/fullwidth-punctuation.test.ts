// typography/fullwidth-punctuation: fixture cases (input → after fix-all with this rule alone).
import { typographyCases } from '../../testing/typography-cases';

typographyCases('typography/fullwidth-punctuation', [
  { in: '提示:RunPod 支持按秒计费.', out: '提示：RunPod 支持按秒计费。' },
  { in: '显存够用,速度也快!', out: '显存够用，速度也快！' },
  { in: '你用过 ComfyUI 吗?', out: '你用过 ComfyUI 吗？' },
  { in: '第一步;安装驱动', out: '第一步；安装驱动' },
  { in: '说明如下。\n\nWe use RunPod，it is cheap.', out: '说明如下。\n\nWe use RunPod, it is cheap.' },
  { in: '原文是“We use RunPod，it is cheap.”，意思是便宜。', out: '原文是“We use RunPod, it is cheap.”，意思是便宜。' },
  { in: '他说 "Hello, world." 然后离开了。' },
  { in: '版本号是 v0.3.10，时间 12:30，价格 1,299 元。' },
  { in: '安装 Node.js 之后运行。' },
  { in: 'Use Docker, then run it.' },
  { in: '参考：https://docs.runpod.io/docs' },
  { in: '运行 `a,b;c:d` 命令' },
  { in: '比例为 16:9，缩放 1.5 倍。' },
]);
