// Data blocks in a draft: the tables Benchpress inserted, between their refresh markers
//
//   <!-- benchpress:pricing gpus=h100-sxm,b200 lang=en asOf=2026-08-19 -->
//   …table and source note…
//   <!-- /benchpress:pricing -->
//
// and "Refresh data tables": each block is regenerated from its marker's parameters with the current data and
// replaced in place; what changed is listed cell by cell ("H100 SXM · RunPod · Secure Cloud · Per GPU-hour:
// $3.49 → $3.99").
//
// Hand edits inside a block: the marker records how the table was made, not what it said, so a hand edit
// cannot be told apart from old data. Refresh therefore always regenerates, and a cell the writer changed by
// hand shows up in the change list like any other (old text → data value), so nothing is lost silently.
// Text a writer wants to keep belongs outside the markers.
//
// Markers are HTML comments on lines of their own (up to three spaces of indent), outside fenced code. A start
// marker without its end marker is reported and never guessed at: the block is left alone.
import { daysBetween, isIsoDate } from '../base/dates';
import { splitTableRow } from '../markdown/table-row';
import type { Locale } from '../base/i18n';
import type { Localized } from '../base/i18n';
import { TABLE_KINDS, tableFromParams, type TableKind } from './tables';
import { fencedCodeRanges } from './tokens';
import type { GpuDatabase } from './database';

export interface DataBlock {
  /** The kind as written (`spec`, `compare`, `pricing`, `cost`; anything else is reported). */
  kind: string;
  params: Record<string, string>;
  /** The marker's `asOf` when it is a real date (`YYYY-MM-DD`). */
  asOf?: string;
  /** From the start marker's `<!--` to the end marker's `-->` (or the end of the start marker when broken). */
  start: number;
  end: number;
  /** The start marker itself (for diagnostics). */
  marker: { start: number; end: number };
  /** The text between the marker lines. */
  inner: string;
  innerStart: number;
  /** The block has a matching end marker and a known kind: it can be refreshed. */
  complete: boolean;
  /** What is wrong with it, when it is not complete. */
  problem?: Localized;
  /** Line breaks used at the start marker. */
  eol: '\n' | '\r\n';
}

const START = /^( {0,3})<!--\s*benchpress:([A-Za-z][\w-]*)(\s.*?)?\s*-->[ \t]*$/;
const END = /^( {0,3})<!--\s*\/\s*benchpress:([A-Za-z][\w-]*)\s*-->[ \t]*$/;
const PARAM = /([A-Za-z][\w-]*)=(?:"([^"]*)"|(\S*))/g;

export function parseMarkerParams(s: string): Record<string, string> {
  const out: Record<string, string> = {};
  for (const m of s.matchAll(PARAM)) out[m[1]] = m[2] ?? m[3] ?? '';
  return out;
}

const isRealDate = (s: string | undefined): s is string => isIsoDate(s);

