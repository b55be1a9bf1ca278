// typography/brackets: fixture cases (input → after fix-all with this rule alone).
import { typographyCases } from '../../testing/typography-cases';

typographyCases('typography/brackets', [
  { in: '使用(GPU)加速', out: '使用（GPU）加速' },
  { in: '显存(显卡内存)越大越好', out: '显存（显卡内存）越大越好' },
  { in: '调用 print() 函数，A100(80GB) 版本' },
  { in: '区间 (0, 1) 内的值' },
  { in: '显存（显卡内存）越大越好' },
  { in: '显存（显卡内存）越大越好', out: '显存 (显卡内存) 越大越好', typography: { brackets: 'halfwidth' } },
  { in: '显存 (显卡内存) 越大越好', typography: { brackets: 'halfwidth' } },
  { in: '[链接](https://example.com/a_(b)) 中文' },
]);
