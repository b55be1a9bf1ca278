// The CLI's result cache, so a re-run skips files that did not change. One JSON file per workspace in
// `.benchpress/.cache/` (with its own .gitignore), keyed by file path; an entry is valid only for the exact file
// text and analysis context it was made with. A damaged cache is ignored, never trusted.
import { promises as fs } from 'node:fs';
import path from 'node:path';
import { createHash } from 'node:crypto';
import type { ChunkResult } from '../engine/analyze';
import { ensureIgnoredFolder, writeFileAtomic } from '../base/files';

interface Entry {
  hash: string;
  chunks: { start: number; end: number; result: ChunkResult }[];
}

const FORMAT = 1;

export class LintCache {
  private entries = new Map<string, Entry>();
  private dirty = false;

  private constructor(private readonly file: string | undefined, private readonly version: string) {}

  static async open(dir: string | undefined, version: string): Promise<LintCache> {
    const file = dir ? path.join(dir, 'lint-cache.json') : undefined;
    const cache = new LintCache(file, version);
    if (!file) return cache;
    try {
      const data = JSON.parse(await fs.readFile(file, 'utf8')) as { format: number; version: string; entries: Record<string, Entry> };
      if (isRecord(data) && data.format === FORMAT && data.version === version && isRecord(data.entries)) {
        cache.entries = new Map(Object.entries(data.entries).filter(([, e]) => isRecord(e) && typeof e.hash === 'string'));
      }
    } catch {
      /* no cache yet, or unreadable: start empty */
    }
    return cache;
  }

  static hash(contextKey: string, text: string): string {
    return createHash('sha1').update(contextKey).update('\0').update(text).digest('hex');
  }

  /**
   * Cached chunk results for this exact text, as [chunk text, result] pairs, or undefined. An entry that is not in
   * the shape this build writes (a damaged or foreign cache file) is a miss: the file is simply checked again.
   */
  lookup(file: string, hash: string, text: string): [string, ChunkResult][] | undefined {
    const entry = this.entries.get(file);
    if (!entry || entry.hash !== hash || !validChunks(entry.chunks, text.length)) return undefined;
    return entry.chunks.map((c) => [text.slice(c.start, c.end), c.result]);
  }

  /** Whether anything is read or kept (a run with `--no-cache` has no cache file: nothing is). */
  get enabled(): boolean {
    return this.file !== undefined;
  }

  store(file: string, hash: string, chunks: Entry['chunks']): void {
    // Without a file nothing is saved: keeping the chunk results would only hold them in memory.
    if (!this.file) return;
    // An entry made from the same text is the same entry: a run that only read the cache writes nothing.
    if (this.entries.get(file)?.hash === hash) return;
    this.entries.set(file, { hash, chunks });
    this.dirty = true;
  }

  async save(): Promise<void> {
    if (!this.file || !this.dirty) return;
    try {
      await ensureIgnoredFolder(path.dirname(this.file));
      await writeFileAtomic(this.file, JSON.stringify({ format: FORMAT, version: this.version, entries: Object.fromEntries(this.entries) }));
    } catch {
      /* a read-only checkout simply runs without a cache */
    }
  }
}

const isRecord = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);
const isOffset = (v: unknown, max: number): v is number => Number.isInteger(v) && (v as number) >= 0 && (v as number) <= max;

/** Chunks in order, inside the text, each with a result that has findings and a summary. */
function validChunks(chunks: unknown, length: number): chunks is Entry['chunks'] {
  if (!Array.isArray(chunks)) return false;
  let last = 0;
  for (const c of chunks) {
    if (!isRecord(c) || !isOffset(c.start, length) || !isOffset(c.end, length) || c.start < last || c.end < c.start) return false;
    last = c.end;
    const r = c.result;
    if (!isRecord(r) || !Array.isArray(r.findings) || !isRecord(r.summary) || typeof r.endsOpen !== 'boolean') return false;
    for (const f of r.findings) if (!isRecord(f) || typeof f.ruleId !== 'string' || typeof f.message !== 'string' || !isRecord(f.range)) return false;
    for (const key of ['headings', 'definitions', 'references', 'links', 'lists', 'features', 'prose', 'brackets', 'htmlIds', 'directives']) if (!Array.isArray(r.summary[key])) return false;
  }
  return true;
}
