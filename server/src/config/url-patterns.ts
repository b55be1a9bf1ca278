// URL ignore patterns as the settings write them: a glob (`*` any run, `?` one character; without a wildcard a
// prefix) or a /regular expression/. Compiled here so that reading settings can report a broken one.

import type { Localized } from '../base/i18n';

const REGEX_PATTERN = /^\/(.+)\/([dgimsuvy]*)$/;

export function compileUrlPattern(pattern: string): RegExp {
  const re = REGEX_PATTERN.exec(pattern);
  if (re) return new RegExp(re[1]!, re[2]!.replace(/[gy]/g, ''));
  const hasWildcard = /[*?]/.test(pattern);
  const body = pattern.replace(/[.+^${}()|[\]\\]/g, '\\$&').replace(/\*+/g, '.*').replace(/\?/g, '.');
  return new RegExp(`^${body}${hasWildcard ? '$' : ''}`);
}

/** Messages for ignore patterns that cannot be used (invalid regular expressions); empty when all are fine. */
export function validateIgnorePatterns(patterns: readonly string[]): Localized[] {
  const errors: Localized[] = [];
  for (const p of patterns) {
    try {
      compileUrlPattern(p);
    } catch (err) {
      const reason = (err as Error).message;
      errors.push({ en: `Invalid ignore pattern ${JSON.stringify(p)}: ${reason}`, zh: `无效的忽略模式 ${JSON.stringify(p)}：${reason}` });
    }
  }
  return errors;
}

