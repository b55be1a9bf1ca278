// The whole-document model that document rules read: the chunk summaries put together with absolute
// offsets, the front matter, the title, the anchors and the draft's language.
import type { Range } from '../base/types';
import { LineIndex, countPrefix, detectEol, memoByText } from '../base/text';
import { languageOfCounts, letterCounts, type Locale } from '../base/i18n';
import { mappedList } from '../base/lists';
import type { ChunkSummary, FeatureInfo, HeadingInfo, LinkInfo, ListItemInfo, ProseSegment, ReferenceInfo, Span } from './summary';
import { DEFAULT_ANCHOR_SETTINGS, documentHeadingAnchors, type AnchorSettings } from './heading-anchors';
import type { Flavor } from './parse';

export interface FrontMatter {
  data: Record<string, unknown>;
  /** Offsets of the whole block, including the fences. */
  span: Span;
  error?: { message: string; line: number };
}

/** A heading and the anchor the publishing platform gives it ('' when it gives none). */
export interface Anchor {
  id: string;
  heading: HeadingInfo;
}

/** The chunks' summaries put together (offsets absolute), plus what only the whole document knows. */
export interface DocumentView extends Omit<ChunkSummary, 'maxDepth'> {
  uri: string;
  /** File system path when the document is a file. */
  path?: string;
  text: string;
  lines: LineIndex;
  flavor: Flavor;
  eol: '\n' | '\r\n';
  frontMatter?: FrontMatter;
  title?: HeadingInfo;
  /** One per heading, in order, for `anchorSettings`. */
  anchors: Anchor[];
  /** The publishing platform whose anchors `anchors` are (`links.anchorStyle`). */
  anchorSettings: AnchorSettings;
  language: Locale;
  range(span: Span): Range;
}

const shiftSpan = <T extends Span>(item: T, by: number): T => ({ ...item, start: item.start + by, end: item.end + by });

// The kinds a draft has by the ten thousand are copied field by field: V8's object spread, above, cost five times as
// much per item (a draft of 50,000 links spent 50 ms in it per check). Their types have no optional fields, so the
// compiler says when a new one is missing here.
const shiftLink = (l: LinkInfo, by: number): LinkInfo => ({ start: l.start + by, end: l.end + by, kind: l.kind, url: l.url, urlSpan: { start: l.urlSpan.start + by, end: l.urlSpan.end + by } });
const shiftReference = (r: ReferenceInfo, by: number): ReferenceInfo => ({
  start: r.start + by,
  end: r.end + by,
  kind: r.kind,
  label: r.label,
  id: r.id,
  form: r.form,
  parsed: r.parsed,
  labelSpan: { start: r.labelSpan.start + by, end: r.labelSpan.end + by },
});

function shiftItem(item: ListItemInfo, by: number): ListItemInfo {
  return { ...shiftSpan(item, by), children: item.children.map((c) => shiftItem(c, by)) };
}

type Placed = Pick<ChunkSummary, 'headings' | 'definitions' | 'references' | 'links' | 'lists' | 'features' | 'prose' | 'brackets' | 'htmlIds' | 'directives'>;

/**
 * A chunk's summary with absolute offsets. The last placement of each summary is kept: a re-check after an edit
 * finds every chunk before the edit where it was (only those after it moved), so most of the view is reused.
 * Views share these items; nothing changes them.
 */
const placements = new WeakMap<ChunkSummary, { offset: number; placed: Placed }>();

