// Hugo anchors. "autoid_test.go" = gohugoio/hugo markup/goldmark/autoid_test.go (whose cases were "generated
// manually on github.com"); "autoid.go" = markup/goldmark/autoid.go; "goldmark" = yuin/goldmark
// parser/atx_heading.go (generateAutoHeadingID uses the heading's last source line; parseLastLineAttributes) and
// parser/attribute.go; Hugo docs: gohugo.io/content-management/markdown-attributes (headings).
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { documentAnchors } from './index';
import { parse, runFixtures, type Fixture } from './testing';

const T = 'autoid_test.go TestSanitizeAnchorName';
const A = 'autoid.go';
const G = 'goldmark generateAutoHeadingID (raw source line)';
const P = 'goldmark parseLastLineAttributes';
const ascii = { hugo: { autoHeadingIDType: 'github-ascii' as const } };
const bf = { hugo: { autoHeadingIDType: 'blackfriday' as const } };

const fixtures: Fixture[] = [
  { md: '## God is good: 神真美好', expected: 'god-is-good-神真美好', cite: T },
  { md: '## Number 32', expected: 'number-32', cite: T },
  { md: '## Question?', expected: 'question', cite: T },
  { md: '## 1+2=3', expected: '123', cite: T },
  { md: '## Special !"#$%&(parens)=?´* chars', expected: 'special-parens-chars', cite: T },
  { md: '## Resumé', expected: 'resumé', cite: T },
  { md: '## One-Hyphen', expected: 'one-hyphen', cite: T },
  { md: '## Multiple--Hyphens', expected: 'multiple--hyphens', cite: T },
  { md: '## Trailing hyphen-', expected: 'trailing-hyphen-', cite: T },
  { md: '## Many   spaces  here', expected: 'many---spaces--here', cite: T },
  { md: '## Forward/slash', expected: 'forwardslash', cite: T },
  { md: '## Backward\\slash', expected: 'backwardslash', cite: T },
  { md: '## Under_score', expected: 'under_score', cite: T },
  { md: '## Nonbreaking\u00a0Space', expected: 'nonbreakingspace', cite: T },
  { md: '## Tab\tSpace', expected: 'tabspace', cite: T },
  { md: '## Trailing Space ', expected: 'trailing-space', cite: `${T} ("Trailing Space ")` },
  { md: '## god is神真美好 good', expected: 'god-is-good', options: ascii, cite: 'autoid_test.go TestSanitizeAnchorNameAsciiOnly' },
  { md: '## Resumé', expected: 'resume', options: ascii, cite: 'autoid_test.go TestSanitizeAnchorNameAsciiOnly' },
  { md: "## Let's try this, shall we?", expected: 'let-s-try-this-shall-we', options: bf, cite: 'autoid_test.go TestSanitizeAnchorNameBlackfriday' },
  { md: '## 🚀 快速开始', expected: '-快速开始', cite: `${A}: the emoji is dropped, its space becomes "-" (same as GitHub)` },
  { md: '## 你好，世界（GPU）', expected: '你好世界gpu', cite: `${A}: only letters, decimal digits, _ and - are kept` },
  { md: '## 你好　世界', expected: '你好世界', cite: `${A}: only ASCII space becomes "-"` },
  { md: '## CUDA 12.4 与 cuDNN', expected: 'cuda-124-与-cudnn', cite: A },
  { md: '## 第１章', expected: '第１章', cite: `${A}: unicode.IsDigit keeps full-width digits` },
  { md: '## Chapter Ⅳ', expected: 'chapter-', cite: `${A}: Ⅳ is a letter number, not IsDigit — dropped, the "-" stays` },
  { md: '## Chapter Ⅳ', expected: 'chapter-ⅳ', options: bf, cite: 'hugo markup/blackfriday SanitizedAnchorName: unicode.IsNumber keeps Ⅳ' },
  { md: '## İstanbul', expected: 'istanbul', cite: `${A}: unicode.ToLower is a simple one-rune mapping (İ → i)` },
  { md: '## [Link](https://x.io) text', expected: 'linkhttpsxio-text', cite: `${G}: the URL is part of the source line` },
  { md: '## Title [ref][goodref]\n\n[goodref]: https://example.com', expected: 'title-refgoodref', cite: `${G}: the reference label too` },
  { md: '## **Bold** text', expected: 'bold-text', cite: `${G}: markup characters are dropped by the slugger` },
  { md: '## The `nvidia-smi` command', expected: 'the-nvidia-smi-command', cite: `${G}: backticks dropped` },
  { md: '## ![logo](logo.png) Benchpress', expected: 'logologopng-benchpress', cite: `${G}: image alt and URL are in the source` },
  { md: '## <span>GPU</span> 显存', expected: 'spangpuspan-显存', cite: `${G}: tag names are in the source` },
  { md: '## Setup <!-- todo -->', expected: 'setup----todo---', cite: `${G}: the comment's dashes and spaces become hyphens` },
  { md: '## AT&amp;T', expected: 'atampt', cite: `${G}: the entity as written` },
  { md: '## :rocket: Launch', expected: 'rocket-launch', cite: `${G}: shortcode letters are kept` },
  { md: '## a \\_b\\_', expected: 'a-_b_', cite: `${G}: backslashes dropped, underscores kept` },
  { md: 'Foo\nbar\n===', expected: 'bar', cite: `${G}: only the last line of a multi-line heading` },
  { md: '## Title {#custom-id}', expected: 'custom-id', cite: `${P}; Hugo docs: heading attributes` },
  { md: '## Title{#custom-id}', expected: 'custom-id', cite: `${P}: no space needed before "{"` },
  { md: '## Title {#custom-id .red}', expected: 'custom-id', cite: `${P}: classes may follow` },
  { md: '## Title {.red}', expected: 'title', cite: `${P}: attributes without an id leave the text to the slugger` },
  { md: '## Title {id="x"}', expected: 'x', cite: 'goldmark parser/attribute.go: key=value form' },
  { md: '## Title {#custom-id}', expected: 'title-custom-id', options: { hugo: { attribute: false } }, cite: 'Hugo markup.goldmark.parser.attribute.title = false' },
  { md: '## Custom {#intro}\n\n## Intro', expected: ['intro', 'intro-1'], cite: 'goldmark Close: pc.IDs().Put(explicit id) before later headings' },
  { md: '## Intro\n\n## Other {#intro}', expected: ['intro', 'intro'], cite: 'goldmark: ids are recorded in document order; an explicit id is not renumbered' },
  { md: '## a\n\n## a\n\n## a-1', expected: ['a', 'a-1', 'a-1-1'], cite: `${A} idFactory.Generate: numbered ids are recorded` },
  { md: '## a-1\n\n## a\n\n## a', expected: ['a-1', 'a', 'a-2'], cite: `${A} idFactory.Generate: first free suffix` },
  { md: '## !!!\n\n## ???', expected: ['heading', 'heading-1'], cite: `${A}: an empty id becomes "heading"` },
  { md: '- ## Listed', expected: 'listed', cite: 'goldmark: ATX headings in list items' },
  { md: '## Title[^a]\n\n[^a]: A note here.', expected: 'titlea', cite: `${G}: the footnote label is in the source line` },
];

runFixtures('hugo', fixtures);

test('hugo: without the document source the rendered text is used', () => {
  const tree = parse('## [Link](https://x.io) text');
  assert.deepEqual(documentAnchors(tree, 'hugo'), ['link-text']);
});
