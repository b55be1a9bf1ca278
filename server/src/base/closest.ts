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

/**
 * `closest` for many targets against one set of candidates, in time that grows with the document rather than with
 * targets × candidates: answers are remembered per target, only candidates whose length could be within reach are
 * compared, and the comparisons one suggester makes are capped (`budget`), after which it suggests nothing. Where
 * the cap is not reached, every answer is exactly `closest(target, candidates)`.
 */
export class Suggester {
  private readonly byLength = new Map<number, { text: string; lower: string; index: number }[]>();
  private readonly answers = new Map<string, string | undefined>();
  private maxLength = 0;

  private budget: number;

  constructor(candidates: Iterable<string>, private readonly initialBudget = 400_000) {
    this.budget = initialBudget;
    let index = 0;
    for (const text of candidates) {
      const lower = text.toLowerCase();
      let bucket = this.byLength.get(lower.length);
      if (!bucket) this.byLength.set(lower.length, (bucket = []));
      bucket.push({ text, lower, index: index++ });
      if (lower.length > this.maxLength) this.maxLength = lower.length;
    }
  }

  /** A new round of comparisons (a new check) gets the whole budget again; remembered answers stay. */
  renewBudget(): void {
    this.budget = this.initialBudget;
  }

  closest(target: string): string | undefined {
    if (this.answers.has(target)) return this.answers.get(target);
    const limit = Math.max(2, Math.floor(target.length / 3));
    const t = target.toLowerCase();
    const from = Math.max(0, t.length - limit);
    const to = Math.min(this.maxLength, Math.max(t.length + limit, t.length >= 3 ? t.length * 2 + 4 : 0));
    let best: { text: string; index: number } | undefined;
    let bestDistance = limit + 1;
    for (let length = from; length <= to; length++) {
      const bucket = this.byLength.get(length);
      if (!bucket) continue;
      // Out of budget: no suggestion, and none remembered (a later round with a new budget may find one).
      if (this.budget < bucket.length) return undefined;
      this.budget -= bucket.length;
      for (const c of bucket) {
        const d = t.length >= 3 && c.lower.startsWith(t) && c.lower.length <= t.length * 2 + 4 ? 1 : Math.abs(c.lower.length - t.length) > limit ? limit + 1 : editDistance(t, c.lower, limit);
        if (d < bestDistance || (d === bestDistance && best && c.index < best.index)) {
          best = c;
          bestDistance = d;
        }
      }
    }
    const answer = best?.text;
    this.answers.set(target, answer);
    return answer;
  }
}

const recentSuggesters = new Map<string, Suggester>();

/**
 * A suggester for these candidates, shared with earlier calls for the same candidates in the same order (the last
 * few sets are kept): re-checking a draft after an edit that left its headings alone answers "did you mean" from
 * what the last check found.
 */
export function suggesterFor(candidates: Iterable<string>): Suggester {
  const list = [...candidates];
  const key = list.join('\u0000');
  let suggester = recentSuggesters.get(key);
  if (suggester) {
    recentSuggesters.delete(key);
    suggester.renewBudget();
  } else {
    suggester = new Suggester(list);
  }
  recentSuggesters.set(key, suggester);
  if (recentSuggesters.size > 8) recentSuggesters.delete(recentSuggesters.keys().next().value as string);
  return suggester;
}
