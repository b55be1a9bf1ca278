import type { DocumentRule } from '../types';
import { insertSectionEdit, sectionTitle } from '../../templates/edits';
import { q } from '../../base/i18n';

/**
 * template/missing-section — a section the draft's template requires has no heading in the draft.
 * The finding sits on the title; its quick fix inserts the heading where the template order puts it, at the
 * draft's heading level, numbered like the draft's other sections, with the template's stub text under it.
 */
export const missingSection: DocumentRule = {
  id: 'template/missing-section',
  scope: 'document',
  defaultSeverity: 'warning',
  docs: {
    summary: 'A section that the article template requires is missing.',
    rationale: 'The team\'s templates encode what readers expect from a review or a tutorial (e.g. a troubleshooting section); a missing one is usually forgotten, not dropped on purpose.',
    bad: '---\ntemplate: tutorial\n---\n\n# 从零开始：Docker 完整部署指南\n\n## 📋 目录\n\n1. 环境准备\n\n## 🎯 核心要点\n\n- 可复现\n\n## 1. 环境准备\n\n安装 Docker。\n',
    good: '---\ntemplate: tutorial\n---\n\n# 从零开始：Docker 完整部署指南\n\n## 📋 目录\n## 🎯 核心要点\n## 环境准备\n## 基础配置\n## 核心功能实现\n## 性能优化\n## 监控与维护\n## 故障排除\n',
  },
  check({ doc, template, report }) {
    if (!template) return;
    const anchor = template.title ?? doc.headings[0];
    const range = anchor ? doc.range(anchor) : { start: { line: 0, character: 0 }, end: { line: 0, character: 0 } };
    for (const { section, index } of template.missing) {
      const name = sectionTitle(section, doc.language);
      const previous = template.found.filter((f) => f.index < index).sort((a, b) => b.index - a.index)[0];
      const where = previous ? { en: ` (after ${q(previous.heading.text)})`, zh: `（应在${q(previous.heading.text)}之后）` } : { en: '', zh: '' };
      report({
        range,
        message: {
          en: `Missing section ${q(name)}${where.en}, required by the ${template.template.id} template.`,
          zh: `缺少${q(name)}小节${where.zh}，${template.template.id} 模板要求包含。`,
        },
        fixes: [{ title: doc.language === 'zh-cn' ? `插入小节${q(name)}` : `Insert section ${q(name)}`, edits: [insertSectionEdit(doc, template, index)], safe: false }],
        data: { section: section.name, template: template.template.id },
      });
    }
  },
};
