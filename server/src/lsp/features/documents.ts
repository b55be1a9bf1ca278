// The life of documents and settings: check on open and change (debounced), forget on close, reload settings
// when the editor's settings or `.benchpress/` files change, publish problems of those files, and tell the
// client each draft's template and problem counts (status bar).
import { DidChangeConfigurationNotification, FileChangeType, TextDocumentSyncKind } from 'vscode-languageserver/node';
import { URI } from 'vscode-uri';
import { Notifications, type DocumentStatus } from '../../protocol';
import type { FileProblems } from '../../node/workspace-files';
import type { CheckEnvironment, CheckResult } from '../../engine/document-checker';
import { fileProblemFindings } from '../../services/file-problems';
import { pathOf } from '../checks';
import { toDiagnostic } from '../convert';
import { rootOfBenchpressFile } from '../settings';
import type { Feature } from '../server-context';

export const documentsFeature: Feature = (server) => {
  const { connection, documents, scheduler, settings } = server;
  server.capabilities.textDocumentSync = { openClose: true, change: TextDocumentSyncKind.Incremental, save: { includeText: false } };
  // Each folder of a multi-root workspace has its own settings: the server follows the folders as they change.
  server.capabilities.workspace = { ...server.capabilities.workspace, workspaceFolders: { supported: true, changeNotifications: true } };
  const published = new Set<string>();

  /** Diagnostics on `.benchpress/` files (config, templates, topic table, data files). */
  const publishFileProblems = (files: FileProblems[], env: CheckEnvironment) => {
    for (const file of files) {
      const uri = URI.file(file.path).toString();
      const diagnostics = fileProblemFindings(file, env).map(toDiagnostic);
      if (diagnostics.length === 0 && !published.has(uri)) continue;
      published.add(uri);
      void connection.sendDiagnostics({ uri, diagnostics });
    }
  };

  const reloadSettings = () => {
    const reload = loadSettings();
    scheduler.settle(reload);
    return reload;
  };
  const loadSettings = async () => {
    if (server.canPullConfiguration) {
      // Settings are asked for per document and per folder (scopeUri): a folder's own settings apply to its drafts.
      settings.pull = async (scopeUri) => (await connection.workspace.getConfiguration({ scopeUri, section: 'benchpress' })) ?? undefined;
      const [section] = await connection.workspace.getConfiguration([{ section: 'benchpress' }]).catch(() => [undefined]);
      settings.editorSettings = section ?? undefined;
    }
    settings.invalidate();
    // Each workspace folder's `.benchpress/` files, with that folder's editor settings.
    const folders = server.folders.length > 0 ? server.folders : [undefined];
    for (const [i, folder] of folders.entries()) {
      const loaded = await settings.forRoot(folder, folder === undefined ? undefined : URI.file(folder).toString());
      if (i === 0) server.analyzer.timeoutMs = loaded.config.checkTimeoutMs;
      publishFileProblems(loaded.problems, loaded.env);
    }
    scheduler.recheckAll();
  };

  connection.onInitialized(async () => {
    if (server.canPullConfiguration) void connection.client.register(DidChangeConfigurationNotification.type, { section: 'benchpress' }).catch(() => undefined);
    if (server.canWatchFolders) {
      connection.workspace.onDidChangeWorkspaceFolders(async ({ added, removed }) => {
        const gone = new Set(removed.map((f) => pathOf(f.uri)));
        const fresh = added.map((f) => pathOf(f.uri)).filter((p): p is string => !!p);
        server.folders = [...server.folders.filter((f) => !gone.has(f)), ...fresh.filter((f) => !server.folders.includes(f))];
        await reloadSettings();
      });
    }
    await reloadSettings();
  });

  connection.onDidChangeConfiguration(async (change) => {
    if (!server.canPullConfiguration) settings.editorSettings = (change.settings as { benchpress?: unknown } | undefined)?.benchpress;
    await reloadSettings();
  });

  connection.onDidChangeWatchedFiles(async ({ changes }) => {
    let settingsChanged = false;
    for (const change of changes) {
      const file = pathOf(change.uri);
      if (!file) continue;
      if (rootOfBenchpressFile(file) !== undefined) settingsChanged = true;
      scheduler.workspace.invalidate(file);
      if (change.type === FileChangeType.Deleted || change.type === FileChangeType.Created) scheduler.workspace.invalidate();
    }
    if (settingsChanged) await reloadSettings();
    else scheduler.recheckAll();
  });

  documents.onDidOpen((e) => void scheduler.schedule(e.document.uri, true));
  documents.onDidChangeContent((e) => void scheduler.schedule(e.document.uri));
  documents.onDidClose((e) => scheduler.close(e.document.uri));
  documents.onDidSave(async (e) => {
    const file = pathOf(e.document.uri);
    if (file && rootOfBenchpressFile(file) !== undefined) await reloadSettings();
  });

  scheduler.onChecked((uri, version, result) => void connection.sendNotification(Notifications.documentStatus, documentStatus(uri, version, result)));
};

function documentStatus(uri: string, version: number, result: CheckResult): DocumentStatus {
  const counts = { errors: 0, warnings: 0, infos: 0 };
  for (const f of result.findings) {
    if (f.severity === 'error') counts.errors++;
    else if (f.severity === 'warning') counts.warnings++;
    else counts.infos++;
  }
  const template = result.templateResolution?.resolved;
  return { uri, version, ...counts, template: template && { id: template.template.id, name: template.template.name, reason: template.reason } };
}
