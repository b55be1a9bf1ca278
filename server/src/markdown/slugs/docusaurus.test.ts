// Docusaurus anchors. "headings test" = facebook/docusaurus packages/docusaurus-mdx-loader/src/remark/headings/
// __tests__/index.test.ts; "parse test" = packages/docusaurus-utils/src/__tests__/markdownHeadingIdUtils.test.ts
// (parseMarkdownHeadingId); "plugin" = src/remark/headings/index.ts; docs: docusaurus.io/docs/markdown-features/toc.
import { runFixtures, type Fixture } from './testing';

const H = 'headings test';
const P = 'parse test';
const PL = 'plugin';

const fixtures: Fixture[] = [
  { md: '## I ♥ unicode', expected: 'i--unicode', cite: `${H}: "should create GitHub-style headings ids"` },
  { md: '## Dash-dash', expected: 'dash-dash', cite: `${H}: GitHub-style ids` },
  { md: '## en–dash', expected: 'endash', cite: `${H}: GitHub-style ids` },
  { md: '## 😄 unicode emoji', expected: '-unicode-emoji', cite: `${H}: GitHub-style ids` },
  { md: '## 😄_😄 unicode emoji', expected: '_-unicode-emoji', cite: `${H}: GitHub-style ids` },
  { md: '##\n\n## ', expected: ['', '-1'], cite: `${H}: empty headings get "" then "-1"` },
  { md: '##     Initial spaces', expected: 'initial-spaces', cite: `${H}: "Initial spaces"` },
  { md: '## Duplicate\n\n## Duplicate', expected: ['duplicate', 'duplicate-1'], cite: `${H}: "Duplicate"` },
  { md: '## :ok_hand: Single', expected: 'ok_hand-single', cite: `${H}: gemoji shortcodes are text` },
  { md: '# <span class="normal-header">Normal</span>', expected: 'normal', cite: `${H}: "should generate id from only text contents of headings if they contains HTML tags"` },
  {
    md: [
      '# Heading One {#custom_h1}',
      '## Heading Two {#custom-heading-two}',
      '# With *Bold* {#custom-withbold}',
      '# With *Bold* hello{#custom-withbold-hello}',
      '# With *Bold* hello2 {#custom-withbold-hello2}',
      '# Snake-cased ID {#this_is_custom_id}',
      '# No custom ID',
      '# {#id-only}',
      '# {#text-after} custom ID',
    ].join('\n\n'),
    expected: [
      'custom_h1',
      'custom-heading-two',
      'custom-withbold',
      'custom-withbold-hello',
      'custom-withbold-hello2',
      'this_is_custom_id',
      'no-custom-id',
      'id-only',
      'text-after-custom-id',
    ],
    cite: `${H}: "should create custom headings ids"`,
  },
  { md: '## Some heading {#id1} {#id2}', expected: 'id2', cite: `${P}: "can parse heading with multiple id"` },
  { md: '## Some heading [facebook](https://facebook.com) {#id}', expected: 'id', cite: `${P}: "can parse heading with link and id"` },
  { md: '## a {#你好}', expected: '你好', cite: `${P}: "can parse id with more characters"` },
  { md: '## a {#2022.1.1}', expected: '2022.1.1', cite: `${P}: "can parse id with more characters"` },
  { md: '## a {#a#b}', expected: 'a#b', cite: `${P}: "can parse id with more characters"` },
  { md: '## a {#}', expected: 'a-', cite: `${P}: "does not parse empty id" — the text is slugged` },
  { md: '## a {#b{cd}', expected: 'b{cd', cite: `${P}: "handles unmatched boundaries"` },
  { md: '## a {#bcd}}', expected: 'a-bcd', cite: `${P}: "handles unmatched boundaries" — not an id` },
  { md: '## Title {#Custom_ID}', expected: 'Custom_ID', cite: `${PL}: an explicit id is used as written` },
  { md: '## Title { #spaced }', expected: 'title--spaced-', cite: `${P}: the regex needs "{#" — otherwise GitHub slugging` },
  { md: '## Intro {#setup}\n\n## Setup', expected: ['setup', 'setup'], cite: `${PL}: explicit ids are not recorded in the slugger, so they can collide` },
  { md: '## Setup\n\n## Intro {#setup}', expected: ['setup', 'setup'], cite: `${PL}: nor checked against earlier ids` },
  { md: '## `{#x}` text', expected: 'x-text', cite: `${PL}: the id must end the text — here it does not` },
  { md: '## text `{#x}`', expected: 'x', cite: `${PL}: toString includes code, so an id inside a code span at the end still counts` },
  { md: '## getDataFromAPI()', expected: 'getDataFromAPI', options: { docusaurus: { maintainCase: true } }, cite: `${P} (writeMarkdownHeadingId): "maintains casing"; option markdown.anchors.maintainCase` },
  { md: '## NVIDIA H100', expected: 'nvidia-h100', cite: 'github-slugger: lowercase by default' },
  { md: '## 🚀 快速开始', expected: '-快速开始', cite: 'github-slugger (fixtures "Non-ascii: 😄")' },
  { md: '## 你好，世界（GPU）', expected: '你好世界gpu', cite: 'github-slugger: full-width punctuation removed' },
  { md: '## 安装：CUDA 12.4 与 cuDNN', expected: '安装cuda-124-与-cudnn', cite: 'github-slugger' },
  { md: '## 你好　世界', expected: '你好世界', cite: 'github-slugger fixtures "Space_Separator"' },
  { md: '## 概述\n\n## 概述\n\n## 概述', expected: ['概述', '概述-1', '概述-2'], cite: 'github-slugger occurrences' },
  { md: '## ![logo](logo.png) Benchpress', expected: 'logo-benchpress', cite: `${PL}: mdast-util-to-string includes image alt (GitHub: -benchpress)` },
  { md: '## ![badge][b] Status\n\n[b]: https://example.com/b.svg', expected: 'badge-status', cite: `${PL}: to-string includes imageReference alt` },
  { md: '## [<b>GPU</b>](https://example.com) 显存', expected: 'bgpub-显存', cite: `${PL}: only top-level html nodes are filtered; nested html values stay in toString` },
  { md: '## <a id="x"></a>', expected: 'a-idxa', cite: `${PL}: "headingTextNodes.length > 0 ? … : headingNode" — all-html headings use the html` },
  { md: '## Setup <!-- todo -->', expected: 'setup-', cite: `${PL}: the comment is filtered, the space before it stays` },
  { md: '## The `nvidia-smi` command', expected: 'the-nvidia-smi-command', cite: `${PL}: to-string includes code` },
  { md: '## Title [ref][goodref]\n\n[goodref]: https://example.com', expected: 'title-ref', cite: `${PL}: to-string of a linkReference is its text` },
  { md: '## Title [ref][nodef]', expected: 'title-refnodef', cite: 'CommonMark: undefined reference is literal text' },
  { md: '## **Bold** and *italic* ~~old~~', expected: 'bold-and-italic-old', cite: `${PL}: to-string` },
  { md: '## AT&amp;T &copy; 2024', expected: 'att--2024', cite: 'github-slugger: & and © removed' },
  { md: 'Multi\nline\n---', expected: 'multiline', cite: 'github-slugger: the line ending is a control character' },
  { md: '## :rocket: Launch', expected: 'rocket-launch', cite: `${H}: shortcodes are text` },
  { md: '## Title[^a]\n\n[^a]: A note here.', expected: 'title', cite: `${PL}: mdast-util-to-string gives nothing for a footnoteReference` },
];

runFixtures('docusaurus', fixtures);
