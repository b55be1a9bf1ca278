// Data checks for the built-in GPU spec set and the RunPod price snapshot.
// They test what a reader of a published article would notice if it were wrong:
// missing or duplicated GPUs, figures without a source, ambiguous aliases,
// sparse numbers stored as dense ones, impossible dates and inconsistent prices.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import gpuJson from './gpus.json';
import priceJson from './cloud-prices.json';
import { isDate, isFullDate, type PriceRow } from '../gpu/database';

type Segment = 'consumer' | 'workstation' | 'datacenter';

interface GpuRecord {
  id: string;
  name: string;
  aliases: string[];
  vendor: string;
  architecture: string | null;
  segment: Segment;
  formFactor: string | null;
  memoryGB: number | null;
  memoryType: string | null;
  memoryBandwidthGBps: number | null;
  cudaCores: number | null;
  fp32Tflops: number | null;
  tf32TensorTflopsDense: number | null;
  bf16TensorTflopsDense: number | null;
  fp8TensorTflopsDense: number | null;
  tdpW: number | null;
  launchDate: string | null;
  launchPriceUsd: number | null;
  sources: Record<string, string>;
  notes: string;
}

interface GpuFile {
  schemaVersion: number;
  asOf: string;
  gpus: GpuRecord[];
}

interface PriceFile {
  schemaVersion: number;
  provider: string;
  asOf: string;
  source: string;
  currency: string;
  prices: PriceRow[];
}

const data = gpuJson as unknown as GpuFile;
const prices = priceJson as unknown as PriceFile;
const gpus = data.gpus;
const byId = new Map(gpus.map((g) => [g.id, g]));

const REQUIRED_IDS = [
  'rtx-3090', 'rtx-4090', 'rtx-5090',
  'a100-40gb-sxm', 'a100-80gb-sxm', 'a100-80gb-pcie',
  'h100-sxm', 'h100-pcie', 'h100-nvl',
  'h200-sxm', 'h200-nvl',
  'l40s', 'l4', 'rtx-6000-ada', 'b200',
];

// Every field that carries a researched value and therefore needs a source when non-null.
const SOURCED_FIELDS = [
  'architecture', 'formFactor', 'memoryGB', 'memoryType', 'memoryBandwidthGBps', 'cudaCores', 'fp32Tflops',
  'tf32TensorTflopsDense', 'bf16TensorTflopsDense', 'fp8TensorTflopsDense', 'tdpW', 'launchDate', 'launchPriceUsd',
] as const;
const NUMERIC_FIELDS = [
  'memoryGB', 'memoryBandwidthGBps', 'cudaCores', 'fp32Tflops', 'tf32TensorTflopsDense',
  'bf16TensorTflopsDense', 'fp8TensorTflopsDense', 'tdpW', 'launchPriceUsd',
] as const;
const TENSOR_FIELDS = ['tf32TensorTflopsDense', 'bf16TensorTflopsDense', 'fp8TensorTflopsDense'] as const;

const hasUrl = (s: string): boolean => /https?:\/\/\S+/.test(s);

test('file header: schema version and a real asOf date', () => {
  assert.equal(data.schemaVersion, 1);
  assert.ok(isFullDate(data.asOf), `asOf ${data.asOf}`);
});

test('every required GPU id is present', () => {
  for (const id of REQUIRED_IDS) assert.ok(byId.has(id), `missing ${id}`);
});

test('ids are unique and lower-case kebab', () => {
  assert.equal(byId.size, gpus.length, 'duplicate ids');
  for (const g of gpus) assert.match(g.id, /^[a-z0-9]+(?:-[a-z0-9]+)*$/, g.id);
});

test('records have a name, vendor, segment and a non-empty note', () => {
  for (const g of gpus) {
    assert.ok(g.name.trim().length > 0, `${g.id} name`);
    assert.equal(g.vendor, 'NVIDIA', `${g.id} vendor`);
    assert.ok(['consumer', 'workstation', 'datacenter'].includes(g.segment), `${g.id} segment ${g.segment}`);
    assert.ok(typeof g.notes === 'string' && g.notes.length > 0, `${g.id} notes`);
  }
});

