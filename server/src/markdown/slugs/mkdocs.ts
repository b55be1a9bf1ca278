// MkDocs (and Material for MkDocs): python-markdown's `toc` extension, optionally with `attr_list` and a
// configured `slugify` callable.
//
// Heading text — Python-Markdown markdown/extensions/toc.py `TocTreeprocessor.run` (3.6+): render the heading's
// inner HTML with footnote references removed (`remove_fnrefs`), `strip_tags` it (comments first, then every
// `<…>`; an `<img>` leaves nothing, so image alt text is not included; code spans keep their text), collapse
// whitespace (`' '.join(text.split())`), then `html.unescape`. A heading that already has an `id` keeps it.
//
// attr_list — markdown/extensions/attr_list.py: on a heading the list must end the heading's last text
// (`HEADER_RE = [ ]+{:?[ ]*([^}\n ][^}\n]*)[ ]*}[ ]*$`, so at least one space before `{`), e.g.
// `## Title { #custom-id }` or `## Title {: #custom-id .cls }`; `#x` and `id=x` set the id (the last one wins);
// the list and any trailing `#`s are removed from the text. attr_list (priority 8) runs before toc (5).
//
// Slugify — toc.py `slugify(value, separator, unicode=False)` (docs: python-markdown.github.io/extensions/toc,
// option `slugify`): NFKD-normalize and drop every non-ASCII character (so Chinese text vanishes), remove
// `[^\w\s-]`, strip, lowercase, then every run of `-`/whitespace becomes the separator. `slugify_unicode` skips the
// ASCII step and keeps Unicode word characters (Python's `\w`: letters, numbers and `_` — not combining marks).
// pymdown-extensions pymdownx/slugs.py `slugify(case=…, normalize='NFC', percent_encode=False)` (docs:
// facelessuser.github.io/pymdown-extensions/extras/slugs): normalize, strip tags, strip, apply the case option,
// remove `[^\w\- ]`, each space becomes the separator (no collapsing), optionally percent-encode.
//
// Duplicates — toc.py `unique(id, ids)`: all ids already in the document (attr_list ids included, even those
// of later headings) are taken first; then while the id is taken or empty, `x_N` becomes `x_{N+1}`, anything else
// gets `_1`. So duplicates are `a`, `a_1`, `a_2`, and an empty slug (e.g. a Chinese heading with the default
// slugify) becomes `_1`, `_2`, …
import type { Heading } from 'mdast';
import { lastTextChild, plainText } from './inline';
import type { AnchorOptions, AnchorProfile, HeadingText, MkdocsOptions, RenderOptions } from './types';
import { PythonMarkdownIds } from './unique';

/** Python's `str.isspace()` characters (what `\s`, `split()` and `strip()` use on str). */
const PY_SPACE = '\\t\\n\\v\\f\\r\\x1c-\\x1f \\x85\\xa0\\u1680\\u2000-\\u200a\\u2028\\u2029\\u202f\\u205f\\u3000';
/** Python's `\w` on str: alphanumeric (letters and numeric characters) and underscore. */
const PY_WORD = '\\p{L}\\p{N}_';

const PY_SPACE_RUN = new RegExp(`[${PY_SPACE}]+`, 'gu');
const PY_STRIP = new RegExp(`^[${PY_SPACE}]+|[${PY_SPACE}]+$`, 'gu');

function escapeClass(s: string): string {
  return s.replace(/[\\\]^\-[]/g, '\\$&');
}

function pyStrip(s: string): string {
  return s.replace(PY_STRIP, '');
}

const NOT_WORD_SPACE_HYPHEN = new RegExp(`[^${PY_WORD}${PY_SPACE}\\-]`, 'gu');
const NOT_WORD_HYPHEN_SPACE = new RegExp(`[^${PY_WORD}\\- ]`, 'gu');
const separatorRuns = new Map<string, RegExp>();

/** toc.slugify / toc.slugify_unicode */
function tocSlugify(value: string, separator: string, unicode: boolean): string {
  let v = value;
  if (!unicode) v = v.normalize('NFKD').replace(/[^\x00-\x7f]/g, '');
  v = pyStrip(v.replace(NOT_WORD_SPACE_HYPHEN, '')).toLowerCase();
  let runs = separatorRuns.get(separator);
  if (!runs) separatorRuns.set(separator, (runs = new RegExp(`[${escapeClass(separator)}${PY_SPACE}]+`, 'gu')));
  return v.replace(runs, separator);
}

