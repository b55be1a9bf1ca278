// Bundles the three entry points of the contract: dist/client.js (the extension, `vscode` external),
// dist/server.js (the language server) and dist/cli.js (the command line). Each bundle runs on Node 20
// with no node_modules beside it: unified/remark are ESM-only, so esbuild turns them into CommonJS here.
import * as esbuild from 'esbuild';
import { chmodSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import os from 'node:os';
import path from 'node:path';
import { dependencyPatches } from './dependency-patches.mjs';
import { asciiOutput } from './ascii-output.mjs';

const watch = process.argv.includes('--watch');
// --minify for the packaged extension (source maps are not shipped; stack traces map through the .map files).
const minify = process.argv.includes('--minify');

// schemas/config.schema.json: the JSON schema of .benchpress/config.json, derived from the settings that
// package.json contributes (the same keys without the "benchpress." prefix, dotted keys nested).
function writeConfigSchema() {
  const manifest = JSON.parse(readFileSync('package.json', 'utf8'));
  const nls = JSON.parse(readFileSync('package.nls.json', 'utf8'));
  const text = (s) => (typeof s === 'string' ? s.replace(/^%(.+)%$/, (_, k) => nls[k] ?? k) : s);
  // Nested descriptions (e.g. of `overrides` items) are localized strings too.
  const resolve = (v) => (Array.isArray(v) ? v.map(resolve) : v && typeof v === 'object' ? Object.fromEntries(Object.entries(v).map(([k, x]) => [k, resolve(x)])) : text(v));
  const root = { type: 'object', properties: { $schema: { type: 'string' } }, additionalProperties: false };
  const sections = [manifest.contributes.configuration].flat();
  for (const [key, prop] of sections.flatMap((section) => Object.entries(section.properties))) {
    const parts = key.replace(/^benchpress\./, '').split('.');
    let node = root;
    for (const part of parts.slice(0, -1)) {
      node.properties[part] ??= { type: 'object', properties: {}, additionalProperties: false };
      node = node.properties[part];
    }
    const { order, markdownDescription, description, markdownEnumDescriptions, scope, ...rest } = prop; // order and scope are VS Code settings UI
    // Nested descriptions (e.g. of `overrides` items) are localized strings too.
    node.properties[parts[parts.length - 1]] = { ...resolve(rest), ...(markdownEnumDescriptions ? { markdownEnumDescriptions: markdownEnumDescriptions.map(text) } : {}), markdownDescription: text(markdownDescription ?? description) };
  }
  const schema = { $schema: 'http://json-schema.org/draft-07/schema#', title: 'Benchpress workspace settings (.benchpress/config.json)', ...root };
  mkdirSync('schemas', { recursive: true });
  writeFileSync('schemas/config.schema.json', JSON.stringify(schema, null, 2) + '\n');
}
writeConfigSchema();

// What every bundle shares (the bundles' own defines are added below).
const bundling = {
  bundle: true,
  platform: 'node',
  target: 'node20',
  format: 'cjs',
  sourcemap: 'linked',
  minify,
  // No comments or indentation, and (asciiOutput) no character above U+007F: V8 keeps each bundle's source in memory
  // while it runs, and this halves what the language server and its worker hold of theirs (some 9 MB together).
  minifyWhitespace: true,
  logLevel: 'warning',
  // jsonc-parser's CommonJS build requires files by relative path at run time; its ESM build bundles cleanly.
  mainFields: ['module', 'main'],
  // Some ESM dependencies read import.meta.url; give them the CommonJS equivalent.
  define: { 'import.meta.url': 'importMetaUrl' },
  banner: { js: "const importMetaUrl = require('url').pathToFileURL(__filename).href;" },
  // Quadratic costs in micromark and its GFM table extension, removed at bundle time (see dependency-patches.mjs).
  plugins: [dependencyPatches(), asciiOutput()],
};

/**
 * The built-in templates, parsed here once (templates/registry.ts): the JSON the bundles get as
 * BENCHPRESS_BUILTIN_TEMPLATES, so no run parses them again. Parsed when the build starts: restart --watch after
 * editing a skeleton.
 */
async function parsedBuiltinTemplates() {
  const dir = mkdtempSync(path.join(os.tmpdir(), 'benchpress-build-'));
  try {
    const outfile = path.join(dir, 'registry.cjs');
    await esbuild.build({ ...bundling, entryPoints: ['server/src/templates/registry.ts'], outfile, sourcemap: false, minify: false });
    return JSON.stringify(createRequire(import.meta.url)(outfile).parseBuiltinTemplates());
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

const buildDefines = {
  // BUILD_ID tells caches written by another build apart (results may differ between builds of one version).
  BENCHPRESS_BUILD_ID: JSON.stringify(`${Date.now().toString(36)}`),
  BENCHPRESS_BUILTIN_TEMPLATES: await parsedBuiltinTemplates(),
};
const common = { ...bundling, define: { ...bundling.define, ...buildDefines } };

// The command line is ES modules split into chunks (dist/cli/): each command, and the analysis workers, load only
// the modules they use — `lint` never loads the network client, the preview or the price and nvidia-smi readers,
// and a lint answered from its cache not even the parser (test/lazy-loading.test.ts). dist/cli.js, the `bin`,
// is a small CommonJS file that starts it. dist/cli-meta.json (esbuild's metafile: which modules each chunk
// holds) is for that test and is not shipped.
const CLI_SHIM = `#!/usr/bin/env node
// Benchpress on the command line. The modules are in ./cli/ (ES modules, one chunk per command and shared part).
import('./cli/main.mjs').catch((error) => {
  process.stderr.write(\`benchpress: \${error?.stack ?? error}\\n\`);
  process.exitCode = 2;
});
`;
const cli = {
  ...common,
  entryPoints: { main: 'server/src/cli.ts', worker: 'server/src/engine/worker-main.ts' },
  outdir: 'dist/cli',
  format: 'esm',
  splitting: true,
  outExtension: { '.js': '.mjs' },
  chunkNames: 'chunks/[name]-[hash]',
  metafile: true,
  // ES modules have import.meta.url; CommonJS dependencies inside the bundle get a require of their own.
  define: buildDefines,
  banner: { js: "import { createRequire as __benchpressCreateRequire } from 'node:module';\nconst require = __benchpressCreateRequire(import.meta.url);" },
  plugins: [
    ...common.plugins,
    {
      name: 'cli-shim',
      setup: (build) => {
        build.onStart(() => rmSync('dist/cli', { recursive: true, force: true }));
        build.onEnd((result) => {
          if (result.errors.length > 0) return;
          writeFileSync('dist/cli.js', CLI_SHIM);
          // `bin.benchpress` in package.json: executable, so `./dist/cli.js` and a linked bin run it.
          chmodSync('dist/cli.js', 0o755);
          rmSync('dist/cli.js.map', { force: true });
          if (result.metafile) writeFileSync('dist/cli-meta.json', JSON.stringify(result.metafile));
        });
      },
    },
  ],
};

const entries = [
  { ...common, entryPoints: ['client/src/extension.ts'], outfile: 'dist/client.js', external: ['vscode'] },
  { ...common, entryPoints: ['server/src/server.ts'], outfile: 'dist/server.js' },
  // The language server's analysis workers: the chunk analysis alone.
  { ...common, entryPoints: ['server/src/engine/worker-main.ts'], outfile: 'dist/server-worker.js' },
  // The language server's preview renderer.
  { ...common, entryPoints: ['server/src/preview/worker-main.ts'], outfile: 'dist/preview-worker.js' },
  cli,
];

if (watch) {
  const contexts = await Promise.all(entries.map((e) => esbuild.context(e)));
  await Promise.all(contexts.map((c) => c.watch()));
  console.log('watching client/, server/ …');
} else {
  await Promise.all(entries.map((e) => esbuild.build(e)));
}
