// The layering of the code, read from its imports: the folders of server/src form layers that only point down,
// the two front ends (lsp/, cli/) never import each other, only the adapters import their editor libraries, and
// the client reaches the server only through the shared protocol. A new import that breaks this fails here with
// the file and the import named.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync, readdirSync, statSync, existsSync } from 'node:fs';
import path from 'node:path';

const repo = path.resolve(__dirname, '..');
const serverSrc = path.join(repo, 'server/src');
const clientSrc = path.join(repo, 'client/src');

/**
 * The layers, lowest first. A folder may import its own layer's folders (without cycles, checked below) and any
 * layer beneath it, never one above. The entry files (server.ts, cli.ts) sit on top.
 */
const LAYERS: string[][] = [
  ['base'],
  ['markdown', 'config', 'net', 'data', 'protocol'],
  ['templates', 'topics', 'gpu', 'links', 'preview', 'typography'],
  ['rules'],
  ['engine'],
  ['node'],
  ['services'],
  ['lsp', 'cli'],
  ['server', 'cli-entry'],
];
const rankOf = new Map(LAYERS.flatMap((folders, rank) => folders.map((f) => [f, rank] as const)));

function sourceFiles(dir: string): string[] {
  if (!existsSync(dir)) return [];
  return readdirSync(dir).flatMap((name) => {
    const full = path.join(dir, name);
    if (statSync(full).isDirectory()) return sourceFiles(full);
    return /\.ts$/.test(name) && !/\.test\.ts$/.test(name) ? [full] : [];
  });
}

/** Test helpers are not part of the product's layering. */
const isTestSupport = (file: string) => /[/\\](testing|fixtures)[/\\]|test-server\.ts$|draft-fixture\.ts$|[/\\]testing\.ts$/.test(file);

function importsOf(file: string): string[] {
  const text = readFileSync(file, 'utf8');
  return [...text.matchAll(/(?:^|\n)\s*(?:import|export)[^'"\n;]*?from\s*['"]([^'"]+)['"]|import\(\s*['"]([^'"]+)['"]\s*\)|require\(\s*['"]([^'"]+)['"]\s*\)/g)].map((m) => m[1] ?? m[2] ?? m[3]);
}

function folderOf(file: string): string {
  const parts = path.relative(serverSrc, file).split(path.sep);
  if (parts.length > 1) return parts[0];
  const base = parts[0].replace(/\.(ts|json)$/, '');
  return base === 'cli' ? 'cli-entry' : base;
}

function resolveImport(from: string, spec: string): string {
  const target = path.resolve(path.dirname(from), spec);
  for (const candidate of [target, `${target}.ts`, path.join(target, 'index.ts')]) if (existsSync(candidate) && statSync(candidate).isFile()) return candidate;
  return target;
}

const serverFiles = sourceFiles(serverSrc).filter((f) => !isTestSupport(f));

/** Folder → folders it imports, with one file as the example. */
function folderEdges(): Map<string, Map<string, string>> {
  const edges = new Map<string, Map<string, string>>();
  for (const file of serverFiles) {
    const from = folderOf(file);
    for (const spec of importsOf(file)) {
      if (!spec.startsWith('.')) continue;
      const target = resolveImport(file, spec);
      if (!target.startsWith(serverSrc + path.sep)) continue;
      const to = folderOf(target);
      if (to === from) continue;
      if (!edges.has(from)) edges.set(from, new Map());
      if (!edges.get(from)!.has(to)) edges.get(from)!.set(to, path.relative(repo, file));
    }
  }
  return edges;
}

test('every folder of server/src has a place in the layers', () => {
  const folders = new Set(serverFiles.map(folderOf));
  const unplaced = [...folders].filter((f) => !rankOf.has(f));
  assert.deepEqual(unplaced, [], `add these folders to LAYERS in test/architecture.test.ts: ${unplaced.join(', ')}`);
});

test('layers only point down: no folder imports a folder of a higher layer', () => {
  const upward: string[] = [];
  for (const [from, targets] of folderEdges()) {
    for (const [to, example] of targets) {
      if ((rankOf.get(to) ?? 0) > (rankOf.get(from) ?? 0)) upward.push(`${from}/ imports ${to}/ (${example})`);
    }
  }
  assert.deepEqual(upward, []);
});

test('no import cycles between the folders of server/src', () => {
  const edges = folderEdges();
  const cycles: string[] = [];
  const state = new Map<string, 'visiting' | 'done'>();
  const stack: string[] = [];
  const visit = (node: string) => {
    state.set(node, 'visiting');
    stack.push(node);
    for (const next of edges.get(node)?.keys() ?? []) {
      if (state.get(next) === 'visiting') cycles.push([...stack.slice(stack.indexOf(next)), next].join(' → '));
      else if (!state.has(next)) visit(next);
    }
    stack.pop();
    state.set(node, 'done');
  };
  for (const node of edges.keys()) if (!state.has(node)) visit(node);
  assert.deepEqual(cycles, []);
});

test('the front ends never import each other', () => {
  const edges = folderEdges();
  assert.equal(edges.get('lsp')?.get('cli'), undefined, 'lsp/ imports cli/');
  assert.equal(edges.get('cli')?.get('lsp'), undefined, 'cli/ imports lsp/');
});

test('editor libraries only in their adapters: vscode in the client, vscode-languageserver in lsp/', () => {
  const wrong: string[] = [];
  for (const file of serverFiles) {
    const folder = folderOf(file);
    for (const spec of importsOf(file)) {
      if (spec === 'vscode') wrong.push(`${path.relative(repo, file)} imports vscode`);
      if (/^vscode-languageserver/.test(spec) && folder !== 'lsp') wrong.push(`${path.relative(repo, file)} imports ${spec}`);
      if (/^vscode-languageclient/.test(spec)) wrong.push(`${path.relative(repo, file)} imports ${spec}`);
    }
  }
  assert.deepEqual(wrong, []);
});

test('the client imports nothing of the server but the shared protocol, and no lint logic', () => {
  const wrong: string[] = [];
  for (const file of sourceFiles(clientSrc)) {
    for (const spec of importsOf(file)) {
      if (!spec.startsWith('.')) {
        if (/^(unified|remark|micromark|mdast)/.test(spec)) wrong.push(`${path.relative(repo, file)} imports ${spec}`);
        continue;
      }
      const target = resolveImport(file, spec);
      if (target.startsWith(serverSrc + path.sep) && path.relative(serverSrc, target) !== 'protocol.ts') wrong.push(`${path.relative(repo, file)} imports ${path.relative(repo, target)}`);
    }
  }
  assert.deepEqual(wrong, []);
});

test('the protocol module depends on nothing of the server but the ground layer (and JSON data, which imports nothing)', () => {
  const deps = importsOf(path.join(serverSrc, 'protocol.ts')).filter((s) => s.startsWith('.'));
  assert.deepEqual(deps.filter((s) => !s.startsWith('./base/') && !s.endsWith('.json')), []);
});
