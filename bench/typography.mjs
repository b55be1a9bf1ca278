// Chinese–English typography: fix-all throughput on ../shared/corpus/zh next to autocorrect-node on the same
// files, and what the typography rules add to a cold check (on vs off; goal ≤ 15 %). Through the built CLI.
//
//   node bench/typography.mjs [--reps N] [--quick] [--keep]
//
// Per round, in rotating order, each on a fresh copy of the corpus in a temp workspace with `.benchpress/`:
//   fix-all   `node dist/cli.js lint --fix --rules typography --format json --no-cache zh` (typography only)
//             `node dist/cli.js lint --fix --format json --no-cache zh` (every rule, for context)
//             `node node_modules/autocorrect-node/cli.js --fix --quiet zh` (autocorrect-node's own CLI; its
//             `.md` handling skips code, front matter and HTML as it sees them)
//             and autocorrect-node in process: `formatFor(text, 'markdown')` on every file, read beforehand
//   cold      `node dist/cli.js lint --format json --no-cache zh` with `{}` and with
//             `{"rules": {"typography": "off"}}` in `.benchpress/config.json`
// Wall time, CPU time (user + sys, all threads) and peak RSS from GNU time (/usr/bin/time) or, without it, from
// bench/rusage.cjs preloaded into the Node processes; medians over the rounds. Throughput = corpus bytes (UTF-8)
// per wall second. Also: files each fixer changed, and whether a second fix-all changes anything (Benchpress).
// Output: the report on stdout and bench/results/typography.json. Exits 0 even when the goal is missed.
import { spawn, spawnSync } from 'node:child_process';
import { promises as fs, existsSync, readFileSync, readdirSync, statSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { createRequire } from 'node:module';

const here = path.dirname(fileURLToPath(import.meta.url));
const repo = path.resolve(here, '..');
const corpus = path.resolve(repo, '../shared/corpus/zh');
const cli = path.join(repo, 'dist', 'cli.js');
const require = createRequire(import.meta.url);

const argv = process.argv.slice(2);
const opt = (name, fallback) => {
  const i = argv.indexOf(`--${name}`);
  return i >= 0 && argv[i + 1] !== undefined ? argv[i + 1] : fallback;
};
const QUICK = argv.includes('--quick');
const REPS = Math.max(1, Number(opt('reps', QUICK ? 3 : 5)));
const KEEP = argv.includes('--keep');
const GOAL_OVERHEAD = 0.15;

const TIME_BIN = ['/usr/bin/time', '/bin/time'].find((p) => existsSync(p) && spawnSync(p, ['-f', '%e', 'true']).status === 0);
const RUSAGE_PRELOAD = path.join(here, 'rusage.cjs');

/** Runs a command to completion: wall time; CPU (user + sys) and peak RSS from GNU time or bench/rusage.cjs. */
async function timeProcess(cmd, args, cwd) {
  const statFile = path.join(os.tmpdir(), `bench-typo-${process.pid}-${Math.random().toString(36).slice(2)}`);
  let file = cmd;
  let fileArgs = args;
  const env = { ...process.env, NO_COLOR: '1' };
  if (TIME_BIN) [file, fileArgs] = [TIME_BIN, ['-f', '%e %U %S %M', '-o', statFile, cmd, ...args]];
  else if (cmd === process.execPath) {
    fileArgs = ['--require', RUSAGE_PRELOAD, ...args];
    env.BENCH_RUSAGE_FILE = statFile;
  }
  const started = performance.now();
  const child = spawn(file, fileArgs, { cwd, env, stdio: ['ignore', 'pipe', 'pipe'] });
  const out = [];
  const err = [];
  child.stdout.on('data', (d) => out.push(d));
  child.stderr.on('data', (d) => err.push(d));
  const code = await new Promise((resolve, reject) => {
    child.on('error', reject);
    child.on('close', resolve);
  });
  const wallMs = performance.now() - started;
  let cpuMs;
  let maxRssMB;
  try {
    const f = (await fs.readFile(statFile, 'utf8')).trim().split('\n').pop().split(' ').map(Number);
    if (TIME_BIN) [cpuMs, maxRssMB] = [(f[1] + f[2]) * 1000, f[3] / 1024];
    else [cpuMs, maxRssMB] = [(f[0] + f[1]) / 1000, f[2] / 1024];
  } catch {
    /* no figures */
  }
  await fs.rm(statFile, { force: true });
  return { code, wallMs, cpuMs, maxRssMB, stdout: Buffer.concat(out).toString('utf8'), stderr: Buffer.concat(err).toString('utf8') };
}

function markdownFiles(dir) {
  return readdirSync(dir).sort().flatMap((name) => {
    const full = path.join(dir, name);
    return statSync(full).isDirectory() ? markdownFiles(full) : /\.(md|mdx)$/i.test(name) ? [full] : [];
  });
}

const median = (xs) => {
  const v = xs.filter((x) => typeof x === 'number' && Number.isFinite(x)).sort((a, b) => a - b);
  if (!v.length) return undefined;
  const m = v.length >> 1;
  return v.length % 2 ? v[m] : (v[m - 1] + v[m]) / 2;
};
const fmt = (x, digits = 0) => (x === undefined ? '—' : x.toFixed(digits));
const mbps = (bytes, ms) => (ms ? bytes / 1e6 / (ms / 1000) : undefined);

async function workspace(root, config) {
  await fs.mkdir(path.join(root, '.benchpress'), { recursive: true });
  await fs.writeFile(path.join(root, '.benchpress', 'config.json'), JSON.stringify(config));
  await fs.cp(corpus, path.join(root, 'zh'), { recursive: true });
}

/** Files under `dir` whose text differs from the corpus original. */
function changedFiles(dir) {
  const files = markdownFiles(corpus);
  return files.filter((f) => {
    const copy = path.join(dir, path.relative(corpus, f));
    return existsSync(copy) && readFileSync(copy, 'utf8') !== readFileSync(f, 'utf8');
  });
}

async function main() {
  if (!existsSync(cli)) throw new Error('dist/cli.js is missing: npm run build first');
  if (!existsSync(corpus)) throw new Error(`corpus not found: ${corpus}`);
  const files = markdownFiles(corpus);
  const bytes = files.reduce((n, f) => n + statSync(f).size, 0);
  let autocorrect;
  try {
    autocorrect = require('autocorrect-node');
  } catch (error) {
    console.log(`autocorrect-node is not installed (${error.message}); it is a devDependency: npm install`);
  }
  const acVersion = autocorrect ? JSON.parse(readFileSync(require.resolve('autocorrect-node/package.json'), 'utf8')).version : undefined;
  const acCli = autocorrect ? path.join(path.dirname(require.resolve('autocorrect-node/package.json')), 'cli.js') : undefined;
  const tmp = await fs.mkdtemp(path.join(os.tmpdir(), 'bench-typography-'));
  const log = (s = '') => console.log(s);
  log(`Typography bench: ${files.length} files, ${(bytes / 1e6).toFixed(2)} MB of ../shared/corpus/zh; ${REPS} rounds; ${os.cpus().length} cores, load ${os.loadavg().map((x) => x.toFixed(1)).join(' ')}`);

  const runs = { fixTypography: [], fixAll: [], autocorrectCli: [], autocorrectInProcess: [], coldOn: [], coldOff: [] };
  const changed = {};
  let secondRunChanges;
  const texts = files.map((f) => readFileSync(f, 'utf8'));

  const tasks = {
    fixTypography: async (dir) => {
      await workspace(dir, {});
      const r = await timeProcess(process.execPath, [cli, 'lint', '--fix', '--rules', 'typography', '--format', 'json', '--no-cache', 'zh'], dir);
      if (r.code !== 0 && r.code !== 1) throw new Error(`lint --fix exited ${r.code}: ${r.stderr.slice(0, 300)}`);
      changed.fixTypography ??= changedFiles(path.join(dir, 'zh')).length;
      if (secondRunChanges === undefined) {
        const once = markdownFiles(path.join(dir, 'zh')).map((f) => readFileSync(f, 'utf8'));
        spawnSync(process.execPath, [cli, 'lint', '--fix', '--rules', 'typography', '--format', 'json', '--no-cache', 'zh'], { cwd: dir });
        secondRunChanges = markdownFiles(path.join(dir, 'zh')).filter((f, i) => readFileSync(f, 'utf8') !== once[i]).length;
      }
      return r;
    },
    fixAll: async (dir) => {
      await workspace(dir, {});
      const r = await timeProcess(process.execPath, [cli, 'lint', '--fix', '--format', 'json', '--no-cache', 'zh'], dir);
      if (r.code !== 0 && r.code !== 1) throw new Error(`lint --fix exited ${r.code}: ${r.stderr.slice(0, 300)}`);
      return r;
    },
    autocorrectCli: acCli && (async (dir) => {
      await workspace(dir, {});
      const r = await timeProcess(process.execPath, [acCli, '--fix', '--quiet', 'zh'], dir);
      changed.autocorrectCli ??= changedFiles(path.join(dir, 'zh')).length;
      return r;
    }),
    autocorrectInProcess: autocorrect && (async () => {
      const started = performance.now();
      const cpu = process.cpuUsage();
      let n = 0;
      for (const t of texts) if (autocorrect.formatFor(t, 'markdown') !== t) n++;
      const used = process.cpuUsage(cpu);
      changed.autocorrectInProcess ??= n;
      return { wallMs: performance.now() - started, cpuMs: (used.user + used.system) / 1000 };
    }),
    coldOn: async (dir) => {
      if (!existsSync(path.join(dir, 'zh'))) await workspace(dir, {});
      return timeProcess(process.execPath, [cli, 'lint', '--format', 'json', '--no-cache', 'zh'], dir);
    },
    coldOff: async (dir) => {
      if (!existsSync(path.join(dir, 'zh'))) await workspace(dir, { rules: { typography: 'off' } });
      return timeProcess(process.execPath, [cli, 'lint', '--format', 'json', '--no-cache', 'zh'], dir);
    },
  };
  const names = Object.keys(tasks).filter((k) => tasks[k]);
  for (let round = 0; round < REPS; round++) {
    // Rotating order, so no task always runs first (cold file cache) or last.
    const order = names.map((_, i) => names[(i + round) % names.length]);
    for (const name of order) {
      const dir = name.startsWith('cold') ? path.join(tmp, name) : path.join(tmp, `${name}-${round}`);
      const r = await tasks[name](dir);
      runs[name].push({ wallMs: r.wallMs, cpuMs: r.cpuMs, maxRssMB: r.maxRssMB });
      if (!name.startsWith('cold') && !KEEP) await fs.rm(dir, { recursive: true, force: true });
    }
    process.stdout.write(`  round ${round + 1}/${REPS} done\n`);
  }

  const figure = (name) => ({ wallMs: median(runs[name].map((r) => r.wallMs)), cpuMs: median(runs[name].map((r) => r.cpuMs)), maxRssMB: median(runs[name].map((r) => r.maxRssMB)) });
  const f = Object.fromEntries(names.map((n) => [n, figure(n)]));
  const label = {
    fixTypography: 'Benchpress lint --fix --rules typography',
    fixAll: 'Benchpress lint --fix (every rule)',
    autocorrectCli: `autocorrect-node ${acVersion ?? ''} CLI --fix`,
    autocorrectInProcess: `autocorrect-node ${acVersion ?? ''} formatFor() in process`,
  };
  log('\nFix-all throughput (median wall; MB/s of the corpus; CPU = user + sys of all threads):');
  log(`  ${'fixer'.padEnd(48)} ${'wall ms'.padStart(8)} ${'CPU ms'.padStart(8)} ${'MB/s'.padStart(6)} ${'files/s'.padStart(8)} ${'RSS MB'.padStart(7)} ${'changed'.padStart(8)}`);
  for (const n of ['fixTypography', 'fixAll', 'autocorrectCli', 'autocorrectInProcess'].filter((k) => f[k])) {
    const x = f[n];
    log(`  ${label[n].padEnd(48)} ${fmt(x.wallMs).padStart(8)} ${fmt(x.cpuMs).padStart(8)} ${fmt(mbps(bytes, x.wallMs), 2).padStart(6)} ${fmt(x.wallMs ? files.length / (x.wallMs / 1000) : undefined, 1).padStart(8)} ${fmt(x.maxRssMB).padStart(7)} ${String(changed[n] ?? '—').padStart(8)}`);
  }
  if (f.autocorrectCli) log(`  Benchpress typography fix-all takes ×${fmt(f.fixTypography.wallMs / f.autocorrectCli.wallMs, 2)} the wall time of autocorrect's CLI (×${fmt(f.fixTypography.cpuMs / f.autocorrectCli.cpuMs, 2)} its CPU).`);
  log(`  A second typography fix-all changed ${secondRunChanges} file(s) (0 = fixed point).`);

  const overheadCpu = f.coldOn.cpuMs / f.coldOff.cpuMs - 1;
  const overheadWall = f.coldOn.wallMs / f.coldOff.wallMs - 1;
  log('\nCold check (`lint --format json --no-cache zh`), typography rules on vs off:');
  log(`  on:  wall ${fmt(f.coldOn.wallMs)} ms, CPU ${fmt(f.coldOn.cpuMs)} ms, RSS ${fmt(f.coldOn.maxRssMB)} MB`);
  log(`  off: wall ${fmt(f.coldOff.wallMs)} ms, CPU ${fmt(f.coldOff.cpuMs)} ms, RSS ${fmt(f.coldOff.maxRssMB)} MB`);
  log(`  overhead: CPU ${fmt(overheadCpu * 100, 1)} %, wall ${fmt(overheadWall * 100, 1)} % (goal ≤ ${GOAL_OVERHEAD * 100} %: ${overheadCpu <= GOAL_OVERHEAD ? 'met' : 'MISSED'} on CPU, ${overheadWall <= GOAL_OVERHEAD ? 'met' : 'missed'} on wall)`);
  log(`  load average after: ${os.loadavg().map((x) => x.toFixed(1)).join(' ')}`);

  const outDir = path.join(here, 'results');
  await fs.mkdir(outDir, { recursive: true });
  const result = { date: new Date().toISOString(), files: files.length, bytes, reps: REPS, autocorrectVersion: acVersion, medians: f, runs, changed, secondRunChanges, overhead: { cpu: overheadCpu, wall: overheadWall, goal: GOAL_OVERHEAD }, timeSource: TIME_BIN ?? 'bench/rusage.cjs' };
  await fs.writeFile(path.join(outDir, 'typography.json'), JSON.stringify(result, null, 2) + '\n');
  log(`figures: ${path.relative(process.cwd(), path.join(outDir, 'typography.json'))}`);
  if (KEEP) log(`kept: ${tmp}`);
  else await fs.rm(tmp, { recursive: true, force: true });
}

main().catch((error) => {
  console.error(error?.stack ?? String(error));
  process.exitCode = 1;
});
