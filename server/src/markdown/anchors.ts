// A Markdown file that is not being checked itself, read as a whole: the target of a `other.md#section` link,
// or a draft whose links a rename or a file move rewrites. Its anchors are made by the same code as a checked
// draft's (one chunk summary for the whole body, then the document's anchors), so they agree.
import { parseMarkdown, flavorOf } from './parse';
import { summarize } from './summary';
import { frontMatterLineCount } from './chunks';
import { buildDocumentView, type DocumentView } from './document-view';
import { DEFAULT_ANCHOR_SETTINGS, type AnchorSettings } from './heading-anchors';

/** Files larger than this are not parsed; links into them are not checked. */
export const MAX_ANCHOR_SOURCE = 4 * 1024 * 1024;

/** The anchors a link into a file can reach: its headings' (for the platform) and the ids its HTML defines. */
export interface FileAnchors {
  headings: { id: string; text: string; level: number; line: number }[];
  html: string[];
}

/** The document view of a whole file (front matter skipped), or undefined when it is too large or cannot be parsed. */
export function viewOfText(text: string, path: string, settings: AnchorSettings = DEFAULT_ANCHOR_SETTINGS): DocumentView | undefined {
  if (text.length > MAX_ANCHOR_SOURCE || text.includes('\u0000')) return undefined;
  try {
    const lines = text.split('\n');
    const skip = frontMatterLineCount(lines);
    const offset = skip > 0 ? lines.slice(0, skip).join('\n').length + 1 : 0;
    const body = text.slice(offset);
    const flavor = flavorOf(path);
    const summary = summarize(parseMarkdown(body, flavor), body, settings);
    return buildDocumentView({ uri: path, path, text, flavor, summaries: [{ offset, summary }], anchors: settings });
  } catch {
    return undefined;
  }
}

export function anchorsOfView(view: DocumentView): FileAnchors {
  return {
    headings: view.anchors.filter((a) => a.id !== '').map((a) => ({ id: a.id, text: a.heading.text, level: a.heading.level, line: view.lines.positionAt(a.heading.start).line })),
    html: view.htmlIds,
  };
}

export function anchorsOfText(text: string, path = 'file.md', settings: AnchorSettings = DEFAULT_ANCHOR_SETTINGS): FileAnchors | undefined {
  const view = viewOfText(text, path, settings);
  return view && anchorsOfView(view);
}
