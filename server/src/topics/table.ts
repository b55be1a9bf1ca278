// The team's topic-heat table: `.benchpress/topics.csv` or `.benchpress/topics.json`.
//
// Columns (header names in English or Chinese, any case; a header like `热度值 heat` works too):
//   rank      排名 / 序号 / #               optional; missing or empty → the row's position in the file
//   topic     主题 / keyword / 关键词         required
//   heat      热度值 / 热度                  required; `800`, `1.1K`, `1,234`, `1.2万`
//   relevance 相关度 / 相关性                optional number
//   views     浏览量 / 阅读量 / volume        optional number (`33.1K`)
//   status    状态 / 趋势                    optional text, usually an emoji: 🔶 rising/watch, 🟢 established
//   aliases   别名 / 同义词                  optional; several separated by `;` `；` `、` `|` or `,`
//
// CSV: RFC 4180 (double quotes, `""` inside quotes, line breaks inside quotes), UTF-8 BOM, CRLF or LF.
// The delimiter is what the header uses most: comma, tab or semicolon. Blank lines (and rows whose cells
// are all empty, as spreadsheets export them) are skipped. A line starting with `#` is a comment (except a
// header whose first cell is `#`, as in `#,topic,heat`), and some comments are directives:
//   # extends                        (also `# extend`, `# mode: extend`, `# 扩展`) — extend the built-in table
//   # replace                        (also `# mode: replace`, `# 替换`) — replace it (the default)
//   # aliases: run pod = runpod; Run-Pod   (also `# 别名: …`) — more aliases for a topic, also a built-in one
//
// JSON (comments and trailing commas allowed): either an array of row objects with the same keys as the
// CSV columns (English or Chinese), or
//   { "extends": true, "topics": [ … ], "aliases": { "run pod": ["runpod", "RunPod"] } }
// where `"mode": "extend" | "replace"` may stand for `extends`, and `aliases` values may be arrays or a
// separated string. Numbers may be JSON numbers or strings like "1.1K".
//
// Replace or extend: by default a team table replaces the built-in one. In extend mode its rows are
// added to the built-in rows; a row whose topic is already there (same key: case, spaces and hyphens
// ignored) updates that row's numbers and adds to its aliases. See resolveTopicTable in seed.ts.
//
// Nothing is dropped silently: each rejected row gives a TableProblem with its 0-based line (and the
// column of the offending cell), severity `error`; doubtful cells that are kept (an unreadable optional
// number, an unknown column, a duplicate topic) give a `warning`.

import { jsoncErrors, type JsonNode as Node } from '../base/jsonc';
import { LineIndex } from '../base/text';
import { withPart, type Localized } from '../base/i18n';
import { parseMetric } from './numbers';
import { topicKey } from './normalize';

export interface TopicRow {
  rank: number;
  topic: string;
  heat: number;
  relevance: number | null;
  views: number | null;
  status: string | null;
  aliases: string[];
  /** 0-based line of the row in the table file; absent for built-in rows. */
  line?: number;
  /** Where the row comes from: the built-in seed table or the team's file. */
  origin?: 'default' | 'team';
}

export interface TableProblem {
  /** 0-based line in the table file. */
  line: number;
  /** 0-based UTF-16 column in that line, where known. */
  column?: number;
  message: Localized;
  severity: 'error' | 'warning';
}

export type TableMode = 'replace' | 'extend';

/** Aliases declared apart from the rows (`# aliases:` in CSV, the `aliases` object in JSON). */
export interface AliasDeclaration {
  topic: string;
  aliases: string[];
  line: number;
}

export interface ParsedTopicTable {
  rows: TopicRow[];
  problems: TableProblem[];
  mode: TableMode;
  aliases: AliasDeclaration[];
}

export type TableFormat = 'csv' | 'json';

type Column = 'rank' | 'topic' | 'heat' | 'relevance' | 'views' | 'status' | 'aliases';

