// The CLI's chunk cache, so a file whose answer cannot be reused (a file it links to changed, say) is not parsed
// again: per file, the results of its chunks for the exact text and analysis context they were made with. One small
// JSON file per draft in `.benchpress/.cache/chunks/` (named by a hash of the draft's path), so a run reads the
// entries of the files it analyses and writes those of the files it changed — not one file for the whole workspace,
// which a run with one edited draft used to read and write whole (13 MB for the bench corpus). A damaged entry is
// ignored, never trusted; an entry not written for PRUNE_AFTER_DAYS is removed (its draft may be long gone).
import { readFileSync, promises as fs } from 'node:fs';
import path from 'node:path';
import { createHash } from 'node:crypto';
import type { ChunkResult } from '../engine/chunk-result';
import { ensureIgnoredFolder, writeFileAtomic } from '../base/files';

interface Entry {
  hash: string;
  chunks: { start: number; end: number; result: ChunkResult }[];
}

const FORMAT = 2;
const PRUNE_AFTER_DAYS = 30;
/** Entry files written at once. */
const SAVE_BATCH = 16;
/** The one-file cache that earlier builds kept (removed once this build saves). */
const OLD_SINGLE_FILE = 'lint-cache.json';

export class LintCache {
  /** What each file's entry held when looked up or stored in this run (null: none usable). */
  private readonly known = new Map<string, Entry | null>();
  private readonly changed = new Set<string>();
  /** Files whose entry answered a lookup: whole and valid, so there is nothing to write for them. */
  private readonly answered = new Set<string>();

  private constructor(private readonly dir: string | undefined, private readonly version: string) {}

  static async open(dir: string | undefined, version: string): Promise<LintCache> {
    return new LintCache(dir ? path.join(dir, 'chunks') : undefined, version);
  }

  static hash(contextKey: string, text: string): string {
    return createHash('sha1').update(contextKey).update('\0').update(text).digest('hex');
  }

  private entryFile(file: string): string {
    return path.join(this.dir!, `${createHash('sha1').update(file).digest('hex')}.json`);
  }

  /** The entry kept for a file, read once per run. */
  private entry(file: string): Entry | null {
    let entry = this.known.get(file);
    if (entry === undefined) {
      entry = null;
      try {
        const data = JSON.parse(readFileSync(this.entryFile(file), 'utf8')) as unknown;
        if (isRecord(data) && data.format === FORMAT && data.version === this.version && data.file === file && typeof data.hash === 'string') entry = { hash: data.hash, chunks: data.chunks as Entry['chunks'] };
      } catch {
        /* none yet, or unreadable: a miss */
      }
      this.known.set(file, entry);
    }
    return entry;
  }

  /**
   * Cached chunk results for this exact text, as [chunk text, result] pairs, or undefined. An entry that is not in
   * the shape this build writes (a damaged or foreign cache file) is a miss: the file is simply checked again.
   */
  lookup(file: string, hash: string, text: string): [string, ChunkResult][] | undefined {
    if (!this.dir) return undefined;
    const entry = this.entry(file);
    if (!entry || entry.hash !== hash || !validChunks(entry.chunks, text.length)) return undefined;
    this.answered.add(file);
    return entry.chunks.map((c) => [text.slice(c.start, c.end), c.result]);
  }

  /** Whether anything is read or kept (a run with `--no-cache` has no cache folder: nothing is). */
  get enabled(): boolean {
    return this.dir !== undefined;
  }

  store(file: string, hash: string, chunks: Entry['chunks']): void {
    // Without a folder nothing is saved: keeping the chunk results would only hold them in memory.
    if (!this.dir) return;
    // An entry that answered for this text is this entry: a run that only read the cache writes nothing. (One of
    // the same text that did not answer was damaged, and is written again.)
    if (this.answered.has(file) && this.entry(file)?.hash === hash) return;
    this.known.set(file, { hash, chunks });
    this.changed.add(file);
  }

  async save(): Promise<void> {
    if (!this.dir || this.changed.size === 0) return;
    try {
      await ensureIgnoredFolder(path.dirname(this.dir));
      await fs.mkdir(this.dir, { recursive: true });
      const files = [...this.changed];
      for (let i = 0; i < files.length; i += SAVE_BATCH) {
        await Promise.all(files.slice(i, i + SAVE_BATCH).map((file) => {
          const entry = this.known.get(file)!;
          return writeFileAtomic(this.entryFile(file), JSON.stringify({ format: FORMAT, version: this.version, file, hash: entry.hash, chunks: entry.chunks }), { flush: false });
        }));
      }
      this.changed.clear();
      await this.prune();
    } catch {
      /* a read-only checkout simply runs without a cache */
    }
  }

  /** Entries nobody wrote for PRUNE_AFTER_DAYS, and the old one-file cache; looked for at most once a day. */
  private async prune(): Promise<void> {
    const marker = path.join(this.dir!, '.pruned');
    const last = await fs.stat(marker).then((s) => s.mtimeMs, () => 0);
    if (Date.now() - last < 86_400_000) return;
    await fs.writeFile(marker, '');
    await fs.rm(path.join(path.dirname(this.dir!), OLD_SINGLE_FILE), { force: true });
    const before = Date.now() - PRUNE_AFTER_DAYS * 86_400_000;
    for (const name of await fs.readdir(this.dir!)) {
      if (!name.endsWith('.json')) continue;
      const entryFile = path.join(this.dir!, name);
      const stat = await fs.stat(entryFile).catch(() => undefined);
      if (stat?.isFile() && stat.mtimeMs < before) await fs.rm(entryFile, { force: true });
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
