import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { parseSmi } from './parse';
import { splitCsvLine } from './csv';

const fixture = (name: string) => readFileSync(path.join(__dirname, 'fixtures', name), 'utf8');

function gpusOf(text: string, fields?: string[]) {
  const r = parseSmi(text, fields ? { fields } : {});
  if (!r.ok) assert.fail(`parse failed: ${r.error} (line ${r.line})`);
  assert.equal(r.format, 'csv');
  return r.gpus;
}

function failure(text: string, fields?: string[]) {
  const r = parseSmi(text, fields ? { fields } : {});
  if (r.ok) assert.fail('expected a parse error');
  return r;
}

test('header with units, 8 GPUs: values parsed, units stripped, numbers as numbers', () => {
  const gpus = gpusOf(fixture('h100x8-535.csv'));
  assert.equal(gpus.length, 8);
  const g = gpus[0];
  assert.equal(g.index, 0);
  assert.equal(g.name, 'NVIDIA H100 80GB HBM3');
  assert.equal(g.uuid, 'GPU-9c0e5f6b-2d3a-4f1e-8a7b-6c5d4e3f2a10');
  assert.equal(g.pciBusId, '00000000:18:00.0');
  assert.equal(g.driverVersion, '535.104.05');
  assert.equal(g.memoryTotalMiB, 81559);
  assert.equal(g.memoryUsedMiB, 76413);
  assert.equal(g.utilizationGpuPercent, 100);
  assert.equal(g.temperatureGpuC, 64);
  assert.equal(g.powerDrawW, 652.31);
  assert.equal(g.powerLimitW, 700);
  assert.equal(g.clocksSmMHz, 1980, 'clocks.current.sm → clocksSmMHz');
  assert.equal(g.clocksMaxSmMHz, 1980);
  assert.equal(g.pstate, 'P0');
  assert.equal(g.computeCap, '9.0', 'compute capability stays a version string');
  assert.equal(g.fanSpeedPercent, null, '[N/A] → null');
  assert.equal(g.migModeCurrent, 'Disabled');
  assert.equal(g.persistenceMode, 'Enabled');
  assert.equal(g.cudaVersion, null, 'CSV has no CUDA version');
  assert.deepEqual(
    gpus.map((x) => x.index),
    [0, 1, 2, 3, 4, 5, 6, 7],
  );
  assert.equal(gpus[7].pciBusId, '00000000:DB:00.0');
});

test('noheader,nounits with --fields (aliases accepted)', () => {
  const fields = 'index,name,memory.total,memory.used,driver_version,temperature.gpu,power.draw,power.limit,fan.speed,clocks.gr,clocks.max.gr'.split(',');
  const [g] = gpusOf(fixture('rtx4090-noheader-nounits.csv'), fields);
  assert.equal(g.index, 0);
  assert.equal(g.name, 'NVIDIA GeForce RTX 4090');
  assert.equal(g.memoryTotalMiB, 24564);
  assert.equal(g.memoryUsedMiB, 1105);
  assert.equal(g.driverVersion, '550.54.14');
  assert.equal(g.temperatureGpuC, 38);
  assert.equal(g.powerDrawW, 21.37);
  assert.equal(g.powerLimitW, 450);
  assert.equal(g.fanSpeedPercent, 30);
  assert.equal(g.clocksGraphicsMHz, 210);
  assert.equal(g.clocksMaxGraphicsMHz, 3120);
});

test('noheader with units (no nounits) and --fields', () => {
  const [g] = gpusOf('0, NVIDIA H100 80GB HBM3, 81559 MiB, 45 %, 250.00 W\n', ['index', 'name', 'memory.total', 'utilization.gpu', 'power.draw']);
  assert.equal(g.memoryTotalMiB, 81559);
  assert.equal(g.utilizationGpuPercent, 45);
  assert.equal(g.powerDrawW, 250);
});

test('nounits with a header', () => {
  const [g] = gpusOf('index, name, memory.total, power.limit\n0, NVIDIA A100-SXM4-80GB, 81920, 400.00\n');
  assert.equal(g.memoryTotalMiB, 81920);
  assert.equal(g.powerLimitW, 400);
});

test('[N/A], [Not Supported], [Unknown Error] → null; unknown fields pass through camelCased', () => {
  const gpus = gpusOf(fixture('l40s-na.csv'));
  assert.equal(gpus.length, 2);
  assert.equal(gpus[0].temperatureMemoryC, null);
  assert.equal(gpus[0].fanSpeedPercent, null);
  assert.equal(gpus[0].powerDrawW, 33.21);
  assert.equal(gpus[1].powerDrawW, null, '[Not Supported] → null');
  assert.equal(gpus[0].clocksEventReasonsActive, '0x0000000000000001');
  assert.equal(gpus[0].pcieLinkWidthCurrent, 16);
  const [e] = gpusOf('index, name, power.draw [W], utilization.jpeg [%], encoder.stats.sessionCount\n0, NVIDIA L4, [Unknown Error], 12 %, 0\n');
  assert.equal(e.powerDrawW, null);
  assert.equal(e.utilizationJpegPercent, 12, 'unknown field with a unit: number, unit in the key');
  assert.equal(e.encoderStatsSessionCount, 0);
});

