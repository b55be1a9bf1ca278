// The typography engine: for each prose segment of a chunk, one pipeline computes the corrected text (full-width
// letters normalised, names spelled, punctuation, numbers, emphasis, spacing — each stage on the output of the one
// before), and the difference to the original is cut into the smallest edits, each reported under the rules whose
// stages made it. Every rule's fix is therefore a piece of the same corrected text: fix-all applies them all at
// once and gets exactly the pipeline's output, which the pipeline leaves unchanged when it runs again.
import type { Nodes, Root, Table } from 'mdast';
import type { ChunkSummary } from '../markdown/summary';
import { splitChunks } from '../markdown/chunks';
import { isHanAt } from './chars';
import { countPrefix, memoByText, type ScriptCounts } from '../base/text';
import { segmentsOf, type Segment } from './segment';
import { Stage, type Message, type TypographySettings } from './settings';
import { Work, type Hunk } from './work';
import { cjkLatinSpacing, extraSpaces } from './spacing';
import { brackets, ellipsis, headingPunctuation, punctuationSpacing, punctuationWidth, quotes, repeatedPunctuation } from './punctuation';
import { fullwidthAlphanumerics, numberSymbols } from './numbers';
import { nameMatcher, productNames } from './names';
import { emphasisPunctuation } from './emphasis';
import { checkTableAlignment, type TableEdit } from './tables';

export interface TypographyFinding {
  /** A pipeline stage, or 'table' for table alignment. */
  stage: Stage | 'table';
  /** What the diagnostic covers, as chunk offsets. */
  start: number;
  end: number;
  message: Message;
  /** The edits of the fix (chunk offsets); `safe` fixes are applied by fix-all. */
  fix?: { edits: TableEdit[]; safe: boolean; title: Message };
}

export interface TypesetOptions {
  settings: TypographySettings;
  /** Whether a stage's rule is on. */
  enabled: (stage: Stage) => boolean;
  tables: boolean;
}

export interface ChunkTypography {
  findings: TypographyFinding[];
}

/** Runs the stages that are on over one segment. `chinese` false runs only the emphasis check. */
export function typesetSegment(segment: Segment, options: TypesetOptions, chinese: boolean): Work {
  const w = new Work(segment);
  const on = (stage: Stage) => options.enabled(stage) && (chinese || stage === Stage.Emphasis);
  const { settings } = options;
  if (!chinese && !segment.text.includes('*')) return w;
  // Chinese text with full-width marks and nothing else gives no stage work: most segments are decided here.
  if (segment.block !== 'heading' && !(settings.brackets === 'halfwidth' ? MAY_NEED_WORK_HALFWIDTH : MAY_NEED_WORK).test(segment.text)) return w;
  // The stages in order; each sees the text as the ones before left it. A stage can give an earlier one new work
  // (spaces removed around `！ ！` make a run to collapse, a `.` made `。` ends an ellipsis), so the stages run
  // again over their own result until it holds still: the merged edits are a fixed point, as one pass of fix-all
  // must give. Almost every segment settles in one or two rounds.
  const stages = (): boolean => {
    // Emphasis first: the markers it repairs are markers for every later stage, as they are when checked again.
    if (on(Stage.Emphasis)) emphasisPunctuation(w);
    if (on(Stage.FullwidthAlnum)) fullwidthAlphanumerics(w);
    // Before names: `……pytorch` is a word, `...pytorch` could be a file extension.
    if (on(Stage.Ellipsis)) ellipsis(w);
    if (on(Stage.Names)) productNames(w, nameMatcher(settings.names));
    // Before punctuation: whether `95 %?` ends in a Latin token depends on the space that goes.
    if (on(Stage.NumberSymbols)) numberSymbols(w);
    // Brackets and quotes before the width of marks: `”?` after a Chinese quotation is read with the quote as it ends up.
    if (on(Stage.Brackets)) brackets(w, settings.brackets);
    if (on(Stage.Quotes)) quotes(w, settings.quotes);
    if (on(Stage.Punctuation)) punctuationWidth(w);
    if (on(Stage.Repeated)) repeatedPunctuation(w);
    if (on(Stage.HeadingPunctuation) && segment.block === 'heading') headingPunctuation(w);
    if (on(Stage.PunctuationSpacing)) punctuationSpacing(w);
    // What the stages so far made of the round's text: when nothing, the spaces added from here on give no stage
    // new work (they go only between Chinese and Latin letters and collapse doubled blanks), so no round follows.
    const settled = w.view().text === before;
    if (on(Stage.Spacing)) cjkLatinSpacing(w);
    if (on(Stage.ExtraSpaces)) extraSpaces(w);
    return settled;
  };
  let before = segment.text;
  for (let round = 0; round < MAX_ROUNDS; round++) {
    if (stages()) break;
    const after = w.view().text;
    if (after === before) break;
    before = after;
  }
  return w;
}

