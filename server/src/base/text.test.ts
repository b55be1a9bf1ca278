import { test } from 'node:test';
import assert from 'node:assert/strict';
import { memoByText } from './text';

test('memoByText answers a text asked for again without computing it, and forgets texts nobody asks for any more', () => {
  const computed: string[] = [];
  const length = memoByText((text: string) => {
    computed.push(text);
    return text.length;
  }, 10);
  // What a draft's checks keep asking (the segments an edit did not touch) is computed once…
  for (let edit = 0; edit < 20; edit++) {
    assert.equal(length('kept'), 4);
    // …while each edit's new text (and the one it replaced) comes and goes.
    assert.equal(length(`typed ${edit}`), `typed ${edit}`.length);
  }
  assert.equal(computed.filter((t) => t === 'kept').length, 1);
  // A text not asked for over two generations is gone: asked again, it is computed again.
  computed.length = 0;
  length('typed 0');
  assert.deepEqual(computed, ['typed 0']);
  // A text longer than a generation is still answered.
  assert.equal(length('x'.repeat(50)), 50);
});
