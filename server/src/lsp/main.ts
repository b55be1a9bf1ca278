// LSP wiring only: capabilities, handlers and their adapters to the core. All logic lives in the core.
import {
  createConnection,
  DidChangeConfigurationNotification,
  FileChangeType,
  ProposedFeatures,
  TextDocuments,
  TextDocumentSyncKind,
  CodeActionKind,
  type InitializeParams,
  type InitializeResult,
} from 'vscode-languageserver/node';
import { TextDocument } from 'vscode-languageserver-textdocument';
import { URI } from 'vscode-uri';
import { WorkerPoolAnalyzer } from '../engine/analyzer';
import { toLocale, type Locale } from '../base/i18n';
import { LineIndex } from '../base/text';
import { SettingsStore, rootOfBenchpressFile } from './settings';
import { CheckScheduler, pathOf } from './checks';
import { codeActions, fixAllEdit, FIX_ALL_KIND } from './code-actions';
import { documentSymbols } from './symbols';
import { hoverAt, referenceHover } from './hover';
import { completions } from './completion';
import { topicCompletions, topicHoverAt, topicLenses } from './topics';
import { WorkspaceTopics } from './workspace-topics';
import { gpuNameHover, specTokenHover } from './gpu-hover';
import { forgetPreview, previewPayload, type PreviewParams } from './preview';
import { DiagnosticSeverity } from 'vscode-languageserver';
import type { FileProblems } from '../node/workspace-files';
import path from 'node:path';
import { CancellationTokenSource } from 'vscode-languageserver';
import { JsonFileUrlCache, MemoryUrlCache, type UrlCheckCache } from '../links/external';
import { externalLinks } from '../links/external/occurrences';
import { Notifications, Requests, type DocumentStatus, type NewArticleParams } from '../protocol';
import { checkLinksRequest, newArticleRequest, regenerateTocRequest, templatesRequest } from './requests';
import { expandTokensRequest, gpusRequest, refreshPricesRequest, refreshTablesRequest, smiTableRequest, tableRequest, type RefreshPricesParams, type SmiTableResult, type TableParams } from './gpu-requests';

export const COMMANDS = { fixAll: 'benchpress.server.fixAll' } as const;

