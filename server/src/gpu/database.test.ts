import { test } from 'node:test';
import assert from 'node:assert/strict';
import { builtinGpuDatabase } from '../node/data-files';
import { fieldByKey, formatField, formatNumber, mergeUserData, parseSources, unknownGpuMessage, closestField, type DataProblem } from './database';
import { localize, type Localized } from '../base/i18n';

const en = (m: Localized) => localize(m, 'en');

const db = builtinGpuDatabase();

/** The text a problem points at. */
const at = (text: string, p: DataProblem) => text.slice(p.start, p.end);

test('lookup by id, name and alias; close ids for typos', () => {
  assert.equal(db.get('h100-sxm')?.name, 'NVIDIA H100 SXM');
  assert.equal(db.get('H100-SXM')?.id, 'h100-sxm');
  assert.equal(db.find('H100')?.id, 'h100-sxm');
  assert.equal(db.find('rtx 4090')?.id, 'rtx-4090');
  assert.equal(db.find('NVIDIA GeForce RTX 4090')?.id, 'rtx-4090');
  assert.equal(db.find('nope'), undefined);
  assert.ok(db.closeIds('h10-sxm').includes('h100-sxm'));
  assert.equal(db.closeIds('rtx-4900')[0], 'rtx-4090');
  assert.match(unknownGpuMessage(db, 'h10-sxm'), /did you mean h100-sxm/);
  assert.match(unknownGpuMessage(db, 'h10-sxm', 'zh-cn'), /是否指 h100-sxm/);
  assert.match(unknownGpuMessage(db, 'zzzzzzzzzzzz'), /Known ids: rtx-3090/);
});

test('prices: per GPU, with provider and tier filters', () => {
  assert.deepEqual(db.pricesFor('h100-sxm').map((p) => p.tier), ['secure', 'community']);
  assert.deepEqual(db.pricesFor('b200', { tiers: ['community'] }).map((p) => p.usdPerHour), [5.98]);
  assert.deepEqual(db.pricesFor('h100-sxm', { providers: ['lambda'] }), []);
  assert.deepEqual(db.providers, ['runpod']);
});

test('field metadata and formatting per language', () => {
  assert.equal(formatField('memoryGB', 24, 'en'), '24 GB');
  assert.equal(formatField('memoryBandwidthGBps', 1008, 'en'), '1,008 GB/s');
  assert.equal(formatField('memoryBandwidthGBps', 1008, 'zh-cn'), '1008 GB/s');
  assert.equal(formatField('launchPriceUsd', 1599, 'en'), '$1,599');
  assert.equal(formatField('launchPriceUsd', 1599, 'zh-cn'), '1599 美元');
  assert.equal(formatField('launchDate', '2022-10', 'en'), '2022-10');
  assert.equal(formatField('bf16TensorTflopsDense', 989.5, 'en'), '989.5 TFLOPS');
  assert.equal(formatField('cudaCores', 16896, 'en'), '16,896');
  assert.equal(formatField('segment', 'datacenter', 'zh-cn'), '数据中心');
  assert.equal(formatField('tdpW', null, 'en'), '—');
  assert.equal(formatNumber(1234567.891, 'en'), '1,234,567.89');
  assert.equal(formatNumber(100, 'en'), '100');
  assert.equal(formatNumber(3192, 'en', 2, true), '3,192.00');
  assert.equal(fieldByKey('MEMORYGB')?.key, 'memoryGB');
  assert.equal(fieldByKey('bandwidth')?.key, 'memoryBandwidthGBps');
  assert.equal(fieldByKey('tdp')?.key, 'tdpW');
  assert.equal(closestField('memoryBandwith'), 'memoryBandwidthGBps');
  assert.equal(closestField('memroyGB'), 'memoryGB');
});

test('sources split into citations with URLs', () => {
  const refs = parseSources('https://a.example/x — Title A | https://b.example/y?z=1 — Title B | Vendor datasheet p. 3');
  assert.deepEqual(refs.map((r) => r.url), ['https://a.example/x', 'https://b.example/y?z=1', undefined]);
  assert.equal(refs[2].text, 'Vendor datasheet p. 3');
});