test('every non-null figure has a source with a URL, and null figures have none', () => {
  for (const g of gpus) {
    for (const f of SOURCED_FIELDS) {
      const v = g[f];
      const s = g.sources[f];
      if (v === null || v === undefined) {
        assert.equal(s, undefined, `${g.id}.${f} is null but has a source`);
      } else {
        assert.ok(typeof s === 'string' && s.trim().length > 0, `${g.id}.${f} has no source`);
        assert.ok(hasUrl(s), `${g.id}.${f} source has no URL: ${s}`);
      }
    }
    for (const key of Object.keys(g.sources)) {
      assert.ok((SOURCED_FIELDS as readonly string[]).includes(key), `${g.id}: source for unknown field ${key}`);
    }
  }
});

test('no alias is shared by two records (case-insensitive), nor collides with another record id or name', () => {
  const owner = new Map<string, string>();
  for (const g of gpus) {
    const keys = new Set([g.id, g.name, ...g.aliases].map((a) => a.trim().toLowerCase()));
    for (const k of keys) {
      assert.ok(k.length > 0, `${g.id}: empty alias`);
      const prev = owner.get(k);
      assert.ok(prev === undefined || prev === g.id, `"${k}" names both ${prev} and ${g.id}`);
      owner.set(k, g.id);
    }
  }
});

test('default variants own the shorthand writers use', () => {
  const find = (alias: string) => gpus.filter((g) => g.aliases.some((a) => a.toLowerCase() === alias.toLowerCase())).map((g) => g.id);
  assert.deepEqual(find('H100'), ['h100-sxm']);
  assert.deepEqual(find('A100'), ['a100-80gb-sxm']);
  assert.deepEqual(find('H200'), ['h200-sxm']);
  assert.deepEqual(find('4090'), ['rtx-4090']);
  assert.deepEqual(find('5090'), ['rtx-5090']);
  assert.deepEqual(find('RTX 4090'), ['rtx-4090']);
  // Ambiguous names must stay unmapped.
  assert.deepEqual(find('RTX 6000'), [], '"RTX 6000" is also the Turing Quadro RTX 6000');
});

test('numeric figures are positive numbers', () => {
  for (const g of gpus) {
    for (const f of NUMERIC_FIELDS) {
      const v = g[f];
      if (v === null) continue;
      assert.equal(typeof v, 'number', `${g.id}.${f}`);
      assert.ok(Number.isFinite(v) && v > 0, `${g.id}.${f} = ${v}`);
    }
    if (g.cudaCores !== null) assert.ok(Number.isInteger(g.cudaCores), `${g.id}.cudaCores`);
  }
});

test('core figures a reader checks first are present for every GPU', () => {
  for (const g of gpus) {
    assert.ok(g.memoryGB !== null && g.memoryGB > 0, `${g.id}.memoryGB`);
    assert.ok(g.memoryBandwidthGBps !== null && g.memoryBandwidthGBps > 0, `${g.id}.memoryBandwidthGBps`);
    assert.ok(g.fp32Tflops !== null && g.fp32Tflops > 0, `${g.id}.fp32Tflops`);
    assert.ok(g.memoryType !== null, `${g.id}.memoryType`);
    assert.ok(g.architecture !== null, `${g.id}.architecture`);
  }
});

test('values are in plausible ranges', () => {
  for (const g of gpus) {
    if (g.memoryGB !== null) assert.ok(g.memoryGB >= 8 && g.memoryGB <= 300, `${g.id}.memoryGB ${g.memoryGB}`);
    if (g.memoryBandwidthGBps !== null) assert.ok(g.memoryBandwidthGBps >= 100 && g.memoryBandwidthGBps <= 10000, `${g.id} bandwidth`);
    if (g.fp32Tflops !== null) assert.ok(g.fp32Tflops >= 5 && g.fp32Tflops <= 200, `${g.id} fp32`);
    if (g.tdpW !== null) assert.ok(g.tdpW >= 50 && g.tdpW <= 1500, `${g.id} tdp`);
    if (g.cudaCores !== null) assert.ok(g.cudaCores >= 1000 && g.cudaCores <= 40000, `${g.id} cores`);
  }
});

test('launch dates are YYYY-MM or YYYY-MM-DD, real, and not in the future of asOf', () => {
  for (const g of gpus) {
    if (g.launchDate === null) continue;
    assert.ok(isDate(g.launchDate), `${g.id}.launchDate ${g.launchDate}`);
    assert.ok(g.launchDate.slice(0, 7) <= data.asOf.slice(0, 7), `${g.id} launches after asOf`);
    assert.ok(g.launchDate >= '2018', `${g.id} launchDate too early`);
  }
});

