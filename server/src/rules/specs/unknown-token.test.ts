import { test } from 'node:test';
import assert from 'node:assert/strict';
import { parseMarkdown } from '../../markdown/parse';
import { summarize } from '../../markdown/summary';
import { LineIndex } from '../../base/text';
import { localize, type Locale } from '../../base/i18n';
import type { ChunkRuleContext, ReportInput } from '../types';
import type { GpuRecord } from '../../gpu/data';
import { unknownToken } from './unknown-token';
import { BUILTIN_GPUS } from '../../node/data-files';
import { mergeUserData } from '../../gpu/database';
import { builtinGpuDatabase } from '../../node/data-files';

/** Runs the chunk rule on a text the way the analyser does. */
function run(text: string, opts: { locale?: Locale; gpus?: GpuRecord[] } = {}) {
  const tree = parseMarkdown(text);
  const lines = new LineIndex(text);
  const found: (ReportInput & { text: string; source: string })[] = [];
  const ctx: ChunkRuleContext = {
    tree,
    summary: summarize(tree, text),
    text,
    lines,
    locale: opts.locale ?? 'en',
    options: undefined,
    data: { gpus: opts.gpus ?? BUILTIN_GPUS },
    report: (r) => found.push({ ...r, text: localize(r.message, opts.locale ?? 'en'), source: text.slice(lines.offsetAt(r.range.start), lines.offsetAt(r.range.end)) }),
  };
  unknownToken.check(ctx);
  return found;
}

test('unknown GPU and unknown field are reported on the token, with a quick fix to the closest name', () => {
  const text = '# Specs\n\nThe H100 has {{gpu:h100-sxn.memoryGB}} and {{gpu:h100-sxm.memroyGB}}; {{gpu:h100-sxm.memoryGB}} is fine.\n';
  const found = run(text);
  assert.deepEqual(found.map((f) => [f.source, f.text]), [
    ['{{gpu:h100-sxn.memoryGB}}', 'Unknown GPU "h100-sxn"; did you mean h100-sxm, h200-sxm?'],
    ['{{gpu:h100-sxm.memroyGB}}', 'Unknown field "memroyGB"; did you mean memoryGB?'],
  ]);
  assert.equal(found[0].fixes?.[0].edits[0].newText, '{{gpu:h100-sxm.memoryGB}}');
  assert.equal(found[1].fixes?.[0].edits[0].newText, '{{gpu:h100-sxm.memoryGB}}');
  assert.equal(found[1].fixes?.[0].safe, false);
  const zh = run('显存 {{gpu:h100-sxm.memroyGB}}。\n', { locale: 'zh-cn' });
  assert.equal(zh[0].text, '未知的字段 “memroyGB”，是否指 memoryGB？');
});

test('a figure the data leaves empty is an info; tokens in code are ignored; tables and headings are prose', () => {
  const found = run('Price: {{gpu:h100-sxm.launchPriceUsd}}.\n\n`{{gpu:nope.x}}`\n\n```\n{{gpu:nope.x}}\n```\n\n| a |\n|---|\n| {{gpu:nope.tdpW}} |\n\n## {{gpu:h100-sxm.bogus}}\n');
  assert.deepEqual(found.map((f) => [f.source, f.severity]), [
    ['{{gpu:h100-sxm.launchPriceUsd}}', 'info'],
    ['{{gpu:nope.tdpW}}', undefined],
    ['{{gpu:h100-sxm.bogus}}', undefined],
  ]);
});

test('GPUs a team added are known; without any GPU data only fields are judged', () => {
  const { db } = mergeUserData(builtinGpuDatabase(), JSON.stringify({ gpus: [{ id: 'rtx-4080', name: 'NVIDIA GeForce RTX 4080', memoryGB: 16, sources: { memoryGB: 'https://example.com' } }] }), undefined);
  assert.deepEqual(run('{{gpu:rtx-4080.memoryGB}}\n', { gpus: [...db.gpus] }), []);
  assert.equal(run('{{gpu:rtx-4080.memoryGB}}\n').length, 1);
  assert.deepEqual(run('{{gpu:anything.memoryGB}}\n', { gpus: [] }), []);
  assert.equal(run('{{gpu:anything.memory_size}}\n', { gpus: [] }).length, 1);
});

test('the documented examples', () => {
  assert.ok(run(unknownToken.docs.bad).length > 0);
  assert.deepEqual(run(unknownToken.docs.good), []);
});
