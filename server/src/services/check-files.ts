// Checking drafts on disk, for the command line and for workspace-wide features: read (UTF-8 checked), answer
// from the persistent cache where the text and settings did not change, check, and apply safe fixes. Each file
// keeps its DocumentChecker, so a re-check (after a link check or a fix) analyses only what changed.
import { pathToFileURL } from 'node:url';
import type { Finding } from '../base/types';
import { writeFileAtomic } from '../base/files';
import { flavorOf } from '../markdown/parse';
import type { WorkspaceView } from '../markdown/workspace';
import { DocumentChecker, type CheckEnvironment, type CheckResult, type PreparedCheck } from '../engine/document-checker';
import { anchorsOfView } from '../markdown/anchors';
import { anchorSettingsKey } from '../markdown/heading-anchors';
import type { ChunkAnalyzer } from '../engine/analyzer';
import { fixAllText } from '../engine/fix-all';
import { guardFinding } from '../rules/guards';
import type { UrlCheckResult } from '../links/external/types';
import { LintCache } from '../node/lint-cache';
import { stateOnDisk } from '../node/drafts';
import { fsReason } from '../node/files';
import { RecordingWorkspace } from '../node/lint-results';
import { readRunDraft, type Answers, type ReadDraft } from './run-drafts';

export { answerFromCache, cacheFolder, mapConcurrently, readRunDraft, type Answers, type ReadDraft } from './run-drafts';

export interface CheckRun {
  env: CheckEnvironment;
  workspace: WorkspaceView;
  analyzer: ChunkAnalyzer;
  /** The persistent result cache (a no-op cache when the run should not use one). */
  cache: LintCache;
  /** The environment of one file (`env` with the config's `overrides` that match it); `env` when absent. */
  envFor?: (file: string) => CheckEnvironment;
  /** The answer cache: whole-file findings with what they depend on (CLI lint; absent: not used). */
  answers?: Answers;
  /** The fingerprint of a file's root's settings, for the answers stored (with `answers`). */
  settingsOf?: (file: string) => string;
  /** No file is checked again in this run (no fixes, no link check): checkers forget their chunk results once used. */
  checkedOnce?: boolean;
}

const envOf = (run: CheckRun, file: string) => run.envFor?.(file) ?? run.env;

/** One file through a run: its checker (with its chunk cache), its text and its current findings. */
export interface FileState {
  file: string;
  checker: DocumentChecker;
  text: string;
  bom: boolean;
  invalidUtf8Line?: number;
  result?: CheckResult;
  findings: Finding[];
  /** Answered from the persistent cache: nothing was analysed. */
  fromCache: boolean;
  /** The stamp of `findings` as the answer cache keeps them, when they were stored (see node/lint-results.ts). */
  stamp?: string;
  /** A digest of the bytes read: a fix is written only over these very bytes. */
  digest?: string;
  /** The file was gone when its turn came (deleted or moved during the run): nothing to report on it. */
  missing?: boolean;
  /** Why `--fix` left the file alone: it changed on disk, or was deleted, after it was read. */
  fixSkipped?: 'changed' | 'deleted';
}

export const uriOf = (file: string) => pathToFileURL(file).href;

export async function checkDraftFile(file: string, run: CheckRun, read?: ReadDraft): Promise<FileState> {
  return finishDraftFile(await prepareDraftFile(file, run, read), run);
}

/** A file halfway through its check (see DocumentChecker.prepare). */
export interface PreparedFile {
  state: FileState;
  prepared?: PreparedCheck;
  read: ReadDraft;
}

/** The first half of a file's check: read, chunks analysed (or taken from the cache), document view built. */
export async function prepareDraftFile(file: string, run: CheckRun, read?: ReadDraft): Promise<PreparedFile> {
  const checker = new DocumentChecker(run.analyzer);
  const env = envOf(run, file);
  read ??= await readRunDraft(file);
  if (!read.draft) {
    if (read.missing) return { read, state: { file, checker, text: '', bom: false, fromCache: false, findings: [], missing: true } };
    return { read, state: { file, checker, text: '', bom: false, fromCache: false, findings: env.applyEngineSettings([guardFinding('unreadable', env.locale, { reason: fsReason(read.error) })]) } };
  }
  const { text, bom, invalidUtf8Line, digest } = read.draft;
  const flavor = flavorOf(file);
  const hash = run.cache.enabled ? LintCache.hash(env.context.key + flavor, text) : undefined;
  const hit = hash === undefined ? undefined : run.cache.lookup(file, hash, text);
  if (hit) checker.seed(env, flavor, hit);
  const prepared = await checker.prepare({ uri: uriOf(file), path: file, text, invalidUtf8Line }, env);
  if (hash !== undefined) run.cache.store(file, hash, checker.lastLayout);
  // Checked once: the chunk results are not needed again (the findings and the view have their own copies).
  if (run.checkedOnce) checker.forget();
  return { read, prepared, state: { file, checker, text, bom, invalidUtf8Line, findings: [], fromCache: !!hit && prepared.stats.analysed === 0, digest } };
}

