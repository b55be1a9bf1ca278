import type { DocumentRule } from '../types';
import { findDataBlocks } from '../../gpu/blocks';
import { daysBetween, todayIso } from '../../base/dates';

/**
 * pricing/stale — a pricing or cost table (a `<!-- benchpress:pricing … -->` or `benchpress:cost` block) whose
 * prices are older than `pricingStaleAfterDays` (default 30). The marker's `asOf` is the date of the oldest
 * price in the table (not the day it was inserted), so refreshing over the same data does not hide old prices.
 * A date after today and a missing or invalid `asOf` are reported too. Spec tables are not checked: specs do not
 * go stale the way prices do.
 */
export function createPricingStaleRule(today: () => string = () => todayIso()): DocumentRule {
  return {
    id: 'pricing/stale',
    scope: 'document',
    defaultSeverity: 'warning',
    docs: {
      summary: 'A pricing or cost table has prices older than `pricingStaleAfterDays` (default 30 days).',
      rationale: 'Cloud GPU prices change every few weeks; an article that quotes last quarter\'s price per hour misleads readers who budget by it.',
      bad: '<!-- benchpress:pricing gpus=h100-sxm lang=en asOf=2020-01-01 -->\n| GPU      | Provider | Tier         | Per GPU-hour | As of      |\n| -------- | -------- | ------------ | -----------: | ---------- |\n| H100 SXM | RunPod   | Secure Cloud |        $3.99 | 2020-01-01 |\n\n<!-- /benchpress:pricing -->\n',
      good: '<!-- benchpress:spec gpus=h100-sxm fields=memoryGB lang=en asOf=2020-01-01 -->\n| Spec   | NVIDIA H100 SXM |\n| ------ | --------------- |\n| Memory | 80 GB           |\n\n<!-- /benchpress:spec -->\n',
    },
    check({ doc, config, report }) {
      if (!doc.text.includes('benchpress:')) return;
      const now = today();
      const limit = config.pricingStaleAfterDays;
      for (const block of findDataBlocks(doc.text)) {
        if (block.kind !== 'pricing' && block.kind !== 'cost') continue;
        const range = doc.range(block.marker);
        if (!block.asOf) {
          report({
            range,
            message: {
              en: `This ${block.kind === 'cost' ? 'cost estimate' : 'pricing table'} has no valid asOf date in its marker, so its age is unknown. Run “Refresh data tables”.`,
              zh: `此${block.kind === 'cost' ? '费用估算' : '价格表'}的标记中没有有效的 asOf 日期，无法判断价格是否过时。请运行“刷新数据表格”。`,
            },
            data: { kind: block.kind },
          });
          continue;
        }
        const age = daysBetween(block.asOf, now);
        if (age < -1) {
          report({
            range,
            message: {
              en: `Prices in this table are dated ${block.asOf}, after today (${now}); check the marker's asOf. Run “Refresh data tables”.`,
              zh: `此表中的价格日期为 ${block.asOf}，晚于今天（${now}）；请检查标记中的 asOf。请运行“刷新数据表格”。`,
            },
            data: { kind: block.kind, asOf: block.asOf, ageDays: age },
          });
          continue;
        }
        if (age <= limit) continue;
        report({
          range,
          message: {
            en: `Prices in this table are from ${block.asOf}, ${age} days old (limit ${limit}). Run “Refresh data tables”.`,
            zh: `此表中的价格来自 ${block.asOf}，已过去 ${age} 天（上限 ${limit} 天）。请运行“刷新数据表格”。`,
          },
          data: { kind: block.kind, asOf: block.asOf, ageDays: age, limit },
        });
      }
    },
  };
}

export const pricingStale: DocumentRule = createPricingStaleRule();
