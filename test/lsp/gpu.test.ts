// GPU data over LSP: tables in the draft's language, refreshing them in place, spec-token hovers, nvidia-smi
// import, pricing/stale, and the live price refresh against a local server that plays the RunPod API.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import http from 'node:http';
import { existsSync, readFileSync } from 'node:fs';
import type { AddressInfo } from 'node:net';
import { applyTextEdits, fileUri, withServer } from '../support/lsp';

test('a comparison table in Chinese; refresh restores a hand-edited figure and says what changed', async () => {
  await withServer({}, async (client, ws) => {
    const table = await client.request('benchpress/table', { kind: 'compare', gpus: ['h100-sxm', 'h200-sxm'], lang: 'zh-cn' });
    assert.equal(table.ok, true);
    assert.match(table.text, /^<!-- benchpress:compare gpus=h100-sxm,h200-sxm /);
    assert.match(table.text, /显存容量/);
    const draft = `# H100 与 H200 对比\n\n${table.text.replace('141 GB', '128 GB')}\n\n正文。\n`;
    const uri = fileUri(ws.write('a.md', draft));
    await client.open(uri, draft);
    const refreshed = await client.request('benchpress/refreshTables', { uri });
    assert.equal(refreshed.version, 1);
    assert.equal(refreshed.edits.length, 1);
    assert.ok(refreshed.summary.some((s: string) => s.includes('128 GB') && s.includes('141 GB')), JSON.stringify(refreshed.summary));
    const after = applyTextEdits(draft, refreshed.edits);
    assert.ok(after.includes('141 GB') && !after.includes('128 GB'));
    assert.ok(after.endsWith('正文。\n'), 'text outside the block is untouched');
  });
});

test('unknown GPU ids get a message naming close ids', async () => {
  await withServer({}, async (client) => {
    const r = await client.request('benchpress/table', { kind: 'spec', gpus: ['h100-sxn'], lang: 'en' });
    assert.equal(r.ok, false);
    assert.match(r.error, /h100-sxm/);
  });
});

