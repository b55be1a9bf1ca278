// Shortcut references (`[text]`, `![alt]` with a definition of that label) across the whole document. The parser
// of a chunk resolves a reference only against the definitions of that chunk, so one whose definition sits in
// another chunk (a later section, another piece of a long one) comes back as plain-text brackets; the document view
// has both, and this puts them together, so whether a shortcut is reported does not depend on where chunks end.
import type { DocumentView } from '../../markdown/document-view';
import { normalizeLabel, type Span } from '../../markdown/summary';
import { localize } from '../../base/i18n';
import type { DocumentRuleContext } from '../types';

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

const MESSAGES = {
  link: {
    message: { en: 'Unexpected shortcut reference link (`[text]`), expected collapsed reference (`[text][]`)', zh: '链接引用使用了简写形式（`[text]`），应写成折叠形式（`[text][]`）' },
    fix: { en: 'Write as a collapsed reference ([text][])', zh: '改为折叠形式（[text][]）' },
  },
  image: {
    message: { en: 'Unexpected shortcut reference image (`![text]`), expected collapsed reference (`![text][]`)', zh: '图片引用使用了简写形式（`![text]`），应写成折叠形式（`![text][]`）' },
    fix: { en: 'Write as a collapsed reference (![alt][])', zh: '改为折叠形式（![alt][]）' },
  },
};

/** Reports each shortcut reference of the kind, with remark-lint's message and a safe fix that adds the `[]`. */
export function reportShortcutReferences({ doc, report, locale }: DocumentRuleContext, kind: 'link' | 'image'): void {
  const { message, fix } = MESSAGES[kind];
  for (const span of shortcutReferences(doc, kind)) {
    report({ range: doc.range(span), message, fixes: [{ title: localize(fix, locale), edits: [{ range: doc.range({ start: span.end, end: span.end }), newText: '[]' }], safe: true }] });
  }
}
