// Hovers on GPU data in prose: `{{gpu:…}}` spec tokens show their value and source; GPU names show a spec card.
// Only prose is looked at (the document model blanks code), so a token in a code sample shows nothing.
import type { Hover } from 'vscode-languageserver';
import type { DocumentView } from '../markdown/document-view';
import type { GpuDatabase } from '../gpu/database';
import { tokenAt, tokenHover } from '../gpu/tokens';
import { compileGpuNames, findGpuMentions } from '../gpu/names';
import { gpuCard } from '../gpu/card';
import { ClientCommands } from '../protocol';
import type { Locale } from '../base/i18n';

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

/** A spec card on a GPU name in prose ("4090", "H100 SXM", "英伟达 H200"). */
export function gpuNameHover(db: GpuDatabase, locale: Locale) {
  return (view: DocumentView, offset: number): Hover | undefined => {
    const segment = proseSegmentAt(view, offset);
    if (!segment) return undefined;
    const mention = findGpuMentions(segment.text, compileGpuNames(db.gpus)).find((m) => segment.offset + m.start <= offset && offset <= segment.offset + m.end);
    if (!mention || mention.candidates.length === 0) return undefined;
    const card = gpuCard(db, mention.candidates, locale, ClientCommands.insertSpecTable);
    return card ? { contents: { kind: 'markdown', value: card }, range: view.range({ start: segment.offset + mention.start, end: segment.offset + mention.end }) } : undefined;
  };
}
