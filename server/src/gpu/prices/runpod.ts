// "Refresh prices": current RunPod Pod prices (Secure and Community Cloud, USD per GPU-hour) from RunPod's REST v2
// GPU catalog, with the deprecated GraphQL API as the fallback while it lives. HTTP, timeouts, error classes and
// the retry policy are net/'s (undici, loaded only when a refresh starts); this module knows RunPod: the two
// requests, their replies, the GPU id mapping and a clear message (English and Chinese) for every failure. The
// result is a snapshot in the shape of cloud-prices.json; on any failure nothing is returned but the error, so the
// caller keeps its snapshot. The API key is never part of any message, error, progress report or thrown object:
// everything that leaves this module goes through `redact`.
//
// The APIs, as read in the stored corpus (no live access; docs/research/runpod-api.md has every source):
// - REST v2: `GET {origin}/v2/catalog/gpus`, `Authorization: Bearer <key>`, answers `{"gpus": [GpuType…]}` with
//   `id`, `name`, `secure`/`community` (offered in that cloud) and `price.secure`/`price.community` (USD per
//   GPU-hour); errors are RFC 9457 `application/problem+json` (`title`, `status`, `detail`, `errors[]`), 429
//   with `Retry-After` in seconds (runpod/docs `api-reference-v2/openapi.json`). v2 is labelled beta.
// - GraphQL: `POST {origin}/graphql`, JSON body `{"query": …}`, `gpuTypes { id displayName memoryInGb
//   secureCloud communityCloud securePrice communityPrice }` (runpod/runpod-python `runpod/api/queries/gpus.py`,
//   runpod/runpodctl `internal/api/gpu.go`); "deprecated and will be retired in early 2027" (runpod/docs
//   `sdks/graphql/configurations.mdx`). The key goes in the Authorization header, as RunPod's current clients send
//   it (never in the URL, where it would leak into logs).
// - GPU type ids: runpod/docs `references/gpu-types.mdx` (generated from the query above) and the REST v1
//   OpenAPI `gpuTypeId` enum; `unknown` is a placeholder id in both APIs, skipped silently.
// Which route answers is decided per refresh: v2 first; a v2 route that is missing or unusable (404, 405, 410,
// 501, 5xx, a reply without prices) falls through to GraphQL; an auth failure, a rate limit, a timeout or a
// network failure does not (the same key and host would fail the same way).
import { isUsableApiKey, redact } from './key';
import type { PriceRow, PriceSnapshot } from './store';
import { errorCodes } from '../../net/errors';
import { headerValue, httpStatusText, mediaType } from '../../net/headers';
import { readBody } from '../../net/body';
import { withRetries, type RetryPolicy } from '../../net/retry';
import { httpUrl, shownUrl } from '../../net/url';
import { RUNPOD_GPU_MAP, benchpressGpuId, normalizedRunpodId } from './runpod-gpus';
export { RUNPOD_GPU_MAP, benchpressGpuId, type RunpodGpuMapping } from './runpod-gpus';

export type { PriceRow, PriceSnapshot } from './store';
export { parseRetryAfter } from '../../net/retry';

/** RunPod's API origin: the default of `prices refresh --base-url` and of the editor's refresh. */
export const RUNPOD_API_ORIGIN = 'https://api.runpod.io';
export const RUNPOD_CATALOG_PATH = '/v2/catalog/gpus';
export const RUNPOD_GRAPHQL_PATH = '/graphql';

/** The GraphQL fields read, and nothing more. */
export const GPU_TYPE_FIELDS = ['id', 'displayName', 'memoryInGb', 'secureCloud', 'communityCloud', 'securePrice', 'communityPrice'] as const;
export const GPU_TYPES_QUERY = `query GpuTypes { gpuTypes { ${GPU_TYPE_FIELDS.join(' ')} } }`;

/** RunPod's placeholder GPU type (no stock, no card): skipped without a word. */
export const RUNPOD_UNKNOWN_ID = 'unknown';

const USER_AGENT = 'Benchpress/0.1 (price refresh of the Benchpress writing tools)';

export type RunpodApi = 'rest-v2' | 'graphql';

export interface RunpodEndpoints {
  /** `https://api.runpod.io` (with a path prefix when the base URL had one, e.g. a proxy). */
  origin: string;
  catalog: URL;
  graphql: URL;
}

/**
 * The two endpoints for a base URL: the RunPod API origin, from which `/v2/catalog/gpus` and `/graphql` are
 * derived. A base URL that already names one of them (`…/graphql`) is taken back to its origin; a path prefix
 * (a proxy) is kept. Credentials, query and fragment are dropped (the key travels in the Authorization header).
 * Undefined for anything but an http(s) URL.
 */
