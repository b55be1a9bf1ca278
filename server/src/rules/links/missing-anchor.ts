import type { DocumentRule } from '../types';
import { localize } from '../../base/i18n';
import type { DocumentView } from '../../markdown/document-view';
import { suggesterFor, type Suggester } from '../../base/closest';
import { isMarkdownPath, resolveLinkTarget } from '../../markdown/link-target';

/** Every anchor a reader can jump to in a document: heading slugs in both styles, HTML ids, footnotes. */
export function anchorsOfView(doc: DocumentView): Set<string> {
  const anchors = new Set<string>();
  for (const a of doc.anchors) {
    anchors.add(a.github);
    anchors.add(a.vscode);
  }
  for (const id of doc.htmlIds) anchors.add(id);
  return anchors;
}

// GitHub line anchors (#L10, #L10-L20) and anchors that scripts add are not headings.
const NOT_HEADING = /^L\d+(-L\d+)?$|^(top|user-content-.*)$/;

/**
 * links/missing-anchor — a link to `#fragment` (in this draft or `other.md#fragment`) names no heading.
 * Slugs are compared as GitHub and VS Code make them (so Chinese headings, emoji and duplicate headings work).
 */
export const missingAnchor: DocumentRule = {
  id: 'links/missing-anchor',
  scope: 'document',
  defaultSeverity: 'warning',
  docs: {
    summary: 'A link points to a heading anchor that does not exist, in this file or in another Markdown file.',
    rationale: 'Headings get renamed while drafting; links to the old anchor silently stop working.',
    bad: '## 性能测试\n\n见[测试结果](#性能测试结果)。\n',
    good: '## 性能测试\n\n见[测试结果](#性能测试)。\n',
  },
  async check({ doc, workspace, report, locale }) {
    const own = anchorsOfView(doc);
    // One suggester per anchor set (kept across checks while the anchors stay the same): thousands of links to
    // missing anchors cost one search per distinct fragment.
    const suggesters = new Map<Set<string>, Suggester>();
    const suggest = (fragment: string, anchors: Set<string>) => {
      let s = suggesters.get(anchors);
      if (!s) suggesters.set(anchors, (s = suggesterFor(anchors)));
      return s.closest(fragment);
    };
    for (const link of doc.links) {
      if (link.kind === 'image') continue;
      const target = resolveLinkTarget(link.url, doc.path);
      let anchors: Set<string> | undefined;
      let fragment: string | undefined;
      if (target.kind === 'fragment') {
        anchors = own;
        fragment = target.fragment;
      } else if (target.kind === 'file' && target.fragment && isMarkdownPath(target.path)) {
        anchors = target.path === doc.path ? own : await workspace.anchorsOf(target.path);
        fragment = target.fragment;
      }
      if (!anchors || !fragment || NOT_HEADING.test(fragment)) continue;
      if (anchors.has(fragment) || anchors.has(fragment.toLowerCase())) continue;
      const suggestion = suggest(fragment, anchors);
      const hashAt = link.url.lastIndexOf('#');
      const fragmentRange = doc.range({ start: link.urlSpan.start + hashAt + 1, end: link.urlSpan.end });
      report({
        range: doc.range(link.urlSpan),
        message: {
          en: `No heading with anchor #${fragment}${target.kind === 'file' ? ' in that file' : ''}${suggestion ? `; did you mean #${suggestion}?` : '.'}`,
          zh: `${target.kind === 'file' ? '目标文件中' : ''}没有锚点为 #${fragment} 的标题${suggestion ? `；是否想用 #${suggestion}？` : '。'}`,
        },
        fixes: suggestion && hashAt >= 0 && link.urlSpan.end > link.urlSpan.start ? [{ title: localize({ en: `Change to #${suggestion}`, zh: `改为 #${suggestion}` }, locale), edits: [{ range: fragmentRange, newText: suggestion }], safe: false, preferred: true }] : undefined,
      });
    }
  },
};
