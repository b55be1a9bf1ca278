// Every rule's documented examples are executed: the "bad" example must be reported by that rule, the "good"
// one must not. This keeps the docs (README, SARIF help) honest.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { RULES } from './registry';
import { lintText } from '../testing/lint-text';
import { BUILTIN_GPUS } from '../node/data-files';

const data = { gpus: BUILTIN_GPUS };

for (const rule of RULES) {
  if (rule.scope === 'engine' || !rule.docs.bad || rule.docs.needsNetwork) continue;
  test(`${rule.id}: the documented bad example is reported`, async () => {
    const findings = await lintText(rule.docs.bad, { files: rule.docs.files, data });
    assert.ok(findings.some((f) => f.ruleId === rule.id), `expected ${rule.id} in ${JSON.stringify(findings.map((f) => `${f.ruleId}: ${f.message}`), null, 1)}`);
  });
  test(`${rule.id}: the documented good example is accepted`, async () => {
    const findings = await lintText(rule.docs.good, { files: rule.docs.files, data });
    assert.deepEqual(findings.filter((f) => f.ruleId === rule.id).map((f) => f.message), []);
  });
}

test('every rule has an id of the form group/name and documentation', () => {
  const ids = new Set<string>();
  for (const rule of RULES) {
    assert.match(rule.id, /^[a-z0-9-]+\/[a-z0-9-]+$/, rule.id);
    assert.ok(!ids.has(rule.id), `duplicate id ${rule.id}`);
    ids.add(rule.id);
    assert.ok(rule.docs.summary.length > 10, `${rule.id} summary`);
    assert.ok(rule.docs.rationale.length > 10, `${rule.id} rationale`);
  }
});
