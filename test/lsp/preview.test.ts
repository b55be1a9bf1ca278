// The preview request over real LSP stdio: a long draft renders on the preview's own worker thread, so the server
// answers other requests meanwhile; a request still waiting for its turn when the editor asks again for a newer
// version of its draft answers ContentModified, and the newest version's answer comes in its place.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { fileUri, withServer } from '../support/lsp';

type Json = any; // eslint-disable-line @typescript-eslint/no-explicit-any

const SECTION = (n: number) => `## 第 ${n} 节：RTX 4090 推理\n\n正文 ${n}，见[文档](https://docs.runpod.io/)和脚注[^n${n}]。\n\n| GPU | 显存 |\n|---|---|\n| RTX 4090 | 24 GB |\n\n- 一\n- 二\n\n[^n${n}]: 脚注 ${n}。\n\n`;
/** About 120 KB in 600 sections: a second or more to render, a few milliseconds to outline. */
const LONG_DRAFT = `# 长文\n\n${Array.from({ length: 600 }, (_, i) => SECTION(i)).join('')}`;
const CONFIG = { '.benchpress/config.json': '{ "template": "none" }' };

test('while a long draft\'s preview renders, the server answers other requests; an outdated waiting preview answers ContentModified', async () => {
  await withServer(CONFIG, async (client, ws) => {
    const long = fileUri(ws.file('long.md'));
    const short = fileUri(ws.file('short.md'));
    await client.open(long, LONG_DRAFT);
    await client.open(short, '# 短文\n\n正文。\n');
    const answered: string[] = [];
    const note = (name: string, p: Promise<Json>) => p.then((r) => { answered.push(name); return r; }, (e) => { answered.push(`${name}: ${e.code}`); throw e; });

    const first = note('long', client.request('benchpress/preview', { uri: long }, 120000));
    const symbols = await note('symbols', client.request('textDocument/documentSymbol', { textDocument: { uri: long } }));
    assert.equal(symbols[0].children.length, 600);
    assert.deepEqual(answered, ['symbols'], 'the outline waited for the preview');

    // Two more versions of the short draft, each previewed once checked, while the long one still renders: the
    // renderings wait in turn, and the second takes the first's place.
    const edit = (marker: string) => [{ range: { start: { line: 0, character: 4 }, end: { line: 0, character: 4 } }, text: marker }];
    await client.changeAndWait(short, edit('（二稿）'));
    const second = note('short v2', client.request('benchpress/preview', { uri: short }, 120000));
    await client.changeAndWait(short, edit('（三稿）'));
    const third = note('short v3', client.request('benchpress/preview', { uri: short }, 120000));

    await assert.rejects(second, (error: Json) => error.code === -32801, 'the outdated preview did not answer ContentModified');
    const [longPreview, v3] = await Promise.all([first, third]);
    assert.deepEqual(answered, ['symbols', 'short v2: -32801', 'long', 'short v3']);
    assert.equal(longPreview.version, 1);
    assert.match(longPreview.html, /<h1[^>]*>长文<\/h1>/);
    assert.match(longPreview.html, /第 599 节/);
    assert.equal(v3.version, 3);
    assert.match(v3.html, /<h1[^>]*>短文（三稿）（二稿）<\/h1>/);
  });
});
