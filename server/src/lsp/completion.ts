// Completion of reference ids (`[text][|`) and heading anchors (`](#|`, `](other.md#|`).
import { CompletionItemKind, type CompletionItem, type Position } from 'vscode-languageserver';
import type { DocumentView } from '../markdown/document-view';
import type { WorkspaceView } from '../markdown/workspace';
import { resolveLinkTarget } from '../markdown/link-target';
import { writeFragment } from '../markdown/anchor-index';

export async function completions(view: DocumentView, position: Position, workspace: WorkspaceView): Promise<CompletionItem[]> {
  const line = view.lines.lineText(position.line).slice(0, position.character);
  const start = (typed: string) => ({ line: position.line, character: position.character - typed.length });
  const replace = (typed: string) => ({ start: start(typed), end: position });

  const reference = /\]\[([^\]]*)$/.exec(line);
  if (reference) {
    const seen = new Set<string>();
    return view.definitions
      .filter((d) => d.kind === 'link' && !seen.has(d.id) && seen.add(d.id))
      .map((d) => ({ label: d.label, kind: CompletionItemKind.Reference, detail: d.url, textEdit: { range: replace(reference[1]), newText: d.label } }));
  }

  const fragment = /\]\(([^)\s#]*)#([^)\s]*)$/.exec(line);
  if (fragment) {
    const [, file, typed] = fragment;
    // The anchors of the workspace's publishing platform (links.anchorStyle), exactly as links/missing-anchor wants them.
    const item = (id: string, level: number, text: string, i: number): CompletionItem => ({
      label: `#${id}`,
      filterText: id,
      kind: CompletionItemKind.Reference,
      detail: `${'#'.repeat(level)} ${text}`,
      sortText: String(i).padStart(5, '0'),
      textEdit: { range: replace(typed), newText: writeFragment(id) },
    });
    if (file === '') return view.anchors.filter((a) => a.id !== '').map((a, i) => item(a.id, a.heading.level, a.heading.text, i));
    const target = resolveLinkTarget(`${file}#`, view.path);
    if (target.kind !== 'file') return [];
    const anchors = await workspace.anchorsOf(target.path, view.anchorSettings);
    return (anchors?.headings ?? []).map((a, i) => item(a.id, a.level, a.text, i));
  }
  return [];
}
