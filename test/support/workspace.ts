// Test support: throwaway workspaces on disk and the built CLI run as a process.
import { mkdtempSync, mkdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { spawnSync, type SpawnSyncReturns } from 'node:child_process';

export const REPO = path.resolve(__dirname, '../..');
export const CLI = path.join(REPO, 'dist', 'cli.js');
export const SERVER = path.join(REPO, 'dist', 'server.js');

export interface TempWorkspace {
  root: string;
  file(rel: string): string;
  write(rel: string, content: string | Buffer): string;
  dispose(): void;
}

/** A folder with `.benchpress/` (so it is a workspace root) and the given files. */
export function tempWorkspace(files: Record<string, string | Buffer> = {}): TempWorkspace {
  const root = mkdtempSync(path.join(tmpdir(), 'bp-test-'));
  mkdirSync(path.join(root, '.benchpress'), { recursive: true });
  const write = (rel: string, content: string | Buffer) => {
    const full = path.join(root, rel);
    mkdirSync(path.dirname(full), { recursive: true });
    writeFileSync(full, content);
    return full;
  };
  for (const [rel, content] of Object.entries(files)) write(rel, content);
  return { root, file: (rel) => path.join(root, rel), write, dispose: () => rmSync(root, { recursive: true, force: true }) };
}

/** The built CLI as a process; `env` adds to (or, with `undefined` values, removes from) the environment. */
export function runCli(args: string[], cwd: string, input?: string, env: Record<string, string | undefined> = {}): SpawnSyncReturns<string> {
  return spawnSync(process.execPath, [CLI, ...args], { cwd, encoding: 'utf8', input, timeout: 60000, env: { ...process.env, NO_COLOR: '1', ...env } });
}

export interface JsonReport {
  file: string;
  diagnostics: { line: number; column: number; endLine: number; endColumn: number; severity: string; code: string; message: string }[];
}

export function lintJson(args: string[], cwd: string): { status: number | null; reports: JsonReport[]; stderr: string } {
  const r = runCli(['lint', '--format', 'json', ...args], cwd);
  let reports: JsonReport[] = [];
  try {
    reports = JSON.parse(r.stdout);
  } catch {
    throw new Error(`not JSON (exit ${r.status}): ${r.stdout.slice(0, 300)} ${r.stderr.slice(0, 300)}`);
  }
  return { status: r.status, reports, stderr: r.stderr };
}

export const codes = (reports: JsonReport[], file?: string) =>
  reports.filter((r) => !file || r.file.endsWith(file)).flatMap((r) => r.diagnostics.map((d) => d.code));
