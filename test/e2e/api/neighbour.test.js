// A good neighbour in a real VS Code (extension host API tests; needs `npm run build`): no default keybinding on a
// key VS Code binds, `config.json` files left alone, one outline and one set of link completions in `.md` drafts
// (VS Code's own), Benchpress's where VS Code has none (`.mdx`), and fix-all on save that never inserts sections.
'use strict';
const assert = require('assert');
const fs = require('fs');
const path = require('path');
const vscode = require('vscode');
const { waitFor, sleep, openDoc, workspaceUri, extensionUnderTest, benchpressDiagnostics, closeAll } = require('./util');

const REPO = path.resolve(__dirname, '..', '..', '..');
const jsonc = require(require.resolve('jsonc-parser', { paths: [REPO] }));
const codeOf = (d) => (d.code && typeof d.code === 'object' ? d.code.value : d.code);

async function writeFile(relPath, text) {
  const uri = workspaceUri(relPath);
  await vscode.workspace.fs.writeFile(uri, Buffer.from(text, 'utf8'));
  return uri;
}

/** Key chords in one spelling: modifiers sorted, lower case (`ctrl+alt+f` = `alt+ctrl+f`). */
const normalizeKey = (key) => key.toLowerCase().trim().split(/\s+/).map((chord) => chord.split('+').sort().join('+')).join(' ');

