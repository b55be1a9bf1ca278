// Documents for the fuzz runs: slices of the real corpora, the built-in templates' new articles and the seed's
// drafts, cut, spliced, repeated, nested and sprinkled with the bytes that break Markdown tools (control
// characters, lone surrogates, bidi marks, NUL, CR/CRLF mixes, emoji and combining marks, huge tables, unclosed
// fences, raw HTML, front matter, spec tokens). Also the random incremental edits an editor would send.
import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import path from 'node:path';
import { Rng } from './prng';
import { REPO } from '../../support/workspace';
import { EN_TUTORIAL_COMPLETE, ZH_REVIEW_COMPLETE, ZH_REVIEW_MISSING_COST } from '../../support/drafts';

/** The shared corpora (`../shared/corpus` beside the project), or BENCHPRESS_CORPUS. Read in place, never copied. */
export const CORPUS_DIR = process.env.BENCHPRESS_CORPUS ?? path.resolve(REPO, '..', 'shared', 'corpus');

export class Sources {
  private readonly files: string[] = [];
  private readonly cache = new Map<string, string>();
  /** Whole texts other than the corpus: templates' new articles and drafts. */
  readonly templates: string[] = [ZH_REVIEW_COMPLETE, ZH_REVIEW_MISSING_COST, EN_TUTORIAL_COMPLETE];

  constructor(corpusDir = CORPUS_DIR) {
    const walk = (dir: string) => {
      for (const name of readdirSync(dir).sort()) {
        const full = path.join(dir, name);
        if (statSync(full).isDirectory()) walk(full);
        else if (/\.(md|mdx|markdown)$/i.test(name)) this.files.push(full);
      }
    };
    if (existsSync(corpusDir)) walk(corpusDir);
  }

  get corpusSize(): number {
    return this.files.length;
  }

  addTemplate(text: string): void {
    if (text && !this.templates.includes(text)) this.templates.push(text);
  }

  private read(file: string): string {
    let text = this.cache.get(file);
    if (text === undefined) {
      text = readFileSync(file, 'utf8');
      if (this.cache.size > 64) this.cache.delete(this.cache.keys().next().value!);
      this.cache.set(file, text);
    }
    return text;
  }

  /** A whole corpus document, a template article, or a synthetic one. */
  document(rng: Rng): string {
    const kind = this.files.length ? rng.weighted([[6, 'corpus'], [2, 'template'], [2, 'synthetic']] as const) : rng.weighted([[1, 'template'], [1, 'synthetic']] as const);
    if (kind === 'corpus') return this.read(rng.pick(this.files));
    if (kind === 'template') return rng.pick(this.templates);
    return synthetic(rng);
  }

  /** A run of whole lines from some document. */
  slice(rng: Rng, maxLines = 40): string {
    const lines = this.document(rng).split('\n');
    const start = rng.int(0, Math.max(0, lines.length - 1));
    return lines.slice(start, start + rng.skewed(1, maxLines)).join('\n');
  }
}

// ---------------------------------------------------------------------------------------------------------------
// Fragments.

