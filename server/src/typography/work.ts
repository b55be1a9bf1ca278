// The working copy of one segment while the typography stages run: every original character keeps its place,
// and a stage may replace or delete it, or insert text in the gap before it. Because every change is anchored to
// the original text, the result can be cut back into the smallest edits (hunks) of the original, each one knowing
// which rules made it — which is what lets one pass produce both the per-rule findings and the fix-all.
import { Kind, type Segment } from './segment';

/** A note a stage leaves with a change: which rule, where (original offset or gap), and the message. */
export interface Note {
  rule: number;
  at: number;
  message: { en: string; zh: string };
  /** Edits of one logical change (a name, a bracket pair) share a group and become one finding. */
  group: number;
}

/** One change of the segment: original [start, end) becomes `text`. Offsets are relative to the segment. */
export interface Hunk {
  start: number;
  end: number;
  text: string;
  rules: number;
  notes: Note[];
}

/** A finding whose fix is not safe to apply unasked (fix-all leaves it); offsets in the original segment. */
export interface Extra {
  rule: number;
  start: number;
  end: number;
  message: { en: string; zh: string };
  fix?: { start: number; end: number; text: string; title: { en: string; zh: string } };
}

export class Work {
  readonly src: string;
  readonly n: number;
  kinds: Uint8Array;
  readonly extras: Extra[] = [];
  /** Current text of each original character ('' when deleted). */
  private out: string[] | undefined;
  /** Text inserted before original position g (g = n: at the end). */
  private ins: string[] | undefined;
  /** Rules (bit mask) that changed each character and each gap. */
  private outRules: Uint32Array | undefined;
  private insRules: Uint32Array | undefined;
  readonly notes: Note[] = [];
  private viewCache: View | undefined;
  private groups = 0;

  /** A new group id for the edits of one logical change. */
  nextGroup(): number {
    return ++this.groups;
  }

  constructor(readonly segment: Segment) {
    this.src = segment.text;
    this.n = segment.text.length;
    this.kinds = segment.kinds;
  }

  /** Marks original positions as another kind (a literal `**` the emphasis rule repairs becomes a marker). */
  setKind(from: number, to: number, kind: Kind): void {
    if (this.kinds === this.segment.kinds) this.kinds = this.kinds.slice();
    this.kinds.fill(kind, from, to);
    this.viewCache = undefined;
  }

  get changed(): boolean {
    return this.out !== undefined;
  }

  private ensure(): void {
    if (this.out) return;
    this.out = new Array<string>(this.n);
    for (let i = 0; i < this.n; i++) this.out[i] = this.src[i];
    this.ins = new Array<string>(this.n + 1).fill('');
    this.outRules = new Uint32Array(this.n);
    this.insRules = new Uint32Array(this.n + 1);
  }

  /** The current text with, for each character, its original position (or -1 - gap for inserted text) and kind. */
  view(): View {
    if (this.viewCache) return this.viewCache;
    if (!this.out) {
      this.viewCache = new View(this.src, undefined, this.kinds);
      return this.viewCache;
    }
    let s = '';
    const org: number[] = [];
    const kind: number[] = [];
    for (let g = 0; g <= this.n; g++) {
      const inserted = this.ins![g];
      for (let k = 0; k < inserted.length; k++) {
        org.push(-1 - g);
        kind.push(Kind.Text);
      }
      s += inserted;
      if (g === this.n) break;
      const ch = this.out[g];
      if (ch.length) {
        s += ch;
        for (let k = 0; k < ch.length; k++) {
          org.push(g);
          kind.push(this.kinds[g]);
        }
      }
    }
    this.viewCache = new View(s, Int32Array.from(org), Uint8Array.from(kind));
    return this.viewCache;
  }

  private note(rule: number, at: number, message: { en: string; zh: string }, group: number | undefined): void {
    this.notes.push({ rule, at, message, group: group ?? this.nextGroup() });
  }

  /** Replaces the character at view position j (an original character or inserted text). */
  replace(j: number, text: string, rule: number, message: { en: string; zh: string }, group?: number): void {
    const v = this.view();
    this.ensure();
    const o = v.origin(j);
    if (o >= 0) {
      this.out![o] = text;
      this.outRules![o] |= 1 << rule;
      this.note(rule, o, message, group);
    } else {
      const g = -1 - o;
      const k = v.indexInGap(j);
      const s = this.ins![g];
      this.ins![g] = s.slice(0, k) + text + s.slice(k + 1);
      this.insRules![g] |= 1 << rule;
      this.note(rule, g, message, group);
    }
    this.viewCache = undefined;
  }

  /** Inserts text before view position j (j = length: at the end). */
  insertBefore(j: number, text: string, rule: number, message: { en: string; zh: string }, group?: number): void {
    const v = this.view();
    this.ensure();
    let g: number;
    let k: number;
    if (j >= v.length) {
      g = this.n;
      k = this.ins![g].length;
    } else {
      const o = v.origin(j);
      if (o >= 0) {
        g = o;
        k = this.ins![g].length;
      } else {
        g = -1 - o;
        k = v.indexInGap(j);
      }
    }
    const s = this.ins![g];
    this.ins![g] = s.slice(0, k) + text + s.slice(k);
    this.insRules![g] |= 1 << rule;
    this.note(rule, g, message, group);
    this.viewCache = undefined;
  }

  /** The final text of the segment. */
  result(): string {
    return this.view().text;
  }

  /** The changes as the smallest edits of the original text, split at every unchanged original character. */
  hunks(): Hunk[] {
    if (!this.out) return [];
    const hunks: Hunk[] = [];
    let open: Hunk | undefined;
    const out = this.out;
    const ins = this.ins!;
    for (let g = 0; g <= this.n; g++) {
      if (ins[g]) {
        if (!open) open = { start: g, end: g, text: '', rules: 0, notes: [] };
        open.text += ins[g];
        open.rules |= this.insRules![g];
      }
      if (g === this.n) break;
      const same = out[g] === this.src[g];
      if (same) {
        if (open) {
          hunks.push(open);
          open = undefined;
        }
        continue;
      }
      if (!open) open = { start: g, end: g, text: '', rules: 0, notes: [] };
      open.text += out[g];
      open.end = g + 1;
      open.rules |= this.outRules![g];
    }
    if (open) hunks.push(open);
    // A hunk that changes nothing (a character replaced by itself after two stages) is dropped.
    const real = hunks.filter((h) => h.text !== this.src.slice(h.start, h.end));
    let i = 0;
    for (const note of this.notes.sort((a, b) => a.at - b.at)) {
      while (i < real.length && real[i].end < note.at) i++;
      const h = real[i];
      if (h && h.start <= note.at && note.at <= h.end) h.notes.push(note);
    }
    return real;
  }
}

/** A snapshot of the working text, with the way back to original positions. */
export class View {
  readonly length: number;
  constructor(readonly text: string, private readonly org: Int32Array | undefined, private readonly kind: Uint8Array) {
    this.length = text.length;
  }

  /** Original position of view position j, or -1 - gap for inserted text. */
  origin(j: number): number {
    return this.org ? this.org[j] : j;
  }

  kindAt(j: number): number {
    return this.kind[j];
  }

  isText(j: number): boolean {
    return this.kind[j] === Kind.Text;
  }

  /** Index of view position j inside the text inserted at its gap. */
  indexInGap(j: number): number {
    const o = this.origin(j);
    let k = 0;
    while (j - k - 1 >= 0 && this.origin(j - k - 1) === o) k++;
    return k;
  }
}
