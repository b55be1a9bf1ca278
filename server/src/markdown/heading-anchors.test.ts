// One anchor per heading, whoever asks: the document view (built from chunk summaries), one parse of the whole
// text, the preview's heading ids, the contents list and the files a link points into all give the same anchors,
// for every platform.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { corpusFiles } from '../testing/corpus';
import { ANCHOR_STYLES, documentAnchors, type AnchorStyle } from './slugs';
import { parseMarkdown } from './parse';
import { splitChunks } from './chunks';
import { anchorsOfText } from './anchors';
import { checkText } from '../testing/lint-text';
import { renderHtml, decodeEntities } from '../preview/render';
import { contentsList } from '../templates/contents';

const TRICKY = [
  '# 标题\n\n## 🚀 快速开始\n\n## H100 对比 A100\n\n## 🚀 快速开始\n\n## FAQ\n\n## FAQ\n\n## FAQ-1\n',
  '# Doc\n\n## Title [ref][goodref]\n\n## [Shortcut]\n\n## Note[^n] and more[^m]\n\nText[^m] first.\n\n[goodref]: https://example.com\n[shortcut]: https://example.com\n[^n]: n\n[^m]: m\n',
  '# Doc\n\n## 性能 <!-- TODO --> 测试\n\n## ![logo](logo.png) Install `npm i`\n\n## A <span>html</span> b\n\n## Custom {#my-id}\n\n## Attr { #attr-id .cls }\n',
  '---\ntitle: x\n---\n\n# After front matter\n\nSetext\n======\n\n- ## In a list\n\n> ## In a quote\n\n## Don\'t -- panic... "quoted"\n\n## 中文，标点：（括号）【方括号】\n',
  '# A\n\n```\n# not a heading\n```\n\n## B\n\n## b\n\n## B\n\n## Ünïcödé Ça va\n\n## 123 numbers\n\n##\n\n## &amp; entity &copy;\n',
];

// Short corpus files whose headings hold links, code, HTML, images or emoji.
const RICH_HEADING = /^#{1,6} .*(?:[[`<!]|\p{Extended_Pictographic})/mu;
const SAMPLES = [...TRICKY, ...corpusFiles(6, (text) => text.length < 12_000 && RICH_HEADING.test(text)).map((f) => f.text)];
const settings = (style: AnchorStyle) => ({ links: { anchorStyle: style } });

function wholeParseAnchors(text: string, style: AnchorStyle): string[] {
  const first = splitChunks(text)[0];
  const offset = first?.kind === 'frontmatter' ? first.endOffset : 0;
  const body = text.slice(offset);
  return documentAnchors(parseMarkdown(body), style, { source: body });
}

/** The ids the preview gives its h1–h6 elements by source line, without the sanitiser's prefix ('' for none). */
function previewIds(html: string): Map<number, string> {
  const body = html.split('<section data-footnotes')[0]!;
  const ids = new Map<number, string>();
  for (const m of body.matchAll(/<h[1-6]\b([^>]*)>/g)) {
    const line = / data-line="(\d+)"/.exec(m[1]!)?.[1];
    const id = / id="([^"]*)"/.exec(m[1]!)?.[1];
    if (line !== undefined) ids.set(Number(line), id === undefined ? '' : decodeEntities(id).replace(/^user-content-/, ''));
  }
  return ids;
}

for (const style of ANCHOR_STYLES) {
  test(`${style}: the chunked document view, one whole parse, the preview and other files agree on every anchor`, async () => {
    for (const [i, text] of SAMPLES.entries()) {
      const { view } = await checkText(text, { settings: settings(style), rules: ['links/missing-anchor'] });
      assert.ok(view);
      const ids = view.anchors.map((a) => a.id);
      assert.deepEqual(ids, wholeParseAnchors(text, style), `sample ${i}: chunks vs whole parse`);
      const rendered = previewIds(renderHtml(text, { anchors: { style } }).html);
      assert.deepEqual(view.anchors.map((a) => rendered.get(view.lines.positionAt(a.heading.start).line)), ids, `sample ${i}: preview ids`);
      const file = anchorsOfText(text, '/x/other.md', { style });
      assert.deepEqual(file?.headings.map((h) => h.id), ids.filter((id) => id !== ''), `sample ${i}: as another file`);
    }
  });
}

test('the contents list links each heading by its anchor for the platform', async () => {
  const text = '# T\n\n## 目录\n\n- [旧](#旧)\n\n## 🚀 快速开始\n\n## GPU 选型 {#gpu}\n';
  for (const style of ['github', 'vitepress', 'mkdocs'] as const) {
    const { view } = await checkText(text, { settings: settings(style), rules: [] });
    const entries = view!.headings.filter((h) => h.level === 2 && !h.text.includes('目录'));
    const list = contentsList(view!, entries, view!.lists[0]);
    const expected = view!.anchors.filter((a) => entries.includes(a.heading)).map((a) => a.id);
    assert.deepEqual([...list.matchAll(/\]\(#([^)]*)\)/g)].map((m) => m[1]), expected, style);
  }
  const { view } = await checkText(text, { rules: [] });
  assert.match(contentsList(view!, view!.headings.slice(2), view!.lists[0]), /\[快速开始\]\(#-快速开始\)\n- \[GPU 选型 \{#gpu\}\]\(#gpu-选型-gpu\)/);
});

test('a heading rendered alone keeps working when it is far from its definitions (chunk boundaries)', async () => {
  const sections = Array.from({ length: 30 }, (_, i) => `## Part ${i} [ref][r${i % 3}]\n\ntext\n`).join('\n');
  const text = `# T\n\n${sections}\n[r0]: a\n[r1]: b\n[r2]: c\n`;
  const { view } = await checkText(text, { rules: [] });
  assert.deepEqual(view!.anchors.slice(1).map((a) => a.id), Array.from({ length: 30 }, (_, i) => `part-${i}-ref`));
});