test('CRLF line ends, a BOM and blank lines are tolerated', () => {
  const gpus = gpusOf('\uFEFF' + fixture('rtx4090-crlf.csv') + '\r\n\r\n');
  assert.equal(gpus.length, 1);
  assert.equal(gpus[0].timestamp, '2024/03/18 21:05:47.123');
  assert.equal(gpus[0].memoryUsedMiB, 1105);
  assert.equal(gpus[0].utilizationGpuPercent, 3);
});

test('cut-off input: last row with fewer columns → error with its line', () => {
  const text = fixture('h100x8-535.csv');
  const cut = text.slice(0, text.indexOf('00000000:DB:00.0') + 5);
  const r = failure(cut);
  assert.equal(r.line, 9);
  assert.match(r.error, /cut off/);
  assert.match(r.error, /4 of 18 values/);
});

test('a malformed row in the middle → error with its line', () => {
  const lines = fixture('h100x8-535.csv').split('\n');
  lines[3] = lines[3].replace(', 535.104.05', '');
  const r = failure(lines.join('\n'));
  assert.equal(r.line, 4);
  assert.match(r.error, /malformed row: 17 values, but the header has 18/);
  const extra = failure('index, name, memory.total [MiB]\n0, NVIDIA H100 80GB HBM3, 81559 MiB, surprise\n');
  assert.equal(extra.line, 2);
  assert.match(extra.error, /malformed row: 4 values/);
});

test('a malformed value → error naming the column and the line', () => {
  const r = failure('index, name, memory.total [MiB]\n0, A, 81559 MiB\n1, B, plenty\n');
  assert.equal(r.line, 3);
  assert.match(r.error, /column 3 \(memory\.total\)/);
  assert.match(r.error, /not a number/);
  const unit = failure('index, name, memory.total [MiB]\n0, A, 80 GiB\n');
  assert.equal(unit.line, 2);
  assert.match(unit.error, /unit GiB, expected MiB/);
  const idx = failure('0, NVIDIA H100, 81559\n', ['index', 'name', 'memory.total', 'power.draw']);
  assert.equal(idx.line, 1);
  assert.match(idx.error, /cut off|3 of 4/);
});

test('--fields: the count must match every headerless row', () => {
  const r = failure('0, A, 1 MiB\n1, B\n2, C, 3 MiB\n', ['index', 'name', 'memory.total']);
  assert.equal(r.line, 2);
  assert.match(r.error, /--fields lists 3/);
});

test('header with no rows, header unit contradicting the field', () => {
  const r = failure('index, name, memory.total [MiB]\n');
  assert.equal(r.line, 1);
  assert.match(r.error, /no GPU rows/);
  const u = failure('index, memory.total [GiB]\n0, 80\n');
  assert.match(u.error, /unit \[GiB\], expected \[MiB\]/);
});

test('headerless CSV without --fields: says to pass --fields', () => {
  const r = failure(fixture('rtx4090-noheader-nounits.csv'));
  assert.match(r.error, /--fields/);
  assert.equal(r.line, 1);
  const withUnits = failure('0, NVIDIA H100 80GB HBM3, 81559 MiB\n');
  assert.match(withUnits.error, /no header line.*--fields/);
});

test('when the CSV has a header, --fields does not override it', () => {
  const [g] = gpusOf('index, memory.total [MiB]\n3, 81559 MiB\n', ['name']);
  assert.equal(g.index, 3);
  assert.equal(g.memoryTotalMiB, 81559);
});

test('quoted cells (from spreadsheets) are honoured', () => {
  assert.deepEqual(splitCsvLine('0, "NVIDIA, Inc. ""GPU""", 5 MiB'), ['0', 'NVIDIA, Inc. "GPU"', '5 MiB']);
  assert.deepEqual(splitCsvLine('a,b,'), ['a', 'b', '']);
  assert.equal(splitCsvLine('0, "unterminated'), null);
  const [g] = gpusOf('index, name\n0, "NVIDIA H100, PCIe"\n');
  assert.equal(g.name, 'NVIDIA H100, PCIe');
});

test('generic fields alone do not make an arbitrary CSV nvidia-smi output', () => {
  const r = failure('name, age, city\nAlice, 30, Paris\n');
  assert.match(r.error, /not nvidia-smi output/);
  assert.equal(r.line, 1);
  // … but a query of generic fields only is fine.
  const [g] = gpusOf('index, name\n0, NVIDIA H100 80GB HBM3\n');
  assert.equal(g.name, 'NVIDIA H100 80GB HBM3');
});