export function startServer(workerScript: string): void {
  const connection = createConnection(ProposedFeatures.all);
  const documents = new TextDocuments(TextDocument);
  let locale: Locale = 'en';
  let rootPath: string | undefined;
  let canPullConfiguration = false;
  const settings = new SettingsStore(() => locale);
  const analyzer = new WorkerPoolAnalyzer({ script: workerScript, timeoutMs: 4000, size: 2 });
  const scheduler = new CheckScheduler(connection, documents, analyzer, settings, () => rootPath);
  const published = new Set<string>();
  let urlCache: UrlCheckCache = new MemoryUrlCache();
  /** Documents whose links are being checked in the background (the checkUrls / checkOnSave settings). */
  const autoLinkChecks = new Set<string>();
  const checkLinksInBackground = (uri: string) => {
    if (autoLinkChecks.has(uri)) return;
    autoLinkChecks.add(uri);
    const source = new CancellationTokenSource();
    void checkLinksRequest(connection, scheduler, urlCache, { uri }, source.token)
      .catch((error) => connection.console.warn(`Benchpress: link check failed: ${(error as Error).message}`))
      .finally(() => autoLinkChecks.delete(uri));
  };
  const workspaceTopics = new WorkspaceTopics(analyzer);

  /** Diagnostics on `.benchpress/` files (config, templates, data tables). */
  const publishSettingsProblems = (files: FileProblems[]) => {
    for (const file of files) {
      const uri = URI.file(file.path).toString();
      const lines = new LineIndex(file.text ?? '');
      if (file.problems.length === 0 && !published.has(uri)) continue;
      published.add(uri);
      void connection.sendDiagnostics({
        uri,
        diagnostics: file.problems.map((p) => ({
          range: lines.rangeOf(p.start, p.end),
          severity: p.severity === 'error' ? DiagnosticSeverity.Error : DiagnosticSeverity.Warning,
          source: 'benchpress',
          code: 'config/invalid',
          message: p.message,
        })),
      });
    }
  };

  const reloadSettings = async () => {
    if (canPullConfiguration) {
      try {
        const [section] = await connection.workspace.getConfiguration([{ section: 'benchpress' }]);
        settings.editorSettings = section ?? undefined;
      } catch {
        settings.editorSettings = undefined;
      }
    }
    settings.invalidate();
    const loaded = await settings.forRoot(rootPath);
    analyzer.timeoutMs = loaded.config.checkTimeoutMs;
    publishSettingsProblems(loaded.problems);
    scheduler.recheckAll();
  };

  connection.onInitialize((params: InitializeParams): InitializeResult => {
    locale = toLocale(params.locale);
    const storagePath = (params.initializationOptions as { storagePath?: string } | undefined)?.storagePath;
    urlCache = storagePath ? JsonFileUrlCache.openSync(path.join(storagePath, 'url-cache.json'), { onWarning: (m) => connection.console.warn(m) }) : new MemoryUrlCache();
    const folder = params.workspaceFolders?.[0]?.uri ?? params.rootUri ?? undefined;
    rootPath = folder ? pathOf(folder) : params.rootPath ?? undefined;
    canPullConfiguration = !!params.capabilities.workspace?.configuration;
    return {
      capabilities: {
        textDocumentSync: { openClose: true, change: TextDocumentSyncKind.Incremental, save: { includeText: false } },
        codeActionProvider: { codeActionKinds: [CodeActionKind.QuickFix, FIX_ALL_KIND] },
        documentSymbolProvider: true,
        hoverProvider: true,
        completionProvider: { triggerCharacters: ['[', '#', ' '] },
        codeLensProvider: { resolveProvider: false },
        executeCommandProvider: { commands: [COMMANDS.fixAll] },
      },
      serverInfo: { name: 'benchpress' },
    };
  });

  connection.onInitialized(async () => {
    if (canPullConfiguration) void connection.client.register(DidChangeConfigurationNotification.type, { section: 'benchpress' }).catch(() => undefined);
    await reloadSettings();
  });

  connection.onDidChangeConfiguration(async (change) => {
    if (!canPullConfiguration) settings.editorSettings = (change.settings as { benchpress?: unknown } | undefined)?.benchpress;
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
  documents.onDidClose((e) => {
    scheduler.close(e.document.uri);
    forgetPreview(e.document.uri);
  });
  documents.onDidSave(async (e) => {
    const file = pathOf(e.document.uri);
    if (file && rootOfBenchpressFile(file) !== undefined) await reloadSettings();
    const { config } = await scheduler.settingsFor(e.document.uri);
    if (config.urlCheck.checkOnSave) checkLinksInBackground(e.document.uri);
  });

  connection.onCodeAction(async (params) => {
    const document = documents.get(params.textDocument.uri);
    if (!document) return [];
    const result = scheduler.resultFor(document.uri, document.version) ?? (await scheduler.current(document.uri));
    return codeActions(document, result && documents.get(document.uri)?.version === document.version ? result : undefined, params);
  });

  connection.onDocumentSymbol(async (params) => {
    const result = await scheduler.current(params.textDocument.uri);
    return result?.view ? documentSymbols(result.view) : [];
  });

  connection.onHover(async (params) => {
    const result = await scheduler.current(params.textDocument.uri);
    if (!result?.view) return null;
    const { env, db } = await scheduler.settingsFor(params.textDocument.uri);
    return (await hoverAt(result.view, params.position, [referenceHover, specTokenHover(db, env.locale), gpuNameHover(db, env.locale), topicHoverAt(result, env.locale)])) ?? null;
  });

  connection.onCompletion(async (params) => {
    const result = await scheduler.current(params.textDocument.uri);
    if (!result?.view) return [];
    const { env } = await scheduler.settingsFor(params.textDocument.uri);
    const items = await completions(result.view, params.position, scheduler.workspace);
    return items.length ? items : topicCompletions(result.view, params.position, env.topicRows, env.locale);
  });

  connection.onCodeLens(async (params) => {
    const result = await scheduler.current(params.textDocument.uri);
    if (!result) return [];
    const { env } = await scheduler.settingsFor(params.textDocument.uri);
    return topicLenses(result, env.locale);
  });

  connection.onRequest(Requests.topicReport, async (params: { root?: string } | undefined, token) => {
    const root = params?.root ?? rootPath;
    if (!root) return { topics: [], uncovered: [], rotation: [], files: 0 };
    const { env } = await settings.forRoot(root);
    const abort = new AbortController();
    token.onCancellationRequested(() => abort.abort());
    const progress = await connection.window.createWorkDoneProgress();
    progress.begin(locale === 'zh-cn' ? 'Benchpress：统计主题热度' : 'Benchpress: topic heat', 0, undefined, true);
    progress.token.onCancellationRequested(() => abort.abort());
    try {
      return await workspaceTopics.report(root, env, scheduler.workspace, (file) => scheduler.openText(file), (done, total) => progress.report(Math.round((done / total) * 100), `${done}/${total}`), abort.signal);
    } finally {
      progress.done();
    }
  });

  connection.onExecuteCommand(async (params) => {
    if (params.command === COMMANDS.fixAll) {
      const uri = String(params.arguments?.[0] ?? '');
      const document = documents.get(uri);
      const result = document && (await scheduler.current(uri));
      if (!document || !result) return { applied: false };
      const edit = fixAllEdit(document, result);
      if (!edit) return { applied: false, count: 0 };
      const applied = await connection.workspace.applyEdit({ label: 'Benchpress: fix all', edit });
      return { applied: applied.applied, count: edit.documentChanges[0].edits.length };
    }
    return undefined;
  });

  connection.onShutdown(async () => {
    await analyzer.dispose();
  });

  scheduler.onChecked = (uri, version, result) => {
    const counts = { errors: 0, warnings: 0, infos: 0 };
    for (const f of result.findings) {
      if (f.severity === 'error') counts.errors++;
      else if (f.severity === 'warning') counts.warnings++;
      else counts.infos++;
    }
    const template = result.templateResolution?.resolved;
    const status: DocumentStatus = { uri, version, ...counts, template: template && { id: template.template.id, name: template.template.name, reason: template.reason } };
    void connection.sendNotification(Notifications.documentStatus, status);
    // With checkUrls on, links without a result yet are checked in the background (cached, so cheap later).
    void scheduler.settingsFor(uri).then(({ config }) => {
      if (!config.checkUrls || !result.view) return;
      const known = scheduler.urlResultsOf(uri);
      if (externalLinks(result.view).some((l) => !known?.has(l.url))) checkLinksInBackground(uri);
    });
  };

  connection.onRequest(Requests.templates, (params: { uri?: string } | undefined) => templatesRequest(scheduler, params?.uri));
  connection.onRequest(Requests.newArticle, (params: NewArticleParams & { uri?: string; date: string }) => newArticleRequest(scheduler, params));
  connection.onRequest(Requests.regenerateToc, (params: { uri: string }) => regenerateTocRequest(scheduler, documents, params.uri));
  connection.onRequest(Requests.checkLinks, (params: { uri: string; progressId?: string }, token) => checkLinksRequest(connection, scheduler, urlCache, params, token));
  connection.onRequest(Requests.preview, async (params: PreviewParams) => {
    if (!documents.get(params.uri)) return null;
    const result = await scheduler.current(params.uri);
    const document = documents.get(params.uri);
    if (!document) return null;
    return previewPayload(document.uri, document.getText(), result, toLocale(params.locale ?? locale), document.version);
  });
  connection.onRequest(Requests.gpus, (params: { uri?: string } | undefined) => gpusRequest(scheduler, params?.uri));
  connection.onRequest(Requests.table, (params: TableParams) => tableRequest(scheduler, params));
  connection.onRequest(Requests.refreshTables, (params: { uri: string }) => refreshTablesRequest(scheduler, documents, params.uri));
  connection.onRequest(Requests.expandTokens, (params: { uri: string }) => expandTokensRequest(scheduler, documents, params.uri));
  connection.onRequest(Requests.smiTable, (params: { text: string; lang: 'en' | 'zh-cn'; fields?: string[] }): Promise<SmiTableResult> => smiTableRequest(params));
  connection.onRequest(Requests.refreshPrices, (params: RefreshPricesParams, token) => refreshPricesRequest(connection, scheduler, settings, locale, params, token));

  documents.listen(connection);
  connection.listen();
}