const CONTROL = ['\u0001', '\u0007', '\u0008', '\u000b', '\u000c', '\u001b', '\u001f', '\u007f', '\u0085', '\u2028', '\u2029', '\t', '\uFEFF', '\uFFFE', '\uFFFF', '\uFFFD'];
const SURROGATES = ['\uD800', '\uDBFF', '\uDC00', '\uDFFF', '\uD83D', '\uDE00'];
const BIDI = ['\u202E', '\u202D', '\u202A', '\u202B', '\u202C', '\u2066', '\u2067', '\u2068', '\u2069', '\u200E', '\u200F', '\u061C', '\u200B', '\u200D', '\u2060'];
const EMOJI = ['😀', '👩‍👩‍👧‍👦', '🏳️‍🌈', '👍🏽', '🇨🇳', '🔥', '📋', '🎯', '✅', '❤️', 'e\u0301', 'a\u0308\u0323', 'Z\u0351\u0364\u036b\u0353\u0349', '\u0301', '한국어', 'العربية', '𝔘𝔫𝔦𝔠𝔬𝔡𝔢', '𠀋𡈽', '\u3000', '\u00A0', '全角：（）', 'ﾊﾝｶｸ'];
const HTML = [
  '<div>', '</div>', '<div align="center">', '<details>', '<summary>更多</summary>', '</details>', '<table>', '<tr><td>x', '</table>',
  '<svg onload=alert(1)>', '<math>', '<script>alert(1)</script>', '<script>', '<style>p{}</style>', '<!--', '-->', '<!-- note -->',
  '<br>', '<br/>', '<img src="x.png" alt="图">', '<img src=x onerror=alert(1)>', '<a href="javascript:alert(1)">x</a>', '<iframe src="https://e.x">',
  '<p align="center">', '</p>', '<kbd>Ctrl</kbd>', '<sup>1</sup>', '<span', '<a', '</', '<![CDATA[', ']]>', '<?php ?>', '<!DOCTYPE html>',
  '<textarea>', '<pre>', '</pre>', '<center>', '<font color=red>', '<h1>', '<ruby>汉<rt>hàn</rt></ruby>',
];
const MARKDOWN = [
  '```', '```python', '~~~', '````', '```\n', '\n```\n', '    code', '`', '``', '*', '**', '_', '__', '~~', '[', ']', '](', '(', ')', '![', '[^1]', '[^1]: note', '[x]: ', '<', '>',
  '# ', '## ', '###### ', '####### ', '#', '---', '***', '===', '- ', '* ', '+ ', '1. ', '1) ', '- [ ] ', '- [x] ', '> ', '>', '|', '| --- |', '|:-:|', '\\', '&amp;', '&#0;', '&#x110000;', '&nbsp;', '&#',
  '$$', '$', '{{', '}}', '{{gpu:h100-sxm.memoryGB}}', '{{gpu:rtx-4090.tdpW}}', '{{gpu:nope.x}}', '{{gpu:', '{{gpu:h100-sxm.}}', '{{ gpu : a100 . memoryGB }}',
  'https://example.com/a_b', 'https://blog.csdn.net/weixin\\_38991876/article/details/146474767', 'http://x', '<https://runpod.io>', 'www.example.com', 'user@example.com',
  '[链接](https://runpod.io/pricing)', '[x][missing]', '[x][]', '[#anchor](#不存在)', '[文件](./nope.md#x)', '![图](images/a.png)', '![](<>)', '[](javascript:alert(1))',
  'RTX 4090', 'H100', 'A100 80GB', 'vLLM', 'CUDA', 'GPU', '显存', '。', '，', '：', '“', '”', '中文English混排', 'TODO', '[待补充]', 'TBD', 'FIXME',
];
const FRONT_MATTER = [
  '---\ntemplate: review\n---\n', '---\ntemplate: tutorial\ndate: 2026-01-01\n---\n', '---\ntitle: [unclosed\n---\n', '---\n: : :\n---\n', '---\n---\n',
  '+++\ntitle = "x"\n+++\n', '---\ntemplate: review\n...\n', '---\ntemplate: nope\n---\n', '---\ntags:\n  - a\n  - b\n', '---\r\ntemplate: review\r\n---\r\n',
  '---\nbenchpress:\n  rules: { "typography/cjk-spacing": off }\n---\n', '---\n' + 'k: v\n'.repeat(200) + '---\n', '\uFEFF---\ntemplate: review\n---\n',
];

export function fragment(rng: Rng, sources?: Sources): string {
  switch (rng.weighted([[5, 'md'], [3, 'html'], [2, 'control'], [1, 'surrogate'], [2, 'bidi'], [3, 'emoji'], [1, 'nul'], [2, 'newline'], [2, 'slice'], [2, 'text']] as const)) {
    case 'md': return rng.pick(MARKDOWN);
    case 'html': return rng.pick(HTML);
    case 'control': return rng.pick(CONTROL);
    case 'surrogate': return rng.pick(SURROGATES);
    case 'bidi': return rng.pick(BIDI);
    case 'emoji': return rng.pick(EMOJI);
    case 'nul': return '\u0000';
    case 'newline': return rng.pick(['\n', '\r\n', '\r', '\n\n', '\r\r', '\n\r']);
    case 'slice': return sources ? sources.slice(rng, 6) : 'text';
    default: return rng.pick(['word', '性能测试', 'x', ' ', '  ', '\t', 'GPU 的显存为 24GB', 'The H100 has 80 GB.', 'a'.repeat(rng.skewed(1, 500))]);
  }
}

