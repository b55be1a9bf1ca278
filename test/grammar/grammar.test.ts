// The Markdown injection grammars (syntaxes/) tokenized for real with vscode-textmate + vscode-oniguruma over a
// small stand-in for VS Code's Markdown grammar (markdown-base.tmLanguage.json), and the snippets (snippets/):
// well-formed, and the article templates, expanded with their defaults, fit Benchpress's own template checks.
import { test, describe, before } from 'node:test';
import assert from 'node:assert/strict';
import { existsSync, readFileSync, readdirSync } from 'node:fs';
import path from 'node:path';
import { Registry, INITIAL, parseRawGrammar, type IGrammar, type IRawGrammar } from 'vscode-textmate';
import { loadWASM, createOnigScanner, createOnigString } from 'vscode-oniguruma';
import { lintText } from '../../server/src/testing/lint-text';
import { builtinTemplates } from '../../server/src/templates/registry';
import { GENERIC_PLACEHOLDERS } from '../../server/src/templates/template';
import { findSpecTokens } from '../../server/src/gpu/tokens';

const REPO = path.resolve(__dirname, '../..');
const INJECTION = path.join(REPO, 'syntaxes', 'benchpress.injection.tmLanguage.json');
const MARKER_INJECTION = path.join(REPO, 'syntaxes', 'benchpress.marker.injection.tmLanguage.json');
const BASE = path.join(__dirname, 'markdown-base.tmLanguage.json');
const SNIPPETS = path.join(REPO, 'snippets', 'markdown.json');

const SPEC = 'meta.spec-token.benchpress';
const PLACEHOLDER = 'markup.placeholder.benchpress';
const MARKER = 'comment.block.marker.benchpress';
const MARKER_KIND = 'keyword.other.marker.benchpress';
const MARKER_PARAM = 'variable.parameter.marker.benchpress';

// ------------------------------------------------------------------------------------------------ tokenizer

/** The Markdown grammar the injections are tested over: its files by scope name, and the injections into it. */
interface MarkdownGrammars {
  files: Record<string, string>;
  injections: string[];
}

const OURS: Record<string, string> = { 'markdown.benchpress.injection': INJECTION, 'markdown.benchpress.marker.injection': MARKER_INJECTION };

function standIn(): MarkdownGrammars {
  return { files: { 'text.html.markdown': BASE, ...OURS }, injections: Object.keys(OURS) };
}

/**
 * VS Code's own grammars, when the e2e harness has installed code-server under .cache/ (see test/e2e): the real
 * Markdown grammar, every grammar it includes (HTML, YAML, the languages of fenced code) and the injections VS
 * Code's built-in extensions add to Markdown (math), next to ours — as in the editor.
 */
function realVsCode(): MarkdownGrammars | undefined {
  const cache = path.join(REPO, '.cache');
  if (!existsSync(cache)) return undefined;
  for (const dir of readdirSync(cache).filter((d) => d.startsWith('code-server-')).sort().reverse()) {
    const extensions = path.join(cache, dir, 'node_modules', 'code-server', 'lib', 'vscode', 'extensions');
    if (!existsSync(path.join(extensions, 'markdown-basics', 'syntaxes', 'markdown.tmLanguage.json'))) continue;
    const files: Record<string, string> = {};
    const injections: string[] = [];
    for (const ext of readdirSync(extensions)) {
      const manifest = path.join(extensions, ext, 'package.json');
      if (!existsSync(manifest)) continue;
      const grammars: { scopeName?: string; path?: string; injectTo?: string[] }[] = JSON.parse(readFileSync(manifest, 'utf8')).contributes?.grammars ?? [];
      for (const g of grammars) {
        if (!g.scopeName || !g.path) continue;
        files[g.scopeName] = path.join(extensions, ext, g.path);
        if (g.injectTo?.includes('text.html.markdown')) injections.push(g.scopeName);
      }
    }
    return { files: { ...files, ...OURS }, injections: [...injections, ...Object.keys(OURS)] };
  }
  return undefined;
}

let onig: Promise<void> | undefined;
/** The grammar the running suite tokenizes with (suites run one after another). */
let grammar: IGrammar;

async function loadMarkdown(source: MarkdownGrammars): Promise<IGrammar> {
  onig ??= (async () => {
    const wasm = readFileSync(path.join(REPO, 'node_modules', 'vscode-oniguruma', 'release', 'onig.wasm'));
    await loadWASM(wasm.buffer.slice(wasm.byteOffset, wasm.byteOffset + wasm.byteLength) as ArrayBuffer);
  })();
  await onig;
  const registry = new Registry({
    onigLib: Promise.resolve({ createOnigScanner, createOnigString }),
    loadGrammar: async (scopeName): Promise<IRawGrammar | null> => {
      const file = source.files[scopeName];
      return file ? parseRawGrammar(readFileSync(file, 'utf8'), file) : null;
    },
    // What `"injectTo": ["text.html.markdown"]` does in VS Code.
    getInjections: (scopeName) => (scopeName === 'text.html.markdown' ? source.injections : undefined),
  });
  const g = await registry.loadGrammar('text.html.markdown');
  assert.ok(g, 'the Markdown grammar loads');
  return g;
}

