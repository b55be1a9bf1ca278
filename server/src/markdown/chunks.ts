// Splits a Markdown document into chunks that can be parsed and checked independently.
//
// A chunk boundary may be placed before any ATX heading that starts in column 0 and is not inside a fenced code
// block or a multi-line HTML block (CommonMark types 1–5); short sections are grouped (see endsGroup). A column-0
// heading always closes every open container (lists need indentation, block quotes need `>`, headings are never
// lazy continuation), so the parse of the text before it cannot change the parse of the text after it. The scanner
// below is a cheap approximation of CommonMark's block structure; where it is wrong (a fence it thought closed is
// still open, an HTML block of type 6/7 runs into the heading), the chunk's own parse shows the chunk ending inside
// an open block and the analysis merges it with the next chunk (see `endsOpen` in analyze.ts). So the result is
// always that of the real parser, while an edit re-parses only the chunk it touched.
//
// A long section (a draft without headings, a pasted changelog) is cut into pieces as well, before a line that
// starts in column 0 after a blank line: the blank line has closed every open block and container, and a line that
// is not indented, not a list item (which would continue the list) and not after a comment (`<!-- lint ignore -->`
// applies to the next block) starts a new block whatever came before; so does the second of two one-line link
// reference definitions in a run that started after a blank line (isOneLineDefinition). Without pieces every
// keystroke in such a section re-parsed all of it, and one parse of a 300 KB section outran the time budget.


export type ChunkKind = 'frontmatter' | 'body';

export interface Chunk {
  kind: ChunkKind;
  /** First line (0-based) and the line after the last one. */
  startLine: number;
  endLine: number;
  startOffset: number;
  endOffset: number;
  text: string;
}

