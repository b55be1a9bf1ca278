// Completion of hot keywords while the writer types a title or a heading.
//
// completionPrefix(linePrefix, table) finds what is being typed: the longest tail of the line before the
// cursor (after `# ` / `title:`) that starts a topic or alias, so `深度评测 RTX 40` gives `RTX 40`. The
// lead replaces [start, cursor] with the chosen item.
// completionsFor(prefix, table) gives one item per table row whose topic or an alias starts with the
// prefix (case, spaces and hyphens ignored: `runp` finds `run pod`), or has a word starting with it
// (`4090` finds `rtx 4090 vram` through its alias `4090 vram`). The label is the matching name — the
// topic itself when it matches, else the alias, so Chinese typing gets Chinese words (`4090 显` →
// `4090 显卡`). Items whose name starts with the prefix come first, then by heat.

import type { Locale } from '../base/i18n';
import { isCjk, isSeparator, patternParts, topicKey } from './normalize';
import { topicFigures, topicHover } from './present';
import type { TopicRow } from './table';

export interface TopicCompletion {
  label: string;
  /** `heat 1.1K · views 33.1K · 🔶` */
  detail: string;
  sortText: string;
  /** What the editor filters on: the label plus the topic and its aliases. */
  filterText: string;
  insertText: string;
  /** Markdown: the table row. */
  documentation: string;
  topic: string;
}

/** 0: the name starts with the prefix; 1: one of its words does; undefined: no match. */
function tierOf(candidate: string, prefixKey: string): 0 | 1 | undefined {
  if (!prefixKey) return 0;
  const parts = patternParts(candidate);
  const key = parts.join('');
  if (key.startsWith(prefixKey)) return 0;
  for (let i = 1; i < parts.length; i++) {
    if (parts.slice(i).join('').startsWith(prefixKey)) return 1;
  }
  return undefined;
}

export function completionsFor(prefix: string, table: readonly TopicRow[], options: { lang?: Locale } = {}): TopicCompletion[] {
  const prefixKey = topicKey(prefix);
  const heatOrder = new Map(
    table
      .map((r, i) => ({ r, i }))
      .sort((a, b) => b.r.heat - a.r.heat || a.i - b.i)
      .map(({ r }, order) => [r, order] as const),
  );
  const items: TopicCompletion[] = [];
  for (const row of table) {
    let best: { name: string; tier: 0 | 1 } | undefined;
    for (const name of [row.topic, ...row.aliases]) {
      const tier = tierOf(name, prefixKey);
      if (tier === undefined) continue;
      if (!best || tier < best.tier) best = { name, tier };
      if (best.tier === 0) break;
    }
    if (!best) continue;
    const detail = topicFigures(row, options.lang ?? 'en', ' · ');
    items.push({
      label: best.name,
      detail,
      sortText: `${best.tier}${String(heatOrder.get(row) ?? 0).padStart(4, '0')}`,
      filterText: [best.name, ...[row.topic, ...row.aliases].filter((n) => n !== best!.name)].join(' '),
      insertText: best.name,
      documentation: topicHover(row, options.lang ?? 'en'),
      topic: row.topic,
    });
  }
  return items.sort((a, b) => (a.sortText < b.sortText ? -1 : a.sortText > b.sortText ? 1 : 0));
}

const LINE_MARKER = /^(?:\s{0,3}#{1,6}[ \t]+|\s*title\s*:\s*["']?)/i;

/**
 * What the writer is typing at the end of `linePrefix` (the line up to the cursor) in a title or heading:
 * the longest tail that starts a table topic or alias, else the last word. `start` is a UTF-16 offset
 * in `linePrefix`.
 */
export function completionPrefix(linePrefix: string, table: readonly TopicRow[]): { prefix: string; start: number } {
  const marker = LINE_MARKER.exec(linePrefix);
  const from = marker ? marker[0].length : 0;
  const names = table.flatMap((r) => [r.topic, ...r.aliases]);
  const lastWordStart = (() => {
    let k = linePrefix.length;
    while (k > from && !isSeparator(linePrefix[k - 1]) && !isCjk(linePrefix[k - 1]) && /[\p{L}\p{N}]/u.test(linePrefix[k - 1])) k--;
    return k;
  })();
  // candidate starts: after a separator or punctuation, at a Latin/Chinese switch, or at any Chinese char
  for (let i = Math.max(from, linePrefix.length - 40); i < linePrefix.length; i++) {
    const ch = linePrefix[i];
    if (isSeparator(ch)) continue;
    const prev = i > from ? linePrefix[i - 1] : '';
    const startsWord = !prev || isSeparator(prev) || !/[\p{L}\p{N}]/u.test(prev) || isCjk(ch) || isCjk(prev);
    if (!startsWord) continue;
    const tail = linePrefix.slice(i);
    const key = topicKey(tail);
    if (!key) continue;
    if (names.some((n) => topicKey(n).startsWith(key))) return { prefix: tail, start: i };
  }
  return { prefix: linePrefix.slice(lastWordStart), start: lastWordStart };
}
