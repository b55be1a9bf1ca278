// Checking open documents: debounced after edits, never publishing results for a version that is no longer
// current, and re-checking drafts that link to a document whose headings changed.
import type { Connection, TextDocuments } from 'vscode-languageserver';
import type { TextDocument } from 'vscode-languageserver-textdocument';
import { URI } from 'vscode-uri';
import { DocumentChecker, type CheckResult } from '../engine/document-checker';
import type { ChunkAnalyzer } from '../engine/analyzer';
import { AbortError } from '../engine/analyzer';
import { DiskWorkspace, findWorkspaceRoot } from '../node/fs-workspace';
import { toDiagnostic } from './convert';
import { heapKeeper } from './memory';
import type { SettingsStore, RootSettings } from './settings';
import { resolveLinkTarget } from '../markdown/link-target';
import type { UrlCheckResult } from '../links/external/types';

interface DocumentState {
  checker: DocumentChecker;
  timer?: NodeJS.Timeout;
  abort?: AbortController;
  /** The last result and the version it belongs to. */
  result?: CheckResult;
  resultVersion?: number;
  /** Results of the last link check of this document (kept until it is closed). */
  urlResults?: ReadonlyMap<string, UrlCheckResult>;
  /** Waiters for a result of at least this version. */
  waiters: { version: number; resolve(result: CheckResult | undefined): void }[];
  anchorsKey?: string;
}

export function pathOf(uri: string): string | undefined {
  try {
    const parsed = URI.parse(uri);
    return parsed.scheme === 'file' ? parsed.fsPath : undefined;
  } catch {
    return undefined;
  }
}

export class CheckScheduler {
  private readonly states = new Map<string, DocumentState>();
  readonly workspace: DiskWorkspace;
  private readonly heap = heapKeeper();

  constructor(
    private readonly connection: Connection,
    private readonly documents: TextDocuments<TextDocument>,
    private readonly analyzer: ChunkAnalyzer,
    private readonly settings: SettingsStore,
    private readonly workspaceRoot: () => string | undefined,
  ) {
    this.workspace = new DiskWorkspace(undefined, (p) => this.openText(p));
  }

  openText(p: string): string | undefined {
    for (const doc of this.documents.all()) if (pathOf(doc.uri) === p) return doc.getText();
    return undefined;
  }

  rootOf(uri: string): string | undefined {
    const p = pathOf(uri);
    return (p && findWorkspaceRoot(p)) ?? this.workspaceRoot();
  }

  settingsFor(uri: string): Promise<RootSettings> {
    return this.settings.forRoot(this.rootOf(uri));
  }

  /** Settings of the workspace a document belongs to, or of the main workspace. */
  settingsForRoot(uri: string | undefined): Promise<RootSettings> {
    return uri ? this.settingsFor(uri) : this.settings.forRoot(this.workspaceRoot());
  }

  private readonly checkedListeners: ((uri: string, version: number, result: CheckResult) => void)[] = [];

  /** Calls `listener` after each published check (status bar notifications, follow-up link checks). */
  onChecked(listener: (uri: string, version: number, result: CheckResult) => void): void {
    this.checkedListeners.push(listener);
  }

  /** Stores link check results for a document and checks it again so they show. */
  setUrlResults(uri: string, results: ReadonlyMap<string, UrlCheckResult>): void {
    const state = this.state(uri);
    state.urlResults = new Map([...(state.urlResults ?? []), ...results]);
    void this.schedule(uri, true);
  }

  urlResultsOf(uri: string): ReadonlyMap<string, UrlCheckResult> | undefined {
    return this.states.get(uri)?.urlResults;
  }

  private state(uri: string): DocumentState {
    let state = this.states.get(uri);
    if (!state) {
      state = { checker: new DocumentChecker(this.analyzer), waiters: [] };
      this.states.set(uri, state);
    }
    return state;
  }

