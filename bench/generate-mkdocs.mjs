// A deterministic, seeded English documentation site in the style of MkDocs + Material for MkDocs, for the
// bench corpus: the kind of docs a GPU cloud or inference-server project publishes. What it exercises, beyond
// the plain GFM of the real corpora:
//   - admonitions (`!!! note "Title"`, collapsible `??? tip`, `???+ example`) with 4-space-indented bodies that
//     hold paragraphs, lists and fenced code, sometimes nested in list items (8–12 spaces deep);
//   - nested lists 3–4 levels deep (4-space indentation, as Python-Markdown wants), with continuation paragraphs
//     and code blocks inside items; task lists; definition lists;
//   - content tabs (`=== "pip"`) with indented fenced code;
//   - long tables (GPU catalogue, prices, CLI options, environment variables: 100–400 rows);
//   - code-heavy API reference pages (fences with `title=`, `linenums=`, `hl_lines=` attributes);
//   - attribute lists (`{ #id }`, `{ .md-button }`), footnotes, abbreviations, snippets (`--8<--`), emoji
//     shortcodes, keys (`++ctrl+c++`), front matter on blog posts; relative links between pages with anchors
//     (a few of them deliberately broken, as real sites have).
//
//   import { generateMkdocsSite, writeMkdocsSite } from './generate-mkdocs.mjs';
//   const files = generateMkdocsSite({ seed: 7, pages: 160 });   // [{ path: 'docs/…/x.md', text }], + mkdocs.yml
//   await writeMkdocsSite(dir, { seed: 7, pages: 160 });          // writes them under dir; returns the list
//
//   node bench/generate-mkdocs.mjs --out DIR [--seed 7] [--pages 160]
//
// Same seed and page count, same bytes, on every machine (no dates, no randomness other than the seeded PRNG).
import { promises as fs } from 'node:fs';
import path from 'node:path';
import GithubSlugger from 'github-slugger';
import { prng } from './generate-draft.mjs';

