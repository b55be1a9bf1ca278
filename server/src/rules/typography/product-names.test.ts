// typography/product-names: fixture cases (input → after fix-all with this rule alone).
import { typographyCases } from '../../testing/typography-cases';

typographyCases('typography/product-names', [
  { in: '代码放在 github 上', out: '代码放在 GitHub 上' },
  { in: '用 pytorch 和 comfyui 生成图片', out: '用 PyTorch 和 ComfyUI 生成图片' },
  { in: '安装 nvidia 驱动和 cuda 工具包', out: '安装 NVIDIA 驱动和 CUDA 工具包' },
  { in: '在 Runpod 上租 RTX4090', out: '在 RunPod 上租 RTX 4090' },
  { in: '用 docker 打包', out: '用 Docker 打包' },
  { in: '模型来自 huggingface', out: '模型来自 Hugging Face' },
  { in: '用 deepseek 写代码', out: '用 DeepSeek 写代码', typography: { names: ['DeepSeek'] } },
  { in: '运行 `docker run -it pytorch/pytorch`' },
  { in: '克隆 https://github.com/comfyanonymous/ComfyUI 仓库' },
  { in: '[仓库](https://github.com/runpod/runpod-python) 地址' },
  { in: '路径是 /usr/local/cuda/bin' },
  { in: '执行 docker run -it ubuntu 进入容器' },
  { in: '先 pip install comfyui 再启动' },
  { in: '用 sudo apt install nvidia-driver-535 安装驱动' },
  { in: '调用 torch.cuda.is_available() 检查' },
  { in: '文件 nvidia-smi.exe 在这里' },
  { in: '用 GitHub 和 PyTorch' },
  { in: '邮件发到 team@runpod.io 即可' },
]);
