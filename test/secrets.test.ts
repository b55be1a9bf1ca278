// The RunPod API key never leaves the place it is kept (the editor's secret storage, or the environment for the
// CLI): not into the server's answers, notifications, diagnostics or logs, not into files, not into the output
// channel — even when the API fails and its error bodies quote the key back. The language server runs as the
// editor runs it (dist/server.js over stdio) against a local HTTP server on 127.0.0.1 that plays a hostile RunPod.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readdirSync, readFileSync, statSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { PassThrough } from 'node:stream';
import { createMessageConnection, StreamMessageReader, StreamMessageWriter, Trace } from 'vscode-jsonrpc/node';
import { LspClient, fileUri } from './support/lsp';
import { REPO, runCli, tempWorkspace } from './support/workspace';
import { CATALOG_ROUTE, FakeRunpod, GRAPHQL_ROUTE, json, problem, raw, v2Gpu } from '../server/src/gpu/prices/test-server';
import { REDACTED, SecretRedactor, redactingChannel } from '../client/src/redact';

type Json = any; // eslint-disable-line @typescript-eslint/no-explicit-any

const KEY = 'rpa_SECRETTESTKEY_8Z2X4C6V8B0N2M4';
/** Every form the key could leak in: as is, a recognisable part of it, URL-encoded, base64 (Basic auth). */
const FORMS = [KEY, KEY.slice(4, 20), encodeURIComponent(`"${KEY}"`), Buffer.from(KEY).toString('base64').slice(0, 24)];
const leaks = (text: string) => FORMS.filter((f) => text.includes(f));

function filesUnder(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const full = path.join(dir, name);
    return statSync(full).isDirectory() ? filesUnder(full) : [full];
  });
}

test('the language server never sends, logs or saves the RunPod key, whatever the API answers', async () => {
  const echo = `token ${KEY} is not valid`;
  const api = await FakeRunpod.start({
    [CATALOG_ROUTE]: [
      problem(401, `Unauthorized ${KEY}`, echo, { 'www-authenticate': `Bearer realm="${KEY}"` }),
      json({ error: echo, key: KEY }, 500),
      json({ error: echo, key: KEY }, 500),
      json({ error: echo, key: KEY }, 500),
      raw(404, `no route for ${encodeURIComponent(KEY)}`),
      json({ gpus: [v2Gpu(`NVIDIA ${KEY}`, KEY, 80, 1, 1), v2Gpu('NVIDIA L4', 'L4', 24, false, 0.28), v2Gpu('NVIDIA H100 80GB HBM3', 'H100 SXM', 80, 2.99, 2.69)] }),
    ],
    [GRAPHQL_ROUTE]: [json({ errors: [{ message: `bad key ${KEY}`, extensions: { key: KEY } }] }, 200)],
  });
  const storage = mkdtempSync(path.join(tmpdir(), 'bp-storage-'));
  const ws = tempWorkspace({ 'draft.md': '# H100 rental prices\n\n| GPU | $/h |\n| --- | --- |\n| H100 | {{price:h100-sxm.secure}} |\n\nhttps://example.com/x\n' });
  const client = await LspClient.start(ws.root, { initializationOptions: { storagePath: storage, workspaceTrusted: true } });
  let wire = '';
  client.child.stdout!.on('data', (chunk: Buffer) => (wire += chunk.toString('utf8')));
  try {
    // The server's own trace is on at its most talkative.
    client.notify('$/setTrace', { value: 'verbose' });
    const uri = fileUri(ws.file('draft.md'));
    await client.open(uri, readFileSync(ws.file('draft.md'), 'utf8'));
    const results: Json[] = [];
    for (let i = 0; i < 4; i++) {
      results.push(await client.request('benchpress/refreshPrices', { apiKey: KEY, baseUrl: api.origin, progressId: `p${i}`, uri }, 60000));
    }
    // 401 (auth), three 500s then a 404 and GraphQL errors (server), then a good catalog naming a GPU after the key.
    assert.deepEqual(results.map((r) => r.ok), [false, false, false, true], JSON.stringify(results));
    for (const r of results.slice(0, 3)) assert.match(r.error, /\[redacted\]|401|500|404/);
    assert.match(results[0].error, /\[redacted\]/, 'the 401 quote should show that something was redacted');
    // The server really did send the key to the API, in the Authorization header only.
    assert.ok(api.seen.length >= 4);
    for (const s of api.seen) {
      assert.equal(s.headers.authorization, `Bearer ${KEY}`);
      assert.deepEqual(leaks(s.url), []);
    }
    // After the refresh: re-checked drafts, hovers, code lenses, symbols, the preview — with the fetched prices.
    await client.diagnosticsMatching(uri, () => true);
    await client.request('textDocument/hover', { textDocument: { uri }, position: { line: 4, character: 10 } });
    await client.request('textDocument/codeLens', { textDocument: { uri } });
    await client.request('benchpress/preview', { uri });
    await client.request('benchpress/refreshPrices', { apiKey: `${KEY}\r\nX-Injected: 1`, baseUrl: api.origin, uri }, 60000).then((r) => assert.equal(r.ok, false));
    await new Promise((r) => setTimeout(r, 300));

    assert.deepEqual(leaks(wire), [], 'the key went over the wire to the editor');
    assert.deepEqual(leaks(client.stderr.join('')), [], 'the key is in the server\'s stderr (the output channel)');
    for (const file of [...filesUnder(ws.root), ...filesUnder(storage)]) assert.deepEqual(leaks(readFileSync(file, 'latin1')), [], `the key is in ${path.relative(ws.root, file)}`);
    // The refreshed prices were saved (without the key): the test did reach the saving path.
    assert.ok(filesUnder(ws.root).some((f) => /prices/.test(path.basename(f))), filesUnder(ws.root).join(', '));
  } finally {
    await client.stop();
    await api.close();
    ws.dispose();
    rmSync(storage, { recursive: true, force: true });
  }
});

