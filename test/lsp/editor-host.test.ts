// What the VS Code client tells the server about itself (`initializationOptions`), and what changes with it:
// a good neighbour to VS Code's own Markdown support (one outline, one set of link completions), and no network
// in an untrusted workspace (Restricted Mode), whatever `.benchpress/config.json` says.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { withServer, fileUri, type LspClient } from '../support/lsp';

const VSCODE = { builtinMarkdownLanguages: ['markdown'] };
const DRAFT = '# 标题\n\n## 安装 Docker\n\n见 [文档][docs] 和 [安装](#)。\n\n## run\n\n[docs]: https://docs.docker.com/\n';
const LINK_LINE = 4;
const HEADING_LINE = 6;
const linkAt = (text: string) => ({ line: LINK_LINE, character: text.split('\n')[LINK_LINE].indexOf('(#') + 2 });
const labels = (items: { label: string }[] | null) => (items ?? []).map((i) => i.label);

async function registration(client: LspClient, method: string) {
  const until = Date.now() + 10_000;
  for (;;) {
    const found = client.registrations.find((r) => r.method === method);
    if (found) return found;
    if (Date.now() > until) throw new Error(`no ${method} registration; got ${JSON.stringify(client.registrations)}`);
    await new Promise((r) => setTimeout(r, 50));
  }
}

test('beside VS Code: the outline of a .md draft is left to VS Code, and registered for .mdx drafts only', async () => {
  await withServer({}, async (client, ws) => {
    assert.equal(client.initializeResult.capabilities.documentSymbolProvider, undefined, 'no outline provider for every draft');
    const symbols = await registration(client, 'textDocument/documentSymbol');
    assert.deepEqual(symbols.registerOptions.documentSelector, [{ language: 'mdx' }, { pattern: '**/*.mdx' }]);
    const md = fileUri(ws.write('a.md', DRAFT));
    await client.open(md, DRAFT);
    assert.equal(await client.request('textDocument/documentSymbol', { textDocument: { uri: md } }), null);
    const mdx = fileUri(ws.write('b.mdx', DRAFT));
    await client.open(mdx, DRAFT, 'mdx');
    const outline = await client.request('textDocument/documentSymbol', { textDocument: { uri: mdx } });
    assert.equal(outline[0].name, '标题');
    assert.deepEqual(outline[0].children.map((s: { name: string }) => s.name), ['安装 Docker', 'run']);
  }, { initializationOptions: VSCODE, dynamicRegistration: true });
});

test('beside VS Code: anchors and reference ids complete only in .mdx drafts; hot keywords in headings everywhere', async () => {
  await withServer({}, async (client, ws) => {
    const md = fileUri(ws.write('a.md', DRAFT));
    await client.open(md, DRAFT);
    assert.deepEqual(labels(await client.request('textDocument/completion', { textDocument: { uri: md }, position: linkAt(DRAFT) })), []);
    const refAt = { line: LINK_LINE, character: DRAFT.split('\n')[LINK_LINE].indexOf('][docs]') + 2 };
    assert.deepEqual(labels(await client.request('textDocument/completion', { textDocument: { uri: md }, position: refAt })), []);
    const hot = labels(await client.request('textDocument/completion', { textDocument: { uri: md }, position: { line: HEADING_LINE, character: 6 } }));
    assert.ok(hot.includes('run pod') && hot.includes('runpod pricing'), JSON.stringify(hot));

    const mdx = fileUri(ws.write('b.mdx', DRAFT));
    await client.open(mdx, DRAFT, 'mdx');
    assert.deepEqual(labels(await client.request('textDocument/completion', { textDocument: { uri: mdx }, position: linkAt(DRAFT) })), ['#标题', '#安装-docker', '#run']);
    assert.deepEqual(labels(await client.request('textDocument/completion', { textDocument: { uri: mdx }, position: refAt })), ['docs']);
  }, { initializationOptions: VSCODE, dynamicRegistration: true });
});

test('a client that cannot register later keeps one outline provider, which stays quiet for its own Markdown', async () => {
  await withServer({}, async (client, ws) => {
    assert.equal(client.initializeResult.capabilities.documentSymbolProvider, true);
    const md = fileUri(ws.write('a.md', DRAFT));
    await client.open(md, DRAFT);
    assert.equal(await client.request('textDocument/documentSymbol', { textDocument: { uri: md } }), null);
    const mdx = fileUri(ws.write('b.mdx', DRAFT));
    await client.open(mdx, DRAFT, 'mdx');
    assert.equal((await client.request('textDocument/documentSymbol', { textDocument: { uri: mdx } }))[0].name, '标题');
  }, { initializationOptions: VSCODE });
});

test('another editor (no initialization options) gets the outline and link completions for .md drafts', async () => {
  await withServer({}, async (client, ws) => {
    assert.equal(client.initializeResult.capabilities.documentSymbolProvider, true);
    const md = fileUri(ws.write('a.md', DRAFT));
    await client.open(md, DRAFT);
    assert.equal((await client.request('textDocument/documentSymbol', { textDocument: { uri: md } }))[0].name, '标题');
    assert.deepEqual(labels(await client.request('textDocument/completion', { textDocument: { uri: md }, position: linkAt(DRAFT) })), ['#标题', '#安装-docker', '#run']);
  });
});

/** A local web server that counts the requests it gets. */
async function countingServer(): Promise<{ url: string; hits: () => number; close: () => Promise<void> }> {
  let hits = 0;
  const server = http.createServer((_req, res) => {
    hits++;
    res.writeHead(200, { 'content-type': 'text/html' });
    res.end('<html><body>ok</body></html>');
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return { url: `http://127.0.0.1:${port}/page`, hits: () => hits, close: () => new Promise((resolve) => server.close(() => resolve())) };
}

async function linkCheckHits(workspaceTrusted: boolean, waitMs: number): Promise<number> {
  const site = await countingServer();
  try {
    // A workspace whose config turns link checks on, for private addresses too, while typing and on save.
    const config = JSON.stringify({ checkUrls: true, allowPrivateUrls: true, urlCheck: { checkOnSave: true, retries: 0 } });
    const text = `# T\n\nSee [the page](${site.url}).\n`;
    await withServer({ '.benchpress/config.json': config }, async (client, ws) => {
      const uri = fileUri(ws.write('a.md', text));
      await client.open(uri, text);
      client.notify('textDocument/didSave', { textDocument: { uri } });
      const until = Date.now() + waitMs;
      while (site.hits() === 0 && Date.now() < until) await new Promise((r) => setTimeout(r, 100));
    }, { initializationOptions: { ...VSCODE, workspaceTrusted } });
    return site.hits();
  } finally {
    await site.close();
  }
}

test('in a trusted workspace, .benchpress/config.json can turn on link checks while typing (the control case)', async () => {
  assert.ok((await linkCheckHits(true, 15_000)) > 0, 'the server fetched the link');
});

test('in an untrusted workspace (Restricted Mode) nothing is fetched, whatever .benchpress/config.json says', async () => {
  assert.equal(await linkCheckHits(false, 3_000), 0);
});
