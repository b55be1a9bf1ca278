#!/usr/bin/env node
// End-to-end tests of the extension inside a real, headless VS Code (code-server 4.100.3 + Debian chromium).
//
//   node test/e2e/run.mjs [--grep PATTERN] [--api | --ui] [--extension DIR | --vsix FILE] [--timeout SEC] [--verbose]
//
//   (a) API tests: test/e2e/api/*.test.js run by mocha inside the real extension host (test/e2e/api/index.js,
//       loaded through the payload's extensionTestsPath, like @vscode/test-electron).
//   (b) UI tests: test/e2e/ui/*.mjs (files not starting with "_") drive the workbench with playwright-core;
//       screenshots go to test-results/e2e/*.png.
//
// --extension DIR  the extension folder to load as extensionDevelopmentPath (default: the repo; build it first)
// --vsix FILE      install this packaged .vsix instead (code-server --install-extension), and test that
// --grep PATTERN   only tests whose full title matches (mocha --grep for API tests; a RegExp on
//                  "<file> › <name>" for UI tests)
// --timeout SEC    overall limit (default 900: a busy 2-core machine, two VS Codes in the UI phase); every process started is cleaned up on timeout, error or Ctrl+C
// --verbose        also print the workbench's own log lines
//
// Prints "e2e: N passed, N failed" last; exits 1 if any test failed or none ran, 2 on bad usage.
import { cpSync, existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync, appendFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { parseArgs } from 'node:util';
import { setup, REPO } from '../../scripts/e2e/setup.mjs';
import { startCodeServer, launchBrowser, stopAllSync, stopAll, installVsix } from '../../scripts/e2e/code-server.mjs';

const HERE = path.dirname(fileURLToPath(import.meta.url));
const RESULTS = path.join(REPO, 'test-results', 'e2e');
const VIEWPORT = { width: 1400, height: 900 };

let args;
try {
  ({ values: args } = parseArgs({
    options: {
      grep: { type: 'string', short: 'g' },
      api: { type: 'boolean', default: false },
      ui: { type: 'boolean', default: false },
      extension: { type: 'string' },
      vsix: { type: 'string' },
      timeout: { type: 'string', default: '900' },
      verbose: { type: 'boolean', short: 'v', default: false },
      help: { type: 'boolean', short: 'h', default: false },
    },
  }));
} catch (e) {
  console.error(`${e.message}\nusage: node test/e2e/run.mjs [--grep PATTERN] [--api|--ui] [--extension DIR|--vsix FILE] [--timeout SEC] [--verbose]`);
  process.exit(2);
}
if (args.help) {
  console.log('usage: node test/e2e/run.mjs [--grep PATTERN] [--api|--ui] [--extension DIR|--vsix FILE] [--timeout SEC] [--verbose]');
  process.exit(0);
}
const runApi = args.api || !args.ui;
const runUi = args.ui || !args.api;
const grep = args.grep ? new RegExp(args.grep) : null;
const overallMs = Number(args.timeout) * 1000;
if (!(overallMs > 0)) {
  console.error(`--timeout must be a number of seconds (got ${args.timeout})`);
  process.exit(2);
}

const t0 = Date.now();
const secs = (t = t0) => `${((Date.now() - t) / 1000).toFixed(1)} s`;
const say = (m) => console.log(`[e2e ${secs()}] ${m}`);

// ---------------------------------------------------------------- clean-up of everything we start
let browser = null;
let lastPage = null; // for a screenshot on timeout
const tmpDirs = [];
let cleaning = null;
async function cleanup() {
  if (cleaning) return cleaning;
  cleaning = (async () => {
    if (browser) await Promise.race([browser.close().catch(() => {}), new Promise((r) => setTimeout(r, 5000))]);
    browser = null;
    await Promise.race([stopAll(), new Promise((r) => setTimeout(r, 8000))]);
    stopAllSync();
    for (const d of tmpDirs) rmSync(d, { recursive: true, force: true });
  })();
  return cleaning;
}
process.on('exit', () => {
  // Last resort (synchronous): kill the code-server process groups, remove temp dirs. Playwright kills its
  // chromium itself on exit.
  stopAllSync();
  for (const d of tmpDirs) {
    try {
      rmSync(d, { recursive: true, force: true });
    } catch {}
  }
});
for (const sig of ['SIGINT', 'SIGTERM', 'SIGHUP']) {
  process.on(sig, async () => {
    console.error(`\n[e2e] ${sig}: stopping code-server and chromium …`);
    await cleanup();
    process.exit(130);
  });
}
const overall = setTimeout(async () => {
  console.error(`\n[e2e] TIMEOUT: the run took more than ${overallMs / 1000} s; stopping everything.`);
  if (lastPage) await lastPage.screenshot({ path: path.join(RESULTS, 'timeout.png') }).catch(() => {});
  await cleanup();
  console.log('e2e: 0 passed, 1 failed');
  process.exit(1);
}, overallMs);

// ---------------------------------------------------------------- helpers
function copyWorkspace(root, name) {
  const dest = path.join(root, name);
  cpSync(path.join(HERE, 'workspace'), dest, { recursive: true });
  return dest;
}

function extensionInfo(dir) {
  const pkg = JSON.parse(readFileSync(path.join(dir, 'package.json'), 'utf8'));
  return { id: `${pkg.publisher}.${pkg.name}`, main: pkg.main, engines: pkg.engines?.vscode };
}

function withTimeout(promise, ms, what) {
  let timer;
  return Promise.race([
    promise.finally(() => clearTimeout(timer)),
    new Promise((_, reject) => {
      timer = setTimeout(() => reject(new Error(`${what} timed out after ${ms / 1000} s`)), ms);
    }),
  ]);
}

const stripAnsi = (s) => String(s).replace(/\x1b\[[0-9;]*m/g, '');
const slug = (s) => s.replace(/[^\w.-]+/g, '-').replace(/^-+|-+$/g, '').slice(0, 80);

// ---------------------------------------------------------------- (a) API tests in the extension host
async function apiPhase({ tmpRoot, extensionDir, vsix, stubDir }) {
  const files = readdirSync(path.join(HERE, 'api')).filter((f) => f.endsWith('.test.js'));
  if (files.length === 0) return { passed: 0, failed: 0, skipped: true };
  const t = Date.now();
  const workspace = copyWorkspace(tmpRoot, 'workspace-api');
  const resultsFile = path.join(tmpRoot, 'api-results.json');
  const logFile = path.join(RESULTS, 'api-workbench.log');
  writeFileSync(logFile, '');
  const cs = await startCodeServer({
    workspace,
    extensionDir,
    vsix,
    tmpRoot,
    env: {
      BENCHPRESS_E2E_GREP: args.grep || '',
      BENCHPRESS_E2E_RESULTS: resultsFile,
      BENCHPRESS_E2E_EXTENSION_ID: extensionId,
    },
  });
  say(`API: code-server on port ${cs.port}; running ${files.length} file(s) in the extension host …`);
  const context = await browser.newContext({ viewport: VIEWPORT });
  const page = await context.newPage();
  lastPage = page;
  let resolveExit;
  const exited = new Promise((r) => (resolveExit = r));
  await page.exposeFunction('codeAutomationLog', (type, logArgs) => {
    const parts = Array.isArray(logArgs) ? logArgs : [logArgs];
    const text = parts.map((a) => (typeof a === 'string' ? a : JSON.stringify(a))).join(' ');
    appendFileSync(logFile, `[${type}] ${text}\n`);
    if (text.startsWith('[api] ')) {
      for (const line of text.split('\n')) console.log(`  ${line.replace(/^\[api\] /, '')}`);
    } else if (args.verbose || (type === 'error' && (text.includes(extensionId) || /Activating extension|extension host/i.test(text)))) {
      console.log(`  (workbench ${type}) ${text.slice(0, 2000)}`);
    }
  });
  await page.exposeFunction('codeAutomationExit', (code) => resolveExit(code));
  const url = cs.urlFor({ extensionDevelopmentPath: vsix ? stubDir : extensionDir, extensionTestsPath: path.join(HERE, 'api', 'index.js') });
  let code;
  let error = null;
  try {
    await page.goto(url);
    code = await withTimeout(exited, 360_000, 'the API tests (no codeAutomationExit)');
  } catch (e) {
    error = e;
    await page.screenshot({ path: path.join(RESULTS, 'api-FAILED.png') }).catch(() => {});
  }
  await context.close().catch(() => {});
  lastPage = null;
  writeFileSync(path.join(RESULTS, 'api-code-server.log'), cs.logTail(200) + '\n');
  writeFileSync(path.join(RESULTS, 'api-exthost.log'), cs.exthostLog() + '\n');
  await cs.stop();

  let results = null;
  if (existsSync(resultsFile)) results = JSON.parse(readFileSync(resultsFile, 'utf8'));
  const out = { passed: results?.passed ?? 0, failed: results?.failed ?? 0, pending: results?.pending ?? 0, failures: [], ms: Date.now() - t };
  for (const r of results?.tests || []) if (r.state === 'failed') out.failures.push({ title: `api › ${r.title}`, error: r.error });
  if (error || !results || (code !== 0 && out.failed === 0)) {
    // The host crashed, the tests module did not load, or nothing reported: count it as one failure.
    out.failed += 1;
    out.failures.push({ title: 'api › (extension host)', error: error ? error.message : !results ? `the tests module reported no results (exit code ${code}); see test-results/e2e/api-workbench.log` : `exit code ${code}` });
  }
  say(`API: ${out.passed} passed, ${out.failed} failed${out.pending ? `, ${out.pending} pending` : ''} (${secs(t)})`);
  return out;
}

// ---------------------------------------------------------------- (b) UI tests driving the workbench
async function uiPhase({ tmpRoot, extensionDir, vsix }) {
  const dir = path.join(HERE, 'ui');
  const files = readdirSync(dir).filter((f) => f.endsWith('.mjs') && !f.startsWith('_')).sort();
  const suites = [];
  for (const f of files) {
    const mod = await import(pathToFileURL(path.join(dir, f)).href);
    const tests = (mod.tests || []).filter((t) => !grep || grep.test(`${f} › ${t.name}`) || grep.test(t.name));
    // `export const server = { locale: 'zh-cn', restricted: true }`: the file needs a VS Code started that way.
    if (tests.length) suites.push({ file: f, tests, server: mod.server || {} });
  }
  const count = suites.reduce((n, s) => n + s.tests.length, 0);
  if (count === 0) return { passed: 0, failed: 0, skipped: true };
  const t = Date.now();
  const out = { passed: 0, failed: 0, failures: [], ms: 0 };
  // One code-server per kind of server the files ask for (most need the default one), on its own workspace copy.
  const groups = new Map();
  for (const suite of suites) {
    const key = JSON.stringify(suite.server);
    if (!groups.has(key)) groups.set(key, []);
    groups.get(key).push(suite);
  }
  let n = 0;
  for (const [key, group] of groups) {
    await uiGroup({ tmpRoot, extensionDir, vsix, dir, suites: group, server: JSON.parse(key), name: `workspace-ui${n++ ? `-${n}` : ''}`, out });
  }
  out.ms = Date.now() - t;
  say(`UI: ${out.passed} passed, ${out.failed} failed (${secs(t)})`);
  return out;
}

/** Code-server options for a group of UI files: a display language, Restricted Mode (an untrusted workspace). */
function serverOptions(server) {
  const options = {};
  if (server.locale) options.locale = server.locale;
  if (server.restricted) {
    options.workspaceTrust = true;
    options.settings = { 'security.workspace.trust.enabled': true, 'security.workspace.trust.startupPrompt': 'never', 'security.workspace.trust.banner': 'never' };
  }
  return options;
}

async function uiGroup({ tmpRoot, extensionDir, vsix, dir, suites, server, name, out }) {
  const count = suites.reduce((n, s) => n + s.tests.length, 0);
  const workspace = copyWorkspace(tmpRoot, name);
  const cs = await startCodeServer({ workspace, extensionDir, vsix, tmpRoot, ...serverOptions(server) });
  const described = Object.keys(server).length ? ` (${Object.entries(server).map(([k, v]) => `${k}: ${v}`).join(', ')})` : '';
  say(`UI: code-server on port ${cs.port}${described}; ${count} test(s) in ${suites.length} file(s) …`);
  const { waitForWorkbench } = await import(pathToFileURL(path.join(dir, '_workbench.mjs')).href);
  try {
    for (const suite of suites) {
      // A fresh page (and browser context) per file; the tests of one file share it, in order.
      const context = await browser.newContext({ viewport: VIEWPORT });
      const page = await context.newPage();
      lastPage = page;
      try {
        await page.goto(cs.url);
        await waitForWorkbench(page);
        for (const test of suite.tests) {
          const title = `${suite.file} › ${test.name}`;
          const tt = Date.now();
          // `options` go to page.screenshot (e.g. `clip` for a small picture of one part of the workbench).
          const screenshot = async (name, options = {}) => {
            const file = path.join(RESULTS, `${slug(name)}.png`);
            await page.screenshot({ ...options, path: file });
            return file;
          };
          try {
            await withTimeout(Promise.resolve().then(() => test.run({ page, screenshot, workspace, codeServer: cs, extensionId })), test.timeout || 60_000, title);
            out.passed++;
            console.log(`  ✔ ${title} (${secs(tt)})`);
          } catch (e) {
            out.failed++;
            const shot = path.join(RESULTS, `FAILED-${slug(suite.file.replace(/\.mjs$/, ''))}-${slug(test.name)}.png`);
            await page.screenshot({ path: shot }).catch(() => {});
            out.failures.push({ title: `ui › ${title}`, error: `${stripAnsi(e.message).split('\n').slice(0, 8).join('\n')}\n(screenshot: ${path.relative(REPO, shot)})` });
            console.log(`  ✘ ${title} (${secs(tt)})`);
          }
        }
      } catch (e) {
        // The workbench did not load: every test of the file fails.
        const shot = path.join(RESULTS, `FAILED-${slug(suite.file.replace(/\.mjs$/, ''))}-workbench.png`);
        await page.screenshot({ path: shot }).catch(() => {});
        for (const test of suite.tests) {
          out.failed++;
          out.failures.push({ title: `ui › ${suite.file} › ${test.name}`, error: `workbench did not load: ${e.message}` });
        }
      } finally {
        lastPage = null;
        await context.close().catch(() => {});
      }
    }
  } finally {
    const logName = name.replace(/^workspace-/, '');
    writeFileSync(path.join(RESULTS, `${logName}-code-server.log`), cs.logTail(200) + '\n');
    writeFileSync(path.join(RESULTS, `${logName}-exthost.log`), cs.exthostLog() + '\n');
    await cs.stop();
  }
}

// ---------------------------------------------------------------- main
let extensionId = 'benchpress.benchpress';
async function main() {
  mkdirSync(RESULTS, { recursive: true });
  for (const f of readdirSync(RESULTS)) if (f.endsWith('.png') || f.endsWith('.log')) rmSync(path.join(RESULTS, f), { force: true });

  say('setup …');
  try {
    await setup({ quiet: true });
  } catch (e) {
    console.error(`[e2e] ${e.message}${e.detail ? `\n${e.detail}` : ''}`);
    console.log('e2e: 0 passed, 1 failed');
    return 1;
  }
  say('setup ok (code-server 4.100.3, chromium)');

  const tmpRoot = mkdtempSync(path.join(os.tmpdir(), 'benchpress-e2e-'));
  tmpDirs.push(tmpRoot);
  let extensionDir = null;
  let vsix = null;
  let stubDir = null;
  if (args.vsix) {
    vsix = path.resolve(args.vsix);
    if (!existsSync(vsix)) {
      console.error(`[e2e] --vsix ${vsix} does not exist`);
      return 2;
    }
    // extensionTestsPath needs an extensionDevelopmentPath to run: give it an empty stub extension, so the
    // extension under test is the installed .vsix.
    stubDir = path.join(tmpRoot, 'e2e-host-stub');
    mkdirSync(stubDir);
    writeFileSync(path.join(stubDir, 'package.json'), JSON.stringify({ name: 'e2e-host-stub', publisher: 'benchpress-e2e', version: '0.0.0', engines: { vscode: '^1.80.0' } }, null, 2));
    // The id of the extension under test, from a scratch install (about 1 s).
    const probe = path.join(tmpRoot, 'vsix-id');
    const ids = installVsix({ vsix, extensionsDir: path.join(probe, 'ext'), userDataDir: path.join(probe, 'ud') });
    rmSync(probe, { recursive: true, force: true });
    if (ids.length === 0) throw new Error(`code-server --install-extension ${vsix}: no extension listed after the install`);
    extensionId = ids[0];
    say(`extension: ${path.relative(process.cwd(), vsix) || vsix} (packaged, installed with --install-extension)`);
  } else {
    extensionDir = path.resolve(args.extension || REPO);
    if (!existsSync(path.join(extensionDir, 'package.json'))) {
      console.error(`[e2e] ${extensionDir} has no package.json`);
      return 2;
    }
    const info = extensionInfo(extensionDir);
    extensionId = info.id;
    say(`extension: ${info.id} from ${extensionDir} (extensionDevelopmentPath)`);
    if (info.main && !existsSync(path.join(extensionDir, info.main)) && !existsSync(path.join(extensionDir, `${info.main}.js`))) {
      console.warn(`[e2e] WARNING: ${info.main} does not exist in ${extensionDir}: run \`npm run build\` first; the tests will fail.`);
    }
  }

  browser = await launchBrowser();
  const phases = [];
  if (runApi) phases.push(['API', await apiPhase({ tmpRoot, extensionDir, vsix, stubDir })]);
  if (runUi) phases.push(['UI', await uiPhase({ tmpRoot, extensionDir, vsix })]);
  await cleanup();

  const passed = phases.reduce((n, [, p]) => n + p.passed, 0);
  const failed = phases.reduce((n, [, p]) => n + p.failed, 0);
  const failures = phases.flatMap(([, p]) => p.failures || []);
  console.log('\n──────── e2e summary ────────');
  for (const [name, p] of phases) console.log(`  ${name.padEnd(3)} ${p.skipped ? 'no tests selected' : `${p.passed} passed, ${p.failed} failed (${(p.ms / 1000).toFixed(1)} s)`}`);
  if (failures.length) {
    console.log('\n  Failures:');
    failures.forEach((f, i) => console.log(`  ${i + 1}) ${f.title}\n     ${String(f.error).split('\n').join('\n     ')}`));
  }
  const shots = readdirSync(RESULTS).filter((f) => f.endsWith('.png'));
  if (shots.length) console.log(`\n  screenshots: ${shots.map((f) => path.join(path.relative(process.cwd(), RESULTS) || '.', f)).join(', ')}`);
  console.log(`  total time: ${secs()}`);
  if (passed + failed === 0) {
    console.log(`  no test ran${args.grep ? ` (--grep ${args.grep} matched nothing)` : ''}`);
    console.log('e2e: 0 passed, 0 failed');
    return 1;
  }
  console.log(`e2e: ${passed} passed, ${failed} failed`);
  return failed ? 1 : 0;
}

let exitCode = 1;
try {
  exitCode = await main();
} catch (e) {
  console.error(`[e2e] ERROR: ${e.stack || e.message}`);
  console.log('e2e: 0 passed, 1 failed');
  exitCode = 1;
} finally {
  await cleanup();
  clearTimeout(overall);
}
process.exit(exitCode);
