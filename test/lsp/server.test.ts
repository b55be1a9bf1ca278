// The language server over real JSON-RPC on stdio: what an editor sees.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { applyTextEdits, fileUri, withServer } from '../support/lsp';
import { ZH_REVIEW_COMPLETE, ZH_REVIEW_MISSING_COST } from '../support/drafts';

const codesOf = (diagnostics: { code: string }[]) => diagnostics.map((d) => d.code);

test('opening a draft publishes benchpress diagnostics for that version, with the rule id as code', async () => {
  await withServer({}, async (client, ws) => {
    const uri = fileUri(ws.write('review.md', ZH_REVIEW_MISSING_COST));
    const diagnostics = await client.open(uri, ZH_REVIEW_MISSING_COST);
    const missing = diagnostics.find((d) => d.code === 'template/missing-section');
    assert.ok(missing, JSON.stringify(diagnostics));
    assert.equal(missing.source, 'benchpress');
    assert.equal(missing.severity, 2);
    assert.equal(missing.range.start.line, 4);
    assert.match(missing.message, /成本效益分析/);
    assert.ok(missing.codeDescription.href.includes('template-missing-section'));
  });
});

test('messages follow the editor language', async () => {
  await withServer({}, async (client, ws) => {
    const uri = fileUri(ws.write('review.md', ZH_REVIEW_MISSING_COST));
    const diagnostics = await client.open(uri, ZH_REVIEW_MISSING_COST);
    assert.match(diagnostics.find((d) => d.code === 'template/missing-section').message, /^缺少“成本效益分析”小节/);
  }, { locale: 'zh-cn', settings: { benchpress: { diagnosticsDelayMs: 0 } } });
});

test('the quick fix inserts the missing section; after applying it the finding is gone', async () => {
  await withServer({}, async (client, ws) => {
    const uri = fileUri(ws.write('review.md', ZH_REVIEW_MISSING_COST));
    const diagnostics = await client.open(uri, ZH_REVIEW_MISSING_COST);
    const missing = diagnostics.find((d) => d.code === 'template/missing-section');
    const actions = await client.request('textDocument/codeAction', { textDocument: { uri }, range: missing.range, context: { diagnostics: [missing], only: ['quickfix'] } });
    const insert = actions.find((a: { title: string }) => a.title.includes('成本效益分析'));
    assert.ok(insert, JSON.stringify(actions));
    const change = insert.edit.documentChanges[0];
    assert.equal(change.textDocument.version, 1, 'the edit is for the version the diagnostics were computed on');
    const fixed = applyTextEdits(ZH_REVIEW_MISSING_COST, change.edits);
    assert.ok(fixed.indexOf('## 4. 成本效益分析') > fixed.indexOf('## 3. 性能测试'));
    assert.ok(fixed.indexOf('## 4. 成本效益分析') < fixed.indexOf('## 4. 最佳实践'));
    const after = await client.changeAndWait(uri, [{ text: fixed }]);
    assert.ok(!codesOf(after).includes('template/missing-section'), JSON.stringify(after));
  });
});

test('source.fixAll.benchpress applies every safe fix at once', async () => {
  const text = ZH_REVIEW_MISSING_COST.replace('值得购买。', '值得购买。\n\n[a]: https://a.example\n[a]: https://a.example\n\n见 [官网][a]。');
  await withServer({}, async (client, ws) => {
    const uri = fileUri(ws.write('review.md', text));
    await client.open(uri, text);
    const actions = await client.request('textDocument/codeAction', { textDocument: { uri }, range: { start: { line: 0, character: 0 }, end: { line: 0, character: 0 } }, context: { diagnostics: [], only: ['source.fixAll.benchpress'] } });
    assert.equal(actions.length, 1);
    assert.equal(actions[0].kind, 'source.fixAll.benchpress');
    const fixed = applyTextEdits(text, actions[0].edit.documentChanges[0].edits);
    assert.equal(fixed.match(/\[a\]: https:\/\/a\.example/g)?.length, 1);
    // Fix-all keeps the writer's words: a missing section is offered as a quick fix, never inserted by fix-all.
    assert.ok(!fixed.includes('成本效益分析'));
    const lines = text.split('\n').length;
    const quick = await client.request('textDocument/codeAction', { textDocument: { uri }, range: { start: { line: 0, character: 0 }, end: { line: lines, character: 0 } }, context: { diagnostics: [], only: ['quickfix'] } });
    assert.ok(quick.some((a: { title: string }) => /插入小节“成本效益分析”/.test(a.title)), JSON.stringify(quick.map((a: { title: string }) => a.title)));
  });
});

test('while typing, only the latest version is published, and an edit to one section gives fresh results', async () => {
  await withServer({}, async (client, ws) => {
    const uri = fileUri(ws.write('review.md', ZH_REVIEW_COMPLETE));
    assert.deepEqual(await client.open(uri, ZH_REVIEW_COMPLETE), []);
    // Rapid edits with a 300 ms pause setting: intermediate versions are never published.
    client.notify('workspace/didChangeConfiguration', { settings: null });
    client.settings = { benchpress: { diagnosticsDelayMs: 300 } };
    client.notify('workspace/didChangeConfiguration', { settings: null });
    await new Promise((r) => setTimeout(r, 300));
    const line = ZH_REVIEW_COMPLETE.split('\n').findIndex((l) => l.startsWith('RTX 4090 是'));
    const published: number[] = [];
    const start = client.published.get(uri)?.version;
    let version = 0;
    for (let i = 0; i < 5; i++) version = client.change(uri, [{ range: { start: { line, character: 0 }, end: { line, character: 0 } }, text: `[x${i}][nope] ` }]);
    const last = await client.diagnostics(uri, version);
    published.push(client.published.get(uri)!.version!);
    assert.notEqual(start, version);
    assert.equal(last.version, version);
    assert.equal(last.diagnostics.filter((d) => d.code === 'links/undefined-reference').length, 5, 'all five edits are in the published result');
  });
});

