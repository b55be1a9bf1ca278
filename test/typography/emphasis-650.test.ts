// Emphasis next to CJK punctuation (commonmark/commonmark-spec#650): every example collected in that thread (the
// issue's own, the list of all examples posted in it, the Chinese table of marks, and the examples of the PR that
// addresses it) is read by a CommonMark parser; typography/emphasis-punctuation reports exactly the ones whose
// asterisks stay literal, and where its fix applies, the fixed text renders the emphasis with the same visible
// characters (only punctuation moved out of the markers, or a space added outside them).
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { fromMarkdown } from 'mdast-util-from-markdown';
import type { Nodes } from 'mdast';
import { checkText } from '../../server/src/testing/lint-text';
import { fixWith } from '../../server/src/testing/typography-cases';

const RULE = 'typography/emphasis-punctuation';

const CASES: string[] = [
  // The issue.
  '**テスト。**テスト', '**テスト**。テスト', '**テスト、**テスト', '**テスト**、テスト', '**テスト？**テスト', '**テスト**？テスト',
  'これは**私のやりたかったこと。**だからするの。',
  // "All example" (a comment in the thread).
  '**[製品ほげ](./product-foo)**と**[製品ふが](./product-bar)**をお試しください',
  '単語と**[単語と](word-and)**単語',
  '**これは太字になりません。**ご注意ください。',
  'カッコに注意**（太字にならない）**文が続く場合に要警戒。',
  '**[リンク](https://example.com)**も注意。（画像も同様）',
  '先頭の**`コード`も注意。**',
  '**末尾の`コード`**も注意。',
  '税込**¥10,000**で入手できます。',
  '正解は**④**です。',
  '太郎は\\ **「こんにちわ」**\\ といった',
  '太郎は&#x200B;**「こんにちわ」**&#x200B;といった',
  '太郎は**「こんにちわ」**といった',
  '太郎は **「こんにちわ」** といった',
  '太郎は**"こんにちわ"**といった',
  '太郎は**こんにちわ**といった',
  '太郎は**「Hello」**といった',
  '太郎は**"Hello"**といった',
  '太郎は**Hello**といった',
  '太郎は**「Oh my god」**といった',
  '太郎は**"Oh my god"**といった',
  '太郎は**Oh my god**といった',
  '**C#**や**F#**は**「.NET」**というプラットフォーム上で動作します。',
  'IDが**001号**になります。',
  'IDが**００１号**になります。',
  'Go**「初心者」**を対象とした記事です。',
  'Go**"初心者"**を対象とした記事です。',
  '**⻲田太郎**と申します',
  '・**㋐**:選択肢１つ目',
  '私は**⻲田太郎**と申します',
  '選択肢**㋐**: 1つ目の選択肢',
  // The Chinese marks (a comment in the thread), and its workarounds.
  ...'，。、；：？！“”‘’（）【】《》—～…·〃-々'.split('').map((p) => `**真${p}**她`),
  '**真**她', '**真，** 她', '**真**，她', '**真，**&ZeroWidthSpace;她',
  // The PR that addresses the issue (commonmark-spec#839), and the markdig report of the same problem.
  'これは**「重要なこと」**です。',
  '这是**我想做的事。**所以继续。',
  '不如人意的**《李茶的姑妈》**已经为开心麻花影业敲响警钟',
];

function literalAsterisks(md: string): boolean {
  const tree = fromMarkdown(md);
  let found = false;
  const walk = (n: Nodes) => {
    if (n.type === 'text' && n.value.includes('*')) found = true;
    if ('children' in n) for (const c of n.children) walk(c as Nodes);
  };
  walk(tree);
  return found;
}

const visible = (md: string) => md.replace(/[* ]/g, '');

for (const md of CASES) {
  const text = `${md}\n`;
  const broken = literalAsterisks(text);
  test(`#650 ${broken ? 'flagged' : 'renders, not flagged'}: ${md}`, async () => {
    const findings = (await checkText(text, { rules: [RULE] })).findings.filter((f) => f.ruleId === RULE);
    assert.equal(findings.length > 0, broken, broken ? 'the asterisks stay literal, so the rule must report it' : `it renders; reported: ${findings.map((f) => f.message)}`);
    if (!broken) return;
    const { text: fixed } = await fixWith(text, { rules: [RULE] });
    if (fixed === text) {
      // No automatic fix (it would change what is emphasised): the finding offers the writer's choice.
      assert.ok(findings.some((f) => f.fixes?.length || /Move/.test(f.message)), 'no fix, but the message says what to do');
      return;
    }
    assert.equal(literalAsterisks(fixed), false, `the fix renders: ${fixed}`);
    assert.equal(visible(fixed), visible(text), 'the same visible characters');
  });
}

test('#650: most broken examples get an automatic fix', async () => {
  let broken = 0;
  let fixed = 0;
  for (const md of CASES) {
    const text = `${md}\n`;
    if (!literalAsterisks(text)) continue;
    broken++;
    if ((await fixWith(text, { rules: [RULE] })).text !== text) fixed++;
  }
  assert.ok(broken >= 25, `${broken} broken examples`);
  assert.ok(fixed >= broken * 0.7, `${fixed} of ${broken} fixed automatically`);
});
