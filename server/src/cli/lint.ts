// `benchpress lint`: the editor's checks on files and folders, for CI and pre-commit hooks. Argument parsing,
// output and exit codes live here; reading, checking, caching and fixing are the service layer's.
//
// A run first asks the answer cache (node/lint-results.ts): files whose text, settings and linked files did not
// change are answered from it. Only when some file is not answered is the rest loaded (lint-check.ts: settings,
// the parser, the rules, the worker pool; the link checker only with --check-urls), so a re-run over unchanged
// files reads, hashes and stats, and loads nothing that the answer does not need.
import path from 'node:path';
import { parseArgs } from './args';
import { displayPath } from '../node/files';
import type { ChunkAnalyzer } from '../engine/analyzer';
import { answerFromCache, mapConcurrently, readRunDraft, cacheFolder, type Answers } from '../services/run-drafts';
import { LintResults, Signatures } from '../node/lint-results';
import { settingsFingerprint } from '../node/settings-inputs';
import { todayIso } from '../base/dates';
import { FAIL_ON, FORMATS, fails, formatGithub, formatJson, formatJunit, formatSarif, formatText, textSummary, type FailOn, type FileReport, type Format } from './report';
import { configFileOption, findRunFiles } from './run-files';
import { checkedLang, messageLocale } from './locale';
import { CliUsageError, MSG, localize } from './messages';
import type { CliIo } from './io';

export const LINT_USAGE = `Usage: benchpress lint [--format text|json|sarif|github|junit] [--fail-on error|warning|info|never]
                       [--config FILE] [--fix] [--rules ID[,ID…]] [--lang en|zh-cn]
                       [--check-urls] [--allow-private-urls] [--no-cache] [PATH…]

Checks Markdown drafts (*.md, *.mdx): files as given, folders searched (skipping node_modules and dot-folders).

  --format FORMAT   text (default), json, sarif (SARIF 2.1.0, paths relative to the working folder),
                    github (GitHub Actions annotations), junit (JUnit XML: one suite per file)
  --fail-on LEVEL   exit 1 when a finding is at least this severe: error, warning (default), info, or never
  --config FILE     settings to use instead of .benchpress/config.json
  --fix             apply every safe fix in place, then report what remains
  --rules IDS       run only these rules or groups (e.g. template,links/missing-anchor; "benchpress rules" lists them)
  --lang LANG       language of messages: en or zh-cn (default: the config's "language", else en)
  --check-urls      also check external links over the network; --allow-private-urls lets it fetch private addresses
  --no-cache        do not read or write the result cache (.benchpress/.cache/)

With no PATH, or no Markdown file among the paths, there is nothing to check: a note on stderr, exit 0 (so a
pre-commit hook with nothing staged passes). A PATH that does not exist is an error.

Exit codes: 0 nothing at or above the --fail-on level, 1 something is, 2 usage or I/O error (message on stderr).
This usage text is in English; messages and findings follow --lang or the config's "language".`;

