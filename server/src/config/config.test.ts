// Reading settings never throws: bad values are reported with their place in the file and fall back.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { DEFAULT_CONFIG, parseConfigFile } from './config';
import { isKnownRuleOrGroup } from '../rules/registry';

test('valid settings apply; comments and trailing commas are fine', () => {
  const { config, problems } = parseConfigFile('{\n  // team settings\n  "diagnosticsDelayMs": 0,\n  "rules": { "links": "error", "remark-lint/list-item-indent": ["warning", "one"] },\n  "urlCheck": { "skipHosts": ["localhost"], },\n}', DEFAULT_CONFIG, isKnownRuleOrGroup);
  assert.deepEqual(problems, []);
  assert.equal(config.diagnosticsDelayMs, 0);
  assert.deepEqual(config.rules, { links: 'error', 'remark-lint/list-item-indent': ['warning', 'one'] });
  assert.deepEqual(config.urlCheck.skipHosts, ['localhost']);
  assert.equal(config.urlCheck.timeoutMs, DEFAULT_CONFIG.urlCheck.timeoutMs);
});

test('each bad value is reported at its place and the default is kept', () => {
  const text = '{ "maxFileSizeKB": -1, "language": "fr", "urlCheck": { "ignore": ["/[unclosed/"], "bogus": 1 }, "rules": { "nope/rule": "off", "links": "loud" } }';
  const { config, problems } = parseConfigFile(text, DEFAULT_CONFIG, isKnownRuleOrGroup);
  const at = (p: { start: number; end: number }) => text.slice(p.start, p.end);
  assert.deepEqual(problems.map((p) => [at(p), p.message.split(';')[0]]), [
    ['-1', '"maxFileSizeKB": expected a whole number from 1 to 1048576'],
    ['"fr"', '"language": expected one of "auto", "en", "zh-cn"'],
    ['["/[unclosed/"]', '"urlCheck.ignore": Invalid ignore pattern "/[unclosed/": Invalid regular expression: /[unclosed/: Unterminated character class'],
    ['"bogus"', 'Unknown setting "urlCheck.bogus".'],
    ['"nope/rule"', 'Unknown rule or rule group "nope/rule".'],
    ['"loud"', 'Rule "links": expected "off", a severity (error, warning, info, hint), or [severity, options].'],
  ]);
  assert.equal(config.maxFileSizeKB, DEFAULT_CONFIG.maxFileSizeKB);
  assert.deepEqual(config.urlCheck.ignore, []);
});

test('a file that is not JSON gives one error and the defaults', () => {
  const { config, problems } = parseConfigFile('{ "rules": ', DEFAULT_CONFIG);
  assert.equal(problems.length, 1);
  assert.equal(problems[0].severity, 'error');
  assert.equal(config, DEFAULT_CONFIG);
});

test('links.anchorStyle and links.anchorOptions: valid values apply, bad ones are reported at their place', () => {
  const good = parseConfigFile('{ "links": { "anchorStyle": "mkdocs", "anchorOptions": { "mkdocs": { "slugify": "toc-unicode", "separator": "_" }, "hexo": { "modifyAnchors": 1 } } } }', DEFAULT_CONFIG, isKnownRuleOrGroup);
  assert.deepEqual(good.problems, []);
  assert.deepEqual(good.config.links, { anchorStyle: 'mkdocs', anchorOptions: { mkdocs: { slugify: 'toc-unicode', separator: '_' }, hexo: { modifyAnchors: 1 } } });
  assert.deepEqual(DEFAULT_CONFIG.links, { anchorStyle: 'github', anchorOptions: {} });

  const text = '{ "links": { "anchorStyle": "jekyll", "anchorOptions": { "mkdocs": { "slugify": "python" }, "sphinx": {}, "hugo": { "nope": true } }, "extra": 1 } }';
  const { config, problems } = parseConfigFile(text, DEFAULT_CONFIG, isKnownRuleOrGroup);
  const at = (p: { start: number; end: number }) => text.slice(p.start, p.end);
  assert.deepEqual(problems.map((p) => [at(p), p.message.split(';')[0]]), [
    ['"jekyll"', '"links.anchorStyle": expected one of "github", "gitlab", "vscode", "mkdocs", "hugo", "docusaurus", "vitepress", "hexo"'],
    ['"python"', '"links.anchorOptions.mkdocs.slugify": expected one of "toc", "toc-unicode", "pymdownx"'],
    ['"sphinx"', 'Unknown setting "links.anchorOptions.sphinx" (expected mkdocs, hugo, docusaurus, vitepress, hexo).'],
    ['"nope"', '"links.anchorOptions.hugo.nope": unknown option (expected autoHeadingIDType, attribute)'],
    ['"extra"', 'Unknown setting "links.extra".'],
  ]);
  assert.equal(config.links.anchorStyle, 'github');
  assert.deepEqual(config.links.anchorOptions, {});
});
