// "Refresh prices": current RunPod Pod prices from RunPod's GraphQL API, over HTTP with undici — a per-request
// timeout, retries with exponential backoff and jitter (network errors, timeouts, 5xx, 429 with Retry-After),
// immediate cancellation, progress reports, and a clear message (English and Chinese) for every failure. The
// result is a snapshot in the shape of cloud-prices.json; on any failure nothing is returned but the error, so
// the caller keeps its snapshot. The API key is never part of any message, error, progress report or thrown
// object: everything that leaves this module goes through `redact`.
//
// The API, as read in the stored corpus (no live access):
// - Endpoint and transport: runpod/runpod-python `runpod/api/graphql.py` (POST `{base}/graphql`, JSON body
//   `{"query": …}`, header `Authorization: Bearer <key>`, 401 = bad key, a top-level `errors` list = query error);
//   `https://api.runpod.io/graphql` is also the documented default of `runpodctl config --apiUrl`
//   (https://docs.runpod.io/runpodctl/reference/runpodctl-config).
// - Fields: runpod/runpod-python `runpod/api/queries/gpus.py` (`gpuTypes { id displayName memoryInGb
//   secureCloud communityCloud securePrice communityPrice … lowestPrice(input: {gpuCount: N})
//   { minimumBidPrice uninterruptablePrice } }`). Meaning of the prices, from the runpod-sdk crate docs
//   (https://docs.rs/runpod-sdk/latest/runpod_sdk/model/struct.GpuInfo.html): `securePrice` = hourly price per
//   GPU in Secure Cloud, `communityPrice` = hourly price per GPU in Community Cloud. Clients in the wild treat
//   0 or null as "not offered in that cloud" (and skip it), as we do.
// - GPU type ids and display names: runpod/docs `references/gpu-types.mdx` (table generated from this very query,
//   see runpod/docs `helpers/gpu_types.py`). Ids are stable; display names changed over time (older lists show
//   "A100 80GB" for the PCIe card, "H100 80GB SXM5" for the SXM one), so the mapping goes by id first.
// `lowestPrice` is asked for as in the documented query but not stored: it is the cheapest offer across both
// clouds (and spot bids), not a Secure or Community price.
import { Agent, request } from 'undici';
import { isUsableApiKey, redact } from './key';
import type { PriceRow, PriceSnapshot } from './store';
import { parseRetryAfter, sleep } from '../../net/retry';

export type { PriceRow, PriceSnapshot } from './store';

export const RUNPOD_GRAPHQL_URL = 'https://api.runpod.io/graphql';

export const GPU_TYPES_QUERY =
  'query GpuTypes { gpuTypes { id displayName memoryInGb secureCloud communityCloud securePrice communityPrice lowestPrice(input: {gpuCount: 1}) { minimumBidPrice uninterruptablePrice } } }';

const USER_AGENT = 'Benchpress/0.1 (price refresh of the Benchpress writing tools)';

// ---------------------------------------------------------------------------------------------
// RunPod GPU types → Benchpress GPU ids

export interface RunpodGpuMapping {
  /** Benchpress id (server/src/data/gpus.json). */
  gpuId: string;
  /** RunPod `gpuTypes.id` values. */
  ids: readonly string[];
  /** RunPod `displayName` values, used only when the id is missing or not one we know. */
  displayNames: readonly string[];
}

/**
 * The explicit mapping. Ids and display names from runpod/docs `references/gpu-types.mdx` unless noted.
 * Deliberately left out (no Benchpress record, or not the same card): "NVIDIA A100-PCIE-40GB" (A100 40GB PCIe),
 * "NVIDIA RTX PRO 6000 Blackwell …" (not the RTX 6000 Ada), "NVIDIA RTX A6000" (Ampere), "NVIDIA GeForce RTX
 * 4090 D"/"5090 D", "NVIDIA H800", "NVIDIA A40", "NVIDIA L40 …" variants beyond the plain L40, and ambiguous
 * display names such as "A100 80GB" or "H100" on their own.
 */
