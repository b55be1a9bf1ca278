// `benchpress prices`: the RunPod prices in effect (built-in snapshot, updated by the last refresh), and
// `benchpress prices refresh`: fetch current prices from the RunPod API (key from the environment) and save them.
// A failed refresh writes nothing: the saved snapshot (or the built-in one) stays in effect.
import { promises as fs } from 'node:fs';
import path from 'node:path';
import { parseArgs } from './args';
import { UsageError } from '../base/errors';
import type { CliIo } from './io';
import { BUILTIN_PRICE_SNAPSHOT } from '../node/data-files';
import { priceChanges, rowsKeptFrom, savePrices, workspacePriceFile } from '../services/prices';
import { findWorkspaceRoot } from '../node/workspace-root';
import { apiKeyFromEnv, API_KEY_ENV_VARS, redact } from '../gpu/prices/key';
import { API_NAME, fetchRunpodPrices, priceErrorText, RUNPOD_API_ORIGIN, RUNPOD_CATALOG_PATH, RUNPOD_GRAPHQL_PATH, type PriceError } from '../gpu/prices/runpod';
import { effectivePrices, PRICE_CACHE_RELATIVE, PriceStore, type PriceRow, type PriceSnapshot } from '../gpu/prices/store';

export const PRICES_USAGE = `Usage: benchpress prices [--json] [--file FILE]
       benchpress prices refresh [--base-url ORIGIN] [--json] [--out FILE] [--timeout MS] [--retries N] [--lang en|zh-cn]

  prices            The RunPod prices in effect: the built-in snapshot, with rows replaced by the last refresh
                    (read from FILE, else ${PRICE_CACHE_RELATIVE} in the workspace).
  prices refresh    Fetch current prices from the RunPod API and save them (to FILE, else the workspace cache):
                    the REST v2 GPU catalog first, GraphQL when the catalog route is missing or unusable.
                    The API key is read from ${API_KEY_ENV_VARS.join(' or ')}.
  --base-url ORIGIN The RunPod API origin (default ${RUNPOD_API_ORIGIN}); the REST v2 catalog
                    (${RUNPOD_CATALOG_PATH}) and GraphQL (${RUNPOD_GRAPHQL_PATH}) paths are derived from it.

Exit codes: 0 done, 1 the fetch failed (nothing was saved), 2 usage error, no API key, or I/O error.`;

export interface PricesCommandOptions {
  /** The built-in snapshot (tests). */
  builtin?: PriceSnapshot;
  /** Cancels a refresh (e.g. on Ctrl-C). */
  signal?: AbortSignal;
  /** Clock for the fetched snapshot's dates (tests). */
  now?: () => number;
  /** Backoff base for retries, ms (tests). */
  retryDelayMs?: number;
}

export async function pricesCommand(argv: readonly string[], io: CliIo, env: Readonly<Record<string, string | undefined>> = io.env, options: PricesCommandOptions = {}): Promise<number> {
  try {
    if (argv[0] === 'refresh') return await refresh(argv.slice(1), io, env, options);
    if (argv[0] !== undefined && !argv[0].startsWith('-')) throw new UsageError(`Unknown prices command "${argv[0]}" (use "prices" or "prices refresh").`);
    return await show(argv, io, options);
  } catch (error) {
    if (error instanceof UsageError) {
      io.stderr(`benchpress: ${error.message}\n${PRICES_USAGE}\n`);
      return 2;
    }
    throw error;
  }
}

const money = (n: number) => `$${n.toLocaleString('en-US', { minimumFractionDigits: 2, maximumFractionDigits: 4, useGrouping: false })}`;
const rowKey = (r: Pick<PriceRow, 'gpuId' | 'tier'>) => `${r.gpuId}\u0000${r.tier}`;

function cacheFile(io: CliIo, given: string | undefined): string | undefined {
  if (given !== undefined) return path.resolve(io.cwd, given);
  const root = findWorkspaceRoot(io.cwd);
  return root ? workspacePriceFile(root) : undefined;
}

