// GPU data → the Markdown tables the editor commands insert and `benchpress table` prints: a spec table for one
// GPU, a comparison table for several, a pricing table and a cost estimate. Each comes in the draft's language
// with a source note, wrapped in refresh markers that record how it was made:
//
//   <!-- benchpress:spec gpus=h100-sxm fields=memoryGB,memoryBandwidthGBps lang=en asOf=2026-11-25 -->
//   | Spec | NVIDIA H100 SXM |
//   …
//
//   > Sources: (1) [nvidia.com](https://…): memory, bandwidth. Specs as of 2026-11-25.
//
//   <!-- /benchpress:spec -->
//
// `asOf` is the date of the data shown, not of the insertion: the spec data set's date for spec and compare
// tables, the oldest price's date for pricing and cost tables (so `pricing/stale` measures the age of the
// prices themselves, and a refresh over the same data does not make old prices look new).
// Deterministic: the same data and options give the same bytes.
import type { TableKind } from '../protocol';
import type { Locale } from '../base/i18n';
import type { GpuRecord } from './data';
import { fieldByKey, fieldLabel, formatField, formatNumber, formatUsd, closestField, parseSources, providerLabel, shortName, tierLabel, unknownGpuMessage, NULL_CELL, TABLE_FIELDS, type FieldDef, type GpuDatabase, type PriceRow } from './database';
import { displayWidth, escapeCell } from './table-cells';

export type { TableKind };
export const TABLE_KINDS: readonly TableKind[] = ['spec', 'compare', 'pricing', 'cost'];

export interface TableOptions {
  lang: Locale;
  /** Spec and comparison tables: the rows (field keys, case-insensitive). Default: see DEFAULT_SPEC_FIELDS. */
  fields?: string[];
  /** Pricing and cost tables: only these providers (ids such as `runpod`). */
  providers?: string[];
  /** Pricing and cost tables: only these tiers (`secure`, `community`, …). */
  tiers?: string[];
}

export interface CostInput {
  gpuId: string;
  hours: number;
  count: number;
  providers?: string[];
}

export type TableResult =
  | {
    ok: true;
    kind: TableKind;
    /** The whole block: start marker, table, source note, end marker; ends with a newline. */
    text: string;
    /** The marker's parameters (what a refresh regenerates the table from). */
    params: Record<string, string>;
    asOf: string;
  }
  | { ok: false; error: string };

/** Rows of a spec table when no fields are given: every figure (rows that are empty for every GPU are dropped). */
export const DEFAULT_SPEC_FIELDS: readonly string[] = [
  'architecture', 'formFactor', 'memoryGB', 'memoryType', 'memoryBandwidthGBps', 'cudaCores', 'fp32Tflops',
  'tf32TensorTflopsDense', 'bf16TensorTflopsDense', 'fp8TensorTflopsDense', 'tdpW', 'launchDate', 'launchPriceUsd',
];
/** Rows of a comparison table when no fields are given (empty rows dropped). */
export const DEFAULT_COMPARE_FIELDS: readonly string[] = [
  'architecture', 'memoryGB', 'memoryType', 'memoryBandwidthGBps', 'fp32Tflops', 'bf16TensorTflopsDense', 'fp8TensorTflopsDense', 'tdpW', 'launchDate',
  'launchPriceUsd',
];

const zh = (lang: Locale) => lang === 'zh-cn';

// ------------------------------------------------------------------------------------------------ helpers

function resolveGpus(db: GpuDatabase, ids: readonly string[], lang: Locale): { gpus: GpuRecord[] } | { error: string } {
  const gpus: GpuRecord[] = [];
  const cleaned = ids.map((s) => s.trim()).filter(Boolean);
  if (cleaned.length === 0) return { error: zh(lang) ? '没有指定 GPU。' : 'No GPU given.' };
  for (const id of cleaned) {
    const g = db.find(id);
    if (!g) return { error: unknownGpuMessage(db, id, lang) };
    if (!gpus.includes(g)) gpus.push(g);
  }
  return { gpus };
}

