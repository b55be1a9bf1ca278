import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, mkdirSync, rmSync, writeFileSync, utimesSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { LintResults, RecordingWorkspace, Signatures } from './lint-results';
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
