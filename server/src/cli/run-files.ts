// The files a command over drafts runs on, and its `--config` file: found before any settings are read.
import path from 'node:path';
import { promises as fs } from 'node:fs';
import { collectFiles } from '../node/files';
import { findWorkspaceRoot } from '../node/workspace-root';
import { CliUsageError, MSG } from './messages';
import type { CliIo } from './io';

/** The files the paths name and the workspace root (the nearest `.benchpress/` or `.git` above the first path). */
export async function findRunFiles(paths: readonly string[], io: CliIo): Promise<{ files: string[]; root: string | undefined }> {
  if (paths.length === 0) throw new CliUsageError(MSG.giveFiles);
  for (const given of paths) {
    await fs.stat(path.resolve(io.cwd, given)).catch(() => {
      throw new CliUsageError(MSG.noSuchPath(given));
    });
  }
  const files = await collectFiles(paths, io.cwd);
  const root = findWorkspaceRoot(path.resolve(io.cwd, paths[0]));
  return { files, root };
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

