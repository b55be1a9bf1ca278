import type { ChunkRule } from './types';
import type { Fix } from '../base/types';
import { localize } from '../base/i18n';
import { countAtOrBefore } from '../base/sorted';
import type { ProseSegment } from '../markdown/summary';
import { gfmLiteralUrls } from '../markdown/literal-urls';

/**
 * A look-up of the extent a GFM renderer links for the bare URL starting at an offset, from the source of its
 * paragraph; undefined when it is not known: a backtick inside an earlier linked run of the paragraph is
 * part of that link for a GFM renderer but may open a code span for the parse here (which leaves autolink literals
 * out), so what follows may be code to GitHub and a bare URL here (fuzz, case 3915313447). Each paragraph is parsed
 * once, however many bare URLs it holds, and found by binary search.
 */
function renderedExtents(prose: readonly ProseSegment[], text: string) {
  const segments = [...prose].sort((a, b) => a.offset - b.offset);
  const parsed = new Map<ProseSegment, ReturnType<typeof gfmLiteralUrls> | null>();
  return (offset: number): { start: number; end: number; paragraphStart: number } | undefined => {
    const before = countAtOrBefore(segments, (s) => s.offset, offset);
    const contains = (p: ProseSegment | undefined): p is ProseSegment => p !== undefined && p.offset <= offset && offset < p.offset + p.text.length;
    // (Segments do not nest; should one ever hold another, the first that holds the URL is the one, as before.)
    const segment = contains(segments[before - 1]) ? segments[before - 1] : segments.find(contains);
    if (!segment) return undefined;
    const source = text.slice(segment.offset, segment.offset + segment.text.length);
    let urls = parsed.get(segment);
    // A paragraph of a block quote carries the `>` of its later lines, which parsed on their own open a quote of
    // their own, where GFM may end a URL elsewhere (fuzz, case 3903233439): the extent is not known there (null).
    if (urls === undefined) parsed.set(segment, (urls = /[\r\n][ \t]*>/.test(source) ? null : gfmLiteralUrls(source)));
    if (urls === null) return undefined;
    if (urls.some((u) => segment.offset + u.end <= offset && source.slice(u.start, u.end).includes('`'))) return undefined;
    const found = urls.find((u) => segment.offset + u.start <= offset && offset < segment.offset + u.end);
    return found && { start: segment.offset + found.start, end: segment.offset + found.end, paragraphStart: segment.offset };
  };
}

/**
 * Whether the paragraph's text before a URL has something open that wrapping the URL would change:
 *   - a `<` that starts HTML (`<a`, `</`, `<!`, `<?`), not closed by then: the `>` of the wrapped URL would close
 *     it, and the text up to there, the URL with it, would become HTML (`小<!t <http://b.c>`: fuzz, case 532419964);
 *   - a spec token's `{{`, not closed by then: the URL is inside the token's text (`{{gpu:h(https://pod.io/}}`:
 *     case 147968125).
 */
function openBefore(before: string): boolean {
  return /<[A-Za-z!?/][^<>]*$/.test(before) || before.lastIndexOf('{{') > before.lastIndexOf('}}');
}

/**
 * remark-lint/no-literal-urls — a URL written bare in prose (`https://…`, `www.…`) instead of `<https://…>` or a
 * link. Same id and intent as remark-lint's rule of that name; Benchpress finds bare URLs itself (the GFM
 * autolink-literal parser pass is left out for speed, see core/parse.ts), so this is its own implementation.
 * A bare URL renders as a link on GitHub but as plain text in many other Markdown tools. The fix wraps it in
 * angle brackets, exactly the extent GitHub links (markdown/literal-urls.ts), so the link keeps pointing where it did.
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
  check({ summary, lines, report, locale }) {
    const text = lines.text;
    const renderedExtent = renderedExtents(summary.prose, text);
    for (const link of summary.links) {
      if (link.kind !== 'bare') continue;
      const rendered = renderedExtent(link.start);
      // The finding covers what is linked today, so its fixes stay inside it.
      const range = lines.rangeOf(link.start, Math.max(link.end, rendered?.end ?? link.end));
      const fixes: Fix[] = [];
      let note: { en: string; zh: string } | undefined;
      // `<…>` autolinks take an absolute URL: with a scheme, and with nothing in it that ends one (white space, `<`,
      // `>`, or an ASCII control character, which a bare URL may hold but an autolink may not). Nor a backtick: in
      // a bare URL it may pair with another one as a code span, inside `<…>` it never does, so wrapping would move
      // where code spans start and end further on (fuzz, cases 3915313447 and 656881625). Nor a spec token's `{{`:
      // the URL may end inside the token, and the `>` would land in it (case 2209533760). Nor after an unclosed
      // `<` that starts HTML, or inside a spec token (openBefore). Nor after a backslash, which would escape the
      // `<` (case 4084697026: `\https://…` is linked by GitHub, `\<https://…>` is not).
      if (rendered && text[rendered.start - 1] !== '\\' && /^https?:\/\//i.test(text.slice(rendered.start, rendered.end)) && !/[\s<>`\u0000-\u001f\u007f]|\{\{/.test(text.slice(rendered.start, rendered.end)) && !openBefore(text.slice(rendered.paragraphStart, rendered.start))) {
        const written = text.slice(rendered.start, rendered.end);
        fixes.push({ title: localize({ en: 'Wrap the URL in <…>', zh: '用 <…> 包住网址' }, locale), edits: [{ range: lines.rangeOf(rendered.start, rendered.end), newText: `<${written}>` }], safe: true, preferred: rendered.end === link.end });
        if (rendered.end > link.end) {
          // The renderer runs the link on into the text after it (Chinese words, a closing bracket): the link points
          // at a page that is probably not meant. Wrapping keeps what readers get today; ending it is the writer's call.
          note = { en: ` As written, the link also takes in “${text.slice(link.end, rendered.end)}”.`, zh: `按现在的写法，链接还包含了“${text.slice(link.end, rendered.end)}”。` };
          fixes.push({ title: localize({ en: `End the link before “${text.slice(link.end, rendered.end)}”`, zh: `让链接在“${text.slice(link.end, rendered.end)}”之前结束` }, locale), edits: [{ range: lines.rangeOf(link.start, link.end), newText: `<${text.slice(link.start, link.end)}>` }], safe: false, preferred: true });
        }
      }
      report({
        range,
        message: { en: `Bare URL ${link.url}: write it as <${link.url}> or as a [link](${link.url}).${note?.en ?? ''}`, zh: `裸露的 URL ${link.url}：请写成 <${link.url}> 或 [链接](${link.url})。${note?.zh ?? ''}` },
        fixes: fixes.length ? fixes : undefined,
      });
    }
  },
};
