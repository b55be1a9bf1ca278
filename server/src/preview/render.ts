// The preview's HTML: a draft rendered by remark → rehype and sanitised, for the editor's preview panel and for
// `benchpress render`. Pure core (no editor API).
//
// Pipeline: remark-parse + remark-gfm (+ remark-frontmatter, + remark-mdx for .mdx) → remark-rehype with raw
// HTML kept as `raw` nodes → `rawHtmlToHast` (below) turns those into ordinary elements with a small,
// forgiving tokenizer → rehype-sanitize (GitHub's schema, `strip` widened) → annotation (`data-line`, guard
// notices) → rehype-stringify. Nothing the draft wrote reaches the output except through the sanitiser, and
// the serialiser never passes raw HTML through, so the safety of the result does not depend on the tokenizer
// being a faithful HTML parser: whatever it builds is filtered element by element and attribute by attribute.
//
// What the sanitiser keeps (hast-util-sanitize's defaultSchema, i.e. GitHub's): the usual Markdown elements
// plus inline HTML such as <br>, <sup>, <sub>, <kbd>, <img>, <details>/<summary>, <picture>/<source>, <ins>,
// <del>, <ruby>; attributes from an allowlist (alt, title, width, height, align, …) — never `on*`, `style`,
// `srcdoc`, `formaction`; URLs in href only with http, https, mailto, irc(s), xmpp or no scheme (relative),
// in src and in each candidate of a <source> srcset only http, https or relative (`action` and `itemtype`, which
// the schema would keep unchecked, are dropped) — so `javascript:`, `vbscript:`, `data:` and every other scheme are
// dropped; `id` and `name` get the `user-content-` prefix (no DOM clobbering). `<script>`, `<style>`,
// `<iframe>`, `<object>`, `<embed>`, `<svg>`, `<math>`, `<template>`, `<noscript>`, `<textarea>` and `<title>`
// are removed with their content; other unknown elements (`<form>`, `<font>`, …) are replaced by their content.
//
// Added after sanitising (so a draft cannot forge them): `data-line="<0-based source line>"` on block
// elements (paragraphs, headings, lists and items, tables and rows, code, quotes, rules, HTML blocks) for
// scroll sync, and notices for parts that were not rendered. Headings get the anchors of the workspace's publishing
// platform (`links.anchorStyle`, GitHub by default) as ids — the anchors links are checked against and the contents
// list is written with (through the sanitiser, so `id="user-content-<anchor>"`, as on GitHub; links `#<anchor>` are
// resolved by the preview script).
//
// Guards, as for checking: NUL bytes or more than `maxBytes` → a short notice instead of rendering; a chunk
// (the text between column-0 headings, see core/chunks.ts) with a line over `maxLineLength` or containers
// nested deeper than `maxNesting` → a notice in its place; so do chunks the caller names in `guardedLines`
// (the engine stopped them at their time budget). A RangeError (stack overflow) in the whole render falls
// back to rendering chunk by chunk, where a chunk that fails again becomes a notice.
import { unified, type Processor } from 'unified';
import remarkParse from 'remark-parse';
import remarkGfm from 'remark-gfm';
import remarkFrontmatter from 'remark-frontmatter';
import remarkMdx from 'remark-mdx';
import remarkRehype from 'remark-rehype';
import rehypeSanitize, { defaultSchema } from 'rehype-sanitize';
import rehypeStringify from 'rehype-stringify';
import type { Root as MdastRoot } from 'mdast';
import type { Root as HastRoot, Element, ElementContent, Nodes as HastNodes, Properties, RootContent } from 'hast';
import { documentAnchors, documentHeadings } from '../markdown/slugs';
import { DEFAULT_ANCHOR_SETTINGS, type AnchorSettings } from '../markdown/heading-anchors';
import { splitChunks, frontMatterLineCount } from '../markdown/chunks';
import type { Locale } from '../base/i18n';
import type { Finding } from '../base/types';
import { DEFAULT_LIMITS, firstLimitProblem } from '../markdown/input-limits';

export interface RenderOptions {
  flavor?: 'markdown' | 'mdx';
  /** Language of notices and footnote labels (default en). */
  locale?: Locale;
  /** 0-based lines inside chunks the engine did not finish (guard/timeout): those chunks are not rendered. */
  guardedLines?: readonly number[];
  /** Larger input is not rendered (default 4096 KB, the `maxFileSizeKB` default). */
  maxBytes?: number;
  maxLineLength?: number;
  maxNesting?: number;
  /** Whose heading anchors become the headings' ids (`links.anchorStyle`; default GitHub's). */
  anchors?: AnchorSettings;
}

