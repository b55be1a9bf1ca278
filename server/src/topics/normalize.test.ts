import { test } from 'node:test';
import assert from 'node:assert/strict';
import { foldText, foldedOnly } from './normalize';

test('foldedOnly gives the text foldText gives, for every kind of character it folds', () => {
  const texts = [
    'RTX 4090 and Run-Pod_x',
    '在 RunPod 上跑 ＲＴＸ４０９０，价格？',
    'ΣΑΣ final sigma, ß, İ, ﬁ, Ⅻ, ㍻',
    'e\u0301 and ¨ and ⑴ (NFKC makes spaces and brackets of these)',
    '\ud835 \udc00 \ud835\udc00 lone and paired surrogates, 😀',
    'nbsp\u00a0ideographic\u3000space — dash – en‐hyphen · middle・dot',
    'ｶﾞ half-width kana, \u0000 nul, \t tab\r\n',
    '',
  ];
  for (const text of texts) assert.equal(foldedOnly(text), foldText(text).text, JSON.stringify(text));
});
