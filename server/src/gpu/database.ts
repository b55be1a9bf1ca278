// The GPU data set the tables, tokens and refresh work on: the built-in spec records and cloud prices, with a
// team's own `.benchpress/gpus.json` and `.benchpress/prices.json` merged over them. Pure: no file system, no
// vscode. Merging never throws; everything wrong with a user file comes back as a problem with offsets.
import { isIsoDate } from '../base/dates';
import { withPart, type Locale, type Localized } from '../base/i18n';
import type { Node as JsonNode } from 'jsonc-parser';
import type { GpuRecord } from './data';
import type { Severity } from '../base/types';
import { editDistance, closest } from '../base/closest';
import { jsonProperties, jsonValue, parseJsonc } from '../base/jsonc';
import { USER_GPUS_FILE, USER_PRICES_FILE } from './paths';


/** One price: what a provider charges for one GPU for one hour on one tier (secure, community, spot, …). */
export interface PriceRow {
  gpuId: string;
  provider: string;
  tier: string;
  usdPerHour: number;
  usdPerSecond?: number;
  source: string;
  /** The date the price was read, `YYYY-MM-DD`. */
  asOf: string;
  asOfNote?: string;
  /** Display name of the provider when it is not one Benchpress knows (`"Vast.ai"`). */
  providerName?: string;
}

/** The built-in `gpus.json` shape. */
export interface GpuDataFile {
  schemaVersion: number;
  asOf: string;
  gpus: GpuRecord[];
}

/** The built-in `cloud-prices.json` shape. */
/** A set of prices of one provider on one date: the built-in `cloud-prices.json`, and what a price refresh saves. */
export interface PriceSnapshot {
  schemaVersion: 1;
  provider: string;
  /** YYYY-MM-DD */
  asOf: string;
  source: string;
  currency: string;
  prices: PriceRow[];
}

// ------------------------------------------------------------------------------------------------ fields

export type FieldKind = 'text' | 'number' | 'date' | 'usd' | 'segment' | 'list';

export interface FieldDef {
  key: string;
  label: { en: string; zh: string };
  /** A short label for source notes ("memory", "显存"). */
  short: { en: string; zh: string };
  unit?: string;
  kind: FieldKind;
  /** The figure needs a `sources` entry when it is not null. */
  sourced: boolean;
  /** Usable in tables and tokens (`aliases`, `sources`, `notes` are not). */
  tabular: boolean;
}

const f = (key: string, en: string, zh: string, kind: FieldKind, opts: { unit?: string; sourced?: boolean; tabular?: boolean; shortEn?: string; shortZh?: string } = {}): FieldDef => ({
  key,
  label: { en, zh },
  short: { en: opts.shortEn ?? en, zh: opts.shortZh ?? zh },
  unit: opts.unit,
  kind,
  sourced: opts.sourced ?? true,
  tabular: opts.tabular ?? true,
});

/** Every field of a GPU record, in display order, with its labels and format. */
export const FIELDS: readonly FieldDef[] = [
  f('name', 'Name', '名称', 'text', { sourced: false, shortEn: 'name' }),
  f('vendor', 'Vendor', '厂商', 'text', { sourced: false, shortEn: 'vendor' }),
  f('architecture', 'Architecture', '架构', 'text', { shortEn: 'architecture' }),
  f('segment', 'Segment', '定位', 'segment', { sourced: false, shortEn: 'segment' }),
  f('formFactor', 'Form factor', '外形规格', 'text', { shortEn: 'form factor' }),
  f('memoryGB', 'Memory', '显存容量', 'number', { unit: 'GB', shortEn: 'memory', shortZh: '显存' }),
  f('memoryType', 'Memory type', '显存类型', 'text', { shortEn: 'memory type' }),
  f('memoryBandwidthGBps', 'Memory bandwidth', '显存带宽', 'number', { unit: 'GB/s', shortEn: 'bandwidth', shortZh: '带宽' }),
  f('cudaCores', 'CUDA cores', 'CUDA 核心数', 'number'),
  f('fp32Tflops', 'FP32', 'FP32 算力', 'number', { unit: 'TFLOPS', shortZh: 'FP32' }),
  f('tf32TensorTflopsDense', 'TF32 Tensor (dense)', 'TF32 Tensor（稠密）', 'number', { unit: 'TFLOPS', shortEn: 'TF32', shortZh: 'TF32' }),
  f('bf16TensorTflopsDense', 'BF16 Tensor (dense)', 'BF16 Tensor（稠密）', 'number', { unit: 'TFLOPS', shortEn: 'BF16', shortZh: 'BF16' }),
  f('fp8TensorTflopsDense', 'FP8 Tensor (dense)', 'FP8 Tensor（稠密）', 'number', { unit: 'TFLOPS', shortEn: 'FP8', shortZh: 'FP8' }),
  f('tdpW', 'TDP', '功耗（TDP）', 'number', { unit: 'W', shortZh: '功耗' }),
  f('launchDate', 'Launch date', '发布时间', 'date', { shortEn: 'launch date' }),
  f('launchPriceUsd', 'Launch price', '首发价格', 'usd', { shortEn: 'launch price' }),
  f('aliases', 'Aliases', '别名', 'list', { sourced: false, tabular: false }),
  f('notes', 'Notes', '备注', 'text', { sourced: false, tabular: false }),
];

/** Short names a writer may use in `--fields` and tokens (`{{gpu:h100-sxm.memory}}`); markers store the key. */
export const FIELD_ALIASES: Readonly<Record<string, string>> = {
  memory: 'memoryGB', vram: 'memoryGB', mem: 'memoryGB',
  bandwidth: 'memoryBandwidthGBps', memorybandwidth: 'memoryBandwidthGBps',
  cores: 'cudaCores', arch: 'architecture',
  fp32: 'fp32Tflops', tf32: 'tf32TensorTflopsDense', bf16: 'bf16TensorTflopsDense', fp8: 'fp8TensorTflopsDense',
  tdp: 'tdpW', power: 'tdpW',
  launch: 'launchDate', released: 'launchDate', price: 'launchPriceUsd', msrp: 'launchPriceUsd', launchprice: 'launchPriceUsd',
};