export interface RenderResult {
  html: string;
  /** The 0-based source lines that carry a `data-line` element, ascending, without duplicates. */
  lineMap: number[];
  /** Why (part of) the draft was not rendered, if it was not. */
  notices?: string[];
}

export const RENDER_LIMITS = Object.freeze({
  maxBytes: 4096 * 1024,
  maxLineLength: DEFAULT_LIMITS.maxLineLength,
  maxNesting: DEFAULT_LIMITS.maxNesting,
  /** Elements nested deeper than this inside raw HTML are flattened (their tags ignored, content kept). */
  maxHtmlDepth: 100,
});

/** Elements removed with everything inside them (the default schema strips only `script`). */
export const STRIPPED_ELEMENTS = ['script', 'style', 'iframe', 'frame', 'frameset', 'object', 'embed', 'applet', 'svg', 'math', 'template', 'noscript', 'noembed', 'noframes', 'textarea', 'title', 'xmp', 'plaintext', 'select', 'head', 'meta', 'link', 'base'];

/**
 * URL-valued attributes that GitHub's schema allows without checking their scheme: `action` (on any element; no
 * form survives, so it is useless) and `itemType`. They are dropped. `srcSet` (on `<source>`) is kept only if
 * each of its candidates is an http(s) or relative URL (see `checkSrcsets`).
 */
const UNCHECKED_URL_ATTRIBUTES = new Set(['action', 'itemType']);
const withoutUncheckedUrls = (list: NonNullable<typeof defaultSchema.attributes>[string]) => list.filter((a) => !UNCHECKED_URL_ATTRIBUTES.has(Array.isArray(a) ? String(a[0]) : a));

/** The sanitiser's schema: GitHub's, with more elements stripped with their content. Nothing is allowed beyond it. */
export const PREVIEW_SCHEMA = {
  ...defaultSchema,
  attributes: Object.fromEntries(Object.entries(defaultSchema.attributes ?? {}).map(([tag, list]) => [tag, withoutUncheckedUrls(list)])),
  strip: [...new Set([...(defaultSchema.strip ?? []), ...STRIPPED_ELEMENTS])],
};

const BLOCK_TAGS = new Set(['p', 'h1', 'h2', 'h3', 'h4', 'h5', 'h6', 'pre', 'blockquote', 'ul', 'ol', 'li', 'table', 'tr', 'hr', 'div', 'details', 'dl', 'dt', 'dd', 'picture']);

const GUARD_TOKEN = '\uE000benchpress-guard-';

const messages = {
  binary: { en: 'This file contains NUL bytes: it is binary data, not Markdown, and is not shown.', zh: '文件包含 NUL 字节，是二进制数据而非 Markdown，不予显示。' },
  tooLarge: { en: (kb: number, limit: number) => `This file is ${kb} KB, more than the preview's limit of ${limit} KB; it is not shown.`, zh: (kb: number, limit: number) => `文件大小 ${kb} KB，超过预览上限 ${limit} KB，不予显示。` },
  lineTooLong: { en: (n: number) => `This section has a line of ${n} characters; it is not shown in the preview.`, zh: (n: number) => `此小节有一行长达 ${n} 个字符，预览中不予显示。` },
  tooDeep: { en: (n: number) => `Block quotes or lists nest ${n} levels deep in this section; it is not shown in the preview.`, zh: (n: number) => `此小节的引用或列表嵌套 ${n} 层，预览中不予显示。` },
  timeout: { en: 'This section took too long to check; it is not shown in the preview.', zh: '此小节检查超时，预览中不予显示。' },
  tooComplex: { en: 'This section is too deeply nested to show.', zh: '此小节结构过于复杂（嵌套过深），无法显示。' },
  mdx: { en: (line: number, reason: string) => `MDX syntax error at line ${line}: ${reason}. Shown as plain Markdown.`, zh: (line: number, reason: string) => `第 ${line} 行有 MDX 语法错误：${reason}。按普通 Markdown 显示。` },
  renderTimeout: { en: (s: number) => `The preview took longer than ${s} s to render and was stopped; it is not shown. Checks and fixes are not affected.`, zh: (s: number) => `预览生成超过 ${s} 秒，已停止，不予显示。检查与修复不受影响。` },
  renderStopped: { en: (reason: string) => `The preview stopped while rendering (${reason}); it is not shown.`, zh: (reason: string) => `预览生成中途停止（${reason}），不予显示。` },
  footnotes: { en: 'Footnotes', zh: '脚注' },
  back: { en: 'Back to content', zh: '返回正文' },
};
const pick = <T>(m: { en: T; zh: T }, locale: Locale | undefined): T => (locale === 'zh-cn' ? m.zh : m.en);

