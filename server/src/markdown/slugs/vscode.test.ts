// VS Code anchors. "slugify.ts" = microsoft/vscode-markdown-languageservice src/slugify.ts (githubSlugifier,
// createBuilder); "toc" = src/tableOfContents.ts (#getHeaderTitleAsPlainText / #tokenToPlainText).
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { fragmentMatches } from './index';
import { runFixtures, type Fixture } from './testing';

const S = 'slugify.ts fromHeading';
const B = 'slugify.ts createBuilder';
const T = 'toc plain text';

const fixtures: Fixture[] = [
  { md: '## 🚀 快速开始', expected: '🚀-快速开始', cite: `${S}: emoji are not in the removed set (GitHub gives -快速开始)` },
  { md: '## 😄 unicode emoji', expected: '😄-unicode-emoji', cite: `${S}: only the listed punctuators are removed` },
  { md: '## I ♥ unicode', expected: 'i-♥-unicode', cite: `${S}: symbols are kept` },
  { md: '## 你好，世界（GPU）', expected: '你好世界gpu', cite: `${S}: ，（） are in the CJK punctuator list` },
  { md: '## 安装：CUDA 12.4 与 cuDNN', expected: '安装cuda-124-与-cudnn', cite: `${S}: ：and . removed after hyphenation` },
  { md: '## 《书名》与「引号」', expected: '书名与引号', cite: `${S}: 《》「」 listed` },
  { md: '## 【注意】事项', expected: '注意事项', cite: `${S}: 【】 listed` },
  { md: '## ～波浪～', expected: '波浪', cite: `${S}: ～ listed` },
  { md: '## · 点', expected: '点', cite: `${S}: · removed, then the leading "-" is stripped` },
  { md: '## 人々', expected: '人', cite: `${S}: 々 (an iteration mark, a letter) is in the list and removed` },
  { md: '## 你好　世界', expected: '你好-世界', cite: `${S}: \\s+ includes U+3000 (GitHub removes it)` },
  { md: '## a - b', expected: 'a---b', cite: `${S}: each whitespace run becomes "-", hyphens are not collapsed` },
  { md: '## a    b', expected: 'a-b', cite: `${S}: replace(/\\s+/g, '-')` },
  { md: '## a & b', expected: 'a--b', cite: `${S}: removal happens after hyphenation` },
  { md: '## -a-', expected: 'a', cite: `${S}: leading and trailing "-" removed (GitHub keeps them)` },
  { md: '## heading with an _ underscore', expected: 'heading-with-an-_-underscore', cite: `${S}: current list has no "_" (older releases removed it)` },
  { md: '## en–dash em—dash', expected: 'en–dash-emdash', cite: `${S}: — is listed, – is not` },
  { md: '## apostrophe’s', expected: 'apostrophes', cite: `${S}: ’ listed` },
  { md: "## What's new? (v2.0)", expected: 'whats-new-v20', cite: `${S}: ASCII punctuators` },
  {
    md: '## exchange.bind_headers(exchange, routing [, bindCallback])',
    expected: 'exchangebind_headersexchange-routing--bindcallback',
    cite: `${S} (same result as github-slugger fixtures "dots, parents, brackets")`,
  },
  { md: '## 100% GPU', expected: '100-gpu', cite: `${S}: % listed` },
  { md: '## C++ / CUDA', expected: 'c--cuda', cite: `${S}: + and / listed` },
  { md: '## AT&amp;T &copy; 2024', expected: 'att-©-2024', cite: `${S}: & removed, © kept` },
  { md: '## NVIDIA H100', expected: 'nvidia-h100', cite: `${S}: toLowerCase` },
  { md: '## ＧＰＵ 加速', expected: 'ｇｐｕ-加速', cite: `${S}: toLowerCase maps full-width letters` },
  { md: '## Résumé Ωmega', expected: 'résumé-ωmega', cite: `${S}: letters kept, lowercased` },
  { md: '## :rocket: Launch', expected: 'rocket-launch', cite: `${T}: no emoji plugin in VS Code's markdown-it; ":" is listed` },
  { md: '## 概述\n\n## 概述\n\n## 概述', expected: ['概述', '概述-1', '概述-2'], cite: `${B}: fromHeading(slug + '-' + count)` },
  { md: '## a\n\n## a\n\n## a-1', expected: ['a', 'a-1', 'a-1'], cite: `${B}: numbered slugs are not recorded` },
  { md: '## !!!\n\n## ???', expected: ['', '1'], cite: `${B}: the repeat of an empty slug is fromHeading('-1') = '1'` },
  { md: '## The `nvidia-smi` command', expected: 'the-nvidia-smi-command', cite: `${T}: code_inline content` },
  { md: '## `cudaMalloc()` 返回值', expected: 'cudamalloc-返回值', cite: `${T} + ${S}` },
  { md: '## [CUDA](https://developer.nvidia.com) 安装', expected: 'cuda-安装', cite: `${T}: link_open has no content, the text token does` },
  { md: '## Title [ref][goodref]\n\n[goodref]: https://example.com', expected: 'title-ref', cite: `${T}: reference links render their text` },
  { md: '## Title [ref][nodef]', expected: 'title-refnodef', cite: 'CommonMark: undefined reference is text; [] listed' },
  { md: '## ![logo](logo.png) Benchpress', expected: 'logo-benchpress', cite: `${T}: an image token's children (its alt) are included (GitHub: -benchpress)` },
  { md: '## ![badge][b] Status\n\n[b]: https://example.com/b.svg', expected: 'badge-status', cite: `${T}: image reference alt included` },
  { md: '## <span>GPU</span> 显存', expected: 'gpu-显存', cite: `${T}: html_inline gives nothing, the text between tags counts` },
  { md: '## Setup <!-- todo -->', expected: 'setup', cite: `${T}: .trim() after joining` },
  { md: '## Title {#custom-id}', expected: 'title-custom-id', cite: `${S}: no explicit ids; { # } are listed` },
  { md: '## **Bold** and *italic* ~~old~~', expected: 'bold-and-italic-old', cite: `${T}: recursion into children` },
  { md: 'Multi\nline\n---', expected: 'multiline', cite: `${T}: softbreak tokens give ""` },
  { md: 'Foo\\\nbar\n===', expected: 'foobar', cite: `${T}: hardbreak tokens give ""` },
  { md: '> ## Quoted\n\n- ## Listed', expected: ['quoted', 'listed'], cite: `${T}: every heading_open token` },
  { md: '## Title[^1]\n\n[^1]: A note here.', expected: 'title1', cite: `${T}: no footnote plugin — "[^1]" is text; [ ^ ] are listed` },
];

runFixtures('vscode', fixtures);

test('vscode: link validation slugifies the fragment and ignores case', () => {
  // tableOfContents.ts lookup(fragment) = entries.find(e => e.slug.equals(fromHeading(fragment))); GithubSlug.equals lowercases.
  assert.equal(fragmentMatches('Foo Bar', 'foo-bar', 'vscode'), true);
  assert.equal(fragmentMatches('FOO-BAR', 'foo-bar', 'vscode'), true);
  assert.equal(fragmentMatches('%E5%BF%AB%E9%80%9F%E5%BC%80%E5%A7%8B', '快速开始', 'vscode'), true);
  assert.equal(fragmentMatches('foo-baz', 'foo-bar', 'vscode'), false);
  // A browser does neither.
  assert.equal(fragmentMatches('Foo-Bar', 'foo-bar', 'github'), false);
});