/** Field keys from `--fields`-style input; an unknown or non-table field is an error with a suggestion. */
export function resolveFields(fields: readonly string[], lang: Locale): { fields: FieldDef[] } | { error: string } {
  const out: FieldDef[] = [];
  for (const raw of fields.map((s) => s.trim()).filter(Boolean)) {
    const def = fieldByKey(raw);
    if (!def || !def.tabular) {
      const near = closestField(raw);
      const known = TABLE_FIELDS.join(', ');
      return {
        error: zh(lang)
          ? `未知的字段 “${raw}”${near ? `，是否指 ${near}？` : '。'}可用字段：${known}`
          : `Unknown field "${raw}"${near ? `; did you mean ${near}?` : '.'} Fields: ${known}`,
      };
    }
    if (!out.includes(def)) out.push(def);
  }
  if (out.length === 0) return { error: zh(lang) ? '没有指定字段。' : 'No fields given.' };
  return { fields: out };
}

const valueOf = (g: GpuRecord, key: string): unknown => (g as unknown as Record<string, unknown>)[key];

/** A GFM table, padded so the source reads well (East Asian characters count double). */
function markdownTable(header: string[], rows: string[][], rightAlign: boolean[] = []): string[] {
  const widths = header.map((h, c) => Math.max(3, displayWidth(h), ...rows.map((r) => displayWidth(r[c] ?? ''))));
  const pad = (s: string, c: number) => {
    const fill = ' '.repeat(Math.max(0, widths[c] - displayWidth(s)));
    return rightAlign[c] ? fill + s : s + fill;
  };
  const line = (cells: string[]) => `| ${cells.map((s, c) => pad(s, c)).join(' | ')} |`;
  const rule = `| ${widths.map((w, c) => (rightAlign[c] ? '-'.repeat(w - 1) + ':' : '-'.repeat(w))).join(' | ')} |`;
  return [line(header), rule, ...rows.map(line)];
}

