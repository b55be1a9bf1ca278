// Extracts from one chunk's syntax tree the facts that document-level rules need (headings, definitions,
// references, links, lists, content features, prose). Everything is plain JSON with offsets relative to the
// chunk, so a summary can be cached with the chunk and reused wherever the chunk moves in the document.
import type { Nodes, Parent, Root } from 'mdast';
import { toString } from 'mdast-util-to-string';
import { blankSpans, isWhiteSpaceCode } from '../base/text';
import { htmlAnchors, type HeadingText } from './slugs';
import { chunkHeadingText, DEFAULT_ANCHOR_SETTINGS, type AnchorSettings } from './heading-anchors';

export interface Span {
  start: number;
  end: number;
}

export interface HeadingInfo extends Span {
  level: number;
  text: string;
  /** The heading's text without the `#` markers. */
  content: Span;
  /** False for headings inside lists or block quotes: they get anchors but do not start sections. */
  topLevel: boolean;
  /**
   * The heading's text as the workspace's publishing platform renders it (`links.anchorStyle`), which its anchor
   * is made from; absent when the chunk was not parsed (the document renders the heading then).
   */
  anchorText?: HeadingText;
  /** The rendering depends on the rest of the document (footnotes, references defined in another chunk). */
  anchorNeedsDocument?: true;
}

export interface DefinitionInfo extends Span {
  kind: 'link' | 'footnote';
  label: string;
  id: string;
  url?: string;
  urlSpan?: Span;
}

export interface ReferenceInfo extends Span {
  kind: 'link' | 'image' | 'footnote';
  label: string;
  id: string;
  form: 'full' | 'collapsed' | 'shortcut';
  /** True when the parser resolved it inside the chunk; false for `[text][id]` found as plain text. */
  parsed: boolean;
  /** The span of the label itself, for completions and renames. */
  labelSpan: Span;
}

export interface LinkInfo extends Span {
  /** `bare`: a URL written as plain text (`https://…`, `www.…`), found by Benchpress rather than the parser. */
  kind: 'link' | 'image' | 'definition' | 'autolink' | 'html' | 'bare';
  url: string;
  urlSpan: Span;
}

export interface ListItemInfo extends Span {
  text: string;
  url?: string;
  children: ListItemInfo[];
}

export interface ListInfo extends Span {
  ordered: boolean;
  topLevel: boolean;
  items: ListItemInfo[];
}

export type FeatureKind = 'table' | 'code' | 'image' | 'content';

export interface FeatureInfo {
  kind: FeatureKind;
  offset: number;
}

export interface ProseSegment {
  kind: 'heading' | 'body';
  /** The source text of a paragraph, heading or table cell, with code, URLs, HTML and markup blanked out. */
  text: string;
  offset: number;
}

/**
 * A comment that turns checks off or on: `<!-- benchpress-disable RULE… -->` and its siblings, or remark-lint's
 * `<!-- lint disable ID -->` (see engine/suppression.ts for what each does).
 */
export interface DirectiveInfo extends Span {
  kind: 'disable' | 'enable' | 'disable-next-line' | 'disable-line' | 'disable-file' | 'lint-disable' | 'lint-enable' | 'lint-ignore';
  /** Rule ids or groups as written; empty means every rule. */
  rules: string[];
  /** Where the rule list starts in the source (for a diagnostic on an unknown id). */
  rulesStart: number;
}

export interface BracketInfo extends Span {
  text: string;
}

export interface ChunkSummary {
  headings: HeadingInfo[];
  definitions: DefinitionInfo[];
  references: ReferenceInfo[];
  links: LinkInfo[];
  lists: ListInfo[];
  features: FeatureInfo[];
  prose: ProseSegment[];
  /** `[...]` left as plain text (placeholders, or references resolved elsewhere in the document). */
  brackets: BracketInfo[];
  /** Link targets that raw HTML defines: `id` on any element, `name` on `<a>` (as a browser finds them). */
  htmlIds: string[];
  directives: DirectiveInfo[];
  maxDepth: number;
}

