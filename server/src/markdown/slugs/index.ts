// Heading anchors ("slugs") exactly as each publishing platform makes them. Pure: depends on mdast types and
// github-slugger only. Each profile file cites the renderer's documented algorithm:
//   github.ts     github-slugger (fixtures generated on github.com)
//   gitlab.ts     GitLab TableOfContentsFilter / Gitlab::Utils::Markdown.string_to_anchor
//   vscode.ts     vscode-markdown-languageservice slugify.ts + tableOfContents.ts
//   mkdocs.ts     python-markdown toc (+ attr_list, slugify_unicode, pymdownx.slugs)
//   hugo.ts       goldmark auto heading IDs as configured by Hugo (github, github-ascii, blackfriday)
//   docusaurus.ts @docusaurus/mdx-loader headings plugin ({#id} + github-slugger)
//   vitepress.ts  markdown-it-anchor + @mdit-vue/shared slugify + markdown-it-attrs
//   hexo.ts       hexo-renderer-marked + hexo-util slugize
import type { Heading, Nodes, Root } from 'mdast';
import { docusaurus } from './docusaurus';
import { github } from './github';
import { gitlab } from './gitlab';
import { hexo } from './hexo';
import { hugo } from './hugo';
import { mkdocs } from './mkdocs';
import { ANCHOR_STYLES } from './types';
import type { AnchorOptions, AnchorProfile, AnchorStyle, HeadingText, RenderOptions } from './types';
import { vitepress } from './vitepress';
import { vscode, vscodeFragmentMatches } from './vscode';

export { ANCHOR_STYLES } from './types';
export type {
  AnchorOptions,
  AnchorProfile,
  AnchorStyle,
  DocusaurusOptions,
  HeadingText,
  HexoOptions,
  HugoOptions,
  MkdocsOptions,
  RenderOptions,
  VitepressOptions,
} from './types';
export { htmlAnchors } from './html';

const PROFILES: Readonly<Record<AnchorStyle, AnchorProfile>> = { github, gitlab, vscode, mkdocs, hugo, docusaurus, vitepress, hexo };

export function isAnchorStyle(value: unknown): value is AnchorStyle {
  return typeof value === 'string' && (ANCHOR_STYLES as readonly string[]).includes(value);
}

export function anchorProfile(style: AnchorStyle): AnchorProfile {
  const profile = PROFILES[style];
  if (!profile) throw new TypeError(`unknown anchor style: ${String(style)}`);
  return profile;
}

/**
 * Heading text as the renderer slugs it, from the mdast heading node. `options.source` (the text the node's
 * positions refer to) is needed for Hugo, which slugs the raw source line, and for VitePress image labels.
 * The explicit-id syntax the profile supports (`{#id}`, attr_list `{: #id }`) is removed from the text and
 * returned as `explicitId`.
 */
export function renderedHeadingText(heading: Heading, style: AnchorStyle, options: RenderOptions = {}): HeadingText {
  return anchorProfile(style).headingText(heading, options);
}

/**
 * Anchors for a document's headings in order, duplicates numbered as the renderer numbers them. Linear time.
 * An entry is '' when the renderer gives that heading no anchor (GitLab: empty heading).
 */
export function headingAnchors(headings: readonly HeadingText[], style: AnchorStyle, options: AnchorOptions = {}): string[] {
  // A draft is checked again on every edit and its headings mostly stay as they were: the anchors of the last few
  // heading lists are kept, by everything they are made from.
  const key = JSON.stringify([style, options, headings.map((h) => [h.text, h.explicitId ?? null, h.noAnchor === true])]);
  const known = recentAnchors.get(key);
  if (known) return known.slice();
  const anchors = anchorProfile(style).anchors(headings, options);
  if (recentAnchors.size >= 8) recentAnchors.delete(recentAnchors.keys().next().value as string);
  recentAnchors.set(key, anchors.slice());
  return anchors;
}

const recentAnchors = new Map<string, string[]>();

