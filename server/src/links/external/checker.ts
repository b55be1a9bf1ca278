// The external link checker: checks http(s) URLs politely (global and per-host concurrency, Retry-After,
// backoff, timeouts, a User-Agent naming Benchpress, a cache) and safely (no private addresses unless allowed,
// DNS pinned to the checked addresses, capped body reads). Requests, error classification and the retry policy
// are net/'s; the HTTP client (undici) is loaded only when a run has something to fetch.
import { setMaxListeners } from 'node:events';
import { createPinnedLookup, hostnameOf, verifyHost, type HostResolver, type HostVerdict } from './address';
import { extractAnchors, fragmentToCheck, hasAnchor, displayFragment, isHtmlContentType } from './anchors';
import { pageCacheKey, type UrlCheckCache } from './cache';
import { DEFAULT_URL_CHECK_OPTIONS, type PageCheck, type RedirectHop, type UrlCheckOptions, type UrlCheckResult } from './types';
import { isFailure, pageVerdict, withHistory } from './verdict';
import { backoffDelay, decideRetry, parseRetryAfter, sleep, withRetries, type RetryPolicy } from '../../net/retry';
import { classifyNetError, type NetError } from '../../net/errors';
import { headerValue, statusText } from '../../net/headers';
import { readBodyText, type BodyText } from '../../net/body';
import { isHttpUrl } from '../../net/url';
import { compileUrlPattern } from '../../config/url-patterns';

type NetHttp = typeof import('../../net/http');

export interface UrlCheckHooks {
  /** Aborting stops the run promptly; unfinished URLs come back as `cancelled` (not cached). */
  signal?: AbortSignal;
  /** Called once per distinct URL as its result is known (cache hits and skips included). */
  onProgress?: (done: number, total: number, url: string) => void;
  cache?: UrlCheckCache;
  /** Clock for checkedAt and cache freshness (tests). Delays and timeouts use the real clock. */
  now?: () => number;
  /** Host name resolver; defaults to the system's (dns.lookup, all addresses). */
  resolve?: HostResolver;
  /** Test seam: which addresses count as public (defaults to the built-in classification). */
  isPublicAddress?: (ip: string) => boolean;
}

type Options = Required<UrlCheckOptions>;

const REDIRECT_STATUSES = new Set([301, 302, 303, 307, 308]);
const PERMANENT_STATUSES = new Set([301, 308]);
/** Statuses after which a HEAD is repeated as a GET (servers that refuse or mishandle HEAD). */
const HEAD_REFUSED = new Set([403, 405, 501]);
const MAX_STORED_ANCHORS = 20_000;
const DNS_CONCURRENCY = 8;

export function resolveOptions(options: Partial<UrlCheckOptions> = {}): Options {
  const o = { ...DEFAULT_URL_CHECK_OPTIONS, ...Object.fromEntries(Object.entries(options).filter(([, v]) => v !== undefined)) } as Options;
  const int = (v: number, min: number, fallback: number) => (Number.isFinite(v) ? Math.max(min, Math.floor(v)) : fallback);
  return {
    ...o,
    timeoutMs: int(o.timeoutMs, 1, DEFAULT_URL_CHECK_OPTIONS.timeoutMs),
    concurrency: int(o.concurrency, 1, DEFAULT_URL_CHECK_OPTIONS.concurrency),
    perHostConcurrency: int(o.perHostConcurrency, 1, DEFAULT_URL_CHECK_OPTIONS.perHostConcurrency),
    retries: int(o.retries, 0, DEFAULT_URL_CHECK_OPTIONS.retries),
    retryDelayMs: int(o.retryDelayMs, 0, DEFAULT_URL_CHECK_OPTIONS.retryDelayMs),
    maxRetryAfterMs: int(o.maxRetryAfterMs, 0, DEFAULT_URL_CHECK_OPTIONS.maxRetryAfterMs),
    maxRedirects: int(o.maxRedirects, 0, DEFAULT_URL_CHECK_OPTIONS.maxRedirects),
    maxBodyBytes: int(o.maxBodyBytes, 1024, DEFAULT_URL_CHECK_OPTIONS.maxBodyBytes),
    cacheTtlHours: Number.isFinite(o.cacheTtlHours) ? Math.max(0, o.cacheTtlHours) : DEFAULT_URL_CHECK_OPTIONS.cacheTtlHours,
    confirmDeadAfterHours: Number.isFinite(o.confirmDeadAfterHours) ? Math.max(0, o.confirmDeadAfterHours) : DEFAULT_URL_CHECK_OPTIONS.confirmDeadAfterHours,
    userAgent: o.userAgent || DEFAULT_URL_CHECK_OPTIONS.userAgent,
    ignore: Array.isArray(o.ignore) ? o.ignore : [],
    skipHosts: Array.isArray(o.skipHosts) ? o.skipHosts : [],
  };
}

