// A document's prose as the topic matcher reads it: the title (weighted most), headings, then body text. The
// document model has already blanked out code, URLs and markup, so nothing inside them can match a topic.
import type { DocumentView } from '../markdown/document-view';
import type { DraftSegment, DraftText } from './match';

/** The prose segments' kinds and texts, in the view's order: all the matcher reads (the check matches on every edit). */
export function proseSegmentsOf(view: DocumentView): Pick<DraftSegment, 'kind' | 'text'>[] {
  const titleStart = view.title?.content.start;
  return view.prose.map((p) => ({ kind: p.kind === 'heading' ? (p.offset === titleStart ? 'title' : 'heading') : 'body', text: p.text }));
}

/** The prose segments with where each starts (for reports that point at them). */
export function draftTextOf(view: DocumentView): DraftText {
  const segments = proseSegmentsOf(view);
  return {
    segments: segments.map((segment, i) => {
      const at = view.lines.positionAt(view.prose[i].offset);
      return { ...segment, line: at.line, character: at.character };
    }),
  };
}