export function runpodEndpoints(baseUrl: string = RUNPOD_API_ORIGIN): RunpodEndpoints | undefined {
  const url = httpUrl(baseUrl);
  if (!url) return undefined;
  let prefix = url.pathname.replace(/\/+$/, '');
  for (const route of [RUNPOD_GRAPHQL_PATH, RUNPOD_CATALOG_PATH]) if (prefix.toLowerCase().endsWith(route)) prefix = prefix.slice(0, -route.length);
  const origin = `${url.protocol}//${url.host}${prefix}`;
  return { origin, catalog: new URL(`${origin}${RUNPOD_CATALOG_PATH}`), graphql: new URL(`${origin}${RUNPOD_GRAPHQL_PATH}`) };
}

// ---------------------------------------------------------------------------------------------
// Public types

export type PriceErrorKind = 'auth' | 'rate-limited' | 'server' | 'timeout' | 'network' | 'malformed' | 'cancelled' | 'no-key';

export interface PriceError {
  kind: PriceErrorKind;
  message: string;
  messageZh: string;
  /** HTTP status of the last reply, when there was one. */
  status?: number;
  /** How long RunPod asked to wait (Retry-After), for `rate-limited`. */
  retryAfterMs?: number;
  /** Requests made (to the API that failed last). */
  tries?: number;
  /** The API that failed last. */
  api?: RunpodApi;
}

export interface PriceProgress {
  stage: 'request' | 'waiting' | 'parsing' | 'done';
  api: RunpodApi;
  /** 1-based request number to this API, and the most there will be. */
  attempt: number;
  attempts: number;
  /** For `waiting`: the pause before the next request. */
  waitMs?: number;
  message: string;
  messageZh: string;
}

export interface FetchStats {
  /** GPU types in the reply (RunPod's `unknown` placeholder not counted). */
  gpuTypes: number;
  /** GPU types that mapped to a Benchpress GPU. */
  mapped: number;
  /** GPU types that are not in the mapping (kept out), with their RunPod ids (first 50). */
  unknown: number;
  unknownIds: string[];
  /** Tiers of mapped GPUs that are not offered in that cloud (`secure`/`community` false): no row, never a 0. */
  notOffered: number;
  /** Offered tiers whose price was null, 0 or missing. */
  noPrice: number;
  /** Prices that were not a positive number (or a plain decimal string), e.g. "N/A", -1, {}. */
  invalidPrice: number;
  /** Entries that are not objects. */
  invalidEntries: number;
  /** A second entry with a RunPod id already priced (the first is kept). */
  duplicates: number;
  /** GraphQL `errors` that came with usable data and were set aside. */
  partialErrors: number;
}

export interface FetchRunpodOptions {
  apiKey: string | undefined;
  /** The RunPod API origin (default https://api.runpod.io); the catalog and GraphQL paths are derived from it. */
  baseUrl?: string;
  /** Per request (connect, headers and body), ms. Default 15 000. */
  timeoutMs?: number;
  /** Further requests to one API after the first fails in a retriable way. Default 2. */
  retries?: number;
  /** Base of the exponential backoff, ms. Default 500 (then ~1 s, ~2 s, …, at most 10 s, with jitter). */
  retryDelayMs?: number;
  /** Longest Retry-After honoured; a longer one ends the refresh with `rate-limited`. Default 30 000. */
  maxRetryAfterMs?: number;
  /** Largest reply read. Default 5 MB. */
  maxBodyBytes?: number;
  signal?: AbortSignal;
  onProgress?: (progress: PriceProgress) => void;
  /** Clock for the snapshot's dates (tests). Delays use the real clock. */
  now?: () => number;
  /** Jitter source in [0, 1) (tests). */
  random?: () => number;
}

export interface FetchRunpodSuccess {
  ok: true;
  snapshot: PriceSnapshot;
  stats: FetchStats;
  /** Requests made to the API that answered. */
  tries: number;
  /** The API that answered, and its URL as shown. */
  api: RunpodApi;
  url: string;
  /** When GraphQL answered: why the REST v2 catalog was passed over (e.g. `HTTP 404 Not Found`). */
  fallbackReason?: string;
}

export type FetchRunpodResult = FetchRunpodSuccess | { ok: false; error: PriceError };

export const DEFAULT_PRICE_FETCH = Object.freeze({ timeoutMs: 15_000, retries: 2, retryDelayMs: 500, maxRetryAfterMs: 30_000, maxBodyBytes: 5 * 1024 * 1024 });

/** The message in the writer's language. */
export function priceErrorText(error: Pick<PriceError, 'message' | 'messageZh'>, lang: string | undefined): string {
  return lang?.toLowerCase().startsWith('zh') ? error.messageZh : error.message;
}

/** How the API is named in messages. */
export const API_NAME: Record<RunpodApi, { en: string; zh: string }> = {
  'rest-v2': { en: 'the RunPod REST v2 GPU catalog', zh: 'RunPod REST v2 GPU 目录' },
  graphql: { en: 'the RunPod GraphQL API', zh: 'RunPod GraphQL API' },
};