interface Token {
  line: number;
  start: number;
  end: number;
  text: string;
  scopes: string[];
}

function tokenize(text: string): Token[] {
  const out: Token[] = [];
  let stack = INITIAL;
  text.split('\n').forEach((line, i) => {
    const r = grammar.tokenizeLine(line, stack);
    for (const t of r.tokens) {
      const end = Math.min(t.endIndex, line.length);
      if (end > t.startIndex) out.push({ line: i, start: t.startIndex, end, text: line.slice(t.startIndex, end), scopes: t.scopes });
    }
    stack = r.ruleStack;
  });
  return out;
}

/** The tokens that cover the `occurrence`-th appearance of `needle` in `text` (every one of its characters). */
function tokensAt(text: string, needle: string, occurrence = 0): Token[] {
  let offset = -1;
  for (let i = 0; i <= occurrence; i++) {
    offset = text.indexOf(needle, offset + 1);
    assert.ok(offset >= 0, `"${needle}" (#${occurrence}) is in the test text`);
  }
  const before = text.slice(0, offset);
  const line = before.split('\n').length - 1;
  const col = offset - (before.lastIndexOf('\n') + 1);
  const hits = tokenize(text).filter((t) => t.line === line && t.end > col && t.start < col + needle.length);
  assert.ok(hits.length > 0, `tokens for "${needle}"`);
  return hits;
}

const has = (t: Token, scope: string) => t.scopes.some((s) => s === scope || s.startsWith(scope + '.'));
const show = (ts: Token[]) => ts.map((t) => `${JSON.stringify(t.text)}: ${t.scopes.join(' ')}`).join('\n');

/** Every character of the needle has the scope. */
function assertScope(text: string, needle: string, scope: string, occurrence = 0): void {
  const ts = tokensAt(text, needle, occurrence);
  assert.ok(ts.every((t) => has(t, scope)), `"${needle}" should be ${scope}:\n${show(ts)}`);
}

/** No character of the needle has the scope. */
function assertNoScope(text: string, needle: string, scope: string, occurrence = 0): void {
  const ts = tokensAt(text, needle, occurrence);
  assert.ok(ts.every((t) => !has(t, scope)), `"${needle}" should not be ${scope}:\n${show(ts)}`);
}

// ------------------------------------------------------------------------------------------------ grammar

