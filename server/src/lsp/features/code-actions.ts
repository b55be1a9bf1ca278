// Quick fixes and Fix All: `textDocument/codeAction` (quick fixes on the diagnostics in range, and the
// `source.fixAll.benchpress` action) and the `benchpress.server.fixAll` command the client's Fix All runs.
import { CodeActionKind } from 'vscode-languageserver/node';
import { ServerCommands, type FixAllResult } from '../../protocol';
import { codeActions, fixAllEdit, FIX_ALL_KIND } from '../code-actions';
import type { Feature } from '../server-context';

export const codeActionsFeature: Feature = (server) => {
  const { connection, documents, scheduler } = server;
  server.capabilities.codeActionProvider = { codeActionKinds: [CodeActionKind.QuickFix, FIX_ALL_KIND] };
  server.capabilities.executeCommandProvider = { commands: [ServerCommands.fixAll] };

  connection.onCodeAction(async (params) => {
    const document = documents.get(params.textDocument.uri);
    if (!document) return [];
    const result = scheduler.resultFor(document.uri, document.version) ?? (await scheduler.current(document.uri));
    // Only for the version the findings belong to: an edit must never land on moved text.
    const { env } = await server.settingsFor(document.uri);
    return codeActions(document, result && documents.get(document.uri)?.version === document.version ? result : undefined, params, env.locale);
  });

  connection.onExecuteCommand(async (params): Promise<FixAllResult | undefined> => {
    if (params.command !== ServerCommands.fixAll) return undefined;
    const checked = await server.checked(String(params.arguments?.[0] ?? ''));
    if (!checked) return { applied: false };
    const edit = fixAllEdit(checked.document, checked.result);
    if (!edit) return { applied: false, count: 0 };
    const applied = await connection.workspace.applyEdit({ label: 'Benchpress: fix all', edit });
    return { applied: applied.applied, count: edit.documentChanges[0].edits.length };
  });
};
