// Analysis of one chunk: guards, parse, chunk rules, summary. A pure function of (chunk text, flavor, context),
// which is what makes its result cacheable and lets it run in a worker that can be stopped.
import type { Nodes, Root } from 'mdast';
import type { Finding, Severity } from '../base/types';
import { LineIndex } from '../base/text';
import { localize, type Locale } from '../base/i18n';
import { parseMarkdown, type Flavor } from '../markdown/parse';
import { summarize, type ChunkSummary } from '../markdown/summary';
import { chunkRule } from '../rules/registry';
import { guardFinding } from '../rules/guards';
import { firstLimitProblem } from '../markdown/input-limits';
import { AnalysisCancelled, guardedResult, PHASE, shallowSummary, type AnalysisContext, type ChunkResult, type EarlyChunkResult, type RuleSettingResolved } from './chunk-result';
import { isPresetRemarkLintRule, runRemarkLintRules } from '../rules/remark-lint';
import { compileTopics, findTopicsInText, type TopicMatcher } from '../topics/match';

function preScan(text: string, context: AnalysisContext): ChunkResult | undefined {
  const problem = firstLimitProblem(text, context.limits);
  if (!problem) return undefined;
  const { line } = problem;
  if (problem.kind === 'line-too-long') {
    return guardedResult(text, guardFinding('line-too-long', context.locale, { length: problem.length, limit: context.limits.maxLineLength }, { start: { line, character: 0 }, end: { line, character: 0 } }));
  }
  return guardedResult(text, guardFinding('nesting-too-deep', context.locale, { depth: problem.depth, limit: context.limits.maxNesting }, { start: { line, character: 0 }, end: { line, character: problem.width } }));
}

export interface AnalyzeHooks {
  /** Told the phase as the analysis moves on: PHASE.parse, PHASE.remarkLint, PHASE.firstRule + i for `context.rules[i]`. */
  phase?(phase: number): void;
  /** Asked between rules; true stops the analysis with AnalysisCancelled. */
  cancelled?(): boolean;
  /** Rules not to run on this chunk (they overran their budget on it): ids, or `remark-lint` for that group. */
  skip?: readonly string[];
  /**
   * Told the summary, the open-block flag and the topic hits once the chunk is parsed, before its rules run. The
   * result's are the same objects, unless a guard stops the analysis later (its result has a shallow summary).
   */
  early?(early: EarlyChunkResult): void;
}

/** What every chunk of a context needs to know about its rules and topics, worked out once per context (not per chunk). */
interface ContextRules {
  enabledRules: ReadonlySet<string>;
  presetRemarkLint: RuleSettingResolved[];
  remarkLintSeverity: ReadonlyMap<string, Severity>;
  /** The context's topic table, compiled (none without a table). */
  topics: TopicMatcher | undefined;
}

const contextRules = new WeakMap<AnalysisContext, ContextRules>();

function rulesOf(context: AnalysisContext): ContextRules {
  let known = contextRules.get(context);
  if (!known) {
    const presetRemarkLint = context.rules.filter((r) => isPresetRemarkLintRule(r.id));
    known = {
      enabledRules: new Set(context.rules.map((r) => r.id)),
      presetRemarkLint,
      remarkLintSeverity: new Map(presetRemarkLint.map((r) => [r.id, r.severity])),
      topics: context.topics && compileTopics(context.topics),
    };
    contextRules.set(context, known);
  }
  return known;
}

