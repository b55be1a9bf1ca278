// Where a GFM renderer (GitHub, and most Markdown sites) links a URL written as plain text: its exact extent,
// escapes, trailing punctuation and any text run on after it included. A fix that wraps a bare URL in `<…>` must
// wrap exactly this, or the link would point somewhere else once the fix is applied. Parsed only for the few
// paragraphs that hold bare URLs (the main parse leaves GFM's autolink literals out for speed).
import { fromMarkdown } from 'mdast-util-from-markdown';
import { gfmAutolinkLiteral } from 'micromark-extension-gfm-autolink-literal';
import { gfmAutolinkLiteralFromMarkdown } from 'mdast-util-gfm-autolink-literal';
import type { Nodes } from 'mdast';
import { bomAsText } from './parse';

export interface LiteralUrl {
  /** Offsets in the source given. */
  start: number;
  end: number;
  /** Where the rendered link points. */
  href: string;
}

/** Every URL a GFM renderer links in this Markdown source without link syntax, in order. */
export function gfmLiteralUrls(source: string): LiteralUrl[] {
  const tree = fromMarkdown(bomAsText(source), { extensions: [gfmAutolinkLiteral()], mdastExtensions: [gfmAutolinkLiteralFromMarkdown()] });
  const out: LiteralUrl[] = [];
  const stack: Nodes[] = [tree];
  while (stack.length > 0) {
    const node = stack.pop()!;
    if (node.type === 'link' && node.position) {
      const start = node.position.start.offset!;
      const end = node.position.end.offset!;
      // A literal link is written without `[`, `<` or `](`: its source is its text.
      if (source[start] !== '[' && source[start] !== '<') out.push({ start, end, href: node.url });
      continue;
    }
    if ('children' in node) for (let i = node.children.length - 1; i >= 0; i--) stack.push(node.children[i] as Nodes);
  }
  return out;
}
