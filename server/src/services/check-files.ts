// Checking drafts on disk, for the command line and for workspace-wide features: read (UTF-8 checked), answer
// from the persistent cache where the text and settings did not change, check, and apply safe fixes. Each file
// keeps its DocumentChecker, so a re-check (after a link check or a fix) analyses only what changed.
import path from 'node:path';
import os from 'node:os';
import { createHash } from 'node:crypto';
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
import { readDraft, stateOnDisk } from '../node/drafts';
import { fsReason } from '../node/files';

export interface CheckRun {
  env: CheckEnvironment;
  workspace: WorkspaceView;
  analyzer: ChunkAnalyzer;
  /** The persistent result cache (a no-op cache when the run should not use one). */
  cache: LintCache;
  /** The environment of one file (`env` with the config's `overrides` that match it); `env` when absent. */
  envFor?: (file: string) => CheckEnvironment;
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
  /** A digest of the bytes read: a fix is written only over these very bytes. */
  digest?: string;
  /** The file was gone when its turn came (deleted or moved during the run): nothing to report on it. */
  missing?: boolean;
  /** Why `--fix` left the file alone: it changed on disk, or was deleted, after it was read. */
  fixSkipped?: 'changed' | 'deleted';
}

export const uriOf = (file: string) => pathToFileURL(file).href;

export async function checkDraftFile(file: string, run: CheckRun): Promise<FileState> {
  const checker = new DocumentChecker(run.analyzer);
  const env = envOf(run, file);
  let draft;
  try {
    draft = await readDraft(file);
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return { file, checker, text: '', bom: false, fromCache: false, findings: [], missing: true };
    return { file, checker, text: '', bom: false, fromCache: false, findings: env.applyEngineSettings([guardFinding('unreadable', env.locale, { reason: fsReason(error) })]) };
  }
  const { text, bom, invalidUtf8Line, digest } = draft;
  const flavor = flavorOf(file);
  const hash = LintCache.hash(env.context.key + flavor, text);
  const hit = run.cache.lookup(file, hash, text);
  if (hit) checker.seed(env, flavor, hit);
  const result = await checker.check({ uri: uriOf(file), path: file, text, invalidUtf8Line }, env, run.workspace);
  run.cache.store(file, hash, checker.lastLayout);
  return { file, checker, text, bom, invalidUtf8Line, result, findings: result.findings, fromCache: !!hit && result.stats.analysed === 0, digest };
}

/** Checks the file's current text again (after a link check, or a fix). */
export async function recheckDraft(state: FileState, run: CheckRun, urlResults?: ReadonlyMap<string, UrlCheckResult>): Promise<void> {
  if (!state.result) return;
  state.result = await state.checker.check({ uri: uriOf(state.file), path: state.file, text: state.text, urlResults, invalidUtf8Line: state.invalidUtf8Line }, envOf(run, state.file), run.workspace);
  state.findings = state.result.findings;
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

export async function mapConcurrently<T, R>(items: readonly T[], fn: (item: T) => Promise<R>, limit = 32): Promise<R[]> {
  const results = new Array<R>(items.length);
  let next = 0;
  const worker = async () => {
    for (let i = next++; i < items.length; i = next++) results[i] = await fn(items[i]);
  };
  await Promise.all(Array.from({ length: Math.min(limit, Math.max(1, items.length)) }, worker));
  return results;
}

/** The workspace's `.benchpress/.cache/`, or a folder in the temp dir for files outside any workspace. */
export function cacheFolder(root: string | undefined, cwd: string): string {
  if (root) return path.join(root, '.benchpress', '.cache');
  return path.join(os.tmpdir(), 'benchpress-cache', createHash('sha1').update(cwd).digest('hex').slice(0, 16));
}
