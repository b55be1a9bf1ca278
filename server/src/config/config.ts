// Benchpress settings: one schema for the VS Code settings (`benchpress.*`) and `.benchpress/config.json`.
// Reading never throws: a bad file or value gives a problem (shown as a diagnostic on the file) and the default.
import { findNodeAtLocation } from 'jsonc-parser';
import { jsonValue, parseJsonc, type JsonNode } from '../base/jsonc';
import type { Severity } from '../base/types';
import { validateIgnorePatterns } from './url-patterns';
import { globProblem } from './globs';
import { ANCHOR_STYLES, type AnchorOptions, type AnchorStyle } from '../markdown/slugs';

export type RuleSetting = 'off' | Severity | boolean | [Severity | 'off', unknown];

export interface UrlCheckSettings {
  timeoutMs: number;
  concurrency: number;
  perHostConcurrency: number;
  retries: number;
  ignore: string[];
  skipHosts: string[];
  cacheTtlHours: number;
  checkOnSave: boolean;
  /** A failure that may pass (5xx, reset …) is reported as a broken link only when it also failed at a check this many hours later. */
  confirmDeadAfterHours: number;
}

/** How `#fragment` links are resolved: the platform the drafts are published on decides the heading anchors. */
export interface LinkSettings {
  /** The renderer whose heading anchors links must match exactly. */
  anchorStyle: AnchorStyle;
  /** That renderer's own settings that change anchors (MkDocs `toc.slugify`, Hugo `autoHeadingIDType`, …). */
  anchorOptions: AnchorOptions;
}

/** Chinese–English typography (the `typography/…` rules); the same shape as typography's TypographySettings. */
export interface TypographyConfig {
  applyTo: 'chinese' | 'all';
  unitSpacing: 'consistent' | 'space' | 'none';
  quotes: 'curly' | 'corner';
  brackets: 'fullwidth' | 'halfwidth';
  names: string[];
  ambiguousWidth: 1 | 2;
}

export interface BenchpressConfig {
  diagnosticsDelayMs: number;
  /** Rule id or id prefix → setting. */
  rules: Record<string, RuleSetting>;
  /** `auto` detects the template from the title and headings; `none` turns template checks off. */
  template: string;
  /** Language of messages and inserted text: `auto` follows the editor (messages) and the draft (text). */
  language: 'auto' | 'en' | 'zh-cn';
  maxFileSizeKB: number;
  checkTimeoutMs: number;
  checkUrls: boolean;
  allowPrivateUrls: boolean;
  urlCheck: UrlCheckSettings;
  links: LinkSettings;
  pricingStaleAfterDays: number;
  typography: TypographyConfig;
  /** Globs (relative to the workspace root) of files the CLI and the editor do not check. */
  ignore: string[];
  /** Rule settings for some files: each entry whose `files` match applies over `rules`, later entries winning. */
  overrides: RuleOverride[];
}

export interface RuleOverride {
  /** Globs relative to the workspace root (see config/globs.ts). */
  files: string[];
  rules: Record<string, RuleSetting>;
}

export const DEFAULT_CONFIG: BenchpressConfig = {
  diagnosticsDelayMs: 250,
  rules: {},
  template: 'auto',
  language: 'auto',
  maxFileSizeKB: 4096,
  checkTimeoutMs: 4000,
  checkUrls: false,
  allowPrivateUrls: false,
  urlCheck: { timeoutMs: 10000, concurrency: 8, perHostConcurrency: 2, retries: 2, ignore: [], skipHosts: [], cacheTtlHours: 24, checkOnSave: false, confirmDeadAfterHours: 24 },
  links: { anchorStyle: 'github', anchorOptions: {} },
  pricingStaleAfterDays: 30,
  typography: { applyTo: 'chinese', unitSpacing: 'consistent', quotes: 'curly', brackets: 'fullwidth', names: [], ambiguousWidth: 1 },
  ignore: [],
  overrides: [],
};

type Check = (value: unknown) => string | undefined;
const isInt = (min: number, max: number): Check => (v) =>
  typeof v === 'number' && Number.isInteger(v) && v >= min && v <= max ? undefined : `expected a whole number from ${min} to ${max}`;
