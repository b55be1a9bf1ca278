// `benchpress lint`: the editor's checks on files and folders, for CI and pre-commit hooks.
import { promises as fs } from 'node:fs';
import path from 'node:path';
import os from 'node:os';
import { createHash } from 'node:crypto';
import type { Finding } from '../base/types';
import { parseArgs } from './args';
import { UsageError } from '../base/errors';
import { collectFiles, displayPath } from '../node/files';
export { displayPath as displayPathOf } from '../node/files';
import { formatJson, formatSarif, formatText, countBySeverity, type FileReport } from './report';
import { LintCache } from './lint-cache';
import { CheckEnvironment, DocumentChecker } from '../engine/document-checker';
import type { ChunkAnalyzer } from '../engine/analyzer';
import { DiskWorkspace, findWorkspaceRoot } from '../node/fs-workspace';
import { loadTopicTable, loadWorkspaceSettings, type FileProblems, type WorkspaceSettings } from '../node/workspace-files';
import { isKnownRuleOrGroup } from '../rules/registry';
import { safeFixEdits } from '../engine/fix-all';
import { applyEdits } from '../markdown/edits';
import { flavorOf } from '../markdown/parse';
import { LineIndex } from '../base/text';
import { guardMessage } from '../rules/guards';
import { loadChunkData } from '../node/data-files';
import { pathToFileURL } from 'node:url';
import type { CheckResult } from '../engine/document-checker';
import type { BenchpressConfig } from '../config/config';
import { checkUrls, JsonFileUrlCache, type UrlCheckResult } from '../links/external';
import { externalLinks } from '../links/external/occurrences';
import { urlCheckOptions } from '../links/external/settings';

export interface CliIo {
  cwd: string;
  stdout(text: string): void;
  stderr(text: string): void;
  isTTY: boolean;
  env: NodeJS.ProcessEnv;
}

export const LINT_USAGE = `Usage: benchpress lint [--format text|json|sarif] [--config FILE] [--fix] [--rules ID[,ID…]]
                       [--check-urls] [--allow-private-urls] [--no-cache] PATH…`;

const MAX_FIX_PASSES = 4;

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

  const configFile = args.values.get('config');
  const run = await prepareRun(args.positionals, io, { configFile, only, noCache: args.switches.has('no-cache') || args.switches.has('fix'), version: cacheVersion });
  const { files, root, settings, config, env, workspace, cache } = run;
  if (args.switches.has('check-urls')) config.checkUrls = true;
  if (args.switches.has('allow-private-urls')) config.allowPrivateUrls = true;
  const data = run.data;

  const analyzer = makeAnalyzer(config.checkTimeoutMs);
  const reports: FileReport[] = [];
  let fixed = 0;
  let cached = 0;
  try {
    // Problems in .benchpress/ files come first, as findings on those files.
    for (const file of [...settings.problems, ...data.problems]) {
      if (file.problems.length > 0) reports.push({ file: displayPath(file.path, io.cwd), findings: problemFindings(file) });
    }
    const ctx: LintFileContext = { env, workspace, analyzer, cache, io };
    const states = await mapConcurrently(files, (file) => checkFile(file, ctx));
    let urlResults: ReadonlyMap<string, UrlCheckResult> | undefined;
    if (config.checkUrls) {
      urlResults = await checkExternalLinks(states, config, cacheFolder(root, io.cwd), io);
      await mapConcurrently(states, (state) => recheck(state, ctx, urlResults));
    }
    if (args.switches.has('fix')) {
      for (const state of states) fixed += await fixFile(state, ctx, urlResults);
    }
    for (const state of states) {
      if (state.fromCache) cached++;
      reports.push({ file: displayPath(state.file, io.cwd), findings: state.findings });
    }
  } finally {
    await analyzer.dispose();
    await cache.save();
  }

  if (format === 'json') io.stdout(formatJson(reports) + '\n');
  else if (format === 'sarif') io.stdout(formatSarif(reports, version) + '\n');
  else io.stdout(formatText(reports, { color: io.isTTY && !io.env.NO_COLOR, fixed, cached }) + '\n');
  const counts = countBySeverity(reports);
  return counts.error + counts.warning > 0 ? 1 : 0;
}

