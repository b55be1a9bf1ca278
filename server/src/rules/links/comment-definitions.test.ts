// `[//]: # (…)` is how writers leave comments in Markdown: never reported, never removed by fix-all.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { checkText, findingsOf } from '../../testing/lint-text';
import { safeFixEdits } from '../../engine/fix-all';

const md = '# T\n\n[//]: # (TODO: add benchmarks)\n[//]: # (second note)\n\nText.\n\n[unused]: https://example.com\n';

test('comment definitions are neither unused nor duplicates', async () => {
  assert.deepEqual((await findingsOf('links/unused-definition', md)).map((f) => f.message), ['Definition [unused] is never used.']);
  assert.deepEqual(await findingsOf('links/duplicate-definition', md), []);
});

test('fix-all leaves comment definitions alone', async () => {
  const edits = safeFixEdits((await checkText(md)).findings);
  assert.ok(edits.every((e) => e.range.start.line > 3), 'no edit touches lines 3–4');
});

test('teams can name more comment labels', async () => {
  const custom = '# T\n\n[comment]: # (a note)\n';
  assert.equal((await findingsOf('links/unused-definition', custom)).length, 1);
  assert.deepEqual(await findingsOf('links/unused-definition', custom, { settings: { rules: { 'links/unused-definition': ['warning', { ignoredLabels: ['//', 'comment'] }] } } }), []);
});
