// The contents list (目录 / Contents) of a draft: where it is, which headings it should name, and the list
// regenerated from those headings in the style of the existing one. The rule template/toc-mismatch and the
// Regenerate Contents command both use this, so they always agree.
import type { TextEdit } from '../base/types';
import type { DocumentView, SectionSpan } from '../markdown/document-view';
import { sectionOf } from '../markdown/document-view';
import type { HeadingInfo, ListInfo } from '../markdown/summary';
import { writeFragment } from '../markdown/anchor-index';
import type { ResolvedTemplate } from './template';
import { CONTENTS_HEADING_KEYS, KEY_POINTS_HEADING_KEYS, headingKey, headingLabel } from './normalize';

export interface ContentsSection {
  heading: HeadingInfo;
  section: SectionSpan;
  /** The list in the section, if it has one. */
  list?: ListInfo;
  /** The headings the list should name, in order. */
  entries: HeadingInfo[];
}

/** The draft's contents section: the template's, or any heading called 目录 / Contents. */
export function findContents(doc: DocumentView, template: ResolvedTemplate | undefined): ContentsSection | undefined {
  const heading = template?.found.find((f) => f.section.role === 'toc')?.heading
    ?? doc.headings.find((h) => h.topLevel && h.level >= 2 && CONTENTS_HEADING_KEYS.has(headingKey(h.text)));
  if (!heading) return undefined;
  const section = sectionOf(doc, heading);
  const list = doc.lists.find((l) => l.topLevel && l.start >= section.contentStart && l.start < section.end);
  return { heading, section, list, entries: contentsEntries(doc, template, heading.level) };
}

/**
 * The body sections' headings, which a contents list should name (not the title, contents or key points, nor a
 * heading with no text, which a list could only name with an empty entry).
 */
export function contentsEntries(doc: DocumentView, resolved: ResolvedTemplate | undefined, level: number): HeadingInfo[] {
  const special = new Set(resolved?.found.filter((f) => f.section.role !== 'section').map((f) => f.heading) ?? []);
  return doc.headings.filter((h) => {
    if (!h.topLevel || h.level !== level || special.has(h) || h.text.trim() === '') return false;
    const key = headingKey(h.text);
    return !CONTENTS_HEADING_KEYS.has(key) && !KEY_POINTS_HEADING_KEYS.has(key);
  });
}

/** A contents list for the draft's headings, in the style of an existing list (ordered or not, links or text). */
export function contentsList(doc: DocumentView, entries: HeadingInfo[], existing?: ListInfo): string {
  const ordered = existing ? existing.ordered : true;
  const linked = existing ? existing.items.some((i) => i.url?.startsWith('#')) : false;
  const bullet = existing && !existing.ordered ? doc.text[existing.start] : '-';
  // The first anchor of each heading (one look-up per entry, not a search of every anchor).
  const anchors = new Map<HeadingInfo, string>();
  if (linked) for (const a of doc.anchors) if (!anchors.has(a.heading)) anchors.set(a.heading, a.id);
  // The list depends on these alone; a check after an edit elsewhere asks for the same one again.
  const key = `${ordered ? 1 : 0}${linked ? 1 : 0}${bullet}${doc.eol}\u0000${entries.map((h) => `${h.text}\u0001${anchors.get(h) ?? ''}`).join('\u0000')}`;
  const known = madeLists.get(key);
  if (known !== undefined) return known;
  const made = entries
    .map((heading, i) => {
      const label = plainInline(headingLabel(heading.text) || heading.text);
      // The anchor the publishing platform gives the heading (links.anchorStyle), as links/missing-anchor checks it.
      const anchor = anchors.get(heading);
      const text = linked && anchor ? `[${label}](#${writeFragment(anchor)})` : label;
      return `${ordered ? `${i + 1}.` : bullet} ${text}`;
    })
    .join(doc.eol);
  if (madeLists.size >= 8) madeLists.delete(madeLists.keys().next().value as string);
  madeLists.set(key, made);
  return made;
}

/** Contents lists made lately, by what they are made from (see contentsList). */
const madeLists = new Map<string, string>();

/**
 * The edit that replaces the section's list with one regenerated from the headings, or adds one at the end of the
 * section (after whatever the section holds, so an indented code block there cannot become part of the list).
 */
export function regenerateContentsEdit(doc: DocumentView, contents: ContentsSection): TextEdit {
  if (contents.list) return { range: doc.range(contents.list), newText: contentsList(doc, contents.entries, contents.list) };
  const body = doc.text.slice(contents.section.contentStart, contents.section.end);
  // After the last line with content, at its end: white space left on that line stays with it (a closing code
  // fence's trailing space is part of the fence; fuzz, case 2303118393).
  const end = Math.max(contents.section.contentStart + body.trimEnd().length, Math.min(contents.section.end, doc.lines.lineEnd(doc.lines.positionAt(contents.section.contentStart + body.trimEnd().length).line)));
  const at = doc.lines.positionAt(end);
  const atEnd = end >= doc.text.length;
  return { range: { start: at, end: at }, newText: doc.eol + doc.eol + contentsList(doc, contents.entries) + (atEnd ? doc.eol : '') };
}

