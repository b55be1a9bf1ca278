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

/** What resolving a path asks of the disk, one component at a time. */
type Look = { lstat: string } | { readlink: string };
type Confined = string | 'outside' | undefined;

/**
 * Where `p` really is, resolving symbolic links one path component at a time and never looking at anything outside
 * `roots`: `outside` as soon as the path, or a link on it, leads out of every root; undefined when part of it does
 * not exist (or the links loop). Yields what it needs to look at (an lstat, the target of a link), and is given the
 * answer (undefined when the disk could not say), so the same steps run against the disk asynchronously (`confine`)
 * or synchronously (`confineSync`).
 */
function* confineSteps(p: string, roots: readonly string[]): Generator<Look, Confined, Stats | string | undefined> {
  let abs = path.resolve(p);
  for (let links = 0; ; links++) {
    const root = roots.find((r) => isInside(abs, r));
    if (root === undefined) return 'outside';
    const parts = path.relative(root, abs).split(path.sep).filter(Boolean);
    let current = root;
    let linkTarget: string | undefined;
    for (let i = 0; i < parts.length && linkTarget === undefined; i++) {
      const next = path.join(current, parts[i]);
      const stat = (yield { lstat: next }) as Stats | undefined;
      if (!stat) return undefined;
      if (!stat.isSymbolicLink()) {
        current = next;
        continue;
      }
      if (links >= MAX_LINKS) return undefined;
      const target = (yield { readlink: next }) as string | undefined;
      if (target === undefined) return undefined;
      linkTarget = path.resolve(current, target, ...parts.slice(i + 1));
    }
    if (linkTarget === undefined) return current;
    abs = linkTarget;
  }
}

/**
 * `confineSteps` through the thread pool: for the editor's server, whose event loop must not wait on a slow disk.
 * Many paths share their folders: with `lstats`, each component is looked at once.
 */
export async function confine(p: string, roots: readonly string[], lstats?: Map<string, Promise<Stats | undefined>>): Promise<Confined> {
  const steps = confineSteps(p, roots);
  for (let step = steps.next(); ; ) {
    if (step.done) return step.value;
    const look = step.value;
    if ('readlink' in look) {
      step = steps.next(await fs.readlink(look.readlink).catch(() => undefined));
      continue;
    }
    let pending = lstats?.get(look.lstat);
    if (!pending) {
      pending = fs.lstat(look.lstat).catch(() => undefined);
      lstats?.set(look.lstat, pending);
    }
    step = steps.next(await pending);
  }
}

/** What a synchronous look at the disk answers, or undefined when it throws (no such path, no access). */
export const orUndefined = <T>(look: () => T): T | undefined => {
  try {
    return look();
  } catch {
    return undefined;
  }
};

/**
 * `confineSteps` answered on the spot: for the CLI's cache checks, which have nothing else to do meanwhile and look
 * at a thousand paths, where a thread-pool round trip per path costs more than the look itself. Each component is
 * looked at once per `lstats`.
 */
export function confineSync(p: string, roots: readonly string[], lstats: Map<string, Stats | undefined>): Confined {
  const steps = confineSteps(p, roots);
  for (let step = steps.next(); ; ) {
    if (step.done) return step.value;
    const look = step.value;
    if ('readlink' in look) {
      step = steps.next(orUndefined(() => readlinkSync(look.readlink)));
      continue;
    }
    step = steps.next(lstatOnce(look.lstat, lstats));
  }
}

/**
 * `lstatSync(p)`, looked at once per `lstats` (undefined when there is nothing there or it cannot be looked at). A
 * missing path is answered without an exception: a re-run looks at a thousand missing link targets.
 */
export function lstatOnce(p: string, lstats: Map<string, Stats | undefined>): Stats | undefined {
  if (!lstats.has(p)) lstats.set(p, orUndefined(() => lstatSync(p, { throwIfNoEntry: false })));
  return lstats.get(p);
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
