// Files as a writer and a CI job leave them: `lint --fix` writes only over the bytes it read and keeps line ends,
// BOM, encoding, mode and symbolic links; runs at once on one workspace never damage the result cache; a link
// loop, an unreadable file or folder and a file deleted during the run each give one clear message and the run
// goes on. The built CLI runs as a process throughout; where a test needs "another program changed the disk at
// this moment", test/support/fs-hook.cjs is loaded into the CLI with --require and does it at that exact moment.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { spawn, spawnSync, type SpawnSyncReturns } from 'node:child_process';
import { chmodSync, existsSync, lstatSync, mkdirSync, readFileSync, readdirSync, readlinkSync, statSync, symlinkSync, writeFileSync, chownSync, rmSync } from 'node:fs';
import path from 'node:path';
import { CLI, REPO, lintJson, tempWorkspace, type JsonReport, type TempWorkspace } from '../support/workspace';

const HOOK = path.join(REPO, 'test/support/fs-hook.cjs');
const FIXABLE = '# Notes\n\nSee https://example.com/page today.\n';
const FIXED = '# Notes\n\nSee <https://example.com/page> today.\n';

function cli(args: string[], cwd: string, options: { hook?: unknown; uid?: number } = {}): SpawnSyncReturns<string> {
  const node = options.hook ? ['--require', HOOK] : [];
  return spawnSync(process.execPath, [...node, CLI, ...args], {
    cwd,
    encoding: 'utf8',
    timeout: 60000,
    env: { ...process.env, NO_COLOR: '1', ...(options.hook ? { BP_FS_HOOK: JSON.stringify(options.hook) } : {}) },
    ...(options.uid !== undefined ? { uid: options.uid, gid: options.uid } : {}),
  });
}

const json = (r: SpawnSyncReturns<string>): JsonReport[] => {
  try {
    return JSON.parse(r.stdout);
  } catch {
    throw new Error(`not JSON (exit ${r.status}): ${r.stdout.slice(0, 300)} / ${r.stderr.slice(0, 500)}`);
  }
};
const noStack = (stderr: string) => assert.doesNotMatch(stderr, /\n\s+at .+:\d+:\d+/, `a stack trace on stderr: ${stderr}`);
const lines = (stderr: string) => stderr.split('\n').filter(Boolean);

test('--fix leaves a draft alone when it changed on disk after it was read: one clear message, the other drafts are fixed', () => {
  const ws = tempWorkspace({ 'a.md': FIXABLE, 'b.md': FIXABLE });
  try {
    const theirs = '# Notes\n\nThe writer saved this in the editor while the run was going: https://example.com/other\n';
    const r = cli(['lint', '--fix', '.'], ws.root, { hook: { afterRead: [{ file: ws.file('a.md'), path: ws.file('a.md'), write: theirs }] } });
    noStack(r.stderr);
    assert.equal(readFileSync(ws.file('a.md'), 'utf8'), theirs, 'the newer text on disk was overwritten');
    assert.equal(readFileSync(ws.file('b.md'), 'utf8'), FIXED, 'the other draft was not fixed');
    const said = lines(r.stderr).filter((l) => l.includes('a.md'));
    assert.equal(said.length, 1, r.stderr);
    assert.match(said[0], /^benchpress: a\.md changed on disk after it was read; --fix left it as it is \(run again to fix it\)\.$/);
    // What is reported for a.md is what was read (the bare URL, not fixed), and the summary counts one fix.
    assert.match(r.stdout, /a\.md:3:5 .*remark-lint\/no-literal-urls|a\.md:3:5 .*no-literal-urls/);
    assert.match(r.stdout, /\(1 fixed\)/);
    // Run again: now the file is fixed.
    const again = cli(['lint', '--fix', 'a.md'], ws.root);
    assert.equal(again.stderr, '');
    assert.match(readFileSync(ws.file('a.md'), 'utf8'), /<https:\/\/example\.com\/other>/);
  } finally {
    ws.dispose();
  }
});

