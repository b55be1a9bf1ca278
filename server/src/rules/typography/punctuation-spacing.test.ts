// typography/punctuation-spacing: fixture cases (input → after fix-all with this rule alone).
import { typographyCases } from '../../testing/typography-cases';

typographyCases('typography/punctuation-spacing', [
  { in: '这是 ， 一个测试 。', out: '这是，一个测试。' },
  { in: '提示： RunPod 支持按秒计费', out: '提示：RunPod 支持按秒计费' },
  { in: '显存 （ 24 GB ） 足够', out: '显存（24 GB）足够' },
  { in: '他说： “ 好 ” 。', out: '他说：“好”。' },
  { in: '提示：RunPod 支持按秒计费。下一句。' },
  { in: '运行 `ls` ， 然后退出', out: '运行 `ls`，然后退出' },
  { in: '第一行，  \n第二行' },
]);
