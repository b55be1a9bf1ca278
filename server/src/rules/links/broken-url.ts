import type { DocumentRule } from '../types';
import { BROKEN_URL_RULE, REDIRECT_RULE, urlFindings } from '../../links/external/findings';
import { externalLinks } from '../../links/external/occurrences';

/**
 * links/broken-url — the verdict on an external link: `alive` (not reported), `dead` (a warning) or `unverified`
 * (an information). 404/410, a host that does not resolve, a missing `#anchor` on the page and an invalid URL are
 * dead at once; 401/403/429/999 (hosts that refuse automated clients), timeouts and TLS errors stay unverified;
 * any other failure (5xx, a reset, a redirect loop) is dead only when it failed again at a check at least
 * `urlCheck.confirmDeadAfterHours` later (the history is kept in the URL cache). Links are fetched only by
 * `lint --check-urls`, the `checkUrls` setting or the Check Links command; links to private addresses are not
 * fetched unless `allowPrivateUrls` is on.
 */
export const brokenUrl: DocumentRule = {
  id: BROKEN_URL_RULE,
  scope: 'document',
  defaultSeverity: 'warning',
  docs: {
    summary: 'An external link is dead (404/410, a host that does not resolve, a missing anchor, or another failure (5xx, reset, redirect loop) confirmed by a second check `urlCheck.confirmDeadAfterHours` later: a warning) or unverified (401/403/429/999 from hosts that refuse automated clients, a timeout, a TLS error, a failure seen once: an information).',
    rationale: 'Dead and moved links are the most common reader complaint about technical articles; a link the checker could not judge is told apart from one that is broken, so a warning is always worth acting on.',
    bad: 'See [the old guide](https://docs.example.com/removed-page).\n',
    good: 'See [the guide](https://docs.example.com/guide).\n',
    needsNetwork: true,
  },
  check({ doc, urlResults, report }) {
    if (!urlResults) return;
    for (const f of urlFindings(externalLinks(doc), urlResults)) {
      if (f.ruleId === BROKEN_URL_RULE) report({ range: f.range, message: f.message, severity: f.severity === 'info' ? 'info' : undefined, fixes: f.fixes, data: f.data });
    }
  },
};

/**
 * links/redirect — an external link redirects permanently (301/308). The quick fix replaces the URL with where
 * it now leads (not applied by "fix all": a writer should look at the new page first).
 */
export const redirect: DocumentRule = {
  id: REDIRECT_RULE,
  scope: 'document',
  defaultSeverity: 'hint',
  docs: {
    summary: 'An external link redirects permanently; the fix points it at the final URL.',
    rationale: 'Permanent redirects break eventually and slow readers down; the new address is the one to cite.',
    bad: 'See [the docs](http://docs.example.com/old).\n',
    good: 'See [the docs](https://docs.example.com/new).\n',
    needsNetwork: true,
  },
  check({ doc, urlResults, report }) {
    if (!urlResults) return;
    for (const f of urlFindings(externalLinks(doc), urlResults)) {
      if (f.ruleId === REDIRECT_RULE) report({ range: f.range, message: f.message, fixes: f.fixes, data: f.data });
    }
  },
};
