// Which topics of the heat table a draft talks about, where, and how much.
//
// Matching rules (all documented here, tested in match.test.ts):
// 1. A topic matches through its own name or any of its aliases (seed.ts: DEFAULT_ALIASES, plus the
//    team's). Comparison is on folded text (normalize.ts): NFKC, lower case, and spaces / hyphens /
//    underscores removed, so `run pod` = `runpod` = `RunPod` = `Run-Pod`, `RTX4090` = `rtx 4090`,
//    `4090显卡` = `4090 显卡`.
// 2. Word boundaries are judged on the original text: when the first (last) matched character is a
//    Latin letter or digit, the character before (after) it must not be one. So `4090` does not match
//    `14090`, `h100` matches `H100` and `H100 SXM` but not `h1000` or `xh100`. Chinese characters need no
//    boundary (Chinese has no spaces): `用4090跑模型` matches `4090`. One plural `s` is allowed after a
//    match (`H100s`, `RunPods`).
// 3. Multi-part topics match with their parts in order. Between two parts there may be a small gap:
//    up to two Chinese characters or a possessive `'s` — `RunPod 的价格`, `4090 的显存`,
//    `RunPod 平台价格`, `RunPod's pricing`. No other words may come between (too loose for Latin text:
//    `h100 and docker` is not a topic).
// 4. Nothing matches inside URL-ish text even if the document model let it through: `https://…`,
//    `www.…`, `runpod.io/pricing`, bare domains, e-mail addresses, inline code, file paths.
// 5. Where matches of different patterns overlap, the longest wins (then the hotter topic): `RTX 4090
//    显存` counts for `rtx 4090 vram`, not also for `4090 graphics card`; `RunPod 价格` for
//    `runpod pricing`, not also `run pod`. Each stretch of text counts for one topic only.
// 6. A topic's own name beats another row's alias with the same key; among aliases, the first row wins.
//
// Score: title 5 (once), each heading that mentions the topic 2 (at most 3 headings count), each body
// mention 1 (at most 5 count, so repeating a keyword does not make an article about it). A draft covers a
// topic when its score is at least COVERAGE_THRESHOLD = 3: a title mention alone covers (a draft that
// names a topic in its title is that topic's article, even before the body is written); a heading plus
// one body mention covers; three body mentions cover; a passing mention or two does not.

import { foldText, foldedOnly, isWordChar, patternParts, topicKey, urlishRanges } from './normalize';
import type { TopicRow } from './table';

export interface DraftSegment {
  kind: 'title' | 'heading' | 'body';
  text: string;
  /** 0-based position of the segment's first character in the document. */
  line: number;
  character: number;
}

export interface DraftText {
  segments: DraftSegment[];
}

export interface TopicOccurrence {
  /** Index into DraftText.segments. */
  segment: number;
  /** UTF-16 offsets within the segment's text, end exclusive. */
  start: number;
  end: number;
}

export interface TopicMatch {
  topic: string;
  row: TopicRow;
  score: number;
  inTitle: boolean;
  /** How many heading segments mention the topic. */
  inHeadings: number;
  /** How many times the body mentions it. */
  inBody: number;
  occurrences: TopicOccurrence[];
  /** score >= COVERAGE_THRESHOLD. */
  covered: boolean;
}

export const WEIGHTS = Object.freeze({ title: 5, heading: 2, maxHeadings: 3, body: 1, maxBody: 5 });
export const COVERAGE_THRESHOLD = 3;

/** One name of a topic (its own or an alias), folded and split into parts. */
export interface TopicPattern {
  row: number;
  source: string;
  /** Parts that must all occur in the folded text for the pattern to have a chance. */
  parts: string[];
  /** Its place in TopicMatcher.patterns. */
  order: number;
}

/** A table prepared for matching; build it once per table and reuse it for every draft. */
export interface TopicMatcher {
  readonly rows: readonly TopicRow[];
  readonly patterns: readonly TopicPattern[];
  /** Where a match could start: the patterns' first parts, by their first UTF-16 unit. */
  readonly leads: Leads;
}

/** A first part and the patterns that start with it. */
interface Lead {
  part: string;
  patterns: TopicPattern[];
}

interface Leads {
  byFirstUnit: ReadonlyMap<number, readonly Lead[]>;
  /** 1 at each UTF-16 unit that a first part starts with. */
  first: Uint8Array;
  /** 1 at each unit that comes second in a first part. */
  second: Uint8Array;
  /** Whether some first part is a single unit (then any unit may follow). */
  oneUnitPart: boolean;
}

const HAN = /\p{Script=Han}/u;
const MAX_HAN_GAP = 2;

/**
 * Matches parts[k…] in `f` from `pos`, each optionally after a gap (rule 3: nothing, `'s`, or up to
 * MAX_HAN_GAP Chinese characters). Returns the end of the match, or -1.
 */
