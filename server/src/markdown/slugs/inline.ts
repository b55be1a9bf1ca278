// Walks a heading's phrasing content the way a renderer's "plain text of the heading" does. Renderers differ in
// what they keep — image alt text, raw HTML, footnote markers — so each profile passes a policy. What they agree
// on (after parsing with CommonMark + GFM rules, which remark does for us):
// - the text of links and link references is kept, never their destination or reference label
//   (`## Title [ref][goodref]` renders as "Title ref");
// - code spans keep their content;
// - emphasis, strong and strikethrough keep their children's text.
import type { FootnoteReference, Heading, Image, ImageReference, Nodes, PhrasingContent } from 'mdast';

export interface InlinePolicy {
  /** Text of an image or image reference; '' drops it. */
  image(node: Image | ImageReference): string;
  /** An inline raw-HTML node (a tag or comment; the text between tags is a separate text node). */
  html(value: string, depth: number): string;
  /** A hard line break. */
  lineBreak: string;
  /** Text node values may be rewritten (e.g. typographic quotes); default keeps them. */
  text?(value: string): string;
  /** Code span content; default keeps it. */
  code?(value: string): string;
  /** A GFM footnote reference (`[^note]`); default gives nothing. */
  footnote?(node: FootnoteReference): string;
}

type Piece = { kind: 'text' | 'code' | 'html' | 'image' | 'break' | 'other'; value: string };

/** The heading's phrasing content flattened in document order (containers opened). */
export function flatten(nodes: readonly Nodes[], policy: InlinePolicy, out: Piece[] = [], depth = 0): Piece[] {
  for (const node of nodes) {
    switch (node.type) {
      case 'text':
        out.push({ kind: 'text', value: policy.text ? policy.text(node.value) : node.value });
        break;
      case 'inlineCode':
        out.push({ kind: 'code', value: policy.code ? policy.code(node.value) : node.value });
        break;
      case 'html':
        out.push({ kind: 'html', value: policy.html(node.value, depth) });
        break;
      case 'image':
      case 'imageReference':
        out.push({ kind: 'image', value: policy.image(node) });
        break;
      case 'break':
        out.push({ kind: 'break', value: policy.lineBreak });
        break;
      case 'footnoteReference':
        // GitHub shows the footnote's number, python-markdown removes footnote references from the toc text,
        // renderers without footnotes show the source text: each profile decides.
        out.push({ kind: 'other', value: policy.footnote ? policy.footnote(node) : '' });
        break;
      default:
        if ('children' in node && Array.isArray(node.children)) flatten(node.children as Nodes[], policy, out, depth + 1);
        else if ('value' in node && typeof node.value === 'string') out.push({ kind: 'other', value: node.value });
    }
  }
  return out;
}

export function plainText(heading: Heading, policy: InlinePolicy): string {
  return flatten(heading.children as PhrasingContent[], policy)
    .map((p) => p.value)
    .join('');
}

/** The last direct child of the heading, if it is a text node (where attr_list / markdown-it-attrs look). */
export function lastTextChild(heading: Heading): { index: number; value: string } | undefined {
  const last = heading.children[heading.children.length - 1];
  return last && last.type === 'text' ? { index: heading.children.length - 1, value: last.value } : undefined;
}

/** Source offsets of the heading's content (from its first to its last child). */
export function contentSpan(heading: Heading): { start: number; end: number } | undefined {
  const first = heading.children[0];
  const last = heading.children[heading.children.length - 1];
  const start = first?.position?.start.offset;
  const end = last?.position?.end.offset;
  return start === undefined || end === undefined ? undefined : { start, end };
}

/**
 * The raw source of an image's alt label (`![this part](url)`), which markdown-it keeps as the image token's
 * `content`. Falls back to the parsed alt text.
 */
export function rawImageLabel(node: Image | ImageReference, source: string | undefined): string {
  const fallback = node.alt ?? '';
  const start = node.position?.start.offset;
  const end = node.position?.end.offset;
  if (!source || start === undefined || end === undefined || source.slice(start, start + 2) !== '![') return fallback;
  let depth = 0;
  for (let i = start + 2; i < end; i++) {
    const ch = source[i];
    if (ch === '\\') {
      i++;
      continue;
    }
    if (ch === '`') {
      // A code span inside the label cannot close it.
      const run = /^`+/.exec(source.slice(i, end))![0];
      const close = source.indexOf(run, i + run.length);
      if (close > 0 && close < end) {
        i = close + run.length - 1;
        continue;
      }
    }
    if (ch === '[') depth++;
    else if (ch === ']') {
      if (depth === 0) return source.slice(start + 2, i);
      depth--;
    }
  }
  return fallback;
}
