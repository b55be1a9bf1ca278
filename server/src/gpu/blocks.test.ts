import { test } from 'node:test';
import assert from 'node:assert/strict';
import { builtinGpuDatabase } from '../node/data-files';
import { mergeUserData } from './database';
import { comparisonTable, costEstimate, pricingTable, specTable, type TableResult } from './tables';
import { applyBlockEdits, describeChanges, findDataBlocks, parseMarkerParams, refreshBlocks } from './blocks';
import { daysBetween } from '../base/dates';

const db = builtinGpuDatabase();
const text = (r: TableResult) => {
  assert.ok(r.ok, r.ok ? '' : r.error);
  return r.text;
};

/** The built-in data with the H100 SXM Secure price set to $3.49 (an older price), dated 2026-10-07. */
const olderPrices = mergeUserData(db, undefined, JSON.stringify({
  prices: [{ gpuId: 'h100-sxm', provider: 'runpod', tier: 'secure', usdPerHour: 3.49, source: 'https://example.com/old', asOf: '2026-10-07' }],
})).db;

test('marker parameters', () => {
  assert.deepEqual(parseMarkerParams(' gpus=h100-sxm,b200  lang=zh-cn asOf=2026-11-25 note="two words" flag'), { gpus: 'h100-sxm,b200', lang: 'zh-cn', asOf: '2026-11-25', note: 'two words' });
});

test('finds blocks with offsets that include the markers, and their inner text', () => {
  const spec = text(specTable(db, 'h100-sxm', { lang: 'en', fields: ['memoryGB'] }));
  const pricing = text(pricingTable(db, ['h100-sxm'], { lang: 'zh-cn' }));
  const doc = `# Title\n\n${spec}\nSome prose.\n\n${pricing}`;
  const blocks = findDataBlocks(doc);
  assert.deepEqual(blocks.map((b) => [b.kind, b.complete]), [['spec', true], ['pricing', true]]);
  const [a, b] = blocks;
  assert.equal(doc.slice(a.start, a.end), spec.replace(/\n$/, ''));
  assert.equal(doc.slice(b.start, b.end), pricing.replace(/\n$/, ''));
  assert.ok(a.inner.startsWith('| Spec'));
  assert.ok(a.inner.endsWith('\n\n'));
  assert.equal(doc.slice(a.innerStart, a.innerStart + a.inner.length), a.inner);
  assert.equal(b.asOf, '2026-11-09');
  assert.equal(b.params.lang, 'zh-cn');
  assert.equal(doc.slice(b.marker.start, b.marker.end), pricing.split('\n')[0]);
});

test('tolerates CRLF, indentation up to three spaces, extra spaces in markers, and edits inside the block', () => {
  const doc = 'Intro\r\n\r\n  <!--   benchpress:spec   gpus=l4 fields=memoryGB lang=en asOf=2026-11-25   -->\r\n| hand | edited |\r\nanything at all\r\n<!--/benchpress:spec-->  \r\nAfter\r\n';
  const [b] = findDataBlocks(doc);
  assert.ok(b.complete);
  assert.equal(b.eol, '\r\n');
  assert.equal(doc.slice(b.start, b.start + 4), '<!--');
  assert.equal(doc.slice(b.end - 3, b.end), '-->');
  assert.equal(b.inner, '| hand | edited |\r\nanything at all\r\n');
  assert.deepEqual(b.params, { gpus: 'l4', fields: 'memoryGB', lang: 'en', asOf: '2026-11-25' });
});

test('broken markers are reported, never guessed', () => {
  const missingEnd = '<!-- benchpress:pricing gpus=h100-sxm lang=en asOf=2026-08-19 -->\n| a | b |\n|---|---|\n\nMore text.\n';
  const [m] = findDataBlocks(missingEnd);
  assert.equal(m.complete, false);
  assert.match(m.problem && typeof m.problem !== 'string' ? m.problem.en : '', /no end marker <!-- \/benchpress:pricing -->/);
  assert.equal(m.end, missingEnd.indexOf('-->') + 3, 'the block is only the start marker');
  assert.equal(m.asOf, '2026-08-19', 'the date is still known (pricing/stale can use it)');

  const twoStarts = '<!-- benchpress:spec gpus=l4 -->\ntable\n<!-- benchpress:spec gpus=l40 -->\ntable\n<!-- /benchpress:spec -->\n';
  const blocks = findDataBlocks(twoStarts);
  assert.deepEqual(blocks.map((b) => [b.params.gpus, b.complete]), [['l4', false], ['l40', true]]);
  assert.match(typeof blocks[0].problem === 'object' ? blocks[0].problem.en : '', /before the next table starts/);

  const mismatch = findDataBlocks('<!-- benchpress:spec gpus=l4 -->\nx\n<!-- /benchpress:pricing -->\n');
  assert.equal(mismatch[0].complete, false);
  assert.match(typeof mismatch[0].problem === 'object' ? mismatch[0].problem.en : '', /ends with <!-- \/benchpress:pricing -->/);

  const stray = findDataBlocks('text\n<!-- /benchpress:cost -->\n');
  assert.equal(stray.length, 1);
  assert.match(typeof stray[0].problem === 'object' ? stray[0].problem.zh : '', /没有对应的开始标记/);

  const unknown = findDataBlocks('<!-- benchpress:chart gpus=l4 -->\nx\n<!-- /benchpress:chart -->\n');
  assert.equal(unknown[0].complete, false);
  assert.match(typeof unknown[0].problem === 'object' ? unknown[0].problem.en : '', /Unknown data table kind "chart"/);

  const r = refreshBlocks(missingEnd + '\n' + twoStarts, db);
  assert.equal(r.problems.length, 2);
  assert.ok(r.edits.every((e) => e.start > missingEnd.length), 'broken blocks are not edited');
});

