// A re-run answered from the answer cache (node/lint-results.ts) says exactly what a check from scratch says: the
// CLI as a process, its JSON output compared with a `--no-cache` run's, after each kind of change a cached answer
// depends on — the draft, a linked draft's headings, a linked image appearing, the config, a team template.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readdirSync, readFileSync, renameSync, rmSync, statSync, utimesSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { runCli, tempWorkspace, type TempWorkspace } from '../support/workspace';
import { EN_TUTORIAL_COMPLETE, ZH_REVIEW_MISSING_COST } from '../support/drafts';

const FILES = {
  'posts/review.md': ZH_REVIEW_MISSING_COST,
  'posts/tutorial.md': EN_TUTORIAL_COMPLETE,
  'posts/links.md': '# Links\n\nSee [the setup](tutorial.md#1-prerequisites), [specs](review.md#技术规格分析), [nothing](tutorial.md#nowhere).\n\n![arch](img/arch.png) ![chart](../assets/chart.png)\n\n[u]: https://example.com/unused\n',
  'notes/todo.md': '# TODO\n\n- [link](../posts/links.md#links)\n- [missing](../posts/gone.md)\n',
};

function lint(ws: TempWorkspace, cache: boolean): { status: number | null; json: string } {
  const r = runCli(['lint', '--format', 'json', ...(cache ? [] : ['--no-cache']), 'posts', 'notes'], ws.root);
  assert.ok(r.status === 0 || r.status === 1, r.stderr);
  JSON.parse(r.stdout);
  return { status: r.status, json: r.stdout };
}

/** The cached run (twice: the first may check, the second must answer) against a run from scratch. */
function sameAsCold(ws: TempWorkspace, what: string): void {
  const cold = lint(ws, false);
  const first = lint(ws, true);
  const second = lint(ws, true);
  assert.equal(first.json, cold.json, `${what}: the run that filled the cache`);
  assert.equal(second.json, cold.json, `${what}: the run answered from the cache`);
  assert.equal(second.status, cold.status);
}

