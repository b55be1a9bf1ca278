// The files a command over drafts runs on, found before (and without) building the settings' check environment:
// the paths checked, the walk (each workspace root's `ignore` globs, `.gitignore`), the workspace root of each
// file and the folders drafts may look into. `prepareRun` (run.ts) walks with the roots' full settings; a lint
// answered from its cache walks with the `ignore` globs the cache kept (cli/lint.ts), and so finds the same files.
import path from 'node:path';
import { promises as fs } from 'node:fs';
import { collectDrafts, type WalkProblem } from '../node/files';
import { findWorkspaceRoot, workspaceRootsOfFolders } from '../node/workspace-root';
import { CliUsageError, MSG } from './messages';
import type { CliIo } from './io';

/** What the walk needs of a root's settings. */
export interface WalkSettings {
  isIgnored(file: string): boolean;
  skipsFolder(dir: string): boolean;
}

export interface RunFiles {
  files: string[];
  /** Files and folders named on the command line that the config's `ignore` leaves out (as given). */
  ignoredGiven: string[];
  /** Folders that could not be read and link loops met on the way: reported, and the run goes on. */
  walkProblems: WalkProblem[];
  /** The workspace root of the first path (the cache's home). */
  root: string | undefined;
  /** The workspace root of a file (undefined outside any). */
  rootOf(file: string): string | undefined;
  /** What drafts may look into (links, images): their workspace roots, or for drafts outside any, the folder given. */
  lookRoots: string[];
}

/** Every path given must exist (a link loop or a path that may not be read is reported by the walk instead). */
export async function checkPathsGiven(paths: readonly string[], io: CliIo): Promise<void> {
  if (paths.length === 0) throw new CliUsageError(MSG.giveFiles);
  for (const given of paths) {
    await fs.stat(path.resolve(io.cwd, given)).catch((error: NodeJS.ErrnoException) => {
      if (error.code !== 'ELOOP' && error.code !== 'EACCES') throw new CliUsageError(MSG.noSuchPath(given));
    });
  }
}

/** `--config` as an absolute path, checked to exist. */
export async function configFileOption(given: string | undefined, io: CliIo): Promise<string | undefined> {
  if (!given) return undefined;
  const configFile = path.resolve(io.cwd, given);
  await fs.access(configFile).catch(() => {
    throw new CliUsageError(MSG.configNotFound(given));
  });
  return configFile;
}

/**
 * The files: a walk skips by the globs of the root it starts in, then each file answers to its own root's.
 * `settingsOf` is asked for the first path's root first, then for each root as the walk meets it.
 */
export async function collectRunFiles(paths: readonly string[], io: CliIo, settingsOf: (root: string | undefined) => Promise<WalkSettings>, options: { noGitignore?: boolean } = {}): Promise<RunFiles> {
  const root = findWorkspaceRoot(path.resolve(io.cwd, paths[0]));
  await settingsOf(root);
  const rootOfFolder = workspaceRootsOfFolders();
  const rootOf = (file: string) => rootOfFolder(path.dirname(file));
  const found = new Set<string>();
  const ignoredGiven: string[] = [];
  const walkProblems: WalkProblem[] = [];
  for (const given of paths) {
    const walkRoot = findWorkspaceRoot(path.resolve(io.cwd, given));
    const s = await settingsOf(walkRoot);
    const collected = await collectDrafts([given], io.cwd, {
      ignore: { ignores: (f) => s.isIgnored(f), skipsFolder: (d) => s.skipsFolder(d) },
      gitignore: !options.noGitignore,
      gitignoreTop: walkRoot,
      blockingReads: true,
    });
    ignoredGiven.push(...collected.ignoredGiven);
    walkProblems.push(...collected.problems);
    for (const file of collected.files) {
      // A named file's root is the walk's, so only files found in a folder can belong to another root.
      const own = rootOf(file);
      if (own === walkRoot || !(await settingsOf(own)).isIgnored(file)) found.add(file);
    }
  }
  const files = [...found].sort();
  const given = paths.map((p) => path.resolve(io.cwd, p)).map((p) => findWorkspaceRoot(p) ?? (files.includes(p) ? path.dirname(p) : p));
  const lookRoots = [...new Set([...given, ...files.map((f) => rootOf(f) ?? path.dirname(f))])];
  return { files, ignoredGiven, walkProblems, root, rootOf, lookRoots };
}
