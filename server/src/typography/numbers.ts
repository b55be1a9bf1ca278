// Numbers: full-width letters and digits become half-width (`ＲＴＸ４０９０` → `RTX4090`, then re-spaced and
// renamed in the same pass), no space before `%`, `‰`, `°`, `℃`, and none between a currency sign and the amount.
import { Stage } from './settings';
import { isFullwidthAlnumCode, toHalfwidth } from './chars';
import { applyStageEdits, type Edit } from './scan';
import type { Work } from './work';

const FULLWIDTH_SYMBOLS = '＃＄％＆＊＋－／＝＠＼＾＿｜～＜＞．';
const isAlnumOrFull = (ch: string | undefined) => ch !== undefined && (/[A-Za-z0-9]/.test(ch) || isFullwidthAlnumCode(ch.charCodeAt(0)));

export function fullwidthAlphanumerics(w: Work): void {
  const v = w.view();
  const s = v.text;
  if (!/[\uff03-\uff5e]/.test(s)) return;
  const edits: Edit[] = [];
  let group = 0;
  let last = -2;
  for (let j = 0; j < s.length; j++) {
    const c = s.charCodeAt(j);
    if (c < 0xff03 || c > 0xff5e || !v.isText(j)) continue;
    const ch = s[j];
    // Symbols only inside a Latin token (`Ｃ＋＋`, `５０％`, `Ａ＆Ｂ`); alone they may be meant as Chinese text.
    if (!isFullwidthAlnumCode(c) && !(FULLWIDTH_SYMBOLS.includes(ch) && (isAlnumOrFull(s[j - 1]) || isAlnumOrFull(s[j + 1])))) continue;
    const half = toHalfwidth(ch);
    // A run of full-width characters is one finding.
    if (last !== j - 1) group = w.nextGroup();
    last = j;
    edits.push({ j, op: 'rep', text: half, stage: Stage.FullwidthAlnum, group, message: { en: `Write “${ch}” as the half-width “${half}”.`, zh: `全角字符“${ch}”应写作半角“${half}”。` } });
  }
  applyStageEdits(w, edits);
}

export function numberSymbols(w: Work): void {
  const v = w.view();
  const s = v.text;
  const edits: Edit[] = [];
  const drop = (a: number, b: number, en: string, zh: string) => {
    const group = w.nextGroup();
    for (let i = a; i < b; i++) if (v.isText(i)) edits.push({ j: i, op: 'rep', text: '', stage: Stage.NumberSymbols, group, message: { en, zh } });
  };
  if (/[%‰°℃]/.test(s)) for (const m of s.matchAll(/([0-9])([ \t]+)([%‰°℃])/g)) {
    const a = m.index + 1;
    drop(a, a + m[2].length, `No space between a number and “${m[3]}”.`, `数字与“${m[3]}”之间不加空格。`);
  }
  if (/[$¥￥€£]/.test(s)) for (const m of s.matchAll(/([$¥￥€£])([ \t]+)([0-9])/g)) {
    if (!v.isText(m.index)) continue;
    // `$ 5 … $`: without the space the two dollars would read as inline math.
    if (m[1] === '$') {
      const next = s.indexOf('$', m.index + 1);
      const eol = s.indexOf('\n', m.index + 1);
      if (next !== -1 && (eol === -1 || next < eol)) continue;
    }
    const a = m.index + 1;
    drop(a, a + m[2].length, `No space between “${m[1]}” and the amount.`, `货币符号“${m[1]}”与金额之间不加空格。`);
  }
  applyStageEdits(w, edits);
}