test('launch prices are only given for consumer cards with a vendor MSRP', () => {
  for (const g of gpus) {
    if (g.launchPriceUsd === null) continue;
    assert.equal(g.segment, 'consumer', `${g.id} has a list price but is ${g.segment}`);
    assert.ok(g.launchPriceUsd >= 200 && g.launchPriceUsd <= 5000, `${g.id} price`);
  }
});

test('dense tensor figures are at least the FP32 figure, and ordered TF32 <= BF16 <= FP8', () => {
  for (const g of gpus) {
    for (const f of TENSOR_FIELDS) {
      const v = g[f];
      if (v !== null && g.fp32Tflops !== null) assert.ok(v >= g.fp32Tflops, `${g.id}.${f} ${v} < fp32 ${g.fp32Tflops}`);
    }
    const { tf32TensorTflopsDense: tf32, bf16TensorTflopsDense: bf16, fp8TensorTflopsDense: fp8 } = g;
    if (tf32 !== null && bf16 !== null) assert.ok(tf32 <= bf16, `${g.id} tf32 > bf16`);
    if (bf16 !== null && fp8 !== null) assert.ok(bf16 <= fp8, `${g.id} bf16 > fp8`);
  }
});

test('dense figures are dense: well-known NVIDIA sparse values are halved', () => {
  const h100 = byId.get('h100-sxm')!;
  assert.equal(h100.bf16TensorTflopsDense, 1979 / 2, 'H100 SXM BF16: datasheet 1,979 is with sparsity');
  assert.equal(h100.fp8TensorTflopsDense, 3958 / 2, 'H100 SXM FP8: datasheet 3,958 is with sparsity');
  const a100 = byId.get('a100-80gb-sxm')!;
  assert.equal(a100.bf16TensorTflopsDense, 312, 'A100 BF16 dense 312 (624 is sparse)');
  const l4 = byId.get('l4')!;
  assert.equal(l4.fp8TensorTflopsDense, 485 / 2, 'L4 FP8: datasheet 485 is with sparsity');
});

test('headline figures writers quote most often', () => {
  const get = (id: string) => byId.get(id)!;
  assert.equal(get('rtx-4090').memoryGB, 24);
  assert.equal(get('rtx-4090').memoryBandwidthGBps, 1008);
  assert.equal(get('rtx-5090').memoryGB, 32);
  assert.equal(get('h100-sxm').memoryGB, 80);
  assert.equal(get('h100-sxm').memoryBandwidthGBps, 3350);
  assert.equal(get('h100-nvl').memoryGB, 94);
  assert.equal(get('h200-sxm').memoryGB, 141);
  assert.equal(get('h200-sxm').memoryBandwidthGBps, 4800);
  assert.equal(get('a100-40gb-sxm').memoryGB, 40);
  assert.equal(get('a100-80gb-pcie').memoryBandwidthGBps, 1935);
  assert.equal(get('a100-80gb-sxm').memoryBandwidthGBps, 2039);
});

test('SXM variants draw at least as much power as the PCIe / NVL variant of the same chip', () => {
  const pairs: Array<[string, string]> = [
    ['a100-80gb-sxm', 'a100-80gb-pcie'],
    ['h100-sxm', 'h100-pcie'],
    ['h100-sxm', 'h100-nvl'],
    ['h200-sxm', 'h200-nvl'],
  ];
  for (const [sxm, pcie] of pairs) {
    const a = byId.get(sxm)!.tdpW;
    const b = byId.get(pcie)!.tdpW;
    assert.ok(a !== null && b !== null, `${sxm}/${pcie} tdp`);
    assert.ok(a >= b, `${sxm} ${a} W < ${pcie} ${b} W`);
  }
});

test('variants of one chip are told apart by memory or bandwidth', () => {
  const sig = (g: GpuRecord) => `${g.memoryGB}/${g.memoryBandwidthGBps}/${g.tdpW}`;
  for (const group of [['a100-40gb-sxm', 'a100-80gb-sxm', 'a100-80gb-pcie'], ['h100-sxm', 'h100-pcie', 'h100-nvl'], ['h200-sxm', 'h200-nvl']]) {
    const sigs = group.map((id) => sig(byId.get(id)!));
    assert.equal(new Set(sigs).size, group.length, `${group.join(', ')} are indistinguishable`);
  }
});