function table(rng: Rng, rows: number, cols: number): string {
  const cell = () => rng.weighted([[6, () => rng.pick(['x', '24 GB', '性能', '', ' ', '`a|b`', '\\|', '**b**', '[l](u)', '<br>', '{{gpu:h100-sxm.memoryGB}}', '😀'])], [1, () => 'long '.repeat(rng.skewed(1, 100))]] as const)();
  const line = (n: number) => '|' + Array.from({ length: n }, cell).join('|') + (rng.chance(0.8) ? '|' : '');
  const out = [line(cols), '|' + Array.from({ length: cols }, () => rng.pick(['---', ':--', '--:', ':-:', '-'])).join('|') + '|'];
  for (let r = 0; r < rows; r++) out.push(line(rng.chance(0.9) ? cols : rng.int(1, cols * 2)));
  return out.join('\n');
}

/** A short article made of typical pieces. */
export function synthetic(rng: Rng): string {
  const parts: string[] = [];
  if (rng.chance(0.5)) parts.push(rng.pick(FRONT_MATTER));
  parts.push(`# ${rng.pick(['RTX 4090 深度评测：性能、成本与最佳实践', 'From scratch: a vLLM deployment guide', 'H100 vs A100', '标题'])}\n`);
  const n = rng.int(1, 12);
  for (let i = 0; i < n; i++) {
    parts.push(rng.weighted([
      [3, () => `## ${rng.int(1, 9)}. ${rng.pick(['产品概述', '技术规格分析', '性能测试', '成本效益分析', '最佳实践', '总结与建议', 'Prerequisites', 'Troubleshooting', '📋 目录'])}\n`],
      [4, () => Array.from({ length: rng.int(1, 4) }, () => rng.pick(MARKDOWN)).join(rng.pick([' ', '', '中文'])) + ' ' + rng.pick(['正文。', 'Text.', 'GPU显存24GB', 'H100的价格是$2/小时'])],
      [1, () => table(rng, rng.int(0, 6), rng.int(1, 6))],
      [1, () => '```' + rng.pick(['bash', 'python', '', 'json']) + '\n' + rng.pick(['pip install vllm', 'nvidia-smi', '{"a": 1}', '# not a heading']) + (rng.chance(0.8) ? '\n```' : '')],
      [1, () => rng.pick(HTML) + (rng.chance(0.5) ? '\n\n' : '') + 'text'],
      [1, () => '- ' + rng.pick(MARKDOWN) + '\n  - nested ' + rng.pick(MARKDOWN)],
      [1, () => '> ' + rng.pick(MARKDOWN) + '\n> ' + rng.pick(EMOJI)],
      [1, () => `[^${rng.int(1, 3)}]: ${rng.pick(MARKDOWN)}`],
      [1, () => `[${rng.pick(['ref', '链接', 'x'])}]: ${rng.pick(['https://runpod.io', './a.md', '#性能测试', 'javascript:x', '<>'])}`],
    ] as const)() + '\n');
  }
  return parts.join('\n');
}

// ---------------------------------------------------------------------------------------------------------------
// Mutations.

const randomOffset = (rng: Rng, text: string) => rng.int(0, text.length);

function lineBounds(text: string, rng: Rng): [number, number] {
  const lines = text.split('\n');
  const a = rng.int(0, lines.length - 1);
  const b = Math.min(lines.length, a + rng.skewed(1, 30));
  const start = lines.slice(0, a).join('\n').length + (a > 0 ? 1 : 0);
  const end = lines.slice(0, b).join('\n').length;
  return [start, end];
}

export type Mutation = (rng: Rng, text: string, sources: Sources) => string;

