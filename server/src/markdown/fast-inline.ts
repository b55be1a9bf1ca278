// The inline content of the blocks fast-blocks.ts builds without micromark: plain text, inline links and images, full
// references to definitions of the same text, code spans and `*`/`**` emphasis — node for node what micromark
// gives, or undefined when the content holds anything else (see `phrasing`).
import type { Emphasis, Image, InlineCode, Link, LinkReference, PhrasingContent, Strong, Text } from 'mdast';
import { classifyCharacter } from 'micromark-util-classify-character';
import { normalizeIdentifier } from 'micromark-util-normalize-identifier';

import { LineIndex } from '../base/text';

/**
 * The text has definitions (or footnotes): brackets are text only where no definition matches them. `defined` holds
 * the identifiers of every line shaped like a definition (some may not be one); a full reference `[text][label]` is
 * built only when its label is among them, and recorded in `used` for the merge to check against the definitions
 * that are really there.
 */
export interface References {
  defined: ReadonlySet<string>;
  used: Set<string>;
}

/** The identifier of a definition or a reference label, as mdast gives it. */
export const identifierOf = (label: string) => normalizeIdentifier(label).toLowerCase();

/** mdast points (1-based lines and columns) at offsets; no node of a fast block starts or ends inside a CRLF. */
export class Points {
  private readonly lines: LineIndex;
  /** The line of the last point: nodes are built in order, so the next point is mostly on it or a few lines on. */
  private line = 0;
  constructor(text: string) {
    this.lines = new LineIndex(text);
  }
  span(start: number, end: number) {
    return { start: this.at(start), end: this.at(end) };
  }
  private at(offset: number) {
    const starts = this.lines.lineStarts;
    let line = this.line;
    if (offset < starts[line] || (line + 8 < starts.length && offset >= starts[line + 8])) line = this.lines.positionAt(offset).line;
    else while (line + 1 < starts.length && starts[line + 1] <= offset) line++;
    this.line = line;
    return { line: line + 1, column: offset - starts[line] + 1, offset };
  }
}

export const enum Char {
  tab = 9,
  space = 32,
  bang = 33,
  hash = 35,
  amp = 38,
  quote = 34,
  apostrophe = 39,
  leftParen = 40,
  rightParen = 41,
  leftBracket = 91,
  backslash = 92,
  rightBracket = 93,
  backtick = 96,
  asterisk = 42,
  lessThan = 60,
  underscore = 95,
  pipe = 124,
  tilde = 126,
}

