import { test } from 'node:test';
import assert from 'node:assert/strict';
import type { Root, RootContent } from 'mdast';
import { builtinGpuDatabase } from '../node/data-files';
import { parseMarkdown } from '../markdown/parse';
import { mergeUserData } from './database';
import { comparisonTable, costEstimate, pricingTable, specTable, tableFromParams, type TableResult } from './tables';
import { findDataBlocks } from './blocks';

const db = builtinGpuDatabase();

function ok(r: TableResult): Extract<TableResult, { ok: true }> {
  assert.ok(r.ok, r.ok ? '' : r.error);
  return r;
}

/** A table row with these cells (padding ignored). */
const row = (...cells: string[]) => new RegExp(`^${cells.map((c) => `\\| +${c.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')} +`).join('')}\\|$`, 'm');

test('spec table in English: marker, rows, source note, end marker', () => {
  const r = ok(specTable(db, 'h100-sxm', { lang: 'en' }));
  const lines = r.text.split('\n');
  assert.match(lines[0], /^<!-- benchpress:spec gpus=h100-sxm fields=architecture,formFactor,memoryGB,[\w,]+ lang=en asOf=2026-11-25 -->$/);
  assert.ok(!lines[0].includes('launchPriceUsd'), 'rows that are empty for the GPU are left out by default');
  assert.match(r.text, row('Spec', 'NVIDIA H100 SXM'));
  assert.match(r.text, row('Memory', '80 GB'));
  assert.match(r.text, row('Memory bandwidth', '3,350 GB/s'));
  assert.match(r.text, row('CUDA cores', '16,896'));
  assert.match(r.text, row('BF16 Tensor (dense)', '989.5 TFLOPS'));
  assert.match(r.text, /^> Sources: \(1\) \[developer\.nvidia\.com\]\(https:\/\/developer\.nvidia\.com\/blog\/nvidia-hopper-architecture-in-depth\/\): architecture, form factor, memory type, CUDA cores, launch date; \(2\) \[nvidia\.com\]\(https:\/\/www\.nvidia\.com\/en-us\/data-center\/h100\/\): memory, bandwidth,/m);
  assert.match(r.text, /Specs as of 2026-11-25\.$/m);
  assert.equal(lines.at(-2), '<!-- /benchpress:spec -->');
  assert.equal(r.text.at(-1), '\n');
  assert.equal(r.asOf, '2026-11-25');
});

test('spec table in Chinese: labels, numbers without separators, Chinese source note', () => {
  const r = ok(specTable(db, 'rtx-4090', { lang: 'zh-cn' }));
  assert.match(r.text, /lang=zh-cn/);
  assert.match(r.text, row('参数', 'NVIDIA GeForce RTX 4090'));
  assert.match(r.text, row('显存带宽', '1008 GB/s'));
  assert.match(r.text, row('首发价格', '1599 美元'));
  assert.match(r.text, /^> 来源：\(1\) \[/m);
  assert.match(r.text, /规格数据截至 2026-11-25。/);
});

test('fields: chosen rows in order (aliases allowed), null as —, unknown field with a suggestion', () => {
  const r = ok(specTable(db, 'H100', { lang: 'en', fields: ['tdp', 'memoryGB', 'launchPriceUsd'] }));
  assert.match(r.text, /gpus=h100-sxm fields=tdpW,memoryGB,launchPriceUsd /);
  const body = r.text.split('\n').filter((l) => l.startsWith('| ') && !l.startsWith('| ---'));
  assert.deepEqual(body.map((l) => l.split('|')[1].trim()), ['Spec', 'TDP', 'Memory', 'Launch price']);
  assert.match(r.text, row('Launch price', '—'));
  assert.match(r.text, /"—" = no sourced figure in the data\./);
  const bad = specTable(db, 'h100-sxm', { lang: 'en', fields: ['memoryBandwith'] });
  assert.equal(bad.ok, false);
  assert.match(!bad.ok ? bad.error : '', /Unknown field "memoryBandwith"; did you mean memoryBandwidthGBps\?/);
  const badZh = specTable(db, 'h100-sxm', { lang: 'zh-cn', fields: ['notes'] });
  assert.match(!badZh.ok ? badZh.error : '', /未知的字段 “notes”/);
});

test('unknown GPU: an error listing close ids', () => {
  const r = specTable(db, 'h100-sxn', { lang: 'en' });
  assert.equal(r.ok, false);
  assert.match(!r.ok ? r.error : '', /Unknown GPU "h100-sxn"; did you mean h100-sxm/);
  const c = comparisonTable(db, ['h100-sxm', 'rtx-4900'], { lang: 'zh-cn' });
  assert.match(!c.ok ? c.error : '', /未知的 GPU “rtx-4900”，是否指 rtx-4090/);
});

test('comparison table: one column per GPU (short names), sources grouped by GPU', () => {
  const r = ok(comparisonTable(db, ['rtx-4090', 'h100-sxm', 'h100-sxm', 'b200'], { lang: 'en', fields: ['memoryGB', 'memoryBandwidthGBps', 'launchPriceUsd'] }));
  assert.match(r.text, /^<!-- benchpress:compare gpus=rtx-4090,h100-sxm,b200 fields=memoryGB,memoryBandwidthGBps,launchPriceUsd lang=en asOf=2026-11-25 -->$/m);
  assert.match(r.text, row('Spec', 'RTX 4090', 'H100 SXM', 'B200'));
  assert.match(r.text, row('Memory bandwidth', '1,008 GB/s', '3,350 GB/s', '7,700 GB/s'));
  assert.match(r.text, row('Launch price', '$1,599', '—', '—'));
  assert.match(r.text, /: H100 SXM \(memory, bandwidth\)/);
  const zh = ok(comparisonTable(db, ['rtx-4090', 'h100-sxm'], { lang: 'zh-cn', fields: ['memoryBandwidthGBps'] }));
  assert.match(zh.text, row('显存带宽', '1008 GB/s', '3350 GB/s'));
  assert.match(zh.text, /H100 SXM（带宽）/);
});

test('pricing table: a row per GPU, provider and tier; asOf is the oldest price; GPUs without prices noted', () => {
  const r = ok(pricingTable(db, ['h100-sxm', 'b200', 'rtx-5090'], { lang: 'en', tiers: ['secure', 'community'] }));
  assert.match(r.text, /^<!-- benchpress:pricing gpus=h100-sxm,b200,rtx-5090 tiers=secure,community lang=en asOf=2026-08-19 -->$/m);
  assert.match(r.text, row('H100 SXM', 'RunPod', 'Secure Cloud', '$3.99', '2026-11-09'));
  assert.match(r.text, row('B200', 'RunPod', 'Community Cloud', '$5.98', '2026-08-19'));
  assert.match(r.text, /Prices as of 2026-08-19 to 2026-11-09; cloud prices change often/);
  assert.match(r.text, /No price in the data: RTX 5090\./);
  assert.match(r.text, /\[huggingface\.co\/datasets\/privum\/ai-compute-prices\]\(https:\/\/huggingface\.co\/datasets\/privum\/ai-compute-prices\): B200 \(RunPod Secure Cloud, RunPod Community Cloud\)/);
  assert.equal(r.asOf, '2026-08-19');
  const serverless = ok(pricingTable(db, ['rtx-4090'], { lang: 'zh-cn' }));
  assert.match(serverless.text, row('RTX 4090', 'RunPod', 'Serverless（弹性 Flex）', '1.116 美元', '2026-11-25\\*'));
  assert.match(serverless.text, /Serverless 按秒计费/);
  assert.match(serverless.text, /带 \\\* 的日期是读取无日期来源的日期/);
  const none = pricingTable(db, ['rtx-5090'], { lang: 'en' });
  assert.match(!none.ok ? none.error : '', /No prices for RTX 5090 in the data\. Add sourced prices to \.benchpress\/prices\.json\./);
  const filtered = pricingTable(db, ['h100-sxm'], { lang: 'en', providers: ['lambda'] });
  assert.match(!filtered.ok ? filtered.error : '', /\(filter: lambda\)/);
});

test('cost estimate: price per GPU-hour × GPUs × hours, per provider and tier, in both languages', () => {
  const r = ok(costEstimate(db, { gpuId: 'h100-sxm', hours: 100, count: 8 }, { lang: 'en' }));
  assert.match(r.text, /^<!-- benchpress:cost gpus=h100-sxm hours=100 count=8 lang=en asOf=2026-11-09 -->$/m);
  assert.match(r.text, /^Estimated cost of 8 × NVIDIA H100 SXM for 100 hours:$/m);
  assert.match(r.text, row('RunPod', 'Secure Cloud', '$3.99', '8 × 100 h', '$3,192.00'));
  assert.match(r.text, row('RunPod', 'Community Cloud', '$2.69', '8 × 100 h', '$2,152.00'));
  assert.match(r.text, /before storage, network and taxes/);
  const zh = ok(costEstimate(db, { gpuId: 'b200', hours: 1.5, count: 2, providers: ['runpod'] }, { lang: 'zh-cn', tiers: ['secure'] }));
  assert.match(zh.text, /gpus=b200 hours=1\.5 count=2 providers=runpod tiers=secure lang=zh-cn asOf=2026-08-19/);
  assert.match(zh.text, row('RunPod', '安全云（Secure Cloud）', '6.79 美元', '2 × 1.5 小时', '20.37 美元'));
  assert.match(zh.text, /^2 张 NVIDIA B200 运行 1\.5 小时的估算费用：$/m);
  assert.match(ok(costEstimate(db, { gpuId: 'h100-sxm', hours: 1, count: 1 }, { lang: 'en' })).text, /for 1 hour:/);
  for (const bad of [{ hours: 0, count: 1 }, { hours: NaN, count: 1 }, { hours: 10, count: 1.5 }, { hours: 10, count: 0 }]) {
    assert.equal(costEstimate(db, { gpuId: 'h100-sxm', ...bad }, { lang: 'en' }).ok, false, JSON.stringify(bad));
  }
  assert.match((costEstimate(db, { gpuId: 'rtx-5090', hours: 1, count: 1 }, { lang: 'en' }) as { error: string }).error, /No prices for RTX 5090/);
});

test('markers parse back, and regenerating from them gives the same bytes', () => {
  const results = [
    specTable(db, 'h100-sxm', { lang: 'zh-cn' }),
    comparisonTable(db, ['a100-80gb-sxm', 'h100-sxm', 'h200-sxm'], { lang: 'en' }),
    pricingTable(db, ['h100-sxm', 'b200'], { lang: 'en', providers: ['runpod'] }),
    costEstimate(db, { gpuId: 'h100-nvl', hours: 720, count: 4 }, { lang: 'zh-cn' }),
  ].map(ok);
  for (const r of results) {
    const blocks = findDataBlocks(`Intro.\n\n${r.text}\nOutro.\n`);
    assert.equal(blocks.length, 1);
    const [b] = blocks;
    assert.ok(b.complete, JSON.stringify(b.problem));
    assert.equal(b.kind, r.kind);
    assert.deepEqual(b.params, r.params);
    assert.equal(b.asOf, r.asOf);
    const again = ok(tableFromParams(db, b.kind, b.params));
    assert.equal(again.text, r.text);
  }
  assert.equal(ok(specTable(db, 'l4', { lang: 'en' })).text, ok(specTable(db, 'l4', { lang: 'en' })).text, 'deterministic');
});

test('the block is Markdown that renders as marker, table, source note, marker', () => {
  for (const r of [specTable(db, 'h100-sxm', { lang: 'en' }), costEstimate(db, { gpuId: 'h100-sxm', hours: 10, count: 1 }, { lang: 'zh-cn' })].map(ok)) {
    const tree: Root = parseMarkdown(r.text);
    const types = tree.children.map((n: RootContent) => n.type);
    assert.equal(types[0], 'html');
    assert.ok(types.includes('table'), types.join(','));
    assert.equal(types.at(-2), 'blockquote');
    assert.equal(types.at(-1), 'html');
  }
});

test('user data: cells are escaped, user sources are cited, user asOf dates the table', () => {
  const { db: merged } = mergeUserData(db, JSON.stringify({
    asOf: '2026-12-02',
    gpus: [{ id: 'custom-gpu', name: 'Lab GPU | rev <b>', memoryGB: 48, sources: { memoryGB: 'Internal spec sheet [v2], page 3' } }],
  }), undefined);
  const r = ok(specTable(merged, 'custom-gpu', { lang: 'en', fields: ['memoryGB'] }));
  assert.match(r.text, /\| Spec\s+\| Lab GPU \\\| rev &lt;b&gt; \|/);
  assert.match(r.text, /Sources: \(1\) Internal spec sheet \\\[v2\\\], page 3: memory\./);
  assert.equal(r.asOf, '2026-12-02');
});
