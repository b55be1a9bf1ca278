// The extension manifest (package.json `contributes`, `capabilities`) as a good neighbour in VS Code: no key
// VS Code binds, no takeover of other files, every setting scoped, Restricted Mode declared with the settings a
// workspace could abuse, MDX drafts treated like Markdown, and the walkthrough in Chinese too.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { REPO } from './support/workspace';

const pkg = JSON.parse(readFileSync(path.join(REPO, 'package.json'), 'utf8'));
const contributes = pkg.contributes;
const settings: Record<string, { scope?: string }> = Object.assign({}, ...[contributes.configuration].flat().map((s: { properties: object }) => s.properties));

/** Keys VS Code itself binds, by OS, that an extension for Markdown is most tempted by. Linux is checked against
 *  the real VS Code's full default keybindings in the e2e suite (keybindings.test.js); for macOS and Windows these
 *  come from VS Code's sources and code.visualstudio.com/docs/reference/default-keybindings: Replace (⌥⌘F on macOS,
 *  Ctrl+H elsewhere), list find (Ctrl+Alt+F), Close Other Editors (⌥⌘T), dictation (Ctrl/⌘+Alt+V), Save All
 *  (⌥⌘S), the Markdown preview (Ctrl/⌘+Shift+V, Ctrl/⌘+K V), Go to Symbol, Quick Fix, Format Document. */
const VSCODE_DEFAULTS: Record<'linux' | 'mac' | 'win', string[]> = {
  linux: ['ctrl+alt+f', 'ctrl+alt+v', 'ctrl+h', 'ctrl+shift+v', 'ctrl+k v', 'ctrl+shift+o', 'ctrl+.', 'ctrl+shift+i'],
  mac: ['cmd+alt+f', 'cmd+alt+t', 'cmd+alt+v', 'cmd+alt+s', 'cmd+shift+v', 'cmd+k v', 'cmd+shift+o', 'cmd+.', 'shift+alt+f'],
  win: ['ctrl+alt+f', 'ctrl+alt+v', 'ctrl+h', 'ctrl+shift+v', 'ctrl+k v', 'ctrl+shift+o', 'ctrl+.', 'shift+alt+f'],
};
const normalize = (key: string) => key.toLowerCase().split(' ').map((chord) => chord.split('+').sort().join('+')).join(' ');

test('no default keybinding takes a key VS Code binds, and each works only in a focused Markdown or MDX editor', () => {
  for (const binding of contributes.keybindings ?? []) {
    for (const os of ['linux', 'mac', 'win'] as const) {
      const key = binding[os] ?? binding.key;
      assert.ok(!VSCODE_DEFAULTS[os].map(normalize).includes(normalize(key)), `${binding.command}: ${key} is VS Code's on ${os}`);
    }
    assert.match(binding.when ?? '', /editorTextFocus/, `${binding.command} must need a focused editor`);
    assert.match(binding.when ?? '', /editorLangId == markdown/, `${binding.command} must need a Markdown editor`);
    assert.match(binding.when ?? '', /mdx/, `${binding.command} must work in MDX drafts too`);
  }
});