/** Lines the engine stopped at their time budget (guard/timeout): the preview does not parse those sections again. */
export function guardedLinesOf(result: { findings: readonly Finding[] } | undefined): number[] {
  return (result?.findings ?? []).filter((f) => f.ruleId === 'guard/timeout').map((f) => f.range.start.line);
}

// ---------------------------------------------------------------------------------------------------------------
// Raw HTML → hast elements.

type Token =
  | { kind: 'text'; value: string }
  | { kind: 'start'; name: string; attrs: [string, string][]; selfClosing: boolean }
  | { kind: 'end'; name: string };

const VOID = new Set(['area', 'base', 'br', 'col', 'embed', 'hr', 'img', 'input', 'keygen', 'link', 'meta', 'param', 'source', 'track', 'wbr']);
/** Elements whose content is text up to their end tag (the HTML tokenizer's RAWTEXT / RCDATA states). */
const RAW_TEXT = new Set(['script', 'style', 'textarea', 'title', 'xmp', 'iframe', 'noembed', 'noframes', 'noscript', 'plaintext']);

const NAMED_ENTITIES: Record<string, string> = {
  amp: '&', lt: '<', gt: '>', quot: '"', apos: "'", nbsp: '\u00A0', copy: '©', reg: '®', trade: '™', hellip: '…',
  mdash: '—', ndash: '–', times: '×', divide: '÷', deg: '°', plusmn: '±', middot: '·', laquo: '«', raquo: '»',
  ldquo: '“', rdquo: '”', lsquo: '‘', rsquo: '’', bull: '•', larr: '←', rarr: '→', uarr: '↑', darr: '↓', harr: '↔',
  le: '≤', ge: '≥', ne: '≠', asymp: '≈', infin: '∞', micro: 'µ', sect: '§', para: '¶', euro: '€', pound: '£', yen: '¥',
  cent: '¢', sup2: '²', sup3: '³', frac12: '½', frac14: '¼', frac34: '¾', ensp: '\u2002', emsp: '\u2003', thinsp: '\u2009',
  zwj: '\u200D', zwnj: '\u200C', colon: ':', Tab: '\t', NewLine: '\n', lpar: '(', rpar: ')', sol: '/', bsol: '\\',
  period: '.', comma: ',', excl: '!', num: '#', semi: ';', equals: '=', lsqb: '[', rsqb: ']', lcub: '{', rcub: '}',
  check: '✓', cross: '✗', hearts: '♥',
};

/** Decodes character references; unknown ones stay as written (they are escaped again on output). */
export function decodeEntities(value: string): string {
  if (!value.includes('&')) return value;
  return value.replace(/&(?:#[xX]([0-9a-fA-F]{1,6})|#([0-9]{1,7})|([A-Za-z][A-Za-z0-9]{1,31}));?/g, (whole, hex: string | undefined, dec: string | undefined, name: string | undefined) => {
    if (hex !== undefined || dec !== undefined) {
      const code = hex !== undefined ? parseInt(hex, 16) : parseInt(dec!, 10);
      if (code === 0 || code > 0x10ffff || (code >= 0xd800 && code <= 0xdfff)) return '\uFFFD';
      return String.fromCodePoint(code);
    }
    const named = NAMED_ENTITIES[name!];
    return named !== undefined && whole.endsWith(';') ? named : whole;
  });
}

