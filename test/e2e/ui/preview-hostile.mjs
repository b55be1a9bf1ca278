// UI: the hostile payloads of test/preview/hostile-payloads.json (the same ones `benchpress render` is tested with)
// in the real preview webview — each in a paragraph, a table cell, a list item, a quote, a heading and a footnote,
// each followed by a sentinel paragraph. After scrolling through the whole preview (its images load lazily):
// - nothing runs: every frame gets a probe before its own scripts (page.addInitScript) that records calls of
//   alert/confirm/prompt/print/open and every Content-Security-Policy violation (markup that got through the
//   sanitiser and was stopped only by the CSP counts as a failure too); no dialog opens; no handler attribute,
//   script element or script URL is in the rendered draft;
// - nothing is fetched from the network but the https image the draft itself shows by design (img.example: the
//   preview's policy, like VS Code's own Markdown preview, is that http(s) images load); no request of any kind
//   to evil.example, where every payload points. A control image at the end of the draft must be seen requested,
//   so the request monitor is proven to see the webview's loads;
// - every sentinel — the text after each payload — is shown;
// - the page keeps its CSP: a nonce on its one script, no 'unsafe-inline' or 'unsafe-eval', default-src 'none'.
import assert from 'node:assert/strict';
import { readFileSync, rmSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { openNewFile, runCommand, sleep, webviewFrameWith } from './_workbench.mjs';

const HERE = path.dirname(fileURLToPath(import.meta.url));
const PAYLOADS = Object.values(JSON.parse(readFileSync(path.join(HERE, '..', '..', 'preview', 'hostile-payloads.json'), 'utf8'))).flat();
const FILE = 'hostile-preview.md';
/** An ordinary image at the end of the draft: its request proves that the monitor sees the webview's requests. */
const CONTROL_IMAGE = 'https://img.example/network-control.png';
/** Requests that may leave the page: https images the draft shows (the payloads' one plain https image, and the
 *  control), and the webview's own resources — *.vscode-resource.vscode-cdn.net, answered by the webview's service
 *  worker from the extension's media/ folder and the workspace (relative images such as `x.png`), never from the
 *  network. */
const allowedOffsite = (workspace) => [
  /^https:\/\/img\.example\/(a|network-control)\.png$/,
  /^https:\/\/[^/]+\.vscode-resource\.vscode-cdn\.net\/.+\/media\/preview\.(js|css)$/,
  new RegExp(`^https://[^/]+\\.vscode-resource\\.vscode-cdn\\.net${workspace.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}/[^/]+$`),
];

/** Runs in every frame before its own scripts: records what would show that draft content ran or was blocked. */
function probe() {
  const calls = [];
  const violations = [];
  Object.defineProperty(window, '__bpProbe', { value: { calls, violations }, enumerable: false });
  for (const name of ['alert', 'confirm', 'prompt', 'print', 'open']) {
    const original = window[name];
    window[name] = function (...args) {
      calls.push(`${name}(${args.map(String).join(', ').slice(0, 80)})`);
      return name === 'open' ? null : original?.apply(this, args);
    };
  }
  document.addEventListener('securitypolicyviolation', (e) => violations.push(`${e.effectiveDirective} ${e.blockedURI} ${String(e.sample || '').slice(0, 60)}`), true);
}

/** The draft, and the sentinel words that must be shown (as in test/preview/hostile.test.ts). */
function hostileDraft() {
  const parts = ['# Hostile preview', ''];
  const sentinels = [];
  PAYLOADS.forEach((payload, n) => {
    parts.push(payload, '', `SENTINEL${n}top survives.`, '');
    sentinels.push(`SENTINEL${n}top`);
    if (payload.includes('\n')) return;
    parts.push('| a | b |', '|---|---|', `| ${payload} | cell |`, '', `SENTINEL${n}table survives.`, '');
    parts.push(`- item ${payload}`, '', `SENTINEL${n}list survives.`, '');
    parts.push(`> quote ${payload}`, '', `SENTINEL${n}quote survives.`, '');
    parts.push(`## Heading ${n} ${payload}`, '', `SENTINEL${n}heading survives.`, '');
    parts.push(`Note[^n${n}].`, '', `[^n${n}]: ${payload}`, '', `SENTINEL${n}footnote survives.`, '');
    sentinels.push(...['table', 'list', 'quote', 'heading', 'footnote'].map((c) => `SENTINEL${n}${c}`));
  });
  parts.push(`![network control](${CONTROL_IMAGE})`, '', 'LAST SENTINEL of the hostile draft.', '');
  return { text: parts.join('\n'), sentinels };
}

export const tests = [
  {
    name: `${PAYLOADS.length} hostile payloads in the real preview webview: nothing runs, nothing is fetched, the text after each is shown`,
    timeout: 180_000,
    async run({ page, screenshot, workspace }) {
      const { text, sentinels } = hostileDraft();
      const file = path.join(workspace, FILE);
      writeFileSync(file, text);
      // Every frame attached from now on (the preview's webview frames are created by the command below).
      await page.addInitScript(probe);
      const dialogs = [];
      const offsite = [];
      const ranOrBlocked = [];
      const onDialog = (d) => {
        dialogs.push(d.message());
        void d.dismiss().catch(() => undefined);
      };
      const onRequest = (r) => {
        const url = r.url();
        if (/^(javascript|vbscript|livescript):/i.test(url) || /^data:(?!image\/(png|gif|jpeg|webp)[;,])/i.test(url)) ranOrBlocked.push(`request ${r.resourceType()} ${url.slice(0, 80)}`);
        if (!/^(https?|wss?):\/\/(127\.0\.0\.1|localhost)[:/]|^(data|blob):/i.test(url)) offsite.push(`${r.resourceType()} ${url}`);
      };
      const onConsole = (m) => {
        // Chromium's messages for blocked dialogs in a sandboxed frame and for CSP refusals.
        if (/Ignored call to '(alert|confirm|prompt|print)|Refused to (execute|load|apply|connect|frame|evaluate)/i.test(m.text())) ranOrBlocked.push(`console ${m.text().slice(0, 160)}`);
      };
      page.on('dialog', onDialog);
      page.context().on('request', onRequest);
      page.on('console', onConsole);
      try {
        // The draft is written by the test, after the workbench loaded: the Explorer may not hear of it from the
        // file watcher, so it is refreshed, or the file is opened through Quick Open (openNewFile).
        await openNewFile(page, FILE);
        await runCommand(page, 'Benchpress: Show Preview with Content Checklist');
        let frame;
        try {
          frame = await webviewFrameWith(page, 'LAST SENTINEL', { timeout: 30_000 });
        } catch {
          await runCommand(page, 'Benchpress: Show Preview with Content Checklist');
          frame = await webviewFrameWith(page, 'LAST SENTINEL', { timeout: 60_000 });
        }
        assert.ok(await frame.evaluate(() => Boolean(window.__bpProbe)), 'the probe is installed in the preview frame');
        // A writer scrolling through the whole preview: lazy images load, late handlers (onload, onerror,
        // autofocus/onfocus, animations, marquee) get their chance.
        const height = await frame.evaluate(() => document.body.scrollHeight);
        for (let y = 0; y <= height; y += 600) {
          await frame.evaluate((top) => window.scrollTo(0, top), y);
          await sleep(60);
        }
        await frame.evaluate(() => window.scrollTo(0, document.body.scrollHeight));
        for (let i = 0; i < 40 && !offsite.some((r) => r.includes(CONTROL_IMAGE)); i++) await sleep(250);
        await sleep(3000);
        await screenshot('preview-hostile');

        assert.ok(offsite.some((r) => r.includes(CONTROL_IMAGE)), `the control image was not seen requested, so the request monitor proves nothing: ${JSON.stringify(offsite)}`);
        const allowed = allowedOffsite(workspace);
        const unexpected = offsite.filter((r) => !allowed.some((re) => re.test(r.replace(/^\S+ /, ''))));
        assert.deepEqual(unexpected, [], 'a payload made the preview fetch something from the network');
        assert.deepEqual(dialogs, [], 'a payload ran script (a dialog opened)');
        const probed = await frame.evaluate(() => window.__bpProbe);
        assert.deepEqual(probed.calls, [], 'a payload ran script in the preview');
        assert.deepEqual(probed.violations, [], 'a payload got past the sanitiser and was stopped only by the CSP');
        assert.deepEqual(ranOrBlocked, [], 'a payload ran script or was stopped only by the CSP');

        const shown = await frame.evaluate(() => document.body.innerText);
        const missing = sentinels.filter((s) => !shown.includes(`${s} survives.`));
        assert.deepEqual(missing, [], `the text after these payloads is not shown: ${missing.join(', ')}`);

        const found = await frame.evaluate(() => {
          const content = document.getElementById('bp-content') ?? document.body;
          const bad = [];
          for (const el of content.querySelectorAll('*')) {
            const tag = el.tagName.toLowerCase();
            if (['script', 'style', 'iframe', 'frame', 'object', 'embed', 'form', 'base', 'meta', 'link', 'svg', 'math', 'template', 'button', 'select', 'textarea', 'video', 'audio', 'marquee'].includes(tag)) bad.push(`<${tag}>`);
            // GFM task lists (and GitHub's sanitising schema) give disabled checkboxes; no other input.
            if (tag === 'input' && !(el.getAttribute('type') === 'checkbox' && el.hasAttribute('disabled'))) bad.push(`<input ${el.outerHTML.slice(0, 60)}>`);
            for (const attr of el.getAttributeNames()) {
              const value = (el.getAttribute(attr) ?? '').replace(/[\s\u0000-\u001f]/g, '').toLowerCase();
              if (attr.startsWith('on') || attr === 'srcdoc' || attr === 'formaction') bad.push(`<${tag} ${attr}>`);
              // (The webview leaves an empty style="" on checkboxes; a draft's style is removed by the sanitiser.)
              if (attr === 'style' && value !== '') bad.push(`<${tag} style=${value.slice(0, 40)}>`);
              if (/^(javascript|vbscript|livescript):/.test(value) || (value.startsWith('data:') && !/^data:image\/(png|gif|jpeg|webp)/.test(value))) bad.push(`<${tag} ${attr}=${value.slice(0, 40)}>`);
              if (/evil\.example/.test(value) && ['src', 'srcset', 'background', 'poster', 'data', 'action', 'ping', 'xlink:href'].includes(attr)) bad.push(`<${tag} ${attr}=${value.slice(0, 40)}>`);
            }
          }
          const csp = document.querySelector('meta[http-equiv="Content-Security-Policy"]')?.getAttribute('content') ?? '';
          const meta = document.querySelector('meta[http-equiv="Content-Security-Policy"]');
          const scripts = [...document.querySelectorAll('script')].map((s) => ({
            id: s.id,
            // VS Code's webview host puts its acquireVsCodeApi() bootstrap (#_vscodeApiScript) at the top of <head>,
            // ahead of the page's CSP meta; it is not the extension's page.
            host: s.id === '_vscodeApiScript' && Boolean(meta && s.compareDocumentPosition(meta) & Node.DOCUMENT_POSITION_FOLLOWING),
            nonce: s.nonce || s.getAttribute('nonce') || '',
            src: s.getAttribute('src') ?? '',
            inline: (s.textContent ?? '').trim().length > 0,
          }));
          return { bad, csp, scripts, pwned: Boolean(window.__pwned) };
        });
        assert.deepEqual(found.bad, [], `executable or loading markup from the draft: ${found.bad.slice(0, 20).join(' ')}`);
        assert.equal(found.pwned, false);
        assert.match(found.csp, /script-src[^;]*'nonce-[A-Za-z0-9+/=]{16,}'/, `CSP: ${found.csp}`);
        assert.doesNotMatch(found.csp, /unsafe-inline|unsafe-eval/, `CSP: ${found.csp}`);
        assert.match(found.csp, /default-src 'none'/, `CSP: ${found.csp}`);
        const own = found.scripts.filter((s) => !s.host);
        assert.ok(own.some((s) => /preview\.js/.test(s.src)), `the preview has its own script: ${JSON.stringify(found.scripts)}`);
        for (const s of own) {
          assert.ok(s.nonce, `a script without the nonce: ${JSON.stringify(s)}`);
          assert.equal(s.inline, false, 'inline script code in the preview page');
        }
      } finally {
        page.off('dialog', onDialog);
        page.context().off('request', onRequest);
        page.off('console', onConsole);
        await page.keyboard.press('Escape').catch(() => undefined);
        rmSync(file, { force: true });
      }
    },
  },
];
