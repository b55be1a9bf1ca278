// "Fix all" keeps what a writer must never lose, on generated documents, through the CLI (`lint --fix` on temp
// files) and the server (`source.fixAll.benchpress`): fenced, indented and inline code, front matter, raw HTML
// and spec tokens are byte-identical; the link, image and definition targets a renderer sees (remark + GFM) are
// the same; one application reaches the fixed point; each quick fix edits only inside its diagnostic's range.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { Rng } from './lib/prng';
import { Sources } from './lib/generate';
import { protectedDifferences, classifyTargetChange } from './lib/fix-props';
import { Lines } from './lib/lsp-check';
import { LspClient, fileUri } from '../support/lsp';
import { runCli, tempWorkspace, type TempWorkspace } from '../support/workspace';

const DISABLE_KIND = 'quickfix.benchpress.disable';

type Json = any; // eslint-disable-line @typescript-eslint/no-explicit-any

const SEED = 17;
const DOCS = 48;

const URLS = [
  'https://runpod.io/pricing', 'https://example.com/a_b/c', 'http://x.example/path?q=1&r=2.', 'https://zh.wikipedia.org/wiki/图形处理器',
  'https://en.wikipedia.org/wiki/CUDA_(software)', 'https://docs.vllm.ai/en/latest/', 'https://github.com/vllm-project/vllm/issues/1234#issuecomment-5',
  'https://x.example/a*b*c', 'https://x.example/~user/`tick`', 'https://huggingface.co/meta-llama/Llama-3.1-8B-Instruct',
];
const PIECES: ((rng: Rng) => string)[] = [
  (r) => `见 ${r.pick(URLS)} 了解更多。`,
  (r) => `See ${r.pick(URLS)}, then ${r.pick(URLS)}.`,
  (r) => `价格见${r.pick(URLS)}，然后继续。`,
  (r) => `(${r.pick(URLS)})`,
  (r) => `**${r.pick(URLS)}**`,
  (r) => '```bash\ncurl ' + r.pick(URLS) + '\n# {{gpu:h100-sxm.memoryGB}} [x](y) ' + r.pick(URLS) + '\n```',
  (r) => '~~~\n' + r.pick(URLS) + '\n~~~',
  (r) => '    indented ' + r.pick(URLS),
  (r) => 'Run `curl ' + r.pick(URLS) + '` or ``a ` ' + r.pick(URLS) + '``.',
  (r) => `[链接](${r.pick(URLS)}) and ![图](${r.pick(URLS)}) and <${r.pick(URLS)}>`,
  (r) => `[ref][r${r.int(1, 3)}]\n\n[r${r.int(1, 3)}]: ${r.pick(URLS)} "title"`,
  (r) => `<a href="${r.pick(URLS)}">${r.pick(URLS)}</a>`,
  (r) => `<img src="${r.pick(URLS)}" alt="x">\n\n<!-- ${r.pick(URLS)} -->`,
  (r) => `<div align="center">\n${r.pick(URLS)}\n</div>`,
  (r) => `H100 显存 {{gpu:h100-sxm.memoryGB}} GB，4090 为 {{gpu:rtx-4090.memoryGB}}，未知 {{gpu:nope.x}}。`,
  (r) => `| 项目 | 链接 |\n|---|---|\n| 文档 | ${r.pick(URLS)} |\n| 代码 | \`${r.pick(URLS)}\` |`,
  (r) => `- 列表 ${r.pick(URLS)}\n  - 嵌套 ${r.pick(URLS)}`,
  (r) => `> 引用 ${r.pick(URLS)}`,
  (r) => `脚注[^1]。\n\n[^1]: 来源 ${r.pick(URLS)}`,
  () => '## 📋 目录\n\n1. 产品概述\n2. 不存在的小节',
  () => '## 📋 目录',
  (r) => `## ${r.int(1, 6)}. ${r.pick(['产品概述', '技术规格分析', '性能测试', '成本效益分析', '最佳实践', '总结与建议'])}\n\n正文。`,
  () => '[待补充] 占位。',
];

function generate(rng: Rng, sources: Sources): string {
  const parts: string[] = [];
  const fm = rng.pick(['---\ntemplate: review\nsource: https://example.com/a_b\n---\n', '---\ntemplate: tutorial\n---\n', '', '+++\ntitle = "https://x.example"\n+++\n']);
  if (fm) parts.push(fm);
  parts.push(rng.pick(['# RTX 4090 深度评测：性能、成本与最佳实践', '# From scratch: a vLLM deployment guide', '# 标题']));
  for (let i = rng.int(3, 12); i > 0; i--) parts.push(rng.chance(0.2) ? sources.slice(rng, 15).replace(/\r/g, '') : rng.pick(PIECES)(rng));
  const text = parts.join('\n\n') + rng.pick(['\n', '', '\n\n']);
  return rng.chance(0.15) ? text.replace(/\n/g, '\r\n') : text;
}

