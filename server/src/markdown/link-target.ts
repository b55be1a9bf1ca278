// What a link in a draft points at: an external URL, a heading in this document, or a local file (with an
// optional heading fragment). Root-relative paths ("/img/x.png") depend on the site generator and are not
// resolved.
import path from 'node:path';

/**
 * `fragment` is percent-decoded (for messages and lookups by text); `rawFragment` is the fragment as written,
 * which anchor matching needs (a browser tries it as written, then decoded).
 */
export type LinkTarget =
  | { kind: 'external'; url: string }
  | { kind: 'fragment'; fragment: string; rawFragment: string }
  | { kind: 'file'; path: string; fragment?: string; rawFragment?: string }
  | { kind: 'other' };

/** Fragments compare after percent-decoding, as browsers do. */
export function decodeFragment(fragment: string): string {
  try {
    return decodeURIComponent(fragment);
  } catch {
    return fragment;
  }
}

const EXTERNAL = /^\s*https?:\/\//i;

/**
 * Answers by document and URL: whole-document rules ask for every link of the draft on every check, and a draft
 * links to the same few targets again and again. Targets are never changed once made. Bounded: forgotten past 20,000.
 */
const answers = new Map<string, Map<string, LinkTarget>>();
let answered = 0;

export function resolveLinkTarget(url: string, documentPath: string | undefined): LinkTarget {
  // An external URL is told by its scheme alone, for less than a lookup costs (a draft of 50,000 distinct URLs only
  // churned the cache).
  if (EXTERNAL.test(url)) return { kind: 'external', url: url.trim() };
  let byUrl = answers.get(documentPath ?? '');
  if (!byUrl) answers.set(documentPath ?? '', (byUrl = new Map()));
  let target = byUrl.get(url);
  if (!target) {
    if (++answered > 20000) {
      answers.clear();
      answers.set(documentPath ?? '', byUrl);
      byUrl.clear();
      answered = 1;
    }
    target = resolveUncached(url, documentPath);
    byUrl.set(url, target);
  }
  return target;
}

function resolveUncached(url: string, documentPath: string | undefined): LinkTarget {
  const trimmed = url.trim();
  if (/^[a-z][a-z0-9+.-]*:/i.test(trimmed) || trimmed.startsWith('//')) return { kind: 'other' };
  if (trimmed.startsWith('#')) return { kind: 'fragment', fragment: decodeFragment(trimmed.slice(1)), rawFragment: trimmed.slice(1) };
  if (!documentPath || trimmed === '' || trimmed.startsWith('/')) return { kind: 'other' };
  const hash = trimmed.indexOf('#');
  const withoutFragment = hash === -1 ? trimmed : trimmed.slice(0, hash);
  const rawFragment = hash === -1 ? undefined : trimmed.slice(hash + 1);
  const fragment = rawFragment === undefined ? undefined : decodeFragment(rawFragment);
  const withoutQuery = withoutFragment.split('?')[0];
  if (withoutQuery === '') return fragment !== undefined && rawFragment !== undefined ? { kind: 'fragment', fragment, rawFragment } : { kind: 'other' };
  let decoded = withoutQuery;
  try {
    decoded = decodeURI(withoutQuery);
  } catch {
    /* keep it as written */
  }
  return { kind: 'file', path: path.resolve(path.dirname(documentPath), decoded), fragment, rawFragment };
}

export const isMarkdownPath = (p: string) => /\.(md|mdx|markdown)$/i.test(p);
