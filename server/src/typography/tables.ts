// Table alignment by display width: a table the writer padded so its pipes line up (in a monospace editor, where a
// Chinese character is two columns wide) should still line up — also after the typography fixes of its cells, which
// is why the widths are those of the cells' fixed text. Compact tables (`| a | b |`) are left as they are.
import type { Table } from 'mdast';
import { displayWidth } from './width';

export interface TableEdit {
  start: number;
  end: number;
  text: string;
}

export interface TableAlignment {
  start: number;
  end: number;
  edits: TableEdit[];
  /** The edits keep the delimiter row (`| --- | :-: |`) as it is: fix-all may apply them. A fix that has to
   *  rewrite the delimiter row is offered as a quick fix only (fix-all never touches that row). */
  keepsDelimiter: boolean;
}

interface Cell {
  /** Whitespace before the content, [leadStart, contentStart), and after it, [contentEnd, trailEnd). */
  leadStart: number;
  contentStart: number;
  contentEnd: number;
  trailEnd: number;
  /** A pipe follows the trailing whitespace. */
  piped: boolean;
  leadingPipe: boolean;
}

const off = (n: { position?: { start: { offset?: number }; end: { offset?: number } } }) => [n.position?.start.offset ?? 0, n.position?.end.offset ?? 0];

function lineStart(text: string, at: number): number {
  return text.lastIndexOf('\n', at - 1) + 1;
}

function lineEnd(text: string, at: number): number {
  const nl = text.indexOf('\n', at);
  const end = nl === -1 ? text.length : nl;
  return end > at && text[end - 1] === '\r' ? end - 1 : end;
}

function rowCells(text: string, row: Table['children'][number]): Cell[] | undefined {
  const cells: Cell[] = [];
  for (const cell of row.children) {
    const [cs, ce] = off(cell);
    const leadingPipe = text[cs] === '|';
    const leadStart = cs + (leadingPipe ? 1 : 0);
    const last = cell === row.children[row.children.length - 1];
    const piped = last ? text[ce - 1] === '|' && ce - 1 >= leadStart : text[ce] === '|';
    const trailEnd = last && piped ? ce - 1 : ce;
    let contentStart: number;
    let contentEnd: number;
    if (cell.children.length) {
      contentStart = off(cell.children[0])[0];
      contentEnd = off(cell.children[cell.children.length - 1])[1];
    } else {
      contentStart = contentEnd = trailEnd;
    }
    if (!/^[ \t]*$/.test(text.slice(leadStart, contentStart)) || !/^[ \t]*$/.test(text.slice(contentEnd, trailEnd))) return undefined;
    cells.push({ leadStart, contentStart, contentEnd, trailEnd, piped, leadingPipe });
  }
  return cells;
}

/** The delimiter row's cells: [start, end) of each cell text between pipes, and its pipe style. */
function delimiterCells(text: string, start: number, end: number): { cells: [number, number][]; leading: boolean; trailing: boolean } | undefined {
  const line = text.slice(start, end);
  if (!/^\s*\|?\s*:?-+:?\s*(\|\s*:?-+:?\s*)*\|?\s*$/.test(line)) return undefined;
  const cells: [number, number][] = [];
  let i = start;
  while (i < end && text[i] === ' ') i++;
  const leading = text[i] === '|';
  if (leading) i++;
  let cellStart = i;
  for (; i <= end; i++) {
    if (i === end || text[i] === '|') {
      if (i < end || text.slice(cellStart, i).trim()) cells.push([cellStart, i]);
      cellStart = i + 1;
    }
  }
  const trailing = line.trimEnd().endsWith('|');
  if (trailing && cells.length && !text.slice(cells[cells.length - 1][0], cells[cells.length - 1][1]).trim()) cells.pop();
  return { cells, leading, trailing };
}

/**
 * Checks one table. `finalText(start, end)` is the text of a cell's content after the typography fixes.
 * Returns undefined when the table is compact, lines up, or is not in a shape this rule handles (inside a list or
 * block quote, rows with a different number of cells).
 */
