import { test } from 'node:test';
import assert from 'node:assert/strict';
import { buildTopicReport, formatTopicReport, parseDraftDate, type DraftTopics } from './report';
import { compileTopics, matchTopics } from './match';
import { DEFAULT_TOPICS, resolveTopicTable } from './seed';
import { parseTopicTable } from './table';
import { draftFromMarkdown } from './draft-fixture';

/** What `topics --json` does over a set of drafts: path → Markdown. */
function report(files: Record<string, string>, table = resolveTopicTable(undefined).rows) {
  const matcher = compileTopics(table);
  const drafts: DraftTopics[] = Object.entries(files).map(([path, md]) => {
    const draft = draftFromMarkdown(md);
    return { path, date: draft.date, matches: matchTopics(draft, matcher) };
  });
  return buildTopicReport(drafts, table);
}

const H100_A = '---\ndate: 2024-07-28\n---\n# H100 集群训练实战\n\nH100 的 NVLink 带宽……';
const H100_B = '---\ndate: 2024-07-30\n---\n# 从零开始：H100 多卡并行完整部署指南\n\n多卡 H100……';
const RUNPOD = '---\ndate: 2024-07-29\n---\n# RunPod 价格全解析\n\nRunPod 的价格按秒计费。';
const CARD = '---\ndate: 2024-08-02\n---\n# RTX 4090 深度评测\n\n4090 显卡跑 Stable Diffusion。';
const UNDATED = '# H100 还是 H200？\n\nH100 与 H200 的区别。';

test('the report has the contract shape: every table topic in table order, plain numbers, covering drafts', () => {
  const r = report({ 'drafts/h100-a.md': H100_A, 'drafts/runpod.md': RUNPOD, 'drafts/card.md': CARD });
  assert.deepEqual(Object.keys(r), ['topics', 'uncovered', 'rotation']);
  assert.deepEqual(
    r.topics.map((t) => t.topic),
    DEFAULT_TOPICS.map((t) => t.topic),
  );
  assert.deepEqual(r.topics[0], {
    topic: '4090 graphics card',
    rank: 1,
    heat: 1100,
    relevance: 6.55,
    views: 33100,
    status: '🔶',
    drafts: ['drafts/card.md'],
  });
  const byTopic = Object.fromEntries(r.topics.map((t) => [t.topic, t.drafts]));
  assert.deepEqual(byTopic['runpod pricing'], ['drafts/runpod.md']);
  assert.deepEqual(byTopic['h100'], ['drafts/h100-a.md']);
  assert.deepEqual(byTopic['run pod'], [], 'RunPod pricing is not an article about the platform in general');
  // JSON round trip keeps it identical: no undefined, no class instances
  assert.deepEqual(JSON.parse(JSON.stringify(r)), r);
});

test('uncovered: the topics no draft covers, hottest first', () => {
  const r = report({ 'a.md': H100_A, 'c.md': CARD });
  assert.deepEqual(r.uncovered, ['run pod', 'podrun', 'runpod pricing', 'docker run -it', 'h200', '5090 release date', 'rtx 4090 vram']);
  assert.deepEqual(report({}).uncovered.length, DEFAULT_TOPICS.length);
});

test('uncovered follows heat, not the file order, for a team table', () => {
  const parsed = parseTopicTable('topic,heat\ncold,1\nhot,1.2万\nwarm,800\n', 'csv');
  const r = report({}, resolveTopicTable(parsed).rows);
  assert.deepEqual(r.topics.map((t) => t.topic), ['cold', 'hot', 'warm']);
  assert.deepEqual(r.uncovered, ['hot', 'warm', 'cold']);
  assert.equal(r.topics[1].heat, 12000);
});

test('rotation: consecutive articles by date with the same main topic are flagged', () => {
  const r = report({
    'drafts/h100-b.md': H100_B, // 07-30
    'drafts/h100-a.md': H100_A, // 07-28
    'drafts/card.md': CARD, // 08-02
    'drafts/undated.md': UNDATED,
  });
  // by date: h100-a (07-28), h100-b (07-30), card (08-02): the two H100 articles are back to back
  assert.deepEqual(r.rotation, [{ file: 'drafts/h100-b.md', previous: 'drafts/h100-a.md', topic: 'h100' }]);
  assert.deepEqual(r.topics.find((t) => t.topic === 'h100')?.drafts, ['drafts/h100-b.md', 'drafts/h100-a.md', 'drafts/undated.md']);
});

test('rotation: an article on another topic in between breaks the run; undated drafts are left out', () => {
  const r = report({ 'a.md': H100_A, 'runpod.md': RUNPOD, 'b.md': H100_B, 'undated.md': UNDATED });
  assert.deepEqual(r.rotation, []);
  const offTopic = '---\ndate: 2024-07-29\n---\n# 周报\n\n本周没有新闻。';
  assert.deepEqual(report({ 'a.md': H100_A, 'weekly.md': offTopic, 'b.md': H100_B }).rotation, []);
});

test('front matter dates in the forms writers use', () => {
  assert.equal(parseDraftDate('2024-07-28'), Date.UTC(2024, 6, 28));
  assert.equal(parseDraftDate('2024/7/28'), Date.UTC(2024, 6, 28));
  assert.equal(parseDraftDate('2024年7月28日'), Date.UTC(2024, 6, 28));
  assert.equal(parseDraftDate('2024-07-28 09:30'), Date.UTC(2024, 6, 28, 9, 30));
  assert.equal(parseDraftDate('2024-07-28T09:30:00+08:00'), Date.UTC(2024, 6, 28, 1, 30));
  assert.equal(parseDraftDate(new Date(Date.UTC(2024, 6, 28))), Date.UTC(2024, 6, 28));
  for (const bad of ['', 'soon', '2024-02-30', '2024-13-01', '28/07/2024', undefined]) assert.equal(parseDraftDate(bad), undefined, String(bad));
});

test('same-day articles are ordered by path, so the report is stable', () => {
  const a = '---\ndate: 2024-07-28\n---\n# H200 评测\n\nH200';
  const b = '---\ndate: 2024-07-28\n---\n# H200 部署\n\nH200';
  assert.deepEqual(report({ 'z.md': b, 'a.md': a }).rotation, [{ file: 'z.md', previous: 'a.md', topic: 'h200' }]);
});

test('the text report lists topics by heat with their drafts, the gaps and the rotation warnings', () => {
  const r = report({ 'drafts/h100-a.md': H100_A, 'drafts/h100-b.md': H100_B, 'drafts/card.md': CARD });
  const text = formatTopicReport(r);
  const lines = text.split('\n');
  assert.match(lines[0], /Topics by heat/);
  assert.match(lines[1], /4090 graphics card .*heat 1\.1K .*views 33\.1K .*🔶 .*1 draft$/);
  assert.equal(lines[2].trim(), 'drafts/card.md');
  assert.ok(text.indexOf('run pod') < text.indexOf('h100'), 'hotter first');
  assert.match(text, /h100 .*2 drafts/);
  assert.match(text, /Hot topics no draft covers yet \(by heat\):\n {2}run pod, podrun, runpod pricing/);
  assert.match(text, /drafts\/h100-b\.md repeats "h100" right after drafts\/h100-a\.md/);
  const zh = formatTopicReport(r, 'zh-cn');
  assert.match(zh, /主题热度/);
  assert.match(zh, /尚未覆盖的热门主题/);
  assert.match(zh, /drafts\/h100-b\.md 与前一篇 drafts\/h100-a\.md 主题相同：h100/);
});
