import { test } from 'node:test';
import assert from 'node:assert/strict';
import { titleMissingTopics } from './title-coverage';
import { findingsOf } from '../testing/lint-text';
import { compileTopics, matchTopics } from './match';
import { DEFAULT_TOPICS } from './seed';
import { draftFromMarkdown } from './draft-fixture';

const matcher = compileTopics(DEFAULT_TOPICS);
const missing = (md: string, options = {}) => titleMissingTopics(matchTopics(draftFromMarkdown(md), matcher), options);

test('heat/title-missing-topic: the body is about a hot topic the title does not name', () => {
  const md = '# 云端训练的成本\n\n## RunPod 价格\n\nRunPod 的价格按秒计费……\n\n另外 H100 也可以。';
  assert.deepEqual(missing(md), [{ topic: 'runpod pricing', heat: 256 }]);
});

test('no hint when the title names the topic, or the body only mentions it in passing', () => {
  assert.deepEqual(missing('# RunPod 定价全解析\n\n## RunPod 价格\n\nRunPod 的价格按秒计费。'), []);
  assert.deepEqual(missing('# 云端训练的成本\n\n顺便提一句 H100。'), []);
  // the title may name the topic with another of its names
  assert.deepEqual(missing('# RTX 4090 评测\n\n4090 显卡……\n\n4090 显卡……\n\n4090 显卡……'), []);
});

test('hottest first, at most three, and cool topics can be left out', () => {
  const md = [
    '# 杂谈',
    '',
    'H200 H200 H200',
    '',
    'H100 H100 H100',
    '',
    'RTX 4090 RTX 4090 RTX 4090',
    '',
    'RunPod RunPod RunPod',
  ].join('\n');
  assert.deepEqual(
    missing(md).map((t) => t.topic),
    ['4090 graphics card', 'run pod', 'h100'],
  );
  assert.deepEqual(
    missing(md, { minHeat: 500, max: 10 }).map((t) => t.topic),
    ['4090 graphics card', 'run pod'],
  );
});

test('the hint as a finding on the title range, in the writer\'s language', async () => {
  const md = '# 云端训练的成本\n\n## RunPod 价格\n\nRunPod 的价格按秒计费。';
  const [f, ...rest] = await findingsOf('heat/title-missing-topic', md);
  assert.equal(rest.length, 0);
  assert.equal(f.severity, 'hint');
  assert.deepEqual(f.range, { start: { line: 0, character: 0 }, end: { line: 0, character: 9 } });
  assert.match(f.message, /“runpod pricing” \(heat 256\)/);
  assert.deepEqual(f.data, { topic: 'runpod pricing', heat: 256 });
  const [zh] = await findingsOf('heat/title-missing-topic', md, { locale: 'zh-cn' });
  assert.match(zh.message, /标题没有提到/);
});