function grammarTests(label: string, source: MarkdownGrammars | undefined): void {
  describe(label, { skip: source ? false : 'VS Code\'s Markdown grammar is not here: code-server is not installed under .cache/ (the e2e harness in test/e2e installs it)' }, () => {
    before(async () => {
      grammar = await loadMarkdown(source!);
    });

    describe('spec tokens', () => {
      test('a spec token in prose has its parts', () => {
        const text = 'H100 的显存是 {{gpu:h100-sxm.memoryGB}}，带宽更高。';
        assertScope(text, '{{gpu:h100-sxm.memoryGB}}', SPEC);
        assertScope(text, '{{', 'punctuation.definition.spec-token.benchpress');
        assertScope(text, '}}', 'punctuation.definition.spec-token.benchpress');
        assertScope(text, 'h100-sxm', 'entity.name.gpu.benchpress');
        assertScope(text, 'memoryGB', 'variable.other.field.benchpress');
        assertScope(text, 'gpu', 'keyword.other.spec-token.benchpress');
        assertScope(text, 'h100-sxm', 'meta.paragraph.markdown');
        assertNoScope(text, '的显存是', SPEC);
        assertNoScope(text, '，带宽更高。', SPEC);
      });

      test('the forms the server accepts: spaces, upper case, a name or alias as id, no field', () => {
        const text = 'A {{ GPU : H100 . memory }} and {{gpu:rtx-4090}} and {{gpu:RTX4090.tdp}}.';
        assertScope(text, '{{ GPU : H100 . memory }}', SPEC);
        assertScope(text, 'H100', 'entity.name.gpu.benchpress');
        assertScope(text, 'memory', 'variable.other.field.benchpress');
        assertScope(text, '{{gpu:rtx-4090}}', SPEC);
        assertScope(text, 'rtx-4090', 'entity.name.gpu.benchpress');
        assertScope(text, 'RTX4090', 'entity.name.gpu.benchpress');
        assertScope(text, 'tdp', 'variable.other.field.benchpress');
      });

      test('not spec tokens: other namespaces, single braces, no colon', () => {
        const text = 'Hugo {{ .Title }}, {{cpu:epyc.cores}}, {gpu:h100-sxm.memoryGB} and {{gpu}} stay plain.';
        for (const s of ['{{ .Title }}', '{{cpu:epyc.cores}}', '{gpu:h100-sxm.memoryGB}', '{{gpu}}']) assertNoScope(text, s, SPEC);
      });

      test('the grammar finds exactly the tokens the server finds (server/src/gpu/tokens.ts)', () => {
        const samples = [
          '{{gpu:h100-sxm.memoryGB}}', '{{ GPU : H100 . memory }}', '{{gpu:}}', '{{gpu:h100-sxm.}}', '{{gpu:a.b.c}}', '{{gpu:x y}}',
          '{{gpu:h100-sxm.memory GB}}', '{{{gpu:h100-sxm.tdpW}}}', '{{gpu:rtx-4090|x}}', '{{gpu:h100-sxm.tdp}}}', '显存{{gpu:h200-sxm.memoryGB}}与{{gpu:b200.memoryGB}}{{gpu:l4.tdpW}}。',
          '{{gpu :rtx-5090 .fp32}}', '{{gpu:h100-sxm.memoryGB}', '{gpu:h100-sxm.memoryGB}}', '{{gpu:{h100}.memoryGB}}',
        ];
        for (const sample of samples) {
          const line = `见 ${sample} 。`;
          const expected = findSpecTokens(line).map((t) => `${t.start}-${t.end}`);
          const found: string[] = [];
          let open = -1;
          for (const t of tokenize(line)) {
            if (!has(t, 'punctuation.definition.spec-token.benchpress')) continue;
            if (open < 0) open = t.start;
            else {
              found.push(`${open}-${t.end}`);
              open = -1;
            }
          }
          assert.deepEqual(found, expected, sample);
        }
      });

      test('a spec token in bold, a list, a block quote, a table row and a heading', () => {
        const text = [
          '# {{gpu:h200-sxm.name}} 深度评测',
          '',
          '**{{gpu:h200-sxm.memoryGB}}** 显存',
          '',
          '- 功耗 {{gpu:h200-sxm.tdpW}}',
          '',
          '> 带宽 {{gpu:h200-sxm.memoryBandwidthGBps}}',
          '',
          '| 显存 | {{gpu:rtx-5090.memoryGB}} |',
        ].join('\n');
        for (const s of ['{{gpu:h200-sxm.name}}', '{{gpu:h200-sxm.memoryGB}}', '{{gpu:h200-sxm.tdpW}}', '{{gpu:h200-sxm.memoryBandwidthGBps}}', '{{gpu:rtx-5090.memoryGB}}']) {
          assertScope(text, s, SPEC);
        }
        assertScope(text, '{{gpu:h200-sxm.memoryGB}}', 'markup.bold.markdown');
        assertScope(text, '{{gpu:h200-sxm.name}}', 'markup.heading.markdown');
      });

      test('not in inline code', () => {
        const text = '用 `{{gpu:h100-sxm.memoryGB}}` 写一个标记，或者 ``{{gpu:h200-sxm.tdpW}}``。';
        assertScope(text, '{{gpu:h100-sxm.memoryGB}}', 'markup.inline.raw.string.markdown');
        assertNoScope(text, '{{gpu:h100-sxm.memoryGB}}', SPEC);
        assertNoScope(text, '{{gpu:h200-sxm.tdpW}}', SPEC);
      });

      test('not in a fenced code block, nor in indented code', () => {
        const text = ['Prose {{gpu:l40s.memoryGB}}.', '', '```markdown', '{{gpu:h100-sxm.memoryGB}}', '[产品名称] <!-- benchpress:spec gpus=h100-sxm -->', '```', '', '~~~', '{{gpu:b200.tdpW}}', '~~~', '', '    {{gpu:l4.tdpW}} [TODO]', '', 'After {{gpu:l4.memoryGB}}.'].join('\n');
        assertScope(text, '{{gpu:l40s.memoryGB}}', SPEC);
        assertScope(text, '{{gpu:h100-sxm.memoryGB}}', 'markup.fenced_code.block.markdown');
        assertNoScope(text, '{{gpu:h100-sxm.memoryGB}}', SPEC);
        assertNoScope(text, '[产品名称]', PLACEHOLDER);
        assertNoScope(text, 'benchpress:spec', MARKER_KIND);
        assertNoScope(text, '{{gpu:b200.tdpW}}', SPEC);
        assertScope(text, '{{gpu:l4.tdpW}}', 'markup.raw.block.markdown');
        assertNoScope(text, '{{gpu:l4.tdpW}}', SPEC);
        assertNoScope(text, '[TODO]', PLACEHOLDER);
        assertScope(text, '{{gpu:l4.memoryGB}}', SPEC, 0);
      });

      test('a token at the start of a line does not keep the paragraph (and its inline code) from opening', () => {
        // A left-priority match at column 0 outside the paragraph would win over the paragraph's zero-width start,
        // and the rest of the line would then be tokenized without inline rules.
        const text = '{{gpu:rtx-4090.tdpW}} 的功耗，用 `{{gpu:rtx-4090.tdpW}}` 引用。';
        assertScope(text, '{{gpu:rtx-4090.tdpW}}', SPEC, 0);
        assertScope(text, '{{gpu:rtx-4090.tdpW}}', 'meta.paragraph.markdown', 0);
        assertScope(text, '{{gpu:rtx-4090.tdpW}}', 'markup.inline.raw.string.markdown', 1);
        assertNoScope(text, '{{gpu:rtx-4090.tdpW}}', SPEC, 1);
      });
    });

    describe('markers', () => {
      const block = [
        '<!-- benchpress:spec gpus=h100-sxm fields=memoryGB,memoryBandwidthGBps lang=en asOf=2026-11-25 -->',
        '| Spec | NVIDIA H100 SXM |',
        '| --- | ---: |',
        '| Memory | 80 GB |',
        '',
        '<!-- /benchpress:spec -->',
      ].join('\n');

      test('a start marker line: kind and key=value parameters', () => {
        assertScope(block, 'benchpress:spec', MARKER);
        assertScope(block, 'benchpress:spec', MARKER_KIND);
        for (const p of ['gpus=h100-sxm', 'fields=memoryGB,memoryBandwidthGBps', 'lang=en', 'asOf=2026-11-25']) {
          assertScope(block, p, MARKER_PARAM);
          assertScope(block, p, MARKER);
        }
        assertScope(block, 'gpus', 'entity.other.attribute-name.marker.benchpress');
        assertScope(block, 'h100-sxm', 'string.unquoted.marker.benchpress');
        assertScope(block, 'memoryGB,memoryBandwidthGBps', 'string.unquoted.marker.benchpress');
        assertNoScope(block, '-->', MARKER_PARAM);
        // Still a comment to Markdown and to themes.
        assertScope(block, '<!--', 'comment.block.html');
        assertScope(block, 'benchpress:spec', 'comment');
      });

      test('an end marker line', () => {
        assertScope(block, '/benchpress:spec', MARKER_KIND);
        assertScope(block, '/benchpress:spec', MARKER);
      });

      test('the table between markers is ordinary Markdown', () => {
        assertNoScope(block, '| Memory | 80 GB |', MARKER);
      });

      test('up to three spaces of indent, quoted values, other kinds, a spaced end marker', () => {
        const text = [
          '   <!-- benchpress:pricing gpus=h100-sxm,h200-sxm providers=runpod note="secure and community" -->',
          '',
          '<!--benchpress:cost gpus=h100-sxm hours=100 count=8-->  ',
          '',
          '<!-- / benchpress:cost -->',
          '',
          'After the markers {{gpu:h100-sxm.memoryGB}}.',
        ].join('\n');
        assertScope(text, 'benchpress:pricing', MARKER_KIND);
        assertScope(text, 'note="secure and community"', MARKER_PARAM);
        assertScope(text, '"secure and community"', 'string.quoted.double.marker.benchpress');
        assertScope(text, 'benchpress:cost', MARKER_KIND);
        assertScope(text, 'hours=100', MARKER_PARAM);
        assertScope(text, 'count=8', MARKER_PARAM);
        assertNoScope(text, '-->', MARKER_PARAM, 1);
        assertScope(text, '/ benchpress:cost', MARKER_KIND);
        assertScope(text, '{{gpu:h100-sxm.memoryGB}}', SPEC);
        assertNoScope(text, 'After the markers', 'comment');
      });

      test('what the server does not take as a marker is not highlighted as one', () => {
        const text = [
          '价格见下表 <!-- benchpress:pricing gpus=rtx-4090 lang=zh-cn --> 与 {{gpu:rtx-4090.name}}。',
          '',
          '<!-- benchpress:spec gpus=h100-sxm --> 后面还有字',
          '',
          '<!-- benchpress:compare gpus=h100-sxm',
          '     fields=memoryGB -->',
          '',
          '- <!-- benchpress:cost gpus=l4 hours=1 -->',
          '',
          '        <!-- benchpress:spec gpus=l40s -->',
          '',
          '<!-- benchpress: gpus=b200 -->',
        ].join('\n');
        assertNoScope(text, 'benchpress:pricing', MARKER_KIND); // inside a paragraph
        assertNoScope(text, 'benchpress:spec', MARKER_KIND, 0); // text after -->
        assertNoScope(text, 'benchpress:compare', MARKER_KIND); // over two lines
        assertNoScope(text, 'benchpress:cost', MARKER_KIND); // in a list item
        assertNoScope(text, 'benchpress:spec', MARKER_KIND, 1); // indented code
        assertNoScope(text, 'benchpress:spec gpus=l40s', MARKER);
        assertNoScope(text, 'benchpress: gpus=b200', MARKER);
        assertNoScope(text, 'fields=memoryGB', MARKER_PARAM);
        assertScope(text, 'gpus=rtx-4090', 'comment');
        assertScope(text, '{{gpu:rtx-4090.name}}', SPEC);
      });

      test('ordinary comments are left alone: no marker, token or placeholder scopes in them', () => {
        const text = [
          '<!-- 备注：{{gpu:h100-sxm.memoryGB}} [待补充] benchpress:spec gpus=x -->',
          '',
          '<!-- benchpress-ignore -->',
          '',
          '正文 <!-- [TODO] {{gpu:l4.tdpW}} --> 正文',
        ].join('\n');
        assertNoScope(text, '{{gpu:h100-sxm.memoryGB}}', SPEC);
        assertNoScope(text, '[待补充]', PLACEHOLDER);
        assertNoScope(text, 'benchpress:spec', MARKER_KIND);
        assertNoScope(text, 'gpus=x', MARKER_PARAM);
        assertNoScope(text, 'benchpress-ignore', MARKER);
        assertScope(text, '[TODO]', 'comment.block.html');
        assertNoScope(text, '[TODO]', PLACEHOLDER);
        assertNoScope(text, '{{gpu:l4.tdpW}}', SPEC);
      });
    });

    describe('placeholders', () => {
      test('the templates\' placeholders, Chinese and English, in titles and prose', () => {
        const text = [
          '# [产品名称] 深度评测：性能、成本与最佳实践',
          '',
          '# 从零开始：[技术主题] 完整部署指南',
          '',
          '# [Product] review: performance, cost and best practices',
          '',
          '# From scratch: a complete [Topic] deployment guide',
          '',
          '[待补充] 产品定位、目标用户。',
          '',
          '功耗 [待填写] W，价格 [TBD]，显存 [TODO: check the datasheet]，[todo]。',
        ].join('\n');
        for (const p of ['[产品名称]', '[技术主题]', '[Product]', '[Topic]', '[待补充]', '[待填写]', '[TBD]', '[TODO: check the datasheet]', '[todo]']) {
          assertScope(text, p, PLACEHOLDER);
          assertScope(text, p, 'constant.other.placeholder.benchpress');
        }
        assertScope(text, '[产品名称]', 'markup.heading.markdown');
        assertScope(text, '产品名称', 'variable.other.placeholder.benchpress');
        assertNoScope(text, ' 深度评测', PLACEHOLDER);
        assertScope(text, '[', 'punctuation.definition.placeholder.begin.benchpress');
      });

      test('every placeholder of the built-in templates and every generic one is highlighted', () => {
        const names = new Set<string>(GENERIC_PLACEHOLDERS);
        for (const t of builtinTemplates()) for (const p of t.placeholders) names.add(p);
        assert.ok(names.size >= 8);
        for (const name of names) {
          const text = `正文 [${name}] 正文`;
          assertScope(text, `[${name}]`, PLACEHOLDER);
        }
      });

      test('a line that starts with a placeholder keeps its inline code', () => {
        const text = '[待补充] 运行 `{{gpu:h100-sxm.memoryGB}}` 与 `[TODO]`。';
        assertScope(text, '[待补充]', PLACEHOLDER);
        assertScope(text, '[待补充]', 'meta.paragraph.markdown');
        assertScope(text, '{{gpu:h100-sxm.memoryGB}}', 'markup.inline.raw.string.markdown');
        assertNoScope(text, '{{gpu:h100-sxm.memoryGB}}', SPEC);
        assertNoScope(text, '[TODO]', PLACEHOLDER);
      });

      test('not placeholders: links, references, definitions, images, task lists, escapes, other words', () => {
        const text = [
          '见 [产品名称](https://example.com/p) 与 [TODO][todo-list] 和 [RunPod](https://www.runpod.io) 和 [文档][docs] 和 [Topic modelling][tm]。',
          '',
          '- [ ] 跑一遍基准测试',
          '- [x] 写完环境准备',
          '',
          '![TODO](todo.png) \\[TODO] [Products] [GPU] [H100]',
          '',
          '[TODO]: https://example.com/todo',
        ].join('\n');
        for (const s of ['[产品名称](https://example.com/p)', '[TODO][todo-list]', '[RunPod](https://www.runpod.io)', '[文档][docs]', '[Topic modelling][tm]', '[ ]', '[x]', '![TODO](todo.png)', '\\[TODO]', '[Products]', '[GPU]', '[H100]', '[TODO]: https://example.com/todo']) {
          assertNoScope(text, s, PLACEHOLDER);
        }
        assertScope(text, '[产品名称](https://example.com/p)', 'meta.link.inline.markdown');
        assertScope(text, '[x]', 'meta.link.reference.markdown');
      });

      test('in table cells: tokens and placeholders show, inline code in a cell does not', () => {
      const text = ['| 规格 | {{gpu:h100-sxm.name}} | [产品名称] |', '| --- | ---: | ---: |', '| 显存 | {{gpu:h100-sxm.memoryGB}} | [待补充] |', '| 写法 | `{{gpu:h100-sxm.tdpW}}` | `[TODO]` |'].join('\n');
      assertScope(text, '{{gpu:h100-sxm.name}}', SPEC);
      assertScope(text, '{{gpu:h100-sxm.memoryGB}}', SPEC);
      assertScope(text, '[产品名称]', PLACEHOLDER);
      assertScope(text, '[待补充]', PLACEHOLDER);
      assertNoScope(text, '{{gpu:h100-sxm.tdpW}}', SPEC);
      assertNoScope(text, '[TODO]', PLACEHOLDER);
    });

    test('in front matter and the table of a draft, placeholders still show; in code they do not', () => {
        const text = ['---', 'template: review', 'title: "[产品名称] 评测"', '---', '', '| GPU | 价格 |', '| --- | ---: |', '| H100 SXM | [待补充] |', '', '```yaml', 'title: "[产品名称]"', '```'].join('\n');
        assertScope(text, '[产品名称]', PLACEHOLDER, 0);
        assertScope(text, '[待补充]', PLACEHOLDER);
        assertNoScope(text, '[产品名称]', PLACEHOLDER, 1);
      });
    });

    test('snippets through the grammar: tokens and placeholders of an expanded review are highlighted, code is not', () => {
      const review = expandSnippet(bodyOf(byPrefix('bp-review-zh')));
      assertScope(review, '[产品名称]', PLACEHOLDER);
      assertScope(review, '{{gpu:rtx-4090.memoryGB}}', SPEC);
      assertScope(review, '[待补充]', PLACEHOLDER);
      const tutorial = expandSnippet(bodyOf(byPrefix('bp-tutorial-en')));
      assertScope(tutorial, '[Topic]', PLACEHOLDER);
      assertScope(tutorial, '[TODO]', PLACEHOLDER);
      assertScope(tutorial, 'docker run -it --rm --gpus all', 'markup.fenced_code.block.markdown');
      assertNoScope(tutorial, '# A complete, runnable example', PLACEHOLDER);
    });
  });
}

