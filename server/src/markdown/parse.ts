// The one place that knows how Markdown is parsed: remark with GFM tables, footnotes, strikethrough and task
// lists; MDX files add remark-mdx so imports and JSX are syntax, not errors.
//
// GFM's autolink literals (bare `https://…` and `www.…` in text) are not parsed here: micromark's pass for them
// cost about a third of all parsing time on the corpora. Benchpress finds bare URLs in prose itself (summary.ts,
// `findBareUrls`), which is all its rules need.
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
import type { Root } from 'mdast';

import type { Flavor } from './flavor';

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
  return parserFor(flavor, gfmParts(text)).parse(text) as Root;
}
