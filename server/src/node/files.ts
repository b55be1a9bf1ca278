// Which files a `lint` run checks: files as given, and every *.md / *.mdx under folders (skipping
// node_modules and dot-folders), each once, in a stable order. Symbolic links are followed like the files and
// folders they point to; a link that leads back into a folder being walked (a loop) is skipped, and so is a
// folder that cannot be read — each comes back as a problem to report, and the walk goes on.
import { promises as fs } from 'node:fs';
import path from 'node:path';
import { UsageError } from '../base/errors';

export const MARKDOWN_FILE = /\.(md|mdx)$/i;

/** Something the walk could not go into: a folder it may not read, or a symbolic link loop. */
export interface WalkProblem {
  path: string;
  kind: 'unreadable-folder' | 'link-loop';
  /** The system's reason, in plain words ("permission denied"). */
  reason: string;
}

export interface CollectedFiles {
  files: string[];
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

export async function collectFiles(paths: readonly string[], cwd: string): Promise<string[]> {
  return (await collectDrafts(paths, cwd)).files;
}

/**
 * The drafts under `paths`, and what could not be walked. A path that does not exist is a usage error; a path that
 * is a link loop or an unreadable folder is a problem like those met inside folders.
 */
export async function collectDrafts(paths: readonly string[], cwd: string): Promise<CollectedFiles> {
  const found = new Map<string, string>();
  const problems: WalkProblem[] = [];
  for (const given of paths) {
    const abs = path.resolve(cwd, given);
    let stat;
    try {
      stat = await fs.stat(abs);
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code === 'ELOOP') {
        problems.push({ path: abs, kind: 'link-loop', reason: fsReason(error) });
        continue;
      }
      if ((error as NodeJS.ErrnoException).code === 'EACCES') {
        problems.push({ path: abs, kind: 'unreadable-folder', reason: fsReason(error) });
        continue;
      }
      throw new UsageError(`No such file or folder: ${given}`);
    }
    if (stat.isFile()) await addFile(abs, found);
    else if (stat.isDirectory()) await walk(abs, found, problems, new Set());
  }
  const files = [...found.values()].sort();
  return { files, problems: problems.sort((a, b) => (a.path < b.path ? -1 : a.path > b.path ? 1 : 0)) };
}

/** Files are kept once per real file: a draft linked into two places is checked (and fixed) once. */
async function addFile(file: string, found: Map<string, string>): Promise<void> {
  const real = await fs.realpath(file).catch(() => file);
  if (!found.has(real)) found.set(real, file);
}

/** `ancestors`: the real paths of the folders being walked, down to this one; a link back to one is a loop. */
async function walk(dir: string, found: Map<string, string>, problems: WalkProblem[], ancestors: ReadonlySet<string>): Promise<void> {
  let real: string;
  let entries;
  try {
    real = await fs.realpath(dir);
    if (ancestors.has(real)) {
      problems.push({ path: dir, kind: 'link-loop', reason: 'a symbolic link loop' });
      return;
    }
    entries = await fs.readdir(dir, { withFileTypes: true });
  } catch (error) {
    problems.push({ path: dir, kind: (error as NodeJS.ErrnoException).code === 'ELOOP' ? 'link-loop' : 'unreadable-folder', reason: fsReason(error) });
    return;
  }
  const inside = new Set(ancestors).add(real);
  entries.sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
  for (const entry of entries) {
    if (entry.name.startsWith('.') || entry.name === 'node_modules') continue;
    const full = path.join(dir, entry.name);
    let kind: 'file' | 'directory' | undefined = entry.isDirectory() ? 'directory' : entry.isFile() ? 'file' : undefined;
    if (entry.isSymbolicLink()) {
      try {
        const target = await fs.stat(full);
        kind = target.isDirectory() ? 'directory' : target.isFile() ? 'file' : undefined;
      } catch (error) {
        // A link to itself or round in a circle; a dangling link (ENOENT) is not a draft and is passed over.
        if ((error as NodeJS.ErrnoException).code === 'ELOOP') problems.push({ path: full, kind: 'link-loop', reason: fsReason(error) });
        continue;
      }
    }
    if (kind === 'directory') await walk(full, found, problems, inside);
    else if (kind === 'file' && MARKDOWN_FILE.test(entry.name)) await addFile(full, found);
  }
}

/** A path for output: relative to the working folder when inside it, with forward slashes. */
export function displayPath(file: string, cwd: string): string {
  const rel = path.relative(cwd, file);
  return (rel && !rel.startsWith('..') && !path.isAbsolute(rel) ? rel : file).split(path.sep).join('/');
}
