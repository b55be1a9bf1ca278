// Reference data for checks: the built-in GPU data set, with a team's overrides in `.benchpress/gpus.json` and
// `.benchpress/prices.json` merged over it (problems in those files come back as diagnostics on them).
import path from 'node:path';
import { readTextIfExists } from '../base/files';
import builtinGpus from '../data/gpus.json';
import builtinPrices from '../data/cloud-prices.json';
import type { ChunkData } from '../rules/chunk-data';
import type { GpuRecord } from '../gpu/data';
import { GpuDatabase, mergeUserData, USER_GPUS_FILE, USER_PRICES_FILE, type PriceRow, type PriceSnapshot } from '../gpu/database';
import type { FileProblems } from './workspace-files';
import { effectivePrices, PRICE_CACHE_RELATIVE, PriceStore, validatePriceSnapshot } from '../gpu/prices/store';

export const BUILTIN_GPUS: GpuRecord[] = builtinGpus.gpus as GpuRecord[];
/** The built-in price snapshot, checked like any saved snapshot (the data tests keep it valid). */
export const BUILTIN_PRICE_SNAPSHOT: PriceSnapshot = builtinSnapshot();
export const BUILTIN_PRICES: PriceRow[] = BUILTIN_PRICE_SNAPSHOT.prices;

function builtinSnapshot(): PriceSnapshot {
  const checked = validatePriceSnapshot(builtinPrices);
  if (!checked.ok) throw new Error(`The built-in price data is invalid: ${checked.reason}`);
  return checked.snapshot;
}

let builtinDb: GpuDatabase | undefined;

/** The built-in data set alone (specs and prices). */
export function builtinGpuDatabase(): GpuDatabase {
  builtinDb ??= new GpuDatabase({ gpus: BUILTIN_GPUS, prices: BUILTIN_PRICES, asOf: builtinGpus.asOf, pricesAsOf: BUILTIN_PRICE_SNAPSHOT.asOf });
  return builtinDb;
}

export interface LoadGpuDatabaseOptions {
  /** Prices to start from instead of the built-in snapshot (e.g. the built-in ones updated by a price refresh). */
  prices?: readonly PriceRow[];
  pricesAsOf?: string;
}

/** Built-in prices updated by the last price refresh saved in the workspace (`.benchpress/.cache/`), if any. */
async function refreshedPrices(root: string | undefined): Promise<{ prices: PriceRow[]; asOf: string } | undefined> {
  if (!root) return undefined;
  const fetched = await new PriceStore().load(path.join(root, PRICE_CACHE_RELATIVE));
  if (!fetched) return undefined;
  const merged = effectivePrices(BUILTIN_PRICE_SNAPSHOT, fetched);
  return { prices: merged.prices as PriceRow[], asOf: merged.asOf };
}

/**
 * The built-in data with the last saved price refresh and the workspace's `.benchpress/gpus.json` and
 * `.benchpress/prices.json` merged over it.
 */
export async function loadGpuDatabase(root: string | undefined, options: LoadGpuDatabaseOptions = {}): Promise<{ db: GpuDatabase; problems: FileProblems[] }> {
  let base = builtinGpuDatabase();
  if (!options.prices) {
    const refreshed = await refreshedPrices(root);
    if (refreshed) options = { prices: refreshed.prices, pricesAsOf: refreshed.asOf };
  }
  if (options.prices) base = new GpuDatabase({ gpus: base.gpus, prices: options.prices, asOf: base.asOf, pricesAsOf: options.pricesAsOf ?? base.pricesAsOf });
  if (!root) return { db: base, problems: [] };
  const gpusPath = path.join(root, ...USER_GPUS_FILE.split('/'));
  const pricesPath = path.join(root, ...USER_PRICES_FILE.split('/'));
  const [gpusText, pricesText] = await Promise.all([readTextIfExists(gpusPath), readTextIfExists(pricesPath)]);
  if (gpusText === undefined && pricesText === undefined) return { db: base, problems: [] };
  const { db, problems } = mergeUserData(base, gpusText, pricesText, { gpusPath, pricesPath });
  const files: FileProblems[] = [];
  for (const [p, text] of [[gpusPath, gpusText], [pricesPath, pricesText]] as const) {
    if (text === undefined) continue;
    files.push({ path: p, text, problems: problems.filter((x) => x.path === p).map(({ start, end, message, severity }) => ({ start, end, message, severity })) });
  }
  return { db, problems: files };
}

export async function loadChunkData(root: string | undefined): Promise<{ data: ChunkData; db: GpuDatabase; problems: FileProblems[] }> {
  const { db, problems } = await loadGpuDatabase(root);
  return { data: { gpus: [...db.gpus] }, db, problems };
}
