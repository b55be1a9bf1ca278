// What a run over drafts needs before any check: the drafts read and hashed, the answer cache consulted, and the
// cache folder. Light on purpose: a run answered wholly from the cache loads nothing else (see cli/lint.ts).
import path from 'node:path';
import os from 'node:os';
import { createHash } from 'node:crypto';
import type { Finding } from '../base/types';
import { readFileSync } from 'node:fs';
import { digestOf, readDraft, type DraftOnDisk } from '../node/drafts';
import type { LintResults, Signatures } from '../node/lint-results';

/** The answer cache of a run, the signatures looked up so far and today's date (see node/lint-results.ts). */
export interface Answers {
  results: LintResults;
  signatures: Signatures;
  today: string;
  /** Whether this run's findings may be stored (not when they depend on the network). */
  store: boolean;
}

/** What the answer cache had for the files of a run it could not answer whole: file → its digest and findings. */
export type KnownAnswers = Map<string, { digest: string; findings: Finding[]; stamp: string }>;

/** A draft read for a run: its text and the digest of its bytes, or why it could not be read. */
export interface ReadDraft {
  file: string;
  draft?: DraftOnDisk;
  error?: unknown;
  /** Gone when its turn came (deleted or moved during the run). */
  missing?: boolean;
}

export async function readRunDraft(file: string): Promise<ReadDraft> {
  try {
    return { file, draft: await readDraft(file) };
  } catch (error) {
    return { file, error, missing: (error as NodeJS.ErrnoException).code === 'ENOENT' };
  }
}

/**
 * The digest of a file's bytes (what the answer cache keys by), without decoding them; undefined when unreadable.
 * Read synchronously: a run answered from the cache reads hundreds of small files and has nothing to do meanwhile.
 */
export function digestOfFile(file: string): string | undefined {
  try {
    return digestOf(readFileSync(file));
  } catch {
    return undefined;
  }
}

/** The findings from the answer cache (with their stamp), when the file and everything they depend on are unchanged. */
export function answerFromCache(read: ReadDraft, settings: string, answers: Answers): { findings: Finding[]; stamp: string } | undefined {
  if (!read.draft) return undefined;
  return answers.results.lookup(read.file, read.draft.digest, settings, answers.signatures, answers.today);
}

export async function mapConcurrently<T, R>(items: readonly T[], fn: (item: T, index: number) => Promise<R>, limit = 32): Promise<R[]> {
  const results = new Array<R>(items.length);
  let next = 0;
  const worker = async () => {
    for (let i = next++; i < items.length; i = next++) results[i] = await fn(items[i], i);
  };
  await Promise.all(Array.from({ length: Math.min(limit, Math.max(1, items.length)) }, worker));
  return results;
}

/** The workspace's `.benchpress/.cache/`, or a folder in the temp dir for files outside any workspace. */
export function cacheFolder(root: string | undefined, cwd: string): string {
  if (root) return path.join(root, '.benchpress', '.cache');
  return path.join(os.tmpdir(), 'benchpress-cache', createHash('sha1').update(cwd).digest('hex').slice(0, 16));
}
