// The preview's render thread, with the real worker bundle (dist/preview-worker.js, built by `npm test`).
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { renderHtml } from './render';
import { RenderSuperseded, RenderThread } from './render-thread';

const SCRIPT = path.resolve(__dirname, '../../../dist/preview-worker.js');
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

const SECTION = (n: number) => `## 第 ${n} 节：RTX 4090 推理\n\n正文 ${n}，见[文档](https://docs.runpod.io/)和脚注[^n${n}]。\n\n| GPU | 显存 |\n|---|---|\n| RTX 4090 | 24 GB |\n\n- 一\n- 二\n\n\`\`\`bash\nnvidia-smi\n\`\`\`\n\n[^n${n}]: 脚注 ${n}。\n\n`;
/** About 300 KB: a second or more to render. */
const LONG_DRAFT = `# 长文\n\n${Array.from({ length: 1500 }, (_, i) => SECTION(i)).join('')}`;

test('the render thread answers what renderHtml answers in this thread, and stops its worker when idle', async () => {
  const thread = new RenderThread({ script: SCRIPT, idleMs: 100 });
  try {
    const text = `# 标题\n\n${SECTION(1)}<script>alert(1)</script>\n`;
    const options = { locale: 'zh-cn' as const, guardedLines: [] };
    assert.deepEqual(await thread.render('a.md', text, options), renderHtml(text, options));
    assert.equal(thread.started, true);
    await sleep(400);
    assert.equal(thread.started, false, 'the idle worker was not stopped');
    // And starts again for the next rendering.
    assert.match((await thread.render('a.md', '# Again\n', {})).html, /Again/);
  } finally {
    thread.dispose();
  }
});

test('a newer rendering of a document replaces its waiting one; the running one and other documents\' are kept, in order', async () => {
  const thread = new RenderThread({ script: SCRIPT });
  try {
    const answered: string[] = [];
    const track = (name: string, p: Promise<{ html: string }>) => p.then((r) => { answered.push(name); return r; }, (e) => { answered.push(`${name}: ${e.constructor.name}`); throw e; });
    // Renderings are taken up in order: the first is running at once, the others wait behind it.
    const running = track('running', thread.render('x.md', `# 长文\n\n${SECTION(1)}`, {}));
    const replaced = track('replaced', thread.render('x.md', '# Replaced\n', {}));
    const other = track('other', thread.render('y.md', '# Other document\n', {}));
    const latest = track('latest', thread.render('x.md', '# Latest\n', {}));
    await assert.rejects(replaced, RenderSuperseded);
    assert.match((await running).html, /第 1 节/);
    assert.match((await other).html, /Other document/);
    assert.match((await latest).html, /Latest/);
    assert.deepEqual(answered, ['replaced: RenderSuperseded', 'running', 'other', 'latest']);
  } finally {
    thread.dispose();
  }
});

test('a rendering over its budget is stopped and answered with a notice; the next one gets a fresh worker', async () => {
  // Twice the long draft: seconds to render, well over the budget; a one-line draft renders well within it.
  const thread = new RenderThread({ script: SCRIPT, budgetMs: 1000 });
  try {
    const stopped = await thread.render('x.md', LONG_DRAFT + LONG_DRAFT, { locale: 'en' });
    assert.deepEqual(stopped.notices, ['The preview took longer than 1 s to render and was stopped; it is not shown. Checks and fixes are not affected.']);
    assert.doesNotMatch(stopped.html, /第 1 节/);
    assert.equal(thread.started, false, 'the worker of the stopped rendering still runs');
    assert.match((await thread.render('x.md', '# After\n', {})).html, /After/);
    assert.equal(thread.started, true);
  } finally {
    thread.dispose();
  }
});

test('a worker that dies answers its rendering with a notice naming why, and the thread goes on', async () => {
  const dir = mkdtempSync(path.join(tmpdir(), 'bp-render-thread-'));
  const dying = path.join(dir, 'dies.js');
  writeFileSync(dying, 'process.exit(3);\n');
  const thread = new RenderThread({ script: dying });
  try {
    const first = await thread.render('x.md', '# Draft\n', { locale: 'en' });
    assert.deepEqual(first.notices, ['The preview stopped while rendering (exit code 3); it is not shown.']);
    assert.equal(thread.started, false);
    const second = await thread.render('x.md', '# Draft\n', { locale: 'zh-cn' });
    assert.deepEqual(second.notices, ['预览生成中途停止（exit code 3），不予显示。']);
  } finally {
    thread.dispose();
    rmSync(dir, { recursive: true, force: true });
  }
});

test('stopping the thread answers the running and the waiting renderings (none is left pending) and ends the worker', async () => {
  const thread = new RenderThread({ script: SCRIPT });
  const running = thread.render('x.md', LONG_DRAFT, {});
  const waiting = thread.render('y.md', '# Waiting\n', {});
  thread.dispose();
  await assert.rejects(running, /stopped/);
  await assert.rejects(waiting, /stopped/);
  assert.equal(thread.started, false);
  await assert.rejects(thread.render('x.md', '# After\n', {}), /stopped/);
});
