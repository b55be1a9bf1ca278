// Which files a `lint` run checks: files as given, and every *.md / *.mdx under folders (skipping
// node_modules, dot-folders, what `.gitignore` leaves out, and the `ignore` setting's globs), each once, in a
// stable order. A file named on the command line is checked even if git ignores it (it was asked for), but not
// when the `ignore` setting matches it: that setting is the team's word on what is never checked.
// Symbolic links are followed like the files and folders they point to; a link that leads back into a folder being
// walked (a loop) is skipped, and so is a folder that cannot be read — each comes back as a problem to report, and
// the walk goes on.
import { promises as fs, readdirSync } from 'node:fs';
import path from 'node:path';
import { UsageError } from '../base/errors';
import { Gitignore } from './gitignore';

export const MARKDOWN_FILE = /\.(md|mdx)$/i;

/** The `ignore` setting, over absolute paths. */
export interface IgnoreFilter {
  ignores(file: string): boolean;
  /** A folder whose every file is ignored, so the walk need not enter it. */
  skipsFolder(dir: string): boolean;
}

export interface CollectOptions {
  ignore?: IgnoreFilter;
  /** Leave out what `.gitignore` files leave out (the CLI's walk does, unless `--no-gitignore`). */
  gitignore?: boolean;
  /** Where `.gitignore` files are read from when there is no git repository above (the workspace root). */
  gitignoreTop?: string;
  /**
   * Read folders synchronously: for a process with nothing else to do meanwhile (the CLI), where a round trip to the
   * thread pool per folder is a third of a run answered from the cache. The language server's walks leave it off.
   */
  blockingReads?: boolean;
}

/** Something the walk could not go into: a folder it may not read, or a symbolic link loop. */
export interface WalkProblem {
  path: string;
  kind: 'unreadable-folder' | 'link-loop';
  /** The system's reason, in plain words ("permission denied"). */
  reason: string;
}

export interface Collected {
  files: string[];
  /** Files and folders named on the command line that the `ignore` setting leaves out. */
  ignoredGiven: string[];
  /** Folders that could not be read and link loops met on the way (the walk went on). */
  problems: WalkProblem[];
}

/** Plain words for the error codes a walk meets. */
export function fsReason(error: unknown): string {
  const code = (error as NodeJS.ErrnoException)?.code;
  switch (code) {
    case 'EACCES':
    case 'EPERM':
      return 'permission denied';
    case 'ENOENT':
      return 'it no longer exists';
    case 'ELOOP':
      return 'a symbolic link loop';
    case 'ENOTDIR':
      return 'not a folder';
    case 'EISDIR':
      return 'it is a folder';
    case 'EMFILE':
    case 'ENFILE':
      return 'too many open files';
    case 'EIO':
      return 'input/output error';
    default:
      return (error as Error)?.message ?? String(error);
  }
}

/**
 * The drafts under `paths`, and what could not be walked. A path that does not exist is a usage error; a path that
 * is a link loop or may not be read is a problem like those met inside folders.
 */
export async function collectDrafts(paths: readonly string[], cwd: string, options: CollectOptions = {}): Promise<Collected> {
  const found = new Map<string, string>();
  const ignoredGiven: string[] = [];
  const problems: WalkProblem[] = [];
  for (const given of paths) {
    const abs = path.resolve(cwd, given);
    let stat;
    try {
      stat = await fs.stat(abs);
    } catch (error) {
      const code = (error as NodeJS.ErrnoException).code;
      if (code === 'ELOOP' || code === 'EACCES') {
        problems.push({ path: abs, kind: code === 'ELOOP' ? 'link-loop' : 'unreadable-folder', reason: fsReason(error) });
        continue;
      }
      throw new UsageError(`No such file or folder: ${given}`);
    }
    if (stat.isFile()) {
      if (options.ignore?.ignores(abs)) ignoredGiven.push(given);
      else await addFile(abs, found);
    } else if (stat.isDirectory()) {
      // A folder the `ignore` setting covers entirely: nothing in it would be checked.
      if (options.ignore?.skipsFolder(abs)) {
        ignoredGiven.push(given);
        continue;
      }
      let git: Gitignore | undefined;
      try {
        git = options.gitignore ? await Gitignore.at(abs, options.gitignoreTop) : undefined;
      } catch {
        git = undefined;
      }
      for (const [real, file] of await walk(abs, { problems, filter: options.ignore, blockingReads: options.blockingReads ?? false }, git, new Set(), true)) if (!found.has(real)) found.set(real, file);
    }
  }
  const byPath = (a: WalkProblem, b: WalkProblem) => (a.path < b.path ? -1 : a.path > b.path ? 1 : 0);
  return { files: [...found.values()].sort(), ignoredGiven, problems: problems.sort(byPath) };
}

