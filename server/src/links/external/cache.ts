// Caches of page checks, keyed by the URL without its fragment (see pageCacheKey). The checker decides
// freshness (cacheTtlHours against PageCheck.checkedAt) and what is worth caching; a cache only stores.
import { promises as fs, readFileSync } from 'node:fs';
import type { PageCheck } from './types';
import { writeFileAtomic } from '../../base/files';

type MaybePromise<T> = T | Promise<T>;

export interface UrlCheckCache {
  get(key: string): MaybePromise<PageCheck | undefined>;
  set(key: string, value: PageCheck): MaybePromise<void>;
  delete?(key: string): MaybePromise<void>;
  /** Called once at the end of every run (also a cancelled one). */
  flush?(): Promise<void>;
}

/** The cache key of a URL: its normalised form without the fragment. */
export function pageCacheKey(url: URL): string {
  const u = new URL(url.href);
  u.hash = '';
  return u.href;
}

export class MemoryUrlCache implements UrlCheckCache {
  readonly entries = new Map<string, PageCheck>();
  get(key: string): PageCheck | undefined {
    return this.entries.get(key);
  }
  set(key: string, value: PageCheck): void {
    this.entries.set(key, value);
  }
  delete(key: string): void {
    this.entries.delete(key);
  }
}

const FILE_VERSION = 1;

interface CacheFile {
  version: number;
  entries: Record<string, PageCheck>;
}

export interface JsonFileUrlCacheOptions {
  /** Entries older than this are dropped when the file is written. Default 24 * 7 (a week). */
  pruneAfterHours?: number;
  /** Told about a cache file that could not be read or written; the cache then works from memory. */
  onWarning?: (message: string) => void;
  now?: () => number;
}

function isPageCheck(v: unknown): v is PageCheck {
  if (typeof v !== 'object' || v === null) return false;
  const o = v as Record<string, unknown>;
  return typeof o.status === 'string' && typeof o.message === 'string' && typeof o.checkedAt === 'string' && !Number.isNaN(Date.parse(o.checkedAt));
}

/**
 * A cache in one JSON file (a file beside the CLI's config, or in the editor's workspace storage).
 * Loaded once when opened; `flush` writes it atomically (temporary file in the same folder, then
 * rename) when something changed. A missing file is an empty cache; a corrupt one is ignored with a
 * warning and replaced at the next flush. Never throws for I/O trouble.
 */
export class JsonFileUrlCache implements UrlCheckCache {
  private readonly entries = new Map<string, PageCheck>();
  private dirty = false;

  private constructor(
    readonly file: string,
    private readonly options: JsonFileUrlCacheOptions,
  ) {}

  static async open(file: string, options: JsonFileUrlCacheOptions = {}): Promise<JsonFileUrlCache> {
    const cache = new JsonFileUrlCache(file, options);
    let text: string | undefined;
    try {
      text = await fs.readFile(file, 'utf8');
    } catch (err) {
      if ((err as NodeJS.ErrnoException).code !== 'ENOENT') options.onWarning?.(`Link cache ${file} could not be read (${(err as Error).message}); starting empty.`);
    }
    if (text !== undefined) cache.load(text);
    return cache;
  }

  /** Same as open, synchronously (for callers that cannot await while starting up). */
  static openSync(file: string, options: JsonFileUrlCacheOptions = {}): JsonFileUrlCache {
    const cache = new JsonFileUrlCache(file, options);
    let text: string | undefined;
    try {
      text = readFileSync(file, 'utf8');
    } catch (err) {
      if ((err as NodeJS.ErrnoException).code !== 'ENOENT') options.onWarning?.(`Link cache ${file} could not be read (${(err as Error).message}); starting empty.`);
    }
    if (text !== undefined) cache.load(text);
    return cache;
  }

  private load(text: string) {
    let data: unknown;
    try {
      data = JSON.parse(text);
    } catch {
      this.options.onWarning?.(`Link cache ${this.file} is corrupt (not JSON); ignoring it.`);
      this.dirty = true;
      return;
    }
    const file = data as Partial<CacheFile> | null;
    if (!file || typeof file !== 'object' || file.version !== FILE_VERSION || typeof file.entries !== 'object' || file.entries === null) {
      this.options.onWarning?.(`Link cache ${this.file} has an unknown format; ignoring it.`);
      this.dirty = true;
      return;
    }
    for (const [key, value] of Object.entries(file.entries)) {
      if (isPageCheck(value)) this.entries.set(key, value);
      else this.dirty = true;
    }
  }

  get size(): number {
    return this.entries.size;
  }

  get(key: string): PageCheck | undefined {
    return this.entries.get(key);
  }

  set(key: string, value: PageCheck): void {
    this.entries.set(key, value);
    this.dirty = true;
  }

  delete(key: string): void {
    if (this.entries.delete(key)) this.dirty = true;
  }

  async flush(): Promise<void> {
    const now = (this.options.now ?? Date.now)();
    const maxAge = (this.options.pruneAfterHours ?? 24 * 7) * 3_600_000;
    for (const [key, value] of this.entries) {
      if (now - Date.parse(value.checkedAt) > maxAge) {
        this.entries.delete(key);
        this.dirty = true;
      }
    }
    if (!this.dirty) return;
    const data: CacheFile = { version: FILE_VERSION, entries: Object.fromEntries(this.entries) };
    try {
      await writeFileAtomic(this.file, JSON.stringify(data), { mkdir: true });
      this.dirty = false;
    } catch (err) {
      this.options.onWarning?.(`Link cache ${this.file} could not be written (${(err as Error).message}).`);
    }
  }
}
