// The package as a user gets it. `npm pack` makes a tarball that ships the bundles and what VS Code shows, with no
// dependencies: it installs into an empty folder offline (an empty npm cache, no reachable registry) and runs as
// `npx benchpress`. The .vsix (.vscodeignore) holds the same files as the npm package (.npmignore) less the CLI.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync, type SpawnSyncReturns } from 'node:child_process';
import { mkdirSync, mkdtempSync, readFileSync, readdirSync, rmSync, statSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { REPO } from './support/workspace';

const npmMissing = spawnSync('npm', ['--version'], { encoding: 'utf8', shell: process.platform === 'win32' }).status !== 0;
const skip = npmMissing ? 'npm is not installed, so the package cannot be packed or installed' : false;
const manifest = JSON.parse(readFileSync(path.join(REPO, 'package.json'), 'utf8'));

/** npm with no network and an empty cache of its own: anything it would have to download fails the test. */
function npmEnv(home: string): NodeJS.ProcessEnv {
  return {
    ...process.env,
    npm_config_cache: path.join(home, 'npm-cache'),
    npm_config_registry: 'http://127.0.0.1:9/',
    npm_config_userconfig: path.join(home, 'npmrc'),
    npm_config_update_notifier: 'false',
    npm_config_fund: 'false',
    npm_config_audit: 'false',
    NO_COLOR: '1',
    // Files outside a workspace keep their result cache in the temp folder: this one, removed afterwards.
    TMPDIR: home,
  };
}

function run(command: 'npm' | 'npx', args: string[], cwd: string, home: string): SpawnSyncReturns<string> {
  return spawnSync(command, args, { cwd, encoding: 'utf8', timeout: 300_000, shell: process.platform === 'win32', env: npmEnv(home) });
}

function filesUnder(dir: string): string[] {
  return readdirSync(path.join(REPO, dir)).flatMap((name) => {
    const rel = `${dir}/${name}`;
    return statSync(path.join(REPO, rel)).isDirectory() ? filesUnder(rel) : [rel];
  });
}

/** The command line's modules (ES module chunks, loaded per command; see scripts/build.mjs), without source maps. */
const cliModules = (): string[] => filesUnder('dist/cli').filter((f) => f.endsWith('.mjs'));

/** What the package must hold: the three bundles (the CLI's modules too), the manifest and its texts, the docs, and VS Code's assets. */
function expectedFiles(): string[] {
  return [
    'dist/cli.js', 'dist/client.js', 'dist/server.js', 'dist/server-worker.js', 'dist/preview-worker.js', ...cliModules(),
    'package.json', 'package.nls.json', 'package.nls.zh-cn.json', 'README.md', 'README.zh-cn.md', 'LICENSE', 'CHANGELOG.md',
    'docs/rules.md', 'docs/ci.md',
    ...['media', 'snippets', 'syntaxes', 'schemas', 'l10n'].flatMap(filesUnder),
  ].sort();
}

test('npm pack: the bundles, the manifest and what VS Code shows, a bin, no dependencies; it installs offline into an empty folder and runs as npx benchpress', { skip }, () => {
  assert.deepEqual(manifest.bin, { benchpress: 'dist/cli.js' });
  assert.equal(manifest.private, undefined, 'not private: it can be packed and installed');
  for (const key of ['dependencies', 'optionalDependencies', 'peerDependencies', 'bundleDependencies', 'bundledDependencies']) assert.equal(manifest[key], undefined, `${key}: the bundles need nothing at run time`);
  assert.ok(manifest.publisher && manifest.engines?.vscode && manifest.main === 'dist/client.js', 'still a VS Code extension manifest');

  const home = mkdtempSync(path.join(os.tmpdir(), 'bp-pack-'));
  try {
    const pack = run('npm', ['pack', '--ignore-scripts', '--json', '--pack-destination', home], REPO, home);
    assert.equal(pack.status, 0, pack.stderr);
    const [info] = JSON.parse(pack.stdout) as { filename: string; files: { path: string; mode: number }[]; bundled: string[] }[];
    assert.deepEqual(info.files.map((f) => f.path).sort(), expectedFiles());
    assert.deepEqual(info.bundled, []);

    const app = path.join(home, 'app');
    mkdirSync(path.join(app, 'docs'), { recursive: true });
    const install = run('npm', ['install', '--offline', '--no-audit', '--no-fund', path.join(home, info.filename)], app, home);
    assert.equal(install.status, 0, install.stdout + install.stderr);
    assert.deepEqual(readdirSync(path.join(app, 'node_modules')).filter((n) => !n.startsWith('.')), ['benchpress'], 'nothing else was installed');

    const version = run('npx', ['--offline', 'benchpress', '--version'], app, home);
    assert.equal(version.status, 0, version.stderr);
    assert.equal(version.stdout.trim(), manifest.version);

    writeFileSync(path.join(app, 'docs', 'draft.md'), '# Draft\n\nSee [the specs][specs].\n');
    writeFileSync(path.join(app, 'docs', 'clean.md'), '# Clean\n\nNothing to report.\n');
    const npx = (args: string[]) => run('npx', ['--offline', ...args], app, home);
    const lint = npx(['benchpress', 'lint', 'docs/']);
    assert.equal(lint.status, 1, lint.stdout + lint.stderr);
    assert.match(lint.stdout, /^docs\/draft\.md:3:5 +warning +Reference \[specs\] is not defined\. +links\/undefined-reference$/m);
    assert.match(lint.stdout, /✖ 1 problem \(0 errors, 1 warning, 0 info, 0 hints\) in 1 of 2 files\./);
    const clean = npx(['benchpress', 'lint', 'docs/clean.md']);
    assert.equal(clean.status, 0, clean.stdout + clean.stderr);
    assert.match(clean.stdout, /✔ No problems in 1 file\b/);
  } finally {
    rmSync(home, { recursive: true, force: true });
  }
});

test('the .vsix ships the same files as the npm package, less the CLI', () => {
  const vsce = spawnSync(process.execPath, [path.join(REPO, 'node_modules/@vscode/vsce/vsce'), 'ls', '--no-dependencies'], { cwd: REPO, encoding: 'utf8', timeout: 300_000 });
  assert.equal(vsce.status, 0, vsce.stdout + vsce.stderr);
  const listed = vsce.stdout.split('\n').map((l) => l.trim()).filter(Boolean).sort();
  assert.deepEqual(listed, expectedFiles().filter((f) => f !== 'dist/cli.js' && !f.startsWith('dist/cli/')));
});