test('user gpus.json: an existing id overrides field by field, with its own source', () => {
  const text = `{
  // comments are allowed
  "gpus": [
    { "id": "h100-sxm", "memoryGB": 96, "sources": { "memoryGB": "https://example.com/h100-96 — vendor brief" } }
  ]
}`;
  const { db: merged, problems } = mergeUserData(db, text, undefined);
  assert.deepEqual(problems, []);
  const h100 = merged.get('h100-sxm')!;
  assert.equal(h100.memoryGB, 96);
  assert.equal(h100.sources.memoryGB, 'https://example.com/h100-96 — vendor brief');
  assert.equal(h100.memoryBandwidthGBps, 3350, 'other fields kept');
  assert.equal(h100.sources.memoryBandwidthGBps, db.get('h100-sxm')!.sources.memoryBandwidthGBps);
  assert.equal(db.get('h100-sxm')!.memoryGB, 80, 'the built-in data is not changed');
  assert.equal(merged.gpus.length, db.gpus.length);
  assert.equal(merged.prices.length, db.prices.length);
});

test('user gpus.json: a new id adds a GPU, found by its aliases; the file asOf dates it', () => {
  const text = JSON.stringify({
    schemaVersion: 1,
    asOf: '2026-12-01',
    gpus: [{
      id: 'rtx-4080', name: 'NVIDIA GeForce RTX 4080', aliases: ['RTX 4080', '4080'], vendor: 'NVIDIA', segment: 'consumer',
      memoryGB: 16, memoryBandwidthGBps: 716.8, launchDate: '2022-11-16',
      sources: { memoryGB: 'https://example.com/4080', memoryBandwidthGBps: 'https://example.com/4080', launchDate: 'https://example.com/4080-launch' },
    }],
  });
  const { db: merged, problems } = mergeUserData(db, text, undefined);
  assert.deepEqual(problems, []);
  const g = merged.find('4080')!;
  assert.equal(g.id, 'rtx-4080');
  assert.equal(g.memoryBandwidthGBps, 716.8);
  assert.equal(g.tdpW, null);
  assert.equal(merged.asOfFor('rtx-4080'), '2026-12-01');
  assert.equal(merged.asOfFor('h100-sxm'), db.asOf);
});

