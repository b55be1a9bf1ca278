// `npm run bench`: Benchpress against markdownlint-cli2 and rumdl on the same files in one run, through the built
// artefacts (dist/cli.js, dist/server.js --stdio), with the figures as ratios; plus memory, scale cases, the
// editor's edit path and the language server's memory over many edits.
//
//   node bench/run.mjs [--quick] [--reps N] [--only SECTION,…] [--peers core|all] [--edits N]
//                      [--server-drafts N] [--server-open N] [--server-edits N] [--scale-reps N]
//                      [--mkdocs-pages N] [--seed 42] [--budget S] [--unguarded|--no-unguarded]
//                      [--profile] [--no-profile] [--keep]
//
// Sections (--only takes a comma list of these names):
//   throughput  The bench corpus — copies of ../shared/corpus/zh and /en, a generated MkDocs-style English docs
//               site (bench/generate-mkdocs.mjs) and the generated 5,000-line draft (bench/generate-draft.mjs) —
//               in a temp workspace with `.benchpress/`. Per round, three phases, each in rotating order:
//                 cold     `node dist/cli.js lint --format json --no-cache zh en mkdocs draft`
//                          `node node_modules/markdownlint-cli2/markdownlint-cli2-bin.mjs --config <tmp>/bench.markdownlint-cli2.jsonc "zh/**/*.md" …`
//                          (default rules; the config sets only `"config": {"default": true}`)
//                          `rumdl check --no-config --no-cache --output-format json zh en mkdocs draft` (native binary)
//                 changed  one file of zh gets a new paragraph, then Benchpress and rumdl re-run with their caches
//                 warm     nothing changed: Benchpress with its cache, rumdl with `--cache-dir <tmp>/rumdl-cache`
//               Wall time, CPU time (user+sys) and peak RSS (GNU time's %M, i.e. the "Maximum resident set size"
//               of `/usr/bin/time -v`; without /usr/bin/time, process.resourceUsage() from bench/rusage.cjs for
//               the Node tools) per run; medians over the rounds. `--peers all` (the default of the full mode)
//               adds markdownlint and remark-lint in-process and remark-lint as a process (bench/peers.mjs).
//   scale       bench/scale-cases.mjs: 5,000 identical headings, 50,000 links, 10,000 reference definitions,
//               2,000 table rows; `benchpress lint --format json --no-cache FILE` per file (goal < 1 s), with the
//               findings by rule; a case cut off by the check guard (guard/timeout) runs once more with
//               checkTimeoutMs 600000 to show the complete check's cost (not in --quick unless --unguarded);
//               with --peers all, markdownlint-cli2 and rumdl on the same file for context.
//   profile     CPU profiles (node --cpu-prof, every thread) of one cold and one warm Benchpress CLI run on the
//               corpus, top self time mapped through the source maps beside the CLI's chunks (bench/profile-summary.mjs). --profile also
//               profiles the language server during edits.
//   lsp         Edit path: `node dist/server.js --stdio` (diagnosticsDelayMs 0 through workspace/configuration),
//               a 5,000-line draft opened, --edits single-character incremental edits timed from didChange to the
//               publishDiagnostics of that version; p50/p95 against one micromark + GFM parse of the same text.
//               Two drafts: the generated one, and one concatenated from real posts of corpus/zh
//               (draftFromCorpus in bench/generate-draft.mjs).
//   server      Server memory: a workspace of --server-drafts generated drafts (400–600 lines each), --server-open
//               of them opened, then --server-edits incremental edits across them (each waits for its
//               diagnostics); VmRSS/VmHWM from /proc/PID/status after open, during and after the edits. The servers
//               of both editor sections start with the environment and Node options the extension's client gives
//               them (SERVER_PROCESS_ENV and SERVER_EXEC_ARGV in server/src/protocol.ts).
//
// --quick: 2 rounds, 40 edits, a 200-draft server workspace with 1,000 edits, 1 scale run (no guard-lifted
// re-run), core peers, a 170 s budget (about 3 minutes). Full: 5 rounds, 100 edits, 1,000 drafts and 10,000
// edits, 3 scale runs, 840 s.
// Round 1 of throughput runs first, then the other sections, then further rounds while the budget (--budget S)
// allows; the report says how many ran. Output: the report on stdout, bench/results/latest.json and
// bench/results/latest.md (a Markdown snippet for CHANGELOG.md). Exits 0 even when a goal is missed. Without
// --quick and --only, bench/activation.mjs, bench/links.mjs and bench/typography.mjs run afterwards. --keep keeps
// the temp folders.
import { spawn, spawnSync } from 'node:child_process';
import { promises as fs, existsSync, readFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { createRequire } from 'node:module';
import { generateDraft, draftFromCorpus, prng } from './generate-draft.mjs';
import { writeMkdocsSite } from './generate-mkdocs.mjs';
import { SCALE_CASES, writeScaleCases } from './scale-cases.mjs';
import { collectMarkdownFiles, readAll, runMarkdownlint, runRemarkLint } from './peers.mjs';
import { startLspServer, fileUri, SERVER_LAUNCH } from './lsp-client.mjs';
import { summarizeProfiles } from './profile-summary.mjs';

const here = path.dirname(fileURLToPath(import.meta.url));
const repo = path.resolve(here, '..');
const corpusRoot = path.resolve(repo, '../shared/corpus');
const require = createRequire(import.meta.url);
/** The Node options the extension's client starts the server with (bench/lsp-client.mjs adds them), for the report. */
const SERVER_NODE_OPTIONS = SERVER_LAUNCH.execArgv.join(' ');

// Options ---------------------------------------------------------------------------------------------------
const argv = process.argv.slice(2);
const opt = (name, fallback) => {
  const i = argv.indexOf(`--${name}`);
  return i >= 0 && argv[i + 1] !== undefined ? argv[i + 1] : fallback;
};
const num = (name, fallback, min = 0) => Math.max(min, Number(opt(name, fallback)));
const QUICK = argv.includes('--quick');
const REPS = num('reps', QUICK ? 2 : 5, 1);
const EDITS = num('edits', QUICK ? 40 : 100, 2);
const SERVER_DRAFTS = num('server-drafts', QUICK ? 200 : 1000, 1);
const SERVER_OPEN = Math.min(SERVER_DRAFTS, num('server-open', 30, 1));
const SERVER_EDITS = num('server-edits', QUICK ? 1000 : 10000, 1);
const SCALE_REPS = num('scale-reps', QUICK ? 1 : 3, 1);
/** Re-run a scale case cut off by the check guard with the guard lifted (full mode; --unguarded / --no-unguarded). */
const UNGUARDED = argv.includes('--unguarded') || (!QUICK && !argv.includes('--no-unguarded'));
const MKDOCS_PAGES = num('mkdocs-pages', 120, 20);
const SEED = Number(opt('seed', 42));
const PEERS = opt('peers', QUICK ? 'core' : 'all');
const SECTIONS = ['throughput', 'scale', 'profile', 'lsp', 'server'];
const ONLY = new Set(opt('only', '').split(',').filter(Boolean));
for (const s of ONLY) if (!SECTIONS.includes(s)) throw new Error(`--only: unknown section "${s}" (${SECTIONS.join(', ')})`);
const want = (section) => ONLY.size === 0 || ONLY.has(section);
const PROFILE_SERVER = argv.includes('--profile');
const NO_PROFILE = argv.includes('--no-profile');
const KEEP = argv.includes('--keep');
const BUDGET_S = num('budget', QUICK ? 170 : 840, 1);
const DRAFT_LINES = 5000;
const runStarted = performance.now();
const elapsedS = () => (performance.now() - runStarted) / 1000;

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
const round = (x, d = 2) => (x === undefined || x === null || Number.isNaN(x) || !Number.isFinite(x) ? null : Number(x.toFixed(d)));
const loadavg = () => os.loadavg().map((x) => round(x, 2));
const log = (...a) => console.log(...a);
const progress = (msg) => process.stderr.write(`  · [${elapsedS().toFixed(0).padStart(4)} s] ${msg}\n`);
const f = (x, d = 2) => (x === null || x === undefined || Number.isNaN(x) ? '—' : x.toFixed(d));
const quietFor = (ms) => new Promise((r) => setTimeout(r, ms));

/** A plain-text table: `cols` = [{ head, get(row), right }]. */
function printTable(cols, rows, indent = '  ') {
  const cells = rows.map((r) => cols.map((c) => String(c.get(r) ?? '—')));
  const widths = cols.map((c, i) => Math.max(c.head.length, ...cells.map((r) => r[i].length)));
  const line = (vals) => indent + vals.map((v, i) => (cols[i].right ? v.padStart(widths[i]) : v.padEnd(widths[i]))).join('  ').trimEnd();
  log(line(cols.map((c) => c.head)));
  log(indent + widths.map((w) => '-'.repeat(w)).join('  '));
  for (const r of cells) log(line(r));
}

const TIME_BIN = ['/usr/bin/time', '/bin/time'].find((p) => existsSync(p) && spawnSync(p, ['-f', '%e', 'true']).status === 0);
const RUSAGE_PRELOAD = path.join(here, 'rusage.cjs');

/**
 * Runs a command to completion: wall time from spawn to exit; CPU (user+sys) and peak RSS from GNU time, or, for
 * Node commands (`node: true`) when /usr/bin/time is missing, from bench/rusage.cjs preloaded into the process.
 */
async function timeProcess(cmd, args, { cwd, node = false }) {
  const statFile = path.join(os.tmpdir(), `bench-rusage-${process.pid}-${Math.random().toString(36).slice(2)}`);
  let file = cmd;
  let fileArgs = args;
  const env = { ...process.env };
  // Node tools also get the rusage preload, which gives each Node process of the run a line (see rusage.cjs).
  const rusageFile = `${statFile}.node`;
  if (node) {
    fileArgs = ['--require', RUSAGE_PRELOAD, ...args];
    env.BENCH_RUSAGE_FILE = rusageFile;
  }
  if (TIME_BIN) [file, fileArgs] = [TIME_BIN, ['-f', '%e %U %S %M', '-o', statFile, cmd, ...fileArgs]];
  const started = performance.now();
  const child = spawn(file, fileArgs, { cwd, env, stdio: ['ignore', 'pipe', 'pipe'] });
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
  try {
    if (TIME_BIN) {
      // GNU time counts the CPU of the processes the timed one waited for too.
      const fields = (await fs.readFile(statFile, 'utf8')).trim().split('\n').pop().split(' ').map(Number);
      cpuMs = (fields[1] + fields[2]) * 1000;
      maxRssMB = fields[3] / 1024;
    }
  } catch {
    /* no figures */
  }
  try {
    const lines = (await fs.readFile(rusageFile, 'utf8')).trim().split('\n').map((l) => l.split(' ').map(Number));
    if (cpuMs === undefined) cpuMs = lines.reduce((sum, f) => sum + (f[0] + f[1]) / 1000, 0);
    // Processes alive at the same time (a run that started itself again waits for it): the sum of their peaks.
    const summed = lines.reduce((sum, f) => sum + f[2] / 1024, 0);
    if (maxRssMB === undefined || lines.length > 1) maxRssMB = Math.max(maxRssMB ?? 0, summed);
  } catch {
    /* not a Node tool, or no figures (a native tool without /usr/bin/time) */
  }
  await fs.rm(statFile, { force: true });
  await fs.rm(rusageFile, { force: true });
  return { code, wallMs, cpuMs, maxRssMB, stdout: Buffer.concat(out).toString('utf8'), stderr: Buffer.concat(err).toString('utf8') };
}

// Peers -------------------------------------------------------------------------------------------------------
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
      return { bin: requireFromPeers.resolve(c), wrapper: false, version: RUMDL_VERSION };
    } catch {
      /* next */
    }
  }
  return { bin: path.join(prefix, 'node_modules', '.bin', 'rumdl'), wrapper: true, version: RUMDL_VERSION };
}

