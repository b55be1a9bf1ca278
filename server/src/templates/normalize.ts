// Forgiving comparison of headings, the way writers number and decorate them: numbering (`1.`, `1.2`, `一、`,
// `第三章`, `Step 2:`), emoji, full- and half-width punctuation, case and spacing do not matter.

const NUMBERING = /^\s*(?:(?:step|part|section|chapter)\s*\d+\s*[:.：、)）-]?|第\s*[一二三四五六七八九十百\d]+\s*[章节部分步]\s*[:：、.]?|[一二三四五六七八九十百]+\s*[、.．:：]|[(（]?\d{1,2}(?:\.\d{1,2})*[)）]?(?:\s*[.、:：)）]|\s))\s*/iu;
const DECORATION = /[\p{Extended_Pictographic}\u{1F1E6}-\u{1F1FF}\u{FE0F}\u{200D}\u{20E3}]/gu;
const PUNCTUATION_AND_SPACE = /[\p{P}\p{S}\p{Z}\s]/gu;

/** The text of a heading without its numbering and emoji, trimmed (for display and insertion). */
export function headingLabel(text: string): string {
  return text.replace(DECORATION, '').replace(NUMBERING, '').trim();
}

const keys = new Map<string, string>();

/** A key for comparing headings: NFKC, lower case, no numbering, emoji, punctuation or spaces. */
export function headingKey(text: string): string {
  let key = keys.get(text);
  if (key === undefined) {
    key = headingLabel(text.normalize('NFKC')).toLowerCase().replace(PUNCTUATION_AND_SPACE, '');
    // Each check of a draft asks again for the same headings: remembered, up to a bound.
    if (keys.size >= 4096) keys.clear();
    keys.set(text, key);
  }
  return key;
}

/** The numbering prefix of a heading (`1. `, `一、`), to continue the draft's own style. */
export function numberingOf(text: string): { value: number; format: (n: number) => string } | undefined {
  const stripped = text.replace(DECORATION, '').trimStart();
  const arabic = /^(\d{1,2})([.、:：)）]\s*|\s+)/.exec(stripped);
  if (arabic && /\D/.test(stripped.slice(arabic[0].length, arabic[0].length + 1) || 'x')) {
    const sep = arabic[2] || ' ';
    return { value: Number(arabic[1]), format: (n) => `${n}${sep}` };
  }
  const chinese = /^([一二三四五六七八九十]+)([、.．]\s*)/.exec(stripped);
  if (chinese) {
    const value = fromChineseNumeral(chinese[1]);
    if (value !== undefined) return { value, format: (n) => `${toChineseNumeral(n)}${chinese[2]}` };
  }
  return undefined;
}

const DIGITS = '零一二三四五六七八九';
function fromChineseNumeral(s: string): number | undefined {
  if (s === '十') return 10;
  const m = /^([一二三四五六七八九])?十([一二三四五六七八九])?$/.exec(s);
  if (m) return (m[1] ? DIGITS.indexOf(m[1]) : 1) * 10 + (m[2] ? DIGITS.indexOf(m[2]) : 0);
  return s.length === 1 && DIGITS.includes(s) ? DIGITS.indexOf(s) : undefined;
}
function toChineseNumeral(n: number): string {
  if (n < 10) return DIGITS[n];
  if (n < 20) return '十' + (n % 10 ? DIGITS[n % 10] : '');
  if (n < 100) return DIGITS[Math.floor(n / 10)] + '十' + (n % 10 ? DIGITS[n % 10] : '');
  return String(n);
}

/** Tokens for fuzzy title comparison: each CJK character, each Latin word or number. */
export function titleTokens(text: string): string[] {
  return text.normalize('NFKC').toLowerCase().match(/[\p{Script=Han}\p{Script=Hiragana}\p{Script=Katakana}]|[\p{L}\p{N}]+/gu) ?? [];
}

/** Length of the longest common subsequence of two token lists (titles are short, so O(n·m) is fine). */
export function commonSubsequence(a: string[], b: string[]): number {
  if (a.length === 0 || b.length === 0) return 0;
  let previous = new Array<number>(b.length + 1).fill(0);
  for (let i = 1; i <= a.length; i++) {
    const current = new Array<number>(b.length + 1).fill(0);
    for (let j = 1; j <= b.length; j++) current[j] = a[i - 1] === b[j - 1] ? previous[j - 1] + 1 : Math.max(previous[j], current[j - 1]);
    previous = current;
  }
  return previous[b.length];
}

/** Heading keys (see headingKey) of a contents section, in the languages drafts are written in. */
export const CONTENTS_HEADING_KEYS: ReadonlySet<string> = new Set(['目录', 'contents', 'tableofcontents', 'toc']);
/** Heading keys of a key points / summary section that opens an article. */
export const KEY_POINTS_HEADING_KEYS: ReadonlySet<string> = new Set(['核心要点', '要点', 'keytakeaways', 'keypoints', 'highlights', 'tldr']);
