// Starts a real, headless VS Code (code-server 4.100.3: VS Code 1.100's server and web workbench with its
// real Node extension host) and Debian's chromium through playwright-core. See shared/brief/real-vscode-recipe.md.
//
//   const cs = await startCodeServer({ workspace, extensionDir });      // or { workspace, vsix }
//   const browser = await launchBrowser();
//   const page = await browser.newPage();  await page.goto(cs.url);     // the extension is loaded
//   …
//   await browser.close();  await cs.stop();                            // kills the process group, removes temp dirs
//
// Three ways to load an extension:
//   extensionDir: a folder (the repo root after `npm run build`) loaded like F5 / @vscode/test-electron does, as
//                 `extensionDevelopmentPath` in the page URL's `payload` (so `cs.url` carries it). Nothing installed.
//   extensionDir + loadAs: 'installed': the folder is symlinked into the temp extensions dir as
//                 <publisher>.<name>-<version> (4.100.3 picks such a folder up), so a plain URL loads it as an
//                 installed extension (no "[Extension Development Host]", works through any port forwarding).
//   vsix:         a packaged .vsix installed with `code-server --install-extension` into the temp extensions dir
//                 before the server starts (verified on 4.100.3: it is then loaded like a user-installed extension).
// `cs.urlFor({ extensionTestsPath })` builds the URL that runs a tests module inside the extension host.
import { spawn, spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync, openSync, closeSync, symlinkSync } from 'node:fs';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { paths, EMPTY_CONFIG } from './setup.mjs';

export const CHROMIUM = '/usr/bin/chromium';
export const CHROMIUM_ARGS = [
  '--no-sandbox', // we run as root
  '--disable-gpu',
  '--disable-dev-shm-usage',
  // The machine's network is closed: without these chromium keeps trying Google's hosts.
  '--disable-background-networking',
  '--disable-component-update',
  '--no-first-run',
  '--disable-sync',
  '--disable-quic',
];
export const DEFAULT_SETTINGS = {
  'security.workspace.trust.enabled': false,
  'workbench.startupEditor': 'none',
  // Less noise and fewer network attempts in a closed network.
  'telemetry.telemetryLevel': 'off',
  'update.mode': 'none',
  'extensions.autoCheckUpdates': false,
  'extensions.autoUpdate': false,
  'workbench.enableExperiments': false,
  'workbench.tips.enabled': false,
  'chat.commandCenter.enabled': false,
};

/** Every server started by this process and not yet stopped; `stopAllSync()` is for exit handlers. */
const live = new Set();

export function freePort() {
  return new Promise((resolve, reject) => {
    const srv = net.createServer();
    srv.unref();
    srv.on('error', reject);
    srv.listen(0, '127.0.0.1', () => {
      const { port } = srv.address();
      srv.close(() => resolve(port));
    });
  });
}

function portInUse(port) {
  return new Promise((resolve) => {
    const sock = net.connect({ host: '127.0.0.1', port });
    sock.once('connect', () => {
      sock.destroy();
      resolve(true);
    });
    sock.once('error', () => resolve(false));
  });
}

const sleep = (ms) => new Promise((r) => setTimeout(r, ms));

function tail(file, n = 30) {
  try {
    return readFileSync(file, 'utf8').trimEnd().split('\n').slice(-n).join('\n');
  } catch {
    return '';
  }
}

function exthostLogs(userDataDir) {
  const root = path.join(userDataDir, 'logs');
  const out = [];
  const walk = (dir) => {
    let entries = [];
    try {
      entries = readdirSync(dir, { withFileTypes: true });
    } catch {
      return;
    }
    for (const e of entries) {
      const full = path.join(dir, e.name);
      if (e.isDirectory()) walk(full);
      else if (/exthost/i.test(dir) && e.name.endsWith('.log') && !/telemetry/i.test(e.name)) out.push(`=== ${path.relative(root, full)}\n${readFileSync(full, 'utf8')}`);
    }
  };
  walk(root);
  return out.join('\n');
}

/**
 * Waits until the server-side extension host log says `id` was activated; throws if its activation failed
 * or did not start within timeoutMs.
 */