/** Applies LSP edits (LSP line counting) to a text. */
function applyEdits(text: string, edits: Json[]): string {
  const lines = new Lines(text);
  const offset = (p: Json) => lines.starts[p.line] + p.character;
  return [...edits]
    .map((e, i) => ({ e, i }))
    .sort((a, b) => offset(b.e.range.start) - offset(a.e.range.start) || b.i - a.i)
    .reduce((t, { e }) => t.slice(0, offset(e.range.start)) + e.newText + t.slice(offset(e.range.end)), text);
}

const inside = (r: Json, outer: Json) => {
  const le = (a: Json, b: Json) => a.line < b.line || (a.line === b.line && a.character <= b.character);
  return le(outer.start, r.start) && le(r.end, outer.end);
};

interface Outcome {
  n: number;
  before: string;
  cliOnce?: string;
  cliTwice?: string;
  lspOnce?: string;
  lspSecondEdits?: number;
  /** Quick fixes with edits outside their diagnostic: rule → example. */
  outside: Map<string, string>;
  /** Quick fixes checked. */
  quickFixes: number;
  errors: string[];
}

const outcomes: Outcome[] = [];
let ws: TempWorkspace;
let client: LspClient;

before(async () => {
  const rng = new Rng(SEED);
  const sources = new Sources();
  ws = tempWorkspace();
  const texts = Array.from({ length: DOCS }, () => generate(rng, sources));
  texts.push('# T\n\n来源：https://blog.csdn.net/weixin\\_38991876/article/details/146474767\n');
  const names = texts.map((_, n) => `d${n}.md`);
  texts.forEach((t, n) => {
    ws.write(names[n], t);
    outcomes.push({ n, before: t, outside: new Map(), quickFixes: 0, errors: [] });
  });
  // CLI: --fix twice on the same files.
  for (const key of ['cliOnce', 'cliTwice'] as const) {
    const r = runCli(['lint', '--fix', '--format', 'json', ...names], ws.root);
    if (r.status !== 0 && r.status !== 1) throw new Error(`lint --fix exited ${r.status}: ${r.stderr}`);
    names.forEach((name, n) => (outcomes[n][key] = readFileSync(ws.file(name), 'utf8')));
  }
  // Server: fix all through the code action, applied; then asked again. Quick fixes per diagnostic.
  client = await LspClient.start(ws.root);
  for (const o of outcomes) {
    const uri = fileUri(ws.file(`lsp${o.n}.md`));
    const diagnostics = await client.open(uri, o.before);
    const lines = new Lines(o.before);
    const whole = { start: { line: 0, character: 0 }, end: lines.position(o.before.length) };
    const fixAll = async (): Promise<Json[]> => {
      const actions: Json[] = await client.request('textDocument/codeAction', { textDocument: { uri }, range: whole, context: { diagnostics: [], only: ['source.fixAll.benchpress'] } });
      return actions.flatMap((a) => a.edit?.documentChanges?.flatMap((c: Json) => c.edits) ?? []);
    };
    for (const d of diagnostics) {
      const actions: Json[] = await client.request('textDocument/codeAction', { textDocument: { uri }, range: d.range, context: { diagnostics: [d], only: ['quickfix'] } });
      for (const a of actions) {
        if (!a.diagnostics?.some((x: Json) => x.code === d.code && JSON.stringify(x.range) === JSON.stringify(d.range))) continue;
        // "Disable RULE for this line/file" declares its own place (a comment above the line, or at the top).
        if (a.kind === DISABLE_KIND) continue;
        const edits: Json[] = [...(a.edit?.documentChanges?.flatMap((c: Json) => c.edits) ?? []), ...(a.command?.arguments?.[2] ?? [])];
        o.quickFixes++;
        const bad = edits.find((e) => !inside(e.range, d.range));
        if (bad && !o.outside.has(d.code)) o.outside.set(d.code, `"${a.title}" edits ${JSON.stringify(bad.range)} for a diagnostic at ${JSON.stringify(d.range)}`);
      }
    }
    const first = await fixAll();
    o.lspOnce = applyEdits(o.before, first);
    if (first.length > 0) {
      await client.changeAndWait(uri, [{ text: o.lspOnce }]);
      o.lspSecondEdits = (await fixAll()).length;
    } else {
      o.lspSecondEdits = 0;
    }
    client.notify('textDocument/didClose', { textDocument: { uri } });
  }
});