export const MUTATIONS: Record<string, Mutation> = {
  cut: (rng, t) => {
    const a = randomOffset(rng, t);
    return t.slice(0, a) + t.slice(Math.min(t.length, a + rng.skewed(1, 2000)));
  },
  cutLines: (rng, t) => {
    const [a, b] = lineBounds(t, rng);
    return t.slice(0, a) + t.slice(b);
  },
  splice: (rng, t, s) => {
    const a = randomOffset(rng, t);
    return t.slice(0, a) + s.slice(rng, 60) + t.slice(a);
  },
  spliceLines: (rng, t, s) => {
    const lines = t.split('\n');
    lines.splice(rng.int(0, lines.length), 0, ...s.slice(rng, 80).split('\n'));
    return lines.join('\n');
  },
  repeat: (rng, t) => {
    const [a, b] = lineBounds(t, rng);
    return t.slice(0, b) + ('\n' + t.slice(a, b)).repeat(rng.skewed(1, 60)) + t.slice(b);
  },
  nest: (rng, t) => {
    const [a, b] = lineBounds(t, rng);
    const prefix = Array.from({ length: rng.skewed(1, 40) }, () => rng.pick(['> ', '- ', '  ', '1. ', '* ', '>', '\t', '   '])).join('');
    return t.slice(0, a) + t.slice(a, b).split('\n').map((l) => prefix + l).join('\n') + t.slice(b);
  },
  deleteDelimiters: (rng, t) => {
    const delimiters = rng.pick(['`', '*', '_', '[]', '()', '<>', '|', '#', '-', '~', ':', '{}', '\n', '`*_[]()<>|']);
    const p = rng.pick([0.05, 0.3, 1]);
    let out = '';
    for (const c of t) out += delimiters.includes(c) && rng.chance(p) ? '' : c;
    return out;
  },
  sprinkle: (rng, t, s) => {
    let out = t;
    const n = rng.skewed(1, 50);
    for (let i = 0; i < n; i++) {
      const a = randomOffset(rng, out);
      out = out.slice(0, a) + fragment(rng, s) + out.slice(a);
    }
    return out;
  },
  controlChars: (rng, t) => {
    let out = t;
    for (let i = rng.skewed(1, 30); i > 0; i--) {
      const a = randomOffset(rng, out);
      out = out.slice(0, a) + rng.pick([...CONTROL, ...SURROGATES, ...BIDI]) + out.slice(a);
    }
    return out;
  },
  nul: (rng, t) => {
    const a = randomOffset(rng, t);
    return t.slice(0, a) + '\u0000' + t.slice(a);
  },
  lineEndings: (rng, t) => {
    const mode = rng.pick(['crlf', 'cr', 'mix']);
    if (mode === 'crlf') return t.replace(/\r?\n/g, '\r\n');
    if (mode === 'cr') return t.replace(/\r?\n/g, '\r');
    return t.replace(/\n/g, () => rng.pick(['\n', '\r\n', '\r', '\n']));
  },
  emoji: (rng, t) => {
    let out = t;
    for (let i = rng.skewed(1, 40); i > 0; i--) {
      const a = randomOffset(rng, out);
      out = out.slice(0, a) + rng.pick(EMOJI) + out.slice(a);
    }
    return out;
  },
  hugeTable: (rng, t) => {
    const a = lineBounds(t, rng)[0];
    return t.slice(0, a) + '\n' + table(rng, rng.skewed(1, 3000), rng.skewed(1, 60)) + '\n\n' + t.slice(a);
  },
  unclosedFence: (rng, t) => {
    const a = lineBounds(t, rng)[0];
    return t.slice(0, a) + rng.pick(['```', '~~~', '````python', '```bash {.x}', '    ```', '> ```', '- ```', '$$']) + '\n' + t.slice(a);
  },
  html: (rng, t) => {
    const a = rng.chance(0.5) ? lineBounds(t, rng)[0] : randomOffset(rng, t);
    const block = Array.from({ length: rng.skewed(1, 6) }, () => rng.pick(HTML)).join(rng.pick(['', '\n', ' ']));
    return t.slice(0, a) + block + rng.pick(['', '\n', '\n\n']) + t.slice(a);
  },
  frontMatter: (rng, t) => {
    const fm = rng.pick(FRONT_MATTER);
    if (/^(---|\+\+\+)/.test(t) && rng.chance(0.5)) return t.replace(/^(---|\+\+\+)[\s\S]*?\n(---|\+\+\+|\.\.\.)\n?/, rng.chance(0.5) ? fm : '');
    return fm + (rng.chance(0.3) ? '' : '\n') + t;
  },
  specTokens: (rng, t) => {
    let out = t;
    for (let i = rng.skewed(1, 20); i > 0; i--) {
      const a = randomOffset(rng, out);
      out = out.slice(0, a) + rng.pick(['{{gpu:h100-sxm.memoryGB}}', '{{gpu:rtx-4090.memoryGB}}', '{{gpu:a100-80gb.fp16Tflops}}', '{{gpu:x.y}}', '{{gpu:', '}}', '{{gpu:h100-sxm.memoryGB', '`{{gpu:h100-sxm.memoryGB}}`']) + out.slice(a);
    }
    return out;
  },
  headings: (rng, t) => {
    const lines = t.split('\n');
    for (let i = rng.skewed(1, 20); i > 0; i--) {
      const at = rng.int(0, lines.length - 1);
      lines[at] = rng.pick(['#', '##', '###', '#######', '# ', '##']) + rng.pick([' ', '']) + lines[at];
      if (rng.chance(0.2)) lines.splice(at + 1, 0, rng.pick(['===', '---', '-', '= =']));
    }
    return lines.join('\n');
  },
  bom: (rng, t) => (rng.chance(0.5) ? '\uFEFF' + t : t.slice(0, randomOffset(rng, t)) + '\uFEFF' + t.slice(randomOffset(rng, t))),
  shuffleLines: (rng, t) => {
    const lines = t.split('\n');
    for (let i = rng.skewed(1, 40); i > 0; i--) {
      const a = rng.int(0, lines.length - 1);
      const b = rng.int(0, lines.length - 1);
      [lines[a], lines[b]] = [lines[b], lines[a]];
    }
    return lines.join('\n');
  },
};

