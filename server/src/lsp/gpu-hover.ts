// Hovers on GPU data in prose: `{{gpu:…}}` spec tokens show their value and source; GPU names show a spec card.
// Only prose is looked at (the document model blanks code), so a token in a code sample shows nothing.
import type { Hover } from 'vscode-languageserver';
import type { DocumentView } from '../core/document-view';
import type { GpuDatabase } from '../gpu/database';
import { tokenAt, tokenHover } from '../gpu/tokens';
import type { Locale } from '../core/i18n';

export function proseSegmentAt(view: DocumentView, offset: number) {
  return view.prose.find((p) => p.offset <= offset && offset <= p.offset + p.text.length);
}

export function specTokenHover(db: GpuDatabase, locale: Locale) {
  return (view: DocumentView, offset: number): Hover | undefined => {
    const segment = proseSegmentAt(view, offset);
    if (!segment) return undefined;
    const token = tokenAt(segment.text, offset - segment.offset);
    if (!token) return undefined;
    return { contents: { kind: 'markdown', value: tokenHover(db, token, locale) }, range: view.range({ start: segment.offset + token.start, end: segment.offset + token.end }) };
  };
}
