// Hostile drafts through `benchpress render FILE` (dist/cli.js, as a process): whatever the payload and wherever it
// stands (paragraph, table cell, list, quote, heading, footnote, front matter), nothing executable survives — no
// script-like element, no event handler, no javascript:/vbscript:/non-image data: URL, no iframe/object/embed/
// base/meta/form/link, no resource loaded from outside except images (the preview's policy: <img> and
// <picture><source> may load http(s) images; the webview's CSP then allows https only) — and the paragraph
// after each payload is still shown.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { CLI, tempWorkspace } from '../support/workspace';
import { scanTags, textOf } from './html-scan';

/** The payloads, by kind (shared with the webview test in the real VS Code, test/e2e/ui/preview-hostile.mjs). */
const PAYLOADS: string[] = Object.values(JSON.parse(readFileSync(path.join(__dirname, 'hostile-payloads.json'), 'utf8')) as Record<string, string[]>).flat();

/** Elements that must never reach the preview. */
const FORBIDDEN = new Set(['script', 'style', 'iframe', 'frame', 'frameset', 'object', 'embed', 'applet', 'param', 'svg', 'math', 'base', 'meta', 'link', 'form', 'button', 'select', 'textarea', 'template', 'noscript', 'xmp', 'isindex', 'video', 'audio', 'marquee', 'body', 'html', 'head', 'title', 'animate', 'use', 'maction']);
/** Attributes whose value is fetched or followed. */
const URL_ATTRIBUTES = new Set(['href', 'src', 'srcset', 'action', 'formaction', 'cite', 'longdesc', 'background', 'poster', 'data', 'xlink:href', 'lowsrc', 'dynsrc', 'ping', 'itemtype', 'manifest', 'codebase']);
const IMAGE_DATA = /^data:image\/(?:png|gif|jpeg|webp);/;

/** Why `html` is unsafe, or nothing. */
export function unsafeParts(html: string): string[] {
  const problems: string[] = [];
  for (const tag of scanTags(html)) {
    if (FORBIDDEN.has(tag.name)) problems.push(`element <${tag.name}>`);
    if (tag.end) continue;
    for (const [name, value] of tag.attrs) {
      if (name.startsWith('on')) problems.push(`handler ${name} on <${tag.name}>`);
      if (name === 'style' || name === 'srcdoc') problems.push(`${name} attribute on <${tag.name}>`);
      if (!URL_ATTRIBUTES.has(name)) continue;
      const urls = name === 'srcset' ? value.split(',').map((c) => c.trim().split(/\s+/)[0]) : [value];
      for (const raw of urls) {
        const url = raw.replace(/[\u0000-\u0020\u007f-\u009f]/g, '').toLowerCase();
        if (/^(?:javascript|vbscript|livescript):/.test(url)) problems.push(`script URL in ${name} of <${tag.name}>: ${raw}`);
        else if (url.startsWith('data:') && !(IMAGE_DATA.test(url) && ['img', 'source'].includes(tag.name))) problems.push(`data URL in ${name} of <${tag.name}>`);
        const loads = name !== 'href' && name !== 'cite' && name !== 'itemtype';
        const external = /^(?:https?:)?\/\//.test(url);
        if (loads && external && !(['src', 'srcset'].includes(name) && ['img', 'source'].includes(tag.name))) problems.push(`external load in ${name} of <${tag.name}>: ${raw}`);
      }
    }
  }
  // As text (tags removed, so quoted attribute values do not count), markup must be escaped.
  const text = textOf(html);
  if (/<\s*[a-z!?/]/i.test(text)) problems.push(`unescaped markup in text: ${/<\s*[a-z!?/][^\n]{0,40}/i.exec(text)![0]}`);
  return problems;
}

/** Where a payload stands: each context is followed by its own sentinel paragraph. */
function draftFor(payload: string, n: number): { text: string; sentinels: string[] } {
  const single = !payload.includes('\n');
  const parts: string[] = ['# 评测 Review', '', payload, '', `SENTINEL${n}top survives.`, ''];
  const sentinels = [`SENTINEL${n}top`];
  if (single) {
    parts.push('| a | b |', '|---|---|', `| ${payload} | cell |`, '', `SENTINEL${n}table survives.`, '');
    parts.push(`- item ${payload}`, '', `SENTINEL${n}list survives.`, '');
    parts.push(`> quote ${payload}`, '', `SENTINEL${n}quote survives.`, '');
    parts.push(`## Heading ${payload}`, '', `SENTINEL${n}heading survives.`, '');
    parts.push(`Note[^n${n}].`, '', `[^n${n}]: ${payload}`, '', `SENTINEL${n}footnote survives.`, '');
    sentinels.push(`SENTINEL${n}table`, `SENTINEL${n}list`, `SENTINEL${n}quote`, `SENTINEL${n}heading`, `SENTINEL${n}footnote`);
  }
  return { text: parts.join('\n'), sentinels };
}

