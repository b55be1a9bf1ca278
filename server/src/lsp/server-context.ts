// What every feature of the server shares: the connection, the open documents, the check scheduler, settings per
// workspace root, the analysis workers and the URL cache. Features register their handlers on it (features/);
// main.ts only builds it and calls them.
import { createConnection, LSPErrorCodes, ProposedFeatures, ResponseError, TextDocumentContentChangeEvent, TextDocuments, type CancellationToken, type Connection, type InitializedParams, type InitializeParams, type NotificationHandler, type ServerCapabilities } from 'vscode-languageserver/node';
import { TextDocument } from 'vscode-languageserver-textdocument';
import type { Locale } from '../base/i18n';
import { WorkerPoolAnalyzer } from '../engine/analyzer';
import { keepYoungGenerationSmall } from './memory';
import type { CheckResult, TextReplacement } from '../engine/document-checker';
import { MemoryUrlCache, type UrlCheckCache } from '../links/external';
import { Notifications, type InitializationOptions } from '../protocol';
import { CheckScheduler } from './checks';
import { SettingsStore, type RootSettings } from './settings';

/** The scripts of the server's worker threads. */
export interface WorkerScripts {
  /** The chunk analysis (dist/server-worker.js). */
  analysis: string;
  /** The preview's renderer (dist/preview-worker.js). */
  preview: string;
}

export class ServerContext {
  readonly connection: Connection = createConnection(ProposedFeatures.all);
  /** Open documents. Each edit is told to the scheduler as the document takes it (CheckScheduler.edited). */
  readonly documents = new TextDocuments<TextDocument>({
    create: (uri, languageId, version, content) => {
      const document = TextDocument.create(uri, languageId, version, content);
      // The document finds its line starts on first use, character by character: the first edit of a long draft waited
      // 8–12 ms for it (5,000 lines, code not yet compiled). Opening is when a wait goes unnoticed.
      document.offsetAt({ line: 0, character: 0 });
      return document;
    },
    update: (document, changes, version) => {
      const change = changes.length === 1 ? changes[0] : undefined;
      const before = document.getText();
      let replacement: TextReplacement | undefined;
      if (change && TextDocumentContentChangeEvent.isIncremental(change)) {
        // In the order the document applies it (a range may come with its end first).
        const [start, end] = [document.offsetAt(change.range.start), document.offsetAt(change.range.end)].sort((a, b) => a - b);
        replacement = { start, end, text: change.text };
      }
      const updated = TextDocument.update(document, changes, version);
      try {
        this.scheduler.edited(updated.uri, before, replacement, updated.getText());
      } catch (error) {
        // Only a head start for the check: the edit itself is taken and checked whatever happens here.
        this.connection.console.error(`Benchpress: starting the analysis of an edit ahead of its check failed: ${(error as Error)?.stack ?? error}`);
      }
      return updated;
    },
  });
  readonly analyzer: WorkerPoolAnalyzer;
  readonly settings = new SettingsStore(() => this.locale);
  readonly scheduler: CheckScheduler;
  /** What the features offer; merged into the `initialize` answer. */
  readonly capabilities: ServerCapabilities = {};
  /** The editor's display language (messages when the config says `auto`). */
  locale: Locale = 'en';
  /** The workspace folders (paths), in the editor's order; updated when folders are added or removed. */
  folders: string[] = [];
  /** The first workspace folder. */
  get rootPath(): string | undefined {
    return this.folders[0];
  }
  canPullConfiguration = false;
  /** The client tells the server when workspace folders are added or removed. */
  canWatchFolders = false;
  urlCache: UrlCheckCache = new MemoryUrlCache();
  /** Called with the `initialize` request's parameters, before the server answers it. */
  readonly initializers: ((params: InitializeParams) => void)[] = [];
  /** What the client said about itself in `initializationOptions` (nothing from other editors). */
  host: InitializationOptions = {};
  /** What stops at `shutdown` (worker threads); features add theirs. */
  readonly atShutdown: (() => void)[] = [() => this.analyzer.dispose()];

