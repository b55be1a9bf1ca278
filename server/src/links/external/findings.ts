// Turns link check results into findings on the exact range of each occurrence of a URL.
import type { Finding, Range, Severity } from '../../base/types';
import type { UrlCheckResult } from './types';

export const BROKEN_URL_RULE = 'links/broken-url';
export const REDIRECT_RULE = 'links/redirect';

export interface LinkOccurrence {
  /** The URL as written (the key used in checkUrls' result map). */
  url: string;
  /** Range of the URL text itself: the redirect fix replaces exactly this range. */
  range: Range;
}

export interface LinkFindingOptions {
  /** Also report temporary redirects (302/303/307, or a permanent hop after a temporary one) as `info`. Default false. */
  reportTemporaryRedirects?: boolean;
  /**
   * Severity for links that were not fetched because they point at a private, loopback or link-local
   * address. Default `info`: tutorials legitimately link to http://localhost:8888, and the link is
   * not known to be broken. `off` drops them.
   */
  refusedSeverity?: Severity | 'off';
}

function data(r: UrlCheckResult): Record<string, unknown> {
  const d: Record<string, unknown> = { url: r.url, status: r.status, checkedAt: r.checkedAt };
  if (r.httpStatus !== undefined) d.httpStatus = r.httpStatus;
  if (r.finalUrl !== undefined) d.finalUrl = r.finalUrl;
  if (r.permanentUrl !== undefined) d.permanentUrl = r.permanentUrl;
  if (r.redirects) d.redirects = r.redirects;
  if (r.fragmentMissing) d.fragmentMissing = true;
  if (r.cached) d.cached = true;
  return d;
}

function hopStatuses(r: UrlCheckResult): string {
  return (r.redirects ?? []).map((h) => h.status).join(', ');
}

/**
 * Findings for every occurrence whose URL has a result:
 * - `links/broken-url` (warning): error status (`Broken link: 404 Not Found`), a missing anchor,
 *   a redirect loop, an invalid URL; and, as `Link check failed: …`, a timeout, a DNS failure or a
 *   network error, each named as such.
 * - `links/broken-url` (refusedSeverity, default info): `Link not checked: refused: private address …`.
 * - `links/redirect` (hint): the link redirects permanently (301/308); an unsafe fix replaces the URL
 *   text with where the permanent redirects lead (fragment kept). Temporary redirects are not
 *   reported (they are how sites point at "latest" or a login page), unless reportTemporaryRedirects.
 * - Nothing for ok, skipped or cancelled links.
 */
export function urlFindings(occurrences: Iterable<LinkOccurrence>, results: ReadonlyMap<string, UrlCheckResult>, options: LinkFindingOptions = {}): Finding[] {
  const findings: Finding[] = [];
  const refusedSeverity = options.refusedSeverity ?? 'info';
  for (const occ of occurrences) {
    const r = results.get(occ.url);
    if (!r) continue;
    const base = { range: occ.range, data: data(r) };
    switch (r.status) {
      case 'broken':
        findings.push({ ruleId: BROKEN_URL_RULE, severity: 'warning', message: `Broken link: ${r.message}`, ...base });
        break;
      case 'invalid':
        findings.push({ ruleId: BROKEN_URL_RULE, severity: 'warning', message: `Broken link: ${r.message}`, ...base });
        break;
      case 'timeout':
      case 'dns':
      case 'network':
        findings.push({ ruleId: BROKEN_URL_RULE, severity: 'warning', message: `Link check failed: ${r.message}`, ...base });
        break;
      case 'refused':
        if (refusedSeverity !== 'off') findings.push({ ruleId: BROKEN_URL_RULE, severity: refusedSeverity, message: `Link not checked: ${r.message}`, ...base });
        break;
      case 'ok':
      case 'redirect':
        if (r.fragmentMissing) findings.push({ ruleId: BROKEN_URL_RULE, severity: 'warning', message: `Broken link: ${r.message}`, ...base });
        if (r.status === 'redirect') {
          const f = redirectFinding(occ, r, options);
          if (f) findings.push(f);
        }
        break;
      default:
        break; // skipped, cancelled
    }
  }
  return findings;
}

function redirectFinding(occ: LinkOccurrence, r: UrlCheckResult, options: LinkFindingOptions): Finding | undefined {
  const target = r.permanentUrl;
  if (target !== undefined && target !== occ.url) {
    const first = r.redirects?.[0]?.status ?? 301;
    const rest = r.permanent || r.finalUrl === undefined || r.finalUrl === target ? '' : `, which then redirects temporarily to ${r.finalUrl}`;
    return {
      ruleId: REDIRECT_RULE,
      severity: 'hint',
      message: `Link redirects permanently (${r.permanent ? hopStatuses(r) : first}) to ${target}${rest}`,
      range: occ.range,
      data: data(r),
      fixes: [{ title: `Replace with ${target}`, edits: [{ range: occ.range, newText: target }], safe: false, preferred: true }],
    };
  }
  if (options.reportTemporaryRedirects && r.finalUrl !== undefined) {
    return { ruleId: REDIRECT_RULE, severity: 'info', message: `Link redirects (${hopStatuses(r)}) to ${r.finalUrl}`, range: occ.range, data: data(r) };
  }
  return undefined;
}
