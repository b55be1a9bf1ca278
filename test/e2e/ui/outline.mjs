// UI: the Outline view of a Markdown draft shows one outline — VS Code's own — not a second copy from Benchpress
// (which would show the headings twice, under two group names).
import assert from 'node:assert/strict';
import { openFromExplorer, runCommand, sleep } from './_workbench.mjs';

const TITLE = 'RTX 4090 深度评测';

export const tests = [
  {
    name: 'the Outline view shows one outline of a .md draft',
    async run({ page, screenshot }) {
      await openFromExplorer(page, 'zh-review.md');
      // Benchpress is running on the draft before the outline is read (its diagnostics are there).
      await page.locator('.squiggly-warning, .squiggly-error, .squiggly-info').first().waitFor({ timeout: 30_000 }).catch(() => {});
      await runCommand(page, 'Explorer: Focus on Outline View');
      const rows = page.locator('.outline-pane .monaco-list-row');
      let labels = [];
      const until = Date.now() + 30_000;
      for (;;) {
        labels = (await rows.allTextContents()).map((t) => t.trim());
        if (labels.some((l) => l.includes(TITLE))) break;
        if (Date.now() > until) break;
        await sleep(500);
      }
      // Give a second provider time to add its group, as it would.
      await sleep(2500);
      labels = (await rows.allTextContents()).map((t) => t.trim());
      await screenshot('outline-zh-review');
      assert.equal(labels.filter((l) => l.includes(TITLE)).length, 1, `the title is in the Outline view once: ${JSON.stringify(labels)}`);
      assert.ok(!labels.some((l) => /^Benchpress$/i.test(l)), `no outline group of Benchpress: ${JSON.stringify(labels)}`);
      // Expanded, each heading is there once too.
      await rows.filter({ hasText: TITLE }).first().click();
      await page.keyboard.press('Shift+ArrowRight').catch(() => {});
      await page.keyboard.press('ArrowRight');
      await sleep(800);
      labels = (await rows.allTextContents()).map((t) => t.trim());
      for (const heading of ['产品概述', '性能测试']) assert.ok(labels.filter((l) => l.includes(heading)).length <= 1, `${heading} is in the Outline view more than once: ${JSON.stringify(labels)}`);
    },
  },
];