const FIELD_BY_KEY = new Map(FIELDS.map((d) => [d.key.toLowerCase(), d]));
export const SOURCED_FIELDS: readonly string[] = FIELDS.filter((d) => d.sourced).map((d) => d.key);
export const TABLE_FIELDS: readonly string[] = FIELDS.filter((d) => d.tabular).map((d) => d.key);

/** A field by key, case-insensitively (`memorygb` → memoryGB), or by a short alias (`memory`, `tdp`, `bf16`). */
export function fieldByKey(key: string): FieldDef | undefined {
  const k = key.trim().toLowerCase();
  return FIELD_BY_KEY.get(k) ?? FIELD_BY_KEY.get((FIELD_ALIASES[k.replace(/[\s_-]+/g, '')] ?? '').toLowerCase());
}

/** The closest field key to a misspelled one, for "did you mean" (units at the end of keys are optional). */
export function closestField(key: string, tabularOnly = true): string | undefined {
  const defs = FIELDS.filter((d) => !tabularOnly || d.tabular);
  const byStem = new Map<string, string>();
  for (const d of defs) {
    byStem.set(d.key, d.key);
    byStem.set(d.key.replace(/(GBps|GB|TflopsDense|Tflops|Usd|W)$/, ''), d.key);
  }
  for (const [alias, target] of Object.entries(FIELD_ALIASES)) if (defs.some((d) => d.key === target)) byStem.set(alias, target);
  const hit = closest(key, byStem.keys());
  return hit === undefined ? undefined : byStem.get(hit);
}

export const NULL_CELL = '—';

/** `1008` → "1,008" (en) / "1008" (zh-cn); at most `maxDecimals` decimals, trailing zeros dropped. */
export function formatNumber(n: number, lang: Locale, maxDecimals = 2, fixed = false): string {
  if (!Number.isFinite(n)) return NULL_CELL;
  let s = n.toFixed(maxDecimals);
  if (!fixed && s.includes('.')) s = s.replace(/\.?0+$/, '');
  const negative = s.startsWith('-');
  if (negative) s = s.slice(1);
  const [int, frac] = s.split('.');
  const grouped = lang === 'en' ? int.replace(/\B(?=(\d{3})+(?!\d))/g, ',') : int;
  return `${negative ? '-' : ''}${grouped}${frac !== undefined ? '.' + frac : ''}`;
}

/** US dollars: "$1,599" / "$3.99" (en), "1599 美元" (zh-cn). */
export function formatUsd(n: number, lang: Locale, maxDecimals = 3, fixed = false): string {
  const s = formatNumber(n, lang, maxDecimals, fixed);
  return lang === 'zh-cn' ? `${s} 美元` : `$${s}`;
}

const SEGMENTS: Record<string, { en: string; zh: string }> = {
  consumer: { en: 'Consumer', zh: '消费级' },
  workstation: { en: 'Workstation', zh: '工作站' },
  datacenter: { en: 'Data center', zh: '数据中心' },
};

/** A field value as a table cell or expanded token shows it; null → "—". */
export function formatField(field: FieldDef | string, value: unknown, lang: Locale): string {
  const def = typeof field === 'string' ? fieldByKey(field) : field;
  if (value === null || value === undefined || value === '') return NULL_CELL;
  if (!def) return String(value);
  switch (def.kind) {
    case 'number':
      return typeof value === 'number' ? `${formatNumber(value, lang)}${def.unit ? ' ' + def.unit : ''}` : String(value);
    case 'usd':
      return typeof value === 'number' ? formatUsd(value, lang) : String(value);
    case 'segment': {
      const s = SEGMENTS[String(value)];
      return s ? (lang === 'zh-cn' ? s.zh : s.en) : String(value);
    }
    case 'list':
      return Array.isArray(value) ? value.join(', ') : String(value);
    default:
      return String(value);
  }
}

export function fieldLabel(field: FieldDef, lang: Locale, short = false): string {
  const l = short ? field.short : field.label;
  return lang === 'zh-cn' ? l.zh : l.en;
}

// ------------------------------------------------------------------------------------------------ labels

const PROVIDERS: Record<string, { en: string; zh: string }> = {
  runpod: { en: 'RunPod', zh: 'RunPod' },
  lambda: { en: 'Lambda', zh: 'Lambda' },
  'vast-ai': { en: 'Vast.ai', zh: 'Vast.ai' },
  vastai: { en: 'Vast.ai', zh: 'Vast.ai' },
  coreweave: { en: 'CoreWeave', zh: 'CoreWeave' },
  aws: { en: 'AWS', zh: 'AWS' },
  gcp: { en: 'Google Cloud', zh: 'Google Cloud' },
  azure: { en: 'Azure', zh: 'Azure' },
  autodl: { en: 'AutoDL', zh: 'AutoDL' },
  aliyun: { en: 'Alibaba Cloud', zh: '阿里云' },
  'tencent-cloud': { en: 'Tencent Cloud', zh: '腾讯云' },
};

const TIERS: Record<string, { en: string; zh: string }> = {
  secure: { en: 'Secure Cloud', zh: '安全云（Secure Cloud）' },
  community: { en: 'Community Cloud', zh: '社区云（Community Cloud）' },
  'serverless-flex': { en: 'Serverless (flex)', zh: 'Serverless（弹性 Flex）' },
  'serverless-active': { en: 'Serverless (active)', zh: 'Serverless（常驻 Active）' },
  'on-demand': { en: 'On demand', zh: '按需' },
  spot: { en: 'Spot', zh: '竞价（Spot）' },
  reserved: { en: 'Reserved', zh: '预留' },
};