// ---------------------------------------------------------------------------------------------
// Ignore patterns and skipped hosts

/** Why a URL is not fetched (ignore pattern or skipped host), or undefined. Invalid patterns are left out. */
export function compileUrlFilter(options: Pick<UrlCheckOptions, 'ignore' | 'skipHosts'>): (url: URL, raw?: string) => string | undefined {
  const patterns: { source: string; re: RegExp }[] = [];
  for (const p of options.ignore) {
    try {
      patterns.push({ source: p, re: compileUrlPattern(p) });
    } catch {
      // reported by validateIgnorePatterns where the settings are read
    }
  }
  const hosts = options.skipHosts.map((h) => h.trim().toLowerCase().replace(/^\*?\./, '')).filter((h) => h !== '');
  return (url, raw) => {
    for (const { source, re } of patterns) {
      if (re.test(url.href) || (raw !== undefined && re.test(raw))) return `skipped: matches ignore pattern ${source}`;
    }
    const hostname = hostnameOf(url);
    const hostPort = url.host.toLowerCase();
    for (const h of hosts) {
      const withPort = /^(\[[^\]]*\]|[^:]+):\d+$/.test(h); // host:port or [v6]:port
      const matches = withPort ? hostPort === h : hostname === h.replace(/^\[(.*)\]$/, '$1') || hostname.endsWith(`.${h}`);
      if (matches) return `skipped: host ${h} is in skipHosts`;
    }
    return undefined;
  };
}

// ---------------------------------------------------------------------------------------------
// Scheduling: a global limit, a per-host limit, per-host pauses (Retry-After)

export class HostLimiter {
  private active = 0;
  private readonly hostActive = new Map<string, number>();
  private readonly pausedUntil = new Map<string, number>();
  private readonly queues = new Map<string, { resolve: (release: () => void) => void; reject: (err: Error) => void }[]>();
  private timer: ReturnType<typeof setTimeout> | undefined;
  private timerAt = Infinity;
  private closedWith: Error | undefined;

  constructor(
    private readonly global: number,
    private readonly perHost: number,
  ) {}

  /** Resolves with a release function once a slot for the host is free (and the host is not paused). */
  acquire(host: string): Promise<() => void> {
    if (this.closedWith) return Promise.reject(this.closedWith);
    return new Promise((resolve, reject) => {
      let q = this.queues.get(host);
      if (!q) this.queues.set(host, (q = []));
      q.push({ resolve, reject });
      this.pump();
    });
  }

  /** No new request to the host starts before `until` (a Date.now() time). */
  pause(host: string, until: number): void {
    if (until > (this.pausedUntil.get(host) ?? 0)) this.pausedUntil.set(host, until);
  }

  /** Rejects every waiter and clears the wake-up timer. */
  close(reason: Error): void {
    this.closedWith = reason;
    if (this.timer) clearTimeout(this.timer);
    this.timer = undefined;
    for (const q of this.queues.values()) for (const w of q) w.reject(reason);
    this.queues.clear();
  }

