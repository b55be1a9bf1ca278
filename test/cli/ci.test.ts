// The CLI for CI, as a process: GitHub annotations, JUnit XML, SARIF for code scanning, --fail-on, nothing to
// check, --help on every command, and messages in the workspace's language.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { REPO, runCli, tempWorkspace } from '../support/workspace';
import { readXml, type XmlElement } from '../../server/src/gpu/smi/xml-reader';

/** An error, a warning, an info and a hint (rule severities set in the config), and a finding over two lines. */
const SEVERITIES_CONFIG = JSON.stringify({ rules: { 'links/undefined-reference': 'error', 'links/unused-definition': 'info' } });
const MIXED = '# RTX 4090 深度评测\n\n## 目录\n\n1. 产品概述\n2. 不存在的章节\n\n## 1. 产品概述\n\nSee [x][50%,a:b].\n\n[u]: https://x.example\n';
const NO_GITHUB = { GITHUB_WORKSPACE: undefined, GITHUB_ACTIONS: undefined };

test('--format github: one workflow command per finding, severities mapped, properties and data escaped', () => {
  const ws = tempWorkspace({ '.benchpress/config.json': SEVERITIES_CONFIG, 'posts/a,b: c.md': MIXED });
  try {
    const r = runCli(['lint', '--format', 'github', 'posts'], ws.root, undefined, NO_GITHUB);
    assert.equal(r.status, 1, r.stderr);
    const commands = r.stdout.split('\n').filter((l) => l.startsWith('::'));
    const file = 'file=posts/a%2Cb%3A c.md';
    assert.ok(commands.includes(`::error ${file},line=10,col=5,endLine=10,endColumn=17,title=links/undefined-reference::Reference [50%25,a:b] is not defined.`), r.stdout);
    assert.ok(commands.includes(`::notice ${file},line=12,col=1,endLine=12,endColumn=23,title=links/unused-definition::Definition [u] is never used.`), r.stdout);
    // A range over two lines has no columns (GitHub takes a column range on one line only).
    assert.ok(commands.some((c) => c.startsWith(`::warning ${file},line=5,endLine=6,title=template/toc-mismatch::`)), r.stdout);
    // A hint is a notice too.
    assert.ok(commands.some((c) => c.startsWith(`::notice ${file},line=1,col=1,`) && c.includes('title=template/unmatched::')), r.stdout);
    assert.equal(commands.length, 4);
    // After the annotations, the summary line for the log.
    assert.match(r.stdout.trimEnd().split('\n').pop()!, /^✖ 4 problems \(1 error, 1 warning, 1 info, 1 hint\) in 1 of 1 file/);
  } finally {
    ws.dispose();
  }
});

test('--format github: paths are relative to GITHUB_WORKSPACE (the checkout) when the run starts in a subfolder', () => {
  const ws = tempWorkspace({ 'site/docs/a.md': '# T\n\n[x][missing]\n' });
  try {
    const r = runCli(['lint', '--format', 'github', 'docs'], ws.file('site'), undefined, { GITHUB_WORKSPACE: ws.root });
    assert.equal(r.status, 1, r.stderr);
    assert.match(r.stdout, /^::warning file=site\/docs\/a\.md,line=3,col=1,endLine=3,endColumn=13,title=links\/undefined-reference::Reference \[missing\] is not defined\.$/m);
  } finally {
    ws.dispose();
  }
});

function elements(root: XmlElement, name: string): XmlElement[] {
  return [root, ...root.children.flatMap((c) => elements(c, name))].filter((e) => e.name === name);
}

