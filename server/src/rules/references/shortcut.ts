// Shortcut references (`[text]`, `![alt]` with a definition of that label) across the whole document. The parser
// of a chunk resolves a reference only against the definitions of that chunk, so one whose definition sits in
// another chunk (a later section, another piece of a long one) comes back as plain-text brackets; the document view
// has both, and this puts them together, so whether a shortcut is reported does not depend on where chunks end.
import type { DocumentView } from '../../markdown/document-view';
import { normalizeLabel, type Span } from '../../markdown/summary';

/** The shortcut references of one kind (`[text]` links or `![alt]` images), in document order. */
export function shortcutReferences(doc: DocumentView, kind: 'link' | 'image'): Span[] {
  const found: Span[] = doc.references.filter((r) => r.parsed && r.form === 'shortcut' && r.kind === kind).map(({ start, end }) => ({ start, end }));
  const defined = new Set(doc.definitions.filter((d) => d.kind === 'link').map((d) => d.id));
  if (defined.size > 0) {
    for (const b of doc.brackets) {
      if (!defined.has(normalizeLabel(b.text))) continue;
      const image = doc.text[b.start - 1] === '!' && doc.text[b.start - 2] !== '\\';
      if (image === (kind === 'image')) found.push(image ? { start: b.start - 1, end: b.end } : { start: b.start, end: b.end });
    }
  }
  return found.sort((a, b) => a.start - b.start);
}
