// Text normalisation for topic matching, shared by the matcher, the table loader and completion.
//
// A topic, an alias and a piece of prose are compared in a folded form:
// - Unicode NFKC (full-width `ＲＴＸ４０９０` → `rtx4090`) and lower case;
// - separators are dropped: white space (also the ideographic space), hyphens and dashes, underscores and
//   the middle dot, so `run pod` = `runpod` = `Run-Pod` = `RUN_POD`, and `4090 显卡` = `4090显卡`;
// - everything else (punctuation, apostrophes, dots) is kept, so `run, pod` does not match `run pod`.
// A pattern (topic or alias) is also split into parts at its separators and where Latin/digits meet
// Chinese (`4090显卡` → `4090` + `显卡`): the matcher allows a small gap between parts (see match.ts).
// Word boundaries are judged on the original text, not the folded one (see isWordChar / isCjk).

/** Characters that are folded away: spaces, hyphens, dashes, underscores, middle dots. */
const SEPARATOR = /[\s\u00a0\u3000\-\u2010-\u2013_\u00b7\u30fb]/u;
const CJK = /[\p{Script=Han}\p{Script=Hiragana}\p{Script=Katakana}\p{Script=Hangul}]/u;
const WORD = /[\p{L}\p{N}]/u;

export function isSeparator(ch: string): boolean {
  return SEPARATOR.test(ch);
}

export function isCjk(ch: string): boolean {
  return CJK.test(ch);
}

/** A letter or digit of a script that writes spaces between words (Latin, Greek, Cyrillic, digits…). */
export function isWordChar(ch: string): boolean {
  return WORD.test(ch) && !CJK.test(ch);
}

function fold(cp: string): string {
  return cp.normalize('NFKC').toLowerCase();
}

/**
 * The folded form of a prose segment, with a map back to the original UTF-16 offsets:
 * `text[i]` came from `original.slice(starts[i], ends[i])`. Characters inside `masked` ranges become
 * U+0000, which no pattern contains, so nothing matches inside or across them.
 */
export interface FoldedText {
  text: string;
  starts: number[];
  ends: number[];
}

export function foldText(original: string, masked: Array<[number, number]> = []): FoldedText {
  let text = '';
  const starts: number[] = [];
  const ends: number[] = [];
  let m = 0;
  // Whether `text` ends with U+0000 (a masked run's sentinel, or a folded NUL).
  let endsWithNul = false;
  for (let i = 0; i < original.length; ) {
    const c = original.charCodeAt(i);
    while (m < masked.length && masked[m][1] <= i) m++;
    const inMask = m < masked.length && masked[m][0] <= i && i < masked[m][1];
    // Fast paths, the same as the general case below: ASCII folds to its lower case (NFKC leaves it alone) and
    // its separators are white space, `-` and `_`; CJK unified ideographs fold to themselves and separate nothing.
    if (!inMask && c < 0x80) {
      if (!(c === 32 || (c >= 9 && c <= 13) || c === 45 || c === 95)) {
        const lower = c >= 65 && c <= 90 ? c + 32 : c;
        text += String.fromCharCode(lower);
        starts.push(i);
        ends.push(i + 1);
        endsWithNul = lower === 0;
      }
      i++;
      continue;
    }
    if (!inMask && c >= 0x4e00 && c <= 0x9fff) {
      text += original[i];
      starts.push(i);
      ends.push(i + 1);
      endsWithNul = false;
      i++;
      continue;
    }
    const cp = String.fromCodePoint(original.codePointAt(i)!);
    const end = i + cp.length;
    if (inMask) {
      // one sentinel per masked run is enough
      if (!endsWithNul) {
        text += '\u0000';
        starts.push(i);
        ends.push(end);
        endsWithNul = true;
      } else {
        ends[ends.length - 1] = end;
      }
    } else if (!isSeparator(cp)) {
      const folded = fold(cp);
      for (const ch of folded) {
        for (let k = 0; k < ch.length; k++) {
          text += ch[k];
          starts.push(i);
          ends.push(end);
          endsWithNul = ch.charCodeAt(k) === 0;
        }
      }
    }
    i = end;
  }
  return { text, starts, ends };
}

/** Runs of what foldText's fast paths do not cover (neither ASCII nor a CJK unified ideograph), and ASCII separators. */
const SLOW_OR_SEPARATOR = /[^\x00-\x7f\u4e00-\u9fff]+|[\t-\r \-_]+/g;
const HAS_SLOW = /[^\x00-\x7f\u4e00-\u9fff]/;
const ASCII_SEPARATORS = /[\t-\r \-_]+/g;
/** Folded forms of the characters met outside the fast paths (a text uses few of them, and uses them often). */
const foldedChars = new Map<string, string>();

