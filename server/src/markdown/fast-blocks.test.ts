// The blocks built without micromark must be exactly the ones micromark builds: every rule, the summary and every
// position downstream read them. Each text below is parsed both ways and the trees compared node for node; the
// cases also say whether the fast path must take a block (so a change that quietly stops taking them fails too).
import { test } from 'node:test';
import assert from 'node:assert/strict';
import type { Root } from 'mdast';
import { findFastBlocks, mergeFastBlocks } from './fast-blocks';
import { parseMarkdown, parseWithMicromark } from './parse';
import { splitChunks } from './chunks';
import { corpusFiles } from '../testing/corpus';

/** The tree as plain JSON (no undefined fields), for a deep comparison. */
const plain = (tree: Root) => JSON.parse(JSON.stringify(tree)) as unknown;

function assertSameTree(text: string, label = JSON.stringify(text)): void {
  assert.deepStrictEqual(plain(parseMarkdown(text)), plain(parseWithMicromark(text)), `tree of ${label}`);
}

/** How many characters of `text` the fast path builds itself. */
function fastChars(text: string): number {
  return findFastBlocks(text)?.runs.reduce((sum, run) => sum + run.end - run.start, 0) ?? 0;
}

const TAKEN: [string, string][] = [
  ['a paragraph of plain text', 'Plain text, with punctuation (and parentheses) — and CJK 中文，标点。\n'],
  ['links, code spans and images', 'See [the guide](https://example.com/a_b?x=1#y), `npm ci`, ` spaced ` and ![a chart](./chart.png).\n'],
  ['a soft line break with a trailing space and an indented continuation', 'First line \n   second line\n\tthird [l](u)\n'],
  ['emphasis and strong emphasis, also next to CJK text', 'An *important* point and **显存**的 usage; 文**粗体**文 too.\n'],
  ['intra-word underscores', 'Set CUDA_VISIBLE_DEVICES and snake_case_names.\n'],
  ['headings of each depth, with inline content', '# One\n\n## Two `code`\n### Three [link](u)  \n###### Six *em*\n'],
  ['a heading right after a paragraph line and a paragraph right after a heading', 'para\n# Heading here\nnext para\n'],
  ['brackets that are only text when nothing is defined', 'A [placeholder] and [x][y] and [TODO] soon\n'],
  ['one-line definitions with nothing left to reference them', '# Links\n\n[a]: https://a.example\n[B  c]: /b "Title"\n[d]: /d \'t\'\n[e]: /e (t)\n'],
  ['a paragraph between two lists (the comment keeps them apart)', '- a\n\nPlain paragraph text.\n\n- b\n'],
  ['a paragraph between indented code blocks', '    code one\n\nPlain paragraph text.\n\n    code two\n'],
  ['a paragraph after a block quote and a table', '> quote\n\nPlain paragraph text.\n\n| a |\n|---|\n| 1 |\n\nMore plain text here.\n'],
  ['a character that is not a reference', 'R&D and AT&T and & alone.\n'],
  ['fenced code: info and meta, blank lines, tabs, a longer closing fence', '```js  title="a b" \n\tconst a = 1;\n\n  ```not closing\n````  \n\n~~~\n```\n~~~\n'],
  ['a fence right after a paragraph line, and a short first line', 'Run:\n```\nnpm ci\n```\nDone.\n'],
  ['a paragraph ended by a list item, a block quote or a fence right after it', 'Steps to follow:\n- one\n- two\n\nSee below:\n> quoted\n\nRun this:\n```sh\nnpm ci\n```\n'],
  ['a heading with a list or a table right after it', '## Results\n- one\n\n## Table\n| a |\n|---|\n| 1 |\n'],
  ['thematic breaks (blank lines stand in for a short one)', 'Text above.\n\n---\n\nText below.\n\n* * *\n'],
  ['CRLF line ends in paragraphs, headings, fences, breaks and definitions', 'a \r\nb [l](u)\r\n\r\n# H\r\n\r\n---\r\n\r\n```js\r\nx\r\n\r\ny\r\n```\r\n\r\n[a]: u\r\n'],
  ['Unicode spaces that are not Markdown white space', '\u3000indented by an ideographic space\n\n\u00a0\n'],
  [
    'indented code: blank lines inside, fences and markup as text, after a paragraph, CRLF',
    'Note:\n\n    code a\n    ```b\n\n      c *d*\n   \n    e\n\ntext\n\n    x\r\n\r\n    y\r\n',
  ],
  ['full references to definitions of the same text', 'See [the guide][docs] and [价格][p].\n\n[docs]: https://docs.example\n[P]: /p "Prices"\n'],
  [
    'tight lists of one-line items: bullets, ordered from any number, right after a heading, CRLF',
    '## Steps\n- one [l](u)\n- two *e*\n\n3) x\n4) y\n\ntext\n\n* a\r\n* b\r\n',
  ],
  [
    'GFM tables: alignments, inline content, empty cells, short and long rows, right after a heading, CRLF',
    '## Results\n| Run | GPU | Notes |\n|:---|---:|:-:|\n| 1 | H100 *SXM* | `--enforce-eager` |\n|  | [spec](https://e.com) |\n| 3 | a | b | extra |\n\n| a |\r\n|---|\r\n| 1 |\r\n',
  ],
];

