// The prose of a chunk as typography sees it: one segment per paragraph, heading and table cell (the blocks whose
// prose the chunk summary exposes), each character marked as editable text or as something a fix never touches.
// Emphasis and link markers are kept apart from other protected text: spacing looks through them ("put the
// space outside the `**`"), and a literal `**` that failed to parse is text the emphasis rule may repair.
import type { Nodes, Parent, Root } from 'mdast';
import type { ChunkSummary } from '../markdown/summary';
import { lineStartsOf } from '../base/text';

/** What a character of a segment is. */
export enum Kind {
  /** Prose: typography may change it. */
  Text = 0,
  /** An emphasis, strong, strikethrough or link opening marker (`**`, `[`): transparent for spacing. */
  Open = 1,
  /** A closing marker (`**`, `](url "title")`, `][ref]`). */
  Close = 2,
  /** Inline code: never changed; its first and last characters count for spacing. */
  Code = 3,
  /** Never changed and opaque: HTML, images, URLs, escapes, entities, math, spec tokens, line prefixes, breaks. */
  Lock = 4,
}

export interface Segment {
  /** Offset of the segment in the chunk text. */
  start: number;
  /** The source text of the segment. */
  text: string;
  kinds: Uint8Array;
  block: 'paragraph' | 'heading' | 'cell';
}

type Span = [number, number];
const spanOf = (node: Nodes): Span => [node.position?.start.offset ?? 0, node.position?.end.offset ?? 0];

/** Segments of a chunk, in document order. */
export function segmentsOf(tree: Root, text: string, summary: ChunkSummary, wanted?: (source: string, block: Segment['block'], start: number) => boolean): Segment[] {
  // The summary blanks code, HTML, images, markers and escapes out of its prose, which the tree walk below marks
  // too; bare URLs it finds itself, as links of kind 'bare'.
  const bare = summary.links.filter((l) => l.kind === 'bare');
  const segments: Segment[] = [];
  const stack: Nodes[] = [tree];
  while (stack.length) {
    const node = stack.pop()!;
    if (node.type === 'paragraph' || node.type === 'heading' || node.type === 'tableCell') {
      // `wanted` looks at the source first: segments it passes over are not built.
      if (wanted && node.position && !wanted(text.slice(node.position.start.offset, node.position.end.offset), node.type === 'heading' ? 'heading' : node.type === 'tableCell' ? 'cell' : 'paragraph', node.position.start.offset ?? 0)) continue;
      const segment = buildSegment(node, text, bare);
      if (segment) segments.push(segment);
      continue;
    }
    if ('children' in node) for (let i = node.children.length - 1; i >= 0; i--) stack.push(node.children[i] as Nodes);
  }
  return segments.sort((a, b) => a.start - b.start);
}

function buildSegment(node: Parent & Nodes, text: string, bare: readonly { start: number; end: number }[]): Segment | undefined {
  const first = node.children[0] as Nodes | undefined;
  const last = node.children[node.children.length - 1] as Nodes | undefined;
  if (!first?.position || !last?.position) return undefined;
  const start = spanOf(first)[0];
  const end = spanOf(last)[1];
  if (end <= start) return undefined;
  const kinds = new Uint8Array(end - start).fill(Kind.Lock);
  const set = (a: number, b: number, kind: Kind) => {
    const from = Math.max(a, start) - start;
    const to = Math.min(b, end) - start;
    if (to > from) kinds.fill(kind, from, to);
  };
  markInline(node.children as Nodes[], text, set);
  const source = text.slice(start, end);
  // A bare URL is linked by GFM only after a space or a line start (or `(`, `*`, `_`, `~`), and its link runs on
  // through any character but a space: the character before it and whatever touches its end stay as written, so
  // no fix makes the link start, stop or end elsewhere.
  // Any run GFM may link counts, not only URLs worth checking (`https://gith>ub.com/…` is linked too).
  // Only in plain text: a link's destination is protected as markup already.
  const linkable = linkableRuns(source, kinds); // before any is locked: the runs are those of the text as marked
  const lockUrl = (urlStart: number, urlEnd: number) => {
    if (urlEnd <= start || urlStart >= end) return;
    let a = urlStart;
    if (a > start && !/\s/.test(text[a - 1])) a--;
    let b = urlEnd;
    while (b < end && !/\s/.test(text[b])) b++;
    // A backtick inside a run GFM links is part of the link for a GFM renderer, while the parse here (without
    // autolink literals) may pair it with a later one as a code span: from there on, which text is code is not
    // known, so nothing after it is changed (fuzz, cases 656881625 and 3915313447).
    if (text.slice(urlStart, urlEnd).includes('`')) b = end;
    set(a, b, Kind.Lock);
  };
  // Two loops, each over one kind of object (one loop over both deoptimised when the second kind first came).
  for (const url of bare) lockUrl(url.start, url.end);
  for (const [a, b] of linkable) lockUrl(start + a, start + b);
  lockInText(source, kinds);
  return { start, text: source, kinds, block: node.type === 'heading' ? 'heading' : node.type === 'tableCell' ? 'cell' : 'paragraph' };
}

const LINKABLE = /(?:https?:\/\/|www\.)[^\s<]*/giy;
const URL_START = /https?:\/\/|www\./gi;

/**
 * Runs of plain text that GFM may link as a URL. Each is searched from every URL start in text, not from the end of
 * the run before it: a run that starts in markup (a link's destination) and runs on into text must not hide a URL
 * that starts in that text (fuzz, case 53339580).
 */
