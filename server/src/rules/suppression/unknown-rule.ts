import type { EngineRule } from '../types';

/**
 * suppression/unknown-rule — a `<!-- benchpress-disable … -->` (or remark-lint `<!-- lint disable … -->`) comment
 * names a rule or group that does not exist, so it silences nothing. Usually a typo, or a rule that was renamed.
 */
export const unknownRuleInComment: EngineRule = {
  id: 'suppression/unknown-rule',
  scope: 'engine',
  defaultSeverity: 'warning',
  docs: {
    summary: 'A comment that turns rules off names a rule or group that does not exist.',
    rationale: 'A misspelt rule id in a disable comment silently silences nothing; the writer believes the warning is handled.',
    bad: '<!-- benchpress-disable-next-line links/missing-anchr -->\n[see](#nowhere)\n',
    good: '<!-- benchpress-disable-next-line links/missing-anchor -->\n[see](#nowhere)\n',
  },
};
