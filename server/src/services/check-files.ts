// Checking drafts on disk, for the command line and for workspace-wide features: read (UTF-8 checked), answer
// from the persistent cache where the text and settings did not change, check, and apply safe fixes. Each file
// keeps its DocumentChecker, so a re-check (after a link check or a fix) analyses only what changed.
import { pathToFileURL } from 'node:url';
import type { Finding } from '../base/types';
import { writeFileAtomic } from '../base/files';
import { flavorOf } from '../markdown/parse';
import type { WorkspaceView } from '../markdown/workspace';
import { DocumentChecker, type CheckEnvironment, type CheckResult, type PreparedCheck } from '../engine/document-checker';
import { anchorsOfView } from '../rules/links/missing-anchor';
import type { ChunkAnalyzer } from '../engine/analyzer';
import { fixAllText } from '../engine/fix-all';
import { guardFinding } from '../rules/guards';
import type { UrlCheckResult } from '../links/external/types';
import { LintCache } from '../node/lint-cache';
import { RecordingWorkspace } from '../node/lint-results';
import { readRunDraft, type Answers, type ReadDraft } from './run-drafts';

export { answerFromCache, cacheFolder, mapConcurrently, readRunDraft, type Answers, type ReadDraft } from './run-drafts';

export interface CheckRun {
  env: CheckEnvironment;
  workspace: WorkspaceView;
  analyzer: ChunkAnalyzer;
  /** The persistent result cache (a no-op cache when the run should not use one). */
  cache: LintCache;
  /** The answer cache: whole-file findings with what they depend on (CLI lint; absent: not used). */
  answers?: Answers;
}

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
  chunkHash?: string;
}

/** The first half of a file's check: read, chunks analysed (or taken from the cache), document view built. */
export async function prepareDraftFile(file: string, run: CheckRun, read?: ReadDraft): Promise<PreparedFile> {
  const checker = new DocumentChecker(run.analyzer);
  read ??= await readRunDraft(file);
  if (!read.draft) {
    return { read, state: { file, checker, text: '', bom: false, fromCache: false, findings: run.env.applyEngineSettings([guardFinding('unreadable', run.env.locale, { reason: read.error?.message ?? 'unreadable' })]) } };
  }
  const { text, bom, invalidUtf8Line } = read.draft;
  const flavor = flavorOf(file);
  const chunkHash = LintCache.hash(run.env.context.key + flavor, text);
  const hit = run.cache.lookup(file, chunkHash, text);
  if (hit) checker.seed(run.env, flavor, hit);
  const prepared = await checker.prepare({ uri: uriOf(file), path: file, text, invalidUtf8Line }, run.env);
  run.cache.store(file, chunkHash, checker.lastLayout);
  return { read, prepared, chunkHash, state: { file, checker, text, bom, invalidUtf8Line, findings: [], fromCache: !!hit && prepared.stats.analysed === 0 } };
}

/** The second half: the whole-document rules; the answer is stored with what it depended on. */
export async function finishDraftFile(file: PreparedFile, run: CheckRun): Promise<FileState> {
  const { state, prepared, read } = file;
  if (!prepared) return state;
  const recording = run.answers?.store ? new RecordingWorkspace(run.workspace, run.answers.signatures) : undefined;
  const result = await state.checker.finish(prepared, recording ?? run.workspace);
  if (recording && run.answers && read.hash) {
    run.answers.results.store(state.file, {
      hash: read.hash,
      findings: result.findings,
      deps: await recording.done(),
      anchors: result.view ? [...anchorsOfView(result.view)] : undefined,
      ...(state.text.includes('benchpress:') ? { day: run.answers.today } : {}),
    });
  }
  return { ...state, result, findings: result.findings };
}

/** Checks the file's current text again (after a link check, or a fix). */
export async function recheckDraft(state: FileState, run: CheckRun, urlResults?: ReadonlyMap<string, UrlCheckResult>): Promise<void> {
  if (!state.result) return;
  state.result = await state.checker.check({ uri: uriOf(state.file), path: state.file, text: state.text, urlResults, invalidUtf8Line: state.invalidUtf8Line }, run.env, run.workspace);
  state.findings = state.result.findings;
}

/** Applies the safe fixes until none is left and writes the file (atomically) if it changed; returns the edit count. */
export async function fixDraftFile(state: FileState, run: CheckRun, urlResults?: ReadonlyMap<string, UrlCheckResult>): Promise<number> {
  // Never rewrite a file whose bytes could not be decoded: that would destroy them.
  if (!state.result || state.invalidUtf8Line !== undefined) return 0;
  const original = state.text;
  const recheck = async (text: string) => {
    state.text = text;
    await recheckDraft(state, run, urlResults);
    return state.findings;
  };
  const fixed = await fixAllText(original, state.result.findings, recheck);
  if (fixed.text !== state.text) await recheck(fixed.text);
  if (state.text !== original) await writeFileAtomic(state.file, (state.bom ? '\uFEFF' : '') + state.text);
  return fixed.applied;
}
