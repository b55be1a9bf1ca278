// The CLI as a process, on which files it checks and with which rules: the config's `ignore` globs (walk and
// named files), `.gitignore` files (root and nested, negations, folder patterns; `--no-gitignore`), and
// `overrides` (per-folder rule settings, later entries winning, results cached per effective settings).
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { codes, lintJson, runCli, tempWorkspace } from '../support/workspace';

/** A draft with one `links/undefined-reference` warning and one `links/unused-definition` warning. */
const DRAFT = '# Title\n\nSee [x][missing].\n\n[unused]: https://example.com/\n';
const files = (reports: { file: string }[]) => reports.map((r) => r.file).sort();

test('ignore: globs relative to the workspace root skip files and folders in the walk; ! takes files back', () => {
  const ws = tempWorkspace({
    '.benchpress/config.json': JSON.stringify({ ignore: ['docs/reference', '**/CHANGELOG.md', 'drafts/*.mdx', '!docs/reference/index.md'] }),
    'docs/guide.md': DRAFT,
    'docs/CHANGELOG.md': DRAFT,
    'docs/reference/index.md': DRAFT,
    'docs/reference/api/schema.md': DRAFT,
    'docs/reference/cli.md': DRAFT,
    'drafts/a.mdx': DRAFT,
    'drafts/b.md': DRAFT,
    'drafts/deep/c.mdx': DRAFT,
  });
  try {
    const { status, reports } = lintJson(['.'], ws.root);
    assert.equal(status, 1);
    assert.deepEqual(files(reports), ['docs/guide.md', 'docs/reference/index.md', 'drafts/b.md', 'drafts/deep/c.mdx']);
    // From a subfolder, the globs are still relative to the workspace root.
    const sub = lintJson(['.'], ws.file('docs'));
    assert.deepEqual(files(sub.reports), ['guide.md', 'reference/index.md']);
  } finally {
    ws.dispose();
  }
});

test('ignore: a file named on the command line is not checked either, and a note on stderr says so', () => {
  const ws = tempWorkspace({ '.benchpress/config.json': JSON.stringify({ ignore: ['generated/**'] }), 'generated/api.md': DRAFT, 'guide.md': DRAFT });
  try {
    const both = lintJson(['generated/api.md', 'guide.md'], ws.root);
    assert.equal(both.status, 1);
    assert.deepEqual(files(both.reports), ['guide.md']);
    assert.match(both.stderr, /Not checked \(matched by "ignore" in the config\): generated\/api\.md/);
    // Only ignored files named (a pre-commit hook that staged just those): nothing to check, exit 0.
    const only = runCli(['lint', 'generated/api.md'], ws.root);
    assert.equal(only.status, 0, only.stdout + only.stderr);
    assert.match(only.stderr, /Not checked .*generated\/api\.md/);
    assert.match(only.stderr, /No Markdown files to check/);
    // A named folder the globs cover gets the same note.
    const folder = runCli(['lint', 'generated'], ws.root);
    assert.equal(folder.status, 0, folder.stdout + folder.stderr);
    assert.match(folder.stderr, /Not checked \(matched by "ignore" in the config\): generated\n/);
    // In the config's language.
    ws.write('.benchpress/config.json', JSON.stringify({ ignore: ['generated/**'], language: 'zh-cn' }));
    assert.match(runCli(['lint', 'generated/api.md'], ws.root).stderr, /未检查（匹配配置中的 "ignore"）：generated\/api\.md/);
  } finally {
    ws.dispose();
  }
});

test('ignore: a bad glob is reported on the config file and the good ones still apply', () => {
  const ws = tempWorkspace({ '.benchpress/config.json': '{ "ignore": ["../up/**", "skip.md"] }', 'skip.md': DRAFT, 'keep.md': DRAFT });
  try {
    const { reports } = lintJson(['.'], ws.root);
    assert.deepEqual(files(reports), ['.benchpress/config.json', 'keep.md']);
    const config = reports.find((r) => r.file === '.benchpress/config.json')!;
    assert.deepEqual(config.diagnostics.map((d) => [d.code, d.line, d.column, d.message]), [
      ['config/invalid', 1, 14, '"ignore": the pattern "../up/**" leaves the workspace root (".."); it is left out.'],
    ]);
  } finally {
    ws.dispose();
  }
});

