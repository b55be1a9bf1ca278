// Looking around a position of the working text: neighbours across emphasis and link markers, character
// classes as spacing sees them, and the edits a stage collects before applying them all at once.
import { Kind } from './segment';
import type { View, Work } from './work';
import type { Message, Stage } from './settings';
import { isCjkLetterAt, isHanAt, isLatinAlnumCode } from './chars';

export const isMarkerKind = (k: number) => k === Kind.Open || k === Kind.Close;

/** The nearest position before j that is not an emphasis or link marker (-1 if none). */
export function leftOf(v: View, j: number): number {
  let i = j - 1;
  while (i >= 0 && isMarkerKind(v.kindAt(i))) i--;
  return i;
}

/** The nearest position after j that is not a marker (v.length if none). */
export function rightOf(v: View, j: number): number {
  let i = j + 1;
  while (i < v.length && isMarkerKind(v.kindAt(i))) i++;
  return i;
}

const isBlank = (ch: string) => ch === ' ' || ch === '\t';

/** Like leftOf, also skipping spaces and tabs on the same line. */
export function leftNonSpace(v: View, j: number): number {
  let i = leftOf(v, j);
  while (i >= 0 && v.isText(i) && isBlank(v.text[i])) i = leftOf(v, i);
  return i;
}

export function rightNonSpace(v: View, j: number): number {
  let i = rightOf(v, j);
  while (i < v.length && v.isText(i) && isBlank(v.text[i])) i = rightOf(v, i);
  return i;
}

export enum Cls {
  None = 0,
  Space,
  Cjk,
  Latin,
  Punct,
  Opaque,
}

/** Class of the first (`edge` = 'start') or last content character of the inline code run around j. */
function codeEdge(v: View, j: number, edge: 'start' | 'end'): Cls {
  let a = j;
  let b = j;
  while (a > 0 && v.kindAt(a - 1) === Kind.Code) a--;
  while (b < v.length - 1 && v.kindAt(b + 1) === Kind.Code) b++;
  const text = v.text.slice(a, b + 1).replace(/^`+\s*/, '').replace(/\s*`+$/, '');
  if (!text) return Cls.Opaque;
  return isCjkLetterAt(text, edge === 'start' ? 0 : text.length - 1) ? Cls.Cjk : Cls.Latin;
}

/**
 * The class of the character at j as the left side of a boundary (`X|汉`): letters and digits, and the symbols that
 * end a Latin token (`10%`, `C++`, `C#`, `30°`) are Latin.
 */
export function leftClass(v: View, j: number): Cls {
  if (j < 0) return Cls.None;
  const k = v.kindAt(j);
  if (k === Kind.Code) return codeEdge(v, j, 'end');
  if (k === Kind.Lock) return Cls.Opaque;
  const s = v.text;
  const c = s.charCodeAt(j);
  if (c === 32 || c === 9 || c === 10 || c === 13 || c === 0x3000) return Cls.Space;
  if (isCjkLetterAt(s, j)) return Cls.Cjk;
  if (isLatinAlnumCode(c)) return Cls.Latin;
  if ((c === 0x25 || c === 0x2030 || c === 0xb0 || c === 0x2103) && j > 0 && /[0-9]/.test(s[j - 1])) return Cls.Latin;
  if (c === 0x2b || c === 0x23) {
    // C++, C#, A+: the symbols end a Latin token.
    let i = j;
    while (i >= 0 && (s[i] === '+' || s[i] === '#')) i--;
    return i >= 0 && isLatinAlnumCode(s.charCodeAt(i)) ? Cls.Latin : Cls.Punct;
  }
  return Cls.Punct;
}

