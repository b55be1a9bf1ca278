// Which template a draft follows (front matter `template:`, the `template` setting, or detection from its title
// and headings), and where each template section is in the draft.
import type { DocumentView } from '../markdown/document-view';
import type { HeadingInfo, Span } from '../markdown/summary';
import type { Template } from './template';
import type { ResolvedTemplate } from './template';
import { commonSubsequence, headingKey, titleTokens } from './normalize';

export interface TemplateResolution {
  resolved?: ResolvedTemplate;
  /** Front matter named a template that does not exist. */
  unknown?: { id: string; span: Span; known: string[] };
  /** Template checks were turned off for this draft (front matter `template: none` or the setting). */
  disabled?: boolean;
}

const OFF = new Set(['none', 'off', 'false', 'no']);

export function resolveTemplate(doc: DocumentView, templates: Map<string, Template>, setting: string): TemplateResolution {
  const fm = doc.frontMatter?.data?.template;
  if (fm === false) return { disabled: true };
  if (typeof fm === 'string' && fm.trim() !== '') {
    const id = fm.trim();
    if (OFF.has(id.toLowerCase())) return { disabled: true };
    const template = templates.get(id) ?? templates.get(id.toLowerCase());
    if (template) return { resolved: matchTemplate(doc, template, 'front-matter') };
    const span = frontMatterValueSpan(doc, 'template') ?? { start: 0, end: 0 };
    return { unknown: { id, span, known: [...templates.keys()] } };
  }
  if (OFF.has(setting.toLowerCase())) return { disabled: true };
  if (setting !== 'auto') {
    const template = templates.get(setting);
    return template ? { resolved: matchTemplate(doc, template, 'setting') } : {};
  }
  return { resolved: detectTemplate(doc, templates) };
}

/** The span of `key: value` in the front matter, for diagnostics on it. */
export function frontMatterValueSpan(doc: DocumentView, key: string): Span | undefined {
  const fm = doc.frontMatter;
  if (!fm) return undefined;
  const block = doc.text.slice(fm.span.start, fm.span.end);
  const m = new RegExp(`^${key}\\s*:\\s*(.*?)\\s*$`, 'm').exec(block);
  if (!m) return undefined;
  const start = fm.span.start + m.index + m[0].indexOf(m[1], key.length);
  return { start, end: start + m[1].length };
}

export function titleSimilarity(title: string, template: Template): number {
  const tokens = titleTokens(title);
  let best = 0;
  for (const literal of literalTitleTokens(template)) best = Math.max(best, commonSubsequence(literal, tokens) / literal.length);
  return best;
}

const literalTokens = new WeakMap<Template, string[][]>();

/** The tokens of each title pattern of a template without its placeholders (`[GPU]`), worked out once per template. */
function literalTitleTokens(template: Template): string[][] {
  let known = literalTokens.get(template);
  if (!known) {
    known = template.titlePatterns.map((pattern) => titleTokens(pattern.replace(/\[[^\]]*\]/g, ' '))).filter((literal) => literal.length > 0);
    literalTokens.set(template, known);
  }
  return known;
}

function detectTemplate(doc: DocumentView, templates: Map<string, Template>): ResolvedTemplate | undefined {
  let best: { resolved: ResolvedTemplate; score: number } | undefined;
  let tie = false;
  for (const template of templates.values()) {
    const resolved = matchTemplate(doc, template, 'detected');
    const bodySections = resolved.found.filter((f) => f.section.role === 'section').length;
    const title = doc.title ? titleSimilarity(doc.title.text, template) : 0;
    const keyword = doc.title && template.detectKeywords.some((k) => doc.title!.text.toLowerCase().includes(k.toLowerCase())) ? 1 : 0;
    // Sections that only every template has (contents, key points) do not tell templates apart.
    const fits = bodySections >= 3 || (bodySections >= 2 && (title >= 0.6 || keyword > 0));
    if (!fits) continue;
    const score = bodySections * 2 + (title >= 0.6 ? 3 : 0) + keyword;
    if (!best || score > best.score) {
      best = { resolved, score };
      tie = false;
    } else if (score === best.score) tie = true;
  }
  return tie ? undefined : best?.resolved;
}

