// Anchors of an HTML page, found cheaply and safely: a single linear scan (no backtracking regular
// expressions over the page), comments and raw-text elements skipped, and a cap on how many bytes of
// the body are read at all.

const RAW_TEXT = new Set(['script', 'style', 'textarea', 'title', 'xmp', 'iframe', 'noembed', 'noframes', 'plaintext']);
const GITHUB_PREFIX = 'user-content-';

const NAMED_ENTITIES: Record<string, string> = { amp: '&', lt: '<', gt: '>', quot: '"', apos: "'", nbsp: '\u00a0' };

function decodeEntities(value: string): string {
  if (!value.includes('&')) return value;
  return value.replace(/&(#[0-9]{1,7}|#[xX][0-9a-fA-F]{1,6}|[a-zA-Z]{2,8});?/g, (whole, body: string) => {
    if (body[0] === '#') {
      const code = body[1] === 'x' || body[1] === 'X' ? parseInt(body.slice(2), 16) : parseInt(body.slice(1), 10);
      return code > 0 && code <= 0x10ffff ? String.fromCodePoint(code) : whole;
    }
    return NAMED_ENTITIES[body] ?? whole;
  });
}

const isSpace = (c: number) => c === 0x20 || c === 0x09 || c === 0x0a || c === 0x0c || c === 0x0d;

/**
 * Every fragment target of the page: `id` of any element, `name` of `<a>`, each also without GitHub's
 * `user-content-` prefix (GitHub renders `## Setup` as `id="user-content-setup"` and its script makes
 * `#setup` work). GitHub's code view ships the rendered README inside a JSON `<script>`, so
 * `user-content-…` ids are also picked up from anywhere in the text.
 */
export function extractAnchors(html: string): Set<string> {
  const anchors = new Set<string>();
  const add = (raw: string) => {
    const v = decodeEntities(raw);
    if (v === '') return;
    anchors.add(v);
    if (v.startsWith(GITHUB_PREFIX) && v.length > GITHUB_PREFIX.length) anchors.add(v.slice(GITHUB_PREFIX.length));
  };
  const n = html.length;
  let i = 0;
  while (i < n) {
    const lt = html.indexOf('<', i);
    if (lt < 0 || lt + 1 >= n) break;
    const next = html.charCodeAt(lt + 1);
    if (next === 0x21 /* ! */) {
      if (html.startsWith('<!--', lt)) {
        const end = html.indexOf('-->', lt + 4);
        i = end < 0 ? n : end + 3;
      } else if (html.startsWith('<![CDATA[', lt)) {
        const end = html.indexOf(']]>', lt + 9);
        i = end < 0 ? n : end + 3;
      } else {
        const end = html.indexOf('>', lt + 2);
        i = end < 0 ? n : end + 1;
      }
      continue;
    }
    if (next === 0x2f /* / */ || next === 0x3f /* ? */) {
      const end = html.indexOf('>', lt + 2);
      i = end < 0 ? n : end + 1;
      continue;
    }
    const isLetter = (next >= 0x41 && next <= 0x5a) || (next >= 0x61 && next <= 0x7a);
    if (!isLetter) {
      i = lt + 1;
      continue;
    }
    // Tag name.
    let p = lt + 1;
    while (p < n) {
      const c = html.charCodeAt(p);
      if (isSpace(c) || c === 0x2f || c === 0x3e) break;
      p++;
    }
    const tag = html.slice(lt + 1, p).toLowerCase();
    // Attributes, up to the closing '>' (quotes respected).
    let selfClosing = false;
    while (p < n) {
      let c = html.charCodeAt(p);
      if (isSpace(c)) {
        p++;
        continue;
      }
      if (c === 0x3e) {
        p++;
        break;
      }
      if (c === 0x2f) {
        selfClosing = html.charCodeAt(p + 1) === 0x3e;
        p++;
        continue;
      }
      const nameStart = p;
      while (p < n) {
        c = html.charCodeAt(p);
        if (isSpace(c) || c === 0x2f || c === 0x3e || (c === 0x3d && p > nameStart)) break;
        p++;
      }
      const name = html.slice(nameStart, p).toLowerCase();
      while (p < n && isSpace(html.charCodeAt(p))) p++;
      if (html.charCodeAt(p) !== 0x3d /* = */) continue; // attribute without value
      p++;
      while (p < n && isSpace(html.charCodeAt(p))) p++;
      let value: string;
      const q = html.charCodeAt(p);
      if (q === 0x22 || q === 0x27) {
        const end = html.indexOf(q === 0x22 ? '"' : "'", p + 1);
        value = html.slice(p + 1, end < 0 ? n : end);
        p = end < 0 ? n : end + 1;
      } else {
        const start = p;
        while (p < n && !isSpace(html.charCodeAt(p)) && html.charCodeAt(p) !== 0x3e) p++;
        value = html.slice(start, p);
      }
      if (name === 'id' || (name === 'name' && tag === 'a')) add(value);
    }
    i = p;
    if (RAW_TEXT.has(tag) && !selfClosing) {
      if (tag === 'plaintext') break;
      const close = new RegExp(`</${tag}[\\s/>]`, 'gi');
      close.lastIndex = i;
      const m = close.exec(html);
      if (m) {
        // Ids GitHub renders inside its JSON payload (escaped quotes), e.g. id=\"user-content-setup\".
        if (tag === 'script') scanGithubIds(html.slice(i, m.index), add);
        i = m.index;
      } else {
        if (tag === 'script') scanGithubIds(html.slice(i), add);
        break;
      }
    }
  }
  return anchors;
}