test('--format junit: well-formed XML, one suite per file, a failing case per finding, a passing case for a clean file', () => {
  const ws = tempWorkspace({ '.benchpress/config.json': SEVERITIES_CONFIG, 'd/bad <&>.md': MIXED, 'd/clean.md': '# Fine\n\nText.\n', 'd/sub/v1.2.md': '# T\n\n[x][q"\']\n' });
  try {
    const r = runCli(['lint', '--format', 'junit', 'd'], ws.root);
    assert.equal(r.status, 1, r.stderr);
    const xml = readXml(r.stdout);
    assert.equal(xml.name, 'testsuites');
    assert.equal(xml.attrs.tests, '6');
    assert.equal(xml.attrs.failures, '5');
    const suites = elements(xml, 'testsuite');
    assert.deepEqual(suites.map((s) => s.attrs.name), ['d/bad <&>.md', 'd/clean.md', 'd/sub/v1.2.md']);
    const [bad, clean, dotted] = suites;
    assert.deepEqual([bad.attrs.tests, bad.attrs.failures], ['4', '4']);
    const undefinedRef = elements(bad, 'testcase').find((c) => c.attrs.name === 'links/undefined-reference at 10:5')!;
    assert.ok(undefinedRef, 'a test case per finding, named by rule and position');
    assert.equal(undefinedRef.attrs.classname, 'd.bad <&>');
    assert.equal(undefinedRef.attrs.file, 'd/bad <&>.md');
    const failure = elements(undefinedRef, 'failure')[0];
    assert.equal(failure.attrs.type, 'error');
    assert.equal(failure.attrs.message, 'Reference [50%,a:b] is not defined.');
    assert.match(failure.text, /^d\/bad <&>\.md:10:5 error Reference \[50%,a:b\] is not defined\. \(links\/undefined-reference, https:\/\/.*docs\/rules\.md#links-undefined-reference\)$/);
    const cleanCases = elements(clean, 'testcase');
    assert.equal(cleanCases.length, 1);
    assert.equal(elements(cleanCases[0], 'failure').length, 0, 'a clean file passes');
    assert.deepEqual([clean.attrs.tests, clean.attrs.failures], ['1', '0']);
    assert.equal(elements(dotted, 'testcase')[0].attrs.classname, 'd.sub.v1_2', 'dots in a name do not make Jenkins packages');
    assert.equal(elements(dotted, 'failure')[0].attrs.message, 'Reference [q"\'] is not defined.');
  } finally {
    ws.dispose();
  }
});

test('--fail-on: warning by default; error, info and never move the bar; the output is the same', () => {
  const ws = tempWorkspace({ 'warn.md': '# T\n\n[x][missing]\n', 'info.md': '# T\n\n[u]: https://x.example\n', '.benchpress/config.json': JSON.stringify({ rules: { 'links/unused-definition': 'info', 'template/unmatched': 'off' } }) });
  try {
    const exit = (args: string[]) => runCli(['lint', ...args], ws.root).status;
    assert.equal(exit(['warn.md']), 1);
    assert.equal(exit(['--fail-on', 'warning', 'warn.md']), 1);
    assert.equal(exit(['--fail-on', 'error', 'warn.md']), 0);
    assert.equal(exit(['--fail-on=never', 'warn.md']), 0);
    assert.equal(exit(['info.md']), 0, 'an info finding does not fail by default');
    assert.equal(exit(['--fail-on', 'info', 'info.md']), 1);
    assert.equal(exit(['--fail-on', 'never', 'missing.md']), 2, 'never still fails on a usage or I/O error');
    assert.match(runCli(['lint', '--fail-on', 'never', 'warn.md'], ws.root).stdout, /1 problem \(0 errors, 1 warning/);
  } finally {
    ws.dispose();
  }
});

test('--format sarif: helpUri per rule into docs/rules.md, paths relative to SRCROOT (the working folder), percent-encoded', () => {
  const ws = tempWorkspace({ 'work/posts/评测 #1.md': '# T\n\n[x][missing]\n', 'outside.md': '# T\n\n[x][missing]\n' });
  try {
    const cwd = ws.file('work');
    const r = runCli(['lint', '--format', 'sarif', 'posts', '../outside.md'], cwd);
    assert.equal(r.status, 1, r.stderr);
    const run = JSON.parse(r.stdout).runs[0];
    const srcRoot = run.originalUriBaseIds.SRCROOT.uri as string;
    assert.equal(srcRoot, pathToFileURL(cwd).href + '/');
    const docs = readFileSync(path.join(REPO, 'docs', 'rules.md'), 'utf8');
    for (const rule of run.tool.driver.rules as { id: string; helpUri: string }[]) {
      const [base, anchor] = rule.helpUri.split('#');
      assert.equal(base, 'https://github.com/benchpress-dev/benchpress/blob/main/docs/rules.md');
      assert.ok(docs.includes(`<a id="${anchor}"></a>\n\n## ${rule.id}\n`), `${rule.id}: #${anchor} is its section of docs/rules.md`);
    }
    const locations = run.results.map((x: { locations: { physicalLocation: { artifactLocation: { uri: string; uriBaseId?: string } } }[] }) => x.locations[0].physicalLocation.artifactLocation);
    const inside = locations.find((l: { uriBaseId?: string }) => l.uriBaseId);
    assert.deepEqual(inside, { uri: 'posts/%E8%AF%84%E6%B5%8B%20%231.md', uriBaseId: 'SRCROOT' });
    assert.equal(fileURLToPath(new URL(inside.uri, srcRoot)), ws.file('work/posts/评测 #1.md'), 'resolves against SRCROOT to the file');
    const outside = locations.find((l: { uriBaseId?: string }) => !l.uriBaseId);
    assert.equal(fileURLToPath(outside.uri), ws.file('outside.md'), 'a file outside the working folder gets an absolute file URI');
  } finally {
    ws.dispose();
  }
});

test('nothing to check (no PATH, an empty folder): a note on stderr, exit 0, an empty report in every format; a missing PATH is still exit 2', () => {
  const ws = tempWorkspace({ 'empty/readme.txt': 'not markdown\n' });
  try {
    for (const args of [['lint'], ['lint', 'empty'], ['lint', '--format', 'github'], ['lint', '--fail-on', 'info', '--']]) {
      const r = runCli(args, ws.root);
      assert.equal(r.status, 0, args.join(' '));
      assert.equal(r.stderr, 'No Markdown files to check.\n', args.join(' '));
      assert.equal(r.stdout, '', args.join(' '));
    }
    assert.deepEqual(JSON.parse(runCli(['lint', '--format', 'json'], ws.root).stdout), []);
    assert.deepEqual(JSON.parse(runCli(['lint', '--format', 'sarif', 'empty'], ws.root).stdout).runs[0].results, []);
    assert.equal(readXml(runCli(['lint', '--format', 'junit'], ws.root).stdout).attrs.tests, '0');
    const missing = runCli(['lint', 'empty', 'nope.md'], ws.root);
    assert.equal(missing.status, 2);
    assert.match(missing.stderr, /No such file or folder: nope\.md/);
  } finally {
    ws.dispose();
  }
});

test('every command answers --help and -h with exit 0 and its usage on stdout', () => {
  const ws = tempWorkspace();
  try {
    for (const command of ['lint', 'gpus', 'table', 'expand', 'smi', 'prices', 'topics', 'render', 'rules']) {
      for (const flag of ['--help', '-h']) {
        const r = runCli([command, flag], ws.root);
        assert.equal(r.status, 0, `${command} ${flag}: ${r.stderr}`);
        assert.match(r.stdout, new RegExp(`^usage: benchpress ${command}\\b`, 'im'), `${command} ${flag}`);
        assert.equal(r.stderr, '', `${command} ${flag}`);
      }
    }
    assert.equal(runCli(['prices', 'refresh', '--help'], ws.root).status, 0);
    for (const args of [['--help'], ['-h'], ['help']]) {
      const r = runCli(args, ws.root);
      assert.equal(r.status, 0);
      for (const command of ['lint', 'gpus', 'table', 'expand', 'smi', 'prices', 'topics', 'render', 'rules']) assert.match(r.stdout, new RegExp(`benchpress ${command}\\b`));
    }
    const none = runCli([], ws.root);
    assert.equal(none.status, 2, 'no command is a usage error');
    assert.match(none.stderr, /benchpress lint/);
    assert.equal(runCli(['rules', 'extra'], ws.root).status, 2);
    assert.equal(runCli(['gpus', 'extra'], ws.root).status, 2);
  } finally {
    ws.dispose();
  }
});

test('"language": "zh-cn" in the config: findings, the summary, notes and errors in Chinese; --lang overrides it', () => {
  const ws = tempWorkspace({ '.benchpress/config.json': '{ "language": "zh-cn" }', 'a.md': '# T\n\n[x][missing]\n', 'empty/x.txt': '' });
  try {
    const zh = runCli(['lint', 'a.md'], ws.root);
    assert.equal(zh.status, 1);
    assert.match(zh.stdout, /^a\.md:3:1 +warning +引用 \[missing\] 没有定义。 +links\/undefined-reference$/m);
    assert.match(zh.stdout, /✖ 1 个问题（0 个错误、1 个警告、0 个信息、0 个提示），涉及 1 个文件中的 1 个。/);
    const en = runCli(['lint', '--lang', 'en', 'a.md'], ws.root);
    assert.match(en.stdout, /Reference \[missing\] is not defined\./);
    assert.match(en.stdout, /1 problem \(0 errors, 1 warning/);
    assert.match(JSON.parse(runCli(['lint', '--format', 'json', 'a.md'], ws.root).stdout)[0].diagnostics[0].message, /没有定义/);
    assert.match(runCli(['lint', '--format', 'github', 'a.md'], ws.root, undefined, NO_GITHUB).stdout, /::warning file=a\.md,.*::引用 \[missing\] 没有定义。/);
    assert.equal(runCli(['lint', 'empty'], ws.root).stderr, '没有要检查的 Markdown 文件。\n');
    assert.equal(runCli(['lint'], ws.root).stderr, '没有要检查的 Markdown 文件。\n');
    const missing = runCli(['lint', 'nope.md'], ws.root);
    assert.equal(missing.status, 2);
    assert.match(missing.stderr, /文件或文件夹不存在：nope\.md/);
    assert.match(runCli(['lint', '--format', 'yaml', 'a.md'], ws.root).stderr, /无效的 --format “yaml”/);
    assert.match(runCli(['lint', '--bogus', 'a.md'], ws.root).stderr, /未知选项 --bogus/);
    assert.match(runCli(['lint', '--lang', 'en', '--bogus', 'a.md'], ws.root).stderr, /Unknown option --bogus/);
    assert.match(runCli(['frobnicate'], ws.root).stderr, /未知命令 “frobnicate”/);
    assert.match(runCli(['topics', 'a.md'], ws.root).stdout, /^主题热度/, 'topics follows the config too');
    assert.match(runCli(['table', '--gpus', 'h100-sxm'], ws.root).stdout, /lang=zh-cn.*\n\| 参数/, 'so does the text table inserts');
    assert.match(runCli(['table', '--gpus', 'h100-sxm', '--lang', 'en'], ws.root).stdout, /lang=en/);
    assert.match(runCli(['table', '--gpus', 'h100-sxm', '--kind', 'nope'], ws.root).stderr, /无效的 --kind “nope”/);
    assert.match(runCli(['expand', 'nope.md'], ws.root).stderr, /无法读取 nope\.md：文件不存在/);
    assert.match(runCli(['render', 'nope.md'], ws.root).stderr, /文件不存在：nope\.md/);
  } finally {
    ws.dispose();
  }
});

test('--lang zh-cn wins over an English config', () => {
  const ws = tempWorkspace({ '.benchpress/config.json': '{ "language": "en" }', 'a.md': '# T\n\n[x][missing]\n' });
  try {
    const r = runCli(['lint', '--lang', 'zh-cn', 'a.md'], ws.root);
    assert.match(r.stdout, /引用 \[missing\] 没有定义。/);
    assert.match(r.stdout, /✖ 1 个问题/);
    assert.match(runCli(['lint', '--lang=zh-cn', 'nope.md'], ws.root).stderr, /文件或文件夹不存在/);
    assert.match(runCli(['lint', 'a.md'], ws.root).stdout, /Reference \[missing\] is not defined\./);
  } finally {
    ws.dispose();
  }
});
