// `benchpress topics` as a process: the contract's JSON shape, numbers as numbers, table order, rotation.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { runCli, tempWorkspace } from '../support/workspace';

test('topics --json: table order, drafts per topic, uncovered by heat, rotation by date; --table picks another table', () => {
  const ws = tempWorkspace({
    'd/one.md': '---\ndate: 2026-08-01\n---\n\n# RunPod 定价全解析\n\nRunPod 的价格分为 secure 和 community。\n',
    'd/two.md': '---\ndate: 2026-08-03\n---\n\n# RunPod pricing explained again\n\nRunPod pricing per hour.\n',
    'd/three.md': '# 5090 发布时间汇总\n\n关于 5090 发布时间的传闻。\n',
    'mine.json': JSON.stringify({ topics: [{ topic: 'serverless comfyui', heat: '2.5K', views: '12K', status: '🔶' }] }),
  });
  try {
    const r = runCli(['topics', '--json', 'd'], ws.root);
    assert.equal(r.status, 0, r.stderr);
    const report = JSON.parse(r.stdout);
    assert.deepEqual(report.topics.map((t: { topic: string }) => t.topic), ['4090 graphics card', 'run pod', 'podrun', 'runpod pricing', 'docker run -it', 'h100', 'h200', '5090 release date', 'rtx 4090 vram']);
    const pricing = report.topics.find((t: { topic: string }) => t.topic === 'runpod pricing');
    assert.deepEqual(pricing, { topic: 'runpod pricing', rank: 4, heat: 256, relevance: 1.56, views: 320, status: '🔶', drafts: ['d/one.md', 'd/two.md'] });
    assert.equal(report.topics[0].heat, 1100);
    assert.equal(report.topics[0].views, 33100);
    assert.deepEqual(report.topics.find((t: { topic: string }) => t.topic === '5090 release date').drafts, ['d/three.md']);
    assert.equal(report.uncovered[0], '4090 graphics card');
    assert.deepEqual(report.rotation, [{ file: 'd/two.md', previous: 'd/one.md', topic: 'runpod pricing' }]);

    const own = JSON.parse(runCli(['topics', '--json', '--table', 'mine.json', 'd'], ws.root).stdout);
    assert.deepEqual(own.topics.map((t: { topic: string; heat: number }) => [t.topic, t.heat]), [['serverless comfyui', 2500]]);
    assert.deepEqual(own.uncovered, ['serverless comfyui']);

    const text = runCli(['topics', '--lang', 'zh-cn', 'd'], ws.root);
    assert.equal(text.status, 0);
    assert.match(text.stdout, /runpod pricing/);
    assert.equal(runCli(['topics', '--table', 'nope.csv', 'd'], ws.root).status, 2);
  } finally {
    ws.dispose();
  }
});
