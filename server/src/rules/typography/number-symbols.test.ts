// typography/number-symbols: fixture cases (input → after fix-all with this rule alone).
import { typographyCases } from '../../testing/typography-cases';

typographyCases('typography/number-symbols', [
  { in: 'GPU 利用率达到 95 %', out: 'GPU 利用率达到 95%' },
  { in: '核心温度 80 °C 左右', out: '核心温度 80°C 左右' },
  { in: '价格为 $ 2.49 每小时', out: '价格为 $2.49 每小时' },
  { in: '月费 ¥ 99 起', out: '月费 ¥99 起' },
  { in: 'GPU 利用率达到 95%，价格 $2.49' },
  { in: '运行 `printf "%d %%"` 输出' },
]);