export const RUNPOD_GPU_MAP: readonly RunpodGpuMapping[] = [
  { gpuId: 'rtx-3090', ids: ['NVIDIA GeForce RTX 3090'], displayNames: ['RTX 3090'] },
  { gpuId: 'rtx-4090', ids: ['NVIDIA GeForce RTX 4090'], displayNames: ['RTX 4090'] },
  { gpuId: 'rtx-5090', ids: ['NVIDIA GeForce RTX 5090'], displayNames: ['RTX 5090'] },
  // "NVIDIA A100-SXM4-40GB": RunPod id as listed in third-party RunPod provisioning notes (public-code index
  // id 54617077367); not in RunPod's own table, which has no 40 GB A100.
  { gpuId: 'a100-40gb-sxm', ids: ['NVIDIA A100-SXM4-40GB'], displayNames: ['A100 SXM 40GB'] },
  { gpuId: 'a100-80gb-sxm', ids: ['NVIDIA A100-SXM4-80GB'], displayNames: ['A100 SXM', 'A100 SXM 80GB'] },
  { gpuId: 'a100-80gb-pcie', ids: ['NVIDIA A100 80GB PCIe'], displayNames: ['A100 PCIe', 'A100 80GB PCIe'] },
  // "NVIDIA H100 SXM": alternative id seen next to "NVIDIA H100 80GB HBM3" in the same third-party notes.
  { gpuId: 'h100-sxm', ids: ['NVIDIA H100 80GB HBM3', 'NVIDIA H100 SXM'], displayNames: ['H100 SXM', 'H100 80GB SXM5', 'H100 SXM5'] },
  { gpuId: 'h100-pcie', ids: ['NVIDIA H100 PCIe'], displayNames: ['H100 PCIe', 'H100 80GB PCIe'] },
  { gpuId: 'h100-nvl', ids: ['NVIDIA H100 NVL'], displayNames: ['H100 NVL'] },
  { gpuId: 'h200-sxm', ids: ['NVIDIA H200'], displayNames: ['H200 SXM'] },
  // "NVIDIA H200 NVL": from the same third-party RunPod notes; not yet in RunPod's stored table.
  { gpuId: 'h200-nvl', ids: ['NVIDIA H200 NVL'], displayNames: ['H200 NVL'] },
  { gpuId: 'b200', ids: ['NVIDIA B200'], displayNames: ['B200'] },
  { gpuId: 'l40s', ids: ['NVIDIA L40S'], displayNames: ['L40S'] },
  { gpuId: 'l40', ids: ['NVIDIA L40'], displayNames: ['L40'] },
  { gpuId: 'l4', ids: ['NVIDIA L4'], displayNames: ['L4'] },
  { gpuId: 'rtx-6000-ada', ids: ['NVIDIA RTX 6000 Ada Generation'], displayNames: ['RTX 6000 Ada'] },
];

const norm = (s: string) => s.trim().replace(/\s+/g, ' ').toLowerCase();
const BY_ID = new Map(RUNPOD_GPU_MAP.flatMap((m) => m.ids.map((id) => [norm(id), m.gpuId] as const)));
const BY_DISPLAY_NAME = new Map(RUNPOD_GPU_MAP.flatMap((m) => m.displayNames.map((n) => [norm(n), m.gpuId] as const)));

/** The Benchpress GPU id for a RunPod GPU type (by id, else by display name), or undefined if it is not one we track. */
export function benchpressGpuId(type: { id?: unknown; displayName?: unknown }): { gpuId: string; by: 'id' | 'displayName' } | undefined {
  if (typeof type.id === 'string') {
    const byId = BY_ID.get(norm(type.id));
    if (byId) return { gpuId: byId, by: 'id' };
  }
  if (typeof type.displayName === 'string') {
    const byName = BY_DISPLAY_NAME.get(norm(type.displayName));
    if (byName) return { gpuId: byName, by: 'displayName' };
  }
  return undefined;
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
  /** Requests made. */
  tries?: number;
}

export interface PriceProgress {
  stage: 'request' | 'waiting' | 'parsing' | 'done';
  /** 1-based request number, and the most there will be. */
  attempt: number;
  attempts: number;
  /** For `waiting`: the pause before the next request. */
  waitMs?: number;
  message: string;
  messageZh: string;
}

export interface FetchStats {
  /** Entries in `gpuTypes`. */
  gpuTypes: number;
  /** GPU types that mapped to a Benchpress GPU. */
  mapped: number;
  /** GPU types that are not in the mapping (kept out), with their RunPod ids (first 50). */
  unknown: number;
  unknownIds: string[];
  /** Secure/Community prices of mapped GPUs that were null, 0, missing, or for a cloud the type is not offered in. */
  noPrice: number;
  /** Prices that were not a positive number (or a plain decimal string), e.g. "N/A", -1, {}. */
  invalidPrice: number;
  /** Entries that are not objects. */
  invalidEntries: number;
  /** Second RunPod types for a GPU+tier already priced (the first, by id before display name, is kept). */
  duplicates: number;
}

