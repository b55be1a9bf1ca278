import type { DocumentRule } from '../types';
import { featuresIn, sectionOf } from '../../markdown/document-view';
import { q } from '../../base/i18n';

/**
 * template/empty-section — a template section has a heading but nothing under it (an HTML comment alone does
 * not count). Sub-sections with content count as content. The contents section is checked by toc-mismatch.
 */
export const emptySection: DocumentRule = {
  id: 'template/empty-section',
  scope: 'document',
  defaultSeverity: 'warning',
  docs: {
    summary: 'A template section is empty.',
    rationale: 'An empty heading left from the template is easy to miss in a long draft and looks broken when published.',
    bad: '---\ntemplate: tutorial\n---\n\n# 从零开始：vLLM 完整部署指南\n\n## 故障排除\n\n## 附录\n\n链接。\n',
    good: '---\ntemplate: tutorial\n---\n\n# 从零开始：vLLM 完整部署指南\n\n## 故障排除\n\n显存不足时降低 `--max-model-len`。\n',
  },
  check({ doc, template, report }) {
    if (!template) return;
    for (const f of template.found) {
      if (f.section.role === 'toc') continue;
      const section = sectionOf(doc, f.heading);
      if (featuresIn(doc, section).some((x) => x.kind === 'content')) continue;
      report({ range: doc.range(f.heading), message: { en: `Section ${q(f.heading.text)} is empty.`, zh: `小节${q(f.heading.text)}没有内容。` } });
    }
  },
};
