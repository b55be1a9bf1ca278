// The RunPod price client against a real HTTP server on 127.0.0.1 that plays the API: good, failing, slow,
// reset, malformed and odd replies, retries, Retry-After, timeouts and cancellation. No network mocks, no internet.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import gpuJson from '../../data/gpus.json';
import { benchpressGpuId, fetchRunpodPrices, GPU_TYPES_QUERY, parseRetryAfter, RUNPOD_GPU_MAP, RUNPOD_GRAPHQL_URL, type FetchRunpodOptions, type FetchRunpodResult, type PriceError, type PriceProgress } from './runpod';
import { validatePriceSnapshot } from './store';

const KEY = 'rpa_Q7XK2M9ZTESTKEY4N8W1VB6C3LPSECRET';

// ------------------------------------------------------------------ a local server that plays the API

interface Seen {
  method: string;
  url: string;
  headers: http.IncomingHttpHeaders;
  body: string;
  /** Resolves when the request's connection or response is closed. */
  closed: Promise<void>;
}

type Reply = (req: http.IncomingMessage, res: http.ServerResponse) => void;

class FakeApi {
  readonly seen: Seen[] = [];
  private constructor(
    private readonly server: http.Server,
    readonly url: string,
  ) {}

  /** Answers successive requests with the replies in order; the last one repeats. */
  static async start(...replies: Reply[]): Promise<FakeApi> {
    const queue = [...replies];
    let api: FakeApi | undefined;
    const server = http.createServer((req, res) => {
      const chunks: Buffer[] = [];
      req.on('data', (c: Buffer) => chunks.push(c));
      req.on('end', () => {
        const closed = new Promise<void>((resolve) => res.once('close', () => resolve()));
        api!.seen.push({ method: req.method ?? '', url: req.url ?? '', headers: req.headers, body: Buffer.concat(chunks).toString('utf8'), closed });
        const reply = queue.length > 1 ? queue.shift()! : queue[0]!;
        reply(req, res);
      });
    });
    server.keepAliveTimeout = 500;
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', () => resolve()));
    api = new FakeApi(server, `http://127.0.0.1:${(server.address() as AddressInfo).port}/graphql`);
    return api;
  }

  async close(): Promise<void> {
    await new Promise<void>((resolve) => {
      this.server.close(() => resolve());
      this.server.closeAllConnections();
    });
  }
}

const json =
  (value: unknown, status = 200, headers: http.OutgoingHttpHeaders = {}): Reply =>
  (_req, res) => {
    res.writeHead(status, { 'content-type': 'application/json', ...headers });
    res.end(typeof value === 'string' ? value : JSON.stringify(value));
  };

const raw =
  (status: number, body: string, headers: http.OutgoingHttpHeaders = { 'content-type': 'text/html' }): Reply =>
  (_req, res) => {
    res.writeHead(status, headers);
    res.end(body);
  };

/** Never answers (the client must time out or cancel). */
const hang: Reply = () => {};

/** Answers after ms (the timer is cleared if the client goes away first). */
const slow =
  (ms: number, then: Reply): Reply =>
  (req, res) => {
    const timer = setTimeout(() => then(req, res), ms);
    res.once('close', () => clearTimeout(timer));
  };

/** Resets the TCP connection (RST) instead of answering. */
const reset: Reply = (req) => {
  req.socket.resetAndDestroy();
};

async function withApi(replies: Reply[], fn: (api: FakeApi) => Promise<void>): Promise<void> {
  const api = await FakeApi.start(...replies);
  try {
    await fn(api);
  } finally {
    await api.close();
  }
}

const NOW = Date.UTC(2026, 10, 30, 12, 0, 0);

