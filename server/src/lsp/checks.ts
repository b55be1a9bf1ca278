// Checking open documents: debounced after edits, never publishing results for a version that is no longer
// current, and re-checking drafts that link to a document whose headings changed.
import path from 'node:path';
import type { Connection, TextDocuments } from 'vscode-languageserver';
import type { TextDocument } from 'vscode-languageserver-textdocument';
import { URI } from 'vscode-uri';
import { DocumentChecker, type CheckEnvironment, type CheckResult, type TextReplacement } from '../engine/document-checker';
import type { ChunkAnalyzer } from '../engine/analyzer';
import { AbortError } from '../engine/analyzer';
import { DiskWorkspace, findWorkspaceRoot } from '../node/fs-workspace';
import { toDiagnostic } from './convert';
import { heapKeeper } from './memory';
import { REHEARSAL_AFTER_MS, REHEARSAL_MIN_CHARS, REWARM_EDITS, rehearseEdits, type RehearsalInput } from './rehearsal';
import type { SettingsStore, RootSettings } from './settings';
import { resolveLinkTarget } from '../markdown/link-target';
import type { UrlCheckResult } from '../links/external/types';

interface DocumentState {
  checker: DocumentChecker;
  /** Stops the check that is waiting to run, if any. */
  cancelPending?: () => void;
  abort?: AbortController;
  /** Counts schedule() calls: only the latest one, after its await, may schedule the check. */
  scheduled: number;
  /** The last result and the version it belongs to. */
  result?: CheckResult;
  resultVersion?: number;
  /** Results of the last link check of this document (kept until it is closed). */
  urlResults?: ReadonlyMap<string, UrlCheckResult>;
  /** Waiters for a result of at least this version. */
  waiters: { version: number; resolve(result: CheckResult | undefined): void }[];
  anchorsKey?: string;
  /** The settings say to check at once after an edit (no pause): the edit's chunk is then analysed ahead. */
  checksAtOnce?: boolean;
}

/** Paths of URIs already parsed: every link a check looks up asks for the path of each open document. */
const paths = new Map<string, string | undefined>();

export function pathOf(uri: string): string | undefined {
  if (paths.has(uri)) return paths.get(uri);
  let p: string | undefined;
  try {
    const parsed = URI.parse(uri);
    p = parsed.scheme === 'file' ? parsed.fsPath : undefined;
  } catch {
    p = undefined;
  }
  if (paths.size >= 1000) paths.clear();
  paths.set(uri, p);
  return p;
}

/**
 * Runs `work` after `ms`; returns what cancels it. No pause means the next turn of the event loop, not a timer: Node
 * makes a zero timeout one millisecond, a tenth of an edit's check on a long draft.
 */
function runAfter(ms: number, work: () => void): () => void {
  if (ms <= 0) {
    const immediate = setImmediate(work);
    return () => clearImmediate(immediate);
  }
  const timer = setTimeout(work, ms);
  return () => clearTimeout(timer);
}

export class CheckScheduler {
  private readonly states = new Map<string, DocumentState>();
  readonly workspace: DiskWorkspace;
  private readonly heap = heapKeeper();
  /**
   * The edit rehearsal (lsp/rehearsal.ts): starts after the first check of a long draft (`tried` then), stops at anything
   * the writer does and tries again at the next pause; `done` once one has run to its end.
   */
  private rehearsal = { done: false, tried: false, timer: undefined as NodeJS.Timeout | undefined, abort: undefined as AbortController | undefined };

  constructor(
    private readonly connection: Connection,
    private readonly documents: TextDocuments<TextDocument>,
    private readonly analyzer: ChunkAnalyzer,
    private readonly settings: SettingsStore,
    /** The workspace folders (paths), the first one first. */
    private readonly folders: () => readonly string[],
  ) {
    // What drafts may look into: the workspace folders, and the workspace (else the folder) of every open draft.
    this.workspace = new DiskWorkspace(undefined, (p) => this.openText(p), () => [...this.folders(), ...this.documents.all().map((d) => this.draftRoot(d.uri))]);
  }

  private readonly draftRoots = new Map<string, string | undefined>();

  /** The workspace of an open draft (the nearest folder with `.benchpress/` or `.git`), else its folder. */
  private draftRoot(uri: string): string | undefined {
    if (!this.draftRoots.has(uri)) {
      const p = pathOf(uri);
      this.draftRoots.set(uri, p ? findWorkspaceRoot(p) ?? path.dirname(p) : undefined);
    }
    return this.draftRoots.get(uri);
  }

  openText(p: string): string | undefined {
    for (const doc of this.documents.all()) if (pathOf(doc.uri) === p) return doc.getText();
    return undefined;
  }

