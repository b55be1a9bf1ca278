// Restricted Mode (an untrusted workspace): Benchpress still checks drafts, but nothing goes over the network.
// The server is told at start (`workspaceTrusted` in its initialization options) and then ignores every setting
// that would make it fetch, wherever it comes from (editor settings or `.benchpress/config.json`); the commands
// that fetch (Check Links, Refresh RunPod Prices) say why they do nothing. When the writer trusts the workspace,
// the server restarts online.
import * as vscode from 'vscode';
import type { Ctx } from './context';
import type { StatusBar } from './status-bar';

const MANAGE_TRUST = 'workbench.trust.manage';

/** True in a trusted workspace; otherwise says why `commandName` does nothing, with a way to trust it. */
export function networkAllowed(commandName: string): boolean {
  if (vscode.workspace.isTrusted) return true;
  const manage = vscode.l10n.t('Manage Workspace Trust');
  void vscode.window
    .showWarningMessage(vscode.l10n.t('“{0}” is off in Restricted Mode: it would fetch from the network. Trust this workspace to use it.', commandName), manage)
    .then((answer) => answer && vscode.commands.executeCommand(MANAGE_TRUST));
  return false;
}

/** In an untrusted workspace: tells the writer once if their settings ask for link checks, and restarts the server
 *  online when the workspace is trusted. */
export function watchWorkspaceTrust(ctx: Ctx, statusBar: StatusBar): vscode.Disposable {
  if (vscode.workspace.isTrusted) return new vscode.Disposable(() => undefined);
  const settings = vscode.workspace.getConfiguration('benchpress');
  if (settings.get<boolean>('checkUrls') || settings.get<boolean>('urlCheck.checkOnSave')) {
    const manage = vscode.l10n.t('Manage Workspace Trust');
    void vscode.window
      .showInformationMessage(vscode.l10n.t('Restricted Mode: Benchpress checks your drafts but does not check their links over the network until you trust this workspace.'), manage)
      .then((answer) => answer && vscode.commands.executeCommand(MANAGE_TRUST));
  }
  return vscode.workspace.onDidGrantWorkspaceTrust(async () => {
    statusBar.refresh();
    ctx.output.appendLine('The workspace is trusted now: restarting the language server with link checks allowed.');
    await ctx.client.restart();
  });
}
