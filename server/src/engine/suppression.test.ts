// Silencing checks with comments in the draft, as markdownlint and remark-lint users write them.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { checkText, findingsOf } from '../testing/lint-text';
import { applyEdits } from '../markdown/edits';
import { disableEdits } from './suppression';

const broken = (n: number) => `[link ${n}](#nowhere-${n})`;
const lines = (findings: { range: { start: { line: number } } }[]) => findings.map((f) => f.range.start.line + 1);

test('disable … enable silences a rule between the comments, and only that rule', async () => {
  const md = ['# T', '', broken(1), '', '<!-- benchpress-disable links/missing-anchor -->', '', broken(2), '', '<!-- benchpress-enable links/missing-anchor -->', '', broken(3), ''].join('\n');
  assert.deepEqual(lines(await findingsOf('links/missing-anchor', md)), [3, 11]);
});

test('a group silences its rules; no id silences every rule', async () => {
  const grouped = ['# T', '', '<!-- benchpress-disable links -->', '', broken(1), '', 'Visit https://example.com now.', ''].join('\n');
  assert.deepEqual(await findingsOf('links/missing-anchor', grouped), []);
  assert.equal((await findingsOf('remark-lint/no-literal-urls', grouped)).length, 1, 'another group still reports');
  const all = ['# T', '', '<!-- benchpress-disable -->', '', broken(1), '', 'Visit https://example.com now.', ''].join('\n');
  const remaining = (await checkText(all)).findings.filter((f) => f.range.start.line > 2);
  assert.deepEqual(remaining, []);
});

test('disable-next-line and disable-line silence one line; disable-file the whole file', async () => {
  const md = ['# T', '', '<!-- benchpress-disable-next-line links/missing-anchor -->', broken(1), '', broken(2) + ' <!-- benchpress-disable-line links/missing-anchor -->', '', broken(3), ''].join('\n');
  assert.deepEqual(lines(await findingsOf('links/missing-anchor', md)), [8]);
  const file = ['# T', '', broken(1), '', '<!-- benchpress-disable-file links/missing-anchor -->', '', broken(2), ''].join('\n');
  assert.deepEqual(await findingsOf('links/missing-anchor', file), []);
});

test('remark-lint comments silence the remark-lint rules of that id', async () => {
  const md = ['# T', '', '<!-- lint disable no-literal-urls -->', '', 'See https://a.example.com.', '', '<!-- lint enable no-literal-urls -->', '', 'See https://b.example.com.', '', '<!-- lint ignore no-literal-urls -->', 'See https://c.example.com.', '', 'See https://d.example.com.', ''].join('\n');
  assert.deepEqual(lines(await findingsOf('remark-lint/no-literal-urls', md)), [9, 14]);
  // remark-lint comments name remark-lint rules only.
  const other = ['# T', '', '<!-- lint disable missing-anchor -->', '', broken(1), ''].join('\n');
  assert.equal((await findingsOf('links/missing-anchor', other)).length, 1);
});

test('an id that names no rule is reported where it is written, and silences nothing', async () => {
  const md = ['# T', '', '<!-- benchpress-disable-next-line links/missing-anchr -->', broken(1), ''].join('\n');
  const [unknown] = await findingsOf('suppression/unknown-rule', md);
  assert.ok(unknown);
  assert.deepEqual(unknown.range, { start: { line: 2, character: 34 }, end: { line: 2, character: 53 } });
  assert.match(unknown.message, /links\/missing-anchr/);
  assert.equal((await findingsOf('links/missing-anchor', md)).length, 1);
  const zh = await findingsOf('suppression/unknown-rule', md, { locale: 'zh-cn' });
  assert.match(zh[0].message, /不是 Benchpress 的规则/);
});

test('a comment inside a code block is text, not a directive', async () => {
  const md = ['# T', '', '```html', '<!-- benchpress-disable -->', '```', '', broken(1), ''].join('\n');
  assert.equal((await findingsOf('links/missing-anchor', md)).length, 1);
  assert.deepEqual(await findingsOf('suppression/unknown-rule', md), []);
});

test('the "disable for this line" and "for this file" edits silence exactly that finding', async () => {
  for (const [name, md] of [
    ['after a blank line', ['# T', '', broken(1), '', broken(2), ''].join('\n')],
    ['inside a paragraph', ['# T', '', 'First line,', broken(1) + ' and more.', '', broken(2), ''].join('\n')],
    ['below front matter', ['---', 'title: x', '---', '', broken(1), '', broken(2), ''].join('\n')],
  ] as const) {
    const result = await checkText(md);
    const [first, second] = result.findings.filter((f) => f.ruleId === 'links/missing-anchor');
    const edits = disableEdits(result.view!, first);
    const lineFixed = applyEdits(md, [edits.line!]).text;
    assert.deepEqual((await findingsOf('links/missing-anchor', lineFixed)).map((f) => f.message), [second.message], `${name}: line`);
    const fileFixed = applyEdits(md, [edits.file]).text;
    assert.deepEqual(await findingsOf('links/missing-anchor', fileFixed), [], `${name}: file`);
    // The paragraph stays one paragraph: the comment does not split it.
    if (name === 'inside a paragraph') assert.match(lineFixed, /First line,\n\[link 1\]\(#nowhere-1\) and more\. <!-- benchpress-disable-line links\/missing-anchor -->/);
    if (name === 'below front matter') assert.ok(fileFixed.startsWith('---\ntitle: x\n---\n'), 'front matter stays first');
  }
});

test('a second "disable for this file" adds the rule to the existing comment', async () => {
  const md = ['<!-- benchpress-disable-file links/missing-anchor -->', '# T', '', 'See https://example.com.', ''].join('\n');
  const result = await checkText(md);
  const literal = result.findings.find((f) => f.ruleId === 'remark-lint/no-literal-urls')!;
  const fixed = applyEdits(md, [disableEdits(result.view!, literal).file]).text;
  assert.match(fixed, /^<!-- benchpress-disable-file links\/missing-anchor remark-lint\/no-literal-urls -->\n# T/);
  assert.deepEqual(await findingsOf('remark-lint/no-literal-urls', fixed), []);
});

test('inside a code block only "disable for this file" is offered (a comment there would be code); around it, both', async () => {
  const md = [
    '# T', //                                   0
    '', //                                      1
    '```bash', //                               2  fenced, with a blank line inside
    'nvidia-smi', //                            3
    '', //                                      4
    'docker ps', //                             5
    '```', //                                   6
    '', //                                      7
    'Text after the fence.', //                 8
    '', //                                      9
    '    indented code', //                     10
    '    more code', //                         11
    '', //                                      12
    'Text after the indented code.', //         13
    '', //                                      14
    '~~~~', //                                  15 a longer tilde fence: ``` and ~~~ do not close it
    '~~~', //                                   16
    '```', //                                   17
    '~~~~', //                                  18
    '', //                                      19
    'Last text.', //                            20
    '',
  ].join('\n');
  const view = (await checkText(md)).view!;
  const at = (line: number) => disableEdits(view, { ruleId: 'links/missing-anchor', severity: 'warning', message: 'm', range: { start: { line, character: 0 }, end: { line, character: 1 } } });
  const offered = (line: number) => (at(line).line ? 'line and file' : 'file');
  const inside = [2, 3, 4, 5, 6, 10, 11, 15, 16, 17, 18];
  const outside = [0, 8, 13, 20];
  assert.deepEqual(inside.map(offered), inside.map(() => 'file'), 'inside a code block');
  assert.deepEqual(outside.map(offered), outside.map(() => 'line and file'), 'outside code blocks');
});