test('markers inside fenced code and inline prose are not blocks', () => {
  const doc = 'Write:\n\n```markdown\n<!-- benchpress:spec gpus=l4 -->\n<!-- /benchpress:spec -->\n```\n\nA marker <!-- benchpress:spec gpus=l4 --> mid-line.\n~~~\n<!-- /benchpress:spec -->\n~~~\n';
  assert.deepEqual(findDataBlocks(doc), []);
});

test('refresh with changed prices: edits replace only the block, changes are listed cell by cell', () => {
  const before = text(pricingTable(olderPrices, ['h100-sxm'], { lang: 'en' }));
  const doc = `# Costs\n\nPrices below.\n\n${before}\nAfter the table.\n`;
  const r = refreshBlocks(doc, db);
  assert.equal(r.edits.length, 1);
  assert.deepEqual(r.problems, []);
  const [edit] = r.edits;
  const [block] = findDataBlocks(doc);
  assert.equal(edit.start, block.start);
  assert.equal(edit.end, block.end);
  const after = applyBlockEdits(doc, r.edits);
  assert.ok(after.startsWith('# Costs\n\nPrices below.\n\n<!-- benchpress:pricing'));
  assert.ok(after.endsWith('<!-- /benchpress:pricing -->\n\nAfter the table.\n'));
  assert.equal(after, `# Costs\n\nPrices below.\n\n${text(pricingTable(db, ['h100-sxm'], { lang: 'en' }))}\nAfter the table.\n`);
  assert.equal(r.changes.length, 1);
  const summary = r.changes[0].summary;
  assert.ok(summary.includes('H100 SXM · RunPod · Secure Cloud · Per GPU-hour: $3.49 → $3.99'), summary.join('\n'));
  assert.ok(summary.includes('H100 SXM · RunPod · Secure Cloud · As of: 2026-10-07 → 2026-11-09'), summary.join('\n'));
  assert.ok(summary.includes('Data date: 2026-10-07 → 2026-11-09'), summary.join('\n'));
  assert.ok(!summary.some((s) => s.includes('Community')), 'unchanged rows are not listed');
  // A second refresh has nothing to do.
  assert.deepEqual(refreshBlocks(after, db).edits, []);
});

test('refresh: spec change, added and removed rows, Chinese summaries', () => {
  const { db: bigger } = mergeUserData(db, JSON.stringify({ gpus: [{ id: 'h100-sxm', memoryGB: 96, sources: { memoryGB: 'https://example.com/96' } }] }), undefined);
  const doc = text(comparisonTable(db, ['h100-sxm', 'h200-sxm'], { lang: 'zh-cn', fields: ['memoryGB', 'tdpW'] }));
  const r = refreshBlocks(doc, bigger);
  assert.ok(r.changes[0].summary.includes('H100 SXM · 显存容量：80 GB → 96 GB'), r.changes[0].summary.join('\n'));

  const withRow = mergeUserData(db, undefined, JSON.stringify({
    prices: [{ gpuId: 'h100-sxm', provider: 'runpod', tier: 'spot', usdPerHour: 1.99, source: 'https://example.com/spot', asOf: '2026-11-20' }],
  })).db;
  const old = text(pricingTable(withRow, ['h100-sxm'], { lang: 'en' }));
  const removed = refreshBlocks(old, db);
  assert.ok(removed.changes[0].summary.includes('Removed: H100 SXM · RunPod · Spot'), removed.changes[0].summary.join('\n'));
  const added = refreshBlocks(text(pricingTable(db, ['h100-sxm'], { lang: 'en' })), withRow);
  assert.ok(added.changes[0].summary.some((s) => s.startsWith('Added: H100 SXM · RunPod · Spot ($1.99')), added.changes[0].summary.join('\n'));
});

