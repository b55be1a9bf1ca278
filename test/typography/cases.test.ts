// The typography cases (test/typography/cases.txt) through the real fixers: the built CLI as a process
// (`lint --fix`, twice: the second run changes nothing) and the built server over stdio (the
// `source.fixAll.benchpress` code action, applied; asked again, it offers nothing). Rules outside typography are
// turned off in the workspace's config, so each case shows what the typography rules do.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { LspClient, applyTextEdits, fileUri } from '../support/lsp';
import { runCli, tempWorkspace, type TempWorkspace } from '../support/workspace';
import { readCases, type Case } from './cases';

type Json = any; // eslint-disable-line @typescript-eslint/no-explicit-any

const OTHER_GROUPS = ['template', 'links', 'heat', 'pricing', 'specs', 'remark-lint'];
const CONFIG = JSON.stringify({ rules: Object.fromEntries(OTHER_GROUPS.map((g) => [g, 'off'])) });

const cases: Case[] = readCases();
const name = (i: number) => `case-${String(i + 1).padStart(3, '0')}.md`;
let ws: TempWorkspace;

before(() => {
  ws = tempWorkspace({ '.benchpress/config.json': CONFIG });
  cases.forEach((c, i) => ws.write(`cli/${name(i)}`, c.input));
});

after(() => ws?.dispose());

const describe = (c: Case, got: string) => `${c.title}\n--- input:\n${c.input}--- expected:\n${c.expected}--- got:\n${got}`;

test('the case file has at least 100 cases, at least 30 of them unchanged', () => {
  assert.ok(cases.length >= 100, `${cases.length} cases`);
  assert.ok(cases.filter((c) => c.unchanged).length >= 30, `${cases.filter((c) => c.unchanged).length} unchanged`);
  assert.equal(new Set(cases.map((c) => c.title)).size, cases.length, 'titles are unique');
});

test('CLI: lint --fix gives the expected output for every case, and a second run changes nothing', () => {
  const first = runCli(['lint', '--fix', '--format', 'json', 'cli'], ws.root);
  assert.ok(first.status === 0 || first.status === 1, `exit ${first.status}: ${first.stderr}`);
  const once = cases.map((_, i) => readFileSync(ws.file(`cli/${name(i)}`), 'utf8'));
  const wrong = cases.flatMap((c, i) => (once[i] === c.expected ? [] : [describe(c, once[i])]));
  assert.deepEqual(wrong, []);
  // Nothing typographic is left to report on the fixed files, except what has no automatic fix.
  const second = runCli(['lint', '--fix', '--format', 'json', 'cli'], ws.root);
  assert.ok(second.status === 0 || second.status === 1, second.stderr);
  const twice = cases.map((_, i) => readFileSync(ws.file(`cli/${name(i)}`), 'utf8'));
  assert.deepEqual(cases.flatMap((c, i) => (twice[i] === once[i] ? [] : [describe(c, twice[i])])), []);
});

test('CLI: --rules typography fixes the same way without the config', () => {
  const bare = tempWorkspace();
  try {
    cases.forEach((c, i) => bare.write(name(i), c.input));
    const r = runCli(['lint', '--fix', '--rules', 'typography', '--format', 'json', '.'], bare.root);
    assert.ok(r.status === 0 || r.status === 1, r.stderr);
    const wrong = cases.flatMap((c, i) => {
      const got = readFileSync(bare.file(name(i)), 'utf8');
      return got === c.expected ? [] : [describe(c, got)];
    });
    assert.deepEqual(wrong, []);
  } finally {
    bare.dispose();
  }
});

test('server: source.fixAll.benchpress gives the expected output for every case, and then offers nothing', async () => {
  const client = await LspClient.start(ws.root);
  const wrong: string[] = [];
  try {
    for (const [i, c] of cases.entries()) {
      const uri = fileUri(ws.file(`lsp/${name(i)}`));
      await client.open(uri, c.input);
      const edits = await fixAllEdits(client, uri, c.input);
      const got = applyTextEdits(c.input, edits);
      if (got !== c.expected) wrong.push(describe(c, got));
      else if (edits.length) {
        await client.changeAndWait(uri, [{ text: got }]);
        const more = await fixAllEdits(client, uri, got);
        if (more.length) wrong.push(`${c.title}: fix all offered more edits after it was applied: ${JSON.stringify(more)}`);
      }
      if (c.unchanged && edits.length) wrong.push(`${c.title}: an unchanged case got edits`);
      client.notify('textDocument/didClose', { textDocument: { uri } });
    }
  } finally {
    assert.equal(await client.stop(), 0);
  }
  assert.deepEqual(wrong, []);
});

async function fixAllEdits(client: LspClient, uri: string, text: string): Promise<Json[]> {
  const lines = text.split('\n');
  const range = { start: { line: 0, character: 0 }, end: { line: lines.length - 1, character: lines[lines.length - 1].length } };
  const actions: Json[] = await client.request('textDocument/codeAction', { textDocument: { uri }, range, context: { diagnostics: [], only: ['source.fixAll.benchpress'] } });
  return actions.flatMap((a) => [...(a.edit?.documentChanges?.flatMap((d: Json) => d.edits) ?? []), ...Object.values(a.edit?.changes ?? {}).flat()]);
}