  private pump(): void {
    if (this.closedWith) return;
    const now = Date.now();
    let wake = Infinity;
    for (const host of [...this.queues.keys()]) {
      if (this.active >= this.global) break;
      const until = this.pausedUntil.get(host);
      if (until !== undefined) {
        if (until > now) {
          wake = Math.min(wake, until);
          continue;
        }
        this.pausedUntil.delete(host);
      }
      const q = this.queues.get(host)!;
      let granted = false;
      while (q.length > 0 && this.active < this.global && (this.hostActive.get(host) ?? 0) < this.perHost) {
        this.grant(host, q.shift()!.resolve);
        granted = true;
      }
      if (q.length === 0) this.queues.delete(host);
      else if (granted) {
        this.queues.delete(host); // round robin: a served host goes to the back
        this.queues.set(host, q);
      }
    }
    if (wake < Infinity && wake < this.timerAt) {
      if (this.timer) clearTimeout(this.timer);
      this.timerAt = wake;
      this.timer = setTimeout(() => {
        this.timer = undefined;
        this.timerAt = Infinity;
        this.pump();
      }, Math.max(0, wake - now));
    }
  }

  private grant(host: string, resolve: (release: () => void) => void): void {
    this.active++;
    this.hostActive.set(host, (this.hostActive.get(host) ?? 0) + 1);
    let released = false;
    resolve(() => {
      if (released) return;
      released = true;
      this.active--;
      const n = (this.hostActive.get(host) ?? 1) - 1;
      if (n > 0) this.hostActive.set(host, n);
      else this.hostActive.delete(host);
      this.pump();
    });
  }
}

/** Settles like the promise, or with undefined as soon as the signal aborts. */
function unlessAborted<T>(promise: Promise<T>, signal?: AbortSignal): Promise<T | undefined> {
  if (!signal) return promise;
  if (signal.aborted) return Promise.resolve(undefined);
  return new Promise((resolve, reject) => {
    const onAbort = () => resolve(undefined);
    signal.addEventListener('abort', onAbort, { once: true });
    promise.then(
      (v) => {
        signal.removeEventListener('abort', onAbort);
        resolve(v);
      },
      (e: unknown) => {
        signal.removeEventListener('abort', onAbort);
        reject(e);
      },
    );
  });
}

export { parseRetryAfter };

// ---------------------------------------------------------------------------------------------
// One run

type Attempt =
  | { kind: 'response'; status: number; contentType?: string; location?: string; retryAfter?: string; body?: BodyText; bodyUnreadable?: boolean }
  | { kind: 'cancelled' }
  | { kind: 'error'; error: NetError };

type Exchange = Attempt & { tries: number; note?: string };

/** The pinned lookup's refusal (see createPinnedLookup): not a network failure, never retried. */
const REFUSED_CODE = 'EBENCHPRESS_REFUSED';

class CheckRun {
  private http: NetHttp | undefined;
  private agent: ReturnType<NetHttp['createAgent']> | undefined;
  private readonly limiter: HostLimiter;
  private readonly dnsLimiter = new HostLimiter(DNS_CONCURRENCY, DNS_CONCURRENCY);
  private readonly verdicts = new Map<string, Promise<HostVerdict>>();
  private readonly headers: Record<string, string>;
  private readonly policy: RetryPolicy;
  private readonly cancelled = new Error('cancelled');
  /** Aborted with the caller's signal; every wait and request of the run listens to this one. */
  private readonly controller = new AbortController();

  constructor(
    private readonly opts: Options,
    private readonly hooks: UrlCheckHooks,
  ) {
    setMaxListeners(0, this.controller.signal); // one listener per request in flight is expected
    this.limiter = new HostLimiter(opts.concurrency, opts.perHostConcurrency);
    this.headers = {
      'user-agent': opts.userAgent,
      accept: 'text/html,application/xhtml+xml;q=0.9,*/*;q=0.8',
      'accept-encoding': 'gzip, deflate, br',
    };
    // Timeouts are not retried: a site that is slow once is slow again, and the run would take retries × longer.
    this.policy = { retries: opts.retries, baseDelayMs: opts.retryDelayMs, maxDelayMs: 30_000, maxRetryAfterMs: opts.maxRetryAfterMs, retryTimeouts: false };
  }