export function providerLabel(provider: string, lang: Locale, row?: Pick<PriceRow, 'providerName'>): string {
  if (row?.providerName) return row.providerName;
  const p = PROVIDERS[provider];
  return p ? (lang === 'zh-cn' ? p.zh : p.en) : provider;
}

export function tierLabel(tier: string, lang: Locale): string {
  const t = TIERS[tier];
  return t ? (lang === 'zh-cn' ? t.zh : t.en) : tier;
}

/** "NVIDIA GeForce RTX 4090" → "RTX 4090", for column headers and change summaries. */
export function shortName(gpu: Pick<GpuRecord, 'name'>): string {
  return gpu.name.replace(/^NVIDIA\s+/i, '').replace(/^GeForce\s+/i, '').trim() || gpu.name;
}

// ------------------------------------------------------------------------------------------------ database

const norm = (s: string) => s.trim().toLowerCase().replace(/\s+/g, ' ');

export interface GpuDatabaseInput {
  gpus: readonly GpuRecord[];
  prices?: readonly PriceRow[];
  /** Date of the spec data (`gpus.json` `asOf`). */
  asOf: string;
  /** Date of the price file (`cloud-prices.json` `asOf`); each row also has its own. */
  pricesAsOf?: string;
  /** Per-GPU data date where it differs from `asOf` (records from a user file with its own `asOf`). */
  gpuAsOf?: ReadonlyMap<string, string>;
}

export class GpuDatabase {
  readonly gpus: readonly GpuRecord[];
  readonly prices: readonly PriceRow[];
  readonly asOf: string;
  readonly pricesAsOf: string;
  private readonly byId = new Map<string, GpuRecord>();
  private readonly byName = new Map<string, GpuRecord>();
  private readonly gpuAsOf: ReadonlyMap<string, string>;

  constructor(input: GpuDatabaseInput) {
    this.gpus = input.gpus;
    this.prices = input.prices ?? [];
    this.asOf = input.asOf;
    this.pricesAsOf = input.pricesAsOf ?? input.asOf;
    this.gpuAsOf = input.gpuAsOf ?? new Map();
    for (const g of this.gpus) this.byId.set(g.id, g);
    // Ids win over names, names over aliases; the first record claims a shared alias.
    for (const g of this.gpus) this.byName.set(norm(g.id), g);
    for (const g of this.gpus) if (!this.byName.has(norm(g.name))) this.byName.set(norm(g.name), g);
    for (const g of this.gpus) for (const a of g.aliases ?? []) if (!this.byName.has(norm(a))) this.byName.set(norm(a), g);
  }

  static fromFiles(gpuFile: GpuDataFile, priceFile?: PriceSnapshot): GpuDatabase {
    const prices = (priceFile?.prices ?? []).map((p) => ({ ...p, provider: p.provider ?? priceFile?.provider ?? '' }));
    return new GpuDatabase({ gpus: gpuFile.gpus, prices, asOf: gpuFile.asOf, pricesAsOf: priceFile?.asOf });
  }

  /** A record by its id (case-insensitive). */
  get(id: string): GpuRecord | undefined {
    return this.byId.get(id) ?? this.byId.get(id.trim().toLowerCase());
  }

  /** A record by id, name or alias (case-insensitive): `H100`, `RTX 4090`, `NVIDIA H100 80GB HBM3`. */
  find(query: string): GpuRecord | undefined {
    return this.get(query) ?? this.byName.get(norm(query));
  }

  get ids(): string[] {
    return this.gpus.map((g) => g.id);
  }

  /** The date of one GPU's spec data. */
  asOfFor(id: string): string {
    return this.gpuAsOf.get(id) ?? this.asOf;
  }

  /** The ids closest to a misspelled id or name, best first (at most `max`). */
  closeIds(query: string, max = 3): string[] {
    const q = norm(query).replace(/\s+/g, '-');
    if (!q) return [];
    const scored: { id: string; d: number }[] = [];
    for (const g of this.gpus) {
      let best = Infinity;
      // Ids first: a name or alias counts half an edit further away.
      [g.id, g.name, ...(g.aliases ?? [])].forEach((name, i) => {
        const n = norm(name).replace(/\s+/g, '-');
        const d = (n.includes(q) || q.includes(n) ? Math.abs(n.length - q.length) / 4 : editDistance(q, n, 6)) + (i === 0 ? 0 : 0.5);
        if (d < best) best = d;
      });
      if (best <= Math.max(2, Math.floor(q.length / 3))) scored.push({ id: g.id, d: best });
    }
    return scored.sort((a, b) => a.d - b.d || a.id.localeCompare(b.id)).slice(0, max).map((s) => s.id);
  }

  /** The prices of one GPU, in data order, optionally for some providers and tiers only. */
  pricesFor(gpuId: string, filter: { providers?: readonly string[]; tiers?: readonly string[] } = {}): PriceRow[] {
    const providers = filter.providers?.map((p) => p.toLowerCase());
    const tiers = filter.tiers?.map((t) => t.toLowerCase());
    return this.prices.filter((p) => p.gpuId === gpuId && (!providers || providers.includes(p.provider)) && (!tiers || tiers.includes(p.tier)));
  }

  /** Provider ids that have at least one price. */
  get providers(): string[] {
    return [...new Set(this.prices.map((p) => p.provider))];
  }
}

/** "Unknown GPU "h100"; did you mean h100-sxm, h100-pcie?" in the writer's language. */
export function unknownGpuMessage(db: GpuDatabase, id: string, lang: Locale = 'en'): string {
  const near = db.closeIds(id);
  if (lang === 'zh-cn') {
    return near.length > 0 ? `未知的 GPU “${id}”，是否指 ${near.join('、')}？` : `未知的 GPU “${id}”。可用的 id：${db.ids.join('、')}`;
  }
  return near.length > 0 ? `Unknown GPU "${id}"; did you mean ${near.join(', ')}?` : `Unknown GPU "${id}". Known ids: ${db.ids.join(', ')}`;
}

// ------------------------------------------------------------------------------------------------ user data

