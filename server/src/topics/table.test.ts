import { test } from 'node:test';
import assert from 'node:assert/strict';
import { parseTopicTable, tableFormatOf } from './table';
import { DEFAULT_TOPICS, resolveTopicTable } from './seed';
import { localize, type Localized } from '../base/i18n';

const en = (m: Localized) => localize(m, 'en');

const SEED_CSV_ZH = [
  '排名,主题,热度值,相关度,浏览量,状态',
  '1,4090 graphics card,1.1K,6.55,33.1K,🔶',
  '2,run pod,800,4.87,1K,🟢',
  '3,podrun,322,1.96,1.3K,🔶',
].join('\n');

test('CSV with Chinese headers, K numbers and emoji status', () => {
  const { rows, problems, mode } = parseTopicTable(SEED_CSV_ZH, 'csv');
  assert.deepEqual(problems, []);
  assert.equal(mode, 'replace');
  assert.equal(rows.length, 3);
  assert.deepEqual(
    { ...rows[0], aliases: rows[0].aliases },
    { rank: 1, topic: '4090 graphics card', heat: 1100, relevance: 6.55, views: 33100, status: '🔶', aliases: [], line: 1, origin: 'team' },
  );
  assert.equal(rows[1].status, '🟢');
  assert.equal(rows[1].views, 1000);
});

test('CSV with English headers in any case, BOM, CRLF, blank lines and quoted commas', () => {
  const text =
    '\ufeffRank,Topic,Heat,Relevance,Views,Status,Aliases\r\n' +
    '\r\n' +
    '1,"runpod pricing",256,1.56,320,🔶,"RunPod 价格; RunPod 定价"\r\n' +
    '2,serverless, comfyui,90,1,2,🔶,ComfyUI\r\n' + // an unquoted comma: 8 cells → error
    '3,"gpu, cloud and ""serverless""","1,234",,,,\r\n' +
    '\r\n';
  const { rows, problems } = parseTopicTable(text, 'csv');
  assert.deepEqual(
    rows.map((r) => [r.rank, r.topic, r.heat, r.relevance, r.views, r.status, r.aliases]),
    [
      [1, 'runpod pricing', 256, 1.56, 320, '🔶', ['RunPod 价格', 'RunPod 定价']],
      [3, 'gpu, cloud and "serverless"', 1234, null, null, null, []],
    ],
  );
  assert.equal(rows[1].line, 4);
  assert.equal(problems.length, 1);
  assert.equal(problems[0].line, 3);
  assert.equal(problems[0].severity, 'error');
  assert.match(en(problems[0].message), /8 cells but the header has 7/);
  assert.match(en(problems[0].message), /"serverless"/);
});

test('CSV: header names with both languages, keyword/关键词 and 、-separated aliases', () => {
  const text = '排名 rank,关键词,热度 heat,别名\n1,rtx 4090 vram,146,"4090 显存、RTX 4090 显存"\n';
  const { rows, problems } = parseTopicTable(text, 'csv');
  assert.deepEqual(problems, []);
  assert.deepEqual(rows[0].aliases, ['4090 显存', 'RTX 4090 显存']);
  assert.equal(rows[0].relevance, null);
});

test('CSV: tab- and semicolon-separated exports are read too', () => {
  const tsv = parseTopicTable('topic\theat\tviews\nh100\t173\t9.9K\n', 'csv');
  assert.deepEqual(tsv.problems, []);
  assert.deepEqual([tsv.rows[0].topic, tsv.rows[0].heat, tsv.rows[0].views], ['h100', 173, 9900]);
  const semi = parseTopicTable('topic;heat\nh200;156\n', 'csv');
  assert.deepEqual(semi.rows.map((r) => [r.topic, r.heat]), [['h200', 156]]);
});

test('CSV: a line break inside quotes stays in the cell and later lines keep their numbers', () => {
  const text = 'topic,heat,aliases\n"h100",173,"nvidia h100;\nH100 SXM"\nbad,x,\n';
  const { rows, problems } = parseTopicTable(text, 'csv');
  assert.deepEqual(rows[0].aliases, ['nvidia h100', 'H100 SXM']);
  assert.equal(problems.length, 1);
  assert.equal(problems[0].line, 3, 'the bad row is on the fourth line of the file');
  assert.equal(problems[0].column, 4, 'points at the heat cell');
});

