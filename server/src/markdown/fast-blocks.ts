// Top-level blocks simple enough to build without micromark: paragraphs and ATX headings, one-line link reference
// definitions, fenced and indented code, GFM tables whose rows all start and end with a pipe, and tight lists of
// one-line items; their inline content in its simple forms (fast-inline.ts).
//
// micromark costs about 30 µs for a plain paragraph of one line and 50–100 µs per inline link, whatever the text
// holds: a draft of 50,000 links took 2.6 s to parse, 5,000 short sections 1 s. Most of that is spent proving that
// nothing special happens. The blocks here are those where a few character tests prove it instead: a run of lines
// after a blank line (so no container or open block can hold them, outside a fence or a multi-line HTML block),
// each line starting in column 0 with a character that cannot start any other block, and no character in them
// that could start an inline construct other than those listed, in their simplest forms (`phrasing`). Anything
// else in a run, and the run is left to micromark. The tree is the one micromark gives, node for node (fast-blocks.test.ts
// compares the two over the corpora, the scale cases and generated texts).
//
// The rest of the text is still parsed by micromark, with each fast run replaced by an HTML comment of the same
// length (`<!---->` and spaces, line ends kept): it ends every container and block before it, as the run did, and
// keeps every offset, line and column. The comment's node is then swapped for the run's nodes. If the parse of
// the rest shows a run was not at the top level after all (a node of the rest spans it), the caller parses the
// whole text instead.
import type { AlignType, Code, Definition, Heading, List, ListItem, Nodes, Paragraph, Root, RootContent, Table, TableCell, TableRow } from 'mdast';

import { blankKeepingNewlines } from '../base/text';
import { FENCE, HTML_BLOCK_START, isBlankLine } from './chunks';
import { Char, identifierOf, indexBefore, lineContentEnd, phrasing, Points, type References } from './fast-inline';

export interface FastRun {
  /** Offsets of the run's first character and of its last line's end. */
  start: number;
  end: number;
  nodes: RootContent[];
  hasDefinition: boolean;
  /** Where the HTML comment that stands in for the run goes (`commentPlace`); undefined: blank lines stand in. */
  comment?: { open: number; close: number };
  /**
   * An indented code block: code only if no list item or footnote is open before it (it would be their content).
   * The scan takes none where one may be open; the merge checks again against the parse of the rest.
   */
  indented?: true;
}

export interface FastBlocks {
  runs: FastRun[];
  /** The text with every run replaced by an HTML comment of the same length; undefined when nothing else is left. */
  rest: string | undefined;
  /** The root's position, when nothing is left to parse. */
  whole?: Root['position'];
  /** Identifiers that the runs' link references take as defined: the merge checks that they are. */
  referenced?: ReadonlySet<string>;
}

/** Labels of lines that look like definitions, in containers too (`> [a]: u`, `- [a]: u`). */
function definedLabels(text: string): Set<string> {
  const labels = new Set<string>();
  for (const m of text.matchAll(/^[ \t>*+\-\d.)]*\[([^[\]\\\n]{1,999})\]:/gm)) labels.add(identifierOf(m[1]));
  return labels;
}

/** First characters of a line that may start (or continue) another kind of block: indentation, headings, block
 * quotes, list items, thematic breaks and setext underlines, fences, HTML, tables, definitions' and footnotes'
 * brackets are decided elsewhere; `:` may start a table's delimiter row. An asterisk starts a list item or a
 * thematic break unless one or two of them are followed by text (`*a*`, `**a**`). */