// ---------------------------------------------------------------------------------------------
// Messages

const SET_KEY_EN = 'Set a valid key with “Benchpress: Set RunPod API Key” or RUNPOD_API_KEY.';
const SET_KEY_ZH = '请用“Benchpress: Set RunPod API Key”命令或 RUNPOD_API_KEY 环境变量设置有效的密钥。';

const seconds = (ms: number) => (ms < 1000 ? `${Math.round(ms)} ms` : `${Math.round(ms / 100) / 10} s`);
const secondsZh = (ms: number) => (ms < 1000 ? `${Math.round(ms)} 毫秒` : `${Math.round(ms / 100) / 10} 秒`);
const triesEn = (n: number) => (n === 1 ? '1 try' : `${n} tries`);

/** A short, one-line, quoted excerpt of untrusted text, with the key and credentials removed. */
function excerpt(text: string, key: string | undefined, max = 120): string {
  // Redact before cutting, so a cut can never leave part of the key behind.
  const clean = redact(text, key).replace(/[\u0000-\u001f\u007f-\u009f\u2028\u2029]+/g, ' ').replace(/\s+/g, ' ').trim();
  return clean.length > max ? `${clean.slice(0, max)}…` : clean;
}

const cap = (s: string) => s.charAt(0).toUpperCase() + s.slice(1);

