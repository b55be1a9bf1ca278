// A document's prose as the topic matcher reads it: the title (weighted most), headings, then body text. The
// document model has already blanked out code, URLs and markup, so nothing inside them can match a topic.
import type { DocumentView } from '../markdown/document-view';
import type { DraftText } from './match';

export function draftTextOf(view: DocumentView): DraftText {
  const titleStart = view.title?.content.start;
  return {
    segments: view.prose.map((p) => {
      const at = view.lines.positionAt(p.offset);
      const kind = p.kind === 'heading' ? (p.offset === titleStart ? 'title' : 'heading') : 'body';
      return { kind, text: p.text, line: at.line, character: at.character };
    }),
  };
}
