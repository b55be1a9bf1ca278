// Numbers followed by a unit (`24GB`, `24 GB`): which units count, which look-alikes never do (model sizes `7B`,
// resolutions `4K`, `1080p`, precisions `FP16`, SKU names `A100-80GB`, `H100 80GB`), and how a draft writes them.
import { countAtOrBefore } from '../base/sorted';
import { memoByText } from '../base/text';

/** Units whose spacing the team decides (`typography.unitSpacing`). Case matters: `GB` is a unit, `gb` is not. */
export const UNITS: readonly string[] = [
  // storage and memory
  'KB', 'MB', 'GB', 'TB', 'PB', 'KiB', 'MiB', 'GiB', 'TiB', 'PiB', 'Kb', 'Mb', 'Gb', 'Tb',
  // bandwidth and transfer rates
  'KB/s', 'MB/s', 'GB/s', 'TB/s', 'Kbps', 'Mbps', 'Gbps', 'Tbps', 'GT/s', 'MT/s',
  // frequency, power, voltage, energy
  'Hz', 'kHz', 'MHz', 'GHz', 'W', 'kW', 'mW', 'V', 'mV', 'mAh', 'Wh', 'kWh',
  // time
  'ms', 'μs', 'us', 'ns',
  // throughput
  'FLOPS', 'TFLOPS', 'GFLOPS', 'PFLOPS', 'TFLOPs', 'TOPS', 'fps', 'FPS',
  // length
  'nm', 'mm', 'cm', 'km',
];

// `B` alone is left out on purpose: it would catch model sizes (7B, 70B).
const UNIT_SET = new Set(UNITS);
const UNIT_ALTERNATION = [...UNIT_SET].sort((a, b) => b.length - a.length).map((u) => u.replace(/[/]/g, '\\/')).join('|');

/**
 * A number and a unit: the number is not part of a larger token (`A100-80GB`, `v2`, `x86`, `v1.80GB`; a comma or
 * dot after punctuation or Chinese is no part of one: `显存,24GB`, `...80GB`), the unit not the start of a longer
 * word (`8 Gbit`, `5 ms-long`). Groups: 1 number, 2 the spaces between, 3 the unit.
 */
export const NUMBER_UNIT = new RegExp(`(?<![A-Za-z0-9_\\-/+])(?<![A-Za-z0-9][.,])([0-9]+(?:[.,][0-9]+)*)( *)(${UNIT_ALTERNATION})(?![A-Za-z0-9_])`, 'g');

/** The text before a number names a product (`H100 `, `RTX 4090 `, `A100-`): the number is part of a SKU name. */
const SKU_BEFORE = /(?:^|[^A-Za-z0-9])[A-Za-z]{1,6}[ -]?[0-9]{1,4}[A-Za-z]{0,3}[ -]$/;

export function isSkuContext(textBefore: string): boolean {
  return SKU_BEFORE.test(textBefore.slice(-16));
}

/** Whether `text[b…]` starts a unit that follows a number ending at `text[a - 1]`: the gap a…b belongs to the unit rule. */
export function isNumberUnitGap(text: string, a: number, b: number): boolean {
  if (a === 0 || !/[0-9]/.test(text[a - 1])) return false;
  const rest = text.slice(b, b + 8);
  const m = /^[A-Za-zμ/]+/.exec(rest);
  if (!m) return false;
  for (let len = m[0].length; len > 0; len--) {
    if (UNIT_SET.has(m[0].slice(0, len)) && !/[A-Za-z0-9_]/.test(rest[len] ?? '')) return true;
  }
  return false;
}

export interface NumberUnit {
  /** Offsets in the document: the number, the gap between number and unit, the unit. */
  start: number;
  gapStart: number;
  gapEnd: number;
  end: number;
  number: string;
  unit: string;
}

const FULLWIDTH_ALNUM = /[０-９Ａ-Ｚａ-ｚ]/g;

/**
 * Padded tables (a cell with two or more spaces before a pipe, or rows of equal length): left alone. Their lines as
 * [start, end) offset ranges, in order (an end is the next line's start). Only a line with a `|` can start or
 * continue a table, so the search goes from pipe to pipe and never splits the whole draft into lines: it runs on
 * every check of a draft with tables, and a draft of 5,000 lines cost half a millisecond each time that way.
 */
