// Shrinking a failing case: delta debugging (ddmin) over lines, then characters, then edits, keeping each
// smaller input that still fails with the same signature, within a budget of evaluations and time.

export interface Budget {
  deadline: number;
  evaluations: number;
}

/** Removes chunks of `items` while `fails` holds for what is left; returns the smallest found. */
export async function ddmin<T>(items: T[], fails: (items: T[]) => Promise<boolean>, budget: Budget): Promise<T[]> {
  let current = items;
  let n = 2;
  while (current.length >= 2 && budget.evaluations > 0 && Date.now() < budget.deadline) {
    const size = Math.ceil(current.length / n);
    let reduced = false;
    for (let start = 0; start < current.length && budget.evaluations > 0 && Date.now() < budget.deadline; start += size) {
      const candidate = [...current.slice(0, start), ...current.slice(start + size)];
      budget.evaluations--;
      if (await fails(candidate)) {
        current = candidate;
        n = Math.max(n - 1, 2);
        reduced = true;
        break;
      }
    }
    if (!reduced) {
      if (n >= current.length) break;
      n = Math.min(current.length, n * 2);
    }
  }
  return current;
}

/** Shrinks a text: whole lines first, then characters (UTF-16 units, so surrogate halves may part: fine here). */
export async function shrinkText(text: string, fails: (text: string) => Promise<boolean>, budget: Budget): Promise<string> {
  const lines = text.split(/(?<=\r\n|\r(?!\n)|\n)/);
  const fewer = (await ddmin(lines, (ls) => fails(ls.join('')), budget)).join('');
  if (fewer.length > 20_000) return fewer;
  return (await ddmin([...fewer.split('')], (cs) => fails(cs.join('')), budget)).join('');
}
