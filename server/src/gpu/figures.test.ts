// Sentence ends decide which figures a GPU name vouches for ("H100 … 80 GB" in one sentence, not across two). The
// scan must end sentences exactly where the regular expression it replaced did.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { sentenceEnds } from './figures';

const REFERENCE = /[。!?;…]|\.(?=\s|$)|(?: {2,}|\\)\r?\n/g;
const reference = (text: string) => [...text.matchAll(REFERENCE)].map((m) => m.index! + m[0].length);

test('sentence ends: full stops before white space or the end, CJK and ASCII marks, hard breaks; not soft breaks', () => {
  const text = 'H100 has 80 GB. It is fast! 显存。Really?  \nNext\\\nline\nsoft break v1.5 and 3.5.';
  assert.deepEqual(sentenceEnds(text), reference(text));
  const sentences = sentenceEnds(text).map((end, i, ends) => text.slice(i === 0 ? 0 : ends[i - 1], end));
  assert.deepEqual(sentences, ['H100 has 80 GB.', ' It is fast!', ' 显存。', 'Really?', '  \n', 'Next\\\n', 'line\nsoft break v1.5 and 3.5.']);
});

test('sentence ends: the same as the regular expression on 20,000 generated texts', () => {
  const pieces = ['a', ' ', '  ', '   ', '.', '. ', '\n', '\r\n', '\r', '\\', '。', '!', '?', ';', '…', '\u00a0', '\u3000', 'H100', '80 GB', '\t', '.\n'];
  let seed = 20261205;
  const random = () => ((seed = (Math.imul(seed, 1664525) + 1013904223) >>> 0) / 4294967296);
  for (let k = 0; k < 20_000; k++) {
    let text = '';
    for (let n = Math.floor(random() * 24); n > 0; n--) text += pieces[Math.floor(random() * pieces.length)];
    assert.deepEqual(sentenceEnds(text), reference(text), JSON.stringify(text));
  }
});