/** Normalises a reference label the way CommonMark matches them (case fold, collapsed white space). */
export function normalizeLabel(label: string): string {
  return label.replace(/[\t\n\r ]+/g, ' ').trim().toLowerCase().toUpperCase();
}

const offsetOf = (node: Nodes): Span => ({ start: node.position?.start.offset ?? 0, end: node.position?.end.offset ?? 0 });

/** Finds the destination of an inline link/image in its source, starting after the link text. */
function destinationSpan(text: string, from: number, end: number): Span | undefined {
  const open = text.indexOf('](', from);
  if (open === -1 || open >= end) return undefined;
  let i = open + 2;
  while (i < end && isWhiteSpaceCode(text.charCodeAt(i))) i++;
  if (text[i] === '<') {
    const close = text.indexOf('>', i);
    return close === -1 || close > end ? undefined : { start: i + 1, end: close };
  }
  let depth = 0;
  let j = i;
  for (; j < end; j++) {
    const c = text.charCodeAt(j);
    if (c === 92 /* \\ */) { j++; continue; }
    if (c === 40 /* ( */) depth++;
    else if (c === 41 /* ) */) { if (depth === 0) break; depth--; }
    else if (isWhiteSpaceCode(c)) break;
  }
  return { start: i, end: j };
}

/**
 * Bare URLs in prose, like GFM's autolink literals (`https://`, `http://`, `www.`), except that a URL also ends at
 * Chinese text and full-width punctuation, which writers do not mean as part of it, and may start right after
 * Chinese text ("见https://x.com获取").
 * Trailing punctuation and an unbalanced closing parenthesis are not part of the URL.
 */
