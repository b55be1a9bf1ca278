// What the typography rules share: the chunk's typography is computed once (one pipeline over every prose
// segment, with the stages of the rules that are on) and each rule reports its own part of it.
import type { Root } from 'mdast';
import { localize } from '../../base/i18n';
import type { ChunkRuleContext, RuleDocs } from '../types';
import { typesetChunk, type ChunkTypography, type TypographyFinding } from '../../typography/pipeline';
import { DEFAULT_TYPOGRAPHY, STAGE_RULE_IDS, TABLE_RULE_ID, type Stage, type TypographySettings } from '../../typography/settings';

interface Cached {
  key: string;
  settingsRef: unknown;
  enabledRef: unknown;
  result: ChunkTypography;
  byStage: Map<Stage | 'table', TypographyFinding[]>;
}

const cache = new WeakMap<Root, Cached>();

const TYPOGRAPHY_RULE_IDS = [...STAGE_RULE_IDS, TABLE_RULE_ID];

/** The settings as a string, once per settings object (every chunk of a run shares it). */
const settingsKeys = new WeakMap<object, string>();
function settingsKey(source: object | undefined, settings: TypographySettings): string {
  if (!source) return JSON.stringify(settings);
  let key = settingsKeys.get(source);
  if (key === undefined) settingsKeys.set(source, (key = JSON.stringify(settings)));
  return key;
}

export function typographySettings(settings: Partial<TypographySettings> | undefined): TypographySettings {
  return { ...DEFAULT_TYPOGRAPHY, ...settings };
}

function chunkTypography(ctx: ChunkRuleContext): Cached {
  const hit = cache.get(ctx.tree);
  // The rules of one chunk's analysis share the same settings and rule set objects: no key to build then.
  if (hit && hit.settingsRef === ctx.typography && hit.enabledRef === ctx.enabledRules) return hit;
  const settings = typographySettings(ctx.typography);
  const enabled = ctx.enabledRules;
  const key = settingsKey(ctx.typography, settings) + (enabled ? TYPOGRAPHY_RULE_IDS.map((id) => (enabled.has(id) ? '1' : '0')).join('') : '*');
  if (hit && hit.key === key) return hit;
  const result = typesetChunk(ctx.tree, ctx.text, ctx.summary, {
    settings,
    enabled: (stage) => !enabled || enabled.has(STAGE_RULE_IDS[stage]),
    tables: !enabled || enabled.has(TABLE_RULE_ID),
  });
  const byStage = new Map<Stage | 'table', TypographyFinding[]>();
  for (const f of result.findings) {
    let list = byStage.get(f.stage);
    if (!list) byStage.set(f.stage, (list = []));
    list.push(f);
  }
  const entry = { key, result, byStage, settingsRef: ctx.typography, enabledRef: enabled };
  cache.set(ctx.tree, entry);
  return entry;
}

/** Reports the findings of one stage of the chunk's typography. */
export function reportTypography(ctx: ChunkRuleContext, stage: Stage | 'table'): void {
  for (const f of chunkTypography(ctx).byStage.get(stage) ?? []) {
    ctx.report({
      range: ctx.lines.rangeOf(f.start, f.end),
      message: f.message,
      fixes: f.fix
        ? [{ title: localize(f.fix.title, ctx.locale), edits: f.fix.edits.map((e) => ({ range: ctx.lines.rangeOf(e.start, e.end), newText: e.text })), safe: f.fix.safe, preferred: true }]
        : undefined,
    });
  }
}

/** The note every typography rule's docs end with. */
export const WHERE = 'On for sections whose prose is Chinese (`typography.applyTo`); code, URLs, HTML, math, front matter, spec tokens and Benchpress markers are never touched.';

export const docs = (d: RuleDocs): RuleDocs => ({ ...d, rationale: `${d.rationale} ${WHERE}` });
