// The outline: headings as nested document symbols.
import { SymbolKind, type DocumentSymbol } from 'vscode-languageserver';
import type { DocumentView } from '../markdown/document-view';

export function documentSymbols(view: DocumentView): DocumentSymbol[] {
  const roots: DocumentSymbol[] = [];
  const stack: { level: number; symbol: DocumentSymbol }[] = [];
  const headings = view.headings.filter((h) => h.topLevel);
  headings.forEach((heading, i) => {
    // A section runs to the next heading of the same or a higher level.
    let end = view.text.length;
    for (let j = i + 1; j < headings.length; j++) if (headings[j].level <= heading.level) { end = headings[j].start; break; }
    const symbol: DocumentSymbol = {
      name: heading.text || '(empty heading)',
      kind: heading.level === 1 ? SymbolKind.File : SymbolKind.String,
      range: view.range({ start: heading.start, end: Math.max(heading.end, end - 1) }),
      selectionRange: view.range(heading),
      children: [],
    };
    while (stack.length && stack[stack.length - 1].level >= heading.level) stack.pop();
    (stack.length ? stack[stack.length - 1].symbol.children! : roots).push(symbol);
    stack.push({ level: heading.level, symbol });
  });
  return roots;
}
