// `lint --fix` is safe to run on every save and in CI: it keeps the writer's words (no sections, stubs or tables
// added), never points a link somewhere else, never raises the problem count, and a second run changes nothing.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { cpSync, readdirSync, readFileSync, statSync } from 'node:fs';
import path from 'node:path';
import { fromMarkdown } from 'mdast-util-from-markdown';
import { gfmAutolinkLiteral } from 'micromark-extension-gfm-autolink-literal';
import { gfmAutolinkLiteralFromMarkdown } from 'mdast-util-gfm-autolink-literal';
import { visit } from 'unist-util-visit';
import { REPO, lintJson, runCli, tempWorkspace } from '../support/workspace';

const CORPUS = path.resolve(REPO, '../shared/corpus/zh');

function markdownFiles(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const full = path.join(dir, name);
    return statSync(full).isDirectory() ? markdownFiles(full) : /\.md$/.test(name) ? [full] : [];
  });
}

/** Where a draft's links and images point, as a GFM renderer links them. */
function linkTargets(md: string): string[] {
  const tree = fromMarkdown(md, { extensions: [gfmAutolinkLiteral()], mdastExtensions: [gfmAutolinkLiteralFromMarkdown()] });
  const out: string[] = [];
  visit(tree, (node) => {
    if (node.type === 'link' || node.type === 'image' || node.type === 'definition') out.push((node as { url: string }).url);
  });
  return out;
}

const problemCount = (root: string) => lintJson(['.'], root).reports.reduce((n, r) => n + r.diagnostics.length, 0);

test('fix-all on the samples adds no section and no stub, and the problem count does not go up', () => {
  const ws = tempWorkspace();
  try {
    cpSync(path.join(REPO, 'samples'), ws.root, { recursive: true });
    const drafts = markdownFiles(ws.root);
    const before = new Map(drafts.map((f) => [f, readFileSync(f, 'utf8')]));
    const count = problemCount(ws.root);
    const fixed = runCli(['lint', '--fix', '.'], ws.root);
    assert.ok(fixed.status === 0 || fixed.status === 1, fixed.stderr);
    for (const [file, text] of before) {
      const after = readFileSync(file, 'utf8');
      assert.doesNotMatch(after.replace(text, ''), /\[待补充\]|\[TODO\]/, `${file}: a stub was inserted`);
      const headings = (s: string) => s.split('\n').filter((l) => /^#{1,6} /.test(l)).length;
      assert.equal(headings(after), headings(text), `${file}: fix-all changed the headings`);
    }
    assert.ok(problemCount(ws.root) <= count, 'problems went up after fix-all');
  } finally {
    ws.dispose();
  }
});

test('fix-all on real posts keeps every link target, and a second run changes nothing', () => {
  const files = markdownFiles(CORPUS).filter((f) => /GRPO|swanlab|README|vLLM|部署/.test(f)).slice(0, 16);
  assert.ok(files.length >= 10, 'corpus files found');
  const ws = tempWorkspace();
  try {
    const copies = files.map((f, i) => {
      const rel = `posts/${i}-${path.basename(f)}`;
      return { file: ws.write(rel, readFileSync(f)), original: readFileSync(f, 'utf8') };
    });
    const count = problemCount(ws.root);
    runCli(['lint', '--fix', 'posts'], ws.root);
    const once = copies.map((c) => readFileSync(c.file, 'utf8'));
    copies.forEach((c, i) => assert.deepEqual(linkTargets(once[i]), linkTargets(c.original), `${c.file}: a link points elsewhere after fix-all`));
    assert.ok(copies.some((c, i) => once[i] !== c.original), 'some file was fixed (the test would prove nothing otherwise)');
    assert.ok(problemCount(ws.root) <= count, 'problems went up after fix-all');
    runCli(['lint', '--fix', 'posts'], ws.root);
    copies.forEach((c, i) => assert.equal(readFileSync(c.file, 'utf8'), once[i], `${c.file}: the second fix-all changed it again`));
  } finally {
    ws.dispose();
  }
});

test('an MDX draft with a syntax error gets no structural fix: the contents list is not written again and again', () => {
  // The JSX-looking "目<录" stops the MDX parse, so the list under the heading is unknown to the checker.
  const text = '\n## 📋 目<录\n\n1. 产品概述\n2. 总结\n\n## 1. 产品概述\n\n文字。\n\n## 2. 总结\n\n文字。\n';
  const ws = tempWorkspace({ 'post.mdx': text });
  try {
    const result = runCli(['lint', '--fix', 'post.mdx'], ws.root);
    assert.equal(result.status, 1, result.stderr);
    assert.match(result.stdout, /mdx\/parse-error/);
    assert.equal(readFileSync(path.join(ws.root, 'post.mdx'), 'utf8'), text);
  } finally {
    ws.dispose();
  }
});