const GPUS = [
  ['NVIDIA H100 SXM', 'Hopper', 80, 'HBM3', 3350, 989, 700], ['NVIDIA H100 PCIe', 'Hopper', 80, 'HBM2e', 2000, 756, 350],
  ['NVIDIA H200', 'Hopper', 141, 'HBM3e', 4800, 989, 700], ['NVIDIA A100 80GB', 'Ampere', 80, 'HBM2e', 2039, 312, 400],
  ['NVIDIA A100 40GB', 'Ampere', 40, 'HBM2', 1555, 312, 400], ['NVIDIA L40S', 'Ada Lovelace', 48, 'GDDR6', 864, 362, 350],
  ['NVIDIA L4', 'Ada Lovelace', 24, 'GDDR6', 300, 121, 72], ['NVIDIA RTX 4090', 'Ada Lovelace', 24, 'GDDR6X', 1008, 165, 450],
  ['NVIDIA RTX 6000 Ada', 'Ada Lovelace', 48, 'GDDR6', 960, 365, 300], ['NVIDIA A10G', 'Ampere', 24, 'GDDR6', 600, 125, 150],
  ['NVIDIA T4', 'Turing', 16, 'GDDR6', 320, 65, 70], ['AMD MI300X', 'CDNA 3', 192, 'HBM3', 5300, 1307, 750],
  ['AMD MI250', 'CDNA 2', 128, 'HBM2e', 3277, 362, 500], ['NVIDIA B200', 'Blackwell', 192, 'HBM3e', 8000, 2250, 1000],
];
const REGIONS = ['us-east-1', 'us-west-2', 'eu-central-1', 'eu-west-1', 'ap-northeast-1', 'ap-southeast-1', 'ca-central-1'];
const MODELS = ['meta-llama/Llama-3.1-8B-Instruct', 'meta-llama/Llama-3.1-70B-Instruct', 'Qwen/Qwen2.5-7B-Instruct', 'mistralai/Mistral-7B-Instruct-v0.3', 'deepseek-ai/DeepSeek-R1-Distill-Qwen-14B', 'google/gemma-2-9b-it', 'stabilityai/stable-diffusion-xl-base-1.0', 'openai/whisper-large-v3'];
const NOUNS = ['worker', 'endpoint', 'pod', 'volume', 'template', 'queue', 'job', 'scheduler', 'container', 'replica', 'snapshot', 'secret', 'network volume', 'autoscaler', 'health check', 'webhook'];
const VERBS = ['configure', 'deploy', 'scale', 'monitor', 'restart', 'inspect', 'cache', 'stream', 'authenticate', 'benchmark', 'profile', 'migrate'];
const ADJ = ['serverless', 'persistent', 'spot', 'on-demand', 'GPU-backed', 'multi-node', 'containerised', 'quantised', 'sharded', 'cold', 'warm'];
const ADMONITIONS = ['note', 'tip', 'warning', 'info', 'danger', 'example', 'abstract', 'success', 'question', 'bug', 'quote'];
const LANGS = ['python', 'bash', 'yaml', 'json', 'toml', 'dockerfile', 'console', 'text'];
const ICONS = [':material-check:', ':material-close:', ':octicons-rocket-16:', ':material-gpu:', ':fontawesome-solid-bolt:', ':material-clock-fast:'];
const GUIDE_TOPICS = ['Autoscaling', 'Cold starts', 'Network volumes', 'Secrets', 'Logging', 'Metrics', 'Streaming responses', 'Webhooks', 'Multi-GPU inference', 'Quantisation', 'Batching', 'Model caching', 'Custom images', 'Health checks', 'Spot instances', 'Regions', 'Rate limits', 'Retries', 'Timeouts', 'Cost control', 'Private registries', 'CI deployment', 'Blue-green releases', 'Fine-tuning jobs', 'Tensor parallelism', 'KV cache sizing', 'LoRA adapters', 'Embeddings', 'Speech to text', 'Image generation'];
const API_MODULES = ['client', 'endpoint', 'pod', 'volume', 'template', 'queue', 'job', 'serverless.worker', 'serverless.handler', 'serverless.progress', 'utils.retry', 'utils.logging', 'auth', 'billing', 'metrics', 'events', 'errors', 'config', 'streaming', 'uploads'];

const words = (s) => s.toLowerCase().replace(/[^a-z0-9]+/g, '-').replace(/^-|-$/g, '');

