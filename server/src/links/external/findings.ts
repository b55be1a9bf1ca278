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
  if (r.verdict !== undefined) d.verdict = r.verdict;
  if (r.verdictReason !== undefined) d.verdictReason = r.verdictReason;
  if (r.httpStatus !== undefined) d.httpStatus = r.httpStatus;
  if (r.finalUrl !== undefined) d.finalUrl = r.finalUrl;
  if (r.permanentUrl !== undefined) d.permanentUrl = r.permanentUrl;
  if (r.redirects) d.redirects = r.redirects;
  if (r.fragmentMissing) d.fragmentMissing = true;
  if (r.failingSince !== undefined) {
    d.failingSince = r.failingSince;
    d.failures = r.failures ?? 1;
  }
  if (r.deadIfFailingAfter !== undefined) d.deadIfFailingAfter = r.deadIfFailingAfter;
  if (r.cached) d.cached = true;
  return d;
}

function hopStatuses(r: UrlCheckResult): string {
  return (r.redirects ?? []).map((h) => h.status).join(', ');
}

/** `2026-11-30 12:00 UTC` */
function when(iso: string): string {
  return `${iso.slice(0, 16).replace('T', ' ')} UTC`;
}

const times = (n: number) => (n === 1 ? 'once' : n === 2 ? 'twice' : `${n} times`);

/** Why a dead link is dead, beyond the check's own message. */
function deadNote(r: UrlCheckResult): string {
  if (r.verdictReason !== 'confirmed' || r.failingSince === undefined) return '';
  return `; failing since ${when(r.failingSince)} (${r.failures ?? 2} checks)`;
}

/** Why an unverified link could not be verified, beyond the check's own message. */
function unverifiedNote(r: UrlCheckResult): string {
  if (r.verdictReason === 'unconfirmed' && r.deadIfFailingAfter !== undefined) {
    const since = r.failingSince !== undefined ? ` since ${when(r.failingSince)}` : '';
    return ` — failed ${times(r.failures ?? 1)}${since}; reported as broken if it still fails at a check after ${when(r.deadIfFailingAfter)}`;
  }
  if (r.verdictReason === 'timeout') return ' — the site may be slow or down; check it again later';
  if (r.verdictReason === 'tls') return ' — the certificate or TLS setup could not be verified; the page may still open in a browser';
  return '';
}

/**
 * Findings for every occurrence whose URL has a result, by its verdict:
 * - dead → `links/broken-url` warning `Broken link: …`: 404/410, a host that does not resolve, a missing anchor
 *   on the target page, an invalid URL, or a failure confirmed by two checks far enough apart.
 * - unverified → `links/broken-url` information `Could not verify link: …` saying why: the site refuses automated
 *   clients (401, 403, 429, 999), a timeout, a TLS error, or a failure not yet confirmed (with when it will be).
 *   Links to private addresses are `Link not checked: refused: …` at refusedSeverity (default info).
 * - alive → `links/redirect` (hint) when the link redirects permanently (301/308); an unsafe fix replaces the URL
 *   text with where the permanent redirects lead (fragment kept). Temporary redirects are not reported (they are
 *   how sites point at "latest" or a login page), unless reportTemporaryRedirects.
 * - Nothing for skipped or cancelled links.
 * Every finding's `data` carries `verdict` and `verdictReason`.
 */
export function urlFindings(occurrences: Iterable<LinkOccurrence>, results: ReadonlyMap<string, UrlCheckResult>, options: LinkFindingOptions = {}): Finding[] {
  const findings: Finding[] = [];
  const refusedSeverity = options.refusedSeverity ?? 'info';
  for (const occ of occurrences) {
    const r = results.get(occ.url);
    if (!r) continue;
    const base = { range: occ.range, data: data(r) };
    if (r.status === 'refused') {
      if (refusedSeverity !== 'off') findings.push({ ruleId: BROKEN_URL_RULE, severity: refusedSeverity, message: `Link not checked: ${r.message}`, ...base });
      continue;
    }
    switch (r.verdict) {
      case 'dead':
        findings.push({ ruleId: BROKEN_URL_RULE, severity: 'warning', message: `Broken link: ${r.message}${deadNote(r)}`, ...base });
        break;
      case 'unverified':
        findings.push({ ruleId: BROKEN_URL_RULE, severity: 'info', message: `Could not verify link: ${r.message}${unverifiedNote(r)}`, ...base });
        break;
      default:
        break; // alive, skipped, cancelled
    }
    // A page that answered after a permanent redirect (its anchor missing or not) gets the fix to the new URL.
    if (r.status === 'redirect') {
      const f = redirectFinding(occ, r, options);
      if (f) findings.push(f);
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
