// The recommended remark-lint rules, each as a Benchpress rule `remark-lint/<name>`, run on each chunk's tree.
// Five recommended rules need the whole document (definitions and references may sit in different chunks): the
// `links/*` rules and Benchpress's own `remark-lint/no-shortcut-reference-*` do their job across the document, so
// they are not run here.
import { unified, type Plugin } from 'unified';
import type { Root } from 'mdast';
import { VFile } from 'vfile';
import remarkPresetLintRecommended from 'remark-preset-lint-recommended';
import type { Locale } from '../base/i18n';
import type { ChunkRule, ChunkRuleContext } from './types';
import { localizeRemarkLintMessage } from './remark-lint-messages';

/** Recommended rules not run on chunks, and the Benchpress rule that does their job. */
const DONE_ELSEWHERE: Record<string, string> = {
  'no-undefined-references': 'links/undefined-reference',
  'no-unused-definitions': 'links/unused-definition',
  'no-duplicate-definitions': 'links/duplicate-definition',
  // Bare URLs are found by Benchpress (see core/parse.ts); remark-lint/no-literal-urls is its own rule module.
  'no-literal-urls': 'remark-lint/no-literal-urls',
  // Across the document (rules/references/): a chunk's parse does not know the definitions of other chunks.
  'no-shortcut-reference-image': 'remark-lint/no-shortcut-reference-image',
  'no-shortcut-reference-link': 'remark-lint/no-shortcut-reference-link',
};

const DOCS: Record<string, { summary: string; bad: string; good: string }> = {
  'final-newline': { summary: 'The file ends with a newline.', bad: '# Title\n\nText', good: '# Title\n\nText\n' },
  'list-item-bullet-indent': { summary: 'List bullets are not indented.', bad: 'Text\n\n - item\n', good: 'Text\n\n- item\n' },
  'list-item-indent': { summary: 'List item content is separated from its marker by one space.', bad: '-   item\n', good: '- item\n' },
  'no-blockquote-without-marker': { summary: 'Every line of a block quote starts with `>`.', bad: '> quote\ncontinued\n', good: '> quote\n> continued\n' },
  'ordered-list-marker-style': { summary: 'Ordered lists use `.` markers.', bad: '1) one\n2) two\n', good: '1. one\n2. two\n' },
  'hard-break-spaces': { summary: 'Hard breaks use exactly two trailing spaces.', bad: 'line   \nnext\n', good: 'line  \nnext\n' },
  'no-heading-content-indent': { summary: 'Heading text follows the `#` markers after one space.', bad: '#  Title\n', good: '# Title\n' },
};

type Attacher = Plugin<[unknown?], Root>;

function presetRules(): { name: string; plugin: Attacher; options: unknown }[] {
  const out: { name: string; plugin: Attacher; options: unknown }[] = [];
  for (const entry of remarkPresetLintRecommended.plugins ?? []) {
    const [plugin, options] = (Array.isArray(entry) ? entry : [entry]) as [Attacher, unknown];
    const name = String((plugin as { name?: string }).name ?? '').replace(/^remark-lint:/, '');
    if (!name || name === 'remarkLint' || DONE_ELSEWHERE[name]) continue;
    out.push({ name, plugin, options });
  }
  return out;
}

function remarkLintRule(name: string): ChunkRule {
  const docs = DOCS[name] ?? { summary: `remark-lint's ${name} rule.`, bad: '', good: '' };
  return {
    id: `remark-lint/${name}`,
    scope: 'chunk',
    defaultSeverity: 'warning',
    docs: {
      summary: docs.summary,
      rationale: `From remark-lint's recommended preset (https://github.com/remarkjs/remark-lint/tree/main/packages/remark-lint-${name}): it prevents mistakes or Markdown that renders differently across tools.`,
      bad: docs.bad,
      good: docs.good,
      options: 'The options of the remark-lint rule, e.g. ["warning", "one"].',
    },
    // The engine runs all enabled remark-lint rules at once (runRemarkLintRules); this runs one on its own.
    check(ctx) {
      for (const m of runRemarkLintRules(ctx, [{ id: `remark-lint/${name}`, options: ctx.options }], ctx.locale)) ctx.report({ range: m.range, message: m.message });
    },
  };
}

