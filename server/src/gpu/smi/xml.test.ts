import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { parseSmi } from './parse';
import { FIELDS } from './fields';

const fixture = (name: string) => readFileSync(path.join(__dirname, 'fixtures', name), 'utf8');

function gpusOf(text: string) {
  const r = parseSmi(text);
  if (!r.ok) assert.fail(`parse failed: ${r.error} (line ${r.line})`);
  assert.equal(r.format, 'xml');
  return r.gpus;
}

const gpuXml = (inner: string, top = '<driver_version>535.104.05</driver_version>\n<cuda_version>12.2</cuda_version>\n<attached_gpus>1</attached_gpus>') =>
  `<?xml version="1.0" ?>\n<!DOCTYPE nvidia_smi_log SYSTEM "nvsmi_device_v12.dtd">\n<nvidia_smi_log>\n${top}\n<gpu id="00000000:18:00.0">\n${inner}\n</gpu>\n</nvidia_smi_log>\n`;

test('H100, driver 535: the record', () => {
  const [g, ...rest] = gpusOf(fixture('h100-535.xml'));
  assert.equal(rest.length, 0);
  assert.equal(g.index, 0);
  assert.equal(g.name, 'NVIDIA H100 80GB HBM3');
  assert.equal(g.uuid, 'GPU-9c0e5f6b-2d3a-4f1e-8a7b-6c5d4e3f2a10');
  assert.equal(g.serial, '1654922008329');
  assert.equal(g.pciBusId, '00000000:18:00.0');
  assert.equal(g.driverVersion, '535.104.05');
  assert.equal(g.cudaVersion, '12.2');
  assert.equal(g.productArchitecture, 'Hopper');
  assert.equal(g.vbiosVersion, '96.00.74.00.1C');
  assert.equal(g.memoryTotalMiB, 81559);
  assert.equal(g.memoryReservedMiB, 328);
  assert.equal(g.memoryFreeMiB, 81231);
  assert.equal(g.temperatureGpuC, 33);
  assert.equal(g.temperatureMemoryC, 43);
  assert.equal(g.powerDrawW, 69.93);
  assert.equal(g.powerLimitW, 700);
  assert.equal(g.powerMinLimitW, 200);
  assert.equal(g.clocksSmMHz, 1980);
  assert.equal(g.clocksMaxMemMHz, 2619);
  assert.equal(g.pcieLinkGenMax, 5);
  assert.equal(g.pcieLinkWidthCurrent, 16);
  assert.equal(g.pstate, 'P0');
  assert.equal(g.eccModeCurrent, 'Enabled');
  assert.equal(g.migModeCurrent, 'Disabled');
  // N/A → null; fields XML never has → null (but present).
  assert.equal(g.fanSpeedPercent, null);
  assert.equal(g.computeCap, null);
  assert.equal(g.powerDrawInstantW, null);
  for (const d of FIELDS) assert.ok(d.key in g, `record has ${d.key}`);
  // Numbers are numbers.
  assert.equal(typeof g.memoryTotalMiB, 'number');
});

test('A100 ×4, driver 535: one record per GPU, in order, with per-GPU values', () => {
  const gpus = gpusOf(fixture('a100x4-535.xml'));
  assert.deepEqual(
    gpus.map((g) => g.index),
    [0, 1, 2, 3],
  );
  assert.deepEqual(
    gpus.map((g) => g.pciBusId),
    ['00000000:07:00.0', '00000000:0F:00.0', '00000000:47:00.0', '00000000:4E:00.0'],
  );
  assert.ok(gpus.every((g) => g.name === 'NVIDIA A100-SXM4-80GB' && g.memoryTotalMiB === 81920 && g.driverVersion === '535.129.03'));
  assert.deepEqual(
    gpus.map((g) => g.utilizationGpuPercent),
    [100, 98, 0, 0],
  );
  assert.deepEqual(
    gpus.map((g) => g.powerDrawW),
    [386.17, 371.55, 51.08, 58.9],
  );
  // <processes> and <supported_clocks> do not leak into the record.
  assert.equal(gpus[0].memoryUsedMiB, 72311);
  assert.equal(gpus[0].clocksMaxGraphicsMHz, 1410);
});

