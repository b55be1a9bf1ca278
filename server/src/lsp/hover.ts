// Hovers: a reference link shows its target; more providers (GPU specs, topic heat) plug in here.
import type { Hover, Position } from 'vscode-languageserver';
import type { DocumentView } from '../markdown/document-view';

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