const COLUMN_NAMES: Record<Column, string[]> = {
  rank: ['rank', 'ranking', '排名', '排行', '序号', '名次', 'no', '#'],
  topic: ['topic', 'topics', '主题', '话题', 'keyword', 'keywords', '关键词', '关键字', 'term', 'query'],
  heat: ['heat', 'heatvalue', 'hotness', '热度值', '热度', '热度指数'],
  relevance: ['relevance', 'relevancy', '相关度', '相关性'],
  views: ['views', 'pageviews', 'volume', 'searchvolume', '浏览量', '阅读量', '搜索量'],
  status: ['status', 'trend', '状态', '趋势', '标记'],
  aliases: ['aliases', 'alias', 'synonyms', 'variants', '别名', '同义词', '变体'],
};

const COLUMN_BY_NAME = new Map<string, Column>();
for (const [col, names] of Object.entries(COLUMN_NAMES) as Array<[Column, string[]]>) {
  for (const n of names) COLUMN_BY_NAME.set(n, col);
}

const COLUMN_LABEL: Record<Column, string> = {
  rank: 'rank (排名)',
  topic: 'topic (主题)',
  heat: 'heat (热度值)',
  relevance: 'relevance (相关度)',
  views: 'views (浏览量)',
  status: 'status (状态)',
  aliases: 'aliases (别名)',
};
/** The columns as Chinese messages name them (the CSV headers a Chinese table uses). */
const COLUMN_LABEL_ZH: Record<Column, string> = { rank: '排名', topic: '主题', heat: '热度值', relevance: '相关度', views: '浏览量', status: '状态', aliases: '别名' };
const knownColumns = (): Localized => ({ en: Object.values(COLUMN_LABEL).join(', '), zh: Object.values(COLUMN_LABEL_ZH).join('、') });
const NOT_USED = (reason: string, reasonZh: string): Localized => ({ en: `${reason}; the built-in table is used.`, zh: `${reasonZh}；改用内置的话题表。` });
const NO_TOPICS: Localized = { en: 'No topics: expected an array of rows, or an object with a "topics" array.', zh: '没有话题：应为行的数组，或带 "topics" 数组的对象。' };
const ALIASES_LINE: Localized = { en: 'Aliases line ignored: write `# aliases: topic = alias; alias`.', zh: '别名行未生效：请写成 `# aliases: 话题 = 别名; 别名`。' };

const REQUIRED: Column[] = ['topic', 'heat'];

/** Which column a header cell names: the whole cell, else its first word that is a known name. */
function columnOf(header: string): Column | undefined {
  const clean = header.normalize('NFKC').trim().toLowerCase();
  const whole = COLUMN_BY_NAME.get(clean.replace(/[\s_\-]+/g, ''));
  if (whole) return whole;
  for (const word of clean.split(/[\s/()（）|:：,，、\[\]]+/)) {
    const col = COLUMN_BY_NAME.get(word);
    if (col) return col;
  }
  return undefined;
}

const EMPTY_CELL = /^(?:|-|–|—|n\/?a|null|none|无)$/i;

/** Splits an aliases cell: `runpod; RunPod`, `4090 显卡、RTX 4090 显卡`. */
export function splitAliases(cell: string): string[] {
  return cell
    .split(/[;；、|,，\n]/)
    .map((s) => s.trim())
    .filter((s) => s.length > 0);
}

// ---------------------------------------------------------------------------------------------------
// Rows from cells, shared by CSV and JSON

type CellValue = string | number | boolean | null | string[] | undefined;

interface Cell {
  value: CellValue;
  line: number;
  column?: number;
}

class RowBuilder {
  readonly rows: TopicRow[] = [];
  readonly problems: TableProblem[] = [];
  private readonly seen = new Map<string, number>();

  problem(severity: 'error' | 'warning', line: number, column: number | undefined, message: Localized): void {
    this.problems.push(column === undefined ? { line, message, severity } : { line, column, message, severity });
  }

