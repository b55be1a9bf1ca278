import type { DocumentRule } from '../types';
import { areCopyableEntries, canAddContentsList, findContents, isPlainContentsList, regenerateContentsEdit } from '../../templates/contents';
import { headingKey } from '../../templates/normalize';
import { q } from '../../base/i18n';

/**
 * template/toc-mismatch — the contents list (目录 / Contents) does not match the draft's section headings:
 * entries with no heading, headings missing from the list, or a different order. The fix regenerates the
 * list from the headings, keeping its style (numbered or bulleted, plain or linked).
 */
export const tocMismatch: DocumentRule = {
  id: 'template/toc-mismatch',
  scope: 'document',
  defaultSeverity: 'warning',
  docs: {
    summary: 'The contents list does not match the section headings.',
    rationale: 'Sections get added, renamed and reordered while drafting; a stale contents list misleads readers.',
    bad: '# 从零开始：vLLM 完整部署指南\n\n## 📋 目录\n\n1. 环境准备\n2. 故障排除\n\n## 1. 环境准备\n\n文字。\n\n## 2. 基础配置\n\n文字。\n',
    good: '# 从零开始：vLLM 完整部署指南\n\n## 📋 目录\n\n1. 环境准备\n2. 基础配置\n\n## 1. 环境准备\n\n文字。\n\n## 2. 基础配置\n\n文字。\n',
  },
  check({ doc, template, report }) {
    const contents = findContents(doc, template);
    if (!contents) return;
    const { heading: tocHeading, list, entries } = contents;
    if (!list) {
      if (entries.length === 0 || !canAddContentsList(doc, contents)) return;
      report({
        range: doc.range(tocHeading),
        message: { en: 'The contents section has no list of sections.', zh: '目录小节里没有章节列表。' },
        fixes: [{ title: doc.language === 'zh-cn' ? '根据标题生成目录' : 'Generate the contents list from the headings', edits: [regenerateContentsEdit(doc, contents)], safe: areCopyableEntries(entries) }],
      });
      return;
    }
    const items = list.items.map((i) => headingKey(i.text));
    const headingKeys = entries.map((h) => headingKey(h.text));
    const headingSet = new Set(headingKeys);
    const itemSet = new Set(items);
    const stale = list.items.filter((_, i) => !headingSet.has(items[i])).map((i) => i.text);
    const missing = entries.filter((_, i) => !itemSet.has(headingKeys[i])).map((h) => h.text);
    const common = items.filter((k) => headingSet.has(k));
    const orderDiffers = stale.length === 0 && missing.length === 0 && common.some((k, i) => k !== headingKeys[i]);
    if (stale.length === 0 && missing.length === 0 && !orderDiffers) return;
    const parts = { en: [] as string[], zh: [] as string[] };
    if (missing.length) {
      parts.en.push(`missing ${missing.map(q).join(', ')}`);
      parts.zh.push(`缺少 ${missing.map(q).join('、')}`);
    }
    if (stale.length) {
      parts.en.push(`lists ${stale.map(q).join(', ')} with no such section`);
      parts.zh.push(`列出了不存在的小节 ${stale.map(q).join('、')}`);
    }
    if (orderDiffers) {
      parts.en.push('the order differs from the headings');
      parts.zh.push('顺序与标题不一致');
    }
    report({
      range: doc.range(list),
      message: { en: `Contents do not match the headings: ${parts.en.join('; ')}.`, zh: `目录与标题不一致：${parts.zh.join('；')}。` },
      fixes: [{ title: doc.language === 'zh-cn' ? '根据标题重新生成目录' : 'Regenerate the contents list from the headings', edits: [regenerateContentsEdit(doc, contents)], safe: isPlainContentsList(doc, list) && areCopyableEntries(entries) }],
      data: { missing, stale },
    });
  },
};
