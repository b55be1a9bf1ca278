// `npm run bench`: Benchpress against its peers on the same files, in one run, and the editor's edit latency.
//
//   node bench/run.mjs [--reps 3] [--edits 50] [--seed 42] [--only throughput|lsp] [--profile] [--keep]
//
// 1. Throughput. A temp workspace (with `.benchpress/`, so it is a Benchpress root and holds its cache) gets a
//    copy of ../shared/corpus/zh and /en and the generated 5,000-line review draft. On exactly those files:
//      Benchpress    `node dist/cli.js lint --format json --no-cache zh en draft`  cold, whole process
//                    the same without --no-cache: the first run writes the cache, later runs are "warm"
//      rumdl         native binary, `check --no-config --output-format json`, cold (--no-cache) and warm
//                    (--cache-dir in the temp folder, primed once)
//      markdownlint  default rules, as a process (bench/peers.mjs: node start + read + lint) and in-process
//      remark-lint   remark-parse + remark-gfm + remark-preset-lint-recommended, process and in-process
//    Each measurement is repeated (--reps, default 3) in rotating order and the median is kept; CPU time
//    (user+sys, from /usr/bin/time where available) is shown too, because wall time on a busy machine is noisy.
// 2. Edit latency. `node dist/server.js --stdio` with diagnosticsDelayMs 0, the draft opened, then --edits
//    single-character incremental edits (insert/delete alternately, at seeded positions in prose in the middle
//    of the draft); each is timed from sending didChange to publishDiagnostics for that version. Next to it:
//    one full micromark + GFM parse of the draft in this process (median of runs before and after the edits).
//    The final text is then opened as a new document, and its from-scratch diagnostics are compared with the
//    incrementally maintained ones.
// Report on stdout; the same figures in bench/results/latest.json. Exits 0 even when a goal is missed.
// --budget S (default 285): throughput rounds stop early (never before the first) when the next round would push
// the whole run past S seconds on a slow or busy machine; the report says so. --profile adds CPU profiles of one
// cold CLI run and of the language server during edits (top self time by function and module, mapped through
// the bundles' source maps; see bench/profile-summary.mjs). --keep keeps the temp folders.
import { spawn, spawnSync } from 'node:child_process';
import { promises as fs, existsSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { createRequire } from 'node:module';
import { generateDraft } from './generate-draft.mjs';
import { collectMarkdownFiles, readAll, runMarkdownlint, runRemarkLint } from './peers.mjs';
import { startLspServer, fileUri } from './lsp-client.mjs';
import { summarizeProfiles } from './profile-summary.mjs';

const here = path.dirname(fileURLToPath(import.meta.url));
const repo = path.resolve(here, '..');
const corpusRoot = path.resolve(repo, '../shared/corpus');
const require = createRequire(import.meta.url);

// Options ---------------------------------------------------------------------------------------------------
const argv = process.argv.slice(2);
const opt = (name, fallback) => {
  const i = argv.indexOf(`--${name}`);
  return i >= 0 && argv[i + 1] !== undefined ? argv[i + 1] : fallback;
};
const REPS = Math.max(1, Number(opt('reps', 3)));
const EDITS = Math.max(2, Number(opt('edits', 50)));
const SEED = Number(opt('seed', 42));
const ONLY = opt('only', '');
const PROFILE = argv.includes('--profile');
const KEEP = argv.includes('--keep');
/** Wall-clock budget of the whole run; throughput rounds stop early (at least one) when the next would overrun it. */
const BUDGET_S = Number(opt('budget', 285));
const LSP_RESERVE_S = 75;
const runStarted = performance.now();
const DRAFT_LINES = 5000;

// Small helpers -------------------------------------------------------------------------------------------
const median = (xs) => {
  const s = [...xs].sort((a, b) => a - b);
  const m = Math.floor(s.length / 2);
  return s.length % 2 ? s[m] : (s[m - 1] + s[m]) / 2;
};
/** Nearest-rank percentile. */
const percentile = (xs, p) => {
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.min(s.length - 1, Math.max(0, Math.ceil((p / 100) * s.length) - 1))];
};
const round = (x, d = 2) => (x === undefined || x === null || Number.isNaN(x) ? null : Number(x.toFixed(d)));
const loadavg = () => os.loadavg().map((x) => round(x, 2));
const log = (...a) => console.log(...a);
const progress = (msg) => process.stderr.write(`  · ${msg}\n`);
const pad = (s, n, right = false) => (right ? String(s).padStart(n) : String(s).padEnd(n));

const TIME_BIN = ['/usr/bin/time', '/bin/time'].find((p) => existsSync(p) && spawnSync(p, ['-f', '%e', 'true']).status === 0);