export function findBareUrls(text: string): { start: number; end: number; url: string }[] {
  const out: { start: number; end: number; url: string }[] = [];
  for (const m of text.matchAll(BARE_URL)) {
    let url = m[0].replace(/[?!.,:;*_~'"]+$/, '');
    while (url.endsWith(')') && (url.match(/\(/g)?.length ?? 0) < (url.match(/\)/g)?.length ?? 0)) url = url.slice(0, -1).replace(/[?!.,:;*_~'"]+$/, '');
    if (/^(?:https?:\/\/|www\.)$/i.test(url) || !/[.:]\w/.test(url.replace(/^(?:https?:\/\/|www\.)/i, ''))) continue;
    out.push({ start: m.index, end: m.index + url.length, url: /^www\./i.test(url) ? `http://${url}` : url });
  }
  return out;
}

const BARE_URL = /(?<![A-Za-z0-9_/.@-])(?:https?:\/\/|www\.)[^\s<>"'`\u3000-\u303f\u4e00-\u9fff\uff00-\uffef]+/giu;

const DIRECTIVE = /<!--\s*(?:benchpress-(disable-next-line|disable-line|disable-file|disable|enable)|lint\s+(disable|enable|ignore))\b([^]*?)-->/g;

function collectDirectives(summary: ChunkSummary, html: string, offset: number): void {
  if (!html.includes('<!--')) return;
  for (const m of html.matchAll(DIRECTIVE)) {
    const kind = (m[1] ?? `lint-${m[2]}`) as DirectiveInfo['kind'];
    const list = m[3];
    const lead = list.length - list.trimStart().length;
    const rules = list.trim() === '' ? [] : list.trim().split(/[\s,]+/).filter(Boolean);
    const start = offset + m.index;
    summary.directives.push({ kind, rules, start, end: start + m[0].length, rulesStart: start + m[0].length - 3 - list.length + lead });
  }
}

const BRACKETS = /\[([^[\]\n]{1,200})\](?:\[([^[\]\n]{0,200})\])?(?!\(|:)/g;

/** `types`, when given, receives the type of every node in the tree (rules use it to skip walks that find nothing). */
export function summarize(tree: Root, text: string, anchors: AnchorSettings = DEFAULT_ANCHOR_SETTINGS, types?: Set<string>): ChunkSummary {
  const summary: ChunkSummary = { headings: [], definitions: [], references: [], links: [], lists: [], features: [], prose: [], brackets: [], htmlIds: [], directives: [], maxDepth: 0 };
  // Iterative walk: deep input must not overflow the stack here.
  const stack: { node: Nodes; depth: number; topLevel: boolean }[] = [{ node: tree, depth: 0, topLevel: true }];
  while (stack.length > 0) {
    const { node, depth, topLevel } = stack.pop()!;
    types?.add(node.type);
    if (depth > summary.maxDepth) summary.maxDepth = depth;
    const span = offsetOf(node);
    // Nodes made by transforms (some GFM autolink literals) have no place in the source: nothing to report on.
    const placed = node.type === 'root' || node.position !== undefined;
    if (!placed) {
      if ('children' in node) for (let i = node.children.length - 1; i >= 0; i--) stack.push({ node: node.children[i] as Nodes, depth: depth + 1, topLevel: false });
      continue;
    }
    switch (node.type) {
      case 'heading': {
        const first = node.children[0];
        const last = node.children[node.children.length - 1];
        const content = first && last ? { start: offsetOf(first).start, end: offsetOf(last).end } : { start: span.end, end: span.end };
        summary.headings.push({ start: span.start, end: span.end, level: node.depth, text: toString(node).trim(), content, topLevel, ...chunkHeadingText(node, text, anchors) });
        addProse(summary, node, text, 'heading');
        break;
      }
      case 'paragraph':
        summary.features.push({ kind: 'content', offset: span.start });
        addProse(summary, node, text, 'body');
        break;
      case 'tableCell':
        addProse(summary, node, text, 'body');
        break;
      case 'table':
        summary.features.push({ kind: 'table', offset: span.start }, { kind: 'content', offset: span.start });
        break;
      case 'code':
        summary.features.push({ kind: 'code', offset: span.start }, { kind: 'content', offset: span.start });
        break;
      case 'html': {
        // A comment alone is not content: a section holding only "<!-- TODO -->" is still empty.
        if (!/^\s*<!--[\s\S]*-->\s*$/.test(node.value)) summary.features.push({ kind: 'content', offset: span.start });
        if (node.value.includes('=')) summary.htmlIds.push(...htmlAnchors(node.value));
        if (/<img\b/i.test(node.value)) summary.features.push({ kind: 'image', offset: span.start });
        collectHtmlLinks(summary, node.value, span.start);
        collectDirectives(summary, node.value, span.start);
        break;
      }
      case 'image':
        summary.features.push({ kind: 'image', offset: span.start });
        addLink(summary, 'image', node.url, span, text, node.alt ? span.start + 2 + node.alt.length : span.start + 2);
        break;
      case 'link': {
        const isAutolink = text[span.start] !== '[';
        const textEnd = node.children.length ? offsetOf(node.children[node.children.length - 1]).end : span.start + 1;
        if (isAutolink) {
          const inner = text[span.start] === '<' ? { start: span.start + 1, end: span.end - 1 } : span;
          summary.links.push({ start: span.start, end: span.end, kind: 'autolink', url: node.url, urlSpan: inner });
        } else {
          addLink(summary, 'link', node.url, span, text, textEnd);
        }
        break;
      }
      case 'definition': {
        const urlStart = text.indexOf(']:', span.start);
        let urlSpan: Span | undefined;
        if (urlStart !== -1 && urlStart < span.end) {
          let i = urlStart + 2;
          while (i < span.end && /\s/.test(text[i])) i++;
          if (text[i] === '<') urlSpan = { start: i + 1, end: Math.max(i + 1, text.indexOf('>', i)) };
          else {
            let j = i;
            while (j < span.end && !/\s/.test(text[j])) j++;
            urlSpan = { start: i, end: j };
          }
        }
        summary.definitions.push({ start: span.start, end: span.end, kind: 'link', label: node.label ?? node.identifier, id: normalizeLabel(node.label ?? node.identifier), url: node.url, urlSpan });
        if (urlSpan) summary.links.push({ start: span.start, end: span.end, kind: 'definition', url: node.url, urlSpan });
        break;
      }
      case 'footnoteDefinition':
        summary.definitions.push({ start: span.start, end: span.end, kind: 'footnote', label: node.label ?? node.identifier, id: normalizeLabel(node.label ?? node.identifier) });
        break;
      case 'linkReference':
      case 'imageReference': {
        const label = node.label ?? node.identifier;
        const labelStart = node.referenceType === 'full' ? text.lastIndexOf('[', span.end - 1) + 1 : span.start + (node.type === 'imageReference' ? 2 : 1);
        const labelEnd = node.referenceType === 'full' ? span.end - 1 : labelStart + label.length;
        summary.references.push({ start: span.start, end: span.end, kind: node.type === 'linkReference' ? 'link' : 'image', label, id: normalizeLabel(label), form: node.referenceType, parsed: true, labelSpan: { start: labelStart, end: labelEnd } });
        if (node.type === 'imageReference') summary.features.push({ kind: 'image', offset: span.start });
        break;
      }
      case 'footnoteReference': {
        const label = node.label ?? node.identifier;
        summary.references.push({ start: span.start, end: span.end, kind: 'footnote', label, id: normalizeLabel(label), form: 'full', parsed: true, labelSpan: { start: span.start + 2, end: span.end - 1 } });
        break;
      }
      case 'list':
        summary.features.push({ kind: 'content', offset: span.start });
        summary.lists.push({ start: span.start, end: span.end, ordered: !!node.ordered, topLevel, items: listItems(node, text) });
        break;
      case 'blockquote':
        summary.features.push({ kind: 'content', offset: span.start });
        break;
      default:
        break;
    }
    if ('children' in node) {
      const nested = topLevel && node.type === 'root';
      for (let i = node.children.length - 1; i >= 0; i--) {
        stack.push({ node: node.children[i] as Nodes, depth: depth + 1, topLevel: nested });
      }
    }
  }
  summary.features.sort((a, b) => a.offset - b.offset);
  summary.headings.sort((a, b) => a.start - b.start);
  return summary;
}

function addLink(summary: ChunkSummary, kind: 'link' | 'image', url: string, span: Span, text: string, textEnd: number): void {
  const urlSpan = destinationSpan(text, Math.max(span.start, textEnd - 1), span.end);
  summary.links.push({ start: span.start, end: span.end, kind, url, urlSpan: urlSpan ?? span });
}

const HTML_URL = /\b(href|src)\s*=\s*("([^"]*)"|'([^']*)')/gi;
function collectHtmlLinks(summary: ChunkSummary, html: string, base: number): void {
  for (const m of html.matchAll(HTML_URL)) {
    const url = m[3] ?? m[4] ?? '';
    const start = base + m.index + m[0].length - 1 - url.length;
    summary.links.push({ start: base + m.index, end: base + m.index + m[0].length, kind: 'html', url, urlSpan: { start, end: start + url.length } });
  }
}

function listItems(list: Parent, text: string): ListItemInfo[] {
  const items: ListItemInfo[] = [];
  for (const item of list.children) {
    if (item.type !== 'listItem') continue;
    const first = item.children[0];
    const span = offsetOf(item as Nodes);
    let url: string | undefined;
    if (first?.type === 'paragraph' && first.children.length === 1 && first.children[0].type === 'link') url = first.children[0].url;
    const nested = item.children.find((c) => c.type === 'list');
    items.push({
      start: span.start,
      end: span.end,
      text: first && first.type === 'paragraph' ? toString(first).trim() : '',
      url,
      children: nested && nested.type === 'list' ? listItems(nested, text) : [],
    });
  }
  return items;
}

/** Builds a prose segment from a block's source, blanking what is not prose, and finds plain-text brackets. */
function addProse(summary: ChunkSummary, node: Parent, text: string, kind: 'heading' | 'body'): void {
  const span = offsetOf(node as Nodes);
  const contentStart = node.type === 'heading' && node.children.length ? offsetOf(node.children[0] as Nodes).start : span.start;
  const contentEnd = node.type === 'heading' && node.children.length ? offsetOf(node.children[node.children.length - 1] as Nodes).end : span.end;
  if (contentEnd <= contentStart) return;
  // Collect the spans to blank, then build the masked text in one pass (no per-character array).
  const blanks: [number, number][] = [];
  /** Link texts: a bare URL inside one is text, not another link (links do not nest). */
  const linkTexts: [number, number][] = [];
  const blank = (from: number, to: number) => {
    const a = Math.max(from, contentStart);
    const b = Math.min(to, contentEnd);
    if (b > a) blanks.push([a, b]);
  };
  const stack: Nodes[] = [...(node.children as Nodes[])];
  while (stack.length > 0) {
    const child = stack.pop()!;
    const s = offsetOf(child);
    switch (child.type) {
      case 'inlineCode':
      case 'html':
      case 'image':
      case 'imageReference':
      case 'footnoteReference':
        blank(s.start, s.end);
        continue;
      case 'link':
      case 'linkReference': {
        if (text[s.start] !== '[') { blank(s.start, s.end); continue; }
        const last = child.children[child.children.length - 1];
        blank(s.start, s.start + 1);
        blank(last ? offsetOf(last).end : s.start + 1, s.end);
        if (last) linkTexts.push([s.start + 1, offsetOf(last).end]);
        break;
      }
      case 'emphasis':
      case 'strong':
      case 'delete': {
        const first = child.children[0];
        const last = child.children[child.children.length - 1];
        if (first && last) {
          blank(s.start, offsetOf(first).start);
          blank(offsetOf(last).end, s.end);
        }
        break;
      }
      default:
        break;
    }
    if ('children' in child) stack.push(...(child.children as Nodes[]));
  }
  // Backslash escapes are literal text, not brackets or markup. (Searched in the block's own text: a search of
  // the chunk from each block ran on to the next backslash anywhere, quadratic in blocks without one.)
  const content = text.slice(contentStart, contentEnd);
  for (let k = content.indexOf('\\'); k !== -1 && k < content.length - 1; k = content.indexOf('\\', k + 1)) {
    if (/[!-/:-@[-`{-~]/.test(content[k + 1])) {
      blanks.push([contentStart + k, contentStart + k + 2]);
      k++;
    }
  }
  let masked = blankSpans(text, contentStart, contentEnd, blanks);
  // Bare URLs become links (for checking) and are blanked from prose (no topic or figure inside a URL).
  const bare = findBareUrls(masked).filter((u) => !linkTexts.some(([a, b]) => contentStart + u.start >= a && contentStart + u.end <= b));
  if (bare.length > 0) {
    for (const u of bare) {
      const span = { start: contentStart + u.start, end: contentStart + u.end };
      summary.links.push({ start: span.start, end: span.end, kind: 'bare', url: u.url, urlSpan: span });
    }
    masked = blankSpans(masked, 0, masked.length, bare.map((u) => [u.start, u.end]));
  }
  summary.prose.push({ kind, text: masked, offset: contentStart });
  for (const m of masked.matchAll(BRACKETS)) {
    const start = contentStart + m.index;
    const end = start + m[0].length;
    const inner = m[1];
    if (m[2] !== undefined) {
      const label = m[2] === '' ? inner : m[2];
      const labelStart = m[2] === '' ? start + 1 : start + inner.length + 3;
      summary.references.push({ start, end, kind: 'link', label, id: normalizeLabel(label), form: m[2] === '' ? 'collapsed' : 'full', parsed: false, labelSpan: { start: labelStart, end: labelStart + label.length } });
    } else if (inner.startsWith('^')) {
      const label = inner.slice(1);
      summary.references.push({ start, end, kind: 'footnote', label, id: normalizeLabel(label), form: 'full', parsed: false, labelSpan: { start: start + 2, end: end - 1 } });
    } else {
      summary.brackets.push({ start, end, text: inner });
    }
  }
}
