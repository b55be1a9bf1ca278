// Fuzz cases through the CLI as a process (`dist/cli.js`), a batch of files per run:
//   - `lint --format json` exits 0, 1 or 2; with 2 it says why on stderr, with 0/1 it prints a report per file;
//   - nothing ever prints a stack trace (`at …(file:line:col)`) on stderr;
//   - `lint --fix` keeps code, front matter, raw HTML, spec tokens and link targets byte-identical, and a second
//     `--fix` changes nothing (the fix loop reached its fixed point).
import { spawnSync } from 'node:child_process';
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

function run(args: string[], cwd: string) {
  const r = spawnSync(process.execPath, [CLI, ...args], { cwd, encoding: 'utf8', timeout: CLI_TIMEOUT_MS, env: { ...process.env, NO_COLOR: '1' }, maxBuffer: 256 * 1024 * 1024 });
  return { status: r.status, signal: r.signal, stdout: r.stdout ?? '', stderr: r.stderr ?? '', error: r.error };
}

function processFailures(what: string, r: ReturnType<typeof run>, fail: (signature: string, detail: string) => void): boolean {
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
export function checkCliBatch(cases: CliCase[], options: { fix?: boolean } = {}): Map<number, Failure[]> {
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
    const lint = run(['lint', '--format', 'json', '--no-cache', ...names], ws.root);
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
      const fix1 = run(['lint', '--fix', '--format', 'json', ...names], ws.root);
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
        const fix2 = run(['lint', '--fix', '--format', 'json', ...names], ws.root);
        if (processFailures('fix', fix2, failFor(undefined))) {
          names.forEach((n, i) => {
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
        for (const [i, f] of checkCliBatch(part, options)) result.set(offset + i, [...(result.get(offset + i) ?? []).filter((x) => !f.some((y) => y.signature === x.signature)), ...f]);
      }
    }
  }
  return result;
}