export interface FetchRunpodOptions {
  apiKey: string | undefined;
  /** The GraphQL endpoint; defaults to RunPod's. Tests point it at a local server. */
  baseUrl?: string;
  /** Per request (connect, headers and body), ms. Default 15 000. */
  timeoutMs?: number;
  /** Further requests after the first fails in a retriable way. Default 2. */
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

export type FetchRunpodResult = { ok: true; snapshot: PriceSnapshot; stats: FetchStats; tries: number } | { ok: false; error: PriceError };

export const DEFAULT_PRICE_FETCH = Object.freeze({ timeoutMs: 15_000, retries: 2, retryDelayMs: 500, maxRetryAfterMs: 30_000, maxBodyBytes: 5 * 1024 * 1024 });

/** The message in the writer's language. */
export function priceErrorText(error: Pick<PriceError, 'message' | 'messageZh'>, lang: string | undefined): string {
  return lang?.toLowerCase().startsWith('zh') ? error.messageZh : error.message;
}

// ---------------------------------------------------------------------------------------------
// Messages

const SET_KEY_EN = 'Set a valid key with “Benchpress: Set RunPod API Key” or RUNPOD_API_KEY.';
const SET_KEY_ZH = '请用“Benchpress: Set RunPod API Key”命令或 RUNPOD_API_KEY 环境变量设置有效的密钥。';

const seconds = (ms: number) => (ms < 1000 ? `${Math.round(ms)} ms` : `${Math.round(ms / 100) / 10} s`);
const secondsZh = (ms: number) => (ms < 1000 ? `${Math.round(ms)} 毫秒` : `${Math.round(ms / 100) / 10} 秒`);
const triesEn = (n: number) => (n === 1 ? '1 try' : `${n} tries`);

const STATUS_TEXT: Record<number, string> = {
  400: 'Bad Request', 401: 'Unauthorized', 403: 'Forbidden', 404: 'Not Found', 405: 'Method Not Allowed', 408: 'Request Timeout',
  429: 'Too Many Requests', 500: 'Internal Server Error', 502: 'Bad Gateway', 503: 'Service Unavailable', 504: 'Gateway Timeout',
};
const httpStatus = (s: number) => (STATUS_TEXT[s] ? `HTTP ${s} ${STATUS_TEXT[s]}` : `HTTP ${s}`);

/** A short, one-line, quoted excerpt of untrusted text, with the key and credentials removed. */
function excerpt(text: string, key: string | undefined, max = 120): string {
  // Redact before cutting, so a cut can never leave part of the key behind.
  const clean = redact(text, key).replace(/[\u0000-\u001f\u007f-\u009f\u2028\u2029]+/g, ' ').replace(/\s+/g, ' ').trim();
  return clean.length > max ? `${clean.slice(0, max)}…` : clean;
}

const NETWORK_REASON_ZH: Record<string, string> = {
  'connection reset': '连接被重置',
  'connection refused': '连接被拒绝',
  'connection closed before a complete response': '响应未完成时连接被关闭',
  'host not found': '找不到主机（DNS 解析失败）',
  'host unreachable': '主机不可达',
  'network unreachable': '网络不可达',
  'TLS error': 'TLS 错误',
  'invalid HTTP response': 'HTTP 响应无效',
};

// ---------------------------------------------------------------------------------------------
// HTTP plumbing

type Attempt =
  | { kind: 'response'; status: number; contentType?: string; retryAfter?: string; text: string; tooLarge: boolean }
  | { kind: 'timeout' }
  | { kind: 'cancelled' }
  | { kind: 'error'; reason: string; retriable: boolean };

function errorCodes(err: unknown): string[] {
  const codes: string[] = [];
  let e: unknown = err;
  for (let depth = 0; e && typeof e === 'object' && depth < 5; depth++) {
    const o = e as { code?: unknown; cause?: unknown; errors?: unknown };
    if (typeof o.code === 'string') codes.push(o.code);
    if (Array.isArray(o.errors)) for (const sub of o.errors as { code?: unknown }[]) if (typeof sub?.code === 'string') codes.push(sub.code);
    e = o.cause;
  }
  return codes;
}

const TIMEOUT_CODES = new Set(['UND_ERR_CONNECT_TIMEOUT', 'UND_ERR_HEADERS_TIMEOUT', 'UND_ERR_BODY_TIMEOUT', 'ETIMEDOUT']);

/** Why a request failed, in words that never quote the error object (whose text could carry request details). */
function classifyError(err: unknown): Extract<Attempt, { kind: 'error' }> | { kind: 'timeout' } {
  const codes = errorCodes(err);
  const has = (c: string) => codes.includes(c);
  if (codes.some((c) => TIMEOUT_CODES.has(c))) return { kind: 'timeout' };
  if (has('ECONNRESET') || has('EPIPE')) return { kind: 'error', reason: 'connection reset', retriable: true };
  if (has('ECONNREFUSED')) return { kind: 'error', reason: 'connection refused', retriable: true };
  if (has('UND_ERR_SOCKET') || has('UND_ERR_CLOSED')) return { kind: 'error', reason: 'connection closed before a complete response', retriable: true };
  if (has('ENOTFOUND') || has('EAI_AGAIN') || has('ENODATA')) return { kind: 'error', reason: 'host not found', retriable: has('EAI_AGAIN') };
  if (has('EHOSTUNREACH')) return { kind: 'error', reason: 'host unreachable', retriable: true };
  if (has('ENETUNREACH')) return { kind: 'error', reason: 'network unreachable', retriable: true };
  const tls = codes.find((c) => c.startsWith('ERR_TLS') || c.startsWith('ERR_SSL') || /CERT|SELF_SIGNED|UNABLE_TO_(GET|VERIFY)/.test(c));
  if (tls) return { kind: 'error', reason: 'TLS error', retriable: false };
  if (codes.some((c) => c.startsWith('HPE_') || c === 'UND_ERR_INFO' || c === 'UND_ERR_RES_CONTENT_LENGTH_MISMATCH')) {
    return { kind: 'error', reason: 'invalid HTTP response', retriable: true };
  }
  const code = codes.find((c) => /^[A-Z][A-Z0-9_]{2,40}$/.test(c));
  return { kind: 'error', reason: code ? `network error (${code})` : 'network error', retriable: true };
}

export { parseRetryAfter };

function header(headers: Record<string, string | string[] | undefined>, name: string): string | undefined {
  const v = headers[name];
  return Array.isArray(v) ? v[0] : v;
}

// ---------------------------------------------------------------------------------------------
// Reading the reply

function isObject(v: unknown): v is Record<string, unknown> {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

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

/** Whether the type is offered in the cloud: an explicit `false` (boolean or "false") says no; anything else lets the price decide. */
function offered(flag: unknown): boolean {
  return !(flag === false || flag === 'false');
}

function buildSnapshot(gpuTypes: unknown[], shownUrl: string, fetchedAt: Date, key: string): { snapshot: PriceSnapshot; stats: FetchStats } {
  const iso = fetchedAt.toISOString();
  const asOf = iso.slice(0, 10);
  const stats: FetchStats = { gpuTypes: gpuTypes.length, mapped: 0, unknown: 0, unknownIds: [], noPrice: 0, invalidPrice: 0, invalidEntries: 0, duplicates: 0 };
  // Mapped by id first, so an exact id wins over a display-name match for the same GPU.
  const entries: { type: Record<string, unknown>; gpuId: string; by: 'id' | 'displayName' }[] = [];
  for (const t of gpuTypes) {
    if (!isObject(t)) {
      stats.invalidEntries++;
      continue;
    }
    const m = benchpressGpuId(t);
    if (!m) {
      stats.unknown++;
      const label = typeof t.id === 'string' ? t.id : typeof t.displayName === 'string' ? t.displayName : '(no id)';
      if (stats.unknownIds.length < 50) stats.unknownIds.push(excerpt(label, key, 80));
      continue;
    }
    stats.mapped++;
    entries.push({ type: t, ...m });
  }
  entries.sort((a, b) => (a.by === b.by ? 0 : a.by === 'id' ? -1 : 1));
  const rows = new Map<string, PriceRow>();
  for (const { type, gpuId } of entries) {
    const rpId = typeof type.id === 'string' ? type.id : String(type.displayName);
    for (const [tier, field, flag] of [
      ['secure', 'securePrice', 'secureCloud'],
      ['community', 'communityPrice', 'communityCloud'],
    ] as const) {
      const price = readPrice(type[field]);
      if (price.kind === 'invalid') {
        stats.invalidPrice++;
        continue;
      }
      if (price.kind === 'none' || !offered(type[flag])) {
        stats.noPrice++;
        continue;
      }
      const k = `${gpuId}\u0000${tier}`;
      if (rows.has(k)) {
        stats.duplicates++;
        continue;
      }
      rows.set(k, {
        gpuId,
        provider: 'runpod',
        tier,
        usdPerHour: price.value,
        source: `${shownUrl} (RunPod API gpuTypes ${JSON.stringify(excerpt(rpId, key, 80))} ${field}, fetched ${iso})`,
        asOf,
      });
    }
  }
  const order = new Map(RUNPOD_GPU_MAP.map((m, i) => [m.gpuId, i]));
  const prices = [...rows.values()].sort((a, b) => order.get(a.gpuId)! - order.get(b.gpuId)! || (a.tier === b.tier ? 0 : a.tier === 'secure' ? -1 : 1));
  return {
    snapshot: { schemaVersion: 1, provider: 'runpod', asOf, source: `${shownUrl} (RunPod API, fetched ${iso})`, currency: 'USD', prices },
    stats,
  };
}

// ---------------------------------------------------------------------------------------------
// The client

function num(v: number | undefined, min: number, fallback: number): number {
  return typeof v === 'number' && Number.isFinite(v) ? Math.max(min, Math.floor(v)) : fallback;
}

/** The URL as shown in messages and sources: no user name, password, query or fragment. */
function shownUrl(url: URL): string {
  return `${url.protocol}//${url.host}${url.pathname}`;
}

/**
 * Fetches current RunPod Pod prices (Secure and Community Cloud, per GPU-hour) for the GPUs Benchpress knows.
 * Never rejects: every failure comes back as `{ ok: false, error }` with a message in English and Chinese. An
 * aborted signal ends it at once with `cancelled` (no timer or socket is left behind).
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

async function fetchInner(options: FetchRunpodOptions, key: string, clean: (e: PriceError) => { ok: false; error: PriceError }): Promise<FetchRunpodResult> {
  const timeoutMs = num(options.timeoutMs, 1, DEFAULT_PRICE_FETCH.timeoutMs);
  const retries = num(options.retries, 0, DEFAULT_PRICE_FETCH.retries);
  const retryDelayMs = num(options.retryDelayMs, 0, DEFAULT_PRICE_FETCH.retryDelayMs);
  const maxRetryAfterMs = num(options.maxRetryAfterMs, 0, DEFAULT_PRICE_FETCH.maxRetryAfterMs);
  const maxBodyBytes = num(options.maxBodyBytes, 1024, DEFAULT_PRICE_FETCH.maxBodyBytes);
  const random = options.random ?? Math.random;
  const now = options.now ?? Date.now;
  const signal = options.signal;
  const attempts = retries + 1;
  const progress = (p: Omit<PriceProgress, 'attempts'>) => {
    if (!options.onProgress) return;
    try {
      options.onProgress({ ...p, attempts, message: redact(p.message, key), messageZh: redact(p.messageZh, key) });
    } catch {
      // a failing progress listener is no reason to fail the refresh
    }
  };
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
  let url: URL;
  try {
    url = new URL(options.baseUrl ?? RUNPOD_GRAPHQL_URL);
    if (url.protocol !== 'http:' && url.protocol !== 'https:') throw new Error('not http');
  } catch {
    const shown = excerpt(options.baseUrl ?? '', key, 200);
    return clean({ kind: 'network', message: `The RunPod API URL “${shown}” is not a valid http(s) URL.`, messageZh: `RunPod API 地址“${shown}”不是有效的 http(s) URL。` });
  }
  if (signal?.aborted) return cancelled(0);
  const shown = shownUrl(url);
  const host = url.host;

  const agent = new Agent({
    keepAliveTimeout: 2_000,
    headersTimeout: timeoutMs,
    bodyTimeout: timeoutMs,
    connect: { timeout: timeoutMs },
  });
  const body = JSON.stringify({ query: GPU_TYPES_QUERY });
  const headers = {
    'content-type': 'application/json',
    accept: 'application/json',
    'user-agent': USER_AGENT,
    authorization: `Bearer ${key}`,
  };

  const attempt = async (): Promise<Attempt> => {
    const controller = new AbortController();
    let timedOut = false;
    const timer = setTimeout(() => {
      timedOut = true;
      controller.abort(new Error('timeout'));
    }, timeoutMs);
    const onAbort = () => controller.abort(new Error('cancelled'));
    signal?.addEventListener('abort', onAbort, { once: true });
    try {
      if (signal?.aborted) return { kind: 'cancelled' };
      const res = await request(url, { dispatcher: agent, method: 'POST', headers, body, signal: controller.signal });
      const chunks: Buffer[] = [];
      let size = 0;
      let tooLarge = false;
      const limit = res.statusCode >= 200 && res.statusCode < 300 ? maxBodyBytes : 64 * 1024;
      for await (const chunk of res.body) {
        const buf = chunk as Buffer;
        if (size + buf.length > limit) {
          tooLarge = res.statusCode >= 200 && res.statusCode < 300;
          chunks.push(buf.subarray(0, limit - size));
          res.body.destroy();
          break;
        }
        size += buf.length;
        chunks.push(buf);
      }
      return {
        kind: 'response',
        status: res.statusCode,
        contentType: header(res.headers, 'content-type'),
        retryAfter: header(res.headers, 'retry-after'),
        text: Buffer.concat(chunks).toString('utf8'),
        tooLarge,
      };
    } catch (err) {
      if (signal?.aborted) return { kind: 'cancelled' };
      if (timedOut) return { kind: 'timeout' };
      return classifyError(err);
    } finally {
      clearTimeout(timer);
      signal?.removeEventListener('abort', onAbort);
    }
  };

  const backoff = (n: number) => {
    const exp = Math.min(10_000, retryDelayMs * 2 ** n);
    return Math.round(exp / 2 + random() * (exp / 2));
  };

  try {
    let lastError: PriceError | undefined;
    for (let tries = 1; ; tries++) {
      progress({
        stage: 'request',
        attempt: tries,
        message: tries === 1 ? 'Asking RunPod for current prices…' : `Asking RunPod for current prices (try ${tries} of ${attempts})…`,
        messageZh: tries === 1 ? '正在向 RunPod 查询当前价格…' : `正在向 RunPod 查询当前价格（第 ${tries}/${attempts} 次）…`,
      });
      const a = await attempt();
      if (a.kind === 'cancelled' || signal?.aborted) return cancelled(tries);

      let waitMs: number | undefined; // set when this failure may be retried
      let why = '';
      let whyZh = '';
      if (a.kind === 'timeout') {
        lastError = {
          kind: 'timeout',
          message: `The RunPod API (${host}) did not answer within ${seconds(timeoutMs)} (${triesEn(tries)}).`,
          messageZh: `RunPod API（${host}）在 ${secondsZh(timeoutMs)}内没有响应（已尝试 ${tries} 次）。`,
          tries,
        };
        waitMs = backoff(tries - 1);
        why = 'no answer';
        whyZh = '没有响应';
      } else if (a.kind === 'error') {
        const reasonZh = NETWORK_REASON_ZH[a.reason] ?? `网络错误（${a.reason.replace(/^network error ?/, '').replace(/[()]/g, '') || '未知'}）`;
        lastError = {
          kind: 'network',
          message: `Could not reach the RunPod API at ${host}: ${a.reason} (${triesEn(tries)}).`,
          messageZh: `无法连接 RunPod API（${host}）：${reasonZh}（已尝试 ${tries} 次）。`,
          tries,
        };
        if (a.retriable) waitMs = backoff(tries - 1);
        why = a.reason;
        whyZh = reasonZh;
      } else if (a.status >= 200 && a.status < 300) {
        progress({ stage: 'parsing', attempt: tries, message: 'Reading RunPod’s price list…', messageZh: '正在读取 RunPod 价格表…' });
        const result = readReply(a, key, shown, new Date(now()), tries);
        if (result.ok) {
          const n = new Set(result.snapshot.prices.map((p) => p.gpuId)).size;
          progress({
            stage: 'done',
            attempt: tries,
            message: `Fetched ${result.snapshot.prices.length} prices for ${n} GPUs.`,
            messageZh: `已获取 ${n} 种 GPU 的 ${result.snapshot.prices.length} 个价格。`,
          });
          return result;
        }
        return clean(result.error);
      } else if (a.status === 401 || a.status === 403) {
        const extra = a.status === 403 ? ' (the key may not have read access to the GraphQL API)' : '';
        const extraZh = a.status === 403 ? '（该密钥可能没有 GraphQL API 的读取权限）' : '';
        return clean({
          kind: 'auth',
          status: a.status,
          message: `RunPod rejected the API key (${a.status})${extra}. ${SET_KEY_EN}`,
          messageZh: `RunPod 拒绝了 API 密钥（${a.status}）${extraZh}。${SET_KEY_ZH}`,
          tries,
        });
      } else if (a.status === 429) {
        const ra = parseRetryAfter(a.retryAfter);
        if (ra !== undefined && ra > maxRetryAfterMs) {
          return clean({
            kind: 'rate-limited',
            status: 429,
            retryAfterMs: ra,
            message: `RunPod is rate-limiting requests (429) and asks to wait ${seconds(ra)}; try again later.`,
            messageZh: `RunPod 限制了请求频率（429），要求等待 ${secondsZh(ra)}；请稍后重试。`,
            tries,
          });
        }
        lastError = {
          kind: 'rate-limited',
          status: 429,
          ...(ra !== undefined ? { retryAfterMs: ra } : {}),
          message: `RunPod is rate-limiting requests (429) after ${triesEn(tries)}; try again ${ra !== undefined ? `in ${seconds(ra)}` : 'in a minute'}.`,
          messageZh: `RunPod 限制了请求频率（429），已尝试 ${tries} 次；请${ra !== undefined ? `在 ${secondsZh(ra)}后` : '过一分钟再'}重试。`,
          tries,
        };
        waitMs = ra ?? backoff(tries - 1);
        why = 'rate limited (429)';
        whyZh = '请求过于频繁（429）';
      } else if (a.status >= 500) {
        const ra = a.status === 503 ? parseRetryAfter(a.retryAfter) : undefined;
        const detail = graphqlErrorText(a.text, key);
        lastError = {
          kind: 'server',
          status: a.status,
          message: `The RunPod API had a server error (${httpStatus(a.status)}) after ${triesEn(tries)}${detail ? `: “${detail}”` : ''}; try again later.`,
          messageZh: `RunPod API 服务器错误（${httpStatus(a.status)}），已尝试 ${tries} 次${detail ? `：“${detail}”` : ''}；请稍后重试。`,
          tries,
        };
        waitMs = ra !== undefined && ra <= maxRetryAfterMs ? ra : backoff(tries - 1);
        why = httpStatus(a.status);
        whyZh = httpStatus(a.status);
      } else {
        // Other statuses (400 from a query the server does not accept, 404 from a wrong URL, redirects): not retried.
        const gql = graphqlErrors(a.text);
        if (gql) return clean(graphqlError(gql, key, a.status, tries));
        const ex = excerpt(a.text, key);
        return clean({
          kind: 'server',
          status: a.status,
          message: `The RunPod API at ${shown} answered ${httpStatus(a.status)}${ex ? `: “${ex}”` : ''}. Check the API URL.`,
          messageZh: `位于 ${shown} 的 RunPod API 返回 ${httpStatus(a.status)}${ex ? `：“${ex}”` : ''}。请检查 API 地址。`,
          tries,
        });
      }

      if (waitMs === undefined || tries >= attempts) return clean(lastError);
      progress({
        stage: 'waiting',
        attempt: tries,
        waitMs,
        message: `RunPod: ${why}; trying again in ${seconds(waitMs)}…`,
        messageZh: `RunPod：${whyZh}；${secondsZh(waitMs)}后重试…`,
      });
      if (!(await sleep(waitMs, signal))) return cancelled(tries);
    }
  } finally {
    // Closes every socket at once (a cancelled request's included); nothing is left to keep the process alive.
    await agent.destroy().catch(() => {});
  }
}

/** The GraphQL `errors` list of a reply body, if it has a non-empty one. */
function graphqlErrors(text: string): unknown[] | undefined {
  try {
    const json = JSON.parse(text) as unknown;
    if (isObject(json) && Array.isArray(json.errors) && json.errors.length > 0) return json.errors;
  } catch {
    // not JSON
  }
  return undefined;
}

/** First GraphQL error messages of a reply, short and redacted, or ''. */
function graphqlErrorText(text: string, key: string): string {
  const errors = graphqlErrors(text);
  if (!errors) return '';
  return excerpt(errorMessages(errors).join(' / '), key);
}

function errorMessages(errors: unknown[]): string[] {
  return errors.slice(0, 3).map((e) => (isObject(e) && typeof e.message === 'string' ? e.message : JSON.stringify(e) ?? String(e)));
}

const AUTH_CODES = /^(UNAUTHENTICATED|UNAUTHORIZED|FORBIDDEN|AUTH.*)$/i;
const AUTH_WORDS = /unauthori[sz]ed|not authori[sz]ed|unauthenticated|forbidden|invalid (api )?key|api[ _-]?key|authenticat|permission denied|access denied|not allowed/i;

function graphqlError(errors: unknown[], key: string, status: number | undefined, tries: number): PriceError {
  const messages = errorMessages(errors);
  const codes = errors.map((e) => (isObject(e) && isObject(e.extensions) && typeof e.extensions.code === 'string' ? e.extensions.code : ''));
  const text = excerpt(messages.join(' / '), key);
  const base = { ...(status !== undefined ? { status } : {}), tries };
  if (codes.some((c) => AUTH_CODES.test(c)) || messages.some((m) => AUTH_WORDS.test(m))) {
    return {
      kind: 'auth',
      ...base,
      message: `RunPod rejected the API key: “${text}”. ${SET_KEY_EN}`,
      messageZh: `RunPod 拒绝了 API 密钥：“${text}”。${SET_KEY_ZH}`,
    };
  }
  return {
    kind: 'malformed',
    ...base,
    message: `The RunPod API reported an error instead of prices: “${text}”.`,
    messageZh: `RunPod API 返回了错误而不是价格：“${text}”。`,
  };
}

function readReply(
  a: Extract<Attempt, { kind: 'response' }>,
  key: string,
  shown: string,
  fetchedAt: Date,
  tries: number,
): { ok: true; snapshot: PriceSnapshot; stats: FetchStats; tries: number } | { ok: false; error: PriceError } {
  const malformed = (message: string, messageZh: string): { ok: false; error: PriceError } => ({ ok: false, error: { kind: 'malformed', status: a.status, message, messageZh, tries } });
  if (a.tooLarge) return malformed('The RunPod API reply is too large to be a price list; it was not read.', 'RunPod API 的回复过大，不像价格表，未读取。');
  let json: unknown;
  try {
    json = JSON.parse(a.text);
  } catch {
    const type = a.contentType ? `, ${excerpt(a.contentType, key, 60)}` : '';
    const ex = excerpt(a.text, key);
    return malformed(
      `The RunPod API sent a reply that is not JSON (HTTP ${a.status}${type})${ex ? `: “${ex}”` : ' (empty)'}.`,
      `RunPod API 的回复不是 JSON（HTTP ${a.status}${type}）${ex ? `：“${ex}”` : '（为空）'}。`,
    );
  }
  if (isObject(json) && Array.isArray(json.errors) && json.errors.length > 0) {
    return { ok: false, error: graphqlError(json.errors, key, a.status, tries) };
  }
  const gpuTypes = isObject(json) && isObject(json.data) ? json.data.gpuTypes : undefined;
  if (!Array.isArray(gpuTypes)) {
    const ex = excerpt(JSON.stringify(json) ?? '', key);
    return malformed(`The RunPod API reply has no data.gpuTypes list: “${ex}”.`, `RunPod API 的回复中没有 data.gpuTypes 列表：“${ex}”。`);
  }
  const { snapshot, stats } = buildSnapshot(gpuTypes, shown, fetchedAt, key);
  if (snapshot.prices.length === 0) {
    const detail = `${stats.gpuTypes} GPU types: ${stats.mapped} known to Benchpress, ${stats.unknown} unknown, ${stats.noPrice} prices missing or zero, ${stats.invalidPrice} not numbers`;
    const detailZh = `${stats.gpuTypes} 种 GPU 类型：${stats.mapped} 种 Benchpress 已知，${stats.unknown} 种未知，${stats.noPrice} 个价格缺失或为零，${stats.invalidPrice} 个不是数字`;
    return malformed(`The RunPod API reply had no usable prices (${detail}).`, `RunPod API 的回复中没有可用的价格（${detailZh}）。`);
  }
  return { ok: true, snapshot, stats, tries };
}