/** Runs the real client with test-friendly defaults, collecting progress, and checks the key never leaks. */
async function fetchWith(api: FakeApi | undefined, extra: Partial<FetchRunpodOptions> = {}): Promise<{ result: FetchRunpodResult; progress: PriceProgress[]; ms: number }> {
  const progress: PriceProgress[] = [];
  const started = Date.now();
  const result = await fetchRunpodPrices({
    apiKey: KEY,
    baseUrl: api?.url,
    timeoutMs: 2000,
    retries: 2,
    retryDelayMs: 10,
    now: () => NOW,
    onProgress: (p) => progress.push(p),
    ...extra,
  });
  assertNoKey(result, progress);
  return { result, progress, ms: Date.now() - started };
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

function succeeded(result: FetchRunpodResult) {
  assert.equal(result.ok, true, `expected success, got ${JSON.stringify(result)}`);
  return result as Extract<FetchRunpodResult, { ok: true }>;
}

const GOOD = {
  data: {
    gpuTypes: [
      { id: 'NVIDIA GeForce RTX 4090', displayName: 'RTX 4090', memoryInGb: 24, secureCloud: true, communityCloud: true, securePrice: 0.59, communityPrice: 0.34, lowestPrice: { minimumBidPrice: 0.2, uninterruptablePrice: 0.34 } },
      { id: 'NVIDIA H100 80GB HBM3', displayName: 'H100 SXM', memoryInGb: 80, secureCloud: true, communityCloud: true, securePrice: 2.99, communityPrice: 2.69, lowestPrice: { minimumBidPrice: 1.75, uninterruptablePrice: 2.69 } },
      { id: 'NVIDIA H100 PCIe', displayName: 'H100 PCIe', memoryInGb: 80, secureCloud: true, communityCloud: true, securePrice: 2.39, communityPrice: 0, lowestPrice: null },
      { id: 'NVIDIA B200', displayName: 'B200', memoryInGb: 180, secureCloud: true, communityCloud: false, securePrice: 5.99, communityPrice: 5.49, lowestPrice: null },
      { id: 'NVIDIA A40', displayName: 'A40', memoryInGb: 48, secureCloud: true, communityCloud: true, securePrice: 0.4, communityPrice: 0.35 },
      { id: 'AMD Instinct MI300X OAM', displayName: 'MI300X', memoryInGb: 192, secureCloud: true, communityCloud: false, securePrice: 2.49, communityPrice: 0 },
      { id: 'NVIDIA L4', displayName: 'L4', memoryInGb: 24, secureCloud: false, communityCloud: true, securePrice: null, communityPrice: 0.28 },
      { id: 'NVIDIA RTX PRO 6000 Blackwell Server Edition', displayName: 'RTX PRO 6000', memoryInGb: 96, secureCloud: true, communityCloud: true, securePrice: 1.79, communityPrice: 1.59 },
    ],
  },
};

const gpuTypes = (...types: unknown[]) => ({ data: { gpuTypes: types } });

// ------------------------------------------------------------------ the good path

test('good reply: one POST with the GraphQL query and the Bearer key; a snapshot of the known GPUs', () =>
  withApi([json(GOOD)], async (api) => {
    const { result, progress } = await fetchWith(api);
    const ok = succeeded(result);
    assert.equal(api.seen.length, 1);
    const req = api.seen[0]!;
    assert.equal(req.method, 'POST');
    assert.equal(req.url, '/graphql');
    assert.match(req.headers['content-type'] ?? '', /^application\/json/);
    assert.equal(req.headers.authorization, `Bearer ${KEY}`);
    assert.match(req.headers['user-agent'] ?? '', /Benchpress/);
    assert.deepEqual(JSON.parse(req.body), { query: GPU_TYPES_QUERY });

    const s = ok.snapshot;
    assert.equal(s.schemaVersion, 1);
    assert.equal(s.provider, 'runpod');
    assert.equal(s.currency, 'USD');
    assert.equal(s.asOf, '2026-11-30');
    assert.equal(s.source, `${api.url} (RunPod API, fetched 2026-11-30T12:00:00.000Z)`);
    assert.deepEqual(
      s.prices.map((p) => [p.gpuId, p.tier, p.usdPerHour]),
      [
        ['rtx-4090', 'secure', 0.59],
        ['rtx-4090', 'community', 0.34],
        ['h100-sxm', 'secure', 2.99],
        ['h100-sxm', 'community', 2.69],
        ['h100-pcie', 'secure', 2.39],
        ['b200', 'secure', 5.99],
        ['l4', 'community', 0.28],
      ],
    );
    for (const p of s.prices) {
      assert.equal(p.provider, 'runpod');
      assert.equal(p.asOf, '2026-11-30');
      assert.ok(p.source.startsWith(`${api.url} (RunPod API gpuTypes "`), p.source);
    }
    assert.match(s.prices[0]!.source, /"NVIDIA GeForce RTX 4090" securePrice, fetched 2026-11-30T12:00:00.000Z\)$/);
    assert.ok(validatePriceSnapshot(s).ok, 'the snapshot has the cloud-prices.json shape');
    // Unknown types are kept out and counted; 0, null and "not offered in this cloud" are skipped, never invented.
    assert.deepEqual(ok.stats, {
      gpuTypes: 8,
      mapped: 5,
      unknown: 3,
      unknownIds: ['NVIDIA A40', 'AMD Instinct MI300X OAM', 'NVIDIA RTX PRO 6000 Blackwell Server Edition'],
      noPrice: 3,
      invalidPrice: 0,
      invalidEntries: 0,
      duplicates: 0,
    });
    assert.equal(ok.tries, 1);
    assert.deepEqual(
      progress.map((p) => p.stage),
      ['request', 'parsing', 'done'],
    );
    assert.equal(progress.at(-1)!.message, 'Fetched 7 prices for 5 GPUs.');
    assert.ok(progress.every((p) => p.messageZh.length > 0 && p.attempts === 3));
  }));