/** The class of the character at j as the right side of a boundary (`汉|X`): letters, digits, `$5`, `€5`. */
export function rightClass(v: View, j: number): Cls {
  if (j >= v.length) return Cls.None;
  const k = v.kindAt(j);
  if (k === Kind.Code) return codeEdge(v, j, 'start');
  if (k === Kind.Lock) return Cls.Opaque;
  const s = v.text;
  const c = s.charCodeAt(j);
  if (c === 32 || c === 9 || c === 10 || c === 13 || c === 0x3000) return Cls.Space;
  if (isCjkLetterAt(s, j)) return Cls.Cjk;
  if (isLatinAlnumCode(c)) return Cls.Latin;
  if ((c === 0x24 || c === 0x20ac || c === 0xa3) && /[0-9]/.test(s[j + 1] ?? '')) return Cls.Latin;
  // A path or an option starts a Latin token: `/workspace`, `/usr/local`, `-it`, `--gpus`.
  if ((c === 0x2f || c === 0x2d) && TOKEN_START.test(s.slice(j, j + 48))) return Cls.Latin;
  return Cls.Punct;
}

/** A lower-case path or a command-line option, ending at a space, a CJK character or the end of the text. */
const TOKEN_START = /^(?:\/[a-z_][\w.-]*(?:\/[\w.-]*)*|--?[a-z][a-z0-9-]*)(?![A-Za-z0-9_.\/-])/;

export const isHanIn = (v: View, j: number) => j >= 0 && j < v.length && v.isText(j) && isHanAt(v.text, j);
export const isCjkIn = (v: View, j: number) => j >= 0 && j < v.length && v.isText(j) && isCjkLetterAt(v.text, j);

/** One change a stage wants, at a view position of the snapshot it looked at. */
export interface Edit {
  j: number;
  /** `rep`: replace the character at j (with '' to delete); `ins`: insert before j. */
  op: 'rep' | 'ins';
  text: string;
  stage: Stage;
  message: Message;
  /** Edits with the same group are one change (one finding); see Work.nextGroup. */
  group?: number;
}

/** Applies a stage's edits (positions of the view the stage looked at), from the end back. */
export function applyStageEdits(w: Work, edits: Edit[]): void {
  if (edits.length === 0) return;
  edits.sort((a, b) => b.j - a.j || (a.op === b.op ? 0 : a.op === 'rep' ? -1 : 1));
  w.applyAt(w.view(), edits.map((e) => ({ j: e.j, op: e.op, text: e.text, rule: e.stage, message: e.message, group: e.group })));
}

/** Whether the segment text from a to b (view positions) holds a Han character. */
export function hasHan(v: View, a: number, b: number): boolean {
  for (let i = Math.max(0, a); i < Math.min(b, v.length); i++) if (isHanAt(v.text, i)) return true;
  return false;
}

/** Fast classes of BMP code units for scanning loops: Cls.Cjk, Cls.Latin, Cls.Space, Cls.Punct, or 0 (look closer). */
let table: Uint8Array | undefined;
export function classTable(): Uint8Array {
  if (table) return table;
  // Filled by ranges (a loop over every code unit with the class functions costs tens of milliseconds per thread).
  const t = new Uint8Array(65536).fill(Cls.Punct);
  const range = (a: number, b: number, cls: Cls) => t.fill(cls, a, b + 1);
  // Surrogates: a pair is classified as a whole (Han extensions), so the caller looks closer.
  range(0xd800, 0xdfff, Cls.None);
  for (let c = 0; c < 0x500; c++) if (isLatinAlnumCode(c)) t[c] = Cls.Latin;
  range(0x3400, 0x4dbf, Cls.Cjk);
  range(0x4e00, 0x9fff, Cls.Cjk);
  range(0xf900, 0xfaff, Cls.Cjk);
  range(0x3040, 0x30ff, Cls.Cjk);
  range(0x3100, 0x312f, Cls.Cjk);
  range(0x31f0, 0x31ff, Cls.Cjk);
  t[0x3005] = t[0x3007] = Cls.Cjk;
  for (const c of [32, 9, 10, 13, 0x3000]) t[c] = Cls.Space;
  // Symbols whose class depends on their neighbours (10%, C++, C#, $5, /path, -flag) stay 0: the caller looks closer.
  for (const ch of '%‰°℃+#$€£/-') t[ch.charCodeAt(0)] = 0;
  return (table = t);
}
