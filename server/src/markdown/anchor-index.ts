// Looking up a link's `#fragment` among a document's anchors the way the reader's browser does: the fragment as
// written, then percent-decoded, compared exactly (case-sensitive) — except on VS Code, whose preview and link
// check slugify the fragment and ignore case. A fragment that misses only by case, an emoji, punctuation or
// spacing is a near miss: the anchor it was meant for is known, and a fix can write it.
import { encodeFragment, percentDecode, slugify, type AnchorStyle } from './slugs';
import type { DocumentView } from './document-view';

/** Every anchor a reader can jump to in a document: its headings' anchors (for the platform) and HTML ids. */
export function viewAnchors(doc: DocumentView): string[] {
  return [...doc.anchors.map((a) => a.id).filter((id) => id !== ''), ...doc.htmlIds];
}

/** The index of a document's anchors for its platform. */
export function anchorIndexOf(doc: DocumentView): AnchorIndex {
  return new AnchorIndex(viewAnchors(doc), doc.anchorSettings.style);
}

/** The fragment's text: percent-decoded as a browser decodes it. */
export function fragmentText(fragment: string): string {
  return percentDecode(encodeFragment(fragment));
}

/** What is left of a fragment or anchor when case, emoji, punctuation, separators and spacing are ignored. */
export function looseAnchorKey(value: string): string {
  return fragmentText(value).normalize('NFKC').toLowerCase().replace(/[^\p{L}\p{N}]/gu, '');
}

export interface NearMiss {
  anchor: string;
  /** `case`: equal but for case; `loose`: equal once emoji, punctuation and separators are ignored. */
  kind: 'case' | 'loose';
}

/** Indexes made recently, by style and anchors: a re-check after an edit that left the headings alone reuses its answers. */
const recent = new Map<string, AnchorIndex>();

export class AnchorIndex {
  private readonly exact: Set<string>;
  private readonly vscode?: Map<string, string>;
  private loose?: Map<string, string | null>;
  /** Answers by fragment (an index never changes, so neither do they). */
  private readonly found = new Map<string, string | undefined>();
  private readonly near = new Map<string, NearMiss | undefined>();

  /** An index of these anchors for this style: one made for the same anchors lately, or a new one. */
  static of(anchors: readonly string[], style: AnchorStyle): AnchorIndex {
    const key = `${style}\u0000${anchors.join('\u0000')}`;
    let index = recent.get(key);
    if (index) {
      recent.delete(key);
    } else {
      index = new AnchorIndex(anchors, style);
      if (recent.size >= 16) recent.delete(recent.keys().next().value as string);
    }
    recent.set(key, index);
    return index;
  }

  constructor(readonly anchors: readonly string[], readonly style: AnchorStyle) {
    this.exact = new Set(anchors.filter((a) => a !== ''));
    if (style === 'vscode') {
      this.vscode = new Map();
      for (const a of this.exact) if (!this.vscode.has(a.toLowerCase())) this.vscode.set(a.toLowerCase(), a);
    }
  }

  /** The anchor the fragment (as written in the link, without `#`) reaches, or undefined. */
  find(fragment: string): string | undefined {
    if (this.found.has(fragment)) return this.found.get(fragment);
    const anchor = this.lookUp(fragment);
    if (this.found.size < 50000) this.found.set(fragment, anchor);
    return anchor;
  }

  private lookUp(fragment: string): string | undefined {
    const encoded = encodeFragment(fragment);
    const decoded = percentDecode(encoded);
    if (this.vscode) return this.vscode.get(slugify(decoded, 'vscode').toLowerCase());
    if (this.exact.has(encoded)) return encoded;
    if (this.exact.has(decoded)) return decoded;
    return undefined;
  }

  has(fragment: string): boolean {
    return this.find(fragment) !== undefined;
  }

  /** The one anchor a fragment that reaches nothing was meant for, when it differs only in case, emoji or punctuation. */
  nearMiss(fragment: string): NearMiss | undefined {
    if (this.near.has(fragment)) return this.near.get(fragment);
    const miss = this.nearMissOf(fragment);
    if (this.near.size < 50000) this.near.set(fragment, miss);
    return miss;
  }

  private nearMissOf(fragment: string): NearMiss | undefined {
    const key = looseAnchorKey(fragment);
    if (key === '') return undefined;
    if (!this.loose) {
      this.loose = new Map();
      for (const a of this.exact) {
        const k = looseAnchorKey(a);
        if (k === '') continue;
        this.loose.set(k, this.loose.has(k) && this.loose.get(k) !== a ? null : a);
      }
    }
    const anchor = this.loose.get(key);
    if (!anchor) return undefined;
    return { anchor, kind: fragmentText(fragment).toLowerCase() === fragmentText(anchor).toLowerCase() ? 'case' : 'loose' };
  }
}

/**
 * The anchor written as a link fragment in the style of the one it replaces: percent-encoded if that one was
 * (an anchor that is itself percent-encoded is kept as it is); characters that would end or break a link
 * destination (spaces, parentheses, `<`, `>`, quotes) are always encoded.
 */
export function writeFragment(anchor: string, like?: string): string {
  const encodeAll = like !== undefined && /%[0-9a-fA-F]{2}/.test(like) && !/%[0-9a-fA-F]{2}/.test(anchor);
  let out = '';
  for (const ch of anchor) {
    const cp = ch.codePointAt(0)!;
    const unsafe = cp <= 0x20 || cp === 0x7f || '()<>"\'`\\'.includes(ch);
    if (unsafe || (encodeAll && cp > 0x7e)) out += [...new TextEncoder().encode(ch)].map((b) => `%${b.toString(16).toUpperCase().padStart(2, '0')}`).join('');
    else out += ch;
  }
  return out;
}
