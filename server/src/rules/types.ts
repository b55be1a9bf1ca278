// The shape of a rule. A rule is one module: its id, its documentation (what, why, a bad and a good example,
// which the test suite executes), its default severity and its check. Chunk rules see one chunk's syntax tree
// and are cached with it; document rules see the whole document's summary and the workspace.
import type { Root } from 'mdast';
import type { Fix, Range, Severity } from '../base/types';
import type { Localized, Locale } from '../base/i18n';
import type { LineIndex } from '../base/text';
import type { DocumentView } from '../markdown/document-view';
import type { WorkspaceView } from '../markdown/workspace';
import type { ResolvedTemplate, Template } from '../templates/template';
import type { TemplateResolution } from '../templates/resolve';
import type { BenchpressConfig, TypographyConfig } from '../config/config';
import type { ChunkData } from './chunk-data';
import type { ChunkSummary } from '../markdown/summary';
import type { TopicMatch } from '../topics/match';
import type { UrlCheckResult } from '../links/external/types';

export interface RuleDocs {
  /** What the rule checks, in one sentence. */
  summary: string;
  /** Why it matters to a writer or a reader. */
  rationale: string;
  /** Markdown that the rule reports (at least once). */
  bad: string;
  /** Markdown that the rule accepts. */
  good: string;
  /** Files the examples need beside them, relative to the draft (e.g. for links/missing-file). */
  files?: Record<string, string>;
  /** What `options` the rule takes, if any. */
  options?: string;
  /** The examples need network answers (tested against local servers instead of from the docs). */
  needsNetwork?: boolean;
}

export interface ReportInput {
  range: Range;
  message: Localized;
  fixes?: Fix[];
  data?: Record<string, unknown>;
  /** Overrides the rule's severity for this finding (e.g. a softer hint in an unclear case). */
  severity?: Severity;
}

interface RuleBase {
  id: string;
  docs: RuleDocs;
  defaultSeverity: Severity;
  /** Rules that are off unless a team turns them on. */
  defaultOff?: boolean;
}

export interface ChunkRuleContext {
  tree: Root;
  /** The chunk's summary: headings, links, and prose with code, URLs and markup blanked out. */
  summary: ChunkSummary;
  text: string;
  lines: LineIndex;
  locale: Locale;
  options: unknown;
  data: ChunkData;
  /** The `typography.*` settings (part of the analysis context, so of the cache key); defaults when absent. */
  typography?: TypographyConfig;
  /** Ids of the chunk rules that run (rules that share one computation use it to leave out what is off). */
  enabledRules?: ReadonlySet<string>;
  report(input: ReportInput): void;
}

export interface ChunkRule extends RuleBase {
  scope: 'chunk';
  check(ctx: ChunkRuleContext): void;
}

export interface DocumentRuleContext {
  doc: DocumentView;
  workspace: WorkspaceView;
  template: ResolvedTemplate | undefined;
  /** How the template was chosen, or why there is none (unknown id, turned off, nothing fits). */
  templateResolution: TemplateResolution;
  templates: ReadonlyMap<string, Template>;
  config: BenchpressConfig;
  locale: Locale;
  options: unknown;
  signal?: AbortSignal;
  /** Hot topics the draft mentions (from the topic-heat table), best first. */
  topics: readonly TopicMatch[];
  /** Results of the last external link check, when one ran (CLI --check-urls, the Check Links command). */
  urlResults?: ReadonlyMap<string, UrlCheckResult>;
  /** Ids of all rules that run in this check (chunk and document rules). */
  enabledRules?: ReadonlySet<string>;
  report(input: ReportInput): void;
}

export interface DocumentRule extends RuleBase {
  scope: 'document';
  check(ctx: DocumentRuleContext): void | Promise<void>;
}

/** Findings the engine itself reports (guards, front matter); listed so they have docs and can be configured. */
export interface EngineRule extends RuleBase {
  scope: 'engine';
}

export type Rule = ChunkRule | DocumentRule | EngineRule;
