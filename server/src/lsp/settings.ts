// Settings as the server sees them: the editor's `benchpress.*` (pulled through workspace/configuration),
// overridden by each workspace's `.benchpress/` files, loaded through the service layer and kept per workspace
// root until either changes.
import path from 'node:path';
import type { Locale } from '../base/i18n';
import { loadRootSettings, type RootSettings } from '../services/settings';

export type { RootSettings };

export class SettingsStore {
  private byRoot = new Map<string, Promise<RootSettings>>();
  editorSettings: unknown = undefined;

  constructor(private readonly locale: () => Locale) {}

  forRoot(root: string | undefined): Promise<RootSettings> {
    const key = root ?? '';
    let settings = this.byRoot.get(key);
    if (!settings) {
      settings = loadRootSettings(root, { editorSettings: this.editorSettings, locale: this.locale() });
      this.byRoot.set(key, settings);
    }
    return settings;
  }

  /** Forget everything (settings changed) or one root (a `.benchpress/` file changed). */
  invalidate(root?: string): void {
    if (root === undefined) this.byRoot.clear();
    else this.byRoot.delete(root);
  }
}

/** The workspace root a `.benchpress/…` path belongs to. */
export function rootOfBenchpressFile(file: string): string | undefined {
  const parts = file.split(path.sep);
  const index = parts.lastIndexOf('.benchpress');
  return index > 0 ? parts.slice(0, index).join(path.sep) : undefined;
}
