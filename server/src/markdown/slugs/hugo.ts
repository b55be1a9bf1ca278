// Hugo (goldmark renderer, the default since Hugo 0.60).
//
// Heading text — goldmark parser/atx_heading.go `generateAutoHeadingID`: the id is generated from the heading's
// last source line *as written*, not from rendered text: Markdown syntax characters are simply dropped by the
// slugger, so `## [Link](https://x.io) text` → `linkhttpsxio-text`, `## **Bold**` → `bold`, `## :rocket:` →
// `rocket`, `## A &amp; B` → `a-amp-b`, and an image's alt and URL both count. (Needs the document source; without
// it we fall back to the rendered text.)
//
// Explicit ids — goldmark `parseLastLineAttributes` (Hugo `markup.goldmark.parser.attribute.title`, default true;
// gohugo.io/content-management/markdown-attributes): a `{…}` attribute list that ends the line, e.g.
// `## Title {#custom-id .class}`; `#x` (letters, digits, `_ - : .`, any non-ASCII) or `id=x` sets the id; the list
// is cut from the line. An explicit id is recorded (`pc.IDs().Put`) so later automatic ids avoid it.
//
// Slug — gohugoio/hugo markup/goldmark/autoid.go `sanitizeAnchorNameWithHook` (docs: gohugo.io configuration
// markup, `autoHeadingIDType`; tests markup/goldmark/autoid_test.go were "generated manually on github.com"):
// - `github` (default): trim Unicode space, then per character: `-` or ASCII space → `-`; `_`, letters
//   (unicode.IsLetter) and decimal digits (unicode.IsDigit) → simple lowercase; everything else (marks, tabs,
//   no-break spaces, other numbers, emoji, punctuation) dropped.
// - `github-ascii`: the same after removing accents (NFD, drop Mn, NFC), keeping ASCII only.
// - `blackfriday`: letters and numbers (unicode.IsNumber) lowercased; any run of other characters becomes one
//   `-`, but only between kept characters (`Let's try this, shall we?` → `let-s-try-this-shall-we`).
// An empty result becomes `heading`.
//
// Duplicates — autoid.go `idFactory.Generate`: if taken, append `-1`, `-2`, … (first free); every id given out or
// Put is taken.
import type { Heading } from 'mdast';
import { githubHeadingText } from './github';
import { contentSpan } from './inline';
import type { AnchorOptions, AnchorProfile, HeadingText, RenderOptions } from './types';
import { SequentialIds } from './unique';

/** Go's unicode.IsSpace. */
const GO_SPACE = /^[\t\n\v\f\r \x85\xa0\u1680\u2000-\u200a\u2028\u2029\u202f\u205f\u3000]+|[\t\n\v\f\r \x85\xa0\u1680\u2000-\u200a\u2028\u2029\u202f\u205f\u3000]+$/g;

/** Go's unicode.ToLower (simple case mapping, one rune to one rune). */
function goLower(ch: string): string {
  const lower = ch.toLowerCase();
  if ([...lower].length === 1) return lower;
  return ch === '\u0130' ? 'i' : ch;
}

function githubStyle(text: string, asciiOnly: boolean): string {
  let s = text;
  if (asciiOnly) s = s.normalize('NFD').replace(/\p{Mn}/gu, '').normalize('NFC');
  s = s.replace(GO_SPACE, '');
  let out = '';
  for (const ch of s) {
    if (asciiOnly && ch.codePointAt(0)! > 0x7f) continue;
    if (ch === '-' || ch === ' ') out += '-';
    else if (ch === '_' || /[\p{L}\p{Nd}]/u.test(ch)) out += goLower(ch);
  }
  return out;
}

function blackfriday(text: string): string {
  let out = '';
  let pendingDash = false;
  for (const ch of text) {
    if (/[\p{L}\p{N}]/u.test(ch)) {
      if (pendingDash && out.length > 0) out += '-';
      pendingDash = false;
      out += goLower(ch);
    } else pendingDash = true;
  }
  return out;
}

