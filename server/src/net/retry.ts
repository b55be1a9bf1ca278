// Waiting and retrying, shared by the network clients (link checks, price refresh): one policy for which failures
// are tried again, how long to wait (exponential backoff with jitter, or the server's Retry-After up to a limit),
// and a loop that applies it. No network code here: callers pass the attempt.
import type { NetError } from './errors';

/** Waits ms; resolves false at once if the signal aborts (and clears the timer, so nothing keeps the process up). */
export function sleep(ms: number, signal?: AbortSignal): Promise<boolean> {
  if (signal?.aborted) return Promise.resolve(false);
  if (ms <= 0) return Promise.resolve(true);
  return new Promise((resolve) => {
    const onAbort = () => {
      clearTimeout(timer);
      resolve(false);
    };
    const timer = setTimeout(() => {
      signal?.removeEventListener('abort', onAbort);
      resolve(true);
    }, ms);
    signal?.addEventListener('abort', onAbort, { once: true });
  });
}

/** Milliseconds to wait for a Retry-After value (delta-seconds or HTTP-date), or undefined if unusable. */
export function parseRetryAfter(value: string | undefined, now = Date.now()): number | undefined {
  if (value === undefined) return undefined;
  const v = value.trim();
  if (/^\d+$/.test(v)) return Number(v) * 1000;
  const date = Date.parse(v);
  if (Number.isNaN(date)) return undefined;
  return Math.max(0, date - now);
}

export interface RetryPolicy {
  /** Further attempts after the first. */
  retries: number;
  /** Backoff base: the n-th retry waits between ½ and 1 × min(maxDelayMs, baseDelayMs · 2ⁿ). */
  baseDelayMs: number;
  /** Cap of one backoff pause. Default 10 000. */
  maxDelayMs?: number;
  /** Longest Retry-After waited for; a longer one ends the attempts (`retry-after-too-long`). */
  maxRetryAfterMs: number;
  /** Whether a timeout is tried again (a price refresh does; a link check, where a slow site stays slow, does not). */
  retryTimeouts: boolean;
  /** Jitter source in [0, 1) (tests). */
  random?: () => number;
}

export const DEFAULT_MAX_DELAY_MS = 10_000;

/** Statuses worth another try: 429 and server errors, except 501 and 505 (the server will not change its mind). */
export function isRetriableStatus(status: number): boolean {
  return status === 429 || (status >= 500 && status <= 599 && status !== 501 && status !== 505);
}

/** Statuses whose Retry-After says when to come back. */
const RETRY_AFTER_STATUSES = new Set([429, 503]);

/** The pause before retry number n+1 (n counts from 0): equal jitter over an exponential backoff. */
export function backoffDelay(policy: RetryPolicy, n: number): number {
  const exp = Math.min(policy.maxDelayMs ?? DEFAULT_MAX_DELAY_MS, policy.baseDelayMs * 2 ** n);
  return Math.round(exp / 2 + (policy.random ?? Math.random)() * (exp / 2));
}

/** What an attempt came to, as far as retrying is concerned. */
export type RetryOutcome = { status: number; retryAfter?: string } | { error: NetError };

export type RetryDecision =
  | { retry: true; waitMs: number; retryAfterMs?: number }
  | { retry: false; reason: 'final' | 'not-retriable' | 'exhausted' | 'retry-after-too-long' | 'cancelled'; retryAfterMs?: number };

/** Whether to try again after an outcome, `retriesSoFar` retries having been made, and how long to wait first. */
export function decideRetry(policy: RetryPolicy, retriesSoFar: number, outcome: RetryOutcome, now = Date.now()): RetryDecision {
  if ('error' in outcome) {
    const e = outcome.error;
    const retriable = e.kind === 'timeout' ? policy.retryTimeouts : e.kind !== 'aborted' && e.transient;
    if (!retriable) return { retry: false, reason: 'not-retriable' };
    if (retriesSoFar >= policy.retries) return { retry: false, reason: 'exhausted' };
    return { retry: true, waitMs: backoffDelay(policy, retriesSoFar) };
  }
  if (outcome.status < 400) return { retry: false, reason: 'final' };
  if (!isRetriableStatus(outcome.status)) return { retry: false, reason: 'not-retriable' };
  const retryAfterMs = RETRY_AFTER_STATUSES.has(outcome.status) ? parseRetryAfter(outcome.retryAfter, now) : undefined;
  const withRetryAfter = retryAfterMs === undefined ? {} : { retryAfterMs };
  if (retryAfterMs !== undefined && retryAfterMs > policy.maxRetryAfterMs) return { retry: false, reason: 'retry-after-too-long', retryAfterMs };
  if (retriesSoFar >= policy.retries) return { retry: false, reason: 'exhausted', ...withRetryAfter };
  return { retry: true, waitMs: retryAfterMs ?? backoffDelay(policy, retriesSoFar), ...withRetryAfter };
}

export interface RetryRun<T> {
  /** The last attempt's result. */
  result: T;
  /** Attempts made. */
  tries: number;
  /** Why the attempts stopped. */
  decision: Extract<RetryDecision, { retry: false }>;
}

export interface RetryHooks<T> {
  /** Cancels the pause between attempts (the loop then ends with `cancelled`). */
  signal?: AbortSignal;
  /** Told before each pause: its length, the number of the attempt that follows (2, 3, …) and what failed. */
  onRetry?: (waitMs: number, nextTry: number, result: T, decision: Extract<RetryDecision, { retry: true }>) => void;
}

/**
 * Runs `attempt` until the policy says stop. `outcome` reads an attempt's result for the policy; undefined means
 * the result is final as it is (a success the caller recognises, a cancellation, a reply that is not HTTP-level).
 */
export async function withRetries<T>(policy: RetryPolicy, attempt: (retry: number) => Promise<T>, outcome: (result: T) => RetryOutcome | undefined, hooks: RetryHooks<T> = {}): Promise<RetryRun<T>> {
  for (let retry = 0; ; retry++) {
    const result = await attempt(retry);
    const tries = retry + 1;
    const o = outcome(result);
    if (o === undefined) return { result, tries, decision: { retry: false, reason: 'final' } };
    const decision = decideRetry(policy, retry, o);
    if (!decision.retry) return { result, tries, decision };
    hooks.onRetry?.(decision.waitMs, tries + 1, result, decision);
    if (!(await sleep(decision.waitMs, hooks.signal))) return { result, tries, decision: { retry: false, reason: 'cancelled' } };
  }
}
