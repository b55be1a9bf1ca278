// Isolation, over real LSP stdio: a rule that throws, never returns or takes its worker down gives one diagnostic
// naming it while every other rule still reports; a dead worker is replaced and its chunk tried once more; a check
// nobody waits for any more (a newer version arrived) is stopped; `$/cancelRequest` is honoured; and a document
// closed and opened again while checks of it were running never shows the closed text's diagnostics.
// The server is a test build with a few faulty rules added (test/support/faulty: registry swapped at bundle time);
// each rule acts only on its marker, so the product's rules run beside them unchanged.
import { after, test } from 'node:test';
import assert from 'node:assert/strict';
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileUri, withServer } from '../support/lsp';
import { faultyBuild, removeFaultyBuild } from '../support/faulty/build';

type Json = any; // eslint-disable-line @typescript-eslint/no-explicit-any

after(removeFaultyBuild);

const CONFIG = { '.benchpress/config.json': '{ "checkTimeoutMs": 1000, "template": "none" }' };
const server = async () => ({ server: (await faultyBuild()).server });
const codesOf = (ds: Json[]) => ds.map((d) => d.code as string);
const guardsOf = (ds: Json[]) => ds.filter((d) => String(d.code).startsWith('guard/')).map((d) => `${d.code}: ${d.message}`).sort();
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

test('a rule that throws, one that never returns and document rules that throw or hang: one diagnostic each, naming the rule; every other rule still reports', async () => {
  await withServer(CONFIG, async (client, ws) => {
    const uri = fileUri(ws.file('faulty.md'));
    const text = [
      '# Faulty',
      '',
      'RULE-THROWS here, and a bare URL https://example.com/one in the same section.',
      '',
      '## Stalls',
      '',
      'RULE-STALLS here, and https://example.com/two beside it, and [a ref][nowhere].',
      '',
      '## Document rules',
      '',
      'DOC-THROWS and DOC-HANGS, and https://example.com/three.',
      '',
    ].join('\n');
    const started = Date.now();
    client.notify('textDocument/didOpen', { textDocument: { uri, languageId: 'markdown', version: 1, text } });
    const diagnostics = (await client.diagnostics(uri, 1, 30000)).diagnostics;
    const took = Date.now() - started;
    assert.deepEqual(guardsOf(diagnostics), [
      'guard/check-failed: Rule test/doc-throws failed: document boom from a test rule',
      'guard/check-failed: Rule test/throws failed: boom from a test rule',
      'guard/timeout: Rule test/doc-hangs took longer than 1000 ms and was stopped; its findings here are missing (see checkTimeoutMs).',
      'guard/timeout: Rule test/stalls took longer than 1000 ms and was stopped; its findings here are missing (see checkTimeoutMs).',
    ]);
    // The other rules, in the very sections where the faulty ones failed.
    const urls = diagnostics.filter((d) => d.code === 'remark-lint/no-literal-urls').map((d) => d.range.start.line);
    assert.deepEqual(urls, [2, 6, 10]);
    assert.ok(codesOf(diagnostics).includes('links/undefined-reference'), JSON.stringify(codesOf(diagnostics)));
    // Each named failure sits at the start of its section.
    const at = (msg: RegExp) => diagnostics.find((d) => msg.test(d.message))!.range.start.line;
    assert.equal(at(/test\/throws failed/), 0);
    assert.equal(at(/test\/stalls took longer/), 4);
    assert.ok(took < 15000, `took ${took} ms`);
    // The server is well and answers; once the markers are gone, so are the failures.
    assert.ok(Array.isArray(await client.request('textDocument/documentSymbol', { textDocument: { uri } })));
    const clean = await client.changeAndWait(uri, [{ text: text.replace(/RULE-THROWS|RULE-STALLS|DOC-THROWS|DOC-HANGS/g, 'fine') }]);
    assert.deepEqual(guardsOf(clean), []);
    assert.equal(clean.filter((d) => d.code === 'remark-lint/no-literal-urls').length, 3);
  }, await server());
});

