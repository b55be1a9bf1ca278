import { test } from 'node:test';
import assert from 'node:assert/strict';
import { countAtOrBefore } from './sorted';

test('countAtOrBefore counts the leading items whose key is at or before the value', () => {
  const starts = [2, 5, 5, 9];
  const key = (n: number) => n;
  assert.deepEqual([0, 2, 4, 5, 8, 9, 10].map((v) => countAtOrBefore(starts, key, v)), [0, 1, 1, 3, 3, 4, 4]);
  assert.equal(countAtOrBefore([], key, 3), 0);
  assert.equal(countAtOrBefore([{ at: 1 }, { at: 4 }], (x) => x.at, 3), 1);
});
