import type { EngineRule } from '../types';

/**
 * config/invalid — a file under `.benchpress/` (config.json, a team template, gpus.json, prices.json) that cannot
 * be used as written: not valid JSON, an unknown key, a value of the wrong kind, a template without sections.
 * Reported on that file, at the place; the setting falls back to its default and checking goes on.
 */
export const configInvalid: EngineRule = {
  id: 'config/invalid',
  scope: 'engine',
  defaultSeverity: 'warning',
  docs: {
    summary: 'A `.benchpress/` file (settings, team template, GPU or price data) has a value that cannot be used; the default is used instead.',
    rationale: 'A typo in a setting silently doing nothing is worse than a message at the typo.',
    bad: '{ "diagnosticsDelayMs": "fast" }',
    good: '{ "diagnosticsDelayMs": 250 }',
  },
};
