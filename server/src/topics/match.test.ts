import { test } from 'node:test';
import assert from 'node:assert/strict';
import { compileTopics, COVERAGE_THRESHOLD, findRow, findTopicsInText, mainTopic, matchTopics, topicAt } from './match';
import { DEFAULT_TOPICS, resolveTopicTable } from './seed';
import { parseTopicTable } from './table';
import { draftFromMarkdown } from './draft-fixture';

const matcher = compileTopics(DEFAULT_TOPICS);

/** The topics named in a line of prose, as `topic[matched text]`. */
function named(text: string, m = matcher): string[] {
  return findTopicsInText(text, m).map((h) => `${m.rows[h.row].topic}[${text.slice(h.start, h.end)}]`);
}
const topicsIn = (text: string) => findTopicsInText(text, matcher).map((h) => matcher.rows[h.row].topic);

test('case, spacing and hyphen variants of a topic match', () => {
  for (const variant of ['run pod', 'runpod', 'RunPod', 'Run-Pod', 'RUN POD', 'run_pod', 'ｒｕｎｐｏｄ']) {
    assert.deepEqual(topicsIn(`我们在 ${variant} 上训练`), ['run pod'], variant);
  }
  assert.deepEqual(topicsIn('Run Pod is a GPU cloud'), ['run pod']);
  assert.deepEqual(topicsIn('PodRun 和 pod-run'), ['podrun', 'podrun']);
});

test('Chinese and English forms of a topic match through aliases', () => {
  for (const text of ['RTX 4090', 'rtx4090', 'RTX-4090', '4090 显卡', '4090显卡', 'RTX 4090 显卡', 'GeForce RTX 4090', '4090 graphics card']) {
    assert.deepEqual(topicsIn(`评测：${text}的表现`), ['4090 graphics card'], text);
  }
  assert.deepEqual(named('RunPod 定价和 RunPod 价格'), ['runpod pricing[RunPod 定价]', 'runpod pricing[RunPod 价格]']);
  assert.deepEqual(named('RTX 5090 发布日期终于公布'), ['5090 release date[RTX 5090 发布日期]']);
  assert.deepEqual(named('5090 release date rumours'), ['5090 release date[5090 release date]']);
  assert.deepEqual(named('4090 显存够不够'), ['rtx 4090 vram[4090 显存]']);
  assert.deepEqual(named('先用 docker run -it 进入容器，或 docker run -ti'), [
    'docker run -it[docker run -it]',
    'docker run -it[docker run -ti]',
  ]);
});

test('a small Chinese gap or a possessive between words still matches', () => {
  assert.deepEqual(named('RunPod 的价格'), ['runpod pricing[RunPod 的价格]']);
  assert.deepEqual(named('RunPod平台价格'), ['runpod pricing[RunPod平台价格]']);
  assert.deepEqual(named("RunPod's pricing page"), ["runpod pricing[RunPod's pricing]"]);
  assert.deepEqual(named('4090 的显存'), ['rtx 4090 vram[4090 的显存]']);
  // too far apart: only the platform is named
  assert.deepEqual(topicsIn('RunPod 这个云平台的价格'), ['run pod']);
  // English words in between never bridge a topic
  assert.deepEqual(topicsIn('docker and run -it'), []);
});

test('the longest name wins where topics overlap', () => {
  assert.deepEqual(topicsIn('RTX 4090 显存 24GB'), ['rtx 4090 vram']);
  assert.deepEqual(topicsIn('RunPod pricing explained'), ['runpod pricing']);
  assert.deepEqual(topicsIn('RTX 4090 VRAM vs RTX 4090'), ['rtx 4090 vram', '4090 graphics card']);
});

