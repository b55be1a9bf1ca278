import { test } from 'node:test';
import assert from 'node:assert/strict';
import { completionPrefix, completionsFor } from './completion';
import { resolveTopicTable } from './seed';
import { parseTopicTable } from './table';

const table = resolveTopicTable(undefined).rows;
const labels = (prefix: string) => completionsFor(prefix, table).map((c) => c.label);

test('with nothing typed yet, every hot topic is offered, hottest first, with its numbers', () => {
  const items = completionsFor('', table);
  assert.equal(items.length, table.length);
  assert.equal(items[0].label, '4090 graphics card');
  assert.equal(items[0].detail, 'heat 1.1K · views 33.1K · 🔶');
  assert.equal(items[1].detail, 'heat 800 · views 1K · 🟢');
  assert.deepEqual(
    items.map((i) => i.sortText),
    [...items.map((i) => i.sortText)].sort(),
  );
  assert.match(items[0].documentation, /\| 1 \| 4090 graphics card \| 1\.1K \| 6\.55 \| 33\.1K \| 🔶/);
});

test('a prefix finds topics ignoring case, spaces and hyphens', () => {
  assert.deepEqual(labels('RunP'), ['run pod', 'runpod pricing']);
  assert.deepEqual(labels('run-p'), ['run pod', 'runpod pricing']);
  assert.deepEqual(labels('H1'), ['h100']);
  assert.deepEqual(labels('docker'), ['docker run -it']);
  assert.deepEqual(labels('zzz'), []);
});

test('a word inside a topic or alias matches too, names that start with the prefix come first', () => {
  assert.deepEqual(labels('4090'), ['4090 graphics card', '4090 vram']);
  assert.deepEqual(labels('pricing'), ['runpod pricing']);
  const items = completionsFor('vram', table);
  assert.deepEqual(items.map((i) => [i.label, i.topic]), [['rtx 4090 vram', 'rtx 4090 vram']]);
  assert.ok(items[0].sortText.startsWith('1'), 'word match ranks after prefix matches');
});

test('Chinese typing gets the Chinese names', () => {
  assert.deepEqual(labels('4090 显'), ['4090 显卡', '4090 显存']);
  assert.deepEqual(labels('5090 发'), ['5090 发布时间']);
  assert.deepEqual(completionsFor('5090 发', table, { lang: 'zh-cn' })[0].detail, '热度 154 · 浏览量 22.2K · 🔶');
});

test('the filter text carries every name of the topic, so the editor does not hide the item', () => {
  const [item] = completionsFor('RunPod 价', table);
  assert.equal(item.label, 'runpod 价格');
  assert.equal(item.insertText, 'runpod 价格');
  assert.match(item.filterText, /runpod pricing/);
});

test('a team table is offered the same way', () => {
  const rows = resolveTopicTable(parseTopicTable('主题,热度值,别名\nServerless ComfyUI,1.2万,无服务器 ComfyUI\n', 'csv')).rows;
  const items = completionsFor('无服务', rows);
  assert.deepEqual(items.map((i) => [i.label, i.detail]), [['无服务器 ComfyUI', 'heat 12K']]);
});

test('completionPrefix finds what is being typed in a title or heading', () => {
  assert.deepEqual(completionPrefix('# 深度评测 RTX 40', table), { prefix: 'RTX 40', start: 7 });
  assert.deepEqual(completionPrefix('## RunPod 价', table), { prefix: 'RunPod 价', start: 3 });
  assert.deepEqual(completionPrefix('## 成本对比：RunP', table), { prefix: 'RunP', start: 8 });
  assert.deepEqual(completionPrefix('title: "H1', table), { prefix: 'H1', start: 8 });
  // nothing matches: the last word, so the editor can still filter
  assert.deepEqual(completionPrefix('# Hello wor', table), { prefix: 'wor', start: 8 });
  assert.deepEqual(completionPrefix('# ', table), { prefix: '', start: 2 });
});
