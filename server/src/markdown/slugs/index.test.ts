// Public API, determinism, linear-time numbering, and the fast numbering schemes checked against the renderers'
// own (quadratic) loops: python-markdown toc.py `unique`, markdown-it-anchor `uniqueSlug`, goldmark/Hugo
// `idFactory.Generate`.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import {
  ANCHOR_STYLES,
  anchorProfile,
  documentAnchors,
  fragmentMatches,
  headingAnchors,
  htmlAnchors,
  isAnchorStyle,
  renderedHeadingText,
  slugify,
  type AnchorStyle,
} from './index';
import { parse } from './testing';
import { counterNumbering, PythonMarkdownIds, SequentialIds } from './unique';

test('ANCHOR_STYLES lists every profile once, and each profile says which style it is', () => {
  assert.deepEqual([...ANCHOR_STYLES].sort(), ['docusaurus', 'github', 'gitlab', 'hexo', 'hugo', 'mkdocs', 'vitepress', 'vscode']);
  for (const style of ANCHOR_STYLES) assert.equal(anchorProfile(style).style, style);
  assert.equal(isAnchorStyle('github'), true);
  assert.equal(isAnchorStyle('jekyll'), false);
  assert.throws(() => anchorProfile('jekyll' as AnchorStyle), TypeError);
});

test('renderedHeadingText: reference label never appears, explicit id is split off', () => {
  const md = '## Title [ref][goodref] {#custom}\n\n[goodref]: https://example.com';
  const heading = parse(md).children[0];
  assert.ok(heading && heading.type === 'heading');
  assert.deepEqual(renderedHeadingText(heading, 'github', { source: md }), { text: 'Title ref {#custom}' });
  assert.deepEqual(renderedHeadingText(heading, 'docusaurus', { source: md }), { text: 'Title ref', explicitId: 'custom' });
  assert.deepEqual(renderedHeadingText(heading, 'mkdocs', { source: md }), { text: 'Title ref', explicitId: 'custom' });
  assert.deepEqual(renderedHeadingText(heading, 'vitepress', { source: md }), { text: 'Title ref', explicitId: 'custom' });
  assert.deepEqual(renderedHeadingText(heading, 'hugo', { source: md }), { text: 'Title [ref][goodref]', explicitId: 'custom' });
});

test('slugify and headingAnchors agree on a single heading', () => {
  for (const style of ANCHOR_STYLES) {
    const text = 'GPU 显存：H100 vs A100';
    assert.equal(headingAnchors([{ text }], style)[0], slugify(text, style), style);
  }
});

test('the issue 15 example: GitHub keeps the space an emoji leaves', () => {
  const anchors = Object.fromEntries(ANCHOR_STYLES.map((s) => [s, documentAnchors(parse('## 🚀 快速开始'), s)[0]]));
  assert.deepEqual(anchors, {
    github: '-快速开始',
    gitlab: '-快速开始',
    vscode: '🚀-快速开始',
    mkdocs: '_1',
    hugo: '-快速开始',
    docusaurus: '-快速开始',
    vitepress: '🚀-快速开始',
    hexo: '🚀-快速开始',
  });
});

test('fragmentMatches follows the browser: raw, then percent-decoded, case-sensitive', () => {
  assert.equal(fragmentMatches('快速开始', '快速开始', 'github'), true);
  assert.equal(fragmentMatches('%E5%BF%AB%E9%80%9F%E5%BC%80%E5%A7%8B', '快速开始', 'github'), true);
  // pymdownx percent_encode ids are matched by the encoded fragment a browser produces from either spelling
  assert.equal(fragmentMatches('快速开始', '%E5%BF%AB%E9%80%9F%E5%BC%80%E5%A7%8B', 'mkdocs'), true);
  assert.equal(fragmentMatches('Intro', 'intro', 'github'), false);
  assert.equal(fragmentMatches('', '', 'github'), false);
  assert.equal(fragmentMatches('a%ZZ', 'a%ZZ', 'github'), true);
});

test('htmlAnchors is exported from the index', () => {
  assert.deepEqual(htmlAnchors('<a name="x"></a><h2 id="y">'), ['x', 'y']);
});

test('deterministic: the same input gives the same anchors', () => {
  const md = Array.from({ length: 50 }, (_, i) => `## Heading ${i % 7} {#id${i % 3}}`).join('\n\n');
  for (const style of ANCHOR_STYLES) {
    const tree = parse(md);
    assert.deepEqual(documentAnchors(tree, style, { source: md }), documentAnchors(parse(md), style, { source: md }), style);
  }
});

test('identical headings are numbered in linear time for every style', () => {
  // 20,000 repeats: a loop that restarts at 1 for every heading (the renderers' own) needs 2·10^8 steps here.
  const n = 20000;
  const headings = Array.from({ length: n }, () => ({ text: 'Same heading' }));
  for (const style of ANCHOR_STYLES) {
    const start = performance.now();
    const anchors = headingAnchors(headings, style);
    const ms = performance.now() - start;
    assert.equal(new Set(anchors).size, n, `${style}: all distinct`);
    assert.ok(ms < 2000, `${style}: ${ms.toFixed(1)} ms`);
  }
});

