// A long table parsed in pieces must give the tree of one parse of the whole text: same nodes, same positions.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import type { Root } from 'mdast';
import { fromMarkdown } from 'mdast-util-from-markdown';
import { gfmTable } from 'micromark-extension-gfm-table';
import { gfmTableFromMarkdown } from 'mdast-util-gfm-table';
import { gfmFootnote } from 'micromark-extension-gfm-footnote';
import { gfmFootnoteFromMarkdown } from 'mdast-util-gfm-footnote';
import { gfmStrikethrough } from 'micromark-extension-gfm-strikethrough';
import { gfmStrikethroughFromMarkdown } from 'mdast-util-gfm-strikethrough';
import { parseMarkdown } from './parse';
import { MIN_SPLIT_ROWS, parseWithTablePieces } from './table-pieces';

/** The reference: one micromark parse of the whole text, GFM without autolink literals (as parse.ts reads it). */
function parseWhole(text: string): Root {
  return fromMarkdown(text, {
    extensions: [gfmTable(), gfmFootnote(), gfmStrikethrough()],
    mdastExtensions: [gfmTableFromMarkdown(), gfmFootnoteFromMarkdown(), gfmStrikethroughFromMarkdown()],
  });
}

const CELLS = ['`a \\| b`', 'plain', '**bold** and *em*', '[link](https://e.com/x "t")', '~~old~~ new', '<b>html</b>', 'a \\| escaped', '', '`code`', '![img](i.png)', 'H100 80 GB'];

function rows(count: number, eol = '\n'): string {
  let out = '';
  for (let i = 0; i < count; i++) out += `| ${i} | ${CELLS[i % CELLS.length]} | ${CELLS[(i * 7) % CELLS.length]} |${eol}`;
  return out;
}

const HEAD = '| n | left | right |\n|--:|:---|:---:|\n';
const LONG = MIN_SPLIT_ROWS * 3 + 5;

const CASES: Record<string, string> = {
  'text before and after, a line without a pipe continuing the table': `# Results\n\nIntro *text*.\n\n${HEAD}${rows(LONG)}continued row\n\nAfter the table.\n`,
  'the table at the very start and end, no final newline': HEAD + rows(LONG).trimEnd(),
  'CRLF line ends': `Intro.\r\n\r\n${HEAD.replace(/\n/g, '\r\n')}${rows(LONG, '\r\n')}\r\nAfter.\r\n`,
  'a table that interrupts a paragraph': `A paragraph line\n${HEAD}${rows(LONG)}`,
  'a second long table after the first': `${HEAD}${rows(LONG)}\n${HEAD}${rows(LONG)}`,
  'an indented table': `Intro.\n\n${(HEAD + rows(LONG)).replace(/^/gm, '  ').trimEnd()}\n`,
  'rows followed by a heading and a list': `${HEAD}${rows(LONG)}# Next\n\n- item | with pipe\n`,
};

for (const [name, text] of Object.entries(CASES)) {
  test(`a long table parsed in pieces gives the whole parse's tree: ${name}`, () => {
    assert.ok(parseWithTablePieces(text, parseWhole), 'the text was split');
    assert.deepEqual(parseMarkdown(text), parseWhole(text));
  });
}

const WHOLE: Record<string, string> = {
  'a table in a list item': `- item\n\n  ${HEAD.replace('\n|', '\n  |')}${rows(LONG).replace(/^/gm, '  ')}`,
  'a reference definition in the text (a cell may use it)': `${HEAD}${rows(LONG)}| [ref] | x | y |\n\n[ref]: https://e.com\n`,
  'a footnote definition in the text': `${HEAD}${rows(LONG)}| [^1] | x | y |\n\n[^1]: note\n`,
  'a header with fewer cells than the delimiter row (not a table)': `| a |\n|---|---|\n${rows(LONG)}`,
  'rows in a block quote': `> ${HEAD.replace('\n|', '\n> |')}${rows(LONG).replace(/^/gm, '> ')}`,
  'a short table': `${HEAD}${rows(MIN_SPLIT_ROWS - 1)}`,
};

for (const [name, text] of Object.entries(WHOLE)) {
  test(`a text whose table must not be split is parsed whole: ${name}`, () => {
    assert.deepEqual(parseMarkdown(text), parseWhole(text));
  });
}

test('a table of thousands of rows keeps every row, each where its line is', () => {
  const text = `# Runs\n\n${HEAD}${rows(2000)}`;
  const table = parseMarkdown(text).children.find((n) => n.type === 'table');
  assert.equal(table?.type, 'table');
  assert.equal(table.children.length, 2001);
  const lines = text.split('\n');
  for (const row of [table.children[1], table.children[1000], table.children[2000]]) {
    const start = row.position!.start;
    assert.equal(text.slice(start.offset, row.position!.end.offset), lines[start.line - 1]);
  }
});

/** A small seeded generator (mulberry32): the same cases on every run. */
function seeded(seed: number): () => number {
  return () => {
    seed = (seed + 0x6d2b79f5) | 0;
    let t = Math.imul(seed ^ (seed >>> 15), 1 | seed);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

// Cell text made of the pieces of inline syntax most likely to interact with a row's pipes or with each other:
// code spans holding pipes, escapes, unclosed emphasis and brackets, HTML, entities, footnote calls, autolinks.
const FRAGMENTS = ['a', ' ', '`x|y`', '`', '\\|', '\\', '*', '**', '_', '~~', '[', ']', '(', ')', '[t](u)', '![i](p)', '<b>', '</b>', '<!--', '-->', '&amp;', '&#124;', '[^1]', '<https://e.com>', 'H100', '显存', '\t'];

test('random long tables parsed in pieces give the whole parse (200 seeded cases)', () => {
  const rand = seeded(14);
  const pick = <T>(list: readonly T[]) => list[Math.floor(rand() * list.length)];
  const cell = () => Array.from({ length: Math.floor(rand() * 5) }, () => pick(FRAGMENTS)).join('');
  let split = 0;
  for (let n = 0; n < 200; n++) {
    const columns = 1 + Math.floor(rand() * 4);
    const row = () => `|${Array.from({ length: columns }, cell).join('|')}${rand() < 0.5 ? '|' : ''}`;
    // A plain header, so that most cases are tables (a random one often has more cells than the delimiter row).
    const head = `|${Array.from({ length: columns }, (_, i) => `h${i}`).join('|')}|\n|${Array.from({ length: columns }, () => pick(['---', ':--', '--:', ':-:'])).join('|')}|\n`;
    const body = Array.from({ length: MIN_SPLIT_ROWS + Math.floor(rand() * 100) }, row).join('\n').padEnd(2048, ' ');
    const before = pick(['', 'Intro paragraph\n', '# Title\n\n', '- item\n\n', '> quote\n\n', '```\ncode\n```\n\n']);
    const after = pick(['', '\n', '\ncontinued', '\n\nAfter.\n', '\n- list', '\n> quote\n', '\n```\n|not|a|row|\n```\n']);
    const text = before + head + body + after;
    if (parseWithTablePieces(text, parseWhole)) split++;
    assert.deepEqual(parseMarkdown(text), parseWhole(text), `case ${n}:\n${text.slice(0, 300)}`);
  }
  assert.ok(split > 150, `${split} of 200 cases were split`);
});
