// What every command over drafts needs before it starts: the files (from the paths given), the workspace root,
// its settings (through the service layer, as the editor loads them) and the result cache.
import path from 'node:path';
import type { Locale } from '../base/i18n';
import { DiskWorkspace } from '../node/fs-workspace';
import { LintCache } from '../node/lint-cache';
import { loadRootSettings, type RootSettings, type RootSettingsOptions } from '../services/settings';
import { cacheFolder } from '../services/check-files';
import { configFileOption, findRunFiles } from './run-files';
import type { CliIo } from './io';

export interface RunSetup extends RootSettings {
  files: string[];
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
}

export async function prepareRun(paths: readonly string[], io: CliIo, options: RunOptions, found?: { files: string[]; root: string | undefined }): Promise<RunSetup> {
  const { files, root } = found ?? (await findRunFiles(paths, io));
  const configFile = await configFileOption(options.configFile, io);
  const topicsTable = options.topicsTable ? path.resolve(io.cwd, options.topicsTable) : undefined;
  const { lang, adjust } = options;
  const settings = await loadRootSettings(root, {
    ...options,
    configFile,
    topicsTable,
    adjust: (config) => {
      if (lang) config.language = lang;
      adjust?.(config);
    },
  });
  const cache = await LintCache.open(options.noCache ? undefined : cacheFolder(root, io.cwd), options.version);
  return { ...settings, files, workspace: new DiskWorkspace(root), cache };
}
