import type { ChunkRule } from './types';

/**
 * remark-lint/no-literal-urls — a URL written bare in prose (`https://…`, `www.…`) instead of `<https://…>` or a
 * link. Same id and intent as remark-lint's rule of that name; Benchpress finds bare URLs itself (the GFM
 * autolink-literal parser pass is left out for speed, see core/parse.ts), so this is its own implementation.
 * A bare URL renders as a link on GitHub but as plain text in many other Markdown tools. The fix wraps it in
 * angle brackets.
 */
export const noLiteralUrls: ChunkRule = {
  id: 'remark-lint/no-literal-urls',
  scope: 'chunk',
  defaultSeverity: 'warning',
  docs: {
    summary: 'URLs are written as `<https://…>` or links, not bare.',
    rationale: 'A bare URL is a link on GitHub but plain text in many other renderers and CMSs the article may be published to.',
    bad: 'See https://docs.runpod.io/serverless for more.\n',
    good: 'See <https://docs.runpod.io/serverless> for more.\n',
  },
  check({ summary, lines, report }) {
    for (const link of summary.links) {
      if (link.kind !== 'bare') continue;
      const range = lines.rangeOf(link.start, link.end);
      const withScheme = /^https?:\/\//i.test(link.url) && !/^www\./i.test(lines.text.slice(link.start, link.end));
      report({
        range,
        message: { en: `Bare URL ${link.url}: write it as <${link.url}> or as a [link](${link.url}).`, zh: `裸露的 URL ${link.url}：请写成 <${link.url}> 或 [链接](${link.url})。` },
        fixes: withScheme ? [{ title: `Wrap in <…>`, edits: [{ range, newText: `<${lines.text.slice(link.start, link.end)}>` }], safe: true }] : undefined,
      });
    }
  },
};
