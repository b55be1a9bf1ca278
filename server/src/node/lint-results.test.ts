import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, mkdirSync, rmSync, symlinkSync, writeFileSync, utimesSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { LintResults, RecordingWorkspace, Signatures, type PathKind } from './lint-results';
import { DiskWorkspace } from './fs-workspace';
import { DEFAULT_ANCHOR_SETTINGS } from '../markdown/heading-anchors';

test('an answer holds for its text, settings, day and what its check looked at', async () => {
  const dir = mkdtempSync(path.join(tmpdir(), 'bp-results-'));
  try {
    const linked = path.join(dir, 'b.md');
    writeFileSync(linked, '# B\n');
    const roots = [dir];
    const recording = new RecordingWorkspace(new DiskWorkspace(dir, undefined, () => roots), new Signatures(roots));
    assert.ok(await recording.anchorsOf(linked, DEFAULT_ANCHOR_SETTINGS));
    assert.equal(await recording.stat(path.join(dir, 'img', 'x.png')), undefined);
    assert.equal(await recording.stat(path.join(dir, '..', 'elsewhere.png')), 'outside');
    const deps = recording.deps;
    assert.deepEqual(Object.keys(deps.files), [linked]);
    assert.deepEqual(deps.paths, { [path.join(dir, 'img', 'x.png')]: null, [path.join(dir, '..', 'elsewhere.png')]: 'outside' });

    const cacheDir = path.join(dir, 'cache');
    const results = await LintResults.open(cacheDir, 'k1');
    const findings = [{ ruleId: 'x/y', severity: 'warning' as const, message: 'm', range: { start: { line: 0, character: 0 }, end: { line: 0, character: 1 } } }];
    results.store('/a.md', { hash: 'h', settings: 's1', findings, deps, day: '2026-01-01' });
    results.setRun({ problems: [], locale: 'en', roots: {}, rootOrder: [''] });
    await results.save();

    const again = await LintResults.open(cacheDir, 'k1');
    const lookup = (r: LintResults, text = 'h', settings = 's1', day = '2026-01-01') => r.lookup('/a.md', text, settings, new Signatures(roots), day)?.findings;
    assert.deepEqual(await lookup(again), findings);
    assert.equal(await lookup(again, 'other text'), undefined);
    assert.equal(await lookup(again, 'h', 's2'), undefined, 'other settings');
    assert.equal(await lookup(again, 'h', 's1', '2026-01-02'), undefined, 'pricing findings are for one day');
    assert.equal(await lookup(await LintResults.open(cacheDir, 'k2')), undefined, 'another run key');
    // The linked file changed; then the missing image's folder and the image appear.
    utimesSync(linked, new Date(), new Date(Date.now() + 5000));
    assert.equal(await lookup(again), undefined);
    const restored = await LintResults.open(cacheDir, 'k1');
    restored.store('/a.md', { hash: 'h', settings: 's1', findings, deps: { files: {}, paths: deps.paths } });
    assert.deepEqual(await lookup(restored, 'h', 's1', 'any day'), findings);
    mkdirSync(path.join(dir, 'img'));
    assert.deepEqual(await lookup(restored, 'h', 's1', 'any day'), findings, 'a new folder alone changes nothing');
    writeFileSync(path.join(dir, 'img', 'x.png'), 'png');
    assert.equal(await lookup(restored, 'h', 's1', 'any day'), undefined);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});

test('what a path is, through folders, links inside and out of the roots, dangling links and loops, asked in any order', () => {
  const base = mkdtempSync(path.join(tmpdir(), 'bp-signatures-'));
  try {
    const root = path.join(base, 'root');
    const outside = path.join(base, 'outside');
    mkdirSync(path.join(root, 'dir', 'deep'), { recursive: true });
    mkdirSync(outside);
    writeFileSync(path.join(root, 'a.md'), '# A\n');
    writeFileSync(path.join(root, 'dir', 'b.md'), '# B\n');
    writeFileSync(path.join(root, 'dir', 'deep', 'd.md'), '# D\n');
    writeFileSync(path.join(outside, 'c.md'), '# C\n');
    symlinkSync('dir', path.join(root, 'linkdir'));
    symlinkSync(path.join('..', 'outside'), path.join(root, 'out'));
    symlinkSync('nowhere', path.join(root, 'dangling'));
    symlinkSync('loop', path.join(root, 'loop'));
    symlinkSync('b.md', path.join(root, 'dir', 'alias.md'));
    const r = (...parts: string[]) => path.join(root, ...parts);
    const expected: [string, PathKind][] = [
      [r('a.md'), 'file'],
      [r('dir'), 'directory'],
      [r('dir', 'b.md'), 'file'],
      [r('dir', 'deep', 'd.md'), 'file'],
      [r('dir', 'alias.md'), 'file'],
      [r('linkdir', 'b.md'), 'file'],
      [r('linkdir', 'deep', 'd.md'), 'file'],
      [r('out', 'c.md'), 'outside'],
      [r('dangling'), null],
      [r('dangling', 'x.md'), null],
      [r('loop', 'x.md'), null],
      [r('dir', 'missing.md'), null],
      [r('dir', 'missing', 'x.md'), null],
      [`${root}/dir/../a.md`, 'file'],
      [`${root}/../outside/c.md`, 'outside'],
      [path.join(outside, 'c.md'), 'outside'],
    ];
    // Children before their folders, folders first, and each path alone: the same answers.
    for (const order of [expected, [...expected].reverse()]) {
      const signatures = new Signatures([root]);
      assert.deepEqual(order.map(([p]) => [p, signatures.kind(p)]), order, 'one Signatures, all paths');
    }
    for (const [p, kind] of expected) assert.equal(new Signatures([root]).kind(p), kind, p);
    const signatures = new Signatures([root]);
    assert.equal(signatures.ofPath(r('linkdir', 'b.md')), signatures.ofPath(r('dir', 'b.md')), 'a file through a linked folder has its own signature');
    assert.equal(signatures.ofPath(r('dir', 'alias.md')), signatures.ofPath(r('dir', 'b.md')));
    // Nested roots where the inner one is a link: what is inside it is what the link points to.
    const nested = new Signatures([root, r('linkdir')]);
    assert.equal(nested.kind(r('linkdir', 'b.md')), 'file');
    assert.equal(nested.ofPath(r('linkdir', 'b.md')), nested.ofPath(r('dir', 'b.md')));
  } finally {
    rmSync(base, { recursive: true, force: true });
  }
});
