// The preview's side panel: word count, reading time, the content quality checklist of the seed (data-driven,
// practical, visual), template progress and topic heat. Pure core; reads the document model of a check.
//
// Counting. Prose only (view.prose: paragraphs, headings, table cells, list items; code, URLs, HTML, image
// text and markup are already blanked): every CJK character (Han, Hiragana, Katakana, Hangul) counts as one
// word; Latin words are runs of letters and digits, joined by an apostrophe or hyphen (`don't`, `multi-GPU`)
// or, between digits, by `.` or `,` (`2.5`, `1,024`). Punctuation and emoji count as nothing.
//
// Reading time: 300 CJK characters and 200 English words a minute, rounded up to whole minutes (0 for an
// empty draft): readingMinutes = ceil(cjk / 300 + latin / 200).
//
// Checklist (what each item looks for; "section" means a heading or any heading above it):
//   data.benchmark       a table in a benchmark / performance / test-results section, or any table with
//                        at least two numbers outside its first column
//   data.cost            a cost or price table: in a cost / price / ROI section, under a
//                        `<!-- benchpress:pricing` (or `:cost`) marker, or with a price column (价格, $/hr, …);
//                        a chart image in a cost section counts too
//   data.measurements    at least three measured values with units in the prose or tables (tokens/s, GB, ms, %,
//                        张/秒, W, TFLOPS, $ …)
//   practical.code       a code block
//   practical.config     a configuration snippet: a code block in yaml/json/toml/ini/dockerfile/env/…, or one
//                        whose info string or first comment line names a config file (docker-compose.yml, …)
//   practical.troubleshooting  a troubleshooting / FAQ section (故障排除, 常见问题, FAQ, Troubleshooting, …)
//   practical.bestPractices    a best-practices / tips section (最佳实践, 优化建议, Best practices, Tips, …)
//   visual.images        at least one image
//   visual.comparison    a comparison table: a table with three columns or more
//   visual.diagram       a diagram: a ```mermaid / plantuml / dot / d2 block, or an image whose alt text or file
//                        name mentions 架构 / 流程 / 拓扑 / diagram / flow / architecture / topology
//   visual.chart         a chart of data: an image whose alt text or file name mentions chart / graph / plot /
//                        图表 / 曲线 / 柱状图 …, or a mermaid pie / xychart block
import type { ChecklistGroup, ChecklistItem, DraftStats, TemplateProgress, TopicHeat } from '../protocol';
import { splitTableRow } from '../markdown/table-row';
import type { DocumentView } from '../markdown/document-view';
import type { TemplateResolution } from '../templates/resolve';
import type { TopicMatch } from '../topics/match';
import type { HeadingInfo } from '../markdown/summary';
import { headingLabel } from '../templates/normalize';
import { formatMetric } from '../topics/numbers';
import { STATUS_MEANING } from '../topics/seed';

export type { ChecklistGroup, ChecklistItem, DraftStats, TemplateProgress, TopicHeat };

export const READING_SPEED = Object.freeze({ cjkPerMinute: 300, latinPerMinute: 200 });

// ---------------------------------------------------------------------------------------------------------------
// Words.