test('a worker that dies is replaced and its chunk tried once more; a rule that kills its worker every time is named, and the rest of its chunk is checked', async () => {
  const marks = mkdtempSync(path.join(tmpdir(), 'bp-crash-'));
  try {
    await withServer(CONFIG, async (client, ws) => {
      const once = path.join(marks, 'once');
      const uri = fileUri(ws.file('crash.md'));
      const text = ['# Crash', '', `CRASH-ONCE ${once} https://example.com/a`, '', '## Always', '', 'CRASH-ALWAYS https://example.com/b [x][nope]', '', '## Fine', '', 'https://example.com/c', ''].join('\n');
      const diagnostics = await client.open(uri, text);
      assert.ok(existsSync(once), 'the first worker did not crash');
      assert.deepEqual(guardsOf(diagnostics), ['guard/check-failed: Rule test/crashes failed: the checker stopped (exit code 4)']);
      assert.ok(diagnostics.some((d) => d.code === 'test/crashes' && d.message === 'survived a crash' && d.range.start.line === 0), 'the chunk was not tried again');
      assert.deepEqual(diagnostics.filter((d) => d.code === 'remark-lint/no-literal-urls').map((d) => d.range.start.line), [2, 6, 10]);
      assert.ok(codesOf(diagnostics).includes('links/undefined-reference'));
      // The pool works on: new documents, several times over.
      for (let i = 0; i < 3; i++) {
        const other = await client.open(fileUri(ws.file(`after-${i}.md`)), `# After ${i}\n\nhttps://example.com/${i}\n`);
        assert.deepEqual(codesOf(other), ['remark-lint/no-literal-urls']);
      }
      assert.equal(client.child.exitCode, null);
    }, await server());
  } finally {
    rmSync(marks, { recursive: true, force: true });
  }
});

