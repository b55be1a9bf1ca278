// Settings as the server sees them: the editor's `benchpress.*` (pulled through workspace/configuration with the
// document's or folder's scopeUri, so each folder of a multi-root workspace gets its own folder settings),
// overridden by each workspace's `.benchpress/` files, loaded through the service layer and kept per workspace
// root and editor settings until either changes.
import path from 'node:path';
import type { Locale } from '../base/i18n';
import { loadRootSettings, type RootSettings } from '../services/settings';

export type { RootSettings };

/** Asks the editor for the `benchpress` section as it applies to a resource (undefined: no scope). */
export type PullSettings = (scopeUri: string | undefined) => Promise<unknown>;

export class SettingsStore {
  /** Loaded settings by root, then by the editor settings they were made with (folders may differ). */
  private byRoot = new Map<string, Map<string, Promise<RootSettings>>>();
  /** The editor's settings for a scope (document or folder URI), pulled once until settings change. */
  private byScope = new Map<string, Promise<unknown>>();
  /** The editor's settings without a scope: pushed with didChangeConfiguration, or pulled. */
  editorSettings: unknown = undefined;
  /** Set when the client answers `workspace/configuration`. */
  pull: PullSettings | undefined;

  constructor(private readonly locale: () => Locale) {}

  /** The editor's settings as they apply to `scopeUri` (its folder's settings over the user's). */
  editorSettingsFor(scopeUri: string | undefined): Promise<unknown> {
    const pull = this.pull;
    if (!pull || scopeUri === undefined) return Promise.resolve(this.editorSettings);
    let pulled = this.byScope.get(scopeUri);
    if (!pulled) {
      pulled = pull(scopeUri).then((s) => s ?? undefined, () => this.editorSettings);
      this.byScope.set(scopeUri, pulled);
    }
    return pulled;
  }

  /** Settings of a workspace root, with the editor's settings for `scopeUri` (a document or folder in it). */
  async forRoot(root: string | undefined, scopeUri?: string): Promise<RootSettings> {
    const editorSettings = await this.editorSettingsFor(scopeUri);
    const key = root ?? '';
    let loaded = this.byRoot.get(key);
    if (!loaded) this.byRoot.set(key, (loaded = new Map()));
    const editorKey = JSON.stringify(editorSettings ?? null);
    let settings = loaded.get(editorKey);
    if (!settings) {
      settings = loadRootSettings(root, { editorSettings, locale: this.locale() });
      loaded.set(editorKey, settings);
    }
    return settings;
  }

  /** Forget everything (settings changed) or one root (a `.benchpress/` file changed). */
  invalidate(root?: string): void {
    if (root === undefined) {
      this.byRoot.clear();
      this.byScope.clear();
    } else {
      this.byRoot.delete(root);
    }
  }
}

/** The workspace root a `.benchpress/…` path belongs to. */
export function rootOfBenchpressFile(file: string): string | undefined {
  const parts = file.split(path.sep);
  const index = parts.lastIndexOf('.benchpress');
  return index > 0 ? parts.slice(0, index).join(path.sep) : undefined;
}
