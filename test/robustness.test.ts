// Bad input never crashes or hangs anything: each kind gets a clear diagnostic, from the CLI and the server.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { lintJson, tempWorkspace, codes } from './support/workspace';
import { LspClient, fileUri } from './support/lsp';

/** Inputs that make Markdown parsers overflow their stack or stall, each with the guard that should answer. */
const PATHOLOGICAL: Record<string, { text: string; expect: RegExp }> = {
  'block quotes nested 50,000 deep': { text: '# T\n\n' + '>'.repeat(50000) + ' a\n', expect: /^guard\/nesting-too-deep$/ },
  'list items nested 10,000 deep': { text: '# T\n\n' + '- '.repeat(10000) + 'a\n', expect: /^guard\/nesting-too-deep$/ },
  'indented lists 2,000 levels': { text: '# T\n\n' + Array.from({ length: 2000 }, (_, i) => ' '.repeat(i * 2) + '- a').join('\n') + '\n', expect: /^guard\/nesting-too-deep$/ },
  '100,000 opening brackets on one line': { text: '# T\n\n' + '['.repeat(100001) + '\n', expect: /^guard\/line-too-long$/ },
  'emphasis openers on one huge line': { text: '# T\n\n' + '*a '.repeat(40000) + '\n', expect: /^guard\/line-too-long$/ },
  'comment openers on one huge line': { text: '# T\n\n' + 'a <!-- '.repeat(20000) + '\n', expect: /^guard\/line-too-long$/ },
  // Short lines, but one paragraph with thousands of links and emphasis: micromark takes many seconds (the links
  // alone no longer stall: fast-blocks.ts builds such a paragraph itself, but not one with `_` emphasis); the budget
  // stops it.
  'a paragraph of 20,000 links': { text: '# T\n\n' + 'word [x](y) _a_\n'.repeat(20000) + '\n## After\n\nfine [a][missing]\n', expect: /^guard\/timeout$/ },
};

test('CLI: every pathological input gets its guard, the rest of the document is still checked, within the time budget', () => {
  const files: Record<string, string> = { '.benchpress/config.json': '{ "checkTimeoutMs": 1500 }' };
  const names = Object.keys(PATHOLOGICAL);
  names.forEach((name, i) => { files[`p${i}.md`] = PATHOLOGICAL[name].text; });
  const ws = tempWorkspace(files);
  try {
    const { status, reports } = lintJson(['--no-cache', '.'], ws.root);
    assert.equal(status, 1);
    names.forEach((name, i) => {
      const found = codes(reports, `p${i}.md`).filter((c) => c.startsWith('guard/'));
      assert.ok(found.some((c) => PATHOLOGICAL[name].expect.test(c)), `${name}: ${JSON.stringify(found)}`);
    });
    // The section after the stalled paragraph was checked: its undefined reference is reported.
    assert.ok(codes(reports, `p${names.indexOf('a paragraph of 20,000 links')}.md`).includes('links/undefined-reference'));
  } finally {
    ws.dispose();
  }
});

test('CLI: lines just under the length limit that once backtracked (a heading of spaces, unclosed brackets), and huge tables, lists, indented code and references, are checked within the budget', () => {
  const files: Record<string, string> = {
    '.benchpress/config.json': '{ "checkTimeoutMs": 1500 }',
    'heading.md': '# a' + ' '.repeat(99_990) + 'b\n',
    'brackets.md': '# T\n\n' + 'x [y and `z and *w\n\n'.repeat(2_000),
    // Blocks the parser's fast path builds itself (fast-blocks.ts), at sizes where a quadratic step would stall.
    'table.md': '# T\n\n' + ['| a '.repeat(20_000) + '|', '|---'.repeat(20_000) + '|', ...Array.from({ length: 3 }, () => '| `c` '.repeat(12_000) + '|')].join('\n') + '\n',
    'list.md': '# T\n\n' + Array.from({ length: 20_000 }, (_, i) => `- item ${i} [l](#t)`).join('\n') + '\n',
    'indented.md': '# T\n\n' + '    code line\n\n'.repeat(40_000),
    'references.md': '# T\n\n' + Array.from({ length: 5_000 }, (_, i) => `A [t][r${i}] and [u][r${(i * 7) % 5_000}].`).join('\n') + '\n\n' + Array.from({ length: 5_000 }, (_, i) => `[r${i}]: https://e.com/${i}`).join('\n') + '\n',
  };
  const ws = tempWorkspace(files);
  try {
    const names = ['brackets.md', 'heading.md', 'indented.md', 'list.md', 'references.md', 'table.md'];
    const { reports } = lintJson(['--no-cache', ...names], ws.root);
    assert.deepEqual(reports.map((r) => r.file).sort(), names);
    // (The heading's expression took seconds at this length, and the budget stopped the check.)
    for (const file of names) assert.deepEqual(codes(reports, file).filter((c) => c.startsWith('guard/')), [], file);
    // Each reference is defined, and each definition used: the references were read as references.
    assert.deepEqual(codes(reports, 'references.md').filter((c) => c.startsWith('links/')), []);
  } finally {
    ws.dispose();
  }
});