export { USER_GPUS_FILE, USER_PRICES_FILE };

export interface DataProblem {
  /** The user file the problem is in (`.benchpress/gpus.json` unless other paths were given). */
  path: string;
  /** Offsets in that file. */
  start: number;
  end: number;
  message: Localized;
  severity: Severity;
}

export interface MergeResult {
  db: GpuDatabase;
  problems: DataProblem[];
}

const ID_PATTERN = /^[a-z0-9]+(?:-[a-z0-9]+)*$/;
/** A real calendar month or day, `YYYY-MM` or `YYYY-MM-DD` (the forms launch dates take). */
export const isDate = (s: string): boolean => isIsoDate(s, { allowMonth: true });
export const isFullDate = (s: unknown): s is string => isIsoDate(s);

const span = (n: JsonNode | undefined, fallback = 0) => (n ? { start: n.offset, end: n.offset + n.length } : { start: fallback, end: fallback + 1 });
/** The opening brace of an object: underlining a whole record would cover the screen. */
const head = (n: JsonNode) => ({ start: n.offset, end: n.offset + 1 });


/** A value as an English message names it; `describeZh` as a Chinese one does. */
const describe = (v: unknown) => (v === null ? 'null' : Array.isArray(v) ? 'a list' : typeof v === 'object' ? 'an object' : typeof v === 'string' ? `"${v}"` : String(v));
const describeZh = (v: unknown) => (Array.isArray(v) ? '列表' : typeof v === 'object' && v !== null ? '对象' : describe(v));
const unknownField = (key: string, near: string | undefined): Localized => {
  const hint = didYouMean(near);
  return { en: `Unknown field "${key}"${hint.en}; ignored.`, zh: `未知的字段“${key}”${hint.zh}；未生效。` };
};
const unreadable = (file: string, error: unknown): Localized => {
  const reason = (error as Error)?.message ?? String(error);
  return { en: `${file} could not be read: ${reason}`, zh: `无法读取 ${file}：${reason}` };
};
/** " (did you mean "x"?)" in each language, or nothing. */
const didYouMean = (near: string | undefined) => ({ en: near ? ` (did you mean "${near}"?)` : '', zh: near ? `（是否指“${near}”？）` : '' });

/** Checks one value against a field's kind; returns a message or undefined. */
function checkFieldValue(def: FieldDef, v: unknown): Localized | undefined {
  const k = def.key;
  if (v === null) return k === 'name' ? { en: '"name" cannot be null', zh: '“name”不能为 null' } : undefined;
  switch (def.kind) {
    case 'number':
      if (typeof v !== 'number' || !Number.isFinite(v) || v <= 0) return { en: `"${k}" must be a positive number${def.unit ? ` in ${def.unit}` : ''} or null, not ${describe(v)}`, zh: `“${k}”应为正数${def.unit ? `（单位 ${def.unit}）` : ''}或 null，而不是 ${describeZh(v)}` };
      if (k === 'cudaCores' && !Number.isInteger(v)) return { en: '"cudaCores" must be a whole number', zh: '“cudaCores”应为整数' };
      return undefined;
    case 'usd':
      return typeof v === 'number' && Number.isFinite(v) && v > 0 ? undefined : { en: `"${k}" must be a positive number of US dollars or null, not ${describe(v)}`, zh: `“${k}”应为以美元计的正数或 null，而不是 ${describeZh(v)}` };
    case 'date':
      return typeof v === 'string' && isDate(v) ? undefined : { en: `"${k}" must be a date as YYYY-MM or YYYY-MM-DD, not ${describe(v)}`, zh: `“${k}”应为 YYYY-MM 或 YYYY-MM-DD 格式的日期，而不是 ${describeZh(v)}` };
    case 'segment': {
      const known = Object.keys(SEGMENTS).map((x) => `"${x}"`);
      return typeof v === 'string' && v in SEGMENTS ? undefined : { en: `"segment" must be one of ${known.join(', ')}, not ${describe(v)}`, zh: `“segment”应为以下之一：${known.join('、')}，而不是 ${describeZh(v)}` };
    }
    case 'list':
      return Array.isArray(v) && v.every((x) => typeof x === 'string' && x.trim() !== '') ? undefined : { en: `"${k}" must be a list of non-empty strings`, zh: `“${k}”应为非空字符串的列表` };
    default:
      return typeof v === 'string' && v.trim() !== '' ? undefined : { en: `"${k}" must be a non-empty string or null, not ${describe(v)}`, zh: `“${k}”应为非空字符串或 null，而不是 ${describeZh(v)}` };
  }
}

interface ParsedFile {
  root?: JsonNode;
  problems: DataProblem[];
}

function parseUserFile(text: string, file: string): ParsedFile {
  const parsed = parseJsonc(text);
  if ('error' in parsed) {
    const { start, end, reason } = parsed.error;
    return { problems: [{ path: file, start, end, severity: 'error', message: { en: `${file} is not valid JSON (${reason}); none of it is used until it is fixed.`, zh: `${file} 不是有效的 JSON（${reason}）；修正之前其中的内容都不使用。` } }] };
  }
  return { root: parsed.root, problems: [] };
}

