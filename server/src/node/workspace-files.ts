// Reading `.benchpress/`: config, team templates. Nothing here throws; problems come back to be shown.
import { promises as fs } from 'node:fs';
import path from 'node:path';
import { DEFAULT_CONFIG, applySettings, parseConfigFile, type BenchpressConfig, type ConfigProblem } from '../core/config';
import { buildTemplateSet, type TemplateSet } from '../templates/registry';
import { isKnownRuleOrGroup } from '../rules/registry';

export interface FileProblems {
  path: string;
  text?: string;
  problems: ConfigProblem[];
}

export interface WorkspaceSettings {
  config: BenchpressConfig;
  templates: TemplateSet;
  /** Problems in `.benchpress/` files, for diagnostics on them. */
  problems: FileProblems[];
}

export async function readTextIfExists(p: string): Promise<string | undefined> {
  try {
    return await fs.readFile(p, 'utf8');
  } catch {
    return undefined;
  }
}

/**
 * Loads settings: defaults, then editor settings (`base`, from workspace/configuration), then the workspace's
 * `.benchpress/config.json` (or an explicit config file), then team templates.
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
    const lineStarts = [0];
    for (let i = text.indexOf('\n'); i !== -1; i = text.indexOf('\n', i + 1)) lineStarts.push(i + 1);
    problems.push({
      path: file.path,
      text,
      problems: file.problems.map((p) => {
        const start = lineStarts[Math.min(p.line, lineStarts.length - 1)] ?? 0;
        const end = text.indexOf('\n', start);
        return { start, end: end === -1 ? text.length : end, message: p.message, severity: p.severity };
      }),
    });
  }
  return { config, templates, problems };
}
