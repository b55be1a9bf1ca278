// The check of one document, shared by the server, the CLI and the tests. A DocumentChecker keeps the results
// of the chunks it has analysed, keyed by their text and the analysis context, so a re-check after an edit
// analyses only the chunks whose text changed; everything else is put together again from the cache, which is
// why an incremental check gives exactly what a check from scratch gives.
import type { Finding, Severity } from '../base/types';
import type { BenchpressConfig } from '../config/config';
import type { ChunkData } from '../rules/chunk-data';
import type { ChunkAnalyzer, EarlyListener } from './analyzer';
import { untilSettled } from '../base/signals';
import { type AnalysisContext, type ChunkResult, type EarlyChunkResult, type RuleSettingResolved } from './chunk-result';
import { DEFAULT_LIMITS } from '../markdown/input-limits';
import { splitChunks, mergeChunks, sectionsOf, type Chunk } from '../markdown/chunks';
import { readFrontMatter } from '../markdown/frontmatter';
import { buildDocumentView, placedSummary, type DocumentView, type FrontMatter } from '../markdown/document-view';
import { flavorOf } from '../markdown/flavor';
import type { AnchorSettings } from '../markdown/heading-anchors';
import { LineIndex, hashString, shiftRange } from '../base/text';
import { mappedList } from '../base/lists';
import { countAtOrBefore } from '../base/sorted';
import { localize, type Locale } from '../base/i18n';
import type { WorkspaceView } from '../markdown/workspace';
import { RULES, isKnownRuleOrGroup } from '../rules/registry';
import { applySuppressions } from './suppression';
import { effectiveRule, mostSpecific, type EffectiveRule } from '../rules/settings';
import { guardFinding } from '../rules/guards';
import type { DocumentRule } from '../rules/types';
import type { TemplateSet } from '../templates/registry';
import type { UrlCheckResult } from '../links/external/types';
import { compileTopics, findTopicsInText, matchTopics, type TextHit, type TopicMatch, type TopicMatcher } from '../topics/match';
import { DEFAULT_TOPICS } from '../topics/seed';
import type { TopicRow } from '../topics/table';
import { proseSegmentsOf } from '../topics/from-view';
import { resolveTemplate, type TemplateResolution } from '../templates/resolve';

export interface EnvironmentOptions {
  config: BenchpressConfig;
  templates: TemplateSet;
  data: ChunkData;
  locale: Locale;
  /** Topic-heat table (the seed's unless the workspace has its own). */
  topics?: readonly TopicRow[];
  /** Only these rules or groups run (CLI --rules). */
  only?: readonly string[];
}

/** Settings, templates and data for checking: built once per configuration, shared by all documents. */
export class CheckEnvironment {
  readonly context: AnalysisContext;
  readonly documentRules: { rule: DocumentRule; effective: EffectiveRule }[];
  /** Ids of every rule that runs. */
  readonly enabledRules: ReadonlySet<string>;
  readonly config: BenchpressConfig;
  readonly templates: TemplateSet;
  readonly data: ChunkData;
  readonly locale: Locale;
  readonly only?: readonly string[];
  readonly topicRows: readonly TopicRow[];
  readonly topics: TopicMatcher;
  /** Engine rules (guards, front matter) the workspace configured: their severity, or 'off'. */
  private readonly engineOverrides = new Map<string, Severity | 'off'>();

  constructor(options: EnvironmentOptions) {
    const { config, data, locale, only } = options;
    this.config = config;
    this.templates = options.templates;
    this.data = data;
    this.locale = locale;
    this.only = only;
    this.topicRows = options.topics ?? DEFAULT_TOPICS;
    this.topics = compileTopics(this.topicRows);
    const chunkRules: RuleSettingResolved[] = [];
    const enabled = new Set<string>();
    this.documentRules = [];
    for (const rule of RULES) {
      const effective = effectiveRule(rule, config.rules, only);
      if (rule.scope === 'engine' && mostSpecific(rule.id, config.rules) !== undefined) this.engineOverrides.set(rule.id, effective?.severity ?? 'off');
      if (!effective) continue;
      enabled.add(rule.id);
      if (rule.scope === 'chunk') chunkRules.push({ id: rule.id, ...effective });
      else if (rule.scope === 'document') this.documentRules.push({ rule, effective });
    }
    this.enabledRules = enabled;
    const anchors: AnchorSettings = { style: config.links.anchorStyle, options: config.links.anchorOptions };
    const base = { locale, rules: chunkRules, data, typography: config.typography, limits: DEFAULT_LIMITS, anchors, topics: this.topicRows };
    this.context = { key: hashString(JSON.stringify(base)).toString(36) + ':' + JSON.stringify(base).length, ...base };
  }

