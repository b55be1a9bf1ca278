// UI: the Problems panel shows Benchpress's diagnostic for the Chinese review draft.
// Needs the template/missing-section diagnostic (passes against the real extension as of commit a30f2a9).
import assert from 'node:assert/strict';
import { clipAround, openFromExplorer, openProblems, waitForProblem } from './_workbench.mjs';

export const tests = [
  {
    name: 'Problems panel shows a benchpress entry for zh-review.md',
    async run({ page, screenshot }) {
      await openFromExplorer(page, 'zh-review.md');
      await openProblems(page);
      const rows = await waitForProblem(page, /benchpress/, { timeout: 30_000 });
      assert.ok(rows.some((r) => /template\/missing-section/.test(r)), `no template/missing-section row: ${JSON.stringify(rows)}`);
      await screenshot('problems-zh-review');
      await screenshot('problems-panel', { clip: await clipAround(page, '.part.panel', { above: 240 }) });
    },
  },
];
