// What "fix all" must never change, read with remark (remark-parse + GFM + front matter) as a renderer would:
// code (fenced, indented and inline), front matter, raw HTML, spec tokens `{{gpu:…}}`, and the targets of links,
// images and definitions. Each property compares the text before and after a fix and names what changed.
import type { Root, Nodes } from 'mdast';
import { parser, parserWithoutFrontMatter } from './remark-oracle';

/**
 * Whether the text opens with a front matter that closes (`---` or `+++`, then the same line again). An opener that
 * never closes is not front matter but a thematic break (`---`) or text (`+++`); it is parsed without the front
 * matter extension, which, having tried one at the start, reads the next line as if it continued a paragraph: a
 * list or block quote there comes out as text (`---\n- a` gives a paragraph "- a", where CommonMark has a list).
 */
function closedFrontMatter(text: string): boolean {
  const lines = text.split(/\r?\n|\r/);
  const open = lines[0].trimEnd();
  return (open === '---' || open === '+++') && lines.slice(1).some((line) => line.trimEnd() === open);
}

export interface Protected {
  /** A byte order mark at the start. */
  bom: string[];
  code: string[];
  inlineCode: string[];
  frontMatter: string[];
  html: string[];
  specTokens: string[];
  /** Targets of links, images and definitions, fragment-only ones (`#…`) apart. */
  targets: string[];
  fragments: string[];
}

function walk(tree: Root, visit: (node: Nodes) => void): void {
  const stack: Nodes[] = [tree];
  while (stack.length) {
    const node = stack.pop()!;
    visit(node);
    if ('children' in node) for (let i = node.children.length - 1; i >= 0; i--) stack.push(node.children[i] as Nodes);
  }
}

export function protectedParts(original: string): Protected {
  const out: Protected = { bom: [], code: [], inlineCode: [], frontMatter: [], html: [], specTokens: [], targets: [], fragments: [] };
  // The parser drops one byte order mark at the start and counts its offsets without it (a second mark is text);
  // the mark itself must stay.
  const text = original.charCodeAt(0) === 0xfeff ? original.slice(1) : original;
  if (text !== original) out.bom.push('U+FEFF');
  const tree = (closedFrontMatter(text) ? parser : parserWithoutFrontMatter).parse(original) as Root;
  const definitions = new Set<string>();
  /** Duplicate definitions: inert, and removed by fix-all, spec tokens in them included. */
  const inert: [number, number][] = [];
  walk(tree, (node) => {
    const source = node.position && node.position.start.offset !== undefined ? text.slice(node.position.start.offset, node.position.end.offset) : '';
    switch (node.type) {
      case 'code': out.code.push(source); break;
      case 'inlineCode': out.inlineCode.push(source); break;
      case 'yaml': out.frontMatter.push(source); break;
      case 'html': out.html.push(node.value); break;
      case 'definition':
        // A second definition of a label with the same URL is inert (the first one is used) and fix-all removes it
        // (links/duplicate-definition): each label–URL pair counts once. Any other change to a definition counts.
        if (definitions.has(`${node.identifier}\u0000${node.url}`)) {
          if (node.position?.start.offset !== undefined && node.position.end.offset !== undefined) inert.push([node.position.start.offset, node.position.end.offset]);
          break;
        }
        definitions.add(`${node.identifier}\u0000${node.url}`);
        (node.url.startsWith('#') ? out.fragments : out.targets).push(node.url);
        break;
      case 'link': case 'image':
        (node.url.startsWith('#') ? out.fragments : out.targets).push(node.url);
        break;
      default: break;
    }
    if ((node as { type: string }).type === 'toml') out.frontMatter.push(source);
  });
  // A token is on one line (a lone CR ends a line too).
  const live = inert.reduce((t, [a, b]) => t.slice(0, a) + ' '.repeat(b - a) + t.slice(b), text);
  out.specTokens = live.match(/\{\{[ \t]*gpu:[^{}\r\n]*\}\}/g) ?? [];
  for (const key of Object.keys(out) as (keyof Protected)[]) out[key].sort();
  return out;
}

/** What differs between two texts' protected parts (empty when nothing does). `fragments` only if asked. */
export function protectedDifferences(before: string, after: string, options: { fragments?: boolean } = {}): string[] {
  const a = protectedParts(before);
  const b = protectedParts(after);
  const problems: string[] = [];
  for (const key of Object.keys(a) as (keyof Protected)[]) {
    if (key === 'fragments' && !options.fragments) continue;
    const x = a[key];
    const y = b[key];
    if (JSON.stringify(x) === JSON.stringify(y)) continue;
    const lost = x.filter((v) => !y.includes(v));
    const added = y.filter((v) => !x.includes(v));
    problems.push(`${key} changed: ${lost.length ? `lost ${JSON.stringify(lost.slice(0, 3)).slice(0, 300)}` : ''}${added.length ? ` added ${JSON.stringify(added.slice(0, 3)).slice(0, 300)}` : ''}${!lost.length && !added.length ? ` counts ${x.length} → ${y.length}` : ''}`);
  }
  return problems;
}

/**
 * What a `targets changed` difference is: `intended` when every lost target is an added one plus CJK text after
 * it (GFM's autolink literal runs on through CJK punctuation and text, `https://x.example/a，然后`; the fix ends
 * the URL where the writer meant it to), `url-cut` when an added target is a shorter prefix of a lost one (the
 * fix wrapped only part of a URL), otherwise `other`.
 */
export function classifyTargetChange(problem: string): 'intended' | 'url-cut' | 'other' {
  const m = /^targets changed: lost (\[.*?\]) added (\[.*\])$/.exec(problem.trim());
  if (!m) return 'other';
  let lost: string[];
  let added: string[];
  try {
    lost = JSON.parse(m[1]);
    added = JSON.parse(m[2]);
  } catch {
    return 'other';
  }
  if (lost.length === added.length && lost.every((l) => added.some((a) => l.startsWith(a) && /^[.,:;!?]*[\u3000-\u303f\uff00-\uffef\u4e00-\u9fff]/.test(l.slice(a.length))))) return 'intended';
  if (lost.some((l) => added.some((a) => a.length < l.length && l.startsWith(a)))) return 'url-cut';
  return 'other';
}
