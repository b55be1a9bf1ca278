// A small, safe XML reader: enough of XML 1.0 for nvidia-smi's `-q -x` output, and nothing that a hostile
// file could turn into a resource problem. It reads elements, attributes, text, CDATA, the five predefined
// entities and numeric character references. Comments, processing instructions (`<?xml ?>`) and the
// DOCTYPE (internal subset included) are skipped without being interpreted: an entity declared there is
// never expanded, and a reference to it is an error. Depth, element count and input size are bounded.
// Errors carry the 1-based line where the problem is.

import { LineIndex } from '../../base/text';

export interface XmlElement {
  name: string;
  attrs: Record<string, string>;
  children: XmlElement[];
  /** The element's own character data (child elements' text excluded), entity-decoded, untrimmed. */
  text: string;
  /** 1-based line of the start tag. */
  line: number;
}

export interface XmlLimits {
  maxDepth: number;
  maxElements: number;
  maxChars: number;
  maxAttributes: number;
}

export const DEFAULT_XML_LIMITS: XmlLimits = {
  maxDepth: 64,
  maxElements: 500_000,
  maxChars: 20 * 1024 * 1024,
  maxAttributes: 256,
};

export class XmlError extends Error {
  constructor(
    message: string,
    readonly line: number,
  ) {
    super(message);
    this.name = 'XmlError';
  }
}

export interface ReadXmlOptions extends Partial<XmlLimits> {
  /** Called with the root element as soon as its start tag is read; may throw to stop early. */
  onRoot?: (name: string, line: number) => void;
}

const NAME_START = /[A-Za-z_:\u00C0-\uFFFF]/;
const NAME_CHAR = /[-A-Za-z0-9_:.\u00B7\u00C0-\uFFFF]/;

/** Parses one XML document and returns its root element. Throws XmlError. */
export function readXml(text: string, options: ReadXmlOptions = {}): XmlElement {
  const limits: XmlLimits = { ...DEFAULT_XML_LIMITS, ...stripUndefined(options) };
  if (text.length > limits.maxChars) {
    throw new XmlError(`the XML is too large (${text.length} characters, limit ${limits.maxChars})`, 1);
  }
  return new Reader(text, limits, options.onRoot).document();
}

function stripUndefined(o: ReadXmlOptions): Partial<XmlLimits> {
  const out: Partial<XmlLimits> = {};
  if (o.maxDepth !== undefined) out.maxDepth = o.maxDepth;
  if (o.maxElements !== undefined) out.maxElements = o.maxElements;
  if (o.maxChars !== undefined) out.maxChars = o.maxChars;
  if (o.maxAttributes !== undefined) out.maxAttributes = o.maxAttributes;
  return out;
}

class Reader {
  private pos = 0;
  private readonly lines: LineIndex;
  private elements = 0;

  constructor(
    private readonly s: string,
    private readonly limits: XmlLimits,
    private readonly onRoot?: (name: string, line: number) => void,
  ) {
    this.lines = new LineIndex(s);
  }

  /** 1-based line of an offset, for messages. */
  lineAt(offset: number): number {
    return this.lines.positionAt(offset).line + 1;
  }

  private fail(message: string, offset = this.pos): never {
    throw new XmlError(message, this.lineAt(Math.min(offset, this.s.length)));
  }

  private lastLine(): number {
    // The line the input ends on (a trailing newline does not start a new, empty line).
    let end = this.s.length;
    while (end > 0 && /\s/.test(this.s[end - 1])) end--;
    return this.lineAt(Math.max(0, end - 1));
  }

  private startsWith(t: string): boolean {
    return this.s.startsWith(t, this.pos);
  }

  private skipSpace(): void {
    while (this.pos < this.s.length && isSpace(this.s.charCodeAt(this.pos))) this.pos++;
  }

  document(): XmlElement {
    if (this.s.charCodeAt(0) === 0xfeff) this.pos = 1;
    let root: XmlElement | undefined;
    for (;;) {
      this.skipSpace();
      if (this.pos >= this.s.length) break;
      if (this.startsWith('<?')) this.skipPI();
      else if (this.startsWith('<!--')) this.skipComment();
      else if (this.startsWith('<!DOCTYPE') || this.startsWith('<!doctype')) {
        if (root) this.fail('a DOCTYPE after the root element');
        this.skipDoctype();
      } else if (this.startsWith('<')) {
        if (root) this.fail(`a second root element after </${root.name}> (only one document is expected)`);
        root = this.element();
      } else {
        this.fail(root ? `text after the end of the document (after </${root.name}>)` : 'text before the root element');
      }
    }
    if (!root) this.fail('no root element: the document is empty or holds only comments', this.s.length);
    return root;
  }