/** A git-less workspace with .gitignore files at the root and in a subfolder. */
function gitignoredWorkspace() {
  return tempWorkspace({
    // A folder pattern, a name anywhere, a file glob with a negation, an anchored path.
    '.gitignore': 'build/\nvendor\n*.draft.md\n!keep.draft.md\n/notes.md\n',
    'docs/.gitignore': '# generated pages\ngenerated/\n!generated-index.md\nscratch-*.md\n',
    'README.md': DRAFT,
    'notes.md': DRAFT,
    'docs/notes.md': DRAFT,
    'build/out.md': DRAFT,
    'docs/build/x.md': DRAFT,
    'lib/vendor/v.md': DRAFT,
    'a.draft.md': DRAFT,
    'docs/keep.draft.md': DRAFT,
    'docs/generated/page.md': DRAFT,
    'docs/generated-index.md': DRAFT,
    'docs/scratch-1.md': DRAFT,
    'scratch-2.md': DRAFT,
    'docs/guide.md': DRAFT,
  });
}

test('.gitignore: root and nested files, negations, folder and anchored patterns leave files out of the walk', () => {
  const ws = gitignoredWorkspace();
  try {
    const { status, reports } = lintJson(['.'], ws.root);
    assert.equal(status, 1);
    // Left out: build/ and docs/build/ (folder pattern, any depth), vendor (a name anywhere), *.draft.md but not
    // keep.draft.md, /notes.md only at the root, docs/generated/ and docs/scratch-*.md from the nested file.
    assert.deepEqual(files(reports), ['README.md', 'docs/generated-index.md', 'docs/guide.md', 'docs/keep.draft.md', 'docs/notes.md', 'scratch-2.md']);
    // Walking a subfolder reads the .gitignore files above it, up to the top.
    assert.deepEqual(files(lintJson(['docs'], ws.root).reports), ['docs/generated-index.md', 'docs/guide.md', 'docs/keep.draft.md', 'docs/notes.md']);
  } finally {
    ws.dispose();
  }
});

test('.gitignore: --no-gitignore walks everything; a file named on the command line is checked even if git ignores it', () => {
  const ws = gitignoredWorkspace();
  try {
    assert.equal(files(lintJson(['--no-gitignore', '.'], ws.root).reports).length, 13);
    assert.deepEqual(files(lintJson(['build/out.md', 'docs/guide.md'], ws.root).reports), ['build/out.md', 'docs/guide.md']);
    const help = runCli(['lint', '--help'], ws.root);
    assert.match(help.stdout, /--no-gitignore +search folders without leaving out what \.gitignore files leave out/);
  } finally {
    ws.dispose();
  }
});

test('.gitignore: in a git repository the top is the folder with .git, and .git/info/exclude counts too', () => {
  const ws = tempWorkspace({ '.git/info/exclude': 'private/\n', '.gitignore': 'out/\n', 'site/.benchpress/config.json': '{}', 'site/out/a.md': DRAFT, 'site/private/b.md': DRAFT, 'site/c.md': DRAFT });
  try {
    // The workspace root is site/ (its .benchpress), but git's rules come from the repository's top.
    assert.deepEqual(files(lintJson(['.'], ws.file('site')).reports), ['c.md']);
  } finally {
    ws.dispose();
  }
});