/** The list in a user file: `{ "<key>": [...] }` (the built-in shape) or a bare list. */
function fileList(root: JsonNode, key: 'gpus' | 'prices', file: string, problems: DataProblem[], allowedTop: string[]): { list?: JsonNode; top: Map<string, JsonNode> } {
  const top = new Map<string, JsonNode>();
  if (root.type === 'array') return { list: root, top };
  if (root.type !== 'object') {
    problems.push({ path: file, ...span(root), severity: 'error', message: { en: `${file} must be an object with a "${key}" list (the same shape as the built-in data).`, zh: `${file} 应为带 "${key}" 列表的对象（与内置数据的结构相同）。` } });
    return { top };
  }
  for (const p of jsonProperties(root)) {
    if (p.key === key || p.key === '$schema') continue;
    if (!allowedTop.includes(p.key)) {
      const near = closest(p.key, [key, ...allowedTop]);
      const hint = didYouMean(near);
      problems.push({ path: file, ...span(p.keyNode), severity: 'warning', message: { en: `Unknown key "${p.key}"${hint.en}; ignored.`, zh: `未知的键“${p.key}”${hint.zh}；未生效。` } });
      continue;
    }
    top.set(p.key, p.value);
  }
  const schema = top.get('schemaVersion');
  if (schema && schema.value !== 1) problems.push({ path: file, ...span(schema), severity: 'warning', message: { en: `"schemaVersion" ${describe(schema.value)} is not supported; Benchpress reads version 1.`, zh: `不支持 “schemaVersion” ${describeZh(schema.value)}；Benchpress 读取版本 1。` } });
  const list = jsonProperties(root).find((p) => p.key === key)?.value;
  if (!list) {
    problems.push({ path: file, ...head(root), severity: 'error', message: { en: `${file} has no "${key}" list; nothing in it is used.`, zh: `${file} 没有 "${key}" 列表；其中的内容都不使用。` } });
    return { top };
  }
  if (list.type !== 'array') {
    problems.push({ path: file, ...span(list), severity: 'error', message: { en: `"${key}" must be a list.`, zh: `“${key}”应为列表。` } });
    return { top };
  }
  return { list, top };
}

function cloneRecord(g: GpuRecord): GpuRecord {
  return { ...g, aliases: [...(g.aliases ?? [])], sources: { ...g.sources } };
}

function emptyRecord(id: string): GpuRecord {
  return {
    id, name: '', aliases: [], vendor: null, architecture: null, segment: null, formFactor: null, memoryGB: null, memoryType: null,
    memoryBandwidthGBps: null, cudaCores: null, fp32Tflops: null, tf32TensorTflopsDense: null, bf16TensorTflopsDense: null,
    fp8TensorTflopsDense: null, tdpW: null, launchDate: null, launchPriceUsd: null, sources: {}, notes: '',
  };
}