test('refresh regenerates hand-edited blocks and lists the hand edits as changes', () => {
  const original = text(specTable(db, 'rtx-4090', { lang: 'en', fields: ['memoryGB', 'tdpW'] }));
  const edited = original.replace('| 24 GB ', '| 32 GB ').replace('Specs as of', 'Specs (checked by me) as of');
  const r = refreshBlocks(edited, db);
  assert.equal(applyBlockEdits(edited, r.edits), original);
  assert.deepEqual(r.changes[0].summary, ['NVIDIA GeForce RTX 4090 · Memory: 32 GB → 24 GB']);
  const noteOnly = refreshBlocks(original.replace('Specs as of', 'Specs (checked) as of'), db);
  assert.deepEqual(noteOnly.changes[0].summary, ['No figures changed; the source note or layout was updated.']);
  const noTable = refreshBlocks('<!-- benchpress:spec gpus=l4 fields=memoryGB lang=en asOf=2026-11-25 -->\n(deleted)\n<!-- /benchpress:spec -->\n', db);
  assert.deepEqual(noTable.changes[0].summary, ['The old text had no table; the table was rebuilt.']);
});

test('refresh keeps CRLF line breaks and touches nothing outside the block', () => {
  const block = text(costEstimate(olderPrices, { gpuId: 'h100-sxm', hours: 10, count: 2 }, { lang: 'en' })).replace(/\n/g, '\r\n');
  const doc = `Before\r\n\r\n${block}\r\nAfter\r\n`;
  const r = refreshBlocks(doc, db);
  assert.equal(r.edits.length, 1);
  assert.ok(!/[^\r]\n/.test(r.edits[0].newText), 'every line break is CRLF');
  const after = applyBlockEdits(doc, r.edits);
  assert.ok(after.startsWith('Before\r\n\r\n<!-- benchpress:cost'));
  assert.ok(after.endsWith('<!-- /benchpress:cost -->\r\n\r\nAfter\r\n'));
  assert.ok(r.changes[0].summary.includes('RunPod · Secure Cloud · Cost: $69.80 → $79.80'), r.changes[0].summary.join('\n'));
});

test('refresh: markers that name unknown GPUs or lack parameters are reported and left alone', () => {
  const doc = '<!-- benchpress:spec gpus=rtx-9999 lang=en asOf=2026-11-25 -->\nx\n<!-- /benchpress:spec -->\n<!-- benchpress:cost gpus=h100-sxm lang=en -->\nx\n<!-- /benchpress:cost -->\n';
  const r = refreshBlocks(doc, db);
  assert.deepEqual(r.edits, []);
  assert.equal(r.problems.length, 2);
  assert.match(typeof r.problems[0].message === 'object' ? r.problems[0].message.en : '', /cannot be refreshed: Unknown GPU "rtx-9999"/);
  assert.match(typeof r.problems[1].message === 'object' ? r.problems[1].message.en : '', /Hours must be a positive number/);
  assert.equal(doc.slice(r.problems[0].start, r.problems[0].end), '<!-- benchpress:spec gpus=rtx-9999 lang=en asOf=2026-11-25 -->');
});

test('refresh reports pricing blocks that stay stale because the data has nothing newer', () => {
  const doc = text(pricingTable(db, ['b200'], { lang: 'en', tiers: ['secure'] }));
  const r = refreshBlocks(doc, db, '2026-11-25', { staleAfterDays: 30 });
  assert.deepEqual(r.edits, []);
  assert.deepEqual(r.stale.map((s) => [s.asOf, s.ageDays]), [['2026-08-19', 98]]);
  assert.deepEqual(refreshBlocks(doc, db, '2026-09-01', { staleAfterDays: 30 }).stale, []);
});

test('describeChanges and daysBetween', () => {
  assert.equal(daysBetween('2026-08-19', '2026-11-25'), 98);
  assert.equal(daysBetween('2026-11-25', '2026-11-24'), -1);
  assert.deepEqual(describeChanges('spec', '| Spec | X |\n|---|---|\n| A | 1 |\n', '| Spec | X |\n|---|---|\n| A | 2 |\n| B | 3 |\n', 'en'), ['X · A: 1 → 2', 'Added: B (3)']);
  assert.deepEqual(describeChanges('compare', '| Spec | X |\n|---|---|\n| A | 1 |\n', '| Spec | X | Y |\n|---|---|---|\n| A | 1 | 2 |\n', 'zh-cn'), ['新增列：Y']);
});