test('stale work is stopped: a newer version arriving cancels the older check in its worker', async () => {
  const dir = mkdtempSync(path.join(tmpdir(), 'bp-stale-'));
  try {
    // A budget far above the 3 s a version takes, so nothing but cancellation can stop the stale check.
    await withServer({ '.benchpress/config.json': '{ "checkTimeoutMs": 20000, "template": "none" }' }, async (client, ws) => {
      const log = path.join(dir, 'log');
      const uri = fileUri(ws.file('stale.md'));
      // Each part long enough to be a chunk of its own (short sections are grouped, see markdown/chunks.ts).
      const filler = 'Filler text of this part. '.repeat(45);
      const version = (tag: string) => ['# Stale', '', ...Array.from({ length: 12 }, (_, i) => `## Part ${i}\n\nRULE-SLOW 250 ${log} ${tag}-${i}\n\n${filler}\n`)].join('\n');
      // Workers started and ready, so the first version's chunks are in a worker (not still queued) when the
      // second arrives.
      await client.open(fileUri(ws.file('warm.md')), '# Warm\n\nText.\n');
      client.notify('textDocument/didOpen', { textDocument: { uri, languageId: 'markdown', version: 1, text: version('v1') } });
      await sleep(400);
      const diagnostics = await client.changeAndWait(uri, [{ text: version('v2') }]);
      assert.equal(diagnostics.filter((d) => d.code === 'test/slow').length, 12);
      await sleep(1000);
      const ran = readFileSync(log, 'utf8').split('\n').filter(Boolean);
      const v1 = ran.filter((t) => t.startsWith('v1-'));
      const v2 = ran.filter((t) => t.startsWith('v2-'));
      assert.equal(new Set(v2).size, 12);
      // 12 chunks of 250 ms each would be 3 s of stale work; it stops at the next chunk (what ran in the 400 ms
      // before the change, plus at most one chunk per worker).
      assert.ok(v1.length <= 5, `stale chunks analysed: ${v1.length} (${v1.join(' ')})`);
      assert.equal(client.published.get(uri)?.version, 2);
    }, await server());
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});

test('$/cancelRequest is honoured: requests waiting on a long check answer RequestCancelled at once; the check itself goes on and publishes', async () => {
  await withServer(CONFIG, async (client, ws) => {
    const uri = fileUri(ws.file('slow.md'));
    client.notify('textDocument/didOpen', { textDocument: { uri, languageId: 'markdown', version: 1, text: '# Slow\n\nRULE-SLOW 4000 and https://example.com/x\n' } });
    await sleep(200);
    const textDocument = { uri };
    const position = { line: 2, character: 2 };
    const requests = [
      client.requestWithId('textDocument/hover', { textDocument, position }),
      client.requestWithId('textDocument/documentSymbol', { textDocument }),
      client.requestWithId('textDocument/completion', { textDocument, position }),
      client.requestWithId('textDocument/codeAction', { textDocument, range: { start: position, end: position }, context: { diagnostics: [], only: ['source.fixAll.benchpress'] } }),
      client.requestWithId('benchpress/preview', { uri }),
    ];
    await sleep(300);
    const cancelledAt = Date.now();
    for (const r of requests) client.notify('$/cancelRequest', { id: r.id });
    for (const r of requests) {
      await assert.rejects(r.answer, (error: Json) => error.code === -32800, 'not answered RequestCancelled');
    }
    const waited = Date.now() - cancelledAt;
    assert.ok(waited < 2000, `cancelled requests were answered after ${waited} ms`);
    // The check was not thrown away: its diagnostics arrive, and a new request is answered.
    const diagnostics = (await client.diagnostics(uri, 1, 20000)).diagnostics;
    assert.ok(codesOf(diagnostics).includes('remark-lint/no-literal-urls'));
    assert.ok(Array.isArray(await client.request('textDocument/documentSymbol', { textDocument })));
  }, await server());
});

test('a document closed and opened again (same version number) while checks of the old text run never shows the old text\'s diagnostics', async () => {
  await withServer(CONFIG, async (client, ws) => {
    const uri = fileUri(ws.file('race.md'));
    // Settings are loaded once before the race.
    await client.open(fileUri(ws.file('warm.md')), '# Warm\n');
    const oldText = '# Old\n\nRULE-SLOW 2500 [old][only-in-the-old-text]\n';
    const newText = '# New\n\n[new][only-in-the-new-text]\n';
    // The moment the server has its settings answer (a settings reload begins), the draft opens and a file watcher
    // event arrives: both schedule a check of the draft while the settings load.
    let armed = true;
    client.afterAnswer = (method) => {
      if (!armed || method !== 'workspace/configuration') return;
      armed = false;
      client.notify('textDocument/didOpen', { textDocument: { uri, languageId: 'markdown', version: 1, text: oldText } });
      client.notify('workspace/didChangeWatchedFiles', { changes: [{ uri: fileUri(ws.file('elsewhere.md')), type: 2 }] });
    };
    client.notify('workspace/didChangeConfiguration', { settings: {} });
    await sleep(1000);
    assert.equal(armed, false, 'the server did not ask for settings');
    const closedAt = client.publishLog.length;
    client.notify('textDocument/didClose', { textDocument: { uri } });
    client.notify('textDocument/didOpen', { textDocument: { uri, languageId: 'markdown', version: 1, text: newText } });
    await client.diagnosticsMatching(uri, (ds) => ds.some((d) => /only-in-the-new-text/.test(d.message)), 20000);
    // Long enough for every check of the old text to end.
    await sleep(6000);
    const kind = (ds: Json[]) => (ds.length === 0 ? 'none' : ds.some((d) => /only-in-the-old-text/.test(d.message)) ? 'old' : ds.some((d) => /only-in-the-new-text/.test(d.message)) ? 'new' : '?');
    const after = client.publishLog.slice(closedAt).filter((p) => p.uri === uri).map((p) => kind(p.diagnostics));
    // The close clears the problems; from then on only the new text's problems are ever shown.
    assert.equal(after[0], 'none', after.join(', '));
    assert.deepEqual(after.slice(1).filter((k) => k !== 'new'), [], `publications after the close: ${after.join(', ')}`);
    assert.equal(client.published.get(uri)!.version, 1);
  }, await server());
});