function mergeGpus(builtin: GpuDatabase, text: string, file: string, problems: DataProblem[]): { gpus: GpuRecord[]; asOf?: string; touched: Set<string> } {
  const gpus = builtin.gpus.map(cloneRecord);
  const touched = new Set<string>();
  const parsed = parseUserFile(text, file);
  problems.push(...parsed.problems);
  if (!parsed.root) return { gpus, touched };
  const { list, top } = fileList(parsed.root, 'gpus', file, problems, ['schemaVersion', 'asOf']);
  let asOf: string | undefined;
  const asOfNode = top.get('asOf');
  if (asOfNode) {
    if (isFullDate(asOfNode.value)) asOf = asOfNode.value;
    else problems.push({ path: file, ...span(asOfNode), severity: 'warning', message: { en: `"asOf" must be a date as YYYY-MM-DD, not ${describe(asOfNode.value)}; ignored.`, zh: `“asOf”应为 YYYY-MM-DD 格式的日期，而不是 ${describeZh(asOfNode.value)}；未生效。` } });
  }
  if (!list) return { gpus, asOf, touched };
  const seen = new Set<string>();
  for (const el of list.children ?? []) {
    const problem = (n: { start: number; end: number }, message: Localized, severity: Severity = 'error') => problems.push({ path: file, ...n, message, severity });
    if (el.type !== 'object') {
      problem(span(el), { en: `Each GPU must be an object like { "id": "rtx-4080", "name": "…", … }, not ${describe(jsonValue(el))}.`, zh: `每款 GPU 应为 { "id": "rtx-4080", "name": "…", … } 这样的对象，而不是 ${describeZh(jsonValue(el))}。` });
      continue;
    }
    const fields = jsonProperties(el);
    const idProp = fields.find((p) => p.key === 'id');
    if (!idProp) {
      problem(head(el), { en: 'This GPU has no "id"; it is ignored. Use the id of a built-in GPU to change it, or a new lower-case id (e.g. "rtx-4080") to add one.', zh: '这款 GPU 没有 "id"，未生效。要修改内置 GPU 请用它的 id；要新增请用新的小写 id（如 "rtx-4080"）。' });
      continue;
    }
    const id = idProp.value.value;
    if (typeof id !== 'string' || !ID_PATTERN.test(id)) {
      problem(span(idProp.value), { en: `"id" must be lower-case letters, digits and hyphens (e.g. "rtx-4080"), not ${describe(id)}; this GPU is ignored.`, zh: `“id”应由小写字母、数字和连字符组成（如 "rtx-4080"），而不是 ${describeZh(id)}；这款 GPU 未生效。` });
      continue;
    }
    if (seen.has(id)) {
      problem(span(idProp.value), { en: `"${id}" appears twice in ${file}; the second one is ignored. Put all changes to one GPU in one record.`, zh: `“${id}”在 ${file} 中出现了两次；第二次未生效。对同一款 GPU 的修改请写在一条记录里。` });
      continue;
    }
    seen.add(id);
    const index = gpus.findIndex((g) => g.id === id);
    const existing = index >= 0;
    const nameProp = fields.find((p) => p.key === 'name');
    if (!existing && !nameProp) {
      const near = builtin.closeIds(id);
      problem(span(idProp.value), {
        en: `"${id}" is not a built-in GPU, so it is added as a new one and needs a "name" (e.g. "NVIDIA GeForce RTX 4080"); it is ignored.${near.length ? ` To change a built-in GPU use its id: ${near.join(', ')}.` : ''}`,
        zh: `“${id}”不是内置 GPU，会作为新 GPU 加入，因此需要 "name"（如 "NVIDIA GeForce RTX 4080"）；未生效。${near.length ? `要修改内置 GPU 请用它的 id：${near.join('、')}。` : ''}`,
      });
      continue;
    }
    const record = existing ? cloneRecord(gpus[index]) : emptyRecord(id);

    // The record's own sources: every figure it sets needs one.
    const userSources = new Map<string, { text: string; node: JsonNode; used: boolean }>();
    const sourcesProp = fields.find((p) => p.key === 'sources');
    if (sourcesProp) {
      if (sourcesProp.value.type !== 'object') {
        problem(span(sourcesProp.value), { en: '"sources" must be an object of field → URL or citation, e.g. { "memoryGB": "https://… — vendor datasheet" }.', zh: '“sources”应为“字段 → 网址或出处”的对象，如 { "memoryGB": "https://… — 厂商规格书" }。' });
      } else {
        for (const s of jsonProperties(sourcesProp.value)) {
          const def = fieldByKey(s.key);
          if (!def || def.key !== s.key || !def.sourced) {
            const near = closest(s.key, SOURCED_FIELDS);
            const hint = didYouMean(near);
            problem(span(s.keyNode), { en: `"sources" names "${s.key}", which is not a figure that takes a source${hint.en}; ignored.`, zh: `“sources”中的“${s.key}”不是需要出处的数据${hint.zh}；未生效。` }, 'warning');
            continue;
          }
          if (typeof s.value.value !== 'string' || s.value.value.trim() === '') {
            problem(span(s.value), { en: `The source of "${s.key}" must be a non-empty string: a URL or a citation (document, page, date).`, zh: `“${s.key}”的出处应为非空字符串：网址或引文（文档、页码、日期）。` });
            continue;
          }
          userSources.set(s.key, { text: s.value.value.trim(), node: s.keyNode, used: false });
        }
      }
    }

    let changed = false;
    for (const p of fields) {
      if (p.key === 'id' || p.key === 'sources') continue;
      const def = fieldByKey(p.key);
      if (!def || def.key !== p.key) {
        const near = def?.key ?? closest(p.key, FIELDS.map((d) => d.key));
        problem(span(p.keyNode), unknownField(p.key, near), 'warning');
        continue;
      }
      const value = jsonValue(p.value);
      const bad = checkFieldValue(def, value);
      if (bad) {
        problem(span(p.value), withPart(bad, (b) => `${id}: ${b}; ignored.`, (b) => `${id}：${b}；未生效。`));
        continue;
      }
      const rec = record as unknown as Record<string, unknown>;
      if (def.sourced) {
        const source = userSources.get(def.key);
        if (value === null) {
          rec[def.key] = null;
          delete record.sources[def.key];
          if (source) source.used = true;
          changed = true;
          continue;
        }
        if (!source) {
          problem(span(p.value), {
            en: `${id}.${def.key} = ${describe(value)} has no source: add "sources": { "${def.key}": "<URL or citation>" } to this record. Benchpress never shows a figure without one; the value is ignored.`,
            zh: `${id}.${def.key} = ${describeZh(value)} 没有出处：请在这条记录里加上 "sources": { "${def.key}": "<网址或引文>" }。Benchpress 不显示没有出处的数据；此值未生效。`,
          });
          continue;
        }
        source.used = true;
        rec[def.key] = value;
        record.sources[def.key] = source.text;
        changed = true;
        continue;
      }
      if (def.key === 'aliases') {
        const taken = new Map<string, string>();
        for (const g of gpus) if (g.id !== id) for (const n of [g.id, g.name, ...(g.aliases ?? [])]) taken.set(norm(n), g.id);
        const mine = new Set((record.aliases ?? []).map(norm));
        (p.value.children ?? []).forEach((aliasNode) => {
          const alias = String(aliasNode.value).trim();
          const owner = taken.get(norm(alias));
          if (owner) {
            problem(span(aliasNode), { en: `The alias "${alias}" already names ${owner}; ignored (an alias must name one GPU).`, zh: `别名“${alias}”已经指 ${owner}；未生效（一个别名只能指一款 GPU）。` }, 'warning');
            return;
          }
          if (!mine.has(norm(alias))) {
            record.aliases.push(alias);
            mine.add(norm(alias));
          }
        });
        changed = true;
        continue;
      }
      rec[def.key] = value;
      changed = true;
    }
    for (const [key, s] of userSources) {
      if (!s.used) problem(span(s.node), { en: `${id}: a source for "${key}" without a value for it in this record; give the value too (a source belongs to a figure). Ignored.`, zh: `${id}：有“${key}”的出处，但这条记录里没有它的值；请一并给出值（出处属于某个数据）。未生效。` }, 'warning');
    }
    if (existing) {
      gpus[index] = record;
    } else {
      const clash = gpus.find((g) => norm(g.name) === norm(record.name) || (g.aliases ?? []).some((a) => norm(a) === norm(record.name)));
      if (clash && nameProp) problem(span(nameProp.value), { en: `The name "${record.name}" already names ${clash.id}; to change that GPU use "id": "${clash.id}".`, zh: `名称“${record.name}”已经指 ${clash.id}；要修改那款 GPU 请用 "id": "${clash.id}"。` }, 'warning');
      gpus.push(record);
    }
    if (changed || !existing) touched.add(id);
  }
  return { gpus, asOf, touched };
}

const PRICE_KEYS = ['gpuId', 'provider', 'providerName', 'tier', 'usdPerHour', 'usdPerSecond', 'source', 'asOf', 'asOfNote'];

