// The workspace on disk, for the CLI and for files the editor does not have open.
import { promises as fs, statSync, existsSync } from 'node:fs';
import path from 'node:path';
import type { WorkspaceView } from '../markdown/workspace';
import { anchorsOfText, type FileAnchors } from '../markdown/anchors';
import { anchorSettingsKey, type AnchorSettings } from '../markdown/heading-anchors';

/** The nearest folder at or above `start` that holds `.benchpress/` or `.git`. */
export function findWorkspaceRoot(start: string): string | undefined {
  let dir = path.resolve(start);
  try {
    if (!statSync(dir).isDirectory()) dir = path.dirname(dir);
  } catch {
    dir = path.dirname(dir);
  }
  for (;;) {
    if (existsSync(path.join(dir, '.benchpress')) || existsSync(path.join(dir, '.git'))) return dir;
    const parent = path.dirname(dir);
    if (parent === dir) return undefined;
    dir = parent;
  }
}

export class DiskWorkspace implements WorkspaceView {
  /** Anchors of files on disk, by path and then by anchor settings. */
  private readonly anchors = new Map<string, Map<string, Promise<FileAnchors | undefined>>>();
  /** Anchors of open files, for the text they were computed from (many links point into one file). */
  private readonly openAnchors = new Map<string, { text: string; settings: string; anchors: FileAnchors | undefined }>();
  /** Many drafts link to the same images and pages: each path is looked up once until invalidated. */
  private readonly stats = new Map<string, Promise<'file' | 'directory' | undefined>>();

  constructor(readonly root: string | undefined, private readonly openText?: (path: string) => string | undefined) {}

  async stat(p: string): Promise<'file' | 'directory' | undefined> {
    if (this.openText?.(p) !== undefined) return 'file';
    let cached = this.stats.get(p);
    if (!cached) {
      cached = fs.stat(p).then((s) => (s.isDirectory() ? 'directory' : 'file'), () => undefined);
      this.stats.set(p, cached);
    }
    return cached;
  }

  anchorsOf(p: string, settings: AnchorSettings): Promise<FileAnchors | undefined> {
    const key = anchorSettingsKey(settings);
    const open = this.openText?.(p);
    if (open !== undefined) {
      const last = this.openAnchors.get(p);
      if (last && last.text === open && last.settings === key) return Promise.resolve(last.anchors);
      const anchors = anchorsOfText(open, p, settings);
      this.openAnchors.set(p, { text: open, settings: key, anchors });
      return Promise.resolve(anchors);
    }
    let byKey = this.anchors.get(p);
    if (!byKey) this.anchors.set(p, (byKey = new Map()));
    let cached = byKey.get(key);
    if (!cached) {
      cached = fs.readFile(p, 'utf8').then((text) => anchorsOfText(text, p, settings), () => undefined);
      byKey.set(key, cached);
    }
    return cached;
  }

  /** Forget what was read from disk (a file changed). */
  invalidate(p?: string): void {
    if (p) {
      this.anchors.delete(p);
      this.openAnchors.delete(p);
      this.stats.delete(p);
    } else {
      this.anchors.clear();
      this.openAnchors.clear();
      this.stats.clear();
    }
  }
}