function linkableRuns(source: string, kinds: Uint8Array): Span[] {
  const runs: Span[] = [];
  URL_START.lastIndex = 0;
  for (let m = URL_START.exec(source); m; m = URL_START.exec(source)) {
    if (kinds[m.index] !== Kind.Text) continue;
    LINKABLE.lastIndex = m.index;
    const end = m.index + LINKABLE.exec(source)![0].length;
    runs.push([m.index, end]);
    URL_START.lastIndex = end;
  }
  return runs;
}

function markInline(children: Nodes[], text: string, set: (a: number, b: number, kind: Kind) => void): void {
  for (const child of children) {
    if (!child.position) continue;
    const [s, e] = spanOf(child);
    switch (child.type) {
      case 'text':
        set(s, e, Kind.Text);
        break;
      case 'inlineCode':
        set(s, e, Kind.Code);
        break;
      case 'emphasis':
      case 'strong':
      case 'delete': {
        const first = child.children[0];
        const last = child.children[child.children.length - 1];
        if (!first?.position || !last?.position) { set(s, e, Kind.Lock); break; }
        set(s, spanOf(first)[0], Kind.Open);
        markInline(child.children as Nodes[], text, set);
        set(spanOf(last)[1], e, Kind.Close);
        break;
      }
      case 'link':
      case 'linkReference': {
        const first = child.children[0];
        const last = child.children[child.children.length - 1];
        if (text[s] !== '[' || !first?.position || !last?.position) { set(s, e, Kind.Lock); break; }
        set(s, spanOf(first)[0], Kind.Open);
        markInline(child.children as Nodes[], text, set);
        set(spanOf(last)[1], e, Kind.Close);
        break;
      }
      default:
        // html, image, imageReference, footnoteReference, break, MDX expressions and elements.
        set(s, e, Kind.Lock);
    }
  }
}

const ENTITY = /&(?:#[0-9]{1,7}|#[xX][0-9a-fA-F]{1,6}|[A-Za-z][A-Za-z0-9]{1,31});/g;
const TOKEN = /\{\{[^{}\n]*\}\}/g;
const TAG_LIKE = /<\/?[A-Za-z][A-Za-z0-9-]*[^<>\n]*>?/g;
const DEFINITION_LIKE = /^[ \t>]*\[[^\]\r\n]*\]:[^\r\n]*/gm;

/** Locks what is written as text but is not prose: escapes, entities, math, spec tokens, line prefixes and ends. */
function lockInText(s: string, kinds: Uint8Array): void {
  const lock = (a: number, b: number) => kinds.fill(Kind.Lock, a, b);
  for (let i = s.indexOf('\\'); i !== -1; i = s.indexOf('\\', i + 1)) {
    if (kinds[i] !== Kind.Text) continue;
    lock(i, Math.min(s.length, i + 2));
    i++;
  }
  if (s.includes('&')) for (const m of s.matchAll(ENTITY)) lock(m.index, m.index + m[0].length);
  if (s.includes('{{')) for (const m of s.matchAll(TOKEN)) lock(m.index, m.index + m[0].length);
  // Text that starts like a tag but is not one (`<g t=‎"图">`: a quote may not open an unquoted attribute value) would
  // become one if a fix changed its quotes or spaces, and the renderer would then hide it (fuzz, case 4168124350).
  if (s.includes('<')) for (const m of s.matchAll(TAG_LIKE)) if (kinds[m.index] === Kind.Text) lock(m.index, m.index + m[0].length);
  if (s.includes('$')) lockMath(s, kinds);
  // A line that starts like a link definition but is not one (`[x]:。 文`: text may not follow the URL) would become
  // one if a fix took a space out of it; such a line is left as written (fuzz, case 2347247568).
  if (s.includes(']:')) for (const m of s.matchAll(DEFINITION_LIKE)) if (kinds[m.index + m[0].indexOf('[')] === Kind.Text) lock(m.index, m.index + m[0].length);
  // Line structure: the break itself, trailing white space (hard breaks) and the next line's prefix (block quote
  // markers, list indentation) belong to the Markdown, not to the prose. A lone CR ends a line too: the indentation
  // after it made one space would turn `    # x` into a heading (fuzz, case 1834007975).
  const starts = lineStartsOf(s);
  for (let line = 1; line < starts.length; line++) {
    const nl = starts[line] - 1;
    let a = nl;
    while (a > 0 && (s[a - 1] === ' ' || s[a - 1] === '\t' || s[a - 1] === '\r')) a--;
    let b = nl + 1;
    while (b < s.length && (s[b] === ' ' || s[b] === '\t' || s[b] === '>')) b++;
    lock(a, b);
  }
}

/** `$$…$$` and `$…$` (pandoc's rule: no space inside the dollars, and a closing `$` is not followed by a digit). */
function lockMath(s: string, kinds: Uint8Array): void {
  for (let i = 0; i < s.length; i++) {
    if (s[i] !== '$' || kinds[i] !== Kind.Text) continue;
    if (s[i + 1] === '$') {
      const close = s.indexOf('$$', i + 2);
      if (close !== -1) {
        kinds.fill(Kind.Lock, i, close + 2);
        i = close + 1;
      } else i++;
      continue;
    }
    if (i + 1 >= s.length || /\s/.test(s[i + 1])) continue;
    for (let j = i + 1; j < s.length && s[j] !== '\n'; j++) {
      if (s[j] !== '$' || kinds[j] !== Kind.Text) continue;
      if (!/\s/.test(s[j - 1]) && !/[0-9]/.test(s[j + 1] ?? '')) {
        // With the character after it: math only while that is no digit (a full-width ２ must not become 2).
        kinds.fill(Kind.Lock, i, Math.min(s.length, j + 2));
        i = j;
      }
      break;
    }
  }
}