// ------------------------------------------------------------------------------------------------ snippets

type SnippetNode =
  | { kind: 'text'; value: string }
  | { kind: 'tabstop'; index: number; children?: SnippetNode[]; choices?: string[] }
  | { kind: 'variable'; name: string; children?: SnippetNode[] };

/** VS Code's snippet variables (https://code.visualstudio.com/docs/editor/userdefinedsnippets#_variables). */
const SNIPPET_VARIABLES = new Set([
  'TM_SELECTED_TEXT', 'TM_CURRENT_LINE', 'TM_CURRENT_WORD', 'TM_LINE_INDEX', 'TM_LINE_NUMBER', 'TM_FILENAME', 'TM_FILENAME_BASE',
  'TM_DIRECTORY', 'TM_FILEPATH', 'RELATIVE_FILEPATH', 'CLIPBOARD', 'WORKSPACE_NAME', 'WORKSPACE_FOLDER', 'CURSOR_INDEX', 'CURSOR_NUMBER',
  'CURRENT_YEAR', 'CURRENT_YEAR_SHORT', 'CURRENT_MONTH', 'CURRENT_MONTH_NAME', 'CURRENT_MONTH_NAME_SHORT', 'CURRENT_DATE',
  'CURRENT_DAY_NAME', 'CURRENT_DAY_NAME_SHORT', 'CURRENT_HOUR', 'CURRENT_MINUTE', 'CURRENT_SECOND', 'CURRENT_SECONDS_UNIX',
  'CURRENT_TIMEZONE_OFFSET', 'RANDOM', 'RANDOM_HEX', 'UUID', 'BLOCK_COMMENT_START', 'BLOCK_COMMENT_END', 'LINE_COMMENT',
]);

