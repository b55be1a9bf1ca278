// Punctuation in Chinese text: full-width marks in Chinese sentences and half-width ones in English sentences and
// quoted English, no spaces around full-width marks, no `！！`, `……` for an ellipsis, no full stop at the end of a
// heading, and the team's brackets and quotation marks.
import { Kind } from './segment';
import { Stage, type TypographySettings } from './settings';
import { CURLY_QUOTES, FULLWIDTH_PUNCT, TO_FULLWIDTH, TO_HALFWIDTH, isCjkLetterAt, isHanAt, isLatinAlnumCode, isUnicodePunctuation, isUnicodeWhitespace } from './chars';
import { Cls, applyStageEdits, classTable, hasHan, leftClass, leftNonSpace, leftOf, rightClass, rightNonSpace, rightOf, type Edit } from './scan';
import { View, type Work } from './work';

const q = (s: string) => `“${s}”`;

const ENGLISH_OPENERS = '“「『"《（([';
const ENGLISH_CLOSERS = '”」』"》）)]';

/**
 * Whether position j sits in English: no Chinese between it and the nearest quote, bracket or line boundary on
 * either side (code, HTML and other protected text do not count).
 */
function inEnglish(v: View, j: number): boolean {
  const s = v.text;
  let latin = 0;
  // Brackets and quotes closed on the same side are skipped: `镜像 PyTorch-->3.10(ubuntu22.04)-->12.1。` is Chinese.
  let depth = 0;
  for (let i = j - 1; i >= 0; i--) {
    if (!v.isText(i)) continue;
    const ch = s[i];
    if (ch === '\n') break;
    if (ENGLISH_CLOSERS.includes(ch) && ch !== '"') depth++;
    else if (ENGLISH_OPENERS.includes(ch)) {
      if (depth === 0) break;
      if (ch !== '"') depth--;
    }
    if (isCjkLetterAt(s, i)) return false;
    if (isLatinAlnumCode(s.charCodeAt(i))) latin++;
  }
  depth = 0;
  for (let i = j + 1; i < s.length; i++) {
    if (!v.isText(i)) continue;
    const ch = s[i];
    if (ch === '\n') break;
    if (ENGLISH_OPENERS.includes(ch) && ch !== '"') depth++;
    else if (ENGLISH_CLOSERS.includes(ch)) {
      if (depth === 0) break;
      if (ch !== '"') depth--;
    }
    if (isCjkLetterAt(s, i)) return false;
    if (isLatinAlnumCode(s.charCodeAt(i))) latin++;
  }
  return latin > 0;
}

/** Whether the sentence before j (back to the previous sentence end or line start) holds Chinese. */
function chineseBefore(v: View, j: number): boolean {
  const s = v.text;
  for (let i = j - 1; i >= 0; i--) {
    const ch = s[i];
    if (ch === '\n' || ch === '。' || ch === '！' || ch === '？') return false;
    if (v.isText(i) && isHanAt(s, i)) return true;
  }
  return false;
}

const ABBREVIATION = /(?:^|[^A-Za-z])(?:etc|e\.g|i\.e|vs|inc|ltd|co|corp|al|no|fig|dr|mr|ms|jr|sr|st|approx|ver|cf|[A-Z])$/i;

const endsClause = (v: View, j: number) => j >= v.length || v.text[j] === '\n' || v.text[j] === '\r';

