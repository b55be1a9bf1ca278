// "Fix all": every safe fix of a set of findings, as one list of edits that do not overlap.
import type { Finding, TextEdit } from '../base/types';
import { comparePositions } from '../base/text';

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