/**
 * A strict parser for VS Code's snippet syntax: `$1`, `${1}`, `${1:default}` (nested), `${1|a,b|}`, `$NAME`,
 * `${NAME}`, `${NAME:default}`, escapes `\$ \} \\` (and `\, \|` in choices). Where VS Code would quietly insert a
 * malformed `${` as text, this throws, so a typo shows up here rather than in the editor.
 */
function parseSnippet(src: string): SnippetNode[] {
  let i = 0;
  const fail = (msg: string): never => {
    throw new Error(`${msg} at ${i}: …${src.slice(Math.max(0, i - 20), i + 20)}…`);
  };
  const parseSeq = (inPlaceholder: boolean): SnippetNode[] => {
    const out: SnippetNode[] = [];
    let text = '';
    const flush = () => {
      if (text) out.push({ kind: 'text', value: text });
      text = '';
    };
    while (i < src.length) {
      const c = src[i];
      if (c === '\\' && '$}\\'.includes(src[i + 1] ?? '')) {
        text += src[i + 1];
        i += 2;
      } else if (c === '}' && inPlaceholder) {
        flush();
        return out;
      } else if (c === '$') {
        const simple = /^\$(?:(\d+)|([A-Za-z_][A-Za-z0-9_]*))/.exec(src.slice(i));
        if (simple) {
          flush();
          out.push(simple[1] !== undefined ? { kind: 'tabstop', index: Number(simple[1]) } : { kind: 'variable', name: simple[2] });
          i += simple[0].length;
        } else if (src[i + 1] === '{') {
          flush();
          out.push(parseComplex());
        } else {
          text += c;
          i++;
        }
      } else {
        text += c;
        i++;
      }
    }
    if (inPlaceholder) fail('unclosed ${');
    flush();
    return out;
  };
  const parseComplex = (): SnippetNode => {
    i += 2; // ${
    const head = /^(?:(\d+)|([A-Za-z_][A-Za-z0-9_]*))/.exec(src.slice(i));
    if (!head) return fail('${ must be followed by a tab stop number or a variable name');
    i += head[0].length;
    const index = head[1] !== undefined ? Number(head[1]) : undefined;
    const next = src[i];
    if (next === '}') {
      i++;
      return index !== undefined ? { kind: 'tabstop', index } : { kind: 'variable', name: head[2] };
    }
    if (next === ':') {
      i++;
      const children = parseSeq(true);
      i++; // }
      return index !== undefined ? { kind: 'tabstop', index, children } : { kind: 'variable', name: head[2], children };
    }
    if (next === '|' && index !== undefined) {
      i++;
      const choices: string[] = [];
      let cur = '';
      while (i < src.length) {
        const c = src[i];
        if (c === '\\' && '$}\\,|'.includes(src[i + 1] ?? '')) {
          cur += src[i + 1];
          i += 2;
        } else if (c === ',') {
          choices.push(cur);
          cur = '';
          i++;
        } else if (c === '|' && src[i + 1] === '}') {
          choices.push(cur);
          i += 2;
          return { kind: 'tabstop', index, choices };
        } else if (c === '|' || c === '$' || c === '}') {
          return fail(`unescaped ${c} in a choice`);
        } else {
          cur += c;
          i++;
        }
      }
      return fail('unclosed choice');
    }
    return fail(`unexpected ${JSON.stringify(next ?? 'end')} after \${${head[0]}`);
  };
  return parseSeq(false);
}

