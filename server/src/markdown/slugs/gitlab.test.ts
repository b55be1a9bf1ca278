// GitLab anchors. "docs" = docs.gitlab.com/user/markdown "Heading IDs and links"; "string_to_anchor" =
// gitlab-org/gitlab lib/gitlab/utils/markdown.rb; "TOC filter" = lib/banzai/filter/table_of_contents_filter.rb.
import { runFixtures, type Fixture } from './testing';

const S = 'string_to_anchor';
const T = 'TOC filter';

const fixtures: Fixture[] = [
  {
    md: [
      '# This heading has spaces in it',
      '## This heading has a [link](https://example.com)',
      '## This heading has spaces in it',
      '### This heading has spaces in it',
      '## This heading has 3.5 in it (and parentheses)',
      '## This heading has  multiple spaces and --- hyphens',
    ].join('\n\n'),
    expected: [
      'this-heading-has-spaces-in-it',
      'this-heading-has-a-link',
      'this-heading-has-spaces-in-it-1',
      'this-heading-has-spaces-in-it-2',
      'this-heading-has-35-in-it-and-parentheses',
      'this-heading-has-multiple-spaces-and-hyphens',
    ],
    cite: 'docs: the "Heading IDs and links" example',
  },
  { md: '## a - b', expected: 'a-b', cite: `${S}: squeeze('-') — GitHub would give a---b` },
  { md: '## a    b', expected: 'a-b', cite: `${S}: tr + squeeze collapse repeated spaces` },
  { md: '## -a-', expected: '-a-', cite: `${S}: squeeze does not trim hyphens` },
  { md: '## --a--', expected: '-a-', cite: `${S}: squeeze('-')` },
  { md: '## 123', expected: 'anchor-123', cite: `${S}: gsub(/\\A(\\d+)\\z/, 'anchor-\\1') — digit-only ids clash with issue refs` },
  { md: '## 2024\n\n## 2024', expected: ['anchor-2024', 'anchor-2024-1'], cite: `${S} + ${T} counter` },
  { md: '## 12.4', expected: 'anchor-124', cite: `${S}: the dot is removed first, then the id is digits only` },
  { md: '## 123\n\n## anchor-123', expected: ['anchor-123', 'anchor-123-1'], cite: `${T}: the counter is keyed by the final id` },
  { md: '## v12', expected: 'v12', cite: `${S}: only all-digit ids are prefixed` },
  { md: '## a\n\n## a\n\n## a-1', expected: ['a', 'a-1', 'a-1'], cite: `${T}: headers[id] += 1 — numbered ids are not recorded, so they can repeat` },
  { md: '## 概述\n\n## 概述\n\n## 概述', expected: ['概述', '概述-1', '概述-2'], cite: `${T}: uniq = "-#{headers[id]}"` },
  { md: '## Terrible Bugs :scream_cat:', expected: 'terrible-bugs-scream_cat', cite: 'gitlab-org/gitlab issue 299481: the TOC filter runs before emoji are rendered' },
  { md: '## :rocket: 快速开始', expected: 'rocket-快速开始', cite: 'issue 299481: shortcodes stay in the id' },
  { md: '## 🚀 快速开始', expected: '-快速开始', cite: `${S}: strip runs before the emoji is removed, so its space stays` },
  { md: '## 你好，世界（GPU）', expected: '你好世界gpu', cite: `${S}: PUNCTUATION_REGEXP [^\\p{Word}\\- ] removes full-width punctuation` },
  { md: '## 安装：CUDA 12.4 与 cuDNN', expected: '安装cuda-124-与-cudnn', cite: `${S}: downcase + PUNCTUATION_REGEXP` },
  { md: '## 你好　世界', expected: '你好世界', cite: `${S}: U+3000 is not " ", so it is removed` },
  { md: '## ＧＰＵ 加速', expected: 'ｇｐｕ-加速', cite: `${S}: full-width letters are \\p{Word}; downcase maps them` },
  { md: "## What's new? (v2.0)", expected: 'whats-new-v20', cite: `${S}: PUNCTUATION_REGEXP` },
  { md: '## A–B', expected: 'ab', cite: `${S}: an en dash is not "-"` },
  { md: '## Résumé', expected: 'résumé', cite: `${S}: letters with accents are \\p{Word}` },
  { md: '## Ωmega', expected: 'ωmega', cite: `${S}: Unicode downcase` },
  { md: '## NVIDIA H100', expected: 'nvidia-h100', cite: `${S}: downcase` },
  { md: '## A100_80GB vs H100', expected: 'a100_80gb-vs-h100', cite: `${S}: \\p{Word} includes connector punctuation` },
  { md: '## 1. Introduction', expected: '1-introduction', cite: `${S}: the id is not digits only` },
  { md: '## The `nvidia-smi` command', expected: 'the-nvidia-smi-command', cite: `${T}: node.text includes code text` },
  { md: '## [CUDA](https://developer.nvidia.com) 安装', expected: 'cuda-安装', cite: `${T}: node.text — link text only` },
  { md: '## Title [ref][goodref]\n\n[goodref]: https://example.com', expected: 'title-ref', cite: `${T}: a reference link renders its text, not its label` },
  { md: '## Title [ref][nodef]', expected: 'title-refnodef', cite: 'CommonMark: undefined reference stays text; brackets removed' },
  { md: '## ![logo](logo.png) Benchpress', expected: 'benchpress', cite: `${S}: strip — the space left by the image is trimmed (GitHub keeps it: -benchpress)` },
  { md: '## <span>GPU</span> 显存', expected: 'gpu-显存', cite: 'docs: HTML is removed; node.text keeps the text inside tags' },
  { md: '## Setup <!-- todo -->', expected: 'setup', cite: `${S}: strip removes the space before the comment (GitHub: setup-)` },
  { md: '## a&#x20;', expected: 'a', cite: `${S}: strip (GitHub keeps a trailing "-")` },
  { md: '## Title {#custom-id}', expected: 'title-custom-id', cite: 'GitLab has no explicit heading-id syntax' },
  { md: '## **Bold** and *italic* ~~old~~', expected: 'bold-and-italic-old', cite: `${T}: node.text` },
  { md: '## AT&amp;T', expected: 'att', cite: `${S}: & is not \\p{Word}` },
  { md: '## \\*not\\*', expected: 'not', cite: `${S}: the escaped * renders as *, which is removed` },
  { md: 'Multi\nline\n---', expected: 'multiline', cite: `${S}: a line ending is not " " and is removed` },
  { md: '## a\tb', expected: 'ab', cite: `${S}: only U+0020 becomes "-"; a tab is removed` },
  { md: '> ## Quoted\n\n- ## Listed', expected: ['quoted', 'listed'], cite: `${T}: every h1–h6 in the document` },
  { md: '#\n\n## Next', expected: ['', 'next'], cite: `${T}: "if header_content = node.children.first" — an empty heading gets no anchor` },
  { md: '## See https://example.com', expected: 'see-httpsexamplecom', cite: `${T}: autolinked URL is the link text` },
  { md: '## Title[^a]\n\n[^a]: A note here.', expected: 'title1', cite: `${T}: node.text includes the rendered footnote number` },
];

runFixtures('gitlab', fixtures);
