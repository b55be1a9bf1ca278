// Building and applying text edits.
import type { TextEdit } from '../base/types';
import type { Span } from './summary';
import type { DocumentView } from './document-view';
import { LineIndex, comparePositions } from '../base/text';

/** An edit removing the whole lines a span covers, including the line break. */
export function wholeLinesEdit(doc: DocumentView, span: Span): TextEdit {
  const start = doc.lines.positionAt(span.start).line;
  const end = doc.lines.positionAt(Math.max(span.start, span.end - 1)).line;
  const endPosition = end + 1 < doc.lines.lineCount ? { line: end + 1, character: 0 } : doc.lines.positionAt(doc.text.length);
  return { range: { start: { line: start, character: 0 }, end: endPosition }, newText: '' };
}

/**
 * Whether removing the whole lines a span covers leaves the blocks around them as they were. The lines above and
 * below come together, and two lines that meet can make one block (`> ```` above and `> x` below: one quote whose
 * code block runs on); they cannot where a blank line (or the document's edge) stays on one side, or where the line
 * below starts a definition (a block of its own either way).
 */
export function removalKeepsBlocks(doc: DocumentView, span: Span): boolean {
  const first = doc.lines.positionAt(span.start).line;
  const last = doc.lines.positionAt(Math.max(span.start, span.end - 1)).line;
  const blank = (line: number) => line < 0 || line >= doc.lines.lineCount || doc.lines.lineText(line).trim() === '';
  if (blank(first - 1) || blank(last + 1)) return true;
  return definitionLines(doc).has(last + 1);
}

/** The lines definitions start on, per document view (a draft may have ten thousand duplicates to ask about). */
const definitionLinesOf = new WeakMap<DocumentView, Set<number>>();
function definitionLines(doc: DocumentView): Set<number> {
  let lines = definitionLinesOf.get(doc);
  if (!lines) definitionLinesOf.set(doc, (lines = new Set(doc.definitions.map((d) => doc.lines.positionAt(d.start).line))));
  return lines;
}

/**
 * Applies edits to a text. Edits are applied from the end so earlier offsets stay valid; an edit overlapping one
 * already applied is skipped (and counted), never merged into a garbled result.
 */
export function applyEdits(text: string, edits: readonly TextEdit[]): { text: string; applied: number; skipped: number } {
  const lines = new LineIndex(text);
  // From the end backwards; insertions at the same place keep their given order (the later one goes in first).
  const sorted = edits.map((edit, index) => ({ edit, index })).sort((a, b) => comparePositions(b.edit.range.start, a.edit.range.start) || comparePositions(b.edit.range.end, a.edit.range.end) || b.index - a.index).map((x) => x.edit);
  // The result in pieces, last first: the text after each edit up to the previous one, then the edit's new text (a
  // copy of the whole text per edit made fix-all quadratic: 4 s for a 400 KB draft).
  const pieces: string[] = [];
  let applied = 0;
  let skipped = 0;
  let limit = text.length;
  for (const edit of sorted) {
    const start = lines.offsetAt(edit.range.start);
    const end = lines.offsetAt(edit.range.end);
    if (end > limit || start > end) {
      skipped++;
      continue;
    }
    pieces.push(text.slice(end, limit), edit.newText);
    limit = start;
    applied++;
  }
  pieces.push(text.slice(0, limit));
  return { text: pieces.reverse().join(''), applied, skipped };
}
