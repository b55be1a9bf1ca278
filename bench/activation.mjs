// Extension activation time in a real VS Code (code-server 4.100.3 + headless chromium, the e2e setup): opens a
// Markdown draft a few times in fresh workbenches and reads the time the extension reports for its activate()
// ("Benchpress activated in N ms", from starting the language client to its first answer), plus the time from
// opening the page to the extension host starting the activation. Skipped with a message when the e2e setup
// (node scripts/e2e/setup.mjs) has not been run.
//
//   node bench/activation.mjs [--runs 3] [--json]
import { cpSync, existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { paths } from '../scripts/e2e/setup.mjs';
import { startCodeServer, launchBrowser, waitForActivation } from '../scripts/e2e/code-server.mjs';

const REPO = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const runs = Number(process.argv[process.argv.indexOf('--runs') + 1] || 3) || 3;
const asJson = process.argv.includes('--json');

export async function measureActivation({ runs: count = 3 } = {}) {
  if (!existsSync(paths.codeServerEntry) || !existsSync('/usr/bin/chromium')) return { skipped: 'the e2e setup is not installed (node scripts/e2e/setup.mjs)' };
  const results = [];
  for (let i = 0; i < count; i++) {
    const workspace = mkdtempSync(path.join(tmpdir(), 'bp-activation-'));
    cpSync(path.join(REPO, 'test', 'e2e', 'workspace'), workspace, { recursive: true });
    const cs = await startCodeServer({ workspace, extensionDir: REPO });
    const browser = await launchBrowser();
    try {
      const page = await browser.newPage();
      const opened = Date.now();
      await page.goto(cs.url);
      await page.waitForSelector('.explorer-folders-view .monaco-list-row', { timeout: 60_000 });
      await page.locator('.explorer-folders-view .monaco-list-row', { hasText: 'zh-review.md' }).first().click();
      await waitForActivation(cs, 'benchpress.benchpress', { timeoutMs: 60_000 });
      const until = Date.now() + 30_000;
      let reported;
      while (!reported && Date.now() < until) {
        reported = /Benchpress activated in (\d+) ms/.exec(cs.exthostLog())?.[1];
        if (!reported) await new Promise((r) => setTimeout(r, 200));
      }
      results.push({ activateMs: reported ? Number(reported) : null, pageToActivatedMs: Date.now() - opened });
    } finally {
      await browser.close();
      await cs.stop();
      rmSync(workspace, { recursive: true, force: true });
    }
  }
  const values = results.map((r) => r.activateMs).filter((v) => v !== null).sort((a, b) => a - b);
  return { runs: results, medianActivateMs: values.length ? values[Math.floor(values.length / 2)] : null };
}

if (process.argv[1] && path.resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  const result = await measureActivation({ runs });
  if (asJson) console.log(JSON.stringify(result, null, 2));
  else if (result.skipped) console.log(`activation: skipped — ${result.skipped}`);
  else console.log(`activation: activate() took ${result.runs.map((r) => r.activateMs).join(', ')} ms (median ${result.medianActivateMs} ms) in ${result.runs.length} fresh workbenches`);
}