describe('Benchpress as a good neighbour in VS Code', function () {
  this.timeout(60_000);
  afterEach(closeAll);

  it('no Benchpress default keybinding takes a key this VS Code binds, and each needs a focused Markdown/MDX editor', async function () {
    await vscode.commands.executeCommand('workbench.action.openDefaultKeybindingsFile');
    const doc = await waitFor(() => vscode.workspace.textDocuments.find((d) => d.uri.scheme === 'vscode' && /keybindings\.json$/.test(d.uri.path)), { message: 'the default keybindings document' });
    const defaults = jsonc.parse(doc.getText());
    assert.ok(Array.isArray(defaults) && defaults.length > 300, `the default keybindings (${defaults && defaults.length}) look incomplete`);
    // Sanity: the file is this VS Code's (Linux) defaults, with the keys a Markdown extension is tempted by.
    const keysOf = (command) => defaults.filter((k) => k.command === command).map((k) => normalizeKey(k.key));
    assert.ok(keysOf('editor.action.startFindReplaceAction').includes(normalizeKey('ctrl+h')), 'Replace is Ctrl+H here');
    assert.ok(keysOf('markdown.showPreview').includes(normalizeKey('ctrl+shift+v')), 'VS Code previews Markdown with Ctrl+Shift+V');

    const vscodeKeys = new Map();
    for (const k of defaults) if (!String(k.command).replace(/^-/, '').startsWith('benchpress.')) vscodeKeys.set(normalizeKey(k.key), k.command);
    const ours = (extensionUnderTest().packageJSON.contributes.keybindings || []);
    const oursInVsCode = defaults.filter((k) => String(k.command).startsWith('benchpress.'));
    assert.strictEqual(oursInVsCode.length, ours.length, 'the defaults file lists exactly the keybindings the manifest contributes');
    for (const k of oursInVsCode) {
      assert.ok(!vscodeKeys.has(normalizeKey(k.key)), `${k.command} takes ${k.key}, which VS Code binds to ${vscodeKeys.get(normalizeKey(k.key))}`);
      assert.match(k.when || '', /editorTextFocus/, `${k.command} must need a focused editor`);
      assert.match(k.when || '', /editorLangId == markdown/, `${k.command} must need a Markdown editor`);
      assert.match(k.when || '', /mdx/, `${k.command} must work in MDX drafts`);
    }
  });

  it('only .benchpress/config.json is JSON with comments and checked against the schema; another config.json is plain JSON', async function () {
    // VS Code's JSON language server starts on the first JSON document; on a busy machine that alone takes a while.
    this.timeout(150_000);
    const settings = '{\n  "checkUrls": "yes"\n}\n';
    const plain = await writeFile('tool/config.json', settings);
    const ours = await writeFile('site/.benchpress/config.json', settings);
    const plainDoc = await vscode.workspace.openTextDocument(plain);
    const oursDoc = await vscode.workspace.openTextDocument(ours);
    assert.strictEqual(plainDoc.languageId, 'json', 'a config.json outside .benchpress/ keeps VS Code\'s own language');
    assert.strictEqual(oursDoc.languageId, 'jsonc');
    await vscode.window.showTextDocument(plainDoc, { preview: false });
    await vscode.window.showTextDocument(oursDoc, { preview: false });
    const schemaProblem = (uri) => vscode.languages.getDiagnostics(uri).filter((d) => d.source !== 'benchpress' && /boolean/i.test(d.message));
    await waitFor(() => schemaProblem(ours).length > 0, { timeout: 90_000, message: 'the config schema to flag "checkUrls": "yes" in .benchpress/config.json' });
    await sleep(1500);
    assert.deepStrictEqual(schemaProblem(plain).map((d) => d.message), [], 'Benchpress\'s schema was applied to another config.json');
  });

  it('a .md draft has one outline (VS Code\'s) and one set of anchor completions; headings still complete hot keywords', async function () {
    const doc = await openDoc('zh-review.md');
    await waitFor(() => benchpressDiagnostics(doc.uri).length > 0, { message: 'Benchpress to check the draft (the server is running)' });
    const symbols = await waitFor(async () => {
      const s = await vscode.commands.executeCommand('vscode.executeDocumentSymbolProvider', doc.uri);
      return s && s.length ? s : null;
    }, { message: 'document symbols' });
    const titles = symbols.filter((s) => /RTX 4090 深度评测/.test(s.name));
    assert.strictEqual(titles.length, 1, `the title is in the outline ${titles.length} times: ${symbols.map((s) => s.name).join(' | ')}`);

    const editor = vscode.window.activeTextEditor;
    await editor.edit((b) => b.insert(doc.lineAt(doc.lineCount - 1).range.end, '\n见 [规格](#\n\n## run\n'));
    const lineOf = (text) => doc.getText().split(/\r?\n/).lastIndexOf(text);
    const linkAt = new vscode.Position(lineOf('见 [规格](#'), '见 [规格](#'.length);
    const anchors = await vscode.commands.executeCommand('vscode.executeCompletionItemProvider', doc.uri, linkAt);
    const labels = anchors.items.map((i) => (typeof i.label === 'string' ? i.label : i.label.label)).filter((l) => l.startsWith('#'));
    assert.ok(labels.some((l) => l.includes('性能测试')), `VS Code completes the anchors: ${labels.join(', ')}`);
    const duplicates = labels.filter((l, i) => labels.indexOf(l) !== i);
    assert.deepStrictEqual(duplicates, [], 'every anchor is offered once');

    const hot = await vscode.commands.executeCommand('vscode.executeCompletionItemProvider', doc.uri, new vscode.Position(lineOf('## run'), '## run'.length));
    const hotLabels = hot.items.map((i) => (typeof i.label === 'string' ? i.label : i.label.label));
    assert.ok(hotLabels.includes('run pod'), `Benchpress still completes hot keywords in headings: ${hotLabels.slice(0, 20).join(', ')}`);
  });

  it('an .mdx draft gets Benchpress\'s diagnostics, outline and anchor completions, as VS Code has none for it', async function () {
    const text = fs.readFileSync(path.join(__dirname, '..', 'workspace', 'zh-review.md'), 'utf8') + '\n见 [规格](#\n';
    const uri = await writeFile('mdx/review.mdx', text);
    const doc = await vscode.workspace.openTextDocument(uri);
    await vscode.window.showTextDocument(doc);
    const diags = await waitFor(() => {
      const d = benchpressDiagnostics(doc.uri, 'template/missing-section');
      return d.length ? d : null;
    }, { message: 'template/missing-section on the .mdx draft' });
    assert.ok(diags.length);
    const symbols = await waitFor(async () => {
      const s = await vscode.commands.executeCommand('vscode.executeDocumentSymbolProvider', doc.uri);
      return s && s.length ? s : null;
    }, { message: 'document symbols of the .mdx draft' });
    assert.strictEqual(symbols.filter((s) => /RTX 4090 深度评测/.test(s.name)).length, 1);
    const last = doc.lineCount - 2;
    const items = await vscode.commands.executeCommand('vscode.executeCompletionItemProvider', doc.uri, new vscode.Position(last, doc.lineAt(last).text.length));
    const labels = items.items.map((i) => (typeof i.label === 'string' ? i.label : i.label.label));
    assert.ok(labels.includes('#3-性能测试'), `anchors of the .mdx draft: ${labels.slice(0, 20).join(', ')}`);
  });
});