/** HTML blocks that end only at their marker (CommonMark kinds 1–5): start, end. */
const HTML_BLOCKS: [RegExp, RegExp][] = [
  [/^ {0,3}<(?:script|pre|style|textarea)(?:[\s>]|$)/i, /<\/(?:script|pre|style|textarea)>/i],
  [/^ {0,3}<!--/, /-->/],
  [/^ {0,3}<\?/, /\?>/],
  [/^ {0,3}<![A-Za-z]/, />/],
  [/^ {0,3}<!\[CDATA\[/, /\]\]>/],
];

/**
 * Whether adding a list at the end of the section is sure to give a list: not when the section ends inside a code
 * fence that is never closed (the list would become code).
 */
export function canAddContentsList(doc: DocumentView, contents: ContentsSection): boolean {
  let open: string | undefined;
  const body = doc.text.slice(contents.section.contentStart, contents.section.end);
  // Nor inside an HTML block that runs on until its end marker (CommonMark kinds 1–5: <script>/<pre>/<style>/
  // <textarea>, <!--, <?, <!X, <![CDATA[): without the marker the block takes the rest of the draft, list included.
  const lines = body.split(/\r\n|\r|\n/);
  for (let i = 0; i < lines.length; i++) {
    const kind = HTML_BLOCKS.find(([start]) => start.test(lines[i]));
    if (kind && !kind[1].test(lines.slice(i).join('\n').replace(kind[0], ''))) return false;
  }
  for (const line of lines) {
    const fence = /^ {0,3}(`{3,}|~{3,})(.*)$/.exec(line);
    if (!fence) continue;
    if (!open) {
      if (!(fence[1][0] === '`' && fence[2].includes('`'))) open = fence[1];
    } else if (fence[1][0] === open[0] && fence[1].length >= open.length && fence[2].trim() === '') open = undefined;
  }
  return open === undefined;
}

/**
 * Whether regenerating the list keeps every word of it: each item is one line holding only its entry — plain words
 * or one link to a heading of this draft — with nothing nested or continued under it. An entry with code, HTML, a
 * spec token, a URL or an e-mail address, emphasis or escapes is the writer's own text, which regenerating would
 * drop (a stale entry) or rewrite: then the writer decides (a quick fix, not fix-all).
 */
export function isPlainContentsList(doc: DocumentView, list: ListInfo): boolean {
  const lines = doc.text.slice(list.start, list.end).trimEnd().split(/\r\n|\r|\n/).filter((l) => l.trim() !== '');
  return lines.length === list.items.length && list.items.every((i) => i.children.length === 0) && lines.every(isPlainEntryLine);
}

/**
 * Whether the entries can be written without copying anything but words: a heading holding a spec token
 * (`{{gpu:…}}`) would put a second token into the list, and one holding a URL, a `www.` address or an e-mail address
 * a second link — GFM links those in plain text, escaped or not (`https\\://x.io` is linked too) — which fix-all must
 * not do (a quick fix may).
 */
export function areCopyableEntries(entries: readonly HeadingInfo[]): boolean {
  return entries.every((h) => !h.text.includes('{{') && !/:\/\/|www\.|@/i.test(h.text));
}

/**
 * A list item line whose entry is plain words, or `[plain words](#fragment)`. One to four spaces after the marker:
 * five or more (or a tab) would make the entry an indented code block (fuzz, case 1130073389).
 */
function isPlainEntryLine(line: string): boolean {
  const marker = /^ {0,3}(?:[-*+]|\d{1,9}[.)])( {1,4})(?! )/.exec(line);
  if (!marker) return false;
  const entry = line.slice(marker[0].length).trim();
  const words = (text: string) => !/[`<>{}[\]()*_~\\|!&]/.test(text) && !/:\/\/|www\.|@|mailto:/i.test(text) && !/[\u2028\u2029\u0000-\u0008\u000b\u000c\u000e-\u001f]/.test(text);
  const link = /^\[([^\]]*)\]\(#[^()\s<>`]*\)$/.exec(entry);
  return link ? words(link[1]) : words(entry);
}

/**
 * Plain heading text as Markdown text that renders as the same plain text on one list item's line: markup
 * characters are escaped, the line breaks of a setext heading become spaces, byte-order marks and zero-width
 * characters go, and a start that would open a block inside the item (`---`, `#`, `+`, `1.`) is escaped.
 */
function plainInline(text: string): string {
  return text
    .replace(/<!--[^]*?-->|<\/?[A-Za-z][^<>]*>/g, '')
    .replace(/[\uFEFF\u200B-\u200D\u2060]/g, '')
    .replace(/[\\`*_[\]<>|]/g, '\\$&')
    .replace(/\b(https?):\/\//gi, '$1\\://')
    .replace(/\bwww\./gi, 'www\\.')
    .replace(/[ \t]*(?:\r\n|[\r\n\u2028\u2029])[ \t]*/g, ' ')
    .trim()
    .replace(/^([#+=~-])/, '\\$1')
    .replace(/^(\d{1,9})([.)])/, '$1\\$2');
}
