// Rename that follows, over real LSP (`dist/server.js --stdio`): what the server edits is the text the writer
// has — open drafts with their unsaved changes, closed ones as they are on disk — and places that name nothing
// renameable are refused without an error. Also links written percent-encoded, matched after decoding.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { applyTextEdits, fileUri, withServer } from '../support/lsp';

type Json = any; // eslint-disable-line @typescript-eslint/no-explicit-any

/** The LSP position (UTF-16 columns) of `needle` in `text`, `delta` code units into it. */
function positionOf(text: string, needle: string, delta = 0): { line: number; character: number } {
  const at = text.indexOf(needle);
  assert.ok(at >= 0, `${needle} not in the text`);
  const before = text.slice(0, at + delta).split('\n');
  return { line: before.length - 1, character: before[before.length - 1]!.length };
}

/** Applies a WorkspaceEdit to the given texts (by URI); an edit for any other document fails the test. */
function applyWorkspaceEdit(edit: Json, texts: Record<string, string>): Record<string, string> {
  const out = { ...texts };
  for (const change of edit.documentChanges as Json[]) {
    const uri = change.textDocument.uri as string;
    assert.ok(uri in out, `an edit for an unexpected document ${uri}`);
    out[uri] = applyTextEdits(out[uri]!, change.edits);
  }
  return out;
}

const versionOf = (edit: Json, uri: string) => edit.documentChanges.find((c: Json) => c.textDocument.uri === uri)?.textDocument.version;

test('rename across drafts edits open drafts as they are in the editor (unsaved changes) and closed drafts as they are on disk', async () => {
  const disk = {
    'a.md': '# A\n\n## 安装\n\n[本地](#安装)\n',
    'b.md': '# B\n\n[旧链接](a.md#安装)\n',
    'docs/c.md': '# C\n\n[去安装](../a.md#安装) ![图](../img.png)\n',
    'd.md': '# D\n\n[去安装](a.md#安装) ![图](img.png)\n',
    'img.png': 'png',
  };
  // What the editor holds: a heading moved down a paragraph, a link added above the saved one, a link deleted.
  const memory = {
    a: '# A\n\n前言：先读这一段。\n\n## 安装\n\n[本地](#安装)\n',
    b: '# B\n\n新增：[安装步骤](a.md#安装 "标题") ![图](img.png)\n\n[旧链接](a.md#安装)\n',
    d: '# D\n\n链接已删除。\n',
  };
  await withServer(disk, async (client, ws) => {
    const uris = { a: fileUri(ws.file('a.md')), b: fileUri(ws.file('b.md')), c: fileUri(ws.file('docs/c.md')), d: fileUri(ws.file('d.md')) };
    for (const [key, rel] of [['a', 'a.md'], ['b', 'b.md'], ['d', 'd.md']] as const) {
      await client.open(uris[key], disk[rel]);
      await client.changeAndWait(uris[key], [{ text: memory[key] }]);
    }

    // The heading is where the editor has it (line 4), not where the saved file has it (line 2).
    const position = positionOf(memory.a, '## 安装', 4);
    assert.deepEqual(await client.request('textDocument/prepareRename', { textDocument: { uri: uris.a }, position }), {
      range: { start: { line: 4, character: 3 }, end: { line: 4, character: 5 } },
      placeholder: '安装',
    });
    const edit = await client.request('textDocument/rename', { textDocument: { uri: uris.a }, position, newName: '安装 CUDA' });
    assert.deepEqual(edit.documentChanges.map((c: Json) => c.textDocument.uri).sort(), [uris.a, uris.b, uris.c].sort(), 'd.md no longer links to the heading in the editor');
    assert.equal(versionOf(edit, uris.a), 2, 'open drafts are edited at the version the editor has');
    assert.equal(versionOf(edit, uris.b), 2);
    assert.equal(versionOf(edit, uris.c), null, 'a closed draft is edited as it is on disk');
    const after = applyWorkspaceEdit(edit, { [uris.a]: memory.a, [uris.b]: memory.b, [uris.c]: disk['docs/c.md'] });
    assert.equal(after[uris.a], '# A\n\n前言：先读这一段。\n\n## 安装 CUDA\n\n[本地](#安装-cuda)\n');
    assert.equal(after[uris.b], '# B\n\n新增：[安装步骤](a.md#安装-cuda "标题") ![图](img.png)\n\n[旧链接](a.md#安装-cuda)\n');
    assert.equal(after[uris.c], '# C\n\n[去安装](../a.md#安装-cuda) ![图](../img.png)\n');
    // The server proposes edits; it writes nothing itself.
    assert.equal(readFileSync(ws.file('docs/c.md'), 'utf8'), disk['docs/c.md']);

    // Find references answers from the same texts.
    const refs = await client.request('textDocument/references', { textDocument: { uri: uris.a }, position, context: { includeDeclaration: false } });
    assert.deepEqual(
      refs.map((r: Json) => `${r.uri === uris.a ? 'a' : r.uri === uris.b ? 'b' : r.uri === uris.c ? 'c' : r.uri}:${r.range.start.line}`).sort(),
      ['a:6', 'b:2', 'b:4', 'c:2'],
    );

    // Moving the image: the unsaved image link in b.md and the saved one in c.md follow; d.md's was deleted.
    const moved = await client.request('workspace/willRenameFiles', { files: [{ oldUri: fileUri(ws.file('img.png')), newUri: fileUri(ws.file('assets/img.png')) }] });
    assert.deepEqual(moved.documentChanges.map((c: Json) => c.textDocument.uri).sort(), [uris.b, uris.c].sort());
    const afterMove = applyWorkspaceEdit(moved, { [uris.b]: memory.b, [uris.c]: disk['docs/c.md'] });
    assert.equal(afterMove[uris.b], memory.b.replace('(img.png)', '(assets/img.png)'));
    assert.equal(afterMove[uris.c], disk['docs/c.md'].replace('(../img.png)', '(../assets/img.png)'));
  });
});

