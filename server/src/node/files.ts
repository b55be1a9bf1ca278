// Which files a `lint` run checks: files as given, and every *.md / *.mdx under folders (skipping
// node_modules, dot-folders, what `.gitignore` leaves out, and the `ignore` setting's globs), each once, in a
// stable order. A file named on the command line is checked even if git ignores it (it was asked for), but not
// when the `ignore` setting matches it: that setting is the team's word on what is never checked.
import { promises as fs } from 'node:fs';
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
}

export interface Collected {
  files: string[];
  /** Files and folders named on the command line that the `ignore` setting leaves out. */
  ignoredGiven: string[];
}

export async function collectDrafts(paths: readonly string[], cwd: string, options: CollectOptions = {}): Promise<Collected> {
  const found = new Set<string>();
  const ignoredGiven: string[] = [];
  for (const given of paths) {
    const abs = path.resolve(cwd, given);
    let stat;
    try {
      stat = await fs.stat(abs);
    } catch {
      throw new UsageError(`No such file or folder: ${given}`);
    }
    if (stat.isFile()) {
      if (options.ignore?.ignores(abs)) ignoredGiven.push(given);
      else found.add(abs);
    } else if (stat.isDirectory()) {
      // A folder the `ignore` setting covers entirely: nothing in it would be checked.
      if (options.ignore?.skipsFolder(abs)) {
        ignoredGiven.push(given);
        continue;
      }
      const git = options.gitignore ? await Gitignore.at(abs, options.gitignoreTop) : undefined;
      await walk(abs, found, options.ignore, git);
    }
  }
  return { files: [...found].sort(), ignoredGiven };
}

export async function collectFiles(paths: readonly string[], cwd: string, options: CollectOptions = {}): Promise<string[]> {
  return (await collectDrafts(paths, cwd, options)).files;
}

async function walk(dir: string, found: Set<string>, filter: IgnoreFilter | undefined, git: Gitignore | undefined): Promise<void> {
  let entries;
  try {
    entries = await fs.readdir(dir, { withFileTypes: true });
  } catch (error) {
    throw new UsageError(`Cannot read folder ${dir}: ${(error as Error).message}`);
  }
  entries.sort((a, b) => a.name.localeCompare(b.name));
  for (const entry of entries) {
    if (entry.name.startsWith('.') || entry.name === 'node_modules') continue;
    const full = path.join(dir, entry.name);
    if (entry.isDirectory()) {
      if (git?.ignores(full, true) || filter?.skipsFolder(full)) continue;
      await walk(full, found, filter, git && (await git.enter(full)));
    } else if (entry.isFile() && MARKDOWN_FILE.test(entry.name)) {
      if (git?.ignores(full, false) || filter?.ignores(full)) continue;
      found.add(full);
    }
  }
}

/** A path for output: relative to the working folder when inside it, with forward slashes. */
export function displayPath(file: string, cwd: string): string {
  const rel = path.relative(cwd, file);
  return (rel && !rel.startsWith('..') && !path.isAbsolute(rel) ? rel : file).split(path.sep).join('/');
}
