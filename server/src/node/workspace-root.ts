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
    if (isWorkspaceRoot(dir)) return dir;
    const parent = path.dirname(dir);
    if (parent === dir) return undefined;
    dir = parent;
  }
}

const isWorkspaceRoot = (dir: string) => existsSync(path.join(dir, '.benchpress')) || existsSync(path.join(dir, '.git'));

/**
 * `findWorkspaceRoot` for folders, remembering each folder it looked at: a run asks for every folder of a tree, and
 * each would otherwise look at all its parents again. For one run only (a folder may become a workspace later).
 */
export function workspaceRootsOfFolders(): (dir: string) => string | undefined {
  const known = new Map<string, string | undefined>();
  const rootOf = (dir: string): string | undefined => {
    if (known.has(dir)) return known.get(dir);
    const parent = path.dirname(dir);
    const root = isWorkspaceRoot(dir) ? dir : parent === dir ? undefined : rootOf(parent);
    known.set(dir, root);
    return root;
  };
  return rootOf;
}