/** Runs a command to completion; wall time from spawn to exit, CPU (user+sys) and max RSS where /usr/bin/time exists. */
async function timeProcess(cmd, args, { cwd }) {
  const timeFile = TIME_BIN ? path.join(os.tmpdir(), `bench-time-${process.pid}-${Math.random().toString(36).slice(2)}`) : undefined;
  const [file, fileArgs] = TIME_BIN ? [TIME_BIN, ['-f', '%e %U %S %M', '-o', timeFile, cmd, ...args]] : [cmd, args];
  const started = performance.now();
  const child = spawn(file, fileArgs, { cwd, stdio: ['ignore', 'pipe', 'pipe'] });
  const out = [];
  const err = [];
  child.stdout.on('data', (d) => out.push(d));
  child.stderr.on('data', (d) => err.push(d));
  const code = await new Promise((resolve, reject) => {
    child.on('error', reject);
    child.on('close', (c) => resolve(c));
  });
  const wallMs = performance.now() - started;
  let cpuMs;
  let maxRssMB;
  if (timeFile) {
    try {
      const fields = (await fs.readFile(timeFile, 'utf8')).trim().split('\n').pop().split(' ').map(Number);
      cpuMs = (fields[1] + fields[2]) * 1000;
      maxRssMB = fields[3] / 1024;
      await fs.rm(timeFile, { force: true });
    } catch {
      /* no figures */
    }
  }
  return { code, wallMs, cpuMs, maxRssMB, stdout: Buffer.concat(out).toString('utf8'), stderr: Buffer.concat(err).toString('utf8') };
}

// Workspace -------------------------------------------------------------------------------------------------
async function makeWorkspace() {
  const tmp = await fs.mkdtemp(path.join(os.tmpdir(), 'benchpress-bench-'));
  const ws = path.join(tmp, 'ws');
  await fs.mkdir(path.join(ws, '.benchpress'), { recursive: true });
  await fs.cp(path.join(corpusRoot, 'zh'), path.join(ws, 'zh'), { recursive: true });
  await fs.cp(path.join(corpusRoot, 'en'), path.join(ws, 'en'), { recursive: true });
  await fs.mkdir(path.join(ws, 'draft'));
  const draft = generateDraft({ seed: SEED, lines: DRAFT_LINES });
  const draftPath = path.join(ws, 'draft', 'gpu-review-draft.md');
  await fs.writeFile(draftPath, draft);
  return { tmp, ws, draft, draftPath, parts: ['zh', 'en', 'draft'] };
}

// Throughput --------------------------------------------------------------------------------------------------
/**
 * rumdl is installed by the bench itself into the git-ignored .cache/bench-peers, not as a project dependency: its
 * npm package lists native binaries for every platform, most of which the registry does not have for its current
 * version, and that breaks `npm ci` for the whole project.
 */
const RUMDL_VERSION = '0.2.75';
function ensureRumdl() {
  const prefix = path.join(repo, '.cache', 'bench-peers');
  const wrapper = path.join(prefix, 'node_modules', '.bin', 'rumdl');
  if (!existsSync(wrapper)) {
    progress(`installing rumdl@${RUMDL_VERSION} into .cache/bench-peers`);
    const r = spawnSync('npm', ['install', '--no-save', '--no-audit', '--no-fund', '--prefix', prefix, `rumdl@${RUMDL_VERSION}`], { encoding: 'utf8' });
    if (r.status !== 0) throw new Error(`could not install rumdl: ${r.stderr.slice(-500)}`);
  }
  return prefix;
}

function rumdlBinary() {
  // The npm package `rumdl` is a node wrapper that spawns the native binary from @rumdl/cli-<platform>; time the
  // binary itself (the wrapper only adds a node start). Fall back to the wrapper.
  const prefix = ensureRumdl();
  const requireFromPeers = createRequire(path.join(prefix, 'node_modules', 'rumdl', 'package.json'));
  const candidates = [`@rumdl/cli-${process.platform}-${process.arch}/rumdl`, `@rumdl/cli-${process.platform}-${process.arch}-musl/rumdl`];
  for (const c of candidates) {
    try {
      return { bin: requireFromPeers.resolve(c), wrapper: false };
    } catch {
      /* next */
    }
  }
  return { bin: path.join(prefix, 'node_modules', '.bin', 'rumdl'), wrapper: true };
}

