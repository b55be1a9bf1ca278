// The preview request over real LSP stdio, for a long draft: it renders on the preview's own worker thread, so the
// server answers other requests meanwhile; a request still waiting for its turn when the editor asks again for a
// newer version answers ContentModified, and the newest version's answer comes in its place.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { fileUri, withServer } from '../support/lsp';

type Json = any; // eslint-disable-line @typescript-eslint/no-explicit-any

const SECTION = (n: number) => `## 第 ${n} 节：RTX 4090 推理\n\n正文 ${n}，见[文档](https://docs.runpod.io/)和脚注[^n${n}]。\n\n| GPU | 显存 |\n|---|---|\n| RTX 4090 | 24 GB |\n\n- 一\n- 二\n\n[^n${n}]: 脚注 ${n}。\n\n`;
/** About 300 KB in 1,500 sections: seconds to render, a few milliseconds to outline. */
const LONG_DRAFT = `# 长文\n\n${Array.from({ length: 1500 }, (_, i) => SECTION(i)).join('')}`;
const CONFIG = { '.benchpress/config.json': '{ "template": "none" }' };

test('while a long draft\'s preview renders, the server answers other requests; an outdated waiting preview answers ContentModified', async () => {
  await withServer(CONFIG, async (client, ws) => {
    const uri = fileUri(ws.file('long.md'));
    const textDocument = { uri };
    await client.open(uri, LONG_DRAFT);
    const answered: string[] = [];
    const note = (name: string, p: Promise<Json>) => p.then((r) => { answered.push(name); return r; }, (e) => { answered.push(`${name}: ${e.code}`); throw e; });

    const first = note('preview v1', client.request('benchpress/preview', { uri }, 120000));
    const symbols = await note('symbols', client.request('textDocument/documentSymbol', { textDocument }));
    assert.equal(symbols[0].children.length, 1500);
    assert.deepEqual(answered, ['symbols'], 'the outline waited for the preview');

    // Two more versions, each previewed once checked, while the first rendering still runs.
    const edit = (marker: string) => [{ range: { start: { line: 0, character: 4 }, end: { line: 0, character: 4 } }, text: marker }];
    await client.changeAndWait(uri, edit('（二稿）'));
    const second = note('preview v2', client.request('benchpress/preview', { uri }, 120000));
    await client.changeAndWait(uri, edit('（三稿）'));
    const third = note('preview v3', client.request('benchpress/preview', { uri }, 120000));

    await assert.rejects(second, (error: Json) => error.code === -32801, 'the outdated preview did not answer ContentModified');
    const [v1, v3] = await Promise.all([first, third]);
    assert.deepEqual(answered, ['symbols', 'preview v2: -32801', 'preview v1', 'preview v3']);
    assert.equal(v1.version, 1);
    assert.match(v1.html, /<h1[^>]*>长文<\/h1>/);
    assert.match(v1.html, /第 1499 节/);
    assert.equal(v3.version, 3);
    assert.match(v3.html, /<h1[^>]*>长文（三稿）（二稿）<\/h1>/);
  });
});