export function placedSummary(summary: ChunkSummary, offset: number): Placed {
  const known = placements.get(summary);
  if (known && known.offset === offset) return known.placed;
  const placed: Placed = {
    headings: mappedList(summary.headings, (h) => ({ ...shiftSpan(h, offset), content: shiftSpan(h.content, offset) })),
    definitions: mappedList(summary.definitions, (d) => ({ ...shiftSpan(d, offset), urlSpan: d.urlSpan && shiftSpan(d.urlSpan, offset) })),
    references: mappedList(summary.references, (r) => shiftReference(r, offset)),
    links: mappedList(summary.links, (l) => shiftLink(l, offset)),
    lists: mappedList(summary.lists, (l) => ({ ...shiftSpan(l, offset), items: l.items.map((i) => shiftItem(i, offset)) })),
    features: mappedList(summary.features, (f) => ({ kind: f.kind, offset: f.offset + offset })),
    prose: mappedList(summary.prose, (p) => ({ kind: p.kind, text: p.text, offset: p.offset + offset })),
    brackets: mappedList(summary.brackets, (b) => ({ start: b.start + offset, end: b.end + offset, text: b.text })),
    // A copy, like the other lists: summaries from a worker come in arrays of another shape (see base/lists.ts).
    htmlIds: mappedList(summary.htmlIds, (id) => id),
    directives: mappedList(summary.directives, (d) => ({ ...shiftSpan(d, offset), rulesStart: d.rulesStart + offset })),
  };
  placements.set(summary, { offset, placed });
  return placed;
}

export interface PlacedSummary {
  offset: number;
  summary: ChunkSummary;
}

export function buildDocumentView(input: { uri: string; path?: string; text: string; flavor: Flavor; frontMatter?: FrontMatter; summaries: PlacedSummary[]; lines?: LineIndex; anchors?: AnchorSettings }): DocumentView {
  const lines = input.lines ?? new LineIndex(input.text);
  const view: DocumentView = {
    uri: input.uri,
    path: input.path,
    text: input.text,
    lines,
    flavor: input.flavor,
    eol: detectEol(input.text),
    frontMatter: input.frontMatter,
    headings: [], definitions: [], references: [], links: [], lists: [], features: [], prose: [], brackets: [], htmlIds: [], directives: [],
    anchors: [],
    anchorSettings: input.anchors ?? DEFAULT_ANCHOR_SETTINGS,
    language: 'en',
    range: (span) => lines.rangeOf(span.start, span.end),
  };
  // One loop per list, not one over the list names: a push site that sees one kind of item stays fast, where a
  // shared one saw ten (and deoptimised the view's construction in the first edits of a session).
  for (const { offset, summary } of input.summaries) {
    const placed = placedSummary(summary, offset);
    for (const item of placed.headings) view.headings.push(item);
    for (const item of placed.definitions) view.definitions.push(item);
    for (const item of placed.references) view.references.push(item);
    for (const item of placed.links) view.links.push(item);
    for (const item of placed.lists) view.lists.push(item);
    for (const item of placed.features) view.features.push(item);
    for (const item of placed.prose) view.prose.push(item);
    for (const item of placed.brackets) view.brackets.push(item);
    for (const item of placed.htmlIds) view.htmlIds.push(item);
    for (const item of placed.directives) view.directives.push(item);
  }
  view.title = view.headings.find((h) => h.level === 1 && h.topLevel);
  const ids = documentHeadingAnchors(view, view.anchorSettings);
  view.anchors = view.headings.map((heading, i) => ({ id: ids[i] ?? '', heading }));
  view.language = detectLanguage(view.prose);
  return view;
}

/**
 * The draft's language from its prose (the first 20,000 characters; code, URLs and markup are already blanked).
 * Whole segments are counted once per text: a re-check after an edit counts only the segment it touched.
 */
function detectLanguage(prose: ProseSegment[]): Locale {
  const { han, latin } = countPrefix(prose, 20000, segmentLetterCounts, (text, n) => letterCounts(text.slice(0, n)));
  return languageOfCounts(han, latin);
}

const segmentLetterCounts = memoByText(letterCounts);

/** The sections of a document: each top-level heading to the next one of the same or a higher level. */
export interface SectionSpan {
  heading: HeadingInfo;
  /** Offset right after the heading line, and where the section ends. */
  contentStart: number;
  end: number;
}

export function sectionOf(view: DocumentView, heading: HeadingInfo): SectionSpan {
  const top = view.headings.filter((h) => h.topLevel);
  const index = top.indexOf(heading);
  let end = view.text.length;
  for (let i = index + 1; i < top.length; i++) {
    if (top[i].level <= heading.level) {
      end = top[i].start;
      break;
    }
  }
  return { heading, contentStart: heading.end, end };
}

export function featuresIn(view: DocumentView, section: SectionSpan): FeatureInfo[] {
  return view.features.filter((f) => f.offset >= section.contentStart && f.offset < section.end);
}