  constructor(readonly scripts: WorkerScripts) {
    // One worker: an edit's work is a chunk or two, and a second worker would hold tens of MB for the rare moment
    // when many drafts open at once. A small young generation: the server lives long and its checks are small.
    this.analyzer = new WorkerPoolAnalyzer({ script: scripts.analysis, timeoutMs: 4000, size: 1, youngGenerationMb: 8, onWorkerStarted: keepYoungGenerationSmall });
    this.scheduler = new CheckScheduler(this.connection, this.documents, this.analyzer, this.settings, () => this.folders);
    this.initializers.push((params) => {
      const options = params.initializationOptions as InitializationOptions | null | undefined;
      this.host = options && typeof options === 'object' ? options : {};
    });
    // One `shutdown` handler too (see below): the context's, which stops what features listed.
    this.connection.onShutdown(() => {
      for (const stop of this.atShutdown) stop();
    });
    // The connection keeps one handler per notification: a second feature's `onInitialized` would silently replace
    // the first one's. Every feature may ask; the context calls them all, in the order they asked.
    const initialized: NotificationHandler<InitializedParams>[] = [];
    this.connection.onInitialized((params) => {
      for (const handler of initialized) void handler(params);
    });
    this.connection.onInitialized = (handler) => {
      initialized.push(handler);
      return {
        dispose: () => {
          const index = initialized.indexOf(handler);
          if (index >= 0) initialized.splice(index, 1);
        },
      };
    };
  }

  /** False in an untrusted workspace (Restricted Mode): no network, whatever the settings say. */
  get workspaceTrusted(): boolean {
    return this.host.workspaceTrusted !== false;
  }

  /** The editor has its own Markdown outline and link completions for this open document (VS Code for `.md`). */
  editorHandlesMarkdown(uri: string): boolean {
    const languageId = this.documents.get(uri)?.languageId;
    return !!languageId && (this.host.builtinMarkdownLanguages ?? []).includes(languageId);
  }

  /**
   * An open document and its check result for its current version, or undefined when it is not open. With a token,
   * waiting for the check ends when the client cancels the request (`$/cancelRequest`): see `cancellable`.
   */
  async checked(uri: string, token?: CancellationToken): Promise<{ document: TextDocument; result: CheckResult } | undefined> {
    const result = await this.cancellable(token, this.scheduler.current(uri));
    const document = this.documents.get(uri);
    return document && result ? { document, result } : undefined;
  }

  /**
   * `work`, or — as soon as the client cancels the request — a RequestCancelled error, which is the answer LSP
   * expects for a cancelled request. The work itself (a document's check, which its diagnostics need anyway) goes on.
   */
  cancellable<T>(token: CancellationToken | undefined, work: Promise<T>): Promise<T> {
    if (!token) return work;
    const cancelled = () => new ResponseError(LSPErrorCodes.RequestCancelled, 'The request was cancelled.');
    if (token.isCancellationRequested) return Promise.reject(cancelled());
    return new Promise<T>((resolve, reject) => {
      const listener = token.onCancellationRequested(() => reject(cancelled()));
      work.then(resolve, reject).finally(() => listener.dispose());
    });
  }

  /** Settings of the workspace a document belongs to. In an untrusted workspace the settings that make the server
   *  go online are off here, whoever set them (editor settings or `.benchpress/config.json`): every feature that
   *  fetches (link checks while typing, on save, on request) reads its settings through this. */
  settingsFor(uri: string | undefined): Promise<RootSettings> {
    const loaded = this.scheduler.settingsForRoot(uri);
    return this.workspaceTrusted ? loaded : loaded.then(offline);
  }

  abortOn(token: CancellationToken): AbortSignal {
    const abort = new AbortController();
    token.onCancellationRequested(() => abort.abort());
    return abort.signal;
  }

  /** Progress of a request the client gave a `progressId` (the client shows it, with a cancel button). */
  progress(progressId: string | undefined, done: number, total: number, message?: string): void {
    if (progressId) void this.connection.sendNotification(Notifications.progress, { progressId, done, total, ...(message ? { message } : {}) });
  }
}

function offline(settings: RootSettings): RootSettings {
  const config = settings.config;
  return { ...settings, config: { ...config, checkUrls: false, allowPrivateUrls: false, urlCheck: { ...config.urlCheck, checkOnSave: false } } };
}

/** A feature of the server: registers its handlers and declares its capabilities. */
export type Feature = (server: ServerContext) => void;
