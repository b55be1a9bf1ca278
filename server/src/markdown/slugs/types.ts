// Shared types of the heading-anchor profiles. Each profile file (github.ts, gitlab.ts, …) states the algorithm
// of one publishing platform and where it is documented; index.ts is the public entry point.

/** A publishing platform whose heading anchors we reproduce. */
export type AnchorStyle = 'github' | 'gitlab' | 'vscode' | 'mkdocs' | 'hugo' | 'docusaurus' | 'vitepress' | 'hexo';

export const ANCHOR_STYLES: readonly AnchorStyle[] = Object.freeze([
  'github',
  'gitlab',
  'vscode',
  'mkdocs',
  'hugo',
  'docusaurus',
  'vitepress',
  'hexo',
] as const);

/** A heading's text as the renderer slugs it, and the id the author gave it explicitly (if the renderer supports that). */
export interface HeadingText {
  text: string;
  explicitId?: string;
  /** The renderer gives this heading no anchor at all (GitLab: a heading without content). */
  noAnchor?: boolean;
}

/** python-markdown `toc` extension settings as MkDocs passes them (`markdown_extensions: - toc: …`). */
export interface MkdocsOptions {
  /**
   * Which `toc.slugify` callable is configured:
   * - `'toc'` (default): `markdown.extensions.toc.slugify` — NFKD, ASCII only, lowercase.
   * - `'toc-unicode'`: `markdown.extensions.toc.slugify_unicode` — keeps Unicode letters.
   * - `'pymdownx'`: `pymdownx.slugs.slugify(case=…, normalize=…, percent_encode=…)`.
   */
  slugify?: 'toc' | 'toc-unicode' | 'pymdownx';
  /** `toc.separator`, default `-`. */
  separator?: string;
  /** `pymdownx.slugs.slugify` `case` keyword (its default is `'none'`; Material for MkDocs documents `'lower'`). */
  case?: 'none' | 'lower' | 'lower-ascii' | 'fold';
  /** `pymdownx.slugs.slugify` `normalize` keyword, default `'NFC'`. */
  normalize?: 'NFC' | 'NFD' | 'NFKC' | 'NFKD';
  /** `pymdownx.slugs.slugify` `percent_encode` keyword, default false. */
  percentEncode?: boolean;
  /** Whether the `attr_list` extension is enabled (`## Title { #id }`); default true. */
  attrList?: boolean;
}

/** Hugo `markup.goldmark.parser` settings. */
export interface HugoOptions {
  /** `autoHeadingIDType`: `'github'` (default), `'github-ascii'` or `'blackfriday'`. */
  autoHeadingIDType?: 'github' | 'github-ascii' | 'blackfriday';
  /** `parser.attribute.title` (heading attributes such as `{#id}`), default true. */
  attribute?: boolean;
}

/** Docusaurus `markdown.anchors.maintainCase` (default false). */
export interface DocusaurusOptions {
  maintainCase?: boolean;
}

/** VitePress `markdown.attrs.disable` (default false: `{#id}` works). */
export interface VitepressOptions {
  attrs?: boolean;
}

/** hexo-renderer-marked `marked:` settings that change anchors. */
export interface HexoOptions {
  /** `modifyAnchors`: 0 keeps case (default), 1 lowercases, 2 uppercases. */
  modifyAnchors?: 0 | 1 | 2;
  /** `smartypants` (default true): quotes, dashes and ellipses become typographic characters before slugging. */
  smartypants?: boolean;
}

export interface AnchorOptions {
  mkdocs?: MkdocsOptions;
  hugo?: HugoOptions;
  docusaurus?: DocusaurusOptions;
  vitepress?: VitepressOptions;
  hexo?: HexoOptions;
}

export interface RenderOptions extends AnchorOptions {
  /**
   * The document source the mdast positions refer to. Hugo (goldmark) slugs the heading's raw source line, and
   * VitePress uses an image's raw alt source; without it those profiles fall back to the mdast text.
   */
  source?: string;
  /**
   * GitHub numbers footnotes by their first reference in the document and renders that number in the heading;
   * `documentAnchors` fills this in (footnote identifier → number). Without it a footnote reference adds nothing.
   */
  footnoteNumbers?: ReadonlyMap<string, number>;
}

/** One platform's rules. */
export interface AnchorProfile {
  readonly style: AnchorStyle;
  /** The heading's text as the renderer slugs it (explicit-id syntax removed and returned separately). */
  headingText(heading: import('mdast').Heading, options: RenderOptions): HeadingText;
  /** The anchor for one heading text, before duplicate numbering. */
  slugify(text: string, options: AnchorOptions): string;
  /** Anchors for a document's headings in order, duplicates numbered as the renderer numbers them. '' = no anchor. */
  anchors(headings: readonly HeadingText[], options: AnchorOptions): string[];
}