test('the default endpoint is RunPod’s GraphQL API (never contacted by the tests: the signal is already aborted)', async () => {
  assert.equal(RUNPOD_GRAPHQL_URL, 'https://api.runpod.io/graphql');
  const controller = new AbortController();
  controller.abort();
  const { result } = await fetchWith(undefined, { signal: controller.signal });
  assert.equal(failed(result).kind, 'cancelled');
});

// ------------------------------------------------------------------ the mapping table

test('mapping table: RunPod GPU type ids and display names → Benchpress ids', () => {
  const cases: [string, string | undefined][] = [
    ['NVIDIA GeForce RTX 3090', 'rtx-3090'],
    ['NVIDIA GeForce RTX 4090', 'rtx-4090'],
    ['NVIDIA GeForce RTX 5090', 'rtx-5090'],
    ['NVIDIA H100 80GB HBM3', 'h100-sxm'],
    ['NVIDIA H100 SXM', 'h100-sxm'],
    ['NVIDIA H100 PCIe', 'h100-pcie'],
    ['NVIDIA H100 NVL', 'h100-nvl'],
    ['NVIDIA A100 80GB PCIe', 'a100-80gb-pcie'],
    ['NVIDIA A100-SXM4-80GB', 'a100-80gb-sxm'],
    ['NVIDIA A100-SXM4-40GB', 'a100-40gb-sxm'],
    ['NVIDIA H200', 'h200-sxm'],
    ['NVIDIA H200 NVL', 'h200-nvl'],
    ['NVIDIA L40S', 'l40s'],
    ['NVIDIA L40', 'l40'],
    ['NVIDIA L4', 'l4'],
    ['NVIDIA RTX 6000 Ada Generation', 'rtx-6000-ada'],
    ['NVIDIA B200', 'b200'],
    ['  nvidia  geforce rtx 4090 ', 'rtx-4090'], // case and spacing do not matter
    // Not the same card, or no Benchpress record: kept out.
    ['NVIDIA A100-PCIE-40GB', undefined],
    ['NVIDIA RTX PRO 6000 Blackwell Server Edition', undefined],
    ['NVIDIA RTX A6000', undefined],
    ['NVIDIA GeForce RTX 4090 D', undefined],
    ['NVIDIA GeForce RTX 4080 SUPER', undefined],
    ['NVIDIA A40', undefined],
    ['NVIDIA H800', undefined],
    ['AMD Instinct MI300X OAM', undefined],
    ['unknown', undefined],
  ];
  for (const [id, expected] of cases) assert.equal(benchpressGpuId({ id })?.gpuId, expected, id);
  // Display names only when the id is unknown or missing; ambiguous ones are not in the table.
  assert.deepEqual(benchpressGpuId({ id: 'NVIDIA H100 80GB HBM3 v2', displayName: 'H100 SXM' }), { gpuId: 'h100-sxm', by: 'displayName' });
  assert.deepEqual(benchpressGpuId({ displayName: 'A100 PCIe' }), { gpuId: 'a100-80gb-pcie', by: 'displayName' });
  assert.deepEqual(benchpressGpuId({ id: 'NVIDIA H100 PCIe', displayName: 'H100 SXM' }), { gpuId: 'h100-pcie', by: 'id' });
  for (const name of ['A100 80GB', 'A100', 'H100', 'A100 40GB', 'RTX 6000', 'RTX PRO 6000']) assert.equal(benchpressGpuId({ displayName: name }), undefined, name);
  assert.equal(benchpressGpuId({ id: 42, displayName: null }), undefined);

  // Every target exists in gpus.json; no RunPod id or display name is claimed twice.
  const known = new Set((gpuJson as { gpus: { id: string }[] }).gpus.map((g) => g.id));
  for (const m of RUNPOD_GPU_MAP) assert.ok(known.has(m.gpuId), `${m.gpuId} is not in gpus.json`);
  const ids = RUNPOD_GPU_MAP.flatMap((m) => m.ids.map((s) => s.toLowerCase()));
  const names = RUNPOD_GPU_MAP.flatMap((m) => m.displayNames.map((s) => s.toLowerCase()));
  assert.equal(new Set(ids).size, ids.length);
  assert.equal(new Set(names).size, names.length);
  assert.equal(new Set(RUNPOD_GPU_MAP.map((m) => m.gpuId)).size, RUNPOD_GPU_MAP.length);
});

