// Text the editor shows for topics: the hover on a matched term (its table row), the CodeLens / inlay
// hint on the title (the draft's hottest topics and their heat). Plain strings and Markdown, no editor API.

import type { Locale } from '../base/i18n';
import { formatMetric } from './numbers';
import { STATUS_MEANING } from './seed';
import type { TopicMatch } from './match';
import type { TopicRow } from './table';

/** A topic's figures in a line of text: heat, views when known, status ("heat 33.1K · views 2.4M · 🔥"). */
export function topicFigures(topic: { heat: number | null; views: number | null; status: string | null }, lang: Locale, separator: string): string {
  const zh = lang === 'zh-cn';
  return [`${zh ? '热度' : 'heat'} ${formatMetric(topic.heat)}`, topic.views !== null ? `${zh ? '浏览量' : 'views'} ${formatMetric(topic.views)}` : '', topic.status ?? '']
    .filter(Boolean)
    .join(separator);
}

function statusText(status: string | null, lang: Locale): string {
  if (!status) return '–';
  const meaning = STATUS_MEANING[status];
  return meaning ? `${status} ${lang === 'zh-cn' ? meaning.zh : meaning.en}` : status;
}

/** Markdown for a hover on a matched term: the row of the table, with its aliases. */
export function topicHover(row: TopicRow, lang: Locale = 'en', matchedText?: string): string {
  const zh = lang === 'zh-cn';
  const head = [zh ? '排名' : 'Rank', zh ? '主题' : 'Topic', zh ? '热度值' : 'Heat', zh ? '相关度' : 'Relevance', zh ? '浏览量' : 'Views', zh ? '状态' : 'Status'];
  const cells = [
    String(row.rank),
    row.topic.replace(/\|/g, '\\|'),
    formatMetric(row.heat),
    row.relevance === null ? '–' : String(row.relevance),
    formatMetric(row.views),
    statusText(row.status, lang),
  ];
  const lines = [
    `**${zh ? '热门主题' : 'Hot topic'}: ${row.topic}**` + (matchedText && matchedText !== row.topic ? ` (${zh ? '匹配' : 'matched'} “${matchedText}”)` : ''),
    '',
    `| ${head.join(' | ')} |`,
    `|${head.map(() => '---').join('|')}|`,
    `| ${cells.join(' | ')} |`,
  ];
  if (row.aliases.length) {
    lines.push('', `${zh ? '别名' : 'Aliases'}: ${row.aliases.join(zh ? '、' : ', ')}`);
  }
  const from =
    row.origin === 'team'
      ? zh
        ? `来源：团队主题表${row.line !== undefined ? `第 ${row.line + 1} 行` : ''}`
        : `From the team's topic table${row.line !== undefined ? `, line ${row.line + 1}` : ''}`
      : zh
        ? '来源：内置热度表（RunPod 平台数据，7 月底至 8 月初）'
        : 'From the built-in heat table (RunPod platform data, late July to early August)';
  lines.push('', `_${from}_`);
  return lines.join('\n');
}

/**
 * The CodeLens / inlay hint text on the title: the draft's covered topics, hottest first, with heat.
 * `🔥 4090 graphics card 1.1K · run pod 800`; when nothing is covered, a short note (or '' with `quiet`).
 */
export function titleLensText(matches: readonly TopicMatch[], options: { max?: number; lang?: Locale; quiet?: boolean } = {}): string {
  const zh = options.lang === 'zh-cn';
  const covered = matches
    .filter((m) => m.covered)
    .sort((a, b) => b.row.heat - a.row.heat || a.row.rank - b.row.rank)
    .slice(0, options.max ?? 3);
  if (covered.length === 0) return options.quiet ? '' : zh ? '🔥 未覆盖热门主题' : '🔥 No hot topic covered';
  return '🔥 ' + covered.map((m) => `${m.topic} ${formatMetric(m.row.heat)}`).join(' · ');
}
