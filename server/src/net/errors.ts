// What went wrong with a request, in one classification shared by every network client (link checks, price
// refresh). Built from error codes only: the text of an error object is never quoted, since it may carry request
// details (a URL with a key in it, a header).

/**
 * - `timeout`: no answer within the time budget (connect, headers or body).
 * - `dns`: the host name did not resolve; `transient` tells a temporary failure (EAI_AGAIN) from "no such host".
 * - `refused`: nothing listens there (ECONNREFUSED).
 * - `reset`: the connection was reset or closed before a complete response.
 * - `unreachable`: no route to the host or network.
 * - `tls`: the TLS handshake or certificate failed.
 * - `protocol`: the server does not speak valid HTTP (llhttp `HPE_*`, a body that contradicts its length).
 * - `aborted`: the caller cancelled.
 * - `scheme`: not an http(s) URL, so nothing was sent.
 * - `other`: anything else.
 */
export type NetErrorKind = 'timeout' | 'dns' | 'refused' | 'reset' | 'unreachable' | 'tls' | 'protocol' | 'aborted' | 'scheme' | 'other';

export interface NetError {
  kind: NetErrorKind;
  /** The most telling error code (e.g. ECONNRESET, EAI_AGAIN, HPE_INVALID_CONSTANT), when there was one. */
  code?: string;
  /** Whether trying again soon may help (the retry policy decides whether it does). */
  transient: boolean;
  /** Short English reason, e.g. `connection reset`, `host not found (ENOTFOUND)`. */
  reason: string;
  /** The same in Chinese. */
  reasonZh: string;
}

/** Error codes found on an error, its causes and aggregated sub-errors (undici and Node nest them). */
export function errorCodes(err: unknown): string[] {
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

/** Whether the error or one of its causes has this name. */
function hasErrorName(err: unknown, name: string): boolean {
  let e: unknown = err;
  for (let depth = 0; e && typeof e === 'object' && depth < 5; depth++) {
    if ((e as { name?: unknown }).name === name) return true;
    e = (e as { cause?: unknown }).cause;
  }
  return false;
}

const TIMEOUT_CODES = new Set(['UND_ERR_CONNECT_TIMEOUT', 'UND_ERR_HEADERS_TIMEOUT', 'UND_ERR_BODY_TIMEOUT', 'ETIMEDOUT', 'ETIMEOUT']);
const ABORT_CODES = new Set(['UND_ERR_ABORTED', 'ABORT_ERR']);
const CODE_SHAPE = /^[A-Z][A-Z0-9_]{2,40}$/;

export function netError(kind: NetErrorKind, reason: string, reasonZh: string, transient: boolean, code?: string): NetError {
  return code === undefined ? { kind, transient, reason, reasonZh } : { kind, code, transient, reason, reasonZh };
}

export const TIMEOUT_ERROR = netError('timeout', 'timed out', '超时', true);
export const ABORTED_ERROR = netError('aborted', 'cancelled', '已取消', false);

/** Classifies a thrown error (undici, Node net/tls/dns) by its codes. */
export function classifyNetError(err: unknown): NetError {
  const codes = errorCodes(err);
  const has = (c: string) => codes.includes(c);
  const timeout = codes.find((c) => TIMEOUT_CODES.has(c));
  if (timeout) return { ...TIMEOUT_ERROR, code: timeout };
  if (codes.some((c) => ABORT_CODES.has(c)) || (err instanceof Error && err.name === 'AbortError')) return ABORTED_ERROR;
  if (has('EAI_AGAIN')) return netError('dns', 'temporary DNS failure (EAI_AGAIN)', 'DNS 暂时无法解析（EAI_AGAIN）', true, 'EAI_AGAIN');
  const notFound = codes.find((c) => c === 'ENOTFOUND' || c === 'ENODATA' || c === 'EAI_NONAME' || c === 'EAI_NODATA');
  if (notFound) return netError('dns', `host not found (${notFound})`, `找不到主机（${notFound}）`, false, notFound);
  if (has('ECONNREFUSED')) return netError('refused', 'connection refused', '连接被拒绝', true, 'ECONNREFUSED');
  if (has('ECONNRESET')) return netError('reset', 'connection reset', '连接被重置', true, 'ECONNRESET');
  if (has('EPIPE')) return netError('reset', 'connection reset (broken pipe)', '连接被重置（管道断开）', true, 'EPIPE');
  const closed = codes.find((c) => c === 'UND_ERR_SOCKET' || c === 'UND_ERR_CLOSED');
  if (closed) return netError('reset', 'connection closed before a complete response', '响应未完成时连接被关闭', true, closed);
  if (has('EHOSTUNREACH') || has('EHOSTDOWN')) return netError('unreachable', 'host unreachable', '主机不可达', true, has('EHOSTUNREACH') ? 'EHOSTUNREACH' : 'EHOSTDOWN');
  if (has('ENETUNREACH') || has('ENETDOWN')) return netError('unreachable', 'network unreachable', '网络不可达', true, has('ENETUNREACH') ? 'ENETUNREACH' : 'ENETDOWN');
  const tls = codes.find((c) => c.startsWith('ERR_TLS') || c.startsWith('ERR_SSL') || /CERT|SELF_SIGNED|UNABLE_TO_(GET|VERIFY)/.test(c));
  if (tls) return netError('tls', `TLS error (${tls})`, `TLS 错误（${tls}）`, false, tls);
  const protocol = codes.find((c) => c.startsWith('HPE_') || c === 'UND_ERR_INFO' || c === 'UND_ERR_RES_CONTENT_LENGTH_MISMATCH' || c === 'UND_ERR_RES_EXCEEDED_MAX_SIZE');
  if (protocol) return netError('protocol', `invalid HTTP response (${protocol})`, `HTTP 响应无效（${protocol}）`, false, protocol);
  if (hasErrorName(err, 'HTTPParserError')) return netError('protocol', 'invalid HTTP response', 'HTTP 响应无效', false); // llhttp gives no code for some
  const code = codes.find((c) => CODE_SHAPE.test(c));
  return netError('other', code ? `network error (${code})` : 'network error', code ? `网络错误（${code}）` : '网络错误', true, code);
}

/** An error for a URL that is not http(s): nothing is sent. */
export function schemeError(protocol: string): NetError {
  const p = protocol.replace(/:$/, '');
  return netError('scheme', `not an http(s) URL (${p}:)`, `不是 http(s) 地址（${p}:）`, false);
}