export async function collectFiles(paths: readonly string[], cwd: string, options: CollectOptions = {}): Promise<string[]> {
  return (await collectDrafts(paths, cwd, options)).files;
}

/** Files are kept once per real file: a draft linked into two places is checked (and fixed) once. */
async function addFile(file: string, found: Map<string, string>): Promise<void> {
  const real = await fs.realpath(file).catch(() => file);
  if (!found.has(real)) found.set(real, file);
}

/**
 * Names in one fixed order, the same on every machine: case folded first (`a.md`, `B.md`, `c.md`), then as written.
 * Not the locale's collation: that differs between machines (and LANG settings), and setting up a collator costs
 * six milliseconds, a twentieth of a run answered from the cache.
 */
function byName(a: string, b: string): number {
  const foldedA = a.toLowerCase();
  const foldedB = b.toLowerCase();
  if (foldedA !== foldedB) return foldedA < foldedB ? -1 : 1;
  return a < b ? -1 : a > b ? 1 : 0;
}

interface Walk {
  problems: WalkProblem[];
  filter: IgnoreFilter | undefined;
  blockingReads: boolean;
}

/** A draft the walk found: its real path and the path it was reached by. */
type FoundFile = [real: string, file: string];

/**
 * The drafts under `dir` in walk order (entries by name, depth first), whatever order the disk answers in: the
 * entries of a folder are looked at concurrently, a round trip to the disk each, which one after the other made
 * most of a cached run's time. `ancestors`: the real paths of the folders being walked, down to this one; a link
 * back to one is a loop.
 */
async function walk(dir: string, w: Walk, outerGit: Gitignore | undefined, ancestors: ReadonlySet<string>, gitEntered = false, knownReal?: string): Promise<FoundFile[]> {
  let real: string;
  let entries;
  try {
    real = knownReal ?? (await fs.realpath(dir));
    if (ancestors.has(real)) {
      w.problems.push({ path: dir, kind: 'link-loop', reason: 'a symbolic link loop' });
      return [];
    }
    entries = w.blockingReads ? readdirSync(dir, { withFileTypes: true }) : await fs.readdir(dir, { withFileTypes: true });
  } catch (error) {
    w.problems.push({ path: dir, kind: (error as NodeJS.ErrnoException).code === 'ELOOP' ? 'link-loop' : 'unreadable-folder', reason: fsReason(error) });
    return [];
  }
  const inside = new Set(ancestors).add(real);
  entries.sort((a, b) => byName(a.name, b.name));
  // The folder's own `.gitignore` joins the rules for what is in it (the listing says whether there is one: no
  // failed read per folder). `gitEntered`: the walk's first folder, whose rules Gitignore.at made.
  let git = outerGit;
  if (git && !gitEntered && entries.some((e) => e.name === '.gitignore')) {
    try {
      git = await git.enter(dir);
    } catch {
      /* unreadable: the rules from above */
    }
  }
  const found = await Promise.all(entries.map(async (entry): Promise<FoundFile[]> => {
    if (entry.name.startsWith('.') || entry.name === 'node_modules') return [];
    const full = path.join(dir, entry.name);
    let kind: 'file' | 'directory' | undefined = entry.isDirectory() ? 'directory' : entry.isFile() ? 'file' : undefined;
    if (entry.isSymbolicLink()) {
      try {
        const target = await fs.stat(full);
        kind = target.isDirectory() ? 'directory' : target.isFile() ? 'file' : undefined;
      } catch (error) {
        // A link to itself or round in a circle; a dangling link (ENOENT) is not a draft and is passed over.
        if ((error as NodeJS.ErrnoException).code === 'ELOOP') w.problems.push({ path: full, kind: 'link-loop', reason: fsReason(error) });
        return [];
      }
    }
    if (kind === 'directory') {
      if (git?.ignores(full, true) || w.filter?.skipsFolder(full)) return [];
      // A plain folder's real path is its parent's and its name (as for files below); only a link needs asking.
      return walk(full, w, git, inside, false, entry.isSymbolicLink() ? undefined : path.join(real, entry.name));
    }
    if (kind !== 'file' || !MARKDOWN_FILE.test(entry.name) || git?.ignores(full, false) || w.filter?.ignores(full)) return [];
    // A plain file's real path is its folder's real path and its name; only a link needs asking.
    return [[entry.isSymbolicLink() ? await fs.realpath(full).catch(() => full) : path.join(real, entry.name), full]];
  }));
  return found.flat();
}

/** A path for output: relative to the working folder when inside it, with forward slashes. */
export function displayPath(file: string, cwd: string): string {
  const rel = path.relative(cwd, file);
  return (rel && !rel.startsWith('..') && !path.isAbsolute(rel) ? rel : file).split(path.sep).join('/');
}
