// typography/repeated-punctuation: fixture cases (input → after fix-all with this rule alone).
import { typographyCases } from '../../testing/typography-cases';

typographyCases('typography/repeated-punctuation', [
  { in: 'H100 太快了！！', out: 'H100 太快了！' },
  { in: '真的只要 2 美元一小时？？？', out: '真的只要 2 美元一小时？' },
  { in: '这是真的吗？！' },
  { in: 'H100 太快了！' },
  { in: '运行 `echo "!!"` 试试。' },
]);
