import { test } from 'node:test';
import assert from 'node:assert/strict';
import { rehearsalOffsets } from './rehearsal';

const paragraph = (i: number) => `第 ${i} 段：这张显卡在长时间推理时的功耗和温度都比上一代低，writers measure it the same way every time.`;

/** A draft of sections with a heading, a paragraph, a list, a table and a code block each. */
function draft(sections: number): string {
  const out: string[] = [];
  for (let i = 0; i < sections; i++) {
    out.push(`## 第 ${i} 节 Section heading long enough to count`, '', paragraph(i), '', '- a list item that is long enough to be a candidate', '', '| 型号 | 显存 long enough row |', '| --- | --- |', '', '```text', 'code line that is long enough to be a candidate', '```', '');
  }
  return out.join('\n');
}

test('rehearsal edits land in the middle of paragraphs of the middle half, between letters, spread out', () => {
  const text = draft(40);
  const offsets = rehearsalOffsets(text, 10);
  assert.equal(offsets.length, 10);
  for (const at of offsets) {
    assert.ok(at >= text.length / 4 && at < (text.length * 3) / 4, `offset ${at} of ${text.length}`);
    const lineStart = text.lastIndexOf('\n', at - 1) + 1;
    const line = text.slice(lineStart, text.indexOf('\n', at));
    assert.match(line, /^第 \d+ 段/, `an edit in a paragraph, not in ${JSON.stringify(line)}`);
    assert.match(text.slice(at - 1, at + 2), /^\p{L}{3}$/u);
  }
  // Spread over the candidates, not the first ten in a row.
  const paragraphNumbers = offsets.map((at) => Number(/^第 (\d+) 段/.exec(text.slice(text.lastIndexOf('\n', at - 1) + 1))![1]));
  assert.ok(paragraphNumbers.at(-1)! - paragraphNumbers[0] >= 15, `paragraphs ${paragraphNumbers}`);
});

test('a draft without prose in its middle half (all code) has nowhere to rehearse', () => {
  const code = ['```', ...Array.from({ length: 400 }, (_, i) => `这是第 ${i} 行代码里的一段很长的中文注释文字 comment`), '```', ''].join('\n');
  assert.deepEqual(rehearsalOffsets(code, 10), []);
  assert.deepEqual(rehearsalOffsets('', 10), []);
});
