// What the built CLI loads, per command: its modules are ES module chunks (scripts/build.mjs), so a run loads the
// chunks it imports and no others. A loader hook records every module file the process and its worker threads
// load; esbuild's metafile (dist/cli-meta.json) says which sources each chunk holds. An eager import of the
// network client, the preview or the price and nvidia-smi readers into the lint path puts them in a chunk that
// lint loads, and fails here.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { CLI, REPO, tempWorkspace } from './support/workspace';

interface Metafile {
  outputs: Record<string, { inputs: Record<string, unknown> }>;
}

const META = path.join(REPO, 'dist', 'cli-meta.json');

/** Runs the built CLI with a hook that logs each module it loads; returns the sources in the chunks it loaded. */
function loadedSources(args: string[], cwd: string): { sources: string[]; status: number | null; stdout: string; stderr: string } {
  const dir = mkdtempSync(path.join(tmpdir(), 'bp-loads-'));
  try {
    const log = path.join(dir, 'loaded.txt');
    writeFileSync(path.join(dir, 'hooks.mjs'), `import { appendFileSync } from 'node:fs';
export async function load(url, context, next) {
  if (url.startsWith('file:')) appendFileSync(${JSON.stringify(log)}, url + '\\n');
  return next(url, context);
}
`);
    writeFileSync(path.join(dir, 'register.mjs'), `import { register } from 'node:module';\nregister(${JSON.stringify(pathToFileURL(path.join(dir, 'hooks.mjs')).href)});\n`);
    const r = spawnSync(process.execPath, ['--import', pathToFileURL(path.join(dir, 'register.mjs')).href, CLI, ...args], { cwd, encoding: 'utf8', timeout: 120_000, env: { ...process.env, NO_COLOR: '1' } });
    const meta = JSON.parse(readFileSync(META, 'utf8')) as Metafile;
    const files = existsSync(log) ? [...new Set(readFileSync(log, 'utf8').split('\n').filter(Boolean))].map((u) => path.relative(REPO, fileURLToPath(u)).split(path.sep).join('/')) : [];
    const chunks = files.filter((f) => f.startsWith('dist/cli/'));
    assert.ok(chunks.length > 0, `the hook saw the CLI's modules load (${files.join(', ')}; ${r.stderr})`);
    for (const chunk of chunks) assert.ok(meta.outputs[chunk], `${chunk} is in dist/cli-meta.json (is dist/ from one build?)`);
    return { sources: chunks.flatMap((c) => Object.keys(meta.outputs[c].inputs)), status: r.status, stdout: r.stdout, stderr: r.stderr };
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

/** Network client, link checker, preview, price client, nvidia-smi reader: never needed to lint. */
const NOT_FOR_LINT = /node_modules\/undici\/|server\/src\/net\/|server\/src\/links\/external\/checker|server\/src\/preview\/|server\/src\/gpu\/prices\/runpod|server\/src\/gpu\/smi\//;
/** The parser, the rules and the engine: not needed when every answer comes from the cache. */
const NOT_FOR_CACHED = /node_modules\/(micromark|mdast-util-from-markdown|remark-|unified)|server\/src\/markdown\/parse\.ts|server\/src\/rules\/registry\.ts|server\/src\/engine\/document-checker\.ts/;

const DRAFTS = {
  'posts/a.md': '# RTX 4090 评测\n\n见[下一篇](b.md#规格)与![图](img/x.png)。\n\n[脚注][n]\n',
  'posts/b.md': '# B\n\n## 规格\n\nSee [a](./a.md#rtx-4090-评测) and https://example.com/x.\n',
};

test('the metafile knows where the modules lint must not load are (so the checks below are not vacuous)', () => {
  const meta = JSON.parse(readFileSync(META, 'utf8')) as Metafile;
  const all = Object.values(meta.outputs).flatMap((o) => Object.keys(o.inputs));
  for (const needle of ['node_modules/undici/', 'server/src/preview/render.ts', 'server/src/gpu/prices/runpod.ts', 'server/src/gpu/smi/', 'node_modules/micromark/']) {
    assert.ok(all.some((i) => i.includes(needle)), needle);
  }
});

test('lint, cold: loads the parser and the rules, never the network client, the preview, the price client or the nvidia-smi reader', () => {
  const ws = tempWorkspace(DRAFTS);
  try {
    const run = loadedSources(['lint', '--no-cache', '--format', 'json', 'posts'], ws.root);
    assert.equal(run.status, 1, run.stderr);
    assert.ok(run.sources.some((s) => s.includes('node_modules/micromark/')), 'it did parse');
    assert.deepEqual(run.sources.filter((s) => NOT_FOR_LINT.test(s)), []);
    // --format sarif lists the rules: still nothing of the above.
    const sarif = loadedSources(['lint', '--no-cache', '--format', 'sarif', 'posts'], ws.root);
    assert.deepEqual(sarif.sources.filter((s) => NOT_FOR_LINT.test(s)), []);
  } finally {
    ws.dispose();
  }
});

test('lint answered from its cache: loads neither the parser nor the rules nor the engine', () => {
  const ws = tempWorkspace(DRAFTS);
  try {
    const first = loadedSources(['lint', '--format', 'json', 'posts'], ws.root);
    const second = loadedSources(['lint', '--format', 'json', 'posts'], ws.root);
    assert.equal(second.stdout, first.stdout);
    assert.deepEqual(second.sources.filter((s) => NOT_FOR_CACHED.test(s) || NOT_FOR_LINT.test(s)), []);
  } finally {
    ws.dispose();
  }
});

test('the worker pool loads without the analysis: a run starts its first worker before the main thread has loaded the parser', () => {
  // Every chunk the pool's module imports, statically, through the chunks they import.
  const meta = JSON.parse(readFileSync(META, 'utf8')) as Metafile & { outputs: Record<string, { entryPoint?: string; imports: { path: string; kind: string }[] }> };
  const entry = Object.keys(meta.outputs).find((o) => meta.outputs[o].entryPoint === 'server/src/engine/analyzer.ts');
  assert.ok(entry, 'the pool is a chunk of its own (imported dynamically by cli.ts)');
  const reached = new Set<string>([entry]);
  for (const chunk of reached) for (const i of meta.outputs[chunk].imports) if (i.kind === 'import-statement' && meta.outputs[i.path]) reached.add(i.path);
  const sources = [...reached].flatMap((c) => Object.keys(meta.outputs[c].inputs));
  assert.ok(sources.includes('server/src/engine/analyzer.ts'));
  assert.deepEqual(sources.filter((s) => /node_modules\/micromark|server\/src\/(markdown\/parse|engine\/analyze|rules\/registry)\.ts/.test(s)), []);
});

test('the hook does see a command that needs one of those modules load it (smi reads nvidia-smi output)', () => {
  const ws = tempWorkspace({ 'q.csv': 'name, memory.total [MiB]\nNVIDIA H100 80GB HBM3, 81559 MiB\n' });
  try {
    const run = loadedSources(['smi', '--json', 'q.csv'], ws.root);
    assert.equal(run.status, 0, run.stderr);
    assert.ok(run.sources.some((s) => s.includes('server/src/gpu/smi/')));
  } finally {
    ws.dispose();
  }
});
