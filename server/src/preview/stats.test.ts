// The preview's side panel numbers: word counts (Chinese counted by character), reading time, the quality
// checklist of the seed on good and poor drafts, template progress and topic heat.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { countWords, draftStats, readingMinutes, tableAt, codeAt, splitRow, type DraftStats } from './stats';
import { checkText } from '../testing/lint-text';

async function statsOf(text: string, options: Parameters<typeof checkText>[1] = {}): Promise<DraftStats> {
  const result = await checkText(text, options);
  assert.ok(result.view, 'the draft was checked');
  return draftStats(result.view, result);
}

const item = (stats: DraftStats, id: string) => {
  const found = stats.checklist.find((c) => c.id === id);
  assert.ok(found, `checklist item ${id}`);
  return found;
};

test('countWords: each CJK character is a word (Han, kana, hangul); punctuation is not', () => {
  assert.deepEqual(countWords('显卡性能测试。'), { cjk: 6, latin: 0, total: 6 });
  assert.deepEqual(countWords('日本語のテキスト'), { cjk: 8, latin: 0, total: 8 });
  assert.deepEqual(countWords('한국어 문장'), { cjk: 5, latin: 0, total: 5 });
  assert.deepEqual(countWords('，。、；：？！“”（）《》——……'), { cjk: 0, latin: 0, total: 0 });
});

test('countWords: Latin words are runs of letters and digits; contractions, hyphens and decimals stay whole', () => {
  assert.deepEqual(countWords('The RTX 4090 has 24 GB of memory.'), { cjk: 0, latin: 8, total: 8 });
  assert.deepEqual(countWords("don't multi-GPU 2.5 1,024 e.g. H100s"), { cjk: 0, latin: 7, total: 7 });
  assert.deepEqual(countWords('  — 🔥 ✓ '), { cjk: 0, latin: 0, total: 0 });
});

test('countWords: mixed Chinese and English', () => {
  assert.deepEqual(countWords('在 RunPod 上租用 H100 跑 Llama 2 7B 微调'), { cjk: 7, latin: 5, total: 12 });
  assert.deepEqual(countWords('用4090跑模型'), { cjk: 4, latin: 1, total: 5 });
});

test('readingMinutes: 300 CJK characters or 200 English words a minute, rounded up; 0 when empty', () => {
  assert.equal(readingMinutes({ cjk: 0, latin: 0 }), 0);
  assert.equal(readingMinutes({ cjk: 1, latin: 0 }), 1);
  assert.equal(readingMinutes({ cjk: 300, latin: 0 }), 1);
  assert.equal(readingMinutes({ cjk: 301, latin: 0 }), 2);
  assert.equal(readingMinutes({ cjk: 0, latin: 1000 }), 5);
  assert.equal(readingMinutes({ cjk: 1500, latin: 400 }), 7);
});

test('draft words: prose only — code blocks, inline code, URLs, HTML, image text and front matter do not count', async () => {
  const text = [
    '---', 'title: 不计入 front matter words', '---',
    '# 标题 Title', '',
    '正文 text with `inline code words` and https://example.com/some/long/path 链接。', '',
    '```bash', 'docker run -it --gpus all nvidia/cuda:12.1 bash 中文注释', '```', '',
    '    indented code words here', '',
    '<div>html words 网页</div>', '',
    '![图片说明 alt words](images/a.png) [链接文字 link](https://runpod.io)', '',
    '| 列 | column |', '|---|---|', '| 值 | value |',
  ].join('\n');
  const stats = await statsOf(text);
  // 标题 Title / 正文 text with and 链接 / 链接文字 link / 列 column 值 value
  assert.deepEqual(stats.words, { cjk: 2 + 4 + 4 + 2, latin: 1 + 3 + 1 + 2, total: 19 });
  assert.equal(stats.readingMinutes, 1);
  assert.deepEqual(stats.counts, { headings: 1, tables: 1, codeBlocks: 2, images: 1, links: 2 });
  assert.equal(stats.language, 'zh-cn');
  assert.equal(stats.title, '标题 Title');
});

