import type { DocumentRule } from '../types';
import { GENERIC_PLACEHOLDERS } from '../../templates/template';

/**
 * template/placeholder — a template placeholder such as `[产品名称]`, `[技术主题]` or `[待补充]` is still in
 * the draft (outside code). The quick fix selects it as a snippet so the writer types over it.
 */
export const placeholder: DocumentRule = {
  id: 'template/placeholder',
  scope: 'document',
  defaultSeverity: 'warning',
  docs: {
    summary: 'A template placeholder was left in the draft.',
    rationale: 'Placeholders copied from the template ("[产品名称]") are embarrassing when published.',
    bad: '---\ntemplate: review\n---\n\n# [产品名称] 深度评测：性能、成本与最佳实践\n',
    good: '---\ntemplate: review\n---\n\n# RTX 5090 深度评测：性能、成本与最佳实践\n',
  },
  check({ doc, template, report }) {
    const names = new Map<string, string>();
    for (const p of [...(template?.template.placeholders ?? []), ...GENERIC_PLACEHOLDERS]) names.set(p.toLowerCase(), p);
    for (const bracket of doc.brackets) {
      const text = bracket.text.trim();
      // "[待补充] …" and "[TODO: …]" count too.
      const key = names.has(text.toLowerCase()) ? text.toLowerCase() : text.split(/[:：\s]/)[0].toLowerCase();
      if (!names.has(key)) continue;
      if (doc.definitions.some((d) => d.id === text.toUpperCase())) continue;
      report({
        range: doc.range(bracket),
        message: { en: `Placeholder [${text}] is still in the draft.`, zh: `草稿中还留有占位符 [${text}]。` },
        fixes: [{ title: doc.language === 'zh-cn' ? `替换占位符 [${text}]` : `Replace placeholder [${text}]`, edits: [{ range: doc.range(bracket), newText: `\${1:${text.replace(/[$}\\]/g, '\\$&')}}` }], safe: false, snippet: true, preferred: true }],
      });
    }
  },
};
