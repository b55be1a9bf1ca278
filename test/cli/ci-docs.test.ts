// docs/ci.md as a user follows it: the blocks marked `<!-- test: … -->` are taken from the file and run in a
// throwaway Git repository where this build is installed as `npm install --save-dev file:…` would install it
// (node_modules/benchpress → the repository, node_modules/.bin/benchpress → its dist/cli.js). The plain hook runs
// under a real `git commit`; the pre-commit framework's entry gets the staged files that match its `files`; the
// workflow steps that call benchpress run as GitHub's runner would run them (sh -e, GITHUB_WORKSPACE set).
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync, type SpawnSyncReturns } from 'node:child_process';
import { chmodSync, existsSync, mkdirSync, readFileSync, symlinkSync } from 'node:fs';
import path from 'node:path';
import { parse as parseYaml } from 'yaml';
import { CLI, REPO, tempWorkspace, type TempWorkspace } from '../support/workspace';
import { readXml } from '../../server/src/gpu/smi/xml-reader';

const DOC = readFileSync(path.join(REPO, 'docs', 'ci.md'), 'utf8');

/** The fenced block right after `<!-- test: NAME -->`. */
function block(name: string): string {
  const match = new RegExp(`<!-- test: ${name} -->\\n\`\`\`\\w*\\n([\\s\\S]*?)\\n\`\`\`\\n`).exec(DOC);
  assert.ok(match, `docs/ci.md has a block marked "test: ${name}"`);
  return match[1] + '\n';
}

const has = (command: string, args = ['--version']) => spawnSync(command, args, { encoding: 'utf8' }).status === 0;
const missing = !has('git') ? 'git is not installed' : !has('npx') ? 'npx (npm) is not installed' : !has('sh', ['-c', 'exit 0']) ? 'no POSIX shell' : false;
const skip = process.platform === 'win32' ? 'the documented hooks and steps are POSIX shell' : missing;

const BAD = '# 草稿\n\n参见[规格][specs]。\n';
const CLEAN = '# Fine\n\nNothing to report.\n';

interface Repo extends TempWorkspace {
  git(...args: string[]): SpawnSyncReturns<string>;
  sh(script: string, args?: string[], env?: Record<string, string | undefined>): SpawnSyncReturns<string>;
}

/** A Git repository with one commit, this build installed as a dev dependency, English messages. */
function repo(): Repo {
  const ws = tempWorkspace({ 'README.md': '# Drafts\n\nSee the drafts.\n', 'package.json': JSON.stringify({ private: true, devDependencies: { benchpress: `file:${REPO}` } }), '.gitignore': 'node_modules/\n.benchpress/.cache/\n' });
  mkdirSync(ws.file('node_modules/.bin'), { recursive: true });
  symlinkSync(REPO, ws.file('node_modules/benchpress'), 'dir');
  symlinkSync('../benchpress/dist/cli.js', ws.file('node_modules/.bin/benchpress'));
  const env = { ...process.env, NO_COLOR: '1', GIT_AUTHOR_NAME: 'Writer', GIT_AUTHOR_EMAIL: 'w@example.com', GIT_COMMITTER_NAME: 'Writer', GIT_COMMITTER_EMAIL: 'w@example.com', GITHUB_WORKSPACE: undefined, GITHUB_ACTIONS: undefined, npm_config_update_notifier: 'false' };
  const git = (...args: string[]) => spawnSync('git', ['-c', 'core.hooksPath=.git/hooks', '-c', 'commit.gpgsign=false', ...args], { cwd: ws.root, encoding: 'utf8', env, timeout: 120_000 });
  const sh = (script: string, args: string[] = [], extra: Record<string, string | undefined> = {}) => spawnSync('sh', ['-e', '-c', script, 'sh', ...args], { cwd: ws.root, encoding: 'utf8', env: { ...env, ...extra }, timeout: 120_000 });
  assert.equal(git('init', '-q').status, 0);
  assert.equal(git('add', 'README.md', 'package.json', '.gitignore').status, 0);
  assert.equal(git('commit', '-q', '-m', 'start').status, 0);
  return Object.assign(ws, { git, sh });
}