/**
 * What any stage could act on: ASCII (letters, digits, marks, spaces), full-width letters and digits, ellipses,
 * quotation marks, doubled marks (and full-width brackets, for the half-width bracket style).
 */
const MAY_NEED_WORK = /[\x21-\x7e \t\uff10-\uff19\uff21-\uff3a\uff41-\uff5a…“”‘’「」『』]|。。|．．|[！？][！？]/;
const MAY_NEED_WORK_HALFWIDTH = /[\x21-\x7e \t\uff10-\uff19\uff21-\uff3a\uff41-\uff5a…“”‘’「」『』（）]|。。|．．|[！？][！？]/;

/** Rounds of the stages over one segment (see typesetSegment). */
const MAX_ROUNDS = 4;

const GENERIC: Message = { en: 'Typography: see the fix.', zh: '排版问题：见修复。' };

/**
 * Whether prose is Chinese enough for the Chinese rules: Han characters, at least one for every eight Latin
 * letters (a Han character carries about a word; technical Chinese is full of English names).
 */
export function isChineseText(text: string): boolean {
  return isChineseProse([{ text }]);
}

/** Han characters and Latin letters in the first `n` characters of a text. */
function scriptCounts(text: string, n: number): ScriptCounts {
  let han = 0;
  let latin = 0;
  for (let i = 0; i < n; i++) {
    const c = text.charCodeAt(i);
    if (c < 0x80) {
      if ((c >= 0x41 && c <= 0x5a) || (c >= 0x61 && c <= 0x7a)) latin++;
    } else if (c >= 0x3400 && isHanAt(text, i)) han++;
  }
  return { han, latin };
}

/**
 * The counts of whole segments: several rules ask on every check of a draft, and after an edit only the segment it
 * touched is counted again (its first 20,000 characters were counted character by character each time).
 */
const wholeSegmentCounts = memoByText((text) => scriptCounts(text, text.length));

/** Whether prose is Chinese enough for the Chinese rules (isChineseText), from its first 20,000 characters. */
export function isChineseProse(prose: readonly { text: string }[]): boolean {
  const { han, latin } = countPrefix(prose, 20000, wholeSegmentCounts, scriptCounts);
  return han > 0 && han * 8 >= latin;
}

/**
 * Whether the prose at an offset of the chunk is Chinese, decided per section (from one column-0 heading to the
 * next): a chunk may group several short sections (markdown/chunks.ts), and an English section stays English
 * whatever it is grouped with. A section long enough to be cut into pieces is decided piece by piece (each piece is
 * a chunk of its own, at least 8 KB of it).
 */
function chineseSections(text: string, summary: ChunkSummary, all: boolean): (offset: number) => boolean {
  if (all) return () => true;
  const starts = summary.headings.length <= 1 ? [0] : splitChunks(text, { groupSections: false, frontMatter: false }).map((c) => c.startOffset);
  if (starts.length === 1) {
    const chinese = isChineseProse(summary.prose);
    return () => chinese;
  }
  const verdicts = starts.map((start, k) => {
    const end = starts[k + 1] ?? Infinity;
    return isChineseProse(summary.prose.filter((p) => p.offset >= start && p.offset < end));
  });
  return (offset) => {
    let k = starts.length - 1;
    while (k > 0 && starts[k] > offset) k--;
    return verdicts[k];
  };
}

