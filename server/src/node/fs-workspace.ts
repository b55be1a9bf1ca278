// The workspace on disk, for the CLI and for files the editor does not have open. Drafts name paths (links,
// images); those are looked at only inside the workspace's folders: a path that leads out of them — by `../`, an
// absolute path, or a symbolic link inside the workspace that points out — is answered `outside` without anything
// outside being read or even stat'ed.
import { promises as fs } from 'node:fs';
import path from 'node:path';
import type { WorkspaceView } from '../markdown/workspace';
import { anchorsOfText, type FileAnchors } from '../markdown/anchors';
import { anchorSettingsKey, type AnchorSettings } from '../markdown/heading-anchors';
import type { AnchorStore, Signatures } from './lint-results';
import { confine, rootForms } from './confine';

export { findWorkspaceRoot } from './workspace-root';
export { confine } from './confine';

export class DiskWorkspace implements WorkspaceView {
  /** Anchors of files on disk, by path and then by anchor settings. */
  private readonly anchors = new Map<string, Map<string, Promise<FileAnchors | undefined>>>();
  /** Anchors of open files, for the text they were computed from (many links point into one file). */
  private readonly openAnchors = new Map<string, { text: string; settings: string; anchors: FileAnchors | undefined }>();
  /** Many drafts link to the same images and pages: each path is looked up once until invalidated. */
  private readonly stats = new Map<string, Promise<'file' | 'directory' | 'outside' | undefined>>();
  /** The folders on those paths, each looked at (lstat) once: links share them. Forgotten on any invalidation. */
  private readonly lstats = new Map<string, Promise<import('node:fs').Stats | undefined>>();
  private rootsKey = '';
  /** The roots as given, joined: while they are the same, the resolved ones are too (asked for every link of a check). */
  private givenKey: string | undefined;
  private realRoots: string[] = [];

  /**
   * @param roots the folders drafts may look into (the workspace folders); by default `root`. Nothing outside them
   *   is read for a draft. Texts the editor has open (`openText`) are answered wherever they are: they are in memory.
   */
  constructor(
    readonly root: string | undefined,
    private readonly openText?: (path: string) => string | undefined,
    private readonly roots: () => readonly (string | undefined)[] = () => [root],
    /** Anchors of files kept between runs by their signature (the CLI's answer cache): an unchanged file is not parsed again. */
    private readonly kept?: { store: AnchorStore; signatures: Signatures },
  ) {}

  /** The allowed roots now; when they change (another workspace's draft opened), what was cached is forgotten. */
  private currentRoots(): string[] {
    const roots = this.roots();
    const givenKey = roots.join('\0');
    if (givenKey === this.givenKey) return this.realRoots;
    this.givenKey = givenKey;
    const given = [...new Set(roots.filter((r): r is string => !!r).map((r) => path.resolve(r)))].sort();
    const key = given.join('\0');
    if (key !== this.rootsKey) {
      this.rootsKey = key;
      this.realRoots = given.flatMap(rootForms);
      this.invalidate();
    }
    return this.realRoots;
  }

  async stat(p: string): Promise<'file' | 'directory' | 'outside' | undefined> {
    if (this.openText?.(p) !== undefined) return 'file';
    const roots = this.currentRoots();
    let cached = this.stats.get(p);
    if (!cached) {
      cached = confine(p, roots, this.lstats).then((real) => (real === 'outside' || real === undefined ? real : fs.stat(real).then((s) => (s.isDirectory() ? 'directory' : 'file'), () => undefined)));
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
    const roots = this.currentRoots();
    let byKey = this.anchors.get(p);
    if (!byKey) this.anchors.set(p, (byKey = new Map()));
    let cached = byKey.get(key);
    if (!cached) {
      cached = confine(p, roots, this.lstats).then((real) => (real === 'outside' || real === undefined ? undefined : this.readAnchors(real, p, settings, key)));
      byKey.set(key, cached);
    }
    return cached;
  }

  /** The anchors of the file at `real` (inside the roots), from the kept store when its signature still holds. */
  private async readAnchors(real: string, p: string, settings: AnchorSettings, key: string): Promise<FileAnchors | undefined> {
    const sig = this.kept ? this.kept.signatures.of(real) : null;
    const hit = this.kept?.store.get(real, sig, key);
    if (hit) return hit;
    const text = await fs.readFile(real, 'utf8').catch(() => undefined);
    const anchors = text === undefined ? undefined : anchorsOfText(text, p, settings);
    if (anchors && sig !== null) this.kept?.store.set(real, sig, key, anchors);
    return anchors;
  }

  /** Forget what was read from disk (a file changed). */
  invalidate(p?: string): void {
    // A file or folder created or deleted anywhere on a path changes what its components are.
    this.lstats.clear();
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
