// The built-in topic-heat table (from the planning document "7月底到8月初热门博客主题汇总", RunPod
// platform data, late July to early August) and the built-in alias list, and how a team's own table
// replaces or extends them.

import { topicKey } from './normalize';
import type { ParsedTopicTable, TableMode, TableProblem, TopicRow } from './table';

/**
 * Other ways writers name the seed's topics, in English and Chinese. Case, spaces and hyphens need no
 * alias (`RunPod`, `Run-Pod`, `RTX4090` already match); a team adds its own with an `aliases` column,
 * `# aliases:` lines (CSV) or an `aliases` object (JSON).
 */
export const DEFAULT_ALIASES: Readonly<Record<string, readonly string[]>> = {
  '4090 graphics card': ['rtx 4090', 'geforce rtx 4090', '4090', '4090 gpu', '4090 显卡', 'rtx 4090 显卡', '4090 graphics', '4090 card'],
  'run pod': ['runpod', 'runpod 平台', 'runpod platform', 'runpod cloud'],
  podrun: [],
  'runpod pricing': ['runpod price', 'runpod prices', 'runpod cost', 'runpod costs', 'runpod 价格', 'runpod 定价', 'runpod 收费', 'runpod 费用', 'runpod 计费'],
  'docker run -it': ['docker run -ti', 'docker run -i -t', 'docker run --interactive --tty', 'docker run 交互模式', 'docker 交互式运行'],
  h100: ['nvidia h100'],
  h200: ['nvidia h200'],
  '5090 release date': [
    'rtx 5090 release date',
    '5090 launch date',
    'rtx 5090 launch date',
    '5090 release',
    'rtx 5090 release',
    '5090 发布时间',
    '5090 发布日期',
    'rtx 5090 发布时间',
    'rtx 5090 发布日期',
    '5090 上市时间',
    '5090 发售日期',
    '5090 发售时间',
    '5090 发布',
    'rtx 5090 发布',
    '5090 上市',
  ],
  'rtx 4090 vram': ['4090 vram', '4090 memory', 'rtx 4090 memory', '4090 显存', 'rtx 4090 显存', '4090 24gb', 'rtx 4090 24gb'],
};

const SEED: Array<[number, string, number, number, number, string]> = [
  [1, '4090 graphics card', 1100, 6.55, 33100, '🔶'],
  [2, 'run pod', 800, 4.87, 1000, '🟢'],
  [3, 'podrun', 322, 1.96, 1300, '🔶'],
  [4, 'runpod pricing', 256, 1.56, 320, '🔶'],
  [5, 'docker run -it', 248, 1.51, 1000, '🔶'],
  [6, 'h100', 173, 1.05, 9900, '🔶'],
  [7, 'h200', 156, 0.95, 2400, '🔶'],
  [8, '5090 release date', 154, 0.93, 22200, '🔶'],
  [9, 'rtx 4090 vram', 146, 0.89, 590, '🔶'],
];

/** The seed's 9-row table, the default when a workspace has no `.benchpress/topics.csv|json`. */
export const DEFAULT_TOPICS: readonly TopicRow[] = Object.freeze(
  SEED.map(([rank, topic, heat, relevance, views, status]) =>
    Object.freeze({
      rank,
      topic,
      heat,
      relevance,
      views,
      status,
      aliases: Object.freeze([...(DEFAULT_ALIASES[topic] ?? [])]) as string[],
      origin: 'default' as const,
    }),
  ),
);

/** What the status emoji mean, for hovers. */
export const STATUS_MEANING: Readonly<Record<string, { en: string; zh: string }>> = {
  '🔶': { en: 'rising / watch', zh: '上升 / 关注' },
  '🟢': { en: 'established', zh: '稳定' },
  '🔥': { en: 'hot', zh: '火热' },
  '🔴': { en: 'declining', zh: '下降' },
  '⚪': { en: 'inactive', zh: '冷门' },
};

export interface ResolvedTopicTable {
  rows: TopicRow[];
  /** The parse problems plus what resolving found (aliases for a topic that is not in the table…). */
  problems: TableProblem[];
  /** `default`: the built-in table; `team`: the team's file replaced it; `extended`: both. */
  source: 'default' | 'team' | 'extended';
}

function cloneRow(row: TopicRow): TopicRow {
  return { ...row, aliases: [...row.aliases] };
}

