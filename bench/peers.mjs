// The JavaScript peers of the benchmark, usable in-process (import) and as a process (so process start-up and
// file reading count the same way as for the Benchpress CLI):
//
//   node bench/peers.mjs markdownlint|remark-lint PATH…     → prints {"tool","files","bytes","problems","ms"}
//
// markdownlint: default rules (no config object), via `markdownlint/promise`.
// remark-lint: unified + remark-parse + remark-gfm + remark-preset-lint-recommended (parse + run; no stringify).
import { promises as fs } from 'node:fs';
import path from 'node:path';

/** *.md / *.mdx under the given files and folders, skipping dot-folders and node_modules, sorted — the same
 * selection as `benchpress lint` (server/src/cli/files.ts). */
export async function collectMarkdownFiles(paths) {
  const found = new Set();
  const walk = async (dir) => {
    const entries = await fs.readdir(dir, { withFileTypes: true });
    entries.sort((a, b) => a.name.localeCompare(b.name));
    for (const entry of entries) {
      if (entry.name.startsWith('.') || entry.name === 'node_modules') continue;
      const full = path.join(dir, entry.name);
      if (entry.isDirectory()) await walk(full);
      else if (entry.isFile() && /\.(md|mdx)$/i.test(entry.name)) found.add(full);
    }
  };
  for (const given of paths) {
    const abs = path.resolve(given);
    const stat = await fs.stat(abs);
    if (stat.isFile()) found.add(abs);
    else if (stat.isDirectory()) await walk(abs);
  }
  return [...found].sort();
}

export async function readAll(files) {
  return Promise.all(files.map(async (file) => ({ file, text: await fs.readFile(file, 'utf8') })));
}

let markdownlintLint;
/** markdownlint with its default rules over the given {file, text} documents; returns the number of problems. */
export async function runMarkdownlint(docs) {
  markdownlintLint ??= (await import('markdownlint/promise')).lint;
  const strings = {};
  for (const { file, text } of docs) strings[file] = text;
  const results = await markdownlintLint({ strings });
  let problems = 0;
  for (const list of Object.values(results)) problems += list.length;
  return problems;
}

let remarkProcessor;
let VFileClass;
/** remark-lint's recommended preset (with remark-gfm) over the given documents; returns the number of messages. */
export async function runRemarkLint(docs) {
  if (!remarkProcessor) {
    const [{ unified }, { default: remarkParse }, { default: remarkGfm }, { default: recommended }, { VFile }] = await Promise.all([
      import('unified'), import('remark-parse'), import('remark-gfm'), import('remark-preset-lint-recommended'), import('vfile'),
    ]);
    remarkProcessor = unified().use(remarkParse).use(remarkGfm).use(recommended).freeze();
    VFileClass = VFile;
  }
  let problems = 0;
  for (const { file, text } of docs) {
    const vfile = new VFileClass({ path: file, value: text });
    const tree = remarkProcessor.parse(vfile);
    await remarkProcessor.run(tree, vfile);
    problems += vfile.messages.length;
  }
  return problems;
}

export const PEERS = { markdownlint: runMarkdownlint, 'remark-lint': runRemarkLint };

if (import.meta.url === `file://${process.argv[1]}`) {
  const [tool, ...paths] = process.argv.slice(2);
  if (!PEERS[tool] || paths.length === 0) {
    process.stderr.write('usage: node bench/peers.mjs markdownlint|remark-lint PATH…\n');
    process.exit(2);
  }
  const started = performance.now();
  const docs = await readAll(await collectMarkdownFiles(paths));
  const problems = await PEERS[tool](docs);
  const bytes = docs.reduce((sum, d) => sum + Buffer.byteLength(d.text), 0);
  process.stdout.write(JSON.stringify({ tool, files: docs.length, bytes, problems, ms: Math.round(performance.now() - started) }) + '\n');
}
