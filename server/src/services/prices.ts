// Live prices for the editor's Refresh RunPod Prices and `benchpress prices refresh`: fetch, compare with the
// built-in snapshot, save where the workspace keeps its refreshed prices. A failed fetch saves nothing, so the
// saved (or built-in) prices stay in effect.
import path from 'node:path';
import { ensureIgnoredFolder } from '../base/files';
import { PRICE_CACHE_RELATIVE, PriceStore, type PriceRow, type PriceSnapshot } from '../gpu/prices/store';

/** One row of a refresh's summary. */
export interface PriceChange {
  gpuId: string;
  tier: string;
  kind: 'changed' | 'new' | 'unchanged';
  before?: number;
  after: number;
}

const rowKey = (r: Pick<PriceRow, 'gpuId' | 'tier'>) => `${r.gpuId}\u0000${r.tier}`;

/** Compares fetched rows with the built-in snapshot. */
export function priceChanges(builtin: PriceSnapshot, fetched: PriceSnapshot): PriceChange[] {
  const before = new Map(builtin.prices.map((r) => [rowKey(r), r.usdPerHour]));
  return fetched.prices.map((r) => {
    const b = before.get(rowKey(r));
    if (b === undefined) return { gpuId: r.gpuId, tier: r.tier, kind: 'new', after: r.usdPerHour };
    return { gpuId: r.gpuId, tier: r.tier, kind: b === r.usdPerHour ? 'unchanged' : 'changed', before: b, after: r.usdPerHour };
  });
}

/** Built-in rows the fetch did not replace (serverless prices, GPUs the API did not price). */
export function rowsKeptFrom(builtin: PriceSnapshot, fetched: PriceSnapshot): PriceRow[] {
  const fetchedKeys = new Set(fetched.prices.map(rowKey));
  return builtin.prices.filter((r) => !fetchedKeys.has(rowKey(r)));
}

/** Where a workspace keeps its last refreshed prices. */
export const workspacePriceFile = (root: string) => path.join(root, PRICE_CACHE_RELATIVE);

/** Saves a fetched snapshot atomically; in the workspace's own cache folder, that folder ignores itself in git. */
export async function savePrices(file: string, snapshot: PriceSnapshot, options: { cacheFolder?: boolean } = {}): Promise<void> {
  if (options.cacheFolder) await ensureIgnoredFolder(path.dirname(file));
  await new PriceStore().save(file, snapshot);
}
