// Shared vocabulary of the external link checker. No editor or LSP imports: the CLI and the
// language server both use this module.
import type { NetErrorKind } from '../../net/errors';

/** Settings of one check run. Every field has a default in DEFAULT_URL_CHECK_OPTIONS. */
export interface UrlCheckOptions {
  /** Per-request budget in milliseconds, covering connect, headers and the body read. */
  timeoutMs: number;
  /** Requests in flight at once, all hosts together. */
  concurrency: number;
  /** Requests in flight at once to one host name (ports of one host share it). */
  perHostConcurrency: number;
  /** Extra attempts after a network error, a 5xx (not 501/505), a 429 or a 503. Timeouts are not retried. */
  retries: number;
  /** Fetch loopback, private, link-local, unique-local and CGNAT addresses (`--allow-private-urls`). */
  allowPrivate: boolean;
  /**
   * URLs to skip. `/regex/flags` is a regular expression tested against the URL; anything else is a
   * glob matched against the whole URL where `*` is any run of characters (slashes included) and `?`
   * one character. A glob without `*` or `?` matches every URL that starts with it.
   */
  ignore: string[];
  /** Host names to skip. `example.com` skips it and its subdomains; `example.com:8080` only that port. */
  skipHosts: string[];
  /** How long a cached result stays valid. 0 disables reading the cache (results are still written). */
  cacheTtlHours: number;
  /** Sent with every request; defaults to USER_AGENT. */
  userAgent?: string;
  /** Check `#fragment`s against the anchors of HTML pages (needs a GET of the page). */
  checkFragments: boolean;
  /** Base delay of the exponential backoff between retries (doubles each attempt, plus jitter). */
  retryDelayMs?: number;
  /** A Retry-After longer than this is not waited for; the 429/503 is reported instead. */
  maxRetryAfterMs?: number;
  /** Redirect hops followed before giving up. */
  maxRedirects?: number;
  /** Bytes of (decompressed) body read to look for anchors; the rest is not downloaded. */
  maxBodyBytes?: number;
  /**
   * A link that fails in a way that may pass (a 5xx, a reset, a refused connection, a redirect loop …) is `dead`
   * only when it also failed in a check at least this many hours after its first failure; until then it is
   * `unverified`. 0 reports it dead at the first failure. The history is kept in the URL cache.
   */
  confirmDeadAfterHours?: number;
}

/** Names Benchpress so site owners can tell who is knocking; override with `userAgent`. */
export const USER_AGENT = 'Benchpress-LinkChecker/0.1 (compatible; link checker of the Benchpress writing tools)';

export const DEFAULT_URL_CHECK_OPTIONS: Readonly<Required<UrlCheckOptions>> = Object.freeze({
  timeoutMs: 10_000,
  concurrency: 16,
  perHostConcurrency: 2,
  retries: 2,
  allowPrivate: false,
  ignore: [],
  skipHosts: [],
  cacheTtlHours: 24,
  userAgent: USER_AGENT,
  checkFragments: true,
  retryDelayMs: 500,
  maxRetryAfterMs: 30_000,
  maxRedirects: 10,
  maxBodyBytes: 4 * 1024 * 1024,
  confirmDeadAfterHours: 24,
});

/**
 * - `ok`: 2xx (the fragment may still be missing: see `fragmentMissing`).
 * - `redirect`: 2xx after one or more redirects.
 * - `broken`: the server answered with an error status, or the redirects loop / go too far / go to a non-http URL.
 * - `timeout`, `dns`, `network`: no usable answer; `message` says which (never confused with a 404).
 * - `refused`: not fetched because the host is (or resolves to) a non-public address.
 * - `skipped`: ignore pattern, skipped host or a non-http(s) URL. `invalid`: not a URL. `cancelled`: the run was aborted.
 */
export type UrlStatus = 'ok' | 'redirect' | 'broken' | 'timeout' | 'dns' | 'network' | 'refused' | 'skipped' | 'invalid' | 'cancelled';

