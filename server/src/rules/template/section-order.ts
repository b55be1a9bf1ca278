import type { DocumentRule } from '../types';
import { q } from '../../base/i18n';

/** Indices (into `values`) of one longest increasing subsequence: the sections that are in order. */
function inOrder(values: number[]): Set<number> {
  const tails: number[] = [];
  const previous: number[] = new Array(values.length).fill(-1);
  for (let i = 0; i < values.length; i++) {
    let low = 0;
    let high = tails.length;
    while (low < high) {
      const mid = (low + high) >> 1;
      if (values[tails[mid]] < values[i]) low = mid + 1;
      else high = mid;
    }
    if (low > 0) previous[i] = tails[low - 1];
    tails[low] = i;
  }
  const keep = new Set<number>();
  for (let i = tails[tails.length - 1] ?? -1; i >= 0; i = previous[i]) keep.add(i);
  return keep;
}

/**
 * template/section-order — the draft has the template's sections, but not in the template's order. It reports
 * the fewest sections that, moved, would restore the order. Moving sections is left to the writer.
 */
export const sectionOrder: DocumentRule = {
  id: 'template/section-order',
  scope: 'document',
  defaultSeverity: 'warning',
  docs: {
    summary: 'Template sections appear in a different order than the template gives.',
    rationale: 'Readers of a series expect the same structure in every article (specs before benchmarks, conclusion last).',
    bad: '---\ntemplate: review\n---\n\n# RTX 4090 深度评测：性能、成本与最佳实践\n\n## 性能测试\n\n| a |\n|---|\n| 1 |\n\n## 技术规格分析\n\n| a |\n|---|\n| 1 |\n',
    good: '---\ntemplate: review\n---\n\n# RTX 4090 深度评测：性能、成本与最佳实践\n\n## 技术规格分析\n\n| a |\n|---|\n| 1 |\n\n## 性能测试\n\n| a |\n|---|\n| 1 |\n',
  },
  check({ doc, template, report }) {
    if (!template || template.found.length < 2) return;
    const found = template.found;
    const keep = inOrder(found.map((f) => f.index));
    found.forEach((f, i) => {
      if (keep.has(i)) return;
      const anchor = found.filter((g, j) => keep.has(j) && g.index < f.index).sort((a, b) => b.index - a.index)[0];
      const next = found.filter((g, j) => keep.has(j) && g.index > f.index).sort((a, b) => a.index - b.index)[0];
      const message = anchor
        ? { en: `Section ${q(f.heading.text)} is out of order: the template puts it after ${q(anchor.heading.text)}.`, zh: `小节${q(f.heading.text)}顺序不对：模板要求它在${q(anchor.heading.text)}之后。` }
        : { en: `Section ${q(f.heading.text)} is out of order: the template puts it before ${q(next!.heading.text)}.`, zh: `小节${q(f.heading.text)}顺序不对：模板要求它在${q(next!.heading.text)}之前。` };
      report({ range: doc.range(f.heading), message });
    });
  },
};
