// docs/rules.md is what `benchpress rules --markdown` prints (the rules' own documentation), so it never drifts.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { REPO, runCli } from '../support/workspace';

test('docs/rules.md is up to date (regenerate with: node dist/cli.js rules --markdown > docs/rules.md)', () => {
  const printed = runCli(['rules', '--markdown'], REPO);
  assert.equal(printed.status, 0);
  assert.equal(readFileSync(path.join(REPO, 'docs', 'rules.md'), 'utf8'), printed.stdout);
  const json = JSON.parse(runCli(['rules', '--json'], REPO).stdout) as { id: string }[];
  assert.ok(json.some((r) => r.id === 'template/missing-section') && json.some((r) => r.id === 'remark-lint/no-literal-urls'));
});
