// Fix-all leaves text that looks like a spec token alone, well formed or not (fuzz, case 3973195442: a `{{gpu:`
// whose `}}` came cells later in a table row, and a product name and a bare URL fixed inside it).
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { checkText } from '../testing/lint-text';
import { fixAllText } from './fix-all';

const fixAll = async (text: string) => {
  const recheck = async (t: string) => (await checkText(t)).findings;
  return (await fixAllText(text, await recheck(text), recheck)).text;
};

test('no fix edits inside `{{gpu:…}}`, even a malformed one; fixes around it still apply', async () => {
  const row = '| 模型 | {{gpu:h100 | 见 https://e.com/x | 使用 HuggingFace }} | b |\n';
  const text = `| x | y | z |\n|---|---|---|\n${row}\n使用 HuggingFace 下载，见 https://e.com/y 。\n`;
  const fixed = await fixAll(text);
  assert.ok(fixed.includes(row), fixed);
  assert.ok(fixed.includes('使用 Hugging Face 下载，见 <https://e.com/y> 。'), fixed);
  // A fix that only touches a token from outside (an insertion next to it) still applies.
  assert.equal(await fixAll('Run on{{gpu:h100-sxm.memoryGB}} GB, see https://e.com/z\n'), 'Run on{{gpu:h100-sxm.memoryGB}} GB, see <https://e.com/z>\n');
});
