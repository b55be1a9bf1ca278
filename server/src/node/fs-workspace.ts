// The workspace on disk, for the CLI and for files the editor does not have open.
import { promises as fs, statSync, existsSync } from 'node:fs';
import path from 'node:path';
import type { WorkspaceView } from '../markdown/workspace';
import { anchorsOfText } from '../markdown/anchors';

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
  private readonly anchors = new Map<string, Promise<Set<string> | undefined>>();
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

  anchorsOf(p: string): Promise<Set<string> | undefined> {
    const open = this.openText?.(p);
    if (open !== undefined) return Promise.resolve(anchorsOfText(open, p));
    let cached = this.anchors.get(p);
    if (!cached) {
      cached = fs.readFile(p, 'utf8').then((text) => anchorsOfText(text, p), () => undefined);
      this.anchors.set(p, cached);
    }
    return cached;
  }

  /** Forget what was read from disk (a file changed). */
  invalidate(p?: string): void {
    if (p) {
      this.anchors.delete(p);
      this.stats.delete(p);
    } else {
      this.anchors.clear();
      this.stats.clear();
    }
  }
}
