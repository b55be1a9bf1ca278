// Chunking must never change what the parser sees: the document model put together from chunks has the same
// headings, links, definitions and content features as one parse of the whole text. And a checker that reuses
// chunk results across edits must report exactly what a fresh check of the same text reports.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { splitChunks } from './chunks';
import { lineStartsOf } from '../base/text';
import { corpusFiles } from '../testing/corpus';
import { parseMarkdown } from './parse';
import { summarize } from './summary';
import { checkText } from '../testing/lint-text';
import { CheckEnvironment, DocumentChecker } from '../engine/document-checker';
import { InProcessAnalyzer } from '../engine/in-process-analyzer';
import { DEFAULT_CONFIG } from '../config/config';
import { buildTemplateSet } from '../templates/registry';
import { EMPTY_WORKSPACE } from './workspace';
import { BUILTIN_GPUS } from '../node/data-files';

const LONG_SECTION_BLOCKS = [
  'Paragraph N with a [reference][r-1], a footnote[^f1] and a [link](#a) to fill the line with some text.\n',
  '- item N\n\n- loose item N continues the list\n\n  indented paragraph of item N\n',
  '1. first N\n\n2. second N\n',
  '> quote N\n\n> another quote N\n',
  '    indented code N\n\n    more code N\n',
  '<!-- lint ignore no-shortcut-reference-link -->\n\n[r-1]\n',
  '<div>\nhtml N\n\n</div>\n',
  '<!--\ncomment N\n\n# not a heading\n-->\n',
  '```\ncode N\n\n# not a heading either\n```\n',
  '[^fN]: footnote N\n\n    its second paragraph\n',
  '| a | b |\n|---|---|\n| N | x |\n',
  'Setext N\n---\n',
  '[d-N]: https://example.com/N "title N"\n',
];