/** Half-width `,.;:!?` in Chinese sentences become full-width; full-width ones in English become half-width. */
export function punctuationWidth(w: Work): void {
  const v = w.view();
  const s = v.text;
  const edits: Edit[] = [];
  const table = classTable();
  // Half-width marks, and full-width ones that do not follow a Chinese letter (`中文，` is settled).
  const marks = /[,.;:!?]|(?<![\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff\u3040-\u30ff\u3100-\u312f\u31f0-\u31ff\u3005\u3007])[，。；：！？]/g;
  for (let m = marks.exec(s); m; m = marks.exec(s)) {
    const j = m.index;
    if (!v.isText(j)) continue;
    const ch = s[j];
    // The common cases, decided by the neighbours alone: `中文，` stays, `Node.js` and `1,299` are no punctuation.
    // (No read before the start or past the end: each costs the compiled loop a deoptimisation.)
    const before = j > 0 ? table[s.charCodeAt(j - 1)] : undefined;
    const after = j + 1 < s.length ? table[s.charCodeAt(j + 1)] : undefined;
    if (ch.charCodeAt(0) > 0xff && before === Cls.Cjk) continue;
    if (ch.charCodeAt(0) < 0x80 && before === Cls.Latin && after === Cls.Latin && s[j - 1] !== ')' ) continue;
    if (TO_FULLWIDTH[ch] !== undefined) {
      // A run of !? is one mark (`!!` → `！！`, then repeated-punctuation makes it one).
      let end = j;
      if (ch === '!' || ch === '?') while (end + 1 < s.length && v.isText(end + 1) && (s[end + 1] === '!' || s[end + 1] === '?')) end++;
      if (ch === '.' && (s[j + 1] === '.' || s[j - 1] === '.')) continue;
      if (shouldBeFullwidth(v, j, end)) {
        const group = w.nextGroup();
        for (let i = j; i <= end; i++) {
          const full = TO_FULLWIDTH[s[i]];
          edits.push({ j: i, op: 'rep', text: full, stage: Stage.Punctuation, group, message: { en: `Use the full-width ${q(full)} in Chinese text.`, zh: `中文句子里用全角${q(full)}。` } });
        }
      }
      marks.lastIndex = end + 1;
      continue;
    }
    const half = TO_HALFWIDTH[ch];
    if (half !== undefined) {
      const li = leftNonSpace(v, j);
      if (leftClass(v, li) !== Cls.Latin || !inEnglish(v, j)) continue;
      // Not before a URL, code or other protected text (`Unsloth：https://…` stays as written).
      const rn = rightNonSpace(v, j);
      if (rn < s.length && (rightClass(v, rn) === Cls.Opaque || v.kindAt(rn) === Kind.Code)) continue;
      // `Hello，world` → `Hello, world`: an English mark is followed by a space (not inside `1:2`).
      const ri = rightOf(v, j);
      const space = ri < s.length && v.isText(ri) && isLatinAlnumCode(s.charCodeAt(ri)) && !(half === ':' && /[0-9]/.test(s[ri]));
      // Never a mark that the full-width rule would turn back (a fix-all result is a fixed point).
      if (shouldBeFullwidth(replaced(v, j, half + (space ? ' ' : '')), j, j)) continue;
      const group = w.nextGroup();
      edits.push({ j, op: 'rep', text: half, stage: Stage.Punctuation, group, message: { en: `Use the half-width ${q(half)} in English text.`, zh: `英文句子里用半角${q(half)}。` } });
      if (space) {
        edits.push({ j: j + 1, op: 'ins', text: ' ', stage: Stage.Punctuation, group, message: { en: `Use the half-width ${q(half)} in English text.`, zh: `英文句子里用半角${q(half)}。` } });
      }
    }
  }
  applyStageEdits(w, edits);
}

/** The view with the character at j replaced by prose text (for asking what a rule would say afterwards). */
function replaced(v: View, j: number, text: string): View {
  const kinds = new Uint8Array(v.length - 1 + text.length);
  kinds.set(v.kinds.subarray(0, j), 0);
  kinds.fill(Kind.Text, j, j + text.length);
  kinds.set(v.kinds.subarray(j + 1), j + text.length);
  return new View(v.text.slice(0, j) + text + v.text.slice(j + 1), undefined, kinds);
}

function shouldBeFullwidth(v: View, j: number, end: number): boolean {
  const s = v.text;
  const ch = s[j];
  const li = leftNonSpace(v, j);
  const lc = leftClass(v, li);
  const ri = rightOf(v, end);
  const rc = rightClass(v, ri);
  const rn = rightNonSpace(v, end);
  const rnc = rightClass(v, rn);
  // Inside numbers and times: 1,299  3.5  12:30.
  if (li === j - 1 && /[0-9]/.test(s[li] ?? '') && /[0-9]/.test(s[ri] ?? '')) return false;
  if (li < 0) return false;
  if (ch === '.') {
    if (lc === Cls.Cjk) return ri >= s.length || rc === Cls.Space || rc === Cls.Cjk || (rc === Cls.Punct && s[ri] !== '.' && s[ri] !== '/' && s[ri] !== '_');
    if (lc !== Cls.Latin || ABBREVIATION.test(s.slice(Math.max(0, li - 6), li + 1))) return false;
    // A list number (`01.纯文本`, `&emsp;2. 筛选`): digits alone at the start of a line or after a space.
    let d = li;
    while (d >= 0 && v.isText(d) && /[0-9]/.test(s[d])) d--;
    if (d < li && (d < 0 || !v.isText(d) || /\s/.test(s[d]))) return false;
    if (rc === Cls.Cjk && li === j - 1) return true;
    return (endsClause(v, ri) || (rc === Cls.Space && (rn >= s.length || s[rn] === '\n' || rnc === Cls.Cjk))) && rnc !== Cls.Latin && chineseBefore(v, j);
  }
  if (ch === ':' && (s[ri] === '/' || s[ri] === ':')) return false;
  if (lc === Cls.Cjk) return true;
  if (lc === Cls.Latin || lc === Cls.Punct) {
    if (lc === Cls.Punct && !'）)”’」』》】'.includes(s[li])) return false;
    if (rnc === Cls.Cjk) return true;
    if ((ch === '!' || ch === '?') && (rn >= s.length || s[rn] === '\n') && chineseBefore(v, j)) return true;
  }
  return false;
}

