// Searches in arrays kept sorted by a numeric key.

/** How many items at the start of `sorted` (ascending by `keyOf`) have a key at or before `value`: a binary search. */
export function countAtOrBefore<T>(sorted: readonly T[], keyOf: (item: T) => number, value: number): number {
  let lo = 0;
  let hi = sorted.length;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if (keyOf(sorted[mid]) <= value) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}
