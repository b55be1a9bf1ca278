// `benchpress lint`: the editor's checks on files and folders, for CI and pre-commit hooks. Argument parsing,
// output and exit codes live here; reading, checking, caching and fixing are the service layer's.
//
// A run first asks the answer cache (node/lint-results.ts): when the settings of every workspace root involved are
// unchanged, the walk finds the files with the `ignore` globs the cache kept, and every file's text and everything
// its findings depend on are unchanged, the answer comes from the cache — the text printed last for the same
// reports and options as it is, else the cached findings formatted. Only otherwise is the rest loaded
// (lint-check.ts: settings, the parser, the rules, the worker pool; the link checker only with --check-urls), so a
// re-run over unchanged files reads, hashes and stats, and loads nothing that the answer does not need.
import path from 'node:path';
import { parseArgs } from './args';
import { displayPath } from '../node/files';
import type { AnalyzerFactory } from '../engine/analyzer';
import { digestOfFile, cacheFolder, type Answers, type KnownAnswers } from '../services/run-drafts';
import { LintResults, Signatures } from '../node/lint-results';
import { settingsFingerprint } from '../node/settings-inputs';
import { findWorkspaceRoot } from '../node/workspace-root';
import { ignoreFilter } from '../services/ignore';
import { todayIso } from '../base/dates';
import type { Locale } from '../base/i18n';
import type { WorstSeverity } from '../base/types';
import { FAIL_ON, FORMATS, failsAt, worstSeverity, formatGithub, formatJson, formatJunit, formatSarif, formatText, textSummary, type FailOn, type FileReport, type Format } from './report';
import { checkPathsGiven, collectRunFiles, configFileOption, type WalkSettings } from './run-files';
import { checkedLang, messageLocale } from './locale';
import { CliUsageError, MSG, localize } from './messages';
import type { CliIo } from './io';
import { RELAUNCH_MIN_FILES, namesManyFiles, type Relaunch } from './relaunch';
import { LINT_FLAGS } from './lint-flags';

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

/**
 * `relaunch`: how to run this command again in a process with fewer V8 helper threads (cli/relaunch.ts), for a run
 * with many files to analyse; only the `benchpress` process itself passes one.
 */
