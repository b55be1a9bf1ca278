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