export async function waitForActivation(handle, id, { timeoutMs = 30_000 } = {}) {
  const until = Date.now() + timeoutMs;
  const esc = id.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
  const started = new RegExp(`_doActivateExtension ${esc}[,\\s]`, 'i');
  const failed = new RegExp(`Activating extension '?${esc}'? failed[^\\n]*(\\n[^\\n]*){0,6}`, 'i');
  for (;;) {
    const text = handle.exthostLog();
    const f = text.match(failed);
    if (f) throw new Error(`extension ${id} failed to activate:\n${f[0]}`);
    if (started.test(text)) {
      // Give a failure a moment to be logged after the activation started.
      await sleep(1500);
      const f2 = handle.exthostLog().match(failed);
      if (f2) throw new Error(`extension ${id} failed to activate:\n${f2[0]}`);
      return;
    }
    if (Date.now() > until) throw new Error(`extension ${id} did not activate within ${timeoutMs / 1000} s`);
    await sleep(250);
  }
}

function groupAlive(pgid) {
  try {
    process.kill(-pgid, 0);
    return true;
  } catch {
    return false;
  }
}

/**
 * Builds a workbench URL: `/?folder=WORKSPACE&payload=[...]` (payload only when there is something in it).
 * Paths in the payload are `vscode-remote://HOST:PORT/ABS/PATH`: they live on the server side.
 */
export function workbenchUrl({ host = '127.0.0.1', port, workspace, extensionDevelopmentPath, extensionTestsPath, extra = [] }) {
  const remote = (p) => `vscode-remote://${host}:${port}${path.resolve(p)}`;
  const payload = [];
  if (extensionDevelopmentPath) payload.push(['extensionDevelopmentPath', remote(extensionDevelopmentPath)]);
  if (extensionTestsPath) payload.push(['extensionTestsPath', remote(extensionTestsPath)]);
  if (payload.length) payload.push(['skipWelcome', 'true']);
  payload.push(...extra);
  let url = `http://${host}:${port}/?folder=${encodeURIComponent(path.resolve(workspace))}`;
  if (payload.length) url += `&payload=${encodeURIComponent(JSON.stringify(payload))}`;
  return url;
}

/**
 * Installs a .vsix into an extensions dir with `code-server --install-extension` (code-server 4.100.3).
 * Returns the installed extension ids.
 */
export function installVsix({ vsix, extensionsDir, userDataDir, entry = paths.codeServerEntry, node = process.execPath }) {
  mkdirSync(extensionsDir, { recursive: true });
  mkdirSync(path.join(userDataDir, 'User'), { recursive: true });
  if (!existsSync(EMPTY_CONFIG)) writeFileSync(EMPTY_CONFIG, '');
  const args = [entry, '--config', EMPTY_CONFIG, '--user-data-dir', userDataDir, '--extensions-dir', extensionsDir];
  const r = spawnSync(node, [...args, '--install-extension', path.resolve(vsix), '--force'], { encoding: 'utf8', timeout: 120_000 });
  if (r.status !== 0 || !/successfully installed/i.test(r.stdout + r.stderr)) {
    throw new Error(`code-server --install-extension ${vsix} failed (exit ${r.status}):\n${r.stdout}${r.stderr}`);
  }
  const list = spawnSync(node, [...args, '--list-extensions'], { encoding: 'utf8', timeout: 60_000 });
  return list.stdout.split('\n').map((l) => l.trim()).filter((l) => /^[\w-]+\.[\w-]+$/.test(l));
}

/**
 * Starts code-server in its own process group with an empty config and temp user-data and extensions dirs,
 * and waits for GET /healthz.
 * `locale` starts VS Code with that display language (`--locale`, and a stub language pack: see
 * writeStubLanguagePack; VS Code's own UI stays English, extensions see `vscode.env.language` = that locale). `workspaceTrust: true` leaves workspace trust on (no
 * `--disable-workspace-trust`), so a workspace can be in Restricted Mode if the settings say so.
 * @param {{ workspace: string, extensionDir?: string, vsix?: string, port?: number, settings?: object,
 *           loadAs?: 'development' | 'installed', bindHost?: string, locale?: string, workspaceTrust?: boolean,
 *           env?: object, entry?: string, node?: string, log?: (msg: string) => void,
 *           tmpRoot?: string, timeoutMs?: number }} opts
 * @returns {Promise<{ url: string, port: number, baseUrl: string, pid: number, userDataDir: string,
 *           extensionsDir: string, logFile: string, installed: string[], urlFor: (o?: object) => string,
 *           logTail: (n?: number) => string, exthostLog: () => string, exited: Promise<{ code, signal }>,
 *           stop: () => Promise<void>, stopSync: () => void }>}
 */
