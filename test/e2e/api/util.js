// Helpers for the API tests that run inside the real extension host (see index.js).
'use strict';
const vscode = require('vscode');

const sleep = (ms) => new Promise((r) => setTimeout(r, ms));

/** Polls fn() every `interval` ms until it returns a truthy value; throws `message` after `timeout` ms. */
async function waitFor(fn, { timeout = 20_000, interval = 200, message = 'condition' } = {}) {
  const until = Date.now() + timeout;
  let last;
  for (;;) {
    last = await fn();
    if (last) return last;
    if (Date.now() > until) throw new Error(`timed out after ${timeout / 1000} s waiting for ${message}`);
    await sleep(interval);
  }
}

/** URI of a file in the (temporary copy of the) sample workspace. */
function workspaceUri(relPath) {
  const folder = vscode.workspace.workspaceFolders && vscode.workspace.workspaceFolders[0];
  if (!folder) throw new Error('no workspace folder is open');
  return vscode.Uri.joinPath(folder.uri, ...relPath.split('/'));
}

/** Opens a workspace file in an editor (which fires onLanguage:markdown activation). */
async function openDoc(relPath) {
  const doc = await vscode.workspace.openTextDocument(workspaceUri(relPath));
  await vscode.window.showTextDocument(doc);
  return doc;
}

/** The extension under test (id from run.mjs), or undefined. */
function extensionUnderTest() {
  const id = process.env.BENCHPRESS_E2E_EXTENSION_ID || 'benchpress.benchpress';
  return vscode.extensions.getExtension(id);
}

/** Diagnostics of `uri` from Benchpress, optionally only those with rule id `code`. */
function benchpressDiagnostics(uri, code) {
  const codeOf = (d) => (d.code && typeof d.code === 'object' ? d.code.value : d.code);
  return vscode.languages.getDiagnostics(uri).filter((d) => d.source === 'benchpress' && (code === undefined || codeOf(d) === code));
}

/** Reverts and closes every editor, so one test's edits never leak into the next. */
async function closeAll() {
  await vscode.commands.executeCommand('workbench.action.files.revert').then(undefined, () => {});
  await vscode.commands.executeCommand('workbench.action.closeAllEditors');
}

module.exports = { sleep, waitFor, workspaceUri, openDoc, extensionUnderTest, benchpressDiagnostics, closeAll };