test('overrides: per-folder rule settings, later entries winning; other folders keep the workspace rules', () => {
  const ws = tempWorkspace({
    '.benchpress/config.json': JSON.stringify({
      rules: { 'links/undefined-reference': 'error' },
      overrides: [
        { files: ['docs/reference/**'], rules: { links: 'off' } },
        { files: ['docs/reference/api/**'], rules: { 'links/unused-definition': 'info' } },
        { files: ['**/*.mdx'], rules: { 'links/undefined-reference': 'hint' } },
      ],
    }),
    'docs/guide.md': DRAFT,
    'docs/reference/cli.md': DRAFT,
    'docs/reference/api/schema.md': DRAFT,
    'docs/page.mdx': DRAFT,
  });
  try {
    const { reports } = lintJson(['.'], ws.root);
    const severities = (file: string) => reports.find((r) => r.file === file)!.diagnostics.filter((d) => d.code.startsWith('links/')).map((d) => `${d.code} ${d.severity}`);
    assert.deepEqual(severities('docs/guide.md'), ['links/undefined-reference error', 'links/unused-definition warning']);
    assert.deepEqual(severities('docs/reference/cli.md'), []);
    assert.deepEqual(severities('docs/reference/api/schema.md'), ['links/unused-definition info']);
    assert.deepEqual(severities('docs/page.mdx'), ['links/undefined-reference hint', 'links/unused-definition warning']);
  } finally {
    ws.dispose();
  }
});

test('overrides: the result cache is keyed by the effective settings (same text, different folders, changed config)', () => {
  const chunkRule = 'remark-lint/no-literal-urls'; // a chunk rule: its results are what the cache keeps
  const text = '# Title\n\nSee https://example.com for more.\n';
  const ws = tempWorkspace({
    '.benchpress/config.json': JSON.stringify({ overrides: [{ files: ['quiet/**'], rules: { [chunkRule]: 'off' } }] }),
    'loud/a.md': text,
    'quiet/a.md': text,
  });
  try {
    const run = () => lintJson(['.'], ws.root).reports;
    const has = (reports: ReturnType<typeof run>, file: string) => codes(reports, file).includes(chunkRule);
    for (let i = 0; i < 2; i++) {
      // The second run answers from the cache: each file still gets its own folder's settings.
      const reports = run();
      assert.equal(has(reports, 'loud/a.md'), true, `run ${i + 1}`);
      assert.equal(has(reports, 'quiet/a.md'), false, `run ${i + 1}`);
    }
    const cached = runCli(['lint', '.'], ws.root);
    assert.match(cached.stdout, /2 unchanged files from cache/);
    // The override changes: the cached results of the old settings are not used.
    ws.write('.benchpress/config.json', JSON.stringify({ overrides: [{ files: ['loud/**'], rules: { [chunkRule]: 'off' } }] }));
    const after = run();
    assert.equal(has(after, 'loud/a.md'), false);
    assert.equal(has(after, 'quiet/a.md'), true);
  } finally {
    ws.dispose();
  }
});

test('overrides: an unusable entry is reported on the config file (config/invalid) and changes nothing', () => {
  const ws = tempWorkspace({ '.benchpress/config.json': '{\n  "overrides": [{ "rules": { "links": "off" } }]\n}\n', 'a.md': DRAFT });
  try {
    const { reports } = lintJson(['.'], ws.root);
    const config = reports.find((r) => r.file === '.benchpress/config.json')!;
    assert.deepEqual(config.diagnostics.map((d) => [d.code, d.line, d.message]), [
      ['config/invalid', 2, '"overrides[0]" has no "files": add the globs (relative to the workspace root) it applies to; the entry is not used.'],
    ]);
    assert.ok(codes(reports, 'a.md').includes('links/undefined-reference'));
  } finally {
    ws.dispose();
  }
});

test('config problems are reported in the message language: Chinese with --lang zh-cn or "language": "zh-cn"', () => {
  const config = '{\n  "maxFileSizeKB": -1,\n  "overrides": [{ "rules": { "links": "off" } }],\n  "bogus": true\n}\n';
  const ws = tempWorkspace({ '.benchpress/config.json': config, 'a.md': DRAFT });
  try {
    const messages = (reports: { file: string; diagnostics: { line: number; message: string }[] }[]) =>
      reports.find((r) => r.file === '.benchpress/config.json')!.diagnostics.map((d) => [d.line, d.message]);
    assert.deepEqual(messages(lintJson(['--lang', 'zh-cn', '.'], ws.root).reports), [
      [2, '“maxFileSizeKB”：应为 1 到 1048576 之间的整数；改用 4096。'],
      [3, '“overrides[0]”没有 "files"：请写上它适用的 glob（相对于工作区根目录）；此项不生效。'],
      [4, '未知的设置“bogus”。'],
    ]);
    assert.deepEqual(messages(lintJson(['.'], ws.root).reports).map(([line, m]) => [line, String(m).split(':')[0]]), [
      [2, '"maxFileSizeKB"'],
      [3, '"overrides[0]" has no "files"'],
      [4, 'Unknown setting "bogus".'],
    ]);
    // The config's own "language" picks Chinese too, even for the problems of that same file.
    ws.write('.benchpress/config.json', config.replace('"bogus": true', '"bogus": true,\n  "language": "zh-cn"'));
    assert.equal(messages(lintJson(['.'], ws.root).reports)[2][1], '未知的设置“bogus”。');
  } finally {
    ws.dispose();
  }
});

