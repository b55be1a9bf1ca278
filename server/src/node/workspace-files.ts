// Reading `.benchpress/`: config, team templates. Nothing here throws; problems come back to be shown.
import { promises as fs } from 'node:fs';
import path from 'node:path';
import { readTextIfExists } from '../base/files';
import { LineIndex } from '../base/text';
import { DEFAULT_CONFIG, applySettings, parseConfigFile, type BenchpressConfig, type ConfigProblem } from '../config/config';
import { buildTemplateSet, type TemplateSet } from '../templates/registry';
import { isKnownRuleOrGroup } from '../rules/registry';
import { parseTopicTable, tableFormatOf, type TopicRow } from '../topics/table';
import { DEFAULT_TOPICS, resolveTopicTable } from '../topics/seed';

export interface FileProblems {
  path: string;
  text?: string;
  /** The rule the problems are reported under: `config/invalid` unless said otherwise. */
  ruleId?: 'config/invalid' | 'heat/table';
  problems: ConfigProblem[];
}

export interface WorkspaceSettings {
  config: BenchpressConfig;
  templates: TemplateSet;
  /** The topic-heat table: the team's `.benchpress/topics.csv|json` over the seed's, or the seed's. */
  topics: TopicRow[];
  /** The team table file, when there is one. */
  topicsFile?: string;
  /** Problems in `.benchpress/` files, for diagnostics on them. */
  problems: FileProblems[];
}

/** Offsets of a (line, column) problem in a text, to the end of that line. */
function lineProblem(lines: LineIndex, line: number, column = 0): { start: number; end: number } {
  const clamped = Math.max(0, Math.min(line, lines.lineCount - 1));
  const start = lines.offsetAt({ line: clamped, character: 0 });
  const end = lines.lineEnd(clamped);
  return { start: Math.min(start + column, end), end };
}

/** The topic table: `.benchpress/topics.csv` (or `.json`) when present (or `explicit`), else the seed's. */
export async function loadTopicTable(root: string | undefined, explicit?: string): Promise<{ rows: TopicRow[]; file?: string; problems: FileProblems[] }> {
  const candidates = explicit ? [explicit] : root ? ['topics.csv', 'topics.json'].map((n) => path.join(root, '.benchpress', n)) : [];
  for (const file of candidates) {
    const raw = await readTextIfExists(file);
    if (raw === undefined) {
      if (explicit) throw new Error(`Topic table not found: ${explicit}`);
      continue;
    }
    const text = raw.charCodeAt(0) === 0xfeff ? raw.slice(1) : raw;
    const format = tableFormatOf(file) ?? 'csv';
    const resolved = resolveTopicTable(parseTopicTable(text, format));
    const lines = new LineIndex(text);
    const problems = resolved.problems.map((p) => ({ ...lineProblem(lines, p.line, p.column), message: p.message, severity: p.severity }));
    return { rows: resolved.rows, file, problems: [{ path: file, text, ruleId: 'heat/table', problems }] };
  }
  return { rows: [...DEFAULT_TOPICS], problems: [] };
}

/**
 * Loads settings: defaults, then editor settings (from workspace/configuration), then the workspace's
 * `.benchpress/config.json` (or an explicit config file), then team templates and the topic table.
 */
export async function loadWorkspaceSettings(root: string | undefined, options: { configFile?: string; editorSettings?: unknown } = {}): Promise<WorkspaceSettings> {
  const problems: FileProblems[] = [];
  let config = DEFAULT_CONFIG;
  if (options.editorSettings !== undefined) config = applySettings(config, options.editorSettings, undefined, isKnownRuleOrGroup).config;
  const configPath = options.configFile ?? (root ? path.join(root, '.benchpress', 'config.json') : undefined);
  if (configPath) {
    const text = await readTextIfExists(configPath);
    if (text !== undefined) {
      const result = parseConfigFile(text, config, isKnownRuleOrGroup);
      config = result.config;
      problems.push({ path: configPath, text, problems: result.problems });
    }
  }
  const templateFiles: { path: string; text: string }[] = [];
  if (root) {
    const dir = path.join(root, '.benchpress', 'templates');
    let names: string[] = [];
    try {
      names = (await fs.readdir(dir)).filter((n) => n.toLowerCase().endsWith('.md')).sort();
    } catch {
      /* no team templates */
    }
    for (const name of names) {
      const p = path.join(dir, name);
      const text = await readTextIfExists(p);
      if (text !== undefined) templateFiles.push({ path: p, text });
    }
  }
  const templates = buildTemplateSet(templateFiles);
  for (const file of templates.files) {
    const text = templateFiles.find((t) => t.path === file.path)?.text ?? '';
    const lines = new LineIndex(text);
    problems.push({ path: file.path, text, problems: file.problems.map((p) => ({ ...lineProblem(lines, p.line), message: p.message, severity: p.severity })) });
  }
  const topics = await loadTopicTable(root);
  problems.push(...topics.problems);
  return { config, templates, topics: topics.rows, topicsFile: topics.file, problems };
}
