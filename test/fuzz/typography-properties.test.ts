// Typography fixes never touch what is not prose, and reach their fixed point in one pass. Random Markdown mixes
// Chinese–English sentences that need fixing (spacing, half-width punctuation, full-width letters, names, units,
// repeated marks, quotes, brackets, emphasis next to punctuation) with everything that must stay byte for byte:
// fenced and indented code, inline code, URLs (bare, autolinks, link and image destinations), reference
// definitions, front matter, raw HTML (attributes and comments, Benchpress markers), math, hard line breaks, table
// delimiter rows and spec tokens. For each document, with the typography rules on:
//  - every protected piece the generator wrote is still there, as often, byte for byte; and a CommonMark + GFM
//    parser finds the same code, inline code, front matter, HTML, link targets, definitions and hard breaks;
//  - the fixes of the first check, applied once, leave nothing to fix (one pass, no loop), and fix-all on the
//    result changes nothing (idempotent).
// In process on many documents, then through the built CLI (`lint --fix`, twice) on a share of them.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { unified } from 'unified';
import remarkParse from 'remark-parse';
import remarkGfm from 'remark-gfm';
import remarkFrontmatter from 'remark-frontmatter';
import type { Nodes, Root } from 'mdast';
import { Rng } from './lib/prng';
import { protectedDifferences } from './lib/fix-props';
import { checkText } from '../../server/src/testing/lint-text';
import { fixWith } from '../../server/src/testing/typography-cases';
import { safeFixEdits } from '../../server/src/engine/fix-all';
import { applyEdits } from '../../server/src/markdown/edits';
import { runCli, tempWorkspace } from '../support/workspace';

const SEED = Number(process.env.BENCHPRESS_TYPO_SEED ?? 650);
const DOCS = Number(process.env.BENCHPRESS_TYPO_COUNT ?? 240);
const CLI_DOCS = 40;
const RULES = ['typography'];

const URLS = [
  'https://www.runpod.io/console/pods', 'https://docs.runpod.io/serverless/overview', 'https://github.com/comfyanonymous/ComfyUI',
  'https://hub.docker.com/r/nvidia/cuda', 'https://example.com/a_b/c?q=1&x=中文', 'http://127.0.0.1:8188/',
  'https://huggingface.co/stabilityai/sdxl-turbo', 'https://zh.wikipedia.org/wiki/图形处理器', 'https://x.example/path(1)',
];
const NAMES = ['runpod', 'Runpod', 'github', 'pytorch', 'comfyui', 'docker', 'nvidia', 'cuda', 'RTX4090', 'rtx 3090', 'huggingface', 'vllm', 'ubuntu', 'H100', 'A100-80GB', 'Llama-3-70B', 'Node.js', 'C++', 'x86_64', 'v0.3.10', 'FP16', '7B', '4K'];
const HAN = ['在', '上用', '张', '训练', '部署', '显存', '需要', '价格', '镜像', '节点', '工作流', '容器', '模型', '推理', '速度', '的', '和', '就'];
const NUMBERS = ['8', '24GB', '24 GB', '80GB', '1,299', '12:30', '3~5', '95 %', '80 °C', '$ 2.49', '¥ 99', '２４', 'ＲＴＸ', '450W', '3.35 TB/s'];
const MARKS = [',', '.', ':', ';', '!', '?', '，', '。', '：', '！！', '？？', '...', '。。。', ' ， ', '(', ')', '"'];

/** A sentence of prose that the typography rules have something to say about. */
function sentence(rng: Rng): string {
  let s = '';
  for (let i = rng.int(3, 10); i > 0; i--) {
    s += rng.weighted([[5, () => rng.pick(HAN)], [3, () => rng.pick(NAMES)], [2, () => rng.pick(NUMBERS)], [2, () => rng.pick(MARKS)], [1, () => ' '], [1, () => '  ']] as const)();
  }
  return s + rng.pick(['。', '.', '', '！', '?']);
}

interface Doc {
  text: string;
  /** Literal pieces that must come back byte for byte, as often as they were written. */
  kept: string[];
}

