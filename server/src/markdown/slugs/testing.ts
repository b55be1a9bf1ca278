// Test support for the slug profiles (not used by the module itself): parses Markdown with the project's parser
// setup and runs fixture tables. Every fixture names the rule or upstream test it follows in `cite`.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import type { Root } from 'mdast';
import remarkGfm from 'remark-gfm';
import remarkParse from 'remark-parse';
import { unified } from 'unified';
import { documentAnchors, documentHeadings, renderedHeadingText } from './index';
import type { AnchorStyle, HeadingText, RenderOptions } from './types';

const parser = unified().use(remarkParse).use(remarkGfm);

export function parse(markdown: string): Root {
  return parser.parse(markdown) as Root;
}

export interface Fixture {
  /** Markdown source; every heading in it gets an anchor. */
  md: string;
  /** The anchors of all its headings, in order (a single string when there is one heading). */
  expected: string | string[];
  /** Where the expectation comes from: the renderer's documented rule, source or test case. */
  cite: string;
  options?: RenderOptions;
}

export function anchorsOf(markdown: string, style: AnchorStyle, options: RenderOptions = {}): string[] {
  return documentAnchors(parse(markdown), style, { source: markdown, ...options });
}

export function headingTextsOf(markdown: string, style: AnchorStyle, options: RenderOptions = {}): HeadingText[] {
  const tree = parse(markdown);
  return documentHeadings(tree).map((h) => renderedHeadingText(h, style, { source: markdown, ...options }));
}

/** Registers one node:test case per fixture, and checks the table's size and citations. */
export function runFixtures(style: AnchorStyle, fixtures: readonly Fixture[], minimum = 40): void {
  test(`${style}: at least ${minimum} fixtures, each citing its source`, () => {
    assert.ok(fixtures.length >= minimum, `${fixtures.length} fixtures`);
    for (const f of fixtures) assert.ok(f.cite.trim().length > 0, `uncited fixture ${JSON.stringify(f.md)}`);
  });
  fixtures.forEach((f, i) => {
    const label = `${style} #${i + 1}: ${JSON.stringify(f.md.length > 60 ? `${f.md.slice(0, 57)}...` : f.md)}`;
    test(label, () => {
      const expected = Array.isArray(f.expected) ? f.expected : [f.expected];
      assert.deepEqual(anchorsOf(f.md, style, f.options), expected, f.cite);
    });
  });
}
