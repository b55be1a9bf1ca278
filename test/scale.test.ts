// The bench's scale cases (bench/scale-cases.mjs), at the bench's size, through the built CLI: each gives exactly
// the findings it should (none from the links rules, no guard cutting a section off) and the searches that could
// turn quadratic ("did you mean", duplicate heading numbering, thousands of definitions) give the right answer.
// How long they take is the bench's business (`npm run bench -- --only scale`), not this test's.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { CLI, tempWorkspace, type JsonReport } from './support/workspace';
// @ts-expect-error plain ES module without types
import { SCALE_CASES, generateScaleCase } from '../bench/scale-cases.mjs';

const text = (id: string): string => generateScaleCase(id);

test('scale cases: 5,000 equal headings, 50,000 links, 10,000 definitions, 2,000 table rows give the right findings', () => {
  const headings = text('headings');
  const refdefs = text('refdefs');
  const files: Record<string, string> = {
    // A slow machine must not turn a complete check into a guard finding: this test is about results.
    '.benchpress/config.json': JSON.stringify({ checkTimeoutMs: 600000 }),
    // A draft with no hot topic and a template chosen, so only what the scale provokes is reported.
    ...Object.fromEntries((SCALE_CASES as { id: string; file: string }[]).map((c) => [c.file, text(c.id)])),
    // The headings again, linked: the last duplicate exists (results-4999); results-5000 does not, and the nearest
    // anchor is results-500 (one edit away, and before results-1000 … results-4000 in the document).
    'headings-linked.md': `${headings}\n[last](#results-4999) [past the end](#results-5000)\n`,
    // The definitions again without the last one: one undefined reference, closest to ref-999.
    'refdefs-missing.md': refdefs.replace(/^\[ref-9999\]: .*\n/m, ''),
  };
  const ws = tempWorkspace(files);
  try {
    // No time limit worth the name: on a loaded machine this takes long, and only the results are checked here.
    const r = spawnSync(process.execPath, [CLI, 'lint', '--format', 'json', '.'], { cwd: ws.root, encoding: 'utf8', timeout: 15 * 60_000, maxBuffer: 64 * 1024 * 1024 });
    const stderr = r.stderr;
    const reports: JsonReport[] = JSON.parse(r.stdout);
    const byFile = new Map(reports.map((r: JsonReport) => [r.file, r.diagnostics]));
    const codes = (file: string) => (byFile.get(file) ?? []).map((d) => d.code);
    for (const c of SCALE_CASES as { id: string; file: string }[]) {
      assert.ok(byFile.has(c.file), `${c.file} was checked (${stderr})`);
      const found = codes(c.file);
      assert.deepEqual(found.filter((code) => /^(guard|links|remark-lint)\//.test(code)), [], `${c.file}: ${JSON.stringify(byFile.get(c.file)?.slice(0, 3))}`);
      // What remains is about the draft as an article (no template fits a generated file; its GPU mentions are hot topics).
      assert.deepEqual([...new Set(found)].filter((code) => !['template/unmatched', 'heat/title-missing-topic'].includes(code)), [], c.file);
    }
    const linked = (byFile.get('headings-linked.md') ?? []).filter((d) => d.code.startsWith('links/'));
    assert.equal(linked.length, 1, JSON.stringify(linked));
    assert.equal(linked[0].code, 'links/missing-anchor');
    assert.equal(linked[0].line, headings.split('\n').length + 1);
    assert.match(linked[0].message, /#results-5000.*did you mean #results-500\?/);
    const missing = (byFile.get('refdefs-missing.md') ?? []).filter((d) => /^(links|guard)\//.test(d.code));
    assert.deepEqual(missing.map((d) => d.code), ['links/undefined-reference']);
    assert.equal(missing[0].line, refdefs.split('\n').findIndex((l) => l.includes('[ref-9999]')) + 1);
    assert.match(missing[0].message, /\[ref-9999\] is not defined; did you mean \[ref-999\]\?/);
  } finally {
    ws.dispose();
  }
});
