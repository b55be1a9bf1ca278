// Records → the Markdown table the editor's import inserts, with a one-line source note under it.
// Deterministic: the same records, options and date give the same bytes.

import type { Locale } from '../../base/i18n';
import { camelCase, fieldByKey, fieldByQuery, type SmiRecord, type SmiValue } from './fields';
import { NULL_CELL, displayWidth, escapeCell } from '../table-cells';

export { displayWidth, escapeCell };

export interface SmiTableOptions {
  lang: Locale;
  /** Columns: record keys (`memoryTotalMiB`) or nvidia-smi query names (`memory.total`). Default: see defaultTableFields. */
  fields?: string[];
  /** The import date for the source note, `YYYY-MM-DD`. Default: today (UTC). */
  date?: string;
}

const CORE = ['index', 'name', 'memoryTotalMiB', 'driverVersion'];
const OPTIONAL = ['powerLimitW', 'temperatureGpuC'];

function present(gpus: readonly SmiRecord[], key: string): boolean {
  return gpus.some((g) => g[key] !== null && g[key] !== undefined);
}

/**
 * index, name, memory total and driver version, then power limit and GPU temperature, each when at least
 * one GPU has a value. If that leaves nothing beyond index and name (a CSV that queried other fields),
 * every field that has a value, in record order.
 */
export function defaultTableFields(gpus: readonly SmiRecord[]): string[] {
  const keys = [...CORE, ...OPTIONAL].filter((k) => present(gpus, k));
  if (keys.some((k) => k !== 'index' && k !== 'name')) return keys;
  const all: string[] = [];
  for (const g of gpus) for (const k of Object.keys(g)) if (!all.includes(k) && present(gpus, k)) all.push(k);
  return all.length > 0 ? all : ['name'];
}

/** Maps `--fields` entries to record keys; an entry that is neither a known field nor in the records is an error. */
export function resolveTableFields(fields: readonly string[], gpus: readonly SmiRecord[]): { keys: string[] } | { error: string } {
  const keys: string[] = [];
  const unknown: string[] = [];
  for (const raw of fields) {
    const name = raw.replace(/\s*\[[^\]]*\]\s*$/, '').trim();
    if (!name) continue;
    const key = fieldByKey(name)?.key ?? fieldByQuery(name)?.key ?? (gpus.some((g) => Object.prototype.hasOwnProperty.call(g, name)) ? name : undefined) ?? camelIfPresent(name, gpus);
    if (key === undefined) unknown.push(raw);
    else if (!keys.includes(key)) keys.push(key);
  }
  if (unknown.length > 0) {
    return { error: `unknown field${unknown.length > 1 ? 's' : ''} for the table: ${unknown.join(', ')} (use nvidia-smi query names such as memory.total, or record keys such as memoryTotalMiB)` };
  }
  if (keys.length === 0) return { error: 'no fields for the table' };
  return { keys };
}

function camelIfPresent(name: string, gpus: readonly SmiRecord[]): string | undefined {
  // An unknown query field passes through camelCased (`clocks_event_reasons.active` → clocksEventReasonsActive).
  const camel = camelCase(name);
  const hit = gpus.length > 0 ? Object.keys(gpus[0]).find((k) => k === camel || (k.startsWith(camel) && !fieldByKey(k))) : undefined;
  return hit;
}

function label(key: string, lang: Locale): string {
  const def = fieldByKey(key);
  if (!def) return key;
  return lang === 'zh-cn' ? def.label.zh : def.label.en;
}

function isNumericColumn(key: string, gpus: readonly SmiRecord[]): boolean {
  const def = fieldByKey(key);
  if (def) return def.kind === 'number';
  const values = gpus.map((g) => g[key]).filter((v) => v !== null && v !== undefined);
  return values.length > 0 && values.every((v) => typeof v === 'number');
}

