// The status-bar item: the template the active draft follows and its problem count; a click opens the preview.
import * as vscode from 'vscode';
import { ClientCommands, type DocumentStatus } from '../../server/src/protocol';
import { isDraft } from './context';

export class StatusBar implements vscode.Disposable {
  private readonly item = vscode.window.createStatusBarItem('benchpress.status', vscode.StatusBarAlignment.Right, 100);
  private readonly statuses = new Map<string, DocumentStatus>();
  private readonly subscriptions: vscode.Disposable[] = [];

  constructor() {
    this.item.name = 'Benchpress';
    this.item.command = ClientCommands.showPreview;
    this.subscriptions.push(vscode.window.onDidChangeActiveTextEditor(() => this.render()));
    this.render();
  }

  update(status: DocumentStatus): void {
    this.statuses.set(status.uri, status);
    if (vscode.window.activeTextEditor?.document.uri.toString() === status.uri) this.render();
  }

  forget(uri: string): void {
    this.statuses.delete(uri);
  }

  /** Draws the item again (the workspace became trusted). */
  refresh(): void {
    this.render();
  }

  private render(): void {
    const editor = vscode.window.activeTextEditor;
    const status = editor && this.statuses.get(editor.document.uri.toString());
    if (!editor || !isDraft(editor.document) || !status) {
      this.item.hide();
      return;
    }
    const template = status.template ? status.template.id : vscode.l10n.t('no template');
    const problems = status.errors + status.warnings;
    this.item.text = `$(checklist) ${template} ${problems ? `$(warning) ${problems}` : '$(check)'}`;
    this.item.tooltip = new vscode.MarkdownString(
      [
        status.template ? vscode.l10n.t('Template: **{0}** ({1})', status.template.name, status.template.reason) : vscode.l10n.t('No article template matched.'),
        vscode.l10n.t('{0} errors, {1} warnings, {2} hints', status.errors, status.warnings, status.infos),
        ...(vscode.workspace.isTrusted ? [] : [vscode.l10n.t('Restricted Mode: links are not checked over the network.')]),
        vscode.l10n.t('Click to open the Benchpress preview.'),
      ].join('\n\n'),
    );
    this.item.show();
  }

  dispose(): void {
    this.item.dispose();
    for (const s of this.subscriptions) s.dispose();
  }
}
