// UI: "Benchpress: Show Preview with Content Checklist" renders the draft beside the editor, with the quality
// checklist and template progress in its side panel; in a narrow split the panel moves below the draft.
import assert from 'node:assert/strict';
import { openFromExplorer, runCommand, sleep, webviewFrameWith } from './_workbench.mjs';

export const tests = [
  {
    name: 'preview renders the draft with its quality checklist and template progress',
    async run({ page, screenshot }) {
      await openFromExplorer(page, 'zh-review.md');
      // A click on a palette row is sometimes lost while the list re-renders: run the command again if needed.
      await runCommand(page, 'Benchpress: Show Preview with Content Checklist');
      let frame;
      try {
        frame = await webviewFrameWith(page, '深度评测', { timeout: 15_000 });
      } catch {
        await runCommand(page, 'Benchpress: Show Preview with Content Checklist');
        frame = await webviewFrameWith(page, '深度评测');
      }
      await sleep(1000);
      // In a narrow preview the side panel is folded behind a toggle, as a writer would see it.
      const toggle = frame.locator('button', { hasText: /Show panel|显示面板/ });
      if (await toggle.count()) await toggle.first().click();
      await sleep(500);
      await screenshot('preview-zh-review');
      const text = await frame.evaluate(() => document.body.innerText);
      assert.match(text, /RTX 4090 深度评测/, 'the title is rendered');
      assert.match(text, /Quality checklist|内容质量清单/i, 'the checklist is shown (headings may be upper-cased by CSS)');
      assert.match(text, /成本效益分析/, 'template progress names the missing section');
      const headings = await frame.evaluate(() => [...document.querySelectorAll('h1, h2')].map((h) => h.textContent));
      assert.ok(headings.some((h) => /性能测试/.test(h)), JSON.stringify(headings));
      const scripts = await frame.evaluate(() => [...document.querySelectorAll('script[src]')].map((s) => s.getAttribute('src')));
      assert.ok(scripts.some((src) => /preview\.js/.test(src)), `the panel's own script is loaded: ${JSON.stringify(scripts)}`);
      assert.equal(await frame.evaluate(() => document.querySelectorAll('[onerror], [onclick], [onload], iframe, object').length), 0, 'nothing executable from the draft');
    },
  },
  {
    name: 'in a half-width split the side panel moves below the draft and covers none of it',
    async run({ page, screenshot }) {
      const frame = await webviewFrameWith(page, '深度评测');
      try {
        // A small window: the draft and its preview side by side, each about a third of the screen.
        await page.setViewportSize({ width: 1024, height: 760 });
        await sleep(1500);
        const narrow = await layoutOf(frame);
        await screenshot('preview-narrow-split');
        assert.ok(narrow.width <= 720, `the preview is ${narrow.width}px wide; the test needs a narrow one`);
        assert.notEqual(narrow.side.display, 'none', 'the panel is shown');
        assert.ok(narrow.side.h > 50 && narrow.content.h > 50, JSON.stringify(narrow));
        assert.ok(!overlap(narrow.content, narrow.side), `the panel covers the draft: ${JSON.stringify(narrow)}`);
        assert.ok(narrow.side.top >= narrow.content.bottom - 1, `the panel is below the draft: ${JSON.stringify(narrow)}`);
        assert.ok(narrow.content.w >= narrow.width - 40, `the draft keeps the width: ${JSON.stringify(narrow)}`);
        assert.match(narrow.sideText, /Quality checklist|内容质量清单/i);
        // What a writer sees at the end of the draft: the panel under it.
        await frame.evaluate(() => document.getElementById('bp-side').scrollIntoView({ block: 'center' }));
        await sleep(800);
        await screenshot('preview-narrow-panel-below');
        // A wide window: the panel is beside the draft again, still covering none of it.
        await page.setViewportSize({ width: 2200, height: 900 });
        await sleep(1500);
        const wide = await layoutOf(frame);
        assert.ok(wide.width > 720, `the preview is ${wide.width}px wide`);
        assert.ok(!overlap(wide.content, wide.side), `the panel covers the draft: ${JSON.stringify(wide)}`);
        assert.ok(wide.side.left >= wide.content.right - 1, `the panel is beside the draft: ${JSON.stringify(wide)}`);
        await frame.evaluate(() => window.scrollTo(0, 0));
        await sleep(800);
        const box = await (await frame.parentFrame().frameElement()).boundingBox();
        if (box) await screenshot('preview-wide', { clip: { x: box.x, y: Math.max(0, box.y - 35), width: box.width, height: Math.min(760, box.height + 35) } });
      } finally {
        await page.setViewportSize({ width: 1400, height: 900 });
      }
    },
  },
];

/** Boxes of the draft and the side panel in page coordinates (scroll included), and the preview's width. */
function layoutOf(frame) {
  return frame.evaluate(() => {
    const box = (el) => {
      const r = el.getBoundingClientRect();
      return { left: r.left, top: r.top + window.scrollY, right: r.right, bottom: r.bottom + window.scrollY, w: r.width, h: r.height, display: getComputedStyle(el).display };
    };
    const side = document.getElementById('bp-side');
    return { width: window.innerWidth, content: box(document.getElementById('bp-content')), side: box(side), sideText: side.innerText };
  });
}

const overlap = (a, b) => a.left < b.right - 1 && b.left < a.right - 1 && a.top < b.bottom - 1 && b.top < a.bottom - 1;
