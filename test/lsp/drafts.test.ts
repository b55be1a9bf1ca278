// More of what a writer sees over LSP: a figure that contradicts the GPU data, spec tokens expanded in place,
// the contents list regenerated, a new article's text, and MDX files with imports and JSX.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { applyTextEdits, fileUri, withServer } from '../support/lsp';

test('specs/mismatch flags a wrong figure with the right value and a fix; a comparison is left alone', async () => {
  const draft = '# 显卡笔记\n\nRTX 4090 配备 32GB 显存。\n\nH100 的显存比 RTX 4090 大得多，80GB 对 24GB。\n';
  await withServer({}, async (client, ws) => {
    const uri = fileUri(ws.write('a.md', draft));
    const diagnostics = await client.open(uri, draft);
    const mismatch = diagnostics.filter((d) => d.code === 'specs/mismatch');
    assert.equal(mismatch.length, 1, JSON.stringify(diagnostics));
    assert.equal(mismatch[0].range.start.line, 2);
    assert.match(mismatch[0].message, /24 GB/);
    const actions = await client.request('textDocument/codeAction', { textDocument: { uri }, range: mismatch[0].range, context: { diagnostics: [mismatch[0]], only: ['quickfix'] } });
    const fixed = applyTextEdits(draft, actions[0].edit.documentChanges[0].edits);
    assert.match(fixed, /RTX 4090 配备 24GB 显存。/);
  });
});

test('spec tokens expand in place in the draft language; code is left alone', async () => {
  const draft = '# T\n\nH200 has {{gpu:h200-sxm.memoryGB}} of memory.\n\n`{{gpu:h200-sxm.memoryGB}}`\n';
  await withServer({}, async (client, ws) => {
    const uri = fileUri(ws.write('a.md', draft));
    await client.open(uri, draft);
    const result = await client.request('benchpress/expandTokens', { uri });
    const expanded = applyTextEdits(draft, result.edits);
    assert.match(expanded, /H200 has 141 GB of memory\./);
    assert.match(expanded, /`\{\{gpu:h200-sxm\.memoryGB\}\}`/);
    assert.equal(result.summary[0], '1');
  });
});

test('Regenerate Contents rewrites the contents list from the headings, keeping its linked style', async () => {
  const draft = '# T\n\n## Contents\n\n1. [Setup](#setup)\n2. [Old](#old)\n\n## Setup\n\nx\n\n## Usage\n\ny\n';
  await withServer({}, async (client, ws) => {
    const uri = fileUri(ws.write('a.md', draft));
    const diagnostics = await client.open(uri, draft);
    assert.ok(diagnostics.some((d) => d.code === 'template/toc-mismatch'));
    const result = await client.request('benchpress/regenerateToc', { uri });
    assert.equal(applyTextEdits(draft, result.edits), draft.replace('1. [Setup](#setup)\n2. [Old](#old)', '1. [Setup](#setup)\n2. [Usage](#usage)'));
  });
});

test('the templates list and a new article from the server', async () => {
  await withServer({}, async (client) => {
    const templates = await client.request('benchpress/templates', {});
    assert.deepEqual(templates.map((t: { id: string }) => t.id), ['review', 'tutorial']);
    const article = await client.request('benchpress/newArticle', { template: 'review', subject: 'RTX 5090', lang: 'en', date: '2026-11-25' });
    assert.match(article.text, /^# RTX 5090 review: performance, cost and best practices$/m);
    assert.equal(article.fileName, 'rtx-5090-review.md');
  });
});

test('MDX: imports and JSX are not reported; a real MDX syntax error is', async () => {
  const good = "import { Tabs } from '@site/tabs';\n\n# Title\n\n<Tabs items={['a', 'b']}>\n  Some **text**.\n</Tabs>\n\nSee [docs][d].\n\n[d]: https://example.com\n";
  const bad = '# Title\n\n<Tabs>\n\nno closing tag\n';
  await withServer({}, async (client, ws) => {
    assert.deepEqual((await client.open(fileUri(ws.write('good.mdx', good)), good)).map((d) => d.code), []);
    const diagnostics = await client.open(fileUri(ws.write('bad.mdx', bad)), bad);
    assert.deepEqual(diagnostics.map((d) => d.code), ['mdx/parse-error']);
  });
});