test('word boundaries: numbers and model names are not matched inside longer ones', () => {
  assert.deepEqual(topicsIn('型号 14090 和 40900'), []);
  assert.deepEqual(topicsIn('h1000 and xh100 and H100x'), []);
  assert.deepEqual(named('H100 SXM 与 H100-PCIe'), ['h100[H100]', 'h100[H100]']);
  assert.deepEqual(named('8 张 H100s'), ['h100[H100]']);
  assert.deepEqual(named('用4090跑模型'), ['4090 graphics card[4090]']);
  assert.deepEqual(topicsIn('H100/H200 对比'), ['h100', 'h200']);
  assert.deepEqual(topicsIn('rerun pod'), []);
  assert.deepEqual(topicsIn('run podcast'), []);
});

test('no match inside URLs, domains, e-mail addresses or inline code', () => {
  assert.deepEqual(topicsIn('详见 https://www.runpod.io/gpu/h100 页面'), []);
  assert.deepEqual(topicsIn('see runpod.io/pricing or www.nvidia.com/h100'), []);
  assert.deepEqual(topicsIn('访问runpod.io了解'), []);
  assert.deepEqual(topicsIn('write to h100@example.com'), []);
  assert.deepEqual(topicsIn('运行 `docker run -it ubuntu` 即可'), []);
  assert.deepEqual(topicsIn('路径 /data/h100/logs 下'), []);
  // the prose around a link still counts
  assert.deepEqual(topicsIn('RunPod（https://runpod.io）的 H100'), ['run pod', 'h100']);
});

test('offsets are UTF-16 positions in the segment, so hovers land on the word', () => {
  const text = '🔥 新品：RTX 4090 显卡';
  const [hit] = findTopicsInText(text, matcher);
  assert.equal(text.slice(hit.start, hit.end), 'RTX 4090 显卡');
  assert.equal(hit.start, 6);
});

test('a team table and its aliases are matched too, Chinese topics included', () => {
  const parsed = parseTopicTable('# extends\n# aliases: h100 = 英伟达 H100 显卡\ntopic,heat\n无服务器部署,90\nserverless comfyui,80\n', 'csv');
  const m = compileTopics(resolveTopicTable(parsed).rows);
  assert.deepEqual(named('英伟达H100显卡的无服务器部署指南', m), ['h100[英伟达H100显卡]', '无服务器部署[无服务器部署]']);
  assert.deepEqual(named('Serverless ComfyUI on RunPod', m), ['serverless comfyui[Serverless ComfyUI]', 'run pod[RunPod]']);
});

test('one-character topics and names that start with a full-width or upper-case form are found', () => {
  const parsed = parseTopicTable('# extends\n# aliases: 云 = 云端\ntopic,heat\n云,70\nx,60\n', 'csv');
  const m = compileTopics(resolveTopicTable(parsed).rows);
  assert.deepEqual(named('在云上跑 ＲＴＸ４０９０', m), ['云[云]', '4090 graphics card[ＲＴＸ４０９０]']);
  assert.deepEqual(named('云端部署，X 轴', m), ['云[云端]', 'x[X]']);
  assert.deepEqual(named('xyz', m), []);
});

const REVIEW = `---
title: RTX 4090 深度评测：性能、成本与最佳实践
date: 2024-07-29
---
# RTX 4090 深度评测：性能、成本与最佳实践

## 技术规格分析

4090 显卡有 24GB 显存，在 RunPod 上也能租到。

## 成本效益分析：RunPod 价格

RunPod 的价格按小时计费，4090 每小时不到 1 美元。

\`\`\`bash
docker run -it --gpus all h100-image
\`\`\`
`;

