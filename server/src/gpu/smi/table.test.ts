import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { parseSmi } from './parse';
import { defaultTableFields, displayWidth, escapeCell, resolveTableFields, smiTable } from './table';
import { emptyRecord, type SmiRecord } from './fields';

const fixture = (name: string) => readFileSync(path.join(__dirname, 'fixtures', name), 'utf8');
function gpusOf(name: string): SmiRecord[] {
  const r = parseSmi(fixture(name));
  if (!r.ok) assert.fail(r.error);
  return r.gpus;
}
const rec = (o: Partial<SmiRecord>): SmiRecord => ({ ...emptyRecord(), ...o }) as SmiRecord;

test('English table from XML: default columns, right-aligned numbers, source note', () => {
  const out = smiTable(gpusOf('h100-535.xml'), { lang: 'en', date: '2026-11-25' });
  assert.equal(
    out,
    [
      '| GPU | Name                  | Memory total (MiB) | Driver     | Power limit (W) | GPU temp. (°C) |',
      '| --: | --------------------- | -----------------: | ---------- | --------------: | -------------: |',
      '|   0 | NVIDIA H100 80GB HBM3 |              81559 | 535.104.05 |             700 |             33 |',
      '',
      '> Source: nvidia-smi output (driver 535.104.05, CUDA 12.2), imported 2026-11-25.',
      '',
    ].join('\n'),
  );
});

test('Chinese table: localized header and note; columns padded by display width', () => {
  const out = smiTable(gpusOf('a100x2-470.xml'), { lang: 'zh-cn', date: '2026-11-25' });
  const lines = out.split('\n');
  assert.equal(lines[0], '| GPU | 型号                  | 显存总量 (MiB) | 驱动版本   | 功耗上限 (W) | GPU 温度 (°C) |');
  assert.equal(lines[1], '| --: | --------------------- | -------------: | ---------- | -----------: | ------------: |');
  assert.equal(lines[2], '|   0 | NVIDIA A100-SXM4-40GB |          40536 | 470.182.03 |          400 |            30 |');
  assert.equal(lines[3], '|   1 | NVIDIA A100-SXM4-40GB |          40536 | 470.182.03 |          400 |            31 |');
  assert.equal(lines[5], '> 数据来源：nvidia-smi 输出（驱动 470.182.03，CUDA 11.4），导入于 2026-11-25。');
  // Every row has the same display width.
  assert.equal(new Set(lines.slice(0, 4).map(displayWidth)).size, 1);
});

test('CSV without CUDA version: the note lists only the driver; no power/temperature → no such columns', () => {
  const gpus = [rec({ index: 0, name: 'NVIDIA H100 PCIe', memoryTotalMiB: 81559, driverVersion: '535.104.05' })];
  const out = smiTable(gpus, { lang: 'en', date: '2026-01-02' });
  assert.match(out, /^\| GPU \| Name +\| Memory total \(MiB\) \| Driver +\|\n/);
  assert.doesNotMatch(out, /Power limit/);
  assert.match(out, /> Source: nvidia-smi output \(driver 535\.104\.05\), imported 2026-01-02\.\n$/);
  const none = smiTable([rec({ name: 'X', memoryTotalMiB: 1 })], { lang: 'zh-cn', date: '2026-01-02' });
  assert.match(none, /> 数据来源：nvidia-smi 输出，导入于 2026-01-02。\n$/);
  const two = smiTable([rec({ name: 'A', driverVersion: '535.104.05' }), rec({ name: 'B', driverVersion: '550.54.14' })], { lang: 'en', date: 'd' });
  assert.match(two, /drivers 535\.104\.05, 550\.54\.14/);
});

test('null shown as —, cells escaped for | and HTML, multi-line text flattened', () => {
  const gpus = [rec({ index: 0, name: 'Evil | GPU <script>\nx', memoryTotalMiB: null, driverVersion: 'a\\b', powerLimitW: 300 })];
  const out = smiTable(gpus, { lang: 'en', date: '2026-11-25', fields: ['index', 'name', 'memoryTotalMiB', 'driverVersion', 'powerLimitW'] });
  const row = out.split('\n')[2];
  assert.match(row, /Evil \\\| GPU &lt;script&gt; x/);
  assert.match(row, /\| +— \|/);
  assert.match(row, /a\\\\b/);
  // Exactly as many unescaped pipes as a 5-column row needs (5 cells, 6 pipes).
  assert.equal(row.replace(/\\\\/g, '').replace(/\\\|/g, '').split('|').length, 7);
  assert.equal(escapeCell('  '), '—');
  assert.equal(escapeCell('&amp; & &#65;'), '&amp;amp; & &amp;#65;');
});

test('--fields choose the columns: query names, record keys, unknown pass-through fields', () => {
  const gpus = gpusOf('l40s-na.csv');
  const out = smiTable(gpus, { lang: 'en', fields: ['index', 'memory.total', 'powerDrawW', 'clocks_event_reasons.active'], date: '2026-11-25' });
  const lines = out.split('\n');
  assert.equal(lines[0], '| GPU | Memory total (MiB) | Power draw (W) | clocksEventReasonsActive |');
  assert.equal(lines[1], '| --: | -----------------: | -------------: | ------------------------ |');
  assert.equal(lines[3], '|   1 |              46068 |              — | 0x0000000000000001       |');
  assert.throws(() => smiTable(gpus, { lang: 'en', fields: ['nonsense.field'] }), /unknown field.*nonsense\.field/);
  assert.deepEqual(resolveTableFields(['memory.total [MiB]', 'memoryTotalMiB'], gpus), { keys: ['memoryTotalMiB'] });
});

test('default columns fall back to every queried field when the core ones are missing', () => {
  const r = parseSmi('index, name, memory.used [MiB], utilization.gpu [%]\n0, NVIDIA GeForce RTX 4090, 1105 MiB, 3 %\n');
  assert.ok(r.ok);
  if (!r.ok) return;
  assert.deepEqual(defaultTableFields(r.gpus), ['index', 'name', 'memoryUsedMiB', 'utilizationGpuPercent']);
  assert.deepEqual(defaultTableFields(gpusOf('h100x8-535.csv')), ['index', 'name', 'memoryTotalMiB', 'driverVersion', 'powerLimitW', 'temperatureGpuC']);
});

test('deterministic given the date', () => {
  const gpus = gpusOf('a100x4-535.xml');
  assert.equal(smiTable(gpus, { lang: 'en', date: '2026-11-25' }), smiTable(gpus, { lang: 'en', date: '2026-11-25' }));
  assert.match(smiTable(gpus, { lang: 'en' }), /imported \d{4}-\d{2}-\d{2}\.\n$/);
});

test('a numeric column keeps one number of decimals (622.4 → 622.40 next to 652.31)', () => {
  const out = smiTable(gpusOf('h100x8-535.csv'), { lang: 'en', fields: ['index', 'power.draw', 'power.limit'], date: '2026-11-25' });
  const lines = out.split('\n');
  assert.equal(lines[2], '|   0 |         652.31 |             700 |');
  assert.equal(lines[7], '|   5 |         622.40 |             700 |');
});

test('field names that exist on Object.prototype are not columns', () => {
  const gpus = gpusOf('h100-535.xml');
  assert.throws(() => smiTable(gpus, { lang: 'en', fields: ['constructor'] }), /unknown field/);
  assert.throws(() => smiTable(gpus, { lang: 'en', fields: ['toString', 'name'] }), /unknown field/);
});
