import { test } from 'node:test';
import assert from 'node:assert/strict';
import v8 from 'node:v8';
import { heapKeeper } from './memory';

const usedMb = () => v8.getHeapStatistics().used_heap_size / (1024 * 1024);

test('at a pause the heap keeper gives back at once the garbage of work that just ended (a rehearsal of edits)', () => {
  const keeper = heapKeeper({ slackMb: 16 });
  try {
    const before = usedMb();
    // Garbage that only a full collection frees: arrays large enough for V8's large-object space.
    let work: number[][] | undefined = Array.from({ length: 24 }, (_, i) => new Array(200_000).fill(i + 0.5));
    assert.equal(work.length, 24);
    work = undefined;
    const grown = usedMb() - before;
    assert.ok(grown > 20, `${grown.toFixed(1)} MB of garbage to collect`);
    keeper.atPause();
    const left = usedMb() - before;
    assert.ok(left < grown / 4, `${left.toFixed(1)} MB of ${grown.toFixed(1)} MB left after the pause`);
  } finally {
    keeper.dispose();
  }
});