test('memory type matches the architecture family', () => {
  for (const g of gpus) {
    if (g.memoryType === null) continue;
    const hbmFamily = g.segment === 'datacenter' && ['Ampere', 'Hopper', 'Blackwell'].includes(g.architecture ?? '');
    if (hbmFamily) assert.match(g.memoryType, /^HBM/, `${g.id} (${g.architecture} datacenter) should be HBM`);
    if (g.segment === 'consumer' || g.segment === 'workstation' || g.architecture === 'Ada Lovelace') {
      assert.match(g.memoryType, /^GDDR/, `${g.id} (${g.segment}, ${g.architecture}) should be GDDR`);
    }
  }
  assert.equal(byId.get('a100-40gb-sxm')!.memoryType, 'HBM2');
  assert.equal(byId.get('h100-sxm')!.memoryType, 'HBM3');
  assert.equal(byId.get('h200-sxm')!.memoryType, 'HBM3e');
});

// ------------------------------------------------------------------ prices

const POD_TIERS = ['secure', 'community'];
const ALL_TIERS = [...POD_TIERS, 'serverless-flex', 'serverless-active'];

test('price file header', () => {
  assert.equal(prices.schemaVersion, 1);
  assert.equal(prices.provider, 'runpod');
  assert.equal(prices.currency, 'USD');
  assert.ok(isFullDate(prices.asOf), `asOf ${prices.asOf}`);
  assert.ok(hasUrl(prices.source));
  assert.ok(prices.prices.length > 0);
});

test('every price references an existing GPU and has a positive rate, a source and an asOf date', () => {
  for (const p of prices.prices) {
    const label = `${p.gpuId}/${p.tier}`;
    assert.ok(byId.has(p.gpuId), `${label}: unknown gpuId`);
    assert.equal(p.provider, 'runpod', label);
    assert.ok(ALL_TIERS.includes(p.tier), `${label}: tier`);
    assert.equal(typeof p.usdPerHour, 'number', label);
    assert.ok(Number.isFinite(p.usdPerHour) && p.usdPerHour > 0 && p.usdPerHour < 100, `${label}: usdPerHour ${p.usdPerHour}`);
    assert.ok(typeof p.source === 'string' && hasUrl(p.source), `${label}: source`);
    assert.ok(isFullDate(p.asOf), `${label}: asOf ${p.asOf}`);
    if (p.usdPerSecond !== undefined) {
      assert.ok(p.usdPerSecond > 0, `${label}: usdPerSecond`);
      assert.ok(Math.abs(p.usdPerSecond * 3600 - p.usdPerHour) < 0.001, `${label}: per-second and per-hour disagree`);
    }
  }
});

test('one price per GPU and tier', () => {
  const seen = new Set<string>();
  for (const p of prices.prices) {
    const k = `${p.gpuId}/${p.tier}`;
    assert.ok(!seen.has(k), `duplicate ${k}`);
    seen.add(k);
  }
});

test('community price <= secure price, and active <= flex serverless price, for the same GPU', () => {
  const rate = (id: string, tier: string) => prices.prices.find((p) => p.gpuId === id && p.tier === tier)?.usdPerHour;
  for (const id of new Set(prices.prices.map((p) => p.gpuId))) {
    const sec = rate(id, 'secure');
    const com = rate(id, 'community');
    if (sec !== undefined && com !== undefined) assert.ok(com <= sec, `${id}: community ${com} > secure ${sec}`);
    const flex = rate(id, 'serverless-flex');
    const active = rate(id, 'serverless-active');
    if (flex !== undefined && active !== undefined) assert.ok(active <= flex, `${id}: active ${active} > flex ${flex}`);
  }
});

test('a faster variant of the same chip does not rent for less on the same tier and date', () => {
  const rate = (id: string, tier: string) => prices.prices.find((p) => p.gpuId === id && p.tier === tier);
  for (const tier of POD_TIERS) {
    const sxm = rate('h100-sxm', tier);
    const pcie = rate('h100-pcie', tier);
    if (sxm && pcie && sxm.asOf === pcie.asOf) assert.ok(sxm.usdPerHour >= pcie.usdPerHour, `h100 ${tier}`);
  }
});
