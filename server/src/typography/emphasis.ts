// Emphasis that CommonMark does not render next to Chinese punctuation. A closing `**` right after punctuation
// closes only when whitespace or punctuation follows it, and an opening `**` right before punctuation opens only
// after whitespace or punctuation; Chinese has no spaces, so `**中文（括号）。**继续` shows its asterisks
// (commonmark/commonmark-spec#650). The fix keeps the meaning: the punctuation moves outside the markers
// (`**中文（括号）**。继续`, `「**重要**」`), or, where the edge is code or Latin text, a space goes outside them as
// the spacing rule wants anyway. Where neither keeps the meaning (a bracket opened inside), the finding offers a
// quick fix that fix-all does not apply.
import { Kind } from './segment';
import { Stage } from './settings';
import { PAIR, isCjkAt, isUnicodePunctuation, isUnicodeWhitespace } from './chars';
import { applyStageEdits, type Edit } from './scan';
import type { View, Work } from './work';

const leftFlanking = (before: string | undefined, after: string | undefined) =>
  !isUnicodeWhitespace(after) && (!isUnicodePunctuation(after) || isUnicodeWhitespace(before) || isUnicodePunctuation(before));
const rightFlanking = (before: string | undefined, after: string | undefined) =>
  !isUnicodeWhitespace(before) && (!isUnicodePunctuation(before) || isUnicodeWhitespace(after) || isUnicodePunctuation(after));

/** Punctuation that may leave the emphasis at its end without changing what is emphasised. */
const MOVABLE_END = new Set('，。、；：！？….,;:!?-—～~·'.split(''));
const CLOSING_OF: Record<string, string> = Object.fromEntries(Object.entries(PAIR).map(([o, c]) => [c, o]));

interface Run {
  start: number;
  end: number;
}

/** Literal `*` runs: asterisks the parser left as text (an emphasis that parsed has its markers blanked). */
function literalRuns(v: View): Run[] {
  const runs: Run[] = [];
  const s = v.text;
  for (let j = s.indexOf('*'); j !== -1; j = s.indexOf('*', j + 1)) {
    if (!v.isText(j)) continue;
    let e = j;
    while (e < s.length && s[e] === '*' && v.isText(e)) e++;
    runs.push({ start: j, end: e });
    j = e - 1;
  }
  return runs;
}

const charAt = (v: View, j: number): string | undefined => (j >= 0 && j < v.length ? v.text[j] : undefined);

/** The text with edits applied, and where two positions of the old text went. */
function simulate(v: View, edits: Edit[], at: number[]): { text: string; pos: number[] } {
  let text = '';
  const pos = at.map(() => -1);
  const sorted = [...edits].sort((a, b) => a.j - b.j || (a.op === 'ins' ? -1 : 1));
  let k = 0;
  for (let j = 0; j <= v.length; j++) {
    while (k < sorted.length && sorted[k].j === j && sorted[k].op === 'ins') text += sorted[k++].text;
    at.forEach((p, i) => { if (p === j) pos[i] = text.length; });
    if (j === v.length) break;
    if (k < sorted.length && sorted[k].j === j && sorted[k].op === 'rep') text += sorted[k++].text;
    else text += v.text[j];
  }
  return { text, pos };
}

/** First (or last) character of the emphasised content as spacing sees it: Latin-like or CJK. */
function edgeIsLatin(v: View, from: number, to: number, step: 1 | -1): boolean {
  for (let j = from; step > 0 ? j < to : j >= to; j += step) {
    const ch = v.text[j];
    if (ch === '`' || ch === '[' || ch === ']' || ch === '(' || ch === ')' || ch === '<' || ch === '>' || ch === '!' || ch === ' ') continue;
    return !isCjkAt(v.text, j);
  }
  return false;
}

