import type { DocumentRule } from '../types';
import { BROKEN_URL_RULE, REDIRECT_RULE, urlFindings } from '../../links/external/findings';
import { externalLinks } from '../../links/external/occurrences';

/**
 * links/broken-url — an external link that did not answer with a page: 4xx/5xx, a redirect loop, a missing
 * `#anchor` on the target page; timeouts, DNS failures and resets are reported as such, never as a 404.
 * Links are fetched only by `lint --check-urls`, the `checkUrls` setting or the Check Links command; links to
 * private addresses are not fetched unless `allowPrivateUrls` is on.
 */
export const brokenUrl: DocumentRule = {
  id: BROKEN_URL_RULE,
  scope: 'document',
  defaultSeverity: 'warning',
  docs: {
    summary: 'An external link is broken (error status, missing anchor, loop) or could not be checked (timeout, DNS, network).',
    rationale: 'Dead and moved links are the most common reader complaint about technical articles.',
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