test('the CLI is executable with a shebang, so an installed bin runs it', { skip: process.platform === 'win32' ? 'no executable bit on Windows' : false }, () => {
  assert.match(readFileSync(CLI, 'utf8').slice(0, 40), /^#!\/usr\/bin\/env node\n/);
  const direct = spawnSync(CLI, ['--version'], { encoding: 'utf8' });
  assert.equal(direct.status, 0, direct.stderr);
});

test('docs/ci.md plain pre-commit hook: passes with no Markdown staged, blocks a bad draft (names with spaces and Chinese), leaves deleted files out', { skip }, () => {
  const r = repo();
  try {
    const hook = r.write('.git/hooks/pre-commit', block('pre-commit-hook'));
    chmodSync(hook, 0o755);
    const head = () => r.git('rev-parse', 'HEAD').stdout.trim();

    r.write('notes.txt', 'not a draft\n');
    r.git('add', 'notes.txt');
    const plain = r.git('commit', '-m', 'notes');
    assert.equal(plain.status, 0, plain.stdout + plain.stderr);
    assert.match(plain.stderr, /No Markdown files to check\./);

    const before = head();
    r.write('posts/评测 草稿.md', BAD);
    r.git('add', 'posts');
    const blocked = r.git('commit', '-m', 'draft');
    assert.notEqual(blocked.status, 0, 'the commit is refused');
    assert.equal(head(), before);
    assert.match(blocked.stdout + blocked.stderr, /posts\/评测 草稿\.md:3:3 +warning +Reference \[specs\] is not defined\. +links\/undefined-reference/);

    r.write('posts/评测 草稿.md', BAD + '\n[specs]: https://example.com/specs\n');
    r.git('add', 'posts');
    const fixed = r.git('commit', '-m', 'draft');
    assert.equal(fixed.status, 0, fixed.stdout + fixed.stderr);
    assert.match(fixed.stdout + fixed.stderr, /No problems in 1 file/);

    // Deleting a draft and adding a clean one: only the clean one is checked.
    r.git('rm', '-q', 'posts/评测 草稿.md');
    r.write('posts/clean.md', CLEAN);
    r.git('add', 'posts/clean.md');
    const swap = r.git('commit', '-m', 'swap');
    assert.equal(swap.status, 0, swap.stdout + swap.stderr);
    assert.match(swap.stdout + swap.stderr, /No problems in 1 file/);
  } finally {
    r.dispose();
  }
});

test('the README shows the same hook command as docs/ci.md', () => {
  const command = block('pre-commit-hook').split('\n').find((l) => l.startsWith('git diff'));
  assert.ok(command);
  assert.ok(readFileSync(path.join(REPO, 'README.md'), 'utf8').includes(`\n${command}\n`), command);
});

test('docs/ci.md pre-commit framework hook: a local hook on the installed package; its entry fails on a bad draft and passes a clean one', { skip }, () => {
  const config = parseYaml(block('pre-commit-framework'));
  const hook = config.repos[0].hooks[0];
  assert.equal(config.repos[0].repo, 'local');
  assert.equal(hook.language, 'system');
  // pre-commit matches `files` (a Python regex; this one reads the same in JavaScript) against staged paths.
  const files = new RegExp(hook.files);
  assert.deepEqual(['a.md', 'b/c.mdx', 'notes.txt', 'a.md.bak'].filter((f) => files.test(f)), ['a.md', 'b/c.mdx']);
  const r = repo();
  try {
    r.write('bad.md', BAD);
    r.write('clean.md', CLEAN);
    const run = (paths: string[]) => r.sh(`${hook.entry} "$@"`, paths);
    const bad = run(['bad.md', 'clean.md']);
    assert.equal(bad.status, 1, bad.stdout + bad.stderr);
    assert.match(bad.stdout, /bad\.md:3:3 +warning/);
    assert.equal(run(['clean.md']).status, 0);
  } finally {
    r.dispose();
  }
});

/** The `run:` steps of a workflow that call benchpress, in order. */
function benchpressSteps(workflow: { jobs: Record<string, { steps: { run?: string; uses?: string; with?: Record<string, unknown> }[] }> }) {
  const steps = Object.values(workflow.jobs).flatMap((job) => job.steps);
  return { steps, runs: steps.flatMap((s) => (s.run && /\bbenchpress\b/.test(s.run) ? [s.run] : [])) };
}

test('docs/ci.md GitHub workflow: Node 20, and its lint step prints annotations relative to the checkout and fails the job on a warning', { skip }, () => {
  const { steps, runs } = benchpressSteps(parseYaml(block('github-workflow')));
  assert.ok(steps.some((s) => s.uses?.startsWith('actions/checkout@')));
  assert.equal(steps.find((s) => s.uses?.startsWith('actions/setup-node@'))?.with?.['node-version'], 20);
  assert.equal(runs.length, 1);
  const r = repo();
  try {
    r.write('posts/bad.md', BAD);
    r.write('posts/clean.md', CLEAN);
    const step = r.sh(runs[0], [], { GITHUB_ACTIONS: 'true', GITHUB_WORKSPACE: r.root });
    assert.equal(step.status, 1, step.stdout + step.stderr);
    assert.match(step.stdout, /^::warning file=posts\/bad\.md,line=3,col=3,endLine=3,endColumn=\d+,title=links\/undefined-reference::Reference \[specs\] is not defined\.$/m);
    assert.match(step.stdout, /1 problem .* in 1 of 3 files/);
    r.write('posts/bad.md', CLEAN);
    assert.equal(r.sh(runs[0], [], { GITHUB_ACTIONS: 'true', GITHUB_WORKSPACE: r.root }).status, 0);
  } finally {
    r.dispose();
  }
});

test('docs/ci.md SARIF workflow: the lint step passes and writes the SARIF file the upload step names', { skip }, () => {
  const workflow = parseYaml(block('github-sarif'));
  assert.equal(workflow.permissions['security-events'], 'write');
  const { steps, runs } = benchpressSteps(workflow);
  const upload = steps.find((s) => s.uses?.startsWith('github/codeql-action/upload-sarif@'));
  assert.ok(upload);
  const r = repo();
  try {
    r.write('posts/bad.md', BAD);
    const step = r.sh(runs[0], [], { GITHUB_ACTIONS: 'true', GITHUB_WORKSPACE: r.root });
    assert.equal(step.status, 0, step.stderr);
    const sarif = JSON.parse(readFileSync(r.file(String(upload.with!.sarif_file)), 'utf8'));
    const result = sarif.runs[0].results.find((x: { ruleId: string }) => x.ruleId === 'links/undefined-reference');
    assert.deepEqual(result.locations[0].physicalLocation.artifactLocation, { uri: 'posts/bad.md', uriBaseId: 'SRCROOT' });
  } finally {
    r.dispose();
  }
});

test('docs/ci.md GitLab job: the script writes the JUnit report the job keeps', { skip }, () => {
  const job = parseYaml(block('gitlab-junit')).benchpress;
  const r = repo();
  try {
    r.write('posts/bad.md', BAD);
    r.write('posts/clean.md', CLEAN);
    const lint = job.script.find((line: string) => /\bbenchpress\b/.test(line));
    const step = r.sh(lint);
    assert.equal(step.status, 1, step.stderr);
    const report = job.artifacts.reports.junit;
    assert.ok(existsSync(r.file(report)));
    const xml = readXml(readFileSync(r.file(report), 'utf8'));
    assert.equal(xml.name, 'testsuites');
    assert.equal(xml.attrs.failures, '1');
    assert.deepEqual(xml.children.map((s) => s.attrs.name), ['README.md', 'posts/bad.md', 'posts/clean.md']);
    assert.equal(job.artifacts.when, 'always', 'the report is kept when lint fails the job');
  } finally {
    r.dispose();
  }
});
