import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, readFileSync, rmSync, truncateSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { smiCommand, type SmiIo } from './command';
import { decodeInput, InputError, nodeSmiIo } from './io';

const FIXTURES = path.join(__dirname, 'fixtures');
const fixture = (name: string) => readFileSync(path.join(FIXTURES, name), 'utf8');

interface Run {
  code: number;
  stdout: string;
  stderr: string;
}

/** Runs smiCommand over an in-memory io: files from `files`, stdin from `stdin`. */
async function run(args: string[], opts: { files?: Record<string, string>; stdin?: string; io?: Partial<SmiIo> } = {}): Promise<Run> {
  let stdout = '';
  let stderr = '';
  const io: SmiIo = {
    readFile: async (p) => {
      const content = opts.files?.[p];
      if (content === undefined) throw Object.assign(new Error(`ENOENT: no such file or directory, open '${p}'`), { code: 'ENOENT' });
      return content;
    },
    readStdin: async () => opts.stdin ?? '',
    stdout: (s) => {
      stdout += s;
    },
    stderr: (s) => {
      stderr += s;
    },
    today: '2026-11-25',
    ...opts.io,
  };
  const code = await smiCommand(args, io);
  return { code, stdout, stderr };
}

test('XML file → Markdown table on stdout, exit 0', async () => {
  const r = await run(['h100.xml'], { files: { 'h100.xml': fixture('h100-535.xml') } });
  assert.equal(r.code, 0);
  assert.equal(r.stderr, '');
  assert.match(r.stdout, /^\| GPU \| Name/);
  assert.match(r.stdout, /\| {3}0 \| NVIDIA H100 80GB HBM3 \| +81559 \| 535\.104\.05 \|/);
  assert.match(r.stdout, /> Source: nvidia-smi output \(driver 535\.104\.05, CUDA 12\.2\), imported 2026-11-25\.\n$/);
});

test('--json prints one record per GPU with the contract keys', async () => {
  const r = await run(['--json', 'gpus.csv'], { files: { 'gpus.csv': fixture('h100x8-535.csv') } });
  assert.equal(r.code, 0);
  const records = JSON.parse(r.stdout) as Record<string, unknown>[];
  assert.equal(records.length, 8);
  assert.deepEqual(
    { index: records[0].index, name: records[0].name, memoryTotalMiB: records[0].memoryTotalMiB, driverVersion: records[0].driverVersion },
    { index: 0, name: 'NVIDIA H100 80GB HBM3', memoryTotalMiB: 81559, driverVersion: '535.104.05' },
  );
  assert.equal(records[0].fanSpeedPercent, null);
  assert.equal(records[0].cudaVersion, null);
});

test('--lang zh-cn, stdin with -, --fields for noheader CSV (also the table columns)', async () => {
  const r = await run(['--lang', 'zh-cn', '--fields=index,name,memory.total,memory.used,driver_version,temperature.gpu,power.draw,power.limit,fan.speed,clocks.gr,clocks.max.gr', '-'], {
    stdin: fixture('rtx4090-noheader-nounits.csv'),
  });
  assert.equal(r.code, 0, r.stderr);
  const lines = r.stdout.split('\n');
  assert.match(lines[0], /^\| GPU \| 型号 +\| 显存总量 \(MiB\) \| 显存已用 \(MiB\) \| 驱动版本 +\| GPU 温度 \(°C\) \| 当前功耗 \(W\) \| 功耗上限 \(W\) \| 风扇转速 \(%\) \| 图形频率 \(MHz\) \| 最高图形频率 \(MHz\) \|$/);
  assert.match(lines[2], /\| NVIDIA GeForce RTX 4090 \|/);
  assert.match(r.stdout, /> 数据来源：nvidia-smi 输出（驱动 550\.54\.14），导入于 2026-11-25。\n$/);
});

test('--fields with a header CSV or XML chooses the table columns', async () => {
  const r = await run(['--fields', 'name,power.draw', 'a.xml'], { files: { 'a.xml': fixture('a100x4-535.xml') } });
  assert.equal(r.code, 0, r.stderr);
  assert.match(r.stdout.split('\n')[0], /^\| Name +\| Power draw \(W\) \|$/);
  const bad = await run(['--fields', 'name,warp.speed', 'a.xml'], { files: { 'a.xml': fixture('a100x4-535.xml') } });
  assert.equal(bad.code, 2);
  assert.equal(bad.stdout, '');
  assert.match(bad.stderr, /unknown field.*warp\.speed/);
});