export async function lintCommand(argv: readonly string[], io: CliIo, makeAnalyzer: AnalyzerFactory, version: string, cacheVersion = version, relaunch?: Relaunch): Promise<number> {
  const args = parseArgs(argv, LINT_FLAGS);
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
  // Encoded once, for stdout and for the answer cache.
  const print = async (reports: FileReport[], o: PrintOptions) => {
    const bytes = Buffer.from(await renderReports(reports, format, io, o), 'utf8');
    writeBytes(io, bytes);
    return bytes;
  };
  const nothingToCheck = async (locale: Locale = lang ?? messageLocale(argv, io.cwd)) => {
    io.stderr(`${localize(MSG.nothingToCheck, locale)}\n`);
    await print([], { version, locale: 'en', fixed: 0, cached: 0, quietText: true });
    return 0;
  };
  if (args.positionals.length === 0) return nothingToCheck();

  const paths = args.positionals;
  await checkPathsGiven(paths, io);
  const fix = args.switches.has('fix');
  const noCache = args.switches.has('no-cache') || fix;
  const configFile = await configFileOption(args.values.get('config'), io);
  const flags = { checkUrls: args.switches.has('check-urls'), allowPrivateUrls: args.switches.has('allow-private-urls'), noGitignore: args.switches.has('no-gitignore') };
  const root = findWorkspaceRoot(path.resolve(io.cwd, paths[0]));
  const answers: Answers | undefined = noCache ? undefined : {
    results: await LintResults.open(cacheFolder(root, io.cwd), LintResults.key({ version: cacheVersion, only, lang, configFile, ...flags })),
    signatures: new Signatures([]),
    today: todayIso(),
    store: true,
  };

  // The key of the text printed for reports with these stamps: a re-run with nothing changed finds it (answerAll).
  const printedKey = (results: LintResults, o: PrintOptions, stamps: readonly ReportStamp[]) => results.printedKey(format, [printInputs(format, io, o), stamps]);
  // Prints the reports and, given a key, keeps the text in the answer cache under it; the exit code.
  const printAndKeep = async (reports: FileReport[], o: PrintOptions, keep?: { results: LintResults; key: string }) => {
    const worst = worstSeverity(reports);
    const printed = await print(reports, o);
    if (keep) await keep.results.savePrinted(format, keep.key, printed, worst);
    return failsAt(worst, failOn) ? 1 : 0;
  };

  let known: KnownAnswers | undefined;
  /** Files of the run the cache cannot answer (when it answered the others). */
  let toAnalyse: number | undefined;
  if (answers) {
    const { results } = answers;
    const printOptions = (cached: number): PrintOptions => ({ version, locale: results.locale!, fixed: 0, cached });
    // A worker starts loading the analysis at the first file the cache cannot answer, while the rest are looked up.
    const answered = await answerAll(paths, io, answers, { configFile, noGitignore: flags.noGitignore, onMiss: () => makeAnalyzer.prewarm?.(), printedKey: (stamps, cached) => printedKey(results, printOptions(cached), stamps), format });
    if (answered && !('known' in answered)) {
      if (answered.ignoredGiven.length > 0) io.stderr(`${localize(MSG.ignoredGiven(answered.ignoredGiven), results.locale!)}\n`);
      if ('printed' in answered) {
        writeBytes(io, answered.printed.bytes);
        return failsAt(answered.printed.worst, failOn) ? 1 : 0;
      }
      return printAndKeep(answered.reports, printOptions(answered.files), { results, key: answered.key });
    }
    if (answered) {
      known = answered.known;
      toAnalyse = answered.files - answered.known.size;
    }
  }
  // A run that reads no cache decided before this module loaded (cli.ts); one with a cache decides now that it asked.
  if (relaunch && answers && (toAnalyse === undefined ? await namesManyFiles(paths, io.cwd) : toAnalyse >= RELAUNCH_MIN_FILES)) {
    // Nothing is written yet: the new process does the whole run. Should it not start, this one goes on.
    await makeAnalyzer.release?.();
    const code = await relaunch().catch(() => undefined);
    if (code !== undefined) return code;
  }

  // The cache cannot answer: files will be analysed (a worker can start loading now).
  makeAnalyzer.prewarm?.();
  const { checkFiles } = await import('./lint-check');
  const outcome = await checkFiles({ paths, io, answers, known, makeAnalyzer, fix, noCache, flags, cacheVersion, configFile: args.values.get('config'), only, lang });
  if (outcome.nothing) return nothingToCheck(outcome.locale);
  const o: PrintOptions = { version, locale: outcome.locale, fixed: outcome.fixed, cached: outcome.cached };
  // (`--fix` runs without the cache: `answers` is undefined then.)
  if (!answers?.store) return printAndKeep(outcome.reports, o);
  const stamps = outcome.reports.map((r): ReportStamp => [r.path ?? r.file, r.stamp ?? LintResults.stamp(r.findings)]);
  return printAndKeep(outcome.reports, o, { results: answers.results, key: printedKey(answers.results, o, stamps) });
}

type AnswerAll =
  | { printed: { bytes: Uint8Array; worst: WorstSeverity }; files: number; ignoredGiven: string[] }
  | { reports: FileReport[]; key: string; files: number; ignoredGiven: string[] }
  | { known: KnownAnswers; files: number };

/** A report as a printed answer's key names it: its file and the stamp of its findings. */
type ReportStamp = [path: string, stamp: string];

interface AnswerAllOptions {
  configFile?: string;
  noGitignore: boolean;
  format: Format;
  onMiss(): void;
  /** The key of the text printed for reports with these stamps by a run answered wholly from the cache. */
  printedKey(stamps: readonly ReportStamp[], cached: number): string;
}

/**
 * The whole answer from the cache (the text printed last for the same reports, else the reports to format); or,
 * when some files changed, the answers it has for the others (the full check takes them instead of reading and
 * looking up those files again); or undefined when the settings or the walk may have changed. The walk uses the
 * `ignore` globs the cache kept for each root, valid because the root's settings files are byte for byte the same.
 */
