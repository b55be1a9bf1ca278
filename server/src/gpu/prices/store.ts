// Price snapshots: the shape shared by the built-in RunPod snapshot (`server/src/data/cloud-prices.json`) and
// fetched ones, a small file cache for the last fetched snapshot (written atomically, read defensively), and the
// merge that gives the prices a check or a table should use. A failed refresh never touches the cache, so the
// last good snapshot (or the built-in one) stays in effect.
import { isIsoDate } from '../../base/dates';
import { promises as fs } from 'node:fs';
import type { PriceRow, PriceSnapshot } from '../database';
import { writeFileAtomic } from '../../base/files';

export type { PriceRow, PriceSnapshot };

export { PRICE_CACHE_RELATIVE } from '../paths';

/** A saved snapshot larger than this is not read (ours are a few KB). */
const MAX_FILE_BYTES = 2 * 1024 * 1024;
const GPU_ID = /^[a-z0-9][a-z0-9.-]*$/;

function isObject(v: unknown): v is Record<string, unknown> {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

const isDate = (v: unknown): v is string => isIsoDate(v);

function isPositive(v: unknown): v is number {
  return typeof v === 'number' && Number.isFinite(v) && v > 0;
}

/** Checks that a value has the snapshot shape; the reason names the first problem found. */
export function validatePriceSnapshot(value: unknown): { ok: true; snapshot: PriceSnapshot } | { ok: false; reason: string } {
  if (!isObject(value)) return { ok: false, reason: 'not a JSON object' };
  if (value.schemaVersion !== 1) return { ok: false, reason: `unsupported schemaVersion ${JSON.stringify(value.schemaVersion)}` };
  if (typeof value.provider !== 'string' || value.provider === '') return { ok: false, reason: 'missing provider' };
  if (!isDate(value.asOf)) return { ok: false, reason: 'asOf is not a YYYY-MM-DD date' };
  if (typeof value.source !== 'string' || value.source === '') return { ok: false, reason: 'missing source' };
  if (typeof value.currency !== 'string' || !/^[A-Z]{3}$/.test(value.currency)) return { ok: false, reason: 'missing or invalid currency' };
  if (!Array.isArray(value.prices)) return { ok: false, reason: 'prices is not a list' };
  const seen = new Set<string>();
  for (const [i, row] of value.prices.entries()) {
    const where = `prices[${i}]`;
    if (!isObject(row)) return { ok: false, reason: `${where} is not an object` };
    if (typeof row.gpuId !== 'string' || !GPU_ID.test(row.gpuId)) return { ok: false, reason: `${where}.gpuId is missing or invalid` };
    if (typeof row.provider !== 'string' || row.provider === '') return { ok: false, reason: `${where}.provider is missing` };
    if (typeof row.tier !== 'string' || row.tier === '') return { ok: false, reason: `${where}.tier is missing` };
    if (!isPositive(row.usdPerHour)) return { ok: false, reason: `${where}.usdPerHour is not a positive number` };
    if (row.usdPerSecond !== undefined && !isPositive(row.usdPerSecond)) return { ok: false, reason: `${where}.usdPerSecond is not a positive number` };
    if (typeof row.source !== 'string' || row.source === '') return { ok: false, reason: `${where}.source is missing` };
    if (!isDate(row.asOf)) return { ok: false, reason: `${where}.asOf is not a YYYY-MM-DD date` };
    if (row.asOfNote !== undefined && typeof row.asOfNote !== 'string') return { ok: false, reason: `${where}.asOfNote is not text` };
    const key = `${row.gpuId}\u0000${row.tier}`;
    if (seen.has(key)) return { ok: false, reason: `${where} repeats ${row.gpuId} ${row.tier}` };
    seen.add(key);
  }
  return { ok: true, snapshot: value as unknown as PriceSnapshot };
}

export interface PriceStoreOptions {
  /** Told when a saved snapshot is ignored (corrupt, wrong shape, unreadable). Defaults to no output. */
  warn?: (message: string) => void;
}

/** The file cache of the last fetched snapshot. */
export class PriceStore {
  constructor(private readonly options: PriceStoreOptions = {}) {}

  /**
   * Writes the snapshot to `file` atomically: a temporary file in the same folder, flushed, then renamed over
   * the old one — a reader sees the old snapshot or the new one, never half of one. Creates the folder.
   * Rejects (and leaves the old file as it was) if the snapshot is not valid or the write fails.
   */
  async save(file: string, snapshot: PriceSnapshot): Promise<void> {
    const valid = validatePriceSnapshot(snapshot);
    if (!valid.ok) throw new Error(`Refusing to save an invalid price snapshot: ${valid.reason}`);
    await writeFileAtomic(file, JSON.stringify(snapshot, null, 2) + '\n', { mkdir: true });
  }

  /**
   * The snapshot saved in `file`, or undefined when there is none. A file that cannot be read, is not JSON or
   * does not have the snapshot shape is ignored with a warning (never trusted, never thrown).
   */
  async load(file: string): Promise<PriceSnapshot | undefined> {
    let text: string;
    try {
      const stat = await fs.stat(file);
      if (!stat.isFile()) return this.ignore(file, 'not a file');
      if (stat.size > MAX_FILE_BYTES) return this.ignore(file, `larger than ${MAX_FILE_BYTES / 1024 / 1024} MB`);
      text = await fs.readFile(file, 'utf8');
    } catch (err) {
      if ((err as NodeJS.ErrnoException).code === 'ENOENT') return undefined;
      return this.ignore(file, `cannot be read (${(err as NodeJS.ErrnoException).code ?? (err as Error).message})`);
    }
    let json: unknown;
    try {
      json = JSON.parse(text.replace(/^\uFEFF/, ''));
    } catch {
      return this.ignore(file, 'not valid JSON');
    }
    const valid = validatePriceSnapshot(json);
    if (!valid.ok) return this.ignore(file, valid.reason);
    return valid.snapshot;
  }

  private ignore(file: string, reason: string): undefined {
    this.options.warn?.(`Ignoring the saved RunPod prices in ${file}: ${reason}. The built-in snapshot is used instead.`);
    return undefined;
  }
}

function rowKey(row: Pick<PriceRow, 'gpuId' | 'tier'>): string {
  return `${row.gpuId}\u0000${row.tier}`;
}

/**
 * The prices in effect: each fetched row replaces the built-in row with the same gpuId and tier (unless the
 * built-in row is newer — a snapshot shipped with a later Benchpress beats an old fetch), fetched rows for other
 * GPUs/tiers are added, and every other built-in row stays. Without a fetched snapshot (or with one in another
 * currency or for another provider) this is the built-in snapshot. Inputs are not modified.
 */
export function effectivePrices(builtin: PriceSnapshot, fetched: PriceSnapshot | undefined): PriceSnapshot {
  const copy = (s: PriceSnapshot): PriceSnapshot => ({ ...s, prices: s.prices.map((r) => ({ ...r })) });
  if (!fetched || fetched.currency !== builtin.currency || fetched.provider !== builtin.provider) return copy(builtin);
  const fetchedByKey = new Map(fetched.prices.map((r) => [rowKey(r), r]));
  const placed = new Set<string>();
  let used = 0;
  const prices = builtin.prices.map((row) => {
    const key = rowKey(row);
    const f = fetchedByKey.get(key);
    if (!f) return { ...row };
    placed.add(key);
    if (f.asOf < row.asOf) return { ...row };
    used++;
    return { ...f };
  });
  for (const f of fetched.prices) {
    if (placed.has(rowKey(f))) continue;
    placed.add(rowKey(f));
    prices.push({ ...f });
    used++;
  }
  if (used === 0) return copy(builtin);
  return {
    ...builtin,
    asOf: fetched.asOf > builtin.asOf ? fetched.asOf : builtin.asOf,
    source: `${fetched.source}; rows not fetched: built-in snapshot of ${builtin.asOf}`,
    prices,
  };
}
