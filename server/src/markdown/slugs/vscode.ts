// VS Code: the built-in Markdown preview (extensions/markdown-language-features) and the Markdown language
// service that validates `#fragment` links (microsoft/vscode-markdown-languageservice).
//
// Heading text — vscode-markdown-languageservice src/tableOfContents.ts `#getHeaderTitleAsPlainText` (the
// preview's markdownEngine `_tokenToPlainText` is the same): the markdown-it inline tokens of the heading, taking
// `text`, `emoji` and `code_inline` content and recursing into tokens with children — an image token's children
// are its alt text, so image alt IS included; `html_inline`, soft and hard breaks give nothing; then `.trim()`.
//
// Slug — src/slugify.ts `githubSlugifier.fromHeading` (a self-described approximation of GitHub's):
// trim → toLowerCase → each run of whitespace (`\s+`) becomes `-` → remove ASCII punctuation
// ``][!/'"#$%&()*+,./:;<=>?@\^{|}~` `` and the CJK punctuation 。，、；：？！…—·ˉ¨‘’“”々～‖∶＂＇｀｜〃〔〕〈〉《》「」『』．〖〗【】（）［］｛｝
// → strip leading and trailing `-` → encodeURI. Differences from GitHub that follow: `_` and `-` are kept
// (older releases also removed `_`), emoji and other symbols are kept (`## 🚀 快速开始` → `🚀-快速开始`), runs of
// spaces collapse, and the removal happens after the hyphenation (`a & b` → `a--b`).
// The id attribute is `encodeURI` of that; we return it unencoded, since fragments are compared after
// percent-decoding (and VS Code compares encoded forms on both sides).
//
// Duplicates — `createBuilder().add`: a count per slug; the n-th repeat is `fromHeading(slug + '-' + n)`, and
// the numbered form is not recorded. Note `fromHeading` runs again, so an empty slug repeated becomes `1`, `2`.
//
// Link checking is lenient: `TableOfContents.lookup(fragment)` slugifies the fragment itself and compares
// case-insensitively (`GithubSlug.equals`), so `#Foo Bar` finds `foo-bar`; see `vscodeFragmentMatches`.
// No explicit-id syntax.
import type { Heading } from 'mdast';
import { plainText } from './inline';
import type { AnchorProfile, HeadingText } from './types';

// eslint-disable-next-line no-misleading-character-class
const PUNCTUATION = /[\][!/'"#$%&()*+,.:;<=>?@\\^{|}~`。，、；：？！…—·ˉ¨‘’“”々～‖∶＂＇｀｜〃〔〕〈〉《》「」『』．〖〗【】（）［］｛｝]/g;

export function vscodeSlug(text: string): string {
  return text
    .trim()
    .toLowerCase()
    .replace(/\s+/g, '-')
    .replace(PUNCTUATION, '')
    .replace(/^-+/, '')
    .replace(/-+$/, '');
}

export function vscodeHeadingText(heading: Heading): HeadingText {
  const text = plainText(heading, {
    image: (node) => node.alt ?? '',
    html: () => '',
    lineBreak: '',
    // markdown-it turns a line ending inside the heading into a softbreak token (no text), dropping the spaces
    // at the end of the line and the indentation of the next.
    text: (value) => value.replace(/[ \t]*\n[ \t]*/g, ''),
    // VS Code's markdown-it has no footnote plugin: `[^note]` stays text.
    footnote: (node) => `[^${node.label ?? node.identifier}]`,
  });
  return { text: text.trim() };
}

/** Whether VS Code's link validation accepts `#fragment` for a heading whose anchor is `anchor`. */
export function vscodeFragmentMatches(fragment: string, anchor: string): boolean {
  return vscodeSlug(fragment).toLowerCase() === anchor.toLowerCase();
}

export const vscode: AnchorProfile = {
  style: 'vscode',
  headingText: vscodeHeadingText,
  slugify: vscodeSlug,
  anchors(headings) {
    const counts = new Map<string, number>();
    return headings.map((h) => {
      const slug = vscodeSlug(h.text);
      const n = counts.get(slug);
      if (n === undefined) {
        counts.set(slug, 0);
        return slug;
      }
      counts.set(slug, n + 1);
      return vscodeSlug(`${slug}-${n + 1}`);
    });
  },
};