test('--fix does not bring back a draft that was deleted after it was read', () => {
  const ws = tempWorkspace({ 'a.md': FIXABLE });
  try {
    const r = cli(['lint', '--fix', 'a.md'], ws.root, { hook: { afterRead: [{ file: ws.file('a.md'), path: ws.file('a.md'), delete: true }] } });
    noStack(r.stderr);
    assert.equal(existsSync(ws.file('a.md')), false);
    assert.deepEqual(lines(r.stderr), ['benchpress: a.md was deleted after it was read; --fix did not write it.']);
  } finally {
    ws.dispose();
  }
});

test('--fix keeps CRLF line ends, the BOM, the file mode and a symbolic link; files that are not UTF-8 are never written', () => {
  const toc = (eol: string) =>
    ['---', 'template: tutorial', '---', '', '# From scratch: a complete vLLM deployment guide', '', '## Contents', '', '- [Intro](#intro)', '', '## Intro', '', 'See https://example.com/x now.', '', '## Prerequisites', '', 'Stuff.', ''].join(eol);
  const gbk = Buffer.concat([Buffer.from('# 标题\n\n见 https://example.com/a 。\n\n'), Buffer.from([0xc4, 0xe3, 0xba, 0xc3, 0x0a])]);
  const utf16 = Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from('# Notes\n\nSee https://example.com/page today.\n', 'utf16le')]);
  const ws = tempWorkspace({
    'crlf.md': toc('\r\n'),
    'lf.md': toc('\n'),
    'bom.md': '\uFEFF' + FIXABLE.replace(/\n/g, '\r\n'),
    'mode.md': FIXABLE,
    'real/target.md': FIXABLE,
    'gbk.md': gbk,
    'utf16.md': utf16,
  });
  try {
    chmodSync(ws.file('mode.md'), 0o640);
    symlinkSync(path.join('real', 'target.md'), ws.file('link.md'));
    const r = cli(['lint', '--fix', '.'], ws.root);
    noStack(r.stderr);
    assert.equal(r.stderr, '');

    const crlf = readFileSync(ws.file('crlf.md'), 'utf8');
    assert.notEqual(crlf, toc('\r\n'), 'crlf.md was not fixed');
    assert.match(crlf, /- \[Prerequisites\]\(#prerequisites\)\r\n/, 'the contents entry was not added');
    assert.match(crlf, /<https:\/\/example\.com\/x>/);
    assert.equal(/(^|[^\r])\n/.test(crlf), false, `a bare LF in a CRLF file: ${JSON.stringify(crlf)}`);
    // The LF file got the same fixes, with LF.
    assert.equal(readFileSync(ws.file('lf.md'), 'utf8'), crlf.replace(/\r\n/g, '\n'));

    const bom = readFileSync(ws.file('bom.md'));
    assert.deepEqual([...bom.subarray(0, 3)], [0xef, 0xbb, 0xbf], 'the BOM was dropped');
    assert.equal(bom.subarray(3).toString('utf8'), FIXED.replace(/\n/g, '\r\n'));

    assert.equal(readFileSync(ws.file('mode.md'), 'utf8'), FIXED);
    assert.equal(statSync(ws.file('mode.md')).mode & 0o777, 0o640, 'the file mode changed');

    assert.ok(lstatSync(ws.file('link.md')).isSymbolicLink(), 'the symbolic link was replaced by a file');
    assert.equal(readlinkSync(ws.file('link.md')), path.join('real', 'target.md'));
    assert.equal(readFileSync(ws.file('real/target.md'), 'utf8'), FIXED, 'the link target was not fixed');

    assert.deepEqual(readFileSync(ws.file('gbk.md')), gbk, 'a file that is not UTF-8 was rewritten');
    assert.deepEqual(readFileSync(ws.file('utf16.md')), utf16, 'a UTF-16 file was rewritten');
    // No temporary files are left beside the drafts.
    assert.deepEqual(readdirSync(ws.root).filter((n) => n.endsWith('.tmp')), []);
  } finally {
    ws.dispose();
  }
});

function runAsync(args: string[], cwd: string): Promise<{ status: number | null; stdout: string; stderr: string }> {
  return new Promise((resolve) => {
    const child = spawn(process.execPath, [CLI, ...args], { cwd, env: { ...process.env, NO_COLOR: '1' } });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (d) => (stdout += d));
    child.stderr.on('data', (d) => (stderr += d));
    child.on('close', (status) => resolve({ status, stdout, stderr }));
  });
}