function matchRest(f: string, parts: readonly string[], k: number, pos: number): number {
  if (k === parts.length) return pos;
  const part = parts[k];
  const tryAt = (p: number) => (f.startsWith(part, p) ? matchRest(f, parts, k + 1, p + part.length) : -1);
  let end = tryAt(pos);
  if (end >= 0) return end;
  if (f.startsWith("'s", pos) || f.startsWith('’s', pos)) {
    end = tryAt(pos + 2);
    if (end >= 0) return end;
  }
  let p = pos;
  for (let gap = 1; gap <= MAX_HAN_GAP; gap++) {
    const cp = f.codePointAt(p);
    if (cp === undefined || !HAN.test(String.fromCodePoint(cp))) break;
    p += cp > 0xffff ? 2 : 1;
    end = tryAt(p);
    if (end >= 0) return end;
  }
  return -1;
}

export function compileTopics(rows: readonly TopicRow[]): TopicMatcher {
  const patterns: TopicPattern[] = [];
  const taken = new Set<string>();
  const add = (row: number, source: string) => {
    const parts = patternParts(source);
    const key = parts.join('');
    if (!key || taken.has(key)) return;
    taken.add(key);
    patterns.push({ row, source, parts, order: patterns.length });
  };
  rows.forEach((r, i) => add(i, r.topic));
  rows.forEach((r, i) => r.aliases.forEach((a) => add(i, a)));
  const byFirstUnit = new Map<number, Lead[]>();
  const first = new Uint8Array(0x10000);
  const second = new Uint8Array(0x10000);
  let oneUnitPart = false;
  for (const p of patterns) {
    const part = p.parts[0];
    const unit = part.charCodeAt(0);
    first[unit] = 1;
    if (part.length > 1) second[part.charCodeAt(1)] = 1;
    else oneUnitPart = true;
    const known = byFirstUnit.get(unit) ?? [];
    const lead = known.find((l) => l.part === part);
    if (lead) lead.patterns.push(p);
    else byFirstUnit.set(unit, [...known, { part, patterns: [p] }]);
  }
  return { rows, patterns, leads: { byFirstUnit, first, second, oneUnitPart } };
}

/** A pattern's parts found in order in a folded text, from `start` to `end` (exclusive), boundaries not yet judged. */
interface PatternMatch {
  pattern: TopicPattern;
  start: number;
  end: number;
}

/** Where patterns match in folded text `f`, in the order of their starts; at most `limit` of them. */
function patternMatches(f: string, matcher: TopicMatcher, limit: number): PatternMatch[] {
  const { byFirstUnit, first, second, oneUnitPart } = matcher.leads;
  const found: PatternMatch[] = [];
  // The unit tables let most positions go without a lookup (at the last unit, only a one-unit part can match; the
  // unit past the end is not read: a read out of bounds costs the compiled loop a deoptimisation).
  for (let i = 0; i < f.length; i++) {
    if (first[f.charCodeAt(i)] !== 1 || (!oneUnitPart && (i + 1 === f.length || second[f.charCodeAt(i + 1)] !== 1))) continue;
    for (const lead of byFirstUnit.get(f.charCodeAt(i))!) {
      if (!f.startsWith(lead.part, i)) continue;
      for (const pattern of lead.patterns) {
        const end = matchRest(f, pattern.parts, 1, i + lead.part.length);
        if (end < 0) continue;
        found.push({ pattern, start: i, end });
        if (found.length >= limit) return found;
      }
    }
  }
  return found;
}

function isMatcher(t: readonly TopicRow[] | TopicMatcher): t is TopicMatcher {
  return !Array.isArray(t) && 'patterns' in t;
}

function codePointBefore(text: string, offset: number): string {
  if (offset <= 0) return '';
  const low = text.charCodeAt(offset - 1);
  if (offset >= 2 && low >= 0xdc00 && low <= 0xdfff) {
    const high = text.charCodeAt(offset - 2);
    if (high >= 0xd800 && high <= 0xdbff) return text.slice(offset - 2, offset);
  }
  return text[offset - 1];
}

function codePointAt(text: string, offset: number): string {
  if (offset >= text.length) return '';
  return String.fromCodePoint(text.codePointAt(offset)!);
}

const folded1 = (ch: string) => ch.normalize('NFKC').toLowerCase();

/** A match of one pattern in one text, in the text's UTF-16 offsets. */
export interface TextHit {
  row: number;
  pattern: string;
  start: number;
  end: number;
}

/**
 * Every place in `text` where a topic of the matcher is named, after the boundary and overlap rules
 * (each stretch of text belongs to one topic), in text order.
 */