  /** Loads the HTTP client and makes the run's agent (once, when there is something to fetch). */
  async start(): Promise<void> {
    if (this.agent) return;
    this.http = await import('../../net/http');
    // No per-origin socket cap here: the limiter caps requests per host, and undici closes the socket
    // after every HEAD (interop with servers that send a body), so a cap would make the next request
    // wait for the old socket to finish closing.
    this.agent = this.http.createAgent({
      timeoutMs: this.opts.timeoutMs,
      keepAliveTimeoutMs: 4_000,
      lookup: createPinnedLookup((host) => this.verify(host)),
    });
  }

  get signal(): AbortSignal {
    return this.controller.signal;
  }

  abort(): void {
    if (!this.controller.signal.aborted) this.controller.abort(this.cancelled);
    this.limiter.close(this.cancelled);
    this.dnsLimiter.close(this.cancelled);
  }

  async close(): Promise<void> {
    this.abort();
    if (this.agent && this.http) await this.http.closeAgent(this.agent);
  }

  /** Resolves and classifies a host once per run; the verdict also pins the connection (createPinnedLookup). */
  verify(hostname: string): Promise<HostVerdict> {
    let verdict = this.verdicts.get(hostname);
    if (!verdict) {
      verdict = this.resolveHost(hostname);
      this.verdicts.set(hostname, verdict);
    }
    return verdict;
  }

  /** A host's verdict; a temporary DNS failure (EAI_AGAIN) is tried again as the retry policy says. */
  private async resolveHost(hostname: string): Promise<HostVerdict> {
    for (let retry = 0; ; retry++) {
      const verdict = await this.resolveOnce(hostname);
      if (verdict.ok || verdict.status !== 'dns' || verdict.code === undefined) return verdict;
      const decision = decideRetry(this.policy, retry, { error: classifyNetError({ code: verdict.code }) });
      if (!decision.retry) return verdict;
      if (!(await sleep(decision.waitMs, this.signal))) return { ok: false, status: 'dns', message: 'cancelled' };
    }
  }

  private async resolveOnce(hostname: string): Promise<HostVerdict> {
    let release: (() => void) | undefined;
    try {
      release = await this.dnsLimiter.acquire('dns');
    } catch {
      return { ok: false, status: 'dns', message: 'cancelled' };
    }
    let timer: ReturnType<typeof setTimeout> | undefined;
    let onAbort: (() => void) | undefined;
    try {
      // The lookup itself cannot be cancelled: stop waiting for it on timeout or abort.
      const timeoutOrAbort = new Promise<HostVerdict>((resolve) => {
        timer = setTimeout(() => resolve({ ok: false, status: 'dns', code: 'ETIMEOUT', message: `DNS lookup failed for ${hostname}: timed out after ${this.opts.timeoutMs} ms` }), this.opts.timeoutMs);
        onAbort = () => resolve({ ok: false, status: 'dns', message: 'cancelled' });
        if (this.signal.aborted) onAbort();
        else this.signal.addEventListener('abort', onAbort, { once: true });
      });
      return await Promise.race([
        verifyHost(hostname, { allowPrivate: this.opts.allowPrivate, resolve: this.hooks.resolve, isPublic: this.hooks.isPublicAddress }),
        timeoutOrAbort,
      ]);
    } finally {
      clearTimeout(timer);
      if (onAbort) this.signal.removeEventListener('abort', onAbort);
      release();
    }
  }