/** The anchor for one heading text, before duplicate numbering (explicit ids are not considered). */
export function slugify(text: string, style: AnchorStyle, options: AnchorOptions = {}): string {
  return anchorProfile(style).slugify(text, options);
}

/** Every heading of a document (including those in lists and block quotes), in document order. */
export function documentHeadings(tree: Root): Heading[] {
  const out: Heading[] = [];
  const stack: Nodes[] = [tree];
  while (stack.length > 0) {
    const node = stack.pop()!;
    if (node.type === 'heading') {
      out.push(node);
      continue;
    }
    if ('children' in node) for (let i = node.children.length - 1; i >= 0; i--) stack.push(node.children[i] as Nodes);
  }
  return out;
}

/** Footnote identifier → the number GitHub shows for it (order of first reference in the document). */
export function footnoteNumbers(tree: Root): Map<string, number> {
  const numbers = new Map<string, number>();
  const stack: Nodes[] = [tree];
  while (stack.length > 0) {
    const node = stack.pop()!;
    if (node.type === 'footnoteReference') {
      if (!numbers.has(node.identifier)) numbers.set(node.identifier, numbers.size + 1);
    } else if ('children' in node) for (let i = node.children.length - 1; i >= 0; i--) stack.push(node.children[i] as Nodes);
  }
  return numbers;
}

/** The heading anchors of a parsed document for one renderer. */
export function documentAnchors(tree: Root, style: AnchorStyle, options: RenderOptions = {}): string[] {
  const profile = anchorProfile(style);
  const full: RenderOptions = options.footnoteNumbers || (style !== 'github' && style !== 'gitlab') ? options : { ...options, footnoteNumbers: footnoteNumbers(tree) };
  return profile.anchors(
    documentHeadings(tree).map((h) => profile.headingText(h, full)),
    full,
  );
}

/** The fragment as a URL holds it: WHATWG fragment percent-encode set (C0 controls, space, ", <, >, `, above U+007E). */
export function encodeFragment(fragment: string): string {
  let out = '';
  for (const ch of fragment) {
    const cp = ch.codePointAt(0)!;
    if (cp <= 0x20 || cp > 0x7e || ch === '"' || ch === '<' || ch === '>' || ch === '`') {
      for (const byte of new TextEncoder().encode(ch)) out += `%${byte.toString(16).toUpperCase().padStart(2, '0')}`;
    } else out += ch;
  }
  return out;
}

/** UTF-8 percent-decoding as browsers do it (invalid sequences become U+FFFD; a lone `%` stays). */
export function percentDecode(value: string): string {
  if (!value.includes('%')) return value;
  const bytes: number[] = [];
  for (let i = 0; i < value.length; ) {
    if (value[i] === '%' && /^[0-9a-fA-F]{2}$/.test(value.slice(i + 1, i + 3))) {
      bytes.push(parseInt(value.slice(i + 1, i + 3), 16));
      i += 3;
    } else {
      const cp = value.codePointAt(i)!;
      bytes.push(...new TextEncoder().encode(String.fromCodePoint(cp)));
      i += cp > 0xffff ? 2 : 1;
    }
  }
  return new TextDecoder('utf-8', { fatal: false, ignoreBOM: true }).decode(new Uint8Array(bytes));
}

/**
 * Whether a link fragment (the part after `#`, as written in the link) reaches an anchor on that platform.
 * Browsers (HTML Standard "find a potential indicated element") compare the URL's fragment and then its
 * percent-decoded form with ids, case-sensitively. VS Code's link validation slugifies the fragment and compares
 * case-insensitively.
 */
export function fragmentMatches(fragment: string, anchor: string, style: AnchorStyle): boolean {
  const encoded = encodeFragment(fragment);
  const decoded = percentDecode(encoded);
  if (style === 'vscode') return vscodeFragmentMatches(decoded, anchor);
  return anchor !== '' && (anchor === encoded || anchor === decoded);
}
