#!/usr/bin/env node
// Installs what the end-to-end tests and the `npm start` demo need to run the extension inside a real,
// headless VS Code (see shared/brief/real-vscode-recipe.md):
//   1. Debian packages: chromium, ripgrep, CJK and emoji fonts, and the headers code-server's native modules
//      compile against (apt is skipped when they are all installed; see APT_PACKAGES);
//   2. code-server 4.100.3 (VS Code 1.100, runs on the stock Node 20) into <repo>/.cache/code-server-4.100.3/
//      (git-ignored, outside the project's own dependencies), with the ripgrep cache trick: @vscode/ripgrep's
//      postinstall would download rg from the internet, but it first looks in a cache folder under the temp dir.
// Route B of the recipe (latest code-server on Node 24, 800 MB) is not needed: code-server 4.100.3 installs a
// packaged .vsix with --install-extension and loads it (see code-server.mjs, run.mjs --vsix).
//
// Idempotent and fast when everything is there (a marker file records a verified install).
// BENCHPRESS_E2E_CACHE=DIR puts the install somewhere else than <repo>/.cache (e.g. shared by several clones).
//
//   node scripts/e2e/setup.mjs [--force] [--quiet] [--verbose]
//
// As a module: `import { setup, paths } from './setup.mjs'; const p = await setup({ quiet: true });`
import { spawn, spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync, rmSync, writeFileSync, statSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const here = path.dirname(fileURLToPath(import.meta.url));
export const REPO = path.resolve(here, '..', '..');
export const CODE_SERVER_VERSION = '4.100.3';
const RIPGREP_PKG_VERSION = '1.15.11';
const RIPGREP_TARBALL = 'ripgrep-v13.0.0-10-x86_64-unknown-linux-musl.tar.gz';

const CACHE = path.resolve(process.env.BENCHPRESS_E2E_CACHE || path.join(REPO, '.cache'));
const CS_DIR = path.join(CACHE, `code-server-${CODE_SERVER_VERSION}`);
export const paths = {
  cache: CACHE,
  codeServerDir: CS_DIR,
  codeServerEntry: path.join(CS_DIR, 'node_modules', 'code-server', 'out', 'node', 'entry.js'),
  codeServerMarker: path.join(CS_DIR, '.benchpress-installed'),
  chromium: '/usr/bin/chromium',
};

class StepError extends Error {
  constructor(step, message, detail) {
    super(`setup step "${step}" failed: ${message}`);
    this.step = step;
    this.detail = detail;
  }
}

function which(bin) {
  const r = spawnSync('sh', ['-c', `command -v ${bin}`], { encoding: 'utf8' });
  return r.status === 0 ? r.stdout.trim() : null;
}

/** Runs a command, streaming its output to a log file; resolves with { code, tail } (tail = last lines). */
function run(cmd, args, { cwd, env, logFile, step, verbose }) {
  return new Promise((resolve, reject) => {
    const out = [];
    const child = spawn(cmd, args, { cwd, env: { ...process.env, ...env }, stdio: ['ignore', 'pipe', 'pipe'] });
    const onData = (d) => {
      out.push(d);
      if (verbose) process.stderr.write(d);
    };
    child.stdout.on('data', onData);
    child.stderr.on('data', onData);
    child.on('error', (e) => reject(new StepError(step, `could not start ${cmd}: ${e.message}`)));
    child.on('close', (code) => {
      const text = Buffer.concat(out).toString('utf8');
      if (logFile) writeFileSync(logFile, text);
      const tail = text.trimEnd().split('\n').slice(-25).join('\n');
      resolve({ code, tail, text });
    });
  });
}

// Runtime: chromium (the browser), ripgrep (rg for the ripgrep cache trick and code-server's search),
// fonts-noto-cjk and fonts-noto-color-emoji (CJK text and the templates' 📋/🎯 headings in screenshots).
// Build: code-server's postinstall compiles native modules with node-gyp (their prebuilt downloads are
// unreachable): kerberos needs libkrb5-dev (gssapi.h; without it the install fails), native-keymap
// libxkbfile-dev and libx11-dev, the secret store libsecret-1-dev (as code-server's docs list them).
export const APT_PACKAGES = ['chromium', 'ripgrep', 'fonts-noto-cjk', 'fonts-noto-color-emoji', 'pkg-config', 'libkrb5-dev', 'libxkbfile-dev', 'libsecret-1-dev', 'libx11-dev'];

function dpkgInstalled(pkgs) {
  const r = spawnSync('dpkg-query', ['-W', '-f=${Package} ${Status}\\n', ...pkgs], { encoding: 'utf8' });
  const ok = new Set();
  for (const line of (r.stdout || '').split('\n')) {
    const [name] = line.split(' ');
    if (line.includes('install ok installed')) ok.add(name.split(':')[0]);
  }
  return ok;
}

function aptMissing() {
  const ok = dpkgInstalled(APT_PACKAGES);
  const missing = APT_PACKAGES.filter((p) => !ok.has(p));
  // Binaries installed some other way are fine too.
  return missing.filter((p) => !(p === 'chromium' && existsSync(paths.chromium)) && !(p === 'ripgrep' && which('rg')));
}

async function stepApt(log, opts) {
  const missing = aptMissing();
  if (missing.length === 0) return `already installed (${APT_PACKAGES.join(', ')})`;
  if (process.getuid && process.getuid() !== 0) {
    throw new StepError('apt', `missing ${missing.join(', ')} and not root; run: sudo apt-get install -y ${missing.join(' ')}`);
  }
  const env = { DEBIAN_FRONTEND: 'noninteractive' };
  const logFile = path.join(paths.cache, 'setup-apt.log');
  // Package lists may be stale (a security update replaces the .deb): update first, then install.
  log(`  apt-get update (missing: ${missing.join(', ')}) …`);
  const upd = await run('apt-get', ['update'], { env, logFile, step: 'apt', verbose: opts.verbose });
  if (upd.code !== 0) log(`  (apt-get update exited ${upd.code}; trying the install anyway)`);
  log(`  apt-get install -y ${missing.join(' ')} …`);
  const inst = await run('apt-get', ['install', '-y', ...missing], { env, logFile, step: 'apt', verbose: opts.verbose });
  if (inst.code !== 0) throw new StepError('apt', `apt-get install ${missing.join(' ')} exited ${inst.code} (log: ${logFile})`, inst.tail);
  const still = aptMissing();
  if (still.length) throw new StepError('apt', `still missing after apt-get install: ${still.join(', ')}`);
  return `installed ${missing.join(', ')}`;
}

/** @vscode/ripgrep's postinstall looks for its download in <tmpdir>/vscode-ripgrep-cache-<version>/ first. */
function stepRipgrepCache() {
  const rg = which('rg');
  if (!rg) throw new StepError('ripgrep-cache', 'rg not found on PATH (apt step should have installed ripgrep)');
  const dirs = new Set([path.join(os.tmpdir(), `vscode-ripgrep-cache-${RIPGREP_PKG_VERSION}`), path.join('/tmp', `vscode-ripgrep-cache-${RIPGREP_PKG_VERSION}`)]);
  for (const dir of dirs) {
    const file = path.join(dir, RIPGREP_TARBALL);
    if (existsSync(file) && statSync(file).size > 0) continue;
    mkdirSync(dir, { recursive: true });
    const r = spawnSync('tar', ['czf', file, '-C', path.dirname(rg), path.basename(rg)], { encoding: 'utf8' });
    if (r.status !== 0) throw new StepError('ripgrep-cache', `tar of ${rg} failed: ${r.stderr}`);
  }
  return `seeded ${[...dirs].join(', ')} with ${rg}`;
}

export const EMPTY_CONFIG = path.join(CACHE, 'code-server-empty-config.yaml');

/** `code-server --version` (with an empty --config, else it writes ~/.config/code-server/config.yaml). */
function versionOf(entry, node = process.execPath) {
  if (!existsSync(EMPTY_CONFIG)) writeFileSync(EMPTY_CONFIG, '');
  const r = spawnSync(node, [entry, '--config', EMPTY_CONFIG, '--version'], { encoding: 'utf8', timeout: 60_000 });
  if (r.status !== 0) return null;
  return r.stdout.split('\n').map((l) => l.trim()).find((l) => /^\d+\.\d+\.\d+ /.test(l)) || null;
}

async function stepCodeServer(log, opts) {
  const { codeServerDir: dir, codeServerEntry: entry, codeServerMarker: marker } = paths;
  if (!opts.force && existsSync(marker) && existsSync(entry)) return `already installed in ${path.relative(REPO, dir)}`;
  stepRipgrepCache();
  if (opts.force) rmSync(dir, { recursive: true, force: true });
  mkdirSync(dir, { recursive: true });
  // Its own package.json, so npm does not walk up and install into the project.
  writeFileSync(path.join(dir, 'package.json'), JSON.stringify({ name: 'benchpress-e2e-code-server', private: true }, null, 2) + '\n');
  const logFile = path.join(paths.cache, 'setup-code-server.log');
  log(`  npm i code-server@${CODE_SERVER_VERSION} in ${path.relative(REPO, dir)} (1–2 min: native modules are compiled; log: ${logFile}) …`);
  const install = () =>
    run('npm', ['i', '--no-audit', '--no-fund', '--no-save', `code-server@${CODE_SERVER_VERSION}`], {
      cwd: dir,
      // unsafe_perm: the install runs as root; yes: node-pty's install runs `npx node-gyp`.
      // JOBS: node-gyp compiles on every core.
      env: { npm_config_yes: 'true', npm_config_unsafe_perm: 'true', npm_config_update_notifier: 'false', JOBS: String(os.cpus().length) },
      logFile,
      step: 'code-server',
      verbose: opts.verbose,
    });
  let r = await install();
  if (r.code !== 0) {
    // node-gyp's native builds inside code-server's postinstall fail now and then on a busy machine (e.g. ENOENT
    // on build/node_gyp_bins while a sibling build cleans up); one clean retry gets past it.
    log(`  npm i exited ${r.code}; retrying once from a clean folder (log: ${logFile}) …`);
    rmSync(path.join(dir, 'node_modules'), { recursive: true, force: true });
    r = await install();
  }
  if (r.code !== 0) throw new StepError('code-server', `npm i code-server@${CODE_SERVER_VERSION} exited ${r.code} (log: ${logFile})`, r.tail);
  const v = versionOf(entry);
  if (!v || !v.startsWith(CODE_SERVER_VERSION)) throw new StepError('code-server', `installed, but \`code-server --version\` did not answer ${CODE_SERVER_VERSION} (got ${v})`);
  writeFileSync(marker, JSON.stringify({ version: v, installedAt: new Date().toISOString() }) + '\n');
  return `installed code-server ${v}`;
}

/**
 * Runs every step; returns the paths the other scripts need. Throws an error naming the failed step.
 * @param {{ force?: boolean, quiet?: boolean, verbose?: boolean }} [opts]
 */
export async function setup(opts = {}) {
  const log = opts.quiet ? () => {} : (m) => console.log(m);
  const t0 = Date.now();
  mkdirSync(paths.cache, { recursive: true });
  const steps = [
    ['apt', () => stepApt(log, opts)],
    ['code-server', () => stepCodeServer(log, opts)],
  ];
  for (const [name, fn] of steps) {
    const t = Date.now();
    const what = await fn();
    log(`[setup] ${name}: ${what} (${((Date.now() - t) / 1000).toFixed(1)} s)`);
  }
  log(`[setup] done in ${((Date.now() - t0) / 1000).toFixed(1)} s`);
  return { ...paths };
}

if (process.argv[1] && path.resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  const args = process.argv.slice(2);
  const known = ['--force', '--quiet', '--verbose', '--help', '-h'];
  const unknown = args.filter((a) => !known.includes(a));
  if (args.includes('--help') || args.includes('-h') || unknown.length) {
    if (unknown.length) console.error(`unknown option(s): ${unknown.join(' ')}`);
    console.error('usage: node scripts/e2e/setup.mjs [--force] [--quiet] [--verbose]');
    process.exit(unknown.length ? 2 : 0);
  }
  try {
    await setup({ force: args.includes('--force'), quiet: args.includes('--quiet'), verbose: args.includes('--verbose') });
  } catch (e) {
    console.error(`\n[setup] FAILED — ${e.message}`);
    if (e.detail) console.error(`--- last output ---\n${e.detail}\n---`);
    process.exit(1);
  }
}