  /**
   * Engine findings (guards, front matter, encoding) as the workspace configured them: dropped when their rule is
   * off, at the configured severity when one is set, else as reported (a guard may report a softer case).
   */
  applyEngineSettings(findings: Finding[]): Finding[] {
    if (this.engineOverrides.size === 0) return findings;
    const out: Finding[] = [];
    for (const f of findings) {
      const override = this.engineOverrides.get(f.ruleId);
      if (override === 'off') continue;
      out.push(override ? { ...f, severity: override } : f);
    }
    return out;
  }
}

export interface CheckInput {
  uri: string;
  path?: string;
  text: string;
  /** Results of an external link check to report (`links/broken-url`, `links/redirect`). */
  urlResults?: ReadonlyMap<string, UrlCheckResult>;
  /** The file on disk is not valid UTF-8 from this 1-based line on (the text was decoded with replacements). */
  invalidUtf8Line?: number;
}

export interface CheckStats {
  chunks: number;
  analysed: number;
  reused: number;
  ms: number;
}

export interface CheckResult {
  findings: Finding[];
  view?: DocumentView;
  templateResolution?: TemplateResolution;
  /** Hot topics the draft mentions, best first. */
  topics?: TopicMatch[];
  stats: CheckStats;
}

/** What chunk results depend on besides their text: the analysis context and the flavor. */
const contextOf = (env: CheckEnvironment, flavor: 'markdown' | 'mdx') => `${env.context.key}\u0000${flavor}`;

interface ChunkAtPlace {
  text: string;
  result: ChunkResult;
}

const noPlaces = () => ({ byStart: new Map<number, ChunkAtPlace>(), byEndDistance: new Map<number, ChunkAtPlace>() });

/** `text` in place of `[start, end)` of a text (offsets in that text). */
export interface TextReplacement {
  start: number;
  end: number;
  text: string;
}

/** Where the last split put the chunks of a text, and what the split was for (see DocumentChecker.anticipate). */
interface SplitLayout {
  text: string;
  /** The body chunks' offsets in `text` (front matter is not analysed by the worker). */
  bounds: { start: number; end: number }[];
  env: CheckEnvironment;
  flavor: 'markdown' | 'mdx';
}

/** A chunk's analysis started before the check that wants it (see DocumentChecker.anticipate). */
interface AnalysisAhead {
  text: string;
  /** The cache context it was started in (contextOf). */
  context: string;
  result: Promise<ChunkResult>;
  stop: AbortController;
  /** Its early result once the worker sent it, and whom to tell then (the check that took it over). */
  early: { result?: EarlyChunkResult; listener?: (early: EarlyChunkResult) => void };
}

export interface ChunkLayout {
  start: number;
  end: number;
  result: ChunkResult;
}

/** What the whole-document rules work on: the document view, and what is resolved from it. */
interface ViewParts {
  view: DocumentView;
  templateResolution: TemplateResolution;
  topics: TopicMatch[];
  /** A chunk could not be read (an MDX syntax error, a guard): see DocumentChecker.runDocumentRules. */
  partlyRead: boolean;
}

/** A chunk of a check's layout with what the view needs of its result (the early result, or the whole one). */
interface LaidOutChunk extends Pick<ChunkResult, 'summary' | 'topicHits' | 'guard'> {
  chunk: Chunk;
}

/** The whole-document rules' findings of a check, by their keys (see runDocumentRules). */
interface DocumentRulesOutput {
  findings: Finding[];
  reported: Map<string, Finding>;
}

/** A check halfway (see DocumentChecker.prepare): `done` when a guard already decided the result. */
export type PreparedCheck = { input: CheckInput; env: CheckEnvironment; started: number; stats: CheckStats; findings: Finding[] } & (
  | { done: CheckResult; view?: undefined }
  | ({ done?: undefined } & ViewParts)
);

