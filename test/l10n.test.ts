// Every UI string has its Chinese translation: runtime strings (vscode.l10n.t in the client) in the l10n
// bundle, manifest strings (%key%) in package.nls.zh-cn.json; and the config schema matches the settings.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { REPO } from './support/workspace';
import { DEFAULT_CONFIG } from '../server/src/config/config';

const read = (p: string) => readFileSync(path.join(REPO, p), 'utf8');

function clientSources(dir = 'client/src'): string[] {
  return readdirSync(path.join(REPO, dir), { withFileTypes: true }).flatMap((e) => (e.isDirectory() ? clientSources(path.join(dir, e.name)) : e.name.endsWith('.ts') ? [read(path.join(dir, e.name))] : []));
}

test('every vscode.l10n.t string in the client has a zh-cn translation', () => {
  const bundle = JSON.parse(read('l10n/bundle.l10n.zh-cn.json')) as Record<string, string>;
  const used = new Set<string>();
  for (const source of clientSources()) for (const m of source.matchAll(/vscode\.l10n\.t\(\s*'((?:[^'\\]|\\.)*)'/g)) used.add(m[1].replace(/\\'/g, "'"));
  assert.ok(used.size > 20);
  // Only literal strings can be checked (and extracted by @vscode/l10n-dev): no template or computed messages.
  const unchecked = clientSources().flatMap((source) => [...source.matchAll(/vscode\.l10n\.t\(\s*([^'\s])/g)].map((m) => m[0]));
  assert.deepEqual(unchecked, [], 'vscode.l10n.t called with something other than a single-quoted string');
  const missing = [...used].filter((s) => !(s in bundle));
  assert.deepEqual(missing, []);
  for (const [en, zh] of Object.entries(bundle)) {
    const placeholders = (s: string) => (s.match(/\{\d+\}/g) ?? []).sort().join();
    assert.equal(placeholders(zh), placeholders(en), `placeholders of "${en}"`);
  }
});

test('every %key% in package.json has an English and a Chinese text', () => {
  const manifest = read('package.json');
  const en = JSON.parse(read('package.nls.json'));
  const zh = JSON.parse(read('package.nls.zh-cn.json'));
  const keys = [...manifest.matchAll(/"%([^%"]+)%"/g)].map((m) => m[1]);
  assert.ok(keys.length > 20);
  assert.deepEqual(keys.filter((k) => !(k in en)), []);
  assert.deepEqual(keys.filter((k) => !(k in zh)), []);
});

test('the settings in package.json, the config schema and the core defaults agree', () => {
  const sections = [JSON.parse(read('package.json')).contributes.configuration].flat() as { properties: Record<string, { default: unknown }> }[];
  const props = Object.assign({}, ...sections.map((s) => s.properties)) as Record<string, { default: unknown }>;
  const schema = JSON.parse(read('schemas/config.schema.json'));
  const flat = (obj: Record<string, unknown>, prefix = ''): [string, unknown][] =>
    Object.entries(obj).flatMap(([k, v]) => (v && typeof v === 'object' && !Array.isArray(v) && k !== 'rules' ? flat(v as Record<string, unknown>, `${prefix}${k}.`) : [[`${prefix}${k}`, v]]));
  for (const [key, value] of flat(DEFAULT_CONFIG as unknown as Record<string, unknown>)) {
    assert.deepEqual(props[`benchpress.${key}`]?.default, value, `default of benchpress.${key}`);
    const parts = key.split('.');
    let node = schema;
    for (const part of parts) node = node.properties[part];
    assert.ok(node, `schema has ${key}`);
  }
});

test('problems in the team\'s .benchpress/ files read in Chinese too: templates, topic tables, settings', async () => {
  const { parseTemplate } = await import('../server/src/templates/template');
  const { parseTopicTable } = await import('../server/src/topics/table');
  const { parseConfigFile } = await import('../server/src/config/config');
  const { localize } = await import('../server/src/base/i18n');
  const template = parseTemplate('team', '---\n- a\n---\n# A\n> nope: 1\n\n# B\n\n## \n\n## Setup\n> requires: video\n\n## Run\n> role: boss\n\n## Setup\n', 'team.md').problems;
  const empty = parseTemplate('empty', '# Only a title\n', 'empty.md').problems;
  const table = parseTopicTable('topic,heat,extra\n,1,\nh100,x,\n', 'csv').problems;
  const json = parseTopicTable('{ "topics": 3, "aliases": 1, "extends": "yes", "mode": "up", "bogus": 1 }', 'json').problems;
  const config = parseConfigFile('{ "language": "fr", "nope": 1 }').problems;
  const all = [...template, ...empty, ...table, ...json, ...config];
  assert.ok(template.length >= 7 && empty.length === 1 && table.length >= 3 && json.length >= 5, JSON.stringify(all.map((p) => p.message)));
  for (const p of all) {
    const zh = localize(p.message, 'zh-cn');
    assert.notEqual(zh, localize(p.message, 'en'), `not translated: ${zh}`);
    assert.match(zh, /\p{Script=Han}/u, zh);
  }
});