test('prepareRename refuses places that name nothing renameable; rename there edits nothing and find references finds nothing', async () => {
  const text = [
    '---',
    'title: 部署指南',
    '---',
    '',
    '# 部署指南',
    '',
    '普通段落文字。',
    '',
    '```md',
    '## 代码块里的标题',
    '```',
    '',
    '[外链](https://example.com/page#setup) [坏锚点](#nowhere) [别的文件](other.md#gone) ![图](img.png) [[未定义]]',
    '',
  ].join('\n');
  await withServer({ 'g.md': text, 'other.md': '# Other\n\n## Setup\n', 'img.png': 'png' }, async (client, ws) => {
    const uri = fileUri(ws.file('g.md'));
    await client.open(uri, text);
    const places: [string, { line: number; character: number }][] = [
      ['front matter title', positionOf(text, 'title: 部署指南', 8)],
      ['paragraph text', positionOf(text, '普通段落', 2)],
      ['a heading inside a code block', positionOf(text, '## 代码块里的标题', 4)],
      ['an external link with a fragment', positionOf(text, '#setup', 2)],
      ['a fragment that reaches no heading', positionOf(text, '#nowhere', 2)],
      ['a fragment into another file that has no such heading', positionOf(text, 'other.md#gone', 10)],
      ['an image', positionOf(text, 'img.png', 1)],
      ['brackets without a definition', positionOf(text, '[[未定义]]', 3)],
      ['past the end', { line: 40, character: 0 }],
    ];
    for (const [what, position] of places) {
      const textDocument = { uri };
      assert.equal(await client.request('textDocument/prepareRename', { textDocument, position }), null, `prepareRename on ${what}`);
      assert.equal(await client.request('textDocument/rename', { textDocument, position, newName: '新名字' }), null, `rename on ${what}`);
      assert.deepEqual(await client.request('textDocument/references', { textDocument, position, context: { includeDeclaration: true } }), [], `references on ${what}`);
    }
    // The same document's heading can be renamed (the places above were refused for what they are, not for the file).
    const heading = positionOf(text, '# 部署指南', 3);
    assert.equal((await client.request('textDocument/prepareRename', { textDocument: { uri }, position: heading })).placeholder, '部署指南');
    // A new name the heading cannot hold is refused with a reason the editor shows.
    await assert.rejects(client.request('textDocument/rename', { textDocument: { uri }, position: heading, newName: '两\n行' }), /one line/);
    await assert.rejects(client.request('textDocument/rename', { textDocument: { uri }, position: heading, newName: '   ' }), /empty/);
  });
});

test('percent-encoded fragments are decoded before matching: the exact anchor is accepted however it is encoded, a near miss is fixed in its own encoding', async () => {
  const text = [
    '# T',
    '',
    '## 🚀 快速开始',
    '',
    // The exact anchor, upper- and lower-case hex: both fine.
    '[a](#-%E5%BF%AB%E9%80%9F%E5%BC%80%E5%A7%8B) [b](#-%e5%bf%ab%e9%80%9f%e5%bc%80%e5%a7%8b)',
    // Without the emoji's hyphen: broken on GitHub, reported with the fix kept percent-encoded.
    '[c](#%E5%BF%AB%E9%80%9F%E5%BC%80%E5%A7%8B)',
    '',
  ].join('\n');
  await withServer({ 't.md': text }, async (client, ws) => {
    const uri = fileUri(ws.file('t.md'));
    const diagnostics = (await client.open(uri, text)).filter((d: Json) => d.code === 'links/missing-anchor');
    assert.equal(diagnostics.length, 1);
    assert.equal(diagnostics[0].range.start.line, 5);
    assert.match(diagnostics[0].message, /^#快速开始 is not the anchor GitHub gives that heading: it is #-快速开始/);
    const actions = await client.request('textDocument/codeAction', { textDocument: { uri }, range: diagnostics[0].range, context: { diagnostics, only: ['quickfix'] } });
    const fix = actions.find((a: Json) => a.isPreferred);
    assert.equal(fix.title, 'Change to #-快速开始');
    const fixed = applyTextEdits(text, fix.edit.documentChanges[0].edits);
    assert.equal(fixed, text.replace('[c](#%E5', '[c](#-%E5'));
    assert.deepEqual((await client.changeAndWait(uri, [{ text: fixed }])).filter((d: Json) => d.code === 'links/missing-anchor'), []);
  });
});