function mergePrices(builtin: readonly PriceRow[], db: GpuDatabase, text: string, file: string, problems: DataProblem[]): { prices: PriceRow[]; asOf?: string } {
  const prices = builtin.map((p) => ({ ...p }));
  const parsed = parseUserFile(text, file);
  problems.push(...parsed.problems);
  if (!parsed.root) return { prices };
  const { list, top } = fileList(parsed.root, 'prices', file, problems, ['schemaVersion', 'provider', 'providerName', 'asOf', 'source', 'currency']);
  const currency = top.get('currency');
  if (currency && currency.value !== 'USD') {
    problems.push({ path: file, ...span(currency), severity: 'error', message: { en: `Only "USD" prices are supported, not ${describe(currency.value)}; none of the prices in this file are used.`, zh: `只支持 "USD" 价格，不支持 ${describeZh(currency.value)}；此文件中的价格都不使用。` } });
    return { prices };
  }
  const defaults: Record<string, { value: unknown; node: JsonNode }> = {};
  for (const key of ['provider', 'providerName', 'asOf', 'source']) {
    const n = top.get(key);
    if (n) defaults[key] = { value: n.value, node: n };
  }
  if (defaults.asOf && !isFullDate(defaults.asOf.value)) {
    problems.push({ path: file, ...span(defaults.asOf.node), severity: 'error', message: { en: `"asOf" must be the date the prices were read, as YYYY-MM-DD, not ${describe(defaults.asOf.value)}.`, zh: `“asOf”应为读取价格的日期，格式 YYYY-MM-DD，而不是 ${describeZh(defaults.asOf.value)}。` } });
    delete defaults.asOf;
  }
  if (!list) return { prices };
  const seen = new Set<string>();
  for (const el of list.children ?? []) {
    const problem = (n: { start: number; end: number }, message: Localized, severity: Severity = 'error') => problems.push({ path: file, ...n, message, severity });
    if (el.type !== 'object') {
      problem(span(el), {
        en: `Each price must be an object like { "gpuId": "h100-sxm", "provider": "runpod", "tier": "secure", "usdPerHour": 2.99, "source": "…", "asOf": "2026-11-25" }, not ${describe(jsonValue(el))}.`,
        zh: `每条价格应为 { "gpuId": "h100-sxm", "provider": "runpod", "tier": "secure", "usdPerHour": 2.99, "source": "…", "asOf": "2026-11-25" } 这样的对象，而不是 ${describeZh(jsonValue(el))}。`,
      });
      continue;
    }
    const fields = new Map(jsonProperties(el).map((p) => [p.key, p]));
    for (const p of fields.values()) {
      if (!PRICE_KEYS.includes(p.key)) {
        const near = closest(p.key, PRICE_KEYS);
        problem(span(p.keyNode), unknownField(p.key, near), 'warning');
      }
    }
    const value = (key: string) => (fields.has(key) ? fields.get(key)!.value.value : defaults[key]?.value);
    const where = (key: string) => (fields.has(key) ? span(fields.get(key)!.value) : head(el));
    const gpuId = value('gpuId');
    if (typeof gpuId !== 'string' || gpuId.trim() === '') {
      problem(where('gpuId'), { en: 'This price has no "gpuId" (e.g. "h100-sxm"); it is ignored.', zh: '这条价格没有 "gpuId"（如 "h100-sxm"）；未生效。' });
      continue;
    }
    if (!db.get(gpuId)) {
      problem(where('gpuId'), { en: `${unknownGpuMessage(db, gpuId)} This price is ignored (add the GPU to .benchpress/gpus.json first).`, zh: `${unknownGpuMessage(db, gpuId, 'zh-cn')}这条价格未生效（请先把这款 GPU 加入 .benchpress/gpus.json）。` });
      continue;
    }
    const provider = value('provider');
    if (typeof provider !== 'string' || !ID_PATTERN.test(provider)) {
      problem(where('provider'), { en: `"provider" must be a lower-case id such as "runpod" or "vast-ai"${provider === undefined ? '' : `, not ${describe(provider)}`}; this price is ignored.`, zh: `“provider”应为 "runpod"、"vast-ai" 这样的小写 id${provider === undefined ? '' : `，而不是 ${describeZh(provider)}`}；这条价格未生效。` });
      continue;
    }
    const tier = value('tier');
    if (typeof tier !== 'string' || !ID_PATTERN.test(tier)) {
      problem(where('tier'), { en: `"tier" must be a lower-case id such as "secure", "community", "on-demand" or "spot"${tier === undefined ? '' : `, not ${describe(tier)}`}; this price is ignored.`, zh: `“tier”应为 "secure"、"community"、"on-demand" 或 "spot" 这样的小写 id${tier === undefined ? '' : `，而不是 ${describeZh(tier)}`}；这条价格未生效。` });
      continue;
    }
    const perHour = value('usdPerHour');
    const perSecond = value('usdPerSecond');
    const positive = (v: unknown) => typeof v === 'number' && Number.isFinite(v) && v > 0;
    if (perHour !== undefined && !positive(perHour)) {
      problem(where('usdPerHour'), { en: `"usdPerHour" must be a positive number, not ${describe(perHour)}; this price is ignored.`, zh: `“usdPerHour”应为正数，而不是 ${describeZh(perHour)}；这条价格未生效。` });
      continue;
    }
    if (perSecond !== undefined && !positive(perSecond)) {
      problem(where('usdPerSecond'), { en: `"usdPerSecond" must be a positive number, not ${describe(perSecond)}; this price is ignored.`, zh: `“usdPerSecond”应为正数，而不是 ${describeZh(perSecond)}；这条价格未生效。` });
      continue;
    }
    if (perHour === undefined && perSecond === undefined) {
      problem(head(el), { en: `${gpuId} ${provider}/${tier}: give "usdPerHour" (or "usdPerSecond" for per-second billing); this price is ignored.`, zh: `${gpuId} ${provider}/${tier}：请给出 "usdPerHour"（按秒计费时给出 "usdPerSecond"）；这条价格未生效。` });
      continue;
    }
    const hourly = perHour !== undefined ? (perHour as number) : Math.round((perSecond as number) * 3600 * 1e6) / 1e6;
    if (perHour !== undefined && perSecond !== undefined && Math.abs((perSecond as number) * 3600 - hourly) > Math.max(0.001, hourly * 0.001)) {
      const product = ((perSecond as number) * 3600).toFixed(4);
      problem(where('usdPerSecond'), { en: `${gpuId} ${provider}/${tier}: usdPerSecond × 3600 = ${product} does not match usdPerHour ${hourly}; this price is ignored.`, zh: `${gpuId} ${provider}/${tier}：usdPerSecond × 3600 = ${product}，与 usdPerHour ${hourly} 不符；这条价格未生效。` });
      continue;
    }
    if (hourly >= 1000) {
      problem(where(perHour !== undefined ? 'usdPerHour' : 'usdPerSecond'), { en: `${gpuId} ${provider}/${tier}: $${hourly} per GPU-hour is not plausible (a price is per GPU and hour); this price is ignored.`, zh: `${gpuId} ${provider}/${tier}：每 GPU 小时 $${hourly} 不合常理（价格按每张 GPU、每小时计）；这条价格未生效。` });
      continue;
    }
    const source = value('source');
    if (typeof source !== 'string' || source.trim() === '') {
      problem(where('source'), { en: `${gpuId} ${provider}/${tier} has no "source": give the URL or citation the price was read from (or a file-level "source"). Benchpress never shows a figure without one; this price is ignored.`, zh: `${gpuId} ${provider}/${tier} 没有 "source"：请给出价格所取自的网址或引文（或文件级的 "source"）。Benchpress 不显示没有出处的数据；这条价格未生效。` });
      continue;
    }
    const asOf = value('asOf');
    if (!isFullDate(asOf)) {
      problem(where('asOf'), { en: `${gpuId} ${provider}/${tier}: "asOf" must be the date the price was read, as YYYY-MM-DD${asOf === undefined ? ' (or a file-level "asOf")' : `, not ${describe(asOf)}`}; this price is ignored.`, zh: `${gpuId} ${provider}/${tier}：“asOf”应为读取价格的日期，格式 YYYY-MM-DD${asOf === undefined ? '（或文件级的 "asOf"）' : `，而不是 ${describeZh(asOf)}`}；这条价格未生效。` });
      continue;
    }
    const key = `${gpuId}\u0000${provider}\u0000${tier}`;
    if (seen.has(key)) {
      problem(head(el), { en: `${gpuId} ${provider}/${tier} appears twice in ${file}; the second one is ignored.`, zh: `${gpuId} ${provider}/${tier} 在 ${file} 中出现了两次；第二次未生效。` });
      continue;
    }
    seen.add(key);
    const row: PriceRow = { gpuId, provider, tier, usdPerHour: hourly, source: source.trim(), asOf };
    if (perSecond !== undefined) row.usdPerSecond = perSecond as number;
    const note = value('asOfNote');
    if (typeof note === 'string' && note.trim()) row.asOfNote = note.trim();
    const providerName = value('providerName');
    if (typeof providerName === 'string' && providerName.trim()) row.providerName = providerName.trim();
    const at = prices.findIndex((p) => p.gpuId === gpuId && p.provider === provider && p.tier === tier);
    if (at >= 0) prices[at] = row;
    else prices.push(row);
  }
  const asOf = defaults.asOf?.value as string | undefined;
  return { prices, asOf };
}

