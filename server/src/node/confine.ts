// Where a path a draft names really is, looked at only inside the folders drafts may look into (see
// fs-workspace.ts): a module of its own, without the parser, for the answer cache's checks too.
import { promises as fs, lstatSync, readlinkSync, realpathSync, type Stats } from 'node:fs';
import path from 'node:path';

const isInside = (p: string, root: string) => {
  const rel = path.relative(root, p);
  return rel === '' || (!rel.startsWith('..') && !path.isAbsolute(rel));
};

/** Symbolic links followed on one path before it counts as a loop. */
const MAX_LINKS = 32;

/** How `confine` looks at the disk: undefined for a path that cannot be looked at. */
export interface LinkLookups {
  lstat(p: string): Promise<Stats | undefined>;
  readlink(p: string): Promise<string | undefined>;
}

/** Through the thread pool: the editor's server, whose event loop must not wait on a slow disk. */
export const asyncLookups: LinkLookups = {
  lstat: (p) => fs.lstat(p).catch(() => undefined),
  readlink: (p) => fs.readlink(p).catch(() => undefined),
};

const orUndefined = <T>(look: () => T): Promise<T | undefined> => {
  try {
    return Promise.resolve(look());
  } catch {
    return Promise.resolve(undefined);
  }
};

/**
 * Answered on the spot: for the CLI's cache checks, which have nothing else to do meanwhile and look at a thousand
 * paths, where a thread-pool round trip per path costs more than the look itself.
 */
export const syncLookups: LinkLookups = {
  lstat: (p) => orUndefined(() => lstatSync(p)),
  readlink: (p) => orUndefined(() => readlinkSync(p)),
};

/**
 * Where `p` really is, resolving symbolic links one path component at a time and never looking at anything outside
 * `roots`: `outside` as soon as the path, or a link on it, leads out of every root; undefined when part of it does
 * not exist (or the links loop).
 */
export async function confine(p: string, roots: readonly string[], lstats?: Map<string, Promise<Stats | undefined>>, look: LinkLookups = asyncLookups, links = 0): Promise<string | 'outside' | undefined> {
  const abs = path.resolve(p);
  const root = roots.find((r) => isInside(abs, r));
  if (root === undefined) return 'outside';
  const parts = path.relative(root, abs).split(path.sep).filter(Boolean);
  let current = root;
  for (let i = 0; i < parts.length; i++) {
    const next = path.join(current, parts[i]);
    // Many paths share their folders: with `lstats`, each component is looked at once.
    let pending = lstats?.get(next);
    if (!pending) {
      pending = look.lstat(next);
      lstats?.set(next, pending);
    }
    const stat = await pending;
    if (!stat) return undefined;
    if (stat.isSymbolicLink()) {
      if (links >= MAX_LINKS) return undefined;
      const target = await look.readlink(next);
      if (target === undefined) return undefined;
      return confine(path.resolve(current, target, ...parts.slice(i + 1)), roots, lstats, look, links + 1);
    }
    current = next;
  }
  return current;
}

/** A root as written and as it really is (a workspace reached through a linked folder). */
export function rootForms(root: string): string[] {
  const abs = path.resolve(root);
  try {
    const real = realpathSync(abs);
    return real === abs ? [abs] : [abs, real];
  } catch {
    return [abs];
  }
}