async function answerAll(paths: readonly string[], io: CliIo, answers: Answers, options: AnswerAllOptions): Promise<AnswerAll | undefined> {
  const stored = answers.results;
  if (!stored.problems || !stored.locale || stored.rootOrder.length === 0) return undefined;
  const order: string[] = [];
  const fingerprints = new Map<string, string>();
  const walkSettings = new Map<string, WalkSettings>();
  class Miss extends Error {}
  const settingsOf = async (r: string | undefined): Promise<WalkSettings> => {
    const key = r ?? '';
    let known = walkSettings.get(key);
    if (!known) {
      const record = stored.roots[key];
      const fingerprint = LintResults.key(await settingsFingerprint(r, { configFile: options.configFile }));
      if (!record || record.fingerprint !== fingerprint) throw new Miss();
      order.push(key);
      fingerprints.set(key, fingerprint);
      walkSettings.set(key, (known = ignoreFilter(r, record.ignore)));
    }
    return known;
  };
  let found;
  try {
    found = await collectRunFiles(paths, io, settingsOf, { noGitignore: options.noGitignore });
  } catch (error) {
    if (error instanceof Miss) return undefined;
    throw error;
  }
  if (found.files.length === 0 || found.walkProblems.length > 0 || order.join('\0') !== stored.rootOrder.join('\0')) return undefined;
  answers.signatures = new Signatures(found.lookRoots);
  // The bytes' digest is all an answer needs: the text is decoded only when a file has to be checked, and the bytes
  // are read only when the file's stat signature is not the one recorded with its digest.
  const digests = found.files.map((file) => stored.digestBySignature(file) ?? digestOfFile(file));
  const stamps = found.files.map((file, i) => {
    const digest = digests[i];
    const stamp = digest === undefined ? undefined : stored.holds(file, digest, fingerprints.get(found.rootOf(file) ?? '') ?? '', answers.signatures, answers.today);
    if (stamp === undefined) options.onMiss();
    return stamp;
  });
  const files = found.files.length;
  let key: string | undefined;
  if (stamps.every((s) => s !== undefined)) {
    const reportStamps: ReportStamp[] = [...stored.problems.map((p): ReportStamp => [p.path, LintResults.stamp(p.findings)]), ...found.files.map((file, i): ReportStamp => [file, stamps[i]!])];
    key = options.printedKey(reportStamps, files);
    const printed = stored.printed(options.format, key);
    if (printed) return { printed, files, ignoredGiven: found.ignoredGiven };
  }
  const findings = found.files.map((file, i) => (stamps[i] === undefined ? undefined : stored.findingsOf(file, stamps[i]!)));
  if (key === undefined || findings.some((f) => f === undefined)) {
    const known: KnownAnswers = new Map();
    found.files.forEach((file, i) => findings[i] && known.set(file, { digest: digests[i]!, findings: findings[i]!, stamp: stamps[i]! }));
    if (known.size < files) options.onMiss();
    return { known, files };
  }
  const reports: FileReport[] = stored.problems.map((p) => ({ file: displayPath(p.path, io.cwd), path: p.path, findings: p.findings }));
  found.files.forEach((file, i) => reports.push({ file: displayPath(file, io.cwd), path: file, findings: findings[i]! }));
  return { reports, key, files, ignoredGiven: found.ignoredGiven };
}

interface PrintOptions {
  version: string;
  locale: Locale;
  fixed: number;
  cached: number;
  quietText?: boolean;
}

/** Output bytes as they are where the process takes them (see CliIo.stdoutBytes). */
function writeBytes(io: CliIo, bytes: Uint8Array): void {
  if (bytes.length === 0) return;
  if (io.stdoutBytes) io.stdoutBytes(bytes);
  else io.stdout(Buffer.from(bytes).toString('utf8'));
}

/**
 * What the text of `renderReports` depends on besides the reports, for each format (the key of a printed answer):
 * the working folder always (paths are shown relative to it), and the options the format reads.
 */
function printInputs(format: Format, io: CliIo, o: PrintOptions): unknown[] {
  switch (format) {
    case 'json':
    case 'junit':
      return [io.cwd];
    case 'sarif':
      return [io.cwd, o.version];
    case 'github':
      return [io.cwd, io.env.GITHUB_WORKSPACE ?? null, o.quietText ?? false, o.fixed, o.cached, o.locale];
    default:
      return [io.cwd, io.isTTY && !io.env.NO_COLOR, o.quietText ?? false, o.fixed, o.cached, o.locale];
  }
}

/** The output of a run, ending with a newline, or '' when there is none. */
async function renderReports(reports: FileReport[], format: Format, io: CliIo, o: PrintOptions): Promise<string> {
  switch (format) {
    case 'json':
      return formatJson(reports) + '\n';
    case 'sarif':
      return formatSarif(reports, { version: o.version, srcRoot: io.cwd, rules: (await import('../rules/registry')).RULES }) + '\n';
    case 'github': {
      // Annotation paths are relative to the checkout (GITHUB_WORKSPACE) when the files are in it.
      const workspace = io.env.GITHUB_WORKSPACE;
      const text = formatGithub(reports, { base: workspace ? path.resolve(io.cwd, workspace) : io.cwd });
      return (text ? text + '\n' : '') + (o.quietText ? '' : textSummary(reports, { fixed: o.fixed, cached: o.cached, locale: o.locale }) + '\n');
    }
    case 'junit':
      return formatJunit(reports) + '\n';
    default:
      return o.quietText ? '' : formatText(reports, { color: io.isTTY && !io.env.NO_COLOR, fixed: o.fixed, cached: o.cached, locale: o.locale }) + '\n';
  }
}
