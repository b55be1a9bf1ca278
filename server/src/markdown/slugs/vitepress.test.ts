// VitePress anchors. "slugify.spec" = mdit-vue packages/shared/tests/slugify.spec.ts; "slugify" =
// packages/shared/src/slugify.ts; "markdown.ts" = vuejs/vitepress src/node/markdown/markdown.ts (getTokensText
// skips html_inline and emoji tokens); "anchor" = markdown-it-anchor uniqueSlug; "attrs" = markdown-it-attrs;
// docs: vitepress.dev/guide/markdown ("Header Anchors", "Custom Anchors").
import { runFixtures, type Fixture } from './testing';

const SPEC = 'slugify.spec';
const S = 'slugify';
const M = 'markdown.ts getTokensText';

const fixtures: Fixture[] = [
  { md: '## Привет', expected: 'привет', cite: SPEC },
  { md: '## Лед üäöß', expected: 'лед-uaoß', cite: SPEC },
  { md: '## hangul 가', expected: 'hangul-가'.normalize('NFKD'), cite: `${SPEC} (NFKD splits the Hangul syllable into jamo)` },
  { md: '## ǆℍΩ', expected: 'dzhω', cite: SPEC },
  { md: '## ｶi⁹', expected: 'カi9', cite: SPEC },
  { md: '## ¼', expected: '_1⁄4', cite: `${SPEC}: NFKD then the "_" prefix for a leading digit` },
  { md: '## hambúrguer', expected: 'hamburguer', cite: SPEC },
  { md: '## hŒllœ', expected: 'hœllœ', cite: SPEC },
  { md: '## Fußball', expected: 'fußball', cite: SPEC },
  { md: '## ABCDEFGHIJKLMNOPQRSTUVWXYZé', expected: 'abcdefghijklmnopqrstuvwxyze', cite: SPEC },
  { md: '## 🚀 快速开始', expected: '🚀-快速开始', cite: `${S}: emoji are not special characters (GitHub: -快速开始)` },
  { md: '## 😄 unicode emoji', expected: '😄-unicode-emoji', cite: S },
  { md: '## :rocket: 快速开始', expected: '快速开始', cite: `${M}: the emoji token is skipped; the leading "-" is trimmed` },
  { md: '## 你好，世界（GPU）', expected: '你好-世界-gpu', cite: `${S}: NFKD turns ，（） into ASCII separators` },
  { md: '## 安装：CUDA 12.4 与 cuDNN', expected: '安装-cuda-12-4-与-cudnn', cite: `${S}: ： → ":" and "." are separators` },
  { md: '## 句号。顿号、括号【】', expected: '句号。顿号、括号【】', cite: `${S}: 。、【】 have no decomposition and are not special — kept` },
  { md: '## 「引号」', expected: '「引号」', cite: `${S}: 「」 kept` },
  { md: '## 你好　世界', expected: '你好-世界', cite: `${S}: NFKD maps U+3000 to a space` },
  { md: '## ＧＰＵ 加速', expected: 'gpu-加速', cite: `${S}: NFKD folds full-width letters` },
  { md: '## 2024 路线图', expected: '_2024-路线图', cite: `${S}: "ensure it doesn't start with a number (#121)"` },
  { md: '## 100% GPU', expected: '_100-gpu', cite: `${S}: % is special, then the digit prefix` },
  { md: '## a - b', expected: 'a-b', cite: `${S}: separator runs collapse` },
  { md: '## -a-', expected: 'a', cite: `${S}: leading and trailing separators removed` },
  { md: '## heading with an _ underscore', expected: 'heading-with-an-underscore', cite: `${S}: "_" is special` },
  { md: "## What's new? (v2.0)", expected: 'what-s-new-v2-0', cite: `${S}: ' and . separate words` },
  { md: '## Don’t panic', expected: 'don-t-panic', cite: `${S}: “”‘’ are special` },
  { md: '## en–dash em—dash', expected: 'en–dash-em—dash', cite: `${S}: – and — are not special` },
  { md: '## C++ / CUDA', expected: 'c-cuda', cite: S },
  { md: '## AT&amp;T &copy; 2024', expected: 'at-t-©-2024', cite: `${S}: & separates, © is kept` },
  { md: '## Résumé', expected: 'resume', cite: `${S}: combining marks removed after NFKD` },
  { md: '## 概述\n\n## 概述\n\n## 概述', expected: ['概述', '概述-1', '概述-2'], cite: 'anchor uniqueSlug: startIndex 1' },
  { md: '## a\n\n## a\n\n## a-1', expected: ['a', 'a-1', 'a-1-1'], cite: 'anchor uniqueSlug: every slug is recorded' },
  { md: '## a-1\n\n## a\n\n## a', expected: ['a-1', 'a', 'a-2'], cite: 'anchor uniqueSlug: first free suffix' },
  { md: '## Using custom anchors {#my-anchor}', expected: 'my-anchor', cite: 'docs "Custom Anchors"' },
  { md: '## Custom {#intro}\n\n## Intro', expected: ['intro', 'intro-1'], cite: 'anchor: an existing id is recorded with uniqueSlug' },
  { md: '## Title{#id}', expected: 'id', cite: 'attrs: the list ends the heading text' },
  { md: '## Title {.red}', expected: 'title', cite: 'attrs: the list is removed even without an id' },
  { md: '## Title {#id .red data-x=1}', expected: 'id', cite: 'attrs: #id among other attributes' },
  { md: '## *Title {#id}*', expected: 'title-id', cite: 'attrs: only the last inline token (here em_close) is examined' },
  { md: '## Title {#custom-id}', expected: 'title-custom-id', options: { vitepress: { attrs: false } }, cite: 'VitePress markdown.attrs.disable' },
  { md: '## ![logo *x*](logo.png) Benchpress', expected: 'logo-x-benchpress', cite: `${M}: an image token's content is its raw alt source` },
  { md: '## <span>GPU</span> 显存', expected: 'gpu-显存', cite: `${M}: html_inline skipped` },
  { md: '## Setup <!-- todo -->', expected: 'setup', cite: `${M}: comment skipped; trailing separator trimmed` },
  { md: '## The `nvidia-smi` command', expected: 'the-nvidia-smi-command', cite: `${M}: code_inline content` },
  { md: '## [CUDA](https://developer.nvidia.com) 安装', expected: 'cuda-安装', cite: `${M}: link_open has no content` },
  { md: '## Title [ref][goodref]\n\n[goodref]: https://example.com', expected: 'title-ref', cite: `${M}: reference link text` },
  { md: '## Title [ref][nodef]', expected: 'title-ref-nodef', cite: 'CommonMark: undefined reference stays text; [] are separators' },
  { md: 'Multi\nline\n---', expected: 'multiline', cite: `${M}: softbreak content is ""` },
  { md: '> ## Quoted\n\n- ## Listed', expected: ['quoted', 'listed'], cite: 'markdown-it-anchor: every heading_open' },
  { md: '## Title[^a]\n\n[^a]: A note here.', expected: 'title-a', cite: 'VitePress has no footnote plugin by default: "[^a]" is text, [ ^ ] are special' },
  { md: '## Meeting 12:30:45 :+1:', expected: 'meeting-12-30-45', cite: `${M}: only emoji names are emoji tokens (":+1:" is, ":30:" is not)` },
  { md: '# H1 {id=h2}\n\n## H2', expected: ['h2', 'h2-1'], cite: 'markdown-it-anchor test "partial auto" (an explicit id is recorded; a later explicit duplicate is a build error there)' },
];

runFixtures('vitepress', fixtures);