/** Every data block in the text, complete or broken, in order. Stray end markers come back as broken blocks. */
export function findDataBlocks(text: string): DataBlock[] {
  const blocks: DataBlock[] = [];
  const fences = fencedCodeRanges(text);
  let fence = 0;
  let open: { kind: string; params: Record<string, string>; start: number; markerEnd: number; innerStart: number; eol: '\n' | '\r\n' } | undefined;
  const broken = (o: NonNullable<typeof open>, problem: Localized): DataBlock => ({
    kind: o.kind, params: o.params, asOf: isRealDate(o.params.asOf) ? o.params.asOf : undefined, start: o.start, end: o.markerEnd,
    marker: { start: o.start, end: o.markerEnd }, inner: '', innerStart: o.innerStart, complete: false, problem, eol: o.eol,
  });
  let pos = 0;
  while (pos <= text.length) {
    const nl = text.indexOf('\n', pos);
    const lineEnd = nl === -1 ? text.length : nl;
    const crlf = nl > 0 && text[nl - 1] === '\r';
    const line = text.slice(pos, crlf ? lineEnd - 1 : lineEnd);
    while (fence < fences.length && fences[fence].end < pos) fence++;
    const inFence = fence < fences.length && fences[fence].start <= pos && pos <= fences[fence].end;
    const next = nl === -1 ? text.length + 1 : nl + 1;
    if (!inFence && line.includes('benchpress:')) {
      const s = START.exec(line);
      const e = s ? null : END.exec(line);
      if (s) {
        if (open) {
          blocks.push(broken(open, {
            en: `This ${open.kind} table has no end marker <!-- /benchpress:${open.kind} --> before the next table starts; it is not refreshed. Add the end marker after the table.`,
            zh: `此 ${open.kind} 表格在下一个表格开始之前缺少结束标记 <!-- /benchpress:${open.kind} -->，不会被刷新。请在表格后加上结束标记。`,
          }));
        }
        const markerStart = pos + s[1].length;
        open = { kind: s[2], params: parseMarkerParams(s[3] ?? ''), start: markerStart, markerEnd: pos + line.trimEnd().length, innerStart: Math.min(next, text.length), eol: crlf ? '\r\n' : '\n' };
      } else if (e) {
        const markerStart = pos + e[1].length;
        const markerEnd = pos + line.trimEnd().length;
        if (!open) {
          blocks.push({
            kind: e[2], params: {}, start: markerStart, end: markerEnd, marker: { start: markerStart, end: markerEnd }, inner: '', innerStart: markerStart,
            complete: false, eol: crlf ? '\r\n' : '\n',
            problem: { en: `End marker <!-- /benchpress:${e[2]} --> without a start marker; remove it or restore the start marker.`, zh: `结束标记 <!-- /benchpress:${e[2]} --> 没有对应的开始标记；请删除它或恢复开始标记。` },
          });
        } else {
          const kindKnown = (TABLE_KINDS as readonly string[]).includes(open.kind);
          const matches = e[2] === open.kind;
          const innerEnd = pos;
          const block: DataBlock = {
            kind: open.kind, params: open.params, asOf: isRealDate(open.params.asOf) ? open.params.asOf : undefined,
            start: open.start, end: markerEnd, marker: { start: open.start, end: open.markerEnd },
            inner: text.slice(open.innerStart, Math.max(open.innerStart, innerEnd)), innerStart: open.innerStart,
            complete: matches && kindKnown, eol: open.eol,
          };
          if (!matches) {
            block.problem = {
              en: `This ${open.kind} table ends with <!-- /benchpress:${e[2]} -->; the markers must match. It is not refreshed.`,
              zh: `此 ${open.kind} 表格以 <!-- /benchpress:${e[2]} --> 结束，开始与结束标记必须一致；不会被刷新。`,
            };
          } else if (!kindKnown) {
            block.problem = {
              en: `Unknown data table kind "${open.kind}" (use ${TABLE_KINDS.join(', ')}); it is not refreshed.`,
              zh: `未知的数据表格类型 “${open.kind}”（可用：${TABLE_KINDS.join('、')}），不会被刷新。`,
            };
          }
          blocks.push(block);
          open = undefined;
        }
      }
    }
    if (nl === -1) break;
    pos = next;
  }
  if (open) {
    blocks.push(broken(open, {
      en: `This ${open.kind} table has no end marker <!-- /benchpress:${open.kind} -->; it is not refreshed. Add the end marker after the table.`,
      zh: `此 ${open.kind} 表格缺少结束标记 <!-- /benchpress:${open.kind} -->，不会被刷新。请在表格后加上结束标记。`,
    }));
  }
  return blocks;
}

// ------------------------------------------------------------------------------------------------ tables in text

interface ParsedTable {
  header: string[];
  rows: string[][];
}

/** The first GFM table in a text (header and body rows), if there is one. */
export function parseFirstTable(text: string): ParsedTable | undefined {
  const lines = text.split(/\r?\n/);
  for (let i = 0; i + 1 < lines.length; i++) {
    if (!lines[i].includes('|')) continue;
    if (!/^\s*\|?\s*:?-+:?\s*(\|\s*:?-+:?\s*)*\|?\s*$/.test(lines[i + 1])) continue;
    const header = splitTableRow(lines[i]);
    const rows: string[][] = [];
    for (let j = i + 2; j < lines.length && lines[j].includes('|') && lines[j].trim() !== ''; j++) rows.push(splitTableRow(lines[j]));
    return { header, rows };
  }
  return undefined;
}

const cell = (s: string | undefined) => (s ?? '').replace(/\\([*|\\])/g, '$1').replace(/\s+/g, ' ').trim();

/** Cell-by-cell differences between the old and new text of a block, in the block's language. */
export function describeChanges(kind: string, oldInner: string, newInner: string, lang: Locale): string[] {
  const zh = lang === 'zh-cn';
  const colon = zh ? '：' : ': ';
  const before = parseFirstTable(oldInner);
  const after = parseFirstTable(newInner);
  if (!after) return [];
  if (!before) return [zh ? '原来的文本中没有表格，已重新生成。' : 'The old text had no table; the table was rebuilt.'];
  const keyCols = kind === 'pricing' ? 3 : kind === 'cost' ? 2 : 1;
  const keyOf = (row: string[]) => row.slice(0, keyCols).map(cell).join(' · ');
  const out: string[] = [];
  const oldRows = new Map(before.rows.map((r) => [keyOf(r), r]));
  const newKeys = new Set(after.rows.map(keyOf));
  const oldHeader = before.header.map(cell);
  for (const h of after.header.slice(keyCols).map(cell)) {
    if (!oldHeader.includes(h)) out.push(zh ? `新增列${colon}${h}` : `Added column${colon}${h}`);
  }
  for (const h of oldHeader.slice(keyCols)) {
    if (!after.header.map(cell).includes(h)) out.push(zh ? `移除列${colon}${h}` : `Removed column${colon}${h}`);
  }
  for (const row of after.rows) {
    const key = keyOf(row);
    const old = oldRows.get(key);
    if (!old) {
      out.push(`${zh ? '新增' : 'Added'}${colon}${key}${row.length > keyCols ? ` (${row.slice(keyCols).map(cell).join(', ')})` : ''}`);
      continue;
    }
    for (let c = keyCols; c < after.header.length; c++) {
      const h = cell(after.header[c]);
      const oc = oldHeader.indexOf(h);
      if (oc < 0) continue;
      const a = cell(old[oc]);
      const b = cell(row[c]);
      if (a === b) continue;
      const where = kind === 'spec' || kind === 'compare' ? `${h} · ${key}` : `${key} · ${h}`;
      out.push(`${where}${colon}${a || '∅'} → ${b}`);
    }
  }
  for (const row of before.rows) {
    const key = keyOf(row);
    if (!newKeys.has(key)) out.push(`${zh ? '移除' : 'Removed'}${colon}${key}`);
  }
  return out;
}