test('scanners: table rows and columns, code block language and first line', () => {
  const text = 'x\n| GPU | 显存 | 价格 \\| 小时 |\n|---|:-:|--:|\n| H100 | 80 GB | $2.99 |\n> | in | quote |\n\nafter';
  const table = tableAt(text, 2);
  assert.deepEqual(table.header, ['GPU', '显存', '价格 | 小时']);
  assert.deepEqual(table.rows, [['H100', '80 GB', '$2.99'], ['in', 'quote']]);
  assert.deepEqual(splitRow('a | `b` | c'), ['a', '`b`', 'c']);
  assert.deepEqual(codeAt('```yaml title="docker-compose.yml"\nservices:\n```', 0), { offset: 0, fenced: true, lang: 'yaml', info: 'yaml title="docker-compose.yml"', firstLine: 'services:' });
  assert.equal(codeAt('~~~ Dockerfile\nFROM x\n~~~', 0).lang, 'dockerfile');
  assert.equal(codeAt('    indented', 0).fenced, false);
});

const GOOD = `---
template: review
---

# RTX 4090 深度评测：性能、成本与最佳实践

## 📋 目录
1. 产品概述
2. 技术规格分析
3. 性能测试
4. 成本效益分析
5. 最佳实践
6. 总结与建议

## 🎯 核心要点
- 数据驱动的性能分析

## 1. 产品概述

RTX 4090 是 Ada Lovelace 架构的消费级显卡。

![RTX 4090 推理架构图](images/architecture.png)

## 2. 技术规格分析

| 项目 | RTX 4090 | H100 SXM |
|---|---|---|
| 显存 | 24 GB | 80 GB |
| FP32 | 82.6 TFLOPS | 67 TFLOPS |

## 3. 性能测试

| 场景 | 吞吐 |
|---|---|
| SDXL | 1.9 张/秒 |

![SDXL 吞吐对比图表](images/sdxl-chart.png)

测试命令：

\`\`\`bash
python bench.py --model sdxl --steps 30
\`\`\`

## 4. 成本效益分析

<!-- benchpress:pricing gpus=rtx-4090 lang=zh-cn asOf=2026-08-01 -->
| GPU | 平台 | 每小时 |
|---|---|---|
| RTX 4090 | RunPod | $0.69 |
<!-- /benchpress:pricing -->

## 5. 最佳实践

\`\`\`yaml
# docker-compose.yml
services:
  sd:
    image: comfyui
\`\`\`

### 常见问题

显存不足时降低 batch。

## 6. 总结与建议

RTX 4090 适合个人开发者，推理延迟约 45 ms，功耗 450 W。
`;

test('checklist on a good draft: every item done, with what was found and where', async () => {
  const stats = await statsOf(GOOD);
  const missing = stats.checklist.filter((c) => !c.done).map((c) => c.id);
  assert.deepEqual(missing, []);
  assert.deepEqual(stats.checklist.map((c) => c.id), [
    'data.benchmark', 'data.cost', 'data.measurements',
    'practical.code', 'practical.config', 'practical.troubleshooting', 'practical.bestPractices',
    'visual.images', 'visual.comparison', 'visual.diagram', 'visual.chart',
  ]);
  assert.deepEqual(stats.checklist.map((c) => c.group), ['data', 'data', 'data', 'practical', 'practical', 'practical', 'practical', 'visual', 'visual', 'visual', 'visual']);
  const bench = item(stats, 'data.benchmark');
  assert.equal(bench.detail?.zh, '表格位于“性能测试”');
  assert.equal(bench.line, 32);
  assert.equal(item(stats, 'data.cost').detail?.en, 'Pricing table (benchpress:pricing)');
  assert.equal(item(stats, 'practical.config').detail?.en, 'Config snippet: docker-compose.yml');
  assert.equal(item(stats, 'practical.troubleshooting').detail?.zh, '章节“常见问题”');
  assert.equal(item(stats, 'visual.comparison').detail?.en, '3 columns');
  assert.equal(item(stats, 'visual.diagram').detail?.zh, '图片“RTX 4090 推理架构图”');
  assert.equal(item(stats, 'visual.chart').detail?.zh, '图片“SDXL 吞吐对比图表”');
  assert.equal(item(stats, 'practical.code').detail?.en, '2 code block(s): bash, yaml');
  for (const c of stats.checklist) {
    assert.ok(c.label.en && c.label.zh, c.id);
    assert.equal(typeof c.line, 'number', c.id);
  }
});

