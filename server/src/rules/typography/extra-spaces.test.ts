// typography/extra-spaces: fixture cases (input → after fix-all with this rule alone).
import { typographyCases } from '../../testing/typography-cases';

typographyCases('typography/extra-spaces', [
  { in: '在 RunPod  上部署', out: '在 RunPod 上部署' },
  { in: '使用   Docker   镜像', out: '使用 Docker 镜像' },
  { in: '在 **H100**  上训练', out: '在 **H100** 上训练' },
  { in: '这一行以硬换行结尾  \n下一行' },
  { in: '| 型号   | 显存  |\n| ------ | ----- |\n| H100   | 80 GB |' },
  { in: '运行 `docker  run` 命令' },
  { in: '```\na    b\n```' },
  { in: '    缩进代码   保持原样' },
]);
