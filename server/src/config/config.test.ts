// Reading settings never throws: bad values are reported with their place in the file and fall back.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { DEFAULT_CONFIG, applySettings, parseConfigFile } from './config';
import { localize, type Localized } from '../base/i18n';

const en = (m: Localized) => localize(m, 'en');
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
  assert.deepEqual(problems.map((p) => [at(p), en(p.message).split(';')[0]]), [
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

test('ignore: usable globs apply; a bad one is reported at its place and left out', () => {
  const text = '{ "ignore": ["docs/generated/**", "../outside/**", "", "!docs/generated/index.md"] }';
  const { config, problems } = parseConfigFile(text, DEFAULT_CONFIG, isKnownRuleOrGroup);
  const at = (p: { start: number; end: number }) => text.slice(p.start, p.end);
  assert.deepEqual(config.ignore, ['docs/generated/**', '!docs/generated/index.md']);
  assert.deepEqual(problems.map((p) => [at(p), en(p.message)]), [
    ['"../outside/**"', '"ignore": the pattern "../outside/**" leaves the workspace root (".."); it is left out.'],
    ['""', '"ignore": the pattern "" matches nothing; it is left out.'],
  ]);
  assert.match(en(parseConfigFile('{ "ignore": "docs" }').problems[0].message), /"ignore": expected a list of strings/);
});

test('overrides: valid entries apply in order; files may be one glob', () => {
  const text = '{ "overrides": [ { "files": ["docs/ref/**"], "rules": { "links": "off" } }, { "files": "**/*.mdx", "rules": { "remark-lint/list-item-indent": ["warning", "one"] } } ] }';
  const { config, problems } = parseConfigFile(text, DEFAULT_CONFIG, isKnownRuleOrGroup);
  assert.deepEqual(problems, []);
  assert.deepEqual(config.overrides, [
    { files: ['docs/ref/**'], rules: { links: 'off' } },
    { files: ['**/*.mdx'], rules: { 'remark-lint/list-item-indent': ['warning', 'one'] } },
  ]);
});

test('overrides: each mistake is reported at its place with what to do; unusable entries are left out', () => {
  const text = `{ "overrides": [
    { "rules": { "links": "off" } },
    { "files": [], "rules": {} },
    { "files": ["ok/**", "../up"], "rules": {} },
    { "files": ["a/**"], "rules": { "nope/rule": "off", "links": "loud", "heat": "off" }, "severity": "off" },
    { "files": ["b/**"] },
    "docs/**"
  ] }`;
  const { config, problems } = parseConfigFile(text, DEFAULT_CONFIG, isKnownRuleOrGroup);
  const at = (p: { start: number; end: number }) => text.slice(p.start, p.end);
  assert.deepEqual(problems.map((p) => [p.severity, at(p).split('\n')[0], en(p.message)]), [
    ['warning', '{ "rules": { "links": "off" } }', '"overrides[0]" has no "files": add the globs (relative to the workspace root) it applies to; the entry is not used.'],
    ['warning', '[]', '"overrides[1].files" must be a non-empty list of globs (e.g. ["docs/reference/**"]); the entry is not used.'],
    ['warning', '"../up"', '"overrides[2].files": the pattern "../up" leaves the workspace root (".."); the entry is not used.'],
    ['warning', '"severity"', 'Unknown key "severity" in "overrides[3]": an entry has "files" and "rules".'],
    ['warning', '"nope/rule"', 'Unknown rule or rule group "nope/rule".'],
    ['warning', '"loud"', 'Rule "links": expected "off", a severity (error, warning, info, hint), or [severity, options].'],
    ['info', '{ "files": ["b/**"] }', '"overrides[4]" has no "rules": it changes nothing.'],
    ['warning', '"docs/**"', '"overrides[5]" must be an object: { "files": [globs], "rules": { … } }.'],
  ]);
  assert.deepEqual(config.overrides, [{ files: ['a/**'], rules: { heat: 'off' } }, { files: ['b/**'], rules: {} }]);
  assert.match(en(parseConfigFile('{ "overrides": {} }').problems[0].message), /"overrides" must be a list/);
});

test("overrides: the editor's entries come first, the config file's after them (later entries win)", () => {
  const editor = applySettings(DEFAULT_CONFIG, { overrides: [{ files: ['a/**'], rules: { links: 'off' } }] }).config;
  const { config } = parseConfigFile('{ "overrides": [{ "files": ["a/**"], "rules": { "links": "error" } }] }', editor);
  assert.deepEqual(config.overrides.map((o) => o.rules), [{ links: 'off' }, { links: 'error' }]);
  assert.deepEqual(DEFAULT_CONFIG.overrides, [], 'the defaults are never changed');
});

test('links.anchorStyle and links.anchorOptions: valid values apply, bad ones are reported at their place', () => {
  const good = parseConfigFile('{ "links": { "anchorStyle": "mkdocs", "anchorOptions": { "mkdocs": { "slugify": "toc-unicode", "separator": "_" }, "hexo": { "modifyAnchors": 1 } } } }', DEFAULT_CONFIG, isKnownRuleOrGroup);
  assert.deepEqual(good.problems, []);
  assert.deepEqual(good.config.links, { anchorStyle: 'mkdocs', anchorOptions: { mkdocs: { slugify: 'toc-unicode', separator: '_' }, hexo: { modifyAnchors: 1 } } });
  assert.deepEqual(DEFAULT_CONFIG.links, { anchorStyle: 'github', anchorOptions: {} });

  const text = '{ "links": { "anchorStyle": "jekyll", "anchorOptions": { "mkdocs": { "slugify": "python" }, "sphinx": {}, "hugo": { "nope": true } }, "extra": 1 } }';
  const { config, problems } = parseConfigFile(text, DEFAULT_CONFIG, isKnownRuleOrGroup);
  const at = (p: { start: number; end: number }) => text.slice(p.start, p.end);
  assert.deepEqual(problems.map((p) => [at(p), en(p.message).split(';')[0]]), [
    ['"jekyll"', '"links.anchorStyle": expected one of "github", "gitlab", "vscode", "mkdocs", "hugo", "docusaurus", "vitepress", "hexo"'],
    ['"python"', '"links.anchorOptions.mkdocs.slugify": expected one of "toc", "toc-unicode", "pymdownx"'],
    ['"sphinx"', 'Unknown setting "links.anchorOptions.sphinx" (expected mkdocs, hugo, docusaurus, vitepress, hexo).'],
    ['"nope"', '"links.anchorOptions.hugo.nope": unknown option (expected autoHeadingIDType, attribute)'],
    ['"extra"', 'Unknown setting "links.extra".'],
  ]);
  assert.equal(config.links.anchorStyle, 'github');
  assert.deepEqual(config.links.anchorOptions, {});
});

test('every problem reads in Chinese too: no English left in the Chinese text', () => {
  const text = JSON.stringify({
    maxFileSizeKB: 'big', checkUrls: 1, template: '', language: 'fr', ignore: ['../x', 'C:\\docs', 'a\\b', ''], bogus: 1,
    rules: { links: 'loud', 'nope/rule': 'off' },
    urlCheck: { ignore: ['/[unclosed/'], nope: 1, skipHosts: 'x' },
    typography: { names: ['中文'], ambiguousWidth: 3 },
    links: { anchorStyle: 'jekyll', anchorOptions: { sphinx: {}, hexo: { modifyAnchors: 5, nope: 1 }, mkdocs: { separator: '' } }, extra: 1 },
    overrides: [{ rules: {} }, { files: [] }, { files: ['../up'], rules: 'x', severity: 1 }, 'docs/**'],
  });
  const { problems } = parseConfigFile(text, DEFAULT_CONFIG, isKnownRuleOrGroup);
  assert.ok(problems.length >= 25, `${problems.length} problems`);
  for (const p of problems) {
    assert.equal(typeof p.message, 'object', `only one language: ${JSON.stringify(p.message)}`);
    const zh = localize(p.message, 'zh-cn');
    assert.match(zh, /\p{Script=Han}/u, zh);
    // English words outside quoted keys and values (and outside the JavaScript engine's own error text).
    const prose = zh.replace(/"[^"]*"|“[^”]*”|\{[^}]*\}|\[[^\]]*\]|Invalid regular expression.*$/g, '');
    assert.doesNotMatch(prose, /\b(?:expected|must|using|unknown|the|is|an?)\b/i, zh);
  }
  for (const bad of ['{ "rules": ', '[1]']) {
    const zh = localize(parseConfigFile(bad).problems[0].message, 'zh-cn');
    assert.match(zh, /\p{Script=Han}/u);
  }
});