function isObject(v: unknown): v is Record<string, unknown> {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

function parseJson(text: string): { ok: true; value: unknown } | { ok: false } {
  try {
    return { ok: true, value: JSON.parse(text) as unknown };
  } catch {
    return { ok: false };
  }
}

/** The `errors` list of a GraphQL reply, if it has a non-empty one. */
function graphqlErrors(json: unknown): unknown[] | undefined {
  return isObject(json) && Array.isArray(json.errors) && json.errors.length > 0 ? json.errors : undefined;
}

function errorMessages(errors: unknown[]): string[] {
  return errors.slice(0, 3).map((e) => (isObject(e) && typeof e.message === 'string' ? e.message : JSON.stringify(e) ?? String(e)));
}

/**
 * What an error reply says, in a line: an RFC 9457 problem (`title: detail`, validation errors) or GraphQL `errors`
 * messages (`structured`), else the start of the text. Redacted and short.
 */
function replyDetail(text: string, key: string): { text: string; structured: boolean } {
  const parsed = parseJson(text);
  if (parsed.ok && isObject(parsed.value)) {
    const p = parsed.value;
    if (typeof p.title === 'string' || typeof p.detail === 'string') {
      const head = [p.title, p.detail].filter((s): s is string => typeof s === 'string' && s !== '').join(': ');
      const list = Array.isArray(p.errors) ? p.errors.filter((s): s is string => typeof s === 'string').slice(0, 2) : [];
      return { text: excerpt([head, ...list].filter(Boolean).join('; '), key), structured: true };
    }
    const errors = graphqlErrors(p);
    if (errors) return { text: excerpt(errorMessages(errors).join(' / '), key), structured: true };
  }
  return { text: excerpt(text, key), structured: false };
}

const AUTH_CODES = /^(UNAUTHENTICATED|UNAUTHORIZED|FORBIDDEN|AUTH.*)$/i;
const AUTH_WORDS = /unauthori[sz]ed|not authori[sz]ed|unauthenticated|forbidden|invalid (api )?key|api[ _-]?key|authenticat|permission denied|access denied|not allowed/i;

function isAuthError(errors: unknown[]): boolean {
  const codes = errors.map((e) => (isObject(e) && isObject(e.extensions) && typeof e.extensions.code === 'string' ? e.extensions.code : ''));
  return codes.some((c) => AUTH_CODES.test(c)) || errorMessages(errors).some((m) => AUTH_WORDS.test(m));
}

// ---------------------------------------------------------------------------------------------
// Reading the reply

type PriceValue = { kind: 'price'; value: number } | { kind: 'none' } | { kind: 'invalid' };

/** A price field: a positive finite number, or a plain decimal string ("0.59"); null, missing and 0 mean no price. */
function readPrice(v: unknown): PriceValue {
  if (v === null || v === undefined) return { kind: 'none' };
  let n: number;
  if (typeof v === 'number') n = v;
  else if (typeof v === 'string' && /^\s*\d+(\.\d+)?\s*$/.test(v)) n = Number(v);
  else return { kind: 'invalid' };
  if (!Number.isFinite(n) || n < 0) return { kind: 'invalid' };
  if (n === 0) return { kind: 'none' };
  if (n > 10_000) return { kind: 'invalid' }; // no GPU rents for $10,000 an hour: a unit or format mistake
  return { kind: 'price', value: n };
}

const TIERS = ['secure', 'community'] as const;
type Tier = (typeof TIERS)[number];

/** One GPU type as both APIs describe it: its id, and per cloud whether it is offered and at what price. */
interface GpuTypeReading {
  id: unknown;
  offered: Record<Tier, unknown>;
  price: Record<Tier, unknown>;
  /** How the price field is named in this API, for the row's source. */
  field: Record<Tier, string>;
}

function fromV2(g: Record<string, unknown>): GpuTypeReading {
  const price = isObject(g.price) ? g.price : {};
  return { id: g.id, offered: { secure: g.secure, community: g.community }, price: { secure: price.secure, community: price.community }, field: { secure: 'price.secure', community: 'price.community' } };
}

function fromGraphql(g: Record<string, unknown>): GpuTypeReading {
  return {
    id: g.id,
    offered: { secure: g.secureCloud, community: g.communityCloud },
    price: { secure: g.securePrice, community: g.communityPrice },
    field: { secure: 'securePrice', community: 'communityPrice' },
  };
}

const SOURCE_LABEL: Record<RunpodApi, { list: string; entry: string }> = {
  'rest-v2': { list: 'RunPod REST API v2 GPU catalog', entry: 'RunPod REST API v2 catalog gpus' },
  graphql: { list: 'RunPod GraphQL API', entry: 'RunPod GraphQL gpuTypes' },
};

function buildSnapshot(api: RunpodApi, entries: unknown[], shown: string, fetchedAt: Date, key: string, partialErrors: number): { snapshot: PriceSnapshot; stats: FetchStats } {
  const iso = fetchedAt.toISOString();
  const asOf = iso.slice(0, 10);
  const stats: FetchStats = { gpuTypes: 0, mapped: 0, unknown: 0, unknownIds: [], notOffered: 0, noPrice: 0, invalidPrice: 0, invalidEntries: 0, duplicates: 0, partialErrors };
  const rows = new Map<string, PriceRow>();
  const seenIds = new Set<string>();
  for (const entry of entries) {
    if (!isObject(entry)) {
      stats.invalidEntries++;
      continue;
    }
    const t = api === 'rest-v2' ? fromV2(entry) : fromGraphql(entry);
    if (typeof t.id === 'string' && normalizedRunpodId(t.id) === RUNPOD_UNKNOWN_ID) continue; // RunPod's placeholder type
    stats.gpuTypes++;
    const gpuId = benchpressGpuId(t.id);
    if (!gpuId) {
      stats.unknown++;
      const label = typeof t.id === 'string' && t.id.trim() !== '' ? t.id : '(no id)';
      if (stats.unknownIds.length < 50) stats.unknownIds.push(excerpt(label, key, 80));
      continue;
    }
    stats.mapped++;
    const rpId = t.id as string;
    if (seenIds.has(normalizedRunpodId(rpId))) {
      stats.duplicates++;
      continue;
    }
    seenIds.add(normalizedRunpodId(rpId));
    for (const tier of TIERS) {
      // Offered only when the API says so: a tier that is not gets no row, whatever its price field holds.
      if (t.offered[tier] !== true) {
        stats.notOffered++;
        continue;
      }
      const price = readPrice(t.price[tier]);
      if (price.kind === 'invalid') {
        stats.invalidPrice++;
        continue;
      }
      if (price.kind === 'none') {
        stats.noPrice++;
        continue;
      }
      rows.set(`${gpuId}\u0000${tier}`, {
        gpuId,
        provider: 'runpod',
        tier,
        usdPerHour: price.value,
        source: `${shown} (${SOURCE_LABEL[api].entry} ${JSON.stringify(excerpt(rpId, key, 80))} ${t.field[tier]}, fetched ${iso})`,
        asOf,
      });
    }
  }
  const order = new Map(RUNPOD_GPU_MAP.map((m, i) => [m.gpuId, i]));
  const prices = [...rows.values()].sort((a, b) => order.get(a.gpuId)! - order.get(b.gpuId)! || (a.tier === b.tier ? 0 : a.tier === 'secure' ? -1 : 1));
  return {
    snapshot: { schemaVersion: 1, provider: 'runpod', asOf, source: `${shown} (${SOURCE_LABEL[api].list}, fetched ${iso})`, currency: 'USD', prices },
    stats,
  };
}

type Reading = { ok: true; snapshot: PriceSnapshot; stats: FetchStats } | { ok: false; error: PriceError };

/** Reads a 2xx reply of either API into a snapshot, or says what is wrong with it. */
function readReply(api: RunpodApi, reply: { status: number; contentType?: string; text: string; tooLarge: boolean }, key: string, shown: string, fetchedAt: Date, tries: number): Reading {
  const name = API_NAME[api];
  const fail = (kind: PriceErrorKind, message: string, messageZh: string): Reading => ({ ok: false, error: { kind, status: reply.status, message, messageZh, tries, api } });
  const malformed = (message: string, messageZh: string) => fail('malformed', message, messageZh);
  if (reply.tooLarge) return malformed(`${cap(name.en)} sent a reply too large to be a price list; it was not read.`, `${name.zh}的回复过大，不像价格表，未读取。`);
  const parsed = parseJson(reply.text);
  if (!parsed.ok) {
    const type = reply.contentType ? `, ${excerpt(reply.contentType, key, 60)}` : '';
    const ex = excerpt(reply.text, key);
    return malformed(
      `${cap(name.en)} sent a reply that is not JSON (HTTP ${reply.status}${type})${ex ? `: “${ex}”` : ' (empty)'}.`,
      `${name.zh}的回复不是 JSON（HTTP ${reply.status}${type}）${ex ? `：“${ex}”` : '（为空）'}。`,
    );
  }
  const json = parsed.value;
  let list: unknown[];
  let partialErrors = 0;
  let errorText = '';
  let authLike = false;
  if (api === 'rest-v2') {
    if (!isObject(json) || !Array.isArray(json.gpus)) {
      const ex = excerpt(JSON.stringify(json) ?? '', key);
      return malformed(`${cap(name.en)} reply has no gpus list: “${ex}”.`, `${name.zh}的回复中没有 gpus 列表：“${ex}”。`);
    }
    list = json.gpus;
  } else {
    const errors = graphqlErrors(json);
    const gpuTypes = isObject(json) && isObject(json.data) ? json.data.gpuTypes : undefined;
    // Partial errors (GraphQL answers what it can): usable when the list is there with the fields we read.
    const usable = Array.isArray(gpuTypes) && gpuTypes.some((g) => isObject(g) && typeof g.id === 'string' && ('securePrice' in g || 'communityPrice' in g));
    if (errors) {
      errorText = excerpt(errorMessages(errors).join(' / '), key);
      authLike = isAuthError(errors);
      if (!usable) {
        return authLike
          ? fail('auth', `RunPod rejected the API key: “${errorText}”. ${SET_KEY_EN}`, `RunPod 拒绝了 API 密钥：“${errorText}”。${SET_KEY_ZH}`)
          : malformed(`${cap(name.en)} reported an error instead of prices: “${errorText}”.`, `${name.zh}返回了错误而不是价格：“${errorText}”。`);
      }
      partialErrors = errors.length;
    }
    if (!Array.isArray(gpuTypes)) {
      const ex = excerpt(JSON.stringify(json) ?? '', key);
      return malformed(`${cap(name.en)} reply has no data.gpuTypes list: “${ex}”.`, `${name.zh}的回复中没有 data.gpuTypes 列表：“${ex}”。`);
    }
    list = gpuTypes;
  }
  const { snapshot, stats } = buildSnapshot(api, list, shown, fetchedAt, key, partialErrors);
  if (snapshot.prices.length === 0) {
    if (authLike) return fail('auth', `RunPod rejected the API key: “${errorText}”. ${SET_KEY_EN}`, `RunPod 拒绝了 API 密钥：“${errorText}”。${SET_KEY_ZH}`);
    const detail = `${stats.gpuTypes} GPU types: ${stats.mapped} known to Benchpress, ${stats.unknown} unknown, ${stats.notOffered} tiers not offered, ${stats.noPrice} prices missing or zero, ${stats.invalidPrice} not numbers`;
    const detailZh = `${stats.gpuTypes} 种 GPU 类型：${stats.mapped} 种 Benchpress 已知，${stats.unknown} 种未知，${stats.notOffered} 个档位未提供，${stats.noPrice} 个价格缺失或为零，${stats.invalidPrice} 个不是数字`;
    const also = errorText ? `; errors: “${errorText}”` : '';
    const alsoZh = errorText ? `；错误：“${errorText}”` : '';
    return malformed(`${cap(name.en)} reply had no usable prices (${detail}${also}).`, `${name.zh}的回复中没有可用的价格（${detailZh}${alsoZh}）。`);
  }
  return { ok: true, snapshot, stats };
}

// ---------------------------------------------------------------------------------------------
// The client

function num(v: number | undefined, min: number, fallback: number): number {
  return typeof v === 'number' && Number.isFinite(v) ? Math.max(min, Math.floor(v)) : fallback;
}

/**
 * Fetches current RunPod Pod prices (Secure and Community Cloud, per GPU-hour) for the GPUs Benchpress knows: the
 * REST v2 catalog first, GraphQL when the catalog route is missing or unusable. Never rejects: every failure
 * comes back as `{ ok: false, error }` with a message in English and Chinese. An aborted signal ends it at once
 * with `cancelled` (no timer or socket is left behind).
 */
export async function fetchRunpodPrices(options: FetchRunpodOptions): Promise<FetchRunpodResult> {
  const key = options.apiKey?.trim() ?? '';
  const clean = (error: PriceError): { ok: false; error: PriceError } => ({
    ok: false,
    error: { ...error, message: redact(error.message, key), messageZh: redact(error.messageZh, key) },
  });
  try {
    return await fetchInner(options, key, clean);
  } catch (err) {
    // Not expected; still never let an exception (and whatever it may quote) out.
    const codes = errorCodes(err).join(', ');
    return clean({ kind: 'network', message: `The price refresh failed unexpectedly${codes ? ` (${codes})` : ''}.`, messageZh: `价格刷新意外失败${codes ? `（${codes}）` : ''}。` });
  }
}

/** Whether a failure of the v2 catalog lets GraphQL have a go: the route is missing or unusable, not the key, the host or the quota. */
function fallsThrough(error: PriceError): boolean {
  if (error.kind === 'malformed') return true;
  if (error.kind !== 'server' || error.status === undefined) return false;
  return error.status === 404 || error.status === 405 || error.status === 410 || error.status === 501 || error.status >= 500 || (error.status >= 400 && error.status < 500 && error.status !== 401 && error.status !== 403 && error.status !== 429);
}

/** Why the catalog was passed over, in a few words. */
function passedOver(error: PriceError): string {
  return error.kind === 'malformed' ? 'it sent no usable price list' : error.status !== undefined ? `it answered ${httpStatusText(error.status)}` : error.message;
}

type Clean = (e: PriceError) => { ok: false; error: PriceError };

async function fetchInner(options: FetchRunpodOptions, key: string, clean: Clean): Promise<FetchRunpodResult> {
  const timeoutMs = num(options.timeoutMs, 1, DEFAULT_PRICE_FETCH.timeoutMs);
  const retries = num(options.retries, 0, DEFAULT_PRICE_FETCH.retries);
  const maxBodyBytes = num(options.maxBodyBytes, 1024, DEFAULT_PRICE_FETCH.maxBodyBytes);
  const policy: RetryPolicy = {
    retries,
    baseDelayMs: num(options.retryDelayMs, 0, DEFAULT_PRICE_FETCH.retryDelayMs),
    maxDelayMs: 10_000,
    maxRetryAfterMs: num(options.maxRetryAfterMs, 0, DEFAULT_PRICE_FETCH.maxRetryAfterMs),
    retryTimeouts: true,
    random: options.random,
  };
  const signal = options.signal;
  const cancelled = (tries: number) =>
    clean({ kind: 'cancelled', message: 'Price refresh cancelled; the saved prices are unchanged.', messageZh: '已取消价格刷新，已保存的价格保持不变。', tries });

  if (!key) {
    return clean({
      kind: 'no-key',
      message: 'No RunPod API key. Set one with “Benchpress: Set RunPod API Key” or the RUNPOD_API_KEY environment variable.',
      messageZh: '未设置 RunPod API 密钥。请用“Benchpress: Set RunPod API Key”命令或 RUNPOD_API_KEY 环境变量设置。',
    });
  }
  if (!isUsableApiKey(key)) {
    return clean({
      kind: 'auth',
      message: `The RunPod API key contains spaces or control characters, so it was not sent. ${SET_KEY_EN}`,
      messageZh: `RunPod API 密钥包含空格或控制字符，因此没有发送。${SET_KEY_ZH}`,
    });
  }
  const endpoints = runpodEndpoints(options.baseUrl ?? RUNPOD_API_ORIGIN);
  if (!endpoints) {
    const shown = excerpt(options.baseUrl ?? '', key, 200);
    return clean({ kind: 'network', message: `The RunPod API URL “${shown}” is not a valid http(s) URL.`, messageZh: `RunPod API 地址“${shown}”不是有效的 http(s) URL。` });
  }
  if (signal?.aborted) return cancelled(0);

  const http = await import('../../net/http');
  // One socket to RunPod at a time: the two APIs are asked one after the other.
  const agent = http.createAgent({ timeoutMs, connections: 1, keepAliveTimeoutMs: 2_000 });
  const context: CallContext = { http, agent, key, policy, timeoutMs, maxBodyBytes, options, clean };
  try {
    const v2 = await callApi('rest-v2', endpoints.catalog, context);
    if (v2.ok) return v2;
    if (v2.error.kind === 'cancelled' || signal?.aborted) return cancelled(v2.error.tries ?? 0);
    if (!fallsThrough(v2.error)) return clean(v2.error);
    const gql = await callApi('graphql', endpoints.graphql, context);
    if (gql.ok) return { ...gql, fallbackReason: passedOver(v2.error) };
    if (gql.error.kind === 'cancelled' || signal?.aborted) return cancelled(gql.error.tries ?? 0);
    const missing = [v2.error, gql.error].every((e) => e.kind === 'server' && e.status !== undefined && e.status < 500);
    return clean({
      ...gql.error,
      message: `Neither RunPod API gave prices. REST v2: ${v2.error.message} GraphQL: ${gql.error.message}${missing ? ` Check the API origin (${endpoints.origin}).` : ''}`,
      messageZh: `两个 RunPod API 都没有给出价格。REST v2：${v2.error.messageZh} GraphQL：${gql.error.messageZh}${missing ? `请检查 API 地址（${endpoints.origin}）。` : ''}`,
    });
  } finally {
    // Closes every socket at once (a cancelled request's included); nothing is left to keep the process alive.
    await http.closeAgent(agent);
  }
}

interface CallContext {
  http: typeof import('../../net/http');
  agent: ReturnType<(typeof import('../../net/http'))['createAgent']>;
  key: string;
  policy: RetryPolicy;
  timeoutMs: number;
  maxBodyBytes: number;
  options: FetchRunpodOptions;
  clean: Clean;
}

interface Reply {
  text: string;
  tooLarge: boolean;
}

/** Asks one API (with retries as the policy says) and reads its answer. */
async function callApi(api: RunpodApi, url: URL, c: CallContext): Promise<FetchRunpodSuccess | { ok: false; error: PriceError }> {
  const { key, options } = c;
  const signal = options.signal;
  const attempts = c.policy.retries + 1;
  const shown = shownUrl(url);
  const host = url.host;
  const name = API_NAME[api];
  const progress = (p: Omit<PriceProgress, 'attempts' | 'api'>) => {
    if (!options.onProgress) return;
    try {
      options.onProgress({ ...p, api, attempts, message: redact(p.message, key), messageZh: redact(p.messageZh, key) });
    } catch {
      // a failing progress listener is no reason to fail the refresh
    }
  };
  const common = { 'user-agent': USER_AGENT, authorization: `Bearer ${key}` };
  const init =
    api === 'rest-v2'
      ? { method: 'GET' as const, headers: { ...common, accept: 'application/json, application/problem+json' } }
      : { method: 'POST' as const, headers: { ...common, accept: 'application/json', 'content-type': 'application/json' }, body: JSON.stringify({ query: GPU_TYPES_QUERY }) };
  const asking = api === 'rest-v2' ? 'RunPod’s GPU catalog (REST v2)' : 'RunPod’s GraphQL API';
  const askingZh = api === 'rest-v2' ? 'RunPod GPU 目录（REST v2）' : 'RunPod GraphQL API';

  const run = await withRetries(
    c.policy,
    async (retry) => {
      const n = retry + 1;
      progress({
        stage: 'request',
        attempt: n,
        message: n === 1 ? `Asking ${asking} for current prices…` : `Asking ${asking} for current prices (try ${n} of ${attempts})…`,
        messageZh: n === 1 ? `正在向 ${askingZh} 查询当前价格…` : `正在向 ${askingZh} 查询当前价格（第 ${n}/${attempts} 次）…`,
      });
      return c.http.send(c.agent, url, { ...init, signal, timeoutMs: c.timeoutMs }, async (head, body): Promise<Reply> => {
        const ok = head.status >= 200 && head.status < 300;
        const { bytes, truncated } = await readBody(body, ok ? c.maxBodyBytes : 64 * 1024);
        return { text: new TextDecoder('utf-8').decode(bytes), tooLarge: ok && truncated };
      });
    },
    (ex) => (ex.kind === 'error' ? (ex.error.kind === 'aborted' ? undefined : { error: ex.error }) : { status: ex.status, retryAfter: headerValue(ex.headers, 'retry-after') }),
    {
      signal,
      onRetry: (waitMs, next, ex) => {
        const why = ex.kind === 'error' ? ex.error.reason : ex.status === 429 ? 'rate limited (429)' : httpStatusText(ex.status);
        const whyZh = ex.kind === 'error' ? ex.error.reasonZh : ex.status === 429 ? '请求过于频繁（429）' : httpStatusText(ex.status);
        progress({ stage: 'waiting', attempt: next - 1, waitMs, message: `RunPod: ${why}; trying again in ${seconds(waitMs)}…`, messageZh: `RunPod：${whyZh}；${secondsZh(waitMs)}后重试…` });
      },
    },
  );
  const { result: ex, tries, decision } = run;
  const err = (e: Omit<PriceError, 'api' | 'tries'>) => ({ ok: false as const, error: { ...e, tries, api } });
  if (decision.reason === 'cancelled' || signal?.aborted || (ex.kind === 'error' && ex.error.kind === 'aborted')) {
    return err({ kind: 'cancelled', message: 'Price refresh cancelled; the saved prices are unchanged.', messageZh: '已取消价格刷新，已保存的价格保持不变。' });
  }
  if (ex.kind === 'error') {
    if (ex.error.kind === 'timeout') {
      return err({
        kind: 'timeout',
        message: `The RunPod API (${host}) did not answer within ${seconds(c.timeoutMs)} (${triesEn(tries)}).`,
        messageZh: `RunPod API（${host}）在 ${secondsZh(c.timeoutMs)}内没有响应（已尝试 ${tries} 次）。`,
      });
    }
    return err({
      kind: 'network',
      message: `Could not reach the RunPod API at ${host}: ${ex.error.reason} (${triesEn(tries)}).`,
      messageZh: `无法连接 RunPod API（${host}）：${ex.error.reasonZh}（已尝试 ${tries} 次）。`,
    });
  }
  const status = ex.status;
  const contentType = headerValue(ex.headers, 'content-type');
  if (status >= 200 && status < 300) {
    progress({ stage: 'parsing', attempt: tries, message: 'Reading RunPod’s price list…', messageZh: '正在读取 RunPod 价格表…' });
    const reading = readReply(api, { status, contentType, ...ex.value }, key, shown, new Date((options.now ?? Date.now)()), tries);
    if (!reading.ok) return { ok: false, error: reading.error };
    const gpus = new Set(reading.snapshot.prices.map((p) => p.gpuId)).size;
    progress({
      stage: 'done',
      attempt: tries,
      message: `Fetched ${reading.snapshot.prices.length} prices for ${gpus} GPUs.`,
      messageZh: `已获取 ${gpus} 种 GPU 的 ${reading.snapshot.prices.length} 个价格。`,
    });
    return { ok: true, snapshot: reading.snapshot, stats: reading.stats, tries, api, url: shown };
  }
  const detail = replyDetail(ex.value.text, key);
  const said = detail.structured && detail.text ? `: “${detail.text}”` : '';
  const saidZh = detail.structured && detail.text ? `：“${detail.text}”` : '';
  if (status === 401 || status === 403) {
    const extra = status === 403 ? ` — the key may not have read access to ${name.en}` : '';
    const extraZh = status === 403 ? `——该密钥可能没有${name.zh}的读取权限` : '';
    return err({
      kind: 'auth',
      status,
      message: `RunPod rejected the API key (${status})${said}${extra}. ${SET_KEY_EN}`,
      messageZh: `RunPod 拒绝了 API 密钥（${status}）${saidZh}${extraZh}。${SET_KEY_ZH}`,
    });
  }
  if (status === 429) {
    const ra = decision.retryAfterMs;
    if (decision.reason === 'retry-after-too-long' && ra !== undefined) {
      return err({
        kind: 'rate-limited',
        status,
        retryAfterMs: ra,
        message: `RunPod is rate-limiting requests (429) and asks to wait ${seconds(ra)}; try again later.`,
        messageZh: `RunPod 限制了请求频率（429），要求等待 ${secondsZh(ra)}；请稍后重试。`,
      });
    }
    return err({
      kind: 'rate-limited',
      status,
      ...(ra !== undefined ? { retryAfterMs: ra } : {}),
      message: `RunPod is rate-limiting requests (429) after ${triesEn(tries)}; try again ${ra !== undefined ? `in ${seconds(ra)}` : 'in a minute'}.`,
      messageZh: `RunPod 限制了请求频率（429），已尝试 ${tries} 次；请${ra !== undefined ? `在 ${secondsZh(ra)}后` : '过一分钟再'}重试。`,
    });
  }
  if (status >= 500) {
    return err({
      kind: 'server',
      status,
      message: `${cap(name.en)} had a server error (${httpStatusText(status)}) after ${triesEn(tries)}${said}; try again later.`,
      messageZh: `${name.zh}服务器错误（${httpStatusText(status)}），已尝试 ${tries} 次${saidZh}；请稍后重试。`,
    });
  }
  // Other statuses (404 from a route that is not there, 400 from a request the server does not accept, redirects).
  if (mediaType(contentType) === 'application/json' && api === 'graphql') {
    const parsed = parseJson(ex.value.text);
    const errors = parsed.ok ? graphqlErrors(parsed.value) : undefined;
    if (errors && isAuthError(errors)) {
      return err({ kind: 'auth', status, message: `RunPod rejected the API key (${status})${said}. ${SET_KEY_EN}`, messageZh: `RunPod 拒绝了 API 密钥（${status}）${saidZh}。${SET_KEY_ZH}` });
    }
  }
  const quoted = detail.text ? `: “${detail.text}”` : '';
  const quotedZh = detail.text ? `：“${detail.text}”` : '';
  return err({
    kind: 'server',
    status,
    message: `${cap(name.en)} at ${shown} answered ${httpStatusText(status)}${quoted}.`,
    messageZh: `位于 ${shown} 的${name.zh}返回 ${httpStatusText(status)}${quotedZh}。`,
  });
}
