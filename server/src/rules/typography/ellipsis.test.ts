// typography/ellipsis: fixture cases (input → after fix-all with this rule alone).
import { typographyCases } from '../../testing/typography-cases';

typographyCases('typography/ellipsis', [
  { in: '模型加载中...请稍候', out: '模型加载中……请稍候' },
  { in: '然后呢。。。', out: '然后呢……' },
  { in: '等待镜像拉取…', out: '等待镜像拉取……' },
  { in: '安装完成……接下来配置' },
  { in: '参数列表 `f(a, ...)` 可变' },
  { in: 'Loading... please wait.' },
  { in: '下载 v1.2...v1.3 之间的补丁' },
]);
