// Which files a `lint` run checks: files as given, and every *.md / *.mdx under folders (skipping
// node_modules and dot-folders), each once, in a stable order.
import { promises as fs } from 'node:fs';
import path from 'node:path';
import { UsageError } from '../base/errors';

export const MARKDOWN_FILE = /\.(md|mdx)$/i;

export async function collectFiles(paths: readonly string[], cwd: string): Promise<string[]> {
  const found = new Set<string>();
  for (const given of paths) {
    const abs = path.resolve(cwd, given);
    let stat;
    try {
      stat = await fs.stat(abs);
    } catch {
      throw new UsageError(`No such file or folder: ${given}`);
    }
    if (stat.isFile()) found.add(abs);
    else if (stat.isDirectory()) await walk(abs, found);
  }
  return [...found].sort();
}

async function walk(dir: string, found: Set<string>): Promise<void> {
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
    if (entry.isDirectory()) await walk(full, found);
    else if (entry.isFile() && MARKDOWN_FILE.test(entry.name)) found.add(full);
  }
}

/** A path for output: relative to the working folder when inside it, with forward slashes. */
export function displayPath(file: string, cwd: string): string {
  const rel = path.relative(cwd, file);
  return (rel && !rel.startsWith('..') && !path.isAbsolute(rel) ? rel : file).split(path.sep).join('/');
}