export async function startCodeServer(opts) {
  const { workspace, extensionDir, vsix, settings = {}, env = {}, timeoutMs = 60_000, loadAs = 'development', bindHost = '127.0.0.1' } = opts;
  const entry = opts.entry || paths.codeServerEntry;
  const node = opts.node || process.execPath;
  const log = opts.log || (() => {});
  if (!workspace || !existsSync(workspace)) throw new Error(`startCodeServer: workspace ${workspace} does not exist`);
  if (!existsSync(entry)) throw new Error(`startCodeServer: code-server is not installed (${entry}); run node scripts/e2e/setup.mjs`);
  if (extensionDir && !existsSync(path.join(extensionDir, 'package.json'))) throw new Error(`startCodeServer: ${extensionDir} has no package.json`);
  if (vsix && !existsSync(vsix)) throw new Error(`startCodeServer: ${vsix} does not exist`);

  let port = opts.port;
  if (port && (await portInUse(port))) throw new Error(`startCodeServer: port ${port} is already in use (another demo running? choose one with --port N or PORT=N)`);
  if (!port) port = await freePort();

  const tmp = mkdtempSync(path.join(opts.tmpRoot || os.tmpdir(), 'benchpress-cs-'));
  const userDataDir = path.join(tmp, 'user-data');
  const extensionsDir = path.join(tmp, 'extensions');
  const logFile = path.join(tmp, 'code-server.log');
  mkdirSync(path.join(userDataDir, 'User'), { recursive: true });
  mkdirSync(extensionsDir, { recursive: true });
  writeFileSync(path.join(userDataDir, 'User', 'settings.json'), JSON.stringify({ ...DEFAULT_SETTINGS, ...settings }, null, 2) + '\n');
  if (!existsSync(EMPTY_CONFIG)) writeFileSync(EMPTY_CONFIG, '');

  let child;
  let stopped = false;
  const handle = {
    port,
    pid: undefined,
    userDataDir,
    extensionsDir,
    logFile,
    tmpDir: tmp,
    installed: [],
    logTail: (n) => tail(logFile, n),
    /** The server-side extension host log(s) (activation, errors of the extension under test). */
    exthostLog: () => exthostLogs(userDataDir),
    /** Synchronous, for exit handlers: SIGKILL the group, remove the temp dirs. */
    stopSync() {
      if (stopped) return;
      stopped = true;
      live.delete(handle);
      if (child?.pid) {
        try {
          process.kill(-child.pid, 'SIGKILL');
        } catch {}
      }
      try {
        rmSync(tmp, { recursive: true, force: true });
      } catch {}
    },
    /** SIGTERM the whole process group, SIGKILL what is left after 3 s, then remove the temp dirs. */
    async stop() {
      if (stopped) return;
      stopped = true;
      live.delete(handle);
      if (child?.pid) {
        const pgid = child.pid;
        try {
          process.kill(-pgid, 'SIGTERM');
        } catch {}
        const until = Date.now() + 3000;
        while (groupAlive(pgid) && Date.now() < until) await sleep(100);
        if (groupAlive(pgid)) {
          try {
            process.kill(-pgid, 'SIGKILL');
          } catch {}
          const until2 = Date.now() + 2000;
          while (groupAlive(pgid) && Date.now() < until2) await sleep(50);
        }
      }
      rmSync(tmp, { recursive: true, force: true });
    },
  };
  live.add(handle);

  try {
    if (vsix) {
      log(`installing ${vsix} with code-server --install-extension …`);
      handle.installed = installVsix({ vsix, extensionsDir, userDataDir, entry, node });
      log(`installed: ${handle.installed.join(', ')}`);
    }
    if (extensionDir && loadAs === 'installed') {
      const pkg = JSON.parse(readFileSync(path.join(extensionDir, 'package.json'), 'utf8'));
      const name = `${pkg.publisher}.${pkg.name}-${pkg.version}`;
      symlinkSync(path.resolve(extensionDir), path.join(extensionsDir, name), 'dir');
      handle.installed = [`${pkg.publisher}.${pkg.name}`];
      log(`linked ${extensionDir} into the extensions dir as ${name}`);
    }
    if (opts.locale && !/^en\b/i.test(opts.locale)) writeStubLanguagePack(userDataDir, opts.locale);
    const args = [
      entry,
      '--auth', 'none',
      '--bind-addr', `${bindHost}:${port}`,
      '--disable-telemetry',
      '--disable-update-check',
      ...(opts.workspaceTrust ? [] : ['--disable-workspace-trust']),
      ...(opts.locale ? ['--locale', opts.locale] : []),
      '--disable-getting-started-override',
      '--config', EMPTY_CONFIG,
      '--user-data-dir', userDataDir,
      '--extensions-dir', extensionsDir,
      path.resolve(workspace),
    ];
    const fd = openSync(logFile, 'a');
    child = spawn(node, args, {
      detached: true, // its own process group: stop() kills the fileWatcher / extension host children too
      stdio: ['ignore', fd, fd],
      env: { ...process.env, ...env },
    });
    closeSync(fd);
    handle.pid = child.pid;
    let exited = null;
    handle.exited = new Promise((resolve) => {
      child.on('exit', (code, signal) => {
        exited = { code, signal };
        resolve(exited);
      });
    });
    child.unref();

    const host = ['0.0.0.0', '::', ''].includes(bindHost) ? '127.0.0.1' : bindHost;
    const baseUrl = `http://${host}:${port}`;
    const deadline = Date.now() + timeoutMs;
    for (;;) {
      if (exited) throw new Error(`code-server exited early (${exited.code ?? exited.signal}):\n${tail(logFile)}`);
      if (Date.now() > deadline) throw new Error(`code-server did not answer ${baseUrl}/healthz within ${timeoutMs / 1000} s:\n${tail(logFile)}`);
      try {
        const res = await fetch(`${baseUrl}/healthz`, { signal: AbortSignal.timeout(2000) });
        if (res.ok) break;
      } catch {}
      await sleep(150);
    }
    handle.baseUrl = baseUrl;
    const devPath = loadAs === 'installed' ? undefined : extensionDir;
    handle.urlFor = (o = {}) => workbenchUrl({ host, port, workspace, extensionDevelopmentPath: devPath, ...o });
    handle.url = handle.urlFor();
    log(`code-server ${baseUrl} (pid ${child.pid}) ready`);
    return handle;
  } catch (e) {
    await handle.stop();
    throw e;
  }
}