test('a figure without a source is rejected with a problem on the value; the rest of the record is used', () => {
  const text = `{ "gpus": [ { "id": "h100-sxm", "memoryGB": 96, "tdpW": 650, "sources": { "tdpW": "https://example.com/tdp" } } ] }`;
  const { db: merged, problems } = mergeUserData(db, text, undefined);
  assert.equal(problems.length, 1);
  assert.equal(problems[0].severity, 'error');
  assert.equal(problems[0].path, '.benchpress/gpus.json');
  assert.equal(at(text, problems[0]), '96');
  assert.match(en(problems[0].message), /h100-sxm\.memoryGB = 96 has no source/);
  assert.match(en(problems[0].message), /"sources": \{ "memoryGB"/);
  assert.equal(merged.get('h100-sxm')!.memoryGB, 80);
  assert.equal(merged.get('h100-sxm')!.tdpW, 650);
});

test('setting a figure to null removes it and its source', () => {
  const { db: merged, problems } = mergeUserData(db, '{ "gpus": [ { "id": "h100-sxm", "cudaCores": null } ] }', undefined);
  assert.deepEqual(problems, []);
  assert.equal(merged.get('h100-sxm')!.cudaCores, null);
  assert.equal(merged.get('h100-sxm')!.sources.cudaCores, undefined);
});

test('strict validation: clear messages at the right offsets, never a throw', () => {
  const text = `{
  "gpus": [
    { "id": "H100 SXM", "memoryGB": 1 },
    { "id": "h100-sxm", "memorySize": 96, "launchDate": "2024-13", "memoryGB": "96", "sources": { "memoryGB": "x", "speed": "y" } },
    { "id": "h100-sxm", "tdpW": 1 },
    { "id": "rtx-9090", "memoryGB": 48 },
    { "name": "No id" },
    42,
    { "id": "h200-sxm", "aliases": ["H100", "H200 141GB"] }
  ],
  "extra": true
}`;
  const { db: merged, problems } = mergeUserData(db, text, undefined);
  const byText = new Map(problems.map((p) => [at(text, p), p]));
  assert.match(en(byText.get('"H100 SXM"')!.message), /lower-case letters, digits and hyphens/);
  assert.match(en(byText.get('"memorySize"')!.message), /Unknown field "memorySize" \(did you mean "memory(GB|Type)"\?\); ignored/);
  assert.equal(byText.get('"memorySize"')!.severity, 'warning');
  assert.match(en(byText.get('"2024-13"')!.message), /YYYY-MM or YYYY-MM-DD/);
  assert.match(en(byText.get('"96"')!.message), /positive number in GB/);
  assert.match(en(byText.get('"speed"')!.message), /not a figure that takes a source/);
  assert.match(en(byText.get('"memoryGB"')!.message), /source for "memoryGB" without a value/);
  assert.ok(problems.some((p) => /appears twice/.test(en(p.message)) && at(text, p) === '"h100-sxm"'));
  assert.ok(problems.some((p) => /"rtx-9090" is not a built-in GPU.*needs a "name"/.test(en(p.message))));
  assert.ok(problems.some((p) => /has no "id"/.test(en(p.message)) && at(text, p) === '{'));
  assert.ok(problems.some((p) => /must be an object/.test(en(p.message)) && at(text, p) === '42'));
  assert.match(en(byText.get('"H100"')!.message), /already names h100-sxm/);
  assert.match(en(byText.get('"extra"')!.message), /Unknown key "extra"/);
  // Every problem reads in Chinese too (the editor shows them in its display language).
  for (const p of problems) assert.match(localize(p.message, 'zh-cn'), /\p{Script=Han}/u, en(p.message));
  assert.equal(localize(byText.get('"memorySize"')!.message, 'zh-cn').replace(/memory(GB|Type)/, 'X'), '未知的字段“memorySize”（是否指“X”？）；未生效。');
  // What was valid is still used.
  assert.ok(merged.find('H200 141GB'));
  assert.equal(merged.find('H100')!.id, 'h100-sxm');
  assert.equal(merged.get('h100-sxm')!.memoryGB, 80);
  assert.equal(merged.get('rtx-9090'), undefined);
  for (const p of problems) assert.ok(p.start >= 0 && p.end > p.start && p.end <= text.length, `${en(p.message)} ${p.start}-${p.end}`);
});

test('broken JSON: one problem at the error, the built-in data unchanged', () => {
  const text = '{ "gpus": [ { "id": "h100-sxm", } ';
  const { db: merged, problems } = mergeUserData(db, text, undefined);
  assert.equal(problems.length, 1);
  assert.match(en(problems[0].message), /not valid JSON/);
  assert.ok(problems[0].start > 0);
  assert.equal(merged.get('h100-sxm')!.memoryGB, 80);
});

test('odd inputs never throw', () => {
  for (const text of ['', 'null', '42', '"x"', '[1, 2]', '{}', '{"gpus": {}}', '{"gpus": [null, [], {"id": 5}]}', '\u0000\uFFFF{', '{"prices": [{}]}', '[{"id": "a", "name": "A", "sources": []}]']) {
    const r = mergeUserData(db, text, text);
    assert.ok(Array.isArray(r.problems));
    assert.equal(r.db.get('h100-sxm')!.memoryGB, 80, text);
  }
  // A bare list is accepted for both files.
  const r = mergeUserData(db, '[{"id": "h100-sxm", "notes": "ours"}]', '[]');
  assert.deepEqual(r.problems, []);
  assert.equal(r.db.get('h100-sxm')!.notes, 'ours');
});

test('user prices.json: same gpuId+provider+tier overrides, new rows are added, file-level defaults apply', () => {
  const text = `{
  "provider": "runpod",
  "asOf": "2026-12-01",
  "source": "https://www.runpod.io/pricing (read by the team)",
  "prices": [
    { "gpuId": "h100-sxm", "tier": "secure", "usdPerHour": 2.99 },
    { "gpuId": "rtx-5090", "tier": "community", "usdPerHour": 0.89, "asOf": "2026-11-30" },
    { "gpuId": "rtx-4090", "provider": "vast-ai", "providerName": "Vast.ai", "tier": "on-demand", "usdPerSecond": 0.0001, "source": "https://vast.ai/pricing" }
  ]
}`;
  const { db: merged, problems } = mergeUserData(db, undefined, text);
  assert.deepEqual(problems, []);
  const secure = merged.pricesFor('h100-sxm', { tiers: ['secure'] });
  assert.equal(secure.length, 1);
  assert.equal(secure[0].usdPerHour, 2.99);
  assert.equal(secure[0].asOf, '2026-12-01');
  assert.match(secure[0].source, /read by the team/);
  assert.equal(merged.pricesFor('h100-sxm', { tiers: ['community'] })[0].usdPerHour, 2.69, 'other rows kept');
  assert.equal(merged.pricesFor('rtx-5090')[0].asOf, '2026-11-30');
  const vast = merged.pricesFor('rtx-4090', { providers: ['vast-ai'] })[0];
  assert.equal(vast.usdPerHour, 0.36);
  assert.equal(vast.providerName, 'Vast.ai');
  assert.equal(merged.prices.length, db.prices.length + 2);
  assert.equal(merged.pricesAsOf, '2026-12-01');
});

test('user prices.json: rows without a source, date or known GPU are rejected with offsets', () => {
  const text = `{
  "prices": [
    { "gpuId": "h100-sxn", "provider": "runpod", "tier": "secure", "usdPerHour": 2.99, "source": "s", "asOf": "2026-12-01" },
    { "gpuId": "h100-sxm", "provider": "runpod", "tier": "secure", "usdPerHour": 2.99, "asOf": "2026-12-01" },
    { "gpuId": "h100-sxm", "provider": "runpod", "tier": "secure", "usdPerHour": 2.99, "source": "s", "asOf": "Dec 2026" },
    { "gpuId": "h100-sxm", "provider": "RunPod", "tier": "secure", "usdPerHour": 2.99, "source": "s", "asOf": "2026-12-01" },
    { "gpuId": "h100-sxm", "provider": "runpod", "tier": "secure", "usdPerHour": -1, "source": "s", "asOf": "2026-12-01" },
    { "gpuId": "h100-sxm", "provider": "runpod", "tier": "secure", "usdPerHour": 3.6, "usdPerSecond": 0.002, "source": "s", "asOf": "2026-12-01" },
    { "gpuId": "h100-sxm", "provider": "runpod", "tier": "spot", "usd": 1.2, "source": "s", "asOf": "2026-12-01" }
  ]
}`;
  const { db: merged, problems } = mergeUserData(db, undefined, text);
  const msgs = problems.map((p) => `${at(text, p)} ${en(p.message)}`);
  assert.ok(msgs.some((m) => m.startsWith('"h100-sxn" Unknown GPU "h100-sxn"; did you mean h100-sxm')), msgs.join('\n'));
  assert.ok(msgs.some((m) => /^\{ h100-sxm runpod\/secure has no "source"/.test(m)), msgs.join('\n'));
  assert.ok(msgs.some((m) => /^"Dec 2026" .*"asOf" must be the date/.test(m)), msgs.join('\n'));
  assert.ok(msgs.some((m) => /^"RunPod" "provider" must be a lower-case id/.test(m)), msgs.join('\n'));
  assert.ok(msgs.some((m) => /^-1 "usdPerHour" must be a positive number/.test(m)), msgs.join('\n'));
  assert.ok(msgs.some((m) => /^0\.002 .*does not match usdPerHour/.test(m)), msgs.join('\n'));
  assert.ok(msgs.some((m) => /^"usd" Unknown field "usd"/.test(m)), msgs.join('\n'));
  assert.ok(msgs.some((m) => /give "usdPerHour"/.test(m)), msgs.join('\n'));
  assert.equal(merged.pricesFor('h100-sxm', { tiers: ['secure'] })[0].usdPerHour, 3.99, 'nothing invalid replaced the built-in row');
});

test('prices for a GPU the same user files add; non-USD files are refused', () => {
  const gpus = '{"gpus": [{"id": "rtx-4080", "name": "NVIDIA GeForce RTX 4080"}]}';
  const prices = '{"prices": [{"gpuId": "rtx-4080", "provider": "runpod", "tier": "community", "usdPerHour": 0.3, "source": "https://x.example", "asOf": "2026-12-01"}]}';
  const { db: merged, problems } = mergeUserData(db, gpus, prices);
  assert.deepEqual(problems, []);
  assert.equal(merged.pricesFor('rtx-4080')[0].usdPerHour, 0.3);
  const eur = mergeUserData(db, undefined, '{"currency": "EUR", "prices": []}');
  assert.match(en(eur.problems[0].message), /Only "USD"/);
});
