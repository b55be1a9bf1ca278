// Reads the preview's serialised HTML (rehype-stringify output) into tags and attributes, quotes respected, so
// tests can check elements and attributes rather than substrings (`<` inside a quoted title is not a tag).

export interface Tag {
  name: string;
  end: boolean;
  attrs: [string, string][];
  source: string;
}

const NAMED: Record<string, string> = { amp: '&', lt: '<', gt: '>', quot: '"', apos: "'", colon: ':', Tab: '\t', NewLine: '\n' };

export function decodeAttribute(value: string): string {
  return value.replace(/&(?:#[xX]([0-9a-fA-F]+)|#(\d+)|([A-Za-z]+));?/g, (whole, hex, dec, name) => {
    if (hex || dec) return String.fromCodePoint(Math.min(0x10ffff, parseInt(hex ?? dec, hex ? 16 : 10)));
    return NAMED[name] ?? whole;
  });
}

/** Tags in order; text between them is `textOf`. */
export function scanTags(html: string): Tag[] {
  const tags: Tag[] = [];
  const re = /<(\/?)([A-Za-z][A-Za-z0-9:-]*)((?:\s+[^\s"'>/=]+(?:\s*=\s*(?:"[^"]*"|'[^']*'|[^\s"'=<>`]+))?)*)\s*\/?>/g;
  for (const m of html.matchAll(re)) {
    const attrs: [string, string][] = [];
    for (const a of m[3].matchAll(/\s+([^\s"'>/=]+)(?:\s*=\s*(?:"([^"]*)"|'([^']*)'|([^\s"'=<>`]+)))?/g)) attrs.push([a[1].toLowerCase(), decodeAttribute(a[2] ?? a[3] ?? a[4] ?? '')]);
    tags.push({ name: m[2].toLowerCase(), end: m[1] === '/', attrs, source: m[0] });
  }
  return tags;
}

/** The HTML with every tag removed (what is shown as text, still escaped). */
export function textOf(html: string): string {
  return html.replace(/<\/?[A-Za-z][^>"']*(?:(?:"[^"]*"|'[^']*')[^>"']*)*>/g, ' ');
}