function render(file: string, cwd: string): Promise<{ status: number | null; stdout: string; stderr: string }> {
  return new Promise((resolve) => {
    const child = spawn(process.execPath, [CLI, 'render', file], { cwd, env: { ...process.env, NO_COLOR: '1' } });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (c) => (stdout += c));
    child.stderr.on('data', (c) => (stderr += c));
    child.on('close', (status) => resolve({ status, stdout, stderr }));
  });
}

async function inParallel<T, R>(items: T[], limit: number, fn: (item: T, i: number) => Promise<R>): Promise<R[]> {
  const results: R[] = new Array(items.length);
  let next = 0;
  await Promise.all(Array.from({ length: limit }, async () => {
    while (next < items.length) {
      const i = next++;
      results[i] = await fn(items[i], i);
    }
  }));
  return results;
}

test('the checker of this test finds what it should (handlers, script URLs, forbidden elements, external loads)', () => {
  assert.deepEqual(unsafeParts('<p>ok <img src="https://img.example/a.png" alt="x"> <a href="https://x.example">l</a></p>'), []);
  assert.equal(unsafeParts('<img src="x" onerror="alert(1)">').length, 1);
  assert.equal(unsafeParts('<a href=" java&#x09;script:alert(1)">x</a>').length, 1);
  assert.equal(unsafeParts('<div action="javascript:x">').length, 1);
  assert.equal(unsafeParts('<source srcset="a.png 1x, javascript:x 2x">').length, 1);
  assert.equal(unsafeParts('<p><svg></svg></p>').length, 2);
  assert.equal(unsafeParts('<div style="x">').length, 1);
  assert.equal(unsafeParts('<video poster="https://e.example/p.png">').length, 2);
  assert.deepEqual(unsafeParts('<p title="<script>alert(1)</script>">&lt;script&gt;</p>'), []);
  assert.equal(unsafeParts('<p>a <script>x</p>').length, 1);
  assert.equal(unsafeParts('<p>a &lt;b> <i>c</i> < d</p>').length, 1);
});

/** Payloads per rendered file (a process per file; a payload that swallowed the next one's sentinel shows). */
const GROUP = 8;

test(`${PAYLOADS.length} hostile payloads in every context: nothing executable survives, the paragraph after each is shown`, async () => {
  assert.ok(PAYLOADS.length >= 50);
  const ws = tempWorkspace();
  try {
    const groups: number[][] = [];
    for (let i = 0; i < PAYLOADS.length; i += GROUP) groups.push(Array.from({ length: Math.min(GROUP, PAYLOADS.length - i) }, (_, k) => i + k));
    const drafts = groups.map((members, g) => {
      const parts = members.map((n) => draftFor(PAYLOADS[n], n));
      return { members, sentinels: parts.map((p) => p.sentinels), file: ws.write(`group${g}.md`, parts.map((p) => p.text).join('\n\n')) };
    });
    const results = await inParallel(drafts, 2, (d) => render(d.file, ws.root));
    const problems: string[] = [];
    results.forEach((r, g) => {
      const what = `payloads ${drafts[g].members[0]}–${drafts[g].members.at(-1)}`;
      if (r.status !== 0) problems.push(`${what}: exit ${r.status}: ${r.stderr.slice(0, 300)}`);
      for (const p of unsafeParts(r.stdout)) problems.push(`${what}: ${p}`);
      drafts[g].members.forEach((n, k) => {
        for (const s of drafts[g].sentinels[k]) if (!new RegExp(`<p data-line="\\d+">${s} survives\\.</p>`).test(r.stdout)) problems.push(`payload ${n} ${JSON.stringify(PAYLOADS[n])}: ${s} is not shown as its own paragraph`);
      });
    });
    assert.deepEqual(problems, [], problems.join('\n'));
  } finally {
    ws.dispose();
  }
});

test('hostile front matter is never shown, and the article after it is', async () => {
  const ws = tempWorkspace({
    'fm.md': '---\ntitle: "<script>alert(1)</script>"\nimage: javascript:alert(1)\nx: <img src=x onerror=alert(1)>\n---\n\n# T\n\nSENTINEL after front matter.\n',
    'toml.md': '+++\ntitle = "<svg onload=alert(1)>"\n+++\n\nSENTINEL after toml.\n',
    'broken.md': '---\ntitle: [<iframe src=javascript:alert(1)>\n---\n\nSENTINEL after broken front matter.\n',
  });
  try {
    for (const [file, sentinel] of [['fm.md', 'SENTINEL after front matter.'], ['toml.md', 'SENTINEL after toml.'], ['broken.md', 'SENTINEL after broken front matter.']]) {
      const r = await render(ws.file(file), ws.root);
      assert.equal(r.status, 0, r.stderr);
      assert.deepEqual(unsafeParts(r.stdout), [], r.stdout);
      assert.doesNotMatch(r.stdout, /alert|title:|title =/, `${file}: front matter is shown: ${r.stdout}`);
      assert.match(r.stdout, new RegExp(`<p data-line="\\d+">${sentinel.replace('.', '\\.')}</p>`));
    }
  } finally {
    ws.dispose();
  }
});
