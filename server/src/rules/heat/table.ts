import type { EngineRule } from '../types';

/**
 * heat/table — a row of the team's topic-heat table (`.benchpress/topics.csv` or `.json`) that was skipped or is
 * doubtful: a missing topic, a heat that is not a number (`1.1K` style is fine), a duplicate topic. Reported on
 * the table file at the row; the other rows are used.
 */
export const heatTable: EngineRule = {
  id: 'heat/table',
  scope: 'engine',
  defaultSeverity: 'warning',
  docs: {
    summary: 'A row of the team\'s topic-heat table cannot be used as written.',
    rationale: 'The topic lens, hovers and the Topic Heat view are only as good as the table behind them.',
    bad: 'rank,topic,heat\n1,,1.1K\n',
    good: 'rank,topic,heat\n1,4090 graphics card,1.1K\n',
  },
};