function* walk(nodes: SnippetNode[]): Generator<SnippetNode> {
  for (const n of nodes) {
    yield n;
    if (n.kind !== 'text' && n.children) yield* walk(n.children);
  }
}

const FIXED_DATE: Record<string, string> = { CURRENT_YEAR: '2026', CURRENT_MONTH: '11', CURRENT_DATE: '25' };

/** The text a snippet inserts when every tab stop keeps its default: `${1:x}` → x, `${1|a,b|}` → a, mirrors follow. */
function expandSnippet(body: string): string {
  const nodes = parseSnippet(body);
  const definitions = new Map<number, SnippetNode[] | string>();
  for (const n of walk(nodes)) {
    if (n.kind === 'tabstop' && !definitions.has(n.index) && (n.children || n.choices)) definitions.set(n.index, n.choices ? n.choices[0] : n.children!);
  }
  const render = (ns: SnippetNode[], depth: number): string =>
    ns
      .map((n) => {
        if (n.kind === 'text') return n.value;
        if (n.kind === 'variable') return FIXED_DATE[n.name] ?? (n.children ? render(n.children, depth + 1) : '');
        const def = definitions.get(n.index);
        if (def === undefined || depth > 10) return '';
        return typeof def === 'string' ? def : render(def, depth + 1);
      })
      .join('');
  return render(nodes, 0);
}

