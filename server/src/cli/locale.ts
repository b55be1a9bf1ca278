// The language of the CLI's own messages: `--lang` if given, else the workspace config's `"language"`, else
// English (in the CLI `"auto"` means English: CI logs should not change with the machine's locale).
// Errors can happen before the settings are loaded (a bad option, a missing file), so this reads only the one key,
// cheaply and without ever failing; a broken config is reported later, as a finding on the file.
import { readFileSync } from 'node:fs';
import path from 'node:path';
import type { Locale } from '../base/i18n';
import { CliUsageError, MSG } from './messages';
import { jsonProperties, jsonValue, parseJsonc } from '../base/jsonc';
import { findWorkspaceRoot } from '../node/workspace-root';

/** `--lang` values: `en`, `zh-cn` (also `zh`, `zh-hans`, `zh-CN`). */
export function parseLang(value: string): Locale | undefined {
  const l = value.toLowerCase();
  if (l === 'en' || l === 'en-us' || l === 'en-gb') return 'en';
  if (l === 'zh-cn' || l === 'zh' || l === 'zh-hans' || l === 'zh-hans-cn') return 'zh-cn';
  return undefined;
}

/** The `--lang` value of an argument list (before `--`), without parsing the rest; undefined if absent or bad. */
export function langFlag(argv: readonly string[]): Locale | undefined {
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i];
    if (arg === '--') break;
    if (arg === '--lang' && i + 1 < argv.length) return parseLang(argv[i + 1]);
    if (arg.startsWith('--lang=')) return parseLang(arg.slice('--lang='.length));
  }
  return undefined;
}

/** The value of a flag that takes one (`--config FILE`, `--config=FILE`), without parsing the rest. */
function flagValue(argv: readonly string[], name: string): string | undefined {
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i];
    if (arg === '--') break;
    if (arg === `--${name}` && i + 1 < argv.length) return argv[i + 1];
    if (arg.startsWith(`--${name}=`)) return arg.slice(name.length + 3);
  }
  return undefined;
}

/** `"language"` of a config file, if it is `en` or `zh-cn`. Never throws. */
export function configuredLanguage(configFile: string): Locale | undefined {
  try {
    const parsed = parseJsonc(readFileSync(configFile, 'utf8'));
    if (!('root' in parsed) || parsed.root?.type !== 'object') return undefined;
    const value = jsonProperties(parsed.root).find((p) => p.key === 'language')?.value;
    const language = value ? jsonValue(value) : undefined;
    return language === 'en' || language === 'zh-cn' ? language : undefined;
  } catch {
    return undefined;
  }
}

/**
 * The language of messages for a command line, before its settings are loaded: `--lang`, then the config file
 * (`--config`, else `.benchpress/config.json` of the workspace of the first path given, else of the working folder).
 */
export function messageLocale(argv: readonly string[], cwd: string): Locale {
  const flag = langFlag(argv);
  if (flag) return flag;
  const config = flagValue(argv, 'config');
  if (config) return configuredLanguage(path.resolve(cwd, config)) ?? 'en';
  const first = argv.find((a, i) => !a.startsWith('-') && !isFlagValue(argv, i));
  const root = findWorkspaceRoot(first ? path.resolve(cwd, first) : cwd) ?? findWorkspaceRoot(cwd);
  return (root && configuredLanguage(path.join(root, '.benchpress', 'config.json'))) || 'en';
}

const VALUE_FLAGS = new Set(['--format', '--config', '--rules', '--lang', '--fail-on', '--table', '--gpus', '--fields', '--kind', '--hours', '--count', '--providers', '--tiers', '--base-url', '--out', '--file', '--timeout', '--retries']);
const isFlagValue = (argv: readonly string[], i: number) => i > 0 && VALUE_FLAGS.has(argv[i - 1]);

/** The `--lang` of a parsed command line, checked: a bad value is a usage error. */
export function checkedLang(value: string | undefined): Locale | undefined {
  if (value === undefined) return undefined;
  const lang = parseLang(value);
  if (!lang) throw new CliUsageError(MSG.badChoice('lang', value, ['en', 'zh-cn']));
  return lang;
}