const TRICKY: Record<string, string> = {
  'heading inside a fence': '# A\n\n```bash\n# not a heading\necho hi\n```\n\n## B\n\ntext\n',
  'tilde fence with longer close': '# A\n\n~~~\n# no\n~~~~~\n\n# C\n',
  'unclosed fence swallows the rest': '# A\n\n```\ncode\n# still code\n## also code\n',
  'fence in a list closed by a column-0 line': '# A\n\n- item\n  ```\ncode\n  ```\n# swallowed\n\n## and this\n',
  'html comment across headings': '# A\n\n<!--\n# hidden\n-->\n\n## B\n',
  'html block type 6 runs into a heading': '# A\n\n<div>\n# inside div\n</div>\n\n## B\n',
  'script block': '# A\n\n<script>\n# x\n</script>\n## B\n',
  'fences left open in a list item, a quote and a footnote, each closed by the next heading':
    '# A\n\n- ```\n  code\n# B\n\ntext\n\n> ~~~\n> x\n# C\n\n[^1]: note\n\n    ```\n    y\n# D\n\n[^1]\n',
  'html block type 6 through many headings': `# A\n\n${Array.from({ length: 40 }, (_, i) => `<div>\n# H${i}\ntext\n`).join('')}\n## After\n\ntext\n`,
  'setext headings': 'Title\n=====\n\nSub\n---\n\n# Atx\n\ntext\n',
  'headings in lists and quotes': '# A\n\n- # list heading\n> # quote heading\n\n## B\n',
  'crlf line endings': '# A\r\n\r\ntext [x][y]\r\n\r\n## B\r\n\r\n[y]: http://e.com\r\n',
  'lone cr line endings': '# A\r\rtext [x][y]\r\r## B\r\r[y]: http://e.com\r',
  'front matter with lone cr line endings': '---\rtitle: x\rtemplate: review\r---\r\r# A\r\r## B\rtext\r',
  'reference defined in a later section': '# A\n\nSee [the docs][d] and [^1].\n\n## Refs\n\n[d]: https://example.com\n[^1]: note\n',
  'front matter': '---\ntitle: x\ntemplate: review\n---\n\n# A\n\n## B\n',
  'no trailing newline': '# A\n\ntext\n\n## B\n\nend',
  // Long sections, cut into pieces (chunks.ts, endsPiece): blocks that continue after a blank line must stay whole.
  'a long section of many kinds of blocks': `# A\n\n${Array.from({ length: 400 }, (_, i) => LONG_SECTION_BLOCKS[i % LONG_SECTION_BLOCKS.length].replaceAll('N', String(i))).join('\n')}\n[r-1]: https://example.com/1\n[^f1]: note\n`,
  'a long run of definitions with lines that end or break it': `# Defs\n\nSee [a-5], [t-89], [p-79] and [^f97].\n\n${Array.from({ length: 3000 }, (_, i) =>
    i % 97 === 0 ? `[^f${i}]: footnote ${i}` : i % 89 === 0 ? `[t-${i}]: /u\n"title ${i}"` : i % 83 === 0 ? `[x-${i}] is text` : i % 79 === 0 ? `[p-${i}]: /u(1` : i % 73 === 0 ? '' : `[a-${i}]: https://example.com/${i}${i % 3 === 0 ? ` "t ${i}"` : ''}`).join('\n')}\n`,
  'a long draft without headings, CRLF': Array.from({ length: 300 }, (_, i) => LONG_SECTION_BLOCKS[(i * 7) % LONG_SECTION_BLOCKS.length].replaceAll('N', String(i))).join('\n').replaceAll('\n', '\r\n'),
};

const SAMPLES: [string, string][] = [...Object.entries(TRICKY), ...corpusFiles(60).map((f): [string, string] => [f.name, f.text])];

const strip = <T extends object>(items: T[], keys: (keyof T)[]) => items.map((i) => Object.fromEntries(keys.map((k) => [k, i[k]])));

for (const [name, text] of SAMPLES) {
  test(`chunked model equals one whole parse: ${name}`, async () => {
    const { view } = await checkText(text);
    assert.ok(view);
    const lines = text.split('\n');
    const fm = splitChunks(text)[0]?.kind === 'frontmatter' ? splitChunks(text)[0].endOffset : 0;
    const body = text.slice(fm);
    const whole = summarize(parseMarkdown(body), body);
    const shift = <T extends { start: number; end: number }>(xs: T[]) => xs.map((x) => ({ ...x, start: x.start + fm, end: x.end + fm }));
    assert.deepEqual(strip(view.headings, ['start', 'end', 'level', 'text', 'topLevel']), strip(shift(whole.headings), ['start', 'end', 'level', 'text', 'topLevel']));
    assert.deepEqual(strip(view.links, ['start', 'end', 'url', 'kind']), strip(shift(whole.links), ['start', 'end', 'url', 'kind']));
    assert.deepEqual(strip(view.definitions, ['start', 'end', 'id', 'kind']), strip(shift(whole.definitions), ['start', 'end', 'id', 'kind']));
    assert.deepEqual(view.features.map((f) => `${f.kind}@${f.offset}`), whole.features.map((f) => `${f.kind}@${f.offset + fm}`));
    assert.ok(lines.length > 0);
  });
}

test('a block that runs on through many headings is joined in a few steps, not one step per heading', async () => {
  const text = `# Start\n\n${Array.from({ length: 400 }, (_, i) => `<div>\n# Heading ${i}\n`).join('')}\n## After\n\ntext\n`;
  const chunks = splitChunks(text).length;
  const { stats, view } = await checkText(text);
  // Joining one chunk at a time parsed the rest of the draft once per heading (quadratic: 2,000 such headings took
  // 83 s); doubling the join takes about log2(400) extra analyses.
  assert.ok(stats.analysed < chunks + 20, `${stats.analysed} analyses for ${chunks} chunks`);
  assert.deepEqual(view!.headings.map((h) => h.text), ['Start', 'After']);
});

test('fences left open in list items under 200 headings: joined in a few steps, and read as one parse reads them', async () => {
  const text = Array.from({ length: 200 }, (_, i) => `# Part ${i}\n\n- \`\`\`\n  code ${i}\n`).join('');
  const chunks = splitChunks(text).length;
  const { stats, view } = await checkText(text);
  assert.ok(stats.analysed < chunks + 20, `${stats.analysed} analyses for ${chunks} chunks`);
  assert.equal(view!.headings.length, 200);
});

test('a guarded section grouped with short neighbours: the guard covers that section only, the neighbours are checked', async () => {
  const text = '# Title\n\nSee https://example.com/before here.\n\n## Too deep\n\n' + '> '.repeat(100) + 'deep\n\n## After\n\nSee https://example.com/after here.\n';
  assert.equal(splitChunks(text).length, 1, 'the three sections are one group');
  const { findings } = await checkText(text);
  const deep = findings.filter((f) => f.ruleId === 'guard/nesting-too-deep');
  assert.deepEqual(deep.map((f) => f.range.start.line), [6]);
  assert.deepEqual(findings.filter((f) => f.ruleId === 'remark-lint/no-literal-urls').map((f) => f.range.start.line), [2, 10]);
});

test('an English section grouped with a Chinese one stays English: the Chinese typography rules apply per section', async () => {
  const text = '# Notes\n\nThe Lora setup uses langchain here.\n\n## 中文部分\n\n我们使用Lora微调模型。\n';
  assert.equal(splitChunks(text).length, 1, 'the two sections are one group');
  const { findings } = await checkText(text);
  const typography = findings.filter((f) => f.ruleId.startsWith('typography/'));
  assert.ok(typography.length > 0);
  assert.deepEqual([...new Set(typography.map((f) => f.range.start.line))], [6]);
});

test('an MDX draft stopped by a guard is not cut at its headings (its JSX blocks may span them)', async () => {
  const text = '# Title\n\n<Tabs>\n\n## Inside a tab\n\n' + '> '.repeat(100) + 'deep\n\n</Tabs>\n\n## After\n\ntext\n';
  const { stats, findings } = await checkText(text, { path: 'draft.mdx' });
  assert.equal(stats.analysed, 1);
  assert.ok(findings.some((f) => f.ruleId === 'guard/nesting-too-deep'));
});

/** A deterministic pseudo-random sequence, so failures can be reproduced. */
function random(seed: number) {
  let s = seed >>> 0;
  return () => ((s = (Math.imul(s, 1664525) + 1013904223) >>> 0) / 2 ** 32);
}

const EDITS = ['#', '\n', '`', '```\n', '[', ']', '(', ')', '*', '> ', '- ', 'x', '中', '\n## New\n', '<!--', '-->', '|', ' '];

test('lone CRs end lines as LFs do: front matter, chunks at headings, lines and offsets as in the same text with LFs', () => {
  const texts = [
    '---\rtitle: x\rbenchpress:\r  rules: { "typography/extra-spaces": off }\r---\r\r# A\r\rtext\r\r## B\rmore\r',
    '# A\r\r```\r# not a heading\r```\r\r## B\r<!--\r# hidden\r-->\r# C\rend',
    '+++\rtitle = "x"\r+++\r# A\r',
  ];
  for (const text of texts) {
    const shape = (t: string) => splitChunks(t).map((c) => [c.kind, c.startLine, c.endLine, c.startOffset, c.endOffset]);
    assert.deepEqual(shape(text), shape(text.replace(/\r/g, '\n')), JSON.stringify(text));
  }
  assert.equal(splitChunks(texts[0])[0].kind, 'frontmatter');
  // Mixed line ends: \r\n is one line end, a lone \r another.
  // (The first section is long, so a chunk ends after it: see LONG_SECTION_CHARS in chunks.ts.)
  const mixed = splitChunks(`# A\r\n${'x'.repeat(1100)}\rmore\n## B\r\n`);
  assert.deepEqual(mixed.map((c) => [c.startLine, c.endLine, c.startOffset, c.endOffset]), [[0, 3, 0, 1111], [3, 5, 1111, 1117]]);
});

test('incremental checks equal fresh checks across 300 random edits', async () => {
  const env = new CheckEnvironment({ config: DEFAULT_CONFIG, templates: buildTemplateSet([]), data: { gpus: BUILTIN_GPUS }, locale: 'en' });
  const analyzer = new InProcessAnalyzer();
  const next = random(20261125);
  for (const [name, original] of SAMPLES.slice(0, 20)) {
    const incremental = new DocumentChecker(analyzer);
    let text = original;
    await incremental.check({ uri: 'file:///d.md', path: '/d.md', text }, env, EMPTY_WORKSPACE);
    for (let i = 0; i < 15; i++) {
      const at = Math.floor(next() * (text.length + 1));
      if (next() < 0.3 && text.length > 0) text = text.slice(0, at) + text.slice(at + 1 + Math.floor(next() * 20));
      else text = text.slice(0, at) + EDITS[Math.floor(next() * EDITS.length)] + text.slice(at);
      const again = await incremental.check({ uri: 'file:///d.md', path: '/d.md', text }, env, EMPTY_WORKSPACE);
      const fresh = await new DocumentChecker(analyzer).check({ uri: 'file:///d.md', path: '/d.md', text }, env, EMPTY_WORKSPACE);
      assert.deepEqual(again.findings, fresh.findings, `${name}, edit ${i}`);
      assert.deepEqual(again.topics, fresh.topics, `topics: ${name}, edit ${i}`);
      assert.ok(again.stats.analysed <= fresh.stats.analysed, 'an incremental check never analyses more than a fresh one');
    }
  }
});

test('short sections are grouped into chunks, and an edit in one section re-analyses only its own chunk (and at most the next)', async () => {
  const env = new CheckEnvironment({ config: DEFAULT_CONFIG, templates: buildTemplateSet([]), data: { gpus: [] }, locale: 'en' });
  const sections = Array.from({ length: 40 }, (_, i) => `## Section ${i}\n\nParagraph ${i} with a [link](#section-${i}).\n`).join('\n');
  const checker = new DocumentChecker(new InProcessAnalyzer());
  const first = await checker.check({ uri: 'file:///d.md', text: `# T\n\n${sections}` }, env, EMPTY_WORKSPACE);
  assert.ok(first.stats.chunks <= 20, `${first.stats.chunks} chunks for 41 short sections`);
  assert.equal(first.stats.analysed, first.stats.chunks);
  const edited = `# T\n\n${sections}`.replace('Paragraph 17 with', 'Paragraph 17 now with');
  const second = await checker.check({ uri: 'file:///d.md', text: edited }, env, EMPTY_WORKSPACE);
  // The edit may move the boundary after its own section (the grouping hashes the section), never another one.
  assert.ok(second.stats.analysed >= 1 && second.stats.analysed <= 2, `${second.stats.analysed} analysed`);
  assert.ok(second.stats.reused >= second.stats.chunks - 2, `${second.stats.reused} of ${second.stats.chunks} reused`);
});

test('a long section is cut into pieces at blank lines; an edit re-analyses its own piece, not the whole section', async () => {
  const env = new CheckEnvironment({ config: DEFAULT_CONFIG, templates: buildTemplateSet([]), data: { gpus: [] }, locale: 'en' });
  const paragraphs = Array.from({ length: 600 }, (_, i) => `Paragraph ${i} of a draft without headings, with a [link](https://example.com/${i}) in it.\n`);
  const text = paragraphs.join('\n');
  const chunks = splitChunks(text);
  assert.ok(chunks.length >= 4, `${chunks.length} chunks for ${text.length} characters in one section`);
  for (const c of chunks.slice(0, -1)) assert.ok(c.text.length >= 8 * 1024 && c.text.length <= 32 * 1024 + 200, `a piece of ${c.text.length} characters`);
  for (const c of chunks.slice(1)) assert.match(c.text, /^Paragraph \d+ /, 'each piece starts at a paragraph');
  const checker = new DocumentChecker(new InProcessAnalyzer());
  const first = await checker.check({ uri: 'file:///d.md', text }, env, EMPTY_WORKSPACE);
  assert.equal(first.stats.chunks, chunks.length);
  const edited = text.replace('Paragraph 300 of', 'Paragraph 300 now of');
  const second = await checker.check({ uri: 'file:///d.md', text: edited }, env, EMPTY_WORKSPACE);
  assert.ok(second.stats.analysed >= 1 && second.stats.analysed <= 2, `${second.stats.analysed} of ${second.stats.chunks} analysed`);
  const fresh = await new DocumentChecker(new InProcessAnalyzer()).check({ uri: 'file:///d.md', text: edited }, env, EMPTY_WORKSPACE);
  assert.deepEqual(second.findings, fresh.findings);
});

test('a long section is never cut before a line that may continue the block before the blank line', () => {
  // One 40 KB paragraph (no blank line in it), so that any line allowed to start a piece after it would start one.
  const filler = 'Filler text to make the section long enough to be cut into pieces of its own.\n'.repeat(500);
  const continuing = ['- next item of the list', '2. next item', '    indented code', '  indented continuation', '\tcode', '+ item', '* item', '10) item'];
  for (const line of continuing) {
    const text = `${filler}\n- a list item\n\n${line}\n`.repeat(2);
    assert.equal(splitChunks(text).length, 1, `cut before ${JSON.stringify(line)}`);
  }
  // Nor before the block a `<!-- lint ignore -->` comment applies to, nor inside a fence or a comment; after them, yes.
  // (Contents of 44 KB: a cut inside them would be forced were it allowed.)
  const guarded = `${filler}<!-- lint ignore -->\n\nTarget paragraph.\n\n\`\`\`\n${'code line\n\n'.repeat(4000)}\`\`\`\n\n<!--\n${'comment\n\n'.repeat(4000)}-->\n\nAfter.\n`;
  assert.deepEqual(splitChunks(guarded).map((c) => c.text.split('\n', 1)[0]), ['Filler text to make the section long enough to be cut into pieces of its own.', '```', '<!--', 'After.']);
});

test('typing or deleting a character within a line of a section moves no chunk boundary', () => {
  const sections = Array.from({ length: 60 }, (_, i) => `## Step ${i % 7}\n\n${'Words of the step, one more time. '.repeat(3 + ((i * 5) % 17))}\n\n- a list item ${i}\n`);
  const text = `# Guide\n\n${sections.join('\n')}`;
  const cuts = (t: string) => splitChunks(t).map((c) => c.startOffset);
  const before = cuts(text);
  assert.ok(before.length >= 8, `${before.length} chunks`);
  let moved = 0;
  for (let i = 0; i < sections.length; i++) {
    const at = text.indexOf(`- a list item ${i}\n`) + 2;
    for (const [edited, shift] of [[text.slice(0, at) + 'x' + text.slice(at), 1], [text.slice(0, at) + text.slice(at + 1), -1]] as const) {
      const expected = before.map((offset) => (offset > at ? offset + shift : offset));
      if (JSON.stringify(cuts(edited)) !== JSON.stringify(expected)) moved++;
    }
  }
  assert.equal(moved, 0, `${moved} of ${sections.length * 2} edits moved a boundary`);
});

test('the line starts a split reads on the way are the text\'s line starts, whatever its line ends and front matter', () => {
  const pieces = ['# Title', '', 'Text', '---', 'title: x', '```', 'code', '<div>', '</div>', '  - item', '## Next', '中文段落。', ''];
  const ends = ['\n', '\r\n', '\r'];
  let seed = 7;
  const next = (n: number) => {
    seed = (seed * 1103515245 + 12345) % 2147483648;
    return seed % n;
  };
  const texts = ['', '\n', 'one line', '---\ntitle: x\n---', '---\ntitle: x\n---\n', '---\r\ntitle: x\r\n---\r\nBody\r\n'];
  for (let t = 0; t < 300; t++) {
    const lines = Array.from({ length: 1 + next(40) }, () => pieces[next(pieces.length)] + ends[next(ends.length)]);
    if (next(3) === 0) lines.unshift('---\n', 'title: Draft\n', '---\n');
    texts.push(lines.join('').slice(0, next(2) === 0 ? undefined : -1));
  }
  for (const text of texts) {
    const lineStarts: number[] = [];
    splitChunks(text, { lineStarts });
    assert.deepEqual(lineStarts, lineStartsOf(text), JSON.stringify(text));
  }
});
