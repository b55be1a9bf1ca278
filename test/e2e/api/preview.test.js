// API test of the preview panel inside the real VS Code extension host (needs `npm run build`): the command
// `benchpress.showPreview` on a Markdown draft opens a webview tab beside it, titled with the file name.
'use strict';
const assert = require('assert');
const vscode = require('vscode');
const { waitFor, openDoc, closeAll } = require('./util');

const DRAFT = 'zh-review.md';

/** Webview tabs in every editor group. */
function webviewTabs() {
  const tabs = [];
  for (const group of vscode.window.tabGroups.all) {
    for (const tab of group.tabs) if (tab.input instanceof vscode.TabInputWebview) tabs.push({ tab, group });
  }
  return tabs;
}

describe('Benchpress preview', function () {
  this.timeout(40_000);

  afterEach(closeAll);

  it('benchpress.showPreview opens a webview beside the draft, titled with its file name', async function () {
    const doc = await openDoc(DRAFT);
    const editorColumn = vscode.window.activeTextEditor && vscode.window.activeTextEditor.viewColumn;
    const commands = await waitFor(async () => {
      const all = await vscode.commands.getCommands(true);
      return all.includes('benchpress.showPreview') ? all : null;
    }, { timeout: 20_000, message: 'benchpress.showPreview to be registered' });
    assert.ok(commands);

    await vscode.commands.executeCommand('benchpress.showPreview');
    const found = await waitFor(() => webviewTabs().find(({ tab }) => tab.label.includes(DRAFT)), {
      timeout: 15_000,
      message: `a webview tab whose title contains ${DRAFT} (tabs: ${vscode.window.tabGroups.all.flatMap((g) => g.tabs.map((t) => t.label)).join(', ')})`,
    });
    assert.ok(/preview/i.test(found.tab.input.viewType), `unexpected view type ${found.tab.input.viewType}`);
    // Beside the editor: another column than the draft's, and the draft is still open.
    if (editorColumn !== undefined) assert.notStrictEqual(found.group.viewColumn, editorColumn, 'the preview opened over the draft instead of beside it');
    assert.ok(vscode.window.visibleTextEditors.some((e) => e.document.uri.toString() === doc.uri.toString()), 'the draft is still visible');

    // Running the command again reuses the panel rather than opening a second one.
    await vscode.commands.executeCommand('benchpress.showPreview');
    await new Promise((r) => setTimeout(r, 500));
    assert.strictEqual(webviewTabs().filter(({ tab }) => tab.label.includes(DRAFT)).length, 1);
  });
});