/** Builds a document and records its protected pieces. */
function generate(rng: Rng): Doc {
  const kept: string[] = [];
  const keep = (s: string) => (kept.push(s), s);
  const inline = (): string => rng.weighted([
    [6, () => sentence(rng)],
    [2, () => keep('`' + rng.pick(['docker run -it --gpus all', 'nvidia-smi', 'a,b;c:d', '**不是强调。**', 'runpod.io', 'print("你好")', 'x  y']) + '`')],
    [2, () => `[${sentence(rng)}](${keep(rng.pick(URLS))})`],
    [1, () => `![${rng.pick(HAN)}图](${keep(rng.pick(URLS))})`],
    [1, () => keep(`<${rng.pick(URLS)}>`)],
    [1, () => ` ${keep(rng.pick(URLS))} `],
    [1, () => keep(`<span title="在${rng.pick(NAMES)}上">`) + sentence(rng) + keep('</span>')],
    [1, () => keep(`{{gpu:${rng.pick(['h100-sxm', 'rtx-4090', 'a100-80gb-sxm'])}.${rng.pick(['memoryGB', 'tdpW', 'launchPriceUsd'])}}}`)],
    [1, () => keep(rng.pick(['$E = mc^2$', '$2 \\times P$', '$x_1,x_2$', '$\\alpha$']))],
    [1, () => keep(rng.pick(['&gt;', '&nbsp;', '&#x200B;', '\\*', '\\_']))],
    [2, () => `**${sentence(rng)}**${rng.pick(HAN)}`],
    [1, () => `*${rng.pick(HAN)}${rng.pick(['，', '。', '）', ''])}*${rng.pick(HAN)}`],
    [1, () => `"${rng.pick(HAN)}${rng.pick(HAN)}"`],
    [1, () => `脚注[^${rng.int(1, 3)}]`],
  ] as const)();
  const paragraph = () => Array.from({ length: rng.int(1, 5) }, inline).join(rng.pick(['', ' ', '']));
  const blocks: (() => string)[] = [
    () => paragraph(),
    () => paragraph(),
    () => paragraph(),
    () => `${'#'.repeat(rng.int(1, 4))} ${sentence(rng)}`,
    () => keep('```' + rng.pick(['bash', 'python', '']) + '\n' + `# 在RunPod上用8张H100训练\ndocker run -it  --gpus all ${rng.pick(URLS)}\nprint("你好,世界")` + '\n```'),
    // After a heading, so it is code even where a list came before (an indented block would continue the list).
    () => `## ${sentence(rng)}\n\n` + keep(`    缩进代码:在${rng.pick(NAMES)}上  运行\n    ${rng.pick(URLS)}`),
    () => keep(`<div align="center" title="在RunPod上">\n<img src="${rng.pick(URLS)}" alt="H100显卡">\n</div>`),
    () => keep(`<!-- ${rng.pick(['benchpress-disable-next-line typography', 'TODO: 补充RTX5090的数据', 'benchpress:gpu-table h100-sxm'])} -->`),
    () => `[${rng.pick(['docs', 'ref', 'r1'])}]: ${keep(rng.pick(URLS))} ${keep('"RunPod文档,2024"')}`,
    () => {
      const delimiter = keep(rng.pick(['| ------ | ------- |', '|---|---|', '| :----: | ------: |', '| :--- | --- |']));
      return `| 型号   | 显存    |\n${delimiter}\n| ${rng.pick(NAMES)} | ${rng.pick(NUMBERS)} |\n| ${sentence(rng)} | ${rng.pick(HAN)} |`;
    },
    () => keep(`$$\n${rng.pick(['\\text{显存} = 2P', 'a , b . c', 'E=mc^2'])}\n$$`),
    () => `${sentence(rng)}${keep(rng.pick(['  \n', '\\\n']))}${sentence(rng)}`,
    () => `- ${paragraph()}\n- [ ] ${sentence(rng)}\n  - ${sentence(rng)}`,
    () => `1. ${paragraph()}\n2. ${sentence(rng)}`,
    () => `> ${paragraph()}\n> ${sentence(rng)}`,
    () => `[^${rng.int(1, 3)}]: ${sentence(rng)}`,
  ];
  const parts: string[] = [];
  if (rng.chance(0.4)) parts.push(keep(rng.pick(['---\ntitle: 在RunPod上用8张H100训练\ntemplate: tutorial\n---', '+++\ntitle = "RunPod上手,指南"\n+++'])));
  for (let i = rng.int(3, 10); i > 0; i--) parts.push(rng.pick(blocks)());
  return { text: parts.join('\n\n') + '\n', kept };
}

const parser = unified().use(remarkParse).use(remarkGfm).use(remarkFrontmatter, ['yaml', 'toml']).freeze();

/** What else a renderer sees that must not change: definitions (whole source) and hard breaks. */
function structure(text: string): { definitions: string[]; breaks: number } {
  const tree = parser.parse(text) as Root;
  const definitions: string[] = [];
  let breaks = 0;
  const walk = (n: Nodes) => {
    if (n.type === 'definition' && n.position) definitions.push(text.slice(n.position.start.offset, n.position.end.offset));
    if (n.type === 'break') breaks++;
    if ('children' in n) for (const c of n.children) walk(c as Nodes);
  };
  walk(tree);
  return { definitions: definitions.sort(), breaks };
}

