// GitLab (gitlab.com / self-managed: repository files, wikis, issues).
//
// Documented in docs.gitlab.com/user/markdown ("Heading IDs and links": lowercase, non-word text such as
// punctuation or HTML removed, spaces become hyphens, runs of hyphens become one, a repeated ID gets -1, -2, …)
// and implemented in gitlab-org/gitlab lib/gitlab/utils/markdown.rb `string_to_anchor` +
// lib/banzai/filter/table_of_contents_filter.rb:
// 1. the heading element's text (Nokogiri `node.text`: tags dropped, image alt not included); the TOC filter
//    runs before the emoji filter, so `:scream_cat:` is still text (gitlab-org/gitlab issue 299481) while a
//    literal emoji character is removed as non-word;
// 2. `strip` (ASCII whitespace and NUL), `downcase`;
// 3. remove `[^\p{Word}\- ]` — Ruby's \p{Word} is Letter, Mark, Number, Connector_Punctuation;
// 4. `tr(' ', '-')`, then `squeeze('-')` (unlike GitHub: `a - b` → `a-b`, not `a---b`);
// 5. an id of digits only becomes `anchor-<digits>` (it would clash with issue references);
// 6. duplicates: a counter per id, `-1`, `-2`, … appended; numbered forms are not recorded
//    (`headers[id] += 1`), so `a`, `a`, `a-1` give `a`, `a-1`, `a-1`.
// A heading with no content (`#` alone) gets no anchor (`if header_content = node.children.first`): ''.
// No explicit-id syntax.
import type { Heading } from 'mdast';
import { githubHeadingText } from './github';
import type { AnchorProfile } from './types';
import { counterNumbering } from './unique';

const NON_WORD = /[^\p{L}\p{M}\p{N}\p{Pc}\- ]/gu;

export function gitlabSlug(text: string): string {
  return text
    .replace(/^[\0\t\n\v\f\r ]+|[\0\t\n\v\f\r ]+$/g, '')
    .toLowerCase()
    .replace(NON_WORD, '')
    .replace(/ /g, '-')
    .replace(/-{2,}/g, '-')
    .replace(/^(\d+)$/, 'anchor-$1');
}

export const gitlab: AnchorProfile = {
  style: 'gitlab',
  headingText: (heading: Heading, options) => (heading.children.length === 0 ? { text: '', noAnchor: true } : githubHeadingText(heading, options)),
  slugify: gitlabSlug,
  anchors(headings) {
    const number = counterNumbering();
    return headings.map((h) => (h.noAnchor ? '' : number(gitlabSlug(h.text))));
  },
};