test('the CLI never prints or saves the key, failing or succeeding, and takes it only from the environment', async () => {
  const api = await FakeRunpod.start({
    [CATALOG_ROUTE]: [
      problem(403, 'Forbidden', `key ${KEY} lacks scope`),
      json({ gpus: [v2Gpu(`NVIDIA ${KEY}`, KEY, 80, 1, 1), v2Gpu('NVIDIA L4', 'L4', 24, false, 0.28)] }),
    ],
  });
  const ws = tempWorkspace();
  try {
    const env = { RUNPOD_API_KEY: KEY };
    const failed = await runCliAsync(['prices', 'refresh', '--base-url', api.origin], ws.root, env);
    assert.equal(failed.status, 1);
    const ok = await runCliAsync(['prices', 'refresh', '--base-url', api.origin, '--json'], ws.root, env);
    assert.equal(ok.status, 0, ok.stderr);
    for (const r of [failed, ok]) assert.deepEqual(leaks(r.stdout + r.stderr), []);
    assert.match(failed.stderr, /\[redacted\]/);
    for (const file of filesUnder(ws.root)) assert.deepEqual(leaks(readFileSync(file, 'latin1')), [], file);
    // A key in the workspace's config file is not a setting: it is reported without being quoted, and not used.
    ws.write('.benchpress/config.json', JSON.stringify({ runpodApiKey: KEY, apiKey: KEY }));
    ws.write('d.md', '# T\n');
    const lint = runCli(['lint', '--format', 'json', '.'], ws.root, undefined, { RUNPOD_API_KEY: undefined });
    assert.deepEqual(leaks(lint.stdout + lint.stderr), []);
    const noKey = runCli(['prices', 'refresh', '--base-url', api.origin], ws.root, undefined, { RUNPOD_API_KEY: undefined, BENCHPRESS_RUNPOD_API_KEY: undefined });
    assert.equal(noKey.status, 2);
    assert.match(noKey.stderr, /No RunPod API key/);
  } finally {
    await api.close();
    ws.dispose();
  }
});