function draftSet(ws: TempWorkspace, n: number, variant: number): void {
  for (let i = 0; i < n; i++) {
    ws.write(`docs/d${i}.md`, `# Draft ${i}\n\nSee [the guide][g${(i + variant) % 3}] and [missing][nope${i}].\n\n[g0]: https://example.com/0\n[g1]: https://example.com/1\n\n## Part ${variant}\n\nText ${'word '.repeat(i % 7)}\n`);
  }
}

test('four CLI runs at once on one workspace never damage the cache: afterwards it is valid JSON and gives what a run without cache gives', async () => {
  const ws = tempWorkspace();
  try {
    const cacheDir = ws.file('.benchpress/.cache');
    const chunkDir = path.join(cacheDir, 'chunks');
    for (let round = 0; round < 2; round++) {
      draftSet(ws, 20, round);
      const runs = await Promise.all(Array.from({ length: 4 }, (_, i) => runAsync(['lint', '--format', 'json', i % 2 ? 'docs' : '.'], ws.root)));
      const expected = lintJson(['--no-cache', '.'], ws.root).reports;
      for (const r of runs) {
        noStack(r.stderr);
        assert.equal(r.stderr, '');
        assert.equal(r.status, 1);
        assert.deepEqual(JSON.parse(r.stdout), expected);
      }
      for (const file of [path.join(cacheDir, 'lint-results.json'), ...chunkEntryFiles(chunkDir)]) assert.doesNotThrow(() => JSON.parse(readFileSync(file, 'utf8')), `${file} is not whole JSON`);
      assert.equal(chunkEntryFiles(chunkDir).length, 20, 'one chunk-cache entry per draft');
      const cached = lintJson(['.'], ws.root);
      assert.deepEqual(cached.reports, expected);
    }
    // The text summary says the files came from the cache (nothing changed since the runs).
    const text = spawnSync(process.execPath, [CLI, 'lint', '.'], { cwd: ws.root, encoding: 'utf8', env: { ...process.env, NO_COLOR: '1' } });
    assert.match(text.stdout, /20 unchanged files from cache/);
    assert.deepEqual([...readdirSync(cacheDir), ...readdirSync(chunkDir)].filter((n) => n.endsWith('.tmp')), [], 'temporary cache files were left behind');
  } finally {
    ws.dispose();
  }
});