const CJK = /[\p{Script=Han}\p{Script=Hiragana}\p{Script=Katakana}\p{Script=Hangul}]/gu;
const LATIN_WORD = /[\p{L}\p{M}\p{N}]+(?:(?:['’-]|(?<=\p{N})[.,](?=\p{N}))[\p{L}\p{M}\p{N}]+)*/gu;

/** Counts CJK characters and Latin words in a piece of text (see the header). */
export function countWords(text: string): { cjk: number; latin: number; total: number } {
  let cjk = 0;
  const rest = text.replace(CJK, () => {
    cjk++;
    return ' ';
  });
  const latin = rest.match(LATIN_WORD)?.length ?? 0;
  return { cjk, latin, total: cjk + latin };
}

export function readingMinutes(words: { cjk: number; latin: number }): number {
  if (words.cjk + words.latin === 0) return 0;
  return Math.max(1, Math.ceil(words.cjk / READING_SPEED.cjkPerMinute + words.latin / READING_SPEED.latinPerMinute));
}

// ---------------------------------------------------------------------------------------------------------------
// Small scanners over the draft's source, at the offsets the document model gives.

export interface CodeInfo {
  offset: number;
  fenced: boolean;
  lang: string;
  info: string;
  firstLine: string;
}

export interface TableInfo {
  offset: number;
  header: string[];
  rows: string[][];
}

export interface ImageInfo {
  offset: number;
  alt: string;
  url: string;
}

function lineAt(text: string, offset: number): string {
  const end = text.indexOf('\n', offset);
  return text.slice(offset, end === -1 ? text.length : end).replace(/\r$/, '');
}

/** Language, info string and first line of the code block starting at `offset`. */
export function codeAt(text: string, offset: number): CodeInfo {
  const first = lineAt(text, offset);
  const fence = /^\s*(`{3,}|~{3,})\s*(.*)$/.exec(first);
  const nextStart = text.indexOf('\n', offset);
  const second = nextStart === -1 ? '' : lineAt(text, nextStart + 1).replace(/^[\s>]*/, '');
  if (!fence) return { offset, fenced: false, lang: '', info: '', firstLine: first.trim() };
  const info = fence[2].trim();
  const lang = (/^[^\s{,]+/.exec(info)?.[0] ?? '').toLowerCase();
  return { offset, fenced: true, lang, info, firstLine: second.trim() };
}

/** A table row's cells as shown: split on unescaped pipes, `\\|` shown as `|`. */
export function splitRow(line: string): string[] {
  return splitTableRow(line).map((cell) => cell.replace(/\\\|/g, '|'));
}

/** Header and body rows of the GFM table starting at `offset` (at most 500 rows are read). */
export function tableAt(text: string, offset: number): TableInfo {
  const header = splitRow(lineAt(text, offset));
  const rows: string[][] = [];
  let next = text.indexOf('\n', offset);
  let index = 0;
  while (next !== -1 && rows.length < 500) {
    const line = lineAt(text, next + 1).replace(/^[ \t]*(?:>[ \t]?)*/, '');
    if (!line.trim() || !line.includes('|') && index > 0) break;
    if (index > 0) rows.push(splitRow(line)); // index 0 is the delimiter row
    index++;
    next = text.indexOf('\n', next + 1);
  }
  return { offset, header, rows };
}

function imagesOf(view: DocumentView): ImageInfo[] {
  const text = view.text;
  const images: ImageInfo[] = [];
  for (const link of view.links) {
    if (link.kind === 'image') {
      const alt = text.slice(link.start + 2, Math.max(link.start + 2, link.urlSpan.start)).replace(/\]\s*\(\s*<?$/, '');
      images.push({ offset: link.start, alt, url: link.url });
    } else if (link.kind === 'html' && /^\s*src\s*=/i.test(text.slice(link.start, link.end))) {
      const tagStart = text.lastIndexOf('<', link.start);
      const tagEnd = text.indexOf('>', link.end);
      const tag = text.slice(tagStart, tagEnd === -1 ? link.end : tagEnd + 1);
      if (!/^<img\b/i.test(tag)) continue;
      images.push({ offset: tagStart, alt: /\balt\s*=\s*["']([^"']*)["']/i.exec(tag)?.[1] ?? '', url: link.url });
    }
  }
  for (const ref of view.references) {
    if (ref.kind !== 'image') continue;
    const definition = view.definitions.find((d) => d.kind === 'link' && d.id === ref.id);
    images.push({ offset: ref.start, alt: text.slice(ref.start + 2, ref.labelSpan.start).replace(/\]\s*\[?$/, '') || ref.label, url: definition?.url ?? '' });
  }
  return images.sort((a, b) => a.offset - b.offset);
}

/** For each offset (ascending), the labels of the headings whose sections contain it, innermost last. */
function sectionsAt(headings: readonly HeadingInfo[], offsets: readonly number[], title: HeadingInfo | undefined): string[][] {
  // The title names the whole article ("性能、成本与最佳实践"), not a section of it.
  const top = headings.filter((h) => h.topLevel && h !== title).sort((a, b) => a.start - b.start);
  const result: string[][] = [];
  const stack: HeadingInfo[] = [];
  let h = 0;
  for (const offset of offsets) {
    while (h < top.length && top[h].start < offset) {
      while (stack.length && stack[stack.length - 1].level >= top[h].level) stack.pop();
      stack.push(top[h]);
      h++;
    }
    result.push(stack.map((s) => headingLabel(s.text)));
  }
  return result;
}

// ---------------------------------------------------------------------------------------------------------------
// Checklist.

const BENCH_SECTION = /性能|基准|跑分|测试结果|实测|评测数据|吞吐|延迟|速度对比|benchmark|performance|perf\b|throughput|latency|results?\b|measurements?/i;
const COST_SECTION = /成本|价格|费用|定价|计费|性价比|预算|收益|投资回报|ROI|\bcost|pric(?:e|es|ing)\b|billing|budget|\bTCO\b/i;
const PRICE_HEADER = /价格|成本|费用|单价|售价|租金|每小时|元\s*\/|\$|¥|￥|USD|CNY|RMB|\bprice|\bcost|\/\s*h(?:ou)?r\b|per[\s-]hour|hourly/i;
const TROUBLE_SECTION = /故障排除|故障排查|问题排查|排错|排障|常见问题|疑难解答|问题与解决|踩坑|FAQ|troubleshoot|common (?:issues|problems|errors)|known issues|Q\s*&\s*A|问答/i;
const PRACTICE_SECTION = /最佳实践|实践建议|优化建议|使用建议|调优|技巧|best[\s-]practices?|\btips\b|tuning|recommendations?/i;
const CONFIG_LANGS = new Set(['yaml', 'yml', 'json', 'jsonc', 'json5', 'toml', 'ini', 'cfg', 'conf', 'config', 'properties', 'env', 'dotenv', 'dockerfile', 'docker', 'containerfile', 'hcl', 'terraform', 'tf', 'nginx', 'apacheconf', 'xml', 'compose', 'docker-compose', 'systemd', 'editorconfig', 'gitignore', 'dockerignore', 'procfile', 'k8s', 'kubernetes', 'helm']);
const CONFIG_FILE = /(?:^|[\s/"'=:#])(?:Dockerfile|Containerfile|Makefile|Procfile|\.env(?:\.\w+)?|[\w.-]+\.(?:ya?ml|json5?|jsonc|toml|ini|cfg|conf|env|properties|tf|hcl|service|xml))(?=$|[\s"',)])/;
const DIAGRAM_LANGS = new Set(['mermaid', 'plantuml', 'puml', 'dot', 'graphviz', 'd2', 'flowchart', 'sequence', 'ditaa', 'nomnoml', 'bpmn']);
const DIAGRAM_WORDS = /架构|拓扑|流程|示意图|结构图|部署图|时序图|diagram|flow|architecture|topology|pipeline|sequence|schematic/i;
const CHART_WORDS = /图表|曲线|柱状|折线|饼图|趋势|对比图|统计图|chart|graph|plot|histogram|bar[\s_-]|curve/i;
const MEASURE = /(?<![\p{L}\d.])(?:[$¥￥]\s?\d[\d,]*(?:\.\d+)?|\d[\d,]*(?:\.\d+)?\s?(?:%|×|x\b|倍|(?:tokens?|tok|it|img|images?|samples?|req|requests?|frames?)\s?\/\s?(?:s|sec|秒)|fps\b|[kKMGT]i?B(?:\/s)?\b|[GT]?FLOPS\b|TFLOPS\b|TOPS\b|ms\b|µs\b|us\b|ns\b|s\b|sec\b|秒|毫秒|分钟|小时|W\b|瓦|°C|℃|MHz\b|GHz\b|美元|元|张\s?\/\s?秒))/gu;

const both = (en: string, zh: string) => ({ en, zh });
const quoted = (labels: string[]) => ({ en: labels.map((l) => `“${l}”`).join(' › '), zh: labels.map((l) => `“${l}”`).join(' › ') });

export function draftStats(view: DocumentView, result: { templateResolution?: TemplateResolution; topics?: readonly TopicMatch[] }): DraftStats {
  const text = view.text;
  const line = (offset: number) => view.lines.positionAt(offset).line;

  // Words: the prose, with the title and headings.
  let cjk = 0;
  let latin = 0;
  for (const segment of view.prose) {
    const c = countWords(segment.text);
    cjk += c.cjk;
    latin += c.latin;
  }
  const words = { cjk, latin, total: cjk + latin };

  const tableOffsets = view.features.filter((f) => f.kind === 'table').map((f) => f.offset);
  const codeOffsets = view.features.filter((f) => f.kind === 'code').map((f) => f.offset);
  const tables = tableOffsets.map((o) => tableAt(text, o));
  const codes = codeOffsets.map((o) => codeAt(text, o));
  const images = imagesOf(view);
  const tableSections = sectionsAt(view.headings, tableOffsets, view.title);
  const imageSections = sectionsAt(view.headings, images.map((i) => i.offset), view.title);
  const headingLabels = view.headings.filter((h) => h !== view.title).map((h) => ({ label: headingLabel(h.text), heading: h }));

  const numbersOutsideFirstColumn = (t: TableInfo) => t.rows.reduce((n, row) => n + row.slice(1).filter((cell) => /\d/.test(cell)).length, 0);
  const pricingMarkers = [...text.matchAll(/<!--\s*benchpress:(?:pricing|cost)\b/g)].map((m) => m.index);
  const underMarker = (offset: number) => pricingMarkers.some((m) => m < offset && !text.slice(m, offset).includes('<!-- /benchpress:') && offset - m < 20000);

  const checklist: ChecklistItem[] = [];
  const add = (id: string, group: ChecklistGroup, label: { en: string; zh: string }, found: { detail: { en: string; zh: string }; offset?: number } | undefined, missing: { en: string; zh: string }) => {
    checklist.push({ id, group, label, done: !!found, detail: found?.detail ?? missing, ...(found?.offset !== undefined ? { line: line(found.offset) } : {}) });
  };

  // Data-driven.
  {
    const inBench = tables.findIndex((_, i) => tableSections[i].some((s) => BENCH_SECTION.test(s)));
    const numeric = tables.findIndex((t) => numbersOutsideFirstColumn(t) >= 2);
    const found = inBench !== -1
      ? { detail: { en: `Table in ${quoted(tableSections[inBench]).en}`, zh: `表格位于${quoted(tableSections[inBench]).zh}` }, offset: tables[inBench].offset }
      : numeric !== -1
        ? { detail: both('A table of measured numbers', '含数据的表格'), offset: tables[numeric].offset }
        : undefined;
    add('data.benchmark', 'data', both('Benchmark data (tables of results)', '性能基准数据（测试结果表格）'), found, both('Add a table of benchmark results', '添加性能测试结果表格'));
  }
  {
    const index = tables.findIndex((t, i) => tableSections[i].some((s) => COST_SECTION.test(s)) || underMarker(t.offset) || t.header.some((h) => PRICE_HEADER.test(h)));
    const chart = images.findIndex((_, i) => imageSections[i].some((s) => COST_SECTION.test(s)));
    const found = index !== -1
      ? { detail: underMarker(tables[index].offset) ? both('Pricing table (benchpress:pricing)', '价格表（benchpress:pricing）') : both('Cost / price table', '成本 / 价格表格'), offset: tables[index].offset }
      : chart !== -1
        ? { detail: both('Chart in a cost section', '成本章节中的图表'), offset: images[chart].offset }
        : undefined;
    add('data.cost', 'data', both('Cost analysis (price table or chart)', '成本分析（价格表或图表）'), found, both('Add a cost or price table (e.g. per GPU-hour)', '添加成本或价格表格（如每 GPU 小时价格）'));
  }
  {
    let count = 0;
    let first: number | undefined;
    for (const segment of view.prose) {
      for (const m of segment.text.matchAll(MEASURE)) {
        count++;
        first ??= segment.offset + m.index;
      }
      if (count >= 50) break;
    }
    add('data.measurements', 'data', both('Real measurements (numbers with units)', '实测数据（带单位的数值）'),
      count >= 3 ? { detail: both(`${count >= 50 ? '50+' : count} values with units`, `${count >= 50 ? '50+' : count} 个带单位的数值`), offset: first } : undefined,
      both(`Only ${count} value(s) with units; add measured results`, `仅 ${count} 个带单位的数值；补充实测结果`));
  }

  // Practical.
  {
    const langs = [...new Set(codes.map((c) => c.lang).filter(Boolean))];
    add('practical.code', 'practical', both('Code examples', '代码示例'),
      codes.length ? { detail: both(`${codes.length} code block(s)${langs.length ? ': ' + langs.join(', ') : ''}`, `${codes.length} 个代码块${langs.length ? '：' + langs.join('、') : ''}`), offset: codes[0].offset } : undefined,
      both('Add a complete, runnable code example', '添加完整可运行的代码示例'));
  }
  {
    const config = codes.find((c) => CONFIG_LANGS.has(c.lang) || CONFIG_FILE.test(c.info) || (/^(?:#|\/\/|;|<!--)/.test(c.firstLine) && CONFIG_FILE.test(c.firstLine)));
    const name = config && (CONFIG_FILE.exec(config.info)?.[0] ?? CONFIG_FILE.exec(config.firstLine)?.[0])?.replace(/^[\s/"'=:#]+/, '');
    add('practical.config', 'practical', both('Configuration template', '配置文件模板'),
      config ? { detail: both(`Config snippet: ${name || config.lang}`, `配置片段：${name || config.lang}`), offset: config.offset } : undefined,
      both('Add a configuration file (YAML, Dockerfile, .env …)', '添加配置文件模板（YAML、Dockerfile、.env 等）'));
  }
  {
    const h = headingLabels.find((x) => TROUBLE_SECTION.test(x.label));
    add('practical.troubleshooting', 'practical', both('Troubleshooting guide', '故障排除指南'),
      h ? { detail: { en: `Section “${h.label}”`, zh: `章节“${h.label}”` }, offset: h.heading.start } : undefined,
      both('Add a Troubleshooting / FAQ section', '添加“故障排除”或“常见问题”章节'));
  }
  {
    const h = headingLabels.find((x) => PRACTICE_SECTION.test(x.label));
    add('practical.bestPractices', 'practical', both('Best practices', '最佳实践建议'),
      h ? { detail: { en: `Section “${h.label}”`, zh: `章节“${h.label}”` }, offset: h.heading.start } : undefined,
      both('Add a Best practices / tips section', '添加“最佳实践”或优化建议章节'));
  }

  // Visual.
  add('visual.images', 'visual', both('Images / screenshots', '图片 / 截图'),
    images.length ? { detail: both(`${images.length} image(s)`, `${images.length} 张图片`), offset: images[0].offset } : undefined,
    both('Add screenshots of the steps or results', '添加步骤或结果截图'));
  {
    const index = tables.findIndex((t) => t.header.length >= 3);
    add('visual.comparison', 'visual', both('Comparison table', '对比表格'),
      index !== -1 ? { detail: both(`${tables[index].header.length} columns`, `${tables[index].header.length} 列`), offset: tables[index].offset } : undefined,
      both('Add a table comparing three or more columns (e.g. GPUs side by side)', '添加三列及以上的对比表格（如多款 GPU 对比）'));
  }
  {
    const block = codes.find((c) => DIAGRAM_LANGS.has(c.lang));
    const image = images.find((i) => DIAGRAM_WORDS.test(i.alt) || DIAGRAM_WORDS.test(decodeUrl(i.url)));
    const found = block ? { detail: both(`${block.lang} diagram`, `${block.lang} 图`), offset: block.offset } : image ? { detail: { en: `Image “${image.alt || image.url}”`, zh: `图片“${image.alt || image.url}”` }, offset: image.offset } : undefined;
    add('visual.diagram', 'visual', both('Architecture / flow diagram', '架构图 / 流程图'), found, both('Add an architecture or flow diagram (```mermaid or an image)', '添加架构图或流程图（```mermaid 或图片）'));
  }
  {
    const image = images.find((i) => CHART_WORDS.test(i.alt) || CHART_WORDS.test(decodeUrl(i.url)));
    const block = codes.find((c) => c.lang === 'mermaid' && /^(?:pie|xychart|xychart-beta|quadrantChart|sankey)/i.test(c.firstLine)) ?? codes.find((c) => /^(?:vega|vega-lite|chart|echarts)$/.test(c.lang));
    const found = image ? { detail: { en: `Image “${image.alt || image.url}”`, zh: `图片“${image.alt || image.url}”` }, offset: image.offset } : block ? { detail: both(`${block.lang} chart`, `${block.lang} 图表`), offset: block.offset } : undefined;
    add('visual.chart', 'visual', both('Charts of the data', '数据图表'), found, both('Add a chart of the results (name the image e.g. “…-chart.png”)', '添加结果图表（图片名或说明中注明“图表”）'));
  }

  // Template progress.
  let template: TemplateProgress | undefined;
  const resolved = result.templateResolution?.resolved;
  if (resolved) {
    const present = [...resolved.found].sort((a, b) => a.index - b.index).map((f) => f.section.name);
    template = { id: resolved.template.id, name: resolved.template.name, present, missing: resolved.missing.map((m) => m.section.name), reason: resolved.reason };
  }

  // Topic heat: every topic the draft mentions, hottest first.
  const topics: TopicHeat[] = (result.topics ?? [])
    .filter((m) => m.score > 0)
    .map((m) => ({
      topic: m.topic,
      heat: m.row.heat,
      heatLabel: formatMetric(m.row.heat),
      status: m.row.status ?? '',
      ...(m.row.status && STATUS_MEANING[m.row.status] ? { statusLabel: STATUS_MEANING[m.row.status] } : {}),
      covered: m.covered,
      score: m.score,
    }))
    .sort((a, b) => b.heat - a.heat || b.score - a.score);

  return {
    words,
    readingMinutes: readingMinutes(words),
    counts: { headings: view.headings.length, tables: tables.length, codeBlocks: codes.length, images: images.length, links: view.links.filter((l) => l.kind === 'link' || l.kind === 'autolink' || l.kind === 'bare').length },
    checklist,
    ...(template ? { template } : {}),
    topics,
    language: view.language,
    ...(view.title ? { title: view.title.text } : {}),
  };
}

function decodeUrl(url: string): string {
  try {
    return decodeURIComponent(url);
  } catch {
    return url;
  }
}