function shownPath(io: CliIo, file: string): string {
  const rel = path.relative(io.cwd, file);
  return rel && !rel.startsWith('..') && !path.isAbsolute(rel) ? rel : file;
}

async function refresh(argv: readonly string[], io: CliIo, env: Readonly<Record<string, string | undefined>>, options: PricesCommandOptions): Promise<number> {
  const args = parseArgs(argv, { values: ['base-url', 'out', 'timeout', 'retries', 'lang'], switches: ['json', 'help'] });
  if (args.switches.has('help')) {
    io.stdout(PRICES_USAGE + '\n');
    return 0;
  }
  if (args.positionals.length > 0) throw new UsageError(`Unexpected argument "${args.positionals[0]}".`);
  const lang = args.values.get('lang') ?? 'en';
  if (lang !== 'en' && lang !== 'zh-cn') throw new UsageError(`Unknown --lang "${lang}": use en or zh-cn.`);
  const int = (name: string, min: number, max: number): number | undefined => {
    const v = args.values.get(name);
    if (v === undefined) return undefined;
    if (!/^\d+$/.test(v) || Number(v) < min || Number(v) > max) throw new UsageError(`--${name} must be a whole number from ${min} to ${max}.`);
    return Number(v);
  };
  const timeoutMs = int('timeout', 100, 600_000);
  const retries = int('retries', 0, 10);
  const baseUrl = args.values.get('base-url') ?? RUNPOD_API_ORIGIN;
  const json = args.switches.has('json');
  const builtin = options.builtin ?? BUILTIN_PRICE_SNAPSHOT;

  const key = apiKeyFromEnv(env);
  const fail = (error: Pick<PriceError, 'kind' | 'message' | 'messageZh'> & Partial<PriceError>, code: number): number => {
    const text = redact(priceErrorText(error, lang), key);
    if (json) io.stdout(redact(JSON.stringify({ ok: false, error }, null, 2), key) + '\n');
    io.stderr(`benchpress: ${text}\n`);
    return code;
  };
  if (!key) {
    return fail(
      {
        kind: 'no-key',
        message: `No RunPod API key: set ${API_KEY_ENV_VARS.join(' or ')} in the environment.`,
        messageZh: `未设置 RunPod API 密钥：请在环境变量中设置 ${API_KEY_ENV_VARS.join(' 或 ')}。`,
      },
      2,
    );
  }

  const out = cacheFile(io, args.values.get('out'));
  const result = await fetchRunpodPrices({
    apiKey: key,
    baseUrl,
    timeoutMs,
    retries,
    retryDelayMs: options.retryDelayMs,
    signal: options.signal,
    now: options.now,
    onProgress: json || !io.isTTY ? undefined : (p) => io.stderr(`${lang === 'zh-cn' ? p.messageZh : p.message}\n`),
  });
  if (!result.ok) return fail(result.error, 1);

  const { snapshot, stats } = result;
  let saved: string | undefined;
  if (out) {
    try {
      await savePrices(out, snapshot, { cacheFolder: args.values.get('out') === undefined });
      saved = out;
    } catch (err) {
      io.stderr(`benchpress: the prices were fetched but could not be saved to ${out}: ${redact((err as NodeJS.ErrnoException).code ?? (err as Error).message, key)}\n`);
      return 2;
    }
  }

  const changes = priceChanges(builtin, snapshot);
  const kept = rowsKeptFrom(builtin, snapshot);
  if (json) {
    io.stdout(redact(JSON.stringify({ ok: true, api: result.api, url: result.url, ...(result.fallbackReason ? { fallbackReason: result.fallbackReason } : {}), savedTo: saved ?? null, builtinAsOf: builtin.asOf, changes, keptFromBuiltin: kept.length, stats, snapshot }, null, 2), key) + '\n');
    return 0;
  }
  const gpus = new Set(snapshot.prices.map((p) => p.gpuId)).size;
  const lines: string[] = [];
  const from = `${stats.gpuTypes} GPU types from ${API_NAME[result.api].en.replace(/^the /, '')} at ${result.url}`;
  lines.push(`Fetched ${snapshot.prices.length} RunPod prices for ${gpus} GPUs on ${snapshot.asOf} (${from}).`);
  if (result.fallbackReason) lines.push(`The REST v2 GPU catalog was not used: ${result.fallbackReason}.`);
  lines.push(`Compared with the built-in snapshot of ${builtin.asOf}:`);
  for (const c of changes) {
    if (c.kind === 'changed') lines.push(`  ${c.gpuId} ${c.tier}: ${money(c.before!)} → ${money(c.after)}/h`);
    else if (c.kind === 'new') lines.push(`  ${c.gpuId} ${c.tier}: new, ${money(c.after)}/h`);
  }
  const unchanged = changes.filter((c) => c.kind === 'unchanged').length;
  if (unchanged > 0) lines.push(`  ${unchanged} unchanged.`);
  if (changes.every((c) => c.kind === 'unchanged')) lines.push('  no changes.');
  if (kept.length > 0) lines.push(`${kept.length} built-in rows were not in the reply and stay as they are (serverless prices, GPUs RunPod did not price).`);
  if (stats.unknown > 0) {
    const sample = stats.unknownIds.slice(0, 5).join(', ');
    lines.push(`Skipped ${stats.unknown} RunPod GPU types that Benchpress has no data for (${sample}${stats.unknown > 5 ? ', …' : ''}).`);
  }
  if (stats.notOffered > 0) lines.push(`No row for ${stats.notOffered} clouds where a GPU is not offered.`);
  const skippedPrices = stats.noPrice + stats.invalidPrice;
  if (skippedPrices > 0) lines.push(`Skipped ${skippedPrices} prices that were missing, zero or not numbers.`);
  if (stats.partialErrors > 0) lines.push(`RunPod reported ${stats.partialErrors} GraphQL errors alongside the prices; the prices it sent were used.`);
  lines.push(saved ? `Saved to ${shownPath(io, saved)}.` : 'Not saved: no workspace here (a folder with .benchpress or .git); use --out FILE to save.');
  io.stdout(redact(lines.join('\n'), key) + '\n');
  return 0;
}