const isBool: Check = (v) => (typeof v === 'boolean' ? undefined : 'expected true or false');
const isString: Check = (v) => (typeof v === 'string' && v.trim() !== '' ? undefined : 'expected a non-empty string');
const isStringList: Check = (v) => (Array.isArray(v) && v.every((s) => typeof s === 'string') ? undefined : 'expected a list of strings');
const oneOf = (...values: string[]): Check => (v) => (typeof v === 'string' && values.includes(v) ? undefined : `expected one of ${values.map((x) => JSON.stringify(x)).join(', ')}`);
const SEVERITIES = ['off', 'error', 'warning', 'info', 'hint'];
const isRuleSetting: Check = (v) => {
  if (typeof v === 'boolean') return undefined;
  if (typeof v === 'string' && SEVERITIES.includes(v)) return undefined;
  if (Array.isArray(v) && v.length >= 1 && v.length <= 2 && typeof v[0] === 'string' && SEVERITIES.includes(v[0])) return undefined;
  return 'expected "off", a severity (error, warning, info, hint), or [severity, options]';
};

/** File globs: a list of strings, each a usable pattern relative to the workspace root. */
const isGlobList: Check = (v) => isStringList(v) ?? (v as string[]).map(globProblem).find(Boolean);

const TOP_LEVEL: Record<Exclude<keyof BenchpressConfig, 'rules' | 'urlCheck' | 'links' | 'overrides' | 'typography'>, Check> = {
  diagnosticsDelayMs: isInt(0, 10000),
  template: isString,
  language: oneOf('auto', 'en', 'zh-cn'),
  maxFileSizeKB: isInt(1, 1024 * 1024),
  checkTimeoutMs: isInt(100, 600000),
  checkUrls: isBool,
  allowPrivateUrls: isBool,
  pricingStaleAfterDays: isInt(1, 3650),
  ignore: isGlobList,
};
/** A key path as written in messages: `overrides[0].rules`. */
const keyPath = (at: readonly (string | number)[]) => at.map((p, i) => (typeof p === 'number' ? `[${p}]` : `${i ? '.' : ''}${p}`)).join('');

/** Ignore patterns are globs or /regular expressions/: a broken expression is reported, not silently skipped. */
const isUrlPatternList: Check = (v) => isStringList(v) ?? (validateIgnorePatterns(v as string[])[0]);

const URL_CHECK: Record<keyof UrlCheckSettings, Check> = {
  timeoutMs: isInt(100, 600000),
  concurrency: isInt(1, 256),
  perHostConcurrency: isInt(1, 64),
  retries: isInt(0, 10),
  ignore: isUrlPatternList,
  skipHosts: isStringList,
  cacheTtlHours: isInt(0, 24 * 365),
  checkOnSave: isBool,
  confirmDeadAfterHours: isInt(0, 24 * 365),
};

/** The renderers' own settings, as `links.anchorOptions` takes them (see markdown/slugs/types.ts). */
const ANCHOR_OPTIONS: { [P in keyof AnchorOptions]-?: Record<keyof NonNullable<AnchorOptions[P]>, Check> } = {
  mkdocs: {
    slugify: oneOf('toc', 'toc-unicode', 'pymdownx'),
    separator: (v) => (typeof v === 'string' && v.length > 0 && v.length <= 8 ? undefined : 'expected a short non-empty string'),
    case: oneOf('none', 'lower', 'lower-ascii', 'fold'),
    normalize: oneOf('NFC', 'NFD', 'NFKC', 'NFKD'),
    percentEncode: isBool,
    attrList: isBool,
  },
  hugo: { autoHeadingIDType: oneOf('github', 'github-ascii', 'blackfriday'), attribute: isBool },
  docusaurus: { maintainCase: isBool },
  vitepress: { attrs: isBool },
  hexo: { modifyAnchors: (v) => (v === 0 || v === 1 || v === 2 ? undefined : 'expected 0, 1 or 2'), smartypants: isBool },
};

const isNameList: Check = (v) => isStringList(v) ?? ((v as string[]).some((s) => !/[A-Za-z]/.test(s) || s.length > 60 || s !== s.trim()) ? 'expected names with at least one Latin letter, without surrounding spaces' : undefined);

const TYPOGRAPHY: Record<keyof TypographyConfig, Check> = {
  applyTo: oneOf('chinese', 'all'),
  unitSpacing: oneOf('consistent', 'space', 'none'),
  quotes: oneOf('curly', 'corner'),
  brackets: oneOf('fullwidth', 'halfwidth'),
  names: isNameList,
  ambiguousWidth: (v) => (v === 1 || v === 2 ? undefined : 'expected 1 or 2'),
};

/** Nested settings objects: their checks and their defaults' key in the config. */
const NESTED = { urlCheck: URL_CHECK, typography: TYPOGRAPHY } as const;

export interface ConfigProblem {
  /** Offsets in the config file, when the problem comes from one. */
  start: number;
  end: number;
  message: string;
  severity: Severity;
}

