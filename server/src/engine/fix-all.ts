// "Fix all": every safe fix of a set of findings, as one list of edits that do not overlap — one workspace edit
// (one undo step) in the editor, one write with `lint --fix`.
//
// Fixes are merged, not applied one after another: the typography rules compute the corrected text of a paragraph
// in one pipeline and hand out its pieces, so several findings may carry the same edit (a full-width letter that is
// normalised and re-spaced is one edit) — it is taken once. A fix is atomic: when one of its edits collides with an
// edit already taken, the whole fix waits for the next pass (fixAllText's loop, or the next fix-all), so a fix is
// never half applied. Edits that touch are joined, so insertions at the same place keep a defined order.
import type { Finding, Position, TextEdit } from '../base/types';
import { LineIndex, comparePositions } from '../base/text';
import { applyEdits } from '../markdown/edits';
import { countAtOrBefore } from '../base/sorted';

const key = (e: TextEdit) => `${e.range.start.line}:${e.range.start.character}-${e.range.end.line}:${e.range.end.character}=${e.newText}`;
const isEmpty = (e: TextEdit) => comparePositions(e.range.start, e.range.end) === 0;
const before = (a: Position, b: Position) => comparePositions(a, b) < 0;

/** Two different edits collide when they overlap, or are both insertions at the same place. */
function collide(a: TextEdit, b: TextEdit): boolean {
  if (isEmpty(a) && isEmpty(b)) return comparePositions(a.range.start, b.range.start) === 0;
  return before(a.range.start, b.range.end) && before(b.range.start, a.range.end);
}

export function safeFixEdits(findings: readonly Finding[]): TextEdit[] {
  const fixes: TextEdit[][] = [];
  for (const finding of findings) {
    const fix = finding.fixes?.find((f) => f.safe && !f.snippet);
    if (fix && fix.edits.length) fixes.push(fix.edits);
  }
  const firstStart = (edits: TextEdit[]) => edits.reduce((min, e) => (before(e.range.start, min) ? e.range.start : min), edits[0].range.start);
  const order = fixes.map((edits, i) => ({ edits, i, start: firstStart(edits) })).sort((a, b) => comparePositions(a.start, b.start) || a.i - b.i);

  // Kept edits, sorted by start, for finding the neighbours of a new edit.
  const kept: TextEdit[] = [];
  const taken = new Set<string>();
  const lowerBound = (p: Position) => {
    let lo = 0;
    let hi = kept.length;
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      if (before(kept[mid].range.start, p)) lo = mid + 1;
      else hi = mid;
    }
    return lo;
  };
  const collidesWithKept = (e: TextEdit) => {
    // Kept edits start in order; only those starting before e ends can overlap it, and among those, the ones
    // starting before e starts can reach into it only if they end after its start (checked by walking back).
    const hi = lowerBound(e.range.end);
    for (let i = Math.min(hi, kept.length - 1); i >= 0; i--) {
      const k = kept[i];
      if (collide(e, k)) return true;
      if (before(k.range.end, e.range.start) && i < hi - 64) break;
    }
    return false;
  };
  for (const { edits } of order) {
    const fresh = edits.filter((e) => !taken.has(key(e)));
    if (fresh.length === 0) continue;
    if (fresh.some((e, i) => collidesWithKept(e) || fresh.some((f, j) => j < i && collide(e, f)))) continue;
    for (const e of fresh) {
      taken.add(key(e));
      kept.splice(lowerBound(e.range.start), 0, e);
    }
  }
  // Join edits that touch: [a, p) + [p, q) → [a, q) (an insertion at p goes between them).
  kept.sort((a, b) => comparePositions(a.range.start, b.range.start) || comparePositions(a.range.end, b.range.end));
  const merged: TextEdit[] = [];
  for (const e of kept) {
    const last = merged[merged.length - 1];
    if (last && comparePositions(last.range.end, e.range.start) === 0) {
      merged[merged.length - 1] = { range: { start: last.range.start, end: e.range.end }, newText: last.newText + e.newText };
    } else merged.push({ range: e.range, newText: e.newText });
  }
  return merged;
}

