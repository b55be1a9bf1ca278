// UI: the hostile payloads of test/preview/hostile-payloads.json (the same ones `benchpress render` is tested with)
// in the real preview webview — each in a paragraph, a table cell, a list item, a quote, a heading and a footnote,
// each followed by a sentinel paragraph. Nothing runs (no dialog from any alert(), no handler, no script URL), nothing
// is requested from the network (no request to evil.example of any kind), the page keeps its CSP (a nonce, no
// 'unsafe-inline'), and every sentinel — the text after each payload — is shown.
import assert from 'node:assert/strict';
import { readFileSync, rmSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { openFromExplorer, runCommand, sleep } from './_workbench.mjs';

const HERE = path.dirname(fileURLToPath(import.meta.url));
const PAYLOADS = Object.values(JSON.parse(readFileSync(path.join(HERE, '..', '..', 'preview', 'hostile-payloads.json'), 'utf8'))).flat();
const FILE = 'hostile-preview.md';

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
  parts.push('LAST SENTINEL of the hostile draft.', '');
  return { text: parts.join('\n'), sentinels };
}

/** The webview frame whose document contains `text` (webviews are nested iframes in the workbench). */
async function webviewFrameWith(page, text, { timeout = 30_000 } = {}) {
  const until = Date.now() + timeout;
  for (;;) {
    for (const frame of page.frames().filter((f) => f !== page.mainFrame() && /webview/i.test(f.url()))) {
      const found = await frame.evaluate((t) => document.body?.innerText?.includes(t) ?? false, text).catch(() => false);
      if (found) return frame;
    }
    if (Date.now() > until) throw new Error(`no webview shows "${text}" after ${timeout / 1000} s`);
    await sleep(500);
  }
}

export const tests = [
  {
    name: `${PAYLOADS.length} hostile payloads in the real preview webview: nothing runs, nothing is fetched, the text after each is shown`,
    timeout: 180_000,
    async run({ page, screenshot, workspace }) {
      const { text, sentinels } = hostileDraft();
      const file = path.join(workspace, FILE);
      writeFileSync(file, text);
      const dialogs = [];
      const requests = [];
      const consoleErrors = [];
      const onDialog = (d) => {
        dialogs.push(d.message());
        void d.dismiss().catch(() => undefined);
      };
      const onRequest = (r) => {
        const url = r.url();
        if (/evil\.example|^javascript:|^vbscript:|^data:text\/html/i.test(url)) requests.push(`${r.resourceType()} ${url}`);
      };
      const onConsole = (m) => {
        if (m.type() === 'error') consoleErrors.push(m.text());
      };
      page.on('dialog', onDialog);
      page.context().on('request', onRequest);
      page.on('console', onConsole);
      try {
        // The Explorer shows a new file after its watcher sees it.
        let opened = false;
        for (let i = 0; i < 5 && !opened; i++) {
          opened = await openFromExplorer(page, FILE, { timeout: 8_000 }).then(() => true, () => false);
          if (!opened) await sleep(1500);
        }
        assert.ok(opened, `${FILE} did not appear in the Explorer`);
        await runCommand(page, 'Benchpress: Show Preview with Content Checklist');
        let frame;
        try {
          frame = await webviewFrameWith(page, 'LAST SENTINEL', { timeout: 30_000 });
        } catch {
          await runCommand(page, 'Benchpress: Show Preview with Content Checklist');
          frame = await webviewFrameWith(page, 'LAST SENTINEL', { timeout: 60_000 });
        }
        // Handlers that would fire late (onload of images, autofocus/onfocus, animations, marquee) get their chance.
        await frame.evaluate(() => window.scrollTo(0, document.body.scrollHeight));
        await sleep(4000);
        await screenshot('preview-hostile');

        assert.deepEqual(dialogs, [], 'a payload ran script (a dialog opened)');
        assert.deepEqual(requests, [], 'a payload made the preview fetch something');
        const shown = await frame.evaluate(() => document.body.innerText);
        const missing = sentinels.filter((s) => !shown.includes(`${s} survives.`));
        assert.deepEqual(missing, [], `the text after these payloads is not shown: ${missing.join(', ')}`);

        const found = await frame.evaluate(() => {
          const content = document.getElementById('bp-content') ?? document.body;
          const bad = [];
          for (const el of content.querySelectorAll('*')) {
            const tag = el.tagName.toLowerCase();
            if (['script', 'style', 'iframe', 'frame', 'object', 'embed', 'form', 'base', 'meta', 'link', 'svg', 'math', 'template', 'input', 'button', 'video', 'audio'].includes(tag)) bad.push(`<${tag}>`);
            for (const attr of el.getAttributeNames()) {
              const value = (el.getAttribute(attr) ?? '').replace(/[\s\u0000-\u001f]/g, '').toLowerCase();
              if (attr.startsWith('on')) bad.push(`<${tag} ${attr}>`);
              if (attr === 'style') bad.push(`<${tag} style>`);
              if (/^(javascript|vbscript|livescript):/.test(value) || (value.startsWith('data:') && !/^data:image\/(png|gif|jpeg|webp)/.test(value))) bad.push(`<${tag} ${attr}=${value.slice(0, 40)}>`);
            }
          }
          const csp = document.querySelector('meta[http-equiv="Content-Security-Policy"]')?.getAttribute('content') ?? '';
          const scripts = [...document.querySelectorAll('script')].map((s) => ({ nonce: s.nonce || s.getAttribute('nonce') || '', src: s.getAttribute('src') ?? '', inline: (s.textContent ?? '').trim().length > 0 }));
          return { bad, csp, scripts, pwned: Boolean(window.__pwned || window.top?.__pwned) };
        });
        assert.deepEqual(found.bad, [], `executable or loading markup from the draft: ${found.bad.slice(0, 20).join(' ')}`);
        assert.equal(found.pwned, false);
        assert.match(found.csp, /script-src[^;]*'nonce-[A-Za-z0-9+/=]{16,}'/, `CSP: ${found.csp}`);
        assert.doesNotMatch(found.csp, /unsafe-inline|unsafe-eval/, `CSP: ${found.csp}`);
        assert.match(found.csp, /default-src 'none'/, `CSP: ${found.csp}`);
        for (const s of found.scripts) {
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
