// Which rules run, at what severity, with what options: the rule's defaults, overridden by the most specific
// entry of the `rules` setting (an exact id beats a group prefix; a longer prefix beats a shorter one).
import type { Severity } from '../base/types';
import type { RuleSetting } from '../config/config';
import type { Rule } from './types';

export interface EffectiveRule {
  severity: Severity;
  options: unknown;
}

/** The `rules` entry that applies to a rule id: the exact id, else the longest group prefix; undefined if none. */
export function mostSpecific(id: string, rules: Record<string, RuleSetting>): RuleSetting | undefined {
  if (id in rules) return rules[id];
  let best: { length: number; setting: RuleSetting } | undefined;
  for (const [key, setting] of Object.entries(rules)) {
    const prefix = key.endsWith('/') ? key : `${key}/`;
    if (id.startsWith(prefix) && (!best || prefix.length > best.length)) best = { length: prefix.length, setting };
  }
  return best?.setting;
}

/** The rule's effective setting, or undefined when it is off. `only` restricts to ids or prefixes (CLI --rules). */
export function effectiveRule(rule: Rule, rules: Record<string, RuleSetting>, only?: readonly string[]): EffectiveRule | undefined {
  if (only && only.length > 0 && !only.some((o) => rule.id === o || rule.id.startsWith(o.endsWith('/') ? o : `${o}/`))) {
    // Guards always run: they say why something was not checked.
    if (rule.scope !== 'engine') return undefined;
  }
  const setting = mostSpecific(rule.id, rules);
  if (setting === undefined) return rule.defaultOff ? undefined : { severity: rule.defaultSeverity, options: undefined };
  if (setting === false || setting === 'off') return undefined;
  if (setting === true) return { severity: rule.defaultSeverity, options: undefined };
  if (typeof setting === 'string') return { severity: setting, options: undefined };
  const [severity, options] = setting;
  return severity === 'off' ? undefined : { severity, options };
}

/**
 * `rules` objects applied in order (the workspace's, then each matching `overrides` entry's): for each rule the last
 * object with an entry that applies to it decides, by its most specific entry. So an override's `"links": "off"`
 * turns off `links/missing-anchor` even where the base says `"links/missing-anchor": "error"`. The result is one
 * `rules` object that `mostSpecific` reads the same way.
 */
export function mergeRuleLayers(base: Record<string, RuleSetting>, ...layers: Record<string, RuleSetting>[]): Record<string, RuleSetting> {
  const merged: Record<string, RuleSetting> = { ...base };
  for (const layer of layers) {
    for (const key of Object.keys(layer)) {
      const prefix = key.endsWith('/') ? key : `${key}/`;
      // Earlier entries more specific than this one would otherwise still beat it.
      for (const existing of Object.keys(merged)) if (existing.startsWith(prefix) && !(existing in layer)) delete merged[existing];
    }
    Object.assign(merged, layer);
  }
  return merged;
}
