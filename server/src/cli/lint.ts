// `benchpress lint`: the editor's checks on files and folders, for CI and pre-commit hooks. Argument parsing,
// output and exit codes live here; reading, checking, caching and fixing are the service layer's.
import path from 'node:path';
import { parseArgs } from './args';
import { displayPath } from '../node/files';
import { JsonFileUrlCache, type UrlCheckResult } from '../links/external';
import type { ChunkAnalyzer } from '../engine/analyzer';
import { isKnownRuleOrGroup } from '../rules/registry';
import { checkDraftFile, fixDraftFile, mapConcurrently, recheckDraft, cacheFolder, type CheckRun } from '../services/check-files';
import { fileProblemFindings } from '../services/file-problems';
import { guardFinding } from '../rules/guards';
import { checkLinksOf } from '../services/link-check';
import { FAIL_ON, FORMATS, fails, formatGithub, formatJson, formatJunit, formatSarif, formatText, textSummary, type FailOn, type FileReport, type Format } from './report';
import { prepareRun } from './run';
import { checkedLang, messageLocale } from './locale';
import { CliUsageError, MSG, localize } from './messages';
import type { CliIo } from './io';

export const LINT_USAGE = `Usage: benchpress lint [--format text|json|sarif|github|junit] [--fail-on error|warning|info|never]
                       [--config FILE] [--fix] [--rules ID[,ID…]] [--lang en|zh-cn]
                       [--check-urls] [--allow-private-urls] [--no-cache] [--no-gitignore] [PATH…]

Checks Markdown drafts (*.md, *.mdx): files as given, folders searched (skipping node_modules, dot-folders and
what .gitignore files leave out). Files matching the config's "ignore" globs are skipped, even when named.

  --format FORMAT   text (default), json, sarif (SARIF 2.1.0, paths relative to the working folder),
                    github (GitHub Actions annotations), junit (JUnit XML: one suite per file)
  --fail-on LEVEL   exit 1 when a finding is at least this severe: error, warning (default), info, or never
  --config FILE     settings to use instead of .benchpress/config.json
  --fix             apply every safe fix in place, then report what remains
  --rules IDS       run only these rules or groups (e.g. template,links/missing-anchor; "benchpress rules" lists them)
  --lang LANG       language of messages: en or zh-cn (default: the config's "language", else en)
  --check-urls      also check external links over the network; --allow-private-urls lets it fetch private addresses
  --no-cache        do not read or write the result cache (.benchpress/.cache/)
  --no-gitignore    search folders without leaving out what .gitignore files leave out

With no PATH, or no Markdown file among the paths, there is nothing to check: a note on stderr, exit 0 (so a
pre-commit hook with nothing staged passes). A PATH that does not exist is an error.

Exit codes: 0 nothing at or above the --fail-on level, 1 something is, 2 usage or I/O error (message on stderr).
This usage text is in English; messages and findings follow --lang or the config's "language".`;

