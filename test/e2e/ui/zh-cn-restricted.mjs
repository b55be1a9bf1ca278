// UI in a VS Code whose display language is Simplified Chinese (`--locale zh-cn`; without a language pack VS Code's
// own menus stay English, but extensions see zh-cn) and whose workspace is not trusted (Restricted Mode):
// Benchpress still checks drafts, its messages are Chinese, and its network commands say why they do nothing.
import assert from 'node:assert/strict';
import { clipAround, notifications, openFromExplorer, openProblems, runCommand, sleep, waitForProblem } from './_workbench.mjs';

export const server = { locale: 'zh-cn', restricted: true };

export const tests = [
  {
    name: 'under a zh-cn display language the Problems panel shows Benchpress messages in Chinese (in Restricted Mode too)',
    async run({ page, screenshot }) {
      await openFromExplorer(page, 'zh-review.md');
      await openProblems(page);
      const rows = await waitForProblem(page, /benchpress/, { timeout: 40_000 });
      await sleep(500);
      await screenshot('problems-zh-cn');
      // The panel alone: in Restricted Mode VS Code boxes every non-ASCII character in the editor.
      await screenshot('problems-zh-cn-panel', { clip: await clipAround(page, '.part.panel') });
      assert.ok(rows.some((r) => /缺少“成本效益分析”小节/.test(r)), `no Chinese template/missing-section message: ${JSON.stringify(rows)}`);
      assert.ok(!rows.some((r) => /Missing section/.test(r)), `an English message: ${JSON.stringify(rows)}`);
    },
  },
  {
    name: 'in Restricted Mode “Check Links” says it is off and how to turn it on, in Chinese',
    async run({ page, screenshot }) {
      await openFromExplorer(page, 'zh-review.md');
      // The command's title comes from package.nls.zh-cn.json.
      await runCommand(page, 'Benchpress: 检查链接');
      const until = Date.now() + 20_000;
      let texts = [];
      while (Date.now() < until) {
        texts = await notifications(page);
        if (texts.some((t) => /受限模式/.test(t))) break;
        await sleep(300);
      }
      await screenshot('restricted-check-links');
      assert.ok(texts.some((t) => /“检查链接”在受限模式下不可用/.test(t)), `no Restricted Mode message: ${JSON.stringify(texts)}`);
      const button = page.locator('.notifications-toasts .monaco-button', { hasText: '管理工作区信任' });
      assert.ok(await button.count(), 'the message offers to manage workspace trust');
    },
  },
];
