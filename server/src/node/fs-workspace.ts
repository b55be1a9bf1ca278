// The workspace on disk, for the CLI and for files the editor does not have open.
import { promises as fs } from 'node:fs';
import type { WorkspaceView } from '../markdown/workspace';
import { anchorsOfText } from '../markdown/anchors';

export { findWorkspaceRoot } from './workspace-root';

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
