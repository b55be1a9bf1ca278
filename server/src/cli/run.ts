// What every command over drafts needs before it starts: the files (from the paths given), the workspace root,
// its settings (through the service layer, as the editor loads them) and the result cache.
import path from 'node:path';
import { promises as fs } from 'node:fs';
import type { Locale } from '../base/i18n';
import { collectDrafts, type WalkProblem } from '../node/files';
import { DiskWorkspace, findWorkspaceRoot } from '../node/fs-workspace';
import { LintCache } from '../node/lint-cache';
import { loadRootSettings, type RootSettings, type RootSettingsOptions } from '../services/settings';
import { cacheFolder } from '../services/check-files';
import { CliUsageError, MSG } from './messages';
import type { CliIo } from './io';

export interface RunSetup extends RootSettings {
  files: string[];
  /** Files and folders named on the command line that the config's `ignore` leaves out (as given). */
  ignoredGiven: string[];
  /** Folders that could not be read and link loops met on the way: reported, and the run goes on. */
  walkProblems: WalkProblem[];
  workspace: DiskWorkspace;
  cache: LintCache;
}

export interface RunOptions extends Omit<RootSettingsOptions, 'configFile' | 'topicsTable'> {
  /** As given on the command line, relative to the working folder. */
  configFile?: string;
  topicsTable?: string;
  noCache?: boolean;
  /** The build the cache belongs to: a cache written by another build is not trusted. */
  version: string;
  /** `--lang`: the language of messages and findings, over the config's `"language"`. */
  lang?: Locale;
  /** `--no-gitignore`: walk folders without leaving out what `.gitignore` files leave out. */
  noGitignore?: boolean;
}

export async function prepareRun(paths: readonly string[], io: CliIo, options: RunOptions): Promise<RunSetup> {
  if (paths.length === 0) throw new CliUsageError(MSG.giveFiles);
  for (const given of paths) {
    await fs.stat(path.resolve(io.cwd, given)).catch((error: NodeJS.ErrnoException) => {
      // A link loop or a path that may not be read is reported by the walk, and the run goes on.
      if (error.code !== 'ELOOP' && error.code !== 'EACCES') throw new CliUsageError(MSG.noSuchPath(given));
    });
  }
  const root = findWorkspaceRoot(path.resolve(io.cwd, paths[0]));
  const configFile = options.configFile ? path.resolve(io.cwd, options.configFile) : undefined;
  if (configFile) {
    await fs.access(configFile).catch(() => {
      throw new CliUsageError(MSG.configNotFound(options.configFile!));
    });
  }
  const topicsTable = options.topicsTable ? path.resolve(io.cwd, options.topicsTable) : undefined;
  const { lang, adjust } = options;
  // Each workspace root's settings, loaded once: files under different roots (a repository with several
  // `.benchpress/` folders, a hook passing files from all of them) are each checked with their own root's, as the
  // editor checks each folder of a multi-root workspace with its own.
  const loaded = new Map<string, Promise<RootSettings>>();
  const settingsOf = (r: string | undefined): Promise<RootSettings> => {
    let s = loaded.get(r ?? '');
    if (!s) {
      s = loadRootSettings(r, {
        ...options,
        configFile,
        topicsTable,
        adjust: (config) => {
          if (lang) config.language = lang;
          adjust?.(config);
        },
      });
      loaded.set(r ?? '', s);
    }
    return s;
  };
  const settings = await settingsOf(root);
  const rootByFolder = new Map<string, string | undefined>();
  const rootOf = (file: string) => {
    const dir = path.dirname(file);
    if (!rootByFolder.has(dir)) rootByFolder.set(dir, findWorkspaceRoot(dir));
    return rootByFolder.get(dir);
  };
  // The files, once the settings say which ones the team never checks (`ignore`, relative to the root): a walk
  // skips by the globs of the root it starts in, then each file answers to its own root's.
  const found = new Set<string>();
  const ignoredGiven: string[] = [];
  const walkProblems: WalkProblem[] = [];
  for (const given of paths) {
    const walkRoot = findWorkspaceRoot(path.resolve(io.cwd, given));
    const s = await settingsOf(walkRoot);
    const collected = await collectDrafts([given], io.cwd, {
      ignore: { ignores: s.isIgnored, skipsFolder: s.skipsFolder },
      gitignore: !options.noGitignore,
      gitignoreTop: walkRoot,
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
  const roots = new Map<string, RootSettings>();
  for (const [key, s] of loaded) roots.set(key, await s);
  const problems = [...roots.values()].flatMap((s) => s.problems).filter((p, i, all) => all.findIndex((q) => q.path === p.path) === i);
  const envFor = (file: string | undefined) => (file ? roots.get(rootOf(file) ?? '') ?? settings : settings).envFor(file);
  const cache = await LintCache.open(options.noCache ? undefined : cacheFolder(root, io.cwd), options.version);
  // What drafts may look into (links, images): their workspace roots; for drafts outside any workspace, the folder
  // given (or holding the file given).
  const given = paths.map((p) => path.resolve(io.cwd, p)).map((p) => findWorkspaceRoot(p) ?? (files.includes(p) ? path.dirname(p) : p));
  const lookRoots = [...new Set([...given, ...files.map((f) => rootOf(f) ?? path.dirname(f))])];
  const workspace = new DiskWorkspace(root, undefined, () => lookRoots);
  return { ...settings, problems, envFor, files, ignoredGiven, walkProblems, workspace, cache };
}
