// The edits behind rename, references and file moves, on views of in-memory drafts.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import path from 'node:path';
import { viewOfText } from '../markdown/anchors';
import { applyEdits } from '../markdown/edits';
import type { AnchorSettings } from '../markdown/heading-anchors';
import { labelAt, linksToHeading, moveEdits, renameHeadingEdits, renameLabelEdits, type FileEdits, type FileView } from './refactor';

const ROOT = path.resolve('/ws');
const file = (rel: string, text: string, settings: AnchorSettings = { style: 'github' }): FileView => ({ path: path.join(ROOT, rel), view: viewOfText(text, path.join(ROOT, rel), settings)! });
const apply = (changes: FileEdits[], f: FileView) => applyEdits(f.view.text, changes.find((c) => c.view === f.view)?.edits ?? []).text;

test('moves keep the spelling of each destination: ./, percent-encoding, <angle brackets>, trailing slash, query and fragment', () => {
  const a = file('a.md', '[1](./img/x.png) [2](img/%E5%9B%BE%20one.png) [3](<img/图 one.png>) [4](img/) [5](img/x.png?raw=1#frag) [6](/img/x.png) [7](https://e.com/img/x.png)\n');
  const changes = moveEdits([a], [{ from: path.join(ROOT, 'img'), to: path.join(ROOT, 'assets', 'images') }]);
  assert.equal(apply(changes, a), '[1](./assets/images/x.png) [2](assets/images/%E5%9B%BE%20one.png) [3](<assets/images/图 one.png>) [4](assets/images/) [5](assets/images/x.png?raw=1#frag) [6](/img/x.png) [7](https://e.com/img/x.png)\n');
});

test('a draft moved with what it links to needs no edit; a link to itself keeps working', () => {
  const a = file('docs/a.md', '[b](b.md) [me](a.md#top) [up](../r.md)\n');
  const b = file('docs/b.md', '# B\n');
  const moves = [{ from: path.join(ROOT, 'docs'), to: path.join(ROOT, 'guide') }];
  assert.deepEqual(moveEdits([a, b], moves), []);
  const renamed = moveEdits([a], [{ from: path.join(ROOT, 'docs', 'a.md'), to: path.join(ROOT, 'docs', 'intro.md') }]);
  assert.equal(apply(renamed, a), '[b](b.md) [me](intro.md#top) [up](../r.md)\n');
});

test('links to a heading: same file, other files, definitions and HTML; not images, not broken near misses', () => {
  const target = file('t.md', '# T\n\n## 🚀 Go\n\n[a](#-go) [b](#go)\n');
  const other = file('o.md', '[x](t.md#-go) ![i](t.md#-go) <a href="./t.md#-go">y</a>\n\n[d]: t.md#-go\n');
  const found = linksToHeading([target, other], target, 1).map((l) => `${path.basename(l.file.path!)}:${l.fragment.link.kind}`);
  assert.deepEqual(found, ['t.md:link', 'o.md:link', 'o.md:html', 'o.md:definition']);
});

test('renaming a heading in a VitePress workspace writes VitePress anchors', () => {
  const settings: AnchorSettings = { style: 'vitepress' };
  const target = file('t.md', '# T\n\n## Old Name\n\n[a](#old-name)\n', settings);
  const other = file('o.md', '[x](t.md#old-name)\n', settings);
  const changes = renameHeadingEdits([target, other], target, 1, 'New: Name!', (text) => viewOfText(text, target.path!, settings));
  assert.equal(apply(changes, target), '# T\n\n## New: Name!\n\n[a](#new-name)\n');
  assert.equal(apply(changes, other), '[x](t.md#new-name)\n');
});

test('labels: references of every form and the definition; footnotes too', () => {
  const text = '[a][Ref] [Ref][] [ref] text[^n]\n\n[ref]: https://e.com\n[^n]: note\n';
  const f = file('l.md', text);
  const at = labelAt(f.view, text.indexOf('Ref]') + 1)!;
  assert.equal(at.id, 'REF');
  assert.equal(apply(renameLabelEdits(f, 'link', at.id, 'site'), f), '[a][site] [site][] [site] text[^n]\n\n[site]: https://e.com\n[^n]: note\n');
  const note = labelAt(f.view, text.indexOf('[^n]:') + 2)!;
  assert.equal(note.kind, 'footnote');
  assert.equal(apply(renameLabelEdits(f, 'footnote', note.id, 'src'), f), '[a][Ref] [Ref][] [ref] text[^src]\n\n[ref]: https://e.com\n[^src]: note\n');
});
