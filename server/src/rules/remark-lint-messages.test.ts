// remark-lint's rules speak Chinese under zh-cn: every rule of the preset, on its own examples (and the other
// shapes its message takes), gives a Chinese message with the same numbers; English stays remark-lint's own.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { findingsOf } from '../testing/lint-text';
import { REMARK_LINT_RULES } from './remark-lint';
import { TRANSLATED_REMARK_LINT_RULES, localizeRemarkLintMessage } from './remark-lint-messages';

const CJK = /[\u4e00-\u9fff]/;

/** Drafts that make each rule report, with its settings; more than one where the message has more shapes. */
const CASES: { rule: string; text: string; options?: unknown; zh: string[] }[] = [
  { rule: 'final-newline', text: '# Title\n\nText', zh: ['文件末尾缺少换行符：文件应以换行符（`\\n`）结束'] },
  { rule: 'list-item-bullet-indent', text: 'Text\n\n - item\n', zh: ['列表项前有 `1` 个空格，应为 `0` 个，请删除'] },
  { rule: 'list-item-indent', text: '-   item\n', zh: ['列表标记与内容之间有 `3` 个空格，应为 `1` 个，请删除 `2` 个'] },
  { rule: 'list-item-indent', text: '- item\n', options: 'tab', zh: ['列表标记与内容之间有 `1` 个空格，应为 `3` 个，请添加 `2` 个'] },
  { rule: 'list-item-indent', text: '- a\n\n- b\n', options: 'mixed', zh: ['松散列表中，列表标记与内容之间有 `1` 个空格，应为 `3` 个，请添加 `2` 个', '松散列表中，列表标记与内容之间有 `1` 个空格，应为 `3` 个，请添加 `2` 个'] },
  { rule: 'no-blockquote-without-marker', text: '> quote\ncontinued\n', zh: ['引用块中的段落行前有 `0` 个引用标记（`>`），应为 `1` 个，请添加 `1` 个'] },
  { rule: 'ordered-list-marker-style', text: '1) one\n2) two\n', zh: ['有序列表标记用了 `)`，应为 `.`', '有序列表标记用了 `)`，应为 `.`'] },
  { rule: 'hard-break-spaces', text: 'line   \nnext\n', zh: ['硬换行用了 `3` 个空格，应为 `2` 个'] },
  { rule: 'hard-break-spaces', text: 'line  \nnext\n', options: { allowSpaces: false }, zh: ['硬换行用了 `2` 个空格，应改用反斜杠（`\\`）换行'] },
  { rule: 'no-heading-content-indent', text: '#  Title\n', zh: ['标题的 `#` 与文字之间有 `2` 个空格，应为 `1` 个，请删除 `1` 个'] },
  { rule: 'no-heading-content-indent', text: '# Title   #\n', zh: ['标题文字与结尾的 `#` 之间有 `3` 个空格，应为 `1` 个，请删除 `2` 个'] },
];

const settings = (rule: string, options: unknown) => ({ rules: { [`remark-lint/${rule}`]: options === undefined ? 'warning' : ['warning', options] } });

test('every remark-lint rule Benchpress runs has Chinese messages in the table', () => {
  assert.deepEqual(REMARK_LINT_RULES.map((r) => r.id).filter((id) => !TRANSLATED_REMARK_LINT_RULES.includes(id)), []);
  assert.deepEqual([...new Set(CASES.map((c) => `remark-lint/${c.rule}`))].sort(), REMARK_LINT_RULES.map((r) => r.id).sort(), 'a case for each rule');
});

for (const c of CASES) {
  test(`remark-lint/${c.rule}${c.options === undefined ? '' : ` ${JSON.stringify(c.options)}`}: Chinese under zh-cn, remark-lint's English under en`, async () => {
    const id = `remark-lint/${c.rule}`;
    const zh = await findingsOf(id, c.text, { locale: 'zh-cn', settings: settings(c.rule, c.options) });
    assert.deepEqual(zh.map((f) => f.message), c.zh);
    const en = await findingsOf(id, c.text, { locale: 'en', settings: settings(c.rule, c.options) });
    assert.equal(en.length, c.zh.length);
    for (const f of en) assert.match(f.message, /^Unexpected /);
    // Same places in both languages.
    assert.deepEqual(zh.map((f) => f.range), en.map((f) => f.range));
  });
}

test('a message whose shape the table does not know stays as remark-lint wrote it', () => {
  assert.equal(localizeRemarkLintMessage('remark-lint/final-newline', 'Some new upstream wording', 'zh-cn'), 'Some new upstream wording');
  assert.equal(localizeRemarkLintMessage('remark-lint/unknown-rule', 'Unexpected thing', 'zh-cn'), 'Unexpected thing');
  assert.ok(CJK.test(localizeRemarkLintMessage('remark-lint/hard-break-spaces', 'Unexpected `4` spaces for hard break, expected `2` spaces', 'zh-cn')));
});