function foldRun(run: string): string {
  if (run.charCodeAt(0) < 0x80) return '';
  let out = '';
  for (const cp of run) {
    let folded = foldedChars.get(cp);
    if (folded === undefined) {
      folded = isSeparator(cp) ? '' : fold(cp);
      if (foldedChars.size < 4096) foldedChars.set(cp, folded);
    }
    out += folded;
  }
  return out;
}

/**
 * foldText(original).text (nothing masked), without the map back to the original: enough to tell whether a pattern
 * could match at all, which for most prose it cannot. Lower-casing the whole text at the end changes only its ASCII
 * letters: what foldRun returns is lower case already.
 */
export function foldedOnly(original: string): string {
  if (!HAS_SLOW.test(original)) return original.replace(ASCII_SEPARATORS, '').toLowerCase();
  return original.replace(SLOW_OR_SEPARATOR, foldRun).toLowerCase();
}

/** The parts of a topic or alias: folded, split at separators and at Latin/digit ↔ Chinese transitions. */
export function patternParts(pattern: string): string[] {
  const parts: string[] = [];
  let cur = '';
  let curCjk: boolean | undefined;
  for (const cp of pattern) {
    if (isSeparator(cp)) {
      if (cur) parts.push(cur);
      cur = '';
      curCjk = undefined;
      continue;
    }
    const folded = fold(cp);
    const cjk = isCjk(cp);
    if (cur && curCjk !== undefined && cjk !== curCjk) {
      parts.push(cur);
      cur = '';
    }
    cur += folded;
    curCjk = cjk;
  }
  if (cur) parts.push(cur);
  return parts;
}

/** The identity of a topic or alias: `Run-Pod`, `run pod` and `RunPod` have the same key, `runpod`. */
export function topicKey(pattern: string): string {
  return patternParts(pattern).join('');
}

// Things in prose that are not prose: links, domains, e-mail addresses, inline code. The document model
// already removes most of them; this is the second line of defence.
const URLISH = [
  /\b[a-z][a-z0-9+.-]*:\/\/[^\s<>"'()\[\]{}\u3000-\u303f\u4e00-\u9fff\uff00-\uffef]*/giu,
  /\bwww\.[^\s<>"'()\[\]{}\u3000-\u303f\u4e00-\u9fff\uff00-\uffef]+/giu,
  /[\w.+-]+@[\w-]+(?:\.[\w-]+)+/gu,
  // a domain with a path (`runpod.io/pricing`) or a bare domain with a common top-level domain
  /\b[\w-]+(?:\.[\w-]+)+\/[^\s<>"'()\[\]{}\u3000-\u303f\u4e00-\u9fff\uff00-\uffef]*/gu,
  /\b[\w-]+(?:\.[\w-]+)*\.(?:com|net|org|io|ai|cn|dev|co|app|cloud|gg|me|info|xyz|tech|sh|so)\b/giu,
  // inline code that slipped through, and file paths
  /`[^`]*`/gu,
  /(?<![\w./])(?:~|\.{1,2})?\/[\w.-]+(?:\/[\w.-]*)+/gu,
];

const WWW = /www\./iu;

/** Ranges of `text` (UTF-16 offsets, end exclusive) that look like URLs, addresses, code or paths. */
export function urlishRanges(text: string): Array<[number, number]> {
  const ranges: Array<[number, number]> = [];
  // What each pattern cannot match without (most prose has no `/`, `@` or backtick, Chinese prose often no `.`):
  // a pattern whose literal is absent is not run, which finds the same ranges.
  const hasDot = text.includes('.');
  const hasSlash = text.includes('/');
  const needs = [text.includes('://'), hasDot && WWW.test(text), hasDot && text.includes('@'), hasDot && hasSlash, hasDot, text.includes('`'), hasSlash];
  for (const [i, re] of URLISH.entries()) {
    if (!needs[i]) continue;
    re.lastIndex = 0;
    for (let m = re.exec(text); m; m = re.exec(text)) {
      if (m[0].length === 0) {
        re.lastIndex++;
        continue;
      }
      ranges.push([m.index, m.index + m[0].length]);
    }
  }
  ranges.sort((a, b) => a[0] - b[0] || b[1] - a[1]);
  const merged: Array<[number, number]> = [];
  for (const r of ranges) {
    const last = merged[merged.length - 1];
    if (last && r[0] <= last[1]) last[1] = Math.max(last[1], r[1]);
    else merged.push([r[0], r[1]]);
  }
  return merged;
}