const MUTATION_WEIGHTS: [number, string][] = [
  [4, 'cut'], [3, 'cutLines'], [3, 'splice'], [3, 'spliceLines'], [2, 'repeat'], [2, 'nest'], [3, 'deleteDelimiters'], [6, 'sprinkle'],
  [2, 'controlChars'], [0.4, 'nul'], [2, 'lineEndings'], [2, 'emoji'], [0.6, 'hugeTable'], [2, 'unclosedFence'], [4, 'html'], [2, 'frontMatter'],
  [2, 'specTokens'], [2, 'headings'], [0.5, 'bom'], [1, 'shuffleLines'],
];

/** Largest document generated (a huge table may go past it once). */
export const MAX_CHARS = 300_000;

export function generateDocument(rng: Rng, sources: Sources): { text: string; mutations: string[] } {
  let text = sources.document(rng);
  if (text.length > 40_000 || rng.chance(0.4)) {
    const lines = text.split('\n');
    const start = rng.int(0, lines.length - 1);
    text = lines.slice(start, start + rng.skewed(1, 400)).join('\n');
  }
  const mutations: string[] = [];
  for (let n = rng.weighted([[1, 0], [4, 1], [4, 2], [3, 3], [2, 5], [1, 8]] as const); n > 0; n--) {
    const name = rng.weighted(MUTATION_WEIGHTS.map(([w, m]) => [w, m] as const));
    mutations.push(name);
    text = MUTATIONS[name](rng, text, sources);
    if (text.length > MAX_CHARS) text = text.slice(0, MAX_CHARS);
  }
  return { text, mutations };
}

// ---------------------------------------------------------------------------------------------------------------
// Edits.

/** An edit by UTF-16 offsets in the text it applies to (clamped when replayed on a shrunk text). */
export interface OffsetEdit {
  start: number;
  end: number;
  text: string;
}

export function applyOffsetEdit(text: string, edit: OffsetEdit): { text: string; edit: OffsetEdit } {
  const start = Math.min(edit.start, text.length);
  const end = Math.min(Math.max(edit.end, start), text.length);
  return { text: text.slice(0, start) + edit.text + text.slice(end), edit: { start, end, text: edit.text } };
}

/** What an editor sends while someone types, deletes, pastes and undoes. */
export function generateEdits(rng: Rng, text: string, sources: Sources, count: number): OffsetEdit[] {
  const edits: OffsetEdit[] = [];
  let current = text;
  for (let i = 0; i < count; i++) {
    const at = rng.int(0, current.length);
    const edit: OffsetEdit = rng.weighted([
      [4, () => ({ start: at, end: at, text: rng.pick(['a', '中', ' ', '\n', '#', '`', '*', '[', ']', '(', ')', '|', '-', '>', '<', '{', '}', '。', '😀', '\t']) })],
      [3, () => ({ start: at, end: Math.min(current.length, at + rng.skewed(1, 200)), text: '' })],
      [3, () => ({ start: at, end: at, text: fragment(rng, sources) })],
      [2, () => ({ start: at, end: Math.min(current.length, at + rng.skewed(1, 50)), text: fragment(rng, sources) })],
      [1, () => ({ start: at, end: at, text: sources.slice(rng, 30) })],
      [0.5, () => ({ start: 0, end: current.length, text: current.slice(0, rng.int(0, current.length)) })],
    ] as const)();
    const applied = applyOffsetEdit(current, edit);
    current = applied.text;
    edits.push(applied.edit);
  }
  return edits;
}
