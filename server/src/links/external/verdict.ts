// alive, dead or unverified: what a check of a page means for a writer, and the failure history that turns a
// failure that may pass (a 5xx, a reset) into `dead` only when a later check, far enough apart, confirms it.
import type { PageCheck, UrlVerdict, VerdictReason } from './types';

/** Statuses of sites that refuse automated clients (999 is LinkedIn's), not a verdict on the page. */
const BLOCKING_STATUSES = new Set([401, 403, 999]);
/** DNS codes that mean the name does not exist (not a temporary failure). */
const NO_SUCH_HOST = new Set(['ENOTFOUND', 'ENODATA', 'EAI_NONAME', 'EAI_NODATA']);

type PageClass =
  | { class: 'alive' }
  | { class: 'dead'; reason: Extract<VerdictReason, 'not-found' | 'gone' | 'no-such-host'> }
  | { class: 'unverified'; reason: Extract<VerdictReason, 'blocked' | 'rate-limited' | 'timeout' | 'tls' | 'private-address'> }
  | { class: 'failure' }
  | { class: 'none' };

/** How a page check counts, before history is taken into account. */
function classify(page: PageCheck): PageClass {
  switch (page.status) {
    case 'ok':
    case 'redirect':
      return { class: 'alive' };
    case 'cancelled':
      return { class: 'none' };
    case 'refused':
      return { class: 'unverified', reason: 'private-address' };
    case 'timeout':
      return { class: 'unverified', reason: 'timeout' };
    case 'dns':
      if (page.errorCode === 'ETIMEOUT') return { class: 'unverified', reason: 'timeout' };
      if (page.errorCode === 'EAI_AGAIN') return { class: 'failure' };
      return page.errorCode === undefined || NO_SUCH_HOST.has(page.errorCode) ? { class: 'dead', reason: 'no-such-host' } : { class: 'failure' };
    case 'network':
      if (page.errorKind === 'tls') return { class: 'unverified', reason: 'tls' };
      if (page.errorKind === 'timeout') return { class: 'unverified', reason: 'timeout' };
      return { class: 'failure' };
    case 'broken': {
      const s = page.httpStatus;
      if (s === 404) return { class: 'dead', reason: 'not-found' };
      if (s === 410) return { class: 'dead', reason: 'gone' };
      if (s !== undefined && BLOCKING_STATUSES.has(s)) return { class: 'unverified', reason: 'blocked' };
      if (s === 429) return { class: 'unverified', reason: 'rate-limited' };
      return { class: 'failure' };
    }
  }
}

/** A check that says the link does not work (now or, if it lasts, for good): the ones that start or extend a history. */
export function isFailure(page: PageCheck): boolean {
  const c = classify(page).class;
  return c === 'dead' || c === 'failure';
}

/**
 * The page check with its failure history: a failure continues the run of failures of the previous check (its
 * first time and count), anything else ends it.
 */
export function withHistory(page: PageCheck, previous: PageCheck | undefined): PageCheck {
  if (!isFailure(page)) return page;
  if (previous && isFailure(previous)) {
    const since = previous.failingSince ?? previous.checkedAt;
    if (Date.parse(since) <= Date.parse(page.checkedAt)) return { ...page, failingSince: since, failures: (previous.failures ?? 1) + 1 };
  }
  return { ...page, failingSince: page.checkedAt, failures: 1 };
}

export interface Verdict {
  verdict: UrlVerdict;
  reason: VerdictReason;
  /** For `unconfirmed`: from when a failing check makes the link dead. */
  deadIfFailingAfter?: string;
}

/** The verdict on a page check (without its fragment). Undefined for a cancelled check. */
export function pageVerdict(page: PageCheck, confirmDeadAfterHours: number): Verdict | undefined {
  const c = classify(page);
  switch (c.class) {
    case 'none':
      return undefined;
    case 'alive':
      return { verdict: 'alive', reason: 'ok' };
    case 'dead':
      return { verdict: 'dead', reason: c.reason };
    case 'unverified':
      return { verdict: 'unverified', reason: c.reason };
    case 'failure': {
      const since = Date.parse(page.failingSince ?? page.checkedAt);
      const gapMs = Math.max(0, confirmDeadAfterHours) * 3_600_000;
      if (Date.parse(page.checkedAt) - since >= gapMs) return { verdict: 'dead', reason: 'confirmed' };
      return { verdict: 'unverified', reason: 'unconfirmed', deadIfFailingAfter: new Date(since + gapMs).toISOString() };
    }
  }
}