export class DocumentChecker {
  /** Chunk results by chunk text, all for `cacheContext` (a settings change empties it). */
  private cache = new Map<string, ChunkResult>();
  /**
   * The text each result of `cache` is kept under: a copy of its chunk's text, made when the result came, kept as long
   * as the result is. A string's hash is computed once per string object and every split makes new ones, so keying the
   * cache by each check's chunks hashed the whole draft on every edit (0.2–0.3 ms for 5,000 lines). A copy, because a
   * chunk's text is a slice of the document's, and a slice keeps the whole version of the document it came from alive.
   */
  private keys = new Map<ChunkResult, string>();
  private cacheContext = '';
  /** Topic hits per prose segment text, for the matcher they were found with. */
  private topicHits = { matcher: undefined as TopicMatcher | undefined, hits: new Map<string, readonly TextHit[]>() };
  /** The chunks of the last check, with their offsets (for the CLI's persistent cache). */
  lastLayout: ChunkLayout[] = [];
  /**
   * The whole-document rules' findings of the last check, by content. A rule reports anew on every check, but after
   * an edit most of what it reports is what it reported before (every broken link of a draft, on every keystroke):
   * such a finding is the object of the last check again, so what is made from findings (diagnostics, their bytes
   * in the message to the editor) is reused, as for the findings of chunks that did not change.
   */
  private documentFindings = new Map<string, Finding>();
  /**
   * The last check's chunks by where they start and by how far before the end they end. A chunk of the new text
   * at the same place (before the edit) or as far from the end (after it) is compared with the one there: equal
   * texts are a compare, where a lookup in `cache` hashes every chunk's text anew (the whole draft, on every edit).
   */
  private placed = noPlaces();
  /** The chunks of the text last split, moved along by the edits anticipated since. */
  private split?: SplitLayout;
  /** The analysis `anticipate` started, until a check takes it. */
  private ahead?: AnalysisAhead;

  constructor(private readonly analyzer: ChunkAnalyzer) {}

  /**
   * Starts analysing, ahead of the check of `after`, the chunk an edit of `before` lands in. When `before` is the text
   * last split (or anticipated), and the edit replaces text inside one chunk without adding or removing a line break,
   * that chunk with the edit applied is most likely one of the chunks the next split gives: a check that finds a chunk
   * of exactly that text takes the analysis over (any other check stops it), and finds the worker already at it rather
   * than sending it only after the document is split again. Says whether an analysis was started.
   */
  anticipate(before: string, edit: TextReplacement, after: string): boolean {
    const split = this.split;
    this.split = undefined;
    this.dropAhead();
    if (split === undefined || split.text !== before || /[\r\n]/.test(edit.text)) return false;
    const { bounds } = split;
    // The one chunk that could hold the edit: the last to start before it.
    const at = countAtOrBefore(bounds, (b) => b.start, edit.start - 1) - 1;
    if (at === -1 || edit.end >= bounds[at].end) return false;
    for (let i = edit.start; i < edit.end; i++) {
      const c = before.charCodeAt(i);
      if (c === 10 || c === 13) return false;
    }
    const chunk = bounds[at];
    const text = before.slice(chunk.start, edit.start) + edit.text + before.slice(edit.end, chunk.end);
    const shift = edit.text.length - (edit.end - edit.start);
    chunk.end += shift;
    for (let i = at + 1; i < bounds.length; i++) {
      bounds[i].start += shift;
      bounds[i].end += shift;
    }
    split.text = after;
    this.split = split;
    const context = contextOf(split.env, split.flavor);
    if (context === this.cacheContext && this.cache.has(text)) return false;
    const stop = new AbortController();
    const early: AnalysisAhead['early'] = {};
    const result = this.analyzer
      .analyze([{ text, flavor: split.flavor }], split.env.context, stop.signal, (_, e) => {
        early.result = e;
        early.listener?.(e);
      })
      .then(([r]) => r);
    result.catch(() => undefined); // stopped: nobody waits for it
    this.ahead = { text, context, result, stop, early };
    return true;
  }

  private dropAhead(): void {
    this.ahead?.stop.abort();
    this.ahead = undefined;
  }

  /** Seeds the cache with results from a persisted cache, as [chunk text, result] pairs. */
  seed(env: CheckEnvironment, flavor: 'markdown' | 'mdx', entries: Iterable<[string, ChunkResult]>): void {
    this.useContext(contextOf(env, flavor));
    for (const [text, value] of entries) {
      this.cache.set(text, value);
      this.keys.set(value, text);
    }
  }

  /** Forgets the chunk results (a checker whose document is not checked again); the next check analyses anew. */
  forget(): void {
    this.dropAhead();
    this.split = undefined;
    this.cache = new Map();
    this.keys = new Map();
    this.lastLayout = [];
    this.topicHits = { matcher: undefined, hits: new Map() };
    this.documentFindings = new Map();
    this.placed = noPlaces();
  }

  /**
   * A checker that knows what this one knows (the same chunk results, shared: nothing changes them) and goes its own
   * way from here: checks of other texts with it leave this one as it is.
   */
  copy(): DocumentChecker {
    const copy = new DocumentChecker(this.analyzer);
    copy.cache = new Map(this.cache);
    copy.keys = new Map(this.keys);
    copy.cacheContext = this.cacheContext;
    copy.topicHits = { matcher: this.topicHits.matcher, hits: new Map(this.topicHits.hits) };
    copy.lastLayout = [...this.lastLayout];
    copy.documentFindings = new Map(this.documentFindings);
    copy.placed = { byStart: new Map(this.placed.byStart), byEndDistance: new Map(this.placed.byEndDistance) };
    return copy;
  }