test('settings and .benchpress/ changes take effect without a restart', async () => {
  await withServer({}, async (client, ws) => {
    const text = '# T\n\nSee [x][nope].\n';
    const uri = fileUri(ws.write('a.md', text));
    assert.deepEqual(codesOf(await client.open(uri, text)), ['links/undefined-reference']);
    // Editor settings turn the rule off…
    client.settings = { benchpress: { diagnosticsDelayMs: 0, rules: { 'links/undefined-reference': 'off' } } };
    client.notify('workspace/didChangeConfiguration', { settings: null });
    assert.deepEqual(codesOf(await client.diagnosticsMatching(uri, (d) => d.length === 0)), []);
    // …and the workspace file turns it back on as an error (the file wins).
    const configPath = ws.write('.benchpress/config.json', '{ "rules": { "links/undefined-reference": "error" } }');
    client.notify('workspace/didChangeWatchedFiles', { changes: [{ uri: fileUri(configPath), type: 1 }] });
    const diagnostics = await client.diagnosticsMatching(uri, (d) => d.length > 0);
    assert.deepEqual(codesOf(diagnostics), ['links/undefined-reference']);
    assert.equal(diagnostics[0].severity, 1);
  });
});

test('a broken config file gets a diagnostic on the file and the drafts are still checked', async () => {
  await withServer({ '.benchpress/config.json': '{ "template": 42, "bogus": true }' }, async (client, ws) => {
    const configUri = fileUri(ws.file('.benchpress/config.json'));
    const configDiagnostics = client.diagnostics(configUri);
    const text = '# T\n\n[x][nope]\n';
    const uri = fileUri(ws.write('a.md', text));
    assert.deepEqual(codesOf(await client.open(uri, text)), ['links/undefined-reference']);
    const messages = (await configDiagnostics).diagnostics.map((d) => d.message).sort();
    assert.deepEqual(messages, ['"template": expected a non-empty string; using "auto".', 'Unknown setting "bogus".']);
  });
});

test('outline, hover on a reference, completion of reference ids and anchors', async () => {
  const text = '# 标题\n\n## 安装 Docker\n\n### 子节\n\n见 [文档][docs] 和 [安装](#)。\n\n[docs]: https://docs.docker.com/\n';
  await withServer({}, async (client, ws) => {
    const uri = fileUri(ws.write('a.md', text));
    await client.open(uri, text);
    const symbols = await client.request('textDocument/documentSymbol', { textDocument: { uri } });
    assert.equal(symbols[0].name, '标题');
    assert.equal(symbols[0].children[0].name, '安装 Docker');
    assert.equal(symbols[0].children[0].children[0].name, '子节');
    const hover = await client.request('textDocument/hover', { textDocument: { uri }, position: { line: 6, character: 5 } });
    assert.match(hover.contents.value, /https:\/\/docs\.docker\.com\//);
    const line6 = text.split('\n')[6];
    const ids = await client.request('textDocument/completion', { textDocument: { uri }, position: { line: 6, character: line6.indexOf('][docs]') + 2 } });
    assert.deepEqual(ids.map((i: { label: string }) => i.label), ['docs']);
    const anchors = await client.request('textDocument/completion', { textDocument: { uri }, position: { line: 6, character: line6.indexOf('(#') + 2 } });
    assert.deepEqual(anchors.map((i: { label: string }) => i.label), ['#标题', '#安装-docker', '#子节']);
  });
});

test('renaming a heading updates diagnostics in open drafts that link to it', async () => {
  const target = '# Target\n\n## Install\n\nText.\n';
  const source = '# Source\n\nSee [install](target.md#install).\n';
  await withServer({}, async (client, ws) => {
    const targetUri = fileUri(ws.write('target.md', target));
    const sourceUri = fileUri(ws.write('source.md', source));
    await client.open(targetUri, target);
    assert.deepEqual(codesOf(await client.open(sourceUri, source)), []);
    await client.changeAndWait(targetUri, [{ text: target.replace('## Install', '## Installation') }]);
    const diagnostics = await client.diagnosticsMatching(sourceUri, (d) => d.length > 0);
    assert.deepEqual(codesOf(diagnostics), ['links/missing-anchor']);
    assert.match(diagnostics[0].message, /did you mean #installation/);
  });
});

test('the server works with defaults when the client answers nothing for settings', async () => {
  await withServer({}, async (client, ws) => {
    const uri = fileUri(ws.write('review.md', ZH_REVIEW_MISSING_COST));
    assert.ok(codesOf(await client.open(uri, ZH_REVIEW_MISSING_COST)).includes('template/missing-section'));
  }, { settings: {} });
});

test('a missing image is reported until the file appears', async () => {
  await withServer({}, async (client, ws) => {
    const text = '# T\n\n![arch](images/arch.png)\n';
    const uri = fileUri(ws.write('a.md', text));
    assert.deepEqual(codesOf(await client.open(uri, text)), ['links/missing-file']);
    const image = ws.write('images/arch.png', 'png');
    client.notify('workspace/didChangeWatchedFiles', { changes: [{ uri: fileUri(image), type: 1 }] });
    assert.deepEqual(codesOf(await client.diagnosticsMatching(uri, (d) => d.length === 0)), []);
  });
});
