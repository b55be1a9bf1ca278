// htmlAnchors: HTML Standard "find a potential indicated element" — `id` on any element, `name` on `a` only —
// with the HTML tokenizer's handling of comments, end tags, quoting, duplicate attributes and raw-text elements.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { decodeEntities, htmlAnchors } from './html';

const cases: Array<[string, string[], string]> = [
  ['<a name="foo"></a>', ['foo'], 'name on <a> is a target'],
  ['<span id="bar">x</span>', ['bar'], 'id on any element'],
  ['<div name="x"></div>', [], 'name only counts on <a>'],
  ["<A NAME='Up'></A>", ['Up'], 'tag and attribute names are case-insensitive, values are not'],
  ['<a id="a" name="b"></a>', ['a', 'b'], 'both on one <a>'],
  ['<!-- <a id="c"> -->', [], 'comments are not markup'],
  ['</a id="x">', [], 'attributes on end tags are ignored'],
  ['<img id=unquoted src=x.png>', ['unquoted'], 'unquoted attribute values'],
  ['<p id="">', [], 'an empty id never matches'],
  ['<a id="a&amp;b">', ['a&b'], 'character references in values are decoded'],
  ['<h2 id="&#x4E2D;&#25991;">', ['中文'], 'numeric references'],
  ['<script>var s = \'<a id="no">\'</script><b id="yes">', ['yes'], 'script content is text'],
  ['<p id="one" id="two">', ['one'], 'the first of duplicate attributes wins'],
  ['<input value="<a id=\'no\'>" id="yes">', ['yes'], 'quoted values may contain "<" and ">"'],
  ['a < b id="no"', [], '"<" not followed by a letter is text'],
  ['<div data-id="no" id = "spaced">', ['spaced'], 'other attributes ending in "id" do not count; spaces around "="'],
  ['<a\nname="multi"\n>', ['multi'], 'attributes on separate lines'],
  ['<br/><hr id="self"/>', ['self'], 'self-closing syntax'],
  ['<textarea><a id="no"></textarea><i id="after">', ['after'], 'textarea content is text'],
];

for (const [html, expected, why] of cases) {
  test(`htmlAnchors ${JSON.stringify(html)}`, () => {
    assert.deepEqual(htmlAnchors(html), expected, why);
  });
}

test('decodeEntities leaves unknown names alone', () => {
  assert.equal(decodeEntities('&amp;&lt;&gt;&quot;&apos;&nbsp;&bogus;&#0;'), '&<>"\'\u00a0&bogus;\ufffd');
});