/** Escapes text for inline Markdown outside tables (citations without a URL). */
function escapeInline(s: string): string {
  return s.replace(/[\r\n]+/g, ' ').replace(/([\\`*_[\]<>#|])/g, '\\$1');
}

/** Link text for a source URL: the host, with owner/repo for code and data hosts. */
function linkText(url: string): string {
  try {
    const u = new URL(url);
    const host = u.hostname.replace(/^www\./, '');
    if (['github.com', 'raw.githubusercontent.com', 'huggingface.co', 'gitlab.com'].includes(host)) {
      const parts = u.pathname.split('/').filter(Boolean);
      const take = host === 'huggingface.co' && parts[0] === 'datasets' ? 3 : 2;
      if (parts.length >= take) return `${host}/${parts.slice(0, take).join('/')}`;
    }
    return host;
  } catch {
    return url;
  }
}

/** Encodes characters that would end a Markdown link destination. */
const linkUrl = (url: string) => url.replace(/[()\s<>]/g, (c) => encodeURIComponent(c));

interface Citation {
  key: string;
  ref: { url?: string; text: string };
  /** What it backs, grouped: "H100 SXM" → ["memory", "bandwidth"], or "" → [...] for a one-GPU table. */
  uses: Map<string, string[]>;
}

/** Numbered citations with what each backs: "(1) [nvidia.com](…): memory, bandwidth; (2) …". */
class Citations {
  private readonly list: Citation[] = [];

  add(source: string | undefined, group: string, what: string): void {
    for (const ref of parseSources(source)) {
      const key = ref.url ?? ref.text;
      let c = this.list.find((x) => x.key === key);
      if (!c) {
        c = { key, ref, uses: new Map() };
        this.list.push(c);
      }
      const uses = c.uses.get(group) ?? [];
      if (!uses.includes(what)) uses.push(what);
      c.uses.set(group, uses);
    }
  }

  get size(): number {
    return this.list.length;
  }

  render(lang: Locale): string {
    const comma = zh(lang) ? '、' : ', ';
    return this.list
      .map((c, i) => {
        const ref = c.ref.url ? `[${linkText(c.ref.url)}](${linkUrl(c.ref.url)})` : escapeInline(c.ref.text);
        const groups = [...c.uses].map(([group, uses]) => (group ? (zh(lang) ? `${group}（${uses.join(comma)}）` : `${group} (${uses.join(comma)})`) : uses.join(comma)));
        return `(${i + 1}) ${ref}${zh(lang) ? '：' : ': '}${groups.join(zh(lang) ? '；' : ', ')}`;
      })
      .join(zh(lang) ? '；' : '; ');
  }
}

function markerLine(kind: TableKind, params: Record<string, string>): string {
  return `<!-- benchpress:${kind} ${Object.entries(params).map(([k, v]) => `${k}=${v}`).join(' ')} -->`;
}

function block(kind: TableKind, params: Record<string, string>, body: string[]): string {
  return [markerLine(kind, params), ...body, '', `<!-- /benchpress:${kind} -->`].join('\n') + '\n';
}

const maxDate = (dates: string[]) => dates.reduce((a, b) => (b > a ? b : a), dates[0] ?? '');
const minDate = (dates: string[]) => dates.reduce((a, b) => (b < a ? b : a), dates[0] ?? '');

// ------------------------------------------------------------------------------------------------ spec / compare

function specOrCompare(db: GpuDatabase, kind: 'spec' | 'compare', gpus: GpuRecord[], opts: TableOptions): TableResult {
  const lang = opts.lang;
  let fields: FieldDef[];
  if (opts.fields && opts.fields.length > 0) {
    const r = resolveFields(opts.fields, lang);
    if ('error' in r) return { ok: false, error: r.error };
    fields = r.fields;
  } else {
    const defaults = kind === 'spec' ? DEFAULT_SPEC_FIELDS : DEFAULT_COMPARE_FIELDS;
    fields = defaults.map((k) => fieldByKey(k)!).filter((d) => gpus.some((g) => valueOf(g, d.key) !== null && valueOf(g, d.key) !== undefined));
    if (fields.length === 0) fields = [fieldByKey('name')!];
  }
  const header = [zh(lang) ? '参数' : 'Spec', ...gpus.map((g) => escapeCell(kind === 'spec' ? g.name : shortName(g)))];
  const citations = new Citations();
  let hasNull = false;
  const rows = fields.map((d) => [
    escapeCell(fieldLabel(d, lang)),
    ...gpus.map((g) => {
      const v = valueOf(g, d.key);
      const cell = formatField(d, v, lang);
      if (cell === NULL_CELL) hasNull = true;
      else if (d.sourced) citations.add(g.sources?.[d.key], kind === 'spec' ? '' : shortName(g), fieldLabel(d, lang, true));
      return cell === NULL_CELL ? cell : escapeCell(cell);
    }),
  ]);
  const asOf = maxDate(gpus.map((g) => db.asOfFor(g.id)));
  const note: string[] = [];
  if (citations.size > 0) note.push(`${zh(lang) ? '来源：' : 'Sources: '}${citations.render(lang)}${zh(lang) ? '。' : '.'}`);
  note.push(zh(lang) ? `规格数据截至 ${asOf}。` : `Specs as of ${asOf}.`);
  if (hasNull) note.push(zh(lang) ? '“—”表示数据中没有可靠来源的数值。' : '"—" = no sourced figure in the data.');
  const params: Record<string, string> = { gpus: gpus.map((g) => g.id).join(','), fields: fields.map((d) => d.key).join(','), lang, asOf };
  const body = [...markdownTable(header, rows), '', `> ${note.join(zh(lang) ? '' : ' ')}`];
  return { ok: true, kind, text: block(kind, params, body), params, asOf };
}

/** The spec table of one GPU: one row per field. */
export function specTable(db: GpuDatabase, gpuId: string, opts: TableOptions): TableResult {
  const r = resolveGpus(db, [gpuId], opts.lang);
  if ('error' in r) return { ok: false, error: r.error };
  return specOrCompare(db, 'spec', r.gpus, opts);
}

/** A comparison table: one row per field, one column per GPU. */
export function comparisonTable(db: GpuDatabase, gpuIds: readonly string[], opts: TableOptions): TableResult {
  const r = resolveGpus(db, gpuIds, opts.lang);
  if ('error' in r) return { ok: false, error: r.error };
  return specOrCompare(db, 'compare', r.gpus, opts);
}

// ------------------------------------------------------------------------------------------------ prices

function priceCitations(rows: { gpu: GpuRecord; row: PriceRow }[], lang: Locale, perGpu: boolean): Citations {
  const citations = new Citations();
  for (const { gpu, row } of rows) {
    const what = `${providerLabel(row.provider, lang, row)} ${tierLabel(row.tier, lang)}`;
    citations.add(row.source, perGpu ? shortName(gpu) : '', what);
  }
  return citations;
}

function priceFilterNote(opts: Pick<TableOptions, 'providers' | 'tiers'>, lang: Locale): string {
  const parts: string[] = [];
  if (opts.providers?.length) parts.push(opts.providers.join(','));
  if (opts.tiers?.length) parts.push(opts.tiers.join(','));
  return parts.length ? (zh(lang) ? `（筛选：${parts.join('；')}）` : ` (filter: ${parts.join('; ')})`) : '';
}

/** Cloud prices per GPU-hour for one or more GPUs: one row per GPU, provider and tier. */
export function pricingTable(db: GpuDatabase, gpuIds: readonly string[], opts: TableOptions): TableResult {
  const lang = opts.lang;
  const r = resolveGpus(db, gpuIds, lang);
  if ('error' in r) return { ok: false, error: r.error };
  const shown: { gpu: GpuRecord; row: PriceRow }[] = [];
  const missing: GpuRecord[] = [];
  for (const gpu of r.gpus) {
    const rows = db.pricesFor(gpu.id, opts);
    if (rows.length === 0) missing.push(gpu);
    for (const row of rows) shown.push({ gpu, row });
  }
  if (shown.length === 0) {
    const names = r.gpus.map(shortName).join(zh(lang) ? '、' : ', ');
    return {
      ok: false,
      error: zh(lang)
        ? `数据中没有 ${names} 的价格${priceFilterNote(opts, lang)}。可在 .benchpress/prices.json 中加入带来源的价格。`
        : `No prices for ${names} in the data${priceFilterNote(opts, lang)}. Add sourced prices to .benchpress/prices.json.`,
    };
  }
  const undated = shown.some(({ row }) => row.asOfNote);
  const perSecond = shown.some(({ row }) => row.usdPerSecond !== undefined);
  const header = zh(lang) ? ['GPU', '平台', '类型', '每卡每小时', '价格日期'] : ['GPU', 'Provider', 'Tier', 'Per GPU-hour', 'As of'];
  const rows = shown.map(({ gpu, row }) => [
    escapeCell(shortName(gpu)),
    escapeCell(providerLabel(row.provider, lang, row)),
    escapeCell(tierLabel(row.tier, lang)),
    formatUsd(row.usdPerHour, lang),
    row.asOfNote ? `${row.asOf}\\*` : row.asOf,
  ]);
  const asOf = minDate(shown.map(({ row }) => row.asOf));
  const newest = maxDate(shown.map(({ row }) => row.asOf));
  const citations = priceCitations(shown, lang, r.gpus.length > 1);
  const note: string[] = [];
  note.push(`${zh(lang) ? '来源：' : 'Sources: '}${citations.render(lang)}${zh(lang) ? '。' : '.'}`);
  note.push(zh(lang)
    ? `价格截至 ${asOf === newest ? asOf : `${asOf} 至 ${newest}`}，云平台价格经常变动，发布前请核对。`
    : `Prices as of ${asOf === newest ? asOf : `${asOf} to ${newest}`}; cloud prices change often, check them before publishing.`);
  if (perSecond) note.push(zh(lang) ? 'Serverless 按秒计费，每小时价格 = 每秒价格 × 3600。' : 'Serverless is billed per second; per-hour = per-second × 3600.');
  if (undated) note.push(zh(lang) ? '带 \\* 的日期是读取无日期来源的日期。' : 'Dates marked \\* are when an undated source was read.');
  if (missing.length > 0) note.push(zh(lang) ? `数据中没有价格：${missing.map(shortName).join('、')}。` : `No price in the data: ${missing.map(shortName).join(', ')}.`);
  const params: Record<string, string> = { gpus: r.gpus.map((g) => g.id).join(',') };
  if (opts.providers?.length) params.providers = opts.providers.map((p) => p.toLowerCase()).join(',');
  if (opts.tiers?.length) params.tiers = opts.tiers.map((t) => t.toLowerCase()).join(',');
  params.lang = lang;
  params.asOf = asOf;
  const body = [...markdownTable(header, rows, [false, false, false, true, false]), '', `> ${note.join(zh(lang) ? '' : ' ')}`];
  return { ok: true, kind: 'pricing', text: block('pricing', params, body), params, asOf };
}

/** What running `count` GPUs for `hours` hours costs, per provider and tier (price per GPU-hour × GPUs × hours). */
export function costEstimate(db: GpuDatabase, input: CostInput, opts: TableOptions): TableResult {
  const lang = opts.lang;
  if (!Number.isFinite(input.hours) || input.hours <= 0 || input.hours > 1e6) {
    return { ok: false, error: zh(lang) ? `时长必须是大于 0 的小时数，而不是 ${input.hours}。` : `Hours must be a positive number, not ${input.hours}.` };
  }
  if (!Number.isInteger(input.count) || input.count <= 0 || input.count > 100000) {
    return { ok: false, error: zh(lang) ? `GPU 数量必须是正整数，而不是 ${input.count}。` : `The GPU count must be a positive whole number, not ${input.count}.` };
  }
  const r = resolveGpus(db, [input.gpuId], lang);
  if ('error' in r) return { ok: false, error: r.error };
  const gpu = r.gpus[0];
  const filter = { providers: input.providers ?? opts.providers, tiers: opts.tiers };
  const rows = db.pricesFor(gpu.id, filter);
  if (rows.length === 0) {
    return {
      ok: false,
      error: zh(lang)
        ? `数据中没有 ${shortName(gpu)} 的价格${priceFilterNote(filter, lang)}，无法估算费用。可在 .benchpress/prices.json 中加入带来源的价格。`
        : `No prices for ${shortName(gpu)} in the data${priceFilterNote(filter, lang)}, so no cost estimate. Add sourced prices to .benchpress/prices.json.`,
    };
  }
  const hours = formatNumber(input.hours, lang);
  const header = zh(lang) ? ['平台', '类型', '每卡每小时', '数量 × 时长', '估算费用'] : ['Provider', 'Tier', 'Per GPU-hour', 'GPUs × hours', 'Cost'];
  const table = rows.map((row) => [
    escapeCell(providerLabel(row.provider, lang, row)),
    escapeCell(tierLabel(row.tier, lang)),
    formatUsd(row.usdPerHour, lang),
    zh(lang) ? `${input.count} × ${hours} 小时` : `${input.count} × ${hours} h`,
    formatUsd(Math.round(row.usdPerHour * input.count * input.hours * 100) / 100, lang, 2, true),
  ]);
  const asOf = minDate(rows.map((p) => p.asOf));
  const newest = maxDate(rows.map((p) => p.asOf));
  const citations = priceCitations(rows.map((row) => ({ gpu, row })), lang, false);
  const intro = zh(lang)
    ? `${input.count} 张 ${gpu.name} 运行 ${hours} 小时的估算费用：`
    : `Estimated cost of ${input.count} × ${gpu.name} for ${hours} ${input.hours === 1 ? 'hour' : 'hours'}:`;
  const note = zh(lang)
    ? `费用 = 每卡每小时价格 × GPU 数量 × 时长，不含存储、网络与税费。价格截至 ${asOf === newest ? asOf : `${asOf} 至 ${newest}`}。来源：${citations.render(lang)}。`
    : `Cost = price per GPU-hour × GPUs × hours, before storage, network and taxes. Prices as of ${asOf === newest ? asOf : `${asOf} to ${newest}`}. Sources: ${citations.render(lang)}.`;
  const params: Record<string, string> = { gpus: gpu.id, hours: String(input.hours), count: String(input.count) };
  if (filter.providers?.length) params.providers = filter.providers.map((p) => p.toLowerCase()).join(',');
  if (filter.tiers?.length) params.tiers = filter.tiers.map((t) => t.toLowerCase()).join(',');
  params.lang = lang;
  params.asOf = asOf;
  const body = [intro, '', ...markdownTable(header, table, [false, false, true, false, true]), '', `> ${note}`];
  return { ok: true, kind: 'cost', text: block('cost', params, body), params, asOf };
}

// ------------------------------------------------------------------------------------------------ from a marker

const list = (v: string | undefined) => (v ? v.split(',').map((s) => s.trim()).filter(Boolean) : undefined);

export interface TableRequest {
  kind: TableKind;
  gpus: readonly string[];
  /** Cost estimates: hours of use and number of GPUs (default 1). */
  hours?: number;
  count?: number;
}

/** The table of a kind: what the editor's insert commands, `benchpress table` and a marker's refresh all build. */
export function buildTable(db: GpuDatabase, request: TableRequest, opts: TableOptions): TableResult {
  const { kind, gpus } = request;
  const lang = opts.lang;
  switch (kind) {
    case 'spec':
      if (gpus.length !== 1) return { ok: false, error: zh(lang) ? '规格表必须正好有一个 GPU。' : 'A spec table is for exactly one GPU.' };
      return specTable(db, gpus[0], opts);
    case 'compare':
      return comparisonTable(db, gpus, opts);
    case 'pricing':
      return pricingTable(db, gpus, opts);
    case 'cost':
      if (gpus.length !== 1) return { ok: false, error: zh(lang) ? '费用估算必须正好有一个 GPU。' : 'A cost estimate is for exactly one GPU.' };
      return costEstimate(db, { gpuId: gpus[0], hours: request.hours ?? NaN, count: request.count ?? 1, providers: opts.providers }, opts);
    default:
      return { ok: false, error: zh(lang) ? `未知的表格类型 “${kind}”（可用：${TABLE_KINDS.join('、')}）。` : `Unknown table kind "${kind}" (use ${TABLE_KINDS.join(', ')}).` };
  }
}

/** Regenerates a table from a marker's kind and parameters (what "Refresh data tables" does). */
export function tableFromParams(db: GpuDatabase, kind: string, params: Readonly<Record<string, string>>, fallbackLang: Locale = 'en'): TableResult {
  const lang: Locale = params.lang === 'zh-cn' || params.lang === 'en' ? params.lang : fallbackLang;
  const opts: TableOptions = { lang, fields: list(params.fields), providers: list(params.providers), tiers: list(params.tiers) };
  return buildTable(db, { kind: kind as TableKind, gpus: list(params.gpus) ?? [], hours: Number(params.hours), count: Number(params.count ?? '1') }, opts);
}
