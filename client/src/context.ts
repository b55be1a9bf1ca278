// What every command needs: the language client and the extension context. Commands are small functions over it.
import * as vscode from 'vscode';
import type { LanguageClient } from 'vscode-languageclient/node';

export interface Ctx {
  extension: vscode.ExtensionContext;
  client: LanguageClient;
  output: vscode.OutputChannel;
  /** A request to the server, sent once it has started (activation does not wait for the server). */
  request<R>(method: string, params: unknown, token?: vscode.CancellationToken): Promise<R>;
}

/** The active Markdown editor, or a message saying a command needs one. */
export function markdownEditor(commandName: string): vscode.TextEditor | undefined {
  const editor = vscode.window.activeTextEditor;
  if (editor && (editor.document.languageId === 'markdown' || editor.document.fileName.toLowerCase().endsWith('.mdx'))) return editor;
  void vscode.window.showInformationMessage(vscode.l10n.t('“{0}” needs an open Markdown draft. Open one and try again.', commandName));
  return undefined;
}

/** The draft's language for inserted text: Chinese when Han characters are a fair share of its text. */
export function draftLanguage(document: vscode.TextDocument): 'zh-cn' | 'en' {
  const sample = document.getText().slice(0, 20000);
  const han = (sample.match(/\p{Script=Han}/gu) ?? []).length;
  const latin = (sample.match(/[A-Za-z]/g) ?? []).length;
  if (han === 0 && latin === 0) return vscode.env.language.toLowerCase().startsWith('zh') ? 'zh-cn' : 'en';
  return han * 4 >= latin ? 'zh-cn' : 'en';
}

/** Applies server-computed edits only if the document has not changed since they were computed. */
export async function applyVersionedEdits(editor: vscode.TextEditor, version: number, edits: { range: { start: { line: number; character: number }; end: { line: number; character: number } }; newText: string }[]): Promise<boolean> {
  if (editor.document.version !== version) {
    void vscode.window.showWarningMessage(vscode.l10n.t('The draft changed while Benchpress was working; nothing was changed. Try again.'));
    return false;
  }
  if (edits.length === 0) return true;
  const workspaceEdit = new vscode.WorkspaceEdit();
  for (const e of edits) workspaceEdit.replace(editor.document.uri, new vscode.Range(e.range.start.line, e.range.start.character, e.range.end.line, e.range.end.character), e.newText);
  return vscode.workspace.applyEdit(workspaceEdit);
}