/** markdownlint-cli2 (a devDependency; 0.22.x is the last line whose `engines` allows Node 20). */
function markdownlintCli2() {
  const dir = path.dirname(require.resolve('markdownlint-cli2'));
  const pkg = JSON.parse(readFileSync(path.join(dir, 'package.json'), 'utf8'));
  return { bin: path.join(dir, pkg.bin['markdownlint-cli2']), version: pkg.version };
}

/** The three CLIs as commands on a set of paths (relative to `cwd`); each `run` resolves with timeProcess's figures. */
function cliTools({ tmp, rumdl, mdl2 }) {
  const node = process.execPath;
  const cli = path.join(repo, 'dist/cli.js');
  const mdl2Config = path.join(tmp, 'bench.markdownlint-cli2.jsonc');
  const rumdlCache = path.join(tmp, 'rumdl-cache');
  const globs = (parts) => parts.map((p) => (/\.(md|mdx)$/i.test(p) ? p : `${p}/**/*.{md,mdx}`));
  return {
    mdl2Config,
    rumdlCache,
    async writeConfigs() {
      // Default rules only; everything else markdownlint-cli2's defaults (all files of the globs are linted).
      await fs.writeFile(mdl2Config, JSON.stringify({ config: { default: true } }, null, 2) + '\n');
    },
    bp: (parts, { cache, cwd }) => ({
      command: `node dist/cli.js lint --format json${cache ? '' : ' --no-cache'} ${parts.join(' ')}`,
      run: () => timeProcess(node, [cli, 'lint', '--format', 'json', ...(cache ? [] : ['--no-cache']), ...parts], { cwd, node: true }),
    }),
    mdl2: (parts, { cwd }) => ({
      command: `node ${path.relative(repo, mdl2.bin)} --config <tmp>/${path.basename(mdl2Config)} ${globs(parts).map((g) => `"${g}"`).join(' ')}`,
      run: () => timeProcess(node, [mdl2.bin, '--config', mdl2Config, ...globs(parts)], { cwd, node: true }),
    }),
    rumdl: (parts, { cache, cwd }) => ({
      command: `${path.relative(repo, rumdl.bin)} check --no-config ${cache ? `--cache-dir <tmp>/rumdl-cache` : '--no-cache'} --output-format json ${parts.join(' ')}`,
      run: () => timeProcess(rumdl.bin, ['check', '--no-config', ...(cache ? ['--cache-dir', rumdlCache] : ['--no-cache']), '--output-format', 'json', ...parts], { cwd, node: rumdl.wrapper }),
    }),
  };
}