/**
 * The web workbench takes its language from the language pack it loads (`globalThis._VSCODE_NLS_LANGUAGE`); with
 * none installed for `--locale`, it stays English and so does `vscode.env.language`. A stub pack for the locale
 * with no translations (every VS Code string falls back to English) makes VS Code run in that locale the way a
 * desktop VS Code does with `"locale"` in argv.json and no language pack: extensions see the locale, load their
 * `package.nls.<locale>.json` and `l10n/bundle.l10n.<locale>.json`, and send it to their language servers.
 * Written after any --install-extension (which rewrites languagepacks.json) and before the server starts.
 */
function writeStubLanguagePack(userDataDir, locale) {
  const id = locale.toLowerCase();
  const translations = path.join(userDataDir, `stub-language-pack.${id}.i18n.json`);
  writeFileSync(translations, JSON.stringify({ version: '1.0.0', contents: {} }));
  const pack = { hash: `benchpress-e2e-stub-${id}`, extensions: [{ extensionIdentifier: { id: 'benchpress-e2e.stub-language-pack' }, version: '0.0.0' }], translations: { vscode: translations }, label: id };
  writeFileSync(path.join(userDataDir, 'languagepacks.json'), JSON.stringify({ [id]: pack }));
}

/** Stops every server this process started (synchronously; safe in 'exit' and signal handlers). */
export function stopAllSync() {
  for (const h of [...live]) h.stopSync();
}

/** Stops every server this process started. */
export async function stopAll() {
  await Promise.all([...live].map((h) => h.stop()));
}

/**
 * Launches Debian's chromium headless with playwright-core (no browser download).
 * Signal handling is left to the caller (handleSIGINT etc. false) so it can clean up in order.
 */
export async function launchBrowser(opts = {}) {
  if (!existsSync(CHROMIUM)) throw new Error(`${CHROMIUM} not found; run node scripts/e2e/setup.mjs`);
  const { chromium } = await import('playwright-core');
  // Debian's chromium writes ~/.config/chromium/Crash Reports even with a temp profile: give it a temp home.
  const home = mkdtempSync(path.join(os.tmpdir(), 'benchpress-chromium-'));
  const removeHome = () => {
    try {
      rmSync(home, { recursive: true, force: true });
    } catch {}
  };
  process.once('exit', removeHome);
  let browser;
  try {
    browser = await chromium.launch({
      executablePath: CHROMIUM,
      headless: true,
      args: [...CHROMIUM_ARGS, ...(opts.args || [])],
      env: { ...process.env, XDG_CONFIG_HOME: path.join(home, 'config'), XDG_CACHE_HOME: path.join(home, 'cache') },
      handleSIGINT: false,
      handleSIGTERM: false,
      handleSIGHUP: false,
      timeout: 60_000,
      ...opts.launch,
    });
  } catch (e) {
    removeHome();
    throw e;
  }
  browser.on('disconnected', removeHome);
  return browser;
}