  private skipPI(): void {
    const start = this.pos;
    const end = this.s.indexOf('?>', this.pos + 2);
    if (end < 0) this.fail('the XML is cut off: it ends inside a processing instruction "<?…"', start);
    this.pos = end + 2;
  }

  private skipComment(): void {
    const start = this.pos;
    const end = this.s.indexOf('-->', this.pos + 4);
    if (end < 0) this.fail('the XML is cut off: it ends inside a comment "<!--…"', start);
    this.pos = end + 3;
  }

  /** Skips `<!DOCTYPE …>` including an internal subset `[ … ]`, without interpreting any declaration. */
  private skipDoctype(): void {
    const start = this.pos;
    this.pos += '<!DOCTYPE'.length;
    let bracket = 0;
    while (this.pos < this.s.length) {
      const c = this.s[this.pos];
      if (c === '"' || c === "'") {
        const close = this.s.indexOf(c, this.pos + 1);
        if (close < 0) break;
        this.pos = close + 1;
        continue;
      }
      if (bracket > 0 && this.startsWith('<!--')) {
        const close = this.s.indexOf('-->', this.pos + 4);
        if (close < 0) break;
        this.pos = close + 3;
        continue;
      }
      if (c === '[') bracket++;
      else if (c === ']') bracket = Math.max(0, bracket - 1);
      else if (c === '>' && bracket === 0) {
        this.pos++;
        return;
      }
      this.pos++;
    }
    this.fail('the XML is cut off: it ends inside the DOCTYPE declaration', start);
  }

  private readName(what: string): string {
    const start = this.pos;
    if (this.pos >= this.s.length) this.fail(`the XML is cut off: it ends where ${what} should be`);
    if (!NAME_START.test(this.s[this.pos])) this.fail(`expected ${what}, found "${printable(this.s[this.pos])}"`);
    this.pos++;
    while (this.pos < this.s.length && NAME_CHAR.test(this.s[this.pos])) this.pos++;
    return this.s.slice(start, this.pos);
  }

  /**
   * Reads an element and everything inside it. Iterative (an explicit stack), so deep nesting cannot
   * overflow the call stack; the depth limit stops it long before memory matters.
   */
  private element(): XmlElement {
    const root = this.startTag(1);
    this.onRoot?.(root.el.name, root.el.line);
    if (root.selfClosing) return root.el;
    const stack: XmlElement[] = [root.el];
    const texts: string[][] = [[]];
    while (stack.length > 0) {
      const top = stack[stack.length - 1];
      if (this.pos >= this.s.length) {
        const open = stack
          .slice(-3)
          .map((e) => `<${e.name}> (line ${e.line})`)
          .join(' in ');
        throw new XmlError(
          `the XML is cut off: the input ends before </${top.name}>; still open: ${open}${stack.length > 3 ? ' …' : ''}`,
          this.lastLine(),
        );
      }
      const lt = this.s.indexOf('<', this.pos);
      const textEnd = lt < 0 ? this.s.length : lt;
      if (textEnd > this.pos) {
        texts[texts.length - 1].push(this.decode(this.pos, textEnd));
        this.pos = textEnd;
        continue;
      }
      // At a '<'.
      if (this.startsWith('</')) {
        const at = this.pos;
        this.pos += 2;
        const name = this.readName('an end-tag name');
        this.skipSpace();
        if (this.pos >= this.s.length) this.fail(`the XML is cut off: it ends inside the end tag </${name}`, at);
        if (this.s[this.pos] !== '>') this.fail(`expected ">" to close </${name}`);
        this.pos++;
        if (name !== top.name) {
          this.fail(`mismatched end tag </${name}>: <${top.name}> opened on line ${top.line} is still open`, at);
        }
        top.text = texts.pop()!.join('');
        stack.pop();
        continue;
      }
      if (this.startsWith('<!--')) {
        this.skipComment();
        continue;
      }
      if (this.startsWith('<![CDATA[')) {
        const start = this.pos;
        const end = this.s.indexOf(']]>', this.pos + 9);
        if (end < 0) this.fail('the XML is cut off: it ends inside a CDATA section', start);
        texts[texts.length - 1].push(this.s.slice(this.pos + 9, end));
        this.pos = end + 3;
        continue;
      }
      if (this.startsWith('<?')) {
        this.skipPI();
        continue;
      }
      if (this.startsWith('<!')) this.fail('a declaration ("<!…") is not allowed inside an element');
      const child = this.startTag(stack.length + 1);
      top.children.push(child.el);
      if (!child.selfClosing) {
        stack.push(child.el);
        texts.push([]);
      }
    }
    return root.el;
  }

