// The bare-URL fix wraps exactly what GitHub links, so applying it never changes where a link points.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { checkText, findingsOf } from '../testing/lint-text';
import { applyEdits } from '../markdown/edits';
import { safeFixEdits } from '../engine/fix-all';
import { gfmLiteralUrls } from '../markdown/literal-urls';
import { fromMarkdown } from 'mdast-util-from-markdown';
import { gfmAutolinkLiteral } from 'micromark-extension-gfm-autolink-literal';
import { gfmAutolinkLiteralFromMarkdown } from 'mdast-util-gfm-autolink-literal';
import { visit } from 'unist-util-visit';

const fixAll = async (md: string) => applyEdits(md, safeFixEdits((await checkText(md)).findings)).text;
const hrefs = (md: string) => gfmLiteralUrls(md).map((u) => u.href);
/** Where the links of a text point, as a GFM renderer links them (literal URLs and `<…>` autolinks alike). */
function targets(md: string): string[] {
  const tree = fromMarkdown(md, { extensions: [gfmAutolinkLiteral()], mdastExtensions: [gfmAutolinkLiteralFromMarkdown()] });
  const out: string[] = [];
  visit(tree, 'link', (node) => void out.push(node.url));
  return out;
}

test('an escaped underscore stays inside the link (the CSDN case from the corpus)', async () => {
  const md = '参考：https://blog.csdn.net/weixin\\_38991876/article/details/146474767 。\n';
  const fixed = await fixAll(md);
  assert.equal(fixed, '参考：<https://blog.csdn.net/weixin\\_38991876/article/details/146474767> 。\n');
  assert.deepEqual(targets(fixed), hrefs(md));
});

test('trailing punctuation and unbalanced brackets stay outside, as GitHub does', async () => {
  for (const [md, expected] of [
    ['See https://docs.runpod.io/serverless.\n', 'See <https://docs.runpod.io/serverless>.\n'],
    ['(see https://pytorch.org/get-started)\n', '(see <https://pytorch.org/get-started>)\n'],
    ['Docs: https://example.com/a_(b) here\n', 'Docs: <https://example.com/a_(b)> here\n'],
    ['Query https://a.example.com/x?q=1&b=2, then\n', 'Query <https://a.example.com/x?q=1&b=2>, then\n'],
  ]) {
    const fixed = await fixAll(md);
    assert.equal(fixed, expected);
    assert.deepEqual(targets(fixed), hrefs(md), md);
  }
});

test('a URL that runs on into Chinese text is wrapped as it is linked now, and the message says so', async () => {
  const md = '访问https://www.autodl.com/home获取GPU。\n';
  const [finding] = await findingsOf('remark-lint/no-literal-urls', md);
  assert.match(finding.message, /the link also takes in “获取GPU。”/);
  const fixed = await fixAll(md);
  assert.deepEqual(targets(fixed), hrefs(md), 'fix-all keeps the link target');
  // The writer's own choice (a quick fix, not in fix-all): end the link before the Chinese text.
  const end = finding.fixes!.find((f) => !f.safe)!;
  assert.equal(applyEdits(md, end.edits).text, '访问<https://www.autodl.com/home>获取GPU。\n');
});

test('www. URLs get no automatic fix (an autolink needs a scheme)', async () => {
  const [finding] = await findingsOf('remark-lint/no-literal-urls', 'Go to www.runpod.io today.\n');
  assert.equal(finding.fixes, undefined);
});

/** The bare URL in `md` is reported, with no fix, and fix-all leaves the draft as it is. */
async function assertReportedWithoutFix(md: string): Promise<void> {
  const [finding] = await findingsOf('remark-lint/no-literal-urls', md);
  assert.ok(finding, md);
  assert.equal(finding.fixes, undefined, md);
  assert.equal(await fixAll(md), md);
}

test('no wrap after an unclosed `<` that starts HTML (the added `>` would close it) or inside a spec token', async () => {
  for (const md of ['小<!t http://b.c\n', 'a <span class=x http://b.c\n', 'a </b http://b.c\n', '{{gpu:h(https://pod.io/}}\n']) await assertReportedWithoutFix(md);
  // A closed tag, or a `<` that starts no HTML, does not stop the fix.
  assert.equal(await fixAll('<b>x</b> http://b.c\n'), '<b>x</b> <http://b.c>\n');
  assert.equal(await fixAll('1 < 2 http://b.c\n'), '1 < 2 <http://b.c>\n');
  assert.equal(await fixAll('{{gpu:h100-sxm.memoryGB}} GB, see http://b.c\n'), '{{gpu:h100-sxm.memoryGB}} GB, see <http://b.c>\n');
});

test('no wrap after a backslash, which would escape the `<` (fuzz, case 4084697026)', async () => {
  await assertReportedWithoutFix('see \\https://g.c here\n');
});

test('no wrap in a block quote paragraph whose later lines carry `>` (its extent is not known: fuzz, case 3903233439)', async () => {
  await assertReportedWithoutFix('> *A[*b)\n>址：[*Link*](https://www.mpp.post("/")\n');
  // On the quote's first line the extent is known, and the URL is wrapped.
  assert.equal(await fixAll('> see https://e.com/x\n'), '> see <https://e.com/x>\n');
});
