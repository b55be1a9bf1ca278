// External link checker: public API. Pure Node; HTTP through net/ (undici, loaded only when a run fetches
// something); no `vscode` / `vscode-languageserver`.
//
//   const cache = await JsonFileUrlCache.open(file, { onWarning });           // or new MemoryUrlCache()
//   const results = await checkUrls(urls, { ...settings, allowPrivate }, { signal, onProgress, cache });
//   const findings = urlFindings(occurrences /* {url, range}[] */, results);
//
// checkUrls(urls, options?, hooks?) → Map<input string, UrlCheckResult> (input order)
//   - options: Partial<UrlCheckOptions>, merged over DEFAULT_URL_CHECK_OPTIONS (timeoutMs 10000,
//     concurrency 16, perHostConcurrency 2, retries 2, allowPrivate false, ignore [], skipHosts [],
//     cacheTtlHours 24, checkFragments true, retryDelayMs 500, maxRetryAfterMs 30000, maxRedirects 10,
//     maxBodyBytes 4 MiB, confirmDeadAfterHours 24). Reading settings reports bad ignore patterns (config/url-patterns.ts);
//     checkUrls leaves invalid ones out.
//   - hooks: signal (cancel: resolves promptly with `cancelled` results, no timers left), onProgress(done,
//     total, url) once per distinct URL, cache (UrlCheckCache; flushed at the end of the run), now (clock
//     for checkedAt/TTL), resolve (DNS; tests), isPublicAddress (tests).
//   - Each distinct string gets one result; URLs that differ only in the fragment share one request.
//     Without a fragment to check: HEAD, then GET if the server answers 403/405/501. With one: one GET,
//     at most maxBodyBytes read, anchors extracted (ids, <a name>, GitHub `user-content-`).
//   - Redirects (301/302/303/307/308) are followed by hand, every hop's host re-checked; loops and more
//     than maxRedirects hops are `broken`. Only http/https are fetched (others: `skipped`).
//   - Hosts are resolved once per run (dns.lookup all); if ANY address is loopback/private/link-local/
//     unique-local/CGNAT/... the URL is `refused` unless allowPrivate; the socket then connects to exactly
//     those addresses (undici connect.lookup), so DNS rebinding cannot redirect it.
//     A `.invalid` name is not looked up (RFC 6761): it never resolves.
//   - Retries as net/retry's policy says (backoff with jitter): network errors (a temporary DNS failure
//     too), 5xx (not 501/505); 429/503 wait for Retry-After (up to maxRetryAfterMs) and pause the whole host
//     meanwhile. Timeouts, TLS and protocol errors are not retried.
//   - Served from the cache: ok / redirect / definite 4xx and redirect errors. Not served: timeouts, DNS
//     and network errors, 5xx, 408, 425, 429, refused, cancelled (failures are stored for their history
//     only). A cached page without anchors is refetched when a link to it now has a fragment; an entry
//     fetched from a private address is ignored when allowPrivate is off.
//   - Every checked link gets a verdict (verdict.ts): `alive`; `dead` (404/410, a host that does not
//     resolve, a missing anchor, an invalid URL, or any other failure seen in two checks at least
//     confirmDeadAfterHours apart, history kept in the cache); `unverified` (401/403/429/999, timeouts, TLS
//     errors, private addresses, failures not yet confirmed).
//
// urlFindings(occurrences, results, options?) → Finding[] (see findings.ts): dead links are `links/broken-url`
// warnings ("Broken link: …"), unverified ones information ("Could not verify link: …" and why), refused links
// info, `links/redirect` hints with an unsafe fix for permanent (301/308) redirects; temporary redirects are
// silent unless reportTemporaryRedirects (then info). Every finding's data carries the verdict.
export { checkUrls, compileUrlFilter, resolveOptions, parseRetryAfter, HostLimiter, type UrlCheckHooks } from './checker';
export { DEFAULT_URL_CHECK_OPTIONS, USER_AGENT, type UrlCheckOptions, type UrlStatus, type UrlCheckResult, type RedirectHop, type PageCheck, type UrlVerdict, type VerdictReason } from './types';
export { pageVerdict, withHistory, isFailure } from './verdict';
export { MemoryUrlCache, JsonFileUrlCache, pageCacheKey, type UrlCheckCache, type JsonFileUrlCacheOptions } from './cache';
export { urlFindings, BROKEN_URL_RULE, REDIRECT_RULE, type LinkOccurrence, type LinkFindingOptions } from './findings';
export { classifyAddress, isPublicAddress, verifyHost, createPinnedLookup, systemResolver, type AddressKind, type HostResolver, type ResolvedAddress, type HostVerdict } from './address';
export { extractAnchors, fragmentToCheck, hasAnchor, isHtmlContentType, readBodyText } from './anchors';