function runCliAsync(args: string[], cwd: string, env: Record<string, string>): Promise<{ status: number | null; stdout: string; stderr: string }> {
  // The fake API runs in this process, so the CLI must not block it (spawnSync would).
  const { spawn } = require('node:child_process') as typeof import('node:child_process');
  return new Promise((resolve) => {
    const child = spawn(process.execPath, [path.join(REPO, 'dist/cli.js'), ...args], { cwd, env: { ...process.env, NO_COLOR: '1', ...env } });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (d) => (stdout += d));
    child.stderr.on('data', (d) => (stderr += d));
    child.on('close', (status) => resolve({ status, stdout, stderr }));
  });
}

test('no setting holds the key: the manifest contributes none, and the editor keeps it in secret storage', () => {
  const manifest = JSON.parse(readFileSync(path.join(REPO, 'package.json'), 'utf8'));
  const settings = [manifest.contributes.configuration].flat().flatMap((s: Json) => Object.keys(s.properties));
  assert.deepEqual(settings.filter((k: string) => /key|token|secret|password|credential/i.test(k)), []);
  const client = readFileSync(path.join(REPO, 'client/src/commands.ts'), 'utf8') + readFileSync(path.join(REPO, 'client/src/gpu-commands.ts'), 'utf8');
  assert.match(client, /secrets\.store\(RUNPOD_KEY_SECRET/);
  assert.doesNotMatch(client, /getConfiguration\([^)]*\)\.update\([^)]*[Kk]ey/);
});

/** A stand-in for a VS Code LogOutputChannel that records what is written. */
function recordingChannel(): Json {
  const lines: string[] = [];
  const write = (...args: unknown[]) => lines.push(args.map((a) => (a instanceof Error ? `${a.message}\n${a.stack}` : String(a))).join(' '));
  return { lines, name: 'Benchpress', logLevel: 2, append: write, appendLine: write, replace: write, trace: write, debug: write, info: write, warn: write, error: write, clear() {}, show() {}, hide() {}, dispose() {} };
}

test('the output channel: a verbose trace of the refresh request (the key in its parameters) shows [redacted]', async () => {
  const channel = recordingChannel();
  const redactor = new SecretRedactor();
  const output = redactingChannel(channel, redactor);
  redactor.add(KEY);
  // The language client's trace, as vscode-languageclient writes it: vscode-jsonrpc's tracer, message then data.
  const toServer = new PassThrough();
  const toClient = new PassThrough();
  const clientSide = createMessageConnection(new StreamMessageReader(toClient), new StreamMessageWriter(toServer));
  const serverSide = createMessageConnection(new StreamMessageReader(toServer), new StreamMessageWriter(toClient));
  serverSide.onRequest('benchpress/refreshPrices', (params: Json) => ({ ok: false, error: `RunPod said: bad token ${params.apiKey}` }));
  serverSide.listen();
  await clientSide.trace(Trace.Verbose, { log: (message: string, data?: string) => { output.appendLine(message); if (data) output.appendLine(data); } });
  clientSide.listen();
  const answer = await clientSide.sendRequest('benchpress/refreshPrices', { apiKey: KEY, progressId: 'p1' });
  // Whatever else the extension logs: info, warnings, errors (with stacks), plain appends.
  output.info(`refresh failed: ${(answer as Json).error}`);
  output.error(new Error(`boom ${KEY} ${encodeURIComponent(KEY)} ${JSON.stringify(KEY)}`));
  output.append(KEY);
  clientSide.dispose();
  serverSide.dispose();
  const text = channel.lines.join('\n');
  assert.match(text, /Sending request 'benchpress\/refreshPrices/, 'the trace was not written');
  assert.match(text, /"apiKey": "\[redacted\]"/);
  assert.deepEqual(leaks(text), []);
  assert.ok(text.split(REDACTED).length > 4);
  // Other properties of the channel still work through the wrapper.
  assert.equal(output.name, 'Benchpress');
  assert.equal(output.logLevel, 2);
  // Short strings are never treated as secrets (they would blank ordinary words).
  const r = new SecretRedactor();
  r.add('abc');
  assert.equal(r.redact('abc def'), 'abc def');
});
