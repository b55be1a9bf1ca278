// A new article from each built-in template fits that template: no structure finding except the placeholders
// that mark what is left to write, in both languages.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { builtinTemplates } from './registry';
import { articleFileName, newArticle } from './new-article';
import { lintText } from '../testing/lint-text';

for (const template of builtinTemplates()) {
  for (const lang of ['zh-cn', 'en'] as const) {
    test(`new ${template.id} article (${lang}) has every section in order and a matching title`, async () => {
      const text = newArticle(template, { subject: lang === 'zh-cn' ? 'H200 推理' : 'H200 inference', lang, date: '2026-11-25' });
      assert.match(text, /^---\ntemplate: \w+\ndate: 2026-11-25\n---\n\n# /);
      assert.ok(text.includes('H200'), 'the subject replaces the placeholder');
      const findings = await lintText(text);
      const structural = findings.filter((f) => f.ruleId.startsWith('template/') && !['template/placeholder', 'template/requires-table', 'template/requires-code'].includes(f.ruleId));
      assert.deepEqual(structural.map((f) => `${f.ruleId}: ${f.message}`), []);
      assert.ok(findings.some((f) => f.ruleId === 'template/placeholder'), 'stubs are marked as still to write');
    });
  }
}

test('file names keep Chinese and drop punctuation', () => {
  assert.equal(articleFileName('RTX 4090：显存评测!', builtinTemplates()[0]), 'rtx-4090-显存评测-review.md');
  assert.equal(articleFileName('  ', builtinTemplates()[1]), 'tutorial-tutorial.md');
});
