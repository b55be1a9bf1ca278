// Fuzz cases through the CLI as a process (`dist/cli.js`), a batch of files per run (one process for the whole
// batch; a batch that fails as a whole is split in halves down to single files to find the culprit):
//   - `lint --format json` exits 0, 1 or 2; with 2 it says why on stderr, with 0/1 it prints a report per file;
//   - nothing ever prints a stack trace (`at …(file:line:col)`) on stderr;
//   - `lint --fix` keeps code, front matter, raw HTML, spec tokens and link targets byte-identical, and a second
//     `--fix` changes nothing (the fix loop reached its fixed point). The second run is given the files the first
//     one changed: a file the first run left as it was is at its fixed point already (fixes are a function of the
//     text, the config and the workspace, and the batch's files never link to one another — they are f0.md, f1.md, …
//     which no generated document names).
// The processes run asynchronously, so the engine checks LSP cases while a CLI batch runs.
import { spawn } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { CLI, tempWorkspace } from '../../support/workspace';
import { protectedDifferences, classifyTargetChange } from './fix-props';
import type { Failure } from './lsp-check';

export interface CliCase {
  ext: 'md' | 'mdx';
  text: string;
}

export const CLI_TIMEOUT_MS = 120_000;
/** A stack frame as Node prints it: `    at fn (/path/file.js:12:34)` or `    at /path/file.js:12:34`. */
export const STACK_FRAME = /^\s*at\s+(?:.*\()?[^\s()]*:\d+:\d+\)?\s*$/m;

interface RunResult {
  status: number | null;
  signal: NodeJS.Signals | null;
  stdout: string;
  stderr: string;
  error?: Error;
}

function run(args: string[], cwd: string): Promise<RunResult> {
  return new Promise((resolve) => {
    const child = spawn(process.execPath, [CLI, ...args], { cwd, env: { ...process.env, NO_COLOR: '1' }, stdio: ['ignore', 'pipe', 'pipe'] });
    const out: Buffer[] = [];
    const err: Buffer[] = [];
    let error: Error | undefined;
    const timer = setTimeout(() => {
      error = new Error(`timed out after ${CLI_TIMEOUT_MS} ms`);
      child.kill('SIGTERM');
    }, CLI_TIMEOUT_MS);
    child.stdout!.on('data', (d: Buffer) => out.push(d));
    child.stderr!.on('data', (d: Buffer) => err.push(d));
    child.on('error', (e) => (error = e));
    child.on('close', (status, signal) => {
      clearTimeout(timer);
      resolve({ status, signal, stdout: Buffer.concat(out).toString('utf8'), stderr: Buffer.concat(err).toString('utf8'), error });
    });
  });
}

function processFailures(what: string, r: RunResult, fail: (signature: string, detail: string) => void): boolean {
  if (r.error || r.signal) {
    fail(`cli-${what}-killed`, `${what}: ${r.error?.message ?? r.signal}; stderr: ${r.stderr.slice(-500)}`);
    return false;
  }
  const frame = STACK_FRAME.exec(r.stderr);
  if (frame) fail(`cli-${what}-stack-trace:${r.stderr.split('\n')[0].replace(/\d+/g, 'N').slice(0, 80)}`, `${what} printed a stack trace: ${r.stderr.slice(0, 800)}`);
  if (r.status !== 0 && r.status !== 1 && r.status !== 2) fail(`cli-${what}-exit-${r.status}`, `${what} exited ${r.status}; stderr: ${r.stderr.slice(0, 500)}`);
  if (r.status === 2 && r.stderr.trim() === '') fail(`cli-${what}-silent-exit-2`, `${what} exited 2 without a message`);
  return true;
}

/** Checks the cases in one run (and one --fix run); failures per case index. Failing batches are split. */
export async function checkCliBatch(cases: CliCase[], options: { fix?: boolean } = {}): Promise<Map<number, Failure[]>> {
  const result = new Map<number, Failure[]>();
  const batchFailures: Failure[] = [];
  const failFor = (i: number | undefined) => (signature: string, detail: string) => {
    const list = i === undefined ? batchFailures : (result.get(i) ?? result.set(i, []).get(i)!);
    if (!list.some((f) => f.signature === signature)) list.push({ signature, detail });
  };
  const ws = tempWorkspace();
  try {
    const names = cases.map((c, i) => `f${i}.${c.ext}`);
    cases.forEach((c, i) => ws.write(names[i], c.text));
    const lint = await run(['lint', '--format', 'json', '--no-cache', ...names], ws.root);
    if (processFailures('lint', lint, failFor(undefined)) && (lint.status === 0 || lint.status === 1)) {
      let reports: { file: string }[] | undefined;
      try {
        reports = JSON.parse(lint.stdout);
      } catch {
        failFor(undefined)('cli-lint-not-json', `lint --format json printed no JSON (exit ${lint.status}): ${lint.stdout.slice(0, 300)}`);
      }
      if (reports) names.forEach((n, i) => {
        if (!reports!.some((r) => r.file === n || r.file.endsWith('/' + n))) failFor(i)('cli-lint-no-report', `no report for ${n}`);
      });
    }
    if (options.fix !== false && batchFailures.length === 0) {
      const fix1 = await run(['lint', '--fix', '--format', 'json', ...names], ws.root);
      if (processFailures('fix', fix1, failFor(undefined))) {
        const once = names.map((n) => readFileSync(ws.file(n), 'utf8'));
        once.forEach((after, i) => {
          const before = Buffer.from(cases[i].text, 'utf8').toString('utf8'); // lone surrogates as written to disk
          if (cases[i].ext !== 'md' || after === before) return;
          for (const problem of protectedDifferences(before, after)) {
            const kind = problem.startsWith('targets') ? classifyTargetChange(problem) : 'other';
            if (kind === 'intended') continue;
            failFor(i)(`fix-changed:${problem.split(' ')[0]}${kind === 'url-cut' ? '(url-cut)' : ''}`, `lint --fix: ${problem}`);
          }
        });
        const changed = names.filter((_, i) => once[i] !== Buffer.from(cases[i].text, 'utf8').toString('utf8'));
        const fix2 = changed.length === 0 ? undefined : await run(['lint', '--fix', '--format', 'json', ...changed], ws.root);
        if (fix2 && processFailures('fix', fix2, failFor(undefined))) {
          names.forEach((n, i) => {
            if (!changed.includes(n)) return;
            const twice = readFileSync(ws.file(n), 'utf8');
            if (twice !== once[i]) failFor(i)('fix-not-fixed-point', `a second lint --fix changed ${n} again (${once[i].length} → ${twice.length} chars)`);
          });
        }
      }
    }
  } finally {
    ws.dispose();
  }
  if (batchFailures.length > 0) {
    if (cases.length === 1) result.set(0, [...(result.get(0) ?? []), ...batchFailures]);
    else {
      // Which files cause it: halves, until single files.
      const mid = Math.ceil(cases.length / 2);
      for (const [offset, part] of [[0, cases.slice(0, mid)], [mid, cases.slice(mid)]] as const) {
        for (const [i, f] of await checkCliBatch(part, options)) result.set(offset + i, [...(result.get(offset + i) ?? []).filter((x) => !f.some((y) => y.signature === x.signature)), ...f]);
      }
    }
  }
  return result;
}
