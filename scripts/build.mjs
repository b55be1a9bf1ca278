// Bundles the three entry points of the contract: dist/client.js (the extension, `vscode` external),
// dist/server.js (the language server) and dist/cli.js (the command line). Each bundle runs on Node 20
// with no node_modules beside it: unified/remark are ESM-only, so esbuild turns them into CommonJS here.
import * as esbuild from 'esbuild';

const watch = process.argv.includes('--watch');
const common = {
  bundle: true,
  platform: 'node',
  target: 'node20',
  format: 'cjs',
  sourcemap: 'linked',
  logLevel: 'warning',
  // jsonc-parser's CommonJS build requires files by relative path at run time; its ESM build bundles cleanly.
  mainFields: ['module', 'main'],
  // Some ESM dependencies read import.meta.url; give them the CommonJS equivalent.
  define: { 'import.meta.url': 'importMetaUrl' },
  banner: { js: "const importMetaUrl = require('url').pathToFileURL(__filename).href;" },
};

const entries = [
  { entryPoints: ['client/src/extension.ts'], outfile: 'dist/client.js', external: ['vscode'] },
  { entryPoints: ['server/src/server.ts'], outfile: 'dist/server.js' },
  { entryPoints: ['server/src/cli.ts'], outfile: 'dist/cli.js', banner: { js: '#!/usr/bin/env node\n' + common.banner.js } },
];

if (watch) {
  const contexts = await Promise.all(entries.map((e) => esbuild.context({ ...common, ...e })));
  await Promise.all(contexts.map((c) => c.watch()));
  console.log('watching client/, server/ …');
} else {
  await Promise.all(entries.map((e) => esbuild.build({ ...common, ...e })));
}