test('a damaged cache file (cut short, garbage, wrong shapes, right hash with broken results) is redone, never trusted, never a crash', () => {
  const ws = tempWorkspace();
  try {
    draftSet(ws, 6, 1);
    const expected = lintJson(['--no-cache', '.'], ws.root).reports;
    assert.deepEqual(lintJson(['.'], ws.root).reports, expected);
    // The chunk cache: one entry file per draft; each case damages every one of them.
    const entryFiles = chunkEntryFiles(ws.file('.benchpress/.cache/chunks'));
    assert.equal(entryFiles.length, 6);
    const good = new Map(entryFiles.map((f) => [f, readFileSync(f, 'utf8')]));
    type Damage = (good: string, file: string) => string | Buffer;
    const damaged = (fn: (entry: any) => void): Damage => (text) => { // eslint-disable-line @typescript-eslint/no-explicit-any
      const copy = JSON.parse(text);
      fn(copy);
      return JSON.stringify(copy);
    };
    const [first, second] = entryFiles;
    const cases: Record<string, Damage> = {
      'cut short': (text) => text.slice(0, Math.floor(text.length / 2)),
      empty: () => '',
      garbage: () => Buffer.from([0x00, 0xff, 0x13, 0x37, 0x7b]),
      'not an object': () => '[1,2,3]',
      'another draft\'s entry': (text, file) => (file === first ? good.get(second)! : file === second ? good.get(first)! : text),
      'chunks not a list': damaged((e) => (e.chunks = 'x')),
      'results missing': damaged((e) => e.chunks.forEach((c: { result?: unknown }) => delete c.result)),
      'findings not a list': damaged((e) => e.chunks.forEach((c: { result: { findings: unknown } }) => (c.result.findings = 7))),
      'summary broken': damaged((e) => e.chunks.forEach((c: { result: { summary: unknown } }) => (c.result.summary = { headings: 'x' }))),
      'offsets out of range': damaged((e) => e.chunks.forEach((c: { start: number; end: number }) => { c.start = -5; c.end = 1e9; })),
      'a finding without a range': damaged((e) => e.chunks.forEach((c: { result: { findings: unknown[] } }) => c.result.findings.push({ ruleId: 'x', message: 'y' }))),
    };
    // The answer cache (lint-results.json) is taken away each time, so that the run reads the chunk cache.
    const answersFile = ws.file('.benchpress/.cache/lint-results.json');
    for (const [name, content] of Object.entries(cases)) {
      rmSync(answersFile, { force: true });
      for (const file of entryFiles) writeFileSync(file, content(good.get(file)!, file));
      const r = lintJson(['.'], ws.root);
      noStack(r.stderr);
      assert.equal(r.stderr, '', name);
      assert.deepEqual(r.reports, expected, name);
      for (const file of entryFiles) assert.deepEqual(JSON.parse(readFileSync(file, 'utf8')), JSON.parse(good.get(file)!), `${name}: the entry was not written again whole`);
    }
    // The answer cache damaged the same ways: redone, never trusted. Its three files: the index, the findings,
    // and the printed answer (used whole by a re-run with nothing changed, so taken away when the others are damaged).
    const cacheFile = (name: string) => ws.file(`.benchpress/.cache/${name}`);
    const printedFile = cacheFile('lint-output-json');
    const goodPrinted = readFileSync(printedFile);
    const goodFiles = { index: readFileSync(answersFile, 'utf8'), findings: readFileSync(cacheFile('lint-findings.json'), 'utf8') };
    const changed = (text: string, fn: (data: any) => void) => { // eslint-disable-line @typescript-eslint/no-explicit-any
      const copy = JSON.parse(text);
      fn(copy);
      return JSON.stringify(copy);
    };
    const eachEntry = (fn: (entry: any) => void) => (data: any) => Object.values(data.entries ?? data.findings).forEach(fn); // eslint-disable-line @typescript-eslint/no-explicit-any
    const answerCases: Record<string, [file: string, content: string | Buffer]> = {
      'index cut short': ['lint-results.json', goodFiles.index.slice(0, Math.floor(goodFiles.index.length / 2))],
      'index garbage': ['lint-results.json', Buffer.from([0x00, 0xff, 0x13, 0x37, 0x7b])],
      'entries a string': ['lint-results.json', changed(goodFiles.index, (d) => (d.entries = 'x'))],
      'dependencies missing': ['lint-results.json', changed(goodFiles.index, eachEntry((e) => delete e.deps))],
      'stamps missing': ['lint-results.json', changed(goodFiles.index, eachEntry((e) => delete e.stamp))],
      'problems broken': ['lint-results.json', changed(goodFiles.index, (d) => (d.problems = [7]))],
      'findings cut short': ['lint-findings.json', goodFiles.findings.slice(0, Math.floor(goodFiles.findings.length / 2))],
      'findings not a list': ['lint-findings.json', changed(goodFiles.findings, eachEntry((e) => (e.findings = 7)))],
      'a finding without a range': ['lint-findings.json', changed(goodFiles.findings, eachEntry((e) => e.findings.push({ ruleId: 'x', message: 'y', severity: 'error' })))],
      'findings of other files': ['lint-findings.json', changed(goodFiles.findings, (d) => { const files = Object.keys(d.findings); d.findings = Object.fromEntries(files.map((f, i) => [f, d.findings[files[(i + 1) % files.length]]])); })],
      'printed answer cut short': ['lint-output-json', goodPrinted.subarray(0, goodPrinted.length - 10)],
      'printed answer edited': ['lint-output-json', Buffer.from(goodPrinted.toString('utf8').replace(/"line": (\d+)/, (_, n) => `"line": ${Number(n) + 1}`))],
      'printed answer garbage': ['lint-output-json', Buffer.from([0x00, 0xff, 0x13, 0x37, 0x7b])],
    };
    for (const [name, [file, content]] of Object.entries(answerCases)) {
      writeFileSync(answersFile, goodFiles.index);
      writeFileSync(cacheFile('lint-findings.json'), goodFiles.findings);
      if (file === 'lint-output-json') writeFileSync(printedFile, content);
      else {
        rmSync(printedFile);
        writeFileSync(cacheFile(file), content);
      }
      const r = lintJson(['.'], ws.root);
      noStack(r.stderr);
      assert.equal(r.stderr, '', `answers, ${name}`);
      assert.deepEqual(r.reports, expected, `answers, ${name}`);
      for (const whole of ['lint-results.json', 'lint-findings.json']) assert.doesNotThrow(() => JSON.parse(readFileSync(cacheFile(whole), 'utf8')), `answers, ${name}: ${whole} was not rewritten whole`);
    }
  } finally {
    ws.dispose();
  }
});

