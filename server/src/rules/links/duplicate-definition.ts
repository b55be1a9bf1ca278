import type { DocumentRule } from '../types';
import { localize } from '../../base/i18n';
import { isCommentDefinition } from './comment-definitions';
import { removalKeepsBlocks, wholeLinesEdit } from '../../markdown/edits';

/**
 * links/duplicate-definition — the same id is defined twice. CommonMark uses the first definition and silently
 * ignores the rest. Removing a duplicate that points to the same URL is a safe fix — unless the lines around it
 * would join (a block quote above and below: the quote and what it holds would run on).
 */
export const duplicateDefinition: DocumentRule = {
  id: 'links/duplicate-definition',
  scope: 'document',
  defaultSeverity: 'warning',
  docs: {
    summary: 'A link or footnote id is defined more than once.',
    rationale: 'Only the first definition counts; a later one with a different URL is silently ignored.',
    bad: '[H100][nv]\n\n[nv]: https://www.nvidia.com/\n[nv]: https://developer.nvidia.com/\n',
    good: '[H100][nv]\n\n[nv]: https://www.nvidia.com/\n',
  },
  check({ doc, report, locale }) {
    const first = new Map<string, (typeof doc.definitions)[number]>();
    for (const d of doc.definitions) {
      if (isCommentDefinition(d)) continue;
      const key = `${d.kind}:${d.id}`;
      const earlier = first.get(key);
      if (!earlier) {
        first.set(key, d);
        continue;
      }
      const line = doc.lines.positionAt(earlier.start).line + 1;
      const same = d.kind === 'link' && d.url === earlier.url;
      report({
        range: doc.range(d),
        message: same
          ? { en: `[${d.label}] is already defined on line ${line} with the same URL.`, zh: `[${d.label}] 已在第 ${line} 行定义过（URL 相同）。` }
          : { en: `[${d.label}] is already defined on line ${line}; this definition is ignored.`, zh: `[${d.label}] 已在第 ${line} 行定义过；此处的定义不会生效。` },
        fixes: [{ title: localize({ en: `Remove duplicate definition [${d.label}]`, zh: `删除重复的定义 [${d.label}]` }, locale), edits: [wholeLinesEdit(doc, d)], safe: same && removalKeepsBlocks(doc, d) }],
      });
    }
  },
};
