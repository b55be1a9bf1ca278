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
      if (data.format === FORMAT && data.version === version && data.entries && typeof data.entries === 'object') {
        cache.entries = new Map(Object.entries(data.entries));
      }
    } catch {
      /* no cache yet, or unreadable: start empty */
    }
    return cache;
  }

  static hash(contextKey: string, text: string): string {
    return createHash('sha1').update(contextKey).update('\0').update(text).digest('hex');
  }

  /** Cached chunk results for this exact text, as [chunk text, result] pairs, or undefined. */
  lookup(file: string, hash: string, text: string): [string, ChunkResult][] | undefined {
    const entry = this.entries.get(file);
    if (!entry || entry.hash !== hash) return undefined;
    return entry.chunks.map((c) => [text.slice(c.start, c.end), c.result]);
  }

  store(file: string, hash: string, chunks: Entry['chunks']): void {
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