test('a symbolic link loop gives one message and the run goes on; linked drafts and folders are checked once', () => {
  const ws = tempWorkspace({ 'docs/a.md': '# A\n\n[x][missing-a]\n', 'docs/sub/b.md': '# B\n\n[x][missing-b]\n', 'shared/c.md': '# C\n\n[x][missing-c]\n' });
  try {
    symlinkSync('..', ws.file('docs/sub/up')); // docs/sub/up → docs: a loop
    symlinkSync('self.md', ws.file('docs/self.md')); // a link to itself
    symlinkSync(path.join('..', 'shared'), ws.file('docs/shared')); // a linked folder: followed
    symlinkSync('a.md', ws.file('docs/alias.md')); // a second name for a.md: checked once
    symlinkSync('gone.md', ws.file('docs/dangling.md')); // points nowhere: not a draft
    const r = cli(['lint', '--format', 'json', 'docs'], ws.root);
    noStack(r.stderr);
    assert.equal(r.status, 1);
    assert.deepEqual(lines(r.stderr).sort(), ['benchpress: Skipped docs/self.md: a symbolic link loop.', 'benchpress: Skipped docs/sub/up: a symbolic link loop.']);
    const reports = json(r);
    assert.deepEqual(reports.map((x) => x.file).sort(), ['docs/a.md', 'docs/shared/c.md', 'docs/sub/b.md']);
    for (const x of reports) assert.deepEqual(x.diagnostics.map((d) => d.code), ['links/undefined-reference'], x.file);
    // A loop given on the command line: the same message, and the other paths are still checked.
    const given = cli(['lint', '--format', 'json', 'docs/self.md', 'docs/a.md'], ws.root);
    assert.deepEqual(lines(given.stderr), ['benchpress: Skipped docs/self.md: a symbolic link loop.']);
    assert.deepEqual(json(given).map((x) => x.file), ['docs/a.md']);
  } finally {
    ws.dispose();
  }
});

test('a draft deleted during the run gives one message; the other drafts are reported', () => {
  const ws = tempWorkspace({ 'docs/a.md': '# A\n\n[x][missing-a]\n', 'docs/b.md': '# B\n\n[x][missing-b]\n', 'docs/c.md': '# C\n\n[x][missing-c]\n' });
  try {
    // Deleted right after the folder was listed, before the draft is read.
    const r = cli(['lint', '--format', 'json', 'docs'], ws.root, { hook: { afterReaddir: [{ dir: ws.file('docs'), path: ws.file('docs/b.md'), delete: true }] } });
    noStack(r.stderr);
    assert.equal(r.status, 1);
    assert.deepEqual(lines(r.stderr), ['benchpress: docs/b.md was deleted during the run; it is not checked.']);
    assert.deepEqual(json(r).map((x) => x.file), ['docs/a.md', 'docs/c.md']);
  } finally {
    ws.dispose();
  }
});

/**
 * Who runs the CLI for the permission test: as root, chmod 000 stops nobody, so the CLI runs as `nobody`
 * (uid 65534); if even that user can read a chmod 000 file (a file system without permissions), there is no
 * way to test it here and the test says so.
 */