/**
 * What a writer should make of a link:
 * - `alive`: it answered with a page (after redirects, if any), and its `#fragment` is there.
 * - `dead`: 404 or 410, a host that does not resolve, a missing anchor, an invalid URL; or any other failure seen
 *   in two checks at least `confirmDeadAfterHours` apart.
 * - `unverified`: it could not be told: the site blocks automated clients (401, 403, 429, 999), a timeout, a TLS
 *   error, a private address that is not fetched, or a failure not yet confirmed by a later check.
 */
export type UrlVerdict = 'alive' | 'dead' | 'unverified';

/** Why a verdict was given (`data.verdictReason` of a finding). */
export type VerdictReason =
  | 'ok'
  | 'not-found' // 404
  | 'gone' // 410
  | 'no-such-host'
  | 'anchor-missing'
  | 'invalid-url'
  | 'confirmed' // failed in two checks far enough apart
  | 'blocked' // 401, 403, 999
  | 'rate-limited' // 429
  | 'timeout'
  | 'tls'
  | 'private-address'
  | 'unconfirmed'; // failed, not yet confirmed by a later check

export interface RedirectHop {
  /** The URL that was requested. */
  url: string;
  /** The 3xx status it answered with (its Location is the next hop's url, or finalUrl). */
  status: number;
}

export interface UrlCheckResult {
  /** The URL exactly as passed in (the key of the result map). */
  url: string;
  status: UrlStatus;
  /** Status of the last response, when there was one. */
  httpStatus?: number;
  /** Where the redirects ended (with the link's fragment kept), when there were redirects or a refusal on a hop. */
  finalUrl?: string;
  redirects?: RedirectHop[];
  /** Every redirect hop was 301 or 308. */
  permanent?: boolean;
  /**
   * Where the leading run of permanent (301/308) hops ends, fragment kept: the URL a writer should use
   * instead. Equal to finalUrl when `permanent`. Absent when the first hop is temporary.
   */
  permanentUrl?: string;
  /** The page is HTML, was read, and has no element with the fragment's id / name. */
  fragmentMissing?: boolean;
  /** Human-readable status and reason, e.g. `404 Not Found`, `timed out after 5000 ms`. */
  message: string;
  /** ISO time of the network check (older than the run when it came from the cache). */
  checkedAt: string;
  /** The result came from the cache, with no network traffic. */
  cached?: boolean;
  /** alive, dead or unverified; absent for skipped and cancelled links (not checked). */
  verdict?: UrlVerdict;
  verdictReason?: VerdictReason;
  /** For a failing link: ISO time of the first failure of the current run of failures, and how many checks failed. */
  failingSince?: string;
  failures?: number;
  /** For an unconfirmed failure: ISO time from which a failing check makes the link `dead`. */
  deadIfFailingAfter?: string;
}

/**
 * What the network said about one URL without its fragment: the unit that is fetched once per run
 * and cached. Fragment verdicts are derived from `anchors` for every URL that shares the page.
 */
export interface PageCheck {
  status: Exclude<UrlStatus, 'skipped' | 'invalid'>;
  httpStatus?: number;
  /** Without fragment. */
  finalUrl?: string;
  redirects?: RedirectHop[];
  permanent?: boolean;
  /** Without fragment. */
  permanentUrl?: string;
  /** A fragment given by a Location header; it replaces the link's own (RFC 9110 §10.2.2). */
  locationFragment?: string;
  message: string;
  checkedAt: string;
  contentType?: string;
  /** ids / names of the page; present only when an HTML body was read. */
  anchors?: string[];
  /** The body was longer than maxBodyBytes: an anchor not found may be further down. */
  bodyTruncated?: boolean;
  /** Some hop went to a non-public address (only possible with allowPrivate). */
  viaPrivateAddress?: boolean;
  /** For `timeout`, `dns` and `network`: the class of the failure, and its code when there was one. */
  errorKind?: NetErrorKind;
  errorCode?: string;
  /** History of failures (kept in the cache): first failure of the current run of failures, and their count. */
  failingSince?: string;
  failures?: number;
}
