// The one place that knows how Markdown is parsed: remark with GFM tables, footnotes, strikethrough and task
// lists; MDX files add remark-mdx so imports and JSX are syntax, not errors.
//
// GFM's autolink literals (bare `https://…` and `www.…` in text) are not parsed here: micromark's pass for them
// cost about a third of all parsing time on the corpora. Benchpress finds bare URLs in prose itself (summary.ts,
// `findBareUrls`), which is all its rules need.
//
// Simple top-level blocks of Markdown (not MDX) are built without micromark, the same nodes it would build
// (fast-blocks.ts); micromark parses the rest.
import { unified, type Processor } from 'unified';
import remarkParse from 'remark-parse';
import remarkMdx from 'remark-mdx';
import { gfmTable } from 'micromark-extension-gfm-table';
import { gfmTableFromMarkdown } from 'mdast-util-gfm-table';
import { gfmFootnote } from 'micromark-extension-gfm-footnote';
import { gfmFootnoteFromMarkdown } from 'mdast-util-gfm-footnote';
import { gfmStrikethrough } from 'micromark-extension-gfm-strikethrough';
import { gfmStrikethroughFromMarkdown } from 'mdast-util-gfm-strikethrough';
import { gfmTaskListItem } from 'micromark-extension-gfm-task-list-item';
import { gfmTaskListItemFromMarkdown } from 'mdast-util-gfm-task-list-item';
import type { Nodes, Root } from 'mdast';

import type { Flavor } from './flavor';
import { parseWithTablePieces } from './table-pieces';
import { findFastBlocks, mergeFastBlocks } from './fast-blocks';

export { flavorOf, type Flavor } from './flavor';

/**
 * The GFM constructs a text can contain, from its characters: a table needs a `|`, a footnote `[^`, strikethrough
 * a `~`, a task list item a `[`. An extension whose marker is absent cannot match anything, so leaving it out
 * gives the same tree, and saves its constructs' attempts (the table's is tried at the start of every block).
 */
function gfmParts(text: string): number {
  return (text.includes('|') ? 1 : 0) | (text.includes('[^') ? 2 : 0) | (text.includes('~') ? 4 : 0) | (text.includes('[') ? 8 : 0);
}

function gfmWithoutAutolinkLiterals(this: Processor, parts: number) {
  const data = this.data() as { micromarkExtensions?: unknown[]; fromMarkdownExtensions?: unknown[] };
  const syntax = (data.micromarkExtensions ??= []);
  const tree = (data.fromMarkdownExtensions ??= []);
  if (parts & 1) syntax.push(gfmTable()), tree.push(gfmTableFromMarkdown());
  if (parts & 2) syntax.push(gfmFootnote()), tree.push(gfmFootnoteFromMarkdown());
  if (parts & 4) syntax.push(gfmStrikethrough()), tree.push(gfmStrikethroughFromMarkdown());
  if (parts & 8) syntax.push(gfmTaskListItem()), tree.push(gfmTaskListItemFromMarkdown());
}

/** One frozen processor per flavor and set of GFM parts, made on first use (at most 32). */
const parsers = new Map<number, Processor>();

function parserFor(flavor: Flavor, parts: number): Processor {
  const key = parts | (flavor === 'mdx' ? 16 : 0);
  let parser = parsers.get(key);
  if (!parser) {
    const base = unified().use(remarkParse).use(gfmWithoutAutolinkLiterals, parts);
    parser = (flavor === 'mdx' ? base.use(remarkMdx) : base).freeze() as unknown as Processor;
    parsers.set(key, parser);
  }
  return parser;
}

export function parseMarkdown(text: string, flavor: Flavor = 'markdown'): Root {
  if (flavor === 'markdown' && text.charCodeAt(0) !== 0xfeff) {
    const fast = findFastBlocks(text);
    const tree = fast && mergeFastBlocks(fast, fast.rest === undefined ? undefined : parseWithMicromark(fast.rest));
    if (tree) return tree;
  }
  return parseWithMicromark(text, flavor);
}

/** The tree of `text` as micromark gives it, every block parsed by it (what fast-blocks.ts is compared with). */
export function parseWithMicromark(text: string, flavor: Flavor = 'markdown'): Root {
  const parser = parserFor(flavor, gfmParts(text));
  const startsWithMark = text.charCodeAt(0) === 0xfeff;
  // MDX is left whole: a JSX block may hold what looks like table rows.
  const inPieces = flavor === 'markdown' && !startsWithMark ? parseWithTablePieces(text, (piece) => parser.parse(piece) as Root) : undefined;
  const tree = inPieces ?? (parser.parse(bomAsText(text)) as Root);
  if (!startsWithMark) return tree;
  // The mark is the first character of the first leaf with a value (a paragraph's text: no block starts with it).
  let node: Nodes | undefined = tree;
  while (node && 'children' in node) node = node.children[0];
  if (node && 'value' in node && node.position?.start.offset === 0 && node.value.startsWith('\u00a0')) node.value = '\ufeff' + node.value.slice(1);
  return tree;
}

/**
 * A text to hand to micromark in place of one that starts with a byte order mark. micromark drops the mark at the
 * start of its input and counts offsets without it, but a chunk, or a paragraph parsed on its own, may start with
 * one that is text in the document (after front matter, at the start of a piece: fuzz, case 1410099287, where every
 * offset after it was one off and a bare-URL fix cut the URL short). U+00A0 is the same to the parser in every
 * respect (Unicode white space, not Markdown's space or tab), so it is parsed in the mark's place, keeping offsets.
 */
export function bomAsText(text: string): string {
  return text.charCodeAt(0) === 0xfeff ? `\u00a0${text.slice(1)}` : text;
}
