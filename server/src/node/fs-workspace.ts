// The workspace on disk, for the CLI and for files the editor does not have open. Drafts name paths (links,
// images); those are looked at only inside the workspace's folders: a path that leads out of them — by `../`, an
// absolute path, or a symbolic link inside the workspace that points out — is answered `outside` without anything
// outside being read or even stat'ed.
import { promises as fs, statSync, existsSync, realpathSync } from 'node:fs';
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

const isInside = (p: string, root: string) => {
  const rel = path.relative(root, p);
  return rel === '' || (!rel.startsWith('..') && !path.isAbsolute(rel));
};

/** Symbolic links followed on one path before it counts as a loop. */
const MAX_LINKS = 32;

/**
 * Where `p` really is, resolving symbolic links one path component at a time and never looking at anything outside
 * `roots`: `outside` as soon as the path, or a link on it, leads out of every root; undefined when part of it does
 * not exist (or the links loop).
 */
export async function confine(p: string, roots: readonly string[], links = 0): Promise<string | 'outside' | undefined> {
  const abs = path.resolve(p);
  const root = roots.find((r) => isInside(abs, r));
  if (root === undefined) return 'outside';
  const parts = path.relative(root, abs).split(path.sep).filter(Boolean);
  let current = root;
  for (let i = 0; i < parts.length; i++) {
    const next = path.join(current, parts[i]);
    let stat;
    try {
      stat = await fs.lstat(next);
    } catch {
      return undefined;
    }
    if (stat.isSymbolicLink()) {
      if (links >= MAX_LINKS) return undefined;
      let target: string;
      try {
        target = await fs.readlink(next);
      } catch {
        return undefined;
      }
      return confine(path.resolve(current, target, ...parts.slice(i + 1)), roots, links + 1);
    }
    current = next;
  }
  return current;
}

/** A root as written and as it really is (a workspace reached through a linked folder). */
function rootForms(root: string): string[] {
  const abs = path.resolve(root);
  try {
    const real = realpathSync(abs);
    return real === abs ? [abs] : [abs, real];
  } catch {
    return [abs];
  }
}

export class DiskWorkspace implements WorkspaceView {
  /** Anchors of files on disk, by path and then by anchor settings. */
  private readonly anchors = new Map<string, Map<string, Promise<FileAnchors | undefined>>>();
  /** Anchors of open files, for the text they were computed from (many links point into one file). */
  private readonly openAnchors = new Map<string, { text: string; settings: string; anchors: FileAnchors | undefined }>();
  /** Many drafts link to the same images and pages: each path is looked up once until invalidated. */
  private readonly stats = new Map<string, Promise<'file' | 'directory' | 'outside' | undefined>>();
  private rootsKey = '';
  private realRoots: string[] = [];

  /**
   * @param roots the folders drafts may look into (the workspace folders); by default `root`. Nothing outside them
   *   is read for a draft. Texts the editor has open (`openText`) are answered wherever they are: they are in memory.
   */
  constructor(readonly root: string | undefined, private readonly openText?: (path: string) => string | undefined, private readonly roots: () => readonly (string | undefined)[] = () => [root]) {}

  /** The allowed roots now; when they change (another workspace's draft opened), what was cached is forgotten. */
  private currentRoots(): string[] {
    const given = [...new Set(this.roots().filter((r): r is string => !!r).map((r) => path.resolve(r)))].sort();
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
      cached = confine(p, roots).then((real) => (real === 'outside' || real === undefined ? real : fs.stat(real).then((s) => (s.isDirectory() ? 'directory' : 'file'), () => undefined)));
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
      cached = confine(p, roots).then((real) => (real === 'outside' || real === undefined ? undefined : fs.readFile(real, 'utf8').then((text) => anchorsOfText(text, p, settings), () => undefined)));
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
