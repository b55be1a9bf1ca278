// Docusaurus (v2/v3), `@docusaurus/mdx-loader` remark plugin `headings`.
//
// facebook/docusaurus packages/docusaurus-mdx-loader/src/remark/headings/index.ts and
// packages/docusaurus-utils/src/{markdownHeadingIdUtils,slugger}.ts; docs: docusaurus.io/docs/markdown-features/toc
// ("Heading IDs": explicit `### Hello World {#my-explicit-id}`; otherwise generated like GitHub).
// 1. text = mdast-util-to-string of the heading's children minus its *top-level* `html`/`jsx` nodes (all children
//    if that leaves none). to-string's defaults include image alt text and the value of nested html nodes, so
//    `## ![logo](x.png) Title` slugs "logo Title" — unlike GitHub, whose rendered text has no alt.
// 2. explicit id: `parseMarkdownHeadingId` matches `\s*\{#(id)\}$` at the end of that text, where id is any run
//    of characters without `{#` or `}` (trimmed); the id is used as written (not slugified) and is NOT recorded
//    in the slugger, so a later heading can generate the same id.
// 3. otherwise github-slugger's `slug(text, maintainCase)` (`markdown.anchors.maintainCase`, default false),
//    one slugger per document: duplicates `-1`, `-2`, … exactly as GitHub.
import GithubSlugger, { slug as githubSlug } from 'github-slugger';
import type { Heading, Nodes } from 'mdast';
import { flatten } from './inline';
import type { AnchorOptions, AnchorProfile, HeadingText } from './types';

const HEADING_ID = /\s*\{#((?:.(?!\{#|\}))*.)\}$/;

export function parseHeadingId(text: string): HeadingText {
  const m = HEADING_ID.exec(text);
  return m ? { text: text.slice(0, m.index), explicitId: m[1]!.trim() } : { text };
}

export function docusaurusHeadingText(heading: Heading): HeadingText {
  const kept = heading.children.filter((c) => c.type !== 'html');
  const nodes = (kept.length > 0 ? kept : heading.children) as Nodes[];
  const text = flatten(nodes, { image: (node) => node.alt ?? '', html: (value) => value, lineBreak: '' })
    .map((p) => p.value)
    .join('');
  return parseHeadingId(text);
}

export function docusaurusSlug(text: string, options: AnchorOptions = {}): string {
  return githubSlug(text, options.docusaurus?.maintainCase === true);
}

export const docusaurus: AnchorProfile = {
  style: 'docusaurus',
  headingText: docusaurusHeadingText,
  slugify: docusaurusSlug,
  anchors(headings, options) {
    const slugger = new GithubSlugger();
    const maintainCase = options.docusaurus?.maintainCase === true;
    return headings.map((h) => (h.explicitId !== undefined ? h.explicitId : slugger.slug(h.text, maintainCase)));
  },
};