test('errors exit 2 with file:line and a message on stderr, and nothing on stdout', async () => {
  const xml = fixture('h100-535.xml');
  const cases: [string, string, RegExp][] = [
    ['cut.xml', xml.split('\n').slice(0, 150).join('\n'), /^benchpress smi: cut\.xml:150: the XML is cut off/],
    ['row.csv', 'index, name, memory.total [MiB]\n0, A, 1 MiB\n1, B\n2, C, 3 MiB\n', /^benchpress smi: row\.csv:3: malformed row/],
    ['notes.md', '# Notes\n\nNot GPU data.\n', /^benchpress smi: notes\.md:1: not nvidia-smi output/],
    ['data.json', '[{"name": "H100"}]', /JSON/],
    ['blob.bin', '\u0000\u0001\u0002binary', /binary/],
    ['empty.txt', '', /empty/],
    ['noheader.csv', '0, NVIDIA H100 80GB HBM3, 81559 MiB\n', /--fields/],
    ['lol.xml', '<!DOCTYPE nvidia_smi_log [<!ENTITY a "aaaa"><!ENTITY b "&a;&a;&a;&a;">]>\n<nvidia_smi_log><gpu><product_name>&b;</product_name></gpu></nvidia_smi_log>', /:2: undefined entity &b;/],
  ];
  for (const [name, content, expected] of cases) {
    const r = await run([name], { files: { [name]: content } });
    assert.equal(r.code, 2, name);
    assert.equal(r.stdout, '', `${name}: stdout stays empty`);
    assert.match(r.stderr, expected, name);
    assert.ok(r.stderr.endsWith('\n'));
  }
});

test('usage problems exit 2 with the usage; --help exits 0', async () => {
  for (const args of [[], ['a.xml', 'b.xml'], ['--lang', 'fr', 'a.xml'], ['--lang'], ['--fields=', 'a.csv'], ['--fields', ',,', 'a.csv'], ['--bogus', 'a.xml']]) {
    const r = await run(args, { files: { 'a.xml': fixture('h100-535.xml') } });
    assert.equal(r.code, 2, args.join(' '));
    assert.equal(r.stdout, '');
    assert.match(r.stderr, /usage: benchpress smi/);
  }
  const h = await run(['--help']);
  assert.equal(h.code, 0);
  assert.match(h.stdout, /usage: benchpress smi/);
  // A file named like an option after --.
  const dd = await run(['--', '--json'], { files: { '--json': fixture('h100-535.xml') } });
  assert.equal(dd.code, 0, dd.stderr);
});

test('unreadable input: missing file, directory, io failure', async () => {
  const missing = await run(['nope.xml']);
  assert.equal(missing.code, 2);
  assert.equal(missing.stdout, '');
  assert.equal(missing.stderr, 'benchpress smi: cannot read nope.xml: no such file\n');
  const dir = await run(['dir'], { io: { readFile: async () => Promise.reject(Object.assign(new Error('EISDIR'), { code: 'EISDIR' })) } });
  assert.match(dir.stderr, /is a directory/);
  const stdinFail = await run(['-'], { io: { readStdin: async () => Promise.reject(new InputError('standard input is too large')) } });
  assert.equal(stdinFail.code, 2);
  assert.match(stdinFail.stderr, /cannot read <stdin>: standard input is too large/);
});

test('input over 20 MB exits 2', async () => {
  const huge = 'index, name\n' + '0, x\n'.repeat(4_300_000);
  const r = await run(['big.csv'], { files: { 'big.csv': huge } });
  assert.equal(r.code, 2);
  assert.equal(r.stdout, '');
  assert.match(r.stderr, /too large/);
});

test('io: strict decoding (UTF-8 with/without BOM, UTF-16 with BOM; invalid UTF-8 refused)', () => {
  assert.equal(decodeInput(new TextEncoder().encode('index, name\n')), 'index, name\n');
  assert.equal(decodeInput(Uint8Array.from([0xef, 0xbb, 0xbf, 0x61])), 'a');
  const utf16 = Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from('index, name\r\n', 'utf16le')]);
  assert.equal(decodeInput(utf16), 'index, name\r\n');
  assert.throws(() => decodeInput(Uint8Array.from([0x61, 0x0a, 0x62, 0xff, 0xfe, 0x00, 0x63])), /not valid UTF-8.*line 2/);
});

test('io: nodeSmiIo reads real files, refuses missing and oversized ones', async () => {
  const dir = mkdtempSync(path.join(tmpdir(), 'smi-'));
  try {
    let out = '';
    let err = '';
    const io = nodeSmiIo({ stdout: (s) => void (out += s), stderr: (s) => void (err += s), today: '2026-11-25' });
    assert.equal(await smiCommand([path.join(FIXTURES, 'a100x2-470.xml')], io), 0, err);
    assert.match(out, /NVIDIA A100-SXM4-40GB/);

    out = '';
    err = '';
    assert.equal(await smiCommand([path.join(dir, 'missing.xml')], io), 2);
    assert.equal(out, '');
    assert.match(err, /no such file/);

    err = '';
    assert.equal(await smiCommand([dir], io), 2);
    assert.match(err, /directory/);

    const big = path.join(dir, 'big.csv');
    writeFileSync(big, 'index, name\n');
    truncateSync(big, 21 * 1024 * 1024); // sparse: cheap to create, refused by size before reading
    err = '';
    assert.equal(await smiCommand([big], io), 2);
    assert.equal(out, '');
    assert.match(err, /too large/);

    const bin = path.join(dir, 'bin.dat');
    writeFileSync(bin, Buffer.from([0x3c, 0x61, 0x3e, 0xff, 0xfe, 0xfd, 0x3c, 0x2f, 0x61, 0x3e]));
    err = '';
    assert.equal(await smiCommand([bin], io), 2);
    assert.match(err, /not valid UTF-8/);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});