test('a parsed document of 5,000 identical headings', () => {
  const md = Array.from({ length: 5000 }, () => '## 重复的标题 Same').join('\n\n');
  const tree = parse(md);
  for (const style of ANCHOR_STYLES) {
    const start = performance.now();
    const anchors = documentAnchors(tree, style, { source: md });
    const ms = performance.now() - start;
    assert.equal(anchors.length, 5000);
    assert.ok(ms < 3000, `${style}: ${ms.toFixed(1)} ms`);
  }
});

test('adversarial numbering stays fast (python-markdown stems, pre-taken suffixes)', () => {
  const n = 20000;
  let start = performance.now();
  const py = new PythonMarkdownIds();
  for (let i = 1; i <= n; i++) py.reserve(`a_${i}`);
  for (let i = 0; i < n; i++) py.take(i % 2 ? 'a' : 'a_7');
  assert.ok(performance.now() - start < 2000, 'python-markdown ids');
  start = performance.now();
  const seq = new SequentialIds();
  for (let i = 1; i <= n; i++) seq.reserve(`a-${i}`);
  for (let i = 0; i < n; i++) seq.take('a');
  assert.ok(performance.now() - start < 2000, 'sequential ids');
});

// --- the renderers' own loops, as reference implementations ---

/** python-markdown toc.py unique(id, ids) */
function pythonUnique(id: string, ids: Set<string>): string {
  let current = id;
  while (ids.has(current) || !current) {
    const m = /^([\s\S]*)_([0-9]+)$/.exec(current);
    current = m ? `${m[1]}_${Number(m[2]) + 1}` : `${current}_1`;
  }
  ids.add(current);
  return current;
}

/** markdown-it-anchor uniqueSlug(slug, slugs, false, 1); goldmark idFactory.Generate has the same loop */
function markdownItUnique(slug: string, slugs: Set<string>): string {
  let uniq = slug;
  let i = 1;
  while (slugs.has(uniq)) uniq = `${slug}-${i++}`;
  slugs.add(uniq);
  return uniq;
}

/** html-pipeline TableOfContentsFilter */
function counterReference(ids: string[]): string[] {
  const headers = new Map<string, number>();
  return ids.map((id) => {
    const n = headers.get(id) ?? 0;
    headers.set(id, n + 1);
    return n > 0 ? `${id}-${n}` : id;
  });
}

function randomSequence(seed: number, pool: readonly string[], length: number): string[] {
  let x = seed;
  const next = () => {
    x = (x * 1103515245 + 12345) % 2147483648;
    return x / 2147483648;
  };
  return Array.from({ length }, () => pool[Math.floor(next() * pool.length)]!);
}

test('fast numbering equals the renderers\' loops on random sequences', () => {
  const pyPool = ['a', 'a_1', 'a_2', 'a_01', 'a_1_1', '', '_1', '_2', 'b', 'b_3', 'x_9', 'x_10'];
  const mdPool = ['a', 'a-1', 'a-2', 'a-1-1', 'b', 'b-1', '', '-1', 'heading', 'heading-1'];
  for (let seed = 1; seed <= 40; seed++) {
    const reserved = randomSequence(seed * 7, pyPool, 5);
    const seq = randomSequence(seed, pyPool, 120);
    const refIds = new Set(reserved);
    const fast = new PythonMarkdownIds();
    for (const r of reserved) fast.reserve(r);
    assert.deepEqual(seq.map((id) => fast.take(id)), seq.map((id) => pythonUnique(id, refIds)), `python seed ${seed}`);

    const mdSeq = randomSequence(seed, mdPool, 120);
    const explicit = new Set(randomSequence(seed * 3, [0, 1, 2, 3, 4, 5, 6, 7, 8, 9].map(String), 3).map(Number));
    const refSlugs = new Set<string>();
    const ids = new SequentialIds();
    const got: string[] = [];
    const want: string[] = [];
    mdSeq.forEach((slug, i) => {
      if (explicit.has(i % 10)) {
        ids.reserve(slug);
        refSlugs.add(slug);
        got.push(slug);
        want.push(slug);
      } else {
        got.push(ids.take(slug));
        want.push(markdownItUnique(slug, refSlugs));
      }
    });
    assert.deepEqual(got, want, `markdown-it seed ${seed}`);

    const number = counterNumbering();
    assert.deepEqual(mdSeq.map((s) => number(s)), counterReference(mdSeq), `counter seed ${seed}`);
  }
});

test('headings nested in block quotes and lists are included in document order', () => {
  const md = '# A\n\n> ## B\n>\n> - ### C\n\n## D';
  assert.deepEqual(documentAnchors(parse(md), 'github'), ['a', 'b', 'c', 'd']);
});
