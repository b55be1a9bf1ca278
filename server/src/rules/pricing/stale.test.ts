import { test } from 'node:test';
import assert from 'node:assert/strict';
import { DEFAULT_CONFIG } from '../../config/config';
import { LineIndex } from '../../base/text';
import { localize, type Locale } from '../../base/i18n';
import type { DocumentRule, DocumentRuleContext, ReportInput } from '../types';
import { createPricingStaleRule, pricingStale } from './stale';
import { builtinGpuDatabase } from '../../node/data-files';
import { costEstimate, pricingTable, specTable } from '../../gpu/tables';

/** Runs a document rule on a text the way the engine does (only what this rule reads is filled in). */
async function run(rule: DocumentRule, text: string, opts: { locale?: Locale; days?: number } = {}) {
  const lines = new LineIndex(text);
  const found: (ReportInput & { text: string; line: number })[] = [];
  const ctx = {
    doc: { text, lines, range: (s: { start: number; end: number }) => lines.rangeOf(s.start, s.end) },
    config: { ...DEFAULT_CONFIG, pricingStaleAfterDays: opts.days ?? DEFAULT_CONFIG.pricingStaleAfterDays },
    locale: opts.locale ?? 'en',
    options: undefined,
    report: (r: ReportInput) => found.push({ ...r, text: localize(r.message, opts.locale ?? 'en'), line: r.range.start.line }),
  } as unknown as DocumentRuleContext;
  await rule.check(ctx);
  return found;
}

const db = builtinGpuDatabase();
const at = (today: string) => createPricingStaleRule(() => today);
const ok = <T extends { ok: boolean }>(r: T) => {
  assert.ok(r.ok);
  return (r as unknown as { text: string }).text;
};

test('a pricing table with prices older than the limit is reported on its start marker, in both languages', async () => {
  const table = ok(pricingTable(db, ['h100-sxm', 'b200'], { lang: 'en' }));
  const doc = `# Prices\n\n${table}`;
  const [f, ...rest] = await run(at('2026-11-25'), doc);
  assert.deepEqual(rest, []);
  assert.equal(f.text, 'Prices in this table are from 2026-08-19, 98 days old (limit 30). Run “Refresh data tables”.');
  assert.equal(f.line, 2);
  assert.deepEqual(f.range, { start: { line: 2, character: 0 }, end: { line: 2, character: table.indexOf('\n') } });
  assert.deepEqual(f.data, { kind: 'pricing', asOf: '2026-08-19', ageDays: 98, limit: 30 });
  const [zh] = await run(at('2026-11-25'), doc, { locale: 'zh-cn' });
  assert.equal(zh.text, '此表中的价格来自 2026-08-19，已过去 98 天（上限 30 天）。请运行“刷新数据表格”。');
});

test('the limit comes from pricingStaleAfterDays; within it nothing is reported', async () => {
  const doc = ok(pricingTable(db, ['h100-sxm'], { lang: 'en' })); // asOf 2026-11-09
  assert.deepEqual(await run(at('2026-12-09'), doc), []);
  assert.equal((await run(at('2026-12-10'), doc)).length, 1);
  assert.deepEqual(await run(at('2026-12-10'), doc, { days: 60 }), []);
  assert.match((await run(at('2026-11-20'), doc, { days: 10 }))[0].text, /11 days old \(limit 10\)/);
});

test('cost estimates are checked; spec and comparison tables are not', async () => {
  const cost = ok(costEstimate(db, { gpuId: 'b200', hours: 10, count: 8 }, { lang: 'zh-cn' }));
  const spec = ok(specTable(db, 'h100-sxm', { lang: 'en' })).replace(/asOf=[\d-]+/, 'asOf=2001-01-01');
  const found = await run(at('2027-01-01'), `${spec}\n${cost}`);
  assert.equal(found.length, 1);
  assert.match(found[0].text, /from 2026-08-19, 135 days old/);
});

test('future, missing and invalid dates are reported; markers in code and broken blocks still count where dated', async () => {
  const body = '| a |\n|---|\n| 1 |\n';
  const future = `<!-- benchpress:pricing gpus=h100-sxm lang=en asOf=2099-01-01 -->\n${body}<!-- /benchpress:pricing -->\n`;
  assert.match((await run(at('2026-11-25'), future))[0].text, /dated 2099-01-01, after today \(2026-11-25\)/);
  assert.deepEqual(await run(at('2026-11-25'), future.replace('2099-01-01', '2026-11-26')), [], 'a day ahead (time zones) is fine');
  const missing = `<!-- benchpress:cost gpus=h100-sxm hours=1 count=1 lang=en -->\n${body}<!-- /benchpress:cost -->\n`;
  assert.match((await run(at('2026-11-25'), missing))[0].text, /This cost estimate has no valid asOf date/);
  const invalid = missing.replace('lang=en', 'lang=en asOf=2026-02-30');
  assert.match((await run(at('2026-11-25'), invalid, { locale: 'zh-cn' }))[0].text, /此费用估算的标记中没有有效的 asOf 日期/);
  const fenced = '```md\n<!-- benchpress:pricing gpus=b200 asOf=2020-01-01 -->\n<!-- /benchpress:pricing -->\n```\n';
  assert.deepEqual(await run(at('2026-11-25'), fenced), []);
  const unterminated = '<!-- benchpress:pricing gpus=b200 asOf=2020-01-01 -->\n| a |\n';
  assert.equal((await run(at('2026-11-25'), unterminated)).length, 1);
});

test('the documented examples behave with the real clock', async () => {
  assert.equal(pricingStale.id, 'pricing/stale');
  assert.equal(pricingStale.defaultSeverity, 'warning');
  assert.ok((await run(pricingStale, pricingStale.docs.bad)).length > 0);
  assert.deepEqual(await run(pricingStale, pricingStale.docs.good), []);
});