test('CSV: without a rank column rows are ranked by position', () => {
  const { rows } = parseTopicTable('topic,heat\nh100,173\nh200,156\n', 'csv');
  assert.deepEqual(rows.map((r) => r.rank), [1, 2]);
});

test('CSV: a missing required column is one error on the header line, and no rows are read', () => {
  const { rows, problems } = parseTopicTable('rank,topic,views\n1,h100,9.9K\n2,h200,2.4K\n', 'csv');
  assert.equal(rows.length, 0);
  assert.equal(problems.length, 1);
  assert.equal(problems[0].line, 0);
  assert.equal(problems[0].severity, 'error');
  assert.match(en(problems[0].message), /heat \(热度值\)/);
});

test('CSV: every bad row gives an error with its line; good rows around it are kept', () => {
  const text = [
    'rank,topic,heat,relevance,views,status', // 0
    '1,4090 graphics card,1.1K,6.55,33.1K,🔶', // 1
    '2,run pod,lots,4.87,1K,🟢', // 2 heat not a number
    '3,,322,1.96,1.3K,🔶', // 3 no topic
    '4,runpod pricing,256', // 4 too few cells
    'four,docker run -it,248,1.51,1K,🔶', // 5 bad rank
    '6,h100,173,high,9.9K,🔶', // 6 bad relevance: kept, warning
    '7,H-100,170,1,1,🔶', // 7 duplicate of h100: ignored, warning
    '8,"h200,156,0.95,2.4K,🔶', // 8 unterminated quote
  ].join('\n');
  const { rows, problems } = parseTopicTable(text, 'csv');
  assert.deepEqual(rows.map((r) => r.topic), ['4090 graphics card', 'h100']);
  assert.equal(rows[1].relevance, null);
  assert.deepEqual(
    problems.map((p) => [p.line, p.severity]),
    [
      [2, 'error'],
      [3, 'error'],
      [4, 'error'],
      [5, 'error'],
      [6, 'warning'],
      [7, 'warning'],
      [8, 'error'],
    ],
  );
  assert.match(en(problems[0].message), /"lots" is not a number/);
  assert.match(en(problems[1].message), /topic .* is empty/);
  assert.match(en(problems[3].message), /rank .*"four"/);
  assert.match(en(problems[5].message), /line 7/);
  assert.match(en(problems[6].message), /never closed/);
});

test('CSV: trailing empty cells from spreadsheets and rows of empty cells are fine', () => {
  const { rows, problems } = parseTopicTable('topic,heat\nh100,173,,\n,\n,,\n', 'csv');
  assert.deepEqual(problems, []);
  assert.equal(rows.length, 1);
});

test('CSV: unknown columns are ignored with a warning; `-` and N/A mean empty', () => {
  const { rows, problems } = parseTopicTable('topic,heat,cpc,views\nh100,173,0.5,-\nh200,156,1,N/A\n', 'csv');
  assert.equal(rows.length, 2);
  assert.equal(rows[0].views, null);
  assert.equal(problems.length, 1);
  assert.equal(problems[0].severity, 'warning');
  assert.match(en(problems[0].message), /Unknown column "cpc"/);
});

test('CSV: `# extends` and `# aliases:` directives; other comments are ignored', () => {
  const text = '# our own keywords\n# extends\n# aliases: h100 = H100 显卡; 英伟达 H100\ntopic,heat\nserverless comfyui,90\n';
  const parsed = parseTopicTable(text, 'csv');
  assert.equal(parsed.mode, 'extend');
  assert.deepEqual(parsed.problems, []);
  assert.deepEqual(parsed.aliases, [{ topic: 'h100', aliases: ['H100 显卡', '英伟达 H100'], line: 2 }]);
  assert.equal(parsed.rows[0].line, 4);
  assert.equal(parseTopicTable('# mode: sideways\ntopic,heat\nx,1\n', 'csv').problems[0].line, 0);
});

test('empty table files warn and leave the built-in table in place', () => {
  const parsed = parseTopicTable('', 'csv');
  assert.equal(parsed.problems.length, 1);
  assert.equal(parsed.problems[0].severity, 'warning');
  const resolved = resolveTopicTable(parsed);
  assert.equal(resolved.source, 'default');
  assert.equal(resolved.rows.length, DEFAULT_TOPICS.length);
});

