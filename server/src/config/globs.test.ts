// File globs of `ignore` and `overrides[].files`: relative to the workspace root, `**` `*` `?` `{a,b}` `[…]`, a
// folder's pattern covering its contents, and `!` taking files back, the last matching pattern deciding.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { compileGlobs, globProblem } from './globs';
import { localize } from '../base/i18n';

const matching = (patterns: string[], paths: string[]) => {
  const globs = compileGlobs(patterns);
  return paths.filter((p) => globs.matches(p));
};

test('** crosses folders, * and ? stay within a name', () => {
  const paths = ['a.md', 'docs/a.md', 'docs/ref/deep/x.md', 'docs/ab.md', 'docs/abc.md', 'other/docs/a.md'];
  assert.deepEqual(matching(['docs/**'], paths), ['docs/a.md', 'docs/ref/deep/x.md', 'docs/ab.md', 'docs/abc.md']);
  assert.deepEqual(matching(['docs/*.md'], paths), ['docs/a.md', 'docs/ab.md', 'docs/abc.md']);
  assert.deepEqual(matching(['docs/a?.md'], paths), ['docs/ab.md']);
  assert.deepEqual(matching(['**/a.md'], paths), ['a.md', 'docs/a.md', 'other/docs/a.md']);
  assert.deepEqual(matching(['*.md'], paths), ['a.md'], 'relative to the root: no slash does not mean anywhere');
});

test('{a,b} alternatives and [classes]', () => {
  const paths = ['en/x.md', 'zh/x.md', 'fr/x.md', 'v1.md', 'v2.md', 'v3.md'];
  assert.deepEqual(matching(['{en,zh}/*.md'], paths), ['en/x.md', 'zh/x.md']);
  assert.deepEqual(matching(['v[12].md'], paths), ['v1.md', 'v2.md']);
});

test('a pattern that matches a folder covers everything in it; ./ and a leading or trailing / are the same pattern', () => {
  const paths = ['generated/a.md', 'generated/sub/b.md', 'generated.md', 'docs/generated/c.md'];
  for (const p of ['generated', './generated', '/generated', 'generated/']) assert.deepEqual(matching([p], paths), ['generated/a.md', 'generated/sub/b.md'], p);
  assert.deepEqual(matching(['**/generated'], paths), ['generated/a.md', 'generated/sub/b.md', 'docs/generated/c.md']);
});

test('! takes files back; the last matching pattern decides', () => {
  const paths = ['ref/a.md', 'ref/index.md', 'ref/keep/b.md', 'x.md'];
  assert.deepEqual(matching(['ref/**', '!ref/index.md', '!ref/keep'], paths), ['ref/a.md']);
  assert.deepEqual(matching(['ref/**', '!ref/index.md', 'ref/index.md'], paths), ['ref/a.md', 'ref/index.md', 'ref/keep/b.md']);
  assert.deepEqual(matching(['!ref/a.md'], paths), [], 'a negation alone matches nothing');
});

test('dot files and folders match like others; paths outside the root never match', () => {
  const globs = compileGlobs(['**']);
  assert.equal(globs.matches('.github/a.md'), true);
  assert.equal(globs.matches('../elsewhere/a.md'), false);
  assert.equal(globs.matches('/abs/a.md'), false);
  assert.equal(compileGlobs([]).matches('a.md'), false);
});

test('a folder is skipped by a walk only when no negation could take a file in it back', () => {
  assert.equal(compileGlobs(['gen']).skipsFolder('gen'), true);
  assert.equal(compileGlobs(['gen', '!gen/keep.md']).skipsFolder('gen'), false);
  assert.equal(compileGlobs(['gen/*.md']).skipsFolder('gen'), false);
});

test('problems: empty, absolute, leaving the root, backslashes; usable patterns have none', () => {
  assert.match(localize(globProblem('')!, 'en'), /matches nothing/);
  assert.match(localize(globProblem('!')!, 'en'), /matches nothing/);
  assert.match(localize(globProblem('C:\\docs\\*.md')!, 'en'), /absolute path/);
  assert.match(localize(globProblem('../shared/**')!, 'en'), /leaves the workspace root/);
  assert.match(localize(globProblem('docs\\*.md')!, 'en'), /backslash/);
  assert.match(localize(globProblem(3)!, 'en'), /expected a string/);
  for (const ok of ['docs/**', '!docs/a.md', '{a,b}/*.md', '/root.md', 'a?.md']) assert.equal(globProblem(ok), undefined, ok);
  // Bad patterns are left out of a compiled list rather than matching something unexpected.
  assert.deepEqual(compileGlobs(['../x', 'a.md']).matches('a.md'), true);
});
