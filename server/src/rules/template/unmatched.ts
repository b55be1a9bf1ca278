import type { DocumentRule } from '../types';

/**
 * template/unmatched — a draft that looks like an article (a title and sections) fits no template, so no
 * structure check runs. One hint on the title says how to pick a template; nothing else is reported.
 */
export const unmatched: DocumentRule = {
  id: 'template/unmatched',
  scope: 'document',
  defaultSeverity: 'hint',
  docs: {
    summary: 'The draft fits no template; a hint says how to choose one.',
    rationale: 'A draft that is meant to follow a template but drifted too far would otherwise get no structure checks at all.',
    bad: '# 随笔\n\n## 第一部分\n\n文字。\n\n## 第二部分\n\n文字。\n',
    good: '---\ntemplate: none\n---\n\n# 随笔\n\n## 第一部分\n\n文字。\n',
  },
  check({ doc, template, templateResolution, templates, report }) {
    if (template || templateResolution.disabled || templateResolution.unknown || !doc.title) return;
    if (doc.headings.filter((h) => h.topLevel && h.level === 2).length < 2) return;
    const ids = [...templates.keys()].join(', ');
    report({
      range: doc.range(doc.title),
      message: {
        en: `No article template fits this draft. To check its structure, add "template: <id>" to the front matter (${ids}); "template: none" silences this hint.`,
        zh: `没有匹配的文章模板。如需检查结构，请在 front matter 中加入“template: <id>”（${ids}）；写“template: none”可关闭此提示。`,
      },
    });
  },
};
