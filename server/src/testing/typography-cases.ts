// Test support for the typography rules: each rule's fixture cases (input → expected after its fixes) run through
// the real engine with only that rule on. A case with no `out` must come back unchanged and unreported.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import type { Finding } from '../base/types';
import { fixAllText, safeFixEdits } from '../engine/fix-all';
import { applyEdits } from '../markdown/edits';
import { checkText, type LintTextOptions } from './lint-text';

export interface TypographyCase {
  /** The draft (a trailing newline is added when missing). */
  in: string;
  /** The draft after fix-all with the rule alone; absent: unchanged, and nothing reported. */
  out?: string;
  /** `typography.*` settings for this case. */
  typography?: Record<string, unknown>;
  /** The rule reports the input but offers no automatic fix (fix-all leaves it as it is). */
  reportOnly?: boolean;
  /** Other rules to run beside it (e.g. spacing after a full-width letter is normalised). */
  with?: string[];
}

const withNewline = (s: string) => (s.endsWith('\n') ? s : `${s}\n`);

/** Fix-all with the given rules, as the CLI and the server do it. */
export async function fixWith(text: string, options: LintTextOptions): Promise<{ text: string; findings: readonly Finding[] }> {
  const { findings } = await checkText(text, options);
  const fixed = await fixAllText(text, findings, async (t) => (await checkText(t, options)).findings);
  return { text: fixed.text, findings };
}

/** Registers one test per case for `ruleId`. */
export function typographyCases(ruleId: string, cases: readonly TypographyCase[]): void {
  for (const c of cases) {
    const input = withNewline(c.in);
    const expected = c.out === undefined ? input : withNewline(c.out);
    const name = `${ruleId}: ${JSON.stringify(c.in).slice(1, -1).slice(0, 70)}${c.out === undefined ? ' (unchanged)' : ''}`;
    test(name, async () => {
      const options: LintTextOptions = { rules: [ruleId, ...(c.with ?? [])], settings: c.typography ? { typography: c.typography } : {} };
      const { text, findings } = await fixWith(input, options);
      const own = findings.filter((f) => f.ruleId === ruleId);
      if (c.out === undefined && !c.reportOnly) {
        assert.deepEqual(own.map((f) => f.message), [], 'nothing reported');
      } else {
        assert.ok(own.length > 0, `${ruleId} reports it`);
      }
      assert.equal(text, expected);
      if (c.reportOnly) return;
      // One pass is enough: the fixes of the first check alone reach the result, which has nothing left to fix.
      const once = applyEdits(input, safeFixEdits(findings)).text;
      assert.equal(once, expected, 'the first pass alone reaches the result');
      const again = await checkText(expected, options);
      assert.deepEqual(again.findings.filter((f) => f.ruleId === ruleId && f.fixes?.some((x) => x.safe)).map((f) => f.message), [], 'nothing left to fix');
    });
  }
}