test('JSON: an array of rows with English or Chinese keys, numbers or "1.1K" strings', () => {
  const text = JSON.stringify(
    [
      { rank: 1, topic: '4090 graphics card', heat: '1.1K', relevance: 6.55, views: '33.1K', status: '🔶', aliases: ['RTX 4090'] },
      { 排名: 2, 主题: 'run pod', 热度值: 800, 相关度: 4.87, 浏览量: '1K', 状态: '🟢', 别名: 'runpod、RunPod' },
    ],
    null,
    2,
  );
  const { rows, problems } = parseTopicTable(text, 'json');
  assert.deepEqual(problems, []);
  assert.deepEqual(
    rows.map((r) => [r.rank, r.topic, r.heat, r.views, r.status, r.aliases]),
    [
      [1, '4090 graphics card', 1100, 33100, '🔶', ['RTX 4090']],
      [2, 'run pod', 800, 1000, '🟢', ['runpod', 'RunPod']],
    ],
  );
  const secondRowLine = text.split('\n').findIndex((l) => l.includes('"排名"')) - 1;
  assert.equal(rows[1].line, secondRowLine, 'the line where the row object starts');
});

test('JSON: the object form with extends, topics and aliases', () => {
  const text = `{
  // our additions
  "extends": true,
  "topics": [ { "topic": "serverless comfyui", "heat": 90 }, ],
  "aliases": { "h100": ["H100 显卡"], "run pod": "RunPod 平台; RunPod cloud" }
}`;
  const parsed = parseTopicTable(text, 'json');
  assert.deepEqual(parsed.problems, []);
  assert.equal(parsed.mode, 'extend');
  assert.equal(parsed.rows[0].topic, 'serverless comfyui');
  assert.deepEqual(parsed.aliases.map((a) => [a.topic, a.aliases, a.line]), [
    ['h100', ['H100 显卡'], 4],
    ['run pod', ['RunPod 平台', 'RunPod cloud'], 4],
  ]);
});

test('JSON: a syntax error is reported at its line and the built-in table stays', () => {
  const text = '[\n  { "topic": "h100", "heat": 173 },\n  { "topic": "h200" "heat": 156 }\n]';
  const parsed = parseTopicTable(text, 'json');
  assert.equal(parsed.rows.length, 0);
  assert.equal(parsed.problems[0].line, 2);
  assert.equal(parsed.problems[0].severity, 'error');
  assert.match(en(parsed.problems[0].message), /JSON syntax error: a comma is expected/);
  assert.equal(resolveTopicTable(parsed).rows.length, DEFAULT_TOPICS.length);
});

test('JSON: bad rows are skipped with their line; unknown keys warn once', () => {
  const text = `[
  { "topic": "h100", "heat": 173, "cpc": 1 },
  { "topic": "h200", "heat": "hot", "cpc": 2 },
  "b200",
  { "topic": 5090, "heat": 154 },
  { "heat": 1 },
  { "topic": "rtx 4090 vram", "heat": 146, "views": true }
]`;
  const { rows, problems } = parseTopicTable(text, 'json');
  assert.deepEqual(rows.map((r) => r.topic), ['h100', 'rtx 4090 vram']);
  assert.deepEqual(
    problems.map((p) => [p.line, p.severity]),
    [
      [1, 'warning'],
      [2, 'error'],
      [3, 'error'],
      [4, 'error'],
      [5, 'error'],
      [6, 'warning'],
    ],
  );
  assert.match(en(problems[1].message), /"hot" is not a number/);
});

test('JSON: neither an array nor an object with topics is an error', () => {
  const parsed = parseTopicTable('{ "rows2": [] }', 'json');
  assert.ok(parsed.problems.some((p) => p.severity === 'error' && /No topics/.test(en(p.message))));
});

test('replace (default): the team table is the table, built-in aliases still apply', () => {
  const parsed = parseTopicTable('topic,heat\nh100,500\n4090 Graphics Card,10\n', 'csv');
  const { rows, source } = resolveTopicTable(parsed);
  assert.equal(source, 'team');
  assert.deepEqual(rows.map((r) => [r.topic, r.heat, r.rank]), [
    ['h100', 500, 1],
    ['4090 Graphics Card', 10, 2],
  ]);
  assert.ok(rows[1].aliases.includes('4090 显卡'));
});

