// The heat/… findings: what the server and the CLI report from the topic features.
//
// heat/title-missing-topic (hint, on the title): the body is about a hot topic that the title does not
//   name. "About" means the headings and body alone would cover it (headings 2 each, body mentions 1
//   each, capped as in match.ts, total >= COVERAGE_THRESHOLD = 3); "hot" means heat >= minHeat
//   (default 100: every row of the seed table, whose coolest topic has 146; a team's long tail below 100
//   does not nag). At most `max` topics (default 3), hottest first. Naming a topic in the title is what
//   readers search for, so the hint says which words to add.
// heat/table (error or warning, on the table file): a row of `.benchpress/topics.csv|json` that was
//   skipped or doubtful, at its line; see table.ts.

import type { Finding, Range } from '../base/types';
import { formatMetric } from './numbers';
import { COVERAGE_THRESHOLD, WEIGHTS, type TopicMatch } from './match';
import type { TableProblem } from './table';

export const TITLE_MISSING_TOPIC = 'heat/title-missing-topic';
export const TABLE_PROBLEM = 'heat/table';

export interface TitleMissingOptions {
  /** Only topics at least this hot count (default 100). */
  minHeat?: number;
  /** At most this many topics (default 3), hottest first. */
  max?: number;
}

export const DEFAULT_TITLE_MIN_HEAT = 100;

/** Hot topics the body covers and the title does not name, hottest first. */
export function titleMissingTopics(matches: readonly TopicMatch[], options: TitleMissingOptions = {}): { topic: string; heat: number }[] {
  const minHeat = options.minHeat ?? DEFAULT_TITLE_MIN_HEAT;
  const max = options.max ?? 3;
  return matches
    .filter((m) => !m.inTitle && m.row.heat >= minHeat)
    .filter(
      (m) =>
        WEIGHTS.heading * Math.min(m.inHeadings, WEIGHTS.maxHeadings) + WEIGHTS.body * Math.min(m.inBody, WEIGHTS.maxBody) >=
        COVERAGE_THRESHOLD,
    )
    .sort((a, b) => b.row.heat - a.row.heat || a.row.rank - b.row.rank)
    .slice(0, Math.max(0, max))
    .map((m) => ({ topic: m.topic, heat: m.row.heat }));
}

/** The hint as findings on the title's range, one per topic. */
export function titleMissingTopicFindings(
  matches: readonly TopicMatch[],
  titleRange: Range,
  options: TitleMissingOptions & { lang?: 'en' | 'zh-cn' } = {},
): Finding[] {
  return titleMissingTopics(matches, options).map(({ topic, heat }) => ({
    ruleId: TITLE_MISSING_TOPIC,
    severity: 'hint' as const,
    message:
      options.lang === 'zh-cn'
        ? `正文主要讲“${topic}”（热度 ${formatMetric(heat)}），但标题没有提到它。`
        : `The body is about "${topic}" (heat ${formatMetric(heat)}), but the title does not name it.`,
    range: titleRange,
    data: { topic, heat },
  }));
}

/** Table problems as findings on the table file: from the problem's column to the end of its line. */
export function tableProblemFindings(problems: readonly TableProblem[], tableText: string): Finding[] {
  const text = tableText.charCodeAt(0) === 0xfeff ? tableText.slice(1) : tableText;
  const lines = text.split(/\r\n|\r|\n/);
  return problems.map((p) => {
    const lineText = lines[p.line] ?? '';
    const start = Math.min(p.column ?? 0, lineText.length);
    const end = Math.max(start, lineText.length);
    return {
      ruleId: TABLE_PROBLEM,
      severity: p.severity,
      message: p.message,
      range: { start: { line: p.line, character: start }, end: { line: p.line, character: end } },
    };
  });
}
