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

export type Flavor = 'markdown' | 'mdx';

function gfmWithoutAutolinkLiterals(this: Processor) {
  const data = this.data() as { micromarkExtensions?: unknown[]; fromMarkdownExtensions?: unknown[] };
  (data.micromarkExtensions ??= []).push(gfmTable(), gfmFootnote(), gfmStrikethrough(), gfmTaskListItem());
  (data.fromMarkdownExtensions ??= []).push(gfmTableFromMarkdown(), gfmFootnoteFromMarkdown(), gfmStrikethroughFromMarkdown(), gfmTaskListItemFromMarkdown());
}

const markdownParser = unified().use(remarkParse).use(gfmWithoutAutolinkLiterals).freeze();
const mdxParser = unified().use(remarkParse).use(gfmWithoutAutolinkLiterals).use(remarkMdx).freeze();

export function parseMarkdown(text: string, flavor: Flavor = 'markdown'): Root {
  return (flavor === 'mdx' ? mdxParser : markdownParser).parse(text) as Root;
}

export function flavorOf(path: string): Flavor {
  return /\.mdx$/i.test(path) ? 'mdx' : 'markdown';
}