export interface ConfigResult {
  config: BenchpressConfig;
  problems: ConfigProblem[];
}

/**
 * Merges a settings object over a base config, keeping only valid values. `locate` maps a key path to a span in
 * the source (for diagnostics); `knownRuleIds` lets unknown rule ids be reported.
 */
export function applySettings(
  base: BenchpressConfig,
  settings: unknown,
  locate: (path: (string | number)[], key?: boolean) => { start: number; end: number } = () => ({ start: 0, end: 0 }),
  knownRuleIds?: (id: string) => boolean,
): ConfigResult {
  const config: BenchpressConfig = { ...base, rules: { ...base.rules }, urlCheck: { ...base.urlCheck }, links: { ...base.links }, typography: { ...base.typography }, overrides: [...base.overrides] };
  const problems: ConfigProblem[] = [];
  const problem = (path: (string | number)[], message: string, key = false, severity: Severity = 'warning') =>
    problems.push({ ...locate(path, key), message, severity });
  if (settings === null || settings === undefined) return { config, problems };
  /** Valid entries of a `rules` object into `into`; the rest reported at their place. */
  const readRules = (value: unknown, at: (string | number)[], into: Record<string, RuleSetting>): boolean => {
    if (typeof value !== 'object' || value === null || Array.isArray(value)) {
      problem(at, `"${keyPath(at)}" must be an object of rule id → setting.`);
      return false;
    }
    for (const [id, setting] of Object.entries(value as Record<string, unknown>)) {
      const bad = isRuleSetting(setting);
      if (bad) problem([...at, id], `Rule "${id}": ${bad}.`);
      else if (knownRuleIds && !knownRuleIds(id)) problem([...at, id], `Unknown rule or rule group "${id}".`, true);
      else into[id] = setting as RuleSetting;
    }
    return true;
  };
  /** One `overrides` entry, or nothing when it cannot be used (reported). */
  const readOverride = (entry: unknown, at: (string | number)[]): RuleOverride[] => {
    const where = keyPath(at);
    if (typeof entry !== 'object' || entry === null || Array.isArray(entry)) {
      problem(at, `"${where}" must be an object: { "files": [globs], "rules": { … } }.`);
      return [];
    }
    const record = entry as Record<string, unknown>;
    for (const key of Object.keys(record)) if (key !== 'files' && key !== 'rules') problem([...at, key], `Unknown key "${key}" in "${where}": an entry has "files" and "rules".`, true);
    const files = typeof record.files === 'string' ? [record.files] : record.files;
    let filesOk = true;
    if (files === undefined) {
      problem(at, `"${where}" has no "files": add the globs (relative to the workspace root) it applies to; the entry is not used.`);
      filesOk = false;
    } else if (!Array.isArray(files) || files.length === 0 || !files.every((f) => typeof f === 'string')) {
      problem([...at, 'files'], `"${where}.files" must be a non-empty list of globs (e.g. ["docs/reference/**"]); the entry is not used.`);
      filesOk = false;
    } else {
      files.forEach((f, i) => {
        const bad = globProblem(f);
        if (bad) problem([...at, 'files', ...(typeof record.files === 'string' ? [] : [i])], `"${where}.files": ${bad}; the entry is not used.`);
        filesOk &&= !bad;
      });
    }
    const rules: Record<string, RuleSetting> = {};
    if (record.rules === undefined) problem(at, `"${where}" has no "rules": it changes nothing.`, false, 'info');
    else readRules(record.rules, [...at, 'rules'], rules);
    return filesOk ? [{ files: [...(files as string[])], rules }] : [];
  };
  if (typeof settings !== 'object' || Array.isArray(settings)) {
    problem([], 'Benchpress settings must be a JSON object; using the defaults.');
    return { config, problems };
  }
  for (const [key, value] of Object.entries(settings as Record<string, unknown>)) {
    if (key === '$schema') continue;
    if (key === 'rules') {
      readRules(value, [key], config.rules);
      continue;
    }
    if (key === 'overrides') {
      if (!Array.isArray(value)) {
        problem([key], '"overrides" must be a list of { "files": [globs], "rules": { … } } entries.');
        continue;
      }
      // The editor's entries come first, the config file's after them: later entries win.
      config.overrides = [...config.overrides, ...value.flatMap((entry, i) => readOverride(entry, [key, i]))];
      continue;
    }
    if (key === 'urlCheck' || key === 'typography') {
      if (typeof value !== 'object' || value === null || Array.isArray(value)) {
        problem([key], `"${key}" must be an object.`);
        continue;
      }
      const checks = NESTED[key] as Record<string, Check>;
      const current = config[key] as unknown as Record<string, unknown>;
      const defaults = base[key] as unknown as Record<string, unknown>;
      for (const [sub, subValue] of Object.entries(value as Record<string, unknown>)) {
        const check = checks[sub];
        if (!check) { problem([key, sub], `Unknown setting "${key}.${sub}".`, true); continue; }
        const bad = check(subValue);
        if (bad) problem([key, sub], `"${key}.${sub}": ${bad}; using ${JSON.stringify(defaults[sub])}.`);
        else current[sub] = subValue;
      }
      continue;
    }
    if (key === 'ignore' && Array.isArray(value) && value.every((v) => typeof v === 'string')) {
      // One bad pattern is reported at its place; the others still apply.
      const good = value.filter((pattern, i) => {
        const bad = globProblem(pattern);
        if (bad) problem([key, i], `"ignore": ${bad}; it is left out.`);
        return !bad;
      });
      config.ignore = good;
      continue;
    }
    if (key === 'links') {
      applyLinkSettings(config, base, value, problem);
      continue;
    }
    const check = TOP_LEVEL[key as keyof typeof TOP_LEVEL];
    if (!check) {
      problem([key], `Unknown setting "${key}".`, true);
      continue;
    }
    const bad = check(value);
    if (bad) problem([key], `"${key}": ${bad}; using ${JSON.stringify((base as unknown as Record<string, unknown>)[key])}.`);
    else (config as unknown as Record<string, unknown>)[key] = value;
  }
  return { config, problems };
}

