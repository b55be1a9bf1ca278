// Splits a Markdown document into chunks that can be parsed and checked independently.
//
// A chunk boundary is placed before every ATX heading that starts in column 0 and is not inside a fenced code
// block or a multi-line HTML block (CommonMark types 1–5). A column-0 heading always closes every open
// container (lists need indentation, block quotes need `>`, headings are never lazy continuation), so the
// parse of the text before it cannot change the parse of the text after it. The scanner below is a cheap
// approximation of CommonMark's block structure; where it is wrong (a fence it thought closed is still open,
// an HTML block of type 6/7 runs into the heading), the chunk's own parse shows the chunk ending inside an
// open block and the analysis merges it with the next chunk (see `endsOpen` in analyze.ts). So the result
// is always that of the real parser, while an edit re-parses only the chunk it touched.


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

const FENCE = /^( {0,3})(`{3,}|~{3,})(.*)$/;
const HTML_BLOCK_START: [RegExp, RegExp][] = [
  [/^ {0,3}<(?:script|pre|style|textarea)(?:[\s>]|$)/i, /<\/(?:script|pre|style|textarea)>/i],
  [/^ {0,3}<!--/, /-->/],
  [/^ {0,3}<\?/, /\?>/],
  [/^ {0,3}<![A-Za-z]/, />/],
  [/^ {0,3}<!\[CDATA\[/, /\]\]>/],
];

function isColumnZeroAtxHeading(line: string): boolean {
  if (line.charCodeAt(0) !== 35 /* # */) return false;
  let i = 1;
  while (i < line.length && line.charCodeAt(i) === 35) i++;
  if (i > 6) return false;
  if (i === line.length) return true;
  const c = line.charCodeAt(i);
  return c === 32 || c === 9 || c === 13;
}

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
 * Splits `text` into chunks. `splitHeadings: false` (used for MDX, whose JSX blocks may span headings) gives one
 * body chunk after the front matter.
 */
export function splitChunks(text: string, options: { splitHeadings?: boolean } = {}): Chunk[] {
  const splitHeadings = options.splitHeadings ?? true;
  // Lines end at `\n` (a `\r` before it stays on the line) or at a lone `\r`, as editors and the Markdown parser
  // count them: every separator is one character, so offsets are sums of line lengths plus one.
  const lines = text.split(/\n|\r(?!\n)/);
  const lineOffsets: number[] = new Array(lines.length + 1);
  let offset = 0;
  for (let i = 0; i < lines.length; i++) {
    lineOffsets[i] = offset;
    offset += lines[i].length + 1;
  }
  lineOffsets[lines.length] = text.length;
  // A text that ends with a newline has an empty last "line" that belongs to the chunk before it.
  const lineCount = lines.length;

  const chunks: Chunk[] = [];
  const push = (kind: ChunkKind, startLine: number, endLine: number) => {
    if (endLine <= startLine) return;
    const startOffset = lineOffsets[startLine];
    const endOffset = Math.min(lineOffsets[endLine] ?? text.length, text.length);
    chunks.push({ kind, startLine, endLine, startOffset, endOffset, text: text.slice(startOffset, endOffset) });
  };

  const frontMatter = frontMatterLineCount(lines);
  if (frontMatter > 0) push('frontmatter', 0, frontMatter);

  let chunkStart = frontMatter;
  let fence: { char: string; length: number } | undefined;
  let htmlEnd: RegExp | undefined;
  for (let i = frontMatter; i < lineCount; i++) {
    const line = lines[i];
    if (fence) {
      const m = FENCE.exec(line.replace(/\r$/, ''));
      if (m && m[2][0] === fence.char && m[2].length >= fence.length && m[3].trim() === '') fence = undefined;
      continue;
    }
    if (htmlEnd) {
      if (htmlEnd.test(line)) htmlEnd = undefined;
      continue;
    }
    const fenceOpen = FENCE.exec(line.replace(/\r$/, ''));
    if (fenceOpen && !(fenceOpen[2][0] === '`' && fenceOpen[3].includes('`'))) {
      fence = { char: fenceOpen[2][0], length: fenceOpen[2].length };
      continue;
    }
    if (line.charCodeAt(line.search(/\S/)) === 60 /* < */) {
      const kind = HTML_BLOCK_START.find(([start]) => start.test(line));
      if (kind) {
        const rest = line.slice(line.indexOf('<') + 2);
        if (!kind[1].test(rest)) htmlEnd = kind[1];
        continue;
      }
    }
    if (splitHeadings && i > chunkStart && isColumnZeroAtxHeading(line)) {
      push('body', chunkStart, i);
      chunkStart = i;
    }
  }
  push('body', chunkStart, lineCount);
  // A text ending in "\n" leaves an empty last line; keep it inside the last chunk (already, since endLine is lineCount).
  return chunks;
}

/** Joins two adjacent chunks into one (used when the parse shows the first one ends inside an open block). */
export function mergeChunks(first: Chunk, second: Chunk, text: string): Chunk {
  return {
    kind: 'body',
    startLine: first.startLine,
    endLine: second.endLine,
    startOffset: first.startOffset,
    endOffset: second.endOffset,
    text: text.slice(first.startOffset, second.endOffset),
  };
}
