// Replays every saved fuzz failure (test/fuzz/regressions/*.json) against the built server or CLI: each must now
// pass every property. Fixtures of known, unfixed product bugs carry `todo` (the reason), which makes their replay
// a todo test until the fix lands and the `todo` is removed from the fixture.
import { test, after } from 'node:test';
import assert from 'node:assert/strict';
import { loadFixtures } from './lib/fixtures';
import { FuzzServer, checkLspCase } from './lib/lsp-check';
import { checkCliBatch } from './lib/cli-check';

const fixtures = loadFixtures();
const server = new FuzzServer();
after(async () => {
  await server.dispose();
});

test('regression fixtures are well-formed', () => {
  for (const { file, fixture } of fixtures) {
    assert.ok(fixture.kind === 'lsp' || fixture.kind === 'cli', file);
    assert.equal(typeof fixture.signature, 'string', file);
    assert.ok(fixture.kind === 'lsp' ? typeof fixture.case.initial === 'string' && Array.isArray(fixture.case.edits) : typeof fixture.case.text === 'string', file);
  }
});

for (const { file, fixture } of fixtures) {
  test(`regression ${file}: ${fixture.signature}`, { todo: fixture.todo }, async () => {
    const failures = fixture.kind === 'lsp' ? await checkLspCase(server, fixture.case) : (await checkCliBatch([fixture.case])).get(0) ?? [];
    assert.deepEqual(failures.map((f) => `${f.signature}: ${f.detail.slice(0, 400)}`), []);
  });
}
