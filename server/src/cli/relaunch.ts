// Running a long `lint` again in a fresh Node process with one V8 helper thread, on machines with few cores.
//
// Node gives V8 four helper threads (compiling hot code, collecting garbage) whatever the machine. A lint run's own
// threads, the main thread and one analysis worker per core, already keep a small machine's cores busy, and the
// helpers then compete with them: on two cores a cold run over the bench corpus (431 files, 6 MB) took 5.1 s and
// 9.2 CPU-seconds with four helpers, 3.9 s and 7.0 CPU-seconds with one (on one core, 4.9 s against 4.5 s). Node
// takes the helper count only when it starts (`--v8-pool-size`), so a run with many files to analyse starts itself
// once more with one helper, and passes on its output, exit code and signals. Short runs stay in this process (a
// pre-commit hook's few files, a run the cache answers, one big file): a second Node start costs some 60 ms.
import { promises as fs } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { parseArgs } from './args';
import { LINT_FLAGS } from './lint-flags';

/** Up to this many cores the helpers compete with the run's own threads (a pool has one worker per core, up to four). */
const MAX_CORES = 4;
/** A run that analyses at least this many files (or a folder's) is long enough to pay for a second Node start. */
export const RELAUNCH_MIN_FILES = 16;
/** Set in the started process (so it never starts another); `0` in the environment also turns relaunching off. */
const ENV = 'BENCHPRESS_RELAUNCH';

/**
 * The new process's Node options: one V8 helper thread, and a main-thread young generation of at most 3 × 4 MB
 * (Node's default lets it grow to 3 × 16 MB): with the first process waiting beside it, the run's peak memory is
 * both processes' (on the bench corpus 216–220 MB instead of 243–258 for the new one, for 0–5 % more time; the
 * analysis workers set their own young generation).
 */
const RELAUNCH_NODE_OPTIONS = ['--v8-pool-size=1', '--max-semi-space-size=4'];

export type Relaunch = () => Promise<number>;

/**
 * How this process can run itself again with one helper thread, if it should: undefined when relaunching is off
 * (`BENCHPRESS_RELAUNCH=0`, or already relaunched), the machine has more than MAX_CORES cores (`=1` relaunches
 * whatever the cores), or Node was started with a helper count already (on its command line or in NODE_OPTIONS).
 */
export function relauncher(env: NodeJS.ProcessEnv = process.env): Relaunch | undefined {
  if (env[ENV] === '0' || process.execArgv.some((a) => a.startsWith('--v8-pool-size')) || env.NODE_OPTIONS?.includes('--v8-pool-size')) return undefined;
  const cores = os.availableParallelism?.() ?? os.cpus().length;
  if (env[ENV] !== '1' && cores > MAX_CORES) return undefined;
  return () => runAgain(env);
}

/** Whether the paths given to a run name many files: a folder, or RELAUNCH_MIN_FILES paths or more. */
export async function namesManyFiles(paths: readonly string[], cwd: string): Promise<boolean> {
  if (paths.length >= RELAUNCH_MIN_FILES) return true;
  for (const p of paths) {
    const stat = await fs.stat(path.resolve(cwd, p)).catch(() => undefined);
    if (stat?.isDirectory()) return true;
  }
  return false;
}

/**
 * Whether a `lint` run (its arguments) starts itself again before it loads anything else: one that reads no cache
 * (`--no-cache`, `--fix`) over many files. The first process then holds some 45 MB while it waits instead of 55 (the
 * lint command's modules loaded); a run that may be answered from its cache decides once it has asked (lint.ts).
 */
export async function relaunchesAtOnce(argv: readonly string[], cwd: string): Promise<boolean> {
  let args;
  try {
    args = parseArgs(argv, LINT_FLAGS);
  } catch {
    return false; // the lint command reports what is wrong with them
  }
  if (args.switches.has('help') || !(args.switches.has('no-cache') || args.switches.has('fix'))) return false;
  return namesManyFiles(args.positionals, cwd);
}

/**
 * Runs this command again in a new Node process with one helper thread (RELAUNCH_NODE_OPTIONS); its exit code. The new process writes to
 * this one's stdout and stderr; INT, TERM and HUP sent to this one are passed on (a CI job that is cancelled stops
 * both), and a new process ended by a signal ends this one by the same signal. Rejects when it cannot start.
 */
async function runAgain(env: NodeJS.ProcessEnv): Promise<number> {
  // Loaded only here: most runs never start again, and child_process is a tenth of a cached run's module loading.
  const { spawn } = await import('node:child_process');
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [...RELAUNCH_NODE_OPTIONS, ...process.execArgv, process.argv[1], ...process.argv.slice(2)], {
      stdio: 'inherit',
      env: { ...env, [ENV]: '0' },
    });
    const signals: NodeJS.Signals[] = ['SIGINT', 'SIGTERM', 'SIGHUP'];
    const forward = (signal: NodeJS.Signals) => child.kill(signal);
    for (const s of signals) process.on(s, forward);
    const stopForwarding = () => {
      for (const s of signals) process.off(s, forward);
    };
    child.once('error', (error) => {
      stopForwarding();
      reject(error);
    });
    child.once('exit', (code, signal) => {
      stopForwarding();
      if (signal) process.kill(process.pid, signal);
      else resolve(code ?? 1);
    });
  });
}