/** `...`, `。。。` and a single `…` after Chinese become `……`. */
export function ellipsis(w: Work): void {
  const v = w.view();
  const s = v.text;
  if (!s.includes('..') && !s.includes('。。') && !s.includes('…') && !s.includes('．．')) return;
  const edits: Edit[] = [];
  const message = { en: 'Write the Chinese ellipsis as “……”.', zh: '中文省略号写作“……”。' };
  for (const m of s.matchAll(/\.{3,}|。{3,}|…+|．{3,}/g)) {
    const a = m.index;
    const b = a + m[0].length;
    if (m[0] === '……') continue;
    let ok = true;
    for (let i = a; i < b; i++) if (!v.isText(i)) ok = false;
    if (!ok) continue;
    const li = leftNonSpace(v, a);
    if (leftClass(v, li) !== Cls.Cjk) continue;
    const group = w.nextGroup();
    if (m[0].length === 1) {
      edits.push({ j: a + 1, op: 'ins', text: '…', stage: Stage.Ellipsis, message, group });
      continue;
    }
    for (let i = a; i < b; i++) {
      const want = i < a + 2 ? '…' : '';
      if (s[i] !== want) edits.push({ j: i, op: 'rep', text: want, stage: Stage.Ellipsis, message, group });
    }
  }
  applyStageEdits(w, edits);
}

/** `！！`, `？？`, `？？！！` → one mark (or `？！`). */
export function repeatedPunctuation(w: Work): void {
  const v = w.view();
  const s = v.text;
  if (!/[！？][！？]/.test(s)) return;
  const edits: Edit[] = [];
  for (const m of s.matchAll(/[！？]{2,}/g)) {
    const kept: string[] = [];
    const group = w.nextGroup();
    for (let i = m.index; i < m.index + m[0].length; i++) {
      if (!v.isText(i)) continue;
      const ch = s[i];
      if (kept.length < 2 && kept[kept.length - 1] !== ch) kept.push(ch);
      else edits.push({ j: i, op: 'rep', text: '', stage: Stage.Repeated, group, message: { en: `Do not repeat punctuation: “${m[0]}”.`, zh: `不要重复使用标点符号：“${m[0]}”。` } });
    }
  }
  applyStageEdits(w, edits);
}

/** Pairs of one kind of bracket or quote in the text characters of the view, as [open, close] positions. */
function pairs(v: View, open: string, close: string): [number, number][] {
  const s = v.text;
  const out: [number, number][] = [];
  const stack: number[] = [];
  for (let i = 0; i < s.length; i++) {
    if (!v.isText(i)) continue;
    const ch = s[i];
    if (open === close && ch === open) {
      if (stack.length) out.push([stack.pop()!, i]);
      else stack.push(i);
    } else if (ch === open) stack.push(i);
    else if (ch === close && stack.length) out.push([stack.pop()!, i]);
    else if (ch === '\n' && open === close) stack.length = 0;
  }
  return out;
}