test('a re-run answered from the cache equals a run from scratch, after every kind of change it depends on', () => {
  const ws = tempWorkspace(FILES);
  try {
    sameAsCold(ws, 'unchanged');
    assert.match(runCli(['lint', 'posts', 'notes'], ws.root).stdout, /4 unchanged files from cache/);
    // A linked draft's heading renamed: links.md's anchor into it breaks, though links.md did not change.
    ws.write('posts/tutorial.md', EN_TUTORIAL_COMPLETE.replace('## 1. Prerequisites', '## 1. Before you start'));
    sameAsCold(ws, 'a linked heading renamed');
    assert.match(lint(ws, true).json, /anchor #1-prerequisites in that file/);
    // A missing image and a missing draft appear: their findings go, though the linking drafts did not change.
    ws.write('posts/img/arch.png', 'png');
    ws.write('posts/gone.md', '# Back\n');
    sameAsCold(ws, 'linked files created');
    assert.doesNotMatch(lint(ws, true).json, /not found: (img\/arch\.png|\.\.\/posts\/gone\.md)/);
    // ...and removed again.
    rmSync(ws.file('posts/img/arch.png'));
    sameAsCold(ws, 'a linked image removed');
    assert.match(lint(ws, true).json, /Image not found: img\/arch\.png/);
    // Settings: a rule turned off, then a team template.
    ws.write('.benchpress/config.json', JSON.stringify({ rules: { 'links/unused-definition': 'off' } }));
    sameAsCold(ws, 'config changed');
    assert.doesNotMatch(lint(ws, true).json, /links\/unused-definition/);
    ws.write('.benchpress/templates/review.md', '# [产品名称] 评测\n\n## 概述\n\n## 性能测试\n');
    sameAsCold(ws, 'a team template added');
    // The draft itself.
    ws.write('posts/review.md', ZH_REVIEW_MISSING_COST + '\n见[未定义][nope]。\n');
    sameAsCold(ws, 'the draft edited');
  } finally {
    ws.dispose();
  }
});

test('--fix is never answered from the cache, and a run with other options does not reuse its answers', () => {
  const ws = tempWorkspace(FILES);
  try {
    lint(ws, true);
    assert.match(runCli(['lint', 'posts', 'notes'], ws.root).stdout, /4 unchanged files from cache/);
    // Other rules: other answers (the cache keeps one set of options: the next default run checks again).
    assert.doesNotMatch(runCli(['lint', '--rules', 'links', 'posts', 'notes'], ws.root).stdout, /from cache/);
    assert.equal(lint(ws, true).json, lint(ws, false).json);
    assert.match(runCli(['lint', 'posts', 'notes'], ws.root).stdout, /4 unchanged files from cache/);
    const fixed = runCli(['lint', '--fix', 'posts', 'notes'], ws.root);
    assert.doesNotMatch(fixed.stdout, /from cache/);
  } finally {
    ws.dispose();
  }
});

test('after one draft changed, the others are answered from the cache and only that draft\'s chunk entry is written', () => {
  const ws = tempWorkspace(FILES);
  try {
    lint(ws, true);
    const chunkDir = ws.file('.benchpress/.cache/chunks');
    const entries = () => new Map(readdirSync(chunkDir).filter((n) => n.endsWith('.json')).map((n) => [n, statSync(path.join(chunkDir, n)).mtimeMs]));
    const before = entries();
    assert.equal(before.size, 4, 'one chunk entry per draft');
    ws.write('posts/review.md', ZH_REVIEW_MISSING_COST + '\n新的一段。\n');
    const text = runCli(['lint', 'posts', 'notes'], ws.root);
    assert.match(text.stdout, /3 unchanged files from cache/);
    const after = entries();
    assert.deepEqual([...after.keys()].sort(), [...before.keys()].sort());
    const rewritten = [...after].filter(([name, mtime]) => before.get(name) !== mtime).map(([name]) => name);
    assert.equal(rewritten.length, 1, 'only the changed draft\'s entry is written');
    assert.equal(lint(ws, true).json, lint(ws, false).json);
  } finally {
    ws.dispose();
  }
});

test('a re-run with nothing changed prints what a run from scratch prints in every format, with the same exit codes, relative to where it runs', () => {
  const ws = tempWorkspace(FILES);
  try {
    const posts = ws.file('posts');
    for (const format of ['json', 'sarif', 'junit', 'github']) {
      const run = (cache: boolean, failOn: string, cwd = ws.root) => runCli(['lint', '--format', format, '--fail-on', failOn, ...(cache ? [] : ['--no-cache']), posts, 'notes'], cwd);
      for (const failOn of ['error', 'warning', 'hint', 'never']) {
        const cold = run(false, failOn);
        // The first cached run may check; the next two are answered, the last from the text the second printed.
        for (const round of [1, 2, 3]) {
          const cached = run(true, failOn);
          // GitHub's summary line says how many files came from the cache; the annotations are the same.
          const comparable = (out: string) => (format === 'github' ? out.replace(/[^\n]*\n$/, '') : out);
          assert.equal(comparable(cached.stdout), comparable(cold.stdout), `${format}, --fail-on ${failOn}, run ${round}`);
          assert.equal(cached.status, cold.status, `${format}, --fail-on ${failOn}, run ${round}: exit code`);
        }
      }
    }
    // The same files from another folder: the paths shown are relative to it, as from scratch.
    const cwd = ws.file('notes');
    const json = (cache: boolean) => runCli(['lint', '--format', 'json', ...(cache ? [] : ['--no-cache']), posts, '.'], cwd).stdout;
    const cold = json(false);
    assert.match(cold, /"file": "todo\.md"/);
    assert.equal(json(true), cold);
    assert.equal(json(true), cold);
  } finally {
    ws.dispose();
  }
});

test('the text summary of an answered re-run counts the files from the cache each time', () => {
  const ws = tempWorkspace(FILES);
  try {
    runCli(['lint', 'posts', 'notes'], ws.root);
    const first = runCli(['lint', 'posts', 'notes'], ws.root);
    const second = runCli(['lint', 'posts', 'notes'], ws.root);
    assert.match(first.stdout, /4 unchanged files from cache/);
    assert.equal(second.stdout, first.stdout);
    ws.write('posts/review.md', ZH_REVIEW_MISSING_COST + '\n新的一段。\n');
    assert.match(runCli(['lint', 'posts', 'notes'], ws.root).stdout, /3 unchanged files from cache/);
    assert.match(runCli(['lint', 'posts', 'notes'], ws.root).stdout, /4 unchanged files from cache/);
  } finally {
    ws.dispose();
  }
});

test('a draft left alone is answered by its file signature without being read, and any write to it is still seen', async () => {
  // Two texts of the same length with different findings: only the bytes tell them apart.
  const linkingTo = (name: string) => `# Links\n\nSee [the notes](${name}).\n`;
  const ws = tempWorkspace({ 'posts/a.md': linkingTo('gone.md'), 'posts/b.md': linkingTo('nope.md') });
  try {
    // Whole seconds, so that the times can be put back exactly below.
    const anHourAgo = Math.floor(Date.now() / 1000) - 3600;
    for (const name of ['a', 'b']) utimesSync(ws.file(`posts/${name}.md`), anHourAgo, anHourAgo);
    // A file changed less than two seconds before it is read could change again within the same timestamp tick:
    // its signature is not kept. These have been left alone long enough.
    await new Promise((resolve) => setTimeout(resolve, 2100));
    const run = (cache: boolean) => runCli(['lint', '--format', 'json', ...(cache ? [] : ['--no-cache']), 'posts'], ws.root).stdout;
    run(true);
    const index = JSON.parse(readFileSync(ws.file('.benchpress/.cache/lint-results.json'), 'utf8')) as { entries: Record<string, { stat?: string }> };
    assert.ok(Object.values(index.entries).every((e) => typeof e.stat === 'string'), 'the signatures were kept');
    assert.match(run(true), /gone\.md/);
    // Other bytes, same size, and the modification time put back as it was: the change time still moved.
    const a = ws.file('posts/a.md');
    writeFileSync(a, linkingTo('nope.md'));
    utimesSync(a, anHourAgo, anHourAgo);
    assert.equal(run(true), run(false));
    assert.doesNotMatch(run(true), /gone\.md/);
    // Another file put in its place, with the same size and times: another inode.
    const replacement = ws.write('posts/b.tmp', linkingTo('gone.md'));
    utimesSync(replacement, anHourAgo, anHourAgo);
    renameSync(replacement, ws.file('posts/b.md'));
    assert.equal(run(true), run(false));
    assert.match(run(true), /gone\.md/);
  } finally {
    ws.dispose();
  }
});