/** Output checks: each returns an error text, or sets r.problems (and r.byRule for Benchpress) and returns undefined. */
const checks = {
  bp: (expectedFiles) => (r) => {
    if (r.code !== 0 && r.code !== 1) return `exit ${r.code}: ${r.stderr.slice(0, 500)}`;
    const reports = JSON.parse(r.stdout);
    if (reports.length < expectedFiles) return `reported ${reports.length} files, expected ${expectedFiles}`;
    r.byRule = {};
    for (const x of reports) for (const d of x.diagnostics) r.byRule[d.code] = (r.byRule[d.code] ?? 0) + 1;
    r.problems = reports.reduce((n, x) => n + x.diagnostics.length, 0);
    return undefined;
  },
  mdl2: (expectedFiles) => (r) => {
    // Its default output: "Linting: N file(s)" and "Summary: N error(s)" on stdout, one line per problem on stderr.
    if (r.code !== 0 && r.code !== 1) return `exit ${r.code}: ${(r.stderr + r.stdout).slice(0, 500)}`;
    const files = Number(/^Linting: (\d+) file\(s\)/m.exec(r.stdout)?.[1]);
    const summary = Number(/^Summary: (\d+) error\(s\)/m.exec(r.stdout)?.[1]);
    if (files !== expectedFiles) return `linted ${files} files, expected ${expectedFiles}`;
    const lines = r.stderr.split('\n').filter((l) => /^\S.*?:\d+(?::\d+)? (?:error|warning) MD\d{3}\//.test(l)).length;
    if (lines !== summary) return `summary says ${summary} problems, ${lines} problem lines printed`;
    r.problems = summary;
    return undefined;
  },
  rumdl: () => (r) => {
    if (r.code !== 0 && r.code !== 1) return `exit ${r.code}: ${r.stderr.slice(0, 500)}`;
    r.problems = JSON.parse(r.stdout || '[]').length;
    return undefined;
  },
  peer: (expectedFiles) => (r) => {
    if (r.code !== 0) return `exit ${r.code}: ${r.stderr.slice(0, 500)}`;
    const s = JSON.parse(r.stdout.trim().split('\n').pop());
    if (s.files !== expectedFiles) return `linted ${s.files} files, expected ${expectedFiles}`;
    r.problems = s.problems;
    return undefined;
  },
};

// Workspace -------------------------------------------------------------------------------------------------
async function makeWorkspace() {
  const tmp = await fs.mkdtemp(path.join(os.tmpdir(), 'benchpress-bench-'));
  const ws = path.join(tmp, 'ws');
  await fs.mkdir(path.join(ws, '.benchpress'), { recursive: true });
  await fs.cp(path.join(corpusRoot, 'zh'), path.join(ws, 'zh'), { recursive: true });
  await fs.cp(path.join(corpusRoot, 'en'), path.join(ws, 'en'), { recursive: true });
  await writeMkdocsSite(path.join(ws, 'mkdocs'), { seed: 7, pages: MKDOCS_PAGES });
  await fs.mkdir(path.join(ws, 'draft'));
  const draft = generateDraft({ seed: SEED, lines: DRAFT_LINES });
  await fs.writeFile(path.join(ws, 'draft', 'gpu-review-draft.md'), draft);
  return { tmp, ws, draft, parts: ['zh', 'en', 'mkdocs', 'draft'] };
}

async function describeCorpus(work) {
  const paths = await collectMarkdownFiles(work.parts.map((p) => path.join(work.ws, p)));
  const sizes = await Promise.all(paths.map(async (p) => (await fs.stat(p)).size));
  const partOf = (p) => path.relative(work.ws, p).split(path.sep)[0];
  const byPart = Object.fromEntries(work.parts.map((part) => [part, { files: 0, bytes: 0 }]));
  paths.forEach((p, i) => {
    byPart[partOf(p)].files++;
    byPart[partOf(p)].bytes += sizes[i];
  });
  const labels = { zh: 'real, corpus/zh', en: 'real, corpus/en', mkdocs: `generated MkDocs site, seed 7, ${MKDOCS_PAGES} pages`, draft: `generated ${DRAFT_LINES}-line draft, seed ${SEED}` };
  // The file that the "one file changed" runs edit: the zh file of median size (deterministic for a given corpus).
  const zh = paths.map((p, i) => ({ p, size: sizes[i] })).filter((x) => partOf(x.p) === 'zh').sort((a, b) => a.size - b.size || (a.p < b.p ? -1 : 1));
  return {
    ws: work.ws, paths, files: paths.length, bytes: sizes.reduce((a, b) => a + b, 0), byPart,
    describe: work.parts.map((p) => `${p} (${labels[p]}) ${byPart[p].files} files ${(byPart[p].bytes / 1e6).toFixed(2)} MB`).join('; '),
    changeFile: zh[Math.floor(zh.length / 2)].p,
  };
}

// Throughput --------------------------------------------------------------------------------------------------
async function throughputSetup(work, corpus, peers) {
  const { ws, parts } = work;
  const tools = cliTools({ tmp: work.tmp, ...peers });
  await tools.writeConfigs();
  const cwd = ws;
  const node = process.execPath;
  const docs = PEERS === 'all' ? await readAll(corpus.paths) : undefined;
  const list = [
    { id: 'bp-cold', phase: 'cold', tool: 'Benchpress', mode: 'cold (--no-cache)', ...tools.bp(parts, { cwd }), check: checks.bp(corpus.files) },
    { id: 'mdl2-cold', phase: 'cold', tool: 'markdownlint-cli2', mode: 'cold (no cache exists), default rules', ...tools.mdl2(parts, { cwd }), check: checks.mdl2(corpus.files) },
    { id: 'rumdl-cold', phase: 'cold', tool: 'rumdl', mode: 'cold (--no-cache)', ...tools.rumdl(parts, { cache: false, cwd }), check: checks.rumdl() },
    { id: 'bp-changed', phase: 'changed', tool: 'Benchpress', mode: 'one file changed, own cache', ...tools.bp(parts, { cache: true, cwd }), check: checks.bp(corpus.files) },
    { id: 'rumdl-changed', phase: 'changed', tool: 'rumdl', mode: 'one file changed, --cache-dir', ...tools.rumdl(parts, { cache: true, cwd }), check: checks.rumdl() },
    { id: 'bp-warm', phase: 'warm', tool: 'Benchpress', mode: 'warm: nothing changed, own cache', ...tools.bp(parts, { cache: true, cwd }), check: checks.bp(corpus.files) },
    { id: 'rumdl-warm', phase: 'warm', tool: 'rumdl', mode: 'warm: nothing changed, --cache-dir', ...tools.rumdl(parts, { cache: true, cwd }), check: checks.rumdl() },
  ];
  if (PEERS === 'all') {
    // Load the libraries before timing (import cost is not lint cost); the process row includes it.
    await import('markdownlint/promise');
    await runRemarkLint([]);
    list.push(
      { id: 'mdl-lib', phase: 'cold', tool: 'markdownlint', mode: 'library in-process, default rules', command: 'runMarkdownlint(docs) from bench/peers.mjs, files read beforehand', inProcess: () => runMarkdownlint(docs) },
      { id: 'remark-proc', phase: 'cold', tool: 'remark-lint', mode: 'recommended+gfm, process', command: `node bench/peers.mjs remark-lint ${parts.join(' ')}`, run: () => timeProcess(node, [path.join(here, 'peers.mjs'), 'remark-lint', ...parts], { cwd, node: true }), check: checks.peer(corpus.files) },
      { id: 'remark-lib', phase: 'cold', tool: 'remark-lint', mode: 'recommended+gfm, in-process', command: 'runRemarkLint(docs) from bench/peers.mjs, files read beforehand', inProcess: () => runRemarkLint(docs) },
    );
  }
  const state = {
    list, errors: [], samples: new Map(list.map((t) => [t.id, []])), rounds: 0, first: {}, changeOriginal: await fs.readFile(corpus.changeFile, 'utf8'), tools,
  };
  return state;
}

async function measure(t, errors) {
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
  return { wallMs: r.wallMs, cpuMs: r.cpuMs, maxRssMB: r.maxRssMB, problems: r.problems, byRule: r.byRule, load1: os.loadavg()[0] };
}

/** The first cached runs, which write Benchpress's and rumdl's caches; reported on their own. */
async function primeCaches(state) {
  for (const id of ['bp-warm', 'rumdl-warm']) {
    const t = state.list.find((x) => x.id === id);
    progress(`${t.tool}: first run with its cache (writes the cache)`);
    state.first[id.split('-')[0]] = await measure(t, state.errors);
  }
}

/** One round: cold phase, then one file changed, then warm; each phase in an order rotated by the round number. */
async function throughputRound(state, corpus, rep) {
  const started = performance.now();
  const rotate = (xs) => xs.map((_, i) => xs[(i + rep) % xs.length]);
  for (const phase of ['cold', 'changed', 'warm']) {
    if (phase === 'changed') {
      // A new paragraph, different every round, so both caches see a changed file.
      await fs.writeFile(corpus.changeFile, `${state.changeOriginal.replace(/\n*$/, '\n')}\n基准测试第 ${rep + 1} 轮新增的一段文字，用来检查只改动一个文件时的重新检查。\n`);
    }
    for (const t of rotate(state.list.filter((x) => x.phase === phase))) {
      progress(`round ${rep + 1}: ${t.tool} — ${t.mode}`);
      const s = await measure(t, state.errors);
      if (s) state.samples.get(t.id).push(s);
    }
  }
  state.rounds++;
  state.roundSeconds = Math.max(state.roundSeconds ?? 0, (performance.now() - started) / 1000);
}

function summarizeThroughput(state, corpus, peers) {
  const mb = corpus.bytes / 1e6;
  const summarize = (t, ss) => {
    if (ss.length === 0) return { id: t.id, tool: t.tool, mode: t.mode, phase: t.phase, command: t.command, failed: true };
    const wallMs = median(ss.map((s) => s.wallMs));
    const cpuMs = ss.every((s) => s.cpuMs !== undefined) ? median(ss.map((s) => s.cpuMs)) : undefined;
    const rss = ss.filter((s) => s.maxRssMB !== undefined).map((s) => s.maxRssMB);
    return {
      id: t.id, tool: t.tool, mode: t.mode, phase: t.phase, command: t.command, files: t.id.startsWith('rumdl') ? peers.rumdlFiles ?? corpus.files : corpus.files, mb: round(mb, 3),
      seconds: round(wallMs / 1000, 3), mbPerS: round(mb / (wallMs / 1000), 3), cpuSeconds: cpuMs === undefined ? null : round(cpuMs / 1000, 3),
      maxRssMB: rss.length ? round(median(rss), 0) : null, maxRssMBMax: rss.length ? round(Math.max(...rss), 0) : null,
      problems: ss[ss.length - 1].problems, byRule: ss[ss.length - 1].byRule, runs: ss.map((s) => round(s.wallMs / 1000, 3)), cpuRuns: ss.map((s) => round((s.cpuMs ?? NaN) / 1000, 3)), loadAtRuns: ss.map((s) => round(s.load1, 2)),
    };
  };
  const rows = state.list.map((t) => summarize(t, state.samples.get(t.id)));
  for (const [key, label] of [['bp', 'Benchpress'], ['rumdl', 'rumdl']]) {
    if (state.first[key]) rows.push({ ...summarize({ id: `${key}-first`, tool: label, mode: 'first cached run (writes the cache)', phase: 'first', command: state.list.find((x) => x.id === `${key}-warm`).command }, [state.first[key]]) });
  }
  const by = Object.fromEntries(rows.filter((r) => !r.failed).map((r) => [r.id, r]));
  const ratio = (a, b) => (a !== undefined && b !== undefined && a !== null && b !== null && b > 0 ? round(a / b, 2) : null);
  const ratios = {
    // Speed ratio = the peer's time ÷ Benchpress's time (> 1: Benchpress faster).
    coldSpeedVsMdl2: ratio(by['mdl2-cold']?.seconds, by['bp-cold']?.seconds),
    coldCpuVsMdl2: ratio(by['mdl2-cold']?.cpuSeconds, by['bp-cold']?.cpuSeconds),
    coldSpeedVsRumdl: ratio(by['rumdl-cold']?.seconds, by['bp-cold']?.seconds),
    // Time ratio = Benchpress's time ÷ rumdl's (≤ 1: Benchpress at least as fast).
    warmTimeVsRumdl: ratio(by['bp-warm']?.seconds, by['rumdl-warm']?.seconds),
    warmCpuVsRumdl: ratio(by['bp-warm']?.cpuSeconds, by['rumdl-warm']?.cpuSeconds),
    changedTimeVsRumdl: ratio(by['bp-changed']?.seconds, by['rumdl-changed']?.seconds),
    warmSpeedVsMdl2: ratio(by['mdl2-cold']?.seconds, by['bp-warm']?.seconds),
    coldRssVsMdl2: ratio(by['bp-cold']?.maxRssMB, by['mdl2-cold']?.maxRssMB),
    warmRssVsMdl2: ratio(by['bp-warm']?.maxRssMB, by['mdl2-cold']?.maxRssMB),
  };
  return { rows, ratios, rounds: state.rounds, errors: state.errors, changeFile: path.relative(corpus.ws, corpus.changeFile) };
}

function printThroughput(t, corpus, peers) {
  log(`\n== Throughput: ${corpus.files} files, ${(corpus.bytes / 1e6).toFixed(2)} MB (1 MB = 10^6 bytes)`);
  log(`   ${corpus.describe}`);
  log(`   median of ${t.rounds} round(s); each round: cold phase, then "${t.changeFile}" gets a new paragraph and the cached tools re-run, then a warm re-run; order rotated every round.`);
  log(`   memory = peak RSS of the whole process (all threads), ${TIME_BIN ? `${TIME_BIN} %M ("Maximum resident set size")` : 'process.resourceUsage().maxRSS via bench/rusage.cjs (/usr/bin/time not installed: apt-get install time)'}; a Benchpress run that starts itself again with one V8 helper thread (cold: it has many files to analyse; cli/relaunch.ts): the sum of both processes' peaks (bench/rusage.cjs), its CPU both processes'.\n`);
  const order = ['bp-cold', 'mdl2-cold', 'rumdl-cold', 'mdl-lib', 'remark-proc', 'remark-lib', 'bp-first', 'rumdl-first', 'bp-changed', 'rumdl-changed', 'bp-warm', 'rumdl-warm'];
  const rows = order.map((id) => t.rows.find((r) => r.id === id)).filter(Boolean);
  printTable([
    { head: 'tool', get: (r) => r.tool },
    { head: 'run', get: (r) => r.mode },
    { head: 'wall s', get: (r) => (r.failed ? 'FAILED' : f(r.seconds)), right: true },
    { head: 'CPU s', get: (r) => f(r.cpuSeconds), right: true },
    { head: 'MB/s', get: (r) => f(r.mbPerS), right: true },
    { head: 'peak RSS MB', get: (r) => (r.maxRssMB === null || r.maxRssMB === undefined ? '—' : `${r.maxRssMB}${r.maxRssMBMax > r.maxRssMB ? ` (≤${r.maxRssMBMax})` : ''}`), right: true },
    { head: 'problems', get: (r) => r.problems, right: true },
    { head: 'runs (wall s)', get: (r) => (r.runs ?? []).map((x) => f(x)).join(' ') },
  ], rows);
  const x = t.ratios;
  log('');
  log(`   cold:    Benchpress speed ÷ markdownlint-cli2 speed = ×${f(x.coldSpeedVsMdl2)} wall, ×${f(x.coldCpuVsMdl2)} per CPU-second   (goal ≥ ×1.5)`);
  log(`            Benchpress speed ÷ rumdl speed = ×${f(x.coldSpeedVsRumdl)} wall`);
  log(`   warm:    Benchpress time ÷ rumdl time, nothing changed = ${f(x.warmTimeVsRumdl)} wall, ${f(x.warmCpuVsRumdl)} CPU   (goal ≤ 1.0); one file changed = ${f(x.changedTimeVsRumdl)}`);
  log(`   memory:  Benchpress peak RSS ÷ markdownlint-cli2's = ${f(x.coldRssVsMdl2)} cold, ${f(x.warmRssVsMdl2)} warm   (goal ≤ 1.0)`);
  const bp = t.rows.find((r) => r.id === 'bp-cold');
  if (bp?.byRule) log(`   Benchpress findings by rule (cold): ${Object.entries(bp.byRule).sort((a, b) => b[1] - a[1]).map(([k, v]) => `${k} ${v}`).join(', ')}`);
  // Sanity of markdownlint-cli2's count: every run checks that its "Linting: N file(s)" is the corpus's file count
  // and that its "Summary: N error(s)" equals the problem lines it printed; with --peers all, the markdownlint
  // library (the same version, default rules) in this process on the same files must count the same.
  const m = t.rows.find((r) => r.id === 'mdl2-cold');
  const lib = t.rows.find((r) => r.id === 'mdl-lib');
  if (m && !m.failed) log(`   markdownlint-cli2 checks: "Linting: ${corpus.files} file(s)" and "Summary: ${m.problems} error(s)" = its problem lines, every run${lib && !lib.failed ? `; markdownlint ${peers.mdlLibVersion} library on the same files: ${lib.problems} (${lib.problems === m.problems ? 'equal' : 'DIFFERENT'})` : ''}.`);
  // The caches must not change the findings: the cached runs report what the cold run does (the changed file
  // only gains a paragraph of plain prose).
  for (const tool of ['bp', 'rumdl']) {
    const counts = ['cold', 'first', 'changed', 'warm'].map((m) => t.rows.find((r) => r.id === `${tool}-${m}`)).filter((r) => r && !r.failed).map((r) => r.problems);
    if (counts.length > 1) log(`   ${tool === 'bp' ? 'Benchpress' : 'rumdl'}: cold, first cached, changed and warm runs report ${new Set(counts).size === 1 ? `the same number of problems (${counts[0]})` : `DIFFERENT numbers of problems (${counts.join(', ')})`}.`);
  }
  if (peers.rumdlFiles !== undefined && peers.rumdlFiles !== corpus.files) log(`   note: rumdl says it checked ${peers.rumdlFiles} files (the others: ${corpus.files}).`);
  if (peers.rumdl.wrapper) log('   note: rumdl timed through its npm node wrapper (native binary not found).');
  for (const e of t.errors) log(`   ERROR: ${e}`);
}

// Scale cases -------------------------------------------------------------------------------------------------
async function scaleCases(work, peers) {
  const dir = path.join(work.tmp, 'scale');
  await fs.mkdir(path.join(dir, '.benchpress'), { recursive: true });
  const written = await writeScaleCases(dir);
  const tools = cliTools({ tmp: work.tmp, ...peers });
  await tools.writeConfigs();
  const results = [];
  for (const c of written) {
    const rel = path.basename(c.file);
    const bp = tools.bp([rel], { cwd: dir });
    const runs = [];
    let last;
    for (let i = 0; i < SCALE_REPS; i++) {
      progress(`scale: ${c.title}, Benchpress run ${i + 1}/${SCALE_REPS}`);
      const r = await bp.run();
      const problem = checks.bp(1)(r);
      if (problem) {
        results.push({ id: c.id, title: c.title, error: problem });
        last = undefined;
        break;
      }
      runs.push(r);
      last = r;
    }
    if (!last) continue;
    const peerRun = async (tool, check) => {
      const r = await tool.run();
      return check(r) ? { error: check(r) } : { seconds: round(r.wallMs / 1000, 3), cpuSeconds: round(r.cpuMs / 1000, 3), problems: r.problems };
    };
    // The peers on the same file, for context (one run each; markdownlint-cli2 takes seconds on some of these, so
    // only with --peers all, the full mode's default).
    let mdl2;
    let rumdl;
    if (PEERS === 'all') {
      progress(`scale: ${c.title}, markdownlint-cli2 and rumdl`);
      mdl2 = await peerRun(tools.mdl2([rel], { cwd: dir }), checks.mdl2(1));
      rumdl = await peerRun(tools.rumdl([rel], { cwd: dir }), checks.rumdl());
    }
    const timedOut = (last.byRule['guard/timeout'] ?? 0) > 0;
    // A check cut off by the guard (checkTimeoutMs, 4 s by default) says nothing about the full check's cost: run
    // once more with the guard lifted (`.benchpress/config.json` {"checkTimeoutMs": 600000}) and report that too.
    let unguarded;
    if (timedOut && UNGUARDED) {
      progress(`scale: ${c.title} timed out; once more with checkTimeoutMs 600000`);
      const ng = path.join(work.tmp, 'scale-unguarded');
      await fs.mkdir(path.join(ng, '.benchpress'), { recursive: true });
      await fs.writeFile(path.join(ng, '.benchpress', 'config.json'), '{ "checkTimeoutMs": 600000 }\n');
      await fs.copyFile(c.file, path.join(ng, rel));
      const r = await tools.bp([rel], { cwd: ng }).run();
      const problem = checks.bp(1)(r);
      unguarded = problem ? { error: problem } : { seconds: round(r.wallMs / 1000, 3), cpuSeconds: round(r.cpuMs / 1000, 3), maxRssMB: round(r.maxRssMB, 0), findings: r.problems, byRule: r.byRule };
    }
    results.push({
      id: c.id, title: c.title, count: c.count, lines: c.lines, mb: round(c.bytes / 1e6, 3), command: bp.command,
      seconds: round(median(runs.map((r) => r.wallMs)) / 1000, 3), cpuSeconds: round(median(runs.map((r) => r.cpuMs ?? NaN)) / 1000, 3),
      maxRssMB: round(median(runs.map((r) => r.maxRssMB ?? NaN)), 0), runs: runs.map((r) => round(r.wallMs / 1000, 3)),
      findings: last.problems, byRule: last.byRule, timedOut, unguarded, mdl2, rumdl,
    });
  }
  return results;
}

function printScale(results) {
  log(`\n== Scale cases: benchpress lint --format json --no-cache FILE (bench/scale-cases.mjs), median of ${SCALE_REPS} run(s); goal < 1 s each`);
  printTable([
    { head: 'case', get: (r) => r.title },
    { head: 'lines', get: (r) => r.lines, right: true },
    { head: 'MB', get: (r) => f(r.mb), right: true },
    { head: 'Benchpress s', get: (r) => (r.error ? 'FAILED' : f(r.seconds)), right: true },
    { head: 'CPU s', get: (r) => f(r.cpuSeconds), right: true },
    { head: 'RSS MB', get: (r) => r.maxRssMB, right: true },
    { head: 'findings (by rule)', get: (r) => (r.error ? r.error : `${r.findings}${r.findings ? ` (${Object.entries(r.byRule).sort((a, b) => b[1] - a[1]).map(([k, v]) => `${k} ${v}`).join(', ')})` : ''}`) },
    { head: 'mdl-cli2 s / problems', get: (r) => (r.mdl2 ? (r.mdl2.error ? 'FAILED' : `${f(r.mdl2.seconds)} / ${r.mdl2.problems}`) : '—'), right: true },
    { head: 'rumdl s / problems', get: (r) => (r.rumdl ? (r.rumdl.error ? 'FAILED' : `${f(r.rumdl.seconds)} / ${r.rumdl.problems}`) : '—'), right: true },
  ], results);
  for (const r of results.filter((x) => x.timedOut)) {
    const u = r.unguarded;
    log(`   note: ${r.title}: Benchpress reported guard/timeout — the check was cut off (checkTimeoutMs 4000), so that time is the guard's; ${!u ? 'run with --unguarded (the full mode does) to time the complete check' : 'with the guard lifted (checkTimeoutMs 600000): '}${!u ? '' : u.error ? `FAILED ${u.error}` : `${f(u?.seconds)} s wall, ${f(u?.cpuSeconds)} s CPU, ${u?.maxRssMB} MB, ${u?.findings} findings (${Object.entries(u?.byRule ?? {}).map(([k, v]) => `${k} ${v}`).join(', ')})`}.`);
  }
}

// Profiles ------------------------------------------------------------------------------------------------------
async function profileCli(work, { cache }) {
  const dir = path.join(work.tmp, `cpu-prof-${cache ? 'warm' : 'cold'}`);
  await fs.mkdir(dir);
  progress(`Benchpress ${cache ? 'warm' : 'cold'} CLI run under --cpu-prof`);
  const r = await timeProcess(process.execPath, ['--cpu-prof', '--cpu-prof-dir', dir, path.join(repo, 'dist/cli.js'), 'lint', '--format', 'json', ...(cache ? [] : ['--no-cache']), ...work.parts], { cwd: work.ws, node: true });
  const files = (await fs.readdir(dir)).filter((x) => x.endsWith('.cpuprofile')).map((x) => path.join(dir, x));
  return { wallS: round(r.wallMs / 1000, 2), ...summarizeProfiles(files, { top: 20 }) };
}

function printProfile(p, title, top = 12) {
  log(`\n${title}: ${p.threads.length} threads, ${p.totalMs.toFixed(0)} ms sampled, ${p.idleMs.toFixed(0)} ms idle, ${p.busyMs.toFixed(0)} ms busy`);
  for (const th of p.threads) log(`    thread ${th.name}: ${th.totalMs.toFixed(0)} ms sampled, ${th.idleMs.toFixed(0)} ms idle, ${th.gcMs.toFixed(0)} ms GC`);
  log('  top self time (busy samples, all threads):');
  for (const x of p.self.slice(0, top)) log(`    ${x.ms.toFixed(0).padStart(6)} ms ${x.pct.toFixed(1).padStart(5)}%  ${x.name}`);
  log('  self time by source module:');
  for (const x of p.modules.slice(0, 10)) log(`    ${x.ms.toFixed(0).padStart(6)} ms ${x.pct.toFixed(1).padStart(5)}%  ${x.name}`);
  log("  inclusive time of Benchpress's own functions (each once per sample):");
  for (const x of p.ownInclusive.slice(0, 10)) log(`    ${x.ms.toFixed(0).padStart(6)} ms ${x.pct.toFixed(1).padStart(5)}%  ${x.name}`);
}

// Edit path -----------------------------------------------------------------------------------------------------
async function micromarkTimer(text) {
  const { micromark, parse, preprocess, postprocess } = await import('micromark');
  const { gfm } = await import('micromark-extension-gfm');
  const { fromMarkdown } = await import('mdast-util-from-markdown');
  const { gfmFromMarkdown } = await import('mdast-util-gfm');
  const cpuMs = [];
  const time = (fn) => {
    const c0 = process.cpuUsage();
    const t0 = performance.now();
    fn();
    const wall = performance.now() - t0;
    const c = process.cpuUsage(c0);
    cpuMs.push((c.user + c.system) / 1000);
    return wall;
  };
  const htmlCpuMs = [];
  return {
    htmlCpuMs,
    /** micromark(text, { extensions: [gfm()] }): parse + compile to HTML, the reference of the goal. */
    html: () => {
      const ms = time(() => micromark(text, { extensions: [gfm()] }));
      htmlCpuMs.push(cpuMs.at(-1));
      return ms;
    },
    /** The parse alone (events, no HTML). */
    events: () => time(() => postprocess(parse({ extensions: [gfm()] }).document().write(preprocess()(text, undefined, true)))),
    /** What remark-parse + remark-gfm do: micromark events to an mdast tree. */
    mdast: () => time(() => fromMarkdown(text, { extensions: [gfm()], mdastExtensions: [gfmFromMarkdown()] })),
  };
}

/**
 * Types a character where editPlanner would, and deletes it again with the next edit, as a writer types and takes
 * back: every second edit the drafts are as they were opened, so what the server must hold for them (their text,
 * their diagnostics) is the same, and growth over thousands of edits is the server's own. (With editPlanner's
 * random inserts and deletes the drafts themselves change: a Latin letter typed into Chinese prose adds a spacing
 * finding, and 10,000 edits across 30 drafts more than doubled their diagnostics, and the memory that holds them.)
 */
function typeAndUndoPlanner(seed) {
  const typing = editPlanner(seed);
  let typed;
  return {
    next(lines, i) {
      if (i % 2 === 0) return (typed = typing.next(lines, 0));
      const { line, character } = typed.change.range.start;
      lines[line] = lines[line].slice(0, character) + lines[line].slice(character + 1);
      return { kind: 'delete', line, change: { range: { start: { line, character }, end: { line, character: character + 1 } }, text: '' } };
    },
  };
}

/** Seeded single-character edits in prose lines of the middle half of the document. */
function editPlanner(seed) {
  const rand = prng(seed);
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
      if (prose.length === 0) throw new Error('editPlanner: no prose line in the middle half of the document');
      for (let tries = 0; ; tries++) {
        if (tries > 100000) throw new Error('editPlanner: no editable position found');
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

/** Waits until no diagnostics have arrived for `ms` (for the given uris, or any). */
async function settle(server, ms, uris) {
  for (;;) {
    const times = uris ? uris.map((u) => server.lastDiagnostics.get(u)?.at ?? 0) : [...server.lastDiagnostics.values()].map((d) => d.at);
    const last = Math.max(0, ...times);
    const wait = last + ms - performance.now();
    if (wait <= 0) return;
    await quietFor(wait);
  }
}

/** One LSP session on a draft: open, `edits` timed single-character edits, then the from-scratch comparison. */
async function lspSession(draft, { edits, name = 'gpu-review-draft.md', nodeArgs = [] }) {
  const tmp = await fs.mkdtemp(path.join(os.tmpdir(), 'benchpress-lsp-'));
  await fs.mkdir(path.join(tmp, '.benchpress'));
  const draftPath = path.join(tmp, name);
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
    await settle(server, 500, [uri]);

    const lines = draft.split('\n');
    const planner = editPlanner(SEED + 1);
    let last;
    const monotonicUs = () => Number(process.hrtime.bigint() / 1000n);
    result.editWindowUs = [monotonicUs()];
    const cpuBefore = await procCpuMs(server.child.pid);
    for (let i = 0; i < edits; i++) {
      const version = i + 2;
      const edit = planner.next(lines, i);
      const r = await server.change(uri, version, [edit.change], 60000);
      result.edits.push({ version, kind: edit.kind, line: edit.line + 1, ms: round(r.ms, 2), diagnostics: r.diagnostics.length });
      last = r;
    }
    result.editWindowUs.push(monotonicUs());
    const cpuAfter = await procCpuMs(server.child.pid);
    // The server's CPU time over all the edits (all its threads; /proc ticks are 10 ms, so only the mean is exact
    // enough): less sensitive to other load on the machine than the wall-clock latencies.
    if (cpuBefore !== undefined && cpuAfter !== undefined) result.serverCpuMsPerEdit = round((cpuAfter - cpuBefore) / edits, 2);

    // Are the incrementally maintained diagnostics those of a check from scratch? Open the final text as a new
    // document (a new checker, nothing cached) and compare; its time is a full check of the draft over LSP.
    const finalText = lines.join('\n');
    const freshPath = path.join(tmp, name.replace(/\.md$/, '-fresh.md'));
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

async function editLatency(draft, { label, name }) {
  const timer = await micromarkTimer(draft);
  progress(`edit path (${label}): micromark parses of the draft (before the edits)`);
  timer.html(); // warm-up, not counted
  const htmlRuns = [];
  const eventRuns = [];
  const mdastRuns = [];
  for (let i = 0; i < 3; i++) htmlRuns.push(timer.html());
  eventRuns.push(timer.events());
  mdastRuns.push(timer.mdast());

  progress(`edit path (${label}): language server, open the draft, ${EDITS} single-character edits`);
  const result = await lspSession(draft, { edits: EDITS, name });

  progress(`edit path (${label}): micromark parses of the draft (after the edits)`);
  for (let i = 0; i < 3; i++) htmlRuns.push(timer.html());
  eventRuns.push(timer.events());

  result.label = label;
  result.lines = draft.split('\n').length - 1;
  result.bytes = Buffer.byteLength(draft);
  result.micromark = {
    htmlMedianMs: round(median(htmlRuns), 1), htmlRuns: htmlRuns.map((x) => round(x, 1)),
    eventsMedianMs: round(median(eventRuns), 1), mdastMedianMs: round(median(mdastRuns), 1),
    // CPU time of the parses (this process; includes any GC it triggers): with the server's mean CPU per edit, a
    // ratio that the machine's other load disturbs less.
    htmlCpuMedianMs: round(median(timer.htmlCpuMs.slice(1)), 1),
  };
  if (result.serverCpuMsPerEdit !== undefined) result.meanCpuOverParseCpu = round(result.serverCpuMsPerEdit / result.micromark.htmlCpuMedianMs, 3);
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
  const files = (await fs.readdir(dir)).filter((x) => x.endsWith('.cpuprofile')).map((x) => path.join(dir, x));
  const summary = summarizeProfiles(files, { top: 20, map: path.join(repo, 'dist/server.js.map'), window: session.editWindowUs });
  if (!KEEP) await fs.rm(dir, { recursive: true, force: true });
  return { medianMs: session.medianMs, p95Ms: session.p95Ms, firstDiagnosticsMs: session.firstDiagnosticsMs, ...summary };
}

function printLatency(list) {
  log(`\n== Edit path: edit → fresh diagnostics over LSP (node ${SERVER_NODE_OPTIONS} dist/server.js --stdio, diagnosticsDelayMs 0)`);
  log(`   ${EDITS} single-character incremental edits per draft (insert/delete alternately, prose in the middle half); reference: one micromark(text, {extensions: [gfm()]}) of the same text, median of 6 in this process; goal p95 ÷ parse ≤ 0.1`);
  log('   "CPU/edit ÷ parse CPU": the server\'s mean CPU time per edit (all threads, /proc/PID/stat) ÷ the parse\'s CPU time — the same comparison, less disturbed by other load.\n');
  printTable([
    { head: 'draft', get: (l) => l.label },
    { head: 'lines', get: (l) => l.lines, right: true },
    { head: 'MB', get: (l) => f(l.bytes / 1e6, 3), right: true },
    { head: 'open ms', get: (l) => f(l.firstDiagnosticsMs, 0), right: true },
    { head: 'p50 ms', get: (l) => f(l.medianMs, 1), right: true },
    { head: 'p95 ms', get: (l) => f(l.p95Ms, 1), right: true },
    { head: 'max ms', get: (l) => f(l.maxMs, 1), right: true },
    { head: 'parse ms', get: (l) => f(l.micromark.htmlMedianMs, 1), right: true },
    { head: 'p95 ÷ parse', get: (l) => f(l.p95OverParse, 3), right: true },
    { head: 'CPU/edit ÷ parse CPU', get: (l) => (l.meanCpuOverParseCpu === undefined ? '—' : `${f(l.serverCpuMsPerEdit, 1)} ÷ ${f(l.micromark.htmlCpuMedianMs, 0)} = ${f(l.meanCpuOverParseCpu, 3)}`), right: true },
    { head: 'full check ms', get: (l) => f(l.fullCheckOverLspMs, 0), right: true },
    { head: 'incremental = from scratch', get: (l) => (l.consistency ? (l.consistency.equal ? `yes (${l.consistency.incremental})` : `NO (${l.consistency.incremental} vs ${l.consistency.fromScratch})`) : '—') },
  ], list);
  for (const l of list) {
    log(`   ${l.label}: edits (ms) ${l.edits.map((e) => e.ms.toFixed(0)).join(' ')}`);
    log(`      parse runs ${l.micromark.htmlRuns.join(' ')} ms; events only ${f(l.micromark.eventsMedianMs, 1)} ms; to mdast ${f(l.micromark.mdastMedianMs, 1)} ms${l.sources ? `; built from ${l.sources.length} posts of corpus/zh` : ''}`);
    for (const k of l.consistency?.onlyIncremental ?? []) log(`      only incremental: ${k}`);
    for (const k of l.consistency?.onlyFromScratch ?? []) log(`      only from scratch: ${k}`);
    if (l.serverStderr) log(`      server stderr (tail): ${l.serverStderr.trim().split('\n').slice(-5).join(' | ')}`);
  }
}

// Server memory -------------------------------------------------------------------------------------------------
async function procMemory(pid) {
  try {
    const s = await fs.readFile(`/proc/${pid}/status`, 'utf8');
    const kb = (k) => Number(new RegExp(`^${k}:\\s+(\\d+) kB`, 'm').exec(s)?.[1]);
    return { rssMB: round(kb('VmRSS') / 1024, 1), hwmMB: round(kb('VmHWM') / 1024, 1) };
  } catch {
    return undefined;
  }
}

const CLK_TCK = Number(spawnSync('getconf', ['CLK_TCK'], { encoding: 'utf8' }).stdout?.trim()) || 100;
/** CPU time (user + system, all threads) a process has used so far, in ms, from /proc/PID/stat; undefined elsewhere. */
async function procCpuMs(pid) {
  try {
    const stat = await fs.readFile(`/proc/${pid}/stat`, 'utf8');
    const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
    return ((Number(fields[11]) + Number(fields[12])) * 1000) / CLK_TCK;
  } catch {
    return undefined;
  }
}

async function serverMemory(work) {
  const ws = path.join(work.tmp, 'server-ws');
  await fs.mkdir(path.join(ws, '.benchpress'), { recursive: true });
  progress(`server memory: generating a ${SERVER_DRAFTS}-draft workspace`);
  const rand = prng(SEED + 7);
  const drafts = [];
  let bytes = 0;
  for (let i = 0; i < SERVER_DRAFTS; i++) {
    const file = path.join(ws, 'posts', String(Math.floor(i / 50)).padStart(2, '0'), `draft-${String(i).padStart(4, '0')}.md`);
    const text = generateDraft({ seed: SEED + 1000 + i, lines: 400 + Math.floor(rand() * 201) });
    if (i % 50 === 0) await fs.mkdir(path.dirname(file), { recursive: true });
    await fs.writeFile(file, text);
    bytes += Buffer.byteLength(text);
    drafts.push(file);
  }
  // The opened drafts: spread evenly over the workspace.
  const opened = Array.from({ length: SERVER_OPEN }, (_, k) => drafts[Math.floor((k * SERVER_DRAFTS) / SERVER_OPEN)]);
  const result = { drafts: SERVER_DRAFTS, workspaceMB: round(bytes / 1e6, 1), opened: SERVER_OPEN, edits: SERVER_EDITS, samples: [] };
  const server = await startLspServer([process.execPath, path.join(repo, 'dist/server.js'), '--stdio'], { cwd: ws, rootPath: ws, settings: { benchpress: { diagnosticsDelayMs: 0 } } });
  const pid = server.child.pid;
  const sample = async (label, editsDone) => {
    const m = await procMemory(pid);
    if (!m) return undefined;
    const entry = { label, edits: editsDone, ...m, atS: round(elapsedS(), 1) };
    result.samples.push(entry);
    return entry;
  };
  try {
    await quietFor(1000);
    result.afterInit = await sample('after initialize', 0);
    if (!result.afterInit) {
      result.unavailable = `/proc/${pid}/status is not readable on ${process.platform}`;
      return result;
    }
    progress(`server memory: opening ${SERVER_OPEN} drafts`);
    const docs = [];
    const openStarted = performance.now();
    for (const [k, file] of opened.entries()) {
      const text = await fs.readFile(file, 'utf8');
      const uri = fileUri(file);
      await server.open(uri, text, 120000);
      docs.push({ uri, lines: text.split('\n'), version: 1, planner: typeAndUndoPlanner(SEED + 100 + k), n: 0 });
    }
    result.openSeconds = round((performance.now() - openStarted) / 1000, 2);
    await settle(server, 1000);
    result.afterOpen = await sample('after open', 0);
    const diagnosticsHeld = () => docs.reduce((n, d) => n + (server.lastDiagnostics.get(d.uri)?.diagnostics.length ?? 0), 0);
    result.diagnosticsAfterOpen = diagnosticsHeld();

    progress(`server memory: ${SERVER_EDITS} incremental edits across ${SERVER_OPEN} drafts`);
    const every = Math.max(1, Math.floor(SERVER_EDITS / 20));
    const latencies = [];
    for (let i = 0; i < SERVER_EDITS; i++) {
      const d = docs[i % docs.length];
      const edit = d.planner.next(d.lines, d.n++);
      d.version++;
      const r = await server.change(d.uri, d.version, [edit.change], 60000);
      latencies.push(r.ms);
      if ((i + 1) % every === 0 && i + 1 < SERVER_EDITS) {
        await sample('during edits', i + 1);
        if ((i + 1) % (every * 5) === 0) progress(`server memory: ${i + 1} edits, RSS ${result.samples.at(-1)?.rssMB} MB`);
      }
    }
    await settle(server, 1000);
    result.afterEdits = await sample('after edits', SERVER_EDITS);
    result.diagnosticsAfterEdits = diagnosticsHeld();
    result.editP50Ms = round(median(latencies), 1);
    result.editP95Ms = round(percentile(latencies, 95), 1);
    // Growth over the edits: after the first 10 % (caches and JIT warm) to the end; and the least-squares slope of
    // the samples from there on, in MB per 1,000 edits.
    const warm = result.samples.find((s) => s.edits >= SERVER_EDITS / 10) ?? result.afterOpen;
    result.afterWarmup = warm;
    const tail = result.samples.filter((s) => s.edits >= warm.edits && s.edits > 0);
    if (tail.length >= 3) {
      const mx = tail.reduce((a, s) => a + s.edits, 0) / tail.length;
      const my = tail.reduce((a, s) => a + s.rssMB, 0) / tail.length;
      const slope = tail.reduce((a, s) => a + (s.edits - mx) * (s.rssMB - my), 0) / tail.reduce((a, s) => a + (s.edits - mx) ** 2, 0);
      result.slopeMBPer1000Edits = round(slope * 1000, 2);
    }
    result.growthMB = round(result.afterEdits.rssMB - warm.rssMB, 1);
    result.growthFromOpenMB = round(result.afterEdits.rssMB - result.afterOpen.rssMB, 1);
    result.peakMB = result.afterEdits.hwmMB;
  } finally {
    const stderr = server.stderr.join('');
    await server.stop();
    if (stderr.trim()) result.serverStderr = stderr.slice(-2000);
    if (!KEEP) await fs.rm(ws, { recursive: true, force: true });
  }
  return result;
}

/**
 * "No growth": RSS after the edits within max(10 MB, 10 %) of RSS after the first 10 % of them, and the trend of
 * the samples from there (least-squares slope × the edits it spans) within the same margin — a single sample can
 * land just before or after a garbage collection.
 */
const serverNoGrowth = (s) => {
  const margin = Math.max(10, 0.1 * s.afterWarmup.rssMB);
  const trend = s.slopeMBPer1000Edits === undefined ? 0 : (s.slopeMBPer1000Edits * (s.edits - s.afterWarmup.edits)) / 1000;
  return s.growthMB !== null && s.growthMB <= margin && trend <= margin;
};

function printServer(s) {
  log(`\n== Server memory: node ${SERVER_NODE_OPTIONS} dist/server.js --stdio (with the client's SERVER_PROCESS_ENV), workspace of ${s.drafts} generated drafts (${s.workspaceMB} MB, with .benchpress/), ${s.opened} opened, ${s.edits} incremental edits across them`);
  if (s.unavailable) {
    log(`   skipped: ${s.unavailable}`);
    return;
  }
  log('   RSS from /proc/PID/status (VmRSS; VmHWM = peak so far); each edit waits for its diagnostics (diagnosticsDelayMs 0); goal ≤ 150 MB and no growth over the edits\n');
  printTable([
    { head: 'when', get: (x) => x.label + (x.edits ? ` (${x.edits})` : '') },
    { head: 'VmRSS MB', get: (x) => f(x.rssMB, 1), right: true },
    { head: 'VmHWM MB', get: (x) => f(x.hwmMB, 1), right: true },
  ], [s.afterInit, s.afterOpen, ...s.samples.filter((x) => x.label === 'during edits' && x.edits % (Math.max(1, Math.floor(s.edits / 20)) * 5) === 0), s.afterEdits].filter(Boolean));
  log(`\n   opening ${s.opened} drafts took ${f(s.openSeconds)} s; edit → diagnostics p50 ${f(s.editP50Ms, 1)} ms, p95 ${f(s.editP95Ms, 1)} ms`);
  if (s.diagnosticsAfterEdits !== undefined) log(`   each edit types a character, the next deletes it again: the drafts held ${s.diagnosticsAfterOpen} diagnostics after opening, ${s.diagnosticsAfterEdits} after the edits (a draft whose last edit typed a character still has it)`);
  log(`   growth: ${f(s.growthMB, 1)} MB from after ${s.afterWarmup.edits} edits to the end (${f(s.growthFromOpenMB, 1)} MB from after open); slope ${f(s.slopeMBPer1000Edits, 2)} MB per 1,000 edits`);
  if (s.edits < 5000) log(`   note: with ${s.edits} edits the growth verdict can catch the ramp to a steady state; the full run's 10,000 edits (--server-edits) show whether it levels off.`);
  if (s.serverStderr) log(`   server stderr (tail): ${s.serverStderr.trim().split('\n').slice(-5).join(' | ')}`);
}

// Report ------------------------------------------------------------------------------------------------------------
function goalsOf(results) {
  const goals = [];
  const t = results.throughput;
  if (t) {
    const x = t.ratios;
    const by = Object.fromEntries(t.rows.map((r) => [r.id, r]));
    if (x.coldSpeedVsMdl2 !== null) goals.push({ goal: 'cold: Benchpress speed ≥ ×1.5 markdownlint-cli2\'s', value: `×${f(x.coldSpeedVsMdl2)} (${f(by['bp-cold'].seconds)} s vs ${f(by['mdl2-cold'].seconds)} s wall; ×${f(x.coldCpuVsMdl2)} per CPU-second)`, met: x.coldSpeedVsMdl2 >= 1.5, ...((x.coldSpeedVsMdl2 >= 1.5) !== (x.coldCpuVsMdl2 >= 1.5) && x.coldCpuVsMdl2 !== null ? { note: 'wall-time and CPU-time ratios disagree: a noisy run' } : {}) });
    if (x.warmTimeVsRumdl !== null) goals.push({ goal: 'warm re-run: Benchpress time ≤ 1.0 × rumdl\'s cached re-run', value: `${f(x.warmTimeVsRumdl)} (${f(by['bp-warm'].seconds)} s vs ${f(by['rumdl-warm'].seconds)} s; one file changed: ${f(x.changedTimeVsRumdl)})`, met: x.warmTimeVsRumdl <= 1 });
    if (x.coldRssVsMdl2 !== null) goals.push({ goal: 'memory: Benchpress CLI peak RSS ≤ markdownlint-cli2\'s (cold and warm)', value: `cold ${by['bp-cold'].maxRssMB} MB, warm ${by['bp-warm']?.maxRssMB ?? '—'} MB vs ${by['mdl2-cold'].maxRssMB} MB`, met: x.coldRssVsMdl2 <= 1 && (x.warmRssVsMdl2 ?? 0) <= 1 });
  }
  for (const c of results.scale ?? []) {
    if (c.error) goals.push({ goal: `scale: ${c.title} < 1 s`, value: c.error, met: false });
    else goals.push({ goal: `scale: ${c.title} < 1 s`, value: `${f(c.seconds)} s, ${c.findings} findings${c.timedOut ? ` (guard/timeout: check cut off${c.unguarded?.seconds !== undefined ? `; complete check ${f(c.unguarded.seconds)} s` : ''})` : ''}`, met: c.seconds < 1 && !c.timedOut });
  }
  for (const l of results.lsp ?? []) {
    goals.push({ goal: `edit path (${l.label}): p95 ÷ one micromark parse ≤ 0.1`, value: `p95 ${f(l.p95Ms, 1)} ms ÷ ${f(l.micromark.htmlMedianMs, 1)} ms = ${f(l.p95OverParse, 3)}`, met: l.p95OverParse <= 0.1 });
    if (l.consistency) goals.push({ goal: `edit path (${l.label}): incremental diagnostics equal a from-scratch check`, value: l.consistency.equal ? 'identical' : 'different', met: l.consistency.equal });
  }
  const s = results.server;
  if (s && !s.unavailable && s.afterEdits) {
    goals.push({ goal: 'server: RSS ≤ 150 MB after open and after the edits', value: `${f(s.afterOpen.rssMB, 0)} MB after open, ${f(s.afterEdits.rssMB, 0)} MB after ${s.edits} edits (peak ${f(s.peakMB, 0)} MB)`, met: s.afterOpen.rssMB <= 150 && s.afterEdits.rssMB <= 150 });
    goals.push({ goal: 'server: no RSS growth over the edits (≤ max(10 MB, 10 %) after warm-up, end point and trend)', value: `${f(s.growthMB, 1)} MB from after ${s.afterWarmup.edits} edits to the end (trend ${f(s.slopeMBPer1000Edits, 2)} MB per 1,000 edits)`, met: serverNoGrowth(s) });
  }
  return goals;
}

function markdownSnippet(results, peers) {
  const out = [];
  const t = results.throughput;
  const mode = QUICK ? 'quick mode' : 'full mode';
  out.push(`### Measured (\`npm run bench${QUICK ? ' -- --quick' : ''}\`, ${results.date.slice(0, 10)}, ${results.cpus} × ${results.cpuModel}, load average ${results.load.before[0]} → ${results.load.after[0]}; ${mode})`, '');
  if (t) {
    const by = Object.fromEntries(t.rows.map((r) => [r.id, r]));
    const cell = (r) => (r && !r.failed ? `${f(r.seconds)} s (CPU ${f(r.cpuSeconds)} s)` : '—');
    const rss = (r) => (r && !r.failed && r.maxRssMB !== null ? `${r.maxRssMB} MB` : '—');
    out.push(`Bench corpus: ${results.corpus.files} files, ${(results.corpus.bytes / 1e6).toFixed(2)} MB — ${Object.entries(results.corpus.parts).map(([k, v]) => `${k} ${v.files} files / ${(v.bytes / 1e6).toFixed(2)} MB`).join(', ')} (zh, en: real posts; mkdocs: generated MkDocs-style docs; draft: generated 5,000-line review). Median of ${t.rounds} round(s), wall time (CPU = user + sys); memory = peak RSS.`, '');
    out.push(`| | Benchpress | markdownlint-cli2 ${peers.mdl2.version} | rumdl ${peers.rumdl.version} (native) |`, '|---|---|---|---|');
    out.push(`| Cold, whole corpus | ${cell(by['bp-cold'])} | ${cell(by['mdl2-cold'])} | ${cell(by['rumdl-cold'])} |`);
    out.push(`| Re-run, nothing changed (own cache) | ${cell(by['bp-warm'])} | no cache | ${cell(by['rumdl-warm'])} |`);
    out.push(`| Re-run, one file changed | ${cell(by['bp-changed'])} | no cache | ${cell(by['rumdl-changed'])} |`);
    out.push(`| Peak RSS, cold / warm | ${rss(by['bp-cold'])} / ${rss(by['bp-warm'])} | ${rss(by['mdl2-cold'])} | ${rss(by['rumdl-cold'])} / ${rss(by['rumdl-warm'])} |`);
    out.push(`| Problems reported | ${by['bp-cold']?.problems ?? '—'} | ${by['mdl2-cold']?.problems ?? '—'} | ${by['rumdl-cold']?.problems ?? '—'} |`, '');
    const x = t.ratios;
    out.push(`Cold: Benchpress is ×${f(x.coldSpeedVsMdl2)} markdownlint-cli2's speed (×${f(x.coldCpuVsMdl2)} per CPU-second; goal ≥ ×1.5). Warm re-run: ${f(x.warmTimeVsRumdl)} × rumdl's time (goal ≤ 1.0); one file changed: ${f(x.changedTimeVsRumdl)} ×. Peak RSS ÷ markdownlint-cli2's: ${f(x.coldRssVsMdl2)} cold, ${f(x.warmRssVsMdl2)} warm (goal ≤ 1.0).`, '');
  }
  if (results.scale?.length) {
    out.push('| Scale case (`benchpress lint --no-cache FILE`, goal < 1 s) | lines | Benchpress | findings | markdownlint-cli2 | rumdl |', '|---|--:|--:|---|--:|--:|');
    for (const c of results.scale) out.push(c.error ? `| ${c.title} | | failed | ${c.error} | | |` : `| ${c.title} | ${c.lines} | ${f(c.seconds)} s (CPU ${f(c.cpuSeconds)} s) | ${c.findings}${c.timedOut ? ` (${c.byRule['guard/timeout']} guard/timeout: check cut off${c.unguarded?.seconds !== undefined ? `; complete check ${f(c.unguarded.seconds)} s, CPU ${f(c.unguarded.cpuSeconds)} s` : ''})` : ''} | ${c.mdl2?.seconds !== undefined ? `${f(c.mdl2.seconds)} s` : '—'} | ${c.rumdl?.seconds !== undefined ? `${f(c.rumdl.seconds)} s` : '—'} |`);
    out.push('');
  }
  if (results.lsp?.length) {
    out.push(`| Edit → fresh diagnostics over LSP (${EDITS} edits; goal p95 ÷ parse ≤ 0.1) | p50 | p95 | one micromark + GFM parse | p95 ÷ parse | server CPU per edit ÷ parse CPU |`, '|---|--:|--:|--:|--:|--:|');
    for (const l of results.lsp) out.push(`| ${l.label} (${l.lines} lines) | ${f(l.medianMs, 1)} ms | ${f(l.p95Ms, 1)} ms | ${f(l.micromark.htmlMedianMs, 1)} ms | ${f(l.p95OverParse, 3)} | ${f(l.meanCpuOverParseCpu, 3)} |`);
    out.push('');
  }
  const s = results.server;
  if (s?.afterEdits) out.push(`Language server with a ${s.drafts}-draft workspace, ${s.opened} drafts open: ${f(s.afterOpen.rssMB, 0)} MB RSS after opening them, ${f(s.afterEdits.rssMB, 0)} MB after ${s.edits.toLocaleString('en-US')} incremental edits (peak ${f(s.peakMB, 0)} MB; ${f(s.growthMB, 1)} MB change after warm-up; goal ≤ 150 MB, no growth).`, '');
  const own = (p) => p.ownInclusive.slice(0, 4).map((x) => `${x.name.split('  ')[0] === '(anonymous)' ? x.name.split('  ')[1] : x.name.split('  ')[0]} ${x.pct.toFixed(0)} %`).join(', ');
  if (results.profile?.cold) out.push(`Where a cold CLI run's time goes (CPU profile, all threads, self time): ${results.profile.cold.modules.slice(0, 5).map((m) => `${m.name} ${m.pct.toFixed(0)} %`).join(', ')}; Benchpress's own functions, inclusive: ${own(results.profile.cold)}.`, '');
  if (results.profile?.warm) out.push(`A warm re-run (nothing changed): ${results.profile.warm.modules.slice(0, 4).map((m) => `${m.name} ${m.pct.toFixed(0)} %`).join(', ')}; inclusive: ${own(results.profile.warm)}.`, '');
  if (results.goals?.length) out.push(`Goals: ${results.goals.filter((g) => g.met).length} of ${results.goals.length} met${results.goals.some((g) => !g.met) ? ` (missed: ${results.goals.filter((g) => !g.met).map((g) => g.goal).join('; ')})` : ''}.`, '');
  return out.join('\n');
}

// Main ------------------------------------------------------------------------------------------------------------
async function main() {
  for (const file of ['dist/cli.js', 'dist/server.js']) if (!existsSync(path.join(repo, file))) throw new Error(`${file} is missing: run "npm run build" first`);
  const loadBefore = loadavg();
  log(`Benchpress benchmark — ${new Date().toISOString()} — ${QUICK ? 'quick' : 'full'} mode`);
  log(`node ${process.version}, ${os.cpus().length} × ${os.cpus()[0]?.model ?? 'cpu'}, ${(os.totalmem() / 2 ** 30).toFixed(1)} GiB; load average before: ${loadBefore.join(' ')}`);
  if (loadBefore[0] > os.cpus().length / 2) log(`note: the machine is busy (1-min load ${loadBefore[0]} on ${os.cpus().length} cores); wall times are inflated, CPU-second columns less so.`);
  if (!TIME_BIN) log('note: /usr/bin/time is not installed (apt-get install time); CPU and memory of the Node tools come from process.resourceUsage(), rumdl has none.');

  progress('building the bench workspace (corpora, generated MkDocs site and draft)');
  const work = await makeWorkspace();
  const corpus = await describeCorpus(work);
  const peers = { rumdl: rumdlBinary(), mdl2: markdownlintCli2(), mdlLibVersion: JSON.parse(readFileSync(path.join(repo, 'node_modules/markdownlint/package.json'), 'utf8')).version };
  log(`bench corpus: ${corpus.files} files, ${(corpus.bytes / 1e6).toFixed(2)} MB — ${corpus.describe}`);
  log(`peers: markdownlint-cli2 ${peers.mdl2.version} (${path.relative(repo, peers.mdl2.bin)}), rumdl ${peers.rumdl.version} (${path.relative(repo, peers.rumdl.bin)})`);

  const results = {
    date: new Date().toISOString(), mode: QUICK ? 'quick' : 'full', node: process.version, cpus: os.cpus().length, cpuModel: os.cpus()[0]?.model,
    options: { reps: REPS, edits: EDITS, serverDrafts: SERVER_DRAFTS, serverOpen: SERVER_OPEN, serverEdits: SERVER_EDITS, scaleReps: SCALE_REPS, mkdocsPages: MKDOCS_PAGES, seed: SEED, peers: PEERS, budgetS: BUDGET_S, only: [...ONLY] },
    load: { before: loadBefore }, memorySource: TIME_BIN ? `${TIME_BIN} %M` : 'process.resourceUsage().maxRSS (bench/rusage.cjs)',
    corpus: { files: corpus.files, bytes: corpus.bytes, parts: corpus.byPart },
    peers: { markdownlintCli2: peers.mdl2.version, rumdl: peers.rumdl.version, rumdlBinary: path.relative(repo, peers.rumdl.bin) },
    sectionErrors: [],
  };
  const section = async (name, fn) => {
    try {
      await fn();
    } catch (error) {
      results.sectionErrors.push(`${name}: ${error?.stack ?? error}`);
      progress(`${name} failed: ${error?.message ?? error}`);
    }
  };

  let state;
  try {
    if (want('throughput') || want('profile')) {
      await section('throughput', async () => {
        state = await throughputSetup(work, corpus, peers);
        // rumdl: how many files it looked at (its JSON output has no summary); the markdownlint library's count on
        // the same files, to check markdownlint-cli2's "Summary:" figure (same markdownlint version, default rules).
        const rumdlText = await timeProcess(peers.rumdl.bin, ['check', '--no-config', '--no-cache', '--color', 'never', ...work.parts], { cwd: work.ws });
        peers.rumdlFiles = Number(/in \d+\/(\d+) files/.exec(rumdlText.stdout + rumdlText.stderr)?.[1]) || undefined;
        await primeCaches(state);
        if (want('throughput')) await throughputRound(state, corpus, 0);
      });
    }
    if (want('scale')) await section('scale', async () => { results.scale = await scaleCases(work, peers); });
    if (want('profile') && !NO_PROFILE) {
      await section('profile', async () => {
        results.profile = { cold: await profileCli(work, { cache: false }) };
        results.profile.warm = await profileCli(work, { cache: true });
      });
    }
    if (want('lsp')) {
      await section('lsp', async () => {
        results.lsp = [];
        results.lsp.push(await editLatency(work.draft, { label: 'generated draft', name: 'gpu-review-draft.md' }));
        const real = await draftFromCorpus(path.join(corpusRoot, 'zh'), { lines: DRAFT_LINES, seed: SEED });
        const l = await editLatency(real.text, { label: 'real posts (corpus/zh)', name: 'real-posts-draft.md' });
        l.sources = real.sources;
        l.cut = real.cut;
        results.lsp.push(l);
        // The real posts' draft: its edits are the slower ones (shorter sections, more links and anchors).
        if (PROFILE_SERVER) results.serverProfile = await profileServer(real.text);
      });
    }
    if (want('server')) await section('server', async () => { results.server = await serverMemory(work); });
    if (want('throughput') && state) {
      // Further rounds while the budget allows (the first ran before the other sections).
      await section('throughput', async () => {
        for (let rep = state.rounds; rep < REPS; rep++) {
          const roundS = state.roundSeconds ?? 0;
          if (elapsedS() + roundS * 1.1 + 5 > BUDGET_S) {
            results.budgetNote = `throughput: ${state.rounds} of ${REPS} rounds ran — one takes about ${roundS.toFixed(0)} s and the run's budget is ${BUDGET_S} s (--budget)`;
            progress(results.budgetNote);
            break;
          }
          await throughputRound(state, corpus, rep);
        }
      });
      results.throughput = summarizeThroughput(state, corpus, peers);
    }
  } finally {
    if (!KEEP) await fs.rm(work.tmp, { recursive: true, force: true });
    else log(`\n(kept ${work.tmp})`);
  }

  // Report ---------------------------------------------------------------------------------------------------
  if (results.throughput) printThroughput(results.throughput, corpus, peers);
  if (results.budgetNote) log(`   note: ${results.budgetNote}`);
  if (results.scale) printScale(results.scale);
  if (results.profile?.cold) printProfile(results.profile.cold, `\n== CPU profile of one Benchpress cold CLI run (--no-cache), ${results.profile.cold.wallS} s wall under the profiler`);
  if (results.profile?.warm) printProfile(results.profile.warm, `\n== CPU profile of one Benchpress warm CLI run (cache valid, nothing changed), ${results.profile.warm.wallS} s wall under the profiler`);
  if (results.lsp?.length) printLatency(results.lsp);
  if (results.serverProfile) printProfile(results.serverProfile, `\n== CPU profile of the language server during 30 edits of the real posts' draft only (profiled run: median ${results.serverProfile.medianMs} ms, p95 ${results.serverProfile.p95Ms} ms)`);
  if (results.server) printServer(results.server);

  results.goals = goalsOf(results);
  results.load.after = loadavg();
  results.totalSeconds = round(elapsedS(), 1);
  log('\n== Goals');
  for (const g of results.goals) log(`  ${g.met ? 'met   ' : 'MISSED'}  ${g.goal}: ${g.value}${g.note ? ` — note: ${g.note}` : ''}`);
  for (const e of results.sectionErrors) log(`  ERROR in ${e}`);
  log(`\nload average before: ${results.load.before.join(' ')}; after: ${results.load.after.join(' ')} (${os.cpus().length} cores); total ${results.totalSeconds} s`);
  const outDir = path.join(here, 'results');
  await fs.mkdir(outDir, { recursive: true });
  await fs.writeFile(path.join(outDir, 'latest.json'), JSON.stringify(results, null, 2) + '\n');
  await fs.writeFile(path.join(outDir, 'latest.md'), markdownSnippet(results, peers) + '\n');
  log(`figures: ${path.relative(process.cwd(), path.join(outDir, 'latest.json'))}; CHANGELOG snippet: ${path.relative(process.cwd(), path.join(outDir, 'latest.md'))}`);

  // The other benches (a real VS Code's activation time, the link checker on local servers, typography fix-all
  // against autocorrect-node and the typography rules' share of a cold check) in the full run.
  if (!QUICK && ONLY.size === 0) {
    for (const args of [[path.join(here, 'activation.mjs')], ['--import', 'tsx', path.join(here, 'links.mjs')], [path.join(here, 'typography.mjs')]]) {
      log('');
      const r = spawnSync(process.execPath, args, { cwd: repo, stdio: 'inherit' });
      if (r.status !== 0) log(`(${path.basename(args.at(-1))} exited with ${r.status ?? r.signal})`);
    }
  }
}

main().catch((error) => {
  console.error(error?.stack ?? String(error));
  process.exitCode = 1;
});
