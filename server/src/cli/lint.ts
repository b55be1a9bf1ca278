// `benchpress lint`: the editor's checks on files and folders, for CI and pre-commit hooks. Argument parsing,
// output and exit codes live here; reading, checking, caching and fixing are the service layer's.
import path from 'node:path';
import { parseArgs } from './args';
import { UsageError } from '../base/errors';
import { displayPath } from '../node/files';
import { JsonFileUrlCache, type UrlCheckResult } from '../links/external';
import type { ChunkAnalyzer } from '../engine/analyzer';
import { isKnownRuleOrGroup } from '../rules/registry';
import { checkDraftFile, fixDraftFile, mapConcurrently, recheckDraft, cacheFolder, type CheckRun } from '../services/check-files';
import { fileProblemFindings } from '../services/file-problems';
import { checkLinksOf } from '../services/link-check';
import { formatJson, formatSarif, formatText, countBySeverity, type FileReport } from './report';
import { prepareRun } from './run';
import type { CliIo } from './io';

export const LINT_USAGE = `Usage: benchpress lint [--format text|json|sarif] [--config FILE] [--fix] [--rules ID[,ID…]]
                       [--check-urls] [--allow-private-urls] [--no-cache] PATH…`;

export async function lintCommand(argv: readonly string[], io: CliIo, makeAnalyzer: (timeoutMs: number) => ChunkAnalyzer, version: string, cacheVersion = version): Promise<number> {
  const args = parseArgs(argv, { values: ['format', 'config', 'rules'], switches: ['fix', 'check-urls', 'allow-private-urls', 'no-cache', 'help'] });
  if (args.switches.has('help')) {
    io.stdout(LINT_USAGE + '\n');
    return 0;
  }
  const format = args.values.get('format') ?? 'text';
  if (!['text', 'json', 'sarif'].includes(format)) throw new UsageError(`Unknown --format "${format}": use text, json or sarif.`);
  if (args.positionals.length === 0) throw new UsageError('Give at least one file or folder to lint.');
  const only = args.values.get('rules')?.split(',').map((s) => s.trim()).filter(Boolean);
  for (const id of only ?? []) if (!isKnownRuleOrGroup(id)) throw new UsageError(`Unknown rule or rule group "${id}" in --rules (see "benchpress rules").`);

  const fix = args.switches.has('fix');
  const setup = await prepareRun(args.positionals, io, {
    configFile: args.values.get('config'),
    only,
    noCache: args.switches.has('no-cache') || fix,
    version: cacheVersion,
    adjust: (config) => {
      if (args.switches.has('check-urls')) config.checkUrls = true;
      if (args.switches.has('allow-private-urls')) config.allowPrivateUrls = true;
    },
  });
  const { config, env } = setup;
  const run: CheckRun = { env, workspace: setup.workspace, analyzer: makeAnalyzer(config.checkTimeoutMs), cache: setup.cache };
  const reports: FileReport[] = [];
  let fixed = 0;
  let cached = 0;
  try {
    // Problems in .benchpress/ files come first, as findings on those files.
    for (const file of setup.problems) {
      const findings = fileProblemFindings(file, env);
      if (findings.length > 0) reports.push({ file: displayPath(file.path, io.cwd), findings });
    }
    const states = await mapConcurrently(setup.files, (file) => checkDraftFile(file, run));
    let urlResults: ReadonlyMap<string, UrlCheckResult> | undefined;
    if (config.checkUrls) {
      const urlCache = await JsonFileUrlCache.open(path.join(cacheFolder(setup.root, io.cwd), 'url-cache.json'), { onWarning: (m) => io.stderr(`benchpress: ${m}\n`) });
      const progress = io.isTTY ? (done: number, total: number) => io.stderr(`\rChecking links… ${done}/${total}`) : undefined;
      urlResults = await checkLinksOf(states.flatMap((s) => (s.result?.view ? [s.result.view] : [])), config, { cache: urlCache, onProgress: progress });
      if (progress) io.stderr('\r\x1b[K');
      await mapConcurrently(states, (state) => recheckDraft(state, run, urlResults));
    }
    if (fix) for (const state of states) fixed += await fixDraftFile(state, run, urlResults);
    for (const state of states) {
      if (state.fromCache) cached++;
      reports.push({ file: displayPath(state.file, io.cwd), findings: state.findings });
    }
  } finally {
    await run.analyzer.dispose();
    await run.cache.save();
  }

  if (format === 'json') io.stdout(formatJson(reports) + '\n');
  else if (format === 'sarif') io.stdout(formatSarif(reports, version) + '\n');
  else io.stdout(formatText(reports, { color: io.isTTY && !io.env.NO_COLOR, fixed, cached }) + '\n');
  const counts = countBySeverity(reports);
  return counts.error + counts.warning > 0 ? 1 : 0;
}
