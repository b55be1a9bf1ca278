// The bundle-time patches of scripts/dependency-patches.mjs: each applies to the installed dependency, and a bundle
// built with them parses exactly as one built without them (tables, many definitions and references, footnotes).
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import * as esbuild from 'esbuild';
import { REPO } from './support/workspace';
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

test('a parser bundled with the patches gives the same trees as one without them', async () => {
  const dir = mkdtempSync(path.join(tmpdir(), 'bp-patches-'));
  try {
    const entry = path.join(dir, 'entry.mjs');
    writeFileSync(entry, `
      import { fromMarkdown } from 'mdast-util-from-markdown';
      import { gfmTable } from 'micromark-extension-gfm-table';
      import { gfmTableFromMarkdown } from 'mdast-util-gfm-table';
      import { gfmFootnote } from 'micromark-extension-gfm-footnote';
      import { gfmFootnoteFromMarkdown } from 'mdast-util-gfm-footnote';
      export const parse = (text) => JSON.stringify(fromMarkdown(text, { extensions: [gfmTable(), gfmFootnote()], mdastExtensions: [gfmTableFromMarkdown(), gfmFootnoteFromMarkdown()] }));
    `);
    const build = async (patched: boolean) => {
      const outfile = path.join(dir, patched ? 'patched.cjs' : 'plain.cjs');
      await esbuild.build({ entryPoints: [entry], bundle: true, platform: 'node', format: 'cjs', outfile, logLevel: 'silent', plugins: patched ? [dependencyPatches()] : [], nodePaths: [path.join(REPO, 'node_modules')] });
      return require(outfile).parse as (text: string) => string;
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
    for (const text of texts) assert.equal(patched(text), plain(text), text.slice(0, 60));
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
