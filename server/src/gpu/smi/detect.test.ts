import { test } from 'node:test';
import assert from 'node:assert/strict';
import { parseSmi } from './parse';
import { MAX_INPUT_CHARS } from './fields';

function failure(text: string, fields?: string[]) {
  const r = parseSmi(text, fields ? { fields } : {});
  if (r.ok) assert.fail('expected a parse error');
  return r;
}

test('empty and whitespace-only input', () => {
  assert.match(failure('').error, /empty/);
  assert.match(failure('  \n\n\t').error, /empty/);
  assert.match(failure('\uFEFF').error, /empty/);
});

test('a Markdown file is not nvidia-smi output', () => {
  const md = failure('# H100 review\n\nSome text, with a comma.\n\n| a | b |\n|---|---|\n');
  assert.match(md.error, /not nvidia-smi output/);
  assert.match(md.error, /Markdown/);
  assert.equal(md.line, 1);
  assert.match(failure('---\ntitle: x\n---\n# Hi\n').error, /not nvidia-smi output/);
  assert.match(failure('| GPU | VRAM |\n|---|---|\n| 4090 | 24 GB |\n').error, /not nvidia-smi output/);
  // After leading blank lines, the line number is the first non-blank one.
  assert.equal(failure('\n\n# Title\n').line, 3);
});

test('a random CSV without nvidia-smi fields', () => {
  const r = failure('rank,topic,heat,relevance,views,status\n1,4090 graphics card,1.1K,6.55,33.1K,🔶\n');
  assert.match(r.error, /not nvidia-smi output/);
  assert.equal(r.line, 1);
});

test('JSON is named as JSON', () => {
  assert.match(failure('[{"index": 0, "name": "NVIDIA H100"}]').error, /JSON/);
  assert.match(failure('{\n  "gpus": []\n}').error, /JSON/);
  // A headerless row that starts with [N/A] is not mistaken for JSON.
  const r = parseSmi('[N/A], NVIDIA H100 80GB HBM3\n', { fields: ['fan.speed', 'name'] });
  assert.ok(r.ok);
  if (r.ok) assert.equal(r.gpus[0].fanSpeedPercent, null);
});

test('binary data and invalid UTF-8', () => {
  const bin = failure('\x7fELF\x02\x01\x01\x00\x00\x00\x00');
  assert.match(bin.error, /binary/);
  assert.equal(bin.line, 1);
  const png = failure('\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR');
  assert.match(png.error, /binary/);
  assert.equal(png.line, 2);
  const badUtf8 = failure('index, name\n0, NVIDIA \uFFFD\uFFFD\n');
  assert.match(badUtf8.error, /invalid UTF-8/);
  assert.equal(badUtf8.line, 2);
});

test("nvidia-smi's other outputs get a message that says what to run instead", () => {
  const screen = [
    'Tue Nov 14 09:12:33 2023       ',
    '+---------------------------------------------------------------------------------------+',
    '| NVIDIA-SMI 535.104.05             Driver Version: 535.104.05   CUDA Version: 12.2     |',
    '|-----------------------------------------+----------------------+----------------------+',
  ].join('\n');
  const s = failure(screen);
  assert.match(s.error, /screen table/);
  assert.match(s.error, /-q -x/);
  assert.equal(s.line, 3);
  const q = failure('\n==============NVSMI LOG==============\n\nTimestamp : Tue Nov 14 09:12:33 2023\n');
  assert.match(q.error, /nvidia-smi -q -x/);
  assert.equal(q.line, 2);
  const failed = failure("NVIDIA-SMI has failed because it couldn't communicate with the NVIDIA driver. Make sure that the latest NVIDIA driver is installed and running.\n");
  assert.match(failed.error, /reported an error/);
  assert.match(failure('No devices were found\n').error, /no GPUs/);
});

test('input over the size limit is refused before parsing', () => {
  const big = 'x'.repeat(MAX_INPUT_CHARS + 1);
  assert.match(failure(big).error, /too large/);
});
