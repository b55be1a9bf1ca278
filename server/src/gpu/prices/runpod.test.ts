// The RunPod price client against a local stand-in of RunPod's API on 127.0.0.1 (test-server.ts) whose replies
// follow RunPod's documented shapes: the REST v2 catalog, GraphQL, problem+json errors, partial GraphQL errors,
// 429 with Retry-After; and failing, slow, reset and malformed replies. Every test that talks to it checks the
// request exactly as the server received it. No network mocks, no internet.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import gpuJson from '../../data/gpus.json';
import {
  benchpressGpuId,
  fetchRunpodPrices,
  parseRetryAfter,
  RUNPOD_API_ORIGIN,
  RUNPOD_GPU_MAP,
  runpodEndpoints,
  type FetchRunpodOptions,
  type FetchRunpodResult,
  type FetchRunpodSuccess,
  type PriceError,
  type PriceProgress,
} from './runpod';
import { validatePriceSnapshot } from './store';
import { CATALOG_ROUTE, FakeRunpod, GRAPHQL_ROUTE, gqlGpu, graphql, hang, json, problem, raw, reset, selectedGpuTypeFields, slow, v2Gpu, type SeenRequest } from './test-server';

const KEY = 'rpa_Q7XK2M9ZTESTKEY4N8W1VB6C3LPSECRET';
const NOW = Date.UTC(2026, 10, 30, 12, 0, 0);

// ------------------------------------------------------------------ documented replies

/** A catalog as REST v2 documents it: required fields, serverless prices, a GPU not offered in a cloud, unknown ids, the `unknown` placeholder. */
const CATALOG = {
  gpus: [
    v2Gpu('NVIDIA GeForce RTX 4090', 'RTX 4090', 24, 0.59, 0.34, { pool: 'ADA_24', price: { secure: 0.59, community: 0.34, serverless: 1.1 } }),
    v2Gpu('NVIDIA H100 80GB HBM3', 'H100 SXM', 80, 2.99, 2.69, { pool: 'ADA_80_PRO' }),
    // Secure only, the community price field 0.
    v2Gpu('NVIDIA H100 PCIe', 'H100 PCIe', 80, 2.39, false),
    // Not offered in Community Cloud, yet a community price in the field: still no row (availability wins).
    v2Gpu('NVIDIA B200', 'B200', 180, 5.99, false, { price: { secure: 5.99, community: 5.49 } }),
    v2Gpu('NVIDIA L4', 'L4', 24, false, 0.28, { pool: 'AMPERE_24' }),
    // Offered in Secure Cloud with no price: no row, never a $0.
    v2Gpu('NVIDIA GeForce RTX 3090', 'RTX 3090', 24, 0.46, 0.22, { price: { secure: 0, community: 0.22 } }),
    v2Gpu('NVIDIA A40', 'A40', 48, 0.4, 0.35),
    v2Gpu('AMD Instinct MI300X OAM', 'MI300X', 192, 2.49, false),
    v2Gpu('unknown', 'unknown', 0, false, false),
  ],
};

/** The same market through GraphQL (more fields than asked for: the server answers only the selection). */
const GPU_TYPES = [
  gqlGpu('NVIDIA GeForce RTX 4090', 'RTX 4090', 24, 0.69, 0.44),
  gqlGpu('NVIDIA H100 80GB HBM3', 'H100 SXM', 80, 2.89, 2.59),
  gqlGpu('NVIDIA L40S', 'L40S', 48, 0.86, null),
  // communityCloud false with a price: no row.
  gqlGpu('NVIDIA A100-SXM4-80GB', 'A100 SXM', 80, 1.49, 1.19, { communityCloud: false }),
  gqlGpu('NVIDIA RTX A6000', 'RTX A6000', 48, 0.49, 0.33),
  gqlGpu('unknown', 'unknown', 0, null, null),
];

async function withApi(routes: Parameters<typeof FakeRunpod.start>[0], fn: (api: FakeRunpod) => Promise<void>): Promise<void> {
  const api = await FakeRunpod.start(routes);
  try {
    await fn(api);
  } finally {
    await api.close();
  }
}

/** Runs the real client with test-friendly defaults, collecting progress, and checks the key never leaks. */
async function fetchWith(api: FakeRunpod | undefined, extra: Partial<FetchRunpodOptions> = {}): Promise<{ result: FetchRunpodResult; progress: PriceProgress[] }> {
  const progress: PriceProgress[] = [];
  const result = await fetchRunpodPrices({
    apiKey: KEY,
    baseUrl: api?.origin,
    timeoutMs: 2000,
    retries: 2,
    retryDelayMs: 10,
    now: () => NOW,
    onProgress: (p) => progress.push(p),
    ...extra,
  });
  assertNoKey(result, progress);
  return { result, progress };
}

/** Neither the key nor any 10-character piece of it appears in anything produced. */
function assertNoKey(...values: unknown[]): void {
  for (const v of values) {
    const text = typeof v === 'string' ? v : JSON.stringify(v);
    for (let i = 0; i + 10 <= KEY.length; i++) {
      const piece = KEY.slice(i, i + 10);
      assert.ok(!text.includes(piece), `the API key (or part of it: ${piece}) leaked into: ${text.slice(0, 300)}`);
    }
  }
}