async function throughput(work, corpus) {
  const { ws, tmp, parts } = work;
  const node = process.execPath;
  const cli = path.join(repo, 'dist/cli.js');
  const rumdl = rumdlBinary();
  const rumdlCache = path.join(tmp, 'rumdl-cache');
  const bpCheck = (r) => {
    if (r.code !== 0 && r.code !== 1) return `exit ${r.code}: ${r.stderr.slice(0, 500)}`;
    const reports = JSON.parse(r.stdout);
    if (reports.length < corpus.files) return `reported ${reports.length} files, expected ${corpus.files}`;
    r.problems = reports.reduce((n, x) => n + x.diagnostics.length, 0);
    return undefined;
  };
  const rumdlCheck = (r) => {
    if (r.code !== 0 && r.code !== 1) return `exit ${r.code}: ${r.stderr.slice(0, 500)}`;
    r.problems = JSON.parse(r.stdout || '[]').length;
    return undefined;
  };
  const peerCheck = (r) => {
    if (r.code !== 0) return `exit ${r.code}: ${r.stderr.slice(0, 500)}`;
    const s = JSON.parse(r.stdout.trim().split('\n').pop());
    if (s.files !== corpus.files) return `linted ${s.files} files, expected ${corpus.files}`;
    r.problems = s.problems;
    return undefined;
  };

  const docs = await readAll(corpus.paths);
  // Load the libraries before timing (import cost is not lint cost); the process rows include it.
  await import('markdownlint/promise');
  await runRemarkLint([]);

  const commands = {
    'bp-cold': `node dist/cli.js lint --format json --no-cache ${parts.join(' ')}`,
    'bp-warm': `node dist/cli.js lint --format json ${parts.join(' ')}`,
    'bp-first': `node dist/cli.js lint --format json ${parts.join(' ')} (empty cache)`,
    'mdl-proc': `node bench/peers.mjs markdownlint ${parts.join(' ')}`,
    'mdl-lib': 'runMarkdownlint(docs) from bench/peers.mjs, files read beforehand',
    'remark-proc': `node bench/peers.mjs remark-lint ${parts.join(' ')}`,
    'remark-lib': 'runRemarkLint(docs) from bench/peers.mjs, files read beforehand',
    'rumdl-cold': `${path.relative(repo, rumdl.bin)} check --no-config --no-cache --output-format json ${parts.join(' ')}`,
    'rumdl-warm': `${path.relative(repo, rumdl.bin)} check --no-config --cache-dir <tmp>/rumdl-cache --output-format json ${parts.join(' ')}`,
  };
  const tools = [
    { id: 'bp-cold', tool: 'Benchpress', mode: 'cold (--no-cache), process', run: () => timeProcess(node, [cli, 'lint', '--format', 'json', '--no-cache', ...parts], { cwd: ws }), check: bpCheck },
    { id: 'bp-warm', tool: 'Benchpress', mode: 'warm (own cache), process', run: () => timeProcess(node, [cli, 'lint', '--format', 'json', ...parts], { cwd: ws }), check: bpCheck },
    { id: 'mdl-proc', tool: 'markdownlint', mode: 'default rules, process', run: () => timeProcess(node, [path.join(here, 'peers.mjs'), 'markdownlint', ...parts], { cwd: ws }), check: peerCheck },
    { id: 'mdl-lib', tool: 'markdownlint', mode: 'default rules, in-process', inProcess: () => runMarkdownlint(docs) },
    { id: 'remark-proc', tool: 'remark-lint', mode: 'recommended+gfm, process', run: () => timeProcess(node, [path.join(here, 'peers.mjs'), 'remark-lint', ...parts], { cwd: ws }), check: peerCheck },
    { id: 'remark-lib', tool: 'remark-lint', mode: 'recommended+gfm, in-process', inProcess: () => runRemarkLint(docs) },
    { id: 'rumdl-cold', tool: 'rumdl', mode: 'cold (--no-cache), native', run: () => timeProcess(rumdl.bin, ['check', '--no-config', '--no-cache', '--output-format', 'json', ...parts], { cwd: ws }), check: rumdlCheck },
    { id: 'rumdl-warm', tool: 'rumdl', mode: 'warm (--cache-dir), native', run: () => timeProcess(rumdl.bin, ['check', '--no-config', '--cache-dir', rumdlCache, '--output-format', 'json', ...parts], { cwd: ws }), check: rumdlCheck },
  ];
  const samples = new Map(tools.map((t) => [t.id, []]));
  const errors = [];

  const measure = async (t) => {
    if (t.inProcess) {
      const cpu0 = process.cpuUsage();
      const t0 = performance.now();
      const problems = await t.inProcess();
      const wallMs = performance.now() - t0;
      const cpu = process.cpuUsage(cpu0);
      return { wallMs, cpuMs: (cpu.user + cpu.system) / 1000, problems, load1: os.loadavg()[0] };
    }
    const r = await t.run();
    const problem = t.check(r);
    if (problem) {
      errors.push(`${t.tool} ${t.mode}: ${problem}`);
      return undefined;
    }
    return { wallMs: r.wallMs, cpuMs: r.cpuMs, maxRssMB: r.maxRssMB, problems: r.problems, load1: os.loadavg()[0] };
  };

  // Prime the caches: Benchpress's first cached run writes .benchpress/.cache (reported on its own), rumdl's too.
  progress('Benchpress first run with its cache (writes the cache)');
  const bpFirst = await measure({ ...tools[0], id: 'bp-first', mode: 'first run, writes cache', run: tools[1].run, check: bpCheck });
  progress('rumdl first run with its cache');
  await measure(tools[7]);
  // rumdl: how many files it looked at (its JSON output has no summary).
  const rumdlText = await timeProcess(rumdl.bin, ['check', '--no-config', '--no-cache', '--color', 'never', ...parts], { cwd: ws });
  const rumdlFiles = Number(/in \d+\/(\d+) files/.exec(rumdlText.stdout + rumdlText.stderr)?.[1]) || undefined;

  let roundsDone = 0;
  let budgetNote;
  for (let rep = 0; rep < REPS; rep++) {
    const roundStarted = performance.now();
    const order = tools.map((_, i) => tools[(i + rep * 3) % tools.length]);
    for (const t of order) {
      progress(`round ${rep + 1}/${REPS}: ${t.tool} — ${t.mode}`);
      const s = await measure(t);
      if (s) samples.get(t.id).push(s);
    }
    roundsDone++;
    const elapsedS = (performance.now() - runStarted) / 1000;
    const roundS = (performance.now() - roundStarted) / 1000;
    const reserve = ONLY === 'throughput' ? 0 : LSP_RESERVE_S;
    if (rep + 1 < REPS && elapsedS + roundS + reserve > BUDGET_S) {
      budgetNote = `stopped after ${roundsDone} of ${REPS} rounds: a round took ${roundS.toFixed(0)} s and the run's budget is ${BUDGET_S} s (--budget)`;
      progress(budgetNote);
      break;
    }
  }

  const mb = corpus.bytes / 1e6;
  const rows = tools.map((t) => {
    const ss = samples.get(t.id);
    if (ss.length === 0) return { id: t.id, tool: t.tool, mode: t.mode, failed: true };
    const wallMs = median(ss.map((s) => s.wallMs));
    const cpuMs = ss.every((s) => s.cpuMs !== undefined) ? median(ss.map((s) => s.cpuMs)) : undefined;
    return {
      id: t.id, tool: t.tool, mode: t.mode, files: t.id === 'rumdl-cold' || t.id === 'rumdl-warm' ? rumdlFiles ?? corpus.files : corpus.files, mb: round(mb, 3),
      seconds: round(wallMs / 1000, 3), mbPerS: round(mb / (wallMs / 1000), 3), cpuSeconds: cpuMs === undefined ? null : round(cpuMs / 1000, 3),
      mbPerCpuS: cpuMs === undefined ? null : round(mb / (cpuMs / 1000), 3),
      maxRssMB: ss[0].maxRssMB === undefined ? null : round(median(ss.map((s) => s.maxRssMB)), 0),
      problems: ss[ss.length - 1].problems, runs: ss.map((s) => round(s.wallMs / 1000, 3)), loadAtRuns: ss.map((s) => round(s.load1, 2)),
    };
  });
  const first = bpFirst && { id: 'bp-first', tool: 'Benchpress', mode: 'first run, writes cache (1 run)', files: corpus.files, mb: round(mb, 3), seconds: round(bpFirst.wallMs / 1000, 3), mbPerS: round(mb / (bpFirst.wallMs / 1000), 3), cpuSeconds: bpFirst.cpuMs === undefined ? null : round(bpFirst.cpuMs / 1000, 3), mbPerCpuS: bpFirst.cpuMs === undefined ? null : round(mb / (bpFirst.cpuMs / 1000), 3), maxRssMB: bpFirst.maxRssMB === undefined ? null : round(bpFirst.maxRssMB, 0), problems: bpFirst.problems, runs: [round(bpFirst.wallMs / 1000, 3)] };
  if (first) rows.splice(2, 0, first);
  const byId = Object.fromEntries(rows.map((r) => [r.id, r]));
  for (const r of rows) {
    r.command = commands[r.id];
    if (r.failed) continue;
    r.bpColdRatio = byId['bp-cold']?.mbPerS ? round(byId['bp-cold'].mbPerS / r.mbPerS, 2) : null;
    r.bpWarmRatio = byId['bp-warm']?.mbPerS ? round(byId['bp-warm'].mbPerS / r.mbPerS, 2) : null;
    r.bpColdCpuRatio = byId['bp-cold']?.mbPerCpuS && r.mbPerCpuS ? round(byId['bp-cold'].mbPerCpuS / r.mbPerCpuS, 2) : null;
  }
  return { rows, errors, rounds: roundsDone, budgetNote, rumdl: { binary: path.relative(repo, rumdl.bin), wrapper: rumdl.wrapper, filesChecked: rumdlFiles } };
}

