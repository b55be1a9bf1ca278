// Links as the reader meets them, over real LSP: exact anchors for the workspace's platform, rename that
// follows (headings across drafts, reference labels), file moves, find references, and one anchor per heading
// for diagnostics, completion, hover, the contents list and the preview.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { applyTextEdits, fileUri, withServer, type LspClient } from '../support/lsp';

type Json = any; // eslint-disable-line @typescript-eslint/no-explicit-any

/** Applies a WorkspaceEdit's document changes to the given texts (by URI); returns the new texts. */
function applyWorkspaceEdit(edit: Json, texts: Record<string, string>): Record<string, string> {
  const out = { ...texts };
  for (const change of edit.documentChanges as Json[]) {
    const uri = change.textDocument.uri as string;
    assert.ok(uri in out, `an edit for an unexpected document ${uri}`);
    out[uri] = applyTextEdits(out[uri]!, change.edits);
  }
  return out;
}

const anchorDiagnostics = (diagnostics: Json[]) => diagnostics.filter((d) => d.code === 'links/missing-anchor');

test('rename a heading: links to it in this draft and in other drafts (open and on disk) follow, #fragment and other.md#fragment', async () => {
  const a = [
    '# 部署指南',
    '',
    '## 🚀 快速开始',
    '',
    '先看[开始](#-快速开始)，再看[配置](#配置)。',
    '',
    '## 配置',
    '',
    '回到[开始][start]。',
    '',
    '[start]: #-快速开始',
    '',
  ].join('\n');
  const b = '# B\n\n见 [a 的开始](a.md#-快速开始) 和 [编码](./a.md#-%E5%BF%AB%E9%80%9F%E5%BC%80%E5%A7%8B) 以及 [配置](a.md#配置)。\n';
  const c = '# C\n\n<a href="../a.md#-快速开始">开始</a> [坏的](../a.md#快速开始)\n';
  await withServer({ 'a.md': a, 'b.md': b, 'sub/c.md': c, 'node_modules/x/d.md': '[x](../../a.md#-快速开始)\n', '.hidden/e.md': '[x](../a.md#-快速开始)\n' }, async (client, ws) => {
    const uris = { a: fileUri(ws.file('a.md')), b: fileUri(ws.file('b.md')), c: fileUri(ws.file('sub/c.md')) };
    await client.open(uris.a, a);
    await client.open(uris.b, b);
    const position = { line: 2, character: 6 };
    const prepared = await client.request('textDocument/prepareRename', { textDocument: { uri: uris.a }, position });
    // UTF-16 columns: the emoji is two code units.
    assert.deepEqual(prepared, { range: { start: { line: 2, character: 3 }, end: { line: 2, character: 10 } }, placeholder: '🚀 快速开始' });
    const edit = await client.request('textDocument/rename', { textDocument: { uri: uris.a }, position, newName: '🚀 上手指南' });
    assert.equal(edit.documentChanges.find((d: Json) => d.textDocument.uri === uris.a).textDocument.version, 1, 'open drafts are edited at their version');
    assert.equal(edit.documentChanges.find((d: Json) => d.textDocument.uri === uris.c).textDocument.version, null, 'drafts on disk have no version');
    const after = applyWorkspaceEdit(edit, { [uris.a]: a, [uris.b]: b, [uris.c]: c });
    assert.equal(after[uris.a], a.replace('## 🚀 快速开始', '## 🚀 上手指南').replace('[开始](#-快速开始)', '[开始](#-上手指南)').replace('[start]: #-快速开始', '[start]: #-上手指南'));
    assert.equal(after[uris.b], b.replace('a.md#-快速开始', 'a.md#-上手指南').replace('#-%E5%BF%AB%E9%80%9F%E5%BC%80%E5%A7%8B', '#-%E4%B8%8A%E6%89%8B%E6%8C%87%E5%8D%97'));
    // The broken link (no hyphen) did not reach the heading before, and is left alone.
    assert.equal(after[uris.c], c.replace('../a.md#-快速开始"', '../a.md#-上手指南"'));
    assert.equal(edit.documentChanges.length, 3, 'node_modules and dot-folders are not part of the workspace');

    // The renamed drafts check clean.
    await client.changeAndWait(uris.a, [{ text: after[uris.a] }]);
    const bAfter = await client.changeAndWait(uris.b, [{ text: after[uris.b] }]);
    assert.deepEqual(anchorDiagnostics(bAfter), []);

    // Renaming from a link's fragment renames the heading it reaches (in the other draft).
    const line = after[uris.b]!.split('\n')[2]!;
    const at = { line: 2, character: line.indexOf('a.md#配置') + 6 };
    const prepared2 = await client.request('textDocument/prepareRename', { textDocument: { uri: uris.b }, position: at });
    assert.equal(prepared2.placeholder, '配置');
    const edit2 = await client.request('textDocument/rename', { textDocument: { uri: uris.b }, position: at, newName: '配置 GPU' });
    const after2 = applyWorkspaceEdit(edit2, { [uris.a]: after[uris.a]!, [uris.b]: after[uris.b]!, [uris.c]: after[uris.c]! });
    assert.match(after2[uris.a]!, /^## 配置 GPU$/m);
    assert.match(after2[uris.a]!, /\[配置\]\(#配置-gpu\)/);
    assert.match(after2[uris.b]!, /\[配置\]\(a\.md#配置-gpu\)/);
  });
});

test('rename a heading that changes duplicate numbering: links keep reaching the heading they reached', async () => {
  const text = '# T\n\n## Setup\n\n## Setup\n\n[first](#setup) [second](#setup-1)\n';
  await withServer({ 'd.md': text }, async (client, ws) => {
    const uri = fileUri(ws.file('d.md'));
    await client.open(uri, text);
    const edit = await client.request('textDocument/rename', { textDocument: { uri }, position: { line: 2, character: 4 }, newName: 'Install' });
    const after = applyWorkspaceEdit(edit, { [uri]: text })[uri];
    assert.equal(after, '# T\n\n## Install\n\n## Setup\n\n[first](#install) [second](#setup)\n');
  });
});

test('rename a reference label: its references and its definition follow', async () => {
  const text = '# T\n\n## Sources\n\n见 [文档][docs] 和 [docs] 还有 [官方][Docs]。\n\n[docs]: https://docs.runpod.io\n[other]: https://x.example\n';
  await withServer({ 'r.md': text }, async (client, ws) => {
    const uri = fileUri(ws.file('r.md'));
    await client.open(uri, text);
    const line = text.split('\n')[4]!;
    const position = { line: 4, character: line.indexOf('docs]') + 1 };
    const prepared = await client.request('textDocument/prepareRename', { textDocument: { uri }, position });
    assert.equal(prepared.placeholder, 'docs');
    const edit = await client.request('textDocument/rename', { textDocument: { uri }, position, newName: 'runpod-docs' });
    assert.equal(applyWorkspaceEdit(edit, { [uri]: text })[uri], text.replace('[文档][docs]', '[文档][runpod-docs]').replace('和 [docs]', '和 [runpod-docs]').replace('[官方][Docs]', '[官方][runpod-docs]').replace('[docs]: https', '[runpod-docs]: https'));
    await assert.rejects(client.request('textDocument/rename', { textDocument: { uri }, position, newName: 'bad]label' }), /cannot contain/);
  });
});

test('find references on a heading lists the links to it in the workspace', async () => {
  const a = '# A\n\n## GPU 选型\n\n[这里](#gpu-选型)\n';
  const b = '# B\n\n[那里](a.md#gpu-选型) [别处](a.md#a)\n';
  const c = '# C\n\n[[ref]] [x][r]\n\n[r]: ../a.md#gpu-选型\n';
  await withServer({ 'a.md': a, 'b.md': b, 'docs/c.md': c, 'unrelated.md': '# U\n\n[gpu](#gpu-选型)\n' }, async (client, ws) => {
    const uri = fileUri(ws.file('a.md'));
    await client.open(uri, a);
    const refs = await client.request('textDocument/references', { textDocument: { uri }, position: { line: 2, character: 5 }, context: { includeDeclaration: false } });
    const found = refs.map((r: Json) => `${path.relative(ws.root, new URL(r.uri).pathname)}:${r.range.start.line}:${r.range.start.character}`).sort();
    assert.deepEqual(found, ['a.md:4:0', 'b.md:2:0', 'docs/c.md:4:0']);
    const withDeclaration = await client.request('textDocument/references', { textDocument: { uri }, position: { line: 2, character: 5 }, context: { includeDeclaration: true } });
    assert.equal(withDeclaration.length, 4);
    assert.deepEqual(withDeclaration[0].range.start, { line: 2, character: 0 });
  });
});

test('moving a draft and an image folder: links in other drafts, the moved draft\'s own links and images follow (workspace/willRenameFiles)', async () => {
  const readme = '# R\n\n[指南](docs/guide.md#setup) ![图](images/arch.png) [同级](other.md)\n\n[ref]: ./docs/guide.md\n';
  const guide = '# Guide\n\n## Setup\n\n![图](../images/arch.png) [返回](../README.md) [兄弟](sibling.md#x) <img src="../images/gpu.png">\n';
  await withServer({ 'README.md': readme, 'docs/guide.md': guide, 'docs/sibling.md': '# S\n\n## X\n', 'other.md': '# O\n', 'images/arch.png': 'png', 'images/gpu.png': 'png' }, async (client, ws) => {
    const options = client.initializeResult.capabilities.workspace.fileOperations.willRename;
    assert.deepEqual(options.filters.map((f: Json) => `${f.pattern.matches}:${f.pattern.glob}`).slice(0, 1), ['file:**/*.{md,mdx}']);
    assert.ok(options.filters.some((f: Json) => f.pattern.matches === 'folder'));
    const uris = { readme: fileUri(ws.file('README.md')), guide: fileUri(ws.file('docs/guide.md')) };
    await client.open(uris.readme, readme);

    // A draft moves to another folder.
    const moved = await client.request('workspace/willRenameFiles', { files: [{ oldUri: uris.guide, newUri: fileUri(ws.file('guides/setup/guide.md')) }] });
    const afterMove = applyWorkspaceEdit(moved, { [uris.readme]: readme, [uris.guide]: guide });
    assert.equal(afterMove[uris.readme], readme.replace('(docs/guide.md#setup)', '(guides/setup/guide.md#setup)').replace('[ref]: ./docs/guide.md', '[ref]: ./guides/setup/guide.md'));
    assert.equal(afterMove[uris.guide], guide.replace('(../images/arch.png)', '(../../images/arch.png)').replace('(../README.md)', '(../../README.md)').replace('(sibling.md#x)', '(../../docs/sibling.md#x)').replace('"../images/gpu.png"', '"../../images/gpu.png"'));

    // An image folder moves.
    const images = await client.request('workspace/willRenameFiles', { files: [{ oldUri: fileUri(ws.file('images')), newUri: fileUri(ws.file('assets/img')) }] });
    const afterImages = applyWorkspaceEdit(images, { [uris.readme]: readme, [uris.guide]: guide });
    assert.equal(afterImages[uris.readme], readme.replace('images/arch.png', 'assets/img/arch.png'));
    assert.equal(afterImages[uris.guide], guide.replace('../images/arch.png', '../assets/img/arch.png').replace('../images/gpu.png', '../assets/img/gpu.png'));

    // A single image is renamed.
    const one = await client.request('workspace/willRenameFiles', { files: [{ oldUri: fileUri(ws.file('images/arch.png')), newUri: fileUri(ws.file('images/架构 图.png')) }] });
    const afterOne = applyWorkspaceEdit(one, { [uris.readme]: readme, [uris.guide]: guide });
    assert.equal(afterOne[uris.readme], readme.replace('images/arch.png', 'images/架构%20图.png'));

    // Nothing links to other.md from a moved place: no edit at all for an unrelated move.
    assert.equal(await client.request('workspace/willRenameFiles', { files: [{ oldUri: fileUri(ws.file('docs/sibling2.md')), newUri: fileUri(ws.file('x.md')) }] }), null);
  });
});

test('exactness: case-only and emoji-stripped fragments are reported, here and in another file, with a fix to the exact anchor', async () => {
  const other = '# O\n\n## 🔥 H100 对比 A100\n';
  const text = '# T\n\n## 🚀 快速开始\n\n## H100 对比 A100\n\n[a](#快速开始) [b](#H100-对比-a100) [c](other.md#H100-对比-A100) [d](#-快速开始) [e](other.md#-h100-对比-a100)\n';
  await withServer({ 'other.md': other, 't.md': text }, async (client, ws) => {
    const uri = fileUri(ws.file('t.md'));
    const diagnostics = anchorDiagnostics(await client.open(uri, text));
    assert.deepEqual(diagnostics.map((d: Json) => d.message.split(' ')[0]), ['#快速开始', '#H100-对比-a100', '#H100-对比-A100']);
    assert.match(diagnostics[0].message, /it is #-快速开始/);
    assert.match(diagnostics[1].message, /in case/);
    let fixed = text;
    for (const d of [...diagnostics].reverse()) {
      const actions = await client.request('textDocument/codeAction', { textDocument: { uri }, range: d.range, context: { diagnostics: [d], only: ['quickfix'] } });
      const fix = actions.find((x: Json) => x.isPreferred);
      fixed = applyTextEdits(fixed, fix.edit.documentChanges[0].edits);
    }
    assert.equal(fixed, text.replace('(#快速开始)', '(#-快速开始)').replace('(#H100-对比-a100)', '(#h100-对比-a100)').replace('(other.md#H100-对比-A100)', '(other.md#-h100-对比-a100)'));
    assert.deepEqual(anchorDiagnostics(await client.changeAndWait(uri, [{ text: fixed }])), []);
  });
});

test('the anchor style from .benchpress/config.json and from the editor settings changes what is accepted', async () => {
  const text = "# T\n\n## GPU 选型 {#gpu}\n\n## Let's go\n\n[a](#gpu) [b](#gpu-选型-gpu) [c](#lets-go)\n";
  const bad = (diagnostics: Json[]) => anchorDiagnostics(diagnostics).map((d) => /#(\S+?)[ ;.(]/.exec(d.message)?.[1]).sort();
  await withServer({ 't.md': text, '.benchpress/config.json': '{ "links": { "anchorStyle": "mkdocs" } }' }, async (client, ws) => {
    const uri = fileUri(ws.file('t.md'));
    // MkDocs: `{#gpu}` sets the id (attr_list), `Let's go` → `lets-go`.
    assert.deepEqual(bad(await client.open(uri, text)), ['gpu-选型-gpu']);
    // Without the file's setting, the editor's applies: Hugo with blackfriday ids (`let-s-go`).
    ws.write('.benchpress/config.json', '{}');
    client.settings = { benchpress: { diagnosticsDelayMs: 0, links: { anchorStyle: 'hugo', anchorOptions: { hugo: { autoHeadingIDType: 'blackfriday' } } } } };
    client.notify('workspace/didChangeWatchedFiles', { changes: [{ uri: fileUri(ws.file('.benchpress/config.json')), type: 2 }] });
    assert.deepEqual(bad(await client.diagnosticsMatching(uri, (d) => anchorDiagnostics(d).some((x: Json) => x.message.includes('#lets-go')))), ['gpu-选型-gpu', 'lets-go']);
    // The default, GitHub: `{#gpu}` is text.
    client.settings = { benchpress: { diagnosticsDelayMs: 0 } };
    client.notify('workspace/didChangeConfiguration', { settings: null });
    assert.deepEqual(bad(await client.diagnosticsMatching(uri, (d) => anchorDiagnostics(d).some((x: Json) => x.message.includes('#gpu ')))), ['gpu']);
  });
});

/** The anchors the server gives, by every route: completion, hover, the contents list and the preview. */
async function anchorsByRoute(client: LspClient, uri: string, text: string) {
  const lines = text.split('\n');
  const completionLine = lines.findIndex((l) => l.startsWith('COMPLETE'));
  const completion = await client.request('textDocument/completion', { textDocument: { uri }, position: { line: completionLine, character: lines[completionLine]!.length } });
  const items = (Array.isArray(completion) ? completion : completion.items) as Json[];
  const hovers: string[] = [];
  for (const [i, l] of lines.entries()) {
    if (!/^## /.test(l) || l.includes('目录')) continue;
    const hover = await client.request('textDocument/hover', { textDocument: { uri }, position: { line: i, character: 0 } });
    hovers.push(/Anchor \*\*#(.+?)\*\*/.exec(hover.contents.value)![1]!);
  }
  const toc = await client.request('benchpress/regenerateToc', { uri });
  const contents = [...(toc.edits[0].newText as string).matchAll(/\]\(#([^)]*)\)/g)].map((m) => decodeURIComponent(m[1]!));
  const preview = await client.request('benchpress/preview', { uri });
  const ids = [...(preview.html as string).matchAll(/<h2 id="user-content-([^"]*)"/g)].map((m) => m[1]!.replace(/&#x([0-9A-F]+);/gi, (_, h) => String.fromCodePoint(parseInt(h, 16))).replace(/&amp;/g, '&'));
  return {
    completion: items.filter((i) => i.detail.startsWith('## ') && !i.detail.includes('目录')).map((i) => decodeURIComponent(i.textEdit.newText)),
    hover: hovers,
    contents,
    preview: ids.filter((id) => !id.includes('目录')),
  };
}

test('diagnostics, completion, hover, the contents list and the preview agree on every anchor, for each style', async () => {
  const text = [
    '# Doc',
    '',
    '## 目录',
    '',
    '- [旧](#旧)',
    '',
    '## 🚀 快速开始',
    '',
    '## H100 对比 A100：显存',
    '',
    '## Title [ref][goodref]',
    '',
    '## 🚀 快速开始',
    '',
    '## Don\'t panic (v2.0)',
    '',
    'COMPLETE [x](#',
    '',
    '[goodref]: https://example.com',
    '',
  ].join('\n');
  // One server; the style changes between rounds and every route answers for the new one at once (requests wait
  // for the settings reload and the re-check it starts).
  await withServer({ 'd.md': text }, async (client, ws) => {
    const uri = fileUri(ws.file('d.md'));
    await client.open(uri, text);
    for (const style of ['github', 'vitepress', 'hexo', 'mkdocs', 'github'] as const) {
      const config = ws.write('.benchpress/config.json', JSON.stringify({ links: { anchorStyle: style, anchorOptions: { mkdocs: { slugify: 'toc-unicode' } } } }));
      client.notify('workspace/didChangeWatchedFiles', { changes: [{ uri: fileUri(config), type: 2 }] });
      const routes = await anchorsByRoute(client, uri, text);
      assert.equal(routes.hover.length, 5, style);
      assert.deepEqual(routes.completion, routes.hover, `${style}: completion`);
      assert.deepEqual(routes.contents, routes.hover, `${style}: contents list`);
      assert.deepEqual(routes.preview, routes.hover, `${style}: preview`);
      // And links written with those anchors are accepted.
      const linked = text.replace('COMPLETE [x](#', routes.hover.map((id, i) => `[${i}](#${encodeURIComponent(id)})`).join(' ')).replace('- [旧](#旧)', '- 旧');
      assert.deepEqual(anchorDiagnostics(await client.changeAndWait(uri, [{ text: linked }])), [], style);
      await client.changeAndWait(uri, [{ text }]);
    }
  });
});

test('hover on a link fragment shows the heading it reaches, in this file or another', async () => {
  const text = '# T\n\n## 🚀 快速开始\n\n[a](#-快速开始) [b](other.md#setup)\n';
  await withServer({ 't.md': text, 'other.md': '# O\n\n## Setup\n' }, async (client, ws) => {
    const uri = fileUri(ws.file('t.md'));
    await client.open(uri, text);
    const line = text.split('\n')[4]!;
    const here = await client.request('textDocument/hover', { textDocument: { uri }, position: { line: 4, character: line.indexOf('-快速') + 1 } });
    assert.match(here.contents.value, /→ `## 🚀 快速开始` \(line 3\)/);
    const there = await client.request('textDocument/hover', { textDocument: { uri }, position: { line: 4, character: line.indexOf('#setup') + 2 } });
    assert.match(there.contents.value, /→ `## Setup` \(other\.md, line 3\)/);
    assert.ok(readFileSync(ws.file('other.md'), 'utf8'));
  });
});