// " ' \\ < > & and whitespace end an id inside script text.
const ID_STOP = new Set([0x22, 0x27, 0x5c, 0x3c, 0x3e, 0x26, 0x20, 0x09, 0x0a, 0x0c, 0x0d]);

function scanGithubIds(text: string, add: (v: string) => void) {
  let from = 0;
  for (;;) {
    const at = text.indexOf(GITHUB_PREFIX, from);
    if (at < 0) return;
    let end = at + GITHUB_PREFIX.length;
    while (end < text.length && !ID_STOP.has(text.charCodeAt(end))) end++;
    if (end > at + GITHUB_PREFIX.length) add(text.slice(at, end));
    from = end;
  }
}

/**
 * The fragment of a link that should be looked up among a page's anchors, or undefined when there is
 * nothing to check: empty, `#top`, text fragments (`#:~:text=`), hash-routed apps (`#/path`, `#!/path`)
 * and GitHub line anchors (`#L10-L20`, made by script).
 * Returned percent-encoded as in URL.hash, without the `#`.
 */
export function fragmentToCheck(url: URL): string | undefined {
  let frag = url.hash.startsWith('#') ? url.hash.slice(1) : url.hash;
  const directive = frag.indexOf(':~:');
  if (directive >= 0) frag = frag.slice(0, directive);
  if (frag === '' || frag.toLowerCase() === 'top') return undefined;
  if (frag.startsWith('/') || frag.startsWith('!')) return undefined;
  const host = url.hostname.toLowerCase();
  if ((host === 'github.com' || host.endsWith('.github.com')) && /^L\d+(C\d+)?(-L\d+(C\d+)?)?$/.test(frag)) return undefined;
  return frag;
}

function safeDecode(s: string): string {
  try {
    return decodeURIComponent(s);
  } catch {
    return s;
  }
}

/** Whether a fragment (as returned by fragmentToCheck) names an anchor of the page. */
export function hasAnchor(anchors: ReadonlySet<string>, fragment: string): boolean {
  return anchors.has(fragment) || anchors.has(safeDecode(fragment));
}

export function displayFragment(fragment: string): string {
  return safeDecode(fragment);
}

export function isHtmlContentType(contentType: string | undefined): boolean {
  if (!contentType) return false;
  const mime = contentType.split(';')[0]!.trim().toLowerCase();
  return mime === 'text/html' || mime === 'application/xhtml+xml';
}

// Capped, decoded body reads live in net/body (shared with the price client).
export { readBodyText, type BodyText } from '../../net/body';
