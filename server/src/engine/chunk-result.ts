// What a chunk analysis takes and gives, and the small helpers the worker pool needs around it (a guard's result,
// which rule a phase names). Apart from analyze.ts, which does the analysis: the pool imports this module, and
// importing analyze.ts would load the parser and every rule on the thread that only hands chunks to workers.
import type { Finding, Severity } from '../base/types';
import type { Locale } from '../base/i18n';
import type { ChunkSummary, HeadingInfo } from '../markdown/summary';
import type { AnchorSettings } from '../markdown/heading-anchors';
import type { ChunkData } from '../rules/chunk-data';
import type { TypographyConfig } from '../config/config';
import type { TopicRow } from '../topics/table';
import type { TextHit } from '../topics/match';

export interface RuleSettingResolved {
  id: string;
  severity: Severity;
  options: unknown;
}

/** Everything a chunk's analysis depends on besides its text. `key` identifies it for caches and workers. */
export interface AnalysisContext {
  key: string;
  locale: Locale;
  /** Enabled chunk rules. */
  rules: RuleSettingResolved[];
  data: ChunkData;
  /** The `typography.*` settings the typography rules read. */
  typography: TypographyConfig;
  limits: { maxLineLength: number; maxNesting: number };
  /** The publishing platform whose heading rendering the summaries record (`links.anchorStyle`). */
  anchors: AnchorSettings;
  /** The topic-heat table: each prose segment's topics are found where the chunk is analysed (a worker). */
  topics?: readonly TopicRow[];
}

export interface ChunkResult {
  findings: Finding[];
  summary: ChunkSummary;
  /** The chunk ends inside a block that the next line would continue (see chunks.ts). */
  endsOpen: boolean;
  /** Set when a guard stopped the check; the summary is then a shallow one (headings only). */
  guard?: string;
  /** The topics named in each of `summary.prose` (same order), when the context has a topic table. */
  topicHits?: TextHit[][];
}

/**
 * What a chunk's parse tells before its rules have run: all that the document view and the whole-document rules
 * need. A worker hands it over first when asked (see analyze.ts `early`), so the main thread can build the view
 * while the chunk rules still run.
 */
export type EarlyChunkResult = Pick<ChunkResult, 'summary' | 'endsOpen' | 'topicHits'>;

const EMPTY_SUMMARY = (): ChunkSummary => ({ headings: [], definitions: [], references: [], links: [], lists: [], features: [], prose: [], brackets: [], htmlIds: [], directives: [], maxDepth: 0 });

/**
 * The headings of a chunk that was not parsed, from a line scan, so that document rules still see its sections,
 * plus every kind of content at its start, so no rule reports a section as empty or lacking a table because
 * it was not looked at.
 */
export function shallowSummary(text: string): ChunkSummary {
  const summary = EMPTY_SUMMARY();
  const atx = /^ {0,3}(#{1,6})[ \t]+(.*?)(?:[ \t]+#+)?[ \t]*\r?$/gm;
  for (const m of text.matchAll(atx)) {
    if (m[2].length > 500) continue;
    const start = m.index;
    const end = start + m[0].replace(/\r$/, '').length;
    const contentStart = start + m[0].indexOf(m[2]);
    summary.headings.push({ start, end, level: m[1].length, text: m[2].trim(), content: { start: contentStart, end: contentStart + m[2].length }, topLevel: true } satisfies HeadingInfo);
  }
  const firstLineEnd = Math.max(0, text.indexOf('\n'));
  for (const kind of ['content', 'table', 'code', 'image'] as const) summary.features.push({ kind, offset: firstLineEnd });
  return summary;
}

/** A guard result: the chunk is not checked, and the finding says why. */
export function guardedResult(text: string, finding: Finding): ChunkResult {
  return { findings: [finding], summary: shallowSummary(text), endsOpen: false, guard: finding.ruleId };
}

/** Where an analysis is, for a watcher on another thread: which rule overran its budget. */
export const PHASE = { idle: 0, parse: 1, remarkLint: 2, firstRule: 3 } as const;

/** Thrown between rules when `cancelled()` says the result is no longer wanted (a newer version arrived). */
export class AnalysisCancelled extends Error {
  constructor() {
    super('The analysis was cancelled.');
    this.name = 'AnalysisCancelled';
  }
}

/** The rule a phase stands for: a rule id, `remark-lint` for the group, or undefined (parsing, idle). */
export function ruleOfPhase(phase: number, context: AnalysisContext): string | undefined {
  if (phase === PHASE.remarkLint) return 'remark-lint';
  return phase >= PHASE.firstRule ? context.rules[phase - PHASE.firstRule]?.id : undefined;
}