test('RTX 4090, driver 550: average/instant power draw, fan speed, N/A MIG', () => {
  const [g] = gpusOf(fixture('rtx4090-550.xml'));
  assert.equal(g.name, 'NVIDIA GeForce RTX 4090');
  assert.equal(g.memoryTotalMiB, 24564);
  assert.equal(g.powerDrawAverageW, 21.37);
  assert.equal(g.powerDrawInstantW, 19.86);
  assert.equal(g.powerDrawW, 21.37, 'power draw falls back to the average when <power_draw> is gone');
  assert.equal(g.powerLimitW, 450);
  assert.equal(g.powerMaxLimitW, 600);
  assert.equal(g.fanSpeedPercent, 30);
  assert.equal(g.migModeCurrent, null);
  assert.equal(g.serial, null);
  assert.equal(g.pcieLinkGenCurrent, 1);
  assert.equal(g.pstate, 'P8');
});

test('older driver layout (470): <power_readings>, <power_limit>, <enforced_power_limit>, no <reserved>', () => {
  const gpus = gpusOf(fixture('a100x2-470.xml'));
  assert.equal(gpus.length, 2);
  const [g] = gpus;
  assert.equal(g.driverVersion, '470.182.03');
  assert.equal(g.cudaVersion, '11.4');
  assert.equal(g.name, 'NVIDIA A100-SXM4-40GB');
  assert.equal(g.memoryTotalMiB, 40536);
  assert.equal(g.memoryReservedMiB, null);
  assert.equal(g.productArchitecture, null);
  assert.equal(g.powerDrawW, 52.15);
  assert.equal(g.powerLimitW, 400);
  assert.equal(g.enforcedPowerLimitW, 400);
  assert.equal(g.powerManagement, 'Supported');
  assert.equal(g.clocksMaxMemMHz, 1215);
  assert.equal(gpus[1].pciBusId, '00000000:00:05.0');
  assert.equal(gpus[1].index, 1);
});

test('power elements: new names win, old names are a fallback, N/A falls through', () => {
  const newer = gpusOf(gpuXml('<gpu_power_readings><power_draw>100.50 W</power_draw><current_power_limit>300.00 W</current_power_limit></gpu_power_readings>'))[0];
  assert.equal(newer.powerDrawW, 100.5);
  assert.equal(newer.powerLimitW, 300);
  const older = gpusOf(gpuXml('<power_readings><power_draw>75.5 W</power_draw><power_limit>250.00 W</power_limit></power_readings>'))[0];
  assert.equal(older.powerDrawW, 75.5);
  assert.equal(older.powerLimitW, 250);
  const both = gpusOf(
    gpuXml('<power_readings><power_draw>N/A</power_draw></power_readings><gpu_power_readings><power_draw>75.00 W</power_draw></gpu_power_readings>'),
  )[0];
  assert.equal(both.powerDrawW, 75);
  const instantOnly = gpusOf(gpuXml('<gpu_power_readings><instant_power_draw>88.1 W</instant_power_draw></gpu_power_readings>'))[0];
  assert.equal(instantOnly.powerDrawW, 88.1);
  const none = gpusOf(gpuXml('<product_name>X</product_name>'))[0];
  assert.equal(none.powerDrawW, null);
  assert.equal(none.powerLimitW, null);
});

test('index is the position only when every attached GPU is listed (not after -i)', () => {
  const partial = gpusOf(gpuXml('<product_name>NVIDIA H100 80GB HBM3</product_name>', '<driver_version>535.104.05</driver_version><attached_gpus>8</attached_gpus>'))[0];
  assert.equal(partial.index, null);
  assert.equal(partial.minorNumber, null);
  const noCount = gpusOf(gpuXml('<product_name>X</product_name>', ''))[0];
  assert.equal(noCount.index, 0);
  assert.equal(noCount.driverVersion, null);
});

test('the gpu id attribute is the bus id when <pci> is missing', () => {
  const g = gpusOf(gpuXml('<product_name>X</product_name>'))[0];
  assert.equal(g.pciBusId, '00000000:18:00.0');
});

test('entities in values are decoded', () => {
  const g = gpusOf(gpuXml('<product_name>Tesla &amp; Co &#x2122;</product_name>'))[0];
  assert.equal(g.name, 'Tesla & Co ™');
});