  /** One HTTP request within a concurrency slot and the per-request timeout; the body is always consumed or destroyed. */
  private async attempt(url: URL, method: 'HEAD' | 'GET', needBody: boolean, retry: number): Promise<Attempt> {
    const host = hostnameOf(url);
    let release: () => void;
    try {
      release = await this.limiter.acquire(host);
    } catch {
      return { kind: 'cancelled' };
    }
    try {
      if (this.signal.aborted || !this.http || !this.agent) return { kind: 'cancelled' };
      const readHtml = needBody && method === 'GET';
      const ex = await this.http.send(this.agent, url, { method, headers: this.headers, signal: this.signal, timeoutMs: this.opts.timeoutMs }, async (head, body, context) => {
        const contentType = headerValue(head.headers, 'content-type');
        if (!readHtml || head.status < 200 || head.status >= 300 || !isHtmlContentType(contentType)) return undefined;
        try {
          return await readBodyText(body, this.opts.maxBodyBytes, headerValue(head.headers, 'content-encoding'));
        } catch (err) {
          if (context.signal.aborted) throw err; // the deadline passed or the run was cancelled: not a page problem
          return 'unreadable' as const;
        }
      });
      if (ex.kind === 'error') return ex.error.kind === 'aborted' ? { kind: 'cancelled' } : { kind: 'error', error: ex.error };
      const status = ex.status;
      const out: Extract<Attempt, { kind: 'response' }> = {
        kind: 'response',
        status,
        contentType: headerValue(ex.headers, 'content-type'),
        location: headerValue(ex.headers, 'location'),
        retryAfter: headerValue(ex.headers, 'retry-after'),
      };
      if (ex.value === 'unreadable') out.bodyUnreadable = true;
      else if (ex.value) out.body = ex.value;
      if (status === 429 || status === 503) {
        // Slow down the whole host before this slot is released, so no queued request slips in.
        const wait = parseRetryAfter(out.retryAfter);
        if (wait !== undefined && wait <= this.opts.maxRetryAfterMs) this.limiter.pause(host, Date.now() + wait);
        else if (wait === undefined && status === 429) this.limiter.pause(host, Date.now() + backoffDelay(this.policy, retry));
      }
      return out;
    } finally {
      release();
    }
  }

  /** A request to one URL with HEAD→GET fallback and retries as net/retry's policy says (network errors, 5xx, 429/503). */
  private async exchange(url: URL, needBody: boolean): Promise<Exchange> {
    let method: 'HEAD' | 'GET' = needBody ? 'GET' : 'HEAD';
    const run = await withRetries(
      this.policy,
      async (retry) => {
        const a = await this.attempt(url, method, needBody, retry);
        if (a.kind === 'response' && method === 'HEAD' && HEAD_REFUSED.has(a.status)) {
          method = 'GET'; // servers that refuse or mishandle HEAD: the same try, with GET
          return this.attempt(url, method, needBody, retry);
        }
        return a;
      },
      (a) => {
        if (a.kind === 'cancelled') return undefined;
        if (a.kind === 'error') return a.error.code === REFUSED_CODE ? undefined : { error: a.error };
        return { status: a.status, retryAfter: a.retryAfter };
      },
      { signal: this.signal },
    );
    const { result, tries, decision } = run;
    if (decision.reason === 'cancelled' || this.signal.aborted) return { kind: 'cancelled', tries };
    if (decision.reason === 'retry-after-too-long' && decision.retryAfterMs !== undefined) {
      return { ...result, tries, note: `Retry-After ${Math.ceil(decision.retryAfterMs / 1000)} s is longer than the ${Math.round(this.opts.maxRetryAfterMs / 1000)} s this check waits` };
    }
    return { ...result, tries };
  }

