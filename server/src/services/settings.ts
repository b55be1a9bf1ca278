// Everything a check of one workspace needs, built in one place for the editor and the command line: the merged
// settings (defaults, editor settings, `.benchpress/config.json`), team templates, the topic table, the GPU data
// and the check environment made from them, plus the problems found in `.benchpress/` files.
import type { Locale } from '../base/i18n';
import { UsageError } from '../base/errors';
import type { BenchpressConfig } from '../config/config';
import { compileGlobs } from '../config/globs';
import { ignoreFilter, rootRelative } from './ignore';
import { mergeRuleLayers } from '../rules/settings';
import type { GpuDatabase } from '../gpu/database';
import { CheckEnvironment } from '../engine/document-checker';
import { loadTopicTable, loadWorkspaceSettings, type FileProblems, type WorkspaceSettings } from '../node/workspace-files';
import { loadChunkData } from '../node/data-files';

export interface RootSettings {
  root: string | undefined;
  config: BenchpressConfig;
  settings: WorkspaceSettings;
  env: CheckEnvironment;
  /** GPU specs and prices (built-in, refreshed, and the workspace's own). */
  db: GpuDatabase;
  /** Problems in `.benchpress/` files (config, templates, topic table, data files), as diagnostics on them. */
  problems: FileProblems[];
  /** The `ignore` setting matches this file (or a folder it is in): it is not checked. */
  isIgnored(file: string): boolean;
  /** The `ignore` setting matches this folder and takes nothing in it back: a walk need not enter it. */
  skipsFolder(dir: string): boolean;
  /** The environment for one file: `env`, with the rules of the `overrides` entries whose `files` match it. */
  envFor(file: string | undefined): CheckEnvironment;
}

export { rootRelative };

export interface RootSettingsOptions {
  /** The editor's `benchpress.*` settings, under the workspace's config file. */
  editorSettings?: unknown;
  /** A config file to read instead of `.benchpress/config.json` (CLI `--config`). */
  configFile?: string;
  /** A topic table to use instead of the workspace's (CLI `--table`). */
  topicsTable?: string;
  /** Only these rules or groups run (CLI `--rules`). */
  only?: readonly string[];
  /** Message language when the config says `auto`: the editor's display language, or English. */
  locale?: Locale;
  /** Changes to the loaded config before the environment is built (CLI flags such as `--check-urls`). */
  adjust?: (config: BenchpressConfig) => void;
}

export async function loadRootSettings(root: string | undefined, options: RootSettingsOptions = {}): Promise<RootSettings> {
  const settings = await loadWorkspaceSettings(root, { configFile: options.configFile, editorSettings: options.editorSettings });
  if (options.topicsTable) {
    const table = await loadTopicTable(root, options.topicsTable).catch((e: Error) => {
      throw new UsageError(e.message);
    });
    settings.topics = table.rows;
    settings.problems.push(...table.problems);
  }
  const config = { ...settings.config, urlCheck: { ...settings.config.urlCheck } };
  options.adjust?.(config);
  const data = await loadChunkData(root);
  const locale = config.language === 'auto' ? options.locale ?? 'en' : config.language;
  const environment = (c: BenchpressConfig) => new CheckEnvironment({ config: c, templates: settings.templates, data: data.data, locale, only: options.only, topics: settings.topics });
  const env = environment(config);
  const overrides = config.overrides.map((o) => ({ globs: compileGlobs(o.files), rules: o.rules }));
  // One environment per distinct set of matching overrides, made when first needed: its rules, and so the
  // analysis context and the cache keys of its results, include the overridden settings.
  const byOverrides = new Map<string, CheckEnvironment>();
  const envFor = (file: string | undefined): CheckEnvironment => {
    const rel = file && overrides.length > 0 ? rootRelative(root, file) : undefined;
    if (rel === undefined) return env;
    const matching = overrides.flatMap((o, i) => (o.globs.matches(rel) ? [i] : []));
    if (matching.length === 0) return env;
    const key = matching.join(',');
    let made = byOverrides.get(key);
    if (!made) {
      made = environment({ ...config, rules: mergeRuleLayers(config.rules, ...matching.map((i) => overrides[i].rules)) });
      byOverrides.set(key, made);
    }
    return made;
  };
  return {
    root,
    config,
    settings,
    env,
    db: data.db,
    problems: [...settings.problems, ...data.problems],
    ...ignoreFilter(root, config.ignore),
    envFor,
  };
}
