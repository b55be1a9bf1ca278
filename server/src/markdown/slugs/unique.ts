// Duplicate numbering, in the four ways the renderers do it — each in linear time overall (the renderers' own
// loops restart at 1 for every heading, which is quadratic for thousands of identical headings; the results here
// are the same because every set of taken ids only grows).

/**
 * html-pipeline's TableOfContentsFilter scheme (GitLab, hexo-renderer-marked): a counter per base slug; the
 * numbered forms are not recorded, so a later heading whose own slug is `a-1` can repeat one.
 * Returns `base`, then `base-1`, `base-2`, … for the same base.
 */
export function counterNumbering(): (base: string) => string {
  const counts = new Map<string, number>();
  return (base) => {
    const n = counts.get(base) ?? 0;
    counts.set(base, n + 1);
    return n === 0 ? base : `${base}-${n}`;
  };
}

/**
 * First free of `base`, `base-1`, `base-2`, … among every id given out or reserved so far
 * (markdown-it-anchor's `uniqueSlug`, goldmark/Hugo's `idFactory.Generate`).
 */
export class SequentialIds {
  private readonly taken = new Set<string>();
  private readonly next = new Map<string, number>();

  has(id: string): boolean {
    return this.taken.has(id);
  }

  /** Marks an id as used without numbering it (explicit ids). */
  reserve(id: string): void {
    this.taken.add(id);
  }

  take(base: string, separator = '-'): string {
    if (!this.taken.has(base)) {
      this.taken.add(base);
      return base;
    }
    // Every `base-k` with k below the hint was found taken before, and stays taken.
    let i = this.next.get(base) ?? 1;
    while (this.taken.has(`${base}${separator}${i}`)) i++;
    this.next.set(base, i + 1);
    const id = `${base}${separator}${i}`;
    this.taken.add(id);
    return id;
  }
}

/**
 * python-markdown's `toc.unique(id, ids)`: while the id is taken (or empty), if it ends in `_<digits>` increment
 * that number, else append `_1`. So `a` → `a_1` → `a_2`, and `a_1` → `a_2`: the numbered forms share one series
 * per stem. Path-compressed "next free number" pointers per stem keep it linear.
 */
export class PythonMarkdownIds {
  private readonly taken = new Set<string>();
  /** `stem_n` → a number m > n such that every `stem_k`, n ≤ k < m, is taken. */
  private readonly skip = new Map<string, number>();

  reserve(id: string): void {
    this.taken.add(id);
  }

  take(id: string): string {
    if (id && !this.taken.has(id)) {
      this.taken.add(id);
      return id;
    }
    // IDCOUNT_RE = r'^(.*)_([0-9]+)$' (greedy stem, ASCII digits)
    const m = /^([\s\S]*)_([0-9]+)$/.exec(id);
    const stem = m ? m[1]! : id;
    const start = m ? Number(m[2]) + 1 : 1;
    const found = this.firstFree(stem, start);
    const result = `${stem}_${found}`;
    this.taken.add(result);
    return result;
  }

  private firstFree(stem: string, from: number): number {
    const visited: string[] = [];
    let n = from;
    for (;;) {
      const key = `${stem}_${n}`;
      const jump = this.skip.get(key);
      if (jump !== undefined) {
        visited.push(key);
        n = jump;
        continue;
      }
      if (this.taken.has(key)) {
        visited.push(key);
        n += 1;
        continue;
      }
      break;
    }
    for (const key of visited) this.skip.set(key, n);
    return n;
  }
}