/** The site's text files. Options: seed (default 7), pages (default 160, at least 20). */
export function generateMkdocsSite({ seed = 7, pages = 160 } = {}) {
  if (pages < 20) throw new RangeError('generateMkdocsSite: pages must be at least 20');
  const rand = prng(seed);
  const pick = (list) => list[Math.floor(rand() * list.length)];
  const between = (lo, hi) => lo + Math.floor(rand() * (hi - lo + 1));
  const chance = (p) => rand() < p;

  // Plan: every page's path, title and headings first, so links between pages can name real anchors.
  const plan = [];
  const add = (file, kind, title, extra = {}) => plan.push({ file, kind, title, ...extra });
  add('docs/index.md', 'home', 'GPU Cloud Platform Documentation');
  for (const t of ['Installation', 'Quickstart', 'Configuration', 'Troubleshooting']) add(`docs/getting-started/${words(t)}.md`, 'guide', t);
  for (const t of ['GPU catalogue', 'Pricing', 'CLI options', 'Environment variables']) add(`docs/reference/${words(t)}.md`, 'table', t);
  add('docs/changelog.md', 'changelog', 'Changelog');
  add('docs/faq.md', 'faq', 'Frequently asked questions');
  add('docs/glossary.md', 'glossary', 'Glossary');
  add('docs/includes/abbreviations.md', 'abbreviations', 'Abbreviations');
  const rest = pages - plan.length;
  const counts = { guide: Math.round(rest * 0.3), api: Math.round(rest * 0.25), bench: Math.round(rest * 0.1), tutorial: Math.round(rest * 0.2) };
  counts.blog = rest - counts.guide - counts.api - counts.bench - counts.tutorial;
  for (let i = 0; i < counts.guide; i++) {
    const topic = GUIDE_TOPICS[i % GUIDE_TOPICS.length];
    const round = Math.floor(i / GUIDE_TOPICS.length);
    add(`docs/guides/${words(topic)}${round ? `-${round + 1}` : ''}.md`, 'guide', round ? `${topic} (part ${round + 1})` : topic);
  }
  for (let i = 0; i < counts.api; i++) {
    const mod = API_MODULES[i % API_MODULES.length];
    const round = Math.floor(i / API_MODULES.length);
    add(`docs/reference/api/${mod.replace(/\./g, '/')}${round ? `-v${round + 1}` : ''}.md`, 'api', `\`${mod}\`${round ? ` (v${round + 1})` : ''}`, { module: mod });
  }
  for (let i = 0; i < counts.bench; i++) {
    const model = MODELS[i % MODELS.length];
    add(`docs/benchmarks/${words(model.split('/')[1])}${i >= MODELS.length ? `-${Math.floor(i / MODELS.length) + 1}` : ''}.md`, 'table', `Benchmarks: ${model.split('/')[1]}`, { model });
  }
  for (let i = 0; i < counts.tutorial; i++) add(`docs/tutorials/${String(i + 1).padStart(2, '0')}-${words(pick(VERBS) + ' ' + pick(ADJ) + ' ' + pick(NOUNS))}.md`, 'tutorial', `Tutorial ${i + 1}: ${cap(pick(VERBS))} a ${pick(ADJ)} ${pick(NOUNS)}`);
  for (let i = 0; i < counts.blog; i++) add(`docs/blog/posts/${2023 + (i % 3)}-${String(1 + (i % 12)).padStart(2, '0')}-${words(pick(ADJ) + ' ' + pick(NOUNS) + ' ' + pick(['notes', 'update', 'deep dive', 'retrospective', 'announcement']))}-${i + 1}.md`, 'blog', `${cap(pick(ADJ))} ${pick(NOUNS)}s: ${pick(['what we learned', 'a deep dive', 'now generally available', 'performance notes', 'migration guide'])}`);
  for (const p of plan) {
    const slugger = new GithubSlugger();
    slugger.slug(p.title);
    const n = p.kind === 'abbreviations' ? 0 : p.kind === 'home' ? 4 : between(2, 5);
    p.sections = Array.from({ length: n }, () => {
      const h = sectionTitle(p);
      return { title: h, slug: slugger.slug(h), subs: Array.from({ length: chance(0.5) ? 0 : between(1, 2) }, () => { const s = `${cap(pick(VERBS))} the ${pick(NOUNS)}`; return { title: s, slug: slugger.slug(s) }; }) };
    });
  }

  function cap(s) {
    return s[0].toUpperCase() + s.slice(1);
  }
  function sectionTitle(p) {
    if (p.kind === 'api') return pick(['Functions', 'Classes', 'Exceptions', 'Constants', 'Examples', 'Parameters', 'Return values', 'Deprecated']) + (chance(0.3) ? ` of ${p.module ?? 'the module'}` : '');
    if (p.kind === 'tutorial') return `Step ${between(1, 9)}: ${cap(pick(VERBS))} the ${pick(NOUNS)}`;
    return pick([`${cap(pick(VERBS))} a ${pick(ADJ)} ${pick(NOUNS)}`, `How ${pick(NOUNS)}s work`, `${cap(pick(NOUNS))} limits`, 'Before you begin', 'Next steps', 'Known issues', `${cap(pick(ADJ))} ${pick(NOUNS)}s`]);
  }

  const linkable = plan.filter((p) => p.kind !== 'abbreviations');

  // Inline pieces ------------------------------------------------------------------------------------------
  const relLink = (from) => {
    const target = pick(linkable);
    let href = path.posix.relative(path.posix.dirname(from.file), target.file);
    if (target.sections.length && chance(0.6)) {
      const s = pick(target.sections);
      href += `#${chance(0.02) ? `${s.slug}-old` : s.slug}`; // about 1 in 80 links points at a renamed heading
    }
    if (chance(0.01)) href = href.replace(/\.md/, '-draft.md'); // and a few at a page that does not exist
    return `[${target.title.replace(/`/g, '')}](${href})`;
  };
  const inline = (from) => pick([
    () => `\`${pick(VERBS)}_${words(pick(NOUNS)).replace(/-/g, '_')}()\``,
    () => `**${pick(ADJ)} ${pick(NOUNS)}s**`,
    () => `*${pick(NOUNS)}*`,
    () => relLink(from),
    () => `[${pick(['the API reference', 'the status page', 'the pricing page', 'GitHub'])}](https://docs.example.com/${words(pick(NOUNS))}/)`,
    () => `++ctrl+${pick(['c', 'shift+p', 'k', 'enter'])}++`,
    () => pick(ICONS),
    () => `==${pick(ADJ)}==`,
    () => `\`${pick(['RUNPOD_API_KEY', 'CUDA_VISIBLE_DEVICES', 'HF_HOME', 'MAX_CONCURRENCY', 'WORKER_TIMEOUT'])}\``,
  ])();
  const sentence = (from) => pick([
    () => `Each ${pick(NOUNS)} runs on a ${pick(ADJ)} ${pick(GPUS)[0]} with ${pick([16, 24, 48, 80, 141])} GB of memory, so ${inline(from)} keeps ${between(2, 64)} requests in flight.`,
    () => `To ${pick(VERBS)} a ${pick(NOUNS)}, call ${inline(from)} and wait until the status is \`${pick(['RUNNING', 'READY', 'IDLE', 'COMPLETED'])}\`.`,
    () => `See ${relLink(from)} for the ${pick(ADJ)} case, and ${inline(from)} for the defaults.`,
    () => `Requests that take longer than ${between(30, 600)} seconds are cancelled; set ${inline(from)} to raise the limit.`,
    () => `The ${pick(ADJ)} ${pick(NOUNS)} costs about $${(0.2 + rand() * 4).toFixed(2)} per hour in \`${pick(REGIONS)}\`, billed per second.`,
    () => `In our tests ${pick(MODELS)} served ${between(400, 9000)} tokens/s on ${between(1, 8)} × ${pick(GPUS)[0]}${chance(0.15) ? `[^${between(1, 3)}]` : ''}.`,
    () => `If the ${pick(NOUNS)} fails its health check ${between(2, 5)} times in a row, the ${pick(NOUNS)} is restarted ${inline(from)}.`,
    () => `You can ${pick(VERBS)} ${pick(NOUNS)}s from the console, the CLI or ${inline(from)}.`,
  ])();
  const paragraph = (from, n = between(2, 4)) => Array.from({ length: n }, () => sentence(from)).join(' ');
  const wrap = (text, width = 100) => {
    // Some pages hard-wrap prose (as many mkdocs sites do), others keep one paragraph per line.
    const out = [];
    let line = '';
    for (const w of text.split(' ')) {
      if (line && line.length + w.length + 1 > width) { out.push(line); line = w; } else line = line ? `${line} ${w}` : w;
    }
    if (line) out.push(line);
    return out;
  };
  const indent = (lines, n) => lines.map((l) => (l ? ' '.repeat(n) + l : l));

  // Blocks (arrays of lines, unindented; callers indent) ---------------------------------------------------
  const code = (lang = pick(LANGS), big = false) => {
    const attrs = [];
    if (chance(0.4)) attrs.push(`title="${pick(['handler.py', 'deploy.sh', 'config.yaml', 'request.json', 'pyproject.toml', 'Dockerfile', 'worker.py'])}"`);
    if (chance(0.25)) attrs.push('linenums="1"');
    if (chance(0.2)) attrs.push(`hl_lines="${between(1, 3)} ${between(4, 6)}"`);
    const n = big ? between(12, 35) : between(3, 10);
    const body = [];
    for (let i = 0; i < n; i++) {
      const depth = lang === 'python' || lang === 'yaml' ? 4 * Math.min(3, Math.floor(rand() * 3)) : 0;
      body.push(' '.repeat(depth) + codeLine(lang, i));
    }
    return [`\`\`\`${lang}${attrs.length ? ` ${attrs.join(' ')}` : ''}`, ...body, '```'];
  };
  const codeLine = (lang, i) => {
    const noun = words(pick(NOUNS)).replace(/-/g, '_');
    switch (lang) {
      case 'python': return pick([`import ${pick(['runpod', 'torch', 'asyncio', 'json', 'os'])}`, `def ${pick(VERBS)}_${noun}(job: dict) -> dict:`, `result = client.${pick(VERBS)}(${noun}_id="${words(pick(NOUNS))}-${between(100, 999)}", timeout=${between(10, 600)})`, `for chunk in stream:  # ${pick(ADJ)} ${pick(NOUNS)}`, `return {"output": output, "tokens": ${between(1, 4096)}}`, `raise ${cap(noun).replace(/_/g, '')}Error("${pick(VERBS)} failed")`]);
      case 'bash': case 'console': return `${lang === 'console' ? '$ ' : ''}${pick(['runpodctl', 'docker', 'curl', 'pip', 'python', 'nvidia-smi'])} ${pick(VERBS)} ${pick(['--gpu', '--region', '--image', '--volume', '-v', '--env'])} ${pick([pick(REGIONS), `${between(1, 8)}`, `ghcr.io/example/${noun}:${between(1, 9)}.${between(0, 20)}`])}${i % 5 === 4 ? ' \\' : ''}`;
      case 'yaml': return `${noun}: ${pick([between(1, 512), `"${pick(REGIONS)}"`, 'true', 'false', `\${${noun.toUpperCase()}}`])}`;
      case 'json': return `"${noun}_${i}": ${pick([between(1, 9999), `"${pick(ADJ)}"`, 'null', 'true'])},`;
      case 'toml': return `${noun} = ${pick([between(1, 512), `"${pick(REGIONS)}"`, 'true'])}`;
      case 'dockerfile': return pick([`FROM nvidia/cuda:12.${between(1, 6)}.0-runtime-ubuntu22.04`, `RUN pip install --no-cache-dir ${pick(['vllm', 'runpod', 'transformers', 'torch'])}==${between(0, 4)}.${between(0, 40)}.${between(0, 9)}`, `ENV ${noun.toUpperCase()}=${between(1, 64)}`, `COPY ${noun}.py /app/`, 'CMD ["python", "-u", "/app/handler.py"]']);
      default: return `${pick(ADJ)} ${pick(NOUNS)} ${between(1, 100)} ${pick(['OK', 'WARN', 'ERROR'])}`;
    }
  };
  const admonition = (from, depth = 0) => {
    const kind = pick(ADMONITIONS);
    const marker = pick(['!!!', '!!!', '!!!', '???', '???+']);
    const title = chance(0.7) ? ` "${pick([`About ${pick(NOUNS)}s`, 'Important', `${cap(pick(ADJ))} mode`, 'Before you continue', 'Tip', 'Limits'])}"` : '';
    const body = [...wrap(paragraph(from, between(1, 3)), 96)];
    if (chance(0.4)) body.push('', ...list(from, 1, false));
    if (chance(0.4)) body.push('', ...code());
    if (depth < 1 && chance(0.15)) body.push('', ...admonition(from, depth + 1));
    return [`${marker} ${kind}${title}`, '', ...indent(body, 4)];
  };
  const list = (from, levels = between(2, 4), rich = true, ordered = chance(0.3)) => {
    const out = [];
    const level = (d) => {
      const n = between(2, d === 0 ? 5 : 3);
      for (let i = 0; i < n; i++) {
        const bullet = ordered && d === 0 ? `${i + 1}.` : pick(['-', '-', '*']);
        const task = !ordered && chance(0.08) ? (chance(0.5) ? '[x] ' : '[ ] ') : '';
        const pad = ' '.repeat(4 * d);
        out.push(`${pad}${bullet} ${task}${sentence(from)}`);
        if (rich && chance(0.15)) out.push('', ...indent(wrap(paragraph(from, 2), 90), 4 * d + 4));
        if (rich && chance(0.12)) out.push('', ...indent(code(), 4 * d + 4), '');
        if (rich && d > 0 && chance(0.06)) out.push('', ...indent(admonition(from, 1), 4 * d + 4), '');
        if (d + 1 < levels && chance(0.35)) level(d + 1);
      }
    };
    level(0);
    // Blank lines inside items make a loose list; keep consecutive blanks single.
    return out.filter((l, i) => !(l === '' && out[i - 1] === ''));
  };
  const tabs = () => {
    const labels = pick([['pip', 'uv', 'conda'], ['Python', 'JavaScript', 'cURL'], ['Linux', 'macOS', 'Windows'], ['Console', 'CLI', 'API']]);
    const out = [];
    for (const label of labels.slice(0, between(2, 3))) out.push(`=== "${label}"`, '', ...indent(code(label === 'Python' ? 'python' : label === 'JavaScript' ? 'text' : 'bash'), 4), '');
    return out.slice(0, -1);
  };
  const table = (rows, kind = between(0, 2)) => {
    const out = [];
    if (kind === 0) {
      out.push('| GPU | Architecture | Memory (GB) | Type | Bandwidth (GB/s) | FP16 TFLOPS | TDP (W) | Regions |', '|:----|:-----|-----:|:---:|-----:|-----:|-----:|:-----|');
      for (let i = 0; i < rows; i++) {
        const g = GPUS[(i + between(0, 3)) % GPUS.length];
        out.push(`| ${g[0]}${i >= GPUS.length ? ` (${pick(['SXM', 'PCIe', 'NVL', 'community', 'secure'])} ${i})` : ''} | ${g[1]} | ${g[2]} | ${g[3]} | ${g[4]} | ${g[5]} | ${g[6]} | ${Array.from({ length: between(1, 3) }, () => `\`${pick(REGIONS)}\``).join(', ')} |`);
      }
    } else if (kind === 1) {
      out.push('| Option | Type | Default | Description |', '|---|---|---|---|');
      for (let i = 0; i < rows; i++) out.push(`| \`--${words(pick(VERBS) + ' ' + pick(NOUNS))}-${i}\` | \`${pick(['int', 'str', 'bool', 'float', 'list[str]', 'duration'])}\` | \`${pick(['None', '0', '1', 'true', 'false', '"auto"', '30s', '[]'])}\` | ${sentence({ file: 'docs/reference/cli-options.md' }).replace(/\|/g, '\\|')} |`);
    } else {
      out.push('| Model | GPU | Batch | Input tokens | Output tokens | Tokens/s | TTFT p50 (ms) | TTFT p99 (ms) | $/1M tokens |', '|---|---|--:|--:|--:|--:|--:|--:|--:|');
      for (let i = 0; i < rows; i++) out.push(`| ${pick(MODELS).split('/')[1]} | ${pick(GPUS)[0]} | ${pick([1, 8, 16, 32, 64, 128])} | ${pick([128, 512, 2048, 8192])} | ${pick([128, 256, 1024])} | ${between(200, 12000)} | ${between(15, 900)} | ${between(900, 4000)} | ${(0.02 + rand() * 2).toFixed(3)} |`);
    }
    return out;
  };

  // Pages ----------------------------------------------------------------------------------------------------
  const files = [];
  for (const p of plan) {
    const out = [];
    const hardWrap = chance(0.5);
    const prose = (n) => (hardWrap ? wrap(paragraph(p, n)) : [paragraph(p, n)]);
    if (p.kind === 'blog') out.push('---', `title: "${p.title}"`, 'date:', `  created: ${p.file.slice(16, 23)}-${String(between(1, 28)).padStart(2, '0')}`, 'authors:', `  - ${pick(['alice', 'bob', 'carol', 'dmitri', 'mei'])}`, 'categories:', `  - ${pick(['Releases', 'Engineering', 'Performance', 'Tutorials'])}`, '---', '');
    else if (chance(0.3)) out.push('---', `description: ${sentence(p).replace(/[:#]/g, '')}`, ...(chance(0.5) ? ['hide:', '  - navigation'] : []), '---', '');
    if (p.kind === 'abbreviations') {
      for (const [a, b] of [['GPU', 'Graphics Processing Unit'], ['VRAM', 'Video RAM'], ['TTFT', 'Time to first token'], ['TPOT', 'Time per output token'], ['HBM', 'High Bandwidth Memory'], ['SXM', 'Server PCI Express Module'], ['LLM', 'Large language model'], ['KV', 'Key-value'], ['CUDA', 'Compute Unified Device Architecture'], ['API', 'Application programming interface']]) out.push(`*[${a}]: ${b}`);
      files.push({ path: p.file, text: out.join('\n') + '\n' });
      continue;
    }
    out.push(`# ${p.title}${chance(0.2) ? ` { #${words(p.title)} }` : ''}`, '');
    if (p.kind === 'blog') out.push(...prose(2), '', '<!-- more -->', '');
    else out.push(...prose(between(1, 3)), '');
    if (p.kind === 'home') out.push('<div class="grid cards" markdown>', '', ...plan.slice(1, 5).flatMap((t) => [`-   ${pick(ICONS)} __${t.title}__`, '', `    ---`, '', `    ${sentence(p)}`, '', `    [:octicons-arrow-right-24: ${t.title}](${path.posix.relative('docs', t.file)})`, '']), '</div>', '', `[Get started](getting-started/quickstart.md){ .md-button .md-button--primary }`, '');
    for (const s of p.sections) {
      out.push(`## ${s.title}`, '');
      const blocks = p.kind === 'api' ? between(2, 4) : p.kind === 'table' ? 1 : between(1, 3);
      for (let b = 0; b < blocks; b++) out.push(...block(p, prose), '');
      for (const sub of s.subs) {
        out.push(`### ${sub.title}`, '');
        for (let b = 0; b < between(1, 2); b++) out.push(...block(p, prose), '');
      }
    }
    if (p.kind === 'table') {
      const rows = p.model ? between(60, 160) : between(150, 400);
      out.push(`## Full table`, '', ...prose(1), '', ...table(rows, p.model ? 2 : p.title === 'CLI options' || p.title === 'Environment variables' ? 1 : between(0, 2)), '');
    }
    if (p.kind === 'changelog') {
      for (let v = 30; v > 0; v--) out.push(`## ${Math.floor(v / 10)}.${v % 10}.${between(0, 3)}`, '', ...list(p, 2, false, false), '');
    }
    const footnotes = out.join('\n').match(/\[\^\d\]/g);
    if (footnotes) for (const f of [...new Set(footnotes)].sort()) out.push(`${f}: ${sentence(p)}`, '');
    if (chance(0.5)) out.push('--8<-- "includes/abbreviations.md"', '');
    while (out.at(-1) === '') out.pop();
    files.push({ path: p.file, text: out.join('\n').replace(/\n{3,}/g, '\n\n') + '\n' });
  }

  function block(p, prose) {
    const kinds = {
      home: [0, 0, 1, 2, 3],
      guide: [0, 0, 1, 2, 3, 4, 5, 6],
      api: [4, 4, 4, 7, 0, 1, 8],
      table: [0, 5, 1],
      tutorial: [9, 9, 0, 1, 3, 4],
      blog: [0, 0, 0, 4, 5, 1],
      changelog: [0, 2],
      faq: [10, 10, 0],
      glossary: [11, 0],
    }[p.kind];
    switch (pick(kinds)) {
      case 0: return prose(between(2, 5));
      case 1: return admonition(p);
      case 2: return list(p);
      case 3: return tabs();
      case 4: return code(pick(LANGS), p.kind === 'api' && chance(0.5));
      case 5: return table(between(6, 30));
      case 6: return [...prose(1), '', ...list(p, 3), '', ...admonition(p)];
      case 7: {
        // An API entry: signature, parameter table, example.
        const fn = `${pick(VERBS)}_${words(pick(NOUNS)).replace(/-/g, '_')}`;
        const params = Array.from({ length: between(2, 6) }, () => words(pick(NOUNS)).replace(/-/g, '_'));
        return [`#### \`${fn}(${params.join(', ')})\``, '', ...prose(1), '', '| Parameter | Type | Description |', '|---|---|---|', ...params.map((x) => `| \`${x}\` | \`${pick(['str', 'int', 'dict', 'bool', 'float | None'])}\` | ${sentence(p).replace(/\|/g, '\\|')} |`), '', '**Returns:** ' + sentence(p), '', ...code('python', true)];
      }
      case 8: return ['??? example "Full example"', '', ...indent(code('python', true), 4)];
      case 9: {
        // A tutorial step: ordered items with deep content (code, admonitions, nested lists) 4–12 spaces in.
        const out = [];
        for (let i = 1; i <= between(3, 6); i++) {
          out.push(`${i}. ${sentence(p)}`, '');
          if (chance(0.6)) out.push(...indent(code(pick(['bash', 'python', 'yaml', 'console'])), 4), '');
          if (chance(0.35)) out.push(...indent(admonition(p), 4), '');
          if (chance(0.4)) {
            for (let j = 0; j < between(2, 4); j++) {
              out.push(`    - ${sentence(p)}`);
              if (chance(0.3)) out.push('', ...indent(code(pick(['bash', 'json'])), 8), '');
              if (chance(0.25)) for (let k = 0; k < between(1, 3); k++) out.push(`        - ${sentence(p)}`);
            }
            out.push('');
          }
        }
        return out.filter((l, i) => !(l === '' && out[i - 1] === ''));
      }
      case 10: return [`??? question "${cap(pick(VERBS))} a ${pick(ADJ)} ${pick(NOUNS)}?"`, '', ...indent([...wrap(paragraph(p, 2), 96), ...(chance(0.4) ? ['', ...code()] : [])], 4)];
      case 11: return Array.from({ length: between(2, 5) }, () => [`${cap(pick(ADJ))} ${pick(NOUNS)}`, `:   ${sentence(p)}`, '']).flat();
      default: return prose(2);
    }
  }

  const nav = ['site_name: GPU Cloud Platform', 'theme:', '  name: material', '  features: [content.tabs.link, content.code.copy, navigation.sections]', 'markdown_extensions:', '  - admonition', '  - pymdownx.details', '  - pymdownx.superfences', '  - pymdownx.tabbed:', '      alternate_style: true', '  - pymdownx.snippets:', '      base_path: [docs]', '  - pymdownx.keys', '  - pymdownx.mark', '  - pymdownx.emoji', '  - pymdownx.tasklist', '  - attr_list', '  - md_in_html', '  - def_list', '  - footnotes', '  - abbr', '  - toc:', '      permalink: true', 'plugins: [search, blog]'];
  files.push({ path: 'mkdocs.yml', text: nav.join('\n') + '\n' });
  return files;
}

/** Writes the site under `dir`; returns the generated files ({ path, text }, paths relative to `dir`). */
export async function writeMkdocsSite(dir, options) {
  const files = generateMkdocsSite(options);
  for (const f of files) {
    const target = path.join(dir, f.path);
    await fs.mkdir(path.dirname(target), { recursive: true });
    await fs.writeFile(target, f.text);
  }
  return files;
}

if (import.meta.url === `file://${process.argv[1]}`) {
  const arg = (name, fallback) => {
    const i = process.argv.indexOf(`--${name}`);
    return i > 0 ? process.argv[i + 1] : fallback;
  };
  const out = arg('out');
  if (!out) {
    process.stderr.write('usage: node bench/generate-mkdocs.mjs --out DIR [--seed 7] [--pages 160]\n');
    process.exit(2);
  }
  const files = await writeMkdocsSite(out, { seed: Number(arg('seed', 7)), pages: Number(arg('pages', 160)) });
  const md = files.filter((f) => f.path.endsWith('.md'));
  process.stdout.write(`${md.length} Markdown files, ${(md.reduce((n, f) => n + Buffer.byteLength(f.text), 0) / 1e6).toFixed(2)} MB, ${md.reduce((n, f) => n + f.text.split('\n').length - 1, 0)} lines in ${out}\n`);
}
