// typography/emphasis-punctuation: fixture cases (input → after fix-all with this rule alone). The cases of
// commonmark/commonmark-spec#650 are all checked in test/typography/emphasis-650.test.ts.
import { typographyCases } from '../../testing/typography-cases';

typographyCases('typography/emphasis-punctuation', [
  { in: '**中文（括号）。**继续', out: '**中文（括号）**。继续' },
  { in: '这是**我想做的事。**所以继续。', out: '这是**我想做的事**。所以继续。' },
  { in: '请注意**显存不足！**然后重试。', out: '请注意**显存不足**！然后重试。' },
  { in: '不如人意的**《李茶的姑妈》**已经上映', out: '不如人意的《**李茶的姑妈**》已经上映' },
  { in: '强调*一下，*然后继续', out: '强调*一下*，然后继续' },
  { in: '这是**重要**的设置。' },
  { in: '**重要：** 先备份数据。' },
  { in: '注意：**备份数据**。' },
  { in: '运行 `**不是强调。**继续` 命令' },
]);
