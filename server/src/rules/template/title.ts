import type { DocumentRule } from '../types';
import { titleSimilarity } from '../../templates/resolve';
import { q } from '../../base/i18n';

/**
 * template/title — the draft has exactly one `#` title, and it follows one of the template's title patterns
 * (the literal words of the pattern, in order, with placeholders standing for anything; 60 % of them suffice,
 * so "RTX 4090 深度评测：AI 推理性能、成本与最佳实践" fits "[产品名称] 深度评测：性能、成本与最佳实践").
 */
export const title: DocumentRule = {
  id: 'template/title',
  scope: 'document',
  defaultSeverity: 'warning',
  docs: {
    summary: 'The draft has one title, and it follows the template\'s title pattern.',
    rationale: 'Series titles are how readers and search engines recognise the kind of article.',
    bad: '---\ntemplate: review\n---\n\n# 我的显卡笔记\n',
    good: '---\ntemplate: review\n---\n\n# RTX 4090 深度评测：性能、成本与最佳实践\n',
  },
  check({ doc, template, report }) {
    const titles = doc.headings.filter((h) => h.level === 1 && h.topLevel);
    for (const extra of titles.slice(1)) {
      report({ range: doc.range(extra), message: { en: 'A draft has one title (#); use ## for sections.', zh: '一篇文章只有一个一级标题（#）；小节请用 ##。' } });
    }
    if (!template) return;
    const patterns = template.template.titlePatterns;
    if (!doc.title) {
      if (patterns.length === 0) return;
      report({
        range: { start: { line: 0, character: 0 }, end: { line: 0, character: 0 } },
        message: { en: `The draft has no title; the ${template.template.id} template expects ${q(patterns[0])}.`, zh: `草稿没有标题；${template.template.id} 模板的标题格式是${q(patterns[0])}。` },
      });
      return;
    }
    if (patterns.length === 0 || titleSimilarity(doc.title.text, template.template) >= 0.6) return;
    report({
      range: doc.range(doc.title),
      severity: 'info',
      message: { en: `The title does not follow the template pattern ${patterns.map(q).join(' / ')}.`, zh: `标题不符合模板格式${patterns.map(q).join(' / ')}。` },
    });
  },
};
