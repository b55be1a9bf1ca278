// Topic heat over LSP: the lens on the title, hovers on matched terms, keyword completion in headings,
// the workspace report, and a team table with a bad row reported on its line.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { LspClient, fileUri } from '../support/lsp';
import { tempWorkspace } from '../support/workspace';

const DRAFT = '# RTX 4090 本地推理实测\n\n## 4090 显存够用吗\n\nRTX 4090 的显存是 24 GB。RunPod 上也能租到 4090。\n\n```bash\nrunpod run pod h200\n```\n';

test('a lens on the title shows the hottest topics; hover shows the table row; headings complete hot keywords', async () => {
  const ws = tempWorkspace();
  const client = await LspClient.start(ws.root);
  try {
    const uri = fileUri(ws.write('a.md', DRAFT));
    await client.open(uri, DRAFT);
    const lenses = await client.request('textDocument/codeLens', { textDocument: { uri } });
    assert.equal(lenses.length, 1);
    assert.equal(lenses[0].range.start.line, 0);
    assert.match(lenses[0].command.title, /^🔥 4090 graphics card 1\.1K/);
    const line = DRAFT.split('\n')[4];
    const hover = await client.request('textDocument/hover', { textDocument: { uri }, position: { line: 4, character: line.indexOf('RunPod') + 2 } });
    assert.match(hover.contents.value, /run pod/);
    assert.match(hover.contents.value, /800/);
    // Nothing inside the code block is a topic.
    const codeLine = DRAFT.split('\n').indexOf('runpod run pod h200');
    assert.equal(await client.request('textDocument/hover', { textDocument: { uri }, position: { line: codeLine, character: 2 } }), null);
    // Completion in a heading.
    const edited = DRAFT + '\n## run\n';
    const version = await client.changeAndWait(uri, [{ text: edited }]);
    assert.ok(version);
    const lastLine = edited.split('\n').length - 2;
    const items = await client.request('textDocument/completion', { textDocument: { uri }, position: { line: lastLine, character: 6 } });
    const labels = items.map((i: { label: string }) => i.label);
    assert.ok(labels.includes('run pod') && labels.includes('runpod pricing'), JSON.stringify(labels));
  } finally {
    assert.equal(await client.stop(), 0);
    ws.dispose();
  }
});

test('the workspace report lists covered and uncovered topics and rotation repeats, from a team table', async () => {
  const ws = tempWorkspace({
    '.benchpress/topics.csv': '排名,主题,热度值,相关度,浏览量,状态\n1,h100,1.2K,5,9.9K,🔶\n2,runpod pricing,abc,1,1K,🟢\n3,h200,900,3,2.4K,🔶\n',
    'posts/a.md': '---\ndate: 2026-11-01\n---\n\n# H100 训练集群实战\n\nH100 集群。\n',
    'posts/b.md': '---\ndate: 2026-11-03\n---\n\n# H100 多卡并行\n\nH100 的 NVLink。\n',
  });
  const client = await LspClient.start(ws.root);
  try {
    const tableUri = fileUri(ws.file('.benchpress/topics.csv'));
    const tableProblems = client.diagnostics(tableUri);
    const report = await client.request('benchpress/topicReport', { root: ws.root });
    assert.deepEqual(report.topics.map((t: { topic: string }) => t.topic), ['h100', 'h200']);
    assert.deepEqual(report.topics[0].drafts, ['posts/a.md', 'posts/b.md']);
    assert.equal(report.topics[0].heat, 1200);
    assert.deepEqual(report.uncovered, ['h200']);
    assert.deepEqual(report.rotation, [{ file: 'posts/b.md', previous: 'posts/a.md', topic: 'h100' }]);
    const problems = (await tableProblems).diagnostics;
    assert.equal(problems.length, 1);
    assert.equal(problems[0].range.start.line, 2, 'the bad row is reported on its own line');
  } finally {
    assert.equal(await client.stop(), 0);
    ws.dispose();
  }
});
