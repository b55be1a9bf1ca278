// Checking external links from the editor: a real local HTTP server, the server's progress notifications,
// diagnostics on the exact link ranges, and the private-address refusal.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { LspClient, fileUri } from '../support/lsp';
import { tempWorkspace } from '../support/workspace';

async function site() {
  const server = http.createServer((req, res) => {
    if (req.url === '/ok') res.writeHead(200, { 'content-type': 'text/html' }).end('<h1 id="install">Install</h1>');
    else if (req.url === '/moved') res.writeHead(301, { location: '/ok' }).end();
    else res.writeHead(404).end('not found');
  });
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  return { base: `http://127.0.0.1:${(server.address() as AddressInfo).port}`, close: () => new Promise<void>((r) => server.close(() => r())) };
}

test('Check Links reports broken and moved links on their ranges, with progress; private addresses need the setting', async () => {
  const s = await site();
  const draft = `# Links\n\n[ok](${s.base}/ok#install) [gone](${s.base}/gone) [moved](${s.base}/moved) [anchor](${s.base}/ok#nope)\n`;
  const ws = tempWorkspace();
  const client = await LspClient.start(ws.root);
  try {
    const uri = fileUri(ws.write('a.md', draft));
    await client.open(uri, draft);
    // Without allowPrivateUrls, 127.0.0.1 is not fetched.
    const refused = await client.request('benchpress/checkLinks', { uri, progressId: 'p1' }, 30000);
    assert.equal(refused.broken, 0);
    assert.deepEqual({ alive: refused.alive, dead: refused.dead, unverified: refused.unverified }, { alive: 0, dead: 0, unverified: 4 }, 'not fetched: could not be verified');
    const info = (await client.diagnosticsMatching(uri, (d) => d.some((x) => x.code === 'links/broken-url'))).filter((d) => d.code === 'links/broken-url');
    assert.equal(info.length, 4);
    assert.ok(info.every((d) => d.severity === 3 && /private/i.test(d.message)), JSON.stringify(info));

    client.settings = { benchpress: { diagnosticsDelayMs: 0, allowPrivateUrls: true } };
    client.notify('workspace/didChangeConfiguration', { settings: null });
    await client.diagnostics(uri);
    const result = await client.request('benchpress/checkLinks', { uri, progressId: 'p2' }, 30000);
    assert.deepEqual({ checked: result.checked, broken: result.broken, redirected: result.redirected }, { checked: 4, broken: 2, redirected: 1 });
    assert.deepEqual({ alive: result.alive, dead: result.dead, unverified: result.unverified }, { alive: 2, dead: 2, unverified: 0 });
    const published = await client.diagnosticsMatching(uri, (d) => d.some((x) => x.code === 'links/redirect'));
    const byCode = (code: string) => published.filter((d) => d.code === code);
    const broken = byCode('links/broken-url');
    assert.equal(broken.length, 2);
    const line = draft.split('\n')[2];
    const gone = broken.find((d) => /404/.test(d.message))!;
    assert.equal(gone.range.start.character, line.indexOf(`${s.base}/gone`));
    assert.ok(broken.some((d) => /#nope/.test(d.message)), 'the missing anchor on the target page is reported');
    const redirect = byCode('links/redirect');
    assert.equal(redirect.length, 1);
    assert.equal(redirect[0].severity, 4);
    const progress = client.notifications.filter((n) => n.method === 'benchpress/progress' && n.params.progressId === 'p2');
    assert.deepEqual(progress.map((n) => n.params.total), [4, 4, 4, 4]);
    assert.equal(progress[progress.length - 1].params.done, 4);
  } finally {
    assert.equal(await client.stop(), 0);
    ws.dispose();
    await s.close();
  }
});

test('Check Links: a site that refuses automated clients is “could not verify” (information), counted as unverified', async () => {
  const server = http.createServer((req, res) => {
    if (req.url === '/blocked') res.writeHead(403).end('bots not welcome');
    else res.writeHead(404).end('not found');
  });
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  const base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  const draft = `# Links\n\n[blocked](${base}/blocked) [gone](${base}/gone)\n`;
  const ws = tempWorkspace();
  const client = await LspClient.start(ws.root);
  try {
    client.settings = { benchpress: { diagnosticsDelayMs: 0, allowPrivateUrls: true } };
    const uri = fileUri(ws.write('a.md', draft));
    await client.open(uri, draft);
    const result = await client.request('benchpress/checkLinks', { uri }, 30000);
    assert.deepEqual({ checked: result.checked, alive: result.alive, dead: result.dead, unverified: result.unverified }, { checked: 2, alive: 0, dead: 1, unverified: 1 });
    const published = (await client.diagnosticsMatching(uri, (d) => d.filter((x) => x.code === 'links/broken-url').length === 2)).filter((d) => d.code === 'links/broken-url');
    const blocked = published.find((d) => /403/.test(d.message))!;
    assert.equal(blocked.severity, 3, 'information');
    assert.equal(blocked.message, 'Could not verify link: 403 Forbidden (the server refused the checker; the page may still open in a browser)');
    const gone = published.find((d) => /404/.test(d.message))!;
    assert.equal(gone.severity, 2, 'warning');
    assert.equal(gone.message, 'Broken link: 404 Not Found');
  } finally {
    assert.equal(await client.stop(), 0);
    ws.dispose();
    await new Promise<void>((r) => server.close(() => r()));
  }
});
