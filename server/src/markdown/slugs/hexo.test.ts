// Hexo anchors. "renderer.js" = hexojs/hexo-renderer-marked lib/renderer.js (heading, anchorId); "README" = its
// option documentation (modifyAnchors, smartypants defaults); "slugize" = hexojs/hexo-util lib/slugize.ts;
// "diacritic" = lib/escape_diacritic.ts; "strip_html" = lib/strip_html.ts.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { smartypants, stripHtmlLikeHexo } from './hexo';
import { runFixtures, type Fixture } from './testing';

const R = 'renderer.js anchorId = slugize(stripHTML(unescape(text)).trim())';
const SL = 'slugize';

const fixtures: Fixture[] = [
  { md: '## Hello World', expected: 'Hello-World', cite: 'README: modifyAnchors 0 (default) keeps the case' },
  { md: '## Hello World', expected: 'hello-world', options: { hexo: { modifyAnchors: 1 } }, cite: 'README: modifyAnchors 1 lowercases' },
  { md: '## Hello World', expected: 'HELLO-WORLD', options: { hexo: { modifyAnchors: 2 } }, cite: 'README: modifyAnchors 2 uppercases' },
  { md: '## 🚀 快速开始', expected: '🚀-快速开始', cite: `${SL}: emoji are not special characters` },
  { md: '## 你好，世界（GPU）', expected: '你好，世界（GPU）', cite: `${SL}: rSpecial is ASCII-only — full-width punctuation stays in the id` },
  { md: '## 安装：CUDA 12.4 与 cuDNN', expected: '安装：CUDA-12-4-与-cuDNN', cite: `${SL}: "." and spaces separate; "：" stays` },
  { md: '## 【注意】事项', expected: '【注意】事项', cite: `${SL}: 【】 stay` },
  { md: '## 你好　世界', expected: '你好-世界', cite: `${SL}: \\s matches U+3000` },
  { md: '## 2024 路线图', expected: '2024-路线图', cite: `${SL}: no digit prefix` },
  { md: '## 1. Intro', expected: '1-Intro', cite: SL },
  { md: '## a - b', expected: 'a-b', cite: `${SL}: separator runs collapse` },
  { md: '## -a-', expected: 'a', cite: `${SL}: leading/trailing separators removed` },
  { md: '## heading with an _ underscore', expected: 'heading-with-an-underscore', cite: `${SL}: "_" is special` },
  { md: '## 100% GPU', expected: '100-GPU', cite: SL },
  { md: '## C++ / CUDA', expected: 'C-CUDA', cite: SL },
  { md: '## I ♥ unicode', expected: 'I-♥-unicode', cite: `${SL}: symbols stay` },
  { md: '## AT&amp;T', expected: 'AT-T', cite: `${R}: marked escapes &, unescape restores it, slugize separates` },
  { md: "## Don't panic", expected: 'Don’t-panic', cite: 'README: smartypants true by default; ’ is not special in slugize' },
  { md: "## Don't panic", expected: 'Don-t-panic', options: { hexo: { smartypants: false } }, cite: `README smartypants false; ${SL}: ' is special` },
  { md: '## A -- B', expected: 'A-–-B', cite: 'smartypants: -- becomes an en dash, which slugize keeps' },
  { md: '## Wait...', expected: 'Wait…', cite: 'smartypants: ... becomes …' },
  { md: '## "Quoted" title', expected: '“Quoted”-title', cite: 'smartypants: typographic double quotes (README quotes “”‘’)' },
  { md: '## `a--b` vs a--b', expected: 'a-b-vs-a–b', cite: 'renderer.js Tokenizer.inlineText: smartypants applies to text, not code spans' },
  { md: '## The `<div>` tag', expected: 'The-tag', cite: `${R}: unescape before stripHTML removes the tag written in code` },
  { md: '## a < b', expected: 'a-b', cite: 'strip_html: "<" followed by a space is text' },
  { md: '## a<b', expected: 'a', cite: 'strip_html: "<b" opens a tag that never closes — the rest is dropped' },
  { md: '## <span>GPU</span> 显存', expected: 'GPU-显存', cite: `${R}: stripHTML keeps the text between tags` },
  { md: '## Setup <!-- todo -->', expected: 'Setup', cite: 'strip_html comment state, then trim' },
  { md: '## ![logo](logo.png) Benchpress', expected: 'Benchpress', cite: `${R}: the <img> is stripped and the text trimmed` },
  { md: '## The `nvidia-smi` command', expected: 'The-nvidia-smi-command', cite: `${R}: code text kept` },
  { md: '## [CUDA](https://developer.nvidia.com) 安装', expected: 'CUDA-安装', cite: `${R}: <a> stripped, text kept` },
  { md: '## Title [ref][goodref]\n\n[goodref]: https://example.com', expected: 'Title-ref', cite: `${R}: reference link text` },
  { md: '## Title [ref][nodef]', expected: 'Title-ref-nodef', cite: 'CommonMark: undefined reference stays text' },
  { md: '## Title {#custom-id}', expected: 'Title-custom-id', cite: 'renderer.js: no {#id} syntax' },
  { md: '## emoji :rocket:', expected: 'emoji-rocket', cite: `${SL}: no emoji plugin; ":" is special` },
  { md: 'Multi\nline\n---', expected: 'Multiline', cite: `${SL}: control characters (the line ending) are removed before separators are made` },
  { md: '## a\n\n## a\n\n## a-1', expected: ['a', 'a-1', 'a-1'], cite: 'renderer.js _headingId: a counter per id; numbered ids are not recorded' },
  { md: '## 概述\n\n## 概述\n\n## 概述', expected: ['概述', '概述-1', '概述-2'], cite: 'renderer.js: id += `-${headingId[id]++}`' },
  { md: '## !!!\n\n## ???', expected: ['', '-1'], cite: 'renderer.js: an empty id counts like any other' },
  { md: '## Résumé', expected: 'Resume', cite: 'diacritic: é → e' },
  { md: '## ＧＰＵ 加速', expected: 'GPU-加速', cite: 'diacritic: full-width Latin letters map to ASCII' },
  { md: '## Ⓐ plan', expected: 'A-plan', cite: 'diacritic: circled letters map to ASCII' },
  { md: '## Œuvre Straße Ørsted', expected: 'OEuvre-Strase-Orsted', cite: 'diacritic: Œ → OE, ß → s, Ø → O' },
  { md: '> ## Quoted\n\n- ## Listed', expected: ['Quoted', 'Listed'], cite: 'renderer.js heading() runs for every heading' },
  { md: '## Title[^a]\n\n[^a]: A note here.', expected: 'Title-a', cite: `${SL}: marked has no footnotes; [ ^ ] are special` },
];

runFixtures('hexo', fixtures);

test('hexo: striptags state machine', () => {
  // hexo-util strip_html.ts behaviour
  assert.equal(stripHtmlLikeHexo('<a title="x>y">t</a>'), 't');
  assert.equal(stripHtmlLikeHexo('a <!-- <b>c</b> --> d'), 'a  d');
  assert.equal(stripHtmlLikeHexo('1 < 2'), '1 < 2');
});

test('hexo: marked smartypants', () => {
  assert.equal(smartypants(`'single' "double" -- --- ...`), '‘single’ “double” – — …');
});