  private useContext(context: string): void {
    if (context === this.cacheContext) return;
    this.cache = new Map();
    this.keys = new Map();
    this.placed = noPlaces();
    this.cacheContext = context;
  }

  /**
   * A check of one document. The whole-document rules start as soon as the view can be built: when the worker has
   * parsed the chunks an edit changed (their early results), while it still runs their chunk rules.
   */
  async check(input: CheckInput, env: CheckEnvironment, workspace: WorkspaceView, signal?: AbortSignal): Promise<CheckResult> {
    let early: { view: DocumentView; rules: Promise<DocumentRulesOutput> } | undefined;
    const prepared = await this.prepare(input, env, signal, (parts) => {
      const rules = this.runDocumentRules(input, env, parts, workspace, signal);
      rules.catch(() => undefined); // awaited below unless the check fails or the view is built again
      early = { view: parts.view, rules };
    });
    if (prepared.done !== undefined) return prepared.done;
    const rules = early?.view === prepared.view ? await early.rules : await this.runDocumentRules(input, env, prepared, workspace, signal);
    return this.complete(prepared, rules, signal);
  }

  /**
   * The first half of a check: the chunks analysed and the document view built, before any whole-document rule
   * runs. A run over many files prepares them all first, so that a rule reading another file of the run (the
   * anchors of a linked draft) finds it prepared (see services/check-files.ts).
   */
  async prepare(input: CheckInput, env: CheckEnvironment, signal?: AbortSignal, onEarlyView?: (parts: ViewParts) => void): Promise<PreparedCheck> {
    const started = performance.now();
    const { text } = input;
    const locale = env.locale;
    const stats: CheckStats = { chunks: 0, analysed: 0, reused: 0, ms: 0 };
    const ahead = this.ahead;
    this.ahead = undefined;
    const done = (findings: Finding[]): PreparedCheck => {
      ahead?.stop.abort();
      stats.ms = performance.now() - started;
      return { input, env, started, stats, findings, done: { findings: sortFindings(env.applyEngineSettings(findings)), stats } };
    };

    // A UTF-16 code unit is at most three bytes of UTF-8: a text below a third of the limit is not counted (a count
    // of a long draft's bytes on every edit).
    if (text.length * 3 > env.config.maxFileSizeKB * 1024) {
      const sizeKB = Buffer.byteLength(text, 'utf8') / 1024;
      if (sizeKB > env.config.maxFileSizeKB) return done([guardFinding('too-large', locale, { size: Math.round(sizeKB), limit: env.config.maxFileSizeKB })]);
    }
    const flavor = flavorOf(input.path ?? input.uri);
    const lineStarts: number[] = [];
    const chunks = splitChunks(text, { splitHeadings: flavor === 'markdown', lineStarts });
    const findings: Finding[] = [];
    if (input.invalidUtf8Line !== undefined) {
      const line = input.invalidUtf8Line - 1;
      findings.push(guardFinding('invalid-utf8', locale, { line: input.invalidUtf8Line }, { start: { line, character: 0 }, end: { line, character: 0 } }));
    }
    this.useContext(contextOf(env, flavor));
    const known = chunks.map((chunk) => (chunk.kind === 'frontmatter' ? undefined : this.knownAt(chunk, text)));
    // A NUL character says the text is binary. Only a chunk this checker does not know can hold one (a chunk it knows
    // is from a text that passed this test), so after an edit only the edited chunk is searched, not the whole draft.
    if (chunks.some((chunk, i) => known[i] === undefined && chunk.text.includes('\u0000'))) return done([guardFinding('binary', locale)]);
    let frontMatter: FrontMatter | undefined;
    if (chunks[0]?.kind === 'frontmatter') {
      known.shift();
      frontMatter = readFrontMatter(chunks.shift()!);
      if (frontMatter.error) {
        const line = frontMatter.error.line;
        findings.push({ ruleId: 'frontmatter/invalid', severity: 'error', message: localize({ en: `Front matter is not valid YAML: ${frontMatter.error.message}`, zh: `front matter 不是有效的 YAML：${frontMatter.error.message}` }, locale), range: { start: { line, character: 0 }, end: { line, character: 0 } } });
      }
    }
    // The body chunks (front matter is not analysed by the worker), for the edits anticipated before the next check.
    this.split = { text, bounds: chunks.map((c) => ({ start: c.startOffset, end: c.endOffset })), env, flavor };

    // The view built from the early results, if the layout they give is the final one (see analyseChunks).
    let earlyView: { layout: LaidOutChunk[]; parts: ViewParts } | undefined;
    const onLayout = onEarlyView && ((layout: LaidOutChunk[]) => {
      earlyView = { layout, parts: this.viewParts(input, env, flavor, frontMatter, lines, layout) };
      onEarlyView(earlyView.parts);
    });
    // The chunks an edit changed are sent to the worker at once; while it analyses them, this thread does what does
    // not depend on them: the line index, and the chunks it already knows, placed where they now are.
    const analysing = this.analyseChunks(text, chunks, known, flavor, env, signal, stats, onLayout, ahead);
    const lines = new LineIndex(text, lineStarts);
    for (let i = 0; i < chunks.length; i++) {
      const result = known[i];
      if (result === undefined) continue;
      placedFindings(result, chunks[i].startLine);
      placedSummary(result.summary, chunks[i].startOffset);
    }
    const results = await analysing;
    const used = new Map<string, ChunkResult>();
    const keys = new Map<ChunkResult, string>();
    for (const { chunk, result } of results) {
      const key = this.keys.get(result) ?? detachedCopy(chunk.text);
      keys.set(result, key);
      used.set(key, result);
      for (const f of placedFindings(result, chunk.startLine)) findings.push(f);
    }
    // Keep only what this version uses, so the cache follows the document instead of growing with its history.
    this.cache = used;
    this.keys = keys;
    this.lastLayout = results.map(({ chunk, result }) => ({ start: chunk.startOffset, end: chunk.endOffset, result }));
    this.placed = noPlaces();
    for (const { chunk, result } of results) {
      const at = { text: keys.get(result)!, result };
      this.placed.byStart.set(chunk.startOffset, at);
      this.placed.byEndDistance.set(text.length - chunk.endOffset, at);
    }
    stats.chunks = results.length;

    const layout: LaidOutChunk[] = results.map(({ chunk, result }) => ({ chunk, summary: result.summary, topicHits: result.topicHits, guard: result.guard }));
    // The early view stands when the results are those it was built from (a guard after the parse, a worker lost,
    // a join or a split change them).
    const parts = earlyView !== undefined && sameLayout(earlyView.layout, layout) ? earlyView.parts : this.viewParts(input, env, flavor, frontMatter, lines, layout);
    return { input, env, started, stats, findings, ...parts };
  }

