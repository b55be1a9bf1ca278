// The built bundles start on their own (no node_modules beside them is needed at run time) and answer as a user
// first meets them: the CLI with its version and usage, the server by answering `initialize` (test/lsp/ goes on
// from there).
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { copyFileSync, cpSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';

const repo = path.resolve(__dirname, '..');

test('dist/cli.js runs from a folder of its own and prints its version and usage', () => {
  const dir = mkdtempSync(path.join(os.tmpdir(), 'bp-bundle-'));
  try {
    // The bin and its modules (dist/cli/: ES module chunks, loaded per command), nothing else.
    copyFileSync(path.join(repo, 'dist/cli.js'), path.join(dir, 'cli.js'));
    cpSync(path.join(repo, 'dist/cli'), path.join(dir, 'cli'), { recursive: true });
    const version = spawnSync(process.execPath, [path.join(dir, 'cli.js'), '--version'], { encoding: 'utf8', cwd: dir });
    assert.equal(version.status, 0, version.stderr);
    assert.equal(version.stdout.trim(), JSON.parse(readFileSync(path.join(repo, 'package.json'), 'utf8')).version);
    const help = spawnSync(process.execPath, [path.join(dir, 'cli.js'), '--help'], { encoding: 'utf8', cwd: dir });
    assert.equal(help.status, 0);
    assert.match(help.stdout, /benchpress lint/);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});
