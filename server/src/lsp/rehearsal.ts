// Rehearsing edits once the first long draft is open. V8 compiles the server's code for speed only after it has run
// a while: the first few dozen edits of a session took up to three times as long as later ones (10–30 ms against 8
// on a 5,000-line draft), while the code that checks an edit (placing the chunks that moved, the document view, the
// whole-document rules) warmed up. So, right after the first check of a long draft (the writer reading what was just
// opened), the server types into a copy of it: a letter doubled in a paragraph, then taken out again, as edits come
// (each analysed ahead of its check, as an edit is when checks run at once). Nothing is published; the copy is
// dropped. Anything the writer does stops it, and it starts again at the next pause, until one has run to its end:
// once per server, since compiled code serves every document after it.
import type { CheckEnvironment, DocumentChecker } from '../engine/document-checker';
import { rehearsalOffsets } from '../engine/rehearsal';
import type { WorkspaceView } from '../markdown/workspace';
import { toDiagnostic } from './convert';

/** Drafts shorter than this are checked quickly enough cold; a rehearsal waits for a longer one. */
export const REHEARSAL_MIN_CHARS = 20_000;
/** The pause after a check that a rehearsal interrupted waits for before it tries again. */
export const REHEARSAL_AFTER_MS = 200;
/** Edits rehearsed (each typed, then taken out again), and the time they may take in all. */
const REHEARSAL_EDITS = 24;
/**
 * Edits rehearsed again after the collection that follows a rehearsal (lsp/memory.ts atPause): a full collection
 * drops some of the compiled code (whose embedded objects died), and the first edits then ran it uncompiled;
 * rehearsing a few more compiles it again (first five edits of the bench's draft 8.8 → 8.3 ms on average).
 */
export const REWARM_EDITS = 4;
const REHEARSAL_BUDGET_MS = 2_000;

export interface RehearsalInput {
  uri: string;
  path?: string;
  text: string;
}

/**
 * Checks edited copies of `input.text` with a copy of `checker` (so the document's own stays as it is), yielding to
 * the event loop before each check; stops when `signal` aborts (the writer did something) or the budget is spent.
 * `afterCheck` follows each check, as after a real one (the heap keeper collects the garbage as it goes, not when
 * the writer is back). `atOnce`: checks run at once after an edit, so each edit is anticipated as it would be.
 * `count`: how many edits (each typed, then taken out again).
 * Returns how many checks ran and how long it took.
 */
export async function rehearseEdits(checker: DocumentChecker, input: RehearsalInput, env: CheckEnvironment, workspace: WorkspaceView, signal: AbortSignal, afterCheck: () => void, atOnce = false, count = REHEARSAL_EDITS): Promise<{ checks: number; ms: number }> {
  const rehearsal = checker.copy();
  try {
    return await rehearse(rehearsal, input, env, workspace, signal, afterCheck, atOnce, count);
  } finally {
    rehearsal.forget(); // stops an analysis it started ahead of a check it will not make
  }
}

async function rehearse(rehearsal: DocumentChecker, input: RehearsalInput, env: CheckEnvironment, workspace: WorkspaceView, signal: AbortSignal, afterCheck: () => void, atOnce: boolean, count: number): Promise<{ checks: number; ms: number }> {
  const started = performance.now();
  let checks = 0;
  for (const offset of rehearsalOffsets(input.text, count)) {
    const typed = input.text.slice(0, offset) + input.text[offset] + input.text.slice(offset);
    const edits = [
      { before: input.text, text: typed, replacement: { start: offset, end: offset, text: input.text[offset] } },
      { before: typed, text: input.text, replacement: { start: offset, end: offset + 1, text: '' } },
    ];
    for (const { before, text, replacement } of edits) {
      await new Promise((resolve) => setImmediate(resolve));
      if (signal.aborted || performance.now() - started > REHEARSAL_BUDGET_MS) return { checks, ms: performance.now() - started };
      if (atOnce) rehearsal.anticipate(before, replacement, text);
      try {
        const result = await rehearsal.check({ ...input, text }, env, workspace, signal);
        result.findings.forEach(toDiagnostic);
        afterCheck();
      } catch {
        // Aborted, or a failure the real check of the next edit reports on its own.
        return { checks, ms: performance.now() - started };
      }
      checks++;
    }
  }
  return { checks, ms: performance.now() - started };
}
