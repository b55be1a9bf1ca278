// The part of `benchpress lint` that checks: settings, the worker pool, the link checker (--check-urls) and fixes.
// Loaded only when the answer cache could not answer the whole run (see lint.ts). Files it can still answer (their
// text, root settings and dependencies unchanged) are taken from it; the others are checked in two passes — all
// prepared (chunks analysed, document views built), then all finished (whole-document rules) — so a link into
// another draft of the run reads that draft's view instead of parsing it again.
import path from 'node:path';
import type { Locale } from '../base/i18n';
import type { Finding } from '../base/types';
import { displayPath } from '../node/files';
import type { ChunkAnalyzer } from '../engine/analyzer';
import { answerFromCache, finishDraftFile, fixDraftFile, mapConcurrently, prepareDraftFile, readRunDraft, recheckDraft, cacheFolder, type Answers, type CheckRun, type FileState, type PreparedFile } from '../services/check-files';
import type { KnownAnswers } from '../services/run-drafts';
import { RunWorkspace } from '../services/run-workspace';
import { DiskWorkspace } from '../node/fs-workspace';
import { LintResults, type ProblemReport, type RootRecord } from '../node/lint-results';
import { settingsFingerprint } from '../node/settings-inputs';
import { anchorsOfView } from '../markdown/anchors';
import { anchorSettingsKey } from '../markdown/heading-anchors';
import type { UrlCheckResult } from '../links/external/types';
import { fileProblemFindings } from '../services/file-problems';
import { guardFinding } from '../rules/guards';
import type { FileReport } from './report';
import { prepareRun } from './run';
import { MSG, localize } from './messages';
import type { CliIo } from './io';

export interface CheckFilesInput {
  paths: readonly string[];
  io: CliIo;
  answers: Answers | undefined;
  /** Answers the cache had for files of this run (lint.ts looked them up before it found that others changed). */
  known?: KnownAnswers;
  makeAnalyzer: (timeoutMs: number) => ChunkAnalyzer;
  fix: boolean;
  noCache: boolean;
  flags: { checkUrls: boolean; allowPrivateUrls: boolean; noGitignore: boolean };
  cacheVersion: string;
  /** `--config` as given. */
  configFile: string | undefined;
  only: string[] | undefined;
  lang: Locale | undefined;
}

export type CheckFilesOutcome = { nothing: true; locale: Locale } | { nothing?: false; reports: FileReport[]; locale: Locale; fixed: number; cached: number };

type Answered = { file: string; findings: Finding[]; stamp: string; fromCache: true };

