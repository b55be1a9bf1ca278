// links/duplicate-definition: its fix removes a same-URL duplicate in fix-all only where the lines around it stay
// apart (fuzz case 2398011328: a duplicate between two block quotes; removing it joined them into one quote whose
// code block swallowed the second).
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { checkText, findingsOf } from '../../testing/lint-text';
import { safeFixEdits } from '../../engine/fix-all';
import { applyEdits } from '../../markdown/edits';

const fixAll = async (text: string) => applyEdits(text, safeFixEdits((await checkText(text)).findings.filter((f) => f.ruleId === 'links/duplicate-definition'))).text;

test('a duplicate with the same URL among definitions, or at the end, is removed by fix-all', async () => {
  const among = '[a] [x] [b]\n\n[a]: https://a.example\n[x]: https://x.example\n[x]: https://x.example\n[b]: https://b.example\n';
  assert.equal(await fixAll(among), '[a] [x] [b]\n\n[a]: https://a.example\n[x]: https://x.example\n[b]: https://b.example\n');
  const last = '[x]\n\n[x]: https://x.example\n> ```\n[x]: https://x.example\n';
  assert.equal(await fixAll(last), '[x]\n\n[x]: https://x.example\n> ```\n');
});

test('a duplicate between two block quotes is reported, with a fix, but fix-all leaves it (the quotes would join)', async () => {
  const text = '[x]: https://x.example\n> ```\n[x]: https://x.example\n> `\n\n[x]\n';
  assert.equal((await findingsOf('links/duplicate-definition', text)).length, 1);
  assert.equal((await findingsOf('links/duplicate-definition', text))[0].fixes?.length, 1, 'still offered as a quick fix');
  assert.equal(await fixAll(text), text);
});