  /** The workspace folder a path is in (the innermost when folders nest), if any. */
  folderOf(p: string): string | undefined {
    let best: string | undefined;
    for (const folder of this.folders()) {
      const rel = path.relative(folder, p);
      if (!rel.startsWith('..') && !path.isAbsolute(rel) && (!best || folder.length > best.length)) best = folder;
    }
    return best;
  }

  /** The root of a document: the nearest folder with `.benchpress/` or `.git`, else its workspace folder, else the first. */
  rootOf(uri: string): string | undefined {
    const p = pathOf(uri);
    return (p && (findWorkspaceRoot(p) ?? this.folderOf(p))) || this.folders()[0];
  }

  /** Settings for a document: its root's `.benchpress/` files over the editor's settings for the document. */
  settingsFor(uri: string): Promise<RootSettings> {
    return this.settings.forRoot(this.rootOf(uri), uri);
  }

  /** Settings of the workspace a document belongs to, or of the first workspace folder. */
  settingsForRoot(uri: string | undefined): Promise<RootSettings> {
    const first = this.folders()[0];
    return uri ? this.settingsFor(uri) : this.settings.forRoot(first, first === undefined ? undefined : URI.file(first).toString());
  }

  private readonly checkedListeners: ((uri: string, version: number, result: CheckResult) => void)[] = [];

  /** Calls `listener` after each published check (status bar notifications, follow-up link checks). */
  onChecked(listener: (uri: string, version: number, result: CheckResult) => void): void {
    this.checkedListeners.push(listener);
  }

