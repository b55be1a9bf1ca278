// The fetched-price cache (atomic save, defensive load) and the merge with the built-in snapshot.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtemp, readdir, readFile, rm, writeFile, mkdir } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import builtinJson from '../../data/cloud-prices.json';
import { effectivePrices, PriceStore, validatePriceSnapshot, type PriceRow, type PriceSnapshot } from './store';

const BUILTIN = builtinJson as unknown as PriceSnapshot;

const row = (gpuId: string, tier: string, usdPerHour: number, asOf = '2026-11-30'): PriceRow => ({ gpuId, provider: 'runpod', tier, usdPerHour, source: 'http://127.0.0.1/graphql (test)', asOf });

const snapshot = (prices: PriceRow[], asOf = '2026-11-30'): PriceSnapshot => ({
  schemaVersion: 1,
  provider: 'runpod',
  asOf,
  source: 'http://127.0.0.1/graphql (RunPod API, fetched 2026-11-30T12:00:00.000Z)',
  currency: 'USD',
  prices,
});

async function withDir(fn: (dir: string) => Promise<void>): Promise<void> {
  const dir = await mkdtemp(path.join(os.tmpdir(), 'benchpress-prices-'));
  try {
    await fn(dir);
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
}

test('the built-in snapshot passes the same validation', () => {
  const v = validatePriceSnapshot(BUILTIN);
  assert.ok(v.ok, v.ok ? '' : v.reason);
});

test('save then load: the same snapshot; the folder is created; no temporary file is left', () =>
  withDir(async (dir) => {
    const file = path.join(dir, 'deep', 'er', 'runpod-prices.json');
    const s = snapshot([row('rtx-4090', 'secure', 0.59), row('h100-sxm', 'community', 2.69)]);
    const store = new PriceStore();
    await store.save(file, s);
    assert.deepEqual(await store.load(file), s);
    await store.save(file, snapshot([row('b200', 'secure', 5.99)]));
    assert.deepEqual((await store.load(file))!.prices.map((p) => p.gpuId), ['b200'], 'the second save replaced the file');
    assert.deepEqual(await readdir(path.dirname(file)), ['runpod-prices.json']);
    assert.ok((await readFile(file, 'utf8')).endsWith('}\n'));
  }));

test('save refuses an invalid snapshot and leaves the old file as it was', () =>
  withDir(async (dir) => {
    const file = path.join(dir, 'p.json');
    const store = new PriceStore();
    const good = snapshot([row('rtx-4090', 'secure', 0.59)]);
    await store.save(file, good);
    const before = await readFile(file, 'utf8');
    const bad = snapshot([row('rtx-4090', 'secure', Number.NaN)]);
    await assert.rejects(store.save(file, bad), /invalid price snapshot: prices\[0\]\.usdPerHour/);
    assert.equal(await readFile(file, 'utf8'), before);
    assert.deepEqual(await readdir(dir), ['p.json']);
  }));

test('a failed write leaves the old file and no temporary file', () =>
  withDir(async (dir) => {
    const file = path.join(dir, 'p.json');
    const store = new PriceStore();
    await store.save(file, snapshot([row('rtx-4090', 'secure', 0.59)]));
    const before = await readFile(file, 'utf8');
    // A folder where the file should go makes the rename fail.
    const blocked = path.join(dir, 'blocked.json');
    await mkdir(path.join(blocked, 'inner'), { recursive: true });
    await assert.rejects(store.save(blocked, snapshot([row('b200', 'secure', 5.99)])));
    assert.equal(await readFile(file, 'utf8'), before);
    assert.deepEqual((await readdir(dir)).sort(), ['blocked.json', 'p.json']);
  }));

test('load: a missing file is simply undefined (no warning)', () =>
  withDir(async (dir) => {
    const warnings: string[] = [];
    assert.equal(await new PriceStore({ warn: (m) => warnings.push(m) }).load(path.join(dir, 'none.json')), undefined);
    assert.deepEqual(warnings, []);
  }));

test('load: corrupt or wrongly shaped files are ignored with a warning', () =>
  withDir(async (dir) => {
    const cases: [string, string, RegExp][] = [
      ['truncated.json', '{"schemaVersion": 1, "prices": [', /not valid JSON/],
      ['binary.json', '\u0000\u0001\u0002', /not valid JSON/],
      ['array.json', '[]', /not a JSON object/],
      ['version.json', JSON.stringify({ ...snapshot([]), schemaVersion: 2 }), /unsupported schemaVersion 2/],
      ['date.json', JSON.stringify({ ...snapshot([]), asOf: 'yesterday' }), /asOf is not a YYYY-MM-DD date/],
      ['currency.json', JSON.stringify({ ...snapshot([]), currency: 'usd' }), /currency/],
      ['string-price.json', JSON.stringify(snapshot([{ ...row('rtx-4090', 'secure', 1), usdPerHour: '0.59' as unknown as number }])), /prices\[0\]\.usdPerHour is not a positive number/],
      ['zero-price.json', JSON.stringify(snapshot([row('rtx-4090', 'secure', 0)])), /usdPerHour is not a positive number/],
      ['bad-id.json', JSON.stringify(snapshot([row('RTX 4090', 'secure', 1)])), /gpuId is missing or invalid/],
      ['dup.json', JSON.stringify(snapshot([row('rtx-4090', 'secure', 1), row('rtx-4090', 'secure', 2)])), /repeats rtx-4090 secure/],
      ['no-prices.json', JSON.stringify({ ...snapshot([]), prices: null }), /prices is not a list/],
    ];
    for (const [name, text, reason] of cases) {
      const file = path.join(dir, name);
      await writeFile(file, text);
      const warnings: string[] = [];
      assert.equal(await new PriceStore({ warn: (m) => warnings.push(m) }).load(file), undefined, name);
      assert.equal(warnings.length, 1, name);
      assert.match(warnings[0]!, reason, name);
      assert.match(warnings[0]!, /^Ignoring the saved RunPod prices in .*The built-in snapshot is used instead\.$/);
    }
    // A folder where the file should be, and a BOM (which is fine).
    await mkdir(path.join(dir, 'folder.json'));
    const warnings: string[] = [];
    assert.equal(await new PriceStore({ warn: (m) => warnings.push(m) }).load(path.join(dir, 'folder.json')), undefined);
    assert.match(warnings[0]!, /not a file/);
    await writeFile(path.join(dir, 'bom.json'), '\uFEFF' + JSON.stringify(snapshot([row('l4', 'community', 0.28)])));
    assert.equal((await new PriceStore().load(path.join(dir, 'bom.json')))!.prices[0]!.usdPerHour, 0.28);
  }));

test('effectivePrices: fetched rows replace built-in rows of the same GPU and tier; the others stay; new ones are added', () => {
  const builtin = snapshot([row('h100-sxm', 'secure', 3.99, '2026-11-09'), row('h100-sxm', 'community', 2.69, '2026-11-09'), row('rtx-4090', 'serverless-flex', 1.116, '2026-11-25')], '2026-11-25');
  const fetched = snapshot([row('h100-sxm', 'secure', 2.99), row('rtx-4090', 'secure', 0.59)]);
  const e = effectivePrices(builtin, fetched);
  assert.deepEqual(
    e.prices.map((p) => [p.gpuId, p.tier, p.usdPerHour, p.asOf]),
    [
      ['h100-sxm', 'secure', 2.99, '2026-11-30'],
      ['h100-sxm', 'community', 2.69, '2026-11-09'],
      ['rtx-4090', 'serverless-flex', 1.116, '2026-11-25'],
      ['rtx-4090', 'secure', 0.59, '2026-11-30'],
    ],
  );
  assert.equal(e.asOf, '2026-11-30');
  assert.match(e.source, /^http:\/\/127\.0\.0\.1\/graphql \(RunPod API, fetched .*\); rows not fetched: built-in snapshot of 2026-11-25$/);
  assert.equal(builtin.prices[0]!.usdPerHour, 3.99, 'the inputs are not modified');
  assert.ok(validatePriceSnapshot(e).ok);
});

test('effectivePrices: no fetch (a failed refresh) leaves the built-in snapshot as it is', () => {
  assert.deepEqual(effectivePrices(BUILTIN, undefined), BUILTIN);
  assert.notEqual(effectivePrices(BUILTIN, undefined).prices, BUILTIN.prices, 'a copy');
});

test('effectivePrices: a fetch older than a built-in row does not override it; another currency is ignored', () => {
  const builtin = snapshot([row('h100-sxm', 'secure', 3.99, '2026-12-15')], '2026-12-15');
  const old = snapshot([row('h100-sxm', 'secure', 2.99, '2026-11-30')]);
  assert.deepEqual(effectivePrices(builtin, old), builtin);
  const eur = { ...snapshot([row('h100-sxm', 'secure', 2.5, '2026-12-20')], '2026-12-20'), currency: 'EUR' };
  assert.deepEqual(effectivePrices(builtin, eur), builtin);
});

test('effectivePrices over the real built-in snapshot keeps every row it does not replace', () => {
  const fetched = snapshot([row('h100-sxm', 'secure', 2.99), row('rtx-4090', 'secure', 0.59)]);
  const e = effectivePrices(BUILTIN, fetched);
  assert.equal(e.prices.length, BUILTIN.prices.length + 1);
  assert.equal(e.prices.find((p) => p.gpuId === 'h100-sxm' && p.tier === 'secure')!.usdPerHour, 2.99);
  assert.equal(e.prices.find((p) => p.gpuId === 'h100-sxm' && p.tier === 'community')!.usdPerHour, 2.69);
  assert.equal(e.prices.filter((p) => p.tier.startsWith('serverless')).length, BUILTIN.prices.filter((p) => p.tier.startsWith('serverless')).length);
});
