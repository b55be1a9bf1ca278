// Spec tokens: `{{gpu:h100-sxm.memoryGB}}` in a draft stands for a figure from the data set. The hover shows
// the value and its source; "expand" replaces the token with the value in the draft's language ("80 GB").
// The id may be any id, name or alias without spaces (`{{gpu:H100.memory}}`); the field a key or a short
// alias (memory, bandwidth, tdp, fp32, bf16, fp8, price, …).
import type { Locale } from '../base/i18n';
import { FIELDS, closestField, fieldByKey, fieldLabel, formatField, unknownGpuMessage, type FieldDef, type GpuDatabase } from './database';
import type { GpuRecord } from './data';

export interface SpecToken {
  /** Offsets of the whole token, braces included. */
  start: number;
  end: number;
  /** The id as written (not yet resolved). */
  gpuId: string;
  /** The field as written ('' when the token has none). */
  field: string;
  raw: string;
}

const TOKEN = /\{\{\s*gpu\s*:\s*([^{}\s.]*)\s*(?:\.\s*([^{}\s]*)\s*)?\}\}/iy;

/** Every `{{gpu:ID.FIELD}}` in the text (the caller decides what is prose; see maskCode). */
export function findSpecTokens(text: string): SpecToken[] {
  const out: SpecToken[] = [];
  const re = new RegExp(TOKEN);
  for (let at = text.indexOf('{{'); at !== -1; ) {
    re.lastIndex = at;
    const m = re.exec(text);
    if (m) out.push({ start: at, end: at + m[0].length, gpuId: m[1], field: m[2] ?? '', raw: m[0] });
    at = text.indexOf('{{', m ? at + m[0].length : at + 1);
  }
  return out;
}

export type ResolvedToken =
  | { value: string; source?: string; gpu: GpuRecord; field: FieldDef; label: string }
  | { error: string; kind: 'gpu' | 'field' | 'value' };

/** The token's value as the draft's language shows it, and the source of the figure. */
export function resolveToken(db: GpuDatabase, token: Pick<SpecToken, 'gpuId' | 'field'>, lang: Locale): ResolvedToken {
  const zh = lang === 'zh-cn';
  const gpu = token.gpuId ? db.find(token.gpuId) : undefined;
  if (!gpu) {
    return { kind: 'gpu', error: token.gpuId ? unknownGpuMessage(db, token.gpuId, lang) : zh ? '标记中缺少 GPU id，例如 {{gpu:h100-sxm.memoryGB}}。' : 'The token names no GPU; write e.g. {{gpu:h100-sxm.memoryGB}}.' };
  }
  const def = token.field ? fieldByKey(token.field) : undefined;
  if (!def || !def.tabular) return { kind: 'field', error: tokenFieldError(token.field, lang, gpu.id)! };
  const raw = (gpu as unknown as Record<string, unknown>)[def.key];
  const label = fieldLabel(def, lang);
  if (raw === null || raw === undefined || raw === '') {
    return {
      kind: 'value',
      error: zh ? `数据中没有 ${gpu.name} 的${label}（没有可靠来源的数值），无法展开。` : `The data has no ${label.toLowerCase()} for ${gpu.name} (no sourced figure), so this token cannot be expanded.`,
    };
  }
  return { value: formatField(def, raw, lang), source: def.sourced ? gpu.sources?.[def.key] : undefined, gpu, field: def, label };
}

/** Why a token's field is not usable (unknown, missing, not a figure), or undefined when it is fine. */
export function tokenFieldError(field: string, lang: Locale, gpuId = 'h100-sxm'): string | undefined {
  const zh = lang === 'zh-cn';
  if (!field) return zh ? `标记缺少字段，例如 {{gpu:${gpuId}.memoryGB}}。` : `The token names no field; write e.g. {{gpu:${gpuId}.memoryGB}}.`;
  const def = fieldByKey(field);
  if (def && def.tabular) return undefined;
  const near = closestField(field);
  const fields = FIELDS.filter((d) => d.tabular).map((d) => d.key).join(', ');
  return zh
    ? `未知的字段 “${field}”${near ? `，是否指 ${near}？` : `。可用字段：${fields}`}`
    : `Unknown field "${field}"${near ? `; did you mean ${near}?` : `. Fields: ${fields}`}`;
}

/**
 * The text with fenced code blocks, inline code spans and HTML comments blanked (same length, line breaks kept),
 * so tokens and markers in code examples are left alone.
 */