const isObject = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);

function applyLinkSettings(config: BenchpressConfig, base: BenchpressConfig, value: unknown, problem: (path: (string | number)[], message: string, key?: boolean) => void): void {
  if (!isObject(value)) {
    problem(['links'], '"links" must be an object.');
    return;
  }
  for (const [sub, subValue] of Object.entries(value)) {
    if (sub === 'anchorStyle') {
      const bad = oneOf(...ANCHOR_STYLES)(subValue);
      if (bad) problem(['links', sub], `"links.anchorStyle": ${bad}; using ${JSON.stringify(base.links.anchorStyle)}.`);
      else config.links.anchorStyle = subValue as AnchorStyle;
    } else if (sub === 'anchorOptions') {
      if (!isObject(subValue)) {
        problem(['links', sub], '"links.anchorOptions" must be an object such as { "mkdocs": { "slugify": "toc-unicode" } }.');
        continue;
      }
      const options: Record<string, Record<string, unknown>> = {};
      for (const [renderer, settings] of Object.entries(subValue)) {
        const checks = ANCHOR_OPTIONS[renderer as keyof AnchorOptions] as Record<string, Check> | undefined;
        if (!checks) {
          problem(['links', sub, renderer], `Unknown setting "links.anchorOptions.${renderer}" (expected ${Object.keys(ANCHOR_OPTIONS).join(', ')}).`, true);
          continue;
        }
        if (!isObject(settings)) {
          problem(['links', sub, renderer], `"links.anchorOptions.${renderer}" must be an object.`);
          continue;
        }
        for (const [name, setting] of Object.entries(settings)) {
          const check = checks[name];
          const bad = check ? check(setting) : `unknown option (expected ${Object.keys(checks).join(', ')})`;
          if (bad) problem(['links', sub, renderer, name], `"links.anchorOptions.${renderer}.${name}": ${bad}; using the renderer's default.`, !check);
          else (options[renderer] ??= {})[name] = setting;
        }
      }
      config.links.anchorOptions = options as AnchorOptions;
    } else {
      problem(['links', sub], `Unknown setting "links.${sub}".`, true);
    }
  }
}

/** Parses `.benchpress/config.json` (comments and trailing commas allowed) over `base`. */
export function parseConfigFile(text: string, base: BenchpressConfig = DEFAULT_CONFIG, knownRuleIds?: (id: string) => boolean): ConfigResult {
  const parsed = parseJsonc(text);
  if ('error' in parsed) {
    const { start, end, reason } = parsed.error;
    return { config: base, problems: [{ start, end, severity: 'error', message: `Benchpress config is not valid JSON (${reason}); using the defaults until it is fixed.` }] };
  }
  const root = parsed.root;
  const value = jsonValue(root);
  const locate = (path: (string | number)[], key = false) => {
    const node = findNodeAtLocation(root, path);
    const target: JsonNode | undefined = key && node?.parent?.type === 'property' ? node.parent.children?.[0] : node;
    return target ? { start: target.offset, end: target.offset + target.length } : { start: 0, end: 1 };
  };
  return applySettings(base, value, locate, knownRuleIds);
}
