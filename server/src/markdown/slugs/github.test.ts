// GitHub anchors. "fixtures" = github-slugger test/fixtures.json, whose expectations were read back from
// github.com (script/generate-fixtures.mjs); the other cases apply the same rules to Chinese GPU-article headings.
import { runFixtures, type Fixture } from './testing';

const F = 'github-slugger test/fixtures.json';

const fixtures: Fixture[] = [
  { md: '# alpha\n\n# alpha', expected: ['alpha', 'alpha-1'], cite: `${F}: "Basic usage", "Basic usage (again)"` },
  { md: '# bravoCharlieDelta', expected: 'bravocharliedelta', cite: `${F}: "Camelcase"` },
  { md: '# \\_\\_proto\\_\\_\n\n# \\_\\_proto\\_\\_', expected: ['__proto__', '__proto__-1'], cite: `${F}: "Prototypal injection: proto"` },
  { md: '# hasOwnProperty', expected: 'hasownproperty', cite: `${F}: "Prototypal injection: has own"` },
  {
    md: '# echo\n\n# echo\n\n# echo 1\n\n# echo-1\n\n# echo',
    expected: ['echo', 'echo-1', 'echo-1-1', 'echo-1-2', 'echo-2'],
    cite: `${F}: "Repetition (1)"–"(5)" — numbered forms count as taken`,
  },
  { md: '# foxtrot-1\n\n# foxtrot\n\n# foxtrot', expected: ['foxtrot-1', 'foxtrot', 'foxtrot-2'], cite: `${F}: "More repetition (1)"–"(3)"` },
  { md: '# golf\n\n# golf\n\n# golf', expected: ['golf', 'golf-1', 'golf-2'], cite: `${F}: "Some more duplicates"` },
  { md: '# heading with a - dash', expected: 'heading-with-a---dash', cite: `${F}: "Characters: dash" — no collapsing` },
  { md: '# heading with an _ underscore', expected: 'heading-with-an-_-underscore', cite: `${F}: "Characters: underscore"` },
  { md: '# heading with a period.txt', expected: 'heading-with-a-periodtxt', cite: `${F}: "Characters: dot"` },
  {
    md: '# exchange.bind_headers(exchange, routing [, bindCallback])',
    expected: 'exchangebind_headersexchange-routing--bindcallback',
    cite: `${F}: "Characters: dots, parents, brackets"`,
  },
  { md: '# &#x20;a&#x20;\n\n# -a-', expected: ['-a-', '-a--1'], cite: `${F}: "initial and final spaces", "initial and final dashes" — not trimmed` },
  { md: '# apostrophe’s should be trimmed', expected: 'apostrophes-should-be-trimmed', cite: `${F}: "Characters: apostrophe"` },
  { md: '# I ♥ unicode', expected: 'i--unicode', cite: `${F}: "Non-ascii: ♥"` },
  { md: '# en–dash', expected: 'endash', cite: `${F}: "Non-ascii: –" (Pd other than "-" is removed)` },
  { md: '# 😄 unicode emoji', expected: '-unicode-emoji', cite: `${F}: "Non-ascii: 😄"` },
  { md: '# 😄-😄 unicode emoji', expected: '--unicode-emoji', cite: `${F}: "Non-ascii: 😄-😄"` },
  { md: '# :smile: - a gemoji', expected: 'smile---a-gemoji', cite: `${F}: "Non-ascii: :smile:" — shortcodes are still text when the id is made` },
  {
    md: '# :ok_hand::hatched_chick: Two in a row with no spaces',
    expected: 'ok_handhatched_chick-two-in-a-row-with-no-spaces',
    cite: `${F}: "Gemoji (3)"`,
  },
  { md: '# Привет non-latin 你好', expected: 'привет-non-latin-你好', cite: `${F}: "Non-ascii: Cyrillic + Han"` },
  { md: '## 🚀 快速开始', expected: '-快速开始', cite: `issue 15 + ${F}: "Non-ascii: 😄" — the emoji goes, its space becomes "-"` },
  { md: '## 你好，世界（GPU）', expected: '你好世界gpu', cite: `${F}: "Punctuation", "Open_Punctuation" — full-width punctuation removed` },
  { md: '## 安装：CUDA 12.4 与 cuDNN', expected: '安装cuda-124-与-cudnn', cite: `${F}: "Punctuation" (：and . removed), "Letter" (Han kept)` },
  { md: "## What's new? (v2.0)", expected: 'whats-new-v20', cite: `${F}: "Characters: apostrophe", "dots, parents, brackets"` },
  { md: '## 你好　世界', expected: '你好世界', cite: `${F}: "Space_Separator" — only U+0020 becomes "-", U+3000 is removed` },
  { md: '## ＧＰＵ 加速 第１章', expected: 'ｇｐｕ-加速-第１章', cite: `${F}: "Cased_Letter" (Ｉ→ｉ kept full-width), "Decimal_Number" (０ kept)` },
  { md: '## 概述\n\n## 概述\n\n## 概述', expected: ['概述', '概述-1', '概述-2'], cite: `${F}: "Some more duplicates"` },
  { md: '## The `nvidia-smi` command', expected: 'the-nvidia-smi-command', cite: 'GitHub renders code spans as <code>, whose text counts (markdownlint MD051 keeps codeTextData)' },
  { md: '## `cudaMalloc()` 返回值', expected: 'cudamalloc-返回值', cite: `code text + ${F}: "Punctuation"` },
  { md: '## [CUDA](https://developer.nvidia.com) 安装', expected: 'cuda-安装', cite: 'link text is the rendered text; the destination is an attribute (MD051 excludes "resource")' },
  {
    md: '## Title [ref][goodref]\n\n[goodref]: https://example.com',
    expected: 'title-ref',
    cite: 'issue 15: a reference link renders its text, never its label (MD051 excludes "reference")',
  },
  { md: '## Title [ref][nodef]', expected: 'title-refnodef', cite: 'CommonMark: an undefined reference stays literal text; brackets are punctuation' },
  { md: '## See [GPU][]\n\n[gpu]: https://example.com', expected: 'see-gpu', cite: 'collapsed reference link renders its text' },
  { md: '## ![logo](logo.png) Benchpress', expected: '-benchpress', cite: 'an <img> has no text content (MD051 childrenExclude "image"): alt text is not in the anchor' },
  { md: '## ![badge][b] Status\n\n[b]: https://example.com/b.svg', expected: '-status', cite: 'image references render as <img> too' },
  { md: '## <span>GPU</span> 显存', expected: 'gpu-显存', cite: 'HTML tags are dropped from the text content, their text stays' },
  { md: '## Setup <!-- todo -->', expected: 'setup-', cite: `${F}: "Characters: final space" — the space before the comment stays` },
  { md: '## <a name="perf"></a>Performance', expected: 'performance', cite: 'an empty <a> adds no text' },
  { md: '## Title {#custom-id}', expected: 'title-custom-id', cite: 'GitHub has no explicit-id syntax; braces and # are punctuation' },
  { md: '## **Bold** and *italic* ~~old~~', expected: 'bold-and-italic-old', cite: 'emphasis/strong/del keep their text' },
  { md: '## A100_80GB vs H100', expected: 'a100_80gb-vs-h100', cite: `${F}: "Connector_Punctuation" (_ kept)` },
  { md: '## AT&amp;T &copy; 2024', expected: 'att--2024', cite: `${F}: "Other_Symbol" (© removed); entities are decoded text` },
  { md: '## \\*not emphasis\\*', expected: 'not-emphasis', cite: 'backslash escapes render as the character, which is punctuation' },
  { md: 'Multi\nline\n---', expected: 'multiline', cite: `${F}: "Control" — the line ending in the text content is removed` },
  { md: 'Foo\\\nbar\n===', expected: 'foobar', cite: 'a hard break is <br> plus a line ending: no text' },
  { md: '> ## Quoted\n\n- ## Listed', expected: ['quoted', 'listed'], cite: 'headings in block quotes and lists get anchors too' },
  { md: '## Closing ##', expected: 'closing', cite: 'CommonMark: the closing sequence is not content' },
  { md: '## See https://example.com', expected: 'see-httpsexamplecom', cite: 'GFM autolink literal: the link text is the URL' },
];

runFixtures('github', fixtures);
