// The CLI as a process and the network: `lint` without --check-urls loads no network module (issue 14), and
// `lint --check-urls` reports a verdict per external link in its JSON and SARIF, against a local server.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { execFile } from 'node:child_process';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { CLI, tempWorkspace } from '../support/workspace';

/**
 * A --require hook: records every module the process requires by name (node:net, node:http … as the bundle asks
 * for them) and every diagnostics channel created (undici creates its `undici:*` channels when it is loaded, even
 * bundled), and writes both to HOOK_OUT when the main thread exits.
 */
const HOOK = `
const Module = require('module');
const dc = require('diagnostics_channel');
const modules = new Set();
const channels = new Set();
const load = Module._load;
Module._load = function (request) { if (!request.startsWith('.') && !request.startsWith('/')) modules.add(request.replace(/^node:/, '')); return load.apply(this, arguments); };
const channel = dc.channel;
dc.channel = function (name) { channels.add(String(name)); return channel.apply(this, arguments); };
process.on('exit', () => { if (require('worker_threads').isMainThread) require('fs').writeFileSync(process.env.HOOK_OUT, JSON.stringify({ modules: [...modules], channels: [...channels] })); });
`;

const NETWORK_MODULES = ['http', 'https', 'http2', 'net', 'tls', 'dns', 'undici'];

interface Loaded {
  code: number;
  stdout: string;
  network: string[];
  undiciChannels: string[];
}

/** Runs the built CLI with the hook (asynchronously, so a local server in this process can answer it). */
function runWithHook(args: string[], cwd: string): Promise<Loaded> {
  const hook = path.join(cwd, 'hook.cjs');
  const out = path.join(cwd, 'loaded.json');
  writeFileSync(hook, HOOK);
  return new Promise((resolve, reject) => {
    execFile(process.execPath, ['--require', hook, CLI, ...args], { cwd, env: { ...process.env, NO_COLOR: '1', HOOK_OUT: out }, encoding: 'utf8', timeout: 60_000 }, (error, stdout, stderr) => {
      const code = error ? (typeof error.code === 'number' ? error.code : -1) : 0;
      if (code === -1) return reject(new Error(`${String(error)} ${stderr}`));
      const loaded = JSON.parse(readFileSync(out, 'utf8')) as { modules: string[]; channels: string[] };
      resolve({
        code,
        stdout,
        network: loaded.modules.filter((m) => NETWORK_MODULES.includes(m)),
        undiciChannels: loaded.channels.filter((c) => c.startsWith('undici:')),
      });
    });
  });
}

async function site(): Promise<{ base: string; close: () => Promise<void> }> {
  const server = http.createServer((req, res) => {
    if (req.url === '/ok') res.writeHead(200, { 'content-type': 'text/html' }).end('<h1>ok</h1>');
    else if (req.url === '/blocked') res.writeHead(403).end('bots not welcome');
    else if (req.url === '/error') res.writeHead(500).end('oops');
    else res.writeHead(404).end('not found');
  });
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  return {
    base: `http://127.0.0.1:${(server.address() as AddressInfo).port}`,
    close: () =>
      new Promise<void>((r) => {
        server.close(() => r());
        server.closeAllConnections();
      }),
  };
}

test('`lint` without --check-urls loads no network module (no undici, http, net, tls or dns); with it, undici is loaded', async () => {
  const s = await site();
  const ws = tempWorkspace({ 'post.md': `# Links\n\nSee [the page](${s.base}/ok) and [the docs](https://docs.example.com/guide).\n` });
  try {
    const plain = await runWithHook(['lint', '--format', 'json', 'post.md'], ws.root);
    assert.equal(plain.code, 0, plain.stdout);
    assert.deepEqual(plain.network, [], 'network modules loaded by plain lint');
    assert.deepEqual(plain.undiciChannels, [], 'undici was loaded by plain lint');

    const shown = await runWithHook(['prices', '--json'], ws.root);
    assert.equal(shown.code, 0);
    assert.deepEqual([...shown.network, ...shown.undiciChannels], [], '`prices` (no refresh) loads no network module either');

    // The control: the same detection sees undici when links are checked (the private-address link is allowed
    // here; the other one is skipped), so an empty list above means "not loaded", not "not detected".
    const checked = await runWithHook(['lint', '--check-urls', '--allow-private-urls', '--no-cache', '--format', 'json', 'post.md'], ws.root);
    assert.ok(checked.undiciChannels.includes('undici:request:create'), JSON.stringify(checked));
    assert.ok(checked.network.includes('net'));
  } finally {
    ws.dispose();
    await s.close();
  }
});

test('`lint --check-urls`: JSON diagnostics and SARIF results carry the verdict; dead is a warning, unverified an information', async () => {
  const s = await site();
  const ws = tempWorkspace({
    '.benchpress/config.json': JSON.stringify({ urlCheck: { retries: 0, skipHosts: ['docs.example.com'] } }),
    'post.md': `# Links\n\n[ok](${s.base}/ok) [missing](${s.base}/missing) [blocked](${s.base}/blocked) [error](${s.base}/error) [nowhere](https://no-such-host.invalid/x)\n`,
  });
  try {
    const json = await runWithHook(['lint', '--check-urls', '--allow-private-urls', '--format', 'json', 'post.md'], ws.root);
    assert.equal(json.code, 1, 'a dead link is a warning');
    const [report] = JSON.parse(json.stdout) as { file: string; diagnostics: { code: string; severity: string; message: string; verdict?: string; column: number }[] }[];
    const links = report!.diagnostics.filter((d) => d.code === 'links/broken-url').map((d) => [d.severity, d.verdict, d.message]);
    assert.deepEqual(links, [
      ['warning', 'dead', 'Broken link: 404 Not Found'],
      ['info', 'unverified', 'Could not verify link: 403 Forbidden (the server refused the checker; the page may still open in a browser)'],
      ['info', 'unverified', links[2]![2]],
      ['warning', 'dead', 'Broken link: DNS lookup failed for no-such-host.invalid: no such host (ENOTFOUND)'],
    ]);
    assert.match(links[2]![2] as string, /^Could not verify link: 500 Internal Server Error — failed once since .* UTC; reported as broken if it still fails at a check after .* UTC$/);
    assert.ok(report!.diagnostics.filter((d) => d.code !== 'links/broken-url').every((d) => d.verdict === undefined), 'other diagnostics keep the contract shape');

    const sarif = JSON.parse((await runWithHook(['lint', '--check-urls', '--allow-private-urls', '--format', 'sarif', 'post.md'], ws.root)).stdout);
    const results = sarif.runs[0].results.filter((r: { ruleId: string }) => r.ruleId === 'links/broken-url');
    assert.deepEqual(
      results.map((r: { level: string; properties?: { verdict: string } }) => [r.level, r.properties?.verdict]),
      [
        ['warning', 'dead'],
        ['note', 'unverified'],
        ['note', 'unverified'],
        ['warning', 'dead'],
      ],
    );
  } finally {
    ws.dispose();
    await s.close();
  }
});
