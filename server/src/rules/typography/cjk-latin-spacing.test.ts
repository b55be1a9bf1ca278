// typography/cjk-latin-spacing: fixture cases (input → after fix-all with this rule alone).
import { typographyCases } from '../../testing/typography-cases';

typographyCases('typography/cjk-latin-spacing', [
  { in: '在RunPod上用8张H100训练', out: '在 RunPod 上用 8 张 H100 训练' },
  { in: '安装Node.js和C++编译器', out: '安装 Node.js 和 C++ 编译器' },
  { in: '支持x86_64架构与Llama-3-70B模型', out: '支持 x86_64 架构与 Llama-3-70B 模型' },
  { in: '升级到v0.3.10版本', out: '升级到 v0.3.10 版本' },
  { in: '售价1,299元，12:30开始，需要3~5天', out: '售价 1,299 元，12:30 开始，需要 3~5 天' },
  { in: '使用`nvidia-smi`查看显存', out: '使用 `nvidia-smi` 查看显存' },
  { in: '用**H100**训练', out: '用 **H100** 训练' },
  { in: '打开[RunPod控制台](https://www.runpod.io/console)创建Pod', out: '打开 [RunPod 控制台](https://www.runpod.io/console)创建 Pod' },
  { in: '详见[文档](https://docs.runpod.io)和Docker Hub', out: '详见[文档](https://docs.runpod.io)和 Docker Hub' },
  { in: '# 在Docker中运行ComfyUI', out: '# 在 Docker 中运行 ComfyUI' },
  { in: '- 第1步：安装CUDA 12.1', out: '- 第 1 步：安装 CUDA 12.1' },
  { in: '在 RunPod 上用 8 张 H100 训练' },
  { in: '中文，English，中文。' },
  { in: '运行 `docker run -it --gpus all pytorch/pytorch` 即可' },
  { in: '```bash\n# 在RunPod上运行\ndocker run -it ubuntu\n```' },
  { in: '访问https://github.com/comfyanonymous/ComfyUI获取代码' },
  { in: '显存为{{gpu:h100-sxm.memoryGB}}GB' },
  { in: '<span title="在RunPod上">说明</span>' },
  { in: '[^1]: 参见RunPod文档', out: '[^1]: 参见 RunPod 文档' },
]);
