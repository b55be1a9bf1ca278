// The workspace's drafts as link refactorings see them: every *.md / *.mdx under the root (node/files.ts, which
// skips dot-folders and node_modules), open ones from memory and the rest from disk, each parsed once per text
// (views are cached by path and compared by text). Only the drafts whose text can hold a link to what is
// renamed or moved are parsed: a link to `other.md` names `other.md`.
import { promises as fs } from 'node:fs';
import path from 'node:path';
import type { DocumentView } from '../markdown/document-view';
import { viewOfText, MAX_ANCHOR_SOURCE } from '../markdown/anchors';
import { anchorSettingsKey, type AnchorSettings } from '../markdown/heading-anchors';
import { collectFiles } from '../node/files';
import { linksToHeading, moveEdits, movedPath, renameHeadingEdits, type FileEdits, type FileView, type HeadingLink, type Move } from '../links/refactor';
import { mapConcurrently } from './check-files';

export class WorkspaceLinks {
  private readonly views = new Map<string, { text: string; settings: string; view: DocumentView | undefined }>();

  /** `openText` gives the text of an open document by path (the editor's version wins over the disk's). */
  constructor(private readonly openText: (p: string) => string | undefined, private readonly maxCached = 2000) {}

  /** Every Markdown file under the root (none without a root). */
  async markdownFiles(root: string | undefined): Promise<string[]> {
    if (!root) return [];
    try {
      return await collectFiles([root], root);
    } catch {
      return [];
    }
  }

  private async textOf(p: string): Promise<string | undefined> {
    const open = this.openText(p);
    if (open !== undefined) return open;
    try {
      const stat = await fs.stat(p);
      if (!stat.isFile() || stat.size > MAX_ANCHOR_SOURCE) return undefined;
      return await fs.readFile(p, 'utf8');
    } catch {
      return undefined;
    }
  }

  /** The view of a file's current text, or undefined when it cannot be read or parsed. */
  async fileView(p: string, settings: AnchorSettings): Promise<FileView | undefined> {
    const text = await this.textOf(p);
    if (text === undefined) return undefined;
    const view = this.viewOf(p, text, settings);
    return view && { path: p, view };
  }

  private viewOf(p: string, text: string, settings: AnchorSettings): DocumentView | undefined {
    const key = anchorSettingsKey(settings);
    const cached = this.views.get(p);
    if (cached && cached.text === text && cached.settings === key) return cached.view;
    const view = viewOfText(text, p, settings);
    this.views.delete(p);
    this.views.set(p, { text, settings: key, view });
    while (this.views.size > this.maxCached) this.views.delete(this.views.keys().next().value as string);
    return view;
  }

  /**
   * The workspace's drafts whose text mentions one of `names` (file or folder names, as written or URI-encoded),
   * plus those in `always`; `current` replaces the file of the same path (the editor's checked view).
   */
  async filesMentioning(root: string | undefined, names: readonly string[], settings: AnchorSettings, always: (p: string) => boolean, current?: FileView): Promise<FileView[]> {
    const paths = new Set(await this.markdownFiles(root));
    if (current?.path) paths.add(current.path);
    const needles = [...new Set(names.flatMap((n) => [n, encodeURI(n), encodeURIComponent(n)]))].filter((n) => n !== '');
    const found = await mapConcurrently([...paths], async (p): Promise<FileView | undefined> => {
      if (current && p === current.path) return current;
      const text = await this.textOf(p);
      if (text === undefined) return undefined;
      if (!always(p) && !needles.some((n) => text.includes(n))) return undefined;
      const view = this.viewOf(p, text, settings);
      return view && { path: p, view };
    }, 16);
    const files = found.filter((f): f is FileView => f !== undefined);
    if (current && !current.path) files.push(current);
    return files;
  }

  /** The links in the workspace that reach heading `index` of `target`. */
  async headingLinks(root: string | undefined, target: FileView, index: number, settings: AnchorSettings): Promise<HeadingLink[]> {
    const files = await this.filesMentioning(root, target.path ? [path.basename(target.path)] : [], settings, (p) => p === target.path, target);
    return linksToHeading(files, target, index);
  }

  /** Renames heading `index` of `target` and rewrites the links to it (and to headings whose numbering changes). */
  async renameHeading(root: string | undefined, target: FileView, index: number, newText: string, settings: AnchorSettings): Promise<FileEdits[]> {
    const files = await this.filesMentioning(root, target.path ? [path.basename(target.path)] : [], settings, (p) => p === target.path, target);
    return renameHeadingEdits(files, target, index, newText, (text) => viewOfText(text, target.path ?? 'draft.md', settings));
  }

  /** Edits that keep relative links and images working when files or folders move. */
  async moveEdits(root: string | undefined, moves: readonly Move[], settings: AnchorSettings): Promise<FileEdits[]> {
    const names = moves.map((m) => path.basename(m.from));
    const files = await this.filesMentioning(root, names, settings, (p) => movedPath(p, moves) !== p);
    return moveEdits(files, moves);
  }
}
