// What the `ignore` setting leaves out, relative to the workspace root: a module of its own so that a walk can
// apply it without the rest of the settings (a lint answered from its cache walks with the globs it kept).
import path from 'node:path';
import { compileGlobs } from '../config/globs';

/** A path relative to the root with `/` separators, or undefined outside it (or without a root). */
export function rootRelative(root: string | undefined, file: string): string | undefined {
  if (!root) return undefined;
  const rel = path.relative(root, path.resolve(root, file));
  if (rel.startsWith('..') || path.isAbsolute(rel)) return undefined;
  return rel.split(path.sep).join('/');
}

export interface IgnoreFilter {
  /** The `ignore` setting matches this file (or a folder it is in): it is not checked. */
  isIgnored(file: string): boolean;
  /** The `ignore` setting matches this folder and takes nothing in it back: a walk need not enter it. */
  skipsFolder(dir: string): boolean;
}

/** What a workspace without an `ignore` setting leaves out: nothing (asked for every file and folder of a walk). */
const NOTHING_IGNORED: IgnoreFilter = { isIgnored: () => false, skipsFolder: () => false };

export function ignoreFilter(root: string | undefined, patterns: readonly string[]): IgnoreFilter {
  if (patterns.length === 0) return NOTHING_IGNORED;
  const ignore = compileGlobs(patterns);
  return {
    isIgnored: (file) => {
      const rel = rootRelative(root, file);
      return rel !== undefined && ignore.matches(rel);
    },
    skipsFolder: (dir) => {
      const rel = rootRelative(root, dir);
      return rel !== undefined && rel !== '' && ignore.skipsFolder(rel);
    },
  };
}
