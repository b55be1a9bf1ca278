// The language server over real LSP stdio, on which drafts it reports and with which settings: the config's
// `ignore` (no diagnostics for an ignored open draft, cleared and restored when the config changes), `overrides`
// (per-folder rules), and multi-root workspaces (each folder with its own `.benchpress/config.json` and its own
// editor settings, asked for with the document's scopeUri; folders added later).
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { rmSync } from 'node:fs';
import { pathToFileURL } from 'node:url';
import { fileUri, LspClient, withServer } from '../support/lsp';
import { tempWorkspace } from '../support/workspace';

/** One `links/undefined-reference` and one `links/unused-definition`. */
const DRAFT = '# Title\n\nSee [x][missing].\n\n[unused]: https://example.com/\n';
type Diagnostic = { code: string; severity: number };
const summary = (diagnostics: Diagnostic[]) => diagnostics.map((d) => `${d.code} ${d.severity}`).sort();

test('ignore: an ignored open draft gets no diagnostics; changing the config restores and clears them', async () => {
  await withServer({ '.benchpress/config.json': JSON.stringify({ ignore: ['generated/**'] }) }, async (client, ws) => {
    const ignored = fileUri(ws.write('generated/api.md', DRAFT));
    const checked = fileUri(ws.write('guide.md', DRAFT));
    assert.deepEqual(await client.open(ignored, DRAFT), []);
    assert.deepEqual(summary(await client.open(checked, DRAFT)), ['links/undefined-reference 2', 'links/unused-definition 2']);
    // Still ignored while it is edited.
    assert.deepEqual(await client.changeAndWait(ignored, [{ text: DRAFT + '\n[y][also-missing]\n' }]), []);
    // Its outline still works: ignoring silences the checks, not the editor.
    const symbols = await client.request('textDocument/documentSymbol', { textDocument: { uri: ignored } });
    assert.equal(symbols[0]?.name, 'Title');

    // The team stops ignoring the folder: the draft's problems appear without a restart.
    const config = ws.write('.benchpress/config.json', JSON.stringify({ ignore: [] }));
    client.notify('workspace/didChangeWatchedFiles', { changes: [{ uri: fileUri(config), type: 2 }] });
    assert.equal((await client.diagnosticsMatching(ignored, (d) => d.length === 3)).length, 3);

    // …and ignores it again (with a folder pattern): they are cleared.
    ws.write('.benchpress/config.json', JSON.stringify({ ignore: ['generated'] }));
    client.notify('workspace/didChangeWatchedFiles', { changes: [{ uri: fileUri(config), type: 2 }] });
    await client.diagnosticsMatching(ignored, (d) => d.length === 0);
    assert.equal(client.published.get(checked)!.diagnostics.length, 2, 'other drafts keep their problems');

    // The same setting from the editor (benchpress.ignore) works too.
    ws.write('.benchpress/config.json', '{}');
    client.settings = { benchpress: { diagnosticsDelayMs: 0, ignore: ['guide.md'] } };
    client.notify('workspace/didChangeConfiguration', { settings: null });
    await client.diagnosticsMatching(checked, (d) => d.length === 0);
    await client.diagnosticsMatching(ignored, (d) => d.length === 3);
  });
});

test('ignore: fix-all changes nothing in an ignored draft', async () => {
  await withServer({ '.benchpress/config.json': JSON.stringify({ ignore: ['generated/**'] }) }, async (client, ws) => {
    const text = '# Title\n\nSee https://example.com for more.\n';
    const uri = fileUri(ws.write('generated/a.md', text));
    assert.deepEqual(await client.open(uri, text), []);
    const actions = await client.request('textDocument/codeAction', { textDocument: { uri }, range: { start: { line: 0, character: 0 }, end: { line: 3, character: 0 } }, context: { diagnostics: [], only: ['source.fixAll'] } });
    assert.deepEqual(actions, []);
  });
});

test('overrides: drafts in a folder get its rule settings; later entries win', async () => {
  const config = {
    rules: { 'links/undefined-reference': 'error' },
    overrides: [
      { files: ['docs/reference/**'], rules: { links: 'off' } },
      { files: ['docs/reference/api/**'], rules: { 'links/unused-definition': 'hint' } },
    ],
  };
  await withServer({ '.benchpress/config.json': JSON.stringify(config) }, async (client, ws) => {
    const open = (rel: string) => client.open(fileUri(ws.write(rel, DRAFT)), DRAFT);
    assert.deepEqual(summary(await open('docs/guide.md')), ['links/undefined-reference 1', 'links/unused-definition 2']);
    assert.deepEqual(summary(await open('docs/reference/cli.md')), []);
    assert.deepEqual(summary(await open('docs/reference/api/schema.md')), ['links/unused-definition 4']);
  });
});

