// template/toc-mismatch: the regenerated contents list names each section heading once, in order — and not a
// heading with no text (it made an empty `1. ` entry).
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { findingsOf } from '../../testing/lint-text';
import { applyEdits } from '../../markdown/edits';

const fixed = async (text: string) => {
  const [finding] = await findingsOf('template/toc-mismatch', text);
  assert.ok(finding, 'reported');
  return applyEdits(text, finding.fixes![0].edits).text;
};

test('a stale list is regenerated from the headings; an empty heading gets no entry', async () => {
  const text = '# 标题\n\n## 目录\n\n1. 旧的小节\n\n## 环境准备\n\n文字。\n\n## \n\n文字。\n\n## 基础配置\n\n文字。\n';
  assert.equal(await fixed(text), '# 标题\n\n## 目录\n\n1. 环境准备\n2. 基础配置\n\n## 环境准备\n\n文字。\n\n## \n\n文字。\n\n## 基础配置\n\n文字。\n');
});

test('a list that names every heading with text is not reported because of an empty heading', async () => {
  const text = '# 标题\n\n## 目录\n\n1. 环境准备\n2. 基础配置\n\n## 环境准备\n\n文字。\n\n##\n\n## 基础配置\n\n文字。\n';
  assert.deepEqual(await findingsOf('template/toc-mismatch', text), []);
});

test('a list whose entry is indented code (five spaces after the marker) is not replaced by fix-all (fuzz, case 1130073389)', async () => {
  const [finding] = await findingsOf('template/toc-mismatch', '# 标题\n\n## 目录\n\n5.     --max-model-len 512\n\n## 环境准备\n\n文字。\n');
  assert.ok(finding, 'reported');
  assert.equal(finding.fixes?.[0].safe, false, 'offered as a quick fix only');
});
