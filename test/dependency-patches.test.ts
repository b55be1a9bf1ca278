// The bundle-time patches of scripts/dependency-patches.mjs: each applies to the installed dependency, and a bundle
// built with them parses exactly as one built without them (tables, many definitions and references, footnotes).
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import * as esbuild from 'esbuild';
import { REPO } from './support/workspace';
import { CORPUS_DIR } from './fuzz/lib/generate';
// @ts-expect-error plain ES module without types
import { TEXT_PATCHES, MODULE_REPLACEMENTS, patchSource, dependencyPatches } from '../scripts/dependency-patches.mjs';
// @ts-expect-error plain ES module without types
import { generateScaleCase } from '../bench/scale-cases.mjs';

test('every text patch applies to the installed dependency', () => {
  for (const patch of TEXT_PATCHES as { file: string }[]) {
    const file = path.join(REPO, 'node_modules', patch.file);
    const patched = patchSource(file, readFileSync(file, 'utf8'));
    assert.ok(patched && patched !== readFileSync(file, 'utf8'), patch.file);
  }
  for (const m of MODULE_REPLACEMENTS as { importer: string; request: string }[]) {
    assert.match(readFileSync(path.join(REPO, 'node_modules', m.importer), 'utf8'), new RegExp(`from '${m.request.replace(/\./g, '\\.')}'`));
  }
});

