// Links that follow what they point at: the links to a heading (in its draft and in other drafts), the edits that
// rename a heading and every link to it, rename a reference label with its references, and rewrite relative links
// and images when drafts, images or folders move. Pure: it works on document views of the files (the service
// layer reads the workspace) and returns text edits per file. Links are matched to headings exactly as
// links/missing-anchor matches them (the workspace's anchor style), so a rename follows the links that work and
// leaves alone those that were already broken.
import path from 'node:path';
import type { TextEdit } from '../base/types';
import type { DocumentView } from '../markdown/document-view';
import type { LinkInfo, Span } from '../markdown/summary';
import { normalizeLabel } from '../markdown/summary';
import { anchorIndexOf, writeFragment } from '../markdown/anchor-index';
import { resolveLinkTarget } from '../markdown/link-target';

/** A Markdown file of the workspace and its view. `path` is absolute (undefined for a document that is not a file). */
export interface FileView {
  path?: string;
  view: DocumentView;
}

export interface FileEdits {
  path?: string;
  view: DocumentView;
  edits: TextEdit[];
}

/** Link kinds whose destination is written by the author (not external autolinks or bare URLs). */
const AUTHORED = new Set<LinkInfo['kind']>(['link', 'image', 'definition', 'html']);

// ------------------------------------------------------------------------------------------------------------
// What is at a position.

/** The index of the heading whose line(s) hold the offset. */
export function headingIndexAt(view: DocumentView, offset: number): number | undefined {
  const i = view.headings.findIndex((h) => h.start <= offset && offset <= h.end);
  return i < 0 ? undefined : i;
}

export interface FragmentLink {
  link: LinkInfo;
  /** The fragment as written (after `#`) and its place in the source. */
  raw: string;
  span: Span;
  /** The file it points into: this document's path for `#x`, the resolved path for `other.md#x`. */
  targetPath?: string;
  /** `#x` in this document. */
  local: boolean;
}

/** A link's `#fragment`, when it points at a heading in this or another Markdown file. */
export function fragmentOf(file: FileView, link: LinkInfo): FragmentLink | undefined {
  if (link.kind === 'image' || !AUTHORED.has(link.kind)) return undefined;
  const target = resolveLinkTarget(link.url, file.path);
  if (target.kind !== 'fragment' && target.kind !== 'file') return undefined;
  if (target.rawFragment === undefined) return undefined;
  const source = file.view.text.slice(link.urlSpan.start, link.urlSpan.end);
  const hash = source.indexOf('#');
  if (hash < 0) return undefined;
  const span = { start: link.urlSpan.start + hash + 1, end: link.urlSpan.end };
  if (target.kind === 'fragment') return { link, raw: target.rawFragment, span, targetPath: file.path, local: true };
  return { link, raw: target.rawFragment, span, targetPath: target.path, local: target.path === file.path };
}

/** The fragment link whose URL holds the offset. */
export function fragmentLinkAt(file: FileView, offset: number): FragmentLink | undefined {
  for (const link of file.view.links) {
    if (link.urlSpan.start <= offset && offset <= link.urlSpan.end) {
      const fragment = fragmentOf(file, link);
      if (fragment) return fragment;
    }
  }
  return undefined;
}

export interface LabelAt {
  kind: 'link' | 'footnote';
  id: string;
  /** The label under the cursor. */
  span: Span;
  label: string;
}

/** Where a definition's label is: `[label]:` or `[^label]:`. */
function definitionLabelSpan(view: DocumentView, def: DocumentView['definitions'][number]): Span | undefined {
  const start = def.start + (def.kind === 'footnote' ? 2 : 1);
  const end = start + def.label.length;
  return view.text.slice(start, end) === def.label ? { start, end } : undefined;
}

/** A reference label or a definition's label at the offset (`[text][label]`, `[label]`, `[label]: url`, `[^note]`). */
export function labelAt(view: DocumentView, offset: number): LabelAt | undefined {
  for (const ref of view.references) {
    if (ref.labelSpan.start <= offset && offset <= ref.labelSpan.end && view.definitions.some((d) => d.id === ref.id && (d.kind === 'footnote') === (ref.kind === 'footnote'))) {
      return { kind: ref.kind === 'footnote' ? 'footnote' : 'link', id: ref.id, span: ref.labelSpan, label: view.text.slice(ref.labelSpan.start, ref.labelSpan.end) };
    }
  }
  for (const def of view.definitions) {
    const span = definitionLabelSpan(view, def);
    if (span && span.start <= offset && offset <= span.end) return { kind: def.kind, id: def.id, span, label: def.label };
  }
  return undefined;
}