function printThroughput(t, corpus) {
  log(`\nThroughput — ${corpus.files} files, ${(corpus.bytes / 1e6).toFixed(3)} MB (1 MB = 10^6 bytes of UTF-8): ${corpus.describe}`);
  log(`median of ${t.rounds} run(s) each, rotating order; "BP cold ÷" = Benchpress cold MB/s divided by the row's MB/s (>1: Benchpress faster)`);
  if (t.budgetNote) log(`note: ${t.budgetNote}`);
  log('');
  const head = [pad('tool', 13), pad('mode', 31), pad('files', 5, true), pad('MB', 6, true), pad('seconds', 8, true), pad('MB/s', 7, true), pad('CPU s', 7, true), pad('MB/CPU-s', 8, true), pad('RSS MB', 6, true), pad('BP cold ÷', 9, true), pad('BP warm ÷', 9, true), pad('CPU ÷', 6, true), '  runs (s)'].join(' ');
  log(head);
  log('-'.repeat(head.length));
  for (const r of t.rows) {
    if (r.failed) {
      log(`${pad(r.tool, 13)} ${pad(r.mode, 31)} FAILED`);
      continue;
    }
    const f = (x, d = 2) => (x === null || x === undefined ? '—' : x.toFixed(d));
    log([pad(r.tool, 13), pad(r.mode, 31), pad(r.files, 5, true), pad(f(r.mb, 2), 6, true), pad(f(r.seconds, 2), 8, true), pad(f(r.mbPerS, 2), 7, true), pad(f(r.cpuSeconds, 2), 7, true), pad(f(r.mbPerCpuS, 2), 8, true), pad(r.maxRssMB ?? '—', 6, true),
      pad(`×${f(r.bpColdRatio)}`, 9, true), pad(`×${f(r.bpWarmRatio)}`, 9, true), pad(r.bpColdCpuRatio === null ? '—' : `×${f(r.bpColdCpuRatio)}`, 6, true), `  ${r.runs.map((x) => x.toFixed(2)).join(' ')}`].join(' '));
  }
  log('\n"CPU ÷" = Benchpress cold MB per CPU-second divided by the row\'s (less sensitive to other load than wall time).');
  log('Problems reported (last run): ' + t.rows.filter((r) => !r.failed).map((r) => `${r.tool} ${r.id.endsWith('lib') ? 'lib' : r.id.split('-').pop()}: ${r.problems}`).join(', '));
  if (t.rumdl.filesChecked !== undefined && t.rumdl.filesChecked !== corpus.files) log(`note: rumdl says it checked ${t.rumdl.filesChecked} files (the others: ${corpus.files}).`);
  if (t.rumdl.wrapper) log('note: rumdl timed through its npm node wrapper (native binary not found).');
  for (const e of t.errors) log(`ERROR: ${e}`);
}

