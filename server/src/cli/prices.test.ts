// `benchpress prices` and `benchpress prices refresh` against a local HTTP server that plays the RunPod API.
import { test } from 'node:test';
import { execFile } from 'node:child_process';
import assert from 'node:assert/strict';
import { mkdtemp, mkdir, readFile, rm, writeFile, readdir } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { pricesCommand } from './prices';
import { priceChanges } from '../services/prices';
import { BUILTIN_PRICE_SNAPSHOT } from '../node/data-files';
import type { CliIo } from './io';
import { findWorkspaceRoot } from '../node/fs-workspace';
import { validatePriceSnapshot, type PriceSnapshot } from '../gpu/prices/store';
import { CATALOG_ROUTE, FakeRunpod, GRAPHQL_ROUTE, gqlGpu, graphql, json, problem, raw, v2Gpu } from '../gpu/prices/test-server';

const KEY = 'rpa_CLITESTKEY_7H3J9K2L5M8N1P4Q6R';
const ENV = { RUNPOD_API_KEY: KEY };
const NOW = () => Date.UTC(2026, 10, 30, 12, 0, 0);

/** A local RunPod origin (test-server.ts): the REST v2 catalog and GraphQL routes as given; missing routes answer 404. */
async function withApi(routes: Parameters<typeof FakeRunpod.start>[0], fn: (origin: string, api: FakeRunpod) => Promise<void>): Promise<void> {
  const api = await FakeRunpod.start(routes);
  try {
    await fn(api.origin, api);
  } finally {
    await api.close();
  }
}