  /** Schedules a check after the configured pause (0 = at once). */
  async schedule(uri: string, immediate = false): Promise<void> {
    const state = this.state(uri);
    clearTimeout(state.timer);
    state.abort?.abort();
    const { config } = await this.settingsFor(uri);
    const delay = immediate ? 0 : config.diagnosticsDelayMs;
    state.timer = setTimeout(() => void this.run(uri), delay);
  }

  private async run(uri: string): Promise<void> {
    const document = this.documents.get(uri);
    const state = this.states.get(uri);
    if (!document || !state) return;
    const version = document.version;
    const abort = new AbortController();
    state.abort = abort;
    let result: CheckResult;
    try {
      const { env } = await this.settingsFor(uri);
      result = await state.checker.check({ uri, path: pathOf(uri), text: document.getText(), urlResults: state.urlResults }, env, this.workspace, abort.signal);
    } catch (error) {
      if (error instanceof AbortError || abort.signal.aborted) return;
      this.connection.console.error(`Benchpress: checking ${uri} failed: ${(error as Error)?.stack ?? error}`);
      return;
    }
    // A newer edit arrived while checking: its own check will publish.
    if (abort.signal.aborted || this.documents.get(uri)?.version !== version) return;
    state.result = result;
    state.resultVersion = version;
    void this.connection.sendDiagnostics({ uri, version, diagnostics: result.findings.map(toDiagnostic) });
    this.heap.afterCheck();
    for (const listener of this.checkedListeners) listener(uri, version, result);
    for (const w of state.waiters.filter((w) => w.version <= version)) w.resolve(result);
    state.waiters = state.waiters.filter((w) => w.version > version);
    this.followUpLinkedDocuments(uri, result);
  }

  /** The result for the document's current version, checking at once if there is none yet. */
  async current(uri: string): Promise<CheckResult | undefined> {
    const document = this.documents.get(uri);
    const state = this.states.get(uri);
    if (!document) return undefined;
    if (state?.result && state.resultVersion === document.version) return state.result;
    const s = this.state(uri);
    const waiting = new Promise<CheckResult | undefined>((resolve) => s.waiters.push({ version: document.version, resolve }));
    await this.schedule(uri, true);
    return waiting;
  }

  /** The last result if it is for this exact version (code actions must not edit with stale ranges). */
  resultFor(uri: string, version: number): CheckResult | undefined {
    const state = this.states.get(uri);
    return state?.resultVersion === version ? state.result : undefined;
  }

  close(uri: string): void {
    const state = this.states.get(uri);
    if (state) {
      clearTimeout(state.timer);
      state.abort?.abort();
      for (const w of state.waiters) w.resolve(undefined);
    }
    this.states.delete(uri);
    void this.connection.sendDiagnostics({ uri, diagnostics: [] });
    this.workspace.invalidate();
  }

  /** Re-checks every open document (settings or `.benchpress/` files changed). */
  recheckAll(): void {
    for (const doc of this.documents.all()) void this.schedule(doc.uri, true);
  }

  /** When a draft's headings change, open drafts that link into it are checked again. */
  private followUpLinkedDocuments(uri: string, result: CheckResult): void {
    const state = this.states.get(uri);
    const view = result.view;
    if (!state || !view) return;
    const key = view.anchors.map((a) => a.github).join('\n');
    const changed = state.anchorsKey !== undefined && state.anchorsKey !== key;
    state.anchorsKey = key;
    if (!changed) return;
    const target = pathOf(uri);
    if (!target) return;
    for (const [otherUri, other] of this.states) {
      if (otherUri === uri || !other.result?.view) continue;
      const otherPath = pathOf(otherUri);
      const links = other.result.view.links.some((l) => {
        const t = resolveLinkTarget(l.url, otherPath);
        return t.kind === 'file' && t.path === target;
      });
      if (links) void this.schedule(otherUri, true);
    }
  }
}
