// Problems in `.benchpress/` files as findings on those files, under their rules and the workspace's settings.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { loadTopicTable } from '../node/workspace-files';
import { CheckEnvironment } from '../engine/document-checker';
import { DEFAULT_CONFIG } from '../config/config';
import { buildTemplateSet } from '../templates/registry';
import { EMPTY_CHUNK_DATA } from '../rules/chunk-data';
import { fileProblemFindings } from './file-problems';

const env = (rules = {}) => new CheckEnvironment({ config: { ...DEFAULT_CONFIG, rules }, templates: buildTemplateSet([]), data: EMPTY_CHUNK_DATA, locale: 'en' });

test('topic table problems become heat/table findings on the table file, from the cell to the end of the line', async () => {
  const dir = mkdtempSync(path.join(os.tmpdir(), 'bp-table-'));
  try {
    const file = path.join(dir, 'topics.csv');
    writeFileSync(file, '\ufefftopic,heat\r\nh100,173\r\nh200,hot\r\n');
    const table = await loadTopicTable(undefined, file);
    const [f] = fileProblemFindings(table.problems[0], env());
    assert.equal(f.ruleId, 'heat/table');
    assert.equal(f.severity, 'error');
    assert.deepEqual(f.range, { start: { line: 2, character: 5 }, end: { line: 2, character: 8 } });
    // The rule can be configured like any other: turned down, or off.
    assert.equal(fileProblemFindings(table.problems[0], env({ 'heat/table': 'info' }))[0].severity, 'info');
    assert.deepEqual(fileProblemFindings(table.problems[0], env({ heat: 'off' })), []);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});