after(async () => {
  // BENCHPRESS_FIX_DUMP=DIR keeps each document before and after, for a closer look.
  const dump = process.env.BENCHPRESS_FIX_DUMP;
  if (dump) for (const o of outcomes) for (const key of ['before', 'cliOnce', 'cliTwice', 'lspOnce'] as const) writeFileSync(path.join(dump, `d${o.n}.${key}.md`), o[key] ?? '');
  await client?.stop();
  ws?.dispose();
});

const CSDN = DOCS; // the known case, last

/** Problems of one kind over the generated documents (the known `\_` case apart). */
function problems(check: (o: Outcome) => string[]): string[] {
  return outcomes.filter((o) => o.n !== CSDN).flatMap((o) => check(o).map((p) => `document ${o.n}: ${p}\n--- before:\n${o.before.slice(0, 600)}`));
}

const PROTECTED = ['code', 'inlineCode', 'frontMatter', 'html', 'specTokens'];

// Target changes that end a URL before CJK text are the point of the fix (see classifyTargetChange).
const targetProblems = (before: string, after: string) => protectedDifferences(before, after).filter((p) => p.startsWith('targets') && classifyTargetChange(p) !== 'intended');


test('CLI lint --fix: code, front matter, raw HTML and spec tokens are byte-identical', () => {
  const found = problems((o) => protectedDifferences(o.before, o.cliOnce!).filter((p) => PROTECTED.includes(p.split(' ')[0])));
  assert.deepEqual(found, []);
});

test('CLI lint --fix: link, image and definition targets are the same', () => {
  assert.deepEqual(problems((o) => targetProblems(o.before, o.cliOnce!)), []);
});

test('CLI lint --fix reaches its fixed point: a second run changes nothing', () => {
  const found = problems((o) => (o.cliTwice === o.cliOnce ? [] : [`second --fix changed the file:\n${o.cliOnce}\n--- then:\n${o.cliTwice}`]));
  assert.deepEqual(found, []);
});

test('server fix all: code, front matter, raw HTML and spec tokens are byte-identical', () => {
  const found = problems((o) => protectedDifferences(o.before, o.lspOnce!).filter((p) => PROTECTED.includes(p.split(' ')[0])));
  assert.deepEqual(found, []);
});

test('server fix all: link, image and definition targets are the same', () => {
  assert.deepEqual(problems((o) => targetProblems(o.before, o.lspOnce!)), []);
});

test('server fix all reaches the fixed point in one application: asked again, it has nothing to do', () => {
  const found = problems((o) => (o.lspSecondEdits === 0 ? [] : [`after applying fix all, it offers ${o.lspSecondEdits} more edits; after one:\n${o.lspOnce}`]));
  assert.deepEqual(found, []);
});

test('the server and the CLI fix a document the same way (when the server needs one pass)', () => {
  const compared = outcomes.filter((o) => o.n !== CSDN && o.lspSecondEdits === 0);
  assert.ok(compared.length >= DOCS / 4, `only ${compared.length} documents compared`);
  const found = problems((o) => (o.lspSecondEdits === 0 && o.lspOnce !== o.cliOnce ? [`CLI:\n${o.cliOnce}\n--- server:\n${o.lspOnce}`] : []));
  assert.deepEqual(found, []);
});

/**
 * Quick fixes that legitimately edit outside their diagnostic: a missing section is reported at the title (or
 * the section before it) and inserted where the template puts it; a contents list is generated after its heading;
 * removing a definition removes its whole line, through the line break.
 */
const EDITS_ELSEWHERE: Record<string, 'anywhere' | 'through-line-break'> = {
  'template/missing-section': 'anywhere',
  'template/toc-mismatch': 'anywhere',
  'links/unused-definition': 'through-line-break',
  'links/duplicate-definition': 'through-line-break',
};

