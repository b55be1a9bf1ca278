// "Did you mean …?": the candidate closest to a misspelled name, if it is close enough to be a likely intent.

export function editDistance(a: string, b: string, limit = Infinity): number {
  if (a === b) return 0;
  if (Math.abs(a.length - b.length) > limit) return limit + 1;
  let previous = Array.from({ length: b.length + 1 }, (_, i) => i);
  for (let i = 1; i <= a.length; i++) {
    const current = [i];
    let best = i;
    for (let j = 1; j <= b.length; j++) {
      current[j] = Math.min(previous[j] + 1, current[j - 1] + 1, previous[j - 1] + (a[i - 1] === b[j - 1] ? 0 : 1));
      if (current[j] < best) best = current[j];
    }
    if (best > limit) return limit + 1;
    previous = current;
  }
  return previous[b.length];
}

/**
 * The closest candidate within a third of the target's length (at least 2 edits), or undefined. A candidate that
 * extends the target ("install" → "installation", a renamed heading) counts as one edit away.
 */
export function closest(target: string, candidates: Iterable<string>): string | undefined {
  const limit = Math.max(2, Math.floor(target.length / 3));
  const t = target.toLowerCase();
  let best: string | undefined;
  let bestDistance = limit + 1;
  for (const candidate of candidates) {
    const c = candidate.toLowerCase();
    const d = t.length >= 3 && c.startsWith(t) && c.length <= t.length * 2 + 4 ? 1 : editDistance(t, c, limit);
    if (d < bestDistance) {
      best = candidate;
      bestDistance = d;
    }
  }
  return best;
}
