// What every command needs: the language client and the extension context. Commands are small functions over it.
import * as vscode from 'vscode';
import type { DocumentSelector, LanguageClient, RequestType } from 'vscode-languageclient/node';
import type { SecretRedactor } from './redact';

export interface Ctx {
  extension: vscode.ExtensionContext;
  client: LanguageClient;
  output: vscode.OutputChannel;
  /** Secrets hidden from the output channel (see redact.ts). */
  redactor: SecretRedactor;
  /** A request to the server, sent once it has started (activation does not wait for the server). */
  request<P, R>(type: RequestType<P, R, void>, params: P, token?: vscode.CancellationToken): Promise<R>;
}

/** Drafts Benchpress works on (the language client's document selector): Markdown, and MDX — by its language id
 *  when an MDX extension gives it one, by its file name otherwise. Local files and unsaved drafts. */
export const DRAFT_SELECTOR: DocumentSelector = [
  { scheme: 'file', language: 'markdown' },
  { scheme: 'untitled', language: 'markdown' },
  { scheme: 'file', language: 'mdx' },
  { scheme: 'untitled', language: 'mdx' },
  { scheme: 'file', pattern: '**/*.mdx' },
];

/** Drafts Benchpress works on: Markdown, and MDX (whatever language an MDX extension gives it). */
export function isDraft(document: vscode.TextDocument): boolean {
  return document.languageId === 'markdown' || document.languageId === 'mdx' || document.fileName.toLowerCase().endsWith('.mdx');
}

/** The active Markdown editor, or a message saying a command needs one. */
export function markdownEditor(commandName: string): vscode.TextEditor | undefined {
  const editor = vscode.window.activeTextEditor;
  if (editor && isDraft(editor.document)) return editor;
  void vscode.window.showInformationMessage(vscode.l10n.t('“{0}” needs an open Markdown draft. Open one and try again.', commandName));
  return undefined;
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