// ------------------------------------------------------------------ authentication

test('401: auth error with the “Set RunPod API Key” hint, not retried', () =>
  withApi([json({ error: 'Unauthorized' }, 401)], async (api) => {
    const { result } = await fetchWith(api);
    const e = failed(result);
    assert.equal(e.kind, 'auth');
    assert.equal(e.status, 401);
    assert.equal(e.message, 'RunPod rejected the API key (401). Set a valid key with “Benchpress: Set RunPod API Key” or RUNPOD_API_KEY.');
    assert.match(e.messageZh, /RunPod 拒绝了 API 密钥（401）/);
    assert.equal(api.seen.length, 1);
  }));

test('403: auth error that mentions key permissions, not retried', () =>
  withApi([raw(403, 'forbidden')], async (api) => {
    const e = failed((await fetchWith(api)).result);
    assert.equal(e.kind, 'auth');
    assert.equal(e.status, 403);
    assert.match(e.message, /^RunPod rejected the API key \(403\) \(the key may not have read access to the GraphQL API\)\. Set a valid key/);
    assert.equal(api.seen.length, 1);
  }));

test('no key, a blank key, or a key with control characters: nothing is sent', () =>
  withApi([json(GOOD)], async (api) => {
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

test('GraphQL errors: an auth-like error is "auth", another one is "malformed" (partial data is not trusted)', () =>
  withApi(
    [
      json({ errors: [{ message: 'Unauthorized: invalid api key', extensions: { code: 'UNAUTHENTICATED' } }], data: null }),
      json({ errors: [{ message: 'Cannot query field "securePrice" on type "GpuType".' }] }, 400),
      json({ errors: [{ message: 'Something went wrong' }], data: GOOD.data }),
    ],
    async (api) => {
      const a = failed((await fetchWith(api)).result);
      assert.equal(a.kind, 'auth');
      assert.match(a.message, /^RunPod rejected the API key: “Unauthorized: invalid api key”\. Set a valid key/);
      const b = failed((await fetchWith(api)).result);
      assert.equal(b.kind, 'malformed');
      assert.equal(b.status, 400);
      assert.equal(b.message, 'The RunPod API reported an error instead of prices: “Cannot query field "securePrice" on type "GpuType".”.');
      assert.match(b.messageZh, /RunPod API 返回了错误而不是价格/);
      const c = failed((await fetchWith(api)).result);
      assert.equal(c.kind, 'malformed');
      assert.match(c.message, /Something went wrong/);
      assert.equal(api.seen.length, 3, 'none of these is retried');
    },
  ));

// ------------------------------------------------------------------ rate limits and server errors

test('429 with Retry-After: waits as told, then succeeds', () =>
  withApi([json({ errors: [{ message: 'slow down' }] }, 429, { 'retry-after': '1' }), json(GOOD)], async (api) => {
    const { result, progress, ms } = await fetchWith(api);
    const ok = succeeded(result);
    assert.equal(ok.tries, 2);
    assert.equal(api.seen.length, 2);
    assert.ok(ms >= 950, `waited ${ms} ms`);
    const wait = progress.find((p) => p.stage === 'waiting')!;
    assert.equal(wait.waitMs, 1000);
    assert.equal(wait.message, 'RunPod: rate limited (429); trying again in 1 s…');
  }));

test('429 with a Retry-After beyond the cap: stops at once with retryAfterMs', () =>
  withApi([raw(429, 'busy', { 'retry-after': '120' })], async (api) => {
    const { result, ms } = await fetchWith(api, { maxRetryAfterMs: 30_000 });
    const e = failed(result);
    assert.equal(e.kind, 'rate-limited');
    assert.equal(e.status, 429);
    assert.equal(e.retryAfterMs, 120_000);
    assert.equal(e.message, 'RunPod is rate-limiting requests (429) and asks to wait 120 s; try again later.');
    assert.equal(api.seen.length, 1);
    assert.ok(ms < 2000, 'no waiting');
  }));

test('429 without Retry-After: backoff, then "rate-limited" after the last try', () =>
  withApi([raw(429, '')], async (api) => {
    const e = failed((await fetchWith(api)).result);
    assert.equal(e.kind, 'rate-limited');
    assert.equal(e.tries, 3);
    assert.equal(e.message, 'RunPod is rate-limiting requests (429) after 3 tries; try again in a minute.');
    assert.equal(api.seen.length, 3);
  }));

test('500 then 200: retried once, succeeds', () =>
  withApi([raw(500, 'oops'), json(GOOD)], async (api) => {
    const { result, progress } = await fetchWith(api);
    assert.equal(succeeded(result).tries, 2);
    assert.deepEqual(
      progress.map((p) => p.stage),
      ['request', 'waiting', 'request', 'parsing', 'done'],
    );
    assert.equal(progress[2]!.message, 'Asking RunPod for current prices (try 2 of 3)…');
  }));

test('500 forever: gives up after the retries with a "server" error', () =>
  withApi([json({ errors: [{ message: 'internal failure' }] }, 500)], async (api) => {
    const e = failed((await fetchWith(api)).result);
    assert.equal(e.kind, 'server');
    assert.equal(e.status, 500);
    assert.equal(e.tries, 3);
    assert.equal(e.message, 'The RunPod API had a server error (HTTP 500 Internal Server Error) after 3 tries: “internal failure”; try again later.');
    assert.match(e.messageZh, /RunPod API 服务器错误（HTTP 500 Internal Server Error），已尝试 3 次/);
    assert.equal(api.seen.length, 3);
  }));

test('retries: 0 means one request; backoff grows exponentially with jitter', () =>
  withApi([raw(502, 'bad gateway')], async (api) => {
    const { result, progress } = await fetchWith(api, { retries: 3, retryDelayMs: 20, random: () => 0.5 });
    assert.equal(failed(result).tries, 4);
    assert.deepEqual(
      progress.filter((p) => p.stage === 'waiting').map((p) => p.waitMs),
      [15, 30, 60], // base·2ⁿ/2 + random·base·2ⁿ/2
    );
    const one = failed((await fetchWith(api, { retries: 0 })).result);
    assert.equal(one.tries, 1);
    assert.equal(one.message, 'The RunPod API had a server error (HTTP 502 Bad Gateway) after 1 try; try again later.');
    assert.equal(api.seen.length, 5);
  }));

test('404 (wrong URL): a "server" error that says to check the URL, not retried', () =>
  withApi([raw(404, '<h1>Not Found</h1>')], async (api) => {
    const e = failed((await fetchWith(api)).result);
    assert.equal(e.kind, 'server');
    assert.equal(e.status, 404);
    assert.equal(e.message, `The RunPod API at ${api.url} answered HTTP 404 Not Found: “<h1>Not Found</h1>”. Check the API URL.`);
    assert.equal(api.seen.length, 1);
  }));

// ------------------------------------------------------------------ timeouts, network errors, cancellation

test('slow reply past the timeout: "timeout" after the retries, in bounded time', () =>
  withApi([slow(10_000, json(GOOD))], async (api) => {
    const { result, ms } = await fetchWith(api, { timeoutMs: 150, retries: 1 });
    const e = failed(result);
    assert.equal(e.kind, 'timeout');
    assert.equal(e.tries, 2);
    assert.equal(e.message, 'The RunPod API (127.0.0.1:' + new URL(api.url).port + ') did not answer within 150 ms (2 tries).');
    assert.equal(api.seen.length, 2);
    assert.ok(ms < 3000, `took ${ms} ms`);
    await Promise.all(api.seen.map((s) => s.closed)); // the client hung up on both
  }));

test('a reply that is slow but within the timeout is fine', () =>
  withApi([slow(100, json(GOOD))], async (api) => {
    assert.equal(succeeded((await fetchWith(api, { timeoutMs: 2000 })).result).tries, 1);
  }));

test('connection reset: retried, then a "network" error', () =>
  withApi([reset], async (api) => {
    const e = failed((await fetchWith(api)).result);
    assert.equal(e.kind, 'network');
    assert.match(e.message, /^Could not reach the RunPod API at 127\.0\.0\.1:\d+: (connection reset|connection closed before a complete response) \(3 tries\)\.$/);
    assert.match(e.messageZh, /无法连接 RunPod API/);
    assert.equal(api.seen.length, 3);
  }));

test('connection reset once, then a good reply', () =>
  withApi([reset, json(GOOD)], async (api) => {
    assert.equal(succeeded((await fetchWith(api)).result).tries, 2);
  }));

test('connection refused: "network" error', async () => {
  const api = await FakeApi.start(json(GOOD));
  const url = api.url;
  await api.close(); // nothing listens there any more
  const { result } = await fetchWith(undefined, { baseUrl: url, retries: 1 });
  const e = failed(result);
  assert.equal(e.kind, 'network');
  assert.match(e.message, /: connection refused \(2 tries\)\.$/);
  assert.match(e.messageZh, /连接被拒绝/);
});

test('an invalid base URL is an error, not an exception', async () => {
  for (const baseUrl of ['not a url', 'ftp://example.com/graphql']) {
    const e = failed((await fetchWith(undefined, { baseUrl })).result);
    assert.equal(e.kind, 'network');
    assert.match(e.message, /is not a valid http\(s\) URL/);
  }
});

test('cancellation mid-request stops at once, hangs up, and leaves no timer behind', () =>
  withApi([hang], async (api) => {
    const timersBefore = process.getActiveResourcesInfo().filter((r) => r === 'Timeout').length;
    const controller = new AbortController();
    const pending = fetchWith(api, { signal: controller.signal, timeoutMs: 10_000 });
    while (api.seen.length === 0) await new Promise((r) => setImmediate(r));
    const abortedAt = Date.now();
    controller.abort();
    const { result } = await pending;
    const e = failed(result);
    assert.equal(e.kind, 'cancelled');
    assert.equal(e.message, 'Price refresh cancelled; the saved prices are unchanged.');
    assert.ok(Date.now() - abortedAt < 1000, `took ${Date.now() - abortedAt} ms after abort (the timeout was 10 s)`);
    await api.seen[0]!.closed; // the server saw the connection go
    const timersAfter = process.getActiveResourcesInfo().filter((r) => r === 'Timeout').length;
    assert.ok(timersAfter <= timersBefore, `timers before ${timersBefore}, after ${timersAfter}`);
  }));

test('cancellation during the backoff pause stops at once', () =>
  withApi([raw(503, 'busy')], async (api) => {
    const controller = new AbortController();
    const pending = fetchWith(api, { signal: controller.signal, retryDelayMs: 5000 });
    while (api.seen.length === 0) await new Promise((r) => setImmediate(r));
    await new Promise((r) => setTimeout(r, 50));
    const abortedAt = Date.now();
    controller.abort();
    const e = failed((await pending).result);
    assert.equal(e.kind, 'cancelled');
    assert.equal(e.tries, 1);
    assert.ok(Date.now() - abortedAt < 1000, 'well before the 5 s pause would end');
    assert.equal(api.seen.length, 1);
  }));

test('an already-aborted signal sends nothing', () =>
  withApi([json(GOOD)], async (api) => {
    const controller = new AbortController();
    controller.abort();
    assert.equal(failed((await fetchWith(api, { signal: controller.signal })).result).kind, 'cancelled');
    assert.equal(api.seen.length, 0);
  }));

// ------------------------------------------------------------------ malformed and odd replies

test('non-JSON body: "malformed" with a short excerpt', () =>
  withApi([raw(200, `<!DOCTYPE html><html><body>${'Maintenance. '.repeat(30)}</body></html>`)], async (api) => {
    const e = failed((await fetchWith(api)).result);
    assert.equal(e.kind, 'malformed');
    assert.equal(e.status, 200);
    assert.match(e.message, /^The RunPod API sent a reply that is not JSON \(HTTP 200, text\/html\): “<!DOCTYPE html><html><body>Maintenance\. Maintenance\./);
    assert.ok(e.message.length < 260, 'the excerpt is short');
    assert.match(e.messageZh, /RunPod API 的回复不是 JSON/);
    assert.equal(api.seen.length, 1, 'a malformed reply is not retried');
  }));

test('empty body and JSON of the wrong shape: "malformed"', () =>
  withApi([raw(200, ''), json([1, 2]), json({ data: null }), json({ data: { gpuTypes: null } }), json({ data: { gpuTypes: { id: 'x' } } }), json('"just a string"')], async (api) => {
    const empty = failed((await fetchWith(api)).result);
    assert.equal(empty.kind, 'malformed');
    assert.match(empty.message, /not JSON \(HTTP 200, text\/html\) \(empty\)\.$/);
    for (let i = 0; i < 5; i++) {
      const e = failed((await fetchWith(api)).result);
      assert.equal(e.kind, 'malformed');
      assert.match(e.message, /^The RunPod API reply has no data\.gpuTypes list: “/);
    }
  }));

test('odd fields: numeric strings are read, other strings/negatives/objects are skipped and counted, non-objects ignored', () =>
  withApi(
    [
      json(
        gpuTypes(
          null,
          7,
          'NVIDIA L40S',
          { id: 'NVIDIA L40S', securePrice: '0.86', communityPrice: 'N/A' },
          { id: 'NVIDIA L40', securePrice: -1, communityPrice: { amount: 1 } },
          { id: 'NVIDIA H200', securePrice: '3.59 ', communityPrice: '1e3' },
          { id: 'NVIDIA H100 NVL', securePrice: Number.MAX_VALUE, communityPrice: true },
          { id: 'NVIDIA RTX 6000 Ada Generation', secureCloud: 'false', securePrice: 0.77, communityPrice: 0.74 },
          { displayName: 'A100 SXM', securePrice: 1.49 },
          { securePrice: 9 },
        ),
      ),
    ],
    async (api) => {
      const ok = succeeded((await fetchWith(api)).result);
      assert.deepEqual(
        ok.snapshot.prices.map((p) => [p.gpuId, p.tier, p.usdPerHour]),
        [
          ['a100-80gb-sxm', 'secure', 1.49],
          ['h200-sxm', 'secure', 3.59],
          ['l40s', 'secure', 0.86],
          ['rtx-6000-ada', 'community', 0.74],
        ],
      );
      assert.equal(ok.stats.invalidEntries, 3);
      assert.equal(ok.stats.invalidPrice, 6); // "N/A", -1, {…}, "1e3", MAX_VALUE, true
      assert.equal(ok.stats.noPrice, 2); // rtx-6000-ada secure (not offered), a100 community (missing)
      assert.equal(ok.stats.unknown, 1);
      assert.deepEqual(ok.stats.unknownIds, ['(no id)']);
    },
  ));

test('all types unknown or unpriced: "malformed" (an empty refresh would change nothing)', () =>
  withApi([json(gpuTypes({ id: 'NVIDIA A40', securePrice: 0.4 }, { id: 'NVIDIA L4', securePrice: 0, communityPrice: null }))], async (api) => {
    const e = failed((await fetchWith(api)).result);
    assert.equal(e.kind, 'malformed');
    assert.equal(e.message, 'The RunPod API reply had no usable prices (2 GPU types: 1 known to Benchpress, 1 unknown, 2 prices missing or zero, 0 not numbers).');
  }));

test('the same GPU twice: the exact id wins over a display-name match, the other is counted', () =>
  withApi(
    [json(gpuTypes({ id: 'NVIDIA H100 SXM5 (new)', displayName: 'H100 SXM', securePrice: 9.99 }, { id: 'NVIDIA H100 80GB HBM3', displayName: 'H100 SXM', securePrice: 2.99 }))],
    async (api) => {
      const ok = succeeded((await fetchWith(api)).result);
      assert.deepEqual(
        ok.snapshot.prices.map((p) => [p.gpuId, p.usdPerHour]),
        [['h100-sxm', 2.99]],
      );
      assert.equal(ok.stats.duplicates, 1);
    },
  ));

test('a reply larger than the limit is not read', () =>
  withApi([json({ data: { gpuTypes: [], padding: 'x'.repeat(20_000) } })], async (api) => {
    const e = failed((await fetchWith(api, { maxBodyBytes: 4096 })).result);
    assert.equal(e.kind, 'malformed');
    assert.match(e.message, /too large/);
  }));

// ------------------------------------------------------------------ the key never leaks

test('the key never appears in errors, excerpts, sources or progress, even when the server echoes it', () =>
  withApi(
    [
      raw(200, `<html>your key is ${KEY} and the header was Bearer ${KEY}</html>`),
      raw(200, `${'x'.repeat(113)}${KEY}${'y'.repeat(50)}`), // the key straddles the excerpt's cut
      json({ errors: [{ message: `Invalid api key ${KEY}` }] }),
      json({ errors: [{ message: `boom for ${encodeURIComponent(KEY)}` }] }, 500),
      raw(404, `no route for key=${KEY}`),
      json(gpuTypes({ id: `NVIDIA ${KEY}`, securePrice: 1 }, { id: 'NVIDIA L4', communityPrice: 0.28 })),
    ],
    async (api) => {
      const kinds: string[] = [];
      for (let i = 0; i < 6; i++) {
        const { result } = await fetchWith(api, { retries: 0 }); // fetchWith checks every produced string
        kinds.push(result.ok ? 'ok' : result.error.kind);
        if (!result.ok) assert.match(result.error.message, /\[redact/);
      }
      assert.deepEqual(kinds, ['malformed', 'malformed', 'auth', 'server', 'server', 'ok']);
      // A key in the base URL's query string (some clients do that) is not shown either.
      const { result } = await fetchWith(api, { baseUrl: `${api.url}?api_key=${KEY}` });
      assert.ok(result.ok);
      assert.ok(!result.snapshot.source.includes('api_key'));
    },
  ));

test('no exception escapes, even from a throwing progress listener', () =>
  withApi([json(GOOD)], async (api) => {
    const r = await fetchRunpodPrices({
      apiKey: KEY,
      baseUrl: api.url,
      onProgress: () => {
        throw new Error(`listener failed ${KEY}`);
      },
    });
    assert.equal(r.ok, true);
  }));

test('parseRetryAfter: seconds and HTTP dates', () => {
  assert.equal(parseRetryAfter('5'), 5000);
  assert.equal(parseRetryAfter(new Date(Date.UTC(2026, 0, 1, 0, 0, 10)).toUTCString(), Date.UTC(2026, 0, 1)), 10_000);
  assert.equal(parseRetryAfter('soon'), undefined);
  assert.equal(parseRetryAfter(undefined), undefined);
});