/** A fence line: indentation, the fence's characters, the rest (an info string, or nothing on a closing fence). */
export const FENCE = /^( {0,3})(`{3,}|~{3,})(.*)$/;
/** How CommonMark's HTML blocks of types 1–5 start and end (they may hold blank lines). */
export const HTML_BLOCK_START: [RegExp, RegExp][] = [
  [/^ {0,3}<(?:script|pre|style|textarea)(?:[\s>]|$)/i, /<\/(?:script|pre|style|textarea)>/i],
  [/^ {0,3}<!--/, /-->/],
  [/^ {0,3}<\?/, /\?>/],
  [/^ {0,3}<![A-Za-z]/, />/],
  [/^ {0,3}<!\[CDATA\[/, /\]\]>/],
];
/** The comment kind (`<!-- lint ignore -->` and the like apply to the block after them). */
const COMMENT_BLOCK = HTML_BLOCK_START[1];

/**
 * Lines of a YAML (`---`) or TOML (`+++`) front matter block at the very start, or 0 if there is none. Only the
 * opening fence closes it, as GitHub, Jekyll, Hugo and remark read it (YAML's `...` end marker does not: to those
 * renderers the block would run on to the next `---`, so Benchpress must not treat what follows as the draft).
 */
export function frontMatterLineCount(lines: string[]): number {
  const open = lines[0]?.replace(/\r$/, '').trimEnd();
  if (open !== '---' && open !== '+++') return 0;
  for (let i = 1; i < lines.length; i++) {
    if (lines[i].replace(/\r$/, '').trimEnd() === open) return i + 1;
  }
  return 0;
}

/**
 * A reader of line ends: given a line's start, where it ends. Lines end at `\n` (a `\r` before it stays on the
 * line) or at a lone `\r`, as editors and the Markdown parser count them, so every line end is one character. The
 * next `\n` and the next lone `\r` are remembered, so reading every line of a text is linear.
 */
function lineEnds(text: string): (start: number) => number {
  let nextLf = -2;
  let nextLoneCr = text.includes('\r') ? -2 : -1;
  return (start) => {
    if (nextLf !== -1 && nextLf < start) nextLf = text.indexOf('\n', start);
    if (nextLoneCr !== -1 && nextLoneCr < start) {
      let cr = text.indexOf('\r', start);
      while (cr !== -1 && text.charCodeAt(cr + 1) === 10) cr = text.indexOf('\r', cr + 1);
      nextLoneCr = cr;
    }
    const lf = nextLf === -1 ? text.length : nextLf;
    return nextLoneCr !== -1 && nextLoneCr < lf ? nextLoneCr : lf;
  };
}

/** The first character that is not a space, within the first four of the line (what a fence may start with), or -1. */
function fenceLead(text: string, start: number, end: number): number {
  let i = start;
  while (i < end && i - start < 3 && text.charCodeAt(i) === 32) i++;
  return i < end ? text.charCodeAt(i) : -1;
}

/** `frontMatterLineCount` of the text's lines, reading only the lines it needs. */
function frontMatterLines(text: string): { lines: number; end: number } {
  const lineEndAt = lineEnds(text);
  const firstEnd = lineEndAt(0);
  const open = text.slice(0, firstEnd).replace(/\r$/, '').trimEnd();
  if (open !== '---' && open !== '+++') return { lines: 0, end: 0 };
  for (let i = 1, start = firstEnd + 1; start <= text.length; i++) {
    const end = lineEndAt(start);
    if (text.slice(start, end).replace(/\r$/, '').trimEnd() === open) return { lines: i + 1, end: Math.min(end + 1, text.length) };
    if (end === text.length) break;
    start = end + 1;
  }
  return { lines: 0, end: 0 };
}

export interface SplitOptions {
  /** false (for MDX, whose JSX blocks may span headings): one body chunk after the front matter. */
  splitHeadings?: boolean;
  /** false: a chunk per section, short ones not grouped (the preview; a guarded group checked section by section). */
  groupSections?: boolean;
  /** false: the text is part of a body, whatever its first line says. */
  frontMatter?: boolean;
  /**
   * Given, it is filled with where each line starts (as `lineStartsOf` gives them): the split reads every line end
   * anyway, and a check needs both (one scan of a long draft instead of two, on every edit).
   */
  lineStarts?: number[];
}

/**
 * Splits `text` into chunks. `splitHeadings: false` (used for MDX, whose JSX blocks may span headings) gives one
 * body chunk after the front matter. The scan reads the text in place: a line is cut out of it only when its first
 * characters say it could open or close a fence or an HTML block (re-checked on every edit, so it must not copy
 * the whole draft line by line).
 */
export function splitChunks(text: string, options: SplitOptions = {}): Chunk[] {
  const splitHeadings = options.splitHeadings ?? true;
  const groupSections = options.groupSections ?? true;
  const chunks: Chunk[] = [];
  const lineEndAt = lineEnds(text);
  // Lines as a split at every line end gives them: a text that ends with a newline has an empty last line, which belongs
  // to the chunk before it.
  const push = (kind: ChunkKind, startLine: number, startOffset: number, endLine: number, endOffset: number) => {
    if (endLine <= startLine) return;
    const end = Math.min(endOffset, text.length);
    chunks.push({ kind, startLine, endLine, startOffset, endOffset: end, text: text.slice(startOffset, end) });
  };

  const frontMatter = options.frontMatter === false ? { lines: 0, end: 0 } : frontMatterLines(text);
  if (frontMatter.lines > 0) push('frontmatter', 0, 0, frontMatter.lines, frontMatter.end);
  const lineStarts = options.lineStarts;
  if (lineStarts !== undefined) {
    lineStarts.length = 0;
    const frontMatterLineEnd = lineEnds(text);
    for (let start = 0; start < frontMatter.end; start = frontMatterLineEnd(start) + 1) lineStarts.push(start);
  }

  let chunkStart = frontMatter.lines;
  let chunkStartOffset = frontMatter.end;
  /** Where the section before the next heading starts (the last heading a chunk could have started at). */
  let sectionStart = frontMatter.end;
  let sectionStartLine = frontMatter.lines;
  let fence: { char: string; length: number } | undefined;
  let htmlEnd: RegExp | undefined;
  let nextLt = -2;
  /** Ends the current chunk before `line` (which starts at `offset`). */
  const cutBefore = (line: number, offset: number) => {
    push('body', chunkStart, chunkStartOffset, line, offset);
    chunkStart = line;
    chunkStartOffset = offset;
  };
  const pieces = splitHeadings && groupSections;
  /** The line before is blank (outside a fence or an HTML block). */
  let afterBlank = false;
  /** The last line with text opened an HTML comment. */
  let lastTextIsComment = false;
  /** The line before is a link reference definition, in a run of them that starts after a blank line. */
  let inDefinitions = false;
  let i = frontMatter.lines;
  let start = frontMatter.end;
  // A front matter that is the whole text (no line after it) leaves no body lines.
  const hasLines = !(frontMatter.lines > 0 && frontMatter.end === text.length && !text.endsWith('\n'));
  for (; hasLines; i++) {
    const end = lineEndAt(start);
    lineStarts?.push(start);
    // A one-line definition that is one for sure: after a blank line, or in a run of them that started after one.
    const definition: boolean = pieces && !fence && !htmlEnd && (afterBlank || inDefinitions) && isOneLineDefinition(text, start, end);
    /** The line opens an HTML comment (an HTML block of the comment kind). */
    let opensComment = false;
    if (fence) {
      if (fenceLead(text, start, end) === fence.char.charCodeAt(0)) {
        const m = FENCE.exec(text.slice(start, end).replace(/\r$/, ''));
        if (m && m[2][0] === fence.char && m[2].length >= fence.length && m[3].trim() === '') fence = undefined;
      }
    } else if (htmlEnd) {
      if (htmlEnd.test(text.slice(start, end))) htmlEnd = undefined;
    } else {
      const startsBlock = (afterBlank && !lastTextIsComment && startsNewBlock(text, start, end)) || (inDefinitions && definition);
      if (pieces && startsBlock && i > chunkStart && !isColumnZeroAtxHeadingAt(text, start, end) && endsPiece(text, Math.max(sectionStart, chunkStartOffset), start, end)) {
        cutBefore(i, start);
      }
      const lead = fenceLead(text, start, end);
      const fenceOpen = lead === 96 || lead === 126 ? FENCE.exec(text.slice(start, end).replace(/\r$/, '')) : null;
      if (fenceOpen && !(fenceOpen[2][0] === '`' && fenceOpen[3].includes('`'))) {
        fence = { char: fenceOpen[2][0], length: fenceOpen[2].length };
      } else {
        let html = false;
        // The next `<` is remembered, as the line ends are: searching from every line to the next one anywhere was
        // quadratic in a draft with few of them (3 MB and none: 0.2 s per split, on every edit).
        if (nextLt !== -1 && nextLt < start) nextLt = text.indexOf('<', start);
        if (nextLt !== -1 && nextLt < end) {
          const line = text.slice(start, end);
          if (line.charCodeAt(line.search(/\S/)) === 60 /* < */) {
            const kind = HTML_BLOCK_START.find(([open]) => open.test(line));
            if (kind) {
              html = true;
              opensComment = kind === COMMENT_BLOCK;
              const rest = line.slice(line.indexOf('<') + 2);
              if (!kind[1].test(rest)) htmlEnd = kind[1];
            }
          }
        }
        if (!html && splitHeadings && i > chunkStart && isColumnZeroAtxHeadingAt(text, start, end)) {
          const grouped = start - chunkStartOffset;
          if (!groupSections || (grouped >= MIN_GROUPED_CHARS && endsGroup(text, sectionStart, start, i - sectionStartLine)) || grouped >= MAX_GROUPED_CHARS) {
            cutBefore(i, start);
          }
          sectionStart = start;
          sectionStartLine = i;
        }
      }
    }
    if (pieces) {
      const blank = isBlankLine(text, start, end);
      if (!blank) lastTextIsComment = opensComment;
      inDefinitions = definition;
      afterBlank = blank && !fence && !htmlEnd;
    }
    if (end === text.length) break;
    start = end + 1;
  }
  push('body', chunkStart, chunkStartOffset, hasLines ? i + 1 : i, text.length);
  // A front matter that ends the text with a lone CR is followed by an empty line, which no loop above visited.
  const last = text.charCodeAt(text.length - 1);
  if (lineStarts !== undefined && (last === 10 || last === 13) && lineStarts[lineStarts.length - 1] !== text.length) lineStarts.push(text.length);
  return chunks;
}

// An edit re-analyses the chunk it lands in, so the smaller the chunks, the less an edit costs: on the bench's
// real-posts draft, sections of at least LONG_SECTION_CHARS on their own made the analysis of an edit's chunk 0.9 ms
// on average instead of 2.4 ms with groups four times larger, and the whole draft, analysed warm, cost no more in 151
// chunks than in 59 (a chunk's set-up is small beside its parse once the code is compiled; a cold CLI run over the
// bench corpus took the same time and gave the same output, byte for byte). (Pieces of long sections stay large: the
// typography rules decide a piece's language from the piece, and pieces of 1–4 KB changed that decision in places.)
// Tiny sections are still grouped, since each chunk is a message to a worker and a summary: a chunk ends before a
// heading when the section before it is long, or when a hash of that section (its number of lines and first line)
// says so, one time in SHORT_SECTIONS_PER_CHUNK. The decision depends only on the section itself, so an edit moves
// at most the boundary after its own section and every other chunk keeps its text (and its cached result). Typing
// within a line of a section's body moves a boundary only when it carries the section or its group across one of the
// lengths below (when the section's length was hashed, a keystroke moved the boundary after its section one time in
// four, and the check analysed two chunks; now one in a hundred of the bench's edits does). A group stops growing at
// MAX_GROUPED_CHARS whatever the hashes say (thousands of identical sections would otherwise hash alike); only in
// such a run of short sections can an edit move later boundaries too. A group ends by its hash only once it holds
// MIN_GROUPED_CHARS: a draft of many tiny sections (5,000 headings of one line each) was cut into chunks of 150
// characters, each costing more to set up than to parse; an edit may then move the boundaries of the next few
// groups, until a hash boundary falls past the minimum in both texts again.
const LONG_SECTION_CHARS = 256;
const SHORT_SECTIONS_PER_CHUNK = 2;
const MAX_GROUPED_CHARS = 16 * 1024;
const MIN_GROUPED_CHARS = 256;

function endsGroup(text: string, sectionStart: number, sectionEnd: number, lines: number): boolean {
  if (sectionEnd - sectionStart >= LONG_SECTION_CHARS) return true;
  let hash = Math.imul(lines ^ 0x9e3779b9, 0x85ebca6b);
  // A lone CR counts as the LF it stands for (chunks.test.ts: the same text with either line end splits alike).
  for (let i = sectionStart, end = Math.min(sectionEnd, sectionStart + 48); i < end; i++) {
    const code = text.charCodeAt(i);
    hash = Math.imul(hash ^ (code === 13 ? 10 : code), 0x01000193);
  }
  return ((hash ^ (hash >>> 15)) >>> 0) % SHORT_SECTIONS_PER_CHUNK === 0;
}

// Pieces of a long section: at least MIN_PIECE_CHARS each (a section shorter than that is never cut), cut where a
// hash of the next line's start says so (one such line in PIECE_HASH_MODULUS), so that an edit moves at most the
// cut after its own piece and the others keep their text; at the first possible line after MAX_PIECE_CHARS
// whatever the hashes say.
const MIN_PIECE_CHARS = 8 * 1024;
const MAX_PIECE_CHARS = 32 * 1024;
const PIECE_HASH_MODULUS = 4;

/** Whether a piece of a long section (from `pieceStart`) ends before the line at `start` (one that starts a block). */
function endsPiece(text: string, pieceStart: number, start: number, end: number): boolean {
  const length = start - pieceStart;
  if (length < MIN_PIECE_CHARS) return false;
  if (length >= MAX_PIECE_CHARS) return true;
  let hash = 0x811c9dc5;
  for (let k = start, stop = Math.min(end, start + 32); k < stop; k++) hash = Math.imul(hash ^ text.charCodeAt(k), 0x01000193);
  return ((hash ^ (hash >>> 15)) >>> 0) % PIECE_HASH_MODULUS === 0;
}

const LIST_ITEM_START = /^(?:[-+*]|\d{1,9}[.)])(?:[ \t]|\r?$)/;

/**
 * Whether a line after a blank line starts a block of its own: it starts in column 0 (an indented line may continue
 * a list item, a footnote or indented code) and is not a list item (which may continue the list before the blank).
 */
function startsNewBlock(text: string, start: number, end: number): boolean {
  // (`start < end` first: reading past the end of the text, at an empty last line, would deoptimize the split.)
  if (start >= end) return false;
  const first = text.charCodeAt(start);
  if (first === 32 || first === 9 || first === 13) return false;
  // Only a line that starts with a marker or a digit can be a list item (most start with a letter or a CJK character).
  const mayBeListItem = first === 45 /* - */ || first === 43 /* + */ || first === 42 /* * */ || (first >= 48 && first <= 57);
  return !mayBeListItem || !LIST_ITEM_START.test(text.slice(start, Math.min(end, start + 12)));
}

/**
 * A link reference definition on one line, in column 0: `[label]: destination "title"`, the destination without
 * white space or parentheses (or in `<…>`), the title closed on the line. After a blank line, or after another
 * such line of the same run, it is a definition whatever follows (a title on the next line would start with a
 * quote or a parenthesis, not `[`), so a run of them can be cut between any two. Footnote definitions (`[^1]:`) are
 * not: a line after one may continue its paragraph.
 */
const ONE_LINE_DEFINITION = /^\[(?!\^)((?:[^[\]\\]|\\.){1,999})\]:[ \t]*(?:<[^<>\n\\]*>|[^\s<>()\\]+)(?:[ \t]+(?:"[^"\\]*"|'[^'\\]*'|\([^()\\]*\)))?[ \t]*\r?$/;

function isOneLineDefinition(text: string, start: number, end: number): boolean {
  if (start >= end || text.charCodeAt(start) !== 91 /* [ */ || end - start >= 4096) return false;
  const label = ONE_LINE_DEFINITION.exec(text.slice(start, end))?.[1];
  return label !== undefined && /\S/.test(label);
}

/** Whether the text from `start` to `end` (a line without its LF) is only spaces, tabs and CR. */
export function isBlankLine(text: string, start: number, end: number): boolean {
  for (let k = start; k < end; k++) {
    const c = text.charCodeAt(k);
    if (c !== 32 && c !== 9 && c !== 13) return false;
  }
  return true;
}

function isColumnZeroAtxHeadingAt(text: string, start: number, end: number): boolean {
  if (start >= end || text.charCodeAt(start) !== 35 /* # */) return false;
  let i = start + 1;
  while (i < end && text.charCodeAt(i) === 35) i++;
  if (i - start > 6) return false;
  if (i === end) return true;
  const c = text.charCodeAt(i);
  return c === 32 || c === 9 || c === 13;
}

/** The sections of a body chunk, one chunk each (the chunk itself when it holds one). */
export function sectionsOf(chunk: Chunk): Chunk[] {
  const sections = splitChunks(chunk.text, { groupSections: false, frontMatter: false });
  if (sections.length <= 1) return [chunk];
  // (The chunk's text ends with its last line end: the empty line after it belongs to the next chunk.)
  return sections.map((s) => ({ ...s, startLine: s.startLine + chunk.startLine, endLine: Math.min(s.endLine + chunk.startLine, chunk.endLine), startOffset: s.startOffset + chunk.startOffset, endOffset: s.endOffset + chunk.startOffset }));
}

/** Joins a run of adjacent chunks, `first` to `last`, into one (used when the parse shows `first` ends inside an open block). */
export function mergeChunks(first: Chunk, last: Chunk, text: string): Chunk {
  return {
    kind: 'body',
    startLine: first.startLine,
    endLine: last.endLine,
    startOffset: first.startOffset,
    endOffset: last.endOffset,
    text: text.slice(first.startOffset, last.endOffset),
  };
}