const count = (text: string, piece: string) => text.split(piece).length - 1;

/** Protected pieces and structure lost between `before` and `after`. */
function lost(doc: Doc, after: string): string[] {
  const problems: string[] = [];
  for (const piece of new Set(doc.kept)) {
    if (count(after, piece) < count(doc.text, piece)) problems.push(`changed: ${JSON.stringify(piece)}`);
  }
  problems.push(...protectedDifferences(doc.text, after, { fragments: true }));
  const a = structure(doc.text);
  const b = structure(after);
  if (JSON.stringify(a.definitions) !== JSON.stringify(b.definitions)) problems.push(`definitions changed: ${JSON.stringify(a.definitions)} → ${JSON.stringify(b.definitions)}`);
  if (a.breaks !== b.breaks) problems.push(`hard breaks ${a.breaks} → ${b.breaks}`);
  return problems;
}

const rng = new Rng(SEED);
const docs: Doc[] = Array.from({ length: DOCS }, () => generate(rng));
// BENCHPRESS_TYPO_DUMP=DIR writes the generated documents there, for a closer look.
if (process.env.BENCHPRESS_TYPO_DUMP) docs.forEach((d, n) => writeFileSync(path.join(process.env.BENCHPRESS_TYPO_DUMP!, `d${n}.md`), d.text));

test(`typography fix-all on ${DOCS} generated documents: protected pieces unchanged, one pass, idempotent`, async () => {
  const failures: string[] = [];
  let changed = 0;
  let findings = 0;
  for (const [n, doc] of docs.entries()) {
    const first = await checkText(doc.text, { rules: RULES });
    findings += first.findings.length;
    const onePass = applyEdits(doc.text, safeFixEdits(first.findings)).text;
    const { text: fixed } = await fixWith(doc.text, { rules: RULES });
    if (fixed !== doc.text) changed++;
    const report = (what: string) => failures.push(`document ${n} (seed ${SEED}): ${what}\n--- before:\n${doc.text}\n--- after:\n${fixed}`);
    for (const p of lost(doc, fixed)) report(p);
    if (onePass !== fixed) report(`one pass differs from fix-all:\n${onePass}`);
    const left = (await checkText(fixed, { rules: RULES })).findings.filter((f) => f.fixes?.some((x) => x.safe));
    if (left.length) report(`left to fix: ${left.map((f) => `${f.ruleId} ${f.message}`).join('; ')}`);
    const again = await fixWith(fixed, { rules: RULES });
    if (again.text !== fixed) report(`not idempotent:\n${again.text}`);
    if (failures.length >= 3) break;
  }
  assert.deepEqual(failures.slice(0, 3), []);
  // The generator must give the rules work, or the test proves nothing.
  assert.ok(changed >= DOCS * 0.9, `only ${changed} of ${DOCS} documents were changed`);
  assert.ok(findings >= DOCS * 5, `only ${findings} findings`);
});

test(`typography fixes through the built CLI (lint --fix twice) on ${CLI_DOCS} generated documents`, () => {
  const ws = tempWorkspace({ '.benchpress/config.json': JSON.stringify({ rules: Object.fromEntries(['template', 'links', 'heat', 'pricing', 'specs', 'remark-lint'].map((g) => [g, 'off'])) }) });
  try {
    const sample = docs.slice(0, CLI_DOCS);
    sample.forEach((d, n) => ws.write(`d${n}.md`, d.text));
    const names = sample.map((_, n) => `d${n}.md`);
    const runs = [0, 1].map(() => {
      const r = runCli(['lint', '--fix', '--format', 'json', ...names], ws.root);
      assert.ok(r.status === 0 || r.status === 1, `exit ${r.status}: ${r.stderr}`);
      return names.map((name) => readFileSync(ws.file(name), 'utf8'));
    });
    const failures = sample.flatMap((d, n) => [
      ...lost(d, runs[0][n]).map((p) => `document ${n}: ${p}`),
      ...(runs[1][n] === runs[0][n] ? [] : [`document ${n}: the second --fix changed it:\n${runs[0][n]}\n--- then:\n${runs[1][n]}`]),
    ]);
    assert.deepEqual(failures.slice(0, 3), []);
    assert.ok(sample.filter((d, n) => runs[0][n] !== d.text).length >= CLI_DOCS * 0.9, 'the CLI fixed most documents');
  } finally {
    ws.dispose();
  }
});