// ------------------------------------------------------------------------------------------------------------
// Links to a heading.

export interface HeadingLink {
  file: FileView;
  fragment: FragmentLink;
  /** The anchor it reaches (the heading's). */
  anchor: string;
}

/** Every link in `files` that reaches one of the target's anchors, grouped by anchor. */
function linksInto(files: readonly FileView[], target: FileView): Map<string, HeadingLink[]> {
  const index = anchorIndexOf(target.view);
  const byAnchor = new Map<string, HeadingLink[]>();
  for (const file of files) {
    const isTarget = file.view === target.view || (file.path !== undefined && file.path === target.path);
    for (const link of file.view.links) {
      const fragment = fragmentOf(file, link);
      if (!fragment) continue;
      const intoTarget = fragment.local ? isTarget : target.path !== undefined && fragment.targetPath === target.path;
      if (!intoTarget) continue;
      const anchor = index.find(fragment.raw);
      if (anchor === undefined) continue;
      let list = byAnchor.get(anchor);
      if (!list) byAnchor.set(anchor, (list = []));
      list.push({ file: isTarget ? target : file, fragment, anchor });
    }
  }
  return byAnchor;
}

/** The links (in `files`, which should include the target itself) that reach the target's heading `index`. */
export function linksToHeading(files: readonly FileView[], target: FileView, index: number): HeadingLink[] {
  const anchor = target.view.anchors[index]?.id;
  if (!anchor) return [];
  // A browser goes to the first element with the id: a later heading with the same anchor is never reached.
  if (target.view.anchors.findIndex((a) => a.id === anchor) !== index) return [];
  return linksInto(files, target).get(anchor) ?? [];
}

// ------------------------------------------------------------------------------------------------------------
// Renames.

function addEdit(out: Map<DocumentView, FileEdits>, file: FileView, span: Span, newText: string): void {
  let entry = out.get(file.view);
  if (!entry) out.set(file.view, (entry = { path: file.path, view: file.view, edits: [] }));
  entry.edits.push({ range: file.view.range(span), newText });
}

/** Why a heading text cannot be used, or undefined. */
export function invalidHeadingText(text: string): string | undefined {
  if (/[\r\n]/.test(text)) return 'A heading is one line: the new name has a line break.';
  if (text.trim() === '') return 'The new heading text is empty.';
  return undefined;
}

/**
 * Renames heading `index` of `target` to `newText` and rewrites every link that reaches it. Renaming can also
 * change other headings' anchors (duplicate numbering): links to those are rewritten too, so every link keeps
 * reaching the heading it reached. `reanchor` gives the view of a text (the target after the rename).
 */