/** Brackets around or next to Chinese: full-width （…）, or half-width (…) with spaces outside. */
export function brackets(w: Work, style: TypographySettings['brackets']): void {
  const v = w.view();
  const s = v.text;
  if (!s.includes('(') && !s.includes('（')) return;
  const edits: Edit[] = [];
  if (style === 'fullwidth') {
    const message = { en: 'Use full-width brackets “（）” in Chinese text.', zh: '中文里用全角括号“（）”。' };
    for (const [a, b] of pairs(v, '(', ')')) {
      // Empty, or no words inside (an interval `(0, 1)`, a number `(1)`): not text in brackets.
      if (b === a + 1 || !/[A-Za-z\u4e00-\u9fff]/.test(s.slice(a + 1, b))) continue;
      const before = leftOf(v, a);
      // A function call or an index: print(), A100(80GB) — unless Chinese text is inside: H100(数据中心显卡).
      if (before >= 0 && before === a - 1 && /[A-Za-z0-9_.]/.test(s[before]) && !hasHan(v, a + 1, b)) continue;
      const chinese = hasHan(v, a + 1, b) || leftClass(v, leftNonSpace(v, a)) === Cls.Cjk || rightClass(v, rightNonSpace(v, b)) === Cls.Cjk;
      if (!chinese) continue;
      const group = w.nextGroup();
      edits.push({ j: a, op: 'rep', text: '（', stage: Stage.Brackets, message, group }, { j: b, op: 'rep', text: '）', stage: Stage.Brackets, message, group });
    }
  } else {
    const message = { en: 'Use half-width brackets “()” with spaces outside.', zh: '使用半角括号“()”，括号外加空格。' };
    const spaced = (a: number, b: number, full: boolean) => {
      const group = w.nextGroup();
      if (full) edits.push({ j: a, op: 'rep', text: '(', stage: Stage.Brackets, message, group }, { j: b, op: 'rep', text: ')', stage: Stage.Brackets, message, group });
      const l = leftOf(v, a);
      const lc = leftClass(v, l);
      if (l === a - 1 && (lc === Cls.Cjk || (full && lc === Cls.Latin))) edits.push({ j: a, op: 'ins', text: ' ', stage: Stage.Brackets, message, group });
      const r = rightOf(v, b);
      const rc = rightClass(v, r);
      if (r === b + 1 && (rc === Cls.Cjk || rc === Cls.Latin)) edits.push({ j: b + 1, op: 'ins', text: ' ', stage: Stage.Brackets, message, group });
    };
    for (const [a, b] of pairs(v, '（', '）')) spaced(a, b, true);
    for (const [a, b] of pairs(v, '(', ')')) {
      if (b === a + 1) continue;
      const before = leftOf(v, a);
      if (before >= 0 && before === a - 1 && /[A-Za-z0-9_.]/.test(s[before]) && !hasHan(v, a + 1, b)) continue;
      if (hasHan(v, a + 1, b) || leftClass(v, leftNonSpace(v, a)) === Cls.Cjk || rightClass(v, rightNonSpace(v, b)) === Cls.Cjk) spaced(a, b, false);
    }
  }
  applyStageEdits(w, edits);
}