test('CLI: binary data, oversized files and broken front matter each get one clear diagnostic', () => {
  const big = '# Big\n\n' + 'Lorem ipsum dolor sit amet. '.repeat(400_000) + '\n';
  const ws = tempWorkspace({
    'binary.md': Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0x00, 0x00, 0x00, 0x0d]),
    'big.md': big,
    'fm.md': '---\ntemplate: [review\ndate: 2026-01-01\n---\n\n# T\n',
  });
  try {
    const { reports } = lintJson(['--no-cache', '.'], ws.root);
    const of = (f: string) => reports.find((r) => r.file === f)!.diagnostics;
    assert.deepEqual(of('binary.md').map((d) => d.code), ['guard/binary']);
    assert.deepEqual(of('big.md').map((d) => d.code), ['guard/file-too-large']);
    assert.match(of('big.md')[0].message, /is 10938 KB, larger than maxFileSizeKB \(4096 KB\)/);
    const fm = of('fm.md').find((d) => d.code === 'frontmatter/invalid')!;
    assert.ok(fm, JSON.stringify(of('fm.md')));
    assert.equal(fm.severity, 'error');
    assert.ok(fm.line >= 2 && fm.line <= 4, `line ${fm.line}`);
  } finally {
    ws.dispose();
  }
});

test('CLI: a broken team template is reported on its file; other templates keep working', () => {
  const ws = tempWorkspace({
    '.benchpress/templates/broken.md': 'no headings at all\n',
    '.benchpress/templates/ok.md': '# [X] 报告\n\n## 背景\n\n## 结论\n',
    'p.md': '---\ntemplate: ok\n---\n\n# GPU 报告\n\n## 背景\n\n文字。\n',
  });
  try {
    const { reports } = lintJson(['p.md'], ws.root);
    const broken = reports.find((r) => r.file.endsWith('broken.md'))!;
    assert.match(broken.diagnostics[0].message, /Template has no sections/);
    assert.ok(codes(reports, 'p.md').includes('template/missing-section'));
  } finally {
    ws.dispose();
  }
});

test('server: a stalling draft is stopped at its budget while other drafts and requests are answered', async () => {
  const ws = tempWorkspace({ '.benchpress/config.json': '{ "checkTimeoutMs": 800 }' });
  const client = await LspClient.start(ws.root);
  try {
    const slowText = PATHOLOGICAL['a paragraph of 20,000 links'].text;
    const slowUri = fileUri(ws.write('slow.md', slowText));
    const slow = client.open(slowUri, slowText);
    const fastText = '# Fast\n\n## Section\n\n[x][nope]\n';
    const fastUri = fileUri(ws.write('fast.md', fastText));
    const started = Date.now();
    const fast = await client.open(fastUri, fastText);
    const symbols = await client.request('textDocument/documentSymbol', { textDocument: { uri: fastUri } });
    assert.deepEqual(fast.map((d) => d.code), ['links/undefined-reference']);
    assert.equal(symbols[0].name, 'Fast');
    const slowDiagnostics = await slow;
    assert.ok(slowDiagnostics.some((d) => d.code === 'guard/timeout'), JSON.stringify(slowDiagnostics.map((d) => d.code)));
    assert.ok(slowDiagnostics.some((d) => d.code === 'links/undefined-reference'), 'the sections after the stalled one are checked');
    assert.ok(Date.now() - started < 60000);
  } finally {
    assert.equal(await client.stop(), 0);
    ws.dispose();
  }
});

test('server: binary content, deep nesting and broken front matter in open editors give diagnostics, and the server stays up', async () => {
  const ws = tempWorkspace();
  const client = await LspClient.start(ws.root);
  try {
    const cases: [string, string, string][] = [
      ['bin.md', 'PK\u0003\u0004\u0000\u0000binary', 'guard/binary'],
      ['deep.md', '# T\n\n' + '>'.repeat(100000) + '\n', 'guard/nesting-too-deep'],
      ['fm.md', '---\n: : :\n  - [\n---\n# T\n', 'frontmatter/invalid'],
      ['huge.md', '# H\n\n' + 'x'.repeat(5 * 1024 * 1024), 'guard/file-too-large'],
    ];
    for (const [name, text, code] of cases) {
      const diagnostics = await client.open(fileUri(ws.write(name, 'placeholder')), text);
      assert.ok(diagnostics.some((d) => d.code === code), `${name}: ${JSON.stringify(diagnostics.map((d) => d.code))}`);
    }
    const symbols = await client.request('textDocument/documentSymbol', { textDocument: { uri: fileUri(ws.file('fm.md')) } });
    assert.equal(symbols[0].name, 'T');
  } finally {
    assert.equal(await client.stop(), 0);
    ws.dispose();
  }
});
