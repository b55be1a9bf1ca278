// A text that starts with a byte order mark: micromark drops the mark at the start of its input and counts offsets
// without it, but in a chunk (after front matter, at the start of a piece) the mark is text of the document
// (fuzz, case 1410099287: every offset after it was one off, and a bare-URL fix cut the URL short).
import { test } from 'node:test';
import assert from 'node:assert/strict';
import type { Nodes } from 'mdast';
import { parseMarkdown } from './parse';
import { gfmLiteralUrls } from './literal-urls';
import { findingsOf } from '../testing/lint-text';

test('a leading byte order mark is text: offsets count it, the first text keeps it', () => {
  const text = '\ufeffa *b* [c](#d)\n';
  const tree = parseMarkdown(text);
  const paragraph = tree.children[0] as Extract<Nodes, { type: 'paragraph' }>;
  assert.deepEqual(paragraph.children.map((n) => [n.type, n.position?.start.offset, n.position?.end.offset]), [['text', 0, 3], ['emphasis', 3, 6], ['text', 6, 7], ['link', 7, 14]]);
  assert.equal((paragraph.children[0] as { value: string }).value, '\ufeffa ');
  assert.deepEqual(gfmLiteralUrls('\ufeffsee https://e.com/x'), [{ start: 5, end: 20, href: 'https://e.com/x' }]);
});

test('after front matter, a bare URL on a line after a byte order mark is wrapped whole', async () => {
  const text = '---\ntitle: x\n---\n\ufeffIntro.\n\nSee https://e.com/path\n';
  const [finding] = await findingsOf('remark-lint/no-literal-urls', text);
  assert.deepEqual(finding.fixes?.[0].edits.map((e) => e.newText), ['<https://e.com/path>']);
  assert.deepEqual(finding.range, { start: { line: 5, character: 4 }, end: { line: 5, character: 22 } });
});