async function withDir(fn: (dir: string) => Promise<void>, workspace = true): Promise<void> {
  const dir = await mkdtemp(path.join(os.tmpdir(), 'benchpress-cli-prices-'));
  try {
    if (workspace) await mkdir(path.join(dir, '.benchpress'));
    await fn(dir);
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
}

interface Run {
  code: number;
  stdout: string;
  stderr: string;
}

async function run(argv: string[], cwd: string, env: Record<string, string | undefined> = ENV): Promise<Run> {
  let stdout = '';
  let stderr = '';
  const io: CliIo = { cwd, stdout: (t) => void (stdout += t), stderr: (t) => void (stderr += t), isTTY: false, env: {} };
  const code = await pricesCommand(argv, io, env, { now: NOW, retryDelayMs: 5 });
  for (const text of [stdout, stderr]) assert.ok(!text.includes(KEY) && !text.includes(KEY.slice(4, 16)), `the key leaked: ${text}`);
  return { code, stdout, stderr };
}

const CATALOG = {
  gpus: [
    v2Gpu('NVIDIA H100 80GB HBM3', 'H100 SXM', 80, 2.99, 2.69),
    v2Gpu('NVIDIA H100 PCIe', 'H100 PCIe', 80, 2.89, 1.89),
    v2Gpu('NVIDIA GeForce RTX 4090', 'RTX 4090', 24, 0.59, 0.34, { price: { secure: 0.59, community: 0 } }),
    v2Gpu('NVIDIA A40', 'A40', 48, 0.4, 0.35),
    v2Gpu('unknown', 'unknown', 0, false, false),
  ],
};
const GOOD = { [CATALOG_ROUTE]: [json(CATALOG)] };

test('the built-in snapshot has the prices these tests compare with', () => {
  const at = (id: string, tier: string) => BUILTIN_PRICE_SNAPSHOT.prices.find((p) => p.gpuId === id && p.tier === tier)?.usdPerHour;
  assert.equal(at('h100-sxm', 'secure'), 3.99);
  assert.equal(at('h100-sxm', 'community'), 2.69);
  assert.equal(at('h100-pcie', 'secure'), 2.89);
  assert.equal(at('h100-pcie', 'community'), 1.99);
  assert.equal(at('rtx-4090', 'secure'), undefined);
});

test('refresh --out: exit 0, a summary of the changes against the built-in snapshot, the snapshot saved', () =>
  withApi(GOOD, (url) =>
    withDir(async (dir) => {
      const r = await run(['refresh', '--base-url', url, '--out', 'fetched.json'], dir);
      assert.equal(r.code, 0, r.stderr);
      assert.equal(r.stderr, '');
      const lines = r.stdout.trimEnd().split('\n');
      assert.equal(lines[0], `Fetched 5 RunPod prices for 3 GPUs on 2026-11-30 (4 GPU types from RunPod REST v2 GPU catalog at ${url}/v2/catalog/gpus).`);
      assert.equal(lines[1], `Compared with the built-in snapshot of ${BUILTIN_PRICE_SNAPSHOT.asOf}:`);
      assert.ok(lines.includes('  h100-sxm secure: $3.99 → $2.99/h'), r.stdout);
      assert.ok(lines.includes('  h100-pcie community: $1.99 → $1.89/h'), r.stdout);
      assert.ok(lines.includes('  rtx-4090 secure: new, $0.59/h'), r.stdout);
      assert.ok(lines.includes('  2 unchanged.'), r.stdout);
      assert.ok(lines.some((l) => /^\d+ built-in rows were not in the reply and stay as they are/.test(l)), r.stdout);
      assert.ok(lines.includes('Skipped 1 RunPod GPU types that Benchpress has no data for (NVIDIA A40).'), r.stdout);
      assert.ok(lines.includes('Skipped 1 prices that were missing, zero or not numbers.'), r.stdout);
      assert.ok(!r.stdout.includes('unknown,') && !r.stdout.includes('(unknown'), 'RunPod’s `unknown` placeholder is not reported');
      assert.equal(lines.at(-1), 'Saved to fetched.json.');
      const saved = JSON.parse(await readFile(path.join(dir, 'fetched.json'), 'utf8')) as PriceSnapshot;
      assert.ok(validatePriceSnapshot(saved).ok);
      assert.equal(saved.asOf, '2026-11-30');
      assert.equal(saved.prices.length, 5);
      assert.ok(!JSON.stringify(saved).includes(KEY));

      // `prices --file`: the effective snapshot, with the fetched rows in place of the built-in ones.
      const shown = await run(['--json', '--file', 'fetched.json'], dir);
      assert.equal(shown.code, 0);
      const effective = JSON.parse(shown.stdout) as PriceSnapshot;
      const at = (id: string, tier: string) => effective.prices.find((p) => p.gpuId === id && p.tier === tier)?.usdPerHour;
      assert.equal(at('h100-sxm', 'secure'), 2.99);
      assert.equal(at('rtx-4090', 'secure'), 0.59);
      assert.equal(at('b200', 'secure'), 6.79, 'rows the refresh did not cover stay');
      assert.equal(effective.prices.length, BUILTIN_PRICE_SNAPSHOT.prices.length + 1);
      const text = await run(['--file', 'fetched.json'], dir);
      assert.match(text.stdout, /^RunPod prices in USD per GPU-hour: built-in snapshot of \d{4}-\d{2}-\d{2}, 5 rows from the refresh of 2026-11-30 \(fetched\.json\)\.\n/);
      assert.match(text.stdout, /\nh100-sxm +secure +\$2\.99\/h  2026-11-30  fetched\n/);
      assert.match(text.stdout, /\nb200 +secure +\$6\.79\/h  2026-08-19  built-in\n/);
    }),
  ));

test('refresh --json: the changes, the counts and the snapshot as JSON', () =>
  withApi(GOOD, (url) =>
    withDir(async (dir) => {
      const r = await run(['refresh', '--base-url', url, '--json', '--out', 'p.json'], dir);
      assert.equal(r.code, 0);
      const out = JSON.parse(r.stdout) as { ok: boolean; api: string; url: string; savedTo: string; changes: unknown[]; stats: { unknown: number }; snapshot: PriceSnapshot };
      assert.equal(out.ok, true);
      assert.equal(out.api, 'rest-v2');
      assert.equal(out.url, `${url}/v2/catalog/gpus`);
      assert.equal(out.savedTo, path.join(dir, 'p.json'));
      assert.deepEqual(out.changes, [
        { gpuId: 'rtx-4090', tier: 'secure', kind: 'new', after: 0.59 },
        { gpuId: 'h100-sxm', tier: 'secure', kind: 'changed', before: 3.99, after: 2.99 },
        { gpuId: 'h100-sxm', tier: 'community', kind: 'unchanged', before: 2.69, after: 2.69 },
        { gpuId: 'h100-pcie', tier: 'secure', kind: 'unchanged', before: 2.89, after: 2.89 },
        { gpuId: 'h100-pcie', tier: 'community', kind: 'changed', before: 1.99, after: 1.89 },
      ]);
      assert.equal(out.stats.unknown, 1);
      assert.equal(out.snapshot.prices.length, 5);
    }),
  ));

test('refresh without --out in a workspace: saved to .benchpress/.cache/ (which ignores itself), then used by `prices`', () =>
  withApi(GOOD, (url) =>
    withDir(async (dir) => {
      const sub = path.join(dir, 'drafts');
      await mkdir(sub);
      const r = await run(['refresh', `--base-url=${url}`], sub);
      assert.equal(r.code, 0, r.stderr);
      const cache = path.join(dir, '.benchpress', '.cache');
      assert.deepEqual((await readdir(cache)).sort(), ['.gitignore', 'runpod-prices.json']);
      assert.equal(await readFile(path.join(cache, '.gitignore'), 'utf8'), '*\n');
      const shown = JSON.parse((await run(['--json'], sub)).stdout) as PriceSnapshot;
      assert.equal(shown.prices.find((p) => p.gpuId === 'h100-sxm' && p.tier === 'secure')!.usdPerHour, 2.99);
    }),
  ));

test('refresh outside any workspace without --out: fetched and summarised, not saved', () =>
  withApi(GOOD, (url) =>
    withDir(async (dir) => {
      if (findWorkspaceRoot(dir) !== undefined) return; // the temp folder sits inside a repository here
      const r = await run(['refresh', '--base-url', url], dir);
      assert.equal(r.code, 0);
      assert.match(r.stdout, /Not saved: no workspace here .*use --out FILE to save\.\n$/);
      assert.deepEqual(await readdir(dir), []);
    }, false),
  ));

test('refresh, API says 401: exit 1, the message on stderr, the saved file untouched', () =>
  withApi({ [CATALOG_ROUTE]: [problem(401, 'Unauthorized', 'missing bearer token')] }, (url) =>
    withDir(async (dir) => {
      const file = path.join(dir, 'p.json');
      await writeFile(file, 'previous snapshot, byte for byte');
      const r = await run(['refresh', '--base-url', url, '--out', file], dir);
      assert.equal(r.code, 1);
      assert.equal(r.stdout, '');
      assert.equal(r.stderr, 'benchpress: RunPod rejected the API key (401): “Unauthorized: missing bearer token”. Set a valid key with “Benchpress: Set RunPod API Key” or RUNPOD_API_KEY.\n');
      assert.equal(await readFile(file, 'utf8'), 'previous snapshot, byte for byte');
      const zh = await run(['refresh', '--base-url', url, '--out', file, '--lang', 'zh-cn'], dir);
      assert.equal(zh.code, 1);
      assert.match(zh.stderr, /^benchpress: RunPod 拒绝了 API 密钥（401）/);
      const json = await run(['refresh', '--base-url', url, '--out', file, '--json'], dir);
      assert.equal(json.code, 1);
      const out = JSON.parse(json.stdout) as { ok: boolean; error: { kind: string; status: number } };
      assert.equal(out.ok, false);
      assert.equal(out.error.kind, 'auth');
      assert.equal(out.error.status, 401);
      assert.deepEqual((await readdir(dir)).sort(), ['.benchpress', 'p.json']);
      assert.deepEqual(await readdir(path.join(dir, '.benchpress')), []);
    }),
  ));

test('refresh, server errors: retried as told, exit 1, nothing written', () =>
  withApi({ [CATALOG_ROUTE]: [raw(503, 'down for maintenance')], [GRAPHQL_ROUTE]: [raw(503, 'down for maintenance')] }, (url, api) =>
    withDir(async (dir) => {
      const r = await run(['refresh', '--base-url', url, '--retries', '1'], dir);
      assert.equal(r.code, 1);
      assert.equal(api.seen.length, 4, 'two tries of each API');
      assert.equal(
        r.stderr,
        'benchpress: Neither RunPod API gave prices. REST v2: The RunPod REST v2 GPU catalog had a server error (HTTP 503 Service Unavailable) after 2 tries; try again later. ' +
          'GraphQL: The RunPod GraphQL API had a server error (HTTP 503 Service Unavailable) after 2 tries; try again later.\n',
      );
      assert.deepEqual(await readdir(path.join(dir, '.benchpress')), []);
    }),
  ));

test('refresh, malformed reply: exit 1 with the excerpt', () =>
  withApi({ [CATALOG_ROUTE]: [raw(200, '<html>oops</html>')], [GRAPHQL_ROUTE]: [raw(200, '<html>oops</html>')] }, (url) =>
    withDir(async (dir) => {
      const r = await run(['refresh', '--base-url', url], dir);
      assert.equal(r.code, 1);
      assert.equal(
        r.stderr,
        'benchpress: Neither RunPod API gave prices. REST v2: The RunPod REST v2 GPU catalog sent a reply that is not JSON (HTTP 200, text/html): “<html>oops</html>”. ' +
          'GraphQL: The RunPod GraphQL API sent a reply that is not JSON (HTTP 200, text/html): “<html>oops</html>”.\n',
      );
    }),
  ));

test('refresh without a key: exit 2, no request', () =>
  withApi(GOOD, (url, api) =>
    withDir(async (dir) => {
      const r = await run(['refresh', '--base-url', url], dir, {});
      assert.equal(r.code, 2);
      assert.equal(r.stderr, 'benchpress: No RunPod API key: set BENCHPRESS_RUNPOD_API_KEY or RUNPOD_API_KEY in the environment.\n');
      assert.equal(api.seen.length, 0);
      // BENCHPRESS_RUNPOD_API_KEY wins over RUNPOD_API_KEY (and a blank one counts as unset).
      const both = await run(['refresh', '--base-url', url, '--out', 'p.json'], dir, { BENCHPRESS_RUNPOD_API_KEY: ' ', RUNPOD_API_KEY: KEY });
      assert.equal(both.code, 0);
    }),
  ));

test('usage errors: exit 2 with the usage text', () =>
  withDir(async (dir) => {
    for (const argv of [['refresh', '--bogus'], ['bogus'], ['refresh', '--timeout', 'soon'], ['refresh', '--retries', '99'], ['refresh', '--lang', 'fr'], ['refresh', 'extra'], ['--file']]) {
      const r = await run(argv, dir);
      assert.equal(r.code, 2, argv.join(' '));
      assert.match(r.stderr, /^benchpress: .+\nUsage: benchpress prices/, argv.join(' '));
    }
    const missing = await run(['--file', 'nope.json'], dir);
    assert.equal(missing.code, 2);
    assert.match(missing.stderr, /Price file not found: nope\.json/);
    const help = await run(['refresh', '--help'], dir);
    assert.equal(help.code, 0);
    assert.match(help.stdout, /^Usage: benchpress prices/);
  }));

test('prices: the built-in snapshot when nothing was fetched; a corrupt saved file is ignored with a warning', () =>
  withDir(async (dir) => {
    const plain = await run(['--json'], dir);
    assert.equal(plain.code, 0);
    assert.deepEqual(JSON.parse(plain.stdout), BUILTIN_PRICE_SNAPSHOT);
    const cache = path.join(dir, '.benchpress', '.cache');
    await mkdir(cache, { recursive: true });
    await writeFile(path.join(cache, 'runpod-prices.json'), '{"schemaVersion": 1, "prices": [');
    const r = await run([], dir);
    assert.equal(r.code, 0);
    assert.match(r.stderr, /^benchpress: Ignoring the saved RunPod prices in .*runpod-prices\.json: not valid JSON\. The built-in snapshot is used instead\.\n$/);
    assert.match(r.stdout, /^RunPod prices in USD per GPU-hour: built-in snapshot of \d{4}-\d{2}-\d{2}\.\n/);
    assert.equal(r.stdout.trimEnd().split('\n').length, BUILTIN_PRICE_SNAPSHOT.prices.length + 1);
    assert.ok(!r.stdout.includes('fetched'));
  }));

test('priceChanges: changed, new and unchanged rows', () => {
  const base = { schemaVersion: 1 as const, provider: 'runpod', asOf: '2026-11-09', source: 's', currency: 'USD' };
  const row = (gpuId: string, tier: string, usdPerHour: number) => ({ gpuId, provider: 'runpod', tier, usdPerHour, source: 's', asOf: '2026-11-09' });
  assert.deepEqual(priceChanges({ ...base, prices: [row('rtx-4090', 'secure', 0.69), row('l4', 'community', 0.28)] }, { ...base, prices: [row('rtx-4090', 'secure', 0.59), row('l4', 'community', 0.28), row('b200', 'secure', 5.99)] }), [
    { gpuId: 'rtx-4090', tier: 'secure', kind: 'changed', before: 0.69, after: 0.59 },
    { gpuId: 'l4', tier: 'community', kind: 'unchanged', before: 0.28, after: 0.28 },
    { gpuId: 'b200', tier: 'secure', kind: 'new', after: 5.99 },
  ]);
});

// ------------------------------------------------------------------ `node dist/cli.js prices refresh` as a process

const CLI = path.resolve(__dirname, '../../../dist/cli.js');

/** The built CLI as a child process (asynchronously, so the local API in this process can answer it). */
function cli(args: string[], cwd: string): Promise<Run> {
  return new Promise((resolve, reject) => {
    const env = { PATH: process.env.PATH ?? '', NO_COLOR: '1', BENCHPRESS_RUNPOD_API_KEY: KEY };
    execFile(process.execPath, [CLI, ...args], { cwd, env, encoding: 'utf8', timeout: 60_000 }, (error, stdout, stderr) => {
      const code = error && typeof error.code === 'number' ? error.code : error ? -1 : 0;
      if (code === -1) reject(error);
      else resolve({ code, stdout, stderr });
    });
  });
}

/** Neither output nor any saved file holds the key. */
async function assertKeyNowhere(r: Run, dir: string): Promise<void> {
  for (const text of [r.stdout, r.stderr]) assert.ok(!text.includes(KEY.slice(4, 16)), `the key leaked: ${text}`);
  const cache = path.join(dir, '.benchpress', '.cache');
  for (const name of await readdir(cache).catch(() => [] as string[])) assert.ok(!(await readFile(path.join(cache, name), 'utf8')).includes(KEY.slice(4, 16)), name);
}

test('process: `prices refresh --base-url ORIGIN` against a RunPod with the v2 catalog only (GraphQL 404): saved from v2', () =>
  withApi({ [CATALOG_ROUTE]: [json(CATALOG)] }, (origin, api) =>
    withDir(async (dir) => {
      const r = await cli(['prices', 'refresh', '--base-url', origin], dir);
      assert.equal(r.code, 0, r.stderr);
      assert.match(r.stdout, new RegExp(`^Fetched 5 RunPod prices for 3 GPUs on \\d{4}-\\d{2}-\\d{2} \\(4 GPU types from RunPod REST v2 GPU catalog at ${origin}/v2/catalog/gpus\\)\\.\\n`));
      assert.match(r.stdout, /\nSaved to \.benchpress\/\.cache\/runpod-prices\.json\.\n$/);
      assert.deepEqual(
        api.seen.map((s) => `${s.method} ${s.url} ${s.headers.authorization === `Bearer ${KEY}`}`),
        ['GET /v2/catalog/gpus true'],
      );
      const saved = JSON.parse(await readFile(path.join(dir, '.benchpress', '.cache', 'runpod-prices.json'), 'utf8')) as PriceSnapshot;
      assert.equal(saved.prices.find((p) => p.gpuId === 'h100-sxm' && p.tier === 'secure')!.usdPerHour, 2.99);
      assert.ok(saved.source.includes('REST API v2'));
      await assertKeyNowhere(r, dir);
    }),
  ));

test('process: against a RunPod with GraphQL only (v2 404): saved from GraphQL, and the summary says why', () =>
  withApi({ [GRAPHQL_ROUTE]: [graphql([gqlGpu('NVIDIA H100 80GB HBM3', 'H100 SXM', 80, 2.79, 2.49), gqlGpu('NVIDIA L4', 'L4', 24, null, 0.29), gqlGpu('unknown', 'unknown', 0, null, null)])] }, (origin, api) =>
    withDir(async (dir) => {
      const r = await cli(['prices', 'refresh', '--base-url', origin], dir);
      assert.equal(r.code, 0, r.stderr);
      const lines = r.stdout.trimEnd().split('\n');
      assert.match(lines[0]!, new RegExp(`^Fetched 3 RunPod prices for 2 GPUs on .* \\(2 GPU types from RunPod GraphQL API at ${origin}/graphql\\)\\.$`));
      assert.equal(lines[1], 'The REST v2 GPU catalog was not used: it answered HTTP 404 Not Found.');
      assert.deepEqual(
        api.seen.map((s) => `${s.method} ${s.url}`),
        ['GET /v2/catalog/gpus', 'POST /graphql'],
      );
      assert.equal(api.seen[1]!.headers['content-type'], 'application/json');
      const saved = JSON.parse(await readFile(path.join(dir, '.benchpress', '.cache', 'runpod-prices.json'), 'utf8')) as PriceSnapshot;
      assert.deepEqual(
        saved.prices.map((p) => [p.gpuId, p.tier, p.usdPerHour]),
        [
          ['h100-sxm', 'secure', 2.79],
          ['h100-sxm', 'community', 2.49],
          ['l4', 'community', 0.29],
        ],
      );
      await assertKeyNowhere(r, dir);
    }),
  ));

test('process: both APIs failing: exit 1, a message naming both, nothing saved, the key never printed', () =>
  withApi({ [CATALOG_ROUTE]: [problem(404, 'Not Found', `no route for ${KEY}`)], [GRAPHQL_ROUTE]: [problem(410, 'Gone', 'GraphQL was retired')] }, (origin) =>
    withDir(async (dir) => {
      const r = await cli(['prices', 'refresh', '--base-url', origin], dir);
      assert.equal(r.code, 1);
      assert.equal(r.stdout, '');
      assert.equal(
        r.stderr,
        `benchpress: Neither RunPod API gave prices. REST v2: The RunPod REST v2 GPU catalog at ${origin}/v2/catalog/gpus answered HTTP 404 Not Found: “Not Found: no route for [redacted]”. ` +
          `GraphQL: The RunPod GraphQL API at ${origin}/graphql answered HTTP 410 Gone: “Gone: GraphQL was retired”. Check the API origin (${origin}).\n`,
      );
      assert.deepEqual(await readdir(path.join(dir, '.benchpress')), [], 'nothing saved');
      await assertKeyNowhere(r, dir);
    }),
  ));
