import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, mkdirSync, rmSync, writeFileSync, utimesSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { LintResults, RecordingWorkspace, Signatures } from './lint-results';
import { EMPTY_WORKSPACE } from '../markdown/workspace';

test('an answer holds for its text, key, day and the signatures it was made with', async () => {
  const dir = mkdtempSync(path.join(tmpdir(), 'bp-results-'));
  try {
    const linked = path.join(dir, 'b.md');
    writeFileSync(linked, '# B\n');
    const recording = new RecordingWorkspace(EMPTY_WORKSPACE, new Signatures());
    await recording.anchorsOf(linked);
    await recording.stat(path.join(dir, 'img', 'x.png'));
    const deps = await recording.done();
    assert.deepEqual(Object.keys(deps.files), [linked]);
    assert.deepEqual(Object.keys(deps.dirs), [path.join(dir, 'img')]);
    assert.equal(deps.dirs[path.join(dir, 'img')], null, 'a folder that does not exist');

    const cacheDir = path.join(dir, 'cache');
    const results = await LintResults.open(cacheDir, 'k1');
    const findings = [{ ruleId: 'x/y', severity: 'warning' as const, message: 'm', range: { start: { line: 0, character: 0 }, end: { line: 0, character: 1 } } }];
    results.store('/a.md', { hash: 'h', findings, deps, day: '2026-01-01' });
    results.setRun([], 'en');
    await results.save();

    const again = await LintResults.open(cacheDir, 'k1');
    assert.deepEqual(await again.lookup('/a.md', 'h', new Signatures(), '2026-01-01'), findings);
    assert.equal(await again.lookup('/a.md', 'other text', new Signatures(), '2026-01-01'), undefined);
    assert.equal(await again.lookup('/a.md', 'h', new Signatures(), '2026-01-02'), undefined, 'pricing findings are for one day');
    assert.equal(await (await LintResults.open(cacheDir, 'k2')).lookup('/a.md', 'h', new Signatures(), '2026-01-01'), undefined, 'another run key');
    // The linked file touched, then the folder of the missing image created.
    utimesSync(linked, new Date(), new Date(Date.now() + 5000));
    assert.equal(await again.lookup('/a.md', 'h', new Signatures(), '2026-01-01'), undefined);
    const restored = await LintResults.open(cacheDir, 'k1');
    restored.store('/a.md', { hash: 'h', findings, deps: { files: {}, dirs: deps.dirs } });
    assert.deepEqual(await restored.lookup('/a.md', 'h', new Signatures(), 'any day'), findings);
    mkdirSync(path.join(dir, 'img'));
    assert.equal(await restored.lookup('/a.md', 'h', new Signatures(), 'any day'), undefined);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});