function permissionRunner(ws: TempWorkspace): { uid?: number; skip?: string } {
  const probe = ws.write('probe.txt', 'x');
  chmodSync(probe, 0o000);
  const asRoot = process.getuid?.() === 0;
  const uid = asRoot ? 65534 : undefined;
  if (asRoot) {
    // The workspace must be readable (and the cache writable) for that user.
    for (const p of [ws.root, ...walkAll(ws.root)]) chownSync(p, 65534, 65534);
  }
  const read = spawnSync(process.execPath, ['-e', `require('fs').readFileSync(${JSON.stringify(probe)})`], { ...(uid !== undefined ? { uid, gid: uid } : {}) });
  if (read.error) return { skip: `cannot run a process as uid ${uid}: ${read.error.message}` };
  if (read.status === 0) return { skip: `chmod 000 has no effect for uid ${uid ?? process.getuid?.()} here (the file stayed readable)` };
  return { uid };
}

function walkAll(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const full = path.join(dir, name);
    return lstatSync(full).isDirectory() ? [full, ...walkAll(full)] : [full];
  });
}

test('an unreadable draft and an unreadable folder each give one finding that says so; the run goes on', (t) => {
  const ws = tempWorkspace({ 'docs/a.md': '# A\n\n[x][missing-a]\n', 'docs/locked.md': '# L\n', 'docs/private/p.md': '# P\n', 'docs/z.md': '# Z\n' });
  try {
    const runner = permissionRunner(ws);
    if (runner.skip) {
      t.skip(runner.skip);
      return;
    }
    chmodSync(ws.file('docs/locked.md'), 0o000);
    chmodSync(ws.file('docs/private'), 0o000);
    const r = cli(['lint', '--format', 'json', 'docs'], ws.root, { uid: runner.uid });
    noStack(r.stderr);
    assert.equal(r.stderr, '');
    assert.equal(r.status, 1);
    const reports = json(r);
    const byFile = new Map(reports.map((x) => [x.file, x.diagnostics]));
    assert.deepEqual([...byFile.keys()].sort(), ['docs/a.md', 'docs/locked.md', 'docs/private', 'docs/z.md']);
    assert.deepEqual(byFile.get('docs/locked.md')!.map((d) => [d.code, d.severity, d.message]), [['guard/check-failed', 'error', 'Cannot read the file: permission denied.']]);
    assert.deepEqual(byFile.get('docs/private')!.map((d) => [d.code, d.message]), [['guard/check-failed', 'Cannot read this folder: permission denied; the drafts in it are not checked.']]);
    assert.deepEqual(byFile.get('docs/a.md')!.map((d) => d.code), ['links/undefined-reference']);
    assert.deepEqual(byFile.get('docs/z.md'), []);
    // Text output names both, once each.
    const text = cli(['lint', 'docs'], ws.root, { uid: runner.uid });
    assert.equal(text.stdout.split('\n').filter((l) => /locked\.md|private/.test(l)).length, 2, text.stdout);
  } finally {
    try {
      chmodSync(ws.file('docs/private'), 0o755);
    } catch {
      /* already gone */
    }
    ws.dispose();
  }
});

test('an unreadable folder among several given paths does not stop the run (mkdir, not only chmod)', (t) => {
  const ws = tempWorkspace({ 'a.md': '# A\n' });
  try {
    const runner = permissionRunner(ws);
    if (runner.skip) {
      t.skip(runner.skip);
      return;
    }
    mkdirSync(ws.file('locked'));
    writeFileSync(ws.file('locked/x.md'), '# X\n');
    if (runner.uid !== undefined) for (const p of [ws.file('locked'), ws.file('locked/x.md')]) chownSync(p, 65534, 65534);
    chmodSync(ws.file('locked'), 0o000);
    const r = cli(['lint', '--format', 'json', 'locked', 'a.md'], ws.root, { uid: runner.uid });
    noStack(r.stderr);
    assert.deepEqual(json(r).map((x) => [x.file, x.diagnostics.map((d) => d.code)]), [['locked', ['guard/check-failed']], ['a.md', []]]);
  } finally {
    chmodSync(ws.file('locked'), 0o755);
    ws.dispose();
  }
});

/** The chunk cache's entry files (one per draft). */
function chunkEntryFiles(dir: string): string[] {
  return readdirSync(dir).filter((n) => n.endsWith('.json')).map((n) => path.join(dir, n)).sort();
}