async function show(argv: readonly string[], io: CliIo, options: PricesCommandOptions): Promise<number> {
  const args = parseArgs(argv, { values: ['file'], switches: ['json', 'help'] });
  if (args.switches.has('help')) {
    io.stdout(PRICES_USAGE + '\n');
    return 0;
  }
  if (args.positionals.length > 0) throw new UsageError(`Unexpected argument "${args.positionals[0]}".`);
  const builtin = options.builtin ?? BUILTIN_PRICE_SNAPSHOT;
  const given = args.values.get('file');
  const file = cacheFile(io, given);
  if (given !== undefined) {
    try {
      await fs.access(file!);
    } catch {
      throw new UsageError(`Price file not found: ${given}`);
    }
  }
  const fetched = file ? await new PriceStore({ warn: (m) => io.stderr(`benchpress: ${m}\n`) }).load(file) : undefined;
  const effective = effectivePrices(builtin, fetched);
  if (args.switches.has('json')) {
    io.stdout(JSON.stringify(effective, null, 2) + '\n');
    return 0;
  }
  const fetchedRows = new Set((fetched?.prices ?? []).map((r) => `${rowKey(r)}\u0000${r.usdPerHour}\u0000${r.asOf}`));
  const fromFetch = (r: PriceRow) => fetchedRows.has(`${rowKey(r)}\u0000${r.usdPerHour}\u0000${r.asOf}`);
  const nFetched = effective.prices.filter(fromFetch).length;
  io.stdout(
    `RunPod prices in ${effective.currency} per GPU-hour: built-in snapshot of ${builtin.asOf}` +
      (fetched && nFetched > 0 ? `, ${nFetched} rows from the refresh of ${fetched.asOf} (${shownPath(io, file!)})` : '') +
      '.\n',
  );
  for (const r of effective.prices) {
    io.stdout(`${r.gpuId.padEnd(16)} ${r.tier.padEnd(18)} ${`${money(r.usdPerHour)}/h`.padStart(10)}  ${r.asOf}  ${fromFetch(r) ? 'fetched' : 'built-in'}\n`);
  }
  return 0;
}