function paddedTableRanges(text: string): [number, number][] {
  const out: [number, number][] = [];
  const lineEnd = (start: number) => {
    const newline = text.indexOf('\n', start);
    return newline === -1 ? text.length : newline;
  };
  for (let bar = text.indexOf('|'); bar !== -1; ) {
    const start = text.lastIndexOf('\n', bar - 1) + 1;
    const end = lineEnd(start);
    const header = text.slice(start, end);
    const delimiter = end < text.length ? text.slice(end + 1, lineEnd(end + 1)) : '';
    if (!/^ {0,3}\|?.*\|/.test(header) || !/^ {0,3}\|?\s*:?-+:?\s*(\|\s*:?-+:?\s*)*\|?\s*$/.test(delimiter)) {
      bar = end < text.length ? text.indexOf('|', end + 1) : -1;
      continue;
    }
    // The rows: the header, the delimiter row, and each following line with a pipe that is not blank.
    const rows = [header, delimiter];
    let next = end + 1 + delimiter.length + 1;
    while (next <= text.length) {
      const row = text.slice(next, lineEnd(next));
      if (!row.includes('|') || row.trim() === '') break;
      rows.push(row);
      next += row.length + 1;
    }
    const cells = rows.map((r) => r.replace(/\r$/, ''));
    const padded = cells.some((r, k) => k !== 1 && /(?: {2,}\|)|(?:\| {2,}\S)/.test(r)) || new Set(cells.map((r) => r.length)).size === 1;
    if (padded) out.push([start, next]);
    bar = next < text.length ? text.indexOf('|', next) : -1;
  }
  return out;
}

/** A number and unit in a prose segment's text (offsets in the segment), before the checks against the draft. */
interface Candidate {
  index: number;
  number: string;
  gap: string;
  unit: string;
}

const NONE: readonly Candidate[] = [];

/** The numbers and units of a segment's text: what only the text decides (the match and whether it is a SKU name). */
function findCandidates(text: string, normalizeFullwidth: boolean): readonly Candidate[] {
  let s = text;
  if (normalizeFullwidth && FULLWIDTH_ALNUM.test(s)) s = s.replace(FULLWIDTH_ALNUM, (c) => String.fromCharCode(c.charCodeAt(0) - 0xfee0));
  FULLWIDTH_ALNUM.lastIndex = 0;
  let found: Candidate[] | undefined;
  if (/[0-9]/.test(s)) {
    NUMBER_UNIT.lastIndex = 0;
    for (const m of s.matchAll(NUMBER_UNIT)) {
      if (isSkuContext(s.slice(0, m.index))) continue;
      (found ??= []).push({ index: m.index, number: m[1], gap: m[2], unit: m[3] });
    }
  }
  return found ?? NONE;
}

/**
 * Candidates by segment text, for each `normalizeFullwidth`: a re-check after an edit finds the text of every segment
 * it did not touch here, so only the edited segment is matched again.
 */
const candidatesBy = [memoByText((text) => findCandidates(text, false)), memoByText((text) => findCandidates(text, true))];
const candidatesOf = (text: string, normalizeFullwidth: boolean) => candidatesBy[normalizeFullwidth ? 1 : 0](text);

/**
 * Every number followed by a unit in the prose of a document. `prose` are the document's prose segments (code and
 * markup blanked); full-width letters and digits count as half-width when `normalizeFullwidth` (the typography fix
 * of the same pass turns them half-width). Numbers in padded tables and in SKU names are not included.
 */
export function numberUnits(text: string, prose: readonly { text: string; offset: number }[], normalizeFullwidth: boolean): NumberUnit[] {
  const out: NumberUnit[] = [];
  let tables: [number, number][] | undefined;
  for (const segment of prose) {
    for (const c of candidatesOf(segment.text, normalizeFullwidth)) {
      const start = segment.offset + c.index;
      const gapStart = start + c.number.length;
      const gapEnd = gapStart + c.gap.length;
      // The gap must be real spaces (blanked markup such as `**24**GB` is not a space).
      if (c.gap && text.slice(gapStart, gapEnd) !== c.gap) continue;
      if (text.slice(start, gapStart).length !== c.number.length) continue;
      // Only a line with a pipe can be a table row (a delimiter row holds no number).
      const lineStart = text.lastIndexOf('\n', start - 1) + 1;
      const lineEnd = text.indexOf('\n', start);
      if (text.slice(lineStart, lineEnd === -1 ? text.length : lineEnd).includes('|')) {
        tables ??= paddedTableRanges(text);
        // The last table starting at or before the number: the number is in a table if that one reaches it.
        const table = tables[countAtOrBefore(tables, (t) => t[0], start) - 1];
        if (table && start < table[1]) continue;
      }
      out.push({ start, gapStart, gapEnd, end: gapEnd + c.unit.length, number: c.number, unit: c.unit });
    }
  }
  return out.sort((a, b) => a.start - b.start);
}
