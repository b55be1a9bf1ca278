// The preview's HTML: hostile input never survives the sanitiser, harmless inline HTML does, every block has
// its source line, headings have GitHub's slugs, and bad input gets a notice instead of a hang or a crash.
// Also the server payload (services/preview.ts) and `benchpress render` (cli/render.ts).
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, rmSync, writeFileSync, mkdirSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { renderHtml, tokenizeHtml, decodeEntities } from './render';
import { PreviewRenderer } from '../services/preview';
import type { CheckResult } from '../engine/document-checker';
import type { Locale } from '../base/i18n';

const renderer = new PreviewRenderer();
const previewPayload = (uri: string, text: string, result: CheckResult | undefined, locale: Locale, version: number) => renderer.previewOf(uri, text, result, { path: uri, locale, version });
import { renderCommand } from '../cli/render';
import { checkText } from '../testing/lint-text';
import type { CliIo } from '../cli/io';

const html = (text: string, opts = {}) => renderHtml(text, opts).html;

/** Attributes a sanitised preview may have (GitHub's allowlist subset that Markdown produces, plus data-line). */
const ALLOWED_ATTRIBUTES = new Set(['href', 'src', 'alt', 'title', 'id', 'name', 'class', 'data-line', 'align', 'width', 'height', 'type', 'checked', 'disabled', 'start', 'colspan', 'rowspan', 'open', 'lang', 'dir', 'role', 'aria-label', 'aria-describedby', 'data-footnotes', 'data-footnote-ref', 'data-footnote-backref', 'cite', 'srcset']);