export function maskCode(text: string): string {
  const ranges = fencedCodeRanges(text);
  let f = 0;
  const inFence = (at: number) => {
    while (f < ranges.length && ranges[f].end < at) f++;
    return f < ranges.length && ranges[f].start <= at && at <= ranges[f].end;
  };
  // Inline code: a run of n backticks up to the next run of exactly n (within the same paragraph).
  const runs: { index: number; length: number }[] = [];
  for (let i = text.indexOf('`'); i !== -1; ) {
    let j = i;
    while (text.charCodeAt(j) === 96) j++;
    if (!inFence(i)) runs.push({ index: i, length: j - i });
    i = text.indexOf('`', j);
  }
  const spans: { start: number; end: number }[] = [];
  const breaks = paragraphBreaks(text);
  let b = 0;
  for (let i = 0; i < runs.length; i++) {
    const open = runs[i];
    while (b < breaks.length && breaks[b] < open.index) b++;
    const limit = b < breaks.length ? breaks[b] : Infinity;
    for (let j = i + 1; j < runs.length && runs[j].index < limit; j++) {
      if (runs[j].length === open.length) {
        spans.push({ start: open.index, end: runs[j].index + runs[j].length });
        i = j;
        break;
      }
    }
  }
  f = 0;
  let s = 0;
  for (let i = text.indexOf('<!--'); i !== -1; ) {
    while (s < spans.length && spans[s].end <= i) s++;
    const inCode = inFence(i) || (s < spans.length && spans[s].start <= i);
    const close = text.indexOf('-->', i + 4);
    const end = close === -1 ? text.length : close + 3;
    if (!inCode) spans.push({ start: i, end });
    i = text.indexOf('<!--', inCode ? i + 4 : end);
  }
  const all = [...ranges, ...spans].sort((x, y) => x.start - y.start);
  let out = '';
  let last = 0;
  for (const r of all) {
    const from = Math.max(r.start, last);
    if (r.end <= from) continue;
    out += text.slice(last, from) + text.slice(from, r.end).replace(/[^\r\n]/g, ' ');
    last = r.end;
  }
  return out + text.slice(last);
}

/** Offsets of blank lines (inline code does not span them). */
function paragraphBreaks(text: string): number[] {
  const out: number[] = [];
  for (let i = text.indexOf('\n'); i !== -1; i = text.indexOf('\n', i + 1)) {
    let j = i + 1;
    while (text[j] === ' ' || text[j] === '\t' || text[j] === '\r') j++;
    if (text[j] === '\n') out.push(i);
  }
  return out;
}

/** Fenced code blocks (``` or ~~~, from the opening fence line to the end of the closing one; unclosed = to the end). */
export function fencedCodeRanges(text: string): { start: number; end: number }[] {
  const out: { start: number; end: number }[] = [];
  let open: { start: number; char: string; len: number } | undefined;
  let pos = 0;
  while (pos <= text.length) {
    const nl = text.indexOf('\n', pos);
    const lineEnd = nl === -1 ? text.length : nl;
    const line = text.slice(pos, lineEnd).replace(/\r$/, '');
    if (!open) {
      const m = /^ {0,3}(`{3,}|~{3,})(.*)$/.exec(line);
      if (m && !(m[1][0] === '`' && m[2].includes('`'))) open = { start: pos, char: m[1][0], len: m[1].length };
    } else {
      const m = /^ {0,3}(`{3,}|~{3,})[ \t]*$/.exec(line);
      if (m && m[1][0] === open.char && m[1].length >= open.len) {
        out.push({ start: open.start, end: lineEnd });
        open = undefined;
      }
    }
    if (nl === -1) break;
    pos = nl + 1;
  }
  if (open) out.push({ start: open.start, end: text.length });
  return out;
}

export interface ExpandResult {
  text: string;
  expanded: number;
  errors: { start: number; end: number; message: string; token: string }[];
}

/**
 * Replaces every token that resolves with its value; tokens that do not are left as they are and listed in
 * `errors` (offsets in the original text). Tokens in code (fenced, inline) and HTML comments are not touched
 * unless `skipCode` is false.
 */
export function expandTokens(text: string, db: GpuDatabase, lang: Locale, options: { skipCode?: boolean } = {}): ExpandResult {
  const source = options.skipCode === false ? text : maskCode(text);
  const tokens = findSpecTokens(source).map((t) => ({ ...t, raw: text.slice(t.start, t.end) }));
  const errors: ExpandResult['errors'] = [];
  let out = '';
  let last = 0;
  let expanded = 0;
  for (const token of tokens) {
    const r = resolveToken(db, token, lang);
    if ('error' in r) {
      errors.push({ start: token.start, end: token.end, message: r.error, token: token.raw });
      continue;
    }
    out += text.slice(last, token.start) + r.value;
    last = token.end;
    expanded++;
  }
  out += text.slice(last);
  return { text: out, expanded, errors };
}

/** The token under an offset (for hovers), in text the caller has masked or not. */
export function tokenAt(text: string, offset: number): SpecToken | undefined {
  // Tokens are short and on one line: look only at the line around the offset.
  const lineStart = text.lastIndexOf('\n', Math.max(0, offset - 1)) + 1;
  const nl = text.indexOf('\n', offset);
  const lineEnd = nl === -1 ? text.length : nl;
  for (const t of findSpecTokens(text.slice(lineStart, lineEnd))) {
    const start = lineStart + t.start;
    const end = lineStart + t.end;
    if (offset >= start && offset <= end) return { ...t, start, end };
  }
  return undefined;
}

/** Hover text (Markdown) for a token: the value, what it is, and its source; or why it does not resolve. */
export function tokenHover(db: GpuDatabase, token: Pick<SpecToken, 'gpuId' | 'field'>, lang: Locale): string {
  const r = resolveToken(db, token, lang);
  if ('error' in r) return `⚠ ${r.error}`;
  const zh = lang === 'zh-cn';
  const lines = [`**${r.value}** — ${r.gpu.name} · ${r.label}`];
  if (r.source) lines.push(`${zh ? '来源：' : 'Source: '}${r.source}`);
  lines.push(zh ? `数据截至 ${db.asOfFor(r.gpu.id)}` : `Data as of ${db.asOfFor(r.gpu.id)}`);
  return lines.join('\n\n');
}