export async function checkFiles(input: CheckFilesInput): Promise<CheckFilesOutcome> {
  const { io, answers, fix, flags } = input;
  const setup = await prepareRun(input.paths, io, {
    configFile: input.configFile,
    only: input.only,
    lang: input.lang,
    noCache: input.noCache,
    noGitignore: flags.noGitignore,
    version: input.cacheVersion,
    adjust: (config) => {
      if (flags.checkUrls) config.checkUrls = true;
      if (flags.allowPrivateUrls) config.allowPrivateUrls = true;
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
  if (setup.files.length === 0 && unreadableFolders.length === 0) return { nothing: true, locale: env.locale };

  // The answer cache: each root's settings fingerprint (an answer holds only under the settings it was made with).
  // Findings that depend on the network are neither kept nor taken from it.
  const configFile = input.configFile ? path.resolve(io.cwd, input.configFile) : undefined;
  const fingerprints = new Map<string, string>();
  if (answers) {
    answers.store = !config.checkUrls;
    answers.signatures = answers.signatures.over(setup.lookRoots);
    for (const key of setup.roots.keys()) fingerprints.set(key, LintResults.key(await settingsFingerprint(key === '' ? undefined : key, { configFile })));
  }
  const settingsOf = (file: string) => fingerprints.get(setup.rootOf(file) ?? '') ?? '';
  const disk = new DiskWorkspace(setup.root, undefined, () => setup.lookRoots, answers ? { store: answers.results, signatures: answers.signatures } : undefined);
  const run: CheckRun = { env, envFor: setup.envFor, workspace: disk, analyzer: input.makeAnalyzer(config.checkTimeoutMs), cache: setup.cache, answers, settingsOf, checkedOnce: !fix && !config.checkUrls };
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
    reports.push(...unreadableFolders);
    if (answers && unreadableFolders.length === 0) {
      const roots: Record<string, RootRecord> = {};
      for (const [key, s] of setup.roots) roots[key] = { fingerprint: fingerprints.get(key)!, ignore: [...s.config.ignore] };
      answers.results.setRun({ problems, locale: env.locale, roots, rootOrder: [...setup.roots.keys()] });
    }

    // Each file is prepared as soon as it is read (its chunks go to the workers while other files are still read).
    const digests: (string | undefined)[] = new Array(setup.files.length);
    const prepared = await mapConcurrently(setup.files, async (file, i): Promise<PreparedFile | Answered> => {
      const known = answers && !config.checkUrls ? input.known?.get(file) : undefined;
      if (known) {
        digests[i] = known.digest;
        return { file, findings: known.findings, stamp: known.stamp, fromCache: true };
      }
      const read = await readRunDraft(file);
      digests[i] = read.draft?.digest;
      const cached = answers && !config.checkUrls ? answerFromCache(read, settingsOf(file), answers) : undefined;
      if (cached) return { file, ...cached, fromCache: true };
      return prepareDraftFile(file, run, read);
    });
    // A draft of the run links into another: its anchors as that draft's own check made them (with the anchor
    // settings of the draft that links), from its view or its cached answer; other files from the disk.
    const index = new Map(setup.files.map((file, i) => [file, i]));
    run.workspace = new RunWorkspace(disk, (p, settings) => {
      const i = index.get(p);
      if (i === undefined) return undefined;
      const key = anchorSettingsKey(settings);
      const item = prepared[i];
      if ('state' in item) return item.prepared?.view && anchorSettingsKey(item.prepared.view.anchorSettings) === key ? anchorsOfView(item.prepared.view) : undefined;
      const digest = digests[i];
      return answers && digest ? answers.results.anchorsOf(p, digest, key) : undefined;
    });
    const states = await mapConcurrently(prepared, async (item): Promise<FileState | Answered> => ('state' in item ? finishDraftFile(item, run) : item));
    const checked = states.filter((s): s is FileState => 'checker' in s);
    let urlResults: ReadonlyMap<string, UrlCheckResult> | undefined;
    if (config.checkUrls) {
      const { JsonFileUrlCache } = await import('../links/external');
      const { checkLinksOf } = await import('../services/link-check');
      const urlCache = await JsonFileUrlCache.open(path.join(cacheFolder(setup.root, io.cwd), 'url-cache.json'), { onWarning: (m) => io.stderr(`benchpress: ${m}\n`) });
      const progress = io.isTTY ? (done: number, total: number) => io.stderr(`\r${localize(MSG.checkingLinks(done, total), env.locale)}`) : undefined;
      urlResults = await checkLinksOf(checked.flatMap((s) => (s.result?.view ? [s.result.view] : [])), config, { cache: urlCache, onProgress: progress });
      if (progress) io.stderr('\r\x1b[K');
      await mapConcurrently(checked, (state) => recheckDraft(state, run, urlResults));
    }
    if (fix) {
      for (const state of checked) {
        if (state.missing) continue;
        fixed += await fixDraftFile(state, run, urlResults);
        if (state.fixSkipped) note((state.fixSkipped === 'changed' ? MSG.changedOnDisk : MSG.deletedBeforeFix)(displayPath(state.file, io.cwd)));
      }
    }
    for (const state of states) {
      if ('missing' in state && state.missing) {
        note(MSG.deletedDuringRun(displayPath(state.file, io.cwd)));
        continue;
      }
      if (state.fromCache) cached++;
      reports.push({ file: displayPath(state.file, io.cwd), path: state.file, findings: state.findings, stamp: state.stamp });
    }
  } finally {
    await run.analyzer.dispose();
    await run.cache.save();
    await answers?.results.save();
  }
  return { reports, locale: env.locale, fixed, cached };
}