  /** Builds one row from its cells; on a fatal problem reports it and skips the row. */
  add(cells: Partial<Record<Column, Cell>>, line: number): void {
    const text = (c: Cell | undefined): string | undefined => {
      if (!c || c.value === undefined || c.value === null) return undefined;
      if (Array.isArray(c.value)) return c.value.join(';');
      return String(c.value).trim();
    };

    const topicCell = cells.topic;
    const topic = text(topicCell);
    if (topicCell && typeof topicCell.value !== 'string' && topicCell.value !== undefined && topicCell.value !== null) {
      this.problem('error', topicCell.line, topicCell.column, { en: `Row skipped: the topic must be text, not ${JSON.stringify(topicCell.value)}.`, zh: `此行已跳过：主题应为文字，而不是 ${JSON.stringify(topicCell.value)}。` });
      return;
    }
    if (!topic) {
      this.problem('error', topicCell?.line ?? line, topicCell?.column, { en: 'Row skipped: the topic (主题) is empty.', zh: '此行已跳过：主题为空。' });
      return;
    }

    const heatCell = cells.heat;
    const heatText = text(heatCell);
    const heat = heatCell && typeof heatCell.value !== 'boolean' && !Array.isArray(heatCell.value) ? parseMetric(heatCell.value) : undefined;
    if (heat === undefined) {
      const missing = heatText === undefined || heatText === '';
      this.problem('error', heatCell?.line ?? line, heatCell?.column, {
        en: `Row "${topic}" skipped: heat (热度值) ${missing ? 'is missing' : `"${heatText}" is not a number`}; write e.g. 800, 1.1K or 1.2万.`,
        zh: `“${topic}”一行已跳过：${missing ? '缺少热度值' : `热度值“${heatText}”不是数字`}；请写成 800、1.1K 或 1.2万 这样的数。`,
      });
      return;
    }

    let rank = this.rows.length + 1;
    const rankCell = cells.rank;
    const rankText = text(rankCell);
    if (rankCell && rankText !== undefined && !EMPTY_CELL.test(rankText)) {
      const r = typeof rankCell.value === 'number' ? rankCell.value : Number(rankText.replace(/^#/, '').normalize('NFKC'));
      if (!Number.isInteger(r) || r < 0) {
        this.problem('error', rankCell.line, rankCell.column, { en: `Row "${topic}" skipped: rank (排名) "${rankText}" is not a whole number.`, zh: `“${topic}”一行已跳过：排名“${rankText}”不是整数。` });
        return;
      }
      rank = r;
    }

    const optionalNumber = (col: 'relevance' | 'views'): number | null => {
      const cell = cells[col];
      const t = text(cell);
      if (!cell || t === undefined || EMPTY_CELL.test(t)) return null;
      const n = typeof cell.value === 'boolean' || Array.isArray(cell.value) ? undefined : parseMetric(cell.value);
      if (n === undefined) {
        this.problem('warning', cell.line, cell.column, { en: `Row "${topic}": ${COLUMN_LABEL[col]} "${t}" is not a number; left empty.`, zh: `“${topic}”一行：${COLUMN_LABEL_ZH[col]}“${t}”不是数字；留空。` });
        return null;
      }
      return n;
    };
    const relevance = optionalNumber('relevance');
    const views = optionalNumber('views');

    const statusText = text(cells.status);
    const status = statusText === undefined || statusText === '' ? null : statusText;

    const aliasCell = cells.aliases;
    let aliases: string[] = [];
    if (aliasCell && aliasCell.value !== undefined && aliasCell.value !== null) {
      if (Array.isArray(aliasCell.value)) aliases = aliasCell.value.map((a) => a.trim()).filter(Boolean);
      else if (typeof aliasCell.value === 'string') aliases = splitAliases(aliasCell.value);
      else this.problem('warning', aliasCell.line, aliasCell.column, { en: `Row "${topic}": aliases (别名) should be text or a list of text; ignored.`, zh: `“${topic}”一行：别名应为文字或文字列表；未生效。` });
    }

    const key = topicKey(topic);
    const dup = this.seen.get(key);
    if (dup !== undefined) {
      this.problem('warning', topicCell?.line ?? line, topicCell?.column, { en: `Row "${topic}" ignored: the same topic is already on line ${dup + 1}.`, zh: `“${topic}”一行未生效：第 ${dup + 1} 行已有同一话题。` });
      return;
    }
    this.seen.set(key, line);
    this.rows.push({ rank, topic, heat, relevance, views, status, aliases, line, origin: 'team' });
  }
}

// ---------------------------------------------------------------------------------------------------
// CSV

interface CsvField {
  value: string;
  line: number;
  column: number;
}

type CsvRecord = { kind: 'fields'; line: number; fields: CsvField[] } | { kind: 'comment'; line: number; text: string };

function detectDelimiter(text: string): string {
  for (const raw of text.split(/\r\n|\r|\n/)) {
    if (raw.trim() === '' || isCommentLine(raw)) continue;
    let inQuotes = false;
    const counts: Record<string, number> = { ',': 0, '\t': 0, ';': 0 };
    for (const ch of raw) {
      if (ch === '"') inQuotes = !inQuotes;
      else if (!inQuotes && ch in counts) counts[ch]++;
    }
    let best = ',';
    for (const d of ['\t', ';']) if (counts[d] > counts[best]) best = d;
    return best;
  }
  return ',';
}

/** `#` at the start of a line begins a comment, unless it is a header cell of its own (`#,topic,heat`). */
function isCommentLine(line: string): boolean {
  return /^#(?![,\t;]|$)/.test(line) || line === '#';
}

interface CsvResult {
  records: CsvRecord[];
  problems: TableProblem[];
}

/** RFC 4180 records with the 0-based line and column of each field. */
function readCsv(text: string, delimiter: string): CsvResult {
  const records: CsvRecord[] = [];
  const problems: TableProblem[] = [];
  let i = 0;
  let line = 0;
  let lineStart = 0;
  const n = text.length;
  const atLineEnd = (k: number) => k >= n || text[k] === '\n' || text[k] === '\r';
  const skipNewline = () => {
    if (text[i] === '\r' && text[i + 1] === '\n') i += 2;
    else i += 1;
    line++;
    lineStart = i;
  };

  while (i < n) {
    const recordLine = line;
    // comment line
    const eol = (() => {
      let k = i;
      while (!atLineEnd(k)) k++;
      return k;
    })();
    const rawLine = text.slice(i, eol);
    if (isCommentLine(rawLine)) {
      records.push({ kind: 'comment', line: recordLine, text: rawLine.slice(1).trim() });
      i = eol;
      if (i < n) skipNewline();
      continue;
    }
    if (rawLine.trim() === '') {
      i = eol;
      if (i < n) skipNewline();
      continue;
    }

    const fields: CsvField[] = [];
    let broken = false;
    for (;;) {
      // one field
      let k = i;
      while (k < n && (text[k] === ' ' || text[k] === '\t') && text[k] !== delimiter) k++;
      if (text[k] === '"') {
        const fieldLine = line;
        const fieldColumn = k - lineStart;
        i = k + 1;
        let value = '';
        let closed = false;
        while (i < n) {
          const ch = text[i];
          if (ch === '"') {
            if (text[i + 1] === '"') {
              value += '"';
              i += 2;
              continue;
            }
            i++;
            closed = true;
            break;
          }
          if (ch === '\r' || ch === '\n') {
            value += '\n';
            skipNewline();
            continue;
          }
          value += ch;
          i++;
        }
        if (!closed) {
          problems.push({
            line: fieldLine,
            column: fieldColumn,
            severity: 'error',
            message: { en: 'Row skipped: a quoted cell is never closed (missing `"`); everything after it was read as one cell.', zh: '此行已跳过：带引号的单元格没有闭合（缺少 `"`），其后的内容都被读成了一个单元格。' },
          });
          broken = true;
          break;
        }
        // text after the closing quote is kept as is (lenient)
        while (i < n && text[i] !== delimiter && !atLineEnd(i)) value += text[i++];
        fields.push({ value, line: fieldLine, column: fieldColumn });
      } else {
        const column = i - lineStart;
        let value = '';
        while (i < n && text[i] !== delimiter && !atLineEnd(i)) value += text[i++];
        fields.push({ value, line, column });
      }
      if (i < n && text[i] === delimiter) {
        i++;
        continue;
      }
      break;
    }
    if (!broken) records.push({ kind: 'fields', line: recordLine, fields });
    if (i < n) skipNewline();
  }
  return { records, problems };
}

const EXTEND_DIRECTIVE = /^(?:extends?|mode\s*[:=]\s*extends?|扩展|追加|模式\s*[:：]\s*扩展)$/i;
const REPLACE_DIRECTIVE = /^(?:replace|mode\s*[:=]\s*replace|替换|模式\s*[:：]\s*替换)$/i;
const ALIAS_DIRECTIVE = /^(?:aliases?|别名)\s*[:：]\s*(.*)$/i;
const MODE_DIRECTIVE = /^(?:mode|模式)\s*[:：=]\s*(.*)$/i;

function parseCsv(text: string): ParsedTopicTable {
  const delimiter = detectDelimiter(text);
  const { records, problems: readProblems } = readCsv(text, delimiter);
  const builder = new RowBuilder();
  let mode: TableMode = 'replace';
  const aliases: AliasDeclaration[] = [];

  let header: Array<Column | undefined> | undefined;
  let headerLine = 0;
  let headerBroken = false;
  for (const rec of records) {
    if (rec.kind === 'comment') {
      const t = rec.text;
      let m: RegExpExecArray | null;
      if (EXTEND_DIRECTIVE.test(t)) mode = 'extend';
      else if (REPLACE_DIRECTIVE.test(t)) mode = 'replace';
      else if ((m = ALIAS_DIRECTIVE.exec(t))) {
        const eq = m[1].search(/[=＝]/);
        if (eq <= 0) {
          builder.problem('warning', rec.line, 0, ALIASES_LINE);
        } else {
          const topic = m[1].slice(0, eq).trim();
          const list = splitAliases(m[1].slice(eq + 1));
          if (topic && list.length) aliases.push({ topic, aliases: list, line: rec.line });
          else builder.problem('warning', rec.line, 0, ALIASES_LINE);
        }
      } else if ((m = MODE_DIRECTIVE.exec(t))) {
        builder.problem('warning', rec.line, 0, { en: `Unknown mode "${m[1].trim()}": use \`# mode: extend\` or \`# mode: replace\`.`, zh: `未知的模式“${m[1].trim()}”：请用 \`# mode: extend\` 或 \`# mode: replace\`。` });
      }
      continue;
    }
    if (!header) {
      headerLine = rec.line;
      header = rec.fields.map((f) => columnOf(f.value));
      const seen = new Set<Column>();
      rec.fields.forEach((f, idx) => {
        const col = header![idx];
        const name = f.value.trim();
        if (!col) {
          if (name) builder.problem('warning', f.line, f.column, withPart(knownColumns(), (k) => `Unknown column "${name}" is ignored. Known columns: ${k}.`, (k) => `未知的列“${name}”未生效。可用的列：${k}。`));
        } else if (seen.has(col)) {
          builder.problem('warning', f.line, f.column, { en: `Column "${name}" repeats ${COLUMN_LABEL[col]}; only the first one is read.`, zh: `列“${name}”与前面的${COLUMN_LABEL_ZH[col]}列重复；只读取第一列。` });
          header![idx] = undefined;
        } else {
          seen.add(col);
        }
      });
      const missing = REQUIRED.filter((c) => !seen.has(c));
      if (missing.length) {
        builder.problem(
          'error',
          headerLine,
          0,
          {
            en:
              `The table's header has no ${missing.map((c) => COLUMN_LABEL[c]).join(' or ')} column, so no row can be read. ` +
              `The first line must name the columns, e.g. \`rank,topic,heat,relevance,views,status\` or \`排名,主题,热度值,相关度,浏览量,状态\`.`,
            zh:
              `表头没有${missing.map((c) => COLUMN_LABEL_ZH[c]).join('或')}列，读不出任何一行。` +
              `第一行应写出列名，例如 \`排名,主题,热度值,相关度,浏览量,状态\` 或 \`rank,topic,heat,relevance,views,status\`。`,
          },
        );
        headerBroken = true;
      }
      continue;
    }
    if (headerBroken) continue;
    const fields = rec.fields;
    if (fields.every((f) => f.value.trim() === '')) continue;
    if (fields.length !== header.length) {
      const extrasEmpty = fields.length > header.length && fields.slice(header.length).every((f) => f.value.trim() === '');
      if (!extrasEmpty) {
        const topicIndex = header.indexOf('topic');
        const named = (topicIndex >= 0 ? fields[topicIndex] : undefined) ?? fields.find((f) => f.value.trim() !== '');
        const name = named?.value.trim();
        const label = name ? ` "${name}"` : '';
        builder.problem(
          'error',
          rec.line,
          fields.length > header.length ? fields[header.length].column : undefined,
          {
            en: `Row${label} skipped: it has ${fields.length} cells but the header has ${header.length}. A cell containing the delimiter must be in double quotes.`,
            zh: `${name ? `“${name}”一行` : '此行'}已跳过：有 ${fields.length} 个单元格，而表头有 ${header.length} 列。含分隔符的单元格须用双引号括起。`,
          },
        );
        continue;
      }
    }
    const cells: Partial<Record<Column, Cell>> = {};
    header.forEach((col, idx) => {
      if (!col) return;
      const f = fields[idx];
      cells[col] = { value: f.value, line: f.line, column: f.column };
    });
    builder.add(cells, rec.line);
  }

  const problems = [...readProblems, ...builder.problems];
  // In extend mode a file with only `# aliases:` lines (or no rows) is fine; in replace mode it is not.
  if (!header && problems.length === 0 && mode === 'replace') {
    problems.push({ line: 0, severity: 'warning', message: NOT_USED('The topic table is empty', '话题表是空的') });
  } else if (header && !headerBroken && builder.rows.length === 0 && mode === 'replace') {
    problems.push({ line: headerLine, severity: 'warning', message: NOT_USED('The topic table has no usable rows', '话题表没有可用的行') });
  }
  problems.sort((a, b) => a.line - b.line || (a.column ?? 0) - (b.column ?? 0));
  return { rows: builder.rows, problems, mode, aliases };
}

// ---------------------------------------------------------------------------------------------------
// JSON

function cellValue(node: Node): CellValue {
  switch (node.type) {
    case 'string':
    case 'number':
    case 'boolean':
      return node.value as string | number | boolean;
    case 'null':
      return null;
    case 'array': {
      const items = node.children ?? [];
      if (items.every((c) => c.type === 'string')) return items.map((c) => String(c.value));
      return undefined;
    }
    default:
      return undefined;
  }
}

const TOPICS_KEYS = new Set(['topics', 'rows', 'data', 'items', '主题', '主题列表', '话题']);
const ALIASES_KEYS = new Set(['aliases', 'alias', '别名']);
const EXTENDS_KEYS = new Set(['extends', 'extend', '扩展']);
const MODE_KEYS = new Set(['mode', '模式']);

function parseJson(text: string): ParsedTopicTable {
  const lines = new LineIndex(text);
  const at = (offset: number) => {
    const p = lines.positionAt(offset);
    return { line: p.line, column: p.character };
  };
  const { root, errors } = jsoncErrors(text);
  const empty = (problems: TableProblem[]): ParsedTopicTable => ({ rows: [], problems, mode: 'replace', aliases: [] });

  if (errors.length) {
    const problems = errors.map((e): TableProblem => {
      const p = at(e.start);
      return {
        line: p.line,
        column: p.column,
        severity: 'error',
        message: { en: `JSON syntax error: ${e.reason}. The table is not used until this is fixed (the built-in table applies).`, zh: `JSON 语法错误：${e.reason}。修正之前不使用此表（改用内置的话题表）。` },
      };
    });
    return empty(problems);
  }
  if (!root) return empty([{ line: 0, severity: 'warning', message: NOT_USED('The topic table is empty', '话题表是空的') }]);

  const builder = new RowBuilder();
  let mode: TableMode = 'replace';
  const aliases: AliasDeclaration[] = [];
  let list: Node | undefined;

  if (root.type === 'array') {
    list = root;
  } else if (root.type === 'object') {
    for (const prop of root.children ?? []) {
      const [keyNode, valueNode] = prop.children ?? [];
      if (!keyNode || !valueNode) continue;
      const key = String(keyNode.value).trim().toLowerCase();
      const kp = at(keyNode.offset);
      if (TOPICS_KEYS.has(key)) {
        if (valueNode.type === 'array') list = valueNode;
        else builder.problem('error', kp.line, kp.column, { en: `"${keyNode.value}" must be an array of topic rows.`, zh: `“${keyNode.value}”应为话题行的数组。` });
      } else if (ALIASES_KEYS.has(key)) {
        if (valueNode.type !== 'object') {
          builder.problem('warning', kp.line, kp.column, { en: `"${keyNode.value}" must be an object: { "topic": ["alias", …] }; ignored.`, zh: `“${keyNode.value}”应为对象：{ "话题": ["别名", …] }；未生效。` });
          continue;
        }
        for (const a of valueNode.children ?? []) {
          const [k, v] = a.children ?? [];
          if (!k || !v) continue;
          const p = at(k.offset);
          const value = cellValue(v);
          const listed = Array.isArray(value) ? value.map((s) => s.trim()).filter(Boolean) : typeof value === 'string' ? splitAliases(value) : undefined;
          if (!listed) builder.problem('warning', p.line, p.column, { en: `Aliases of "${k.value}" must be a list of text; ignored.`, zh: `“${k.value}”的别名应为文字列表；未生效。` });
          else if (listed.length) aliases.push({ topic: String(k.value), aliases: listed, line: p.line });
        }
      } else if (EXTENDS_KEYS.has(key)) {
        if (valueNode.type === 'boolean') mode = valueNode.value ? 'extend' : 'replace';
        else builder.problem('warning', kp.line, kp.column, { en: `"${keyNode.value}" must be true or false; ignored.`, zh: `“${keyNode.value}”应为 true 或 false；未生效。` });
      } else if (MODE_KEYS.has(key)) {
        const v = String(valueNode.value ?? '').toLowerCase();
        if (v === 'extend' || v === 'extends' || v === '扩展') mode = 'extend';
        else if (v === 'replace' || v === '替换') mode = 'replace';
        else builder.problem('warning', kp.line, kp.column, { en: '"mode" must be "extend" or "replace"; ignored.', zh: '“mode”应为 "extend" 或 "replace"；未生效。' });
      } else if (key !== '$schema' && key !== 'source' && key !== 'updated' && key !== 'comment' && key !== 'description') {
        builder.problem('warning', kp.line, kp.column, { en: `Unknown key "${keyNode.value}" is ignored.`, zh: `未知的键“${keyNode.value}”未生效。` });
      }
    }
    if (!list && (mode === 'replace' || aliases.length === 0)) {
      const p = at(root.offset);
      builder.problem('error', p.line, p.column, NO_TOPICS);
    }
  } else {
    const p = at(root.offset);
    builder.problem('error', p.line, p.column, NO_TOPICS);
  }

  const unknownKeys = new Set<string>();
  for (const item of list?.children ?? []) {
    const p = at(item.offset);
    if (item.type !== 'object') {
      builder.problem('error', p.line, p.column, { en: `Row skipped: expected an object like { "topic": "h100", "heat": 173 }, found ${item.type}.`, zh: `此行已跳过：应为 { "topic": "h100", "heat": 173 } 这样的对象，而不是 ${item.type}。` });
      continue;
    }
    const cells: Partial<Record<Column, Cell>> = {};
    for (const prop of item.children ?? []) {
      const [k, v] = prop.children ?? [];
      if (!k || !v) continue;
      const col = columnOf(String(k.value));
      const vp = at(v.offset);
      if (!col) {
        const name = String(k.value);
        if (!unknownKeys.has(name)) {
          unknownKeys.add(name);
          const kp = at(k.offset);
          builder.problem('warning', kp.line, kp.column, withPart(knownColumns(), (k) => `Unknown key "${name}" is ignored. Known keys: ${k}.`, (k) => `未知的键“${name}”未生效。可用的键：${k}。`));
        }
        continue;
      }
      if (cells[col]) continue;
      cells[col] = { value: cellValue(v), line: vp.line, column: vp.column };
    }
    builder.add(cells, p.line);
  }

  const problems = builder.problems;
  if (list && builder.rows.length === 0 && mode === 'replace') {
    const lp = at(list.offset);
    problems.push({ line: lp.line, severity: 'warning', message: NOT_USED('The topic table has no usable rows', '话题表没有可用的行') });
  }
  problems.sort((a, b) => a.line - b.line || (a.column ?? 0) - (b.column ?? 0));
  return { rows: builder.rows, problems, mode, aliases };
}

// ---------------------------------------------------------------------------------------------------

/** Reads a team table. Never throws: every problem is in `problems`, with the line it is on. */
export function parseTopicTable(text: string, format: TableFormat): ParsedTopicTable {
  const body = text.charCodeAt(0) === 0xfeff ? text.slice(1) : text;
  return format === 'json' ? parseJson(body) : parseCsv(body);
}

/** `csv` or `json` from a file name, or undefined for anything else. */
export function tableFormatOf(fileName: string): TableFormat | undefined {
  const m = /\.(csv|tsv|json|jsonc)$/i.exec(fileName);
  if (!m) return undefined;
  return m[1].toLowerCase().startsWith('json') ? 'json' : 'csv';
}
