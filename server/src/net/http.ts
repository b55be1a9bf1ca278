// One HTTP exchange on undici, for every network client: an Agent with per-origin connection limits and the
// client's timeouts, a deadline over the whole exchange (connect, headers and the body read), cancellation by
// the caller's signal, only http(s), the body always consumed or destroyed, and failures classified (errors.ts)
// instead of thrown. Retrying is the caller's (retry.ts).
//
// This is the only module that loads undici. Load it with `await import('…/net/http')` at the moment a request is
// about to be made, so commands that make none (`lint` without `--check-urls`) never load the network stack.
import type { Readable } from 'node:stream';
import type { LookupFunction } from 'node:net';
import { Agent, request } from 'undici';
import { ABORTED_ERROR, classifyNetError, schemeError, TIMEOUT_ERROR, type NetError } from './errors';
import { discardBody } from './body';
import type { HeaderRecord } from './headers';
import { isHttpUrl } from './url';

export interface HttpAgentOptions {
  /** Connect, headers and body-idle timeouts of each request, ms. */
  timeoutMs: number;
  /** Sockets per origin (scheme, host, port); undefined for no limit. */
  connections?: number;
  /** How long an idle socket is kept for reuse, ms. Default 4 000. */
  keepAliveTimeoutMs?: number;
  /** DNS lookup for new sockets (e.g. one pinned to addresses that were checked). */
  lookup?: LookupFunction;
}

export type HttpAgent = Agent;

export function createAgent(options: HttpAgentOptions): HttpAgent {
  return new Agent({
    keepAliveTimeout: options.keepAliveTimeoutMs ?? 4_000,
    headersTimeout: options.timeoutMs,
    bodyTimeout: options.timeoutMs,
    ...(options.connections !== undefined ? { connections: options.connections } : {}),
    connect: { timeout: options.timeoutMs, ...(options.lookup ? { lookup: options.lookup } : {}) },
  });
}

/** Closes every socket of the agent at once (requests in flight fail); never rejects. */
export async function closeAgent(agent: HttpAgent): Promise<void> {
  await agent.destroy().catch(() => {});
}

export interface SendInit {
  method: 'GET' | 'HEAD' | 'POST';
  headers: Record<string, string>;
  body?: string;
  /** The caller's cancellation. */
  signal?: AbortSignal;
  /** Deadline of the whole exchange, body read included, ms. */
  timeoutMs: number;
}

export interface ResponseHead {
  status: number;
  headers: HeaderRecord;
}

export interface ReadContext {
  /** Aborts when the deadline passes or the caller cancels: a reader that catches its own errors rethrows then. */
  signal: AbortSignal;
}

/**
 * Reads what the caller needs of the body (or nothing). Whatever it leaves unread is discarded afterwards. A
 * reader that throws makes the exchange an error (a timeout or cancellation when the deadline passed or the
 * caller cancelled meanwhile).
 */
export type BodyReader<T> = (head: ResponseHead, body: Readable, context: ReadContext) => Promise<T>;

export type Exchange<T> = ({ kind: 'response' } & ResponseHead & { value: T }) | { kind: 'error'; error: NetError };

/** Reads nothing. */
export const ignoreBody: BodyReader<undefined> = async () => undefined;

/** One request. Never rejects: every failure is an `error` exchange. */
export async function send<T>(agent: HttpAgent, url: URL, init: SendInit, read: BodyReader<T>): Promise<Exchange<T>> {
  if (!isHttpUrl(url)) return { kind: 'error', error: schemeError(url.protocol) };
  const parent = init.signal;
  if (parent?.aborted) return { kind: 'error', error: ABORTED_ERROR };
  const controller = new AbortController();
  let timedOut = false;
  const timer = setTimeout(() => {
    timedOut = true;
    controller.abort(new Error('timed out'));
  }, init.timeoutMs);
  const onAbort = () => controller.abort(new Error('cancelled'));
  parent?.addEventListener('abort', onAbort, { once: true });
  const failed = (err: unknown): Exchange<T> => ({
    kind: 'error',
    error: parent?.aborted ? ABORTED_ERROR : timedOut ? TIMEOUT_ERROR : classifyNetError(err),
  });
  try {
    let res: Awaited<ReturnType<typeof request>>;
    try {
      res = await request(url, { dispatcher: agent, method: init.method, headers: init.headers, body: init.body, signal: controller.signal });
    } catch (err) {
      return failed(err);
    }
    const head: ResponseHead = { status: res.statusCode, headers: res.headers as HeaderRecord };
    try {
      const value = await read(head, res.body, { signal: controller.signal });
      return { kind: 'response', ...head, value };
    } catch (err) {
      return failed(err);
    } finally {
      if (!res.body.destroyed && !res.body.readableEnded) await discardBody(res.body);
    }
  } finally {
    clearTimeout(timer);
    parent?.removeEventListener('abort', onAbort);
  }
}
