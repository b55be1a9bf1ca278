// Links that follow: rename a heading (and every link to it in the workspace) or a reference label (and its
// references), find the links to a heading, and keep relative links and images working when drafts, images or
// folders move in the editor (`workspace/willRenameFiles`, which VS Code's client sends for the file operation
// filters registered here). The work is done by services/workspace-links.ts and links/refactor.ts.
import path from 'node:path';
import { ResponseError, ErrorCodes, type Location, type Range, type TextDocumentEdit, type WorkspaceEdit } from 'vscode-languageserver/node';
import { URI } from 'vscode-uri';
import type { AnchorSettings } from '../../markdown/heading-anchors';
import {
  fragmentLinkAt,
  headingIndexAt,
  invalidHeadingText,
  invalidLabel,
  labelAt,
  labelOccurrences,
  renameLabelEdits,
  type FileEdits,
  type FileView,
} from '../../links/refactor';
import { anchorIndexOf } from '../../markdown/anchor-index';
import { WorkspaceLinks } from '../../services/workspace-links';
import { pathOf } from '../checks';
import type { Feature } from '../server-context';

const IMAGE_GLOB = '**/*.{png,jpg,jpeg,gif,svg,webp,avif,bmp,ico,PNG,JPG,JPEG,GIF,SVG,WEBP}';

/** What a position names, and `here`: the range under the cursor in the document asked about. */
type Target =
  | { kind: 'heading'; file: FileView; index: number; here: Range }
  | { kind: 'label'; file: FileView; label: NonNullable<ReturnType<typeof labelAt>>; here: Range };

export const linkRefactorFeature: Feature = (server) => {
  const { connection, documents } = server;
  const links = new WorkspaceLinks((p) => server.scheduler.openText(p));
  Object.assign(server.capabilities, {
    renameProvider: { prepareProvider: true },
    referencesProvider: true,
  });
  server.capabilities.workspace = {
    ...server.capabilities.workspace,
    fileOperations: {
      ...server.capabilities.workspace?.fileOperations,
      willRename: {
        filters: [
          { scheme: 'file', pattern: { glob: '**/*.{md,mdx}', matches: 'file' } },
          { scheme: 'file', pattern: { glob: IMAGE_GLOB, matches: 'file' } },
          { scheme: 'file', pattern: { glob: '**/*', matches: 'folder' } },
        ],
      },
    },
  };

  const rootFor = (uri: string): string | undefined => {
    const p = pathOf(uri);
    const main = server.rootPath;
    if (p && main && (p === main || p.startsWith(main.endsWith(path.sep) ? main : main + path.sep))) return main;
    return server.scheduler.rootOf(uri);
  };

  const anchorSettingsFor = async (uri: string): Promise<AnchorSettings> => {
    const { config } = await server.settingsFor(uri);
    return { style: config.links.anchorStyle, options: config.links.anchorOptions };
  };

  /** What the position names: a heading (on its line, or through a link fragment that reaches it) or a label. */
  const targetAt = async (uri: string, position: { line: number; character: number }): Promise<Target | undefined> => {
    const checked = await server.checked(uri);
    const view = checked?.result.view;
    if (!checked || !view || view.text !== checked.document.getText()) return undefined;
    const file: FileView = { path: pathOf(uri), view };
    const offset = view.lines.offsetAt(position);
    const label = labelAt(view, offset);
    if (label) return { kind: 'label', file, label, here: view.range(label.span) };
    const index = headingIndexAt(view, offset);
    if (index !== undefined) return { kind: 'heading', file, index, here: view.range(view.headings[index]!.content) };
    const fragment = fragmentLinkAt(file, offset);
    if (!fragment || fragment.span.start > offset) return undefined;
    let target: FileView | undefined = file;
    if (!fragment.local) target = fragment.targetPath ? await links.fileView(fragment.targetPath, view.anchorSettings) : undefined;
    if (!target) return undefined;
    const anchor = anchorIndexOf(target.view).find(fragment.raw);
    const headingIndex = anchor === undefined ? -1 : target.view.anchors.findIndex((a) => a.id === anchor);
    if (headingIndex < 0) return undefined;
    return { kind: 'heading', file: target, index: headingIndex, here: view.range(fragment.span) };
  };

  const uriOf = (file: { path?: string }, fallback: string): string => {
    if (!file.path) return fallback;
    for (const doc of documents.all()) if (pathOf(doc.uri) === file.path) return doc.uri;
    return URI.file(file.path).toString();
  };

  const toWorkspaceEdit = (changes: FileEdits[], fallbackUri: string): WorkspaceEdit => ({
    documentChanges: changes.map((c): TextDocumentEdit => {
      const uri = uriOf(c, fallbackUri);
      const open = documents.get(uri);
      return { textDocument: { uri, version: open && open.getText() === c.view.text ? open.version : null }, edits: c.edits };
    }),
  });

  connection.onPrepareRename(async (params) => {
    const target = await targetAt(params.textDocument.uri, params.position);
    if (!target) return null;
    if (target.kind === 'label') return { range: target.here, placeholder: target.label.label };
    // The new name is the heading's text, also when renaming from a link's fragment.
    const heading = target.file.view.headings[target.index]!;
    return { range: target.here, placeholder: target.file.view.text.slice(heading.content.start, heading.content.end) };
  });

  connection.onRenameRequest(async (params) => {
    const target = await targetAt(params.textDocument.uri, params.position);
    // Nothing renameable here: no edit (prepareRename has already told the editor so).
    if (!target) return null;
    if (target.kind === 'label') {
      const bad = invalidLabel(params.newName, target.label.kind);
      if (bad) throw new ResponseError(ErrorCodes.InvalidParams, bad);
      return toWorkspaceEdit(renameLabelEdits(target.file, target.label.kind, target.label.id, params.newName), params.textDocument.uri);
    }
    const bad = invalidHeadingText(params.newName);
    if (bad) throw new ResponseError(ErrorCodes.InvalidParams, bad);
    const settings = target.file.view.anchorSettings;
    const root = rootFor(params.textDocument.uri);
    return toWorkspaceEdit(await links.renameHeading(root, target.file, target.index, params.newName, settings), params.textDocument.uri);
  });

  connection.onReferences(async (params) => {
    const target = await targetAt(params.textDocument.uri, params.position);
    if (!target) return [];
    const locations: Location[] = [];
    const at = (file: FileView, span: { start: number; end: number }) => locations.push({ uri: uriOf(file, params.textDocument.uri), range: file.view.range(span) });
    if (target.kind === 'label') {
      const { references, definitions } = labelOccurrences(target.file.view, target.label.kind, target.label.id);
      if (params.context.includeDeclaration) for (const d of definitions) at(target.file, d);
      for (const r of references) at(target.file, r);
      return locations;
    }
    if (params.context.includeDeclaration) at(target.file, target.file.view.headings[target.index]!);
    const found = await links.headingLinks(rootFor(params.textDocument.uri), target.file, target.index, target.file.view.anchorSettings);
    for (const { file, fragment } of found) at(file, fragment.link);
    return locations;
  });

  connection.workspace.onWillRenameFiles(async (params) => {
    const moves = params.files.map((f) => ({ from: pathOf(f.oldUri), to: pathOf(f.newUri) })).filter((m): m is { from: string; to: string } => !!m.from && !!m.to && m.from !== m.to);
    if (moves.length === 0) return null;
    const first = URI.file(moves[0]!.from).toString();
    const changes = await links.moveEdits(rootFor(first), moves, await anchorSettingsFor(first));
    return changes.length ? toWorkspaceEdit(changes, first) : null;
  });
};