/** Quotation marks around Chinese text in the team's style (“…” ‘…’ or 「…」 『…』). */
export function quotes(w: Work, style: TypographySettings['quotes']): void {
  const v = w.view();
  if (!/["“‘「『]/.test(v.text)) return;
  const edits: Edit[] = [];
  const [dOpen, dClose, sOpen, sClose] = style === 'corner' ? ['「', '」', '『', '』'] : ['“', '”', '‘', '’'];
  const message = { en: `Quote Chinese text with ${dOpen}…${dClose}.`, zh: `中文引号用 ${dOpen}…${dClose}。` };
  const convert = (open: string, close: string, toOpen: string, toClose: string, needHan: boolean) => {
    if (!v.text.includes(open)) return;
    for (const [a, b] of pairs(v, open, close)) {
      if (needHan && !hasHan(v, a + 1, b)) continue;
      const group = w.nextGroup();
      edits.push({ j: a, op: 'rep', text: toOpen, stage: Stage.Quotes, message, group }, { j: b, op: 'rep', text: toClose, stage: Stage.Quotes, message, group });
    }
  };
  convert('"', '"', dOpen, dClose, true);
  if (style === 'corner') {
    convert('“', '”', dOpen, dClose, true);
    convert('‘', '’', sOpen, sClose, true);
  } else {
    convert('「', '」', dOpen, dClose, false);
    convert('『', '』', sOpen, sClose, false);
  }
  applyStageEdits(w, edits);
}

/** A Chinese heading does not end with a full stop. */
export function headingPunctuation(w: Work): void {
  const v = w.view();
  const s = v.text;
  if (!hasHan(v, 0, s.length)) return;
  let j = s.length - 1;
  while (j >= 0 && (v.kindAt(j) === Kind.Close || (v.isText(j) && (s[j] === ' ' || s[j] === '\t')))) j--;
  if (j < 0 || !v.isText(j) || s[j] !== '。') return;
  // The whole run (`。。`), and the spaces before it.
  let a = j;
  while (a > 0 && v.isText(a - 1) && (s[a - 1] === '。' || s[a - 1] === ' ' || s[a - 1] === '\t')) a--;
  const message = { en: 'A heading does not end with “。”.', zh: '标题末尾不加句号“。”。' };
  const group = w.nextGroup();
  const edits: Edit[] = [];
  for (let i = a; i <= j; i++) edits.push({ j: i, op: 'rep', text: '', stage: Stage.HeadingPunctuation, message, group });
  applyStageEdits(w, edits);
}

/** Whether the character at j is a full-width mark that takes no space beside it (`side`: where the space is). */
function isFullwidthMark(v: View, j: number, spaceSide: 'before' | 'after', spaceStart: number, spaceEnd: number): boolean {
  if (j < 0 || j >= v.length || !v.isText(j)) return false;
  const s = v.text;
  const ch = s[j];
  if (FULLWIDTH_PUNCT.has(ch)) return true;
  if (!CURLY_QUOTES.has(ch)) return false;
  // A curly quote is Chinese punctuation when Chinese is on the other side of the space or inside the quotes.
  const other = spaceSide === 'before' ? spaceStart - 1 : spaceEnd;
  if (other >= 0 && other < s.length && v.isText(other) && isCjkLetterAt(s, other)) return true;
  const opening = ch === '“' || ch === '‘';
  const partner = opening ? (ch === '“' ? '”' : '’') : ch === '”' ? '“' : '‘';
  const k = opening ? s.indexOf(partner, j + 1) : s.lastIndexOf(partner, j - 1);
  if (k === -1) return false;
  return opening ? hasHan(v, j + 1, k) : hasHan(v, k + 1, j);
}

/** No space before or after full-width punctuation (`iPhone ，好` → `iPhone，好`). */
export function punctuationSpacing(w: Work): void {
  const v = w.view();
  const s = v.text;
  const edits: Edit[] = [];
  // Blanks beside a full-width mark or a curly quote (the only ones this stage may remove).
  const blanks = /(?<=[，。、；：！？（）「」『』《》〈〉【】〔〕〖〗…～·“”‘’])[ \t]+|[ \t]+(?=[，。、；：！？（）「」『』《》〈〉【】〔〕〖〗…～·“”‘’])/g;
  for (let m = blanks.exec(s); m; m = blanks.exec(s)) {
    const a = m.index;
    if (!v.isText(a)) continue;
    let b = a;
    while (b < s.length && v.isText(b) && (s[b] === ' ' || s[b] === '\t')) b++;
    if (a === 0 || b >= s.length) continue;
    const left = a - 1;
    const right = b;
    // Most blanks are between words: no full-width mark or curly quote on either side.
    if (!FULLWIDTH_PUNCT.has(s[left]) && !CURLY_QUOTES.has(s[left]) && !FULLWIDTH_PUNCT.has(s[right]) && !CURLY_QUOTES.has(s[right])) continue;
    // A space beside text that is not prose (a bare URL, HTML, math) may be what ends or starts it: kept.
    if (v.kindAt(left) === Kind.Lock || v.kindAt(right) === Kind.Lock) continue;
    // A space that lets an emphasis marker beside it count (`**中文，** 继续`): without it the asterisks would show.
    if (markerNeedsSpace(v, a, b)) continue;
    // Beside asterisks or underscores that are text (an emphasis that does not parse): whether they pair up depends
    // on the space, so it stays for the writer to decide (the emphasis rule reports them).
    if ('*_~'.includes(s[left]) || '*_~'.includes(s[right])) continue;
    if (isFullwidthMark(v, left, 'after', a, b) || isFullwidthMark(v, right, 'before', a, b)) {
      const mark = isFullwidthMark(v, left, 'after', a, b) ? s[left] : s[right];
      const group = w.nextGroup();
      for (let i = a; i < b; i++) edits.push({ j: i, op: 'rep', text: '', stage: Stage.PunctuationSpacing, group, message: { en: `No space next to the full-width ${q(mark)}.`, zh: `全角标点${q(mark)}前后不加空格。` } });
    }
  }
  applyStageEdits(w, edits);
}

/**
 * Whether removing the blanks [a, b) would stop an emphasis marker beside them from counting: a closing run on the
 * left whose content ends with punctuation, or an opening run on the right whose content starts with it.
 */
function markerNeedsSpace(v: View, a: number, b: number): boolean {
  const s = v.text;
  if (v.kindAt(a - 1) === Kind.Close && s[a - 1] !== ')' && s[a - 1] !== ']') {
    let i = a - 1;
    while (i >= 0 && v.kindAt(i) === Kind.Close) i--;
    if (i >= 0 && isUnicodePunctuation(s[i]) && !isUnicodeWhitespace(s[b]) && !isUnicodePunctuation(s[b])) return true;
  }
  if (v.kindAt(b) === Kind.Open && s[b] !== '[') {
    let i = b;
    while (i < s.length && v.kindAt(i) === Kind.Open) i++;
    if (i < s.length && isUnicodePunctuation(s[i]) && a > 0 && !isUnicodeWhitespace(s[a - 1]) && !isUnicodePunctuation(s[a - 1])) return true;
  }
  return false;
}