test('multi-root: each folder is checked with its own .benchpress/config.json and its own editor settings (scopeUri)', async () => {
  const ws = tempWorkspace({
    'blog/.benchpress/config.json': JSON.stringify({ rules: { 'links/undefined-reference': 'error' } }),
    'docs/.benchpress/config.json': JSON.stringify({ rules: { links: 'off' }, overrides: [{ files: ['api/**'], rules: { 'links/unused-definition': 'info' } }] }),
    'plain/readme-folder.txt': 'no .benchpress here',
  });
  // Three separate folders: nothing above them is a workspace root.
  rmSync(ws.file('.benchpress'), { recursive: true });
  const folders = [ws.file('blog'), ws.file('docs'), ws.file('plain')];
  const client = await LspClient.start(ws.root, { folders });
  try {
    const blogUri = pathToFileURL(ws.file('blog')).href;
    const plainUri = pathToFileURL(ws.file('plain')).href;
    // Folder settings: the blog turns unused definitions into hints; the plain folder ignores its drafts/ folder.
    client.scopedSettings = (scopeUri) =>
      scopeUri.startsWith(blogUri + '/') || scopeUri === blogUri
        ? { diagnosticsDelayMs: 0, rules: { 'links/unused-definition': 'hint' } }
        : scopeUri.startsWith(plainUri + '/') || scopeUri === plainUri
          ? { diagnosticsDelayMs: 0, ignore: ['drafts/**'] }
          : undefined;
    client.notify('workspace/didChangeConfiguration', { settings: null });
    const open = (rel: string) => client.open(fileUri(ws.write(rel, DRAFT)), DRAFT);

    const blog = await open('blog/post.md');
    const docs = await open('docs/page.md');
    const docsApi = await open('docs/api/ref.md');
    const plain = await open('plain/note.md');
    const plainDraft = await open('plain/drafts/wip.md');
    // blog: its file makes undefined references errors, its folder settings make unused definitions hints.
    assert.deepEqual(summary(blog), ['links/undefined-reference 1', 'links/unused-definition 4']);
    // docs: its file turns links off, with an override for api/ (globs relative to the docs folder's root).
    assert.deepEqual(summary(docs), []);
    assert.deepEqual(summary(docsApi), ['links/unused-definition 3']);
    // plain (no .benchpress, no .git): defaults, and its folder's `ignore` (relative to the folder) silences drafts/.
    assert.deepEqual(summary(plain), ['links/undefined-reference 2', 'links/unused-definition 2']);
    assert.deepEqual(plainDraft, []);

    // The server asked with each document's scopeUri.
    const scopes = client.configurationItems.map((i) => i.scopeUri).filter(Boolean);
    for (const rel of ['blog/post.md', 'docs/page.md', 'plain/note.md']) assert.ok(scopes.includes(fileUri(ws.file(rel))), `asked for ${rel}: ${scopes.join(', ')}`);
  } finally {
    const code = await client.stop();
    ws.dispose();
    assert.equal(code, 0, client.stderr.join(''));
  }
});

test('multi-root: a folder added later gets its config read (and its problems published)', async () => {
  const ws = tempWorkspace({
    'one/.benchpress/config.json': '{}',
    'two/.benchpress/config.json': '{ "ignore": ["../elsewhere/**"], "rules": { "links": "off" } }',
  });
  const client = await LspClient.start(ws.root, { folders: [ws.file('one')] });
  try {
    const configUri = fileUri(ws.file('two/.benchpress/config.json'));
    const published = client.diagnostics(configUri);
    client.notify('workspace/didChangeWorkspaceFolders', { event: { added: [{ uri: pathToFileURL(ws.file('two')).href, name: 'two' }], removed: [] } });
    const problems = (await published).diagnostics;
    assert.deepEqual(problems.map((d: { code: string; message: string }) => [d.code, d.message]), [
      ['config/invalid', '"ignore": the pattern "../elsewhere/**" leaves the workspace root (".."); it is left out.'],
    ]);
    assert.deepEqual(await client.open(fileUri(ws.write('two/a.md', DRAFT)), DRAFT), []);
    assert.equal((await client.open(fileUri(ws.write('one/a.md', DRAFT)), DRAFT)).length, 2);
  } finally {
    const code = await client.stop();
    ws.dispose();
    assert.equal(code, 0, client.stderr.join(''));
  }
});
