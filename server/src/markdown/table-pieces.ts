// Long GFM tables parsed a few rows at a time.
//
// micromark keeps every event of a block until the block ends, and a table is one block: the parse of a 2,000-row
// table holds hundreds of thousands of live events, so each young-generation collection copies all of them again
// (measured: a 4,000-row table takes 1.8 s in one parse, 0.45 s as 200 tables of 20 rows, same trees). A table row
// is one line whose cells are parsed on their own, so a table can be parsed as pieces that each repeat its header
// and delimiter rows, then put back together: the rows of later pieces are moved to where their lines are.
//
// Only what cannot change the parse is split: a run of rows that start with `|` (nothing else can start there, so
// the rows cannot end the table or open another block), in a text without reference or footnote definitions (a
// reference in a cell resolves only against definitions in the same parse). The first piece carries all the text
// before the table and the last one all the text after it, and each piece's tree is checked to hold one table with
// exactly its rows; if not, the caller parses the text whole.
import type { Nodes, Root, Table } from 'mdast';

/** Rows per piece: measured best between 20 and 50 (fewer pay a parser's setup per piece, more its GC). */
export const ROWS_PER_PIECE = 24;
/** A table is split only when it has at least this many rows to move (smaller ones parse fast enough whole). */
export const MIN_SPLIT_ROWS = 4 * ROWS_PER_PIECE;

const DELIMITER_ROW = /^ {0,3}\|?[ \t]*:?-+:?[ \t]*(?:\|[ \t]*:?-+:?[ \t]*)*\|?[ \t]*$/;
const PIPE_ROW = /^ {0,3}\|/;
/** A line that could define a link reference or footnote (`[label]:`), anywhere in the text. */
const DEFINITION_LIKE = /^ {0,3}\[(?:[^\]\\\n]|\\.)*\]:/m;

interface LongTable {
  /** Offset where the header row starts, and where the first body row starts. */
  headerStart: number;
  bodyStart: number;
  /** Offsets where each body row group starts, plus where the last split row ends (the rest follows). */
  groupStarts: number[];
  /** 0-based line of each group's first row. */
  groupLines: number[];
  /** Rows in each group. */
  groupRows: number[];
}

/** The long table of `text` worth splitting, or undefined. Reads line starts only; the parse decides what is a table. */
function findLongTable(text: string): LongTable | undefined {
  if (text.length < 2048 || !text.includes('|')) return undefined;
  let lineStart = 0;
  let line = 0;
  let previousStart = -1;
  while (lineStart < text.length) {
    const end = lineEndOf(text, lineStart);
    const next = nextLineStart(text, end);
    if (previousStart >= 0 && mayStartDelimiterRow(text.charCodeAt(lineStart)) && DELIMITER_ROW.test(text.slice(lineStart, end)) && text.slice(previousStart, lineStart).includes('|')) {
      const found = pipeRowsAfter(text, next, line + 1, previousStart);
      // The definitions are looked for only now: most texts with a `|` hold no long table.
      if (found) return DEFINITION_LIKE.test(text) ? undefined : found;
    }
    previousStart = lineStart;
    lineStart = next;
    line++;
  }
  return undefined;
}

/** The rows starting with `|` from `bodyStart` on, in groups, when there are enough of them. */
function pipeRowsAfter(text: string, bodyStart: number, bodyLine: number, headerStart: number): LongTable | undefined {
  const groupStarts: number[] = [];
  const groupLines: number[] = [];
  const groupRows: number[] = [];
  let at = bodyStart;
  let line = bodyLine;
  let rows = 0;
  while (at < text.length) {
    const end = lineEndOf(text, at);
    if (!PIPE_ROW.test(text.slice(at, Math.min(end, at + 4)))) break;
    if (rows % ROWS_PER_PIECE === 0) groupStarts.push(at), groupLines.push(line), groupRows.push(0);
    groupRows[groupRows.length - 1]++;
    rows++;
    at = nextLineStart(text, end);
    line++;
  }
  if (rows < MIN_SPLIT_ROWS) return undefined;
  groupStarts.push(at);
  return { headerStart, bodyStart, groupStarts, groupLines, groupRows };
}

/** `|`, `:`, `-` or a space: the only characters a delimiter row can start with. */
function mayStartDelimiterRow(code: number): boolean {
  return code === 124 || code === 58 || code === 45 || code === 32;
}

function lineEndOf(text: string, from: number): number {
  const n = text.indexOf('\n', from);
  const end = n < 0 ? text.length : n;
  return end > from && text.charCodeAt(end - 1) === 13 ? end - 1 : end;
}

function nextLineStart(text: string, end: number): number {
  if (text.charCodeAt(end) === 13) end++;
  return text.charCodeAt(end) === 10 ? end + 1 : end;
}

/**
 * The tree of `text` parsed with `parse` a long table's rows at a time, or undefined when the text has no table
 * worth splitting or a piece's tree is not the one expected (the caller parses the text whole then).
 */
export function parseWithTablePieces(text: string, parse: (piece: string) => Root): Root | undefined {
  const table = findLongTable(text);
  if (!table) return undefined;
  const { headerStart, bodyStart, groupStarts, groupLines, groupRows } = table;
  const head = text.slice(headerStart, bodyStart);
  const headLines = 2;
  // A table starts after the header row's indentation (up to three spaces).
  const indent = /^ */.exec(head)![0].length;
  const groups = groupRows.length;

  const first = parse(text.slice(0, groupStarts[1]));
  const merged = first.children.at(-1);
  if (merged?.type !== 'table' || merged.position?.start.offset !== headerStart + indent || merged.children.length !== 1 + groupRows[0]) return undefined;

  for (let g = 1; g < groups; g++) {
    const last = g === groups - 1;
    const pieceText = head + text.slice(groupStarts[g], last ? text.length : groupStarts[g + 1]);
    const piece = parse(pieceText);
    const pieceTable = piece.children[0];
    if (pieceTable?.type !== 'table' || pieceTable.position?.start.offset !== indent || (last ? pieceTable.children.length < 1 + groupRows[g] : piece.children.length !== 1 || pieceTable.children.length !== 1 + groupRows[g])) return undefined;
    const shift = { lines: groupLines[g] - headLines, offset: groupStarts[g] - head.length };
    const rows = pieceTable.children.slice(1);
    for (const row of rows) shiftPositions(row, shift);
    merged.children.push(...rows);
    if (last) {
      const after = piece.children.slice(1);
      for (const node of after) shiftPositions(node, shift);
      first.children.push(...after);
      stretch(merged, pieceTable, shift);
      stretch(first, piece, shift);
    }
  }
  return first;
}

/** Ends `target` where `source` (a node of a piece shifted by `shift`) ends. */
function stretch(target: Table | Root, source: Table | Root, shift: { lines: number; offset: number }): void {
  const end = source.position?.end;
  if (target.position && end) target.position.end = { line: end.line + shift.lines, column: end.column, offset: end.offset === undefined ? undefined : end.offset + shift.offset };
}

/** Moves a node and everything under it by whole lines (columns stay: a piece's lines are the text's lines). */
function shiftPositions(node: Nodes, shift: { lines: number; offset: number }): void {
  const stack: Nodes[] = [node];
  while (stack.length > 0) {
    const current = stack.pop()!;
    const position = current.position;
    if (position) {
      position.start.line += shift.lines;
      position.end.line += shift.lines;
      if (position.start.offset !== undefined) position.start.offset += shift.offset;
      if (position.end.offset !== undefined) position.end.offset += shift.offset;
    }
    if ('children' in current) for (const child of current.children) stack.push(child);
  }
}