const LEFT: [string, string][] = [
  ['a hard break', 'a  \nb\n'],
  ['an escape', 'a \\* b\n'],
  ['HTML and autolinks', 'a <b>c</b> <https://x.y>\n'],
  ['a character reference', 'a &amp; b &#35;\n'],
  ['unpaired or nested emphasis', 'a *b **c*\n'],
  ['underscore emphasis', 'an _emphasis_ here\n'],
  ['a list item with a continuation line, a block quote, a setext heading', '- a\n  b\n\n> b\n\nc\n===\n'],
  ['a paragraph line before an ordered item from 2 (which continues the paragraph)', 'The steps are\n2) first\n'],
  ['a short block after (tab-)indented code, with a line right after it', '\tcode\n\n---\n2) x\n'],
  ['a heading closed by hashes', '## Title ##\n'],
  ['what is inside a fence that never closes', '```\nplain text in code\n\nmore code lines here\n'],
  ['what is inside an indented fence', '  ```\nplain text in code\n\nmore code lines here\n  ```\n'],
  ['a fence whose info string has an escape or a reference', '```a\\_b\ncode\n```\n\n~~~&amp;\ncode\n~~~\n'],
  ['an HTML comment that spans blank lines', '<!--\n\nplain text in a comment\n\n-->\n'],
  ['a reference when definitions exist', 'See [a] here.\n\n[a]: https://a.example\n'],
  ['a link whose destination has a title', 'a [b](u "t") c\n'],
  ['a link label across lines', 'a [b\nc](u) d\n'],
  ['strikethrough and table pipes', 'a ~~b~~ | c\n'],
  ['lone CR line ends', 'plain text\rmore text\r\rand more\n'],
  ['tables with an escaped pipe, a row without its outer pipes, a tab, a header after a paragraph line', '| a \\| b |\n|---|\n\na | b\n--|--\n\n| a\t|\n|---|\n\ntext\n| a |\n|---|\n'],
  ['a table whose delimiter row has another number of cells', '| a | b |\n|---|\n| 1 | 2 |\n'],
  ['lists with a continuation line, a task box, items of two kinds, or blank lines between items', '- a\n  b\n\n- [ ] t\n\n- a\n* b\n\n1. a\n\n2. b\n'],
  ['indented lines after a list item or a footnote (their content)', '- li\n\n    more\n\n[^1]: note\n\n    more\n'],
  ['indented code with a blank line of four spaces, a tab-indented line, or before a list item from 2', '    a\n    \n    b\n\n    c\n\n\td\n\n    e\n\n2) x\n'],
];

for (const [name, text] of TAKEN) {
  test(`fast path takes ${name}, with micromark's tree`, () => {
    assert.ok(fastChars(text) > 0, 'the fast path builds a block');
    assertSameTree(text);
  });
}

for (const [name, text] of LEFT) {
  test(`fast path leaves ${name} to micromark`, () => {
    assertSameTree(text);
    // Only the blocks that hold the construct are left: a text of nothing else has no fast block.
    assert.equal(fastChars(text), 0);
  });
}

test('a definition stays in the text micromark parses while something may reference it', () => {
  const text = '# Links\n\nSee [docs].\n\n[docs]: https://docs.example\n';
  const tree = parseMarkdown(text);
  const paragraph = tree.children[1] as { children: { type: string }[] };
  assert.equal(paragraph.children[1].type, 'linkReference');
  assert.equal(tree.children[2].type, 'definition');
  assertSameTree(text);
});

test('a full reference to a label that only looks defined (in a fence) makes the merge refuse', () => {
  const text = 'See [t][a] here.\n\n```\n[a]: u\n```\n';
  const fast = findFastBlocks(text)!;
  assert.deepEqual([...fast.referenced!], ['a']);
  assert.equal(mergeFastBlocks(fast, fast.rest === undefined ? undefined : parseWithMicromark(fast.rest)), undefined);
  assertSameTree(text);
  const tree = parseMarkdown(text);
  assert.deepEqual((tree.children[0] as { children: { type: string }[] }).children.map((c) => c.type), ['text']);
});

