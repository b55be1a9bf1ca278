// Data checks for the built-in GPU spec set and the RunPod price snapshot.
// They test what a reader of a published article would notice if it were wrong:
// missing or duplicated GPUs, figures without a source, ambiguous aliases,
// sparse numbers stored as dense ones, impossible dates and inconsistent prices.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import gpuJson from './gpus.json';
import priceJson from './cloud-prices.json';
import { isDate, isFullDate, parseSources, type PriceRow } from '../gpu/database';

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

// ------------------------------------------------------------------ source kinds
// A source's kind is computed from the host of the URL its citation names (the first URL of each "URL — title; read
// DATE" part), so the data needs no extra field: NVIDIA's own hosts and GitHub organisation are the vendor, RunPod's
// are the provider, everything else is a third party. A vendor document that was read through a stored copy (the
// citation says "through a copy: …", naming the copy) is counted apart from one read at NVIDIA's own address.
type SourceKind = 'vendor' | 'vendor-copy' | 'provider' | 'third-party';
const SOURCE_KINDS: readonly SourceKind[] = ['vendor', 'vendor-copy', 'provider', 'third-party'];

function hostKind(url: string): 'vendor' | 'provider' | 'third-party' {
  const u = new URL(url);
  const host = u.hostname.toLowerCase();
  const owner = u.pathname.split('/')[1]?.toLowerCase() ?? '';
  if (host === 'nvidia.com' || host.endsWith('.nvidia.com') || (host === 'github.com' && owner === 'nvidia')) return 'vendor';
  if (host === 'runpod.io' || host.endsWith('.runpod.io')) return 'provider';
  if ((host === 'github.com' || host === 'raw.githubusercontent.com') && owner === 'runpod') return 'provider';
  return 'third-party';
}

/** The kind of one citation ("URL — title; read DATE[ through a copy: …]"). */
function citationKind(citation: string): SourceKind {
  const [ref] = parseSources(citation);
  if (!ref?.url) return 'third-party';
  const kind = hostKind(ref.url);
  return kind === 'vendor' && /\bthrough a copy\b/.test(citation) ? 'vendor-copy' : kind;
}

const RANK: Record<SourceKind, number> = { vendor: 3, provider: 3, 'vendor-copy': 2, 'third-party': 1 };

/** Citations by kind, and figures by the best kind among their citations, for the built-in data. */
function countSources(records: readonly GpuRecord[], rows: readonly PriceRow[]) {
  const zero = (): Record<SourceKind, number> => ({ vendor: 0, 'vendor-copy': 0, provider: 0, 'third-party': 0 });
  const citations = zero();
  const figures = zero();
  const prices = zero();
  for (const g of records) {
    for (const f of SOURCED_FIELDS) {
      if (g[f] === null) continue;
      let best: SourceKind = 'third-party';
      for (const ref of parseSources(g.sources[f])) {
        const k = citationKind(ref.text);
        citations[k]++;
        if (RANK[k] > RANK[best]) best = k;
      }
      figures[best]++;
    }
  }
  for (const p of rows) prices[citationKind(p.source)]++;
  return { citations, figures, prices };
}

/** Hosts that must not back a figure: wiki clones and mirrors flagged in SOURCES.md, and bare IP addresses. */
const BANNED_HOSTS = ['grokipedia.com', 'aiwiki.ai', 'wikipedia.org', 'wikiwand.com'];
const isBannedHost = (host: string): boolean =>
  /^\d{1,3}(\.\d{1,3}){3}$/.test(host) || host.includes(':') || BANNED_HOSTS.some((b) => host === b || host.endsWith(`.${b}`));

/** "read 2026-11-25" (also "read 2026-11-25, re-read 2026-12-03"): every date a citation was read on. */
const readDates = (citation: string): string[] => [...citation.matchAll(/\bread (\d{4}-\d{2}-\d{2})/g)].map((m) => m[1]);

const SOURCES_MD = readFileSync(path.join(__dirname, 'SOURCES.md'), 'utf8');