const PRESET = presetRules();
export const REMARK_LINT_RULES: ChunkRule[] = PRESET.map(({ name }) => remarkLintRule(name));

const REMARK_LINT_PREFIX = 'remark-lint/';

const PRESET_IDS = new Set(PRESET.map((p) => REMARK_LINT_PREFIX + p.name));

/** Whether a rule id is one of remark-lint's own rules (run together by runRemarkLintRules). */
export function isPresetRemarkLintRule(id: string): boolean {
  return PRESET_IDS.has(id);
}

/** Places of a remark-lint message, in chunk coordinates. */
function messageRange(message: VFile['messages'][number], lines: ChunkRuleContext['lines']) {
  const place = message.place;
  const start = place && 'start' in place ? place.start : place;
  const end = place && 'end' in place ? place.end : place;
  const at = (p: { line: number; column: number; offset?: number } | undefined) =>
    p?.offset !== undefined ? lines.positionAt(p.offset) : { line: Math.max(0, (p?.line ?? 1) - 1), character: Math.max(0, (p?.column ?? 1) - 1) };
  return { start: at(start), end: at(end) };
}

/**
 * The node types without which a rule has nothing to look at (read from each rule's source: what it visits). A
 * chunk lacking them skips the rule's walk over the tree; the messages are the same. Rules not listed always run.
 */
const NEEDS: Record<string, string> = {
  'list-item-bullet-indent': 'list',
  'list-item-indent': 'list',
  'ordered-list-marker-style': 'list',
  'no-blockquote-without-marker': 'blockquote',
  'hard-break-spaces': 'break',
  'no-heading-content-indent': 'heading',
};

const combined = new Map<string, ReturnType<typeof unified>>();

/**
 * Runs the enabled remark-lint rules in one processor over one file (instead of one run each): the same messages,
 * with less set-up per chunk. Each message comes back with the Benchpress rule id it belongs to, in the locale
 * (remark-lint's English, or Chinese from remark-lint-messages.ts).
 */
export function runRemarkLintRules(
  ctx: Pick<ChunkRuleContext, 'tree' | 'text' | 'lines'>,
  all: readonly { id: string; options: unknown }[],
  locale: Locale = 'en',
  /** The node types in the tree, when known (see `summarize`): rules that need an absent type are skipped. */
  types?: ReadonlySet<string>,
): { ruleId: string; message: string; range: ReturnType<typeof messageRange> }[] {
  const enabled = types ? all.filter((e) => {
    const needs = NEEDS[e.id.slice(REMARK_LINT_PREFIX.length)];
    return needs === undefined || types.has(needs);
  }) : all;
  if (enabled.length === 0) return [];
  const key = JSON.stringify(enabled.map((e) => [e.id, e.options ?? null]));
  let processor = combined.get(key);
  if (!processor) {
    let chain = unified();
    for (const e of enabled) {
      const preset = PRESET.find((p) => REMARK_LINT_PREFIX + p.name === e.id);
      if (preset) chain = chain.use(preset.plugin, (e.options ?? preset.options) as never) as unknown as ReturnType<typeof unified>;
    }
    processor = chain.freeze() as unknown as ReturnType<typeof unified>;
    combined.set(key, processor);
  }
  const file = new VFile({ value: ctx.text });
  // Each message is a VFileMessage, an Error: capturing its stack trace (which nobody reads) was a fifth of the
  // rules' time. A rule that throws still reports its message.
  const stackTraceLimit = Error.stackTraceLimit;
  Error.stackTraceLimit = 0;
  try {
    processor.runSync(ctx.tree as never, file);
  } finally {
    Error.stackTraceLimit = stackTraceLimit;
  }
  return file.messages.map((m) => {
    const ruleId = REMARK_LINT_PREFIX + String(m.ruleId);
    return { ruleId, message: localizeRemarkLintMessage(ruleId, m.reason, locale), range: messageRange(m, ctx.lines) };
  });
}

