import { test } from 'node:test';
import assert from 'node:assert/strict';
import { titleLensText, topicHover } from './present';
import { compileTopics, matchTopics, topicAt } from './match';
import { resolveTopicTable } from './seed';
import { parseTopicTable } from './table';
import { draftFromMarkdown } from './draft-fixture';

const table = resolveTopicTable(undefined).rows;
const matcher = compileTopics(table);

test('CodeLens on the title: the covered topics, hottest first, with their heat', () => {
  const md = '# RunPod 上的 RTX 4090 与 H100 对比\n\nRTX 4090 …… H100 …… RunPod';
  const matches = matchTopics(draftFromMarkdown(md), matcher);
  assert.equal(titleLensText(matches), '🔥 4090 graphics card 1.1K · run pod 800 · h100 173');
  assert.equal(titleLensText(matches, { max: 1 }), '🔥 4090 graphics card 1.1K');
});

test('CodeLens when nothing hot is covered', () => {
  const matches = matchTopics(draftFromMarkdown('# 随笔\n\n提到一次 H100。'), matcher);
  assert.equal(titleLensText(matches), '🔥 No hot topic covered');
  assert.equal(titleLensText(matches, { lang: 'zh-cn' }), '🔥 未覆盖热门主题');
  assert.equal(titleLensText(matches, { quiet: true }), '');
});

test('hover on a matched term shows its row of the table', () => {
  const draft = draftFromMarkdown('# 标题\n\n租一张 RTX 4090 显卡');
  const matches = matchTopics(draft, matcher);
  const seg = draft.segments.findIndex((s) => s.kind === 'body');
  const hit = topicAt(matches, seg, 6)!;
  const hover = topicHover(hit.match.row, 'en', draft.segments[seg].text.slice(hit.occurrence.start, hit.occurrence.end));
  assert.match(hover, /\*\*Hot topic: 4090 graphics card\*\* \(matched “RTX 4090 显卡”\)/);
  assert.match(hover, /\| Rank \| Topic \| Heat \| Relevance \| Views \| Status \|/);
  assert.match(hover, /\| 1 \| 4090 graphics card \| 1\.1K \| 6\.55 \| 33\.1K \| 🔶 rising \/ watch \|/);
  assert.match(hover, /Aliases: rtx 4090, /);
  assert.match(hover, /built-in heat table/);
});

test('hover in Chinese, and for a row of the team table with its line', () => {
  const rows = resolveTopicTable(parseTopicTable('主题,热度值,状态\nH100,2K,🟢\n', 'csv')).rows;
  const hover = topicHover(rows[0], 'zh-cn');
  assert.match(hover, /\| 排名 \| 主题 \| 热度值 \| 相关度 \| 浏览量 \| 状态 \|/);
  assert.match(hover, /\| 1 \| H100 \| 2K \| – \| – \| 🟢 稳定 \|/);
  assert.match(hover, /团队主题表第 2 行/);
});