  /** Fetches a URL (no fragment), following redirects by hand, checking every hop's address. */
  async checkPage(start: URL, needBody: boolean): Promise<PageCheck> {
    const checkedAt = new Date((this.hooks.now ?? Date.now)()).toISOString();
    const redirects: RedirectHop[] = [];
    const seen = new Set<string>([start.href]);
    let url = start;
    let locationFragment: string | undefined;
    let viaPrivateAddress = false;
    const after = () => (redirects.length > 0 ? ` (after redirect to ${url.href})` : '');
    const page = (p: Omit<PageCheck, 'checkedAt'>): PageCheck => {
      const out: PageCheck = { ...p, checkedAt };
      if (redirects.length > 0) {
        out.redirects = redirects;
        out.finalUrl ??= url.href;
      }
      if (locationFragment !== undefined) out.locationFragment = locationFragment;
      if (viaPrivateAddress) out.viaPrivateAddress = true;
      return out;
    };
    for (;;) {
      const verdict = await unlessAborted(this.verify(hostnameOf(url)), this.signal);
      if (!verdict || this.signal.aborted) return page({ status: 'cancelled', message: 'cancelled' });
      if (!verdict.ok) {
        const message = redirects.length > 0 ? `${verdict.message} (redirect target ${url.href})` : verdict.message;
        if (verdict.status === 'refused') return page({ status: 'refused', message });
        return page({ status: 'dns', message, errorKind: verdict.code === 'ETIMEOUT' ? 'timeout' : 'dns', ...(verdict.code ? { errorCode: verdict.code } : {}) });
      }
      if (verdict.nonPublic) viaPrivateAddress = true;
      const ex = await this.exchange(url, needBody);
      const triesNote = ex.tries > 1 ? ` after ${ex.tries} tries` : '';
      if (ex.kind === 'cancelled') return page({ status: 'cancelled', message: 'cancelled' });
      if (ex.kind === 'error') {
        const e = ex.error;
        const code = e.code !== undefined ? { errorCode: e.code } : {};
        if (e.kind === 'timeout') return page({ status: 'timeout', message: `timed out after ${this.opts.timeoutMs} ms${after()}`, errorKind: 'timeout' });
        if (e.code === REFUSED_CODE) return page({ status: 'refused', message: `refused: private address; set allowPrivateUrls to check it${after()}` });
        if (e.kind === 'dns') return page({ status: 'dns', message: `DNS lookup failed for ${hostnameOf(url)}: ${e.reason}${triesNote}`, errorKind: 'dns', ...code });
        return page({ status: 'network', message: `${e.reason}${triesNote}${after()}`, errorKind: e.kind, ...code });
      }

      if (REDIRECT_STATUSES.has(ex.status) && ex.location !== undefined) {
        let next: URL;
        try {
          next = new URL(ex.location, url);
        } catch {
          return page({ status: 'broken', httpStatus: ex.status, message: `${statusText(ex.status)} with an invalid Location ${JSON.stringify(ex.location)}${after()}` });
        }
        redirects.push({ url: url.href, status: ex.status });
        if (!isHttpUrl(next)) {
          return page({ status: 'broken', httpStatus: ex.status, finalUrl: next.href, message: `redirects to a non-http URL (${next.protocol}) ${next.href}` });
        }
        if (next.hash) locationFragment = next.hash.slice(1);
        next.hash = '';
        if (seen.has(next.href)) {
          return page({ status: 'broken', httpStatus: ex.status, finalUrl: next.href, message: `redirect loop (${redirects.map((r) => r.status).join(' → ')} back to ${next.href})` });
        }
        if (redirects.length > this.opts.maxRedirects) {
          return page({ status: 'broken', httpStatus: ex.status, finalUrl: next.href, message: `too many redirects (more than ${this.opts.maxRedirects})` });
        }
        seen.add(next.href);
        url = next;
        continue;
      }

      if (ex.status >= 200 && ex.status < 300) {
        const result = page({
          status: redirects.length > 0 ? 'redirect' : 'ok',
          httpStatus: ex.status,
          contentType: ex.contentType,
          message: redirectMessage(redirects, url, ex.status),
        });
        if (redirects.length > 0) {
          result.permanent = redirects.every((r) => PERMANENT_STATUSES.has(r.status));
          const firstTemporary = redirects.findIndex((r) => !PERMANENT_STATUSES.has(r.status));
          if (firstTemporary !== 0) result.permanentUrl = firstTemporary < 0 ? url.href : redirects[firstTemporary]!.url;
        }
        if (ex.body) {
          const anchors = [...extractAnchors(ex.body.text)];
          result.anchors = anchors.length > MAX_STORED_ANCHORS ? anchors.slice(0, MAX_STORED_ANCHORS) : anchors;
          if (ex.body.truncated || anchors.length > MAX_STORED_ANCHORS) result.bodyTruncated = true;
        } else if (ex.bodyUnreadable) {
          result.message += ' (the page body could not be read, anchors not checked)';
        }
        return result;
      }

      let reason = statusText(ex.status);
      if (REDIRECT_STATUSES.has(ex.status)) reason += ' without a Location header';
      if (ex.status === 401 || ex.status === 403 || ex.status === 999) reason += ' (the server refused the checker; the page may still open in a browser)';
      if (ex.status === 429) reason += ex.note ? ` (rate limited: ${ex.note})` : ` (rate limited${triesNote})`;
      else if (ex.note) reason += ` (${ex.note})`;
      else if (ex.status >= 500) reason += triesNote ? ` (${triesNote.trim()})` : '';
      return page({ status: 'broken', httpStatus: ex.status, contentType: ex.contentType, message: `${reason}${after()}` });
    }
  }
}

