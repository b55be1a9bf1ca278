// Benchpress settings: one schema for the VS Code settings (`benchpress.*`) and `.benchpress/config.json`.
// Reading never throws: a bad file or value gives a problem (shown as a diagnostic on the file) and the default.
import { findNodeAtLocation } from 'jsonc-parser';
import { jsonValue, parseJsonc, type JsonNode } from '../base/jsonc';
import type { Severity } from '../base/types';
import { validateIgnorePatterns } from './url-patterns';

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
  pricingStaleAfterDays: number;
  typography: TypographyConfig;
  /** Glob-like patterns of files the CLI and workspace features skip. */
  ignore: string[];
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
  pricingStaleAfterDays: 30,
  typography: { applyTo: 'chinese', unitSpacing: 'consistent', quotes: 'curly', brackets: 'fullwidth', names: [], ambiguousWidth: 1 },
  ignore: [],
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

const TOP_LEVEL: Record<Exclude<keyof BenchpressConfig, 'rules' | 'urlCheck' | 'typography'>, Check> = {
  diagnosticsDelayMs: isInt(0, 10000),
  template: isString,
  language: oneOf('auto', 'en', 'zh-cn'),
  maxFileSizeKB: isInt(1, 1024 * 1024),
  checkTimeoutMs: isInt(100, 600000),
  checkUrls: isBool,
  allowPrivateUrls: isBool,
  pricingStaleAfterDays: isInt(1, 3650),
  ignore: isStringList,
};
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
  const config: BenchpressConfig = { ...base, rules: { ...base.rules }, urlCheck: { ...base.urlCheck }, typography: { ...base.typography } };
  const problems: ConfigProblem[] = [];
  const problem = (path: (string | number)[], message: string, key = false, severity: Severity = 'warning') =>
    problems.push({ ...locate(path, key), message, severity });
  if (settings === null || settings === undefined) return { config, problems };
  if (typeof settings !== 'object' || Array.isArray(settings)) {
    problem([], 'Benchpress settings must be a JSON object; using the defaults.');
    return { config, problems };
  }
  for (const [key, value] of Object.entries(settings as Record<string, unknown>)) {
    if (key === '$schema') continue;
    if (key === 'rules') {
      if (typeof value !== 'object' || value === null || Array.isArray(value)) {
        problem([key], '"rules" must be an object of rule id → setting.');
        continue;
      }
      for (const [id, setting] of Object.entries(value as Record<string, unknown>)) {
        const bad = isRuleSetting(setting);
        if (bad) problem([key, id], `Rule "${id}": ${bad}.`);
        else if (knownRuleIds && !knownRuleIds(id)) problem([key, id], `Unknown rule or rule group "${id}".`, true);
        else config.rules[id] = setting as RuleSetting;
      }
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
