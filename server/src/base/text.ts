// Conversions between string offsets and LSP positions, and small text helpers shared by the core.
import type { Position, Range } from './types';

/**
 * Offsets of line starts in a text; converts offsets to 0-based line / UTF-16 column positions and back. Lines end
 * at `\n`, `\r\n` or a lone `\r`, as LSP and editors count them, and no position falls inside a line ending.
 */
export class LineIndex {
  readonly lineStarts: number[];

  /** `lineStarts`: the text's, when the caller has them already (see SplitOptions.lineStarts). */
  constructor(
    readonly text: string,
    lineStarts?: number[],
  ) {
    this.lineStarts = lineStarts ?? lineStartsOf(text);
  }

  get lineCount(): number {
    return this.lineStarts.length;
  }

  positionAt(offset: number): Position {
    const clamped = Math.max(0, Math.min(offset, this.text.length));
    let low = 0;
    let high = this.lineStarts.length - 1;
    while (low < high) {
      const mid = (low + high + 1) >> 1;
      if (this.lineStarts[mid] <= clamped) low = mid;
      else high = mid - 1;
    }
    return { line: low, character: Math.min(clamped, this.lineEnd(low)) - this.lineStarts[low] };
  }

  offsetAt(position: Position): number {
    if (position.line >= this.lineStarts.length) return this.text.length;
    if (position.line < 0) return 0;
    const start = this.lineStarts[position.line];
    return Math.min(start + Math.max(0, position.character), this.lineEnd(position.line));
  }

  rangeOf(start: number, end: number): Range {
    return { start: this.positionAt(start), end: this.positionAt(end) };
  }

  /** Offset just before the line's terminator (LF, CRLF or CR). */
  lineEnd(line: number): number {
    if (line + 1 >= this.lineStarts.length) return this.text.length;
    const next = this.lineStarts[line + 1];
    const crlf = this.text.charCodeAt(next - 1) === 10 && next - 2 >= this.lineStarts[line] && this.text.charCodeAt(next - 2) === 13;
    return next - (crlf ? 2 : 1);
  }

  lineText(line: number): string {
    return this.text.slice(this.lineStarts[line], this.lineEnd(line));
  }
}

/** What `/\s/` matches, tested on a UTF-16 code unit (ASCII first: callers read text character by character). */
export function isWhiteSpaceCode(code: number): boolean {
  if (code < 128) return code === 32 || (code >= 9 && code <= 13);
  return /\s/.test(String.fromCharCode(code));
}

/** `text` with every character but `\n` replaced by a space: the same length, and the same lines where they end at `\n`. */
export function blankKeepingNewlines(text: string): string {
  // Most spans are within a line: one repeat, no expression.
  if (!text.includes('\n')) return ' '.repeat(text.length);
  return text.replace(/[^\n]+/g, (run) => ' '.repeat(run.length));
}

/**
 * The text from `start` to `end` with the parts in `spans` (offsets in `text`, any order, may overlap) blanked as
 * `blankKeepingNewlines` does. Sorts `spans`.
 */
export function blankSpans(text: string, start: number, end: number, spans: [number, number][]): string {
  if (spans.length === 0) return text.slice(start, end);
  spans.sort((a, b) => a[0] - b[0]);
  let out = '';
  let at = start;
  for (const [from, to] of spans) {
    if (to <= at) continue;
    const a = Math.max(from, at);
    out += text.slice(at, a) + blankKeepingNewlines(text.slice(a, to));
    at = to;
  }
  return out + text.slice(at, end);
}

/** Where each line starts: after `\n`, and after a `\r` that is not followed by `\n`. */
export function lineStartsOf(text: string): number[] {
  const starts = [0];
  if (!text.includes('\r')) {
    for (let i = text.indexOf('\n'); i !== -1; i = text.indexOf('\n', i + 1)) starts.push(i + 1);
    return starts;
  }
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (c === 10 || (c === 13 && text.charCodeAt(i + 1) !== 10)) starts.push(i + 1);
  }
  return starts;
}

export function shiftRange(range: Range, lines: number): Range {
  if (lines === 0) return range;
  return {
    start: { line: range.start.line + lines, character: range.start.character },
    end: { line: range.end.line + lines, character: range.end.character },
  };
}

export function comparePositions(a: Position, b: Position): number {
  return a.line - b.line || a.character - b.character;
}

/** A stable, fast, non-cryptographic hash (FNV-1a, 32-bit) for cache keys built from many strings. */
export function hashString(text: string, seed = 0x811c9dc5): number {
  let hash = seed >>> 0;
  for (let i = 0; i < text.length; i++) {
    hash ^= text.charCodeAt(i);
    hash = Math.imul(hash, 0x01000193) >>> 0;
  }
  return hash;
}

/** The end-of-line sequence a document mostly uses, so inserted text matches it. */
export function detectEol(text: string): '\n' | '\r\n' {
  const crlf = text.indexOf('\r\n');
  return crlf !== -1 && crlf === text.indexOf('\n') - 1 ? '\r\n' : '\n';
}

/** Han characters and Latin letters counted in a text (by the caller's own test of what counts as Han). */
export interface ScriptCounts {
  han: number;
  latin: number;
}

/**
 * `count` summed over the first `limit` characters of the segments' texts, in order. A text that fits whole goes to
 * `countWhole`, which callers remember by text (memoByText): after an edit only the segment it touched is new. The
 * text cut off at the limit goes to `countStart` with the number of its characters that count.
 */
export function countPrefix(segments: readonly { text: string }[], limit: number, countWhole: (text: string) => ScriptCounts, countStart: (text: string, n: number) => ScriptCounts): ScriptCounts {
  let han = 0;
  let latin = 0;
  let seen = 0;
  for (const { text } of segments) {
    const n = Math.min(text.length, limit - seen);
    const counts = n === text.length ? countWhole(text) : countStart(text, n);
    han += counts.han;
    latin += counts.latin;
    seen += n;
    if (seen >= limit) break;
  }
  return { han, latin };
}

/**
 * `fn`, remembered by its text argument: for what a re-check asks of every prose segment of a draft when only the
 * one an edit touched is new. Two generations of at most `maxChars` characters of texts each: a text asked for
 * again moves to the current one, and a generation not asked for while the next filled up is forgotten. So what a
 * draft's checks keep asking stays, and each edit's superseded text goes (with a plain bound, 10,000 edits kept
 * 10,000 dead texts: memory growth the language server must not have).
 */
export function memoByText<T>(fn: (text: string) => T, maxChars = 200_000): (text: string) => T {
  let current = new Map<string, T>();
  let previous = new Map<string, T>();
  let chars = 0;
  return (text) => {
    let value = current.get(text);
    if (value !== undefined) return value;
    value = previous.get(text) ?? fn(text);
    if (chars + text.length > maxChars) {
      previous = current;
      current = new Map();
      chars = 0;
    }
    current.set(text, value);
    chars += text.length;
    return value;
  };
}
