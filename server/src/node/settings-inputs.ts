// The files that settings are made from, as bytes: the fingerprint that tells a run whether the settings could
// differ from the last run's without reading them into settings (which parses templates, builds the GPU data and
// loads every rule). Must name every file `loadRootSettings` reads; settings-inputs.test.ts checks that it does.
import { promises as fs } from 'node:fs';
import path from 'node:path';
import { createHash } from 'node:crypto';
import { PRICE_CACHE_RELATIVE, USER_GPUS_FILE, USER_PRICES_FILE } from '../gpu/paths';

export interface SettingsInputOptions {
  /** An explicit config file (CLI `--config`), absolute. */
  configFile?: string;
  /** An explicit topic table (CLI `--table`), absolute. */
  topicsTable?: string;
}

/** The files settings would be read from in `root`, with the templates folder (whose listing counts too). */
export function settingsInputPaths(root: string | undefined, options: SettingsInputOptions = {}): { files: string[]; templatesDir?: string } {
  const files: string[] = [];
  if (options.configFile) files.push(options.configFile);
  else if (root) files.push(path.join(root, '.benchpress', 'config.json'));
  if (options.topicsTable) files.push(options.topicsTable);
  else if (root) files.push(path.join(root, '.benchpress', 'topics.csv'), path.join(root, '.benchpress', 'topics.json'));
  if (root) files.push(path.join(root, PRICE_CACHE_RELATIVE), path.join(root, ...USER_GPUS_FILE.split('/')), path.join(root, ...USER_PRICES_FILE.split('/')));
  return { files, templatesDir: root ? path.join(root, '.benchpress', 'templates') : undefined };
}

const digest = (bytes: Buffer) => createHash('sha1').update(bytes).digest('hex');

/** Path → content hash (null: no such file), plus the templates folder's files and their hashes. */
export async function settingsFingerprint(root: string | undefined, options: SettingsInputOptions = {}): Promise<Record<string, string | null>> {
  const { files, templatesDir } = settingsInputPaths(root, options);
  if (templatesDir) {
    const names = await fs.readdir(templatesDir).catch(() => [] as string[]);
    for (const name of names.filter((n) => n.toLowerCase().endsWith('.md')).sort()) files.push(path.join(templatesDir, name));
  }
  const hashes = await Promise.all(files.map((f) => fs.readFile(f).then(digest, () => null)));
  return Object.fromEntries(files.map((f, i) => [f, hashes[i]]));
}