describe('Fix all on save (editor.codeActionsOnSave: source.fixAll.benchpress)', function () {
  this.timeout(60_000);
  const REVIEW = fs.readFileSync(path.join(__dirname, '..', 'workspace', 'zh-review.md'), 'utf8');
  // The review without "4. 成本效益分析", and a contents list that matches: its only problem is the missing section.
  // Its typography is made right too, so fix-all on save has nothing of that kind to do either.
  const ONLY_MISSING_SECTION = REVIEW.replace('3. 性能测试\n4. 成本效益分析\n', '3. 性能测试\n').replace('成本对比与ROI计算', '成本对比与 ROI 计算').replace('| 整卡功耗 (TDP) |', '| 整卡功耗（TDP） |');
  const SECTION = /^#{2,3}\s*(?:4[.、]?\s*)?成本效益分析\s*$/m;

  before(async function () {
    assert.notStrictEqual(ONLY_MISSING_SECTION, REVIEW, 'the sample review changed: update this test');
    await vscode.workspace.getConfiguration('editor', { languageId: 'markdown' }).update('codeActionsOnSave', { 'source.fixAll.benchpress': 'explicit' }, vscode.ConfigurationTarget.Global, true);
  });
  after(async function () {
    await vscode.workspace.getConfiguration('editor', { languageId: 'markdown' }).update('codeActionsOnSave', undefined, vscode.ConfigurationTarget.Global, true);
  });
  afterEach(closeAll);

  /** Opens `text` as a saved draft, waits until its problems are `codes`, makes it dirty without changing it, saves it. */
  async function saveDraft(name, text, codes) {
    const uri = await writeFile(name, text);
    const doc = await vscode.workspace.openTextDocument(uri);
    const editor = await vscode.window.showTextDocument(doc);
    const codesNow = () => benchpressDiagnostics(doc.uri).map(codeOf).sort();
    await waitFor(() => JSON.stringify(codesNow()) === JSON.stringify([...codes].sort()), { message: `exactly ${codes.join(', ')} on ${name} (now: ${codesNow().join(', ')})` }).catch(() => {
      assert.deepStrictEqual(codesNow(), [...codes].sort(), `the problems of ${name} before saving`);
    });
    // Type a character and delete it: the draft is dirty and its text is what it was.
    const end = doc.lineAt(doc.lineCount - 1).range.end;
    await editor.edit((b) => b.insert(end, 'x'));
    await editor.edit((b) => b.delete(new vscode.Range(end, end.translate(0, 1))));
    assert.ok(doc.isDirty);
    await vscode.commands.executeCommand('workbench.action.files.save');
    await waitFor(() => !doc.isDirty, { message: `${name} to be saved` });
    return doc;
  }

  // NEEDS the engine change that makes "insert missing section" an unsafe fix (left out of fix-all): until it is on
  // main this test fails with the section inserted on save.
  it('saving a draft whose only problem is a missing template section changes nothing', async function () {
    const doc = await saveDraft('save-missing-section.md', ONLY_MISSING_SECTION, ['template/missing-section']);
    assert.ok(!SECTION.test(doc.getText()), 'a section heading was inserted on save');
    assert.strictEqual(doc.getText(), ONLY_MISSING_SECTION);
    assert.strictEqual(fs.readFileSync(doc.uri.fsPath, 'utf8'), ONLY_MISSING_SECTION);
  });

  // NEEDS the same engine change (the section must not be inserted); the safe fix proves the save ran fix-all.
  it('saving applies the safe fixes (a duplicate link definition) and still inserts no section', async function () {
    const withDuplicate = ONLY_MISSING_SECTION.replace('## 5. 最佳实践', '见 [官网][nv]。\n\n[nv]: https://www.nvidia.com/\n[nv]: https://www.nvidia.com/\n\n## 5. 最佳实践');
    const doc = await saveDraft('save-duplicate.md', withDuplicate, ['template/missing-section', 'links/duplicate-definition']);
    await waitFor(() => (doc.getText().match(/^\[nv\]: /gm) || []).length === 1, { timeout: 10_000, message: 'the duplicate definition to be removed on save' });
    assert.ok(!SECTION.test(doc.getText()), 'a section heading was inserted on save');
    assert.strictEqual(doc.getText(), withDuplicate.replace('[nv]: https://www.nvidia.com/\n[nv]: https://www.nvidia.com/\n', '[nv]: https://www.nvidia.com/\n'));
  });
});