  /** Stores link check results for a document and checks it again so they show. */
  setUrlResults(uri: string, results: ReadonlyMap<string, UrlCheckResult>): void {
    // A document closed while its links were checked keeps nothing: reopened, it starts afresh.
    if (!this.documents.get(uri)) return;
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
      state = { checker: new DocumentChecker(this.analyzer), waiters: [], scheduled: 0 };
      this.states.set(uri, state);
    }
    return state;
  }

  /**
   * Schedules a check after the configured pause (0 = at once). The pause comes from the settings, which may take a
   * moment to load; meanwhile more calls can come (an edit, a settings reload, a close and reopen). Only the latest
   * call for the document's current state schedules the check, and it stops whatever check was running, so there is
   * never more than one check of a document at a time and a superseded one is never left running unseen.
   */
  async schedule(uri: string, immediate = false): Promise<void> {
    this.stopRehearsal();
    const state = this.state(uri);
    const ticket = ++state.scheduled;
    state.cancelPending?.();
    state.abort?.abort();
    const { config } = await this.settingsFor(uri);
    // Closed (and perhaps reopened: a new state) or scheduled again while the settings loaded: that call decides.
    if (this.states.get(uri) !== state || state.scheduled !== ticket) return;
    state.checksAtOnce = config.diagnosticsDelayMs === 0;
    state.cancelPending?.();
    state.abort?.abort();
    const delay = immediate ? 0 : config.diagnosticsDelayMs;
    state.cancelPending = runAfter(delay, () => void this.run(uri, state));
  }

  /**
   * An edit as the open document takes it (before its check is scheduled): `before` and `after` are its texts,
   * `replacement` the edit when it is a single one. When checks run at once, the chunk the edit lands in goes to the
   * worker now, while this thread still has the new text to split (DocumentChecker.anticipate). After a pause, the
   * check would find the analysis long done, and typing would cost an analysis per keystroke instead of per pause.
   */
  edited(uri: string, before: string, replacement: TextReplacement | undefined, after: string): void {
    const state = this.states.get(uri);
    if (!state?.checksAtOnce || replacement === undefined) return;
    this.stopRehearsal();
    state.checker.anticipate(before, replacement, after);
  }

  private async run(uri: string, state: DocumentState): Promise<void> {
    const document = this.documents.get(uri);
    if (!document || this.states.get(uri) !== state) return;
    state.abort?.abort();
    const abort = new AbortController();
    state.abort = abort;
    let result: CheckResult;
    let version: number;
    let input: RehearsalInput;
    let env: CheckEnvironment;
    try {
      const settings = await this.settingsFor(uri);
      if (abort.signal.aborted) return;
      version = document.version;
      const file = pathOf(uri);
      input = { uri, path: file, text: document.getText() };
      env = settings.envFor(file);
      result = await state.checker.check({ ...input, urlResults: state.urlResults }, env, this.workspace, abort.signal);
      // A draft the `ignore` setting matches keeps its outline and links, but shows no problems.
      if (file && settings.isIgnored(file)) result = { ...result, findings: [] };
    } catch (error) {
      if (error instanceof AbortError || abort.signal.aborted) return;
      this.connection.console.error(`Benchpress: checking ${uri} failed: ${(error as Error)?.stack ?? error}`);
      return;
    }
    // A newer edit arrived while checking (its own check will publish), or the document was closed — and perhaps
    // opened again, as a new document that may well have the same version number: the result belongs to the
    // document object it was made from, not to a version number.
    if (abort.signal.aborted || this.states.get(uri) !== state || this.documents.get(uri) !== document || document.version !== version) return;
    // Done: the next edit has nothing of it to stop (stopping a finished check still told every listener its signal
    // ever had, about 1 ms per edit while the code was cold).
    if (state.abort === abort) state.abort = undefined;
    state.result = result;
    state.resultVersion = version;
    void this.connection.sendDiagnostics({ uri, version, diagnostics: result.findings.map(toDiagnostic) });
    this.heap.afterCheck();
    for (const listener of this.checkedListeners) listener(uri, version, result);
    for (const w of state.waiters.filter((w) => w.version <= version)) w.resolve(result);
    state.waiters = state.waiters.filter((w) => w.version > version);
    this.followUpLinkedDocuments(uri, result);
    if (!this.rehearsal.done && input.text.length >= REHEARSAL_MIN_CHARS) {
      clearTimeout(this.rehearsal.timer);
      // The first try right after the first check of a long draft (the writer reading what just opened), the next ones
      // at a pause: a rehearsal that starts after every check of a burst of edits only gets in its way.
      this.rehearsal.timer = setTimeout(() => this.rehearse(state, input, env), this.rehearsal.tried ? REHEARSAL_AFTER_MS : 0).unref();
    }
  }

  private stopRehearsal(): void {
    clearTimeout(this.rehearsal.timer);
    this.rehearsal.abort?.abort();
  }

  /** Rehearses edits of a long draft just checked, until the writer does something (then again at the next pause). */
  private rehearse(state: DocumentState, input: RehearsalInput, env: CheckEnvironment): void {
    if (this.states.get(input.uri) !== state) return;
    const abort = new AbortController();
    this.rehearsal.abort = abort;
    this.rehearsal.tried = true;
    const atOnce = state.checksAtOnce ?? false;
    void rehearseEdits(state.checker, input, env, this.workspace, abort.signal, () => this.heap.afterCheck(), atOnce).then(async ({ checks, ms }) => {
      // A rehearsal that ran to its end did so while the writer read: its garbage is collected now, not in the first
      // edits (where it made the heap keeper collect in the middle of the third one), and a few more edits compile
      // again what the collection dropped (REWARM_EDITS). Anything the writer does stops those too.
      const completed = !abort.signal.aborted;
      if (completed) {
        this.rehearsal.done = true;
        this.heap.atPause();
        await rehearseEdits(state.checker, input, env, this.workspace, abort.signal, () => undefined, atOnce, REWARM_EDITS);
      }
      if (this.rehearsal.abort === abort) this.rehearsal.abort = undefined;
      this.connection.console.log(`Benchpress: rehearsed ${checks} edits of ${input.path ?? input.uri} in ${Math.round(ms)} ms, to warm up the edit path${completed ? '' : ' (interrupted)'}.`);
    });
  }

  /** Settings being reloaded: requests wait for them, so they never answer for settings that are being replaced. */
  private settling: Promise<unknown> = Promise.resolve();

  /** Requests for results wait until `reload` is done (and the re-checks it starts are current). */
  settle(reload: Promise<unknown>): void {
    const previous = this.settling;
    this.settling = Promise.all([previous, reload.catch(() => undefined)]);
  }

  /** The result for the document's current version, checking at once if there is none yet. */
  async current(uri: string): Promise<CheckResult | undefined> {
    await this.settling;
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
    this.stopRehearsal();
    const state = this.states.get(uri);
    if (state) {
      state.cancelPending?.();
      state.abort?.abort();
      for (const w of state.waiters) w.resolve(undefined);
    }
    this.states.delete(uri);
    this.draftRoots.delete(uri);
    void this.connection.sendDiagnostics({ uri, diagnostics: [] });
    this.workspace.invalidate();
  }

  /**
   * Re-checks every open document (settings or `.benchpress/` files changed). Until each is checked again, its
   * last result no longer counts as current: requests wait for the new one instead of answering with anchors
   * or findings of the old settings.
   */
  recheckAll(): void {
    for (const doc of this.documents.all()) {
      const state = this.states.get(doc.uri);
      if (state) state.resultVersion = undefined;
      void this.schedule(doc.uri, true);
    }
  }

  /** When a draft's headings change, open drafts that link into it are checked again. */
  private followUpLinkedDocuments(uri: string, result: CheckResult): void {
    const state = this.states.get(uri);
    const view = result.view;
    if (!state || !view) return;
    const key = [...view.anchors.map((a) => a.id), ...view.htmlIds].join('\n');
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