/** Fails unless `out` has nothing that could run: no script-ish elements, handlers, styles or script URLs. */
function assertInert(out: string, what: string): void {
  assert.doesNotMatch(out, /<\s*(?:script|iframe|object|embed|style|svg|math|frame|frameset|applet|base|meta|link|form|template|noscript|textarea|xmp)\b/i, `${what}: dangerous element in ${out}`);
  for (const m of out.matchAll(/<[a-z][a-z0-9]*((?:\s+[^\s=>]+(?:="[^"]*")?)*)\s*\/?>/gi)) {
    for (const a of m[1].matchAll(/\s+([^\s=>]+)(?:="([^"]*)")?/g)) {
      const name = a[1].toLowerCase();
      assert.ok(ALLOWED_ATTRIBUTES.has(name), `${what}: attribute ${name} in ${m[0]}`);
      if (['href', 'src', 'cite', 'srcset'].includes(name)) {
        const value = (a[2] ?? '').replace(/&#x([0-9a-f]+);/gi, (_, h) => String.fromCodePoint(parseInt(h, 16))).replace(/&amp;/g, '&').trim().toLowerCase();
        assert.ok(!/^[a-z][a-z0-9+.-]*:/.test(value) || /^(?:https?|mailto|irc|ircs|xmpp):/.test(value), `${what}: URL ${value}`);
      }
    }
  }
  for (const tag of out.match(/<[^>]+>/g) ?? []) assert.doesNotMatch(tag, /javascript:|vbscript:|data:/i, `${what}: script URL in ${tag}`);
}

const HOSTILE: Record<string, { md: string; gone: RegExp; kept?: RegExp; structural?: boolean }> = {
  'inline <script>': { md: 'Hi <script>alert(1)</script> there\n', gone: /alert/, kept: /Hi\s+there/ },
  'block <script>': { md: '<script>\nalert(1)\n</script>\n\nafter\n', gone: /alert/, kept: /<p data-line="4">after<\/p>/ },
  'script with a type and src': { md: '<script type="module" src="https://evil.example/x.js"></script>\n', gone: /evil|script/ },
  'onerror on an image': { md: '<img src="x.png" onerror="alert(1)">\n', gone: /onerror|alert/, kept: /<img src="x\.png"/ },
  'unquoted handler': { md: 'a <img src=x onerror=alert(1)> b\n', gone: /onerror|alert/ },
  'handlers on any element': { md: '<div onclick="alert(1)" onmouseover=alert(2)>x</div>\n\n<details open ontoggle="alert(3)"><summary>s</summary></details>\n', gone: /on\w+=|alert/, kept: /<details[^>]*open/ },
  'javascript: Markdown link': { md: '[click](javascript:alert(1))\n', gone: /javascript|href/, kept: /<a>click<\/a>/ },
  'javascript: in upper case': { md: '[click](JaVaScRiPt:alert(1))\n', gone: /javascript|href/i },
  'javascript: reference link': { md: '[click][x]\n\n[x]: javascript:alert(1)\n', gone: /javascript|href/ },
  'javascript: autolink': { md: '<javascript:alert(1)>\n', gone: /href/ },
  'javascript: image': { md: '![a](javascript:alert(1))\n', gone: /javascript|src=/ },
  'javascript: in HTML href': { md: '<a href="javascript:alert(1)">x</a>\n', gone: /href/ },
  'entity-encoded javascript:': { md: '<a href="&#106;avascript&#58;alert(1)">x</a> <a href="javascript&colon;alert(1)">y</a>\n', gone: /href/ },
  'javascript: with a tab or a leading space': { md: '<a href="java\tscript:alert(1)">x</a> <a href=" javascript:alert(1)">y</a>\n', gone: /href/ },
  'vbscript:': { md: '[x](vbscript:msgbox(1)) <a href="vbscript:msgbox(1)">y</a>\n', gone: /vbscript|href/ },
  'data:text/html link': { md: '[x](data:text/html;base64,PHNjcmlwdD5hbGVydCgxKTwvc2NyaXB0Pg==)\n', gone: /data:|href/ },
  'data: image and HTML img': { md: '![a](data:text/html,<script>alert(1)</script>)\n\n<img src="data:image/svg+xml,<svg onload=alert(1)>">\n', gone: /data:|alert|src=/ },
  '<iframe>': { md: '<iframe src="https://evil.example" srcdoc="<script>alert(1)</script>"></iframe>\n\nafter\n', gone: /iframe|evil|srcdoc|alert/ },
  '<object> and <embed>': { md: 'x <object data="evil.swf"><param name="a" value="b"></object> <embed src="evil.swf"> y\n', gone: /object|embed|evil|param/ },
  '<style> block and inline': { md: '<style>body { display: none }</style>\n\ntext <style>p{color:red}</style> more\n', gone: /style|display|color:red/ },
  'style attribute': { md: '<p style="position:fixed;top:0">covered</p>\n', gone: /style=|position/, kept: /covered/ },
  'SVG with script': { md: '<svg xmlns="http://www.w3.org/2000/svg"><script>alert(1)</script><circle onload="alert(2)"/></svg>\n', gone: /svg|script|alert|circle/ },
  'MathML': { md: 'x <math><mtext><mglyph><style><img src=x onerror=alert(1)></style></mglyph></mtext></math> y\n', gone: /math|alert|onerror/ },
  // The unclosed <noscript> ends with its tag; what follows is a <p> whose title is text (attribute values are
  // matched blanked: `<` and `>` inside a quoted value are not markup).
  'noscript mutation trick': { md: '<noscript><p title="</noscript><img src=x onerror=alert(1)>">\n', gone: /<img|onerror=|<noscript/, structural: true },
  '<form>, <meta>, <base>, <link>': { md: '<form action="https://evil.example"><input type="text" name="q"><button formaction="javascript:alert(1)">go</button></form>\n\n<meta http-equiv="refresh" content="0;url=https://evil.example">\n\n<base href="https://evil.example/">\n\n<link rel="stylesheet" href="https://evil.example/x.css">\n', gone: /evil|action|refresh|formaction|alert/ },
  'forged data-line and class': { md: '<div data-line="999" class="bp-guard">x</div>\n', gone: /999|bp-guard/, kept: /<div data-line="0">x<\/div>/ },
  'DOM clobbering ids': { md: '<a id="body" name="acquireVsCodeApi">x</a>\n', gone: /id="body"|name="acquireVsCodeApi"/, kept: /id="user-content-body"/ },
  'comment that hides a tag': { md: '<!-- <img src=x onerror=alert(1)> -->\n\nok\n', gone: /onerror|alert|<!--/, kept: /ok/ },
};

for (const [name, { md, gone, kept, structural }] of Object.entries(HOSTILE)) {
  test(`sanitising: ${name}`, () => {
    const out = html(md);
    assertInert(out, name);
    assert.doesNotMatch(structural ? out.replace(/="[^"]*"/g, '=""') : out, gone, `${name}: ${out}`);
    if (kept) assert.match(out, kept, `${name}: ${out}`);
  });
}

test('sanitising: every hostile case at once, inside lists, quotes and tables too', () => {
  const all = Object.values(HOSTILE).map((h) => h.md).join('\n');
  const nested = all.split('\n').map((l) => `> - ${l}`).join('\n');
  const table = '| a | b |\n|---|---|\n| <img src=x onerror=alert(1)> | [x](javascript:alert(1)) |\n';
  for (const doc of [all, nested, table]) assertInert(html(doc), 'combined');
});

test('unclosed raw HTML ends with its HTML block: the paragraphs after it are all rendered', () => {
  for (const open of ['<svg onload=alert(1)>', '<div>', '<div align="center">', '<table>', '<table><tr><td>cell', '<details>', '<math>', '<noscript>', '<title>', '<select>', '<span>', '<a href="https://x.example">', '<iframe src="https://e.example">', '<object data=x>', '<template>', '<b>']) {
    const r = html(`# T\n\nbefore\n\n${open}\n\nSENTINEL one\n\n- SENTINEL two\n\n> SENTINEL three\n\n## Next\n\nSENTINEL four\n`);
    assertInert(r, open);
    for (const word of ['one', 'two', 'three', 'four']) assert.match(r, new RegExp(`SENTINEL ${word}`), `${open}: ${word} is missing from ${r}`);
    assert.match(r, /<p data-line="6">SENTINEL one<\/p>/, `${open}: the paragraph is not inside the unclosed element: ${r}`);
  }
  // Inline: an unclosed tag in a paragraph does not take the rest of the paragraph with it.
  assert.match(html('a <svg onload=alert(1)> b **c**\n'), /<p data-line="0">a  b <strong>c<\/strong><\/p>/);
  assert.match(html('a <math> b\n\nnext\n'), /<p data-line="0">a  b<\/p>\s*<p data-line="2">next<\/p>/);
});

test('raw HTML closed in a later block still encloses the Markdown between; stripped elements take it with them', () => {
  const div = html('<div align="center">\n\n![图](a.png)\n\n</div>\n\nafter\n');
  assert.match(div, /<div align="center" data-line="0">\s*<p data-line="2"><img src="a\.png" alt="图"><\/p>\s*<\/div>\s*<p data-line="6">after<\/p>/);
  // Two opened, one closed: the closer belongs to the inner one; the outer is closed at the end of its block.
  const two = html('<div class="a">\n\n<div>\n\ninner\n\n</div>\n\noutside\n');
  assert.match(two, /^<div data-line="0"><\/div>\s*<div data-line="2">\s*<p data-line="4">inner<\/p>\s*<\/div>\s*<p data-line="8">outside<\/p>$/);
  // A balanced element later does not keep an earlier unclosed one open.
  const balanced = html('<details>\n\nfirst\n\n<details><summary>s</summary>x</details>\n\nlast\n');
  assert.match(balanced, /<p data-line="2">first<\/p>/);
  assert.match(balanced, /<\/details>\s*<p data-line="6">last<\/p>$/);
  // What the writer closed explicitly is inside the element: removed with an <svg>, kept in a <span>.
  assert.doesNotMatch(html('<svg>\n\nhidden\n\n</svg>\n\nshown\n'), /hidden/);
  assert.match(html('a <span>in</span> b <b>bold</b>\n'), /a <span>in<\/span> b <b>bold<\/b>/);
  assert.match(html('x <style>p{color:red}</style> y\n'), /<p data-line="0">x  y<\/p>/);
});

test('harmless inline HTML is kept: <br>, <sup>, <sub>, <kbd>, <img>, <details>', () => {
  const out = html('H<sub>2</sub>O, 2<sup>10</sup>, <kbd>Ctrl</kbd>+<kbd>C</kbd><br>next line\n\n<img src="images/a.png" alt="架构图" width="300">\n\n<details>\n<summary>更多</summary>\n\n**Markdown** inside\n\n</details>\n');
  assert.match(out, /H<sub>2<\/sub>O/);
  assert.match(out, /2<sup>10<\/sup>/);
  assert.match(out, /<kbd>Ctrl<\/kbd>\+<kbd>C<\/kbd><br>next line/);
  assert.match(out, /<img src="images\/a\.png" alt="架构图" width="300"/);
  assert.match(out, /<details data-line="4">\s*<summary>更多<\/summary>\s*<p data-line="7"><strong>Markdown<\/strong> inside<\/p>\s*<\/details>/);
});

test('safe links and images keep their URLs (http, https, mailto, relative, fragments)', () => {
  const out = html('[a](https://runpod.io/pricing) [b](HTTP://Example.com) [c](mailto:x@y.z) [d](./other.md#安装) [e](#性能测试) ![f](../images/4090.png)\n');
  assert.match(out, /href="https:\/\/runpod\.io\/pricing"/);
  assert.match(out, /href="http:\/\/Example\.com"/);
  assert.match(out, /href="mailto:x@y\.z"/);
  assert.match(out, /href="\.\/other\.md#%E5%AE%89%E8%A3%85"/);
  assert.match(out, /href="#%E6%80%A7%E8%83%BD%E6%B5%8B%E8%AF%95"/);
  assert.match(out, /src="\.\.\/images\/4090\.png"/);
});

test('the HTML tokenizer: attributes, entities, raw text elements, unterminated tags', () => {
  assert.deepEqual(tokenizeHtml('<img SRC="a.png" alt=\'x &amp; y\' hidden/>'), [{ kind: 'start', name: 'img', attrs: [['src', 'a.png'], ['alt', 'x & y'], ['hidden', '']], selfClosing: true }]);
  assert.deepEqual(tokenizeHtml('<script>if (a<b) x()</script>t'), [{ kind: 'start', name: 'script', attrs: [], selfClosing: false }, { kind: 'text', value: 'if (a<b) x()' }, { kind: 'end', name: 'script' }, { kind: 'text', value: 't' }]);
  assert.deepEqual(tokenizeHtml('a <!-- c --> b <!doctype html> < 3'), [{ kind: 'text', value: 'a ' }, { kind: 'text', value: ' b ' }, { kind: 'text', value: ' < 3' }]);
  assert.deepEqual(tokenizeHtml('<div class="a'), [{ kind: 'text', value: '<div class="a' }]);
  assert.equal(decodeEntities('&lt;&#x4E2D;&#25991;&nbsp;&unknown; &amp'), '<中文\u00A0&unknown; &amp');
});

test('data-line: every top-level block, and nested blocks, with 0-based source lines (front matter counted)', () => {
  const text = [
    '---', 'title: x', 'template: review', '---', '# 标题', '', 'Paragraph', 'continued', '', '- a', '- b', '', '  nested', '', '> quote', '', '| a | b |', '|---|---|', '| 1 | 2 |', '', '```js', 'x', '```', '', '***', '', '<div>html</div>', '', '1. one',
  ].join('\n');
  const r = renderHtml(text);
  assert.deepEqual(r.lineMap, [4, 6, 9, 10, 12, 14, 16, 18, 20, 24, 26, 28]);
  assert.match(r.html, /<h1 id="user-content-标题" data-line="4">/);
  assert.match(r.html, /<p data-line="6">Paragraph\ncontinued<\/p>/);
  assert.match(r.html, /<ul data-line="9">\s*<li data-line="9">\s*<p data-line="9">a<\/p>\s*<\/li>\s*<li data-line="10">\s*<p data-line="10">b<\/p>\s*<p data-line="12">nested<\/p>/);
  assert.match(r.html, /<blockquote data-line="14">/);
  assert.match(r.html, /<table data-line="16">/);
  assert.match(r.html, /<tr data-line="18">/);
  assert.match(r.html, /<pre data-line="20"><code class="language-js">x\n<\/code><\/pre>/);
  assert.match(r.html, /<hr data-line="24">/);
  assert.match(r.html, /<div data-line="26">html<\/div>/);
  assert.match(r.html, /<ol data-line="28">/);
  assert.doesNotMatch(r.html, /title: x/, 'front matter is not shown');
});

test('data-line: CRLF line endings and a BOM give the same lines', () => {
  const lf = renderHtml('---\na: 1\n---\n# T\n\ntext\n');
  const crlf = renderHtml('\uFEFF---\r\na: 1\r\n---\r\n# T\r\n\r\ntext\r\n');
  assert.deepEqual(lf.lineMap, [3, 5]);
  assert.deepEqual(crlf.lineMap, [3, 5]);
});

test('footnotes render once, linked both ways, without lines of their own', () => {
  const r = renderHtml('Text[^1].\n\n[^1]: Note.\n');
  assert.match(r.html, /<a href="#fn-1" id="user-content-fnref-1" data-footnote-ref/);
  assert.match(r.html, /<li id="user-content-fn-1">/);
  assert.match(r.html, /href="#fnref-1"/);
  assert.deepEqual(r.lineMap, [0]);
  assert.match(renderHtml('a[^1]\n\n[^1]: b\n', { locale: 'zh-cn' }).html, />脚注</);
});

test('heading ids: GitHub slugs, Chinese kept, duplicates numbered, emoji and punctuation dropped', () => {
  const out = html('# RTX 4090 深度评测：性能、成本\n\n## 📋 目录\n\n## 3. 性能测试\n\n## 性能测试\n\n## 性能测试\n\n## Performance Tests!\n\n- ### In a list\n');
  const ids = [...out.matchAll(/<h\d id="([^"]+)"/g)].map((m) => m[1]);
  assert.deepEqual(ids, [
    'user-content-rtx-4090-深度评测性能成本',
    'user-content--目录',
    'user-content-3-性能测试',
    'user-content-性能测试',
    'user-content-性能测试-1',
    'user-content-performance-tests',
    'user-content-in-a-list',
  ]);
});

test('guards: binary, too large, too deep, too long lines, stopped sections — a notice, the rest still shown', () => {
  assert.match(html('a\u0000b'), /^<div class="bp-guard" role="note">This file contains NUL bytes/);
  assert.match(html('x'.repeat(5000), { maxBytes: 4096 }), /This file is 5 KB, more than the preview&#39;s limit of 4 KB/);
  assert.match(html('x'.repeat(5000), { maxBytes: 4096, locale: 'zh-cn' }), /超过预览上限 4 KB/);

  const deep = renderHtml('# T\n\nfine\n\n## Deep\n\n' + '>'.repeat(50000) + ' a\n\n## After\n\nok\n');
  assert.match(deep.html, /<h2 id="user-content-deep" data-line="4">Deep<\/h2>\s*<div class="bp-guard" role="note" data-line="5">Block quotes or lists nest 50000 levels deep/);
  assert.match(deep.html, /<p data-line="2">fine<\/p>/);
  assert.match(deep.html, /<h2 id="user-content-after" data-line="8">After<\/h2>\s*<p data-line="10">ok<\/p>/);
  assert.equal(deep.notices?.length, 1);

  const lists = renderHtml('# T\n\n' + '- '.repeat(10000) + 'a\n');
  assert.match(lists.html, /nest 10000 levels deep/);
  const indented = renderHtml('# T\n\n' + Array.from({ length: 2000 }, (_, i) => ' '.repeat(i * 2) + '- a').join('\n') + '\n');
  assert.match(indented.html, /levels deep/);

  const long = renderHtml('intro\n# ' + 'h'.repeat(2000) + '\n' + '['.repeat(100001) + '\n\n## Next\n\nok\n');
  assert.match(long.html, /<p data-line="0">intro<\/p>\s*<div class="bp-guard" role="note" data-line="1">This section has a line of 100001 characters/);
  assert.match(long.html, /<p data-line="6">ok<\/p>/);

  const stopped = renderHtml('# T\n\nslow part\n\n## After\n\nok\n', { guardedLines: [2] });
  assert.match(stopped.html, /<h1 id="user-content-t" data-line="0">T<\/h1>\s*<div class="bp-guard" role="note" data-line="1">This section took too long to check/);
  assert.doesNotMatch(stopped.html, /slow part/);
  assert.match(stopped.html, /<p data-line="6">ok<\/p>/);
});

test('guards: HTML nested thousands deep is flattened, not a stack overflow', () => {
  const r = renderHtml('<div>'.repeat(20000) + 'x' + '</div>'.repeat(20000) + '\n\n' + '<span>'.repeat(50000) + '\n');
  assert.ok(r.html.length < 100000);
  assert.ok((r.html.match(/<div/g) ?? []).length <= 101);
});

test('MDX: JSX shows its children, ESM and expressions are dropped; a syntax error falls back to Markdown with a notice', () => {
  const ok = renderHtml('import X from "y"\n\n# Hi\n\n<Tabs>\n  <Tab>Inside **b**</Tab>\n</Tabs>\n\n{1 + 1}\n', { flavor: 'mdx' });
  assert.doesNotMatch(ok.html, /import|1 \+ 1/);
  assert.match(ok.html, /<strong>b<\/strong>/);
  const broken = renderHtml('# Hi\n\n<Tabs>\n\ntext\n', { flavor: 'mdx' });
  assert.match(broken.html, /^<div class="bp-guard" role="note">MDX syntax error at line \d+: Expected a closing tag/);
  assert.match(broken.html, /<p data-line="4">text<\/p>/);
});

test('rendering never throws, whatever the input', () => {
  const inputs = ['', '\n', '#', '```', '<', '<a', '&#0;', '[]()', '![](<>)', '| a |\n|-|\n', '\uD800', '<![CDATA[x]]>', '<?php echo 1 ?>', '---\n---', '+++\na=1\n+++\n'];
  for (const input of inputs) assert.equal(typeof renderHtml(input).html, 'string', JSON.stringify(input));
});

// ---------------------------------------------------------------------------------------------------------------
// The server payload and the CLI.

test('previewPayload: HTML, line map, stats and version; stopped sections are not rendered again', async () => {
  const text = '# RTX 4090 评测\n\n## 性能测试\n\n| 场景 | 吞吐 |\n|---|---|\n| SDXL | 1.9 张/秒 |\n';
  const result = await checkText(text);
  const payload = await previewPayload(result.view!.uri, text, result, 'zh-cn', 7);
  assert.equal(payload.version, 7);
  assert.match(payload.html, /<table data-line="4">/);
  assert.deepEqual(payload.lineMap, [0, 2, 4, 6]);
  assert.ok(payload.stats);
  assert.equal(payload.stats.checklist.find((c) => c.id === 'data.benchmark')?.done, true);
  // A guard/timeout finding from the engine keeps the preview from parsing that section.
  const stopped = { ...result, findings: [{ ruleId: 'guard/timeout', severity: 'warning' as const, message: 'slow', range: { start: { line: 2, character: 0 }, end: { line: 2, character: 0 } } }] };
  const guarded = await previewPayload(result.view!.uri, text, stopped, 'zh-cn', 8);
  assert.match(guarded.html, /此小节检查超时/);
  assert.doesNotMatch(guarded.html, /<table/);
  // No check result (binary, too large): still an answer.
  assert.equal((await previewPayload('file:///x.md', 'a\u0000', undefined, 'en', 1)).stats, undefined);
});

function fakeIo(cwd: string) {
  const out: string[] = [];
  const err: string[] = [];
  const io: CliIo = { cwd, stdout: (t) => out.push(t), stderr: (t) => err.push(t), isTTY: false, env: {} };
  return { io, out: () => out.join(''), err: () => err.join('') };
}

test('render FILE prints the sanitised HTML body; --json adds stats; bad files exit 2 with a message', async () => {
  const root = mkdtempSync(path.join(tmpdir(), 'bp-render-'));
  try {
    mkdirSync(path.join(root, '.benchpress'));
    writeFileSync(path.join(root, 'a.md'), '# 标题\n\n正文<script>alert(1)</script> <img src=x onerror=alert(1)>\n');
    writeFileSync(path.join(root, 'bin.md'), Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x00, 0x01]));
    writeFileSync(path.join(root, 'gbk.md'), Buffer.from([0x23, 0x20, 0xb1, 0xea, 0xcc, 0xe2, 0x0a]));

    let run = fakeIo(root);
    assert.equal(await renderCommand(['a.md'], run.io), 0);
    assert.equal(run.out(), '<h1 id="user-content-标题" data-line="0">标题</h1>\n<p data-line="2">正文 <img src="x"></p>\n');
    assert.equal(run.err(), '');

    run = fakeIo(root);
    assert.equal(await renderCommand(['--json', 'a.md'], run.io), 0);
    const json = JSON.parse(run.out());
    assert.equal(json.html, '<h1 id="user-content-标题" data-line="0">标题</h1>\n<p data-line="2">正文 <img src="x"></p>');
    assert.deepEqual(json.lineMap, [0, 2]);
    assert.equal(json.stats.words.cjk, 4);

    for (const [args, message] of [
      [['missing.md'], /No such file: missing\.md/],
      [['bin.md'], /bin\.md is binary data/],
      [['gbk.md'], /gbk\.md is not valid UTF-8 \(from line 1\)/],
      [[], /Give the file to render/],
      [['a.md', 'b.md'], /Give one file/],
      [['--lang', 'fr', 'a.md'], /Unknown --lang "fr"/],
      [['.'], /\. is not a file/],
    ] as [string[], RegExp][]) {
      run = fakeIo(root);
      assert.equal(await renderCommand(args, run.io), 2, args.join(' '));
      assert.match(run.err(), message);
      assert.equal(run.out(), '');
    }
  } finally {
    rmSync(root, { recursive: true, force: true });
  }
});
