// Where to type when rehearsing edits of a long draft (see lsp/rehearsal.ts): places in prose lines of the middle
// half of the text, as a writer's keystrokes land, each changing one chunk and moving the chunks after it.

/** A line that is markup from its first character (heading, table, quote, code fence, list item, definition). */
const MARKUP_LINE = /^\s*(?:[#|>`~\-*+[<]|\d+[.)])/;
const FENCE = /^\s*(?:```|~~~)/;
const LETTER = /\p{L}/u;

/** The place nearest `middle` with a letter before it, at it and after it, or -1. */
function lettersNear(line: string, middle: number): number {
  const isLetterRun = (at: number) => LETTER.test(line[at - 1] ?? '') && LETTER.test(line[at]) && LETTER.test(line[at + 1] ?? '');
  for (let d = 0; middle - d >= 1 || middle + d < line.length - 1; d++) {
    if (middle - d >= 1 && isLetterRun(middle - d)) return middle - d;
    if (middle + d < line.length - 1 && isLetterRun(middle + d)) return middle + d;
  }
  return -1;
}

/**
 * Up to `count` offsets, spread over the middle half of `text`, each in the middle of a prose line (outside code
 * fences), between letters: typing the letter at such an offset again is an edit inside a paragraph.
 */
export function rehearsalOffsets(text: string, count: number): number[] {
  const candidates: number[] = [];
  const from = text.length / 4;
  const to = (text.length * 3) / 4;
  let inFence = false;
  for (let start = 0; start < to; ) {
    let end = text.indexOf('\n', start);
    if (end === -1) end = text.length;
    const line = text.slice(start, end);
    if (FENCE.test(line)) inFence = !inFence;
    else if (!inFence && start >= from && line.length > 20 && !MARKUP_LINE.test(line)) {
      const at = lettersNear(line, line.length >> 1);
      if (at !== -1) candidates.push(start + at);
    }
    start = end + 1;
  }
  if (candidates.length <= count) return candidates;
  const step = candidates.length / count;
  return Array.from({ length: count }, (_, i) => candidates[Math.floor(i * step)]);
}