export function typesetChunk(tree: Root, text: string, summary: ChunkSummary, options: TypesetOptions): ChunkTypography {
  const chineseAt = chineseSections(text, summary, options.settings.applyTo === 'all');
  const findings: TypographyFinding[] = [];
  // Only segments a stage could act on (see typesetSegment): the others are not even built.
  const pattern = options.settings.brackets === 'halfwidth' ? MAY_NEED_WORK_HALFWIDTH : MAY_NEED_WORK;
  const segments = segmentsOf(tree, text, summary, (source, block, start) => (chineseAt(start) ? block === 'heading' || pattern.test(source) : source.includes('*')));
  const works = new Map<number, Work>();
  for (const segment of segments) {
    const w = typesetSegment(segment, options, chineseAt(segment.start));
    if (w.changed) works.set(segment.start, w);
    else if (w.extras.length === 0) continue;
    const base = segment.start;
    // One finding per logical change (a name, a bracket pair, an inserted space): the hunks its edits ended up in.
    const hunks = w.hunks();
    const groups = new Map<number, { stage: Stage; message: Message; hunks: Set<Hunk> }>();
    for (const hunk of hunks) {
      if (hunk.notes.length === 0) hunk.notes.push({ rule: Math.log2(hunk.rules & -hunk.rules), at: hunk.start, message: GENERIC, group: -1 - hunk.start });
      for (const note of hunk.notes) {
        let group = groups.get(note.group);
        if (!group) groups.set(note.group, (group = { stage: note.rule as Stage, message: note.message, hunks: new Set() }));
        group.hunks.add(hunk);
      }
    }
    // Changes that share a hunk are fixed together (a bracket pair and the space beside it): each finding's quick
    // fix is its whole connected set of hunks, so applying one alone never leaves half a change behind.
    const component = new Map<Hunk, Set<Hunk>>();
    for (const group of groups.values()) {
      let merged: Set<Hunk> | undefined;
      for (const h of group.hunks) {
        const c = component.get(h) ?? new Set([h]);
        if (!merged) merged = c;
        else if (c !== merged) for (const x of c) merged.add(x);
      }
      if (!merged) continue;
      for (const h of merged) component.set(h, merged);
    }
    for (const group of groups.values()) {
      const first = group.hunks.values().next().value!;
      const connected = component.get(first)!;
      const list = connected.size === 1 ? [first] : [...connected].sort((a, b) => a.start - b.start);
      let start = list[0].start;
      let end = list[list.length - 1].end;
      // An insertion is shown on the characters on either side of it.
      if (start === end) {
        start = Math.max(0, start - 1);
        end = Math.min(segment.text.length, end + 1);
      }
      const replacement = list.length === 1 ? list[0].text : list.map((h) => h.text).join('…');
      findings.push({
        stage: group.stage,
        start: base + start,
        end: base + end,
        message: group.message,
        fix: { edits: list.map((h) => ({ start: base + h.start, end: base + h.end, text: h.text })), safe: true, title: { en: `Change to “${replacement.trim() || replacement}”`, zh: `改为“${replacement.trim() || replacement}”` } },
      });
    }
    for (const extra of w.extras) {
      findings.push({
        stage: extra.rule as Stage,
        start: base + extra.start,
        end: base + extra.end,
        message: extra.message,
        fix: extra.fix ? { edits: [{ start: base + extra.fix.start, end: base + extra.fix.end, text: extra.fix.text }], safe: false, title: extra.fix.title } : undefined,
      });
    }
  }
  if (options.tables && summary.features.some((f) => f.kind === 'table')) {
    const finalText = (start: number, end: number) => {
      const w = works.get(start);
      if (!w) return text.slice(start, end);
      return w.segment.text.length === end - start ? w.result() : text.slice(start, end);
    };
    const stack: Nodes[] = [tree];
    while (stack.length) {
      const node = stack.pop()!;
      if (node.type === 'table') {
        if (!chineseAt(node.position?.start.offset ?? 0)) continue;
        const result = checkTableAlignment(text, node as Table, finalText, options.settings.ambiguousWidth);
        if (result) {
          findings.push({
            stage: 'table',
            start: result.start,
            end: result.end,
            message: { en: 'The columns of this table do not line up in a monospace editor (a Chinese character is two columns wide).', zh: '表格的列在等宽字体下没有对齐（一个汉字占两列）。' },
            // Fix-all never rewrites a delimiter row: when the cells cannot be padded to it, the fix is the writer's choice.
            fix: {
              edits: result.edits,
              safe: result.keepsDelimiter,
              title: result.keepsDelimiter ? { en: 'Align the table', zh: '对齐表格' } : { en: 'Align the table (rewrites the delimiter row)', zh: '对齐表格（重写分隔行）' },
            },
          });
        }
        continue;
      }
      if ('children' in node) for (const child of node.children) stack.push(child as Nodes);
    }
  }
  return { findings };
}
