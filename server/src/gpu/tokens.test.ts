import { test } from 'node:test';
import assert from 'node:assert/strict';
import { builtinGpuDatabase } from '../node/data-files';
import { mergeUserData } from './database';
import { expandTokens, fencedCodeRanges, findSpecTokens, maskCode, resolveToken, tokenAt, tokenHover } from './tokens';

const db = builtinGpuDatabase();

test('finds tokens with offsets, tolerating spaces and case; a token without a field has field ""', () => {
  const text = 'A {{gpu:h100-sxm.memoryGB}} and {{ GPU : rtx-4090 . tdpW }} and {{gpu:l4}} but not {gpu:x.y} or {{cpu:x.y}}.';
  const tokens = findSpecTokens(text);
  assert.deepEqual(tokens.map((t) => [t.gpuId, t.field, text.slice(t.start, t.end) === t.raw]), [['h100-sxm', 'memoryGB', true], ['rtx-4090', 'tdpW', true], ['l4', '', true]]);
  assert.equal(tokens[0].start, 2);
  assert.equal(tokens[0].raw, '{{gpu:h100-sxm.memoryGB}}');
});

test('resolves values in the draft language, with the source of the figure', () => {
  const en = resolveToken(db, { gpuId: 'rtx-4090', field: 'memoryBandwidthGBps' }, 'en');
  assert.ok(!('error' in en));
  assert.equal(en.value, '1,008 GB/s');
  assert.match(en.source ?? '', /^https:\/\/images\.nvidia\.com\//);
  const zh = resolveToken(db, { gpuId: 'rtx-4090', field: 'memoryBandwidthGBps' }, 'zh-cn');
  assert.equal('value' in zh && zh.value, '1008 GB/s');
  const alias = resolveToken(db, { gpuId: 'H100', field: 'memory' }, 'en');
  assert.equal('value' in alias && alias.value, '80 GB');
  assert.equal('value' in alias && alias.gpu.id, 'h100-sxm');
  const name = resolveToken(db, { gpuId: 'l4', field: 'name' }, 'en');
  assert.equal('value' in name && name.value, 'NVIDIA L4');
  assert.equal('value' in name && name.source, undefined);
});

test('unknown GPU, unknown field, missing field and empty figures give clear errors', () => {
  const gpu = resolveToken(db, { gpuId: 'h100-sxn', field: 'memoryGB' }, 'en');
  assert.deepEqual(gpu, { kind: 'gpu', error: 'Unknown GPU "h100-sxn"; did you mean h100-sxm, h200-sxm?' });
  const field = resolveToken(db, { gpuId: 'h100-sxm', field: 'memroyGB' }, 'zh-cn');
  assert.deepEqual(field, { kind: 'field', error: '未知的字段 “memroyGB”，是否指 memoryGB？' });
  const none = resolveToken(db, { gpuId: 'h100-sxm', field: '' }, 'en');
  assert.match('error' in none ? none.error : '', /names no field; write e\.g\. \{\{gpu:h100-sxm\.memoryGB\}\}/);
  const empty = resolveToken(db, { gpuId: 'h100-sxm', field: 'launchPriceUsd' }, 'en');
  assert.equal('error' in empty && empty.kind, 'value');
  assert.match('error' in empty ? empty.error : '', /no launch price for NVIDIA H100 SXM/);
  const notes = resolveToken(db, { gpuId: 'h100-sxm', field: 'notes' }, 'en');
  assert.equal('error' in notes && notes.kind, 'field');
});

test('expand replaces resolvable tokens, leaves code alone, and lists the rest with offsets', () => {
  const text = [
    'The H100 has {{gpu:h100-sxm.memoryGB}} at {{gpu:h100-sxm.memoryBandwidthGBps}}.',
    '',
    '```md',
    'Write {{gpu:h100-sxm.memoryGB}} in a draft.',
    '```',
    '',
    'Inline `{{gpu:h100-sxm.tdpW}}` stays; <!-- {{gpu:x.y}} --> too; {{gpu:rtx-9999.tdpW}} is unknown.',
  ].join('\n');
  const r = expandTokens(text, db, 'en');
  assert.equal(r.expanded, 2);
  assert.ok(r.text.startsWith('The H100 has 80 GB at 3,350 GB/s.'));
  assert.ok(r.text.includes('Write {{gpu:h100-sxm.memoryGB}} in a draft.'));
  assert.ok(r.text.includes('`{{gpu:h100-sxm.tdpW}}`'));
  assert.ok(r.text.includes('<!-- {{gpu:x.y}} -->'));
  assert.equal(r.errors.length, 1);
  assert.equal(text.slice(r.errors[0].start, r.errors[0].end), '{{gpu:rtx-9999.tdpW}}');
  assert.equal(r.errors[0].token, '{{gpu:rtx-9999.tdpW}}');
  assert.match(r.errors[0].message, /Unknown GPU "rtx-9999"/);
  const zh = expandTokens('显存 {{gpu:h200-sxm.memoryGB}}，带宽 {{gpu:h200-sxm.bandwidth}}。', db, 'zh-cn');
  assert.equal(zh.text, '显存 141 GB，带宽 4800 GB/s。');
  const all = expandTokens('`{{gpu:l4.tdpW}}`', db, 'en', { skipCode: false });
  assert.equal(all.text, '`72 W`');
});

test('tokens for GPUs a team added resolve with their sources', () => {
  const { db: merged } = mergeUserData(db, JSON.stringify({ gpus: [{ id: 'rtx-4080', name: 'NVIDIA GeForce RTX 4080', memoryGB: 16, sources: { memoryGB: 'https://example.com/4080' } }] }), undefined);
  const r = resolveToken(merged, { gpuId: 'rtx-4080', field: 'memoryGB' }, 'en');
  assert.deepEqual('value' in r ? [r.value, r.source] : r, ['16 GB', 'https://example.com/4080']);
});

test('code masking: fences (``` and ~~~, unclosed to the end), inline code spans, comments; lengths kept', () => {
  const text = 'a `b` c ``d ` e`` f\n\n~~~\n{{x}}\n~~~\n\n```\nopen';
  const masked = maskCode(text);
  assert.equal(masked.length, text.length);
  assert.equal(masked.split('\n')[0], 'a     c           f');
  assert.ok(!masked.includes('{{x}}'));
  assert.ok(!masked.includes('open'));
  assert.deepEqual(fencedCodeRanges('x\n```js\ny\n```\nz').map((r) => [r.start, r.end]), [[2, 13]]);
  assert.equal(maskCode('a ` b\n\nc ` d'), 'a ` b\n\nc ` d', 'an unmatched backtick is literal');
});

test('token under the cursor and its hover text', () => {
  const text = 'line one\nH100: {{gpu:h100-sxm.memoryGB}} here\n';
  const at = text.indexOf('memoryGB');
  const t = tokenAt(text, at)!;
  assert.equal(text.slice(t.start, t.end), '{{gpu:h100-sxm.memoryGB}}');
  assert.equal(tokenAt(text, 3), undefined);
  assert.equal(tokenAt(text, t.end)?.start, t.start, 'the offset right after the token still hovers it');
  assert.equal(tokenAt(text, t.end + 1), undefined);
  const hover = tokenHover(db, t, 'en');
  assert.match(hover, /^\*\*80 GB\*\* — NVIDIA H100 SXM · Memory\n\nSource: https:\/\/www\.nvidia\.com\/en-us\/data-center\/h100\/ — /);
  assert.match(hover, /Data as of 2026-11-25$/);
  assert.match(tokenHover(db, { gpuId: 'x', field: 'memoryGB' }, 'zh-cn'), /^⚠ 未知的 GPU “x”/);
});
