// remark-lint/no-shortcut-reference-link and -image: shortcut references are reported wherever their definition
// is — in the same chunk or another (a later section, another piece of a long section) — and their fix writes the
// collapsed form, which uses the same definition.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { checkText, findingsOf } from '../../testing/lint-text';
import { safeFixEdits } from '../../engine/fix-all';
import { applyEdits } from '../../markdown/edits';
import { splitChunks } from '../../markdown/chunks';

const LINK = 'remark-lint/no-shortcut-reference-link';
const IMAGE = 'remark-lint/no-shortcut-reference-image';
const at = async (rule: string, text: string) => (await findingsOf(rule, text)).map((f) => `${f.range.start.line}:${f.range.start.character}-${f.range.end.character}`);

test('a shortcut reference to a definition in the same chunk: the link and the image are reported, not the other forms', async () => {
  const text = 'See [docs], [docs][], [the docs][docs], [1] and ![logo].\n\n[docs]: https://example.com\n[logo]: logo.png\n';
  assert.deepEqual(await at(LINK, text), ['0:4-10']);
  assert.deepEqual(await at(IMAGE, text), ['0:48-55']);
});

test('a shortcut reference whose definition is in another chunk is reported as one in the same chunk is', async () => {
  const filler = Array.from({ length: 120 }, (_, i) => `Filler ${i}, a paragraph that makes the section long enough to be a chunk of its own.\n\n`).join('');
  const sections = `# A\n\nSee [docs] and ![logo].\n\n${filler}## Links\n\n[docs]: https://example.com\n[logo]: logo.png\n`;
  const pieces = `See [docs] and ![logo].\n\n${filler}${filler}[docs]: https://example.com\n[logo]: logo.png\n`;
  for (const [name, text, line] of [['sections', sections, 2], ['pieces of one section', pieces, 0]] as const) {
    assert.ok(splitChunks(text).length > 1, `${name}: the reference and the definitions are in different chunks`);
    assert.deepEqual(await at(LINK, text), [`${line}:4-10`], name);
    assert.deepEqual(await at(IMAGE, text), [`${line}:15-22`], name);
  }
});

test('not reported: brackets with no definition, escaped, or in code', async () => {
  const text = 'A [note] here, \\[docs], `[docs]` and\n\n    [docs]\n\n[docs]: https://example.com\n';
  assert.deepEqual(await at(LINK, text), []);
});

test('the fix writes the collapsed form, in English and Chinese messages', async () => {
  const text = 'See [docs] and ![logo].\n\n[docs]: https://example.com\n[logo]: logo.png\n';
  const { findings } = await checkText(text);
  const fixed = applyEdits(text, safeFixEdits(findings.filter((f) => f.ruleId === LINK || f.ruleId === IMAGE))).text;
  assert.equal(fixed, 'See [docs][] and ![logo][].\n\n[docs]: https://example.com\n[logo]: logo.png\n');
  assert.deepEqual(await at(LINK, fixed), []);
  assert.deepEqual(await at(IMAGE, fixed), []);
  assert.equal((await findingsOf(LINK, text, { locale: 'zh-cn' }))[0].message, '链接引用使用了简写形式（`[text]`），应写成折叠形式（`[text][]`）');
  assert.equal((await findingsOf(IMAGE, text))[0].message, 'Unexpected shortcut reference image (`![text]`), expected collapsed reference (`![text][]`)');
});
