// Benchpress settings: one schema for the VS Code settings (`benchpress.*`) and `.benchpress/config.json`.
// Reading never throws: a bad file or value gives a problem (shown as a diagnostic on the file) and the default.
import { findNodeAtLocation } from 'jsonc-parser';
import { jsonValue, parseJsonc, type JsonNode } from '../base/jsonc';
import type { Severity } from '../base/types';
import { localize, withPart, type Localized } from '../base/i18n';
import { validateIgnorePatterns } from './url-patterns';
import { globProblem } from './globs';
import { ANCHOR_STYLES, type AnchorOptions, type AnchorStyle } from '../markdown/slugs';
import { DEFAULT_TYPOGRAPHY_CONFIG, type TypographyConfig } from './typography';

export type { TypographyConfig } from './typography';

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
  typography: DEFAULT_TYPOGRAPHY_CONFIG,
  ignore: [],
  overrides: [],
};

/** What is wrong with a value, in both languages, or undefined when it is fine. */
type Check = (value: unknown) => Localized | undefined;
const isInt = (min: number, max: number): Check => (v) =>
  typeof v === 'number' && Number.isInteger(v) && v >= min && v <= max ? undefined : { en: `expected a whole number from ${min} to ${max}`, zh: `应为 ${min} 到 ${max} 之间的整数` };
const isBool: Check = (v) => (typeof v === 'boolean' ? undefined : { en: 'expected true or false', zh: '应为 true 或 false' });
const isString: Check = (v) => (typeof v === 'string' && v.trim() !== '' ? undefined : { en: 'expected a non-empty string', zh: '应为非空字符串' });
const isStringList: Check = (v) => (Array.isArray(v) && v.every((s) => typeof s === 'string') ? undefined : { en: 'expected a list of strings', zh: '应为字符串列表' });
const oneOf = (...values: string[]): Check => (v) => {
  const list = values.map((x) => JSON.stringify(x));
  return typeof v === 'string' && values.includes(v) ? undefined : { en: `expected one of ${list.join(', ')}`, zh: `应为以下之一：${list.join('、')}` };
};
const SEVERITIES = ['off', 'error', 'warning', 'info', 'hint'];
const isRuleSetting: Check = (v) => {
  if (typeof v === 'boolean') return undefined;
  if (typeof v === 'string' && SEVERITIES.includes(v)) return undefined;
  if (Array.isArray(v) && v.length >= 1 && v.length <= 2 && typeof v[0] === 'string' && SEVERITIES.includes(v[0])) return undefined;
  return { en: 'expected "off", a severity (error, warning, info, hint), or [severity, options]', zh: '应为 "off"、一个级别（error、warning、info、hint）或 [级别, 选项]' };
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
const isUrlPatternList: Check = (v) => isStringList(v) ?? validateIgnorePatterns(v as string[])[0];

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
    separator: (v) => (typeof v === 'string' && v.length > 0 && v.length <= 8 ? undefined : { en: 'expected a short non-empty string', zh: '应为简短的非空字符串' }),
    case: oneOf('none', 'lower', 'lower-ascii', 'fold'),
    normalize: oneOf('NFC', 'NFD', 'NFKC', 'NFKD'),
    percentEncode: isBool,
    attrList: isBool,
  },
  hugo: { autoHeadingIDType: oneOf('github', 'github-ascii', 'blackfriday'), attribute: isBool },
  docusaurus: { maintainCase: isBool },
  vitepress: { attrs: isBool },
  hexo: { modifyAnchors: (v) => (v === 0 || v === 1 || v === 2 ? undefined : { en: 'expected 0, 1 or 2', zh: '应为 0、1 或 2' }), smartypants: isBool },
};

const isNameList: Check = (v) => isStringList(v) ?? ((v as string[]).some((s) => !/[A-Za-z]/.test(s) || s.length > 60 || s !== s.trim()) ? { en: 'expected names with at least one Latin letter, without surrounding spaces', zh: '名称应至少含一个拉丁字母，且首尾没有空格' } : undefined);

const TYPOGRAPHY: Record<keyof TypographyConfig, Check> = {
  applyTo: oneOf('chinese', 'all'),
  unitSpacing: oneOf('consistent', 'space', 'none'),
  quotes: oneOf('curly', 'corner'),
  brackets: oneOf('fullwidth', 'halfwidth'),
  names: isNameList,
  ambiguousWidth: (v) => (v === 1 || v === 2 ? undefined : { en: 'expected 1 or 2', zh: '应为 1 或 2' }),
};

/** Nested settings objects: their checks and their defaults' key in the config. */
const NESTED = { urlCheck: URL_CHECK, typography: TYPOGRAPHY } as const;

