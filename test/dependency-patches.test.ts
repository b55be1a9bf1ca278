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