export interface MergeOptions {
  /** Paths to put in problems (default `.benchpress/gpus.json`, `.benchpress/prices.json`). */
  gpusPath?: string;
  pricesPath?: string;
}

/**
 * The built-in data with a team's files merged over it. `.benchpress/gpus.json`: a record with a built-in id
 * changes that GPU field by field; a new id adds a GPU; every figure needs a `sources` entry or it is rejected.
 * `.benchpress/prices.json`: rows replace built-in rows with the same gpuId + provider + tier, others are added.
 * Never throws: what cannot be used is left out and reported.
 */
export function mergeUserData(builtin: GpuDatabase, userGpusJson?: string, userPricesJson?: string, options: MergeOptions = {}): MergeResult {
  const gpusPath = options.gpusPath ?? USER_GPUS_FILE;
  const pricesPath = options.pricesPath ?? USER_PRICES_FILE;
  const problems: DataProblem[] = [];
  let db = builtin;
  try {
    if (userGpusJson !== undefined) {
      const merged = mergeGpus(builtin, userGpusJson, gpusPath, problems);
      const gpuAsOf = new Map<string, string>();
      if (merged.asOf) for (const id of merged.touched) gpuAsOf.set(id, merged.asOf);
      db = new GpuDatabase({ gpus: merged.gpus, prices: builtin.prices, asOf: builtin.asOf, pricesAsOf: builtin.pricesAsOf, gpuAsOf });
    }
  } catch (error) {
    problems.push({ path: gpusPath, start: 0, end: 1, severity: 'error', message: unreadable(gpusPath, error) });
  }
  try {
    if (userPricesJson !== undefined) {
      const merged = mergePrices(db.prices, db, userPricesJson, pricesPath, problems);
      const gpuAsOf = new Map(db.gpus.filter((g) => db.asOfFor(g.id) !== db.asOf).map((g) => [g.id, db.asOfFor(g.id)]));
      const pricesAsOf = merged.asOf && merged.asOf > db.pricesAsOf ? merged.asOf : db.pricesAsOf;
      db = new GpuDatabase({ gpus: db.gpus, prices: merged.prices, asOf: db.asOf, pricesAsOf, gpuAsOf });
    }
  } catch (error) {
    problems.push({ path: pricesPath, start: 0, end: 1, severity: 'error', message: unreadable(pricesPath, error) });
  }
  return { db, problems };
}

// ------------------------------------------------------------------------------------------------ sources

export interface SourceRef {
  /** The URL, when the citation has one. */
  url?: string;
  /** The citation as written (title, or the whole text when there is no URL). */
  text: string;
}

/** Splits a `sources` entry ("URL — title | URL — title") into its citations. */
export function parseSources(source: string | undefined): SourceRef[] {
  if (!source) return [];
  const out: SourceRef[] = [];
  for (const part of source.split(/\s+\|\s+/)) {
    const t = part.trim();
    if (!t) continue;
    const m = /https?:\/\/[^\s<>()"'|]+[^\s<>()"'|.,;:]/.exec(t);
    out.push(m ? { url: m[0], text: t } : { text: t });
  }
  return out;
}