export function renameHeadingEdits(files: readonly FileView[], target: FileView, index: number, newText: string, reanchor: (text: string) => DocumentView | undefined): FileEdits[] {
  const heading = target.view.headings[index];
  if (!heading) return [];
  const out = new Map<DocumentView, FileEdits>();
  const text = target.view.text;
  let span: Span = heading.content;
  let replacement = newText;
  if (heading.content.start >= heading.content.end) {
    // `##` alone: the text goes after the marker and a space.
    const markerEnd = heading.start + (/^#{1,6}/.exec(text.slice(heading.start))?.[0].length ?? 0);
    span = { start: markerEnd, end: heading.end };
    replacement = ` ${newText}`;
  }
  addEdit(out, target, span, replacement);
  const after = reanchor(text.slice(0, span.start) + replacement + text.slice(span.end));
  const before = target.view.anchors.map((a) => a.id);
  const now = after?.anchors.map((a) => a.id);
  const changed = new Map<string, string>();
  if (now && now.length === before.length) {
    before.forEach((id, i) => {
      if (id !== '' && now[i] !== '' && now[i] !== id && before.indexOf(id) === i) changed.set(id, now[i]!);
    });
  }
  if (changed.size > 0) {
    for (const [anchor, links] of linksInto(files, target)) {
      const renamed = changed.get(anchor);
      if (renamed === undefined) continue;
      for (const { file, fragment } of links) addEdit(out, file, fragment.span, writeFragment(renamed, fragment.raw));
    }
  }
  return [...out.values()];
}

/** Why a reference label cannot be used, or undefined. */
export function invalidLabel(label: string, kind: 'link' | 'footnote'): string | undefined {
  if (label.trim() === '') return 'The new label is empty.';
  if (/[[\]]/.test(label)) return 'A label cannot contain [ or ].';
  if (/[\r\n]/.test(label)) return 'A label is one line.';
  if (kind === 'footnote' && /\s/.test(label)) return 'A footnote label cannot contain spaces.';
  if (label.length > 999) return 'A label has at most 999 characters.';
  return undefined;
}

/** Renames a reference label: every reference to it and its definition(s), in this document. */
export function renameLabelEdits(file: FileView, kind: 'link' | 'footnote', id: string, newLabel: string): FileEdits[] {
  const out = new Map<DocumentView, FileEdits>();
  const { view } = file;
  const sameKind = (k: string) => (k === 'footnote') === (kind === 'footnote');
  for (const ref of view.references) {
    if (ref.id !== id || !sameKind(ref.kind)) continue;
    const written = view.text.slice(ref.labelSpan.start, ref.labelSpan.end);
    if (normalizeLabel(written) === id) addEdit(out, file, ref.labelSpan, newLabel);
  }
  for (const def of view.definitions) {
    if (def.id !== id || !sameKind(def.kind)) continue;
    const span = definitionLabelSpan(view, def);
    if (span) addEdit(out, file, span, newLabel);
  }
  return [...out.values()];
}

/** The spans of every reference to a label, and of its definitions. */
export function labelOccurrences(view: DocumentView, kind: 'link' | 'footnote', id: string): { references: Span[]; definitions: Span[] } {
  const sameKind = (k: string) => (k === 'footnote') === (kind === 'footnote');
  return {
    references: view.references.filter((r) => r.id === id && sameKind(r.kind)).map((r) => ({ start: r.start, end: r.end })),
    definitions: view.definitions.filter((d) => d.id === id && sameKind(d.kind)).map((d) => ({ start: d.start, end: d.end })),
  };
}

// ------------------------------------------------------------------------------------------------------------
// Moves.

export interface Move {
  from: string;
  to: string;
}

/** Where a path is after the moves (a moved folder moves everything under it). */
export function movedPath(p: string, moves: readonly Move[]): string {
  for (const { from, to } of moves) {
    if (p === from) return to;
    if (p.startsWith(from.endsWith(path.sep) ? from : from + path.sep)) return path.join(to, p.slice(from.length));
  }
  return p;
}

const posix = (p: string) => p.split(path.sep).join('/');

/** The new destination path of a link, written like the old one (`./`, percent-encoding, trailing slash). */
function rewrittenPath(oldPath: string, fromDir: string, target: string, angle: boolean): string {
  let rel = posix(path.relative(fromDir, target));
  if (rel === '') rel = path.basename(target);
  if (oldPath.endsWith('/') && !rel.endsWith('/')) rel += '/';
  if (oldPath.startsWith('./') && !rel.startsWith('../')) rel = `./${rel}`;
  if (/%[0-9a-fA-F]{2}/.test(oldPath)) return encodeURI(rel);
  if (angle) return rel.replace(/[<>\n]/g, encodeURIComponent);
  return rel.replace(/[\s<>]/g, (c) => encodeURIComponent(c));
}

/**
 * Edits that keep relative links and images pointing at the same files when files or folders move: links in other
 * drafts to what moved, and a moved draft's own relative links (whose base moved). Edits are on the files as they
 * are before the move (the editor applies them first, then moves).
 */
export function moveEdits(files: readonly FileView[], moves: readonly Move[]): FileEdits[] {
  const out = new Map<DocumentView, FileEdits>();
  for (const file of files) {
    if (!file.path) continue;
    const newFile = movedPath(file.path, moves);
    const fromDir = path.dirname(newFile);
    for (const link of file.view.links) {
      if (!AUTHORED.has(link.kind)) continue;
      const target = resolveLinkTarget(link.url, file.path);
      if (target.kind !== 'file') continue;
      const newTarget = movedPath(target.path, moves);
      if (newTarget === target.path && newFile === file.path) continue;
      const source = file.view.text.slice(link.urlSpan.start, link.urlSpan.end);
      const pathEnd = source.search(/[?#]/);
      const oldPath = pathEnd < 0 ? source : source.slice(0, pathEnd);
      if (oldPath === '' || oldPath.startsWith('/')) continue;
      const angle = file.view.text[link.urlSpan.start - 1] === '<';
      // The old spelling still reaches the target from the new place (both moved together): nothing to do.
      if (path.resolve(fromDir, decodeSafe(oldPath)) === newTarget) continue;
      addEdit(out, file, { start: link.urlSpan.start, end: link.urlSpan.start + oldPath.length }, rewrittenPath(oldPath, fromDir, newTarget, angle));
    }
  }
  return [...out.values()];
}

function decodeSafe(p: string): string {
  try {
    return decodeURI(p);
  } catch {
    return p;
  }
}
