// Checking drafts on disk, for the command line and for workspace-wide features: read (UTF-8 checked), answer
// from the persistent cache where the text and settings did not change, check, and apply safe fixes. Each file
// keeps its DocumentChecker, so a re-check (after a link check or a fix) analyses only what changed.
import { pathToFileURL } from 'node:url';
import type { Finding } from '../base/types';
import { writeFileAtomic } from '../base/files';
import { flavorOf } from '../markdown/parse';
import type { WorkspaceView } from '../markdown/workspace';
import { DocumentChecker, type CheckEnvironment, type CheckResult } from '../engine/document-checker';
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
  const checker = new DocumentChecker(run.analyzer);
  read ??= await readRunDraft(file);
  if (!read.draft) {
    return { file, checker, text: '', bom: false, fromCache: false, findings: run.env.applyEngineSettings([guardFinding('unreadable', run.env.locale, { reason: read.error?.message ?? 'unreadable' })]) };
  }
  const { text, bom, invalidUtf8Line } = read.draft;
  const flavor = flavorOf(file);
  const hash = LintCache.hash(run.env.context.key + flavor, text);
  const hit = run.cache.lookup(file, hash, text);
  if (hit) checker.seed(run.env, flavor, hit);
  const recording = run.answers?.store ? new RecordingWorkspace(run.workspace, run.answers.signatures) : undefined;
  const result = await checker.check({ uri: uriOf(file), path: file, text, invalidUtf8Line }, run.env, recording ?? run.workspace);
  run.cache.store(file, hash, checker.lastLayout);
  if (recording && run.answers && read.hash) {
    run.answers.results.store(file, { hash: read.hash, findings: result.findings, deps: await recording.done(), ...(text.includes('benchpress:') ? { day: run.answers.today } : {}) });
  }
  return { file, checker, text, bom, invalidUtf8Line, result, findings: result.findings, fromCache: !!hit && result.stats.analysed === 0 };
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
