// The workspace on disk, for the CLI and for files the editor does not have open.
import { promises as fs } from 'node:fs';
import type { WorkspaceView } from '../markdown/workspace';
import { anchorsOfText } from '../markdown/anchors';
import type { AnchorStore, Signatures } from './lint-results';

export { findWorkspaceRoot } from './workspace-root';

export class DiskWorkspace implements WorkspaceView {
  private readonly anchors = new Map<string, Promise<Set<string> | undefined>>();
  /** Many drafts link to the same images and pages: each path is looked up once until invalidated. */
  private readonly stats = new Map<string, Promise<'file' | 'directory' | undefined>>();

  constructor(
    readonly root: string | undefined,
    private readonly openText?: (path: string) => string | undefined,
    /** Anchors of files kept between runs, by their signature (the CLI's answer cache), so unchanged ones are not parsed again. */
    private readonly kept?: { store: AnchorStore; signatures: Signatures; variant: string },
  ) {}

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
      cached = this.kept ? this.keptAnchors(p, this.kept) : fs.readFile(p, 'utf8').then((text) => anchorsOfText(text, p), () => undefined);
      this.anchors.set(p, cached);
    }
    return cached;
  }

  private async keptAnchors(p: string, kept: { store: AnchorStore; signatures: Signatures; variant: string }): Promise<Set<string> | undefined> {
    const sig = await kept.signatures.of(p);
    const hit = kept.store.get(p, sig, kept.variant);
    if (hit) return new Set(hit);
    const text = await fs.readFile(p, 'utf8').catch(() => undefined);
    const anchors = text === undefined ? undefined : anchorsOfText(text, p);
    if (anchors) kept.store.set(p, sig, kept.variant, [...anchors]);
    return anchors;
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