function redirectMessage(redirects: RedirectHop[], finalUrl: URL, status: number): string {
  if (redirects.length === 0) return statusText(status);
  const hops = redirects.map((r) => r.status).join(', ');
  const kind = redirects.every((r) => PERMANENT_STATUSES.has(r.status)) ? 'permanently ' : '';
  return `${kind}redirected (${hops}) to ${finalUrl.href}, ${statusText(status)}`;
}

/** Whether a page check may be served from the cache for this run. */
function isUsable(entry: PageCheck, needBody: boolean, opts: Options, now: number): boolean {
  if (opts.cacheTtlHours <= 0 || !isCacheable(entry)) return false;
  const at = Date.parse(entry.checkedAt);
  if (Number.isNaN(at) || now - at > opts.cacheTtlHours * 3_600_000 || at - now > 60_000) return false;
  if (entry.viaPrivateAddress && !opts.allowPrivate) return false;
  if (needBody && (entry.status === 'ok' || entry.status === 'redirect') && entry.anchors === undefined) {
    // Checked with HEAD (or the body was unreadable): only good enough when the page is known not to be HTML.
    if (entry.contentType === undefined || isHtmlContentType(entry.contentType)) return false;
  }
  return true;
}

/**
 * Definite answers are cached; transient ones (timeouts, network, 5xx, 429, 408) are not. (Failures are stored
 * too, for their history, but only cacheable entries are served: see isUsable.)
 */
function isCacheable(page: PageCheck): boolean {
  if (page.status === 'ok' || page.status === 'redirect') return true;
  if (page.status !== 'broken' || page.httpStatus === undefined) return false;
  if (page.httpStatus >= 300 && page.httpStatus < 400) return true; // loops, too many redirects, bad Location
  return page.httpStatus >= 400 && page.httpStatus < 500 && page.httpStatus !== 408 && page.httpStatus !== 425 && page.httpStatus !== 429;
}

function appendHash(url: string | undefined, hash: string): string | undefined {
  if (url === undefined || hash === '') return url;
  const u = new URL(url);
  u.hash = hash;
  return u.href;
}