/** Splits a piece of raw HTML into text, start tags and end tags. Comments, doctypes and `<?…>` are dropped. */
export function tokenizeHtml(html: string): Token[] {
  const tokens: Token[] = [];
  const length = html.length;
  let i = 0;
  let textStart = 0;
  const flushText = (end: number) => {
    if (end > textStart) tokens.push({ kind: 'text', value: decodeEntities(html.slice(textStart, end)) });
  };
  while (i < length) {
    const lt = html.indexOf('<', i);
    if (lt === -1) break;
    i = lt;
    const next = html.charCodeAt(i + 1);
    if (html.startsWith('<!--', i)) {
      flushText(i);
      const close = html.indexOf('-->', i + 4);
      i = close === -1 ? length : close + 3;
      textStart = i;
      continue;
    }
    if (next === 33 /* ! */ || next === 63 /* ? */) {
      flushText(i);
      const close = html.indexOf('>', i);
      i = close === -1 ? length : close + 1;
      textStart = i;
      continue;
    }
    const isEnd = next === 47; /* / */
    const nameStart = isEnd ? i + 2 : i + 1;
    const nameMatch = /^[A-Za-z][A-Za-z0-9:-]*/.exec(html.slice(nameStart, nameStart + 64));
    if (!nameMatch) {
      i++;
      continue;
    }
    const name = nameMatch[0].toLowerCase();
    let j = nameStart + nameMatch[0].length;
    if (isEnd) {
      const close = html.indexOf('>', j);
      if (close === -1) break; // unterminated: the rest is text
      flushText(i);
      tokens.push({ kind: 'end', name });
      i = close + 1;
      textStart = i;
      continue;
    }
    // Attributes.
    const attrs: [string, string][] = [];
    let selfClosing = false;
    let closed = false;
    while (j < length) {
      const c = html[j];
      if (c === '>') { closed = true; j++; break; }
      if (c === '/' ) {
        if (html[j + 1] === '>') { selfClosing = true; closed = true; j += 2; break; }
        j++;
        continue;
      }
      if (/\s/.test(c)) { j++; continue; }
      const attrName = /^[^\s"'>/=]+/.exec(html.slice(j, j + 256));
      if (!attrName) { j++; continue; }
      j += attrName[0].length;
      while (j < length && /\s/.test(html[j])) j++;
      let value = '';
      if (html[j] === '=') {
        j++;
        while (j < length && /\s/.test(html[j])) j++;
        const quote = html[j];
        if (quote === '"' || quote === "'") {
          const end = html.indexOf(quote, j + 1);
          if (end === -1) { j = length; break; }
          value = html.slice(j + 1, end);
          j = end + 1;
        } else {
          const m = /^[^\s>]*/.exec(html.slice(j))!;
          value = m[0];
          j += m[0].length;
        }
      }
      attrs.push([attrName[0].toLowerCase(), decodeEntities(value)]);
    }
    if (!closed) break; // unterminated tag: shown as text
    flushText(i);
    tokens.push({ kind: 'start', name, attrs, selfClosing });
    i = j;
    textStart = i;
    if (RAW_TEXT.has(name) && !selfClosing) {
      const end = html.toLowerCase().indexOf(`</${name}`, i);
      const contentEnd = end === -1 ? length : end;
      if (contentEnd > i) tokens.push({ kind: 'text', value: html.slice(i, contentEnd) });
      if (end === -1) {
        i = length;
        textStart = length;
      } else {
        const close = html.indexOf('>', end);
        tokens.push({ kind: 'end', name });
        i = close === -1 ? length : close + 1;
        textStart = i;
      }
    }
  }
  flushText(length);
  return tokens;
}

/** hast property names of the attributes the schema knows, by lower-case attribute name. */
const PROPERTY_OF: Map<string, string> = (() => {
  const map = new Map<string, string>([['class', 'className'], ['for', 'htmlFor'], ['accept-charset', 'acceptCharset'], ['http-equiv', 'httpEquiv']]);
  for (const list of Object.values(defaultSchema.attributes ?? {})) {
    for (const entry of list) {
      const property = typeof entry === 'string' ? entry : entry[0];
      if (/^(aria|data)[A-Z]/.test(property)) {
        const attr = property.replace(/[A-Z]/g, (c) => '-' + c.toLowerCase());
        map.set(attr, property);
      } else if (!map.has(property.toLowerCase())) {
        map.set(property.toLowerCase(), property);
      }
    }
  }
  return map;
})();

/** Boolean attributes: present means true, whatever the value (hast drops a boolean property set to ''). */
const BOOLEAN_PROPERTIES = new Set(['open', 'checked', 'disabled', 'hidden', 'selected', 'multiple', 'readOnly', 'noWrap', 'noShade', 'noHref', 'compact', 'isMap', 'itemScope', 'reversed', 'default']);

function propertiesOf(attrs: [string, string][]): Properties {
  const properties: Properties = {};
  for (const [name, value] of attrs) {
    const property = PROPERTY_OF.get(name) ?? name;
    if (property in properties) continue; // the first of duplicate attributes wins, as in HTML
    properties[property] = property === 'className' ? value.split(/\s+/).filter(Boolean) : BOOLEAN_PROPERTIES.has(property) ? true : value;
  }
  return properties;
}

type ParentNode = HastRoot | Element;

/**
 * Replaces the `raw` nodes of a tree with elements and text. A raw node holds one tag (inline HTML) or a whole
 * HTML block; tags opened in one raw node and closed in a later sibling enclose the nodes in between, as in a
 * browser (`<details>` … Markdown … `</details>`). An element that no later sibling closes is closed at the end
 * of its own raw node (its HTML block, or its tag): an unclosed `<svg onload=…>` or `<div>` must not swallow the
 * paragraphs after it, which the sanitiser would then remove with it (or render inside it).
 */
export function rawHtmlToHast(tree: HastRoot, maxDepth = RENDER_LIMITS.maxHtmlDepth): void {
  const work: ParentNode[] = [tree];
  while (work.length > 0) {
    const parent = work.pop()!;
    const children = parent.children as (RootContent | ElementContent)[];
    const tokens = children.map((child) => ((child as { type: string }).type === 'raw' ? tokenizeHtml(String((child as unknown as { value?: unknown }).value ?? '')) : undefined));
    const closers = closersAfter(tokens);
    const out: (RootContent | ElementContent)[] = [];
    const open: Element[] = [];
    const append = (node: RootContent | ElementContent) => (open.length ? open[open.length - 1].children : out).push(node as ElementContent);
    children.forEach((child, index) => {
      const childTokens = tokens[index];
      if (!childTokens) {
        if (child.type === 'element' || (child as { type: string }).type === 'root') work.push(child as Element);
        append(child);
        return;
      }
      const raw = child as unknown as { position?: Element['position'] };
      for (const token of childTokens) {
        if (token.kind === 'text') {
          append({ type: 'text', value: token.value });
        } else if (token.kind === 'start') {
          if (open.length >= maxDepth && !VOID.has(token.name)) continue;
          const element: Element = { type: 'element', tagName: token.name, properties: propertiesOf(token.attrs), children: [] };
          if (raw.position) element.position = raw.position;
          append(element);
          if (!VOID.has(token.name) && !token.selfClosing) open.push(element);
        } else {
          const at = open.map((e) => e.tagName).lastIndexOf(token.name);
          if (at !== -1) open.length = at;
        }
      }
      // End tags to come decide which open elements stay open; end tags close the innermost of a name first,
      // so of n open elements of a name with k closers to come, the outermost n - k are closed here (and with
      // them everything inside them).
      const available = closers[index];
      const total = new Map<string, number>();
      for (const e of open) total.set(e.tagName, (total.get(e.tagName) ?? 0) + 1);
      const seen = new Map<string, number>();
      for (let i = 0; i < open.length; i++) {
        const name = open[i].tagName;
        seen.set(name, (seen.get(name) ?? 0) + 1);
        if (seen.get(name)! <= total.get(name)! - (available.get(name) ?? 0)) {
          open.length = i;
          break;
        }
      }
    });
    parent.children = out as typeof parent.children;
  }
}

/**
 * For each child, the end tags in the raw siblings after it that are not matched by a start tag after it
 * (so could close an element open at its end), counted by name. Children without later tags share one map.
 */
function closersAfter(tokens: (Token[] | undefined)[]): ReadonlyMap<string, number>[] {
  const result: ReadonlyMap<string, number>[] = new Array(tokens.length);
  let counts = new Map<string, number>();
  for (let i = tokens.length - 1; i >= 0; i--) {
    result[i] = counts;
    const list = tokens[i];
    if (!list || !list.some((t) => t.kind !== 'text')) continue;
    counts = new Map(counts);
    for (let j = list.length - 1; j >= 0; j--) {
      const t = list[j];
      if (t.kind === 'end') counts.set(t.name, (counts.get(t.name) ?? 0) + 1);
      else if (t.kind === 'start' && !VOID.has(t.name) && !t.selfClosing && (counts.get(t.name) ?? 0) > 0) counts.set(t.name, counts.get(t.name)! - 1);
    }
  }
  return result;
}

// ---------------------------------------------------------------------------------------------------------------
// Processors.

/** Lower-cases URL schemes (`HTTPS:` → `https:`) so the sanitiser's case-sensitive allowlist sees them. */
function normalizeSchemes(tree: HastRoot): void {
  const stack: HastNodes[] = [tree];
  while (stack.length > 0) {
    const node = stack.pop()!;
    if (node.type === 'element') {
      for (const key of ['href', 'src', 'cite', 'longDesc'] as const) {
        const value = node.properties[key];
        if (typeof value === 'string') {
          const trimmed = value.trim();
          node.properties[key] = /^[A-Za-z][A-Za-z0-9+.-]*:/.test(trimmed) ? trimmed.replace(/^[^:]+/, (s) => s.toLowerCase()) : trimmed;
        }
      }
    }
    if ('children' in node) stack.push(...(node.children as HastNodes[]));
  }
}

/** Drops `srcset` values with a candidate that is not an http(s) or relative URL (the sanitiser does not look inside). */
function checkSrcsets(tree: HastRoot): void {
  const stack: HastNodes[] = [tree];
  while (stack.length > 0) {
    const node = stack.pop()!;
    if (node.type === 'element' && node.properties.srcSet !== undefined) {
      const value = node.properties.srcSet;
      const candidates = (Array.isArray(value) ? value.map(String) : String(value).split(',')).map((c) => c.trim().split(/\s+/)[0] ?? '');
      const safe = candidates.every((url) => {
        const scheme = /^([^/?#]*?):/.exec(url.replace(/[\u0000-\u0020\u007f-\u009f]/g, ''));
        return !scheme || /^https?$/i.test(scheme[1]);
      });
      if (!safe) delete node.properties.srcSet;
    }
    if ('children' in node) stack.push(...(node.children as HastNodes[]));
  }
}

/** Adds `data-line` to top-level elements and nested blocks, and turns guard placeholders into notices. */
function annotate(tree: HastRoot, notices: Map<string, string>, lineOffset = 0): void {
  const stack: HastNodes[] = [tree];
  while (stack.length > 0) {
    const node = stack.pop()!;
    if (node.type !== 'element' && node.type !== 'root') continue;
    const children = node.children as ElementContent[];
    for (let i = 0; i < children.length; i++) {
      const child = children[i];
      if (child.type !== 'element') continue;
      if (child.tagName === 'h6' && child.children.length === 1 && child.children[0].type === 'text' && child.children[0].value.startsWith(GUARD_TOKEN)) {
        const key = child.children[0].value.trim();
        const message = notices.get(key);
        if (message !== undefined) {
          children[i] = {
            type: 'element',
            tagName: 'div',
            properties: { className: ['bp-guard'], role: 'note', ...(child.position ? { dataLine: child.position.start.line - 1 + lineOffset } : {}) },
            children: [{ type: 'text', value: message }],
          };
          continue;
        }
      }
      // Footnotes are gathered at the end, out of source order: scroll sync ignores them.
      if (child.tagName === 'section' && child.properties.dataFootnotes !== undefined) continue;
      if ((node.type === 'root' || BLOCK_TAGS.has(child.tagName)) && child.position) child.properties.dataLine = child.position.start.line - 1 + lineOffset;
      stack.push(child);
    }
  }
}

function collectLines(tree: HastRoot): number[] {
  const lines = new Set<number>();
  const stack: HastNodes[] = [tree];
  while (stack.length > 0) {
    const node = stack.pop()!;
    if (node.type === 'element' && typeof node.properties.dataLine === 'number') lines.add(node.properties.dataLine);
    if ('children' in node) stack.push(...(node.children as HastNodes[]));
  }
  return [...lines].sort((a, b) => a - b);
}

/**
 * Heading ids: the platform's anchors for the headings as rendered, numbered for duplicates as it numbers them, in
 * document order (as `links/missing-anchor` sees them). A heading the platform gives no anchor gets no id.
 */
function headingIds(tree: MdastRoot, source: string, settings: AnchorSettings): void {
  const headings = documentHeadings(tree);
  const anchors = documentAnchors(tree, settings.style, { ...settings.options, source });
  headings.forEach((h, i) => {
    if (anchors[i]) h.data = { ...h.data, hProperties: { ...(h.data?.hProperties ?? {}), id: anchors[i] } };
  });
}

// MDX: ESM and expressions are dropped; JSX elements show their children (in a div or span, no attributes).
const mdxHandlers = {
  mdxjsEsm: () => undefined,
  mdxFlowExpression: () => undefined,
  mdxTextExpression: () => undefined,
  mdxJsxFlowElement: (state: { all(node: unknown): ElementContent[] }, node: unknown): Element => ({ type: 'element', tagName: 'div', properties: {}, children: state.all(node) }),
  mdxJsxTextElement: (state: { all(node: unknown): ElementContent[] }, node: unknown): Element => ({ type: 'element', tagName: 'span', properties: {}, children: state.all(node) }),
};

interface Pipeline {
  parse(text: string): MdastRoot;
  toHast(tree: MdastRoot): HastRoot;
  stringify(tree: HastRoot): string;
}

const pipelines = new Map<string, Pipeline>();

function pipeline(flavor: 'markdown' | 'mdx', locale: Locale | undefined): Pipeline {
  const key = `${flavor}:${locale ?? 'en'}`;
  let found = pipelines.get(key);
  if (found) return found;
  const parser = (flavor === 'mdx' ? unified().use(remarkParse).use(remarkFrontmatter, ['yaml', 'toml']).use(remarkGfm).use(remarkMdx) : unified().use(remarkParse).use(remarkFrontmatter, ['yaml', 'toml']).use(remarkGfm)).freeze();
  const toHast = unified()
    .use(remarkRehype, {
      allowDangerousHtml: true,
      // The sanitiser adds the prefix; without this remark-rehype would add it too (user-content-user-content-fn-1).
      clobberPrefix: '',
      footnoteLabel: pick(messages.footnotes, locale),
      footnoteBackLabel: pick(messages.back, locale),
      handlers: mdxHandlers as never,
    })
    .use(() => (tree: HastRoot) => {
      rawHtmlToHast(tree);
      normalizeSchemes(tree);
    })
    .use(rehypeSanitize, PREVIEW_SCHEMA)
    .use(() => checkSrcsets)
    .freeze();
  const stringifier = unified().use(rehypeStringify).freeze();
  found = {
    parse: (text) => parser.parse(text) as MdastRoot,
    toHast: (tree) => (toHast as unknown as Processor<undefined, MdastRoot, HastRoot>).runSync(tree) as HastRoot,
    stringify: (tree) => stringifier.stringify(tree),
  };
  pipelines.set(key, found);
  return found;
}

// ---------------------------------------------------------------------------------------------------------------
// Guards.

interface Excluded {
  startLine: number;
  endLine: number;
  message: string;
}

/** The first reason a chunk cannot be rendered safely: an over-long line or too deep nesting. */
function scanChunk(text: string, limits: { maxLineLength: number; maxNesting: number }, locale: Locale | undefined): string | undefined {
  const problem = firstLimitProblem(text, limits);
  if (!problem) return undefined;
  return problem.kind === 'line-too-long' ? pick(messages.lineTooLong, locale)(problem.length) : pick(messages.tooDeep, locale)(problem.depth);
}

/**
 * The text with excluded chunks blanked, line for line (so every line keeps its number): a short heading line
 * at the start of a chunk is kept, the next line holds a placeholder paragraph, the rest is empty.
 */
function blankChunks(lines: string[], excluded: Excluded[], notices: Map<string, string>): string {
  const out = lines.slice();
  excluded.forEach((range, n) => {
    let at = range.startLine;
    if (/^#{1,6}(?:[ \t]|$)/.test(out[at] ?? '') && (out[at]?.length ?? 0) <= 1000 && range.endLine - range.startLine > 1) at++;
    for (let i = at; i < range.endLine && i < out.length; i++) out[i] = '';
    const token = `${GUARD_TOKEN}${n}\uE000`;
    notices.set(token, range.message);
    // The placeholder is an ATX heading: it interrupts a paragraph and closes every container before it.
    if (at < out.length) out[at] = `###### ${token}`;
  });
  return out.join('\n');
}

/** What the preview shows instead of a draft whose rendering overran its budget or whose renderer stopped. */
export function unrenderedNotice(locale: Locale | undefined, why: { timeoutMs: number } | { stopped: string }): RenderResult {
  return notice('timeoutMs' in why ? pick(messages.renderTimeout, locale)(Math.round(why.timeoutMs / 1000)) : pick(messages.renderStopped, locale)(why.stopped));
}

function notice(message: string): RenderResult {
  return { html: noticeHtml(message), lineMap: [], notices: [message] };
}

export function escapeHtml(text: string): string {
  return text.replace(/[&<>"']/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c]!);
}

/** A syntax error from the MDX parser (a VFileMessage, with its place in `line` or only in the reason). */
function mdxErrorOf(error: unknown): { line: number; reason: string } | undefined {
  if (!error || typeof error !== 'object' || !('reason' in error)) return undefined;
  const e = error as { line?: unknown; reason?: unknown; message?: string };
  const reason = String(e.reason ?? e.message ?? '');
  const line = typeof e.line === 'number' ? e.line : Number(/\((\d+):\d+/.exec(reason)?.[1] ?? 1);
  return { line, reason: reason.replace(/\s*\(\d+:\d+(?:-\d+:\d+)?\)\s*$/, '') };
}

// ---------------------------------------------------------------------------------------------------------------

/** Renders a draft to the sanitised HTML body the preview shows. Never throws for any input text. */
export function renderHtml(text: string, opts: RenderOptions = {}): RenderResult {
  const locale = opts.locale;
  const anchors = opts.anchors ?? DEFAULT_ANCHOR_SETTINGS;
  const limits = {
    maxBytes: opts.maxBytes ?? RENDER_LIMITS.maxBytes,
    maxLineLength: opts.maxLineLength ?? RENDER_LIMITS.maxLineLength,
    maxNesting: opts.maxNesting ?? RENDER_LIMITS.maxNesting,
  };
  if (text.includes('\u0000')) return notice(pick(messages.binary, locale));
  const bytes = Buffer.byteLength(text, 'utf8');
  if (bytes > limits.maxBytes) return notice(pick(messages.tooLarge, locale)(Math.round(bytes / 1024), Math.round(limits.maxBytes / 1024)));
  if (text.startsWith('\uFEFF')) text = text.slice(1); // only line numbers matter here

  let flavor = opts.flavor ?? 'markdown';
  const lines = text.split('\n');
  // Front matter is not shown; blanking its lines (YAML closed by `---` or `...`, TOML by `+++`, as the engine
  // reads it) keeps line numbers. remark-frontmatter also drops it should a form slip through.
  const fmLines = frontMatterLineCount(lines);
  for (let i = 0; i < fmLines; i++) lines[i] = '';

  // Section by section, so a guarded section leaves its neighbours shown.
  const chunks = splitChunks(text, { splitHeadings: flavor === 'markdown', groupSections: false }).filter((c) => c.kind === 'body');
  const excluded: Excluded[] = [];
  const guarded = [...(opts.guardedLines ?? [])];
  for (const chunk of chunks) {
    const scanned = scanChunk(chunk.text, limits, locale);
    const timedOut = guarded.some((line) => line >= chunk.startLine && line < chunk.endLine);
    if (scanned) excluded.push({ startLine: chunk.startLine, endLine: chunk.endLine, message: scanned });
    else if (timedOut) excluded.push({ startLine: chunk.startLine, endLine: chunk.endLine, message: pick(messages.timeout, locale) });
  }

  const notices = new Map<string, string>();
  const source = blankChunks(lines, excluded, notices);
  const extra: string[] = [];
  try {
    return finish(renderSource(source, flavor, locale, notices, anchors), notices, extra);
  } catch (error) {
    const mdx = flavor === 'mdx' ? mdxErrorOf(error) : undefined;
    if (mdx) {
      extra.push(pick(messages.mdx, locale)(mdx.line, mdx.reason));
      flavor = 'markdown';
      try {
        return finish(renderSource(source, flavor, locale, notices, anchors), notices, extra);
      } catch (again) {
        error = again;
      }
    }
    if (!(error instanceof RangeError)) {
      return notice(`${locale === 'zh-cn' ? '预览生成失败：' : 'The preview failed: '}${(error as Error)?.message ?? String(error)}`);
    }
  }
  // Stack overflow somewhere: render chunk by chunk and give up only on the chunks that overflow again.
  return renderByChunks(source, flavor, locale, notices, extra, anchors);
}

function renderSource(source: string, flavor: 'markdown' | 'mdx', locale: Locale | undefined, notices: Map<string, string>, anchors: AnchorSettings, lineOffset = 0): HastRoot {
  const p = pipeline(flavor, locale);
  const mdast = p.parse(source);
  headingIds(mdast, source, anchors);
  const hast = p.toHast(mdast);
  annotate(hast, notices, lineOffset);
  return hast;
}

const noticeHtml = (message: string, line?: number) => `<div class="bp-guard" role="note"${line === undefined ? '' : ` data-line="${line}"`}>${escapeHtml(message)}</div>`;

function finish(hast: HastRoot, notices: Map<string, string>, extra: string[]): RenderResult {
  const html = pipeline('markdown', undefined).stringify(hast);
  const shown = [...extra, ...notices.values()];
  return { html: extra.map((m) => noticeHtml(m) + '\n').join('') + html, lineMap: collectLines(hast), ...(shown.length ? { notices: shown } : {}) };
}

function renderByChunks(source: string, flavor: 'markdown' | 'mdx', locale: Locale | undefined, notices: Map<string, string>, extra: string[], anchors: AnchorSettings): RenderResult {
  const parts: string[] = [];
  const lineMap = new Set<number>();
  const shown = [...extra, ...notices.values()];
  const p = pipeline('markdown', undefined);
  for (const chunk of splitChunks(source, { splitHeadings: true, groupSections: false })) {
    // Positions inside a chunk count from its first line; annotate() shifts them to document lines.
    try {
      const hast = renderSource(chunk.text, flavor, locale, notices, anchors, chunk.startLine);
      parts.push(p.stringify(hast));
      for (const line of collectLines(hast)) lineMap.add(line);
    } catch {
      const message = pick(messages.tooComplex, locale);
      shown.push(message);
      parts.push(noticeHtml(message, chunk.startLine));
      lineMap.add(chunk.startLine);
    }
  }
  return { html: extra.map((m) => noticeHtml(m) + '\n').join('') + parts.join('\n'), lineMap: [...lineMap].sort((a, b) => a - b), notices: shown };
}