test('hovering a spec token shows its value and source; the same token in code shows nothing', async () => {
  const draft = '# T\n\nH200 有 {{gpu:h200-sxm.memoryGB}} 显存。\n\n`{{gpu:h200-sxm.memoryGB}}`\n';
  await withServer({}, async (client, ws) => {
    const uri = fileUri(ws.write('a.md', draft));
    await client.open(uri, draft);
    const hover = await client.request('textDocument/hover', { textDocument: { uri }, position: { line: 2, character: 12 } });
    assert.match(hover.contents.value, /\*\*141 GB\*\*/);
    assert.match(hover.contents.value, /Source: https?:\/\//);
    assert.equal(await client.request('textDocument/hover', { textDocument: { uri }, position: { line: 4, character: 8 } }), null);
  });
});

test('a pricing table older than the limit is reported by pricing/stale', async () => {
  await withServer({ '.benchpress/config.json': '{ "pricingStaleAfterDays": 7 }' }, async (client, ws) => {
    const table = await client.request('benchpress/table', { kind: 'pricing', gpus: ['h100-sxm'], lang: 'en' });
    const old = table.text.replace(/asOf=\d{4}-\d{2}-\d{2}/, 'asOf=2025-01-02');
    const draft = `# Prices\n\n${old}\n`;
    const uri = fileUri(ws.write('a.md', draft));
    const diagnostics = await client.open(uri, draft);
    const stale = diagnostics.find((d: { code: string }) => d.code === 'pricing/stale');
    assert.ok(stale, JSON.stringify(diagnostics));
    assert.match(stale.message, /2025-01-02/);
    assert.equal(stale.range.start.line, 2);
  });
});

test('nvidia-smi CSV becomes a table; other text gets a clear error', async () => {
  await withServer({}, async (client) => {
    const csv = 'index, name, memory.total [MiB], driver_version\n0, NVIDIA H100 80GB HBM3, 81559 MiB, 535.104.05\n';
    const ok = await client.request('benchpress/smiTable', { text: csv, lang: 'en' });
    assert.equal(ok.ok, true);
    assert.match(ok.text, /NVIDIA H100 80GB HBM3/);
    assert.match(ok.text, /81,?559/);
    const bad = await client.request('benchpress/smiTable', { text: '# Just Markdown\n\nhello\n', lang: 'en' });
    assert.equal(bad.ok, false);
    assert.match(bad.error, /nvidia-smi/);
  });
});

/** A local server that plays RunPod's GraphQL API. */
async function fakeRunpod(handler: (req: http.IncomingMessage, body: string) => { status: number; body: string }) {
  const requests: { auth?: string; body: string }[] = [];
  const server = http.createServer((req, res) => {
    let body = '';
    req.on('data', (c) => (body += c));
    req.on('end', () => {
      requests.push({ auth: req.headers.authorization, body });
      const r = handler(req, body);
      res.writeHead(r.status, { 'content-type': 'application/json' });
      res.end(r.body);
    });
  });
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}/graphql`;
  return { url, requests, close: () => new Promise<void>((r) => server.close(() => r())) };
}

const KEY = 'rp_TESTKEY_0123456789abcdef';

test('refreshing prices from the API saves them, tables use them, and the key appears nowhere', async () => {
  const api = await fakeRunpod(() => ({ status: 200, body: JSON.stringify({ data: { gpuTypes: [{ id: 'NVIDIA H100 80GB HBM3', displayName: 'H100 SXM', memoryInGb: 80, secureCloud: true, communityCloud: true, securePrice: 2.49, communityPrice: 1.99 }] } }) }));
  try {
    await withServer({}, async (client, ws) => {
      const result = await client.request('benchpress/refreshPrices', { apiKey: KEY, baseUrl: api.url, uri: fileUri(ws.file('x.md')) }, 30000);
      assert.equal(result.ok, true, JSON.stringify(result));
      assert.ok(result.changes.some((c: string) => /h100-sxm secure: \$3\.99 → \$2\.49\/h/.test(c)), JSON.stringify(result.changes));
      assert.equal(api.requests[0].auth, `Bearer ${KEY}`);
      const saved = ws.file('.benchpress/.cache/runpod-prices.json');
      assert.ok(existsSync(saved));
      assert.ok(!readFileSync(saved, 'utf8').includes(KEY));
      const table = await client.request('benchpress/table', { kind: 'pricing', gpus: ['h100-sxm'], lang: 'en' });
      assert.match(table.text, /\$2\.49/);
      assert.ok(!client.stderr.join('').includes(KEY));
    });
  } finally {
    await api.close();
  }
});

test('a rejected key (401) leaves the saved prices as they were and says what to do', async () => {
  const api = await fakeRunpod(() => ({ status: 401, body: '{"errors":[{"message":"unauthorized"}]}' }));
  try {
    await withServer({}, async (client, ws) => {
      const result = await client.request('benchpress/refreshPrices', { apiKey: KEY, baseUrl: api.url, uri: fileUri(ws.file('x.md')) }, 30000);
      assert.equal(result.ok, false);
      assert.match(result.error, /rejected the API key \(401\)/);
      assert.ok(!result.error.includes(KEY));
      assert.ok(!existsSync(ws.file('.benchpress/.cache/runpod-prices.json')));
      const table = await client.request('benchpress/table', { kind: 'pricing', gpus: ['h100-sxm'], lang: 'en' });
      assert.match(table.text, /\$3\.99/, 'the built-in snapshot is still used');
    });
  } finally {
    await api.close();
  }
});

test('hovering a GPU name shows its spec card with sources, other variants, and a link that inserts the table', async () => {
  const draft = '# T\n\n在 H100 上训练，再用 RTX 4090 推理。\n\n```\nH100\n```\n';
  await withServer({}, async (client, ws) => {
    const uri = fileUri(ws.write('a.md', draft));
    await client.open(uri, draft);
    const h100 = await client.request('textDocument/hover', { textDocument: { uri }, position: { line: 2, character: 3 } });
    assert.match(h100.contents.value, /\*\*NVIDIA H100 SXM\*\*/);
    assert.match(h100.contents.value, /80 GB/);
    assert.match(h100.contents.value, /H100 NVL \(94 GB\)/, 'a plain "H100" may mean another variant');
    assert.match(h100.contents.value, /Sources: ⁽1⁾ \[/);
    assert.match(h100.contents.value, /\(command:benchpress\.insertSpecTable\?/);
    assert.deepEqual(h100.range.start, { line: 2, character: 2 });
    const rtx = await client.request('textDocument/hover', { textDocument: { uri }, position: { line: 2, character: 15 } });
    assert.match(rtx.contents.value, /GeForce RTX 4090/);
    assert.match(rtx.contents.value, /4090 graphics card/, 'the topic-heat row is shown too');
    assert.equal(await client.request('textDocument/hover', { textDocument: { uri }, position: { line: 5, character: 1 } }), null, 'nothing in code');
  });
});
