// A lint run with many files to analyse, on a machine with few cores, starts itself again with one V8 helper thread
// (server/src/cli/relaunch.ts). Seen from outside it must be the same command: the same output and exit code as a
// run in one process, a cancelled run stops both processes, and short runs never start a second one. The CLI runs as
// a process with a preloaded probe that records each Node process of the run (its pid, parent and Node options).
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { spawn, spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { CLI, tempWorkspace, type TempWorkspace } from '../support/workspace';
import { EN_TUTORIAL_COMPLETE, ZH_REVIEW_MISSING_COST } from '../support/drafts';

interface Started {
  pid: number;
  ppid: number;
  execArgv: string[];
}

/** A folder of drafts with findings (a folder is "many files" whatever it holds). */
function workspace(): TempWorkspace {
  return tempWorkspace({
    'posts/review.md': ZH_REVIEW_MISSING_COST,
    'posts/tutorial.md': EN_TUTORIAL_COMPLETE,
    'posts/notes.md': '# Notes\n\n我们在RunPod上租用了8张H100。\n\n[missing](gone.md)\n',
  });
}

/** The probe: each Node process of the run appends what it is to `log`. */
function probe(dir: string): { preload: string; started: () => Started[] } {
  const log = path.join(dir, 'started.jsonl');
  const preload = path.join(dir, 'probe.cjs');
  writeFileSync(preload, `if (require('node:worker_threads').isMainThread) require('node:fs').appendFileSync(${JSON.stringify(log)}, JSON.stringify({ pid: process.pid, ppid: process.ppid, execArgv: process.execArgv }) + '\\n');\n`);
  return { preload, started: () => (existsSync(log) ? readFileSync(log, 'utf8').trim().split('\n').map((l) => JSON.parse(l) as Started) : []) };
}

function lint(ws: TempWorkspace, preload: string, args: string[], relaunch: string, env: Record<string, string> = {}) {
  return spawnSync(process.execPath, ['--require', preload, CLI, 'lint', '--format', 'json', ...args], { cwd: ws.root, encoding: 'utf8', timeout: 60000, env: { ...process.env, NO_COLOR: '1', BENCHPRESS_RELAUNCH: relaunch, ...env } });
}

test('a run over a folder starts itself again with one V8 helper thread, and prints what a run in one process prints', () => {
  const ws = workspace();
  const dir = mkdtempSync(path.join(tmpdir(), 'bp-relaunch-'));
  try {
    const one = probe(dir);
    const single = lint(ws, one.preload, ['--no-cache', 'posts'], '0');
    assert.equal(one.started().length, 1, 'BENCHPRESS_RELAUNCH=0: one process');
    rmSync(path.join(dir, 'started.jsonl'));

    const relaunched = lint(ws, one.preload, ['--no-cache', 'posts'], '1');
    const started = one.started();
    assert.equal(started.length, 2, `a second process started: ${JSON.stringify(started)}`);
    assert.equal(started[1].ppid, started[0].pid, 'started by the first');
    assert.ok(started[1].execArgv.includes('--v8-pool-size=1'), `with one helper thread: ${started[1].execArgv.join(' ')}`);
    assert.ok(started[1].execArgv.includes('--require'), 'with the Node options of the first');

    assert.equal(relaunched.stdout, single.stdout, 'the same report');
    assert.equal(relaunched.status, single.status, 'the same exit code');
    assert.equal(relaunched.status, 1, 'the drafts have findings');
    assert.ok(JSON.parse(relaunched.stdout).length === 3);
  } finally {
    rmSync(dir, { recursive: true, force: true });
    ws.dispose();
  }
});

test('short runs stay in one process (a run of one file, a re-run the cache answers); a run with a cache decides once it asked', () => {
  const ws = workspace();
  const dir = mkdtempSync(path.join(tmpdir(), 'bp-relaunch-'));
  try {
    const one = probe(dir);
    lint(ws, one.preload, ['--no-cache', 'posts/notes.md'], '1');
    assert.equal(one.started().length, 1, 'one file');
    rmSync(path.join(dir, 'started.jsonl'));
    // Node started with a helper count of the user's: kept.
    lint(ws, one.preload, ['--no-cache', 'posts'], '1', { NODE_OPTIONS: '--v8-pool-size=2' });
    assert.equal(one.started().length, 1, 'NODE_OPTIONS sets the helper count');
    rmSync(path.join(dir, 'started.jsonl'));
    // The first cached run finds no cache to ask and analyses the folder: it starts again once it knows that.
    const filling = lint(ws, one.preload, ['posts'], '1');
    assert.equal(one.started().length, 2, 'the run that fills the cache');
    assert.equal(JSON.parse(filling.stdout).length, 3);
    rmSync(path.join(dir, 'started.jsonl'));
    const answered = lint(ws, one.preload, ['posts'], '1');
    assert.equal(one.started().length, 1, 'answered from the cache');
    assert.equal(JSON.parse(answered.stdout).length, 3);
  } finally {
    rmSync(dir, { recursive: true, force: true });
    ws.dispose();
  }
});

test('a relaunched run that is stopped (SIGTERM, as a cancelled CI job) stops its second process too', async (t) => {
  if (process.platform === 'win32') return t.skip('POSIX signals');
  // Enough drafts that the run is still going when it is stopped.
  const files: Record<string, string> = {};
  for (let i = 0; i < 200; i++) files[`posts/d${i}.md`] = `${ZH_REVIEW_MISSING_COST}\n\n${'段落。'.repeat(200)}${i}\n`;
  const ws = tempWorkspace(files);
  const dir = mkdtempSync(path.join(tmpdir(), 'bp-relaunch-'));
  try {
    const one = probe(dir);
    const parent = spawn(process.execPath, ['--require', one.preload, CLI, 'lint', '--format', 'json', '--no-cache', 'posts'], { cwd: ws.root, stdio: 'ignore', env: { ...process.env, BENCHPRESS_RELAUNCH: '1' } });
    const exited = new Promise<NodeJS.Signals | null>((resolve) => parent.once('exit', (_code, signal) => resolve(signal)));
    let second: Started | undefined;
    for (let i = 0; i < 400 && !second; i++) {
      await new Promise((r) => setTimeout(r, 25));
      second = one.started().find((s) => s.ppid === parent.pid);
    }
    assert.ok(second, 'the second process started');
    parent.kill('SIGTERM');
    assert.equal(await exited, 'SIGTERM', 'the first process ends by the signal it was sent');
    const alive = () => {
      try {
        process.kill(second!.pid, 0);
        return true;
      } catch {
        return false;
      }
    };
    for (let i = 0; i < 40 && alive(); i++) await new Promise((r) => setTimeout(r, 25));
    assert.equal(alive(), false, 'the second process is gone');
  } finally {
    rmSync(dir, { recursive: true, force: true });
    ws.dispose();
  }
});