export function emphasisPunctuation(w: Work): void {
  const v = w.view();
  const runs = literalRuns(v);
  if (runs.length < 2) return;
  const edits: Edit[] = [];
  const repaired: Run[] = [];
  for (let r = 0; r + 1 < runs.length; r++) {
    const o = runs[r];
    const c = runs[r + 1];
    const len = o.end - o.start;
    if (c.end - c.start !== len || len > 3) continue;
    const bo = charAt(v, o.start - 1), ao = charAt(v, o.end), bc = charAt(v, c.start - 1), ac = charAt(v, c.end);
    if (isUnicodeWhitespace(ao) || isUnicodeWhitespace(bc) || c.start === o.end) continue;
    const canOpen = leftFlanking(bo, ao);
    const canClose = rightFlanking(bc, ac);
    if (canOpen && canClose) continue;
    const cjk = [o.start - 1, o.end, c.start - 1, c.end].some((j) => j >= 0 && j < v.length && isCjkAt(v.text, j));
    if (!cjk) continue;
    r++;
    const plan: Edit[] = [];
    const message = {
      en: `This ${len === 1 ? 'emphasis' : 'bold text'} does not render: CommonMark does not take ${'*'.repeat(len)} as a marker next to punctuation with text on the other side. Move the punctuation outside the markers.`,
      zh: `这里的${len === 1 ? '强调' : '加粗'}不会生效：按 CommonMark 规则，紧挨标点、另一侧是文字的 ${'*'.repeat(len)} 不算标记。请把标点移到标记外面。`,
    };
    const group = w.nextGroup();
    const add = (e: Omit<Edit, 'stage' | 'message'>) => plan.push({ ...e, stage: Stage.Emphasis, message, group });
    let contentStart = o.end;
    let contentEnd = c.start;
    let unsafe: { j: number; text: string } | undefined;
    if (!canOpen) {
      const p = v.text[o.end];
      const closer = PAIR[p];
      if (closer && closer !== p && v.text[c.start - 1] === closer && v.isText(o.end) && v.isText(c.start - 1) && c.start - 1 > o.end + 1) {
        // 「**重要**」: the brackets or quotes around the whole emphasis move out together.
        add({ j: o.end, op: 'rep', text: '' });
        add({ j: o.start, op: 'ins', text: p });
        add({ j: c.start - 1, op: 'rep', text: '' });
        add({ j: c.end, op: 'ins', text: closer });
        contentStart++;
        contentEnd--;
      } else if (edgeIsLatin(v, o.end, c.start, 1)) {
        // **`code`** or **[link](…)** after a letter: a space before the markers (spacing wants it anyway).
        add({ j: o.start, op: 'ins', text: ' ' });
      } else unsafe = { j: o.start, text: ' ' };
    }
    const closeNow = rightFlanking(charAt(v, contentEnd - 1), contentEnd === c.start ? ac : v.text[contentEnd]);
    if (!canClose && !closeNow) {
      // Trailing punctuation that does not close something opened inside the emphasis moves out.
      let t = contentEnd;
      // Where the punctuation starts (blanks before it are dropped: `**需要 ！**张` → `**需要**！张`).
      let punctStart = contentEnd;
      while (t - 1 > contentStart && v.isText(t - 1)) {
        const ch = v.text[t - 1];
        if (ch === ' ' || ch === '\t') { t--; continue; }
        punctStart = t;
        if (MOVABLE_END.has(ch)) { t--; punctStart = t; continue; }
        const opener = CLOSING_OF[ch];
        if (opener && opener !== ch && !v.text.slice(contentStart, t - 1).includes(opener)) { t--; punctStart = t; continue; }
        if (PAIR[ch] && PAIR[ch] !== ch) { t--; punctStart = t; continue; }
        break;
      }
      // Blanks before the punctuation go with it (`**需要 ！**张` → `**需要**！张`).
      t = punctStart;
      while (t - 1 > contentStart && v.isText(t - 1) && (v.text[t - 1] === ' ' || v.text[t - 1] === '\t')) t--;
      if (t < contentEnd) {
        let from = t;
        while (from < contentEnd && (v.text[from] === ' ' || v.text[from] === '\t')) from++;
        const moved = v.text.slice(from, contentEnd);
        for (let j = t; j < contentEnd; j++) add({ j, op: 'rep', text: '' });
        add({ j: c.end, op: 'ins', text: moved });
      } else if (edgeIsLatin(v, c.start - 1, o.end, -1) && !isUnicodeWhitespace(ac)) {
        add({ j: c.end, op: 'ins', text: ' ' });
      } else if (!unsafe) unsafe = { j: c.end, text: ' ' };
    }
    // The repaired text must render: check the markers where they end up.
    const sim = simulate(v, plan, [o.start, c.start]);
    const [no, nc] = sim.pos;
    const renders = !unsafe && no >= 0 && nc > no && leftFlanking(sim.text[no - 1], sim.text[no + len]) && rightFlanking(sim.text[nc - 1], sim.text[nc + len]);
    if (renders) {
      edits.push(...plan);
      repaired.push(o, c);
      continue;
    }
    const start = originOf(v, o.start);
    const end = originOf(v, c.end - 1) + 1;
    const fixAt = unsafe ? originOf(v, Math.min(unsafe.j, v.length - 1)) + (unsafe.j >= v.length ? 1 : 0) : undefined;
    // Reported once (the stages may run more than one round over a segment).
    if (w.extras.some((e) => e.rule === Stage.Emphasis && e.start === start && e.end === end)) continue;
    w.extras.push({
      rule: Stage.Emphasis, start, end, message,
      fix: fixAt === undefined ? undefined : { start: fixAt, end: fixAt, text: ' ', title: { en: 'Add a space outside the markers', zh: '在标记外加空格' } },
    });
  }
  // Repaired markers are markers from now on: spacing puts its spaces outside them.
  for (const [i, run] of repaired.entries()) {
    const a = originOf(v, run.start);
    const b = originOf(v, run.end - 1) + 1;
    if (a >= 0 && b > a) w.setKind(a, b, i % 2 === 0 ? Kind.Open : Kind.Close);
  }
  applyStageEdits(w, edits);
}

function originOf(v: View, j: number): number {
  const o = v.origin(j);
  return o >= 0 ? o : -1 - o;
}