export function findTopicsInText(text: string, matcherOrRows: readonly TopicRow[] | TopicMatcher): TextHit[] {
  const matcher = isMatcher(matcherOrRows) ? matcherOrRows : compileTopics(matcherOrRows);
  // Most prose names no topic: that is told from its folded text alone, before finding URLs or mapping offsets (a
  // masked range only removes text a pattern could have matched across).
  if (patternMatches(foldedOnly(text), matcher, 1).length === 0) return [];
  const folded = foldText(text, urlishRanges(text));
  const f = folded.text;
  const candidates: { hit: TextHit; order: number }[] = [];
  for (const { pattern: p, start: fs, end: fe } of patternMatches(f, matcher, Infinity)) {
    const start = folded.starts[fs];
    const end = folded.ends[fe - 1];
    // boundaries on the original text
    if (isWordChar(f[fs])) {
      const before = codePointBefore(text, start);
      if (before && isWordChar(folded1(before))) continue;
    }
    if (isWordChar(f[fe - 1])) {
      const after = codePointAt(text, end);
      if (after && isWordChar(folded1(after))) {
        const plural = folded1(after) === 's' && !isWordChar(folded1(codePointAt(text, end + after.length) || ' '));
        if (!plural) continue;
      }
    }
    candidates.push({ hit: { row: p.row, pattern: p.source, start, end }, order: p.order });
  }
  // Longest first, then hotter, then earlier; then the table's order of patterns.
  candidates.sort(
    (x, y) => {
      const a = x.hit;
      const b = y.hit;
      return b.end - b.start - (a.end - a.start) || matcher.rows[b.row].heat - matcher.rows[a.row].heat || a.start - b.start || x.order - y.order;
    },
  );
  const accepted: TextHit[] = [];
  for (const { hit: c } of candidates) {
    if (accepted.some((a) => c.start < a.end && a.start < c.end)) continue;
    accepted.push(c);
  }
  return accepted.sort((a, b) => a.start - b.start);
}

/**
 * The topics a draft mentions, best first (score, then heat). Topics it never mentions are left out.
 * `hitsOf` (given each segment's text and index) lets a caller bring hits it already has, or memoise
 * findTopicsInText per segment text (the editor re-matches after every edit).
 */
export function matchTopics(draft: { segments: readonly Pick<DraftSegment, 'kind' | 'text'>[] }, table: readonly TopicRow[] | TopicMatcher, hitsOf?: (text: string, index: number) => readonly TextHit[]): TopicMatch[] {
  const matcher = isMatcher(table) ? table : compileTopics(table);
  const byRow = new Map<number, { occurrences: TopicOccurrence[]; title: boolean; headings: Set<number>; body: number }>();
  draft.segments.forEach((seg, segIndex) => {
    if (!seg.text) return;
    for (const hit of hitsOf ? hitsOf(seg.text, segIndex) : findTopicsInText(seg.text, matcher)) {
      let acc = byRow.get(hit.row);
      if (!acc) byRow.set(hit.row, (acc = { occurrences: [], title: false, headings: new Set(), body: 0 }));
      acc.occurrences.push({ segment: segIndex, start: hit.start, end: hit.end });
      if (seg.kind === 'title') acc.title = true;
      else if (seg.kind === 'heading') acc.headings.add(segIndex);
      else acc.body++;
    }
  });
  const matches: TopicMatch[] = [];
  for (const [rowIndex, acc] of byRow) {
    const row = matcher.rows[rowIndex];
    const score =
      (acc.title ? WEIGHTS.title : 0) +
      WEIGHTS.heading * Math.min(acc.headings.size, WEIGHTS.maxHeadings) +
      WEIGHTS.body * Math.min(acc.body, WEIGHTS.maxBody);
    matches.push({
      topic: row.topic,
      row,
      score,
      inTitle: acc.title,
      inHeadings: acc.headings.size,
      inBody: acc.body,
      occurrences: acc.occurrences,
      covered: score >= COVERAGE_THRESHOLD,
    });
  }
  return matches.sort((a, b) => b.score - a.score || b.row.heat - a.row.heat || a.row.rank - b.row.rank);
}

export function isCovered(match: Pick<TopicMatch, 'score'>): boolean {
  return match.score >= COVERAGE_THRESHOLD;
}

/**
 * The draft's main topic: the covered topic with the highest score; on a tie the one in the title, then
 * the hotter, then the better-ranked. Undefined when the draft covers no topic.
 */
export function mainTopic(matches: readonly TopicMatch[]): TopicMatch | undefined {
  let best: TopicMatch | undefined;
  for (const m of matches) {
    if (!isCovered(m)) continue;
    if (
      !best ||
      m.score > best.score ||
      (m.score === best.score &&
        ((m.inTitle && !best.inTitle) ||
          (m.inTitle === best.inTitle && (m.row.heat > best.row.heat || (m.row.heat === best.row.heat && m.row.rank < best.row.rank)))))
    ) {
      best = m;
    }
  }
  return best;
}

/** The topic occurrence under a position (segment index, UTF-16 offset in it), for hovers. */
export function topicAt(
  matches: readonly TopicMatch[],
  segment: number,
  offset: number,
): { match: TopicMatch; occurrence: TopicOccurrence } | undefined {
  for (const match of matches) {
    for (const occurrence of match.occurrences) {
      if (occurrence.segment === segment && occurrence.start <= offset && offset <= occurrence.end) return { match, occurrence };
    }
  }
  return undefined;
}

/** Finds a row by topic name with the matcher's notion of sameness (`Run-Pod` finds `run pod`). */
export function findRow<T extends Pick<TopicRow, 'topic'>>(rows: readonly T[], topic: string): T | undefined {
  const key = topicKey(topic);
  return rows.find((r) => topicKey(r.topic) === key);
}
