// Reads test/typography/cases.txt: "=== title", the input, then ">>>" and the expected output or ">>> unchanged".
import { readFileSync } from 'node:fs';
import path from 'node:path';

export interface Case {
  title: string;
  input: string;
  expected: string;
  unchanged: boolean;
}

export function readCases(file = path.join(__dirname, 'cases.txt')): Case[] {
  const text = readFileSync(file, 'utf8');
  const cases: Case[] = [];
  for (const block of text.split(/^=== /m).slice(1)) {
    const nl = block.indexOf('\n');
    const title = block.slice(0, nl).trim();
    const body = block.slice(nl + 1);
    const m = /^>>>( unchanged)?[ \t]*$/m.exec(body);
    if (!m) throw new Error(`case "${title}" has no >>> line`);
    const input = body.slice(0, m.index).replace(/\n+$/, '\n');
    const unchanged = Boolean(m[1]);
    const expected = unchanged ? input : body.slice(m.index + m[0].length + 1).replace(/\n+$/, '\n');
    if (!unchanged && expected === input) throw new Error(`case "${title}": the expected output equals the input; write ">>> unchanged"`);
    cases.push({ title, input, expected, unchanged });
  }
  return cases;
}
