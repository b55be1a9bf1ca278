// Keeping the language server's heap near what it holds. A server lives for hours and re-checks a document on
// every edit: each check leaves a few hundred KB of garbage, which V8 collects only when its heap has grown well past
// what is live (hundreds of MB after a few thousand edits, though nothing is kept). So the server collects when the
// editor pauses (`idleMs` after the last check) if the heap has grown by a quarter of `slackMb` over what the last
// full collection left, and at once, in a burst of edits, when the growth reaches twice the slack. Work of the server's
// own that ends while the writer waits for nothing (a rehearsal of edits) is followed by a collection too, so that its
// garbage does not bring the next burst's collection forward.
import v8 from 'node:v8';
import vm from 'node:vm';

/**
 * Keeps the young generation of this thread at its initial size. V8 doubles it (up to 16 MB a semi-space, some 34 MB
 * resident) whenever a scavenge finds much alive, never gives it back, and a server that checks on every edit soon
 * has it at full size. Only a launch flag could lower its maximum; the growth factor can be set at run time. A
 * starting worker thread puts it back to its launch value, so call this again after each has started
 * (WorkerPoolOptions.onWorkerStarted). The initial size is a launch flag too (SERVER_EXEC_ARGV in protocol.ts). (It
 * was 2 MB by accident for a while: the server's thread loaded the whole analysis before this ran, and grew it.)
 */
export function keepYoungGenerationSmall(): void {
  v8.setFlagsFromString('--semi-space-growth-factor=1');
}

/**
 * Whether full collections compact the old generation. A server that re-checks on every edit leaves its old space
 * fragmented: after a few thousand edits V8 held pages for 65 MB with 30 MB alive in them, and its own heuristics
 * compact only the emptiest pages. heapKeeper turns compaction on for the collections it runs when the editor
 * pauses (moving objects costs tens of milliseconds nobody waits for then), and in a burst of edits only once the
 * holes exceed its slack, and off again, so most collections made during a burst stay as cheap as V8 makes them.
 */
function compactOnFullCollections(on: boolean): void {
  v8.setFlagsFromString(on ? '--compact-on-every-full-gc' : '--no-compact-on-every-full-gc');
}

export interface HeapKeeper {
  /** Call after each check. */
  afterCheck(): void;
  /** The editor is waiting for nothing (work of the server's own just ended): collects now if a pause would. */
  atPause(): void;
  dispose(): void;
}

/** The heap in use (V8's own figure: cheaper than process.memoryUsage(), which reads the resident set too). */
const heapUsed = () => v8.getHeapStatistics().used_heap_size;
/** The heap V8 holds pages for, alive or not. */
const heapHeld = () => v8.getHeapStatistics().total_heap_size;

export function heapKeeper({ slackMb = 16, idleMs = 500 }: { slackMb?: number; idleMs?: number } = {}): HeapKeeper {
  let gc: (() => void) | undefined;
  try {
    v8.setFlagsFromString('--expose-gc');
    gc = vm.runInNewContext('gc') as () => void;
  } catch {
    gc = undefined;
  }
  const MB = 1024 * 1024;
  let baseline = heapUsed();
  /** What the heap held beyond its live objects after the last collection (new space, pages V8 keeps). */
  let baselineHoles = heapHeld() - baseline;
  let timer: NodeJS.Timeout | undefined;
  const collect = (idle: boolean) => {
    clearTimeout(timer);
    timer = undefined;
    // Without a pause (edits back to back for minutes) the heap is never compacted and its pages fill with holes:
    // 78 MB held for 47 MB alive after 10,000 edits. A collection in a burst compacts too once the holes exceed the
    // slack (a few times per thousand edits, each some tens of milliseconds).
    const compact = idle || heapHeld() - heapUsed() > slackMb * MB;
    if (compact) compactOnFullCollections(true);
    gc?.();
    if (compact) compactOnFullCollections(false);
    baseline = heapUsed();
    baselineHoles = heapHeld() - baseline;
  };
  /**
   * How far the heap grew since the last collection: what is in use, or the holes in the pages it holds. V8's own full
   * collections free the garbage of a burst of edits without compacting, so the heap in use stays low while the pages
   * it holds fill with holes (87 MB held for 41 MB in use after 4,000 edits across 30 drafts, when only growth in use
   * was watched).
   */
  const growth = () => {
    const { used_heap_size: used, total_heap_size: held } = v8.getHeapStatistics();
    return Math.max(used - baseline, held - used - baselineHoles);
  };
  return {
    afterCheck() {
      if (!gc) return;
      const grown = growth();
      if (grown >= 2 * slackMb * MB) {
        setImmediate(() => collect(false));
        return;
      }
      // A pause is when no check came for `idleMs`: each check starts the wait again. Collecting then costs nobody a
      // wait, so a smaller growth is worth it: what the heap holds goes back to what is live after every pause, not
      // only after the bursts that happened to grow it past the slack.
      clearTimeout(timer);
      timer = undefined;
      if (grown < (slackMb / 4) * MB) return;
      timer = setTimeout(() => collect(true), idleMs);
      timer.unref?.();
    },
    atPause() {
      if (!gc) return;
      if (growth() >= (slackMb / 4) * MB) collect(true);
    },
    dispose() {
      clearTimeout(timer);
    },
  };
}
