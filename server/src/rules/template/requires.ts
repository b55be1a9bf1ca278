// template/requires-table, template/requires-code, template/requires-image: a section whose template says
// "requires: table" (code, image) has none, counting its sub-sections. The built-in review template requires
// tables in its specs, benchmark and cost sections; the tutorial requires code in its configuration and
// implementation sections (the seed's quality checklist: data-driven, practical, visual).
import type { DocumentRule } from '../types';
import type { Requirement } from '../../templates/template';
import { featuresIn, sectionOf } from '../../markdown/document-view';
import { q } from '../../base/i18n';

const WHAT: Record<Requirement, { en: string; zh: string }> = {
  table: { en: 'a table', zh: '表格' },
  code: { en: 'a code block', zh: '代码块' },
  image: { en: 'an image', zh: '图片' },
};

function requiresRule(kind: Requirement, docs: DocumentRule['docs']): DocumentRule {
  return {
    id: `template/requires-${kind}`,
    scope: 'document',
    defaultSeverity: 'warning',
    docs,
    check({ doc, template, report }) {
      if (!template) return;
      for (const f of template.found) {
        if (!f.section.requires.includes(kind)) continue;
        const features = featuresIn(doc, sectionOf(doc, f.heading));
        if (features.some((x) => x.kind === kind)) continue;
        // An empty section is reported by template/empty-section; one finding is enough.
        if (!features.some((x) => x.kind === 'content')) continue;
        report({
          range: doc.range(f.heading),
          message: { en: `Section ${q(f.heading.text)} should contain ${WHAT[kind].en}.`, zh: `小节${q(f.heading.text)}应包含${WHAT[kind].zh}。` },
        });
      }
    },
  };
}

export const requiresTable = requiresRule('table', {
  summary: 'A section that the template marks "requires: table" has no table.',
  rationale: 'Benchmarks and cost analyses are read as numbers side by side; prose hides them (checklist: data-driven).',
  bad: '---\ntemplate: review\n---\n\n# H100 深度评测：性能、成本与最佳实践\n\n## 性能测试\n\n吞吐提升明显。\n',
  good: '---\ntemplate: review\n---\n\n# H100 深度评测：性能、成本与最佳实践\n\n## 性能测试\n\n| 模型 | tokens/s |\n|---|---:|\n| Llama 3 70B | 3100 |\n',
});

export const requiresCode = requiresRule('code', {
  summary: 'A section that the template marks "requires: code" has no code block.',
  rationale: 'Tutorial steps must be reproducible: readers copy the commands (checklist: practical).',
  bad: '---\ntemplate: tutorial\n---\n\n# 从零开始：ComfyUI 完整部署指南\n\n## 基础配置\n\n按官方文档配置即可。\n',
  good: '---\ntemplate: tutorial\n---\n\n# 从零开始：ComfyUI 完整部署指南\n\n## 基础配置\n\n```bash\ndocker run -it --gpus all comfyui\n```\n',
});

export const requiresImage = requiresRule('image', {
  summary: 'A section that the template marks "requires: image" has no image.',
  rationale: 'Screenshots for steps and charts for data (checklist: visual).',
  bad: '---\ntemplate: team\n---\n\n# T\n\n## 架构\n\n文字描述。\n',
  good: '---\ntemplate: team\n---\n\n# T\n\n## 架构\n\n![架构图](arch.png)\n',
  files: { '.benchpress/templates/team.md': '# [主题]\n\n## 架构\n\n> requires: image\n', 'arch.png': 'png' },
});