test('when a block of the rest spans a fast block, the merge refuses and the text is parsed whole', () => {
  const text = '- a\n  b\n\nPlain paragraph text.\n\n- c\n  d\n';
  const fast = findFastBlocks(text)!;
  assert.equal(fast.runs.length, 1);
  // Without the comment, the two items are one loose list around the paragraph.
  const rest = parseWithMicromark(fast.rest!.replace('<!---->', '       '));
  assert.equal(rest.children.length, 1);
  assert.equal(mergeFastBlocks(fast, rest), undefined);
  assert.ok(mergeFastBlocks(fast, parseWithMicromark(fast.rest!)));
});

test('a text of fast blocks only is never handed to micromark, and has its root position', () => {
  const text = '# Title\n\nSome text with [a link](https://e.com).\n\n';
  assert.equal(findFastBlocks(text)?.rest, undefined);
  assertSameTree(text);
});

test('50,000 links: the fast path builds them all, as micromark would', () => {
  const line = (i: number) => `Links ${i}: ` + Array.from({ length: 10 }, (_, k) => `[GPU page ${i * 10 + k}](https://example.com/gpus/${k}?run=${i})`).join(', ') + '.';
  const text = `# Many links\n\n${Array.from({ length: 5000 }, (_, i) => line(i)).join('\n\n')}\n`;
  const fast = findFastBlocks(text);
  assert.equal(fast?.runs.length, 5001);
  assert.equal(fast?.rest, undefined);
  // micromark on all of it takes seconds; a slice of it is enough for the comparison.
  assertSameTree(text.slice(0, 40_000));
});

