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
  /** Changed original characters: position → current text ('' when deleted). Sparse: most text is unchanged. */
  private readonly out = new Map<number, string>();
  /** Text inserted before original position g (g = n: at the end). */
  private readonly ins = new Map<number, string>();
  /** Rules (bit mask) that changed each character and each gap. */
  private readonly outRules = new Map<number, number>();
  private readonly insRules = new Map<number, number>();
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
    return this.out.size > 0 || this.ins.size > 0;
  }

  /** Changed positions and gaps in text order, as keys: gap g → 2g, position p → 2p + 1. */
  private events(): number[] {
    const keys: number[] = [];
    for (const p of this.out.keys()) keys.push(2 * p + 1);
    for (const g of this.ins.keys()) keys.push(2 * g);
    return keys.sort((a, b) => a - b);
  }

  /** The current text with, for each character, its original position (or -1 - gap for inserted text) and kind. */
  view(): View {
    if (this.viewCache) return this.viewCache;
    if (!this.changed) {
      this.viewCache = new View(this.src, undefined, this.kinds);
      return this.viewCache;
    }
    const events = this.events();
    let length = this.n;
    for (const t of this.ins.values()) length += t.length;
    for (const t of this.out.values()) length += t.length - 1;
    const org = new Int32Array(length);
    const kind = new Uint8Array(length);
    const parts: string[] = [];
    let at = 0;
    let from = 0;
    const copy = (to: number) => {
      if (to <= from) return;
      parts.push(this.src.slice(from, to));
      for (let p = from; p < to; p++) org[at + p - from] = p;
      kind.set(this.kinds.subarray(from, to), at);
      at += to - from;
      from = to;
    };
    for (const key of events) {
      if (key % 2 === 0) {
        const g = key / 2;
        copy(g);
        const t = this.ins.get(g)!;
        parts.push(t);
        org.fill(-1 - g, at, at + t.length);
        at += t.length;
      } else {
        const p = (key - 1) / 2;
        copy(p);
        const t = this.out.get(p)!;
        parts.push(t);
        for (let k = 0; k < t.length; k++) {
          org[at] = p;
          kind[at++] = this.kinds[p];
        }
        from = p + 1;
      }
    }
    copy(this.n);
    this.viewCache = new View(parts.join(''), org, kind);
    return this.viewCache;
  }

  private note(rule: number, at: number, message: { en: string; zh: string }, group: number | undefined): void {
    this.notes.push({ rule, at, message, group: group ?? this.nextGroup() });
  }

  /**
   * Applies changes given at positions of one snapshot of the view. They are applied from the end back, so every
   * position still means what it meant in the snapshot; the view is rebuilt once, when next asked for.
   */
  applyAt(v: View, edits: readonly { j: number; op: 'rep' | 'ins'; text: string; rule: number; message: { en: string; zh: string }; group?: number }[]): void {
    if (edits.length === 0) return;
    const { out, ins } = this;
    for (const e of edits) {
      const bit = 1 << e.rule;
      if (e.op === 'rep') {
        const o = v.origin(e.j);
        if (o >= 0) {
          out.set(o, e.text);
          this.outRules.set(o, (this.outRules.get(o) ?? 0) | bit);
          this.note(e.rule, o, e.message, e.group);
        } else {
          const g = -1 - o;
          const k = v.indexInGap(e.j);
          const t = ins.get(g) ?? '';
          ins.set(g, t.slice(0, k) + e.text + t.slice(k + 1));
          this.insRules.set(g, (this.insRules.get(g) ?? 0) | bit);
          this.note(e.rule, g, e.message, e.group);
        }
        continue;
      }
      let g: number;
      let k: number;
      if (e.j >= v.length) {
        g = this.n;
        k = (ins.get(g) ?? '').length;
      } else {
        const o = v.origin(e.j);
        if (o >= 0) {
          g = o;
          k = (ins.get(g) ?? '').length;
        } else {
          g = -1 - o;
          k = v.indexInGap(e.j);
        }
      }
      const t = ins.get(g) ?? '';
      ins.set(g, t.slice(0, k) + e.text + t.slice(k));
      this.insRules.set(g, (this.insRules.get(g) ?? 0) | bit);
      this.note(e.rule, g, e.message, e.group);
    }
    this.viewCache = undefined;
  }

  /** The final text of the segment. */
  result(): string {
    return this.view().text;
  }

  /** The changes as the smallest edits of the original text, split at every unchanged original character. */
  hunks(): Hunk[] {
    if (!this.changed) return [];
    const hunks: Hunk[] = [];
    let open: Hunk | undefined;
    let last = -10;
    for (const key of this.events()) {
      const isGap = key % 2 === 0;
      const index = isGap ? key / 2 : (key - 1) / 2;
      const text = isGap ? this.ins.get(index)! : this.out.get(index)!;
      const rules = isGap ? this.insRules.get(index) ?? 0 : this.outRules.get(index) ?? 0;
      if (isGap && !text) continue;
      // Contiguous in the original: the next gap or position, or the next position across an empty gap.
      const joins = open && (key === last + 1 || (key === last + 2 && last % 2 === 1));
      if (!joins) {
        if (open) hunks.push(open);
        open = { start: index, end: index, text: '', rules: 0, notes: [] };
      }
      open!.text += text;
      open!.rules |= rules;
      if (!isGap) open!.end = index + 1;
      last = key;
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

  /** The kinds of all positions (read only). */
  get kinds(): Uint8Array {
    return this.kind;
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