export interface ConfigProblem {
  /** Offsets in the config file, when the problem comes from one. */
  start: number;
  end: number;
  message: Localized;
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
  const problem = (path: (string | number)[], message: Localized, key = false, severity: Severity = 'warning') =>
    problems.push({ ...locate(path, key), message, severity });
  if (settings === null || settings === undefined) return { config, problems };
  /** Valid entries of a `rules` object into `into`; the rest reported at their place. */
  const readRules = (value: unknown, at: (string | number)[], into: Record<string, RuleSetting>): boolean => {
    if (typeof value !== 'object' || value === null || Array.isArray(value)) {
      problem(at, { en: `"${keyPath(at)}" must be an object of rule id → setting.`, zh: `“${keyPath(at)}”应为“规则 id → 设置”的对象。` });
      return false;
    }
    for (const [id, setting] of Object.entries(value as Record<string, unknown>)) {
      const bad = isRuleSetting(setting);
      if (bad) problem([...at, id], withPart(bad, (b) => `Rule "${id}": ${b}.`, (b) => `规则“${id}”：${b}。`));
      else if (knownRuleIds && !knownRuleIds(id)) problem([...at, id], { en: `Unknown rule or rule group "${id}".`, zh: `未知的规则或规则组“${id}”。` }, true);
      else into[id] = setting as RuleSetting;
    }
    return true;
  };
  /** One `overrides` entry, or nothing when it cannot be used (reported). */
  const readOverride = (entry: unknown, at: (string | number)[]): RuleOverride[] => {
    const where = keyPath(at);
    if (typeof entry !== 'object' || entry === null || Array.isArray(entry)) {
      problem(at, { en: `"${where}" must be an object: { "files": [globs], "rules": { … } }.`, zh: `“${where}”应为对象：{ "files": [globs], "rules": { … } }。` });
      return [];
    }
    const record = entry as Record<string, unknown>;
    for (const key of Object.keys(record)) if (key !== 'files' && key !== 'rules') problem([...at, key], { en: `Unknown key "${key}" in "${where}": an entry has "files" and "rules".`, zh: `“${where}”中有未知的键“${key}”：每一项只有 "files" 和 "rules"。` }, true);
    const files = typeof record.files === 'string' ? [record.files] : record.files;
    let filesOk = true;
    if (files === undefined) {
      problem(at, { en: `"${where}" has no "files": add the globs (relative to the workspace root) it applies to; the entry is not used.`, zh: `“${where}”没有 "files"：请写上它适用的 glob（相对于工作区根目录）；此项不生效。` });
      filesOk = false;
    } else if (!Array.isArray(files) || files.length === 0 || !files.every((f) => typeof f === 'string')) {
      problem([...at, 'files'], { en: `"${where}.files" must be a non-empty list of globs (e.g. ["docs/reference/**"]); the entry is not used.`, zh: `“${where}.files”应为非空的 glob 列表（如 ["docs/reference/**"]）；此项不生效。` });
      filesOk = false;
    } else {
      files.forEach((f, i) => {
        const bad = globProblem(f);
        if (bad) problem([...at, 'files', ...(typeof record.files === 'string' ? [] : [i])], withPart(bad, (b) => `"${where}.files": ${b}; the entry is not used.`, (b) => `“${where}.files”：${b}；此项不生效。`));
        filesOk &&= !bad;
      });
    }
    const rules: Record<string, RuleSetting> = {};
    if (record.rules === undefined) problem(at, { en: `"${where}" has no "rules": it changes nothing.`, zh: `“${where}”没有 "rules"：它不改变任何设置。` }, false, 'info');
    else readRules(record.rules, [...at, 'rules'], rules);
    return filesOk ? [{ files: [...(files as string[])], rules }] : [];
  };
  if (typeof settings !== 'object' || Array.isArray(settings)) {
    problem([], { en: 'Benchpress settings must be a JSON object; using the defaults.', zh: 'Benchpress 设置应为 JSON 对象；现使用默认设置。' });
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
        problem([key], { en: '"overrides" must be a list of { "files": [globs], "rules": { … } } entries.', zh: '“overrides”应为 { "files": [globs], "rules": { … } } 项的列表。' });
        continue;
      }
      // The editor's entries come first, the config file's after them: later entries win.
      config.overrides = [...config.overrides, ...value.flatMap((entry, i) => readOverride(entry, [key, i]))];
      continue;
    }
    if (key === 'urlCheck' || key === 'typography') {
      if (typeof value !== 'object' || value === null || Array.isArray(value)) {
        problem([key], { en: `"${key}" must be an object.`, zh: `“${key}”应为对象。` });
        continue;
      }
      const checks = NESTED[key] as Record<string, Check>;
      const current = config[key] as unknown as Record<string, unknown>;
      const defaults = base[key] as unknown as Record<string, unknown>;
      for (const [sub, subValue] of Object.entries(value as Record<string, unknown>)) {
        const check = checks[sub];
        if (!check) { problem([key, sub], unknownSetting(`${key}.${sub}`), true); continue; }
        const bad = check(subValue);
        if (bad) problem([key, sub], usingInstead(`${key}.${sub}`, bad, JSON.stringify(defaults[sub])));
        else current[sub] = subValue;
      }
      continue;
    }
    if (key === 'ignore' && Array.isArray(value) && value.every((v) => typeof v === 'string')) {
      // One bad pattern is reported at its place; the others still apply.
      const good = value.filter((pattern, i) => {
        const bad = globProblem(pattern);
        if (bad) problem([key, i], withPart(bad, (b) => `"ignore": ${b}; it is left out.`, (b) => `“ignore”：${b}；此模式不生效。`));
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
      problem([key], unknownSetting(key), true);
      continue;
    }
    const bad = check(value);
    if (bad) problem([key], usingInstead(key, bad, JSON.stringify((base as unknown as Record<string, unknown>)[key])));
    else (config as unknown as Record<string, unknown>)[key] = value;
  }
  return { config, problems };
}