export async function lintCommand(argv: readonly string[], io: CliIo, makeAnalyzer: (timeoutMs: number) => ChunkAnalyzer, version: string, cacheVersion = version): Promise<number> {
  const args = parseArgs(argv, { values: ['format', 'config', 'rules', 'fail-on', 'lang'], switches: ['fix', 'check-urls', 'allow-private-urls', 'no-cache', 'help'] });
  if (args.switches.has('help')) {
    io.stdout(LINT_USAGE + '\n');
    return 0;
  }
  const format = (args.values.get('format') ?? 'text') as Format;
  if (!FORMATS.includes(format)) throw new CliUsageError(MSG.badChoice('format', format, FORMATS));
  const failOn = (args.values.get('fail-on') ?? 'warning') as FailOn;
  if (!FAIL_ON.includes(failOn)) throw new CliUsageError(MSG.badChoice('fail-on', failOn, ['error', 'warning', 'info', 'never']));
  const lang = checkedLang(args.values.get('lang'));
  const only = args.values.get('rules')?.split(',').map((s) => s.trim()).filter(Boolean);
  if (only) {
    const { isKnownRuleOrGroup } = await import('../rules/registry');
    for (const id of only) if (!isKnownRuleOrGroup(id)) throw new CliUsageError(MSG.unknownRule(id));
  }
  const print = (reports: FileReport[], o: PrintOptions) => printReports(reports, format, io, o);

  if (args.positionals.length === 0) return nothingToCheck(lang ?? messageLocale(argv, io.cwd), io, print, version);

  const fix = args.switches.has('fix');
  const noCache = args.switches.has('no-cache') || fix;
  const found = await findRunFiles(args.positionals, io);
  const configFile = await configFileOption(args.values.get('config'), io);
  const flags = { checkUrls: args.switches.has('check-urls'), allowPrivateUrls: args.switches.has('allow-private-urls') };

  // First the answer cache: a file whose text, settings and linked files are unchanged is answered from it, with
  // no settings built, no parse and no worker. Only if some file is not answered is the run set up.
  const answers: Answers | undefined = noCache || found.files.length === 0 ? undefined : {
    results: await LintResults.open(cacheFolder(found.root, io.cwd), LintResults.key({ version: cacheVersion, only, lang, configFile, ...flags, settings: await settingsFingerprint(found.root, { configFile }) })),
    signatures: new Signatures(),
    today: todayIso(),
    store: true,
  };
  const reads = await mapConcurrently(found.files, readRunDraft);
  const answered = answers ? await mapConcurrently(reads, (read) => answerFromCache(read, answers)) : reads.map(() => undefined);
  if (answers?.results.problems && answers.results.locale && answered.every((a) => a !== undefined)) {
    const reports: FileReport[] = answers.results.problems.map((p) => ({ file: displayPath(p.path, io.cwd), path: p.path, findings: p.findings }));
    found.files.forEach((file, i) => reports.push({ file: displayPath(file, io.cwd), path: file, findings: answered[i]! }));
    await print(reports, { version, locale: answers.results.locale, fixed: 0, cached: found.files.length });
    return fails(reports, failOn) ? 1 : 0;
  }

  const { checkFiles } = await import('./lint-check');
  const outcome = await checkFiles({ io, found, reads, answered, answers, makeAnalyzer, fix, noCache, flags, cacheVersion, configFile: args.values.get('config'), only, lang });
  if (outcome === 'nothing') return nothingToCheck(undefined, io, print, version, lang ?? messageLocale(argv, io.cwd));
  await print(outcome.reports, { version, locale: outcome.locale, fixed: outcome.fixed, cached: outcome.cached });
  return fails(outcome.reports, failOn) ? 1 : 0;
}

async function nothingToCheck(locale: 'en' | 'zh-cn' | undefined, io: CliIo, print: (reports: FileReport[], o: PrintOptions) => Promise<void>, version: string, fallback: 'en' | 'zh-cn' = 'en'): Promise<number> {
  io.stderr(`${localize(MSG.nothingToCheck, locale ?? fallback)}\n`);
  await print([], { version, locale: 'en', fixed: 0, cached: 0, quietText: true });
  return 0;
}

interface PrintOptions {
  version: string;
  locale: 'en' | 'zh-cn';
  fixed: number;
  cached: number;
  quietText?: boolean;
}

async function printReports(reports: FileReport[], format: Format, io: CliIo, o: PrintOptions): Promise<void> {
  switch (format) {
    case 'json':
      io.stdout(formatJson(reports) + '\n');
      return;
    case 'sarif':
      io.stdout(formatSarif(reports, { version: o.version, srcRoot: io.cwd, rules: (await import('../rules/registry')).RULES }) + '\n');
      return;
    case 'github': {
      // Annotation paths are relative to the checkout (GITHUB_WORKSPACE) when the files are in it.
      const workspace = io.env.GITHUB_WORKSPACE;
      const text = formatGithub(reports, { base: workspace ? path.resolve(io.cwd, workspace) : io.cwd });
      if (text) io.stdout(text + '\n');
      if (!o.quietText) io.stdout(textSummary(reports, { fixed: o.fixed, cached: o.cached, locale: o.locale }) + '\n');
      return;
    }
    case 'junit':
      io.stdout(formatJunit(reports) + '\n');
      return;
    default:
      if (!o.quietText) io.stdout(formatText(reports, { color: io.isTTY && !io.env.NO_COLOR, fixed: o.fixed, cached: o.cached, locale: o.locale }) + '\n');
  }
}