  private viewParts(input: CheckInput, env: CheckEnvironment, flavor: 'markdown' | 'mdx', frontMatter: FrontMatter | undefined, lines: LineIndex, layout: readonly LaidOutChunk[]): ViewParts {
    const view = buildDocumentView({
      uri: input.uri,
      path: input.path,
      text: input.text,
      flavor,
      frontMatter,
      lines,
      summaries: layout.map(({ chunk, summary }) => ({ offset: chunk.startOffset, summary })),
      anchors: env.context.anchors,
    });
    const templateResolution = resolveTemplate(view, env.templates.templates, env.config.template);
    const topics = this.matchTopics(view, env.topics, layout);
    // A part that could not be read (an MDX syntax error, a guard) is only shallowly known, so whole-document rules
    // still report but offer no edits: a fix built on a partial picture could duplicate or drop the writer's text.
    const partlyRead = layout.some(({ guard }) => guard !== undefined);
    return { view, templateResolution, topics, partlyRead };
  }

  /** The second half: the whole-document rules, suppressions and engine settings. */
  async finish(prepared: PreparedCheck, workspace: WorkspaceView, signal?: AbortSignal): Promise<CheckResult> {
    if (prepared.done !== undefined) return prepared.done;
    return this.complete(prepared, await this.runDocumentRules(prepared.input, prepared.env, prepared, workspace, signal), signal);
  }

  /** The chunks' findings and the whole-document rules' together, with suppressions and engine settings applied. */
  private complete(prepared: PreparedCheck & ViewParts, rules: DocumentRulesOutput, signal?: AbortSignal): CheckResult {
    const { env, stats, view, templateResolution, topics } = prepared;
    // A check stopped half-way keeps the findings of the last complete one for the next.
    if (!signal?.aborted) this.documentFindings = rules.reported;
    stats.ms = performance.now() - prepared.started;
    const findings = [...prepared.findings, ...rules.findings];
    return { findings: sortFindings(env.applyEngineSettings(applySuppressions(findings, view, isKnownRuleOrGroup, env.locale))), view, templateResolution, topics, stats };
  }