// Edit latency ------------------------------------------------------------------------------------------------
async function micromarkTimer(text) {
  const { micromark, parse, preprocess, postprocess } = await import('micromark');
  const { gfm } = await import('micromark-extension-gfm');
  const { fromMarkdown } = await import('mdast-util-from-markdown');
  const { gfmFromMarkdown } = await import('mdast-util-gfm');
  const time = (f) => {
    const t0 = performance.now();
    f();
    return performance.now() - t0;
  };
  return {
    /** micromark(text, { extensions: [gfm()] }): parse + compile to HTML, the reference of the goal. */
    html: () => time(() => micromark(text, { extensions: [gfm()] })),
    /** The parse alone (events, no HTML). */
    events: () => time(() => postprocess(parse({ extensions: [gfm()] }).document().write(preprocess()(text, undefined, true)))),
    /** What remark-parse + remark-gfm do: micromark events to an mdast tree. */
    mdast: () => time(() => fromMarkdown(text, { extensions: [gfm()], mdastExtensions: [gfmFromMarkdown()] })),
  };
}

/** Seeded single-character edits in prose lines of the middle half of the document. */
function editPlanner(seed) {
  let a = seed >>> 0;
  const rand = () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
  const PLAIN = /[\u4e00-\u9fffA-Za-z]/;
  const isProse = (line, inFence) => !inFence && line.length > 20 && !/^\s*([#|>`~\-*+[]|\d+\.)/.test(line);
  return {
    next(lines, i) {
      let inFence = false;
      const prose = [];
      for (let n = 0; n < lines.length; n++) {
        if (/^\s*(```|~~~)/.test(lines[n])) inFence = !inFence;
        else if (n >= lines.length / 4 && n < (lines.length * 3) / 4 && isProse(lines[n], inFence)) prose.push(n);
      }
      for (;;) {
        const line = prose[Math.floor(rand() * prose.length)];
        const text = lines[line];
        const ch = Math.floor(rand() * text.length);
        if (i % 2 === 0) {
          // Insert a plain character before a plain character (never inside markup).
          if (!PLAIN.test(text[ch])) continue;
          const c = rand() < 0.5 ? '的' : 'e';
          lines[line] = text.slice(0, ch) + c + text.slice(ch);
          return { kind: 'insert', line, change: { range: { start: { line, character: ch }, end: { line, character: ch } }, text: c } };
        }
        if (!PLAIN.test(text[ch]) || !PLAIN.test(text[ch - 1] ?? '') || !PLAIN.test(text[ch + 1] ?? '')) continue;
        lines[line] = text.slice(0, ch) + text.slice(ch + 1);
        return { kind: 'delete', line, change: { range: { start: { line, character: ch }, end: { line, character: ch + 1 } }, text: '' } };
      }
    },
  };
}

const diagKey = (d) => `${d.range.start.line}:${d.range.start.character}-${d.range.end.line}:${d.range.end.character} ${d.code} ${d.severity} ${d.message}`;

/** One LSP session on the draft: open, `edits` timed single-character edits, then the from-scratch comparison. */
async function lspSession(draft, { edits, nodeArgs = [] }) {
  const tmp = await fs.mkdtemp(path.join(os.tmpdir(), 'benchpress-lsp-'));
  await fs.mkdir(path.join(tmp, '.benchpress'));
  const draftPath = path.join(tmp, 'gpu-review-draft.md');
  await fs.writeFile(draftPath, draft);
  const server = await startLspServer([process.execPath, ...nodeArgs, path.join(repo, 'dist/server.js'), '--stdio'], {
    cwd: tmp, rootPath: tmp, settings: { benchpress: { diagnosticsDelayMs: 0 } },
  });
  const uri = fileUri(draftPath);
  const result = { edits: [], firstDiagnosticsMs: null };
  try {
    const opened = await server.open(uri, draft, 120000);
    result.firstDiagnosticsMs = round(opened.ms, 1);
    result.firstDiagnosticsCount = opened.diagnostics.length;
    // Let the settings reload (workspace/configuration → re-check of version 1) settle before timing edits.
    const quiet = async (ms) => {
      for (;;) {
        const last = server.lastDiagnostics.get(uri)?.at ?? 0;
        const wait = last + ms - performance.now();
        if (wait <= 0) return;
        await new Promise((r) => setTimeout(r, wait));
      }
    };
    await quiet(500);

    const lines = draft.split('\n');
    const planner = editPlanner(SEED + 1);
    let last;
    const monotonicUs = () => Number(process.hrtime.bigint() / 1000n);
    result.editWindowUs = [monotonicUs()];
    for (let i = 0; i < edits; i++) {
      const version = i + 2;
      const edit = planner.next(lines, i);
      const r = await server.change(uri, version, [edit.change], 60000);
      result.edits.push({ version, kind: edit.kind, line: edit.line + 1, ms: round(r.ms, 2), diagnostics: r.diagnostics.length });
      last = r;
    }
    result.editWindowUs.push(monotonicUs());

    // Are the incrementally maintained diagnostics those of a check from scratch? Open the final text as a new
    // document (a new checker, nothing cached) and compare; its time is a full check of the draft over LSP.
    const finalText = lines.join('\n');
    const freshPath = path.join(tmp, 'gpu-review-draft-fresh.md');
    await fs.writeFile(freshPath, finalText);
    const fresh = await server.open(fileUri(freshPath), finalText, 120000);
    const a = new Set(last.diagnostics.map(diagKey));
    const b = new Set(fresh.diagnostics.map(diagKey));
    result.fullCheckOverLspMs = round(fresh.ms, 1);
    result.consistency = {
      incremental: a.size,
      fromScratch: b.size,
      onlyIncremental: [...a].filter((k) => !b.has(k)).slice(0, 10),
      onlyFromScratch: [...b].filter((k) => !a.has(k)).slice(0, 10),
    };
    result.consistency.equal = result.consistency.onlyIncremental.length === 0 && result.consistency.onlyFromScratch.length === 0;
  } finally {
    const stderr = server.stderr.join('');
    await server.stop();
    if (stderr.trim()) result.serverStderr = stderr.slice(-2000);
    if (!KEEP) await fs.rm(tmp, { recursive: true, force: true });
  }
  const ms = result.edits.map((e) => e.ms);
  result.medianMs = round(median(ms), 2);
  result.p95Ms = round(percentile(ms, 95), 2);
  result.maxMs = round(Math.max(...ms), 2);
  result.minMs = round(Math.min(...ms), 2);
  return result;
}

async function editLatency(draft) {
  const timer = await micromarkTimer(draft);
  progress('micromark parses of the draft (before the edits)');
  timer.html(); // warm-up, not counted
  const htmlRuns = [];
  const eventRuns = [];
  const mdastRuns = [];
  for (let i = 0; i < 3; i++) htmlRuns.push(timer.html());
  eventRuns.push(timer.events());
  mdastRuns.push(timer.mdast());

  progress(`language server: open the draft, ${EDITS} single-character edits`);
  const result = await lspSession(draft, { edits: EDITS });

  progress('micromark parses of the draft (after the edits)');
  for (let i = 0; i < 3; i++) htmlRuns.push(timer.html());
  eventRuns.push(timer.events());

  result.micromark = {
    htmlMedianMs: round(median(htmlRuns), 1), htmlRuns: htmlRuns.map((x) => round(x, 1)),
    eventsMedianMs: round(median(eventRuns), 1), mdastMedianMs: round(median(mdastRuns), 1),
  };
  result.p95OverParse = round(result.p95Ms / result.micromark.htmlMedianMs, 3);
  result.p95OverEventsParse = round(result.p95Ms / result.micromark.eventsMedianMs, 3);
  return result;
}

/** A separate, profiled LSP session (profiling slows the server, so it never feeds the reported latencies). */
async function profileServer(draft) {
  const dir = await fs.mkdtemp(path.join(os.tmpdir(), 'benchpress-server-prof-'));
  progress('language server under --cpu-prof: open + 30 edits');
  const session = await lspSession(draft, { edits: 30, nodeArgs: ['--cpu-prof', '--cpu-prof-dir', dir] });
  // Only the samples taken while the edits were checked (not the open, not start-up).
  const files = (await fs.readdir(dir)).filter((f) => f.endsWith('.cpuprofile')).map((f) => path.join(dir, f));
  const summary = summarizeProfiles(files, { top: 20, map: path.join(repo, 'dist/server.js.map'), window: session.editWindowUs });
  if (!KEEP) await fs.rm(dir, { recursive: true, force: true });
  return { medianMs: session.medianMs, p95Ms: session.p95Ms, firstDiagnosticsMs: session.firstDiagnosticsMs, ...summary };
}

function printLatency(l, draftInfo) {
  log(`\nEdit → fresh diagnostics over LSP — ${draftInfo}`);
  log(`server: node dist/server.js --stdio, diagnosticsDelayMs 0; ${l.edits.length} single-character incremental edits (insert/delete alternately, prose in the middle half)\n`);
  log(`  open → first diagnostics          ${l.firstDiagnosticsMs.toFixed(1)} ms (${l.firstDiagnosticsCount} diagnostics; includes worker warm-up)`);
  log(`  edit → diagnostics, median         ${l.medianMs.toFixed(1)} ms`);
  log(`  edit → diagnostics, p95            ${l.p95Ms.toFixed(1)} ms   (min ${l.minMs.toFixed(1)}, max ${l.maxMs.toFixed(1)})`);
  log(`  all edits (ms): ${l.edits.map((e) => e.ms.toFixed(0)).join(' ')}`);
  log(`  full check of the final text as a new document: ${l.fullCheckOverLspMs?.toFixed(1)} ms`);
  log(`  one full micromark+gfm parse (micromark(text, {extensions:[gfm()]})), median of ${l.micromark.htmlRuns.length}: ${l.micromark.htmlMedianMs.toFixed(1)} ms   (runs ${l.micromark.htmlRuns.join(' ')})`);
  log(`      events only (no HTML): ${l.micromark.eventsMedianMs.toFixed(1)} ms; to mdast (fromMarkdown+gfm, what remark does): ${l.micromark.mdastMedianMs.toFixed(1)} ms`);
  log(`  p95 ÷ parse = ${l.p95OverParse.toFixed(3)} (÷ events-only parse: ${l.p95OverEventsParse.toFixed(3)})`);
  const c = l.consistency;
  if (c) {
    log(`  incremental vs from-scratch diagnostics of the final text: ${c.equal ? 'identical' : 'DIFFERENT'} (${c.incremental} vs ${c.fromScratch})`);
    for (const k of c.onlyIncremental) log(`    only incremental: ${k}`);
    for (const k of c.onlyFromScratch) log(`    only from scratch: ${k}`);
  }
  if (l.serverStderr) log(`  server stderr (tail): ${l.serverStderr.trim().split('\n').slice(-5).join(' | ')}`);
}

// Profiling (optional) ------------------------------------------------------------------------------------------
async function profileBenchpress(work) {
  const dir = path.join(work.tmp, 'cpu-prof');
  await fs.mkdir(dir);
  progress('Benchpress cold run under --cpu-prof');
  const r = await timeProcess(process.execPath, ['--cpu-prof', '--cpu-prof-dir', dir, path.join(repo, 'dist/cli.js'), 'lint', '--format', 'json', '--no-cache', ...work.parts], { cwd: work.ws });
  const files = (await fs.readdir(dir)).filter((f) => f.endsWith('.cpuprofile')).map((f) => path.join(dir, f));
  return { wallS: round(r.wallMs / 1000, 2), ...summarizeProfiles(files, { top: 20, map: path.join(repo, 'dist/cli.js.map') }) };
}

function printProfile(p, title) {
  log(`\n${title} (${p.threads.length} threads, samples merged: ${p.totalMs.toFixed(0)} ms sampled, ${p.idleMs.toFixed(0)} ms idle)`);
  for (const th of p.threads) log(`  thread ${th.name}: ${th.totalMs.toFixed(0)} ms sampled, ${th.idleMs.toFixed(0)} ms idle, ${th.gcMs.toFixed(0)} ms GC`);
  log('  top self time (busy samples):');
  for (const f of p.self) log(`    ${f.ms.toFixed(0).padStart(6)} ms ${f.pct.toFixed(1).padStart(5)}%  ${f.name}`);
  log("  self time by source module (busy samples):");
  for (const f of p.modules) log(`    ${f.ms.toFixed(0).padStart(6)} ms ${f.pct.toFixed(1).padStart(5)}%  ${f.name}`);
  log("  inclusive time of Benchpress's own functions (busy samples, each function once per sample):");
  for (const f of p.ownInclusive.slice(0, 15)) log(`    ${f.ms.toFixed(0).padStart(6)} ms ${f.pct.toFixed(1).padStart(5)}%  ${f.name}`);
}

// Main ------------------------------------------------------------------------------------------------------------
async function main() {
  const started = performance.now();
  for (const f of ['dist/cli.js', 'dist/server.js']) if (!existsSync(path.join(repo, f))) throw new Error(`${f} is missing: run "npm run build" first`);
  const loadBefore = loadavg();
  log(`Benchpress benchmark — ${new Date().toISOString()}`);
  log(`node ${process.version}, ${os.cpus().length} × ${os.cpus()[0]?.model ?? 'cpu'}, ${(os.totalmem() / 2 ** 30).toFixed(1)} GiB; load average before: ${loadBefore.join(' ')}`);
  if (loadBefore[0] > os.cpus().length) log(`note: the machine is busy (1-min load ${loadBefore[0]} on ${os.cpus().length} cores); wall times are inflated, CPU-second columns less so.`);

  const work = await makeWorkspace();
  const paths = await collectMarkdownFiles(work.parts.map((p) => path.join(work.ws, p)));
  const sizes = await Promise.all(paths.map(async (p) => (await fs.stat(p)).size));
  const partOf = (p) => path.relative(work.ws, p).split(path.sep)[0];
  const byPart = Object.fromEntries(work.parts.map((part) => [part, { files: 0, bytes: 0 }]));
  paths.forEach((p, i) => { byPart[partOf(p)].files++; byPart[partOf(p)].bytes += sizes[i]; });
  const corpus = {
    paths, files: paths.length, bytes: sizes.reduce((a, b) => a + b, 0), byPart,
    describe: work.parts.map((p) => `${p} ${byPart[p].files} files ${(byPart[p].bytes / 1e6).toFixed(2)} MB`).join(', '),
  };
  const draftBytes = Buffer.byteLength(work.draft);
  const draftInfo = `draft: ${DRAFT_LINES} lines, ${(draftBytes / 1e6).toFixed(3)} MB, seed ${SEED} (bench/generate-draft.mjs)`;
  log(`corpus: ${corpus.describe}; ${draftInfo}`);

  const results = {
    date: new Date().toISOString(), node: process.version, cpus: os.cpus().length, cpuModel: os.cpus()[0]?.model, reps: REPS,
    load: { before: loadBefore }, corpus: { files: corpus.files, bytes: corpus.bytes, parts: byPart }, draft: { lines: DRAFT_LINES, bytes: draftBytes, seed: SEED },
    goals: [],
  };
  try {
    if (ONLY !== 'lsp') {
      progress('throughput');
      results.throughput = await throughput(work, corpus);
      results.load.afterThroughput = loadavg();
      printThroughput(results.throughput, corpus);
      const rows = Object.fromEntries(results.throughput.rows.map((r) => [r.id, r]));
      const bp = rows['bp-cold'];
      for (const [id, label] of [['mdl-proc', 'markdownlint as a process'], ['mdl-lib', 'markdownlint in-process']]) {
        const peer = rows[id];
        if (!bp?.mbPerS || !peer?.mbPerS) continue;
        results.goals.push({
          goal: `Benchpress full check (cold, --no-cache) at least as fast as ${label}`, primary: id === 'mdl-proc',
          value: `${bp.mbPerS.toFixed(2)} vs ${peer.mbPerS.toFixed(2)} MB/s (×${(bp.mbPerS / peer.mbPerS).toFixed(2)}; per CPU-second ×${peer.bpColdCpuRatio ?? '—'})`,
          met: bp.mbPerS >= peer.mbPerS,
          ...(peer.bpColdCpuRatio !== null && (bp.mbPerS >= peer.mbPerS) !== (peer.bpColdCpuRatio >= 1)
            ? { note: 'wall-time and CPU-time ratios disagree: a noisy run; rerun (more --reps) on a quieter machine' } : {}),
        });
      }
      if (rows['bp-warm']?.mbPerS && rows['mdl-proc']?.mbPerS) {
        results.goals.push({ goal: 'Benchpress re-run (warm cache) at least as fast as markdownlint as a process (informative)', value: `${rows['bp-warm'].mbPerS.toFixed(2)} vs ${rows['mdl-proc'].mbPerS.toFixed(2)} MB/s`, met: rows['bp-warm'].mbPerS >= rows['mdl-proc'].mbPerS });
      }
    }
    if (PROFILE && ONLY !== 'lsp') {
      results.profile = await profileBenchpress(work);
      printProfile(results.profile, `CPU profile of one Benchpress cold CLI run, ${results.profile.wallS} s wall`);
    }
    if (ONLY !== 'throughput') {
      progress('edit latency');
      results.lsp = await editLatency(work.draft);
      printLatency(results.lsp, draftInfo);
      results.goals.push({
        goal: 'edit → fresh diagnostics p95 ≤ half of one full micromark parse of the draft', primary: true,
        value: `p95 ${results.lsp.p95Ms.toFixed(1)} ms vs parse ${results.lsp.micromark.htmlMedianMs.toFixed(1)} ms (ratio ${results.lsp.p95OverParse.toFixed(3)}, goal ≤ 0.5)`,
        met: results.lsp.p95OverParse <= 0.5,
      });
      if (PROFILE) {
        results.serverProfile = await profileServer(work.draft);
        printProfile(results.serverProfile, `CPU profile of the language server during 30 edits only (profiled run: median ${results.serverProfile.medianMs} ms, p95 ${results.serverProfile.p95Ms} ms)`);
      }
      if (results.lsp.consistency) results.goals.push({ goal: 'incremental diagnostics equal a from-scratch check (correctness)', value: results.lsp.consistency.equal ? 'identical' : 'different', met: results.lsp.consistency.equal });
    }
  } finally {
    if (!KEEP) await fs.rm(work.tmp, { recursive: true, force: true });
    else log(`\n(kept ${work.tmp})`);
  }

  results.load.after = loadavg();
  results.totalSeconds = round((performance.now() - started) / 1000, 1);
  log('\nGoals');
  for (const g of results.goals) log(`  ${g.met ? 'goal met   ' : 'goal missed'}  ${g.goal}: ${g.value}${g.note ? `\n               note: ${g.note}` : ''}`);
  log(`\nload average before: ${results.load.before.join(' ')}${results.load.afterThroughput ? `; after throughput: ${results.load.afterThroughput.join(' ')}` : ''}; after: ${results.load.after.join(' ')} (${os.cpus().length} cores)`);
  log(`total time ${results.totalSeconds} s`);
  const out = path.join(here, 'results', 'latest.json');
  await fs.mkdir(path.dirname(out), { recursive: true });
  await fs.writeFile(out, JSON.stringify(results, null, 2) + '\n');
  log(`figures: ${path.relative(process.cwd(), out) || out}`);
}

main().catch((error) => {
  console.error(error?.stack ?? String(error));
  process.exitCode = 1;
});
