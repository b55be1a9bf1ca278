#!/usr/bin/env node
// "Open the product": the extension running in a real VS Code (code-server 4.100.3) on a copy of the sample
// workspace, for `npm start`. Build the extension first (`npm run build`).
//
//   node scripts/e2e/demo.mjs [--port N] [--host ADDR] [--extension DIR | --vsix FILE] [--check] [--screenshot FILE]
//
// Default: sets up (scripts/e2e/setup.mjs), copies samples/ to .cache/demo-workspace (fresh on
// every start), starts code-server on 127.0.0.1:8080 (or $PORT / --port) with the extension installed into
// a temp extensions dir (the repo folder is symlinked there, so after `npm run build` "Developer: Reload Window"
// picks up the new build), prints the URL and runs until Ctrl+C, then stops everything. Open the URL in a
// browser (forward the port if the machine is remote); open zh-review.md to see Benchpress's diagnostics.
//
// --check: instead opens the URL once in headless chromium, waits for the workbench, opens zh-review.md,
// waits for the extension to activate (server-side extension host log), opens the Problems panel, saves a
// screenshot (test-results/e2e/demo.png or --screenshot) and exits 0; 1 if anything of that failed.
// --host 0.0.0.0 listens on every interface: there is no password (auth none), so only on a trusted network.
import { cpSync, existsSync, mkdirSync, readFileSync, rmSync } from 'node:fs';
import path from 'node:path';
import { parseArgs } from 'node:util';
import { setup, REPO } from './setup.mjs';
import { startCodeServer, launchBrowser, waitForActivation, stopAllSync } from './code-server.mjs';

const usage = 'usage: node scripts/e2e/demo.mjs [--port N] [--host ADDR] [--extension DIR | --vsix FILE] [--check] [--screenshot FILE]';
let args;
try {
  ({ values: args } = parseArgs({
    options: {
      port: { type: 'string' },
      host: { type: 'string', default: '127.0.0.1' },
      extension: { type: 'string' },
      vsix: { type: 'string' },
      check: { type: 'boolean', default: false },
      screenshot: { type: 'string' },
      help: { type: 'boolean', short: 'h', default: false },
    },
  }));
} catch (e) {
  console.error(`${e.message}\n${usage}`);
  process.exit(2);
}
if (args.help) {
  console.log(usage);
  process.exit(0);
}
const port = Number(args.port || process.env.PORT || 8080);
if (!Number.isInteger(port) || port <= 0 || port > 65535) {
  console.error(`bad port: ${args.port || process.env.PORT}`);
  process.exit(2);
}

let cs = null;
let browser = null;
let stopping = false;
async function shutdown(code) {
  if (stopping) return;
  stopping = true;
  if (browser) await browser.close().catch(() => {});
  if (cs) await cs.stop().catch(() => {});
  process.exit(code);
}
process.on('exit', () => stopAllSync());
for (const sig of ['SIGINT', 'SIGTERM', 'SIGHUP']) {
  process.on(sig, () => {
    console.log(`\n${sig}: stopping code-server …`);
    shutdown(sig === 'SIGINT' ? 0 : 130);
  });
}