  private async runDocumentRules(input: CheckInput, env: CheckEnvironment, parts: ViewParts, workspace: WorkspaceView, signal?: AbortSignal): Promise<DocumentRulesOutput> {
    const { view, templateResolution, topics, partlyRead } = parts;
    const locale = env.locale;
    const findings: Finding[] = [];
    const reported = new Map<string, Finding>();
    /** The finding, or the equal one of the last check (findings are plain JSON and never changed once made). */
    const kept = (finding: Finding): Finding => {
      const { start, end } = finding.range;
      // Most findings have neither fixes nor data: their key is made without serialising anything.
      let key = `${finding.ruleId}\u0000${finding.severity}\u0000${start.line}:${start.character}:${end.line}:${end.character}\u0000${finding.message}`;
      if (finding.fixes !== undefined || finding.data !== undefined) key += `\u0000${JSON.stringify(finding.fixes) ?? ''}\u0000${JSON.stringify(finding.data) ?? ''}`;
      if (reported.has(key)) return finding;
      const same = this.documentFindings.get(key) ?? finding;
      reported.set(key, same);
      return same;
    };
    for (const { rule, effective } of env.documentRules) {
      if (signal?.aborted) break;
      // A rule gets the check's time budget; one that overruns it (waiting on a slow disk, say) is named, its later
      // reports are dropped, and the next rule runs. (A rule that never yields cannot be stopped here; document rules
      // work on the summary, not on the text, so they stay short.)
      let open = true;
      try {
        await withBudget(env.config.checkTimeoutMs, rule.check({
          doc: view,
          workspace,
          template: templateResolution.resolved,
          templateResolution,
          templates: env.templates.templates,
          config: env.config,
          locale,
          options: effective.options,
          signal,
          urlResults: input.urlResults,
          enabledRules: env.enabledRules,
          topics,
          report: (r) => {
            if (open) findings.push(kept({ ruleId: rule.id, severity: r.severity ?? effective.severity, message: localize(r.message, locale), range: r.range, fixes: partlyRead ? undefined : r.fixes, data: r.data }));
          },
        }));
      } catch (error) {
        if (error instanceof BudgetExceeded) findings.push(guardFinding('rule-timeout', locale, { rule: rule.id, ms: env.config.checkTimeoutMs }));
        else findings.push(guardFinding('rule-failed', locale, { rule: rule.id, reason: (error as Error)?.message ?? String(error) }));
      } finally {
        open = false;
      }
    }
    return { findings, reported };
  }

  /**
   * Topic matches, from the hits the chunks' analyses found (in the workers) where they have them, else re-finding
   * hits only in prose segments whose text changed since the last check. The view's prose is the chunks' prose in
   * the layout's order, so a segment's hits are found by its index (a map of every segment's text to its hits, made
   * anew on every edit, cost more than the match).
   */
  private matchTopics(view: DocumentView, matcher: TopicMatcher, results: readonly Pick<ChunkResult, 'summary' | 'topicHits'>[]): TopicMatch[] {
    const previous = this.topicHits.matcher === matcher ? this.topicHits.hits : new Map<string, readonly TextHit[]>();
    const found: (readonly TextHit[] | undefined)[] = [];
    for (const { summary, topicHits } of results) {
      const complete = topicHits?.length === summary.prose.length;
      for (let i = 0; i < summary.prose.length; i++) found.push(complete ? topicHits![i] : undefined);
    }
    const current = new Map<string, readonly TextHit[]>();
    const matches = matchTopics({ segments: proseSegmentsOf(view) }, matcher, (text, index) => {
      const known = found[index];
      if (known) return known;
      const hits = previous.get(text) ?? findTopicsInText(text, matcher);
      current.set(text, hits);
      return hits;
    });
    this.topicHits = { matcher, hits: current };
    return matches;
  }

  /** The result for a chunk of `text` this checker already has: the last check's at its place, else by its text. */
  private knownAt(chunk: Chunk, text: string): ChunkResult | undefined {
    const there = this.placed.byStart.get(chunk.startOffset) ?? this.placed.byEndDistance.get(text.length - chunk.endOffset);
    return there !== undefined && there.text === chunk.text ? there.result : this.cache.get(chunk.text);
  }

