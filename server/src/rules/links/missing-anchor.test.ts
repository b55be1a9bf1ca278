// links/missing-anchor: fragments are matched as the reader's browser matches them on the workspace's platform.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { findingsOf } from '../../testing/lint-text';
import { applyEdits } from '../../markdown/edits';
import type { Finding } from '../../base/types';

const RULE = 'links/missing-anchor';
const anchors = (text: string, options: Parameters<typeof findingsOf>[2] = {}) => findingsOf(RULE, text, { rules: [RULE], ...options });
const fixed = (text: string, finding: Finding) => applyEdits(text, finding.fixes![0]!.edits).text;

test('issue 15: a link that drops the hyphen a leading emoji leaves is reported, with a safe fix to the exact anchor', async () => {
  const text = '## 🚀 快速开始\n\n[开始](#快速开始) [编码](#%E5%BF%AB%E9%80%9F%E5%BC%80%E5%A7%8B)\n';
  const found = await anchors(text);
  assert.equal(found.length, 2);
  assert.match(found[0]!.message, /#快速开始 is not the anchor GitHub gives that heading: it is #-快速开始/);
  assert.equal(found[0]!.fixes![0]!.safe, true);
  assert.equal(fixed(text, found[0]!), '## 🚀 快速开始\n\n[开始](#-快速开始) [编码](#%E5%BF%AB%E9%80%9F%E5%BC%80%E5%A7%8B)\n');
  // The percent-encoded link is decoded first, and its fix stays percent-encoded.
  assert.match(found[1]!.message, /#快速开始 is not the anchor/);
  assert.equal(fixed(text, found[1]!), '## 🚀 快速开始\n\n[开始](#快速开始) [编码](#-%E5%BF%AB%E9%80%9F%E5%BC%80%E5%A7%8B)\n');
  // The exact anchor, written raw or percent-encoded, is fine.
  assert.deepEqual(await anchors('## 🚀 快速开始\n\n[a](#-快速开始) [b](#-%E5%BF%AB%E9%80%9F%E5%BC%80%E5%A7%8B)\n'), []);
});

test('a fragment that differs only in case is reported (browsers compare exactly), with a fix', async () => {
  const text = '## H100 对比 A100\n\n见[对比](#H100-对比-a100)。\n';
  const [finding, ...rest] = await anchors(text);
  assert.equal(rest.length, 0);
  assert.match(finding!.message, /#H100-对比-a100 differs from the anchor #h100-对比-a100 in case/);
  assert.deepEqual(finding!.data, { anchor: 'h100-对比-a100', kind: 'case' });
  assert.equal(fixed(text, finding!), '## H100 对比 A100\n\n见[对比](#h100-对比-a100)。\n');
  assert.deepEqual(await anchors('## H100 对比 A100\n\n见[对比](#h100-对比-a100)。\n'), []);
});

test('anchors come from the heading as rendered: comments, reference labels and image alt do not count', async () => {
  const text = [
    '# Doc',
    '',
    '## Title [ref][goodref]',
    '',
    '## 性能 <!-- TODO: 补数据 --> 测试',
    '',
    '## ![logo](logo.png) Install',
    '',
    '## Setup[^1]',
    '',
    '[a](#title-ref) [b](#性能--测试) [c](#-install) [d](#setup1)',
    '',
    '[goodref]: https://example.com',
    '[^1]: A note.',
    '',
  ].join('\n');
  assert.deepEqual((await anchors(text)).map((f) => f.message), []);
  // Plain text (mdast-util-to-string) would have given these, which no renderer makes.
  const wrong = await anchors(text.replace('[a](#title-ref) [b](#性能--测试) [c](#-install) [d](#setup1)', '[a](#title-refgoodref) [b](#性能-todo-补数据-测试) [c](#logo-install)'));
  assert.equal(wrong.length, 3);
});

test('HTML anchors: id on any element, name only on <a>; ids inside comments do not count', async () => {
  const text = '# T\n\n<a name="legacy"></a>\n<span id="spec-table">x</span>\n<div name="not-a-target">y</div>\n<!-- <a id="commented"></a> -->\n\n[1](#legacy) [2](#spec-table) [3](#not-a-target) [4](#commented)\n';
  const found = await anchors(text);
  assert.deepEqual(found.map((f) => /#(\S+?)[ ;.]/.exec(f.message)?.[1]), ['not-a-target', 'commented']);
});

test('links into another file are matched exactly too, with a fix to the exact anchor', async () => {
  const files = { 'other.md': '# Other\n\n## 🔥 H100 对比\n\n## Setup\n' };
  const text = '# T\n\n[a](other.md#H100-对比) [b](./other.md#-h100-对比) [c](other.md#setup) [d](other.md#gone)\n';
  const found = await anchors(text, { files });
  assert.equal(found.length, 2);
  assert.match(found[0]!.message, /#H100-对比 is not the anchor GitHub gives that heading in that file: it is #-h100-对比/);
  assert.equal(fixed(text, found[0]!), text.replace('other.md#H100-对比', 'other.md#-h100-对比'));
  assert.match(found[1]!.message, /No heading with anchor #gone in that file/);
});

test('duplicates are numbered as the platform numbers them', async () => {
  const text = '## FAQ\n\n## FAQ\n\n[1](#faq-1) [2](#faq_1)\n';
  assert.deepEqual((await anchors(text)).map((f) => f.data), [{ anchor: 'faq-1', kind: 'loose' }]);
  const mkdocs = await anchors(text, { settings: { links: { anchorStyle: 'mkdocs' } } });
  assert.deepEqual(mkdocs.map((f) => f.data), [{ anchor: 'faq_1', kind: 'loose' }]);
});

test('the anchor style changes what is accepted: MkDocs and Hugo', async () => {
  const text = '## 🚀 快速开始\n\n## GPU 选型 {#gpu}\n\n[a](#-快速开始) [b](#_1) [c](#gpu) [d](#gpu-选型-gpu)\n';
  const bad = async (settings: Record<string, unknown>) => (await anchors(text, { settings: { links: settings } })).map((f) => /#(\S+?)[ ;.(]/.exec(f.message)?.[1]).sort();
  // GitHub: `{#gpu}` is text; the emoji leaves a hyphen.
  assert.deepEqual(await bad({ anchorStyle: 'github' }), ['_1', 'gpu']);
  // MkDocs' default slugify keeps ASCII only, so the Chinese heading becomes `_1`; attr_list makes `{#gpu}` the id.
  assert.deepEqual(await bad({ anchorStyle: 'mkdocs' }), ['-快速开始', 'gpu-选型-gpu']);
  // slugify_unicode keeps the Chinese text.
  assert.deepEqual(await bad({ anchorStyle: 'mkdocs', anchorOptions: { mkdocs: { slugify: 'toc-unicode' } } }), ['-快速开始', '_1', 'gpu-选型-gpu']);
  // Hugo: `{#gpu}` is an id, the emoji's space is trimmed as in GitHub's scheme.
  assert.deepEqual(await bad({ anchorStyle: 'hugo' }), ['_1', 'gpu-选型-gpu']);
});

test('VS Code matches leniently, as its own link check does', async () => {
  const text = '## 🚀 快速开始\n\n## H100 对比\n\n[a](#快速开始) [b](#🚀-快速开始) [c](#H100-对比)\n';
  const found = await anchors(text, { settings: { links: { anchorStyle: 'vscode' } } });
  assert.deepEqual(found.map((f) => f.data), [{ anchor: '🚀-快速开始', kind: 'loose' }]);
});

test('line anchors, #top and user-content- fragments are left alone', async () => {
  assert.deepEqual(await anchors('# T\n\n[a](#L10) [b](#L10-L20) [c](#top) [d](#user-content-x)\n'), []);
});
