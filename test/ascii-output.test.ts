// The ASCII-only bundles of scripts/ascii-output.mjs: escaping keeps what each regular expression matches, leaves
// alone what it must not touch, keeps the source maps pointing at the right place, and the built bundles are ASCII
// (a language server whose bundle is not holds its source at two bytes per character).
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, readFileSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { SourceMap } from 'node:module';
import { tmpdir } from 'node:os';
import path from 'node:path';
import vm from 'node:vm';
import * as esbuild from 'esbuild';
import { REPO } from './support/workspace';
// @ts-expect-error plain ES module without types
import { asciiOutput, escapeNonAscii } from '../scripts/ascii-output.mjs';

const NON_ASCII = /[^\x00-\x7f]/;

test('escaped regular expressions match exactly what the originals match', () => {
  const code = [
    '// 全角标点：，。',
    'const punct = /[，。！？、；：]+/g;',
    'const range = /[\\u4e00-\\u9fff]|[一-龥]{2}/;',
    'const unicode = /^[😀-😂]$/u;',
    'const plain = /😀/;',
    'const accent = /pok[eé]mon$/i;',
    '/* 块注释 */ ({ punct, range, unicode, plain, accent })',
  ].join('\n');
  const { code: escaped, escapes, left } = escapeNonAscii(code);
  assert.doesNotMatch(escaped, NON_ASCII);
  assert.equal(left, 0);
  assert.ok(escapes.length > 10);
  const before = vm.runInNewContext(code) as Record<string, RegExp>;
  const after = vm.runInNewContext(escaped) as Record<string, RegExp>;
  const samples = ['中文，标点。', 'abc', '简体', '😀', '😁', '😃', 'x😀', 'POKÉMON', 'pokemon', 'pokémon', '！？', '\ud83d'];
  for (const name of Object.keys(before)) {
    assert.equal(after[name].flags, before[name].flags, name);
    for (const sample of samples) {
      before[name].lastIndex = after[name].lastIndex = 0;
      assert.deepEqual(after[name].exec(sample)?.[0], before[name].exec(sample)?.[0], `${name} on ${JSON.stringify(sample)}`);
    }
  }
});

test('characters outside regular expressions and comments are left as they are, and counted', () => {
  const code = 'const s = "中"; const raw = String.raw`中\\n`; const re = /中/;';
  const { code: escaped, left } = escapeNonAscii(code);
  assert.equal(left, 2);
  assert.ok(escaped.includes('"中"') && escaped.includes('String.raw`中\\n`'));
  assert.ok(escaped.includes('/\\u4e2d/'));
  assert.deepEqual(JSON.parse(vm.runInNewContext(`${escaped}; JSON.stringify([s, raw])`)), ["中", "中\\n"]);
});

test('a bundle escaped by the plugin keeps its source map exact after the escapes', async () => {
  const dir = mkdtempSync(path.join(tmpdir(), 'bp-ascii-'));
  try {
    const source = [
      'const cjk = /[，。！？]+/g; export function afterTheRegex(text) { return text.replace(cjk, "") + marker(text); }',
      'function marker(t) { return t.length; }',
    ].join('\n');
    writeFileSync(path.join(dir, 'entry.js'), source);
    const outfile = path.join(dir, 'out.js');
    await esbuild.build({ entryPoints: [path.join(dir, 'entry.js')], outfile, bundle: true, format: 'esm', minifyWhitespace: true, sourcemap: 'linked', logLevel: 'silent', plugins: [asciiOutput()] });
    const out = readFileSync(outfile, 'utf8');
    assert.doesNotMatch(out, NON_ASCII);
    const map = new SourceMap(JSON.parse(readFileSync(`${outfile}.map`, 'utf8')));
    // Each place after the escapes on the first line maps back to its own name in the source.
    for (const name of ['afterTheRegex', 'marker(text)']) {
      const generated = out.indexOf(name);
      const line = out.slice(0, generated).split('\n').length - 1;
      const column = generated - (out.lastIndexOf('\n', generated - 1) + 1);
      const entry = map.findEntry(line, column) as { originalLine: number; originalColumn: number };
      const original = source.split('\n')[entry.originalLine].slice(entry.originalColumn);
      assert.ok(original.startsWith(name.replace('(text)', '')), `${name} maps to "${original.slice(0, 20)}"`);
    }
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});

test('every built bundle is ASCII', () => {
  const files = [
    ...readdirSync(path.join(REPO, 'dist')).filter((f) => f.endsWith('.js')).map((f) => path.join(REPO, 'dist', f)),
    ...readdirSync(path.join(REPO, 'dist', 'cli', 'chunks')).filter((f) => f.endsWith('.mjs')).map((f) => path.join(REPO, 'dist', 'cli', 'chunks', f)),
  ];
  assert.ok(files.some((f) => f.endsWith('server.js')) && files.length > 10);
  for (const file of files) assert.doesNotMatch(readFileSync(file, 'utf8'), NON_ASCII, path.relative(REPO, file));
});