  /**
   * `known`: the result this checker already has for each of `chunks` (knownAt, in the check's context). `onLayout`,
   * when given, is told the layout as soon as the early results of the chunks sent for analysis make it final.
   */
  private async analyseChunks(text: string, chunks: Chunk[], known: readonly (ChunkResult | undefined)[], flavor: 'markdown' | 'mdx', env: CheckEnvironment, signal: AbortSignal | undefined, stats: CheckStats, onLayout?: (layout: LaidOutChunk[]) => void, ahead?: AnalysisAhead) {
    // `grouped`: the chunk may hold several sections, to be checked one by one should a guard stop it (a Markdown
    // body chunk as split; not a join, a section, front matter, or MDX, whose blocks may span headings).
    type Entry = { chunk: Chunk; result: ChunkResult | undefined; grouped: boolean };
    const entry = (chunk: Chunk, grouped: boolean, result: ChunkResult | undefined): Entry => ({ chunk, result, grouped });
    let current = chunks.map((chunk, i) => entry(chunk, flavor === 'markdown' && chunk.kind === 'body', known[i]));
    /** Where the last join started, and how many chunks it took. */
    let joinedAt = -1;
    let joined = 0;
    for (let round = 0; ; round++) {
      const missing = current.filter((c) => !c.result);
      // An analysis started ahead is for the chunks as split: the first round's or nobody's.
      const aheadNow = round === 0 ? ahead : undefined;
      if (missing.length > 0) {
        const onEarly = round === 0 && onLayout && missing.length <= EARLY_LAYOUT_MAX_CHUNKS ? earlyLayout(current, missing, onLayout) : undefined;
        const analysed = await this.analyse(missing.map((c) => c.chunk.text), flavor, env, signal, onEarly, aheadNow);
        missing.forEach((c, i) => { c.result = analysed[i]; });
        stats.analysed += missing.length;
      } else aheadNow?.stop.abort();
      // A guard stops a whole chunk, and a rule that fails or overruns is reported at its chunk's start: a group of
      // short sections is then checked section by section, so a guard covers, and a failure names the place of,
      // only the section that needs it.
      const guarded = current.findIndex((c) => c.grouped && c.result!.findings.some((f) => f.ruleId.startsWith('guard/')));
      if (guarded !== -1) {
        const sections = sectionsOf(current[guarded].chunk);
        current = [...current.slice(0, guarded), ...sections.map((section) => entry(section, false, this.knownAt(section, text))), ...current.slice(guarded + 1)];
        continue;
      }
      // A chunk whose parse ends inside an open block (an HTML block the scanner thought closed) is joined to the
      // next. When the joined chunk still ends open, it takes twice as many chunks the next time: a block that runs
      // on through many headings (`<div>` lines without a blank line between) costs a few parses of the rest of the
      // draft, not one per heading.
      const open = current.findIndex((c, i) => i < current.length - 1 && c.result!.endsOpen);
      if (open === -1) break;
      joined = open === joinedAt ? joined * 2 : 1;
      joinedAt = open;
      const last = Math.min(current.length - 1, open + joined);
      const merged = mergeChunks(current[open].chunk, current[last].chunk, text);
      current = [...current.slice(0, open), entry(merged, false, this.knownAt(merged, text)), ...current.slice(last + 1)];
    }
    stats.reused = Math.max(0, current.length - stats.analysed);
    return current as { chunk: Chunk; result: ChunkResult }[];
  }

  /**
   * Analyses chunks of these texts, taking over `ahead` for the one of its text (started in this context). An
   * analysis started ahead that this check has no use for is stopped: the worker is wanted for the check.
   */
  private async analyse(texts: string[], flavor: 'markdown' | 'mdx', env: CheckEnvironment, signal: AbortSignal | undefined, onEarly: EarlyListener | undefined, ahead: AnalysisAhead | undefined): Promise<ChunkResult[]> {
    const taken = ahead !== undefined && ahead.context === contextOf(env, flavor) ? texts.indexOf(ahead.text) : -1;
    if (taken === -1) {
      ahead?.stop.abort();
      return this.analyzer.analyze(texts.map((text) => ({ text, flavor })), env.context, signal, onEarly);
    }
    const { stop, early, result } = ahead!;
    if (signal?.aborted) stop.abort();
    const mine = untilSettled(result, signal, () => stop.abort());
    if (onEarly) {
      // On a later turn, as the worker's would be (the check is still being started).
      const known = early.result;
      if (known) queueMicrotask(() => onEarly(taken, known));
      else early.listener = (e) => onEarly(taken, e);
    }
    const others = texts.filter((_, i) => i !== taken);
    const analysing = others.length === 0 ? Promise.resolve([]) : this.analyzer.analyze(others.map((text) => ({ text, flavor })), env.context, signal, onEarly && ((i, e) => onEarly(i < taken ? i : i + 1, e)));
    const [analysed, rest] = await Promise.all([mine, analysing]);
    rest.splice(taken, 0, analysed);
    return rest;
  }
}

/**
 * Early results are asked for when an edit's few chunks are analysed: opening a draft analyses all of them, and the
 * view could then be built only as the last one arrives, for a message more per chunk.
 */