/** The second half: the whole-document rules; the answer is stored with what it depended on. */
export async function finishDraftFile(file: PreparedFile, run: CheckRun): Promise<FileState> {
  const { state, prepared, read } = file;
  if (!prepared) return state;
  const recording = run.answers?.store ? new RecordingWorkspace(run.workspace, run.answers.signatures) : undefined;
  const result = await state.checker.finish(prepared, recording ?? run.workspace);
  let stamp: string | undefined;
  if (recording && run.answers && read.draft && run.settingsOf) {
    const view = result.view;
    stamp = run.answers.results.store(state.file, {
      hash: read.draft.digest,
      ...(read.draft.settled !== undefined ? { stat: read.draft.settled } : {}),
      settings: run.settingsOf(state.file),
      // Without their fixes: a cached answer is only ever printed (`--fix` never reads the cache).
      findings: result.findings.map(({ fixes: _fixes, ...finding }) => finding),
      deps: recording.deps,
      anchors: view ? { key: anchorSettingsKey(view.anchorSettings), anchors: anchorsOfView(view) } : undefined,
      ...(state.text.includes('benchpress:') ? { day: run.answers.today } : {}),
    });
  }
  return { ...state, result, findings: result.findings, stamp };
}

/** Checks the file's current text again (after a link check, or a fix). */
export async function recheckDraft(state: FileState, run: CheckRun, urlResults?: ReadonlyMap<string, UrlCheckResult>): Promise<void> {
  if (!state.result) return;
  state.result = await state.checker.check({ uri: uriOf(state.file), path: state.file, text: state.text, urlResults, invalidUtf8Line: state.invalidUtf8Line }, envOf(run, state.file), run.workspace);
  state.findings = state.result.findings;
  state.stamp = undefined;
}

/**
 * Applies the safe fixes until none is left and writes the file (atomically) if it changed; returns the edit count.
 * The file is written only if it still holds the bytes that were read: a draft changed (or deleted) on disk in the
 * meantime is left as it is, `fixSkipped` says why, and the findings stay those of the text that was read.
 * Line endings follow the file: in a file with CRLF line ends only, a fix's new lines get CRLF too.
 */
export async function fixDraftFile(state: FileState, run: CheckRun, urlResults?: ReadonlyMap<string, UrlCheckResult>): Promise<number> {
  // Never rewrite a file whose bytes could not be decoded: that would destroy them.
  if (!state.result || state.invalidUtf8Line !== undefined) return 0;
  const original = state.text;
  const originalResult = state.result;
  const recheck = async (text: string) => {
    state.text = text;
    await recheckDraft(state, run, urlResults);
    return state.findings;
  };
  const fixed = await fixAllText(original, state.result.findings, recheck);
  const final = keepLineEndings(original, fixed.text);
  if (final !== state.text) await recheck(final);
  if (state.text === original) return fixed.applied;
  const onDisk = state.digest === undefined ? 'changed' : await stateOnDisk(state.file, state.digest);
  if (onDisk !== 'unchanged') {
    state.fixSkipped = onDisk;
    state.text = original;
    state.result = originalResult;
    state.findings = originalResult.findings;
    return 0;
  }
  await writeFileAtomic(state.file, (state.bom ? '\uFEFF' : '') + state.text);
  return fixed.applied;
}

/** `after` with the line ends of `before` when those were all CRLF (as an editor inserts text in such a file). */
export function keepLineEndings(before: string, after: string): string {
  if (!before.includes('\r\n') || /(^|[^\r])\n/.test(before) || /\r(?!\n)/.test(before)) return after;
  return after.replace(/\r?\n/g, '\r\n');
}
