import type { DocumentRule } from '../types';
import { localize } from '../../base/i18n';
import { suggesterFor, type Suggester } from '../../base/closest';

/**
 * links/undefined-reference — a reference link `[text][id]` (or `[text][]`, `[^note]`) whose id has no definition.
 * Labels match as CommonMark matches them: case-insensitively, with runs of spaces collapsed. Shortcut
 * references (`[id]` alone) are not reported, because brackets in prose ("[1]", "[产品名称]") look the same.
 */
export const undefinedReference: DocumentRule = {
  id: 'links/undefined-reference',
  scope: 'document',
  defaultSeverity: 'warning',
  docs: {
    summary: 'A reference link or footnote points to an id that is not defined anywhere in the document.',
    rationale: 'Such a link renders as literal brackets: the reader sees "[text][id]" instead of a link.',
    bad: 'See the [H100 datasheet][h100-ds].\n\n[h100]: https://www.nvidia.com/en-us/data-center/h100/\n',
    good: 'See the [H100 datasheet][h100].\n\n[h100]: https://www.nvidia.com/en-us/data-center/h100/\n',
  },
  check({ doc, report, locale }) {
    const linkIds = new Map<string, string>();
    const footnoteIds = new Set<string>();
    for (const d of doc.definitions) {
      if (d.kind === 'footnote') footnoteIds.add(d.id);
      else if (!linkIds.has(d.id)) linkIds.set(d.id, d.label);
    }
    let suggester: Suggester | undefined;
    for (const ref of doc.references) {
      if (ref.parsed) continue;
      const defined = ref.kind === 'footnote' ? footnoteIds.has(ref.id) : linkIds.has(ref.id);
      if (defined) continue;
      const suggestion = ref.kind === 'footnote' ? undefined : (suggester ??= suggesterFor(linkIds.values())).closest(ref.label);
      const range = doc.range(ref.labelSpan);
      report({
        range: doc.range(ref),
        message: ref.kind === 'footnote'
          ? { en: `Footnote [^${ref.label}] is not defined.`, zh: `脚注 [^${ref.label}] 没有定义。` }
          : { en: `Reference [${ref.label}] is not defined${suggestion ? `; did you mean [${suggestion}]?` : '.'}`, zh: `引用 [${ref.label}] 没有定义${suggestion ? `；是否想用 [${suggestion}]？` : '。'}` },
        fixes: suggestion ? [{ title: localize({ en: `Change to [${suggestion}]`, zh: `改为 [${suggestion}]` }, locale), edits: [{ range, newText: suggestion }], safe: false, preferred: true }] : undefined,
      });
    }
  },
};
