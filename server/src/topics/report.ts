// The workspace topic report: which drafts cover which topics, the topics nobody covers yet, and the
// rotation rule of the publishing rhythm ("rotate topics, avoid repeating the same topic back to back").
// Its shape is the contract's `node dist/cli.js topics --json`; the client's tree view shows the same.
//
// - topics: every table row in the table's order, numbers as plain numbers, with the drafts that cover
//   it (score >= COVERAGE_THRESHOLD, see match.ts) in the order the drafts were given.
// - uncovered: the topics no draft covers, hottest first (ties in table order).
// - rotation: the drafts with a usable front matter `date`, sorted by date (then path); each draft whose
//   main topic is the same as the previous draft's gives { file, previous, topic }. A dated draft without
//   a main topic still counts as an article in the sequence (about something else). Drafts without a date
//   or with a date that cannot be read are left out.

import type { TopicEntry, TopicReport } from '../protocol';
import type { Locale } from '../base/i18n';
import { isCovered, mainTopic, type TopicMatch } from './match';
import { topicKey } from './normalize';
import { topicFigures } from './present';
import type { TopicRow } from './table';

export interface DraftTopics {
  path: string;
  /** Front matter `date`: `2024-07-28`, `2024-07-28 10:30`, ISO 8601, `2024/7/28`, `2024年7月28日`. */
  date?: string | Date;
  matches: TopicMatch[];
}

export type { TopicReport };
type RotationWarning = TopicReport['rotation'][number];

/** Milliseconds since the epoch for a front matter date, or undefined when it is not one. */
export function parseDraftDate(value: string | Date | undefined | null): number | undefined {
  if (value instanceof Date) return Number.isNaN(value.getTime()) ? undefined : value.getTime();
  if (typeof value !== 'string') return undefined;
  const s = value.normalize('NFKC').trim();
  const m =
    /^(\d{4})[-/.](\d{1,2})[-/.](\d{1,2})(?:[T\s]+(\d{1,2}):(\d{2})(?::(\d{2})(?:\.\d+)?)?\s*(Z|[+-]\d{2}:?\d{2})?)?$/i.exec(s) ??
    /^(\d{4})年(\d{1,2})月(\d{1,2})[日号]?(?:\s*(\d{1,2})[:点时](\d{2})?)?()()$/.exec(s);
  if (!m) return undefined;
  const [y, mo, d, h, mi, sec] = [m[1], m[2], m[3], m[4], m[5], m[6]].map((x) => (x ? Number(x) : 0));
  if (mo < 1 || mo > 12 || d < 1 || d > 31 || h > 23 || mi > 59 || sec > 59) return undefined;
  let t = Date.UTC(y, mo - 1, d, h, mi, sec);
  const check = new Date(t);
  if (check.getUTCDate() !== d) return undefined; // 2024-02-30
  const zone = m[7];
  if (zone && zone.toUpperCase() !== 'Z') {
    const zm = /^([+-])(\d{2}):?(\d{2})$/.exec(zone)!;
    const offset = (Number(zm[2]) * 60 + Number(zm[3])) * 60000;
    t -= zm[1] === '+' ? offset : -offset;
  }
  return t;
}

export function buildTopicReport(drafts: readonly DraftTopics[], table: readonly TopicRow[]): TopicReport {
  const coveredBy = new Map<string, string[]>();
  for (const d of drafts) {
    for (const m of d.matches) {
      if (!isCovered(m)) continue;
      const key = topicKey(m.topic);
      const list = coveredBy.get(key) ?? [];
      if (!list.includes(d.path)) list.push(d.path);
      coveredBy.set(key, list);
    }
  }

  const topics: TopicEntry[] = table.map((row) => ({
    topic: row.topic,
    rank: row.rank,
    heat: row.heat,
    relevance: row.relevance,
    views: row.views,
    status: row.status,
    drafts: [...(coveredBy.get(topicKey(row.topic)) ?? [])],
  }));

  const uncovered = topics
    .map((t, i) => ({ t, i }))
    .filter(({ t }) => t.drafts.length === 0)
    .sort((a, b) => b.t.heat - a.t.heat || a.i - b.i)
    .map(({ t }) => t.topic);

  const dated = drafts
    .map((d) => ({ d, time: parseDraftDate(d.date) }))
    .filter((x): x is { d: DraftTopics; time: number } => x.time !== undefined)
    .sort((a, b) => a.time - b.time || (a.d.path < b.d.path ? -1 : a.d.path > b.d.path ? 1 : 0));
  const rotation: RotationWarning[] = [];
  for (let i = 1; i < dated.length; i++) {
    const prev = mainTopic(dated[i - 1].d.matches);
    const cur = mainTopic(dated[i].d.matches);
    if (prev && cur && topicKey(prev.topic) === topicKey(cur.topic)) {
      rotation.push({ file: dated[i].d.path, previous: dated[i - 1].d.path, topic: cur.topic });
    }
  }

  return { topics, uncovered, rotation };
}


/** The report as text for `node dist/cli.js topics` without `--json`: topics by heat, gaps, rotation. */
export function formatTopicReport(report: TopicReport, lang: Locale = 'en'): string {
  const zh = lang === 'zh-cn';
  const out: string[] = [];
  out.push(zh ? '主题热度（按热度排序）' : 'Topics by heat');
  const byHeat = [...report.topics].map((t, i) => ({ t, i })).sort((a, b) => b.t.heat - a.t.heat || a.i - b.i);
  // terminal columns: Chinese characters and emoji take two
  const cols = (s: string) => [...s].reduce((n, ch) => n + (/[\u1100-\u115f\u2e80-\ua4cf\uac00-\ud7a3\uf900-\ufaff\ufe30-\ufe4f\uff00-\uff60\uffe0-\uffe6]|\p{Extended_Pictographic}/u.test(ch) ? 2 : 1), 0);
  const width = Math.max(0, ...report.topics.map((t) => cols(t.topic)));
  for (const { t } of byHeat) {
    const numbers = topicFigures(t, lang, '  ');
    const count = t.drafts.length
      ? zh
        ? `${t.drafts.length} 篇稿件`
        : `${t.drafts.length} draft${t.drafts.length === 1 ? '' : 's'}`
      : zh
        ? '尚无稿件'
        : 'no draft yet';
    out.push(`  ${String(t.rank).padStart(2)}. ${t.topic}${' '.repeat(width - cols(t.topic))}  ${numbers}  — ${count}`);
    for (const d of t.drafts) out.push(`        ${d}`);
  }
  out.push('');
  if (report.uncovered.length) {
    out.push(zh ? '尚未覆盖的热门主题（按热度）：' : 'Hot topics no draft covers yet (by heat):');
    out.push(`  ${report.uncovered.join(', ')}`);
  } else {
    out.push(zh ? '每个热门主题都有稿件覆盖。' : 'Every hot topic is covered by a draft.');
  }
  if (report.rotation.length) {
    out.push('');
    out.push(zh ? '主题轮换提醒（相邻两篇主题相同）：' : 'Rotation: consecutive articles on the same topic:');
    for (const r of report.rotation) {
      out.push(zh ? `  ${r.file} 与前一篇 ${r.previous} 主题相同：${r.topic}` : `  ${r.file} repeats "${r.topic}" right after ${r.previous}`);
    }
  }
  return out.join('\n') + '\n';
}