const EARLY_LAYOUT_MAX_CHUNKS = 4;

/**
 * Tells `onLayout` the layout once every chunk of `missing` (entries of `current` being analysed) has its early
 * result, if the layout is final by then: the chunks' findings can still change it only when a grouped chunk holds a
 * guard's finding (it is then checked section by section) or a chunk before the last ends inside an open block (it
 * is joined to the next). A guard that stops one of `missing` later gives it another summary, which the check sees
 * (see sameLayout). Told on a later turn: the listener may be called while the analysis is being started.
 */
function earlyLayout(current: readonly { chunk: Chunk; result: ChunkResult | undefined; grouped: boolean }[], missing: readonly { chunk: Chunk }[], onLayout: (layout: LaidOutChunk[]) => void): EarlyListener {
  const early = new Array<EarlyChunkResult | undefined>(missing.length);
  let waiting = missing.length;
  return (index, result) => {
    if (early[index] === undefined) waiting--;
    early[index] = result;
    if (waiting !== 0) return;
    waiting = -1; // told once
    const layout: LaidOutChunk[] = [];
    for (const [i, entry] of current.entries()) {
      const known = entry.result;
      const got = known ?? early[missing.indexOf(entry)]!;
      if (i < current.length - 1 && got.endsOpen) return;
      if (known && entry.grouped && known.findings.some((f) => f.ruleId.startsWith('guard/'))) return;
      layout.push({ chunk: entry.chunk, summary: got.summary, topicHits: got.topicHits, guard: known?.guard });
    }
    queueMicrotask(() => {
      try {
        onLayout(layout);
      } catch {
        // No early view: the check builds its view from the results, and meets the same problem there, in its course.
      }
    });
  };
}

/** The same chunks with the same summaries and topic hits (the same objects: early results are the results' own). */
function sameLayout(a: readonly LaidOutChunk[], b: readonly LaidOutChunk[]): boolean {
  return a.length === b.length && a.every((x, i) => x.chunk === b[i].chunk && x.summary === b[i].summary && x.topicHits === b[i].topicHits && x.guard === b[i].guard);
}

/** A copy of `text` that does not keep alive the string it was sliced from (a V8 slice keeps its parent). */
const detachedCopy = (text: string) => (' ' + text).slice(1);

/**
 * A chunk result's findings in document lines. The last placement of each result is kept (as the view keeps its
 * summaries' placements): after an edit, every chunk above it is where it was, so its findings are not copied
 * again. Findings are never changed once made, so checks can share them.
 */
const findingPlacements = new WeakMap<ChunkResult, { line: number; findings: readonly Finding[] }>();

function placedFindings(result: ChunkResult, line: number): readonly Finding[] {
  const known = findingPlacements.get(result);
  if (known && known.line === line) return known.findings;
  // One shape of list for every chunk (see base/lists.ts): the check's loop over them is compiled once.
  const findings = mappedList(result.findings, (f) => ({ ...f, range: shiftRange(f.range, line), fixes: f.fixes?.map((fix) => ({ ...fix, edits: fix.edits.map((e) => ({ ...e, range: shiftRange(e.range, line) })) })) }));
  findingPlacements.set(result, { line, findings });
  return findings;
}

class BudgetExceeded extends Error {}

/** `work`, or BudgetExceeded after `ms` (the work itself goes on unobserved; its reports are dropped). */
function withBudget<T>(ms: number, work: T | Promise<T>): Promise<T> {
  if (!(work instanceof Promise)) return Promise.resolve(work);
  let timer: NodeJS.Timeout | undefined;
  const budget = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new BudgetExceeded()), ms);
  });
  return Promise.race([work, budget]).finally(() => clearTimeout(timer));
}

/** Rule ids in `localeCompare` order, as ranks (a few dozen ids; compared thousands of times per sort). */
const ruleRanks = new Map<string, number>();

function ruleRank(id: string): number {
  let rank = ruleRanks.get(id);
  if (rank === undefined) {
    const ids = [...ruleRanks.keys(), id].sort((a, b) => a.localeCompare(b));
    ruleRanks.clear();
    ids.forEach((x, i) => ruleRanks.set(x, i));
    rank = ruleRanks.get(id)!;
  }
  return rank;
}

/** By position, then rule id (`localeCompare` order, through ranks: the same order, without collating on every comparison). */
export function sortFindings(findings: Finding[]): Finding[] {
  for (const f of findings) ruleRank(f.ruleId);
  return findings.sort((a, b) => a.range.start.line - b.range.start.line || a.range.start.character - b.range.start.character || ruleRanks.get(a.ruleId)! - ruleRanks.get(b.ruleId)!);
}

