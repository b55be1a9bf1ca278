// What git would leave out, for the CLI's walk: the `.gitignore` files from the repository's top down to each
// folder walked (and `.git/info/exclude`), read as git reads them — through the `ignore` package, which
// implements gitignore's rules (negation, folder-only `dir/` patterns, `/anchored`, `**`). A deeper file's rules
// come first; a folder git ignores is not entered, so nothing inside it can be taken back (as in git).
// Without a `.git` above, the walk's own root (the workspace root when there is one) is the top.
import { existsSync, promises as fs } from 'node:fs';
import path from 'node:path';
import ignore, { type Ignore } from 'ignore';

interface Level {
  dir: string;
  rules: Ignore;
}

const toPosix = (p: string) => p.split(path.sep).join('/');

async function readRules(file: string): Promise<string | undefined> {
  try {
    return await fs.readFile(file, 'utf8');
  } catch {
    return undefined;
  }
}

/** The nearest folder at or above `dir` that holds `.git` (a folder, or a file in a worktree), if any. */
export function findGitTop(dir: string): string | undefined {
  for (let current = path.resolve(dir); ; ) {
    if (existsSync(path.join(current, '.git'))) return current;
    const parent = path.dirname(current);
    if (parent === current) return undefined;
    current = parent;
  }
}

export class Gitignore {
  private constructor(private readonly levels: readonly Level[]) {}

  /**
   * The rules that apply in `dir`: every `.gitignore` from the top (the git repository's, else `fallbackTop` when
   * it is above `dir`, else `dir` itself) down to `dir`, and the repository's `.git/info/exclude`.
   */
  static async at(dir: string, fallbackTop?: string): Promise<Gitignore> {
    const target = path.resolve(dir);
    const inside = (top: string) => {
      const rel = path.relative(top, target);
      return !rel.startsWith('..') && !path.isAbsolute(rel);
    };
    const gitTop = findGitTop(target);
    const top = gitTop ?? (fallbackTop && inside(path.resolve(fallbackTop)) ? path.resolve(fallbackTop) : target);
    const levels: Level[] = [];
    if (gitTop) {
      const exclude = await readRules(path.join(gitTop, '.git', 'info', 'exclude'));
      if (exclude) levels.push({ dir: gitTop, rules: ignore().add(exclude) });
    }
    const rel = path.relative(top, target);
    const chain = [top, ...(rel ? rel.split(path.sep) : []).map((_, i, parts) => path.join(top, ...parts.slice(0, i + 1)))];
    let result = new Gitignore(levels);
    for (const folder of chain) result = await result.enter(folder);
    return result;
  }

  /** The rules inside `dir`, a folder directly below the last one: its own `.gitignore` added when it has one. */
  async enter(dir: string): Promise<Gitignore> {
    const text = await readRules(path.join(dir, '.gitignore'));
    return text === undefined ? this : new Gitignore([...this.levels, { dir, rules: ignore().add(text) }]);
  }

  /** Whether git ignores this file or folder (absolute path, below the folder the rules were made for). */
  ignores(file: string, isFolder: boolean): boolean {
    for (let i = this.levels.length - 1; i >= 0; i--) {
      const level = this.levels[i];
      const rel = path.relative(level.dir, file);
      if (!rel || rel.startsWith('..') || path.isAbsolute(rel)) continue;
      const verdict = level.rules.test(toPosix(rel) + (isFolder ? '/' : ''));
      if (verdict.ignored) return true;
      if (verdict.unignored) return false;
    }
    return false;
  }
}
