// typography/quotes: fixture cases (input → after fix-all with this rule alone).
import { typographyCases } from '../../testing/typography-cases';

typographyCases('typography/quotes', [
  { in: '他说"你好"然后走了', out: '他说“你好”然后走了' },
  { in: '所谓“冷启动”是指', out: '所谓「冷启动」是指', typography: { quotes: 'corner' } },
  { in: '所谓「冷启动」是指', out: '所谓“冷启动”是指' },
  { in: '所谓「冷启动」是指', typography: { quotes: 'corner' } },
  { in: '所谓“冷启动”是指' },
  { in: '设置 "runtime": "nvidia" 即可' },
  { in: '在 `"key": "值"` 中' },
]);