function formatValue(v: SmiValue | undefined, decimals: number): string {
  if (v === null || v === undefined) return NULL_CELL;
  if (typeof v === 'number') return Number.isFinite(v) ? v.toFixed(decimals) : NULL_CELL;
  return escapeCell(v);
}

/** Decimal places for a numeric column: as many as its most precise value (at most 3), so 622.4 lines up with 652.31. */
function columnDecimals(key: string, gpus: readonly SmiRecord[]): number {
  let d = 0;
  for (const g of gpus) {
    const v = g[key];
    if (typeof v !== 'number' || !Number.isFinite(v)) continue;
    const s = String(v);
    const dot = s.indexOf('.');
    if (dot >= 0 && !s.includes('e')) d = Math.max(d, s.length - dot - 1);
  }
  return Math.min(d, 3);
}

function pad(s: string, width: number, right: boolean): string {
  const fill = ' '.repeat(Math.max(0, width - displayWidth(s)));
  return right ? fill + s : s + fill;
}

function distinct(gpus: readonly SmiRecord[], key: string): string[] {
  const out: string[] = [];
  for (const g of gpus) {
    const v = g[key];
    if (v !== null && v !== undefined && !out.includes(String(v))) out.push(String(v));
  }
  return out;
}

/** `> Source: nvidia-smi output (driver 535.104.05, CUDA 12.2), imported 2026-11-25.` */
export function sourceNote(gpus: readonly SmiRecord[], lang: Locale, date: string): string {
  const drivers = distinct(gpus, 'driverVersion').map(escapeCell);
  const cudas = distinct(gpus, 'cudaVersion').map(escapeCell);
  if (lang === 'zh-cn') {
    const parts: string[] = [];
    if (drivers.length) parts.push(`驱动 ${drivers.join('、')}`);
    if (cudas.length) parts.push(`CUDA ${cudas.join('、')}`);
    return `> 数据来源：nvidia-smi 输出${parts.length ? `（${parts.join('，')}）` : ''}，导入于 ${date}。`;
  }
  const parts: string[] = [];
  if (drivers.length) parts.push(`${drivers.length > 1 ? 'drivers' : 'driver'} ${drivers.join(', ')}`);
  if (cudas.length) parts.push(`CUDA ${cudas.join(', ')}`);
  return `> Source: nvidia-smi output${parts.length ? ` (${parts.join(', ')})` : ''}, imported ${date}.`;
}

/**
 * The Markdown table (header in the chosen language, numeric columns right-aligned, null as `—`),
 * a blank line, and the source note. Ends with a newline. Throws RangeError for an unknown field.
 */
export function smiTable(gpus: readonly SmiRecord[], opts: SmiTableOptions): string {
  let keys: string[];
  if (opts.fields && opts.fields.length > 0) {
    const r = resolveTableFields(opts.fields, gpus);
    if ('error' in r) throw new RangeError(r.error);
    keys = r.keys;
  } else {
    keys = defaultTableFields(gpus);
  }
  const date = opts.date ?? new Date().toISOString().slice(0, 10);
  const numeric = keys.map((k) => isNumericColumn(k, gpus));
  const header = keys.map((k) => escapeCell(label(k, opts.lang)));
  const decimals = keys.map((k) => columnDecimals(k, gpus));
  const rows = gpus.map((g) => keys.map((k, c) => formatValue(g[k], decimals[c])));
  const widths = keys.map((_, c) => Math.max(3, displayWidth(header[c]), ...rows.map((r) => displayWidth(r[c]))));
  const line = (cells: string[]) => `| ${cells.map((s, c) => pad(s, widths[c], numeric[c])).join(' | ')} |`;
  const rule = `| ${widths.map((w, c) => (numeric[c] ? '-'.repeat(w - 1) + ':' : '-'.repeat(w))).join(' | ')} |`;
  const out = [line(header), rule, ...rows.map(line), '', sourceNote(gpus, opts.lang, date)];
  return out.join('\n') + '\n';
}