/** A fix can enable another (a regenerated list, a re-spaced word): fixes are applied until none is left. */
const MAX_FIX_PASSES = 4;

/**
 * The text with every safe fix applied, re-checking between passes until nothing is left to fix (at most a few
 * passes), so one application reaches the fixed point. `recheck` checks a text as the document would be checked.
 */
export async function fixAllText(text: string, findings: readonly Finding[], recheck: (text: string) => Promise<readonly Finding[]>): Promise<{ text: string; applied: number }> {
  let current = text;
  let applied = 0;
  let remaining = findings;
  for (let pass = 0; pass < MAX_FIX_PASSES; pass++) {
    const edits = safeFixEdits(withoutFixesInTokens(current, remaining));
    if (edits.length === 0) break;
    const next = applyEdits(current, edits);
    if (next.text === current) break;
    current = next.text;
    applied += next.applied;
    if (pass + 1 < MAX_FIX_PASSES) remaining = await recheck(current);
  }
  return { text: current, applied };
}

/**
 * Text that looks like a spec token, `{{gpu:…}}` on one line, well formed or not. Fix-all leaves it alone: a token
 * stands for a figure, and one that is not well formed (`{{gpu:H100 SXM.memory}}`, or a `{{gpu:` whose `}}` is
 * cells further on) is the writer's to correct (specs/unknown-token says how); a product name or a bare URL fixed
 * inside it would change what it says (fuzz, case 3973195442).
 */
const TOKEN_LIKE = /\{\{[ \t]*gpu[ \t]*:[^{}\r\n]*\}\}/gi;

/** The findings whose safe fix edits no token-like text (an edit that only touches one from outside is fine). */
function withoutFixesInTokens(text: string, findings: readonly Finding[]): readonly Finding[] {
  const tokens = [...text.matchAll(TOKEN_LIKE)].map((m) => [m.index, m.index + m[0].length] as const);
  if (tokens.length === 0) return findings;
  const lines = new LineIndex(text);
  const inToken = (e: TextEdit) => {
    const start = lines.offsetAt(e.range.start);
    const end = lines.offsetAt(e.range.end);
    // The first token that ends after the edit starts (tokens are in order and do not overlap) is the one to look at.
    const token = tokens[countAtOrBefore(tokens, (t) => t[1], start)];
    return token !== undefined && (start === end ? token[0] < start : token[0] < end);
  };
  return findings.filter((f) => !f.fixes?.find((x) => x.safe && !x.snippet)?.edits.some(inToken));
}

/** One edit turning `before` into `after`: the changed middle, so the editor keeps the cursor and one undo step. */
export function minimalEdit(before: string, after: string): TextEdit | undefined {
  if (before === after) return undefined;
  let start = 0;
  while (start < before.length && start < after.length && before.charCodeAt(start) === after.charCodeAt(start)) start++;
  let end = 0;
  while (end < before.length - start && end < after.length - start && before.charCodeAt(before.length - 1 - end) === after.charCodeAt(after.length - 1 - end)) end++;
  // Never split a surrogate pair or a CRLF between the kept and the replaced part.
  while (start > 0 && (isLowSurrogate(before.charCodeAt(start)) || (before.charCodeAt(start) === 10 && before.charCodeAt(start - 1) === 13))) start--;
  while (end > 0 && (isLowSurrogate(before.charCodeAt(before.length - end)) || (before.charCodeAt(before.length - end) === 10 && before.charCodeAt(before.length - end - 1) === 13))) end--;
  const lines = new LineIndex(before);
  return { range: lines.rangeOf(start, before.length - end), newText: after.slice(start, after.length - end) };
}

const isLowSurrogate = (code: number) => code >= 0xdc00 && code <= 0xdfff;
