// Where a workspace starts: the folder that settings, caches and root-relative links belong to.
import { statSync, existsSync } from 'node:fs';
import path from 'node:path';

/** The nearest folder at or above `start` that holds `.benchpress/` or `.git`. */
export function findWorkspaceRoot(start: string): string | undefined {
  let dir = path.resolve(start);
  try {
    if (!statSync(dir).isDirectory()) dir = path.dirname(dir);
  } catch {
    dir = path.dirname(dir);
  }
  for (;;) {
    if (existsSync(path.join(dir, '.benchpress')) || existsSync(path.join(dir, '.git'))) return dir;
    const parent = path.dirname(dir);
    if (parent === dir) return undefined;
    dir = parent;
  }
}
