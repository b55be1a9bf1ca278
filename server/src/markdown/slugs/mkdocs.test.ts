// MkDocs anchors. "toc.py" = Python-Markdown markdown/extensions/toc.py (slugify, slugify_unicode, unique,
// strip_tags, TocTreeprocessor.run); "attr_list.py" = markdown/extensions/attr_list.py; "pymdownx" =
// pymdown-extensions pymdownx/slugs.py and its docs (extras/slugs). python-markdown docs: extensions/toc.
import { runFixtures, type Fixture } from './testing';

const SLUG = 'toc.py slugify';
const UNIQUE = 'toc.py unique';
const RUN = 'toc.py TocTreeprocessor.run';
const ATTR = 'attr_list.py HEADER_RE/get_attrs';
const unicode = { mkdocs: { slugify: 'toc-unicode' as const } };
const pymdownxLower = { mkdocs: { slugify: 'pymdownx' as const, case: 'lower' as const } };

const fixtures: Fixture[] = [
  { md: '## 🚀 快速开始', expected: '_1', cite: `${SLUG}: non-ASCII is dropped, so the slug is empty; ${UNIQUE}: "not id" → "_1"` },
  { md: '## 你好\n\n## 世界\n\n## 概述', expected: ['_1', '_2', '_3'], cite: `${UNIQUE}: empty ids become _1, _2, … (Chinese headings with the default slugify)` },
  { md: '## 你好，世界（GPU）', expected: 'gpu', cite: `${SLUG}: NFKD maps ，（） to ASCII punctuation, which is removed; Han is dropped` },
  { md: '## 安装：CUDA 12.4 与 cuDNN', expected: 'cuda-124-cudnn', cite: `${SLUG}: [-\\s]+ collapses the gap the Han characters leave` },
  { md: '## žlutý kůň', expected: 'zluty-kun', cite: `${SLUG}: "Replace Extended Latin characters with ASCII, i.e. žlutý => zluty"` },
  { md: '## Résumé', expected: 'resume', cite: `${SLUG}: NFKD then ASCII` },
  { md: '## ＧＰＵ 加速', expected: 'gpu', cite: `${SLUG}: NFKD folds full-width letters to ASCII` },
  { md: '## a - b', expected: 'a-b', cite: `${SLUG}: re.sub(r'[-\\s]+', '-')` },
  { md: '## -a-', expected: '-a-', cite: `${SLUG}: strip() removes whitespace only` },
  { md: '## heading with an _ underscore', expected: 'heading-with-an-_-underscore', cite: `${SLUG}: \\w keeps _` },
  { md: "## What's new? (v2.0)", expected: 'whats-new-v20', cite: `${SLUG}: [^\\w\\s-] removed` },
  { md: '## AT&amp;T &copy; 2024', expected: 'att-2024', cite: `${SLUG}: & and © removed, the double space collapses` },
  { md: '## 2024 路线图', expected: '2024', cite: `${SLUG}: no digit prefix rule` },
  { md: '## ...', expected: '_1', cite: `${UNIQUE}: an empty slug gets _1` },
  { md: '## a\n\n## a\n\n## a', expected: ['a', 'a_1', 'a_2'], cite: `${UNIQUE}: append _1, then increment` },
  { md: '## a_1\n\n## a\n\n## a', expected: ['a_1', 'a', 'a_2'], cite: `${UNIQUE}: a → a_1 (taken) → a_2` },
  { md: '## a\n\n## a\n\n## a_1', expected: ['a', 'a_1', 'a_2'], cite: `${UNIQUE}: IDCOUNT_RE — a taken a_1 becomes a_2, not a_1_1` },
  { md: '## _1\n\n## 中文', expected: ['_1', '_2'], cite: `${UNIQUE}: the empty slug's series starts at _1` },
  { md: '## 概述\n\n## 概述', expected: ['_1', '_2'], cite: `${UNIQUE} on empty slugs` },
  { md: '## Intro\n\n## Other {#intro}', expected: ['intro_1', 'intro'], cite: `${RUN}: used_ids collects every id in the document first, including later headings' attr_list ids` },
  { md: '## Title { #custom-id }', expected: 'custom-id', cite: `${ATTR}: "#x" sets the id; ${RUN}: pre-existing ids are not overridden` },
  { md: '## Title {: #custom-id .cls }', expected: 'custom-id', cite: `${ATTR}: optional ":" and classes` },
  { md: '## Title {#a #b}', expected: 'b', cite: `${ATTR}: each "#x" sets id again; the last wins` },
  { md: '## Title {id=x}', expected: 'x', cite: `${ATTR}: key=value form` },
  { md: '## Title{#custom-id}', expected: 'titlecustom-id', cite: `${ATTR}: HEADER_RE needs a space before "{"` },
  { md: '## Title {#custom-id} ##', expected: 'custom-id', cite: `${ATTR}: closing hashes are not part of the text` },
  { md: '## `x` {#code-id}', expected: 'code-id', cite: `${ATTR}: the list is read from the tail after the last child` },
  { md: '## *Title {#id}*', expected: 'title-id', cite: `${ATTR}: inside emphasis it is not the heading's own text` },
  { md: '## Title {#custom-id}', expected: 'title-custom-id', options: { mkdocs: { attrList: false } }, cite: `${SLUG} without attr_list: { # } removed` },
  { md: '## ![logo](logo.png) Benchpress', expected: 'benchpress', cite: `${RUN}: strip_tags removes <img>, then whitespace is collapsed` },
  { md: '## <span>GPU</span> 显存', expected: 'gpu', cite: `toc.py strip_tags keeps text between tags; ${SLUG} drops the Han` },
  { md: '## Setup <!-- todo -->', expected: 'setup', cite: 'toc.py strip_tags: comments first, then whitespace collapse' },
  { md: '## The `nvidia-smi` command', expected: 'the-nvidia-smi-command', cite: `${RUN}: code text is part of the inner HTML` },
  { md: '## [CUDA](https://developer.nvidia.com) Install', expected: 'cuda-install', cite: `${RUN}: link text only` },
  { md: '## Title [ref][goodref]\n\n[goodref]: https://example.com', expected: 'title-ref', cite: `${RUN}: rendered reference link text` },
  { md: '## Title[^1]\n\n[^1]: A note.', expected: 'title', cite: `${RUN}: remove_fnrefs before strip_tags` },
  { md: '## Hello World', expected: 'hello_world', options: { mkdocs: { separator: '_' } }, cite: 'python-markdown docs: toc "separator"' },
  { md: '## 🚀 快速开始', expected: '快速开始', options: unicode, cite: 'toc.py slugify_unicode: Unicode word characters kept, then strip' },
  { md: '## 你好，世界（GPU）', expected: '你好世界gpu', options: unicode, cite: 'toc.py slugify_unicode' },
  { md: '## 安装：CUDA 12.4 与 cuDNN', expected: '安装cuda-124-与-cudnn', options: unicode, cite: 'toc.py slugify_unicode' },
  { md: '## 你好　世界', expected: '你好-世界', options: unicode, cite: 'toc.py slugify_unicode: U+3000 is Python whitespace' },
  { md: '## हिन्दी', expected: 'हनद', options: unicode, cite: "toc.py slugify_unicode: Python's \\w does not match combining marks (vowel signs)" },
  { md: '## 🚀 快速开始', expected: '-快速开始', options: pymdownxLower, cite: 'pymdownx slugify: strip happens before removal, so the emoji leaves a separator' },
  { md: '## 你好，世界（GPU）', expected: '你好世界gpu', options: pymdownxLower, cite: 'pymdownx slugify: RE_INVALID_SLUG_CHAR [^\\w\\- ]' },
  { md: '## a - b', expected: 'a---b', options: pymdownxLower, cite: 'pymdownx slugify: each space becomes the separator, no collapsing' },
  { md: '## a    b', expected: 'a-b', options: pymdownxLower, cite: 'toc.py strip_tags collapses whitespace before any slugify' },
  { md: '## NVIDIA H100', expected: 'NVIDIA-H100', options: { mkdocs: { slugify: 'pymdownx' } }, cite: 'pymdownx docs: case "none" is the default' },
  { md: '## ÀB', expected: 'Àb', options: { mkdocs: { slugify: 'pymdownx', case: 'lower-ascii' } }, cite: 'pymdownx docs: lower-ascii lowercases ASCII only' },
  {
    md: '## 快速开始',
    expected: '%E5%BF%AB%E9%80%9F%E5%BC%80%E5%A7%8B',
    options: { mkdocs: { slugify: 'pymdownx', case: 'lower', percentEncode: true } },
    cite: 'pymdownx docs: percent_encode',
  },
];

runFixtures('mkdocs', fixtures);