export interface RunSetup {
  files: string[];
  root: string | undefined;
  settings: WorkspaceSettings;
  config: BenchpressConfig;
  data: Awaited<ReturnType<typeof loadChunkData>>;
  env: CheckEnvironment;
  workspace: DiskWorkspace;
  cache: LintCache;
}

/** What every command over drafts needs: the files, the workspace root, its settings, templates and data. */
export async function prepareRun(paths: readonly string[], io: CliIo, options: { configFile?: string; only?: string[]; noCache?: boolean; version: string; topicsTable?: string }): Promise<RunSetup> {
  if (paths.length === 0) throw new UsageError('Give at least one file or folder.');
  const files = await collectFiles(paths, io.cwd);
  const root = findWorkspaceRoot(path.resolve(io.cwd, paths[0]));
  const configFile = options.configFile ? path.resolve(io.cwd, options.configFile) : undefined;
  if (configFile) {
    try {
      await fs.access(configFile);
    } catch {
      throw new UsageError(`Config file not found: ${options.configFile}`);
    }
  }
  const settings = await loadWorkspaceSettings(root, { configFile });
  if (options.topicsTable) {
    const table = await loadTopicTable(root, path.resolve(io.cwd, options.topicsTable)).catch((e: Error) => {
      throw new UsageError(e.message);
    });
    settings.topics = table.rows;
    settings.problems.push(...table.problems);
  }
  const config = { ...settings.config };
  const data = await loadChunkData(root);
  const env = new CheckEnvironment({ config, templates: settings.templates, data: data.data, locale: 'en', only: options.only, topics: settings.topics });
  const cache = await LintCache.open(options.noCache ? undefined : cacheFolder(root, io.cwd), options.version);
  return { files, root, settings, config, data, env, workspace: new DiskWorkspace(root), cache };
}

/** The workspace's `.benchpress/.cache/`, or a folder in the temp dir for files outside any workspace. */
function cacheFolder(root: string | undefined, cwd: string): string {
  if (root) return path.join(root, '.benchpress', '.cache');
  return path.join(os.tmpdir(), 'benchpress-cache', createHash('sha1').update(cwd).digest('hex').slice(0, 16));
}

export function problemFindings(file: FileProblems): Finding[] {
  const lines = new LineIndex(file.text ?? '');
  return file.problems.map((p) => ({ ruleId: 'config/invalid', severity: p.severity, message: p.message, range: lines.rangeOf(p.start, p.end) }));
}

export interface LintFileContext {
  env: CheckEnvironment;
  workspace: DiskWorkspace;
  analyzer: ChunkAnalyzer;
  cache: LintCache;
  io: CliIo;
}

/** One file through the run: its checker (with its chunk cache), its text and its current findings. */
export interface FileState {
  file: string;
  checker: DocumentChecker;
  text: string;
  bom: boolean;
  invalidAtLine?: number;
  result?: CheckResult;
  findings: Finding[];
  fromCache: boolean;
}

export async function mapConcurrently<T, R>(items: readonly T[], fn: (item: T) => Promise<R>, limit = 32): Promise<R[]> {
  const results = new Array<R>(items.length);
  let next = 0;
  const worker = async () => {
    for (let i = next++; i < items.length; i = next++) results[i] = await fn(items[i]);
  };
  await Promise.all(Array.from({ length: Math.min(limit, Math.max(1, items.length)) }, worker));
  return results;
}

const UTF8 = new TextDecoder('utf-8', { fatal: true, ignoreBOM: true });
const UTF8_LENIENT = new TextDecoder('utf-8', { fatal: false, ignoreBOM: true });

/** Decodes a file; invalid UTF-8 is decoded with replacement characters and reported with its line. */
function decode(bytes: Buffer): { text: string; invalidAtLine?: number } {
  try {
    return { text: UTF8.decode(bytes) };
  } catch {
    const text = UTF8_LENIENT.decode(bytes);
    const at = text.indexOf('\uFFFD');
    return { text, invalidAtLine: at === -1 ? 1 : text.slice(0, at).split('\n').length };
  }
}

const uriOf = (file: string) => pathToFileURL(file).href;