interface Snippet {
  prefix: string | string[];
  body: string | string[];
  description: string;
}

const snippets = (): Record<string, Snippet> => JSON.parse(readFileSync(SNIPPETS, 'utf8'));
const bodyOf = (s: Snippet) => (Array.isArray(s.body) ? s.body.join('\n') : s.body);
const prefixes = (s: Snippet) => (Array.isArray(s.prefix) ? s.prefix : [s.prefix]);
function byPrefix(prefix: string): Snippet {
  const hit = Object.values(snippets()).find((s) => prefixes(s).includes(prefix));
  assert.ok(hit, `a snippet with prefix ${prefix}`);
  return hit;
}

describe('snippets', () => {
  test('the snippet tests\' own parser and expander', () => {
    assert.equal(expandSnippet('a ${1:x ${2:y}} $1 ${3|p,q|} $3 $4 $0 \\$HOME \\} ${CURRENT_YEAR}-$CURRENT_MONTH-$CURRENT_DATE {"k": 1}'), 'a x y x y p p   $HOME } 2026-11-25 {"k": 1}');
    assert.throws(() => parseSnippet('${1:unclosed'), /unclosed/);
    assert.throws(() => parseSnippet('${1|a,b}'), /choice/);
    assert.throws(() => parseSnippet('${ x}'), /tab stop number or a variable/);
  });

  test('valid JSON; each snippet has a bp- prefix, a body and an English description; prefixes are unique', () => {
    const all = snippets();
    const seen = new Set<string>();
    assert.ok(Object.keys(all).length >= 11);
    for (const [name, s] of Object.entries(all)) {
      assert.ok(Array.isArray(s.body) ? s.body.every((l) => typeof l === 'string') && s.body.length > 0 : typeof s.body === 'string' && s.body.length > 0, `${name}: body`);
      assert.ok(typeof s.description === 'string' && /[A-Za-z]{3,}/.test(s.description), `${name}: description`);
      for (const p of prefixes(s)) {
        assert.match(p, /^bp-[a-z0-9-]+$/, `${name}: prefix ${p}`);
        assert.ok(!seen.has(p), `prefix ${p} is used once`);
        seen.add(p);
      }
    }
    for (const p of ['bp-review-zh', 'bp-review-en', 'bp-tutorial-zh', 'bp-tutorial-en', 'bp-spec-table', 'bp-pricing-table', 'bp-cost', 'bp-bench-table', 'bp-troubleshoot', 'bp-docker-gpu', 'bp-runpod-handler']) {
      assert.ok(seen.has(p), `prefix ${p}`);
    }
  });

  test('tab stops are well-formed: balanced ${, choices ${n|a,b|}, one definition per stop, numbered 1…n, known variables', () => {
    for (const [name, s] of Object.entries(snippets())) {
      const nodes = parseSnippet(bodyOf(s));
      const defined = new Map<number, number>();
      const used = new Set<number>();
      let finals = 0;
      for (const n of walk(nodes)) {
        if (n.kind === 'variable') assert.ok(SNIPPET_VARIABLES.has(n.name), `${name}: $${n.name} is not a snippet variable (escape a literal $ as \\$)`);
        if (n.kind !== 'tabstop') continue;
        if (n.index === 0) {
          finals++;
          continue;
        }
        used.add(n.index);
        if (n.choices) {
          assert.ok(n.choices.length >= 2 && n.choices.every((c) => c.trim().length > 0), `${name}: choice ${n.index} has options`);
          assert.equal(new Set(n.choices).size, n.choices.length, `${name}: choice ${n.index} options are distinct`);
        }
        if (n.children || n.choices) defined.set(n.index, (defined.get(n.index) ?? 0) + 1);
      }
      assert.ok(finals <= 1, `${name}: at most one $0`);
      for (const [index, count] of defined) assert.equal(count, 1, `${name}: tab stop ${index} is defined once (other uses mirror it)`);
      const max = Math.max(0, ...used);
      for (let k = 1; k <= max; k++) assert.ok(used.has(k), `${name}: tab stops are numbered without gaps (no $${k})`);
    }
  });

  for (const [prefix, template, lang] of [
    ['bp-review-zh', 'review', 'zh-cn'],
    ['bp-review-en', 'review', 'en'],
    ['bp-tutorial-zh', 'tutorial', 'zh-cn'],
    ['bp-tutorial-en', 'tutorial', 'en'],
  ] as const) {
    test(`${prefix}, expanded, fits the ${template} template: no missing section, order, title, contents or requirement finding`, async () => {
      const text = expandSnippet(bodyOf(byPrefix(prefix)));
      assert.match(text, new RegExp(`^---\\ntemplate: ${template}\\ndate: 2026-11-25\\n---\\n\\n# `));
      const findings = await lintText(text, { locale: lang });
      const structural = findings.filter((f) => f.ruleId.startsWith('template/') && f.ruleId !== 'template/placeholder');
      assert.deepEqual(structural.map((f) => `${f.ruleId}: ${f.message}`), []);
      assert.ok(!findings.some((f) => f.ruleId === 'template/missing-section' || f.ruleId === 'template/section-order'));
      assert.ok(findings.some((f) => f.ruleId === 'template/placeholder'), 'the stubs left to write are reported');
      // The same draft with the title filled in and the stubs written: the title placeholder is gone.
      const filled = text.replace(/\[(产品名称|技术主题|Product|Topic)\]/, lang === 'zh-cn' ? 'RTX 5090' : 'RTX 5090');
      const titleFindings = (await lintText(filled, { locale: lang })).filter((f) => f.ruleId === 'template/title');
      assert.deepEqual(titleFindings.map((f) => f.message), []);
    });
  }

  test('the template snippets\' headings are the built-in templates\' headings, in order', () => {
    const expected: Record<string, string[]> = {
      'bp-review-zh': ['📋 目录', '🎯 核心要点', '1. 产品概述', '2. 技术规格分析', '3. 性能测试', '4. 成本效益分析', '5. 最佳实践', '6. 总结与建议'],
      'bp-review-en': ['📋 Contents', '🎯 Key takeaways', '1. Overview', '2. Specifications', '3. Performance tests', '4. Cost-benefit analysis', '5. Best practices', '6. Conclusion and recommendations'],
      'bp-tutorial-zh': ['📋 目录', '🎯 核心要点', '1. 环境准备', '2. 基础配置', '3. 核心功能实现', '4. 性能优化', '5. 监控与维护', '6. 故障排除'],
      'bp-tutorial-en': ['📋 Contents', '🎯 Key takeaways', '1. Prerequisites', '2. Basic configuration', '3. Core implementation', '4. Performance optimization', '5. Monitoring and maintenance', '6. Troubleshooting'],
    };
    for (const [prefix, headings] of Object.entries(expected)) {
      const text = expandSnippet(bodyOf(byPrefix(prefix)));
      assert.deepEqual([...text.matchAll(/^## (.+)$/gm)].map((m) => m[1]), headings, prefix);
    }
  });

  test('the RunPod handler and docker blocks', () => {
    const handler = expandSnippet(bodyOf(byPrefix('bp-runpod-handler')));
    assert.match(handler, /^```python\nimport runpod\n/);
    assert.match(handler, /^def handler\(job\):$/m);
    assert.match(handler, /^runpod\.serverless\.start\(\{"handler": handler\}\)\n```/m);
    assert.match(handler, /job\["input"\]/);
    const docker = bodyOf(byPrefix('bp-docker-gpu'));
    assert.match(docker, /^```bash\ndocker run -it --rm --gpus all \$\{1:[^}]+\} \$\{2:nvidia-smi\}\n```/);
  });

  test('the tables have choices for GPUs, RunPod tiers and units', () => {
    assert.match(bodyOf(byPrefix('bp-bench-table')), /\$\{\d+\|H100 SXM,H200,RTX 4090,RTX 5090\|\}/);
    assert.match(bodyOf(byPrefix('bp-bench-table')), /\$\{\d+\|tokens\/s,it\/s,[^}]*\|\}/);
    assert.match(bodyOf(byPrefix('bp-pricing-table')), /\$\{\d+\|Secure Cloud,Community Cloud[^}]*\|\}/);
    assert.match(bodyOf(byPrefix('bp-cost')), /RunPod Secure Cloud,RunPod Community Cloud/);
    assert.match(expandSnippet(bodyOf(byPrefix('bp-spec-table'))), /\| 显存容量 \| \{\{gpu:h100-sxm\.memoryGB\}\} \| \{\{gpu:rtx-4090\.memoryGB\}\} \|/);
  });
});

grammarTests('grammar over the stand-in Markdown grammar', standIn());
grammarTests("grammar over VS Code's Markdown grammar (from code-server in .cache/)", realVsCode());