/** Finds each template section among the draft's headings (first match wins; numbering, emoji and case ignored). */
export function matchTemplate(doc: DocumentView, template: Template, reason: ResolvedTemplate['reason']): ResolvedTemplate {
  const found: ResolvedTemplate['found'] = [];
  const used = new Set<number>();
  const candidates = doc.headings.filter((h) => h.topLevel && h.level >= 2);
  for (const [candidate, index] of sectionsOfHeadings(candidates, template)) {
    used.add(index);
    found.push({ section: template.sections[index], index, heading: candidates[candidate] });
  }
  const missing = template.sections
    .map((section, index) => ({ section, index }))
    .filter(({ section, index }) => !used.has(index) && !section.optional);
  return { template, reason, title: doc.title, found, missing };
}

/**
 * Which heading (by its place among `headings`) is which template section, as [heading, section] pairs. It depends
 * on the headings' texts alone, so the answer for the last few lists of texts is kept per template: an edit that
 * leaves the headings alone does not match them again.
 */
const matched = new WeakMap<Template, Map<string, readonly (readonly [number, number])[]>>();

function sectionsOfHeadings(headings: readonly HeadingInfo[], template: Template): readonly (readonly [number, number])[] {
  const key = headings.map((h) => h.text).join('\u0000');
  let known = matched.get(template);
  if (!known) matched.set(template, (known = new Map()));
  const hit = known.get(key);
  if (hit) return hit;
  const pairs: [number, number][] = [];
  const used = new Set<number>();
  // A draft may repeat a heading thousands of times (`## Results` per run): its candidates are worked out once.
  const candidatesByText = new Map<string, SectionCandidates | undefined>();
  headings.forEach((heading, i) => {
    let candidates = candidatesByText.get(heading.text);
    if (!candidatesByText.has(heading.text)) candidatesByText.set(heading.text, (candidates = sectionCandidates(heading.text, template)));
    const index = candidates && pickSection(candidates, used);
    if (index === undefined) return;
    used.add(index);
    pairs.push([i, index]);
  });
  if (known.size >= 4) known.delete(known.keys().next().value as string);
  known.set(key, pairs);
  return pairs;
}

/** The sections a heading text could be, before any is taken: exact matches, and prefix matches with their length. */
interface SectionCandidates {
  exact: number[];
  prefix: { i: number; length: number }[];
}

function sectionCandidates(text: string, template: Template): SectionCandidates | undefined {
  const key = headingKey(text);
  if (!key) return undefined;
  const sections = template.sections;
  const exact = sections.flatMap((s, i) => (s.keys.includes(key) ? [i] : []));
  // "性能测试：推理吞吐" is the 性能测试 section; "总结" is 总结与建议.
  const prefix = sections
    .map((s, i) => ({ i, length: Math.max(0, ...s.keys.filter((k) => k.length >= 2 && (key.startsWith(k) || (key.length >= 2 && k.startsWith(key)))).map((k) => k.length)) }))
    .filter((c) => c.length > 0);
  return { exact, prefix };
}

/** The first exact match not yet taken; else the prefix match, if only one is left or one is longer than the rest. */
function pickSection({ exact, prefix }: SectionCandidates, used: Set<number>): number | undefined {
  const first = exact.find((i) => !used.has(i));
  if (first !== undefined) return first;
  const open = prefix.filter((c) => !used.has(c.i));
  if (open.length === 1) return open[0].i;
  if (open.length > 1) {
    open.sort((a, b) => b.length - a.length);
    if (open[0].length > open[1].length) return open[0].i;
  }
  return undefined;
}
