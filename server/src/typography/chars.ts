// Character classes for Chinese–English typography. Everything works on UTF-16 code units (as offsets do); a
// character outside the BMP is classified from its surrogate pair where that matters (Han extensions B+).

/** Han ideographs (CJK Unified Ideographs and extensions, compatibility ideographs, 〇 and 々). */
export function isHanCode(c: number): boolean {
  return (c >= 0x4e00 && c <= 0x9fff) || (c >= 0x3400 && c <= 0x4dbf) || (c >= 0xf900 && c <= 0xfaff) || c === 0x3007 || c === 0x3005;
}

/** Whether the character at `i` is a Han ideograph (a surrogate pair in planes 2–3 counts as one). */
export function isHanAt(s: string, i: number): boolean {
  const c = s.charCodeAt(i);
  if (c < 0x3005) return false;
  if (isHanCode(c)) return true;
  // Planes 2 and 3 (U+20000–U+3FFFF) hold only ideographs: high surrogates D840–D8BF and their low halves.
  if (c >= 0xd840 && c <= 0xd8bf) return true;
  if (c >= 0xdc00 && c <= 0xdfff && i > 0) {
    const h = s.charCodeAt(i - 1);
    return h >= 0xd840 && h <= 0xd8bf;
  }
  return false;
}

/** Kana and Bopomofo: written without spaces like Han, so spaced from Latin the same way. */
export function isKanaCode(c: number): boolean {
  return (c >= 0x3040 && c <= 0x30ff) || (c >= 0x31f0 && c <= 0x31ff) || (c >= 0x3100 && c <= 0x312f);
}

export function isHangulCode(c: number): boolean {
  return (c >= 0xac00 && c <= 0xd7af) || (c >= 0x1100 && c <= 0x11ff) || (c >= 0x3130 && c <= 0x318f);
}

/** Letters of a script written without spaces between words (Han, kana, Bopomofo). */
export function isCjkLetterAt(s: string, i: number): boolean {
  const c = s.charCodeAt(i);
  return isHanAt(s, i) || isKanaCode(c);
}

/** CJK symbols and punctuation, and the full-width forms (U+3000–303F, U+FF00–FFEF, U+FE30–FE4F). */
export function isCjkPunctCode(c: number): boolean {
  return (c >= 0x3000 && c <= 0x303f && c !== 0x3005 && c !== 0x3007) || (c >= 0xff01 && c <= 0xff0f) || (c >= 0xff1a && c <= 0xff20) || (c >= 0xff3b && c <= 0xff40) || (c >= 0xff5b && c <= 0xff65) || (c >= 0xfe30 && c <= 0xfe4f) || c === 0x2026 || c === 0x2014;
}

/** Any character of East Asian text: CJK letters, Hangul and CJK punctuation. */
export function isCjkAt(s: string, i: number): boolean {
  const c = s.charCodeAt(i);
  return isCjkLetterAt(s, i) || isHangulCode(c) || isCjkPunctCode(c);
}

/** Latin letters and digits, including accented Latin, Greek and Cyrillic letters. */
export function isLatinAlnumCode(c: number): boolean {
  if (c < 0x80) return (c >= 0x30 && c <= 0x39) || (c >= 0x41 && c <= 0x5a) || (c >= 0x61 && c <= 0x7a);
  return (c >= 0xc0 && c <= 0x24f && c !== 0xd7 && c !== 0xf7) || (c >= 0x370 && c <= 0x3ff) || (c >= 0x400 && c <= 0x4ff);
}

export const isAsciiDigitCode = (c: number) => c >= 0x30 && c <= 0x39;
export const isAsciiLetterCode = (c: number) => (c >= 0x41 && c <= 0x5a) || (c >= 0x61 && c <= 0x7a);
export const isAsciiAlnumCode = (c: number) => isAsciiDigitCode(c) || isAsciiLetterCode(c);

/** Full-width Latin letters and digits (Ａ–Ｚ, ａ–ｚ, ０–９). */
export function isFullwidthAlnumCode(c: number): boolean {
  return (c >= 0xff10 && c <= 0xff19) || (c >= 0xff21 && c <= 0xff3a) || (c >= 0xff41 && c <= 0xff5a);
}

/** The half-width form of a full-width ASCII character (U+FF01–FF5E → U+0021–007E). */
export function toHalfwidth(ch: string): string {
  const c = ch.charCodeAt(0);
  return c >= 0xff01 && c <= 0xff5e ? String.fromCharCode(c - 0xfee0) : ch;
}

export const isSpaceCode = (c: number) => c === 0x20 || c === 0x09;
export const isLineBreakCode = (c: number) => c === 0x0a || c === 0x0d;

/** White space as CommonMark's flanking rules see it (micromark: `\s`). */
export const isUnicodeWhitespace = (ch: string | undefined) => ch === undefined || ch === '' || /\s/.test(ch);
/** Punctuation as CommonMark 0.31 and micromark see it: Unicode P* and S* categories. */
const PUNCT = /[\p{P}\p{S}]/u;
export const isUnicodePunctuation = (ch: string | undefined) => ch !== undefined && ch !== '' && PUNCT.test(ch);

/** Full-width punctuation that takes no space on either side in Chinese text. */
export const FULLWIDTH_PUNCT = new Set('，。、；：！？（）「」『』《》〈〉【】〔〕〖〗…～·'.split(''));
/** Curly quotes: full-width in Chinese text, typographic quotes in English text. */
export const CURLY_QUOTES = new Set('“”‘’'.split(''));
/** Opening and closing brackets and quotes, full and half width. */
export const OPENERS = '（「『《〈【〔〖“‘(["';
export const CLOSERS = '）」』》〉】〕〗”’)]"';
export const PAIR: Record<string, string> = { '（': '）', '「': '」', '『': '』', '《': '》', '〈': '〉', '【': '】', '〔': '〕', '〖': '〗', '“': '”', '‘': '’', '(': ')', '[': ']' };

/** Chinese sentence punctuation and its half-width counterpart. */
export const TO_FULLWIDTH: Record<string, string> = { ',': '，', '.': '。', ';': '；', ':': '：', '!': '！', '?': '？' };
export const TO_HALFWIDTH: Record<string, string> = { '，': ',', '。': '.', '；': ';', '：': ':', '！': '!', '？': '?' };