export async function checkFile(file: string, ctx: LintFileContext): Promise<FileState> {
  const checker = new DocumentChecker(ctx.analyzer);
  let bytes: Buffer;
  try {
    bytes = await fs.readFile(file);
  } catch (error) {
    return { file, checker, text: '', bom: false, fromCache: false, findings: [{ ruleId: 'guard/check-failed', severity: 'error', message: `Cannot read the file: ${(error as Error).message}`, range: zeroRange() }] };
  }
  const decoded = decode(bytes);
  const bom = decoded.text.startsWith('\uFEFF');
  const text = bom ? decoded.text.slice(1) : decoded.text;
  const flavor = flavorOf(file);
  const hash = LintCache.hash(ctx.env.context.key + flavor, text);
  const hit = ctx.cache.lookup(file, hash, text);
  if (hit) checker.seed(ctx.env, flavor, hit);
  const result = await checker.check({ uri: uriOf(file), path: file, text }, ctx.env, ctx.workspace);
  ctx.cache.store(file, hash, checker.lastLayout);
  const state: FileState = { file, checker, text, bom, invalidAtLine: decoded.invalidAtLine, result, findings: [], fromCache: !!hit && result.stats.analysed === 0 };
  state.findings = withEncodingFinding(state, result.findings);
  return state;
}

function withEncodingFinding(state: FileState, findings: Finding[]): Finding[] {
  // Binary data is reported as such (guard/binary); its encoding is beside the point.
  if (state.invalidAtLine === undefined || state.text.includes('\u0000')) return findings;
  const line = state.invalidAtLine - 1;
  return [{ ruleId: 'guard/invalid-utf8', severity: 'warning', message: guardMessage('invalid-utf8', 'en', { line: state.invalidAtLine }), range: { start: { line, character: 0 }, end: { line, character: 0 } } }, ...findings];
}

async function recheck(state: FileState, ctx: LintFileContext, urlResults?: ReadonlyMap<string, UrlCheckResult>): Promise<void> {
  if (!state.result) return;
  state.result = await state.checker.check({ uri: uriOf(state.file), path: state.file, text: state.text, urlResults }, ctx.env, ctx.workspace);
  state.findings = withEncodingFinding(state, state.result.findings);
}

/** Applies safe fixes until none is left (a fix can enable another, e.g. a new section and the contents list). */
async function fixFile(state: FileState, ctx: LintFileContext, urlResults?: ReadonlyMap<string, UrlCheckResult>): Promise<number> {
  // Never rewrite a file whose bytes could not be decoded: that would destroy them.
  if (!state.result || state.invalidAtLine !== undefined) return 0;
  const original = state.text;
  let fixed = 0;
  for (let pass = 0; pass < MAX_FIX_PASSES; pass++) {
    const edits = safeFixEdits(state.result.findings);
    if (edits.length === 0) break;
    const applied = applyEdits(state.text, edits);
    if (applied.text === state.text) break;
    state.text = applied.text;
    fixed += applied.applied;
    await recheck(state, ctx, urlResults);
  }
  if (state.text !== original) await writeAtomically(state.file, (state.bom ? '\uFEFF' : '') + state.text);
  return fixed;
}

/** Checks every distinct external URL of the run once, with progress on a terminal. */
async function checkExternalLinks(states: FileState[], config: BenchpressConfig, cacheDir: string, io: CliIo): Promise<ReadonlyMap<string, UrlCheckResult>> {
  const urls = new Set<string>();
  for (const state of states) if (state.result?.view) for (const link of externalLinks(state.result.view)) urls.add(link.url);
  if (urls.size === 0) return new Map();
  const urlCache = await JsonFileUrlCache.open(path.join(cacheDir, 'url-cache.json'), { onWarning: (m) => io.stderr(`benchpress: ${m}\n`) });
  const progress = io.isTTY ? (done: number, total: number) => io.stderr(`\rChecking links… ${done}/${total}`) : undefined;
  const results = await checkUrls(urls, urlCheckOptions(config), { cache: urlCache, onProgress: progress });
  if (progress) io.stderr('\r\x1b[K');
  return results;
}

/** Writes through a temporary file and a rename, keeping the file's mode, so a crash never leaves half a draft. */
async function writeAtomically(file: string, text: string): Promise<void> {
  const stat = await fs.stat(file);
  const temp = path.join(path.dirname(file), `.${path.basename(file)}.benchpress-${process.pid}.tmp`);
  await fs.writeFile(temp, text, { mode: stat.mode });
  await fs.rename(temp, file);
}

const zeroRange = () => ({ start: { line: 0, character: 0 }, end: { line: 0, character: 0 } });