  private startTag(depth: number): { el: XmlElement; selfClosing: boolean } {
    const at = this.pos;
    if (depth > this.limits.maxDepth) this.fail(`elements are nested too deeply (more than ${this.limits.maxDepth} levels)`);
    if (++this.elements > this.limits.maxElements) this.fail(`too many elements (more than ${this.limits.maxElements})`);
    this.pos++; // '<'
    const name = this.readName('an element name');
    const el: XmlElement = { name, attrs: Object.create(null) as Record<string, string>, children: [], text: '', line: this.lineAt(at) };
    let count = 0;
    for (;;) {
      const before = this.pos;
      this.skipSpace();
      if (this.pos >= this.s.length) this.fail(`the XML is cut off: it ends inside the start tag <${name}`, at);
      const c = this.s[this.pos];
      if (c === '>') {
        this.pos++;
        return { el, selfClosing: false };
      }
      if (c === '/') {
        if (this.s[this.pos + 1] !== '>') this.fail(`expected "/>" in <${name}`);
        this.pos += 2;
        return { el, selfClosing: true };
      }
      if (before === this.pos) this.fail(`expected a space before the attribute in <${name}`);
      const attr = this.readName(`an attribute name in <${name}`);
      this.skipSpace();
      if (this.s[this.pos] !== '=') this.fail(`expected "=" after attribute ${attr} in <${name}`);
      this.pos++;
      this.skipSpace();
      const q = this.s[this.pos];
      if (q !== '"' && q !== "'") this.fail(`expected a quoted value for attribute ${attr} in <${name}`);
      const close = this.s.indexOf(q, this.pos + 1);
      if (close < 0) this.fail(`the XML is cut off: it ends inside the value of attribute ${attr}`);
      const lt = this.s.indexOf('<', this.pos + 1);
      if (lt >= 0 && lt < close) this.fail(`"<" is not allowed in the value of attribute ${attr}`, lt);
      if (Object.prototype.hasOwnProperty.call(el.attrs, attr)) this.fail(`attribute ${attr} appears twice in <${name}`);
      if (++count > this.limits.maxAttributes) this.fail(`too many attributes in <${name}`);
      el.attrs[attr] = this.decode(this.pos + 1, close);
      this.pos = close + 1;
    }
  }

  /** Decodes entity and character references in s[from, to). Unknown entities are errors, never expanded. */
  private decode(from: number, to: number): string {
    const raw = this.s.slice(from, to);
    const amp = raw.indexOf('&');
    if (amp < 0) return raw;
    let out = '';
    let i = 0;
    while (i < raw.length) {
      const j = raw.indexOf('&', i);
      if (j < 0) {
        out += raw.slice(i);
        break;
      }
      out += raw.slice(i, j);
      const semi = raw.indexOf(';', j + 1);
      const ref = semi < 0 || semi - j > 32 ? '' : raw.slice(j + 1, semi);
      if (!ref) this.fail('a bare "&" (write &amp;)', from + j);
      const ch = this.entity(ref, from + j);
      out += ch;
      i = semi + 1;
    }
    return out;
  }

  private entity(ref: string, at: number): string {
    switch (ref) {
      case 'amp':
        return '&';
      case 'lt':
        return '<';
      case 'gt':
        return '>';
      case 'quot':
        return '"';
      case 'apos':
        return "'";
    }
    let code = NaN;
    if (/^#x0*[0-9A-Fa-f]{1,6}$/.test(ref)) code = parseInt(ref.slice(2), 16);
    else if (/^#0*[0-9]{1,7}$/.test(ref)) code = parseInt(ref.slice(1), 10);
    else this.fail(`undefined entity &${ref}; (entities declared in a DOCTYPE are not expanded)`, at);
    const ok = code === 0x9 || code === 0xa || code === 0xd || (code >= 0x20 && code <= 0xd7ff) || (code >= 0xe000 && code <= 0xfffd) || (code >= 0x10000 && code <= 0x10ffff);
    if (!ok) this.fail(`character reference &${ref}; is not a valid XML character`, at);
    return String.fromCodePoint(code);
  }
}

function isSpace(c: number): boolean {
  return c === 0x20 || c === 0x09 || c === 0x0a || c === 0x0d;
}

function printable(c: string): string {
  const code = c.charCodeAt(0);
  return code < 0x20 ? `\\u${code.toString(16).padStart(4, '0')}` : c;
}

/** The first direct child with this name. */
export function child(el: XmlElement, name: string): XmlElement | undefined {
  return el.children.find((c) => c.name === name);
}

/** Follows a `a/b/c` path of direct children. */
export function childPath(el: XmlElement, path: string): XmlElement | undefined {
  let cur: XmlElement | undefined = el;
  for (const part of path.split('/')) {
    if (!cur) return undefined;
    cur = child(cur, part);
  }
  return cur;
}