/** mulberry32: the same seed gives the same texts. */
function prng(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = Math.imul(a ^ (a >>> 15), 1 | a);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const PLAIN = ['word', 'two words', ' ', '中文', '，', '。', '\n', '\n\n', '\n\n', 'x', '1', 'é', ' and ', '.', '(', ')', '!'];
const TRICKY_PIECES = [
  '*', '**', '***', '_', '__', '`', '``', '[', ']', '](', '![', '#', '## ', '- ', '* ', '1. ', '> ', '```', '~~~', '<!--', '-->', '<div>',
  '&amp;', '&', '\\', '|', '~', '    ', '\t', '[a]: u', '[a](u)', '[b](http://x.y/z_w)', ']:', '===', '---', "'", '"', ':', 'x_y', '*a*',
  '**b**', '`c`', ' `d` ', '[^1]', '\r\n', '😀', '\u3000', '&#35;', 'R&D', 'a_b', '_a', '**粗体**的', '文**粗体**', '  \n', ' \n', '\n   ',
  '\n    ', '\n```js x\n', '\n````\n', '\n```\n', '\n~~~\n', '  ```', '[x][y]', '\n- a', '\n1. b', '\n2) c', '\n> q', '\n---\n', '\n***\n', '![i](u)', '![i]', '[l]: u "t"', '[l]: u\n"t"', '\n[l]: u\n', '\n# H *e* `c` [l](u)\n', '\n## a_b ##\n', '**[a](u)**',
];

test('generated texts of tricky pieces: the same tree both ways (seeded, 6,000 texts)', () => {
  const random = prng(20261205);
  let taken = 0;
  for (let k = 0; k < 6000; k++) {
    let text = '';
    for (let n = 1 + Math.floor(random() * 30); n > 0; n--) {
      const pieces = random() < 0.7 ? PLAIN : TRICKY_PIECES;
      text += pieces[Math.floor(random() * pieces.length)];
    }
    if (fastChars(text) > 0) taken++;
    assertSameTree(text);
  }
  // The generator must reach the fast path often, or the comparison proves little.
  assert.ok(taken > 1000, `fast blocks in ${taken} texts`);
});

const CELL_PIECES = ['a', 'b c', ' ', '  ', 'x_y', '*e*', '**s**', '`c`', '[l](u)', '1', '中文', '，', ':', '-', '#', '> ', '- ', '_a', 'a_', '*a', '`', '[x]', '&', '&amp;', '\\', '<b>', '~', '[^1]', '|'];
const DELIMITER_CELLS = [':-', '-:', ':-:', '---', ' --- ', ' :--: ', 'x', ':'];
const AROUND_TABLE = ['', '\n\n', '## H\n', 'para\n', 'para\n\n', '```\nx\n```\n', '> q\n', '- li\n', '[l]: u\n\n', '\n\nafter\n', '\ntext\n', '\n- li\n'];

test('generated tables: the same tree both ways (seeded, 4,000 texts)', () => {
  const random = prng(20261206);
  const pick = <T>(list: T[]) => list[Math.floor(random() * list.length)];
  const cell = () => Array.from({ length: Math.floor(random() * 3) }, () => (random() < 0.93 ? pick(CELL_PIECES.slice(0, 12)) : pick(CELL_PIECES))).join(' ');
  const row = (cells: number) => (random() < 0.97 ? '|' : '') + Array.from({ length: cells }, cell).join('|') + (random() < 0.97 ? '|' : '');
  let taken = 0;
  for (let k = 0; k < 4000; k++) {
    const columns = 1 + Math.floor(random() * 4);
    const lines = [row(columns), '|' + Array.from({ length: random() < 0.95 ? columns : columns + 1 }, () => (random() < 0.95 ? pick(DELIMITER_CELLS.slice(0, 6)) : pick(DELIMITER_CELLS))).join('|') + '|'];
    for (let r = Math.floor(random() * 5); r > 0; r--) lines.push(row(Math.max(1, columns + (random() < 0.8 ? 0 : Math.floor(random() * 3) - 1))));
    let text = `${pick(AROUND_TABLE)}${lines.join('\n')}\n${pick(AROUND_TABLE)}`;
    if (random() < 0.2) text = text.replace(/\n/g, '\r\n');
    if (findFastBlocks(text)?.runs.some((run) => run.nodes.some((node) => node.type === 'table'))) taken++;
    assertSameTree(text);
  }
  assert.ok(taken > 400, `fast tables in ${taken} texts`);
});

const INDENTED_LINES = ['    code', '     code x', '        deep', '    ```', '    - li', '    # h', '    *a*', '', '', '', ' ', '   ', '    ', '\t', '    \tx', 'text', '- li', '1. li', '2) li', '*', '> q', '# h', '```', '<!--', '-->', '[^1]: f', '[a]: u', '---', '| a |', '   code'];

/**
 * Texts of 1–12 random lines (the first `common` of `lines` more often), LF or CRLF: the same tree both ways, and the
 * fast path takes what `taken` looks for in more than `atLeast` of them.
 */
function compareLineTexts(lines: string[], common: number, seed: number, taken: (fast: ReturnType<typeof findFastBlocks>) => boolean, atLeast: number): void {
  const random = prng(seed);
  let count = 0;
  for (let k = 0; k < 4000; k++) {
    const picked = Array.from({ length: 1 + Math.floor(random() * 12) }, () => lines[Math.floor(random() * (random() < 0.6 ? common : lines.length))]);
    let text = picked.join('\n') + (random() < 0.8 ? '\n' : '');
    if (random() < 0.2) text = text.replace(/\n/g, '\r\n');
    if (taken(findFastBlocks(text))) count++;
    assertSameTree(text);
  }
  assert.ok(count > atLeast, `taken in ${count} texts`);
}

test('generated texts around indented code: the same tree both ways (seeded, 4,000 texts)', () => {
  compareLineTexts(INDENTED_LINES, 14, 20261207, (fast) => !!fast?.runs.some((run) => run.indented), 1500);
});

const LIST_LINES = ['- a', '- b *e*', '* c', '+ d', '1. one', '2. two', '3) x', '-  two', '-     five', '- [ ] t', '- [l](u) x', '', '', '', '  ', '- ', '- - x', '- # h', '  cont', '    code', '\tcode', 'text', '# h', '> q', '---', '* * *', '```', '[^1]: f', '2) li'];

test('generated texts around lists: the same tree both ways (seeded, 4,000 texts)', () => {
  compareLineTexts(LIST_LINES, 15, 20261208, (fast) => !!fast?.runs.some((run) => run.nodes.some((node) => node.type === 'list')), 400);
});

function corpusChunks(): [string, string][] {
  return corpusFiles().flatMap((file) => splitChunks(file.text).filter((c) => c.kind === 'body').map((c): [string, string] => [`${file.name}:${c.startLine + 1}`, c.text]));
}

test('every chunk of the shared corpora, with LF and with CRLF line ends: the same tree both ways', (t) => {
  const chunks = corpusChunks();
  if (chunks.length === 0) return t.skip('../shared/corpus is not here');
  for (const [where, text] of chunks) {
    assertSameTree(text, where);
    assertSameTree(text.replace(/\r?\n/g, '\r\n'), `${where} (CRLF)`);
  }
});