export async function lintCommand(argv: readonly string[], io: CliIo, makeAnalyzer: (timeoutMs: number) => ChunkAnalyzer, version: string, cacheVersion = version): Promise<number> {
  const args = parseArgs(argv, { values: ['format', 'config', 'rules', 'fail-on', 'lang'], switches: ['fix', 'check-urls', 'allow-private-urls', 'no-cache', 'no-gitignore', 'help'] });
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
  for (const id of only ?? []) if (!isKnownRuleOrGroup(id)) throw new CliUsageError(MSG.unknownRule(id));

  const nothingToCheck = (locale = lang ?? messageLocale(argv, io.cwd)) => {
    io.stderr(`${localize(MSG.nothingToCheck, locale)}\n`);
    printReports([], format, io, { version, locale: 'en', fixed: 0, cached: 0, quietText: true });
    return 0;
  };
  if (args.positionals.length === 0) return nothingToCheck();

  const fix = args.switches.has('fix');
  const setup = await prepareRun(args.positionals, io, {
    configFile: args.values.get('config'),
    only,
    lang,
    noCache: args.switches.has('no-cache') || fix,
    noGitignore: args.switches.has('no-gitignore'),
    version: cacheVersion,
    adjust: (config) => {
      if (args.switches.has('check-urls')) config.checkUrls = true;
      if (args.switches.has('allow-private-urls')) config.allowPrivateUrls = true;
    },
  });
  const { config, env } = setup;
  if (setup.ignoredGiven.length > 0) io.stderr(`${localize(MSG.ignoredGiven(setup.ignoredGiven), env.locale)}\n`);
  const note = (text: Parameters<typeof localize>[0]) => io.stderr(`benchpress: ${localize(text, env.locale)}\n`);
  for (const problem of setup.walkProblems) if (problem.kind === 'link-loop') note(MSG.linkLoop(displayPath(problem.path, io.cwd)));
  const unreadableFolders: FileReport[] = setup.walkProblems
    .filter((p) => p.kind === 'unreadable-folder')
    .map((p) => ({ file: displayPath(p.path, io.cwd), path: p.path, findings: env.applyEngineSettings([guardFinding('unreadable-folder', env.locale, { reason: p.reason })]) }))
    .filter((r) => r.findings.length > 0);
  if (setup.files.length === 0 && unreadableFolders.length === 0) return nothingToCheck(env.locale);
  const run: CheckRun = { env, envFor: setup.envFor, workspace: setup.workspace, analyzer: makeAnalyzer(config.checkTimeoutMs), cache: setup.cache };
  const reports: FileReport[] = [];
  let fixed = 0;
  let cached = 0;
  try {
    // Problems in .benchpress/ files come first, as findings on those files.
    for (const file of setup.problems) {
      const findings = fileProblemFindings(file, env);
      if (findings.length > 0) reports.push({ file: displayPath(file.path, io.cwd), path: file.path, findings });
    }
    reports.push(...unreadableFolders);
    const states = await mapConcurrently(setup.files, (file) => checkDraftFile(file, run));
    let urlResults: ReadonlyMap<string, UrlCheckResult> | undefined;
    if (config.checkUrls) {
      const urlCache = await JsonFileUrlCache.open(path.join(cacheFolder(setup.root, io.cwd), 'url-cache.json'), { onWarning: (m) => io.stderr(`benchpress: ${m}\n`) });
      const progress = io.isTTY ? (done: number, total: number) => io.stderr(`\r${localize(MSG.checkingLinks(done, total), env.locale)}`) : undefined;
      urlResults = await checkLinksOf(states.flatMap((s) => (s.result?.view ? [s.result.view] : [])), config, { cache: urlCache, onProgress: progress });
      if (progress) io.stderr('\r\x1b[K');
      await mapConcurrently(states, (state) => recheckDraft(state, run, urlResults));
    }
    if (fix) {
      for (const state of states) {
        if (state.missing) continue;
        fixed += await fixDraftFile(state, run, urlResults);
        if (state.fixSkipped) note((state.fixSkipped === 'changed' ? MSG.changedOnDisk : MSG.deletedBeforeFix)(displayPath(state.file, io.cwd)));
      }
    }
    for (const state of states) {
      if (state.missing) {
        note(MSG.deletedDuringRun(displayPath(state.file, io.cwd)));
        continue;
      }
      if (state.fromCache) cached++;
      reports.push({ file: displayPath(state.file, io.cwd), path: state.file, findings: state.findings });
    }
  } finally {
    await run.analyzer.dispose();
    await run.cache.save();
  }
  printReports(reports, format, io, { version, locale: env.locale, fixed, cached });
  return fails(reports, failOn) ? 1 : 0;
}

function printReports(reports: FileReport[], format: Format, io: CliIo, o: { version: string; locale: 'en' | 'zh-cn'; fixed: number; cached: number; quietText?: boolean }): void {
  switch (format) {
    case 'json':
      io.stdout(formatJson(reports) + '\n');
      return;
    case 'sarif':
      io.stdout(formatSarif(reports, { version: o.version, srcRoot: io.cwd }) + '\n');
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
