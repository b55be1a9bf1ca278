// Settings as the server sees them: the editor's `benchpress.*` (pulled through workspace/configuration),
// overridden by each workspace's `.benchpress/` files. Rebuilt when either changes, without a restart.
import path from 'node:path';
import { CheckEnvironment } from '../engine/document-checker';
import { loadWorkspaceSettings, type FileProblems } from '../node/workspace-files';
import { loadChunkData } from '../node/data-files';
import type { Locale } from '../base/i18n';
import type { BenchpressConfig } from '../config/config';
import type { GpuDatabase } from '../gpu/database';

export interface RootSettings {
  root: string | undefined;
  env: CheckEnvironment;
  config: BenchpressConfig;
  /** GPU specs and prices (built-in, refreshed, and the workspace's own). */
  db: GpuDatabase;
  /** Problems in `.benchpress/` files, shown as diagnostics on them. */
  problems: FileProblems[];
}

export class SettingsStore {
  private byRoot = new Map<string, Promise<RootSettings>>();
  editorSettings: unknown = undefined;

  constructor(private readonly locale: () => Locale) {}

  forRoot(root: string | undefined): Promise<RootSettings> {
    const key = root ?? '';
    let settings = this.byRoot.get(key);
    if (!settings) {
      settings = this.load(root);
      this.byRoot.set(key, settings);
    }
    return settings;
  }

  private async load(root: string | undefined): Promise<RootSettings> {
    const loaded = await loadWorkspaceSettings(root, { editorSettings: this.editorSettings });
    const data = await loadChunkData(root);
    const locale = loaded.config.language === 'auto' ? this.locale() : loaded.config.language;
    return {
      root,
      db: data.db,
      config: loaded.config,
      env: new CheckEnvironment({ config: loaded.config, templates: loaded.templates, data: data.data, locale, topics: loaded.topics }),
      problems: [...loaded.problems, ...data.problems],
    };
  }

  /** Forget everything (settings changed) or one root (a `.benchpress/` file changed). */
  invalidate(root?: string): void {
    if (root === undefined) this.byRoot.clear();
    else this.byRoot.delete(root);
  }

  roots(): string[] {
    return [...this.byRoot.keys()].filter(Boolean);
  }
}

/** The workspace root a `.benchpress/…` path belongs to. */
export function rootOfBenchpressFile(file: string): string | undefined {
  const parts = file.split(path.sep);
  const index = parts.lastIndexOf('.benchpress');
  return index > 0 ? parts.slice(0, index).join(path.sep) : undefined;
}