/** A character reference (`&amp;`, `&#35;`): anything shaped like one is left to micromark. */
const CHARACTER_REFERENCE = /&(?:#[0-9]{1,7}|#[xX][0-9a-fA-F]{1,6}|[A-Za-z][A-Za-z0-9]{0,31});/y;
/** Where the content of the line from `start` to its `\n` at `newline` ends: before the CR of a CRLF. */
export function lineContentEnd(text: string, start: number, newline: number): number {
  return newline > start && newline < text.length && text.charCodeAt(newline - 1) === 13 ? newline - 1 : newline;
}

/** Where `code` first occurs from `from` up to `to`, or -1 (a search that never runs past the line it is in). */
export function indexBefore(text: string, code: number, from: number, to: number): number {
  for (let k = from; k < to; k++) if (text.charCodeAt(k) === code) return k;
  return -1;
}

/**
 * The inline nodes of the text from `from` to `to` (the lines of a paragraph, or a heading's content), or
 * undefined if they hold anything but text, inline links and code spans.
 */
export function phrasing(text: string, from: number, to: number, refs: References | undefined, points: Points): PhrasingContent[] | undefined {
  const nodes: PhrasingContent[] = [];
  // The text node being built: its value, where its first data starts and its last data ends.
  let value = '';
  let textStart = -1;
  let textEnd = -1;
  const data = (start: number, end: number, checked = true) => {
    if (end <= start) return true;
    if (checked && !isPlainText(text, start, end, from, to)) return false;
    if (textStart < 0) textStart = start;
    value += text.slice(start, end);
    textEnd = end;
    return true;
  };
  const flush = () => {
    if (textStart < 0) return;
    nodes.push({ type: 'text', value, position: points.span(textStart, textEnd) } satisfies Text);
    value = '';
    textStart = -1;
  };
  let lineStart = from;
  for (;;) {
    const newline = text.indexOf('\n', lineStart);
    const last = newline === -1 || newline >= to;
    const lineEnd = last ? to : lineContentEnd(text, lineStart, newline);
    // Trailing white space before a line end is not text (two spaces or more would be a hard break).
    let contentEnd = lineEnd;
    while (contentEnd > lineStart && text.charCodeAt(contentEnd - 1) === Char.space) contentEnd--;
    if (text.charCodeAt(contentEnd - 1) === Char.tab || (!last && lineEnd - contentEnd >= 2)) return undefined;
    let dataStart = lineStart;
    for (let i = lineStart; i < contentEnd; ) {
      const c = text.charCodeAt(i);
      if (c === Char.backtick) {
        if (text.charCodeAt(i + 1) === Char.backtick) return undefined;
        const close = indexBefore(text, Char.backtick, i + 1, contentEnd);
        if (close === -1 || text.charCodeAt(close + 1) === Char.backtick || /[\r\0]/.test(text.slice(i + 1, close))) return undefined;
        if (!data(dataStart, i)) return undefined;
        flush();
        nodes.push(inlineCode(text, i, close, points));
        i = dataStart = close + 1;
      } else if (c === Char.leftBracket) {
        const close = indexBefore(text, Char.rightBracket, i + 1, contentEnd);
        if (close === -1 || close === i + 1 || close - i > 1000) return undefined;
        const label = text.slice(i + 1, close);
        if (label.includes('[') || label.includes('`') || !isPlainText(text, i + 1, close, from, to)) return undefined;
        const image = i > dataStart && text.charCodeAt(i - 1) === Char.bang;
        if (text.charCodeAt(close + 1) === Char.leftParen) {
          const destinationEnd = indexBefore(text, Char.rightParen, close + 2, contentEnd);
          if (destinationEnd === -1 || !isPlainDestination(text, close + 2, destinationEnd)) return undefined;
          if (!data(dataStart, image ? i - 1 : i)) return undefined;
          flush();
          nodes.push(image ? imageAt(text, i - 1, close, destinationEnd, points) : linkAt(text, i, close, destinationEnd, points));
          i = dataStart = destinationEnd + 1;
        } else if (refs && !image && text.charCodeAt(close + 1) === Char.leftBracket) {
          const reference = fullReferenceAt(text, i, close, contentEnd, refs, points);
          if (!reference || !data(dataStart, i)) return undefined;
          flush();
          nodes.push(reference);
          i = dataStart = reference.position!.end.offset!;
        } else {
          // Not a link: with no definitions in the text, a bracketed text is text.
          if (refs || image) return undefined;
          i = close + 1;
        }
      } else if (c === Char.asterisk) {
        const emphasis = emphasisAt(text, i, contentEnd, from, to, points);
        if (!emphasis || !data(dataStart, i)) return undefined;
        flush();
        nodes.push(emphasis);
        i = dataStart = emphasis.position!.end.offset!;
      } else {
        i++;
      }
    }
    if (!data(dataStart, contentEnd)) return undefined;
    if (last) break;
    // The line end is text (LF or CRLF, as written).
    data(lineEnd, newline + 1, false);
    lineStart = newline + 1;
    // A continuation line's indentation is not text either.
    while (text.charCodeAt(lineStart) === Char.space || text.charCodeAt(lineStart) === Char.tab) lineStart++;
  }
  flush();
  return nodes;
}

/**
 * Whether micromark reads the text from `start` to `end` (outside code spans and link destinations, within the
 * block's inline content from `from` to `to`) as plain text: no escape, emphasis, HTML or autolink, strikethrough,
 * table cell, character reference, CR or NUL; underscores only between two characters that make them unable to
 * open or close emphasis (`snake_case`, as micromark classifies the characters on both sides).
 */
function isPlainText(text: string, start: number, end: number, from: number, to: number): boolean {
  for (let i = start; i < end; i++) {
    const c = text.charCodeAt(i);
    if (c === Char.backslash || c === Char.asterisk || c === Char.lessThan || c === Char.tilde || c === Char.pipe || c === 13 || c === 0) return false;
    if (c === Char.amp) {
      CHARACTER_REFERENCE.lastIndex = i;
      if (CHARACTER_REFERENCE.test(text)) return false;
    } else if (c === Char.underscore) {
      let after = i + 1;
      while (after < end && text.charCodeAt(after) === Char.underscore) after++;
      const before = i > from ? text.charCodeAt(i - 1) : null;
      const next = after < to ? text.charCodeAt(after) : null;
      if (before === null || next === null || classifyCharacter(before) !== undefined || classifyCharacter(next) !== undefined) return false;
      i = after - 1;
    }
  }
  return true;
}

/** A destination micromark takes as it is: no white space, parentheses, angle brackets, escapes or references. */
function isPlainDestination(text: string, start: number, end: number): boolean {
  if (end <= start) return false;
  for (let i = start; i < end; i++) {
    const c = text.charCodeAt(i);
    if (c <= Char.space || c === 127 || c === Char.leftParen || c === 60 || c === 62 || c === Char.backslash || c === Char.amp || c === Char.backtick || c === Char.leftBracket || c === Char.rightBracket) return false;
  }
  return true;
}

function inlineCode(text: string, open: number, close: number, points: Points): InlineCode {
  let value = text.slice(open + 1, close);
  // One space is stripped from each side of a code span that has both and is not all spaces.
  if (value.length >= 2 && value.charCodeAt(0) === Char.space && value.charCodeAt(value.length - 1) === Char.space && /[^ ]/.test(value)) value = value.slice(1, -1);
  return { type: 'inlineCode', value, position: points.span(open, close + 1) };
}

/**
 * The emphasis (`*a*`) or strong emphasis (`**a**`) whose opening run starts at `open`, closed by the next run of
 * asterisks on the line, or undefined unless micromark must read it so: both runs as long (one or two), the first
 * able to open and the second able to close (by the characters on their sides), plain text between them. Every
 * asterisk of a block is in such a pair or the block is left to micromark, so no other run can take part.
 */
function emphasisAt(text: string, open: number, lineContentEnd: number, from: number, to: number, points: Points): Emphasis | Strong | undefined {
  let length = 1;
  while (text.charCodeAt(open + length) === Char.asterisk) length++;
  const contentStart = open + length;
  const close = indexBefore(text, Char.asterisk, contentStart, lineContentEnd);
  if (length > 2 || close === -1 || close === contentStart) return undefined;
  let closeLength = 1;
  while (text.charCodeAt(close + closeLength) === Char.asterisk) closeLength++;
  if (closeLength !== length || !canOpen(text, open, contentStart, from, to) || !canClose(text, close, close + length, from, to)) return undefined;
  const content = text.slice(contentStart, close);
  if (content.includes('`') || content.includes('[') || !isPlainText(text, contentStart, close, from, to)) return undefined;
  return { type: length === 2 ? 'strong' : 'emphasis', children: [textNode(text, contentStart, close, points)], position: points.span(open, close + length) };
}

/** How micromark classifies the characters around a delimiter run from `start` to `end`. */
function sides(text: string, start: number, end: number, from: number, to: number) {
  const before = start > from ? text.charCodeAt(start - 1) : null;
  const after = end < to ? text.charCodeAt(end) : null;
  return { before, after, beforeKind: classifyCharacter(before), afterKind: classifyCharacter(after) };
}

const ATTENTION_MARKERS = [Char.asterisk, Char.underscore, Char.tilde];

/** micromark's test of an asterisk run that may open emphasis. */
function canOpen(text: string, start: number, end: number, from: number, to: number): boolean {
  const { after, beforeKind, afterKind } = sides(text, start, end, from, to);
  return !afterKind || (afterKind === 2 && !!beforeKind) || (after !== null && ATTENTION_MARKERS.includes(after));
}

/** micromark's test of an asterisk run that may close emphasis. */
function canClose(text: string, start: number, end: number, from: number, to: number): boolean {
  const { before, beforeKind, afterKind } = sides(text, start, end, from, to);
  return !beforeKind || (beforeKind === 2 && !!afterKind) || (before !== null && ATTENTION_MARKERS.includes(before));
}

function imageAt(text: string, bang: number, close: number, destinationEnd: number, points: Points): Image {
  return { type: 'image', title: null, url: text.slice(close + 2, destinationEnd), alt: text.slice(bang + 2, close), position: points.span(bang, destinationEnd + 1) };
}

/**
 * A full reference `[text][label]` whose text runs from `open` to `close`, when its label is plain, one that a line
 * defines, and not followed by another bracket or a parenthesis (which micromark might pair differently).
 */
function fullReferenceAt(text: string, open: number, close: number, lineContentEnd: number, refs: References, points: Points): LinkReference | undefined {
  const labelEnd = indexBefore(text, Char.rightBracket, close + 2, lineContentEnd);
  if (labelEnd === -1 || labelEnd - close > 1000) return undefined;
  const label = text.slice(close + 2, labelEnd);
  const after = text.charCodeAt(labelEnd + 1);
  if (!/[^ \t]/.test(label) || /[[\\`<&*_~|\r\0]/.test(label) || after === Char.leftBracket || after === Char.leftParen) return undefined;
  const identifier = identifierOf(label);
  if (!refs.defined.has(identifier)) return undefined;
  refs.used.add(identifier);
  return { type: 'linkReference', children: [textNode(text, open + 1, close, points)], position: points.span(open, labelEnd + 1), label, identifier, referenceType: 'full' };
}

function linkAt(text: string, open: number, close: number, destinationEnd: number, points: Points): Link {
  return { type: 'link', title: null, url: text.slice(close + 2, destinationEnd), children: [textNode(text, open + 1, close, points)], position: points.span(open, destinationEnd + 1) };
}

/** The text from `start` to `end` as one text node (a label's or an emphasis's content: plain text, one line). */
function textNode(text: string, start: number, end: number, points: Points): Text {
  return { type: 'text', value: text.slice(start, end), position: points.span(start, end) };
}
