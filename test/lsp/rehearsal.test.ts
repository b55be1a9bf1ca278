// The edit rehearsal (server/src/lsp/rehearsal.ts), over real LSP stdio: after a long draft is opened the server
// warms up its edit path on a copy of the draft, telling the editor's log, without publishing anything for the
// copy; edits made while it runs stop it and are checked as they would be without it.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { fileUri, withServer, type LspClient } from '../support/lsp';

type Json = any; // eslint-disable-line @typescript-eslint/no-explicit-any

/** A long draft (well over REHEARSAL_MIN_CHARS) with typography findings in every section. */
function longDraft(sections = 200): string {
  const out = ['# 长草稿', ''];
  for (let i = 0; i < sections; i++) {
    out.push(`## 第 ${i} 节`, '', `这张显卡在长时间推理时的功耗和温度都比上一代低，GPU利用率也更高，测试方法每次都一样，结果见下表和图${i}。`, '', `第二段文字继续讨论显存带宽与延迟之间的关系，以及为什么批量大小会影响吞吐量。`, '');
  }
  return out.join('\n');
}

const rehearsalLogs = (client: LspClient): string[] => client.notifications.filter((n) => n.method === 'window/logMessage' && /rehearsed \d+ edits/.test(n.params.message)).map((n) => n.params.message as string);
const key = (d: Json) => `${d.range.start.line}:${d.range.start.character}-${d.range.end.line}:${d.range.end.character} ${d.code} ${d.message}`;
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

async function until(what: string, condition: () => boolean, timeoutMs = 20000): Promise<void> {
  const end = Date.now() + timeoutMs;
  while (!condition()) {
    if (Date.now() > end) throw new Error(`timed out waiting for ${what}`);
    await sleep(20);
  }
}

test('after a long draft opens, the server rehearses edits on a copy: it says so in the log and publishes nothing for them', async () => {
  await withServer({}, async (client, ws) => {
    const text = longDraft();
    const uri = fileUri(ws.write('long.md', text));
    const opened = await client.open(uri, text);
    assert.ok(opened.some((d: Json) => d.code === 'typography/cjk-latin-spacing'), 'the draft has findings to rehearse with');
    await until('the rehearsal log', () => rehearsalLogs(client).length > 0);
    const [log] = rehearsalLogs(client);
    assert.match(log, /rehearsed (\d+) edits of .*long\.md/);
    assert.ok(Number(/rehearsed (\d+)/.exec(log)![1]) >= 10, log);
    assert.doesNotMatch(log, /interrupted/);
    // Every publication is of the opened version, with its diagnostics: none of the rehearsal's texts.
    const publications = client.publishLog.filter((p) => p.uri === uri);
    assert.ok(publications.length >= 1);
    for (const p of publications) {
      assert.equal(p.version, 1);
      assert.deepEqual(p.diagnostics.map(key).sort(), opened.map(key).sort());
    }
  });
});

test('edits typed while the rehearsal runs stop it; their diagnostics are those of a fresh check; it runs to its end at the next pause', async () => {
  await withServer({}, async (client, ws) => {
    let text = longDraft();
    const uri = fileUri(ws.write('long.md', text));
    await client.open(uri, text);
    // Keystrokes from the moment the rehearsal starts (right after the first check of a long draft) until well after.
    const line = text.split('\n').findIndex((l) => l.startsWith('第二段'));
    for (let i = 0; i < 25; i++) {
      await sleep(i === 0 ? 5 : 15);
      const character = 3 + (i % 5);
      client.change(uri, [{ range: { start: { line, character }, end: { line, character } }, text: 'x' }]);
      const lines = text.split('\n');
      lines[line] = lines[line].slice(0, character) + 'x' + lines[line].slice(character);
      text = lines.join('\n');
    }
    const last = await client.diagnostics(uri, client.version(uri), 30000);
    const fresh = await client.open(fileUri(ws.write('fresh.md', text)), text);
    assert.deepEqual(last.diagnostics.map(key).sort(), fresh.map(key).sort());
    assert.ok(last.diagnostics.some((d: Json) => d.range.start.line === line), 'the edited line is checked');
    await until('a rehearsal that ran to its end', () => rehearsalLogs(client).some((m) => !/interrupted/.test(m)));
    assert.match(rehearsalLogs(client)[0], /interrupted/, 'the keystrokes came while it ran');
    const published = client.publishLog.filter((p) => p.uri === uri).map((p) => p.version!);
    assert.deepEqual(published, [...published].sort((a, b) => a - b), 'versions only go up');
  });
});