test('truncated XML: error with the line where it ends', () => {
  const full = fixture('h100-535.xml');
  const lines = full.split('\n');
  const cut = lines.slice(0, 120).join('\n') + '\n';
  const r = parseSmi(cut);
  assert.equal(r.ok, false);
  if (r.ok) return;
  assert.equal(r.line, 120);
  assert.match(r.error, /cut off/);
  assert.match(r.error, /<\/gpu>|<\/nvidia_smi_log>|<\/\w+>/);
  // Cut in the middle of a tag.
  const mid = full.slice(0, full.indexOf('<fb_memory_usage>') + 5);
  const r2 = parseSmi(mid);
  assert.equal(r2.ok, false);
  if (!r2.ok) {
    assert.match(r2.error, /cut off/);
    assert.equal(r2.line, mid.split('\n').length);
  }
});

test('mismatched tag: error with its line', () => {
  const broken = gpuXml('<fb_memory_usage>\n<total>81559 MiB</total>\n</fb_memory>');
  const r = parseSmi(broken);
  assert.equal(r.ok, false);
  if (!r.ok) {
    assert.match(r.error, /mismatched end tag <\/fb_memory>/);
    assert.equal(r.line, 10);
  }
});

test('a malformed value: error with the element and its line', () => {
  const r = parseSmi(gpuXml('<product_name>X</product_name>\n<fb_memory_usage>\n<total>lots</total>\n</fb_memory_usage>'));
  assert.equal(r.ok, false);
  if (!r.ok) {
    assert.match(r.error, /<total>/);
    assert.match(r.error, /not a number/);
    assert.equal(r.line, 10);
  }
  const unit = parseSmi(gpuXml('<temperature><gpu_temp>33 W</gpu_temp></temperature>'));
  assert.equal(unit.ok, false);
  if (!unit.ok) assert.match(unit.error, /unit W, expected C/);
});

test('XML that is not nvidia-smi output', () => {
  const html = parseSmi('<!DOCTYPE html>\n<html><head><meta charset="utf-8"></head><body></body></html>');
  assert.equal(html.ok, false);
  if (!html.ok) {
    assert.match(html.error, /not nvidia-smi output.*<html>/);
    assert.equal(html.line, 2);
  }
  const noGpu = parseSmi('<nvidia_smi_log><driver_version>535.104.05</driver_version></nvidia_smi_log>');
  assert.equal(noGpu.ok, false);
  if (!noGpu.ok) assert.match(noGpu.error, /no <gpu> element/);
  const zero = parseSmi('<nvidia_smi_log><attached_gpus>0</attached_gpus></nvidia_smi_log>');
  assert.equal(zero.ok, false);
  if (!zero.ok) assert.match(zero.error, /no GPUs/);
  const twice = parseSmi(fixture('h100-535.xml') + fixture('h100-535.xml'));
  assert.equal(twice.ok, false);
  if (!twice.ok) assert.match(twice.error, /DOCTYPE after the root|second root|text after/);
});

test('hostile XML: billion laughs inside nvidia_smi_log is refused quickly, deep nesting is refused', () => {
  const lol = [
    '<?xml version="1.0"?>',
    '<!DOCTYPE nvidia_smi_log [',
    ' <!ENTITY lol "lol">',
    ...Array.from({ length: 9 }, (_, i) => ` <!ENTITY lol${i + 1} "${`&lol${i === 0 ? '' : i};`.repeat(10)}">`),
    ']>',
    '<nvidia_smi_log><gpu><product_name>&lol9;</product_name></gpu></nvidia_smi_log>',
  ].join('\n');
  const t0 = Date.now();
  const r = parseSmi(lol);
  assert.ok(Date.now() - t0 < 1000);
  assert.equal(r.ok, false);
  if (!r.ok) {
    assert.match(r.error, /undefined entity &lol9;/);
    assert.equal(r.line, 14);
  }
  const deep = '<nvidia_smi_log>' + '<gpu>'.repeat(100_000) + '</gpu>'.repeat(100_000) + '</nvidia_smi_log>';
  const d = parseSmi(deep);
  assert.equal(d.ok, false);
  if (!d.ok) assert.match(d.error, /nested too deeply/);
});
