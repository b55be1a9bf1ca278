import type { DocumentRule } from '../types';
import { localize } from '../../base/i18n';
import { suggesterFor, type Suggester } from '../../base/closest';
import { isMarkdownPath, resolveLinkTarget } from '../../markdown/link-target';
import { AnchorIndex, viewAnchors, writeFragment } from '../../markdown/anchor-index';
import { ANCHOR_STYLE_NAMES } from '../../markdown/heading-anchors';
import type { FileAnchors } from '../../markdown/anchors';

const anchorsOfFile = (file: FileAnchors): string[] => [...file.headings.map((h) => h.id), ...file.html];

// GitHub line anchors (#L10, #L10-L20) and anchors that scripts add are not headings.
const NOT_HEADING = /^L\d+(-L\d+)?$|^(top|user-content-.*)$/;

/**
 * links/missing-anchor — a link to `#fragment` (in this draft or `other.md#fragment`) reaches no heading or HTML
 * id, on the platform the workspace publishes to (`links.anchorStyle`, GitHub by default). Fragments are matched
 * as a browser matches them: as written or percent-decoded, and exactly — so a fragment that differs from the
 * anchor only in case, or by a dropped emoji or punctuation (`#快速开始` for `## 🚀 快速开始`, whose GitHub anchor is
 * `#-快速开始`), is reported, with a fix that writes the exact anchor.
 */
export const missingAnchor: DocumentRule = {
  id: 'links/missing-anchor',
  scope: 'document',
  defaultSeverity: 'warning',
  docs: {
    summary: 'A link points to a heading anchor that does not exist, in this file or in another Markdown file; anchors are matched exactly, as the publishing platform (`links.anchorStyle`) makes them and as a browser compares them.',
    rationale: 'Headings get renamed while drafting; links to the old anchor silently stop working. A fragment that differs from the anchor only in case or by a dropped emoji looks right in the editor but goes nowhere on the published page.',
    bad: '## 🚀 快速开始\n\n见[快速开始](#快速开始)和[测试结果](#性能测试结果)。\n',
    good: '## 🚀 快速开始\n\n见[快速开始](#-快速开始)。\n',
  },
  async check({ doc, workspace, report, locale }) {
    const settings = doc.anchorSettings;
    const platform = ANCHOR_STYLE_NAMES[settings.style];
    const own = AnchorIndex.of(viewAnchors(doc), settings.style);
    const others = new Map<string, AnchorIndex | undefined>();
    // One suggester per anchor set (kept across checks while the anchors stay the same): thousands of links to
    // missing anchors cost one search per distinct fragment.
    const suggesters = new Map<AnchorIndex, Suggester>();
    const suggest = (fragment: string, index: AnchorIndex) => {
      let s = suggesters.get(index);
      if (!s) suggesters.set(index, (s = suggesterFor(index.anchors)));
      return s.closest(fragment);
    };
    for (const link of doc.links) {
      if (link.kind === 'image' || link.kind === 'autolink' || link.kind === 'bare') continue;
      const target = resolveLinkTarget(link.url, doc.path);
      let index: AnchorIndex | undefined;
      if (target.kind === 'fragment') index = own;
      else if (target.kind === 'file' && target.rawFragment && isMarkdownPath(target.path)) {
        if (target.path === doc.path) index = own;
        else {
          if (!others.has(target.path)) {
            const file = await workspace.anchorsOf(target.path, settings);
            others.set(target.path, file && AnchorIndex.of(anchorsOfFile(file), settings.style));
          }
          index = others.get(target.path);
        }
      }
      if (!index || (target.kind !== 'fragment' && target.kind !== 'file')) continue;
      const raw = target.rawFragment;
      const fragment = target.fragment;
      if (!raw || !fragment || NOT_HEADING.test(fragment) || index.has(raw)) continue;

      const inFile = target.kind === 'file' && target.path !== doc.path;
      const source = doc.text.slice(link.urlSpan.start, link.urlSpan.end);
      const hashAt = source.indexOf('#');
      const fragmentSpan = hashAt >= 0 ? { start: link.urlSpan.start + hashAt + 1, end: link.urlSpan.end } : undefined;
      const near = index.nearMiss(raw);
      if (near) {
        const written = writeFragment(near.anchor, raw);
        // github.com's own page script retries a fragment in lower case; browsers, mirrors and other renderers do not.
        const githubNote = settings.style === 'github' ? { en: ' (github.com\'s page script may forgive that; other sites and renderers do not)', zh: '（github.com 的页面脚本可能会忽略大小写，其他网站和渲染器不会）' } : { en: '', zh: '' };
        const en = near.kind === 'case'
          ? `#${fragment} differs from the anchor #${near.anchor}${inFile ? ' in that file' : ''} in case; browsers match fragments exactly, so the link does not reach the heading${githubNote.en}.`
          : `#${fragment} is not the anchor ${platform} gives that heading${inFile ? ' in that file' : ''}: it is #${near.anchor}.`;
        const zh = near.kind === 'case'
          ? `#${fragment} 与${inFile ? '目标文件中的' : ''}锚点 #${near.anchor} 大小写不同；浏览器严格匹配片段，链接到不了该标题${githubNote.zh}。`
          : `#${fragment} 不是 ${platform} 给${inFile ? '目标文件中' : ''}该标题的锚点，应为 #${near.anchor}。`;
        report({
          range: doc.range(link.urlSpan),
          message: { en, zh },
          fixes: fragmentSpan ? [{ title: localize({ en: `Change to #${near.anchor}`, zh: `改为 #${near.anchor}` }, locale), edits: [{ range: doc.range(fragmentSpan), newText: written }], safe: true, preferred: true }] : undefined,
          data: { anchor: near.anchor, kind: near.kind },
        });
        continue;
      }
      const suggestion = suggest(fragment, index);
      report({
        range: doc.range(link.urlSpan),
        message: {
          en: `No heading with anchor #${fragment}${inFile ? ' in that file' : ''} (${platform} anchors)${suggestion ? `; did you mean #${suggestion}?` : '.'}`,
          zh: `${inFile ? '目标文件中' : ''}没有锚点为 #${fragment} 的标题（按 ${platform} 的锚点规则）${suggestion ? `；是否想用 #${suggestion}？` : '。'}`,
        },
        fixes: suggestion && fragmentSpan ? [{ title: localize({ en: `Change to #${suggestion}`, zh: `改为 #${suggestion}` }, locale), edits: [{ range: doc.range(fragmentSpan), newText: writeFragment(suggestion, raw) }], safe: false, preferred: true }] : undefined,
      });
    }
  },
};