export function checkTableAlignment(text: string, table: Table, finalText: (start: number, end: number) => string, ambiguous: 1 | 2): TableAlignment | undefined {
  const [ts, te] = off(table);
  if (table.children.length < 2) return undefined;
  const rows: { cells: Cell[]; start: number }[] = [];
  for (const row of table.children) {
    const [rs] = off(row);
    const ls = lineStart(text, rs);
    if (!/^ {0,3}$/.test(text.slice(ls, rs))) return undefined;
    const cells = rowCells(text, row);
    if (!cells || cells.length !== table.children[0].children.length) return undefined;
    rows.push({ cells, start: ls });
  }
  const headerEnd = off(table.children[0])[1];
  const delimStart = text.indexOf('\n', headerEnd) + 1;
  if (delimStart === 0) return undefined;
  const delimEnd = lineEnd(text, delimStart);
  const delim = delimiterCells(text, delimStart, delimEnd);
  const columns = rows[0].cells.length;
  if (!delim || delim.cells.length !== columns) return undefined;

  const w = (s: string) => displayWidth(s, ambiguous);
  const contents = rows.map((r) => r.cells.map((c) => finalText(c.contentStart, c.contentEnd)));
  // Did the writer pad the table? Some cell carries more than one space of padding, or every row is as long as
  // the others (aligned by character count, as many editors do).
  const padded = rows.some((r) => r.cells.some((c) => (c.piped && c.trailEnd - c.contentEnd >= 2) || c.contentStart - c.leadStart >= 2)) ||
    new Set([...rows.map((r) => lineEnd(text, r.start) - r.start), delimEnd - delimStart]).size === 1;
  if (!padded) return undefined;

  // Where the pipes are now (with the fixed cell texts).
  const pipeColumns = (cells: Cell[], texts: string[], rowStart: number): string => {
    let col = w(text.slice(rowStart, cells[0].leadStart));
    const out: number[] = [];
    cells.forEach((c, k) => {
      col += w(text.slice(c.leadStart, c.contentStart)) + w(texts[k]) + w(text.slice(c.contentEnd, c.trailEnd));
      if (c.piped) out.push(col);
      col += 1;
    });
    return out.join(',');
  };
  const delimColumns = (() => {
    let col = w(text.slice(delimStart, delim.cells[0][0]));
    const out: number[] = [];
    delim.cells.forEach(([a, b], k) => {
      col += w(text.slice(a, b));
      if (k < columns - 1 || delim.trailing) out.push(col);
      col += 1;
    });
    return out.join(',');
  })();
  const reference = pipeColumns(rows[0].cells, contents[0], rows[0].start);
  const aligned = rows.every((r, i) => pipeColumns(r.cells, contents[i], r.start) === reference) && delimColumns === reference;
  if (aligned) return undefined;

  // First choice: pad the cells so their pipes meet the delimiter row's pipes, leaving that row as written.
  const fitted = fitToDelimiter();
  if (fitted) return fitted.length ? { start: ts, end: te, edits: fitted, keepsDelimiter: true } : undefined;

  // The canonical padding: one space on each side, the column as wide as its widest cell (at least 3).
  const widths = Array.from({ length: columns }, (_, k) => Math.max(3, ...contents.map((row) => w(row[k]))));
  const align = table.align ?? [];
  const edits: TableEdit[] = [];
  rows.forEach((r, i) => {
    r.cells.forEach((c, k) => {
      const extra = widths[k] - w(contents[i][k]);
      const first = k === 0 && !c.leadingPipe;
      let left = first ? 0 : 1;
      let right = c.piped ? 1 : 0;
      if (c.piped || align[k] === 'right' || align[k] === 'center') {
        if (align[k] === 'right') left += extra;
        else if (align[k] === 'center') { left += Math.floor(extra / 2); right += extra - Math.floor(extra / 2); }
        else right += extra;
      }
      const lead = ' '.repeat(left);
      const trail = ' '.repeat(right);
      if (text.slice(c.leadStart, c.contentStart) !== lead) edits.push({ start: c.leadStart, end: c.contentStart, text: lead });
      if (text.slice(c.contentEnd, c.trailEnd) !== trail) edits.push({ start: c.contentEnd, end: c.trailEnd, text: trail });
    });
  });
  const delimiter = widths.map((width, k) => {
    const a = align[k];
    if (a === 'center') return `:${'-'.repeat(width - 2)}:`;
    if (a === 'right') return `${'-'.repeat(width - 1)}:`;
    if (a === 'left') return `:${'-'.repeat(width - 1)}`;
    return '-'.repeat(width);
  });
  const header = rows[0].cells;
  const lead = header[0].leadingPipe ? '| ' : '';
  const trail = header[columns - 1].piped ? ' |' : '';
  const line = lead + delimiter.join(' | ') + trail;
  const ds = delimStart + (text.slice(delimStart, delimEnd).length - text.slice(delimStart, delimEnd).trimStart().length);
  if (text.slice(ds, delimEnd) !== line) edits.push({ start: ds, end: delimEnd, text: line });
  return edits.length ? { start: ts, end: te, edits, keepsDelimiter: !edits.some((e) => e.start >= delimStart && e.start <= delimEnd) } : undefined;

  /** Edits that put every row's pipes where the delimiter row has them, or undefined when a cell does not fit. */
  function fitToDelimiter(): TableEdit[] | undefined {
    const pipes = delimColumns.split(',').filter(Boolean).map(Number);
    const align = table.align ?? [];
    const out: TableEdit[] = [];
    for (const [i, r] of rows.entries()) {
      if (r.cells.filter((c) => c.piped).length !== pipes.length) return undefined;
      // Rows that line up already stay as written.
      if (pipeColumns(r.cells, contents[i], r.start) === delimColumns) continue;
      let col = w(text.slice(r.start, r.cells[0].leadStart));
      let p = 0;
      for (const [k, c] of r.cells.entries()) {
        const content = w(contents[i][k]);
        const minLeft = k === 0 && !c.leadingPipe ? 0 : 1;
        if (!c.piped) {
          // The last cell, open on the right: one space before it, nothing after.
          const lead = ' '.repeat(minLeft);
          if (text.slice(c.leadStart, c.contentStart) !== lead) out.push({ start: c.leadStart, end: c.contentStart, text: lead });
          if (c.trailEnd > c.contentEnd) out.push({ start: c.contentEnd, end: c.trailEnd, text: '' });
          continue;
        }
        const extra = pipes[p] - col - content - minLeft - 1;
        if (extra < 0) return undefined;
        let left = minLeft;
        let right = 1;
        if (align[k] === 'right') left += extra;
        else if (align[k] === 'center') { left += Math.floor(extra / 2); right += extra - Math.floor(extra / 2); }
        else right += extra;
        const lead = ' '.repeat(left);
        const trail = ' '.repeat(right);
        if (text.slice(c.leadStart, c.contentStart) !== lead) out.push({ start: c.leadStart, end: c.contentStart, text: lead });
        if (text.slice(c.contentEnd, c.trailEnd) !== trail) out.push({ start: c.contentEnd, end: c.trailEnd, text: trail });
        col = pipes[p] + 1;
        p++;
      }
    }
    return out;
  }
}