test('--lang zh-cn: remark-lint rules report in Chinese, English without it', () => {
  const ws = tempWorkspace({ 'a.md': '#  Title\n\n-   item\n\n[docs]\n\n[docs]: https://example.com\n\nline   \nnext' });
  try {
    const zh = lintJson(['--lang', 'zh-cn', 'a.md'], ws.root);
    const messages = (reports: typeof zh.reports) => reports[0].diagnostics.filter((d) => d.code.startsWith('remark-lint/')).map((d) => `${d.code} ${d.message}`);
    assert.deepEqual(messages(zh.reports), [
      'remark-lint/no-heading-content-indent 标题的 `#` 与文字之间有 `2` 个空格，应为 `1` 个，请删除 `1` 个',
      'remark-lint/list-item-indent 列表标记与内容之间有 `3` 个空格，应为 `1` 个，请删除 `2` 个',
      'remark-lint/no-shortcut-reference-link 链接引用使用了简写形式（`[text]`），应写成折叠形式（`[text][]`）',
      'remark-lint/hard-break-spaces 硬换行用了 `3` 个空格，应为 `2` 个',
      'remark-lint/final-newline 文件末尾缺少换行符：文件应以换行符（`\\n`）结束',
    ]);
    const en = lintJson(['a.md'], ws.root);
    assert.equal(messages(en.reports).length, 5);
    for (const m of messages(en.reports)) assert.match(m, /^remark-lint\/[a-z-]+ Unexpected /);
  } finally {
    ws.dispose();
  }
});

test('several workspace roots in one run: each file is checked with its own root\'s config (a hook passing files from all)', () => {
  const ws = tempWorkspace({
    '.git/HEAD': 'ref: refs/heads/main\n',
    'blog/.benchpress/config.json': JSON.stringify({ rules: { 'links/undefined-reference': 'error' } }),
    'docs/.benchpress/config.json': JSON.stringify({ ignore: ['generated'], rules: { links: 'off' }, overrides: [{ files: ['api/**'], rules: { 'links/unused-definition': 'info' } }] }),
    'README.md': DRAFT,
    'blog/a.md': DRAFT,
    'docs/b.md': DRAFT,
    'docs/api/c.md': DRAFT,
    'docs/generated/d.md': DRAFT,
  });
  try {
    const severities = (reports: { file: string; diagnostics: { code: string; severity: string }[] }[]) =>
      Object.fromEntries(reports.map((r) => [r.file, r.diagnostics.filter((d) => d.code.startsWith('links/')).map((d) => `${d.code} ${d.severity}`)]));
    const expected = {
      'README.md': ['links/undefined-reference warning', 'links/unused-definition warning'],
      'blog/a.md': ['links/undefined-reference error', 'links/unused-definition warning'],
      'docs/b.md': [],
      'docs/api/c.md': ['links/unused-definition info'],
    };
    // Named files from every folder, the first one outside both sub-workspaces.
    const named = lintJson(['README.md', 'blog/a.md', 'docs/b.md', 'docs/api/c.md', 'docs/generated/d.md'], ws.root);
    assert.deepEqual(severities(named.reports), expected);
    assert.match(named.stderr, /Not checked \(matched by "ignore" in the config\): docs\/generated\/d\.md/);
    // A walk of the whole repository: the same.
    assert.deepEqual(severities(lintJson(['.'], ws.root).reports), expected);
  } finally {
    ws.dispose();
  }
});
