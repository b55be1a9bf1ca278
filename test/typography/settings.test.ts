// The typography settings reach the rules through every front end: `.benchpress/config.json` for the CLI, the
// editor's `benchpress.typography.*` settings for the server; bad values are reported on the config file.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { LspClient, applyTextEdits, fileUri } from '../support/lsp';
import { lintJson, runCli, tempWorkspace } from '../support/workspace';

type Json = any; // eslint-disable-line @typescript-eslint/no-explicit-any

const DRAFT = '# 说明\n\n所谓“冷启动”是指 RTX 4090 有 24GB 显存，H100 有 80GB 显存(SXM 版)，用 qwen 写代码。\n';

test('CLI: typography settings from .benchpress/config.json change the fixes', () => {
  const config = { typography: { quotes: 'corner', unitSpacing: 'space', brackets: 'halfwidth', names: ['Qwen'] } };
  const ws = tempWorkspace({ '.benchpress/config.json': JSON.stringify(config), 'draft.md': DRAFT });
  try {
    const r = runCli(['lint', '--fix', '--rules', 'typography', 'draft.md'], ws.root);
    assert.ok(r.status === 0 || r.status === 1, r.stderr);
    assert.equal(readFileSync(ws.file('draft.md'), 'utf8'), '# 说明\n\n所谓「冷启动」是指 RTX 4090 有 24 GB 显存，H100 有 80 GB 显存 (SXM 版)，用 Qwen 写代码。\n');
  } finally {
    ws.dispose();
  }
});

test('CLI: the typography group can be turned off, and applyTo "all" checks English sections too', () => {
  const ws = tempWorkspace({ '.benchpress/config.json': JSON.stringify({ rules: { typography: 'off' } }), 'draft.md': DRAFT, 'en.md': '# Notes\n\nWe deploy with docker on runpod.\n' });
  try {
    assert.deepEqual(lintJson(['draft.md'], ws.root).reports.flatMap((f) => f.diagnostics.map((d) => d.code)).filter((c) => c.startsWith('typography/')), []);
    ws.write('.benchpress/config.json', JSON.stringify({ typography: { applyTo: 'all' } }));
    const codes = lintJson(['en.md'], ws.root).reports.flatMap((f) => f.diagnostics.map((d) => d.code));
    assert.ok(codes.includes('typography/product-names'), codes.join());
    ws.write('.benchpress/config.json', JSON.stringify({ typography: { applyTo: 'chinese' } }));
    assert.ok(!lintJson(['en.md'], ws.root).reports.flatMap((f) => f.diagnostics.map((d) => d.code)).includes('typography/product-names'));
  } finally {
    ws.dispose();
  }
});

test('CLI: a bad typography value is reported on the config file, and the defaults apply', () => {
  const ws = tempWorkspace({ '.benchpress/config.json': JSON.stringify({ typography: { quotes: 'fancy', ambiguousWidth: 3 } }), 'draft.md': DRAFT });
  try {
    const { reports } = lintJson(['draft.md'], ws.root);
    const config = reports.find((f) => f.file.includes('config.json'));
    assert.ok(config?.diagnostics.some((d) => d.code === 'config/invalid' && /quotes/.test(d.message)), JSON.stringify(reports).slice(0, 500));
    assert.ok(reports.some((f) => f.diagnostics.some((d) => d.code === 'typography/number-unit-spacing' || d.code === 'typography/brackets')));
  } finally {
    ws.dispose();
  }
});

test('server: benchpress.typography.* settings change source.fixAll.benchpress', async () => {
  const ws = tempWorkspace({ '.benchpress/config.json': JSON.stringify({ rules: { template: 'off', links: 'off', heat: 'off', pricing: 'off', specs: 'off', 'remark-lint': 'off' } }) });
  const client = await LspClient.start(ws.root, { settings: { benchpress: { diagnosticsDelayMs: 0, typography: { quotes: 'corner', unitSpacing: 'none' } } } });
  try {
    const uri = fileUri(ws.file('draft.md'));
    await client.open(uri, DRAFT);
    const lines = DRAFT.split('\n');
    const range = { start: { line: 0, character: 0 }, end: { line: lines.length - 1, character: 0 } };
    const actions: Json[] = await client.request('textDocument/codeAction', { textDocument: { uri }, range, context: { diagnostics: [], only: ['source.fixAll.benchpress'] } });
    const edits = actions.flatMap((a) => a.edit?.documentChanges?.flatMap((d: Json) => d.edits) ?? []);
    assert.equal(applyTextEdits(DRAFT, edits), '# 说明\n\n所谓「冷启动」是指 RTX 4090 有 24GB 显存，H100 有 80GB 显存（SXM 版），用 qwen 写代码。\n');
  } finally {
    assert.equal(await client.stop(), 0);
    ws.dispose();
  }
});
