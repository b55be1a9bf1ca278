// Spacing between Chinese and Latin letters or digits (`8张H100` → `8 张 H100`), with the space outside inline
// code, emphasis and links (`使用`nvidia-smi`查看` → ``使用 `nvidia-smi` 查看``, `用**RTX**` → `用 **RTX**`), and doubled
// spaces collapsed. Latin tokens stay whole: a space only ever goes where Chinese meets Latin.
import { Kind } from './segment';
import { Stage } from './settings';
import { Cls, applyStageEdits, classTable, leftClass, rightClass, type Edit } from './scan';
import { isNumberUnitGap } from './units';
import type { Work } from './work';

/** The two words that meet at a boundary (`RunPod上`, `8张`), for the message. */
function excerpt(s: string, a: number, b: number): string {
  const table = classTable();
  const word = (from: number, step: 1 | -1) => {
    const cls = table[s.charCodeAt(from)];
    const limit = cls === Cls.Cjk ? 2 : 16;
    let i = from;
    while (i + step >= 0 && i + step < s.length && Math.abs(i + step - from) < limit && (cls === 0 ? !/\s/.test(s[i + step]) && table[s.charCodeAt(i + step)] !== Cls.Cjk : table[s.charCodeAt(i + step)] === cls)) i += step;
    return i;
  };
  return s.slice(word(a, -1), word(b, 1) + 1).replace(/\s+/g, ' ');
}

/** Runs of one class of the class table (sticky): Chinese letters, and Latin letters and digits. */
const CJK_RUN = /[\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff\u3040-\u30ff\u3100-\u312f\u31f0-\u31ff\u3005\u3007]+/y;
const LATIN_RUN = /[0-9A-Za-z\u00c0-\u00d6\u00d8-\u00f6\u00f8-\u024f\u0370-\u04ff]+/y;

export function cjkLatinSpacing(w: Work): void {
  const v = w.view();
  const s = v.text;
  const kinds = v.kinds;
  const table = classTable();
  const edits: Edit[] = [];
  let prevCls = Cls.None;
  let prevEnd = -1;
  let firstOpen = -1;
  let lastClose = -1;
  /** The Latin token after a space was inserted before it: its group, where it began, and the shared message. */
  let token: { group: number; from: number; message: { en: string; zh: string } } | undefined;
  for (let j = 0; j < s.length; j++) {
    const k = kinds[j];
    if (k === Kind.Open) {
      if (firstOpen < 0) firstOpen = j;
      continue;
    }
    if (k === Kind.Close) {
      lastClose = j;
      continue;
    }
    let end = j;
    let cls: Cls;
    let last: Cls;
    if (k === Kind.Text) {
      // Most characters are plain letters, digits or spaces: one table lookup.
      const t = table[s.charCodeAt(j)];
      cls = t === 0 ? rightClass(v, j) : t;
      last = t === 0 ? leftClass(v, j) : t;
      // A run of marks and blanks separates whatever is on either side: one unit too.
      if (t === Cls.Punct || t === Cls.Space) {
        while (end + 1 < s.length && kinds[end + 1] === Kind.Text && (table[s.charCodeAt(end + 1)] === Cls.Punct || table[s.charCodeAt(end + 1)] === Cls.Space)) end++;
      }
      // A run of Chinese or of Latin letters and digits is one unit: skip to its end.
      if (t === Cls.Cjk || t === Cls.Latin) {
        const run = t === Cls.Cjk ? CJK_RUN : LATIN_RUN;
        run.lastIndex = j + 1;
        if (run.test(s)) {
          const e = run.lastIndex;
          while (end + 1 < e && kinds[end + 1] === Kind.Text) end++;
        }
      }
    } else {
      if (k === Kind.Code || k === Kind.Lock) while (end + 1 < s.length && kinds[end + 1] === k) end++;
      cls = rightClass(v, j);
      last = leftClass(v, end);
    }
    if ((prevCls === Cls.Cjk && cls === Cls.Latin) || (prevCls === Cls.Latin && cls === Cls.Cjk)) {
      // Outside the markers: after the closers that end the left side, before the openers that start the right.
      const at = lastClose > prevEnd ? lastClose + 1 : firstOpen > prevEnd ? firstOpen : j;
      // The spaces on both sides of one Latin token (`在RunPod上`) are one finding with one fix.
      const closing = cls === Cls.Cjk && token !== undefined;
      const from = closing ? token!.from : prevEnd;
      const shown = excerpt(s, from, j);
      const message = { en: `Put a space between Chinese and Latin letters or digits: “${shown}”.`, zh: `中文与英文、数字之间加空格：“${shown}”。` };
      if (closing) {
        Object.assign(token!.message, message);
        edits.push({ j: at, op: 'ins', text: ' ', stage: Stage.Spacing, group: token!.group, message: token!.message });
        token = undefined;
      } else {
        const group = cls === Cls.Latin ? w.nextGroup() : undefined;
        edits.push({ j: at, op: 'ins', text: ' ', stage: Stage.Spacing, group, message });
        if (group !== undefined) token = { group, from: prevEnd, message };
      }
    }
    // A token ends at Chinese text or a blank; it may hold marks (`Node.js`, `C++`, `3~5`).
    if (token && (cls === Cls.Cjk || cls === Cls.Space || last === Cls.Space || cls === Cls.Opaque)) token = undefined;
    prevCls = last;
    prevEnd = end;
    firstOpen = -1;
    lastClose = -1;
    j = end;
  }
  applyStageEdits(w, edits);
}

/** Two or more spaces inside a line become one (not at line ends, not between a number and its unit). */
export function extraSpaces(w: Work): void {
  const v = w.view();
  const s = v.text;
  const edits: Edit[] = [];
  for (let j = s.indexOf('  '); j !== -1; j = s.indexOf('  ', j + 1)) {
    let a = j;
    while (a > 0 && s[a - 1] === ' ' && v.isText(a - 1)) a--;
    let b = j;
    while (b < s.length && s[b] === ' ' && v.isText(b)) b++;
    if (b - a < 2 || a === 0 || b >= s.length || !v.isText(j) || !v.isText(j + 1)) {
      j = Math.max(j, b - 1);
      continue;
    }
    if (!isNumberUnitGap(s, a, b)) {
      const group = w.nextGroup();
      for (let i = a + 1; i < b; i++) edits.push({ j: i, op: 'rep', text: '', stage: Stage.ExtraSpaces, group, message: { en: 'One space is enough here.', zh: '此处多了空格，保留一个即可。' } });
    }
    j = b - 1;
  }
  applyStageEdits(w, edits);
}
