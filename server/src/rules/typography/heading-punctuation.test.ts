// typography/heading-punctuation: fixture cases (input → after fix-all with this rule alone).
import { typographyCases } from '../../testing/typography-cases';

typographyCases('typography/heading-punctuation', [
  { in: '## 安装步骤。', out: '## 安装步骤' },
  { in: '# RunPod 价格说明。\n\n正文。', out: '# RunPod 价格说明\n\n正文。' },
  { in: '## 为什么选择 H100？' },
  { in: '## 安装步骤' },
  { in: '正文以句号结尾。' },
]);
