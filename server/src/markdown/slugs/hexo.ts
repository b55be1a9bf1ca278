// Hexo with its default renderer, hexo-renderer-marked.
//
// hexojs/hexo-renderer-marked lib/renderer.js `heading(text, level)` (options documented in its README:
// `headerIds`, `modifyAnchors`, `smartypants`, `anchorAlias`):
// 1. `text` is marked's rendered inline HTML of the heading; `anchorId` = `slugize(stripHTML(unescape(text)).trim(),
//    { transform: modifyAnchors })`. Because it unescapes *before* stripping tags, a `<…>` written as text or in a
//    code span is stripped too: ``## The `<div>` tag`` → `The-tag`. Image alt text is not included (`<img>`).
// 2. `smartypants: true` is the default, so before that, text (not code) gets typographic punctuation: `---` → —,
//    `--` → –, `...` → …, quotes → ‘ ’ “ ”. None of those is a separator for slugize, so they stay in the id
//    (`## Don't panic` → `Don’t-panic`).
// 3. hexojs/hexo-util lib/slugize.ts: escapeDiacritic (a table mapping accented Latin, full-width Latin and circled
//    letters to ASCII), remove C0 controls, each run of whitespace or ``~`!@#$%^&*()-_+=[]{}|\;:"'<>,.?/``
//    becomes `-`, collapse, trim `-`; then `modifyAnchors` 0 keeps the case (default), 1 lowercases, 2 uppercases.
//    CJK punctuation (`，` `。` `（）`) and emoji are not separators: they stay in the id.
// 4. duplicates: `_headingId[id]` counts per id; repeats get `-1`, `-2`, …; numbered forms are not recorded.
// hexo-util lib/strip_html.ts is the striptags state machine: `<` starts a tag unless followed by a space or
// newline, quotes inside a tag hide `>`, `<!--` starts a comment that ends at `-->`.
// No explicit-id syntax (`anchorAlias` — `## [text](#alias)` — is off by default and not modelled).
import type { Heading } from 'mdast';
import { plainText } from './inline';
import type { AnchorOptions, AnchorProfile, HeadingText, RenderOptions } from './types';
import { counterNumbering } from './unique';

/** hexo-util `stripHTML` (the striptags algorithm): a small state machine over the rendered HTML. */
export function stripHtmlLikeHexo(html: string): string {
  const PLAIN = 0;
  const TAG = 1;
  const COMMENT = 2;
  let state = PLAIN;
  let depth = 0;
  let quote = '';
  let out = '';
  let tagStart = -1;
  let textStart = 0;
  for (let i = 0; i < html.length; i++) {
    const c = html[i]!;
    if (state === PLAIN) {
      if (c === '<') {
        out += html.slice(textStart, i);
        state = TAG;
        tagStart = i;
      }
    } else if (state === TAG) {
      if (c === '<') {
        if (!quote) depth++;
      } else if (c === '>') {
        if (!quote) {
          if (depth) depth--;
          else {
            state = PLAIN;
            textStart = i + 1;
          }
        }
      } else if (c === '"' || c === "'") {
        quote = quote === c ? '' : quote || c;
      } else if (c === '-') {
        if (i - tagStart === 3 && html[tagStart + 1] === '!' && html[tagStart + 2] === '-') state = COMMENT;
      } else if ((c === ' ' || c === '\n') && i - tagStart === 1) {
        state = PLAIN;
        out += '< ';
        textStart = i + 1;
      }
    } else if (c === '>' && i >= 2 && html[i - 1] === '-' && html[i - 2] === '-') {
      state = PLAIN;
      textStart = i + 1;
    }
  }
  if (state === PLAIN && textStart < html.length) out += html.slice(textStart);
  return out;
}

/** marked's smartypants, as hexo-renderer-marked's tokenizer applies it to text (default quotes “”‘’). */
export function smartypants(text: string): string {
  return text
    .replace(/---/g, '\u2014')
    .replace(/--/g, '\u2013')
    .replace(/(^|[-\u2014/([{"\s])'/g, '$1\u2018')
    .replace(/'/g, '\u2019')
    .replace(/(^|[-\u2014/([{\u2018\s])"/g, '$1\u201c')
    .replace(/"/g, '\u201d')
    .replace(/\.{3}/g, '\u2026');
}

// Letters hexo-util's escape_diacritic table maps that Unicode canonical decomposition does not reduce to ASCII.
const NON_DECOMPOSING: Record<string, string> = {
  Æ: 'AE', Ǽ: 'AE', Ǣ: 'AE', æ: 'ae', ǽ: 'ae', ǣ: 'ae', Œ: 'OE', œ: 'oe', Ø: 'O', Ǿ: 'O', ø: 'o', ǿ: 'o',
  Đ: 'D', đ: 'd', Ł: 'L', ł: 'l', Ŀ: 'L', ŀ: 'l', Ħ: 'H', ħ: 'h', Ŧ: 'T', ŧ: 't', ı: 'i', ß: 's', ẞ: 'S',
  ſ: 'l', ƀ: 'b', ƒ: 'f', Ɨ: 'I', ɨ: 'i', Ƶ: 'Z', ƶ: 'z', Ɓ: 'B', ɓ: 'b', Ƈ: 'C', ƈ: 'c', Ɗ: 'D', ɗ: 'd',
};

function escapeDiacritic(text: string): string {
  return text.replace(/[^\u0000-\u007e]/gu, (ch) => {
    const cp = ch.codePointAt(0)!;
    if ((cp >= 0xff21 && cp <= 0xff3a) || (cp >= 0xff41 && cp <= 0xff5a)) return String.fromCharCode(cp - 0xfee0);
    if (cp >= 0x24b6 && cp <= 0x24cf) return String.fromCharCode(0x41 + cp - 0x24b6);
    if (cp >= 0x24d0 && cp <= 0x24e9) return String.fromCharCode(0x61 + cp - 0x24d0);
    const mapped = NON_DECOMPOSING[ch];
    if (mapped) return mapped;
    const decomposed = ch.normalize('NFD');
    return /^[A-Za-z][\u0300-\u036f]+$/.test(decomposed) ? decomposed[0]! : ch;
  });
}

export function hexoSlug(text: string, options: AnchorOptions = {}): string {
  const slug = escapeDiacritic(text)
    .replace(/[\u0000-\u001f]/g, '')
    .replace(/[\s~`!@#$%^&*()\-_+=[\]{}|\\;:"'<>,.?/]+/g, '-')
    .replace(/-{2,}/g, '-')
    .replace(/^-+|-+$/g, '');
  switch (options.hexo?.modifyAnchors ?? 0) {
    case 1:
      return slug.toLowerCase();
    case 2:
      return slug.toUpperCase();
    default:
      return slug;
  }
}

export function hexoHeadingText(heading: Heading, options: RenderOptions = {}): HeadingText {
  const smart = options.hexo?.smartypants !== false;
  // The unescaped rendering: text and code as written, raw HTML as is, images and breaks as tags.
  const html = plainText(heading, {
    image: () => '<img>',
    html: (value) => value,
    lineBreak: '<br>',
    text: (value) => (smart ? smartypants(value) : value),
    // marked has no footnotes: `[^note]` stays text.
    footnote: (node) => `[^${node.label ?? node.identifier}]`,
  });
  return { text: stripHtmlLikeHexo(html).trim() };
}

export const hexo: AnchorProfile = {
  style: 'hexo',
  headingText: hexoHeadingText,
  slugify: hexoSlug,
  anchors(headings, options) {
    const number = counterNumbering();
    return headings.map((h) => number(hexoSlug(h.text, options)));
  },
};