test('a draft: title, headings and body are counted and weighted', () => {
  const matches = matchTopics(draftFromMarkdown(REVIEW), matcher);
  const byTopic = Object.fromEntries(matches.map((m) => [m.topic, m]));
  const card = byTopic['4090 graphics card'];
  assert.equal(card.inTitle, true);
  assert.equal(card.inBody, 2);
  assert.equal(card.covered, true);
  const pricing = byTopic['runpod pricing'];
  assert.equal(pricing.inTitle, false);
  assert.equal(pricing.inHeadings, 1);
  assert.equal(pricing.inBody, 1);
  assert.equal(pricing.covered, true, 'a heading and a body mention cover a topic');
  const runpod = byTopic['run pod'];
  assert.equal(runpod.inBody, 1);
  assert.equal(runpod.covered, false, 'one passing mention does not');
  assert.equal(byTopic['docker run -it'], undefined, 'code blocks are not prose');
  assert.equal(byTopic['h100'], undefined);
  assert.equal(matches[0].topic, '4090 graphics card', 'best first');
  assert.ok(card.score > pricing.score && pricing.score > runpod.score);
  assert.equal(mainTopic(matches)?.topic, '4090 graphics card');
});

test('coverage threshold: title alone covers, three body mentions cover, keyword stuffing is capped', () => {
  const score = (md: string, topic = 'h100') => matchTopics(draftFromMarkdown(md), matcher).find((m) => m.topic === topic);
  assert.equal(score('# H100 集群搭建')?.covered, true);
  assert.equal(score('## H100')?.covered, false, 'a heading alone is not enough');
  assert.equal(score('一句 H100。\n\n又一句 H100。')?.covered, false);
  assert.equal(score('H100。\n\nH100。\n\nH100。')?.covered, true);
  const stuffed = score(Array(20).fill('H100 H100').join('\n\n'))!;
  assert.equal(stuffed.inBody, 40);
  assert.equal(stuffed.score, 5);
  assert.ok(COVERAGE_THRESHOLD === 3);
});

test('main topic: the highest score; a tie goes to the topic in the title, then the hotter one', () => {
  const draft = draftFromMarkdown('# H200 上手\n\nH100 H100 H100 H100 H100 H100\n');
  // h200: title 5; h100: body capped at 5 → tie, the title wins
  assert.equal(mainTopic(matchTopics(draft, matcher))?.topic, 'h200');
  const tie = draftFromMarkdown('H200 H200 H200\n\nH100 H100 H100\n');
  assert.equal(mainTopic(matchTopics(tie, matcher))?.topic, 'h100', 'h100 is hotter (173 vs 156)');
  assert.equal(mainTopic(matchTopics(draftFromMarkdown('# 随笔\n\n今天天气不错。'), matcher)), undefined);
});

test('topicAt finds the match under the cursor for hovers', () => {
  const draft = draftFromMarkdown('# 标题\n\n在 RunPod 上跑 H100');
  const matches = matchTopics(draft, matcher);
  const seg = draft.segments.findIndex((s) => s.kind === 'body');
  assert.equal(topicAt(matches, seg, 4)?.match.topic, 'run pod');
  assert.equal(topicAt(matches, seg, 13)?.match.row.heat, 173);
  assert.equal(topicAt(matches, seg, 0), undefined);
});

test('weights: a title mention counts more than a heading, a heading more than a body mention', () => {
  const scoreOf = (md: string) => matchTopics(draftFromMarkdown(md), matcher).find((m) => m.topic === 'h200')!.score;
  const title = scoreOf('# H200');
  const heading = scoreOf('# x\n\n## H200');
  const body = scoreOf('# x\n\nH200');
  assert.ok(title > heading && heading > body, `${title} > ${heading} > ${body}`);
  const twoHeadings = matchTopics(draftFromMarkdown('## H200 规格\n\n## H200 价格'), matcher)[0];
  assert.equal(twoHeadings.inHeadings, 2);
  assert.equal(twoHeadings.covered, true);
});

test('findRow looks a topic up the way the matcher compares names', () => {
  assert.equal(findRow(DEFAULT_TOPICS, 'Run-Pod')?.topic, 'run pod');
  assert.equal(findRow(DEFAULT_TOPICS, 'RTX 4090 VRAM')?.rank, 9);
  assert.equal(findRow(DEFAULT_TOPICS, 'b200'), undefined);
});