export function analyzeChunk(text: string, flavor: Flavor, context: AnalysisContext, hooks: AnalyzeHooks = {}): ChunkResult {
  const guarded = preScan(text, context);
  if (guarded) return guarded;
  const skip = new Set(hooks.skip ?? []);
  const at = (phase: number) => {
    if (hooks.cancelled?.()) throw new AnalysisCancelled();
    hooks.phase?.(phase);
  };
  at(PHASE.parse);
  let tree: Root;
  let summary: ChunkSummary;
  const types = new Set<string>();
  try {
    tree = parseMarkdown(text, flavor);
    summary = summarize(tree, text, context.anchors, types);
  } catch (error) {
    return failed(text, error, context.locale);
  }
  const { enabledRules, presetRemarkLint, remarkLintSeverity, topics } = rulesOf(context);
  const early: EarlyChunkResult = { summary, endsOpen: endsOpen(tree, text), topicHits: topics && summary.prose.map((segment) => findTopicsInText(segment.text, topics)) };
  hooks.early?.(early);
  const lines = new LineIndex(text);
  const findings: Finding[] = [];
  // remark-lint's rules run together in one processor (see runRemarkLintRules); the rest one by one.
  const remarkLint = skip.has('remark-lint') ? [] : presetRemarkLint;
  if (remarkLint.length > 0) at(PHASE.remarkLint);
  try {
    const severity = remarkLintSeverity;
    for (const m of runRemarkLintRules({ tree, text, lines }, remarkLint, context.locale, types)) {
      const level = severity.get(m.ruleId);
      if (level) findings.push({ ruleId: m.ruleId, severity: level, message: m.message, range: m.range });
    }
  } catch (error) {
    if (error instanceof RangeError) return failed(text, error, context.locale);
    findings.push(guardFinding('rule-failed', context.locale, { rule: 'remark-lint', reason: (error as Error).message }));
  }
  for (const [index, setting] of context.rules.entries()) {
    if (isPresetRemarkLintRule(setting.id) || skip.has(setting.id)) continue;
    const rule = chunkRule(setting.id);
    if (!rule) continue;
    at(PHASE.firstRule + index);
    try {
      rule.check({
        tree,
        summary,
        text,
        lines,
        locale: context.locale,
        options: setting.options,
        data: context.data,
        typography: context.typography,
        enabledRules,
        report: (input) => findings.push({ ruleId: rule.id, severity: input.severity ?? setting.severity, message: localize(input.message, context.locale), range: input.range, fixes: input.fixes, data: input.data }),
      });
    } catch (error) {
      if (error instanceof RangeError) return failed(text, error, context.locale);
      if (error instanceof AnalysisCancelled) throw error;
      findings.push(guardFinding('rule-failed', context.locale, { rule: rule.id, reason: (error as Error)?.message ?? String(error) }));
    }
  }
  hooks.phase?.(PHASE.idle);
  return { findings, ...early };
}

function failed(text: string, error: unknown, locale: Locale): ChunkResult {
  const overflow = error instanceof RangeError;
  const range = { start: { line: 0, character: 0 }, end: { line: 0, character: 0 } };
  if (error && typeof error === 'object' && 'reason' in error && 'ruleId' in error) {
    // A syntax error with a place (MDX: JSX, imports, expressions). The place may only be in the message.
    const e = error as { line?: number; column?: number; place?: { line: number; column: number } | { start: { line: number; column: number } }; reason: string };
    const place = e.place && 'start' in e.place ? e.place.start : e.place;
    const fromMessage = /\((\d+):(\d+)(?:-\d+:\d+)?\)\s*$/.exec(e.reason);
    const line = e.line ?? place?.line ?? (fromMessage ? Number(fromMessage[1]) : 1);
    const column = e.column ?? place?.column ?? (fromMessage ? Number(fromMessage[2]) : 1);
    const at = { line: Math.max(0, line - 1), character: Math.max(0, column - 1) };
    const message = e.reason.replace(/\s*\(\d+:\d+(?:-\d+:\d+)?\)\s*$/, '');
    return { findings: [{ ruleId: 'mdx/parse-error', severity: 'error', message, range: { start: at, end: at } }], summary: shallowSummary(text), endsOpen: false, guard: 'mdx/parse-error' };
  }
  return guardedResult(text, overflow ? guardFinding('too-complex', locale, {}, range, 'warning') : guardFinding('failed', locale, { reason: (error as Error)?.message ?? String(error) }, range));
}

/** Whether the chunk's last block is still open at its end, so the next line would belong to it. */
export function endsOpen(tree: Root, text: string): boolean {
  let node: Nodes | undefined = tree.children[tree.children.length - 1];
  while (node && (node.type === 'list' || node.type === 'listItem' || node.type === 'blockquote' || node.type === 'footnoteDefinition')) {
    node = node.children[node.children.length - 1];
  }
  if (!node?.position) return false;
  const source = text.slice(node.position.start.offset, node.position.end.offset);
  if (node.type === 'code') {
    const firstLine = source.split('\n', 1)[0].replace(/^[\s>]*/, '');
    const open = /^(`{3,}|~{3,})/.exec(firstLine);
    if (!open) return false;
    const lines = source.split('\n');
    if (lines.length < 2) return true;
    const last = lines[lines.length - 1].replace(/^[\s>]*/, '').replace(/\r$/, '').trimEnd();
    return !(last[0] === open[1][0] && /^(`+|~+)$/.test(last) && last.length >= open[1].length);
  }
  if (node.type === 'html') {
    const value = node.value;
    const kinds: [RegExp, RegExp][] = [
      [/^\s*<(?:script|pre|style|textarea)(?:[\s>]|$)/i, /<\/(?:script|pre|style|textarea)>/i],
      [/^\s*<!--/, /-->/],
      [/^\s*<\?/, /\?>/],
      [/^\s*<![A-Za-z]/, />/],
      [/^\s*<!\[CDATA\[/, /\]\]>/],
    ];
    for (const [start, end] of kinds) if (start.test(value)) return !end.test(value.replace(start, ''));
    // Types 6 and 7 end only at a blank line.
    const rest = text.slice(node.position.end.offset);
    return !/\n[ \t]*\r?\n/.test(rest);
  }
  return false;
}