export function hugoSlug(text: string, options: AnchorOptions = {}): string {
  const type = options.hugo?.autoHeadingIDType ?? 'github';
  const slug = type === 'blackfriday' ? blackfriday(text) : githubStyle(text, type === 'github-ascii');
  return slug || 'heading';
}

const ASCII_PUNCT = /[!-\/:-@[-`{-~]/;

/** goldmark parser/attribute.go: an id or class name runs until a space or an ASCII punctuation mark other than `_ - : .`. */
function isIdChar(ch: string): boolean {
  return !/[ \t\n\r\v\f]/.test(ch) && (!ASCII_PUNCT.test(ch) || '_-:.'.includes(ch));
}

/** goldmark's ParseAttributes on `{…}` starting at `open`; the id it sets and whether the list parsed. */
function parseAttributeList(line: string, open: number): { end: number; id?: string } | undefined {
  let i = open + 1;
  let id: string | undefined;
  const skipSpaces = () => {
    while (i < line.length && /[ \t]/.test(line[i]!)) i++;
  };
  for (;;) {
    skipSpaces();
    if (i >= line.length) return undefined;
    if (line[i] === '}') return { end: i + 1, id };
    const c = line[i]!;
    if (c === '#' || c === '.') {
      let j = i + 1;
      // not space, and not ASCII punctuation other than _ - : .
      while (j < line.length && isIdChar(line[j]!)) j++;
      if (j === i + 1) return undefined;
      if (c === '#') id = line.slice(i + 1, j);
      i = j;
    } else {
      const name = /^[A-Za-z_:][A-Za-z0-9_:.\-]*/.exec(line.slice(i));
      if (!name) return undefined;
      i += name[0].length;
      skipSpaces();
      if (line[i] !== '=') return undefined;
      i++;
      skipSpaces();
      let value: string;
      const q = line[i];
      if (q === '"' || q === "'") {
        const close = line.indexOf(q, i + 1);
        if (close < 0) return undefined;
        value = line.slice(i + 1, close);
        i = close + 1;
      } else {
        const v = /^[^ \t}]+/.exec(line.slice(i));
        if (!v) return undefined;
        value = v[0];
        i += value.length;
      }
      if (name[0] === 'id') id = value;
    }
    skipSpaces();
    if (line[i] === ',') i++;
  }
}

/** Splits `Title {#id}` the way goldmark's parseLastLineAttributes does. */
function cutAttributes(line: string): { text: string; id?: string } {
  for (let i = 0; i < line.length; i++) {
    const c = line[i];
    if (c === '\\') {
      if (ASCII_PUNCT.test(line[i + 1] ?? '')) i++;
      continue;
    }
    if (c !== '{') continue;
    const parsed = parseAttributeList(line, i);
    if (parsed && /^[ \t]*$/.test(line.slice(parsed.end))) {
      const text = line.slice(0, i).replace(/[ \t]+$/, '');
      return parsed.id === undefined ? { text } : { text, id: parsed.id };
    }
  }
  return { text: line };
}

export function hugoHeadingText(heading: Heading, options: RenderOptions = {}): HeadingText {
  const span = contentSpan(heading);
  let line: string;
  if (options.source !== undefined && span) {
    const raw = options.source.slice(span.start, span.end);
    line = raw.slice(raw.lastIndexOf('\n') + 1).replace(/^[ \t]+/, '');
  } else {
    line = githubHeadingText(heading).text;
  }
  if (options.hugo?.attribute === false) return { text: line };
  const { text, id } = cutAttributes(line);
  return id === undefined ? { text } : { text, explicitId: id };
}

export const hugo: AnchorProfile = {
  style: 'hugo',
  headingText: hugoHeadingText,
  slugify: hugoSlug,
  anchors(headings, options) {
    const ids = new SequentialIds();
    return headings.map((h) => {
      if (h.explicitId !== undefined) {
        ids.reserve(h.explicitId);
        return h.explicitId;
      }
      return ids.take(hugoSlug(h.text, options));
    });
  },
};
