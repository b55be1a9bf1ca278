// The fuzz oracles read drafts with remark (remark-parse + GFM, with or without front matter) as a renderer would —
// built with the product's bundle-time dependency patches (scripts/dependency-patches.mjs), which give the same trees
// (test/dependency-patches.test.ts) without micromark's quadratic costs. Unpatched, remark took 27 s to parse one
// 300 KB fuzz draft (1.2 s patched), twice per CLI case, and the harness answered nothing meanwhile: every LSP
// request in flight looked like a server timeout (seed 20261204, document 12772).
// esbuild's plugins run only in its asynchronous API, so the bundle is made by a child process, once per process.
import { execFileSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import type { Root } from 'mdast';
import { REPO } from '../../support/workspace';

export interface OracleParser {
  parse(text: string): Root;
}

function buildParsers(): { parser: OracleParser; parserWithoutFrontMatter: OracleParser } {
  const dir = mkdtempSync(path.join(tmpdir(), 'bp-remark-oracle-'));
  try {
    const entry = path.join(dir, 'entry.mjs');
    const outfile = path.join(dir, 'oracle.cjs');
    writeFileSync(entry, `
      import { unified } from 'unified';
      import remarkParse from 'remark-parse';
      import remarkGfm from 'remark-gfm';
      import remarkFrontmatter from 'remark-frontmatter';
      export const parser = unified().use(remarkParse).use(remarkGfm).use(remarkFrontmatter, ['yaml', 'toml']).freeze();
      export const parserWithoutFrontMatter = unified().use(remarkParse).use(remarkGfm).freeze();
    `);
    const build = `
      import * as esbuild from 'esbuild';
      import { dependencyPatches } from ${JSON.stringify(path.join(REPO, 'scripts/dependency-patches.mjs'))};
      await esbuild.build({ entryPoints: [${JSON.stringify(entry)}], bundle: true, platform: 'node', format: 'cjs', outfile: ${JSON.stringify(outfile)}, logLevel: 'error', plugins: [dependencyPatches()], nodePaths: [${JSON.stringify(path.join(REPO, 'node_modules'))}] });
    `;
    execFileSync(process.execPath, ['--input-type=module', '-e', build], { cwd: REPO, stdio: ['ignore', 'ignore', 'inherit'] });
    return require(outfile);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

export const { parser, parserWithoutFrontMatter } = buildParsers();
