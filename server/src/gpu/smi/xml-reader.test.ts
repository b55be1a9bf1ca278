import { test } from 'node:test';
import assert from 'node:assert/strict';
import { childPath, readXml, XmlError } from './xml-reader';

function xmlError(fn: () => unknown): XmlError {
  try {
    fn();
  } catch (e) {
    if (e instanceof XmlError) return e;
    throw e;
  }
  assert.fail('expected an XmlError');
}

test('reads elements, attributes, text, entities, CDATA; skips prolog, comments and PIs', () => {
  const root = readXml(
    [
      '\uFEFF<?xml version="1.0" ?>',
      '<!DOCTYPE nvidia_smi_log SYSTEM "nvsmi_device_v12.dtd">',
      '<!-- comment -->',
      '<log a="1" b=\'x &amp; y\'>',
      '  <gpu id="00000000:18:00.0"><name>A &lt;B&gt; &quot;C&quot; &apos;D&apos; &#65;&#x42;</name></gpu>',
      '  <!-- inside --><?pi data?>',
      '  <empty/>',
      '  <c><![CDATA[<raw> & stuff]]></c>',
      '</log>',
      '<!-- trailing -->',
      '',
    ].join('\n'),
  );
  assert.equal(root.name, 'log');
  assert.deepEqual({ ...root.attrs }, { a: '1', b: 'x & y' });
  assert.equal(root.line, 4);
  const gpu = root.children[0];
  assert.equal(gpu.attrs.id, '00000000:18:00.0');
  assert.equal(gpu.line, 5);
  assert.equal(childPath(root, 'gpu/name')?.text, 'A <B> "C" \'D\' AB');
  assert.equal(childPath(root, 'empty')?.children.length, 0);
  assert.equal(childPath(root, 'c')?.text, '<raw> & stuff');
  assert.equal(childPath(root, 'gpu/missing'), undefined);
});

test('mismatched end tag: error names both tags and the line', () => {
  const e = xmlError(() => readXml('<a>\n  <b>\n    <c>x</c>\n  </d>\n</a>'));
  assert.equal(e.line, 4);
  assert.match(e.message, /<\/d>/);
  assert.match(e.message, /<b> opened on line 2/);
});

test('cut-off document: error at the last line, naming the open elements', () => {
  const e = xmlError(() => readXml('<a>\n  <b>\n    <c>x</c>\n    <d>12'));
  assert.equal(e.line, 4);
  assert.match(e.message, /cut off/);
  assert.match(e.message, /<\/d>/);
  const inTag = xmlError(() => readXml('<a>\n  <b>\n    <fb_memory_us'));
  assert.equal(inTag.line, 3);
  assert.match(inTag.message, /cut off/);
  const inComment = xmlError(() => readXml('<a>\n<!-- never closed'));
  assert.equal(inComment.line, 2);
  const inAttr = xmlError(() => readXml('<a>\n<gpu id="0000'));
  assert.match(inAttr.message, /cut off/);
});

test('undefined entities are errors, never expanded', () => {
  const e = xmlError(() => readXml('<a>\n&nbsp;</a>'));
  assert.equal(e.line, 2);
  assert.match(e.message, /undefined entity &nbsp;/);
  assert.match(xmlError(() => readXml('<a>a & b</a>')).message, /bare "&"/);
  assert.match(xmlError(() => readXml('<a>&#0;</a>')).message, /not a valid XML character/);
  assert.match(xmlError(() => readXml('<a>&#xD800;</a>')).message, /not a valid XML character/);
});

test('billion laughs: the DOCTYPE is skipped and its entities are not expanded', () => {
  const lol = [
    '<?xml version="1.0"?>',
    '<!DOCTYPE lolz [',
    ' <!ENTITY lol "lol">',
    ' <!ELEMENT lolz (#PCDATA)>',
    ...Array.from({ length: 9 }, (_, i) => ` <!ENTITY lol${i + 1} "${`&lol${i === 0 ? '' : i};`.repeat(10)}">`),
    ' <!-- a comment with ] and > inside -->',
    ' <!ENTITY tricky "]>">',
    ']>',
    '<lolz>&lol9;</lolz>',
  ].join('\n');
  const started = Date.now();
  const e = xmlError(() => readXml(lol));
  assert.ok(Date.now() - started < 1000);
  assert.match(e.message, /undefined entity &lol9;/);
  assert.equal(e.line, 17);
  // Without a reference, the document reads fine and the declarations are ignored.
  assert.equal(readXml(lol.replace('&lol9;', 'ok')).text, 'ok');
});

test('deep nesting stops at the depth limit without overflowing the stack', () => {
  const depth = 200_000;
  const deep = '<a>'.repeat(depth) + '</a>'.repeat(depth);
  const e = xmlError(() => readXml(deep));
  assert.match(e.message, /nested too deeply/);
  // Below the limit, nesting is fine.
  assert.equal(readXml('<a>'.repeat(60) + 'x' + '</a>'.repeat(60)).name, 'a');
});

test('element, attribute and size limits', () => {
  assert.match(xmlError(() => readXml('<a>' + '<b/>'.repeat(50) + '</a>', { maxElements: 10 })).message, /too many elements/);
  assert.match(xmlError(() => readXml('<a ' + Array.from({ length: 5 }, (_, i) => `x${i}="1"`).join(' ') + '/>', { maxAttributes: 3 })).message, /too many attributes/);
  assert.match(xmlError(() => readXml('<a>' + 'x'.repeat(100) + '</a>', { maxChars: 50 })).message, /too large/);
});

test('structure errors: two roots, text outside the root, empty document, bad attributes', () => {
  assert.match(xmlError(() => readXml('<a/>\n<b/>')).message, /second root/);
  assert.equal(xmlError(() => readXml('<a/>\n<b/>')).line, 2);
  assert.match(xmlError(() => readXml('hello <a/>')).message, /text before the root/);
  assert.match(xmlError(() => readXml('<a/> trailing')).message, /text after the end/);
  assert.match(xmlError(() => readXml('<!-- only a comment -->')).message, /no root element/);
  assert.match(xmlError(() => readXml('<a x="1" x="2"/>')).message, /appears twice/);
  assert.match(xmlError(() => readXml('<a x=1/>')).message, /quoted value/);
  assert.match(xmlError(() => readXml('<a x="<"/>')).message, /"<" is not allowed/);
  assert.match(xmlError(() => readXml('<1a/>')).message, /expected an element name/);
});

test('onRoot can reject the document at its first tag', () => {
  const e = xmlError(() =>
    readXml('<html>\n<body><p>unclosed', {
      onRoot: (name, line) => {
        throw new XmlError(`root is ${name}`, line);
      },
    }),
  );
  assert.equal(e.message, 'root is html');
  assert.equal(e.line, 1);
});
