// VitePress 1.x: markdown-it + markdown-it-attrs + markdown-it-anchor with @mdit-vue/shared's `slugify`.
//
// Heading text — vuejs/vitepress src/node/markdown/markdown.ts passes markdown-it-anchor a `getTokensText` that
// joins the `content` of the heading's inline tokens except `html_inline` and `emoji`: text and code spans count,
// link tokens have no content (so a link contributes its text only), and an image token's content is its raw alt
// label source. Emoji shortcodes (`:tada:`) become `emoji` tokens via markdown-it-emoji and are dropped; a literal
// emoji character is ordinary text and stays in the slug.
//
// Explicit ids — markdown-it-attrs (docs: vitepress.dev/guide/markdown "Custom Anchors": `# Using custom anchors
// {#my-anchor}`): a `{…}` attribute list at the end of the heading's last text token; `#x` / `id=x` set the id,
// which markdown-it-anchor keeps and records (a second identical explicit id is a build error there).
//
// Slug — mdit-vue packages/shared/src/slugify.ts (tests: packages/shared/tests/slugify.spec.ts):
// NFKD → remove combining marks U+0300–U+036F → remove C0 controls → each run of whitespace or of
// ``~`!@#$%^&*()-_+=[]{}|\;:"'“”‘’<>,.?/`` becomes one `-` → collapse `-` runs → trim `-` at both ends →
// prefix `_` if it starts with a digit → lowercase. NFKD turns full-width punctuation into ASCII (`，` → `,`, so
// it separates words), but `。`, `、`, `【】`, `「」` have no decomposition and stay in the slug.
//
// Duplicates — markdown-it-anchor `uniqueSlug(slug, slugs, failOnNonUnique, startIndex = 1)`: the first free of
// `slug`, `slug-1`, `slug-2`, …; every id given out is recorded.
import type { Heading, Nodes } from 'mdast';
import { flatten, lastTextChild, rawImageLabel } from './inline';
import type { AnchorProfile, HeadingText, RenderOptions } from './types';
import { SequentialIds } from './unique';

const SPECIAL = /[\s~`!@#$%^&*()\-_+=[\]{}|\\;:"'“”‘’<>,.?/]+/g;

export function vitepressSlug(text: string): string {
  return text
    .normalize('NFKD')
    .replace(/[\u0300-\u036f]/g, '')
    .replace(/[\u0000-\u001f]/g, '')
    .replace(SPECIAL, '-')
    .replace(/-{2,}/g, '-')
    .replace(/^-+|-+$/g, '')
    .replace(/^(\d)/, '_$1')
    .toLowerCase();
}

/**
 * markdown-it-emoji shortcodes. The plugin only replaces names from its emoji table (gemoji names, e.g.
 * `:rocket:`, `:+1:`, `:100:`); without that table we accept `:name:` made of the characters those names use that
 * contains a letter, plus the few all-digit/sign names — so a time such as `12:30:45` stays text.
 */
const EMOJI_SHORTCODE = /:(?=[a-z0-9_+-]*[a-z])[a-z0-9_+-]+:|:(?:100|1234|\+1|-1):/g;

/** markdown-it-attrs: the attribute list ending a heading (`{#id .class key=value}`), with the space before it. */
const ATTRS_AT_END = /[ \t]*\{[ \t]*((?:[#.][^\s{}]+|[A-Za-z_:][\w:.-]*(?:=(?:"[^"]*"|'[^']*'|[^\s"'{}]+))?)(?:[ \t]+(?:[#.][^\s{}]+|[A-Za-z_:][\w:.-]*(?:=(?:"[^"]*"|'[^']*'|[^\s"'{}]+))?))*)[ \t]*\}$/;

function attrsId(list: string): string | undefined {
  let id: string | undefined;
  for (const m of list.matchAll(/#([^\s{}]+)|\bid=(?:"([^"]*)"|'([^']*)'|([^\s"'{}]+))/g)) {
    id = m[1] ?? m[2] ?? m[3] ?? m[4];
  }
  return id;
}

export function vitepressHeadingText(heading: Heading, options: RenderOptions = {}): HeadingText {
  let explicitId: string | undefined;
  let children = heading.children as Nodes[];
  const last = options.vitepress?.attrs === false ? undefined : lastTextChild(heading);
  if (last) {
    const m = ATTRS_AT_END.exec(last.value);
    if (m) {
      explicitId = attrsId(m[1]!);
      children = children.map((c, i) => (i === last.index ? { type: 'text' as const, value: last.value.slice(0, m.index) } : c));
    }
  }
  const text = flatten(children, {
    image: (node) => rawImageLabel(node, options.source),
    html: () => '',
    lineBreak: '',
    // A line ending inside the heading is a `softbreak` token, whose content is empty.
    text: (value) => value.replace(EMOJI_SHORTCODE, '').replace(/[ \t]*\n[ \t]*/g, ''),
    // No footnote plugin by default: `[^note]` stays text.
    footnote: (node) => `[^${node.label ?? node.identifier}]`,
  })
    .map((p) => p.value)
    .join('');
  return explicitId === undefined ? { text } : { text, explicitId };
}

export const vitepress: AnchorProfile = {
  style: 'vitepress',
  headingText: vitepressHeadingText,
  slugify: vitepressSlug,
  anchors(headings) {
    const ids = new SequentialIds();
    return headings.map((h) => {
      if (h.explicitId !== undefined) {
        ids.reserve(h.explicitId);
        return h.explicitId;
      }
      return ids.take(vitepressSlug(h.text));
    });
  },
};