/** The result of one link (fragment included) from the check of its page. */
function linkResult(raw: string, link: URL, page: PageCheck, opts: Options, cached: boolean): UrlCheckResult {
  const ownHash = link.hash.replace(/^#/, '');
  const effectiveHash = page.locationFragment ?? ownHash;
  const result: UrlCheckResult = { url: raw, status: page.status, message: page.message, checkedAt: page.checkedAt };
  if (page.httpStatus !== undefined) result.httpStatus = page.httpStatus;
  if (page.finalUrl !== undefined) result.finalUrl = appendHash(page.finalUrl, effectiveHash);
  if (page.redirects) result.redirects = page.redirects;
  if (page.permanent !== undefined) result.permanent = page.permanent;
  if (page.permanentUrl !== undefined) result.permanentUrl = appendHash(page.permanentUrl, page.permanentUrl === page.finalUrl ? effectiveHash : ownHash);
  if (cached) result.cached = true;
  if (page.failingSince !== undefined) {
    result.failingSince = page.failingSince;
    result.failures = page.failures ?? 1;
  }
  const verdict = pageVerdict(page, opts.confirmDeadAfterHours);
  if (verdict) {
    result.verdict = verdict.verdict;
    result.verdictReason = verdict.reason;
    if (verdict.deadIfFailingAfter !== undefined) result.deadIfFailingAfter = verdict.deadIfFailingAfter;
  }
  if (opts.checkFragments && (page.status === 'ok' || page.status === 'redirect') && page.anchors !== undefined) {
    const target = new URL(page.finalUrl ?? link.href);
    target.hash = effectiveHash;
    const fragment = fragmentToCheck(target);
    if (fragment !== undefined && !hasAnchor(new Set(page.anchors), fragment)) {
      const shown = displayFragment(fragment);
      if (page.bodyTruncated) {
        result.message += `; anchor #${shown} not verified (not in the first ${Math.round(opts.maxBodyBytes / 1024)} KiB of the page)`;
      } else {
        result.fragmentMissing = true;
        result.verdict = 'dead';
        result.verdictReason = 'anchor-missing';
        const where = page.redirects ? page.finalUrl : 'the page';
        result.message = `anchor #${shown} not found on ${where} (${page.httpStatus !== undefined ? statusText(page.httpStatus) : page.message})`;
      }
    }
  }
  return result;
}

/**
 * Checks every distinct URL once (URLs differing only by fragment share one request), and resolves
 * with a result for each distinct input string, in input order. Never rejects for network trouble;
 * a cancelled run resolves with `cancelled` results for what was not finished.
 */
export async function checkUrls(urls: Iterable<string>, options: Partial<UrlCheckOptions> = {}, hooks: UrlCheckHooks = {}): Promise<Map<string, UrlCheckResult>> {
  const opts = resolveOptions(options);
  const now = hooks.now ?? Date.now;
  const distinct = [...new Set(urls)];
  const results = new Map<string, UrlCheckResult>();
  const total = distinct.length;
  let done = 0;
  const finish = (r: UrlCheckResult) => {
    results.set(r.url, r);
    done++;
    hooks.onProgress?.(done, total, r.url);
  };
  const stamp = () => new Date(now()).toISOString();
  const filter = compileUrlFilter(opts);

  const groups = new Map<string, { base: URL; links: { raw: string; url: URL }[] }>();
  for (const raw of distinct) {
    let url: URL;
    try {
      url = new URL(raw.trim());
    } catch {
      finish({ url: raw, status: 'invalid', message: 'invalid URL', checkedAt: stamp(), verdict: 'dead', verdictReason: 'invalid-url' });
      continue;
    }
    if (!isHttpUrl(url)) {
      finish({ url: raw, status: 'skipped', message: `skipped: not an http(s) URL (${url.protocol})`, checkedAt: stamp() });
      continue;
    }
    const skip = filter(url, raw);
    if (skip) {
      finish({ url: raw, status: 'skipped', message: skip, checkedAt: stamp() });
      continue;
    }
    const key = pageCacheKey(url);
    let g = groups.get(key);
    if (!g) {
      const base = new URL(key);
      groups.set(key, (g = { base, links: [] }));
    }
    g.links.push({ raw, url });
  }

  const run = new CheckRun(opts, hooks);
  const onAbort = () => run.abort();
  hooks.signal?.addEventListener('abort', onAbort, { once: true });
  if (hooks.signal?.aborted) run.abort();
  try {
    if (groups.size > 0 && !run.signal.aborted) await run.start();
    await Promise.all(
      [...groups].map(async ([key, g]) => {
        const needBody = opts.checkFragments && g.links.some((l) => fragmentToCheck(l.url) !== undefined);
        let page: PageCheck | undefined;
        let previous: PageCheck | undefined;
        let cached = false;
        if (hooks.cache) {
          try {
            previous = await hooks.cache.get(key);
            if (previous && isUsable(previous, needBody, opts, now())) {
              page = previous;
              cached = true;
            }
          } catch {
            // a broken cache is no reason not to check
          }
        }
        if (!page) {
          page = run.signal.aborted ? { status: 'cancelled', message: 'cancelled', checkedAt: stamp() } : await run.checkPage(g.base, needBody);
          page = withHistory(page, previous);
          if (hooks.cache && (isCacheable(page) || isFailure(page))) {
            try {
              await hooks.cache.set(key, page);
            } catch {
              // ignore
            }
          }
        }
        for (const link of g.links) finish(linkResult(link.raw, link.url, page, opts, cached));
      }),
    );
  } finally {
    hooks.signal?.removeEventListener('abort', onAbort);
    await run.close();
    await hooks.cache?.flush?.().catch(() => {});
  }
  return new Map(distinct.map((u) => [u, results.get(u)!]));
}