/** Adds aliases to a row, skipping ones that only repeat its topic or an alias it has (same key). */
function addAliases(row: TopicRow, aliases: readonly string[]): void {
  const keys = new Set([topicKey(row.topic), ...row.aliases.map(topicKey)]);
  for (const a of aliases) {
    const k = topicKey(a);
    if (!k || keys.has(k)) continue;
    keys.add(k);
    row.aliases.push(a);
  }
}

/**
 * The table the features use. Without a team table: the built-in one. With one:
 * - `replace` (default): the team's rows, in the file's order with the file's ranks; built-in aliases
 *   still apply to rows whose topic is a built-in topic (a team's `run pod` row still matches `RunPod`).
 * - `extend`: the built-in rows plus the team's; a team row with a built-in topic updates that row's
 *   numbers and status and adds its aliases. The result is ordered by heat (highest first; ties keep
 *   built-in rows first) and ranked 1…n again, since the two tables' ranks do not mix.
 * A team table that yields no rows in replace mode (empty, broken header, JSON syntax error) does not
 * wipe the topics out: the built-in table is used, and the table's problems say why.
 */
export function resolveTopicTable(parsed?: ParsedTopicTable | null, base: readonly TopicRow[] = DEFAULT_TOPICS): ResolvedTopicTable {
  const baseRows = base.map(cloneRow);
  if (!parsed) return { rows: baseRows, problems: [], source: 'default' };
  const problems = [...parsed.problems];
  const mode: TableMode = parsed.mode;

  let rows: TopicRow[];
  let source: ResolvedTopicTable['source'];
  if (mode === 'replace') {
    if (parsed.rows.length === 0) {
      rows = baseRows;
      source = 'default';
    } else {
      rows = parsed.rows.map(cloneRow);
      source = 'team';
      const builtIn = new Map<string, readonly string[]>();
      for (const [topic, aliases] of Object.entries(DEFAULT_ALIASES)) builtIn.set(topicKey(topic), aliases);
      for (const b of base) builtIn.set(topicKey(b.topic), [...(builtIn.get(topicKey(b.topic)) ?? []), ...b.aliases]);
      for (const row of rows) {
        const extra = builtIn.get(topicKey(row.topic));
        if (extra) addAliases(row, extra);
      }
    }
  } else {
    rows = baseRows;
    source = parsed.rows.length ? 'extended' : 'default';
    const byKey = new Map(rows.map((r) => [topicKey(r.topic), r]));
    for (const teamRow of parsed.rows) {
      const existing = byKey.get(topicKey(teamRow.topic));
      if (existing) {
        existing.heat = teamRow.heat;
        if (teamRow.relevance !== null) existing.relevance = teamRow.relevance;
        if (teamRow.views !== null) existing.views = teamRow.views;
        if (teamRow.status !== null) existing.status = teamRow.status;
        existing.line = teamRow.line;
        existing.origin = 'team';
        addAliases(existing, teamRow.aliases);
      } else {
        const row = cloneRow(teamRow);
        rows.push(row);
        byKey.set(topicKey(row.topic), row);
      }
    }
    rows = rows
      .map((r, i) => ({ r, i }))
      .sort((a, b) => b.r.heat - a.r.heat || a.i - b.i)
      .map(({ r }, i) => ({ ...r, rank: i + 1 }));
  }

  const byKey = new Map(rows.map((r) => [topicKey(r.topic), r]));
  for (const decl of parsed.aliases) {
    const row = byKey.get(topicKey(decl.topic));
    if (!row) {
      problems.push({ line: decl.line, severity: 'warning', message: { en: `Aliases for "${decl.topic}" are ignored: no such topic in the table.`, zh: `“${decl.topic}”的别名未生效：表中没有这个话题。` } });
      continue;
    }
    addAliases(row, decl.aliases);
  }

  // A team alias that is another row's topic would make the two rows fight over the same words.
  for (const row of rows) {
    if (row.origin !== 'team') continue;
    for (const alias of row.aliases) {
      const other = byKey.get(topicKey(alias));
      if (other && other !== row) {
        problems.push({
          line: row.line ?? 0,
          severity: 'warning',
          message: {
            en: `Alias "${alias}" of "${row.topic}" is itself a topic of the table ("${other.topic}"); that text counts for "${other.topic}".`,
            zh: `“${row.topic}”的别名“${alias}”本身是表中的话题（“${other.topic}”）；这段文字算作“${other.topic}”。`,
          },
        });
      }
    }
  }
  problems.sort((a, b) => a.line - b.line || (a.column ?? 0) - (b.column ?? 0));
  return { rows, problems, source };
}
