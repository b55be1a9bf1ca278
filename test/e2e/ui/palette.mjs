// UI: Benchpress commands are listed in the command palette (F1).
// EXPECTED TO FAIL FOR NOW (no contributed commands yet as of commit a30f2a9): needs commands whose palette label
// contains "Benchpress" (category "Benchpress" or a title like "Benchpress: New Article").
import assert from 'node:assert/strict';
import { clipAround, openFromExplorer, waitForPaletteEntry, sleep } from './_workbench.mjs';

export const tests = [
  {
    name: 'command palette lists Benchpress commands',
    async run({ page, screenshot }) {
      await openFromExplorer(page, 'en-tutorial.md');
      let labels;
      try {
        labels = await waitForPaletteEntry(page, 'Benchpress', /Benchpress/i, { timeout: 20_000 });
      } finally {
        await screenshot('palette-benchpress');
        await screenshot('palette-widget', { clip: await clipAround(page, '.quick-input-widget') });
      }
      assert.ok(labels.some((l) => /Benchpress/i.test(l)), `no Benchpress command in the palette: ${JSON.stringify(labels)}`);
      await page.keyboard.press('Escape');
      await sleep(200);
    },
  },
];
