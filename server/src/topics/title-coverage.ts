// Which hot topics a draft's body is about while its title does not name them (rule heat/title-missing-topic).
//
// The body is about a hot topic that the title does not
//   name: "About" means the headings and body alone would cover it (headings 2 each, body mentions 1
//   each, capped as in match.ts, total >= COVERAGE_THRESHOLD = 3); "hot" means heat >= minHeat
//   (default 100: every row of the seed table, whose coolest topic has 146; a team's long tail below 100
//   does not nag). At most `max` topics (default 3), hottest first. Naming a topic in the title is what
//   readers search for, so the hint says which words to add.

import { COVERAGE_THRESHOLD, WEIGHTS, type TopicMatch } from './match';

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