try {
  await setup();

  // The extension: the repo folder (default), another folder, or a packaged .vsix.
  let extensionDir = null;
  let vsix = null;
  let id = null;
  if (args.vsix) {
    vsix = path.resolve(args.vsix);
    if (!existsSync(vsix)) throw new Error(`--vsix ${vsix} does not exist`);
  } else {
    extensionDir = path.resolve(args.extension || REPO);
    const pkg = JSON.parse(readFileSync(path.join(extensionDir, 'package.json'), 'utf8'));
    id = `${pkg.publisher}.${pkg.name}`;
    if (pkg.main && !existsSync(path.join(extensionDir, pkg.main))) {
      console.warn(`WARNING: ${pkg.main} is missing in ${extensionDir}: run \`npm run build\` first, or the extension will not load.`);
    }
  }

  const workspace = path.join(REPO, '.cache', 'demo-workspace');
  rmSync(workspace, { recursive: true, force: true });
  mkdirSync(path.dirname(workspace), { recursive: true });
  // The interactive demo shows the repo's sample drafts; --check uses the e2e workspace its steps know.
  const source = args.check ? path.join(REPO, 'test', 'e2e', 'workspace') : path.join(REPO, 'samples');
  cpSync(source, workspace, { recursive: true });

  cs = await startCodeServer({ workspace, extensionDir, vsix, port, bindHost: args.host, loadAs: 'installed' });
  id = id || cs.installed[0];
  const url = cs.url.replace('//127.0.0.1:', '//localhost:');

  if (!args.check) {
    console.log(`
Benchpress in VS Code (code-server 4.100.3) is running.

  Open:       ${url}
  Workspace:  ${path.relative(process.cwd(), workspace) || workspace} (a fresh copy of samples/)
  Extension:  ${id}${vsix ? ` from ${vsix}` : ` from ${extensionDir} (after npm run build: "Developer: Reload Window")`}
  Try:        open zh/rtx-4090-review.md (a review missing its 成本效益分析 section), the Problems panel
              (Ctrl+Shift+M), the quick fix on the title (Ctrl+.), the command palette (F1) "Benchpress",
              the Topic Heat view in the activity bar.
${args.host === '127.0.0.1' ? `  Remote machine? Forward the port first, e.g. ssh -L ${port}:127.0.0.1:${port} HOST\n` : ''}
Press Ctrl+C to stop.`);
    // Run until a signal (the interval keeps Node's event loop alive; code-server's process is unref'd).
    setInterval(() => {}, 1 << 30);
    const { code, signal } = await cs.exited;
    if (!stopping) {
      console.error(`code-server exited unexpectedly (${code ?? signal}):\n${cs.logTail(30)}`);
      await shutdown(1);
    }
    await new Promise(() => {});
  }

  // --check: one headless visit.
  const shot = path.resolve(args.screenshot || path.join(REPO, 'test-results', 'e2e', 'demo.png'));
  mkdirSync(path.dirname(shot), { recursive: true });
  const t0 = Date.now();
  const step = (m) => console.log(`[demo --check ${((Date.now() - t0) / 1000).toFixed(1)} s] ${m}`);
  browser = await launchBrowser();
  const page = await browser.newPage({ viewport: { width: 1400, height: 900 } });
  const { waitForWorkbench, openFromExplorer, openProblems } = await import('../../test/e2e/ui/_workbench.mjs');
  let ok = false;
  try {
    await page.goto(cs.url);
    await waitForWorkbench(page);
    step('workbench loaded');
    await openFromExplorer(page, 'zh-review.md');
    step('opened zh-review.md');
    await waitForActivation(cs, id, { timeoutMs: 30_000 });
    step(`extension ${id} activated`);
    await openProblems(page);
    // Diagnostics are a bonus here: report them, do not require them.
    const until = Date.now() + 15_000;
    let rows = [];
    while (Date.now() < until) {
      rows = await page.locator('.markers-panel .monaco-list-row').allTextContents();
      if (rows.some((r) => r.includes('benchpress'))) break;
      await new Promise((r) => setTimeout(r, 250));
    }
    step(`Problems panel: ${rows.filter((r) => r.includes('benchpress')).length} benchpress entr(y/ies)`);
    ok = true;
  } catch (e) {
    console.error(`demo --check FAILED: ${e.message}`);
  }
  await page.screenshot({ path: shot }).catch(() => {});
  step(`screenshot: ${path.relative(process.cwd(), shot)}`);
  await shutdown(ok ? 0 : 1);
} catch (e) {
  console.error(`demo: ${e.message}${e.detail ? `\n${e.detail}` : ''}`);
  await shutdown(1);
}