// ------------------------------------------------------------------------------------------------ refresh

export interface BlockEdit {
  start: number;
  end: number;
  newText: string;
}

export interface BlockChange {
  block: DataBlock;
  summary: string[];
}

export interface BlockProblem {
  start: number;
  end: number;
  message: Localized;
}

export interface RefreshOptions {
  /** Language for blocks whose marker has no `lang` (default en). */
  lang?: Locale;
  /** With `today`: list pricing and cost blocks whose prices are still older than this after the refresh. */
  staleAfterDays?: number;
}

export interface RefreshResult {
  /** Non-overlapping, in document order; apply from last to first (or with an editor's workspace edit). */
  edits: BlockEdit[];
  /** One entry per block that changed, with what changed. */
  changes: BlockChange[];
  /** Broken markers and blocks that could not be regenerated; those blocks are left alone. */
  problems: BlockProblem[];
  /** Pricing and cost blocks whose newest data is still older than `staleAfterDays` (nothing newer to refresh to). */
  stale: { block: DataBlock; asOf: string; ageDays: number }[];
}


/**
 * Regenerates every complete block from its marker with the current data. A block whose text would not change
 * gets no edit; each edit replaces exactly the block (start marker to end marker), nothing around it.
 */
export function refreshBlocks(text: string, db: GpuDatabase, today?: string, options: RefreshOptions = {}): RefreshResult {
  const result: RefreshResult = { edits: [], changes: [], problems: [], stale: [] };
  for (const block of findDataBlocks(text)) {
    if (!block.complete) {
      if (block.problem) result.problems.push({ start: block.marker.start, end: block.marker.end, message: block.problem });
      continue;
    }
    const lang: Locale = block.params.lang === 'zh-cn' || block.params.lang === 'en' ? block.params.lang : options.lang ?? 'en';
    const table = tableFromParams(db, block.kind, block.params, lang);
    if (!table.ok) {
      result.problems.push({
        start: block.marker.start,
        end: block.marker.end,
        message: { en: `This table cannot be refreshed: ${table.error}`, zh: `此表格无法刷新：${table.error}` },
      });
      continue;
    }
    if (today && options.staleAfterDays !== undefined && (block.kind === 'pricing' || block.kind === 'cost')) {
      const age = daysBetween(table.asOf, today);
      if (age > options.staleAfterDays) result.stale.push({ block, asOf: table.asOf, ageDays: age });
    }
    const fresh = table.text.replace(/\n$/, '');
    const newText = block.eol === '\r\n' ? fresh.replace(/\n/g, '\r\n') : fresh;
    const oldText = text.slice(block.start, block.end);
    if (oldText.replace(/\r\n/g, '\n') === fresh) continue;
    const newInner = fresh.slice(fresh.indexOf('\n') + 1, fresh.lastIndexOf('\n') + 1);
    const summary = describeChanges(block.kind, block.inner, newInner, lang);
    const zh = lang === 'zh-cn';
    if (block.params.asOf !== table.asOf) summary.push(`${zh ? '数据日期' : 'Data date'}${zh ? '：' : ': '}${block.params.asOf ?? '∅'} → ${table.asOf}`);
    if (summary.length === 0) summary.push(zh ? '数值未变；来源说明或排版已更新。' : 'No figures changed; the source note or layout was updated.');
    result.edits.push({ start: block.start, end: block.end, newText });
    result.changes.push({ block, summary });
  }
  return result;
}

/** Applies non-overlapping edits to a text (for the CLI and tests). */
export function applyBlockEdits(text: string, edits: readonly BlockEdit[]): string {
  let out = text;
  for (const e of [...edits].sort((a, b) => b.start - a.start)) out = out.slice(0, e.start) + e.newText + out.slice(e.end);
  return out;
}

export type { TableKind };
