// The anchors of a Markdown file that is not being checked itself (the target of a `other.md#section` link).
import { parseMarkdown, flavorOf } from './parse';
import { summarize } from './summary';
import { headingAnchors } from './slug';
import { frontMatterLineCount } from './chunks';

/** Files larger than this are not parsed for anchors; links into them are not checked. */
const MAX_ANCHOR_SOURCE = 4 * 1024 * 1024;

export function anchorsOfText(text: string, path = 'file.md'): Set<string> | undefined {
  if (text.length > MAX_ANCHOR_SOURCE || text.includes('\u0000')) return undefined;
  try {
    const lines = text.split('\n');
    const skip = frontMatterLineCount(lines);
    const body = skip > 0 ? lines.slice(skip).join('\n') : text;
    const summary = summarize(parseMarkdown(body, flavorOf(path)), body);
    const anchors = new Set<string>(summary.htmlIds);
    for (const a of headingAnchors(summary.headings.map((h) => h.text))) {
      anchors.add(a.github);
      anchors.add(a.vscode);
    }
    return anchors;
  } catch {
    return undefined;
  }
}
