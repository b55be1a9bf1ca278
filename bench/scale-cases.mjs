// Generated files at the scale where a linter's per-item work turns quadratic if it is going to: thousands of
// identical headings (slug de-duplication), tens of thousands of links, thousands of reference definitions, a
// table with thousands of rows. `npm run bench` times `benchpress lint --no-cache` on each (goal: under 1 s);
// tests can reuse the same texts at any size.
//
//   import { SCALE_CASES, generateScaleCase, writeScaleCases } from './scale-cases.mjs';
//   const text = generateScaleCase('headings');                  // the bench's size: 5,000 identical headings
//   const small = generateScaleCase('links', { count: 500 });    // any size, e.g. for a unit test
//   const files = await writeScaleCases(dir);                    // [{ id, file, count, lines, bytes }]
//
//   node bench/scale-cases.mjs --out DIR [--scale 0.1]            writes the four files (optionally scaled)
//
// Every text is deterministic (seeded), ends with a newline and has a title heading first. What each holds,
// so a test can assert on it:
//   headings  `## Results` × count, each followed by a one-line paragraph (GitHub slugs results, results-1, …)
//   links     count inline links, 10 per paragraph line: 80 % external https URLs, 15 % same-file anchors to
//             headings that exist, 5 % relative links to the file itself (`./links.md#…`) — none broken
//   refdefs   count reference definitions `[ref-N]: https://…`, each used once as `[text][ref-N]` before them
//   table     one GFM table with count body rows and 8 columns (left, right and centre alignment)
import { promises as fs } from 'node:fs';
import path from 'node:path';
import { prng } from './generate-draft.mjs';

export const SCALE_CASES = [
  { id: 'headings', count: 5000, title: '5,000 identical headings', file: 'headings.md' },
  { id: 'links', count: 50000, title: '50,000 links', file: 'links.md' },
  { id: 'refdefs', count: 10000, title: '10,000 reference definitions', file: 'refdefs.md' },
  { id: 'table', count: 2000, title: '2,000 table rows', file: 'table.md' },
];

const GPUS = ['H100 SXM', 'H200', 'A100 80GB', 'L40S', 'RTX 4090', 'RTX 5090', 'MI300X', 'L4'];

/** The text of one case; `count` overrides the bench's size, `seed` the PRNG seed. */
export function generateScaleCase(id, { count, seed = 1 } = {}) {
  const spec = SCALE_CASES.find((c) => c.id === id);
  if (!spec) throw new RangeError(`generateScaleCase: unknown case "${id}" (${SCALE_CASES.map((c) => c.id).join(', ')})`);
  const n = count ?? spec.count;
  const rand = prng(seed);
  const between = (lo, hi) => lo + Math.floor(rand() * (hi - lo + 1));
  const gpu = () => GPUS[Math.floor(rand() * GPUS.length)];
  const out = [`# Scale case: ${spec.title.replace(/^[\d,]+/, n.toLocaleString('en-US'))}`, ''];
  if (id === 'headings') {
    for (let i = 0; i < n; i++) out.push('## Results', '', `Run ${i + 1}: ${gpu()} reached ${between(200, 9000)} tokens/s.`, '');
  } else if (id === 'links') {
    // A few real headings to point anchors at, then paragraphs of 10 links each.
    const sections = ['Setup', 'Throughput', 'Latency', 'Pricing', 'Notes'];
    const anchors = sections.map((s) => s.toLowerCase());
    let made = 0;
    let para = 0;
    while (made < n) {
      if (para % 200 === 0) out.push(`## ${sections[(para / 200) % sections.length]}${para >= 200 * sections.length ? ` ${Math.floor(para / (200 * sections.length)) + 1}` : ''}`, '');
      const links = [];
      for (let k = 0; k < 10 && made < n; k++, made++) {
        const r = rand();
        if (r < 0.8) links.push(`[${gpu()} page ${made}](https://example.com/gpus/${made % 977}/spec?run=${made})`);
        else if (r < 0.95) links.push(`[see ${anchors[made % anchors.length]}](#${anchors[made % anchors.length]})`);
        else links.push(`[this file](./links.md#${anchors[made % anchors.length]})`);
      }
      out.push(`Links ${para + 1}: ${links.join(', ')}.`, '');
      para++;
    }
  } else if (id === 'refdefs') {
    for (let i = 0; i < n; i += 5) {
      const uses = [];
      for (let k = i; k < Math.min(n, i + 5); k++) uses.push(`[${gpu()} result ${k}][ref-${k}]`);
      out.push(`Results ${i / 5 + 1}: ${uses.join(', ')}.`, '');
    }
    for (let i = 0; i < n; i++) out.push(`[ref-${i}]: https://example.com/results/${i}${i % 3 === 0 ? ` "Result ${i}"` : ''}`);
    out.push('');
  } else if (id === 'table') {
    out.push('Measured throughput, one row per run.', '');
    out.push('| Run | GPU | Model | Batch | Tokens/s | TTFT (ms) | Power (W) | Notes |', '|---:|:---|:---|---:|---:|---:|---:|:---:|');
    for (let i = 0; i < n; i++) out.push(`| ${i + 1} | ${gpu()} | ${['Llama 3.1 8B', 'Qwen2.5-7B', 'Mistral 7B', 'GLM-4-9B'][i % 4]} | ${[1, 8, 16, 32, 64][i % 5]} | ${between(200, 9000)} | ${between(15, 900)} | ${between(70, 700)} | ${['', 'FP8', 'AWQ', '`--enforce-eager`'][i % 4]} |`);
    out.push('');
  }
  while (out.at(-1) === '') out.pop();
  return out.join('\n') + '\n';
}

/** Writes every case (each `count` × `scale`) into `dir`; returns [{ id, title, file, count, lines, bytes }]. */
export async function writeScaleCases(dir, { scale = 1, seed = 1 } = {}) {
  await fs.mkdir(dir, { recursive: true });
  const written = [];
  for (const c of SCALE_CASES) {
    const count = Math.max(1, Math.round(c.count * scale));
    const text = generateScaleCase(c.id, { count, seed });
    const file = path.join(dir, c.file);
    await fs.writeFile(file, text);
    written.push({ id: c.id, title: c.title, file, count, lines: text.split('\n').length - 1, bytes: Buffer.byteLength(text) });
  }
  return written;
}

if (import.meta.url === `file://${process.argv[1]}`) {
  const arg = (name, fallback) => {
    const i = process.argv.indexOf(`--${name}`);
    return i > 0 ? process.argv[i + 1] : fallback;
  };
  const out = arg('out');
  if (!out) {
    process.stderr.write('usage: node bench/scale-cases.mjs --out DIR [--scale 1]\n');
    process.exit(2);
  }
  // No top-level await: tests load this module through a CommonJS transform.
  writeScaleCases(out, { scale: Number(arg('scale', 1)) }).then((written) => {
    for (const w of written) process.stdout.write(`${w.file}: ${w.count} × ${w.id}, ${w.lines} lines, ${(w.bytes / 1e6).toFixed(2)} MB\n`);
  });
}
