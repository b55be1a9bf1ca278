// The compact spec card a hover shows on a GPU name: the key figures with their sources, the other variants a
// plain family name may mean, cloud prices, and a link that inserts the full table.
import type { Locale } from '../base/i18n';
import type { GpuDatabase } from './database';
import { fieldByKey, formatField, formatUsd } from './database';
import type { GpuRecord } from './data';


const CARD_FIELDS = ['architecture', 'memoryGB', 'memoryBandwidthGBps', 'fp32Tflops', 'bf16TensorTflopsDense', 'tdpW', 'launchDate', 'launchPriceUsd'];

/** A source entry ("https://… — what it is") as a short Markdown link. */
function sourceLink(source: string): string {
  const url = /https?:\/\/[^\s|)]+/.exec(source)?.[0];
  if (!url) return source.slice(0, 80);
  let host = url;
  try {
    host = new URL(url).hostname.replace(/^www\./, '');
  } catch {
    /* keep the URL */
  }
  return `[${host}](${url})`;
}

export function gpuCard(db: GpuDatabase, candidates: readonly string[], lang: Locale, insertCommand?: string): string | undefined {
  const records = candidates.map((id) => db.get(id)).filter((r): r is GpuRecord => !!r);
  const gpu = records[0];
  if (!gpu) return undefined;
  const zh = lang === 'zh-cn';
  const lines: string[] = [`**${gpu.name}**${gpu.segment ? ` · ${gpu.segment}` : ''}`, ''];
  const sources = new Map<string, number>();
  const cite = (field: string) => {
    const source = gpu.sources[field];
    if (!source) return '';
    const link = sourceLink(source);
    if (!sources.has(link)) sources.set(link, sources.size + 1);
    return ` ⁽${sources.get(link)}⁾`;
  };
  lines.push(zh ? '| 参数 | 数值 |' : '| Spec | Value |', '|---|---|');
  for (const key of CARD_FIELDS) {
    const value = (gpu as unknown as Record<string, unknown>)[key];
    if (value === null || value === undefined) continue;
    const def = fieldByKey(key);
    lines.push(`| ${def ? (zh ? def.label.zh : def.label.en) : key} | ${formatField(key, value, lang)}${cite(key)} |`);
  }
  const prices = db.pricesFor(gpu.id).filter((p) => p.tier === 'secure' || p.tier === 'community');
  if (prices.length) {
    const text = prices.map((p) => `${p.provider} ${p.tier} ${formatUsd(p.usdPerHour, lang, 2, true)}/h`).join(zh ? '，' : ', ');
    lines.push(`| ${zh ? '云端价格' : 'Cloud price'} | ${text} (${prices[0].asOf}) |`);
  }
  lines.push('');
  if (records.length > 1) {
    const others = records.slice(1).map((r) => `${r.name}${r.memoryGB ? ` (${r.memoryGB} GB)` : ''}`).join(zh ? '、' : ', ');
    lines.push(zh ? `同名的其他版本：${others}。` : `Other variants with this name: ${others}.`, '');
  }
  if (sources.size) lines.push(`${zh ? '来源' : 'Sources'}: ${[...sources].map(([link, n]) => `⁽${n}⁾ ${link}`).join(' · ')}`, '');
  if (insertCommand) {
    const args = encodeURIComponent(JSON.stringify([{ gpus: [gpu.id] }]));
    lines.push(`[${zh ? '插入规格表' : 'Insert spec table'}](command:${insertCommand}?${args})`);
  }
  return lines.join('\n');
}
