// Checks at once after each edit (diagnosticsDelayMs 0), over real LSP stdio. The server starts analysing the chunk an
// edit lands in as the edit arrives, before it splits the new text (DocumentChecker.anticipate): whatever the edit
// does to the chunks (typed inside a paragraph, a fence that turns the rest into code, a line break, several changes
// in one message, a burst of keystrokes), the diagnostics published are those of a fresh open of the same text.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { fileUri, withServer } from '../support/lsp';

type Json = any; // eslint-disable-line @typescript-eslint/no-explicit-any

const key = (d: Json) => `${d.range.start.line}:${d.range.start.character}-${d.range.end.line}:${d.range.end.character} ${d.code} ${d.message}`;

/** Sections long enough to be a chunk each, with findings in every one (spacing, a missing image). */
function draft(): string {
  const out = ['# 长草稿', ''];
  for (let i = 0; i < 30; i++) {
    out.push(`## 第 ${i} 节`, '', `这张显卡在长时间推理时的功耗和温度都比上一代低，GPU利用率也更高，见图 ![图](./images/figure-${i}.png)。`.repeat(4), '', '第二段文字继续讨论显存带宽与延迟之间的关系，以及为什么批量大小会影响吞吐量。'.repeat(6), '');
  }
  return out.join('\n');
}

/** Applies LSP changes (ranged or whole) to a text, as the server's documents do. */
function apply(text: string, changes: Json[]): string {
  for (const change of changes) {
    if (!change.range) {
      text = change.text;
      continue;
    }
    const lines = text.split('\n');
    const offset = (p: Json) => lines.slice(0, p.line).reduce((n, l) => n + l.length + 1, 0) + p.character;
    const [start, end] = [offset(change.range.start), offset(change.range.end)].sort((a, b) => a - b);
    text = text.slice(0, start) + change.text + text.slice(end);
  }
  return text;
}

const at = (line: number, character: number) => ({ line, character });
const insert = (line: number, character: number, text: string) => ({ range: { start: at(line, character), end: at(line, character) }, text });

test('each edit checked at once gets the diagnostics of a fresh open, whatever it does to the chunks', async () => {
  await withServer({}, async (client, ws) => {
    let text = draft();
    const uri = fileUri(ws.write('long.md', text));
    const opened = await client.open(uri, text);
    // The first second paragraph after line n of the text as it is now.
    const prose = (n: number) => text.split('\n').findIndex((l, i) => i > n && l.startsWith('第二段'));
    let fenced = -1;
    const steps: [string, () => Json[]][] = [
      ['a character typed inside a paragraph', () => [insert(prose(20), 5, '的')]],
      ['the character taken out again', () => [{ range: { start: at(prose(20), 5), end: at(prose(20), 6) }, text: '' }]],
      ['a fence typed at the start of a line (the rest of the draft becomes code)', () => [insert((fenced = prose(60)), 0, '```')]],
      ['the fence taken out', () => [{ range: { start: at(fenced, 0), end: at(fenced, 3) }, text: '' }]],
      ['a line break typed inside a paragraph', () => [insert(prose(90), 10, '\n')]],
      ['two changes in one message', () => [insert(prose(30), 2, 'GPU'), insert(prose(100), 4, '显存')]],
      ['a range given end first', () => [{ range: { start: at(prose(110), 9), end: at(prose(110), 4) }, text: '改' }]],
      ['a replacement across two sections', () => [{ range: { start: at(prose(40), 8), end: at(prose(48), 3) }, text: '换' }]],
    ];
    for (const [what, edit] of steps) {
      const changes = edit();
      text = apply(text, changes);
      const published = await client.changeAndWait(uri, changes);
      const fresh = await client.open(fileUri(ws.write(`fresh-${client.version(uri)}.md`, text)), text);
      assert.deepEqual(published.map(key).sort(), fresh.map(key).sort(), what);
      assert.ok(fresh.length > 50, `${what}: the draft has findings (${fresh.length})`);
      if (what.startsWith('a fence typed')) assert.ok(fresh.length < opened.length / 2, 'the rest of the draft is code');
    }
    // A burst of keystrokes, each sent before the last one's check is done.
    const line = prose(120);
    for (let i = 0; i < 20; i++) {
      const change = insert(line, 3 + i, i % 2 ? 'x' : '的');
      text = apply(text, [change]);
      client.change(uri, [change]);
    }
    const last = await client.diagnostics(uri, client.version(uri), 30000);
    const fresh = await client.open(fileUri(ws.write('fresh-burst.md', text)), text);
    assert.deepEqual(last.diagnostics.map(key).sort(), fresh.map(key).sort());
  });
});