test('only .benchpress/config.json is JSON with comments and gets the schema; no other file is claimed', () => {
  for (const language of contributes.languages ?? []) {
    assert.equal(language.filenames, undefined, `language ${language.id} claims file names in every workspace`);
    assert.equal(language.extensions, undefined, `language ${language.id} claims extensions in every workspace`);
    for (const pattern of language.filenamePatterns ?? []) assert.match(pattern, /(^|\/)\.benchpress\//);
  }
  for (const validation of contributes.jsonValidation) assert.match(validation.fileMatch, /(^|\/)\.benchpress\/config\.json$/);
});

test('every setting declares its scope', () => {
  const allowed = ['application', 'machine', 'machine-overridable', 'window', 'resource', 'language-overridable'];
  const missing = Object.entries(settings).filter(([, s]) => !allowed.includes(s.scope ?? '')).map(([k]) => k);
  assert.deepEqual(missing, []);
  // Settings a team keeps per folder are folder settings.
  for (const key of ['benchpress.template', 'benchpress.language', 'benchpress.rules', 'benchpress.ignore']) assert.equal(settings[key].scope, 'resource', key);
});

test('Restricted Mode is supported in part, restricting the settings that reach the network; virtual workspaces are not', () => {
  const untrusted = pkg.capabilities?.untrustedWorkspaces;
  assert.equal(untrusted?.supported, 'limited');
  assert.match(untrusted.description, /^%.+%$/);
  const restricted: string[] = untrusted.restrictedConfigurations;
  for (const key of Object.keys(settings).filter((k) => /^benchpress\.(checkUrls|allowPrivateUrls|urlCheck\.)/.test(k))) assert.ok(restricted.includes(key), `${key} is not restricted`);
  for (const key of restricted) assert.ok(key in settings, `${key} is not a setting`);
  assert.equal(pkg.capabilities.virtualWorkspaces?.supported, false);
  assert.match(pkg.capabilities.virtualWorkspaces.description, /^%.+%$/);
});

test('MDX drafts get the same commands, menus and activation as Markdown drafts', () => {
  assert.ok(pkg.activationEvents.includes('onLanguage:markdown'));
  assert.ok(pkg.activationEvents.includes('onLanguage:mdx'));
  assert.ok(pkg.activationEvents.some((e: string) => /^workspaceContains:.*\*\.mdx$/.test(e)));
  const menus = Object.entries(contributes.menus as Record<string, { when?: string; command?: string; submenu?: string }[]>);
  for (const [menu, entries] of menus) {
    for (const entry of entries) {
      if (entry.when && /editorLangId == markdown/.test(entry.when)) assert.match(entry.when, /resourceExtname == \.mdx/, `${menu} ${entry.command ?? entry.submenu}`);
    }
  }
});

test('the preview button is not a second copy of VS Code\'s preview button', () => {
  const preview = contributes.commands.find((c: { command: string }) => c.command === 'benchpress.showPreview');
  assert.notEqual(preview.icon, '$(open-preview)', 'VS Code\'s Markdown preview uses $(open-preview)');
  const en = JSON.parse(readFileSync(path.join(REPO, 'package.nls.json'), 'utf8'));
  assert.doesNotMatch(en[preview.title.replace(/%/g, '')], /^Open Preview( to the Side)?$/);
});

test('package.nls.zh-cn.json translates every key of package.nls.json, and nothing else', () => {
  const en = JSON.parse(readFileSync(path.join(REPO, 'package.nls.json'), 'utf8'));
  const zh = JSON.parse(readFileSync(path.join(REPO, 'package.nls.zh-cn.json'), 'utf8'));
  assert.deepEqual(Object.keys(en).filter((k) => !(k in zh)), [], 'keys without a Chinese text');
  assert.deepEqual(Object.keys(zh).filter((k) => !(k in en)), [], 'Chinese texts for keys that are gone');
  for (const [key, text] of Object.entries(zh)) {
    assert.ok(typeof text === 'string' && text.trim(), `${key} is empty`);
    // Command links in walkthrough texts must survive the translation.
    const links = (s: string) => (s.match(/\(command:[^)]+\)/g) ?? []).sort();
    assert.deepEqual(links(text as string), links(en[key]), `command links of ${key}`);
  }
});

test('every walkthrough page has a Chinese version where VS Code looks for it (<page>.nls.zh-cn.md)', () => {
  for (const walkthrough of contributes.walkthroughs) {
    for (const step of walkthrough.steps) {
      const page: string | undefined = step.media?.markdown;
      if (!page) continue;
      assert.ok(existsSync(path.join(REPO, page)), page);
      const zh = page.replace(/\.md$/, '.nls.zh-cn.md');
      assert.ok(existsSync(path.join(REPO, zh)), `${zh} is missing`);
      assert.match(readFileSync(path.join(REPO, zh), 'utf8'), /[\u4e00-\u9fff]/, `${zh} is not Chinese`);
    }
  }
});

test('the packaged extension ships the Chinese README and the walkthrough pages', () => {
  assert.ok(existsSync(path.join(REPO, 'README.zh-cn.md')));
  // .vscodeignore leaves everything out and lets back in what VS Code shows.
  const allowed = readFileSync(path.join(REPO, '.vscodeignore'), 'utf8').split('\n').filter((l) => l.startsWith('!')).map((l) => l.slice(1).trim());
  for (const needed of ['README.md', 'README.zh-cn.md', 'media/**', 'package.nls.zh-cn.json', 'l10n/**']) assert.ok(allowed.includes(needed), `${needed} is not packaged`);
});

test('the READMEs start with the writer, keep the two-line developer quick start, and show pictures that exist', () => {
  for (const readme of ['README.md', 'README.zh-cn.md']) {
    const text = readFileSync(path.join(REPO, readme), 'utf8');
    const images = [...text.matchAll(/!\[[^\]]*\]\(([^)\s]+)\)/g)].map((m) => m[1]);
    assert.ok(images.length >= 3, `${readme} shows the writer what they will see`);
    for (const image of images) assert.ok(existsSync(path.join(REPO, image)), `${readme}: ${image} is missing`);
  }
  const readme = readFileSync(path.join(REPO, 'README.md'), 'utf8');
  assert.ok(readme.indexOf('## For writers') < readme.indexOf('## Quick start'), 'the writer comes first');
  const quickStart = readme.slice(readme.indexOf('## Quick start'));
  const block = /```sh\n([\s\S]*?)```/.exec(quickStart)?.[1];
  assert.deepEqual(block?.trim().split('\n'), ['npm ci && npm start', 'npm test']);
});
