// "Fix all": every safe fix of a set of findings, as one list of edits that do not overlap.
import type { Finding, TextEdit } from '../base/types';
import { LineIndex, comparePositions } from '../base/text';
import { applyEdits } from '../markdown/edits';

export function safeFixEdits(findings: readonly Finding[]): TextEdit[] {
  const edits: TextEdit[] = [];
  const seen = new Set<string>();
  for (const finding of findings) {
    const fix = finding.fixes?.find((f) => f.safe && !f.snippet);
    if (!fix) continue;
    const key = JSON.stringify(fix.edits);
    if (seen.has(key)) continue;
    seen.add(key);
    edits.push(...fix.edits);
  }
  // Drop edits that overlap an earlier one: the next pass of a fix loop picks them up again.
  const sorted = edits.map((e, i) => ({ e, i })).sort((a, b) => comparePositions(a.e.range.start, b.e.range.start) || a.i - b.i);
  const kept: TextEdit[] = [];
  for (const { e } of sorted) {
    const last = kept[kept.length - 1];
    if (last && comparePositions(e.range.start, last.range.end) < 0) continue;
    kept.push(e);
  }
  return kept;
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
    const edits = safeFixEdits(remaining);
    if (edits.length === 0) break;
    const next = applyEdits(current, edits);
    if (next.text === current) break;
    current = next.text;
    applied += next.applied;
    if (pass + 1 < MAX_FIX_PASSES) remaining = await recheck(current);
  }
  return { text: current, applied };
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
