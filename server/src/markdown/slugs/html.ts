// Link targets written as raw HTML, and a tag stripper shared by profiles.
//
// HTML Standard, "find a potential indicated element" (html.spec.whatwg.org/multipage/browsing-the-web.html
// #find-a-potential-indicated-element): a fragment selects the element whose `id` equals it, else an `a` element
// whose `name` equals it. So `id` counts on any element and `name` only on `<a>`; an empty value never matches.
// Tokenizing follows the HTML tokenizer's shape: comments (`<!-- … -->`), doctypes/bogus comments (`<!…>`, `<?…>`)
// and end tags are skipped; attribute values may be double-quoted, single-quoted or unquoted; the first of two
// same-named attributes wins; `<script>`, `<style>`, `<textarea>` and `<title>` contents are text, not tags.
// GitHub prefixes these ids with `user-content-` in its HTML and resolves `#id` to them with a script, so for
// links they behave as written.

const RAW_TEXT = new Set(['script', 'style', 'textarea', 'title']);
const NAMED: Record<string, string> = { amp: '&', lt: '<', gt: '>', quot: '"', apos: "'", nbsp: '\u00a0' };

/** Decodes numeric character references and the few named ones that matter in attribute values. */
export function decodeEntities(value: string): string {
  if (!value.includes('&')) return value;
  return value.replace(/&(?:#[xX]([0-9a-fA-F]{1,6})|#([0-9]{1,7})|([A-Za-z][A-Za-z0-9]{1,31}));/g, (whole, hex, dec, name) => {
    if (name !== undefined) return NAMED[name] ?? whole;
    const cp = hex !== undefined ? parseInt(hex, 16) : parseInt(dec, 10);
    if (cp === 0 || cp > 0x10ffff || (cp >= 0xd800 && cp <= 0xdfff)) return '\ufffd';
    return String.fromCodePoint(cp);
  });
}

interface Tag {
  name: string;
  attrs: Map<string, string>;
  end: number;
}

/** Parses the start tag at `i` (which points at `<` followed by a letter). */
function readStartTag(html: string, i: number): Tag {
  let j = i + 1;
  while (j < html.length && !/[\s/>]/.test(html[j]!)) j++;
  const name = html.slice(i + 1, j).toLowerCase();
  const attrs = new Map<string, string>();
  while (j < html.length) {
    while (j < html.length && /[\s/]/.test(html[j]!)) j++;
    if (j >= html.length) break;
    if (html[j] === '>') return { name, attrs, end: j + 1 };
    const nameStart = j;
    j++; // an attribute name may start with '=' per the tokenizer
    while (j < html.length && !/[\s/>=]/.test(html[j]!)) j++;
    const attrName = html.slice(nameStart, j).toLowerCase();
    let k = j;
    while (k < html.length && /\s/.test(html[k]!)) k++;
    let value = '';
    if (html[k] === '=') {
      k++;
      while (k < html.length && /\s/.test(html[k]!)) k++;
      const quote = html[k];
      if (quote === '"' || quote === "'") {
        const close = html.indexOf(quote, k + 1);
        const stop = close < 0 ? html.length : close;
        value = html.slice(k + 1, stop);
        j = stop + 1;
      } else {
        const start = k;
        while (k < html.length && !/[\s>]/.test(html[k]!)) k++;
        value = html.slice(start, k);
        j = k;
      }
    }
    if (!attrs.has(attrName)) attrs.set(attrName, decodeEntities(value));
  }
  return { name, attrs, end: html.length };
}

/** The fragment targets that raw HTML defines: `id` on any element, `name` on `<a>`. In document order. */
export function htmlAnchors(html: string): string[] {
  const out: string[] = [];
  let i = 0;
  while (i < html.length) {
    const lt = html.indexOf('<', i);
    if (lt < 0) break;
    if (html.startsWith('<!--', lt)) {
      const close = html.indexOf('-->', lt + 4);
      i = close < 0 ? html.length : close + 3;
      continue;
    }
    const next = html[lt + 1];
    if (next === '!' || next === '?' || next === '/') {
      const close = html.indexOf('>', lt + 2);
      i = close < 0 ? html.length : close + 1;
      continue;
    }
    if (!next || !/[A-Za-z]/.test(next)) {
      i = lt + 1;
      continue;
    }
    const tag = readStartTag(html, lt);
    const id = tag.attrs.get('id');
    if (id) out.push(id);
    const name = tag.name === 'a' ? tag.attrs.get('name') : undefined;
    if (name) out.push(name);
    i = tag.end;
    if (RAW_TEXT.has(tag.name)) {
      const closeRe = new RegExp(`</${tag.name}`, 'gi');
      closeRe.lastIndex = i;
      const close = closeRe.exec(html);
      i = close ? close.index : html.length;
    }
  }
  return out;
}
