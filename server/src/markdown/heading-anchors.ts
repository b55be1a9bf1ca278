// Heading anchors of a draft for the workspace's publishing platform (`links.anchorStyle`), from the chunk
// summaries. Each chunk records its headings' text as that platform renders it (`renderedHeadingText` of the
// slugs module, on the mdast heading with its source), so anchors come from the heading as rendered — without
// image alt, HTML comments or reference labels when the platform drops them. A heading whose rendering depends
// on the rest of the document is rendered again here, on its own source plus what it needs from the document:
// a reference link or footnote whose definition is in another chunk (`## Title [ref][goodref]`), and footnote
// numbers (GitHub shows the footnote's number, counted over the whole document). Every consumer (links,
// contents list, completion, hover, preview) uses these anchors, so they never disagree.
import type { Heading } from 'mdast';
import { parseMarkdown, type Flavor } from './parse';
import { documentHeadings, headingAnchors, renderedHeadingText, type AnchorOptions, type AnchorStyle, type HeadingText } from './slugs';
import type { DefinitionInfo, HeadingInfo, ReferenceInfo } from './summary';

export interface AnchorSettings {
  style: AnchorStyle;
  options?: AnchorOptions;
}

export const DEFAULT_ANCHOR_SETTINGS: AnchorSettings = Object.freeze({ style: 'github' as const });

/** A key that tells settings apart (caches). */
export function anchorSettingsKey(settings: AnchorSettings): string {
  return JSON.stringify([settings.style, settings.options ?? {}]);
}

/** Display names of the platforms, for messages. */
export const ANCHOR_STYLE_NAMES: Readonly<Record<AnchorStyle, string>> = {
  github: 'GitHub',
  gitlab: 'GitLab',
  vscode: 'VS Code',
  mkdocs: 'MkDocs',
  hugo: 'Hugo',
  docusaurus: 'Docusaurus',
  vitepress: 'VitePress',
  hexo: 'Hexo',
};

/**
 * The heading's text as the platform renders it, from the chunk's own parse, and whether the document must
 * render it again (it holds a footnote reference, or brackets that may be a reference defined elsewhere).
 */
export function chunkHeadingText(heading: Heading, source: string, settings: AnchorSettings): { anchorText: HeadingText; anchorNeedsDocument?: true } {
  const anchorText = renderedHeadingText(heading, settings.style, { ...settings.options, source });
  return dependsOnDocument(heading) ? { anchorText, anchorNeedsDocument: true } : { anchorText };
}

function dependsOnDocument(heading: Heading): boolean {
  const stack: Heading['children'][number][] = [...heading.children];
  while (stack.length > 0) {
    const node = stack.pop()!;
    if (node.type === 'footnoteReference') return true;
    if (node.type === 'text' && node.value.includes('[') && /\[[^\]]*\]/.test(node.value)) return true;
    if ('children' in node) stack.push(...(node.children as Heading['children']));
  }
  return false;
}

export interface AnchorInput {
  text: string;
  flavor: Flavor;
  headings: readonly HeadingInfo[];
  definitions: readonly DefinitionInfo[];
  references: readonly ReferenceInfo[];
}

const LABEL = /\[(\^?)([^[\]\n]{1,999})\]/g;
const labelKey = (label: string) => label.replace(/[\t\n\r ]+/g, ' ').trim().toLowerCase();

/** The anchors of the document's headings, in order ('' where the platform gives a heading none). */
export function documentHeadingAnchors(input: AnchorInput, settings: AnchorSettings): string[] {
  let context: DocumentContext | undefined;
  const texts = input.headings.map((h) => {
    if (h.anchorText && !h.anchorNeedsDocument) return h.anchorText;
    context ??= documentContext(input);
    return renderAlone(h, input, context, settings) ?? h.anchorText ?? { text: h.text };
  });
  return headingAnchors(texts, settings.style, settings.options);
}

interface DocumentContext {
  links: Map<string, string>;
  footnotes: Map<string, string>;
  footnoteNumbers: Map<string, number>;
}

function documentContext(input: AnchorInput): DocumentContext {
  const links = new Map<string, string>();
  const footnotes = new Map<string, string>();
  for (const d of input.definitions) {
    const key = labelKey(d.label);
    const map = d.kind === 'footnote' ? footnotes : links;
    if (!map.has(key)) map.set(key, d.label);
  }
  // GitHub numbers footnotes in the order of their first reference (references to defined footnotes only).
  const footnoteNumbers = new Map<string, number>();
  const refs = input.references.filter((r) => r.kind === 'footnote').sort((a, b) => a.start - b.start);
  for (const r of refs) {
    const key = labelKey(r.label);
    if (footnotes.has(key) && !footnoteNumbers.has(key)) footnoteNumbers.set(key, footnoteNumbers.size + 1);
  }
  return { links, footnotes, footnoteNumbers };
}

/** Renders one heading from its own source plus the definitions it names. */
function renderAlone(h: HeadingInfo, input: AnchorInput, context: DocumentContext, settings: AnchorSettings): HeadingText | undefined {
  const own = input.text.slice(h.start, h.end);
  if (own.length > 10_000) return undefined;
  const definitions = new Set<string>();
  for (const m of own.matchAll(LABEL)) {
    const key = labelKey(m[2]!);
    if (m[1]) {
      const label = context.footnotes.get(key);
      if (label !== undefined) definitions.add(`[^${label}]: .`);
    } else {
      const label = context.links.get(key);
      if (label !== undefined) definitions.add(`[${label}]: #`);
    }
  }
  // Indentation is kept off: a heading inside a list or quote starts at its `#`.
  const source = `${own}\n\n${[...definitions].join('\n\n')}\n`;
  const numbers = own.includes('[^') ? [...context.footnoteNumbers].join(',') : '';
  const key = `${input.flavor}\u0000${anchorSettingsKey(settings)}\u0000${numbers}\u0000${source}`;
  if (RENDERED.has(key)) return RENDERED.get(key);
  let rendered: HeadingText | undefined;
  try {
    const heading = documentHeadings(parseMarkdown(source, input.flavor))[0];
    rendered = heading && renderedHeadingText(heading, settings.style, { ...settings.options, source, footnoteNumbers: context.footnoteNumbers });
  } catch {
    rendered = input.flavor === 'mdx' ? renderAlone(h, { ...input, flavor: 'markdown' }, context, settings) : undefined;
  }
  // Checked again on every edit: the same heading is not parsed again.
  RENDERED.set(key, rendered);
  if (RENDERED.size > 5000) RENDERED.delete(RENDERED.keys().next().value as string);
  return rendered;
}

const RENDERED = new Map<string, HeadingText | undefined>();