test('each quick fix edits only inside its diagnostic\'s range (rules that insert elsewhere excepted, see EDITS_ELSEWHERE)', () => {
  const byRule = new Map<string, string>();
  let checked = 0;
  for (const o of outcomes) {
    for (const [rule, example] of o.outside) {
      const allowed = EDITS_ELSEWHERE[rule];
      if (allowed === 'anywhere') continue;
      if (allowed === 'through-line-break' && /edits \{"start":\{"line":(\d+),"character":0\},"end":\{"line":(\d+),"character":0\}\} for a diagnostic at \{"start":\{"line":\1,"character":0\}/.exec(example)) continue;
      if (!byRule.has(rule)) byRule.set(rule, `document ${o.n}: ${example}`);
    }
    checked += o.quickFixes;
  }
  assert.ok(checked >= 20, `only ${checked} quick fixes seen`);
  assert.deepEqual([...byRule].map(([rule, example]) => `${rule}: ${example}`), []);
});

// ---------------------------------------------------------------------------------------------------------------
// The product bugs above, each on a minimal draft through lint --fix.

const MINIMAL: { name: string; text: string; check(before: string, once: string, twice: string): void }[] = [
  {
    name: 'a bare URL with `\\_` (CSDN style) is wrapped whole',
    text: '# T\n\n来源：https://blog.csdn.net/weixin\\_38991876/article/details/146474767\n',
    check: (before, once) => {
      assert.deepEqual(targetProblems(before, once), []);
      assert.match(once, /<https:\/\/blog\.csdn\.net\/weixin\\_38991876\/article\/details\/146474767>/);
    },
  },
  {
    name: 'a bare URL with `*` inside is wrapped whole',
    text: '# T\n\n见 https://x.example/a*b*c 了解。\n',
    check: (before, once) => assert.deepEqual(targetProblems(before, once), []),
  },
  {
    name: 'a bare URL running into a backtick keeps its target (and no code span appears)',
    text: '# T\n\nRun https://x.example/u/`tick` now.\n',
    check: (before, once) => assert.deepEqual(protectedDifferences(before, once), []),
  },
  {
    name: 'missing sections are not inserted inside an unclosed code fence, and a second --fix changes nothing',
    text: '---\ntemplate: review\n---\n\n# RTX 4090 深度评测：性能、成本与最佳实践\n\n```bash\necho hi\n',
    check: (before, once, twice) => {
      assert.deepEqual(protectedDifferences(before, once).filter((p) => p.startsWith('code')), []);
      assert.equal(twice, once);
    },
  },
  {
    name: 'fix-all does not copy a heading with a URL into the contents list (GFM links it, escaped or not: a new target)',
    text: '---\ntemplate: review\n---\n\n# RTX 4090 review\n\n## 📋 Contents\n\n1. Overview\n2. Old section\n\n## 1. Overview\n\ntext\n\n## 2. Prices on <https://runpod.io> and www.example.com\n\ntext\n',
    check: (before, once) => assert.deepEqual(protectedDifferences(before, once), []),
  },
  {
    name: 'no contents list is added inside an HTML block that runs to the end of the draft (it would be HTML, and added again)',
    text: '---\ntemplate: review\n---\n\n# RTX 4090 review\n\n## 1. Overview\n\ntext\n\n## 📋 Contents\n\n<![CDATA[ notes\n',
    check: (before, once, twice) => {
      assert.deepEqual(protectedDifferences(before, once), []);
      assert.equal(twice, once);
    },
  },
  {
    name: 'a generated contents list does not take the indented code block after it',
    text: '---\ntemplate: review\n---\n\n# RTX 4090 深度评测：性能、成本与最佳实践\n\n## 📋 目录\n\n        code line\n',
    check: (before, once) => assert.deepEqual(protectedDifferences(before, once).filter((p) => p.startsWith('code')), []),
  },
];

for (const m of MINIMAL) {
  test(`minimal: ${m.name}`, () => {
    const w = tempWorkspace({ 'm.md': m.text });
    try {
      runCli(['lint', '--fix', 'm.md'], w.root);
      const once = readFileSync(w.file('m.md'), 'utf8');
      runCli(['lint', '--fix', 'm.md'], w.root);
      m.check(m.text, once, readFileSync(w.file('m.md'), 'utf8'));
    } finally {
      w.dispose();
    }
  });
}

test('minimal: server fix all once leaves nothing to fix (fixes that enable other fixes, in one go)', async () => {
  // A stale contents list and a bare URL in it: the regenerated list must itself need no further fix.
  const text = '---\ntemplate: review\n---\n\n# RTX 4090 深度评测：性能、成本与最佳实践\n\n## 📋 目录\n\n1. 产品概述\n2. 旧的小节\n\n## 1. 产品概述\n\n正文 https://example.com/a 。\n\n## 2. 技术规格分析\n\n[a]: https://a.example\n[a]: https://a.example\n\n见 [官网][a]。\n';
  const uri = fileUri(ws.file('single-pass.md'));
  await client.open(uri, text);
  const ask = async () => ((await client.request('textDocument/codeAction', { textDocument: { uri }, range: { start: { line: 0, character: 0 }, end: { line: 20, character: 0 } }, context: { diagnostics: [], only: ['source.fixAll.benchpress'] } })) as Json[]).flatMap((a) => a.edit?.documentChanges?.flatMap((c: Json) => c.edits) ?? []);
  const first = await ask();
  assert.ok(first.length > 0);
  await client.changeAndWait(uri, [{ text: applyEdits(text, first) }]);
  assert.deepEqual(await ask(), []);
});