/** The fields a record's notes list as "Null fields: key (reason); key (reason)." */
function nullFieldsInNotes(notes: string): Map<string, string> {
  const m = /Null fields: (.*)\.$/.exec(notes);
  const out = new Map<string, string>();
  if (!m) return out;
  for (const part of m[1].split(/; (?=[a-zA-Z0-9]+ \()/)) {
    const e = /^([a-zA-Z0-9]+) \((.+)\)$/.exec(part.trim());
    if (e) out.set(e[1], e[2]);
  }
  return out;
}

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

test('every citation names a URL and the date it was read; vendor documents read elsewhere name the copy', () => {
  for (const g of gpus) {
    for (const f of SOURCED_FIELDS) {
      if (g[f] === null) continue;
      const refs = parseSources(g.sources[f]);
      assert.ok(refs.length > 0, `${g.id}.${f}`);
      for (const ref of refs) {
        assert.ok(ref.url, `${g.id}.${f}: a citation without a URL: ${ref.text}`);
        assert.ok(ref.text.startsWith(ref.url), `${g.id}.${f}: the URL must come first: ${ref.text}`);
        const dates = readDates(ref.text);
        assert.ok(dates.length > 0, `${g.id}.${f}: no "read YYYY-MM-DD" in ${ref.text}`);
        for (const d of dates) assert.ok(isFullDate(d) && d >= '2026-01-01', `${g.id}.${f}: read date ${d}`);
        const copy = /\bthrough a copy: (.+)$/.exec(ref.text);
        if (copy) assert.ok(copy[1].trim().length > 10, `${g.id}.${f}: the copy is not named: ${ref.text}`);
      }
    }
  }
});

test('no figure rests on a wiki clone, a mirror on a bare IP address or another flagged host', () => {
  for (const g of gpus) {
    for (const [f, s] of Object.entries(g.sources)) {
      for (const ref of parseSources(s)) {
        const host = new URL(ref.url!).hostname.toLowerCase();
        assert.ok(!isBannedHost(host), `${g.id}.${f} cites ${host}`);
      }
    }
  }
  for (const p of prices.prices) {
    for (const ref of parseSources(p.source)) if (ref.url) assert.ok(!isBannedHost(new URL(ref.url).hostname), `${p.gpuId}/${p.tier}`);
  }
});

test('source kinds: NVIDIA hosts and GitHub organisation are the vendor, RunPod the provider, copies counted apart', () => {
  assert.equal(hostKind('https://www.nvidia.com/en-us/data-center/h100/'), 'vendor');
  assert.equal(hostKind('https://developer.nvidia.com/blog/x/'), 'vendor');
  assert.equal(hostKind('https://github.com/NVIDIA/TensorRT-LLM/blob/abc/docs/x.md'), 'vendor');
  assert.equal(hostKind('https://github.com/nvidia-fan/specs/blob/abc/x.md'), 'third-party');
  assert.equal(hostKind('https://notnvidia.com/x'), 'third-party');
  assert.equal(hostKind('https://docs.runpod.io/serverless/pricing'), 'provider');
  assert.equal(hostKind('https://raw.githubusercontent.com/runpod/docs/main/x.mdx'), 'provider');
  assert.equal(hostKind('https://raw.githubusercontent.com/datareceipts/data-receipts/main/x.json'), 'third-party');
  assert.equal(citationKind('https://www.nvidia.com/x — page; read 2026-11-25 through a copy: index id 1'), 'vendor-copy');
  assert.equal(citationKind('https://github.com/NVIDIA/x/blob/y/README.md — README; read 2026-12-03'), 'vendor');
  // Every kind that appears is one the counts know.
  const counts = countSources(gpus, prices.prices);
  for (const k of Object.keys(counts.citations)) assert.ok((SOURCE_KINDS as readonly string[]).includes(k));
});

test('SOURCES.md states the current counts by source kind (figures, citations, price rows)', () => {
  const counts = countSources(gpus, prices.prices);
  const block = /<!-- source-counts:after -->([\s\S]*?)<!-- \/source-counts:after -->/.exec(SOURCES_MD);
  assert.ok(block, 'SOURCES.md has no source-counts:after block');
  const stated = new Map<string, number[]>();
  for (const line of block[1].split('\n')) {
    const cells = line.split('|').map((c) => c.trim()).filter(Boolean);
    if (cells.length === 4 && /^\d+$/.test(cells[1])) stated.set(cells[0].replace(/`/g, ''), cells.slice(1).map(Number));
  }
  for (const k of SOURCE_KINDS) {
    assert.deepEqual(stated.get(k), [counts.figures[k], counts.citations[k], counts.prices[k]], `SOURCES.md counts for ${k}`);
  }
  const nonNull = gpus.reduce((n, g) => n + SOURCED_FIELDS.filter((f) => g[f] !== null).length, 0);
  assert.equal(SOURCE_KINDS.reduce((n, k) => n + counts.figures[k], 0), nonNull);
});

test('every null figure has its reason in the record notes, and only null figures are listed', () => {
  for (const g of gpus) {
    const listed = nullFieldsInNotes(g.notes);
    for (const f of SOURCED_FIELDS) {
      if (g[f] === null) assert.ok((listed.get(f) ?? '').length > 5, `${g.id}.${f} is null but notes give no reason ("Null fields: ${f} (…)")`);
      else assert.ok(!listed.has(f), `${g.id}.${f} is listed as null but has a value`);
    }
    for (const k of listed.keys()) assert.ok((SOURCED_FIELDS as readonly string[]).includes(k), `${g.id}: unknown field ${k} in Null fields`);
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

test('core figures a reader checks first are present for every GPU; architecture and memory type only null with a reason', () => {
  for (const g of gpus) {
    assert.ok(g.memoryGB !== null && g.memoryGB > 0, `${g.id}.memoryGB`);
    assert.ok(g.memoryBandwidthGBps !== null && g.memoryBandwidthGBps > 0, `${g.id}.memoryBandwidthGBps`);
    assert.ok(g.fp32Tflops !== null && g.fp32Tflops > 0, `${g.id}.fp32Tflops`);
    const nulls = nullFieldsInNotes(g.notes);
    if (g.memoryType === null) assert.ok(nulls.has('memoryType'), `${g.id}.memoryType is null without a reason`);
    if (g.architecture === null) assert.ok(nulls.has('architecture'), `${g.id}.architecture is null without a reason`);
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

test('prices: never 0, a known tier, a read date in the source, provider rows from RunPod, third-party rows say so', () => {
  for (const p of prices.prices) {
    const label = `${p.gpuId}/${p.tier}`;
    assert.notEqual(p.usdPerHour, 0, `${label}: a tier that is not offered gets no row, not a price of 0`);
    if (p.usdPerSecond !== undefined) assert.notEqual(p.usdPerSecond, 0, label);
    assert.ok(readDates(p.source).length > 0, `${label}: the source does not say when it was read`);
    const kind = citationKind(p.source);
    if (p.tier.startsWith('serverless-')) assert.equal(kind, 'provider', `${label}: serverless prices come from RunPod's own docs`);
    if (kind === 'third-party') assert.match(p.source, /third-party/, `${label}: a third-party source must say it is one`);
    if (p.asOfNote !== undefined) assert.ok(p.asOfNote.length > 20, `${label}: asOfNote`);
  }
});

test('GPUs without a RunPod price are the ones SOURCES.md says have none', () => {
  const priced = new Set(prices.prices.map((p) => p.gpuId));
  const unpriced = gpus.map((g) => g.id).filter((id) => !priced.has(id)).sort();
  const block = /<!-- unpriced -->([\s\S]*?)<!-- \/unpriced -->/.exec(SOURCES_MD);
  assert.ok(block, 'SOURCES.md has no unpriced block');
  const listed = [...block[1].matchAll(/`([a-z0-9-]+)`/g)].map((m) => m[1]).sort();
  assert.deepEqual(listed, unpriced);
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