test('a parser bundled with the patches gives the same trees as one without them (GFM and the corpus included)', async () => {
  const dir = mkdtempSync(path.join(tmpdir(), 'bp-patches-'));
  try {
    const entry = path.join(dir, 'entry.mjs');
    writeFileSync(entry, `
      import { fromMarkdown } from 'mdast-util-from-markdown';
      import { gfmTable } from 'micromark-extension-gfm-table';
      import { gfmTableFromMarkdown } from 'mdast-util-gfm-table';
      import { gfmFootnote } from 'micromark-extension-gfm-footnote';
      import { gfmFootnoteFromMarkdown } from 'mdast-util-gfm-footnote';
      import { gfm } from 'micromark-extension-gfm';
      import { gfmFromMarkdown } from 'mdast-util-gfm';
      export const parse = (text) => JSON.stringify(fromMarkdown(text, { extensions: [gfmTable(), gfmFootnote()], mdastExtensions: [gfmTableFromMarkdown(), gfmFootnoteFromMarkdown()] }));
      // All of GFM (autolink literals included), as the preview parses.
      export const parseGfm = (text) => JSON.stringify(fromMarkdown(text, { extensions: [gfm()], mdastExtensions: [gfmFromMarkdown()] }));
    `);
    const build = async (patched: boolean) => {
      const outfile = path.join(dir, patched ? 'patched.cjs' : 'plain.cjs');
      await esbuild.build({ entryPoints: [entry], bundle: true, platform: 'node', format: 'cjs', outfile, logLevel: 'silent', plugins: patched ? [dependencyPatches()] : [], nodePaths: [path.join(REPO, 'node_modules')] });
      return require(outfile) as { parse: (text: string) => string; parseGfm: (text: string) => string };
    };
    const [plain, patched] = [await build(false), await build(true)];
    assert.match(readFileSync(path.join(dir, 'patched.cjs'), 'utf8'), /benchpressLabels/);
    const texts = [
      generateScaleCase('table', { count: 60 }),
      generateScaleCase('refdefs', { count: 60 }),
      '| a | b |\n|---|:-:|\n| 1 | 2 | 3 |\n| x |\n\n| one |\n| --- |\n| `|` \\| |\n',
      '[a][x] [b][] [c] [^1] [^2] [x]\n\n[x]: /u\n[X]: /v\n[c]: /w "t"\n\n[^1]: note\n[^1]: again\n',
      '> | t |\n> |---|\n> | 1 |\n\n- | a |\n  |---|\n',
      // Containers opening and closing (the document tokenizer's edits): lists, nested lists, quotes with lazy lines,
      // footnote definitions with indented continuations.
      Array.from({ length: 40 }, (_, i) => `- item ${i}\n  - nested\n    > deep\n> quote ${i}\nlazy\n\n[^f${i}]: note\n    more\n\npara [^f${i}]\n\n1. one\n2. two\n   lazy\n`).join(''),
    ];
    for (const text of texts) assert.equal(patched.parse(text), plain.parse(text), text.slice(0, 60));
    // Unclosed and closed brackets before words, e-mail addresses and URLs (autolink literals), runs of data
    // between other constructs (the text merge), in paragraphs, tables, quotes and lists; and the corpus.
    const gfmTexts = [
      ...texts,
      '[l ' + 'word a@b.co www.x.com '.repeat(200) + '] after [x](u) word [y [z](v) w ] a@b.co\n',
      '| a | b |\n|---|---|\n' + '| [x | word a@b.co https://x.io/a_b |\n'.repeat(50) + '\n> [q ' + 'w '.repeat(100) + '\n- [l item me@x.org\n',
      '![i ' + 'x+y@z.io '.repeat(100) + '\n\n[a]: /u\n\n[a] [b] [a][] text_with_under a@b ~~s~~ *e* **s** `c` <http://x> &amp; \\[ \\]\n',
      'x [^1] [ [ [ a@b.co ] ] ] [[w]](u) [w](<u> "t") ![a [b](c)](d) www.example.com/path_(x) http://a.b/c?d=e&f=g.\n\n[^1]: n\n',
    ];
    if (existsSync(CORPUS_DIR)) {
      const walk = (dir: string): string[] => readdirSync(dir, { withFileTypes: true }).flatMap((e) => (e.isDirectory() ? walk(path.join(dir, e.name)) : /\.mdx?$/.test(e.name) ? [path.join(dir, e.name)] : []));
      for (const file of walk(CORPUS_DIR)) gfmTexts.push(readFileSync(file, 'utf8'));
    }
    for (const text of gfmTexts) assert.equal(patched.parseGfm(text), plain.parseGfm(text), text.slice(0, 60));
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});

test('a tree walk bundled with the patches visits the same nodes in the same order as one without them', async () => {
  const dir = mkdtempSync(path.join(tmpdir(), 'bp-patches-'));
  try {
    const entry = path.join(dir, 'entry.mjs');
    writeFileSync(entry, `
      import { fromMarkdown } from 'mdast-util-from-markdown';
      import { visitParents, SKIP, EXIT } from 'unist-util-visit-parents';
      import { visit } from 'unist-util-visit';
      export const walk = (text) => {
        const tree = fromMarkdown(text);
        const seen = [];
        visitParents(tree, (node, parents) => { seen.push(['all', node.type, parents.length]); return node.type === 'list' ? SKIP : undefined; });
        visit(tree, 'text', (node, index, parent) => { seen.push(['text', index, parent.type]); return node.value === 'stop' ? EXIT : undefined; });
        visitParents(tree, 'heading', (node, parents) => { seen.push(['heading', node.depth, parents.length]); }, true);
        return JSON.stringify(seen);
      };
    `);
    const build = async (patched: boolean) => {
      const outfile = path.join(dir, patched ? 'patched.cjs' : 'plain.cjs');
      await esbuild.build({ entryPoints: [entry], bundle: true, platform: 'node', format: 'cjs', outfile, logLevel: 'silent', plugins: patched ? [dependencyPatches()] : [], nodePaths: [path.join(REPO, 'node_modules')] });
      return require(outfile).walk as (text: string) => string;
    };
    const [plain, patched] = [await build(false), await build(true)];
    assert.doesNotMatch(readFileSync(path.join(dir, 'patched.cjs'), 'utf8'), /defineProperty\(visit, "name"/);
    const text = '# A\n\n- one *two*\n  - three\n\n> quote\n\n## B\n\npara `code` stop more\n\n### C\n';
    assert.equal(patched(text), plain(text));
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});

test('the replacement EditMap makes the same edits as the original', async () => {
  const original = await import(path.join(REPO, 'node_modules/micromark-extension-gfm-table/lib/edit-map.js'));
  const replacement = await import(path.join(REPO, 'scripts/patches/gfm-table-edit-map.js'));
  let seed = 3;
  const rand = () => ((seed = (seed * 1103515245 + 12345) % 2 ** 31) / 2 ** 31);
  for (let round = 0; round < 200; round++) {
    const events = Array.from({ length: 40 }, (_, i) => `e${i}`);
    const edits = Array.from({ length: Math.floor(rand() * 12) }, () => [Math.floor(rand() * 40), Math.floor(rand() * 2), Array.from({ length: Math.floor(rand() * 3) }, (_, k) => `a${round}-${k}`)] as const);
    const run = (EditMap: new () => { add(i: number, r: number, a: string[]): void; consume(e: string[]): void }) => {
      const map = new EditMap();
      const list = [...events];
      for (const [at, remove, add] of edits) map.add(at, remove, [...add]);
      map.consume(list);
      return list;
    };
    assert.deepEqual(run(replacement.EditMap), run(original.EditMap));
  }
});

test('the message encoder bundled with the patches writes the same bytes as the original, reusing kept diagnostics', async () => {
  const dir = mkdtempSync(path.join(tmpdir(), 'bp-patches-'));
  try {
    const entry = path.join(dir, 'entry.mjs');
    writeFileSync(entry, `import RIL from ${JSON.stringify(path.join(REPO, 'node_modules/vscode-jsonrpc/lib/node/ril.js'))};\nexport const encode = (msg) => RIL.default().applicationJson.encoder.encode(msg, { charset: 'utf-8' });\n`);
    const build = async (patched: boolean) => {
      const outfile = path.join(dir, patched ? 'patched.cjs' : 'plain.cjs');
      await esbuild.build({ entryPoints: [entry], bundle: true, platform: 'node', format: 'cjs', outfile, logLevel: 'silent', plugins: patched ? [dependencyPatches()] : [], nodePaths: [path.join(REPO, 'node_modules')] });
      return require(outfile).encode as (msg: unknown) => Promise<Buffer>;
    };
    const [plain, patched] = [await build(false), await build(true)];
    assert.match(readFileSync(path.join(dir, 'patched.cjs'), 'utf8'), /benchpressEncode/);
    const diagnostic = (i: number) => ({ range: { start: { line: i, character: 0 }, end: { line: i, character: 4 } }, severity: 2, source: 'benchpress', code: 'typography/quotes', codeDescription: { href: 'https://example.com/rules.md#typography-quotes' }, message: `“引号” "quoted" \\ \u2028 ${i}`, ...(i % 5 === 0 ? { data: { n: i, skip: undefined } } : {}) });
    const kept = Array.from({ length: 40 }, (_, i) => diagnostic(i));
    const messages = [
      { jsonrpc: '2.0', method: 'textDocument/publishDiagnostics', params: { uri: 'file:///a/"diagnostics":[]/b.md', version: 3, diagnostics: kept } },
      // The same objects again (their kept JSON is used), some replaced, one moved.
      { jsonrpc: '2.0', method: 'textDocument/publishDiagnostics', params: { uri: 'file:///a/b.md', version: 4, diagnostics: [...kept.slice(0, 10), diagnostic(100), ...kept.slice(11), kept[0]] } },
      { jsonrpc: '2.0', method: 'textDocument/publishDiagnostics', params: { uri: 'file:///a/b.md', diagnostics: [] } },
      { jsonrpc: '2.0', method: 'textDocument/publishDiagnostics', params: { uri: 'file:///a/b.md', diagnostics: kept.slice(0, 3) } },
      { jsonrpc: '2.0', id: 7, result: { items: kept } },
      // Another document in between; then the first again: lines added (new objects after some point), removed, all new.
      { jsonrpc: '2.0', method: 'textDocument/publishDiagnostics', params: { uri: 'file:///c.md', version: 1, diagnostics: kept.slice(5) } },
      { jsonrpc: '2.0', method: 'textDocument/publishDiagnostics', params: { uri: 'file:///a/b.md', version: 5, diagnostics: kept } },
      { jsonrpc: '2.0', method: 'textDocument/publishDiagnostics', params: { uri: 'file:///a/b.md', version: 6, diagnostics: [...kept.slice(0, 20), ...kept.slice(20).map((_, i) => diagnostic(200 + i))] } },
      { jsonrpc: '2.0', method: 'textDocument/publishDiagnostics', params: { uri: 'file:///a/b.md', version: 7, diagnostics: [...kept.slice(0, 20), ...kept.slice(22)] } },
      { jsonrpc: '2.0', method: 'textDocument/publishDiagnostics', params: { uri: 'file:///a/b.md', version: 8, diagnostics: [...kept.slice(0, 20), diagnostic(300), ...kept.slice(22)] } },
      { jsonrpc: '2.0', method: 'textDocument/publishDiagnostics', params: { uri: 'file:///a/b.md', version: 9, diagnostics: [...kept.slice(0, 20), diagnostic(300), ...kept.slice(22)] } },
      { jsonrpc: '2.0', method: 'textDocument/publishDiagnostics', params: { uri: 'file:///a/b.md', version: 10, diagnostics: [kept[39], ...kept.slice(0, 39)] } },
      { jsonrpc: '2.0', method: 'textDocument/publishDiagnostics', params: { uri: 'file:///a/b.md', version: 11, diagnostics: [...kept, ...kept] } },
      { jsonrpc: '2.0', method: 'textDocument/publishDiagnostics', params: { uri: 'file:///a/b.md', version: 12, diagnostics: kept.slice(0, 16) } },
      { jsonrpc: '2.0', method: 'textDocument/publishDiagnostics', params: { uri: 'file:///a/b.md', version: 13, diagnostics: kept.slice(24) } },
      { jsonrpc: '2.0', method: 'textDocument/publishDiagnostics', params: { uri: 'file:///c.md', version: 2, diagnostics: Array.from({ length: 20 }, (_, i) => diagnostic(400 + i)) } },
      { jsonrpc: '2.0', method: 'textDocument/publishDiagnostics', params: { uri: 'file:///c.md', version: 3, diagnostics: kept.slice(5) } },
    ];
    for (const msg of messages) assert.ok((await patched(msg)).equals(await plain(msg)), JSON.stringify(msg).slice(0, 80));
    // Random edits of one document's list: runs kept, dropped, replaced, inserted.
    let seed = 11;
    const rand = (k: number) => Math.floor(((seed = (seed * 1103515245 + 12345) % 2 ** 31) / 2 ** 31) * k);
    let list = kept.slice();
    for (let round = 0; round < 300; round++) {
      const from = rand(list.length + 1);
      const to = Math.min(list.length, from + rand(6));
      list = [...list.slice(0, from), ...Array.from({ length: rand(4) }, (_, i) => (rand(2) ? diagnostic(1000 + round * 10 + i) : kept[rand(kept.length)])), ...list.slice(to)];
      if (list.length < 10) list = [...list, ...kept.slice(0, 20)];
      const msg = { jsonrpc: '2.0', method: 'textDocument/publishDiagnostics', params: { uri: `file:///r${rand(2)}.md`, version: round, diagnostics: list } };
      assert.ok((await patched(msg)).equals(await plain(msg)), `round ${round}`);
    }
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});
