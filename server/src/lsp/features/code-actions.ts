// Quick fixes and Fix All: `textDocument/codeAction` (quick fixes on the diagnostics in range, and the
// `source.fixAll.benchpress` action) and the `benchpress.server.fixAll` command the client's Fix All runs.
import { CodeActionKind, type CancellationToken } from 'vscode-languageserver/node';
import { ServerCommands, type FixAllResult } from '../../protocol';
import type { TextDocument } from 'vscode-languageserver-textdocument';
import { codeActions, fixAllAction, fixAllEdit, wantsKind, DISABLE_KIND, FIX_ALL_KIND } from '../code-actions';
import { DocumentChecker, type CheckResult } from '../../engine/document-checker';
import { fixAllText } from '../../engine/fix-all';
import { pathOf } from '../checks';
import type { Feature } from '../server-context';

export const codeActionsFeature: Feature = (server) => {
  const { connection, documents, scheduler } = server;
  server.capabilities.codeActionProvider = { codeActionKinds: [CodeActionKind.QuickFix, DISABLE_KIND, FIX_ALL_KIND] };
  server.capabilities.executeCommandProvider = { commands: [ServerCommands.fixAll] };

  /** The document with every safe fix applied, re-checked between passes so one application is enough. */
  const fixedText = async (document: TextDocument, result: CheckResult, token?: CancellationToken) => {
    // The document's own rules (the config's `overrides` that match it).
    const env = (await server.settingsFor(document.uri)).envFor(pathOf(document.uri));
    const scratch = new DocumentChecker(server.analyzer);
    // The re-checks between passes are this request's own work: cancelling the request stops them.
    const signal = token ? server.abortOn(token) : undefined;
    const recheck = async (text: string) => (await scratch.check({ uri: document.uri, path: pathOf(document.uri), text }, env, scheduler.workspace, signal)).findings;
    return server.cancellable(token, fixAllText(document.getText(), result.findings, recheck));
  };

  connection.onCodeAction(async (params, token) => {
    const document = documents.get(params.textDocument.uri);
    if (!document) return [];
    const version = document.version;
    const result = scheduler.resultFor(document.uri, version) ?? (await server.cancellable(token, scheduler.current(document.uri)));
    // Only for the version the findings belong to: an edit must never land on moved text.
    if (!result || documents.get(document.uri)?.version !== version) return [];
    const { env } = await server.settingsFor(document.uri);
    const actions = codeActions(document, result, params, env.locale);
    if (wantsKind(params, FIX_ALL_KIND)) {
      const action = fixAllAction(document, (await fixedText(document, result, token)).text, env.locale);
      if (action && documents.get(document.uri)?.version === version) actions.push(action);
    }
    return actions;
  });

  connection.onExecuteCommand(async (params, token): Promise<FixAllResult | undefined> => {
    if (params.command !== ServerCommands.fixAll) return undefined;
    const checked = await server.checked(String(params.arguments?.[0] ?? ''), token);
    if (!checked) return { applied: false };
    const fixed = await fixedText(checked.document, checked.result, token);
    const edit = fixAllEdit(checked.document, fixed.text);
    if (!edit) return { applied: false, count: 0 };
    const applied = await connection.workspace.applyEdit({ label: 'Benchpress: fix all', edit });
    return { applied: applied.applied, count: fixed.applied };
  });
};
