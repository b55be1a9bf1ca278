// What every command over drafts needs before it starts: the files (from the paths given), the workspace root,
// its settings (through the service layer, as the editor loads them) and the result cache.
import path from 'node:path';
import type { Locale } from '../base/i18n';
import type { WalkProblem } from '../node/files';
import { DiskWorkspace } from '../node/fs-workspace';
import { LintCache } from '../node/lint-cache';
import { loadRootSettings, type RootSettings, type RootSettingsOptions } from '../services/settings';
import { cacheFolder } from '../services/run-drafts';
import { checkPathsGiven, collectRunFiles, configFileOption } from './run-files';
import type { CliIo } from './io';

export interface RunSetup extends RootSettings {
  files: string[];
  /** Files and folders named on the command line that the config's `ignore` leaves out (as given). */
  ignoredGiven: string[];
  /** Folders that could not be read and link loops met on the way: reported, and the run goes on. */
  walkProblems: WalkProblem[];
  workspace: DiskWorkspace;
  cache: LintCache;
  /** Each workspace root's settings (key: the root, '' for none), in the order they were loaded. */
  roots: Map<string, RootSettings>;
  /** The workspace root of a file. */
  rootOf(file: string): string | undefined;
  /** The folders drafts may look into. */
  lookRoots: string[];
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
  await checkPathsGiven(paths, io);
  const configFile = await configFileOption(options.configFile, io);
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
  // The files, once the settings say which ones the team never checks (`ignore`, relative to the root).
  const found = await collectRunFiles(paths, io, settingsOf, { noGitignore: options.noGitignore });
  const settings = await settingsOf(found.root);
  const roots = new Map<string, RootSettings>();
  for (const [key, s] of loaded) roots.set(key, await s);
  const problems = [...roots.values()].flatMap((s) => s.problems).filter((p, i, all) => all.findIndex((q) => q.path === p.path) === i);
  const envFor = (file: string | undefined) => (file ? roots.get(found.rootOf(file) ?? '') ?? settings : settings).envFor(file);
  const cache = await LintCache.open(options.noCache ? undefined : cacheFolder(found.root, io.cwd), options.version);
  const workspace = new DiskWorkspace(found.root, undefined, () => found.lookRoots);
  return { ...settings, problems, envFor, files: found.files, ignoredGiven: found.ignoredGiven, walkProblems: found.walkProblems, workspace, cache, roots, rootOf: found.rootOf, lookRoots: found.lookRoots };
}