const NOT_PARAGRAPH_START = /^(?:[ \t#>\-+=_|~<:]|`{3}|\*(?!\*?[^\s*])|\d{1,9}[.)](?:[ \t]|$))/;
const THEMATIC_BREAK = /^(?:(?:-[ \t]*){3,}|(?:\*[ \t]*){3,}|(?:_[ \t]*){3,})$/;
const ONE_LINE_DEFINITION = /^\[([^[\]\\\n\r\0`<&^][^[\]\\\n\r\0`<&]{0,998})\]:[ \t]*([^\s<>()\\&`[\]\0]+)(?:[ \t]+(?:"([^"\\&\n\r\0]+)"|'([^'\\&\n\r\0]+)'|\(([^()\\&\n\r\0]+)\)))?[ \t]*$/;
/** A fence opening in column 0 (what a fast run may hold), and its info string: language, then meta. */
const FENCE_OPEN = /^(?:`{3}|~{3})/;
const FENCE_INFO = /^(`{3,}|~{3,})[ \t]*([^ \t]*)[ \t]*(.*)$/;
/** The start of a list item or a footnote definition, which indented lines after blank lines may continue. */
const CONTAINER_START = /^ {0,3}(?:[-+*]|\d{1,9}[.)]|\[\^)/;
/** An empty list item, or an ordered one that does not start at 1. */
const LIST_ITEM_NOT_INTERRUPTING = /^ {0,3}(?:(?:[-+*]|\d{1,9}[.)])[ \t]*$|(?!1[.)])\d{1,9}[.)](?:[ \t]|$))/;

/**
 * The fast runs of `text`, or undefined when there are none. `text` is a chunk of Markdown (not MDX) that does not
 * start with a byte order mark.
 */
export function findFastBlocks(text: string): FastBlocks | undefined {
  // Definitions anywhere (in a block quote or a list item too) may make a bracket a reference: then only inline links
  // and full references to a defined label are taken, and a run holding anything else in brackets is left to micromark.
  const refs = text.includes(']:') || text.includes('[^') ? { defined: definedLabels(text), used: new Set<string>() } : undefined;
  const points = new Points(text);
  const runs: FastRun[] = [];
  let fence: { char: number; length: number } | undefined;
  let htmlEnd: RegExp | undefined;
  let afterBlank = true;
  /** The last line left to micromark, blank lines aside, was indented code's or may have been: so may the next. */
  let afterIndented = false;
  /** A list item or a footnote may be open: an indented line after it would be its content, not code, and an item its next. */
  let containerMayBeOpen = false;
  let start = 0;
  while (start <= text.length) {
    const end = lineEnd(text, start);
    if (isBlankLine(text, start, end)) {
      if (!fence && !htmlEnd) afterBlank = true;
      if (end === text.length) break;
      start = end + 1;
      continue;
    }
    const indented = text.startsWith('    ', start);
    // Indented lines, or a list item, after blank lines may go on with a list left to micromark (and after indented
    // code micromark reads some list items as text).
    const mayContinue: boolean = (afterIndented || containerMayBeOpen) && (indented || CONTAINER_START.test(text.slice(start, start + 16)));
    const startsAnew = afterBlank && !fence && !htmlEnd;
    const run: FastRun | undefined = startsAnew && !mayContinue ? (indented ? indentedCodeAt(text, start, points) : fastRun(text, start, refs, points)) : undefined;
    afterBlank = false;
    if (run) {
      // (An indented run takes every indented line up to the next line that is not; another ends on text.)
      afterIndented = false;
      if (!indented) containerMayBeOpen = run.nodes.at(-1)?.type === 'list';
      runs.push(run);
      const after = lineEnd(text, run.end);
      if (after >= text.length) break;
      start = after + 1;
      continue;
    }
    // Not taken: its lines may open or close a fence or an HTML block that a later blank line is inside of.
    let runEnd = end;
    for (let s = start; ; ) {
      const e = lineEnd(text, s);
      if (s > start && isBlankLine(text, s, e)) break;
      ({ fence, htmlEnd } = trackOpenBlock(text.slice(s, e), fence, htmlEnd));
      if (!isBlankLine(text, s, e)) {
        afterIndented = isIndented(text, s);
        // A line in column 0 after a blank line ends any list or footnote, unless it starts another.
        if (CONTAINER_START.test(text.slice(s, Math.min(e, s + 16)))) containerMayBeOpen = true;
        else if (s === start && startsAnew && !isSpaceOrTab(text.charCodeAt(s))) containerMayBeOpen = false;
      }
      runEnd = e;
      if (e >= text.length) break;
      s = e + 1;
    }
    if (runEnd >= text.length) break;
    start = runEnd + 1;
  }
  for (const run of runs) run.comment = commentPlace(text, run);
  const placeable = runs.filter((run) => run.comment || blankPlaceable(text, run));
  // A definition taken here is unknown to micromark's parse of the rest: it stays there if the rest has brackets.
  const kept = placeable.some((r) => r.hasDefinition) && hasBracketOutside(text, placeable) ? placeable.filter((r) => !r.hasDefinition) : placeable;
  if (kept.length === 0) return undefined;
  const rest = restOf(text, kept);
  return { runs: kept, rest, whole: rest === undefined ? points.span(0, text.length) : undefined, referenced: refs?.used.size ? refs.used : undefined };
}

function lineEnd(text: string, from: number): number {
  const n = text.indexOf('\n', from);
  return n === -1 ? text.length : n;
}

/** The fence or HTML block (CommonMark types 1–5) open after `line`, given those open before it. */
function trackOpenBlock(line: string, fence: { char: number; length: number } | undefined, htmlEnd: RegExp | undefined) {
  if (fence) {
    const m = FENCE.exec(line.replace(/\r$/, ''));
    if (m && m[2].charCodeAt(0) === fence.char && m[2].length >= fence.length && m[3].trim() === '') fence = undefined;
    return { fence, htmlEnd };
  }
  if (htmlEnd) return { fence, htmlEnd: htmlEnd.test(line) ? undefined : htmlEnd };
  const open = FENCE.exec(line.replace(/\r$/, ''));
  if (open && !(open[2][0] === '`' && open[3].includes('`'))) return { fence: { char: open[2].charCodeAt(0), length: open[2].length }, htmlEnd };
  const kind = HTML_BLOCK_START.find(([opens]) => opens.test(line));
  if (kind && !kind[1].test(line.slice(line.indexOf('<') + 2))) return { fence, htmlEnd: kind[1] };
  return { fence, htmlEnd };
}

/** What the line before in a run was. */
type Previous = 'start' | 'heading' | 'definition' | 'paragraph' | 'code' | 'break' | 'table' | 'list';

/** The nodes of the run of lines from `start` to the next blank line, or undefined if one is not simple. */
function fastRun(text: string, start: number, refs: References | undefined, points: Points): FastRun | undefined {
  const nodes: RootContent[] = [];
  let hasDefinition = false;
  let paragraphStart = -1;
  let previous: Previous = 'start';
  const closeParagraph = (until: number): boolean => {
    if (paragraphStart < 0) return true;
    const paragraph = paragraphAt(text, paragraphStart, until, refs, points);
    paragraphStart = -1;
    if (!paragraph) return false;
    nodes.push(paragraph);
    return true;
  };
  let end = start;
  for (let s = start; ; ) {
    let newline = lineEnd(text, s);
    if (s > start && isBlankLine(text, s, newline)) break;
    let e = lineContentEnd(text, s, newline);
    const line = text.slice(s, e);
    const first = line.charCodeAt(0);
    // A line the run cannot take ends it there if the text after it parses the same without the run (the caller
    // leaves it to micromark); otherwise the whole run is left.
    const stop = () => (endsRunBefore(previous, line) ? 'stop' : 'fail');
    // Blocks of several lines: a fence may interrupt a paragraph; a table's first row or a list item after a
    // paragraph line would be the paragraph's (or make its last line a header), and `* * *` is a thematic break.
    const startsNew: boolean = previous !== 'paragraph' && previous !== 'definition';
    const multiLine: 'code' | 'table' | 'list' | undefined = (first === Char.backtick || first === Char.tilde) && FENCE_OPEN.test(line) ? 'code'
      : startsNew && first === Char.pipe ? 'table'
      : startsNew && LIST_ITEM.test(line) && !THEMATIC_BREAK.test(line) ? 'list'
      : undefined;
    if (first === Char.hash) {
      const heading = headingAt(text, s, e, refs, points);
      if (!heading) {
        if (stop() === 'stop') break;
        return undefined;
      }
      if (!closeParagraph(end)) return undefined;
      nodes.push(heading);
      previous = 'heading';
    } else if (multiLine) {
      const block = multiLine === 'code' ? fencedCodeAt(text, s, e, points) : multiLine === 'table' ? tableAt(text, s, refs, points) : listAt(text, s, refs, points);
      if (!block) {
        if (stop() === 'stop') break;
        return undefined;
      }
      if (!closeParagraph(end)) return undefined;
      nodes.push(block);
      e = block.position!.end.offset!;
      newline = lineEnd(text, e);
      previous = multiLine;
    } else if (startsNew && THEMATIC_BREAK.test(line)) {
      // (After a paragraph line, `---` would underline a heading.)
      if (!closeParagraph(end)) return undefined;
      nodes.push({ type: 'thematicBreak', position: points.span(s, e) });
      previous = 'break';
    } else if (refs && first === Char.leftBracket && previous !== 'paragraph') {
      // A line after a definition that starts with a quote or a parenthesis may be its title.
      if (/^[ \t]*["'(]/.test(text.slice(newline + 1, newline + 64))) return undefined;
      const definition = definitionAt(line, s, points);
      if (!definition) {
        if (stop() === 'stop') break;
        return undefined;
      }
      nodes.push(definition);
      hasDefinition = true;
      previous = 'definition';
    } else {
      // A continuation line may be indented (its indentation is not text); a first line may not (code, a list's).
      const content = previous === 'paragraph' ? line.replace(/^[ \t]+/, '') : line;
      if (NOT_PARAGRAPH_START.test(content) || (refs && content.charCodeAt(0) === Char.leftBracket)) {
        if (stop() === 'stop') break;
        return undefined;
      }
      if (paragraphStart < 0) paragraphStart = s;
      previous = 'paragraph';
    }
    end = e;
    if (newline >= text.length) break;
    s = newline + 1;
  }
  if (!closeParagraph(end)) return undefined;
  return { start, end, nodes, hasDefinition };
}

/**
 * Lines that start a block of their own after a paragraph line, whatever they hold: a list item with content
 * (bullet, or an ordered one from 1; not one that starts with another marker), a block quote (not one that starts
 * with a list item: micromark reads it as the paragraph it interrupts would, `> 1.` as text), an ATX heading, a
 * fence (a backtick one without backticks after it). A table's delimiter row would make the paragraph's last line a
 * header instead, so no line with a pipe is one.
 */
const INTERRUPTS_PARAGRAPH = /^(?:[-+*][ \t]+[^ \t\r\-+*\d]|1[.)][ \t]+[^ \t\r\-+*\d]|>(?![ \t>]*(?:[-+*]|\d{1,9}[.)])(?:[ \t]|$))|#{1,6}(?:[ \t]|$)|`{3,}[^`]*$|~{3})/;

/**
 * Whether a run can end before a line it cannot take, leaving that line and the rest to micromark: after a heading,
 * a fence, a thematic break, a table or a list any line starts anew (it parses the same after the comment that
 * stands in for the run); after a
 * paragraph or a definition (which CommonMark reads out of a paragraph's text), only a line that interrupts a
 * paragraph does (another would continue it).
 */
function endsRunBefore(previous: Previous, line: string): boolean {
  if (previous === 'start') return false;
  if (previous === 'heading' || previous === 'code' || previous === 'break' || previous === 'table' || previous === 'list') return true;
  return INTERRUPTS_PARAGRAPH.test(line) && !line.includes('|');
}

/**
 * A fenced code block whose opening line (in column 0) starts at `start` and ends at `end`, up to its closing
 * fence; undefined when it is not closed (it would run to the end of the text), or its info string holds an escape
 * or a character reference (which micromark decodes), or a line holds a lone CR or a NUL.
 */
function fencedCodeAt(text: string, start: number, end: number, points: Points): Code | undefined {
  const m = FENCE_INFO.exec(text.slice(start, end));
  if (!m || /[\\&\r\0]/.test(m[0]) || (m[1][0] === '`' && m[0].includes('`', m[1].length))) return undefined;
  const marker = m[1].charCodeAt(0);
  const contentStart = lineEnd(text, end) + 1;
  for (let s = contentStart; s <= text.length; ) {
    const newline = lineEnd(text, s);
    const e = lineContentEnd(text, s, newline);
    if (isClosingFence(text, s, e, marker, m[1].length)) {
      // The value ends before the line end (LF or CRLF) of the last content line.
      const value = s === contentStart ? '' : text.slice(contentStart, s - (text.charCodeAt(s - 2) === 13 ? 2 : 1));
      if (/\r(?!\n)|\0/.test(value)) return undefined;
      return { type: 'code', lang: m[2] || null, meta: m[2] && m[3] ? m[3] : null, value, position: points.span(start, e) };
    }
    if (newline >= text.length) break;
    s = newline + 1;
  }
  return undefined;
}

/**
 * The indented code block whose first line (four spaces or more, after a blank line) starts at `start`: every line
 * so indented and the blank lines between them, each without its first four spaces. Undefined when a line holds a
 * tab (indentation in columns), a lone CR or a NUL, or a blank line up to the next text has four spaces or more.
 */
function indentedCodeAt(text: string, start: number, points: Points): FastRun | undefined {
  let value = '';
  /** Blank lines after the last line of code, with the line ends before them: code only if more code follows. */
  let blanks = '';
  let end = start;
  for (let s = start; ; ) {
    const newline = lineEnd(text, s);
    const e = lineContentEnd(text, s, newline);
    const blank = isBlankLine(text, s, e);
    if (!blank && !text.startsWith('    ', s)) {
      // A line indented with a tab would go on with the code; a list item that could not interrupt a paragraph is a
      // paragraph after indented code, even after blank lines (as micromark reads it), but a list after the comment.
      if (isIndented(text, s) || LIST_ITEM_NOT_INTERRUPTING.test(text.slice(s, e))) return undefined;
      break;
    }
    // (micromark takes a blank line of four spaces or more as a line of the code, not as a blank line.)
    if (blank && e - s >= 4) return undefined;
    for (let k = s; k < e; k++) {
      const c = text.charCodeAt(k);
      if (c === Char.tab || c === 13 || c === 0) return undefined;
    }
    let from = s;
    while (from < e && from - s < 4 && text.charCodeAt(from) === Char.space) from++;
    const lineBreak = s === start ? '' : text.charCodeAt(s - 2) === 13 ? '\r\n' : '\n';
    if (blank) {
      // (Fewer than four spaces: nothing of the line is left.)
      blanks += lineBreak;
    } else {
      value += blanks + lineBreak + text.slice(from, e);
      blanks = '';
      end = e;
    }
    if (newline >= text.length) break;
    s = newline + 1;
  }
  const code: Code = { type: 'code', lang: null, meta: null, value, position: points.span(start, end) };
  return { start, end, nodes: [code], hasDefinition: false, indented: true };
}

/** Up to three spaces, at least `length` of the fence's character, then only spaces or tabs. */
function isClosingFence(text: string, start: number, end: number, marker: number, length: number): boolean {
  let i = start;
  while (i < end && i - start < 3 && text.charCodeAt(i) === Char.space) i++;
  const sequenceStart = i;
  while (i < end && text.charCodeAt(i) === marker) i++;
  if (i - sequenceStart < length) return false;
  while (i < end && (text.charCodeAt(i) === Char.space || text.charCodeAt(i) === Char.tab)) i++;
  return i === end;
}

function headingAt(text: string, start: number, end: number, refs: References | undefined, points: Points): Heading | undefined {
  // Read by hand: an expression with a lazy content and trailing white space backtracks on a long line of spaces.
  let i = start;
  while (i < end && text.charCodeAt(i) === Char.hash) i++;
  const depth = i - start;
  if (depth > 6 || !isSpaceOrTab(text.charCodeAt(i))) return undefined;
  while (i < end && isSpaceOrTab(text.charCodeAt(i))) i++;
  let contentEnd = end;
  while (contentEnd > i && isSpaceOrTab(text.charCodeAt(contentEnd - 1))) contentEnd--;
  // An empty heading, or one that may end with a closing sequence, is left to micromark.
  if (contentEnd === i || text.charCodeAt(contentEnd - 1) === Char.hash) return undefined;
  const children = phrasing(text, i, contentEnd, refs, points);
  if (!children) return undefined;
  return { type: 'heading', depth: depth as Heading['depth'], children, position: points.span(start, end) };
}

const isSpaceOrTab = (code: number) => code === Char.space || code === Char.tab;

/** Whether the line at `start` is indented by four columns or more (a tab counts to the next multiple of four). */
function isIndented(text: string, start: number): boolean {
  let column = 0;
  for (let i = start; column < 4; i++) {
    const c = text.charCodeAt(i);
    if (c === Char.space) column++;
    else if (c === Char.tab) column += 4 - (column % 4);
    else return false;
  }
  return true;
}

/** A list item's marker and the spaces after it (one to four: five would start indented code in the item). */
const LIST_ITEM = /^(?:([-+*])|(\d{1,9})([.)]))( {1,4})(?=[^ \t\r\n])/;
/** Any list item's marker (empty, or its content indented code). */
const LIST_MARKER = /^(?:([-+*])|(\d{1,9})([.)]))(?:[ \t]|\r?$)/;
/** A GFM task list item's box. */
const TASK_BOX = /^\[[ xX]\](?:[ \t]|$)/;

/**
 * A tight list from the item at `start` to the next blank line: one item per line, each a paragraph of one line, all
 * with the same bullet (or the same delimiter after a number); undefined when a line is not such an item (a line
 * that would continue an item, another kind of item, a thematic break, a task box, an item's content that starts
 * another block), or when what follows the blank lines after it would still belong to it (an indented line, an item
 * of the same kind, making the list loose).
 */
function listAt(text: string, start: number, refs: References | undefined, points: Points): List | undefined {
  const items: ListItem[] = [];
  let kind: string | undefined;
  let ordered = false;
  let first: number | null = null;
  let s = start;
  let end = start;
  for (;;) {
    const newline = lineEnd(text, s);
    if (isBlankLine(text, s, newline)) break;
    const e = lineContentEnd(text, s, newline);
    const line = text.slice(s, e);
    const m = LIST_ITEM.exec(line);
    if (!m || THEMATIC_BREAK.test(line)) return undefined;
    const itemKind = m[1] ?? m[3];
    if (kind === undefined) {
      kind = itemKind;
      ordered = m[1] === undefined;
      first = ordered ? Number(m[2]) : null;
    } else if (itemKind !== kind) {
      return undefined;
    }
    const contentStart = s + m[0].length;
    const content = text.slice(contentStart, e);
    if (NOT_PARAGRAPH_START.test(content) || TASK_BOX.test(content) || (refs && content.charCodeAt(0) === Char.leftBracket)) return undefined;
    const paragraph = paragraphAt(text, contentStart, e, refs, points);
    if (!paragraph) return undefined;
    items.push({ type: 'listItem', spread: false, checked: null, children: [paragraph], position: points.span(s, e) });
    end = e;
    if (newline >= text.length) break;
    s = newline + 1;
  }
  // What comes after the blank lines must start anew.
  while (s < text.length && isBlankLine(text, s, lineEnd(text, s))) s = lineEnd(text, s) + 1;
  if (s < text.length) {
    const after = LIST_MARKER.exec(text.slice(s, lineEnd(text, s)));
    if (isSpaceOrTab(text.charCodeAt(s)) || (after && (after[1] ?? after[3]) === kind)) return undefined;
  }
  return { type: 'list', ordered, start: first, spread: false, children: items, position: points.span(start, end) };
}

/**
 * A GFM table from its header row at `start` to the next blank line, or undefined unless every line of it starts
 * and ends with a pipe (so no line can be anything but a row, and the table runs to the blank line), has no tab or
 * backslash (no escaped pipe), and the second line is a delimiter row with as many cells as the header. Every pipe
 * splits cells, in code spans too, as in micromark; a body row keeps as many cells as it has. A cell runs from its
 * pipe to the next (the last one to the row's end), its content is parsed as a paragraph's, spaces around it
 * trimmed.
 */
function tableAt(text: string, start: number, refs: References | undefined, points: Points): Table | undefined {
  const rows: { start: number; end: number }[] = [];
  for (let s = start; ; ) {
    const newline = lineEnd(text, s);
    if (isBlankLine(text, s, newline)) break;
    const e = lineContentEnd(text, s, newline);
    if (e - s < 2 || text.charCodeAt(s) !== Char.pipe || text.charCodeAt(e - 1) !== Char.pipe || indexBefore(text, Char.tab, s, e) !== -1 || indexBefore(text, Char.backslash, s, e) !== -1) return undefined;
    rows.push({ start: s, end: e });
    if (newline >= text.length) break;
    s = newline + 1;
  }
  if (rows.length < 2) return undefined;
  const align = delimiterAlign(text, rows[1].start, rows[1].end);
  const header = tableRow(text, rows[0].start, rows[0].end, refs, points);
  if (!align || !header || header.children.length !== align.length) return undefined;
  const children: TableRow[] = [header];
  for (let r = 2; r < rows.length; r++) {
    const row = tableRow(text, rows[r].start, rows[r].end, refs, points);
    if (!row) return undefined;
    children.push(row);
  }
  return { type: 'table', align, children, position: points.span(rows[0].start, rows[rows.length - 1].end) };
}

/** The row of the line from `start` to `end` (a pipe at each end), or undefined if a cell's content is not simple. */
function tableRow(text: string, start: number, end: number, refs: References | undefined, points: Points): TableRow | undefined {
  const cells: TableCell[] = [];
  for (let pipe = start; pipe < end - 1; ) {
    const next = indexBefore(text, Char.pipe, pipe + 1, end);
    let contentStart = pipe + 1;
    let contentEnd = next;
    while (contentStart < contentEnd && text.charCodeAt(contentStart) === Char.space) contentStart++;
    while (contentEnd > contentStart && text.charCodeAt(contentEnd - 1) === Char.space) contentEnd--;
    const children = contentEnd > contentStart ? phrasing(text, contentStart, contentEnd, refs, points) : [];
    if (!children) return undefined;
    cells.push({ type: 'tableCell', children, position: points.span(pipe, next === end - 1 ? end : next) });
    pipe = next;
  }
  return { type: 'tableRow', children: cells, position: points.span(start, end) };
}

/** The alignment of each column from a delimiter row (`|:--|--:|:-:|---|`), or undefined if the line is not one. */
function delimiterAlign(text: string, start: number, end: number): AlignType[] | undefined {
  const cells = text.slice(start + 1, end - 1).split('|');
  const align: AlignType[] = [];
  for (const cell of cells) {
    const m = /^ *(:?)-+(:?) *$/.exec(cell);
    if (!m) return undefined;
    align.push(m[1] && m[2] ? 'center' : m[1] ? 'left' : m[2] ? 'right' : null);
  }
  return align;
}

function definitionAt(line: string, start: number, points: Points): Definition | undefined {
  const m = ONE_LINE_DEFINITION.exec(line);
  if (!m || !/\S/.test(m[1])) return undefined;
  const title = m[3] ?? m[4] ?? m[5] ?? null;
  return { type: 'definition', identifier: identifierOf(m[1]), label: m[1], title, url: m[2], position: points.span(start, start + line.length) };
}

function paragraphAt(text: string, start: number, end: number, refs: References | undefined, points: Points): Paragraph | undefined {
  const children = phrasing(text, start, end, refs, points);
  return children && { type: 'paragraph', children, position: points.span(start, end) };
}

/**
 * Where the HTML comment that stands in for a run in the text micromark parses goes: `<!---->` on the first line
 * long enough for it, or `<!--` on the first line of four characters or more and `-->` on the last line; lines
 * before it blank. Undefined when the run's lines are too short for it.
 */
function commentPlace(text: string, run: FastRun): { open: number; close: number } | undefined {
  const lengthAt = (lineStart: number) => Math.min(run.end, lineContentEnd(text, lineStart, lineEnd(text, lineStart))) - lineStart;
  let open = run.start;
  while (lengthAt(open) < 4) {
    open = lineEnd(text, open) + 1;
    if (open > run.end) return undefined;
  }
  if (lengthAt(open) >= 7) return { open, close: open + 4 };
  const close = text.lastIndexOf('\n', run.end - 1) + 1;
  return close > open && run.end - close >= 3 ? { open, close } : undefined;
}

/**
 * Whether a run too short for a comment may stand in the rest as blank lines: only between blank lines, after a line
 * in column 0. What follows then follows blank lines in both texts, and not an indented code block, after which
 * micromark reads some lines differently (`2) x` is a paragraph there, a list item after a thematic break); a
 * container the blank lines would join to what follows shows in the parse, and the caller parses the text whole.
 */
function blankPlaceable(text: string, run: FastRun): boolean {
  const next = lineEnd(text, run.end) + 1;
  if (next <= text.length && !isBlankLine(text, next, lineEnd(text, next))) return false;
  let before = run.start - 1;
  while (before > 0) {
    const lineStart = text.lastIndexOf('\n', before - 1) + 1;
    if (!isBlankLine(text, lineStart, before)) {
      const first = text.charCodeAt(lineStart);
      return first !== Char.space && first !== Char.tab;
    }
    before = lineStart - 1;
  }
  return true;
}

/** The text that stands in for a run: its comment, or blank lines where the run is too short for one. */
function commentFor(text: string, run: FastRun): string {
  const blank = blankKeepingNewlines(text.slice(run.start, run.end));
  if (!run.comment) return blank;
  const { open, close } = run.comment;
  const at = (offset: number) => offset - run.start;
  return blank.slice(0, at(open)) + '<!--' + blank.slice(at(open) + 4, at(close)) + '-->' + blank.slice(at(close) + 3);
}

function hasBracketOutside(text: string, runs: FastRun[]): boolean {
  let from = 0;
  for (const run of runs) {
    const bracket = text.indexOf('[', from);
    if (bracket !== -1 && bracket < run.start) return true;
    from = run.end;
  }
  return text.indexOf('[', from) !== -1;
}

/** The text with each run replaced by its comment, or undefined when only blank lines would be left. */
function restOf(text: string, runs: FastRun[]): string | undefined {
  const gaps = runs.map((run, i) => text.slice(i === 0 ? 0 : runs[i - 1].end, run.start));
  gaps.push(text.slice(runs[runs.length - 1].end));
  if (!gaps.some((gap) => /[^ \t\r\n]/.test(gap))) return undefined;
  return gaps.map((gap, i) => (i < runs.length ? gap + commentFor(text, runs[i]) : gap)).join('');
}

/**
 * The tree of the whole text from the parse of `fast.rest` (undefined when nothing was left to parse): each run's
 * comment replaced by the run's nodes. Undefined when a node of the rest reaches into a run (the run was not a
 * top-level block after all).
 */
export function mergeFastBlocks(fast: FastBlocks, rest: Root | undefined): Root | undefined {
  const children = rest ? mergedChildren(fast.runs, rest) : fast.runs.flatMap((r) => r.nodes);
  if (!children || (fast.referenced && !definesAll(children, fast.referenced))) return undefined;
  if (!rest) return { type: 'root', children, position: fast.whole };
  rest.children = children;
  return rest;
}

/** The top-level nodes of the rest with each run's nodes in its place, or undefined when a run does not fit there. */
function mergedChildren(runs: readonly FastRun[], rest: Root): RootContent[] | undefined {
  const children: RootContent[] = [];
  let r = 0;
  for (const child of rest.children) {
    const start = child.position?.start.offset ?? -1;
    const end = child.position?.end.offset ?? -1;
    // Runs before this node stood in the rest as blank lines (a comment of theirs would have come first).
    for (; r < runs.length && runs[r].end <= start; r++) {
      if (runs[r].comment || !mayFollow(children, runs[r])) return undefined;
      children.push(...runs[r].nodes);
    }
    const run = runs[r];
    if (run && start >= run.start) {
      if (child.type !== 'html' || end > run.end || !run.comment || !mayFollow(children, run)) return undefined;
      children.push(...run.nodes);
      r++;
    } else if (run && end > run.start) {
      return undefined;
    } else {
      children.push(child);
    }
  }
  for (; r < runs.length; r++) {
    if (runs[r].comment || !mayFollow(children, runs[r])) return undefined;
    children.push(...runs[r].nodes);
  }
  return children;
}

/** Whether the tree defines every identifier in `referenced` (definitions may be in block quotes and list items). */
function definesAll(nodes: readonly RootContent[], referenced: ReadonlySet<string>): boolean {
  const defined = new Set<string>();
  const stack: Nodes[] = [...nodes];
  while (stack.length > 0) {
    const node = stack.pop()!;
    if (node.type === 'definition') defined.add(node.identifier);
    else if (node.type === 'blockquote' || node.type === 'list' || node.type === 'listItem' || node.type === 'footnoteDefinition') stack.push(...node.children);
  }
  for (const identifier of referenced) if (!defined.has(identifier)) return false;
  return true;
}

/** Whether a run may follow the top-level nodes before it: indented code not after a list or a footnote. */
function mayFollow(before: readonly RootContent[], run: FastRun): boolean {
  const last = before.at(-1)?.type;
  return !run.indented || (last !== 'list' && last !== 'footnoteDefinition');
}
