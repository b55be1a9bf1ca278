import { test } from 'node:test';
import assert from 'node:assert/strict';
import { Readable } from 'node:stream';
import zlib from 'node:zlib';
import { extractAnchors, fragmentToCheck, hasAnchor, isHtmlContentType, readBodyText } from './anchors';

test('extractAnchors: ids of any element, names of <a>, quoted, unquoted and entity-encoded values', () => {
  const anchors = extractAnchors(`<!DOCTYPE html>
    <h1 ID="Title">T</h1><section id=unquoted class=x><h2 id='single'>s</h2></section>
    <a name="legacy-name">old</a><input name="not-an-anchor">
    <p data-id="nope" id = "spaced">x</p><div id="a&amp;b">&amp;</div><div id="&#x41;&#66;">AB</div>
    <img src="x.png" id="self-closing"/><br/><div hidden id="after-boolean"></div>`);
  for (const id of ['Title', 'unquoted', 'single', 'legacy-name', 'spaced', 'a&b', 'AB', 'self-closing', 'after-boolean']) assert.ok(anchors.has(id), id);
  for (const id of ['not-an-anchor', 'nope', 'title']) assert.ok(!anchors.has(id), id);
});

test('extractAnchors: comments, scripts, styles and titles are not anchors; GitHub user-content- ids count both ways', () => {
  const anchors = extractAnchors(`<title><b id="in-title"></b></title>
    <!-- <h2 id="commented"> --><style>#x { } /* <a id="in-style"> */</style>
    <script>document.write('<h2 id="in-script">')</script>
    <h2><a id="user-content-getting-started" href="#getting-started"></a>Getting started</h2>
    <script type="application/json">{"richText":"<h2 id=\\"user-content-from-json\\">x</h2>"}</script>
    <h2 id="real">real</h2>`);
  assert.ok(anchors.has('real'));
  assert.ok(anchors.has('getting-started'));
  assert.ok(anchors.has('user-content-getting-started'));
  assert.ok(anchors.has('from-json'), "GitHub's code view embeds the README as JSON");
  for (const id of ['in-title', 'commented', 'in-style', 'in-script']) assert.ok(!anchors.has(id), id);
});

test('extractAnchors survives broken HTML and is linear on hostile input', () => {
  assert.deepEqual([...extractAnchors('<div id="unterminated')], ['unterminated']);
  assert.deepEqual([...extractAnchors('<!-- never closed <a id="x">')], []);
  assert.deepEqual([...extractAnchors('<script><a id="x">')], []);
  assert.deepEqual([...extractAnchors('< a id="x"> <3 <')], []);
  const hostile = '<a '.repeat(200_000) + '<div id="' + '"'.repeat(100_000) + '<' + 'x='.repeat(200_000);
  const started = Date.now();
  extractAnchors(hostile);
  assert.ok(Date.now() - started < 10_000, `took ${Date.now() - started} ms (a quadratic scan would take minutes)`);
});

test('fragmentToCheck: skips what is not an anchor (top, text fragments, hash routes, GitHub line numbers)', () => {
  const f = (u: string) => fragmentToCheck(new URL(u));
  assert.equal(f('https://example.com/a#setup'), 'setup');
  assert.equal(f('https://example.com/a#caf%C3%A9'), 'caf%C3%A9');
  assert.equal(f('https://example.com/a#sec:~:text=hello'), 'sec');
  for (const u of [
    'https://example.com/a',
    'https://example.com/a#',
    'https://example.com/a#top',
    'https://example.com/a#:~:text=hello',
    'https://app.example.com/#/settings',
    'https://app.example.com/#!/settings',
    'https://github.com/o/r/blob/main/x.py#L10',
    'https://github.com/o/r/blob/main/x.py#L10-L20',
  ]) {
    assert.equal(f(u), undefined, u);
  }
  assert.equal(f('https://example.com/x.py#L10'), 'L10', 'line anchors are only skipped on GitHub');
});

test('hasAnchor matches the percent-decoded fragment too', () => {
  const anchors = new Set(['café', 'a b', 'plain']);
  assert.ok(hasAnchor(anchors, 'caf%C3%A9'));
  assert.ok(hasAnchor(anchors, 'a%20b'));
  assert.ok(hasAnchor(anchors, 'plain'));
  assert.ok(!hasAnchor(anchors, 'Plain'), 'ids are case-sensitive');
  assert.ok(!hasAnchor(anchors, '%E0%A4%A'), 'a malformed escape is not a crash');
});

test('isHtmlContentType', () => {
  assert.ok(isHtmlContentType('text/html; charset=utf-8'));
  assert.ok(isHtmlContentType('application/xhtml+xml'));
  assert.ok(!isHtmlContentType('application/pdf'));
  assert.ok(!isHtmlContentType(undefined));
});

test('readBodyText stops at the cap (also for a compression bomb) and says the body was cut', async () => {
  const plain = await readBodyText(Readable.from([Buffer.from('a'.repeat(1000)), Buffer.from('b'.repeat(1000))]), 1500);
  assert.equal(plain.text.length, 1500);
  assert.equal(plain.truncated, true);
  const small = await readBodyText(Readable.from([Buffer.from('<p id="x">')]), 1500);
  assert.deepEqual(small, { text: '<p id="x">', truncated: false });
  const exact = await readBodyText(Readable.from([Buffer.from('1234')]), 4);
  assert.deepEqual(exact, { text: '1234', truncated: false });
  const bomb = zlib.gzipSync(Buffer.alloc(50 * 1024 * 1024, 0x20)); // 50 MiB of spaces, ~50 KiB zipped
  const unzipped = await readBodyText(Readable.from([bomb]), 64 * 1024, 'gzip');
  assert.equal(unzipped.text.length, 64 * 1024);
  assert.equal(unzipped.truncated, true);
  const br = await readBodyText(Readable.from([zlib.brotliCompressSync(Buffer.from('<h1 id="br">'))]), 1024, 'br');
  assert.equal(br.text, '<h1 id="br">');
});
