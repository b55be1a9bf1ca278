// What every feature of the server shares: the connection, the open documents, the check scheduler, settings per
// workspace root, the analysis workers and the URL cache. Features register their handlers on it (features/);
// main.ts only builds it and calls them.
import { createConnection, ProposedFeatures, TextDocuments, type CancellationToken, type Connection, type InitializeParams, type ServerCapabilities } from 'vscode-languageserver/node';
import { TextDocument } from 'vscode-languageserver-textdocument';
import type { Locale } from '../base/i18n';
import { WorkerPoolAnalyzer } from '../engine/analyzer';
import type { CheckResult } from '../engine/document-checker';
import { MemoryUrlCache, type UrlCheckCache } from '../links/external';
import { Notifications } from '../protocol';
import { CheckScheduler } from './checks';
import { SettingsStore, type RootSettings } from './settings';

export class ServerContext {
  readonly connection: Connection = createConnection(ProposedFeatures.all);
  readonly documents = new TextDocuments(TextDocument);
  readonly analyzer: WorkerPoolAnalyzer;
  readonly settings = new SettingsStore(() => this.locale);
  readonly scheduler: CheckScheduler;
  /** What the features offer; merged into the `initialize` answer. */
  readonly capabilities: ServerCapabilities = {};
  /** The editor's display language (messages when the config says `auto`). */
  locale: Locale = 'en';
  /** The first workspace folder. */
  rootPath: string | undefined;
  canPullConfiguration = false;
  urlCache: UrlCheckCache = new MemoryUrlCache();
  /** Called with the `initialize` request's parameters, before the server answers it. */
  readonly initializers: ((params: InitializeParams) => void)[] = [];

  constructor(workerScript: string) {
    this.analyzer = new WorkerPoolAnalyzer({ script: workerScript, timeoutMs: 4000, size: 2 });
    this.scheduler = new CheckScheduler(this.connection, this.documents, this.analyzer, this.settings, () => this.rootPath);
  }

  /** An open document and its check result for its current version, or undefined when it is not open. */
  async checked(uri: string): Promise<{ document: TextDocument; result: CheckResult } | undefined> {
    const result = await this.scheduler.current(uri);
    const document = this.documents.get(uri);
    return document && result ? { document, result } : undefined;
  }

  settingsFor(uri: string | undefined): Promise<RootSettings> {
    return this.scheduler.settingsForRoot(uri);
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

/** A feature of the server: registers its handlers and declares its capabilities. */
export type Feature = (server: ServerContext) => void;
