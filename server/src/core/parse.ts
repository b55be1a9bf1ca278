// The one place that knows how Markdown is parsed: remark with GFM (tables, task lists, footnotes,
// strikethrough, autolink literals); MDX files add remark-mdx so imports and JSX are syntax, not errors.
import { unified } from 'unified';
import remarkParse from 'remark-parse';
import remarkGfm from 'remark-gfm';
import remarkMdx from 'remark-mdx';
import type { Root } from 'mdast';

export type Flavor = 'markdown' | 'mdx';

const markdownParser = unified().use(remarkParse).use(remarkGfm).freeze();
const mdxParser = unified().use(remarkParse).use(remarkGfm).use(remarkMdx).freeze();

export function parseMarkdown(text: string, flavor: Flavor = 'markdown'): Root {
  return (flavor === 'mdx' ? mdxParser : markdownParser).parse(text);
}

export function flavorOf(path: string): Flavor {
  return /\.mdx$/i.test(path) ? 'mdx' : 'markdown';
}