/** Python's `urllib.parse.quote` (safe: ASCII letters, digits, `_.-~` and `/`). */
function pyQuote(s: string): string {
  let out = '';
  for (const byte of new TextEncoder().encode(s)) {
    const ch = String.fromCharCode(byte);
    out += /[A-Za-z0-9_.\-~/]/.test(ch) ? ch : `%${byte.toString(16).toUpperCase().padStart(2, '0')}`;
  }
  return out;
}

/** An approximation of Python's `str.casefold()`: lowercase plus the common full case foldings. */
function casefold(s: string): string {
  return s.toLowerCase().replace(/[ßẞς]/g, (c) => (c === 'ς' ? 'σ' : 'ss'));
}

/** pymdownx.slugs.slugify(**kwds) */
function pymdownxSlugify(value: string, separator: string, o: MkdocsOptions): string {
  let v = value.normalize(o.normalize ?? 'NFC').replace(/<\/?[^>]*>/g, '');
  v = pyStrip(v);
  switch (o.case ?? 'none') {
    case 'lower':
      v = v.toLowerCase();
      break;
    case 'lower-ascii':
      v = v.replace(/[A-Z]/g, (c) => c.toLowerCase());
      break;
    case 'fold':
      v = casefold(v);
      break;
    default:
  }
  v = v.replace(NOT_WORD_HYPHEN_SPACE, '').replace(/ /g, separator);
  return o.percentEncode ? pyQuote(v) : v;
}

export function mkdocsSlug(text: string, options: AnchorOptions = {}): string {
  const o = options.mkdocs ?? {};
  const separator = o.separator ?? '-';
  switch (o.slugify ?? 'toc') {
    case 'toc-unicode':
      return tocSlugify(text, separator, true);
    case 'pymdownx':
      return pymdownxSlugify(text, separator, o);
    default:
      return tocSlugify(text, separator, false);
  }
}

const ATTR_LIST_HEADER = /[ ]+\{:?[ ]*([^}\n ][^}\n]*)[ ]*\}[ ]*$/;

/** attr_list's `get_attrs` scanner: the `id` it assigns, if any (last wins). */
function attrListId(list: string): string | undefined {
  let id: string | undefined;
  const token = /[^ =]+=".*?"|[^ =]+='.*?'|[^ =]+=[^ =]+|[^ =]+| /gy;
  let m: RegExpExecArray | null;
  while ((m = token.exec(list)) !== null) {
    const t = m[0];
    if (t === ' ') continue;
    const eq = t.indexOf('=');
    if (eq > 0 && /^[^ =]+=/.test(t)) {
      const key = t.slice(0, eq);
      let value = t.slice(eq + 1);
      if ((value.startsWith('"') && value.endsWith('"')) || (value.startsWith("'") && value.endsWith("'"))) value = value.slice(1, -1);
      if (key === 'id') id = value;
    } else if (t.startsWith('#')) id = t.slice(1);
  }
  return id;
}

export function mkdocsHeadingText(heading: Heading, options: RenderOptions = {}): HeadingText {
  let explicitId: string | undefined;
  let cut: { index: number; value: string } | undefined;
  const last = options.mkdocs?.attrList === false ? undefined : lastTextChild(heading);
  if (last) {
    const m = ATTR_LIST_HEADER.exec(last.value);
    if (m) {
      explicitId = attrListId(m[1]!);
      cut = { index: last.index, value: last.value.slice(0, m.index).replace(/#+$/, '').replace(/\s+$/, '') };
    }
  }
  const view: Heading = cut
    ? { ...heading, children: heading.children.map((c, i) => (i === cut!.index ? { type: 'text' as const, value: cut!.value } : c)) }
    : heading;
  const rendered = plainText(view, { image: () => '', html: () => '', lineBreak: ' ' });
  const text = pyStrip(rendered.replace(PY_SPACE_RUN, ' '));
  return explicitId === undefined ? { text } : { text, explicitId };
}

export const mkdocs: AnchorProfile = {
  style: 'mkdocs',
  headingText: mkdocsHeadingText,
  slugify: mkdocsSlug,
  anchors(headings, options) {
    const ids = new PythonMarkdownIds();
    for (const h of headings) if (h.explicitId !== undefined) ids.reserve(h.explicitId);
    return headings.map((h) => (h.explicitId !== undefined ? h.explicitId : ids.take(mkdocsSlug(h.text, options))));
  },
};