const isObject = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);
const unknownSetting = (key: string, expected?: string): Localized => ({
  en: `Unknown setting "${key}"${expected ? ` (expected ${expected})` : ''}.`,
  zh: `未知的设置“${key}”${expected ? `（可用：${expected}）` : ''}。`,
});
/** A bad value and what is used instead (`instead`: a JSON value, or a localized phrase). */
const usingInstead = (key: string, bad: Localized, instead: Localized): Localized => ({
  en: `"${key}": ${localize(bad, 'en')}; using ${localize(instead, 'en')}.`,
  zh: `“${key}”：${localize(bad, 'zh-cn')}；改用 ${localize(instead, 'zh-cn')}。`,
});

function applyLinkSettings(config: BenchpressConfig, base: BenchpressConfig, value: unknown, problem: (path: (string | number)[], message: Localized, key?: boolean) => void): void {
  if (!isObject(value)) {
    problem(['links'], { en: '"links" must be an object.', zh: '“links”应为对象。' });
    return;
  }
  for (const [sub, subValue] of Object.entries(value)) {
    if (sub === 'anchorStyle') {
      const bad = oneOf(...ANCHOR_STYLES)(subValue);
      if (bad) problem(['links', sub], usingInstead('links.anchorStyle', bad, JSON.stringify(base.links.anchorStyle)));
      else config.links.anchorStyle = subValue as AnchorStyle;
    } else if (sub === 'anchorOptions') {
      if (!isObject(subValue)) {
        problem(['links', sub], { en: '"links.anchorOptions" must be an object such as { "mkdocs": { "slugify": "toc-unicode" } }.', zh: '“links.anchorOptions”应为对象，如 { "mkdocs": { "slugify": "toc-unicode" } }。' });
        continue;
      }
      const options: Record<string, Record<string, unknown>> = {};
      for (const [renderer, settings] of Object.entries(subValue)) {
        const checks = ANCHOR_OPTIONS[renderer as keyof AnchorOptions] as Record<string, Check> | undefined;
        if (!checks) {
          problem(['links', sub, renderer], unknownSetting(`links.anchorOptions.${renderer}`, Object.keys(ANCHOR_OPTIONS).join(', ')), true);
          continue;
        }
        if (!isObject(settings)) {
          problem(['links', sub, renderer], { en: `"links.anchorOptions.${renderer}" must be an object.`, zh: `“links.anchorOptions.${renderer}”应为对象。` });
          continue;
        }
        for (const [name, setting] of Object.entries(settings)) {
          const check = checks[name];
          const bad = check ? check(setting) : { en: `unknown option (expected ${Object.keys(checks).join(', ')})`, zh: `未知的选项（可用：${Object.keys(checks).join(', ')}）` };
          if (bad) problem(['links', sub, renderer, name], usingInstead(`links.anchorOptions.${renderer}.${name}`, bad, { en: "the renderer's default", zh: '该渲染器的默认值' }), !check);
          else (options[renderer] ??= {})[name] = setting;
        }
      }
      config.links.anchorOptions = options as AnchorOptions;
    } else {
      problem(['links', sub], unknownSetting(`links.${sub}`), true);
    }
  }
}

/** Parses `.benchpress/config.json` (comments and trailing commas allowed) over `base`. */
export function parseConfigFile(text: string, base: BenchpressConfig = DEFAULT_CONFIG, knownRuleIds?: (id: string) => boolean): ConfigResult {
  const parsed = parseJsonc(text);
  if ('error' in parsed) {
    const { start, end, reason } = parsed.error;
    return { config: base, problems: [{ start, end, severity: 'error', message: { en: `Benchpress config is not valid JSON (${reason}); using the defaults until it is fixed.`, zh: `Benchpress 配置不是有效的 JSON（${reason}）；修正之前使用默认设置。` } }] };
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