test('checklist on a poor draft: nothing done, each item says what to add; the title alone proves nothing', async () => {
  const stats = await statsOf('# 性能、成本与最佳实践：故障排除架构图\n\n一些文字，没有数据。\n\n## 结论\n\n还不错。\n');
  assert.deepEqual(stats.checklist.filter((c) => c.done).map((c) => c.id), []);
  assert.equal(item(stats, 'data.benchmark').detail?.zh, '添加性能测试结果表格');
  assert.equal(item(stats, 'practical.troubleshooting').detail?.en, 'Add a Troubleshooting / FAQ section');
  assert.equal(item(stats, 'data.measurements').detail?.en, 'Only 0 value(s) with units; add measured results');
  assert.equal(stats.template, undefined);
});

test('checklist variants: numeric table anywhere, price column, mermaid diagram, config by file name, English sections', async () => {
  const stats = await statsOf([
    '# Serving SDXL on RunPod', '',
    '## Setup', '',
    '| GPU | it/s | VRAM |', '|---|---|---|', '| A | 12 | 24 |', '| B | 9 | 16 |', '',
    '| Provider | Price / hr |', '|---|---|', '| RunPod | 0.69 |', '',
    '```mermaid', 'flowchart LR', '  A --> B', '```', '',
    '```', '# .env', 'HF_TOKEN=xxx', '```', '',
    '## Troubleshooting', '', 'Restart the pod.', '',
    '## Best practices', '', 'Use volumes.',
  ].join('\n'));
  assert.equal(item(stats, 'data.benchmark').detail?.en, 'A table of measured numbers');
  assert.equal(item(stats, 'data.cost').done, true);
  assert.equal(item(stats, 'visual.diagram').detail?.en, 'mermaid diagram');
  assert.equal(item(stats, 'practical.config').detail?.en, 'Config snippet: .env');
  assert.equal(item(stats, 'practical.troubleshooting').done, true);
  assert.equal(item(stats, 'practical.bestPractices').done, true);
  assert.equal(item(stats, 'visual.images').done, false);
  assert.equal(stats.language, 'en');
});

test('template progress: sections present and missing, in template order', async () => {
  const stats = await statsOf('# RTX 4090 深度评测：性能、成本与最佳实践\n\n## 1. 产品概述\n\n文字。\n\n## 3. 性能测试\n\n文字。\n\n## 6. 总结与建议\n\n文字。\n', { settings: { template: 'review' } });
  assert.ok(stats.template);
  assert.equal(stats.template.id, 'review');
  assert.equal(stats.template.reason, 'setting');
  assert.deepEqual(stats.template.present, ['产品概述', '性能测试', '总结与建议']);
  assert.ok(stats.template.missing.includes('技术规格分析') && stats.template.missing.includes('成本效益分析') && stats.template.missing.includes('最佳实践'), stats.template.missing.join(', '));
  const good = await statsOf(GOOD);
  assert.equal(good.template?.reason, 'front-matter');
  assert.deepEqual(good.template?.missing, []);
});

test('topic heat: the topics the draft mentions, hottest first, with heat, status and coverage', async () => {
  const stats = await statsOf('# RunPod 上的 RTX 4090 评测\n\n## 价格\n\n顺便提一次 H100。\n');
  assert.deepEqual(stats.topics.map((t) => [t.topic, t.heatLabel, t.status, t.covered]), [
    ['4090 graphics card', '1.1K', '🔶', true],
    ['run pod', '800', '🟢', true],
    ['h100', '173', '🔶', false],
  ]);
  assert.deepEqual(stats.topics[1].statusLabel, { en: 'established', zh: '稳定' });
  assert.deepEqual((await statsOf('# 随笔\n\n今天天气不错。\n')).topics, []);
});