function failed(result: FetchRunpodResult): PriceError {
  assert.equal(result.ok, false, `expected a failure, got ${JSON.stringify(result).slice(0, 300)}`);
  return (result as { ok: false; error: PriceError }).error;
}

function succeeded(result: FetchRunpodResult): FetchRunpodSuccess {
  assert.equal(result.ok, true, `expected success, got ${JSON.stringify(result)}`);
  return result as FetchRunpodSuccess;
}

const rows = (r: FetchRunpodSuccess) => r.snapshot.prices.map((p) => [p.gpuId, p.tier, p.usdPerHour]);

/** The catalog request exactly as RunPod would receive it. */
function assertCatalogRequest(req: SeenRequest): void {
  assert.equal(req.method, 'GET');
  assert.equal(req.url, '/v2/catalog/gpus', 'no query: `include=AVAILABILITY` only adds stock fields');
  assert.equal(req.headers.authorization, `Bearer ${KEY}`);
  assert.equal(req.headers['content-type'], undefined, 'a GET without a body has no Content-Type');
  assert.equal(req.body, '');
  assert.match(req.headers.accept ?? '', /application\/json/);
  assert.match(req.headers['user-agent'] ?? '', /^Benchpress\//);
}

/** The GraphQL request exactly as RunPod would receive it: a JSON body whose query selects the fields used, and only those. */
function assertGraphqlRequest(req: SeenRequest): void {
  assert.equal(req.method, 'POST');
  assert.equal(req.url, '/graphql', 'the key is not in the URL');
  assert.equal(req.headers.authorization, `Bearer ${KEY}`);
  assert.match(req.headers['content-type'] ?? '', /^application\/json(;|$)/);
  const body = JSON.parse(req.body) as Record<string, unknown>;
  assert.deepEqual(Object.keys(body), ['query'], 'no variables, no operationName');
  const fields = selectedGpuTypeFields(body.query as string);
  assert.ok(fields, `a gpuTypes selection: ${String(body.query)}`);
  assert.deepEqual([...fields].sort(), ['communityCloud', 'communityPrice', 'displayName', 'id', 'memoryInGb', 'secureCloud', 'securePrice']);
}

// ------------------------------------------------------------------ the REST v2 catalog

test('REST v2 catalog: one GET with the Bearer key; a row per cloud a GPU is offered in; unknown ids reported, `unknown` skipped silently', () =>
  withApi({ [CATALOG_ROUTE]: [json(CATALOG)], [GRAPHQL_ROUTE]: [graphql(GPU_TYPES)] }, async (api) => {
    const { result, progress } = await fetchWith(api);
    const ok = succeeded(result);
    assert.equal(api.seen.length, 1, 'GraphQL is not asked when the catalog answers');
    assertCatalogRequest(api.seen[0]!);
    assert.equal(ok.api, 'rest-v2');
    assert.equal(ok.url, `${api.origin}/v2/catalog/gpus`);
    assert.equal(ok.fallbackReason, undefined);
    assert.deepEqual(rows(ok), [
      ['rtx-3090', 'community', 0.22],
      ['rtx-4090', 'secure', 0.59],
      ['rtx-4090', 'community', 0.34],
      ['h100-sxm', 'secure', 2.99],
      ['h100-sxm', 'community', 2.69],
      ['h100-pcie', 'secure', 2.39],
      ['b200', 'secure', 5.99],
      ['l4', 'community', 0.28],
    ]);
    assert.ok(ok.snapshot.prices.every((p) => p.usdPerHour > 0));
    assert.deepEqual(ok.stats, {
      gpuTypes: 8,
      mapped: 6,
      unknown: 2,
      unknownIds: ['NVIDIA A40', 'AMD Instinct MI300X OAM'],
      notOffered: 3, // h100-pcie community, b200 community (despite its price), l4 secure
      noPrice: 1, // rtx-3090 secure: offered, price 0
      invalidPrice: 0,
      invalidEntries: 0,
      duplicates: 0,
      partialErrors: 0,
    });
    const s = ok.snapshot;
    assert.deepEqual([s.schemaVersion, s.provider, s.currency, s.asOf], [1, 'runpod', 'USD', '2026-11-30']);
    assert.equal(s.source, `${api.origin}/v2/catalog/gpus (RunPod REST API v2 GPU catalog, fetched 2026-11-30T12:00:00.000Z)`);
    assert.equal(s.prices[1]!.source, `${api.origin}/v2/catalog/gpus (RunPod REST API v2 catalog gpus "NVIDIA GeForce RTX 4090" price.secure, fetched 2026-11-30T12:00:00.000Z)`);
    assert.ok(validatePriceSnapshot(s).ok, 'the snapshot has the cloud-prices.json shape');
    assert.deepEqual(
      progress.map((p) => `${p.api} ${p.stage}`),
      ['rest-v2 request', 'rest-v2 parsing', 'rest-v2 done'],
    );
    assert.equal(progress.at(-1)!.message, 'Fetched 8 prices for 6 GPUs.');
  }));

test('REST v2 errors are RFC 9457 problems: 401 and 403 stop the refresh (GraphQL is not tried) and quote the problem', () =>
  withApi(
    {
      [CATALOG_ROUTE]: [problem(401, 'Unauthorized', 'missing bearer token'), problem(403, 'Forbidden', 'access denied')],
      [GRAPHQL_ROUTE]: [graphql(GPU_TYPES)],
    },
    async (api) => {
      const a = failed((await fetchWith(api)).result);
      assert.deepEqual([a.kind, a.status, a.api, a.tries], ['auth', 401, 'rest-v2', 1]);
      assert.equal(a.message, 'RunPod rejected the API key (401): “Unauthorized: missing bearer token”. Set a valid key with “Benchpress: Set RunPod API Key” or RUNPOD_API_KEY.');
      assert.match(a.messageZh, /^RunPod 拒绝了 API 密钥（401）/);
      const b = failed((await fetchWith(api)).result);
      assert.deepEqual([b.kind, b.status], ['auth', 403]);
      assert.equal(b.message, 'RunPod rejected the API key (403): “Forbidden: access denied” — the key may not have read access to the RunPod REST v2 GPU catalog. Set a valid key with “Benchpress: Set RunPod API Key” or RUNPOD_API_KEY.');
      assert.equal(api.to(GRAPHQL_ROUTE).length, 0, 'an auth failure does not fall through');
      assert.equal(api.to(CATALOG_ROUTE).length, 2, 'and is not retried');
    },
  ));

test('REST v2 429 with Retry-After (seconds): waits as told, then reads the catalog', () =>
  withApi({ [CATALOG_ROUTE]: [problem(429, 'Too Many Requests', 'minute window exceeded', { 'retry-after': '1', ratelimit: '"minute";r=0;t=1' }), json(CATALOG)] }, async (api) => {
    const { result, progress } = await fetchWith(api);
    const ok = succeeded(result);
    assert.equal(ok.tries, 2);
    assert.equal(api.to(CATALOG_ROUTE).length, 2);
    api.to(CATALOG_ROUTE).forEach(assertCatalogRequest);
    const wait = progress.find((p) => p.stage === 'waiting')!;
    assert.equal(wait.waitMs, 1000, 'the pause is the Retry-After, not a backoff');
    assert.equal(wait.message, 'RunPod: rate limited (429); trying again in 1 s…');
    assert.equal(progress.find((p) => p.stage === 'request' && p.attempt === 2)!.message, 'Asking RunPod’s GPU catalog (REST v2) for current prices (try 2 of 3)…');
  }));

test('REST v2 429 with a Retry-After beyond the cap: rate-limited at once, and GraphQL is not tried', () =>
  withApi({ [CATALOG_ROUTE]: [problem(429, 'Too Many Requests', 'day window exceeded', { 'retry-after': '45012' })], [GRAPHQL_ROUTE]: [graphql(GPU_TYPES)] }, async (api) => {
    const e = failed((await fetchWith(api, { maxRetryAfterMs: 30_000 })).result);
    assert.deepEqual([e.kind, e.status, e.retryAfterMs, e.tries], ['rate-limited', 429, 45_012_000, 1]);
    assert.equal(e.message, 'RunPod is rate-limiting requests (429) and asks to wait 45012 s; try again later.');
    assert.equal(api.seen.length, 1);
  }));

test('429 without Retry-After: backoff, then "rate-limited" after the last try', () =>
  withApi({ [CATALOG_ROUTE]: [problem(429, 'Too Many Requests', 'slow down')] }, async (api) => {
    const e = failed((await fetchWith(api)).result);
    assert.deepEqual([e.kind, e.tries], ['rate-limited', 3]);
    assert.equal(e.message, 'RunPod is rate-limiting requests (429) after 3 tries; try again in a minute.');
    assert.equal(api.seen.length, 3);
  }));

// ------------------------------------------------------------------ GraphQL, the fallback

test('catalog route missing (404): GraphQL is asked with a JSON POST selecting exactly the fields used', () =>
  withApi({ [GRAPHQL_ROUTE]: [graphql(GPU_TYPES)] }, async (api) => {
    const { result, progress } = await fetchWith(api);
    const ok = succeeded(result);
    assert.deepEqual(
      api.seen.map((s) => `${s.method} ${s.url}`),
      ['GET /v2/catalog/gpus', 'POST /graphql'],
    );
    assertCatalogRequest(api.seen[0]!);
    assertGraphqlRequest(api.seen[1]!);
    assert.equal(ok.api, 'graphql');
    assert.equal(ok.url, `${api.origin}/graphql`);
    assert.equal(ok.fallbackReason, 'it answered HTTP 404 Not Found');
    assert.deepEqual(rows(ok), [
      ['a100-80gb-sxm', 'secure', 1.49], // community: communityCloud false, no row despite its price
      ['h100-sxm', 'secure', 2.89],
      ['h100-sxm', 'community', 2.59],
      ['rtx-4090', 'secure', 0.69],
      ['rtx-4090', 'community', 0.44],
      ['l40s', 'secure', 0.86],
    ].sort((a, b) => RUNPOD_GPU_MAP.findIndex((m) => m.gpuId === a[0]) - RUNPOD_GPU_MAP.findIndex((m) => m.gpuId === b[0])));
    assert.deepEqual(ok.stats.unknownIds, ['NVIDIA RTX A6000'], '`unknown` is not reported');
    assert.equal(ok.stats.gpuTypes, 5);
    assert.equal(ok.stats.notOffered, 2); // l40s community, a100 community
    assert.equal(ok.snapshot.prices.find((p) => p.gpuId === 'a100-80gb-sxm')!.source, `${api.origin}/graphql (RunPod GraphQL gpuTypes "NVIDIA A100-SXM4-80GB" securePrice, fetched 2026-11-30T12:00:00.000Z)`);
    assert.ok(validatePriceSnapshot(ok.snapshot).ok);
    assert.deepEqual([...new Set(progress.map((p) => p.api))], ['rest-v2', 'graphql']);
  }));

test('the catalog falls through to GraphQL when gone (410), broken (5xx after retries) or answering an unknown shape', () =>
  withApi(
    {
      [CATALOG_ROUTE]: [problem(410, 'Gone', 'v2 beta endpoint retired'), raw(503, 'upstream down'), raw(503, 'upstream down'), raw(503, 'upstream down'), json({ items: [] })],
      [GRAPHQL_ROUTE]: [graphql(GPU_TYPES)],
    },
    async (api) => {
      const gone = succeeded((await fetchWith(api)).result);
      assert.equal(gone.fallbackReason, 'it answered HTTP 410 Gone');
      const broken = succeeded((await fetchWith(api)).result);
      assert.equal(broken.fallbackReason, 'it answered HTTP 503 Service Unavailable');
      const reshaped = succeeded((await fetchWith(api)).result);
      assert.equal(reshaped.fallbackReason, 'it sent no usable price list');
      assert.equal(api.to(CATALOG_ROUTE).length, 5, '410 once, 503 three times (retried), the unknown shape once');
      assert.equal(api.to(GRAPHQL_ROUTE).length, 3);
      api.to(GRAPHQL_ROUTE).forEach(assertGraphqlRequest);
    },
  ));

test('partial GraphQL errors beside usable data do not sink the refresh: the prices sent are used, the errors counted', () =>
  withApi(
    {
      [GRAPHQL_ROUTE]: [
        graphql(GPU_TYPES, {
          errors: [{ message: 'Failed to load price for GPU type "NVIDIA L40S"', path: ['gpuTypes', 2, 'securePrice'] }],
          nullFields: { 'NVIDIA L40S': ['securePrice'] },
        }),
      ],
    },
    async (api) => {
      const ok = succeeded((await fetchWith(api)).result);
      assert.equal(ok.api, 'graphql');
      assert.equal(ok.stats.partialErrors, 1);
      assert.ok(!ok.snapshot.prices.some((p) => p.gpuId === 'l40s'), 'the errored price is left out, not 0');
      assert.equal(ok.snapshot.prices.find((p) => p.gpuId === 'h100-sxm' && p.tier === 'secure')!.usdPerHour, 2.89);
      assert.equal(ok.stats.noPrice, 1);
    },
  ));

test('GraphQL errors without usable data: an auth-like error is "auth", a schema error "malformed", both naming both APIs', () =>
  withApi(
    {
      [GRAPHQL_ROUTE]: [
        json({ errors: [{ message: 'Unauthorized: invalid api key', extensions: { code: 'UNAUTHENTICATED' } }], data: null }),
        json({ errors: [{ message: 'Cannot query field "securePrice" on type "GpuType".' }] }, 400),
        json({ errors: [{ message: 'Something went wrong' }], data: { gpuTypes: null } }),
      ],
    },
    async (api) => {
      const a = failed((await fetchWith(api)).result);
      assert.equal(a.kind, 'auth');
      assert.match(a.message, /^Neither RunPod API gave prices\. REST v2: The RunPod REST v2 GPU catalog at http:\/\/127\.0\.0\.1:\d+\/v2\/catalog\/gpus answered HTTP 404 Not Found: “404 page not found”\. GraphQL: RunPod rejected the API key: “Unauthorized: invalid api key”\. Set a valid key/);
      const b = failed((await fetchWith(api)).result);
      assert.deepEqual([b.kind, b.status], ['server', 400]);
      assert.match(b.message, /GraphQL: The RunPod GraphQL API at .*\/graphql answered HTTP 400 Bad Request: “Cannot query field "securePrice" on type "GpuType"\.”\. Check the API origin \(http:\/\/127\.0\.0\.1:\d+\)\.$/);
      const c = failed((await fetchWith(api)).result);
      assert.equal(c.kind, 'malformed');
      assert.match(c.message, /GraphQL: The RunPod GraphQL API reported an error instead of prices: “Something went wrong”\.$/);
      assert.equal(api.to(GRAPHQL_ROUTE).length, 3, 'none of these is retried');
    },
  ));

test('both routes missing: one "server" error that names both and says to check the origin', () =>
  withApi({}, async (api) => {
    const e = failed((await fetchWith(api)).result);
    assert.deepEqual([e.kind, e.status, e.api], ['server', 404, 'graphql']);
    assert.equal(
      e.message,
      `Neither RunPod API gave prices. REST v2: The RunPod REST v2 GPU catalog at ${api.origin}/v2/catalog/gpus answered HTTP 404 Not Found: “404 page not found”. ` +
        `GraphQL: The RunPod GraphQL API at ${api.origin}/graphql answered HTTP 404 Not Found: “404 page not found”. Check the API origin (${api.origin}).`,
    );
    assert.match(e.messageZh, /^两个 RunPod API 都没有给出价格。/);
    assert.equal(api.seen.length, 2);
  }));

// ------------------------------------------------------------------ the mapping table

/** RunPod's documented GPU type ids: runpod/docs references/gpu-types.mdx (38 ids, docs-gen from GraphQL). */
const RUNPOD_DOCS_IDS = [
  'AMD Instinct MI300X OAM', 'NVIDIA A100 80GB PCIe', 'NVIDIA A100-SXM4-80GB', 'NVIDIA A30', 'NVIDIA A40', 'NVIDIA B200', 'NVIDIA GeForce RTX 3070',
  'NVIDIA GeForce RTX 3080', 'NVIDIA GeForce RTX 3080 Ti', 'NVIDIA GeForce RTX 3090', 'NVIDIA GeForce RTX 3090 Ti', 'NVIDIA GeForce RTX 4070 Ti',
  'NVIDIA GeForce RTX 4080', 'NVIDIA GeForce RTX 4080 SUPER', 'NVIDIA GeForce RTX 4090', 'NVIDIA GeForce RTX 5080', 'NVIDIA GeForce RTX 5090',
  'NVIDIA H100 80GB HBM3', 'NVIDIA H100 NVL', 'NVIDIA H100 PCIe', 'NVIDIA H200', 'NVIDIA L4', 'NVIDIA L40', 'NVIDIA L40S', 'NVIDIA RTX 2000 Ada Generation',
  'NVIDIA RTX 4000 Ada Generation', 'NVIDIA RTX 4000 SFF Ada Generation', 'NVIDIA RTX 5000 Ada Generation', 'NVIDIA RTX 6000 Ada Generation',
  'NVIDIA RTX A2000', 'NVIDIA RTX A4000', 'NVIDIA RTX A4500', 'NVIDIA RTX A5000', 'NVIDIA RTX A6000', 'Tesla V100-FHHL-16GB', 'Tesla V100-PCIE-16GB',
  'Tesla V100-SXM2-16GB', 'Tesla V100-SXM2-32GB',
];
/** The 11 further ids of the REST v1 OpenAPI `gpuTypeId` enum (runpod/docs api-reference/openapi.json). */
const RUNPOD_V1_EXTRA_IDS = [
  'NVIDIA H200 NVL', 'NVIDIA RTX PRO 6000 Blackwell Server Edition', 'NVIDIA RTX PRO 6000 Blackwell Workstation Edition',
  'NVIDIA RTX PRO 6000 Blackwell Max-Q Workstation Edition', 'NVIDIA A5000 Ada', 'Tesla V100-PCIE-32GB', 'Tesla T4', 'NVIDIA RTX A30',
  'NVIDIA GeForce RTX 3080TI', 'NVIDIA  RTX A4500', 'NVIDIA  A30',
];

test('mapping: every built-in GPU and the RunPod id it maps to (or why none), each id from RunPod’s documented lists', () => {
  const builtins = (gpuJson as { gpus: { id: string }[] }).gpus.map((g) => g.id);
  const table = Object.fromEntries(RUNPOD_GPU_MAP.map((m) => [m.gpuId, m.runpodId ?? `none: ${m.source}`]));
  assert.deepEqual(table, {
    'rtx-3090': 'NVIDIA GeForce RTX 3090',
    'rtx-4090': 'NVIDIA GeForce RTX 4090',
    'rtx-5090': 'NVIDIA GeForce RTX 5090',
    'a100-40gb-sxm': 'none: no 40 GB A100 in any RunPod list (docs table, REST v1 OpenAPI enum, Flash GPU types)',
    'a100-80gb-sxm': 'NVIDIA A100-SXM4-80GB',
    'a100-80gb-pcie': 'NVIDIA A100 80GB PCIe',
    'h100-sxm': 'NVIDIA H100 80GB HBM3',
    'h100-pcie': 'NVIDIA H100 PCIe',
    'h100-nvl': 'NVIDIA H100 NVL',
    'h200-sxm': 'NVIDIA H200',
    'h200-nvl': 'NVIDIA H200 NVL',
    b200: 'NVIDIA B200',
    l40s: 'NVIDIA L40S',
    l40: 'NVIDIA L40',
    l4: 'NVIDIA L4',
    'rtx-6000-ada': 'NVIDIA RTX 6000 Ada Generation',
  });
  assert.deepEqual(Object.keys(table).sort(), [...builtins].sort(), 'every built-in GPU is listed, and nothing else');
  for (const m of RUNPOD_GPU_MAP) {
    if (m.runpodId === null) continue;
    assert.ok(RUNPOD_DOCS_IDS.includes(m.runpodId) || RUNPOD_V1_EXTRA_IDS.includes(m.runpodId), `${m.runpodId} is in a RunPod list`);
    assert.equal(m.source.startsWith('runpod/docs'), true, m.source);
    assert.equal(benchpressGpuId(m.runpodId), m.gpuId);
  }
  // Ids seen only in third-party notes, other cards, and RunPod's placeholder map to nothing.
  for (const id of ['NVIDIA A100-SXM4-40GB', 'NVIDIA H100 SXM', 'NVIDIA RTX PRO 6000 Blackwell Server Edition', 'NVIDIA RTX A6000', 'NVIDIA A40', 'unknown', 'H100 SXM', '']) {
    assert.equal(benchpressGpuId(id), undefined, id);
  }
  assert.equal(benchpressGpuId('  nvidia  geforce rtx 4090 '), 'rtx-4090', 'case and spacing do not matter');
  assert.equal(benchpressGpuId(42), undefined);
  const ids = RUNPOD_GPU_MAP.flatMap((m) => (m.runpodId ? [m.runpodId.toLowerCase()] : []));
  assert.equal(new Set(ids).size, ids.length, 'no RunPod id is claimed twice');
});

// ------------------------------------------------------------------ origin and paths

test('--base-url is the API origin: both paths are derived from it; a path to either route or a proxy prefix works', () => {
  assert.equal(RUNPOD_API_ORIGIN, 'https://api.runpod.io');
  const at = (base: string) => {
    const e = runpodEndpoints(base);
    return e && [e.origin, e.catalog.href, e.graphql.href];
  };
  assert.deepEqual(at(RUNPOD_API_ORIGIN), ['https://api.runpod.io', 'https://api.runpod.io/v2/catalog/gpus', 'https://api.runpod.io/graphql']);
  assert.deepEqual(at('https://api.runpod.io/'), at(RUNPOD_API_ORIGIN));
  assert.deepEqual(at('https://api.runpod.io/graphql'), at(RUNPOD_API_ORIGIN));
  assert.deepEqual(at('https://api.runpod.io/v2/catalog/gpus?x=1#y'), at(RUNPOD_API_ORIGIN));
  assert.deepEqual(at('http://proxy.internal:8080/runpod/'), ['http://proxy.internal:8080/runpod', 'http://proxy.internal:8080/runpod/v2/catalog/gpus', 'http://proxy.internal:8080/runpod/graphql']);
  assert.deepEqual(at(`https://user:${KEY}@api.runpod.io/?api_key=${KEY}`), at(RUNPOD_API_ORIGIN), 'credentials and query are dropped');
  assert.equal(runpodEndpoints('ftp://api.runpod.io'), undefined);
  assert.equal(runpodEndpoints('not a url'), undefined);
});

test('an invalid base URL is an error, not an exception; an aborted signal sends nothing to RunPod’s real origin', async () => {
  for (const baseUrl of ['not a url', 'ftp://example.com/']) {
    const e = failed((await fetchWith(undefined, { baseUrl })).result);
    assert.equal(e.kind, 'network');
    assert.match(e.message, /is not a valid http\(s\) URL/);
  }
  const controller = new AbortController();
  controller.abort();
  assert.equal(failed((await fetchWith(undefined, { signal: controller.signal })).result).kind, 'cancelled');
});

// ------------------------------------------------------------------ keys

test('no key, a blank key, or a key with control characters: nothing is sent', () =>
  withApi({ [CATALOG_ROUTE]: [json(CATALOG)] }, async (api) => {
    for (const apiKey of [undefined, '', '   ']) {
      const e = failed((await fetchWith(api, { apiKey })).result);
      assert.equal(e.kind, 'no-key');
      assert.match(e.message, /No RunPod API key/);
      assert.match(e.messageZh, /未设置 RunPod API 密钥/);
    }
    const e = failed((await fetchWith(api, { apiKey: `${KEY}\r\nX-Evil: 1` })).result);
    assert.equal(e.kind, 'auth');
    assert.match(e.message, /spaces or control characters/);
    assert.equal(api.seen.length, 0);
  }));

test('the key never appears in errors, excerpts, sources or progress, even when the server echoes it', () =>
  withApi(
    {
      [CATALOG_ROUTE]: [
        problem(401, 'Unauthorized', `token ${KEY} is expired`),
        json({ errors: [{ message: `boom for ${encodeURIComponent(KEY)}` }] }, 500),
        raw(200, `${'x'.repeat(113)}${KEY}${'y'.repeat(50)}`), // the key straddles the excerpt's cut
        json({ gpus: [v2Gpu(`NVIDIA ${KEY}`, 'x', 1, 1, false), v2Gpu('NVIDIA L4', 'L4', 24, false, 0.28)] }),
      ],
      [GRAPHQL_ROUTE]: [raw(404, `no route for key=${KEY}`)],
    },
    async (api) => {
      const kinds: string[] = [];
      for (let i = 0; i < 4; i++) {
        const { result } = await fetchWith(api, { retries: 0 }); // fetchWith checks every produced string
        kinds.push(result.ok ? 'ok' : result.error.kind);
        if (!result.ok) assert.match(result.error.message, /\[redact/);
      }
      assert.deepEqual(kinds, ['auth', 'server', 'server', 'ok']);
    },
  ));

test('no exception escapes, even from a throwing progress listener', () =>
  withApi({ [CATALOG_ROUTE]: [json(CATALOG)] }, async (api) => {
    const r = await fetchRunpodPrices({
      apiKey: KEY,
      baseUrl: api.origin,
      onProgress: () => {
        throw new Error(`listener failed ${KEY}`);
      },
    });
    assert.equal(r.ok, true);
  }));

// ------------------------------------------------------------------ retries, timeouts, network errors, cancellation

test('500 then 200: retried once, succeeds', () =>
  withApi({ [CATALOG_ROUTE]: [problem(500, 'Internal Server Error', 'catalog unavailable'), json(CATALOG)] }, async (api) => {
    const { result, progress } = await fetchWith(api);
    assert.equal(succeeded(result).tries, 2);
    assert.deepEqual(
      progress.map((p) => p.stage),
      ['request', 'waiting', 'request', 'parsing', 'done'],
    );
  }));

test('retries: 0 means one request per API; backoff grows exponentially with jitter', () =>
  withApi({ [CATALOG_ROUTE]: [problem(502, 'Bad Gateway', 'upstream')], [GRAPHQL_ROUTE]: [raw(502, 'bad gateway')] }, async (api) => {
    const { result, progress } = await fetchWith(api, { retries: 3, retryDelayMs: 20, random: () => 0.5 });
    const e = failed(result);
    assert.equal(e.tries, 4);
    assert.deepEqual(
      progress.filter((p) => p.stage === 'waiting' && p.api === 'rest-v2').map((p) => p.waitMs),
      [15, 30, 60], // base·2ⁿ/2 + random·base·2ⁿ/2
    );
    assert.match(e.message, /REST v2: The RunPod REST v2 GPU catalog had a server error \(HTTP 502 Bad Gateway\) after 4 tries: “Bad Gateway: upstream”; try again later\./);
    const one = failed((await fetchWith(api, { retries: 0 })).result);
    assert.equal(one.tries, 1);
    assert.equal(api.seen.length, 8 + 2);
  }));

test('a reply slower than the timeout: "timeout" after the retries, the client hangs up, GraphQL is not tried', () =>
  withApi({ [CATALOG_ROUTE]: [slow(10_000, json(CATALOG))], [GRAPHQL_ROUTE]: [graphql(GPU_TYPES)] }, async (api) => {
    const e = failed((await fetchWith(api, { timeoutMs: 150, retries: 1 })).result);
    assert.deepEqual([e.kind, e.tries], ['timeout', 2]);
    assert.equal(e.message, `The RunPod API (${new URL(api.origin).host}) did not answer within 150 ms (2 tries).`);
    assert.equal(api.to(GRAPHQL_ROUTE).length, 0, 'the same host would not answer GraphQL either');
    await Promise.all(api.seen.map((s) => s.closed));
  }));

test('connection reset: retried, then a "network" error; once, then a good reply', () =>
  withApi({ [CATALOG_ROUTE]: [reset, reset, reset, reset, json(CATALOG)] }, async (api) => {
    const e = failed((await fetchWith(api)).result);
    assert.equal(e.kind, 'network');
    assert.match(e.message, /^Could not reach the RunPod API at 127\.0\.0\.1:\d+: (connection reset|connection closed before a complete response) \(3 tries\)\.$/);
    assert.match(e.messageZh, /无法连接 RunPod API/);
    assert.equal(succeeded((await fetchWith(api)).result).tries, 2);
  }));

test('connection refused: "network" error', async () => {
  const api = await FakeRunpod.start({});
  const origin = api.origin;
  await api.close(); // nothing listens there any more
  const e = failed((await fetchWith(undefined, { baseUrl: origin, retries: 1 })).result);
  assert.equal(e.kind, 'network');
  assert.match(e.message, /: connection refused \(2 tries\)\.$/);
  assert.match(e.messageZh, /连接被拒绝/);
});

test('cancellation mid-request stops at once, hangs up, and leaves no timer behind', () =>
  withApi({ [CATALOG_ROUTE]: [hang] }, async (api) => {
    const timersBefore = process.getActiveResourcesInfo().filter((r) => r === 'Timeout').length;
    const controller = new AbortController();
    const pending = fetchWith(api, { signal: controller.signal, timeoutMs: 10_000 });
    while (api.seen.length === 0) await new Promise((r) => setImmediate(r));
    controller.abort();
    const e = failed((await pending).result);
    assert.equal(e.kind, 'cancelled');
    assert.equal(e.message, 'Price refresh cancelled; the saved prices are unchanged.');
    await api.seen[0]!.closed; // the server saw the connection go
    const timersAfter = process.getActiveResourcesInfo().filter((r) => r === 'Timeout').length;
    assert.ok(timersAfter <= timersBefore, `timers before ${timersBefore}, after ${timersAfter}`);
    assert.equal(api.to(GRAPHQL_ROUTE).length, 0);
  }));

test('cancellation during the backoff pause stops at once', () =>
  withApi({ [CATALOG_ROUTE]: [raw(503, 'busy')] }, async (api) => {
    const controller = new AbortController();
    const progress: PriceProgress[] = [];
    const pending = fetchWith(api, { signal: controller.signal, retryDelayMs: 60_000, onProgress: (p) => progress.push(p) });
    while (!progress.some((p) => p.stage === 'waiting')) await new Promise((r) => setImmediate(r));
    controller.abort();
    const e = failed((await pending).result);
    assert.equal(e.kind, 'cancelled');
    assert.equal(e.tries, 1);
    assert.equal(api.seen.length, 1);
  }));

// ------------------------------------------------------------------ malformed and odd replies

test('a catalog that is not JSON: "malformed", so GraphQL has a go; the message quotes both when it fails too', () =>
  withApi({ [CATALOG_ROUTE]: [raw(200, `<!DOCTYPE html><html><body>${'Maintenance. '.repeat(30)}</body></html>`)] }, async (api) => {
    const e = failed((await fetchWith(api)).result);
    assert.match(e.message, /^Neither RunPod API gave prices\. REST v2: The RunPod REST v2 GPU catalog sent a reply that is not JSON \(HTTP 200, text\/html\): “<!DOCTYPE html><html><body>Maintenance\. Maintenance\./);
    assert.equal(api.to(CATALOG_ROUTE).length, 1, 'a malformed reply is not retried');
    assert.equal(api.to(GRAPHQL_ROUTE).length, 1);
  }));

test('odd fields: numeric strings are read, other strings/negatives/objects are skipped and counted, non-objects ignored', () =>
  withApi(
    {
      [CATALOG_ROUTE]: [
        json({
          gpus: [
            null,
            7,
            'NVIDIA L40S',
            { ...v2Gpu('NVIDIA L40S', 'L40S', 48, 1, 1), price: { secure: '0.86', community: 'N/A' } },
            { ...v2Gpu('NVIDIA L40', 'L40', 48, 1, 1), price: { secure: -1, community: { amount: 1 } } },
            { ...v2Gpu('NVIDIA H200', 'H200 SXM', 141, 1, 1), price: { secure: '3.59 ', community: '1e3' } },
            { ...v2Gpu('NVIDIA H100 NVL', 'H100 NVL', 94, 1, 1), price: { secure: Number.MAX_VALUE, community: true } },
            { ...v2Gpu('NVIDIA RTX 6000 Ada Generation', 'RTX 6000 Ada', 48, 0.77, 0.74), secure: 'true' },
            { ...v2Gpu('NVIDIA H100 80GB HBM3', 'H100 SXM', 80, 2.99, 2.69), price: null },
            { name: 'A100 SXM', secure: true, price: { secure: 1.49 } },
            { ...v2Gpu('NVIDIA L4', 'L4', 24, false, 0.28) },
            { ...v2Gpu('NVIDIA L4', 'L4', 24, false, 0.99) },
          ],
        }),
      ],
    },
    async (api) => {
      const ok = succeeded((await fetchWith(api)).result);
      assert.deepEqual(rows(ok), [
        ['h200-sxm', 'secure', 3.59],
        ['l40s', 'secure', 0.86],
        ['l4', 'community', 0.28],
        ['rtx-6000-ada', 'community', 0.74],
      ]);
      assert.equal(ok.stats.invalidEntries, 3);
      assert.equal(ok.stats.invalidPrice, 6); // "N/A", -1, {…}, "1e3", MAX_VALUE, true
      assert.equal(ok.stats.noPrice, 2); // h100-sxm without a price object
      assert.equal(ok.stats.notOffered, 2); // rtx-6000-ada secure ("true" is not true), l4 secure
      assert.equal(ok.stats.duplicates, 1, 'the second NVIDIA L4 is left out');
      assert.deepEqual(ok.stats.unknownIds, ['(no id)']);
    },
  ));

test('a reply larger than the limit is not read', () =>
  withApi({ [CATALOG_ROUTE]: [json({ gpus: [], padding: 'x'.repeat(20_000) })] }, async (api) => {
    const e = failed((await fetchWith(api, { maxBodyBytes: 4096 })).result);
    assert.match(e.message, /REST v2: The RunPod REST v2 GPU catalog sent a reply too large to be a price list; it was not read\./);
  }));

test('parseRetryAfter: seconds and HTTP dates', () => {
  assert.equal(parseRetryAfter('5'), 5000);
  assert.equal(parseRetryAfter(new Date(Date.UTC(2026, 0, 1, 0, 0, 10)).toUTCString(), Date.UTC(2026, 0, 1)), 10_000);
  assert.equal(parseRetryAfter('soon'), undefined);
  assert.equal(parseRetryAfter(undefined), undefined);
});

