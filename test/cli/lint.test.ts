// The CLI as a process: exit codes, output formats, folders, fixes, rule selection, config problems, caching.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { CLI, codes, lintJson, runCli, tempWorkspace } from '../support/workspace';
import { EN_TUTORIAL_COMPLETE, ZH_REVIEW_COMPLETE, ZH_REVIEW_MISSING_COST } from '../support/drafts';

test('a clean draft exits 0 and says so', () => {
  const ws = tempWorkspace({ 'posts/review.md': ZH_REVIEW_COMPLETE });
  try {
    const r = runCli(['lint', 'posts'], ws.root);
    assert.equal(r.status, 0, r.stdout + r.stderr);
    assert.match(r.stdout, /No problems in 1 file/);
  } finally {
    ws.dispose();
  }
});

test('a draft with a missing section exits 1; text output is file:line:col with the rule id and a summary', () => {
  const ws = tempWorkspace({ 'posts/review.md': ZH_REVIEW_MISSING_COST });
  try {
    const r = runCli(['lint', 'posts'], ws.root);
    assert.equal(r.status, 1);
    assert.match(r.stdout, /^posts\/review\.md:5:1 +warning +Missing section “成本效益分析”.*template\/missing-section$/m);
    assert.match(r.stdout, /1 problem \(0 errors, 1 warning, 0 info, 0 hints\) in 1 of 1 file/);
    assert.doesNotMatch(r.stdout, /\x1b\[/, 'no colours when stdout is not a terminal');
  } finally {
    ws.dispose();
  }
});

test('--format json: one array, 1-based positions, UTF-16 columns, every file listed', () => {
  const ws = tempWorkspace({ 'a/中文.md': '# 标题\n\n见[这里](#不存在)。\n', 'a/ok.md': '# Fine\n\nText.\n' });
  try {
    const { status, reports } = lintJson(['a'], ws.root);
    assert.equal(status, 1);
    assert.deepEqual(reports.map((r) => r.file).sort(), ['a/ok.md', 'a/中文.md']);
    const anchor = reports.find((r) => r.file === 'a/中文.md')!.diagnostics.find((d) => d.code === 'links/missing-anchor')!;
    // "见[这里](" is 6 UTF-16 units; the URL "#不存在" starts in column 7 and is 4 units long.
    assert.deepEqual({ line: anchor.line, column: anchor.column, endLine: anchor.endLine, endColumn: anchor.endColumn, severity: anchor.severity }, { line: 3, column: 7, endLine: 3, endColumn: 11, severity: 'warning' });
    assert.deepEqual(reports.find((r) => r.file === 'a/ok.md')!.diagnostics, []);
  } finally {
    ws.dispose();
  }
});

test('--format sarif: SARIF 2.1.0 with one run, tool benchpress, rules with help, results that point to their rules', () => {
  const ws = tempWorkspace({ 'posts/review.md': ZH_REVIEW_MISSING_COST });
  try {
    const r = runCli(['lint', '--format', 'sarif', 'posts'], ws.root);
    assert.equal(r.status, 1);
    const sarif = JSON.parse(r.stdout);
    assert.equal(sarif.version, '2.1.0');
    assert.equal(sarif.runs.length, 1);
    const { driver } = sarif.runs[0].tool;
    assert.equal(driver.name, 'benchpress');
    assert.ok(driver.rules.every((rule: { id: string; help: { text: string }; shortDescription: { text: string } }) => rule.id && rule.help.text && rule.shortDescription.text));
    const result = sarif.runs[0].results.find((x: { ruleId: string }) => x.ruleId === 'template/missing-section');
    assert.ok(result);
    assert.equal(driver.rules[result.ruleIndex].id, 'template/missing-section');
    assert.equal(result.level, 'warning');
    assert.deepEqual(result.locations[0].physicalLocation.artifactLocation, { uri: 'posts/review.md', uriBaseId: 'SRCROOT' });
    assert.equal(result.locations[0].physicalLocation.region.startLine, 5);
  } finally {
    ws.dispose();
  }
});

test('usage and I/O errors exit 2 with a message on stderr and nothing on stdout', () => {
  const ws = tempWorkspace({ 'a.md': '# A\n' });
  try {
    for (const args of [['lint', 'missing-folder'], ['lint', '--format', 'yaml', 'a.md'], ['lint', '--fail-on', 'sometimes', 'a.md'], ['lint', '--lang', 'fr', 'a.md'], ['lint', '--rules', 'no-such-rule', 'a.md'], ['lint', '--bogus', 'a.md'], ['lint', '--config', 'nope.json', 'a.md'], ['frobnicate']]) {
      const r = runCli(args, ws.root);
      assert.equal(r.status, 2, args.join(' '));
      assert.notEqual(r.stderr.trim(), '', args.join(' '));
      assert.equal(r.stdout, '', args.join(' '));
    }
  } finally {
    ws.dispose();
  }
});

test('folders: *.md and *.mdx below, skipping node_modules and dot-folders', () => {
  const bad = '# T\n\n[x][missing]\n';
  const ws = tempWorkspace({ 'docs/a.md': bad, 'docs/sub/b.mdx': bad, 'docs/node_modules/c.md': bad, 'docs/.hidden/d.md': bad, 'docs/e.txt': bad });
  try {
    const { reports } = lintJson(['docs'], ws.root);
    assert.deepEqual(reports.map((r) => r.file).sort(), ['docs/a.md', 'docs/sub/b.mdx']);
  } finally {
    ws.dispose();
  }
});

test('--rules runs only the named rules or groups', () => {
  const ws = tempWorkspace({ 'p.md': ZH_REVIEW_MISSING_COST + '\n[x][nope]\n' });
  try {
    assert.deepEqual([...new Set(codes(lintJson(['--rules', 'links', 'p.md'], ws.root).reports))], ['links/undefined-reference']);
    assert.deepEqual([...new Set(codes(lintJson(['--rules', 'template/missing-section', 'p.md'], ws.root).reports))], ['template/missing-section']);
  } finally {
    ws.dispose();
  }
});

test('--fix applies the safe fixes in place, keeps the rest of the text, and reports what remains', () => {
  const ws = tempWorkspace({ 'p.md': ZH_REVIEW_MISSING_COST.replace('- 数据驱动的性能分析', '- 数据驱动的性能分析\n\n[dup]: https://a.example\n[dup]: https://a.example\n\nUse [x][dup].') });
  try {
    const before = readFileSync(ws.file('p.md'), 'utf8');
    const r = runCli(['lint', '--fix', 'p.md'], ws.root);
    const after = readFileSync(ws.file('p.md'), 'utf8');
    assert.equal(after.match(/\[dup\]: https:\/\/a\.example/g)?.length, 1, 'the identical duplicate definition is removed');
    // Content is the writer's to add: the missing section is a quick fix in the editor, never part of --fix.
    assert.doesNotMatch(after, /成本效益分析|\[待补充\]/);
    assert.equal(after, before.replace('[dup]: https://a.example\n[dup]: https://a.example\n', '[dup]: https://a.example\n'));
    assert.match(r.stdout, /Missing section “成本效益分析”.*template\/missing-section/);
    assert.equal(r.status, 1);
  } finally {
    ws.dispose();
  }
});

test('--fix never rewrites a file that is not valid UTF-8, and says why', () => {
  const bytes = Buffer.concat([Buffer.from('# 标题\n\n'), Buffer.from([0xc3, 0x28, 0xa0]), Buffer.from('\n\n[a]: https://x.example\n[a]: https://x.example\n')]);
  const ws = tempWorkspace({ 'gbk.md': bytes });
  try {
    const r = runCli(['lint', '--fix', '--format', 'json', 'gbk.md'], ws.root);
    assert.deepEqual(readFileSync(ws.file('gbk.md')), bytes);
    const diags = JSON.parse(r.stdout)[0].diagnostics;
    assert.ok(diags.some((d: { code: string; line: number }) => d.code === 'guard/invalid-utf8' && d.line === 3), JSON.stringify(diags));
  } finally {
    ws.dispose();
  }
});

test('a team template from .benchpress/templates is used, and a broken config is reported on its file without stopping the check', () => {
  const ws = tempWorkspace({
    '.benchpress/config.json': '{ "rules": { "links/unused-definition": "error", "no-such-rule": "off" }, "diagnosticsDelayMs": "soon", // comment\n }',
    '.benchpress/templates/report.md': '# [GPU] 基准测试报告\n\n## 测试环境\n\n> requires: table\n\n## 结论\n',
    'p.md': '---\ntemplate: report\n---\n\n# H100 基准测试报告\n\n## 测试环境\n\n8 卡。\n\n[u]: https://x.example\n',
  });
  try {
    const { reports } = lintJson(['p.md'], ws.root);
    const config = reports.find((r) => r.file.endsWith('config.json'))!;
    assert.deepEqual(config.diagnostics.map((d) => d.message).sort(), ['"diagnosticsDelayMs": expected a whole number from 0 to 10000; using 250.', 'Unknown rule or rule group "no-such-rule".']);
    const draft = reports.find((r) => r.file === 'p.md')!.diagnostics;
    assert.ok(draft.some((d) => d.code === 'template/missing-section' && d.message.includes('结论')));
    assert.ok(draft.some((d) => d.code === 'template/requires-table' && d.message.includes('测试环境')));
    assert.equal(draft.find((d) => d.code === 'links/unused-definition')?.severity, 'error', 'valid settings in the same file still apply');
  } finally {
    ws.dispose();
  }
});

test('config that is not JSON at all: one error on the file, defaults used', () => {
  const ws = tempWorkspace({ '.benchpress/config.json': '{ "rules": ', 'p.md': EN_TUTORIAL_COMPLETE });
  try {
    const { status, reports } = lintJson(['p.md'], ws.root);
    const config = reports.find((r) => r.file.endsWith('config.json'))!;
    assert.equal(config.diagnostics.length, 1);
    assert.equal(config.diagnostics[0].severity, 'error');
    assert.match(config.diagnostics[0].message, /not valid JSON/);
    assert.deepEqual(reports.find((r) => r.file === 'p.md')!.diagnostics, []);
    assert.equal(status, 1);
  } finally {
    ws.dispose();
  }
});

test('a second run answers unchanged files from the cache with the same findings; an edit invalidates only that file', () => {
  const ws = tempWorkspace({ 'a.md': ZH_REVIEW_MISSING_COST, 'b.md': EN_TUTORIAL_COMPLETE });
  try {
    const first = runCli(['lint', '--format', 'json', '.'], ws.root);
    const second = runCli(['lint', '--format', 'json', '.'], ws.root);
    assert.equal(second.stdout, first.stdout);
    assert.match(runCli(['lint', '.'], ws.root).stdout, /2 unchanged files from cache/);
    ws.write('b.md', EN_TUTORIAL_COMPLETE.replace('## 6. Troubleshooting', '## 6. Troubleshooting tips'));
    assert.match(runCli(['lint', '.'], ws.root).stdout, /1 unchanged file from cache/);
    assert.equal(readFileSync(ws.file('.benchpress/.cache/.gitignore'), 'utf8'), '*\n');
  } finally {
    ws.dispose();
  }
});

test('a reader that stops early (`lint | head`) ends the CLI quietly, without an EPIPE stack trace', async () => {
  // Thousands of findings: far more output than a pipe's buffer holds.
  const ws = tempWorkspace({ 'many.md': '# T\n\n' + 'word [x](missing.md)\n\n'.repeat(5000) });
  try {
    const child = spawn(process.execPath, [CLI, 'lint', '--format', 'json', 'many.md'], { cwd: ws.root, stdio: ['ignore', 'pipe', 'pipe'] });
    let stderr = '';
    child.stderr.on('data', (chunk) => (stderr += chunk));
    child.stdout.once('data', () => child.stdout.destroy());
    const status = await new Promise<number | null>((resolve) => child.on('close', (code) => resolve(code)));
    assert.equal(stderr, '');
    assert.equal(status, 141);
  } finally {
    ws.dispose();
  }
});
