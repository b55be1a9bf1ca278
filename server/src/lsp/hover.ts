// Hovers: a reference link shows its target, a heading its anchor, a link's #fragment the heading it reaches;
// more providers (GPU specs, topic heat) plug in here.
import type { Hover, Position } from 'vscode-languageserver';
import type { DocumentView } from '../markdown/document-view';
import type { WorkspaceView } from '../markdown/workspace';
import { ANCHOR_STYLE_NAMES } from '../markdown/heading-anchors';
import { anchorIndexOf, AnchorIndex, writeFragment } from '../markdown/anchor-index';
import { fragmentLinkAt, headingIndexAt } from '../links/refactor';

export type HoverProvider = (view: DocumentView, offset: number) => Hover | undefined | Promise<Hover | undefined>;

export function referenceHover(view: DocumentView, offset: number): Hover | undefined {
  const ref = view.references.find((r) => r.start <= offset && offset <= r.end);
  if (!ref) return undefined;
  const def = view.definitions.find((d) => d.id === ref.id && (d.kind === 'footnote') === (ref.kind === 'footnote'));
  if (!def) return { contents: { kind: 'markdown', value: `**[${ref.label}]** — not defined in this document.` }, range: view.range(ref) };
  const line = view.lines.positionAt(def.start).line + 1;
  const value = def.kind === 'footnote'
    ? `Footnote **[^${def.label}]**, defined on line ${line}:\n\n${view.text.slice(def.start, Math.min(def.end, def.start + 400))}`
    : `**[${def.label}]** → <${def.url}>\n\nDefined on line ${line}.`;
  return { contents: { kind: 'markdown', value }, range: view.range(ref) };
}

/**
 * A heading shows the anchor the publishing platform gives it (the one links, the contents list, completion and
 * the preview use); a link's `#fragment` shows the heading it reaches, here or in the other file.
 */
export function anchorHover(workspace: WorkspaceView) {
  return async (view: DocumentView, offset: number): Promise<Hover | undefined> => {
    const platform = ANCHOR_STYLE_NAMES[view.anchorSettings.style];
    const index = headingIndexAt(view, offset);
    if (index !== undefined) {
      const heading = view.headings[index]!;
      const id = view.anchors[index]?.id ?? '';
      const value = id === ''
        ? `This heading gets no anchor on ${platform}.`
        : `Anchor **#${id}** (${platform})\n\nLink to it with \`[${heading.text.replace(/[[\]]/g, '')}](#${writeFragment(id)})\`.`;
      return { contents: { kind: 'markdown', value }, range: view.range(heading) };
    }
    const fragment = fragmentLinkAt({ path: view.path, view }, offset);
    if (!fragment || offset < fragment.span.start) return undefined;
    let line: number | undefined;
    let text: string | undefined;
    let level = 0;
    if (fragment.local) {
      const anchor = anchorIndexOf(view).find(fragment.raw);
      const a = view.anchors.find((x) => x.id !== '' && x.id === anchor);
      if (a) ({ line, text, level } = { line: view.lines.positionAt(a.heading.start).line, text: a.heading.text, level: a.heading.level });
    } else if (fragment.targetPath) {
      const file = await workspace.anchorsOf(fragment.targetPath, view.anchorSettings);
      const anchor = file && new AnchorIndex([...file.headings.map((h) => h.id), ...file.html], view.anchorSettings.style).find(fragment.raw);
      const h = file?.headings.find((x) => x.id === anchor);
      if (h) ({ line, text, level } = h);
    }
    if (text === undefined || line === undefined) return undefined;
    const where = fragment.local ? `line ${line + 1}` : `${fragment.targetPath!.split(/[\\/]/).pop()}, line ${line + 1}`;
    return { contents: { kind: 'markdown', value: `→ \`${'#'.repeat(level)} ${text}\` (${where})` }, range: view.range(fragment.span) };
  };
}

/** Every provider's hover at the position, in order, as one hover (a GPU name may also be a hot topic). */
export async function hoverAt(view: DocumentView, position: Position, providers: HoverProvider[]): Promise<Hover | undefined> {
  const offset = view.lines.offsetAt(position);
  const hovers: Hover[] = [];
  for (const provider of providers) {
    const hover = await provider(view, offset);
    if (hover) hovers.push(hover);
  }
  if (hovers.length <= 1) return hovers[0];
  const text = (h: Hover) => (typeof h.contents === 'object' && 'value' in h.contents ? h.contents.value : String(h.contents));
  return { contents: { kind: 'markdown', value: hovers.map(text).join('\n\n---\n\n') }, range: hovers[0].range };
}