test('extend: team rows join the built-in ones, ordered by heat and ranked again', () => {
  const parsed = parseTopicTable('# extends\ntopic,heat,status,aliases\nserverless comfyui,200,🔶,无服务器 ComfyUI\nH100,2.0K,🟢,英伟达 H100\n', 'csv');
  const { rows, source, problems } = resolveTopicTable(parsed);
  assert.deepEqual(problems, []);
  assert.equal(source, 'extended');
  assert.equal(rows.length, DEFAULT_TOPICS.length + 1);
  assert.deepEqual(rows.slice(0, 3).map((r) => [r.rank, r.topic, r.heat, r.status]), [
    [1, 'h100', 2000, '🟢'],
    [2, '4090 graphics card', 1100, '🔶'],
    [3, 'run pod', 800, '🟢'],
  ]);
  const h100 = rows[0];
  assert.equal(h100.origin, 'team');
  assert.equal(h100.relevance, 1.05, 'numbers the team left out are kept');
  assert.ok(h100.aliases.includes('英伟达 H100'));
  assert.ok(rows.some((r) => r.topic === 'serverless comfyui' && r.rank === 7));
});

test('aliases for a topic that is not in the table warn on their line', () => {
  const parsed = parseTopicTable('# aliases: b300 = B300 显卡\ntopic,heat\nh100,1\n', 'csv');
  const { problems } = resolveTopicTable(parsed);
  assert.equal(problems.length, 1);
  assert.equal(problems[0].line, 0);
  assert.match(en(problems[0].message), /"b300"/);
});

test('a team alias that is another topic is flagged', () => {
  const parsed = parseTopicTable('topic,heat,aliases\nh100,2,H200\nh200,1,\n', 'csv');
  const { problems } = resolveTopicTable(parsed);
  assert.equal(problems.length, 1);
  assert.equal(problems[0].line, 1);
});

test('the built-in table is the seed table', () => {
  const { rows, source } = resolveTopicTable(undefined);
  assert.equal(source, 'default');
  assert.deepEqual(rows.map((r) => r.topic), [
    '4090 graphics card',
    'run pod',
    'podrun',
    'runpod pricing',
    'docker run -it',
    'h100',
    'h200',
    '5090 release date',
    'rtx 4090 vram',
  ]);
  assert.deepEqual(rows[0], { ...rows[0], rank: 1, heat: 1100, relevance: 6.55, views: 33100, status: '🔶' });
  assert.equal(rows[1].status, '🟢');
  rows[0].aliases.push('changed');
  assert.ok(!DEFAULT_TOPICS[0].aliases.includes('changed'), 'callers get copies');
});

test('table format from the file name', () => {
  assert.equal(tableFormatOf('.benchpress/topics.csv'), 'csv');
  assert.equal(tableFormatOf('topics.JSON'), 'json');
  assert.equal(tableFormatOf('topics.md'), undefined);
});

test('problems read in Chinese too, with the Chinese column names', () => {
  const csv = '排名,主题,热度值,浏览量,cpc\n1,h100,lots,9,\n2,,5,1,\n3,h200,7,many,\n4,h200,8,1,\n5,"rtx,4090,1,1,\n';
  const { problems } = parseTopicTable(csv, 'csv');
  const zh = problems.map((p) => localize(p.message, 'zh-cn'));
  assert.deepEqual(zh, [
    '未知的列“cpc”未生效。可用的列：排名、主题、热度值、相关度、浏览量、状态、别名。',
    '“h100”一行已跳过：热度值“lots”不是数字；请写成 800、1.1K 或 1.2万 这样的数。',
    '此行已跳过：主题为空。',
    '“h200”一行：浏览量“many”不是数字；留空。',
    '“h200”一行未生效：第 4 行已有同一话题。',
    '此行已跳过：带引号的单元格没有闭合（缺少 `"`），其后的内容都被读成了一个单元格。',
  ]);
  assert.match(localize(parseTopicTable('{ "topics": [1', 'json').problems[0].message, 'zh-cn'), /^JSON 语法错误：/);
});
