// The part of `benchpress lint` that checks: settings, the worker pool, the link checker (--check-urls) and fixes.
// Loaded only when some file was not answered from the answer cache (see lint.ts).
import path from 'node:path';
import type { Locale } from '../base/i18n';
import type { Finding } from '../base/types';
import { displayPath } from '../node/files';
import type { ChunkAnalyzer } from '../engine/analyzer';
import { finishDraftFile, fixDraftFile, mapConcurrently, prepareDraftFile, recheckDraft, cacheFolder, type Answers, type CheckRun, type FileState, type PreparedFile, type ReadDraft } from '../services/check-files';
import { RunWorkspace } from '../services/run-workspace';
import { DiskWorkspace } from '../node/fs-workspace';
import { anchorsOfView } from '../rules/links/missing-anchor';
import type { ProblemReport } from '../node/lint-results';
import type { UrlCheckResult } from '../links/external/types';
import { fileProblemFindings } from '../services/file-problems';
import type { FileReport } from './report';
import { prepareRun } from './run';
import { MSG, localize } from './messages';
import type { CliIo } from './io';

export interface CheckFilesInput {
  io: CliIo;
  found: { files: string[]; root: string | undefined };
  reads: ReadDraft[];
  /** Findings from the answer cache, per file (undefined: not answered). */
  answered: (Finding[] | undefined)[];
  answers: Answers | undefined;
  makeAnalyzer: (timeoutMs: number) => ChunkAnalyzer;
  fix: boolean;
  noCache: boolean;
  flags: { checkUrls: boolean; allowPrivateUrls: boolean };
  cacheVersion: string;
  configFile: string | undefined;
  only: string[] | undefined;
  lang: Locale | undefined;
}

export async function checkFiles(input: CheckFilesInput): Promise<'nothing' | { reports: FileReport[]; locale: Locale; fixed: number; cached: number }> {
  const { io, found, reads, answered, answers, fix, flags } = input;
  const setup = await prepareRun([], io, {
    configFile: input.configFile,
    only: input.only,
    lang: input.lang,
    noCache: input.noCache,
    version: input.cacheVersion,
    adjust: (config) => {
      if (flags.checkUrls) config.checkUrls = true;
      if (flags.allowPrivateUrls) config.allowPrivateUrls = true;
    },
  }, found);
  const { config, env } = setup;
  if (setup.files.length === 0) return 'nothing';
  // Findings that depend on the network are not kept.
  if (answers) answers.store = !config.checkUrls;
  const run: CheckRun = { env, workspace: setup.workspace, analyzer: input.makeAnalyzer(config.checkTimeoutMs), cache: setup.cache, answers };
  const reports: FileReport[] = [];
  let fixed = 0;
  let cached = 0;
  try {
    // Problems in .benchpress/ files come first, as findings on those files.
    const problems: ProblemReport[] = [];
    for (const file of setup.problems) {
      const findings = fileProblemFindings(file, env);
      if (findings.length > 0) problems.push({ path: file.path, findings });
    }
    for (const p of problems) reports.push({ file: displayPath(p.path, io.cwd), path: p.path, findings: p.findings });
    answers?.results.setRun(problems, env.locale);
    // Two passes: every draft to check is prepared (chunks analysed, document view built), then every one is
    // finished (whole-document rules), so a link into another draft of the run reads that draft's view.
    const prepared = await mapConcurrently(setup.files, async (file, i): Promise<PreparedFile | { file: string; findings: Finding[]; fromCache: true }> => {
      const cachedFindings = answered[i];
      // Answered from the cache; with --check-urls every file is checked (its links are needed).
      if (cachedFindings && !config.checkUrls) return { file, findings: cachedFindings, fromCache: true };
      return prepareDraftFile(file, run, reads[i]);
    });
    const index = new Map(setup.files.map((file, i) => [file, i]));
    const disk = new DiskWorkspace(setup.root, undefined, answers ? { store: answers.results, signatures: answers.signatures, variant: '' } : undefined);
    run.workspace = new RunWorkspace(disk, (p) => {
      const i = index.get(p);
      if (i === undefined) return undefined;
      const item = prepared[i];
      if ('prepared' in item) return item.prepared?.view ? anchorsOfView(item.prepared.view) : undefined;
      return answers && reads[i].hash ? answers.results.anchorsOf(p, reads[i].hash) : undefined;
    });
    const states = await mapConcurrently(prepared, async (item) => ('state' in item ? finishDraftFile(item, run) : item));
    let urlResults: ReadonlyMap<string, UrlCheckResult> | undefined;
    if (config.checkUrls) {
      const checked = states.filter((s): s is FileState => 'checker' in s);
      const { JsonFileUrlCache } = await import('../links/external');
      const { checkLinksOf } = await import('../services/link-check');
      const urlCache = await JsonFileUrlCache.open(path.join(cacheFolder(setup.root, io.cwd), 'url-cache.json'), { onWarning: (m) => io.stderr(`benchpress: ${m}\n`) });
      const progress = io.isTTY ? (done: number, total: number) => io.stderr(`\r${localize(MSG.checkingLinks(done, total), env.locale)}`) : undefined;
      urlResults = await checkLinksOf(checked.flatMap((s) => (s.result?.view ? [s.result.view] : [])), config, { cache: urlCache, onProgress: progress });
      if (progress) io.stderr('\r\x1b[K');
      await mapConcurrently(checked, (state) => recheckDraft(state, run, urlResults));
    }
    if (fix) for (const state of states) if ('checker' in state) fixed += await fixDraftFile(state, run, urlResults);
    for (const state of states) {
      if (state.fromCache) cached++;
      reports.push({ file: displayPath(state.file, io.cwd), path: state.file, findings: state.findings });
    }
  } finally {
    await run.analyzer.dispose();
    await run.cache.save();
    await answers?.results.save();
  }
  return { reports, locale: env.locale, fixed, cached };
}
