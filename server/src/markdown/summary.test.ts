// Bare URLs in prose become links (to check) and leave the prose (no topic or figure inside a URL); code, link
// texts and angle-bracket autolinks are not bare URLs.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { findBareUrls, summarize } from './summary';
import { parseMarkdown } from './parse';

test('bare URLs end at spaces, Chinese text, full-width and trailing punctuation, and unbalanced parentheses', () => {
  const urls = (t: string) => findBareUrls(t).map((u) => u.url);
  assert.deepEqual(urls('see https://docs.runpod.io/serverless. Then'), ['https://docs.runpod.io/serverless']);
  assert.deepEqual(urls('见https://x.com/a?b=1获取详情'), ['https://x.com/a?b=1']);
  assert.deepEqual(urls('(https://en.wikipedia.org/wiki/Foo_(bar))'), ['https://en.wikipedia.org/wiki/Foo_(bar)']);
  assert.deepEqual(urls('www.nvidia.com/en-us，更多'), ['http://www.nvidia.com/en-us']);
  assert.deepEqual(urls('http:// nothing, a@www.x.com, xhttps://x.com'), []);
});

test('a paragraph: bare URL found and blanked from prose; link text, inline code and <autolinks> are not bare', () => {
  const text = '访问 https://www.runpod.io/pricing 查看 H100 价格，[https://in.link/text](https://target.example) 和 `https://code.example` 以及 <https://angle.example>。\n';
  const summary = summarize(parseMarkdown(text), text);
  assert.deepEqual(summary.links.map((l) => [l.kind, l.url]).sort(), [
    ['autolink', 'https://angle.example'],
    ['bare', 'https://www.runpod.io/pricing'],
    ['link', 'https://target.example'],
  ]);
  const bare = summary.links.find((l) => l.kind === 'bare')!;
  assert.equal(text.slice(bare.urlSpan.start, bare.urlSpan.end), 'https://www.runpod.io/pricing');
  assert.ok(!summary.prose[0].text.includes('runpod.io'), 'the URL is not prose');
  assert.ok(summary.prose[0].text.includes('H100'), 'the rest of the sentence is');
});
