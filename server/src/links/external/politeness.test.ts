// Politeness and run control against real local servers: concurrency limits, Retry-After pausing a
// host, cancellation, progress, and the cache making a re-check cost no network.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { checkUrls, JsonFileUrlCache, MemoryUrlCache, type UrlCheckOptions } from './index';
import { TestServer, html, sequence, slow, status } from './test-server';

const LOCAL: Partial<UrlCheckOptions> = { allowPrivate: true, timeoutMs: 5000, retries: 2, retryDelayMs: 20 };
/** `localhost` pinned to 127.0.0.1: a second host name on the same server (Host header differs). */
const localhostToLoopback = { resolve: async () => [{ address: '127.0.0.1', family: 4 as const }] };

async function withServer(fn: (s: TestServer) => Promise<void>) {
  const s = await TestServer.start();
  try {
    await fn(s);
  } finally {
    await s.close();
  }
}

test('global and per-host concurrency limits hold, measured by the server', () =>
  withServer(async (s) => {
    s.otherwise(slow(40, html('ok')));
    const urls: string[] = [];
    for (let i = 0; i < 30; i++) urls.push(s.url(`/p${i}`), s.url(`/q${i}`, 'localhost'));
    const results = await checkUrls(urls, { ...LOCAL, concurrency: 4, perHostConcurrency: 3 }, localhostToLoopback);
    assert.equal([...results.values()].filter((r) => r.status === 'ok').length, 60);
    assert.equal(s.hits.length, 60);
    assert.ok(s.maxInFlight <= 4, `at most 4 in flight (saw ${s.maxInFlight})`);
    assert.ok(s.maxInFlight >= 2, `requests overlapped (saw ${s.maxInFlight})`);
    for (const [host, n] of s.maxInFlightByHost) assert.ok(n <= 3, `${host}: at most 3 in flight (saw ${n})`);
    assert.deepEqual([...s.maxInFlightByHost.keys()].sort(), ['127.0.0.1', 'localhost']);
  }));

test('perHostConcurrency 1 sends one request at a time to a host', () =>
  withServer(async (s) => {
    s.otherwise(slow(20, html('ok')));
    const urls = Array.from({ length: 12 }, (_, i) => s.url(`/x${i}`));
    await checkUrls(urls, { ...LOCAL, concurrency: 8, perHostConcurrency: 1 });
    assert.equal(s.hits.length, 12);
    assert.equal(s.maxInFlight, 1);
  }));

test('Retry-After pauses the whole host, while other hosts go on', () =>
  withServer(async (s) => {
    s.route('/limited', sequence(status(429, { 'retry-after': '1' }), html('ok')));
    s.otherwise(html('ok'));
    const sameHost = [1, 2, 3].map((i) => s.url(`/other${i}`));
    const otherHost = s.url('/elsewhere', 'localhost');
    const results = await checkUrls([s.url('/limited'), ...sameHost, otherHost], { ...LOCAL, perHostConcurrency: 1 }, localhostToLoopback);
    for (const r of results.values()) assert.equal(r.status, 'ok', r.url);
    const t0 = s.hitsFor('/limited')[0]!.at;
    for (const h of s.hits.filter((x) => x.path.startsWith('/other'))) assert.ok(h.at - t0 >= 950, `${h.path} waited for the host's Retry-After (${h.at - t0} ms)`);
    const elsewhere = s.hitsFor('/elsewhere')[0]!;
    assert.ok(elsewhere.at - t0 < 900, `another host was not held up (${elsewhere.at - t0} ms)`);
  }));

test('progress is reported once per distinct URL, ending at the total', () =>
  withServer(async (s) => {
    s.otherwise(html('ok'));
    const calls: [number, number, string][] = [];
    const urls = [s.url('/a'), s.url('/b'), s.url('/a'), 'mailto:x@example.com', `${s.url('/a')}#f`];
    await checkUrls(urls, LOCAL, { onProgress: (done, total, url) => calls.push([done, total, url]) });
    assert.equal(calls.length, 4);
    assert.deepEqual(
      calls.map((c) => c[0]),
      [1, 2, 3, 4],
    );
    assert.ok(calls.every((c) => c[1] === 4));
    assert.deepEqual(new Set(calls.map((c) => c[2])), new Set([s.url('/a'), s.url('/b'), 'mailto:x@example.com', `${s.url('/a')}#f`]));
  }));

function activeTimers(): number {
  return process.getActiveResourcesInfo().filter((r) => r === 'Timeout').length;
}

test('cancellation stops promptly, marks unfinished URLs cancelled, caches nothing and leaves no timers', async () => {
  const s = await TestServer.start();
  const cache = new MemoryUrlCache();
  const timersBefore = activeTimers();
  let elapsedAfterAbort = 0;
  try {
    const controller = new AbortController();
    let abortedAt = 0;
    // Abort once /fast is done and /limited is waiting out its Retry-After (whatever the machine's speed).
    let fastDone = false;
    let limitedSeen = false;
    const abortWhenReady = () => {
      if (!fastDone || !limitedSeen || abortedAt) return;
      abortedAt = -1;
      setTimeout(() => {
        abortedAt = Date.now();
        controller.abort();
      }, 150);
    };
    s.route('/fast', html('ok'));
    s.route('/limited', (req, res, hit) => {
      status(429, { 'retry-after': '20' })(req, res, hit);
      limitedSeen = true;
      abortWhenReady();
    });
    s.otherwise(slow(60_000, html('too late')));
    const urls = [s.url('/fast'), s.url('/limited'), ...Array.from({ length: 10 }, (_, i) => s.url(`/hang${i}`, 'localhost'))];
    const run = checkUrls(urls, { ...LOCAL, timeoutMs: 30_000, maxRetryAfterMs: 60_000, concurrency: 3, perHostConcurrency: 2 }, {
      ...localhostToLoopback,
      signal: controller.signal,
      cache,
      onProgress: (_done, _total, url) => {
        if (url === s.url('/fast')) fastDone = true;
        abortWhenReady();
      },
    });
    const results = await run;
    elapsedAfterAbort = Date.now() - abortedAt;
    assert.ok(elapsedAfterAbort < 2000, `resolved ${elapsedAfterAbort} ms after the abort`);
    assert.equal(results.get(s.url('/fast'))!.status, 'ok');
    assert.equal(results.get(s.url('/limited'))!.status, 'cancelled', 'a Retry-After wait is cut short');
    const hang = urls.slice(2).map((u) => results.get(u)!);
    assert.ok(hang.every((r) => r.status === 'cancelled' && r.message === 'cancelled'));
    assert.ok(s.hits.filter((h) => h.path.startsWith('/hang')).length <= 2, 'queued requests were never sent');
    assert.deepEqual([...cache.entries.keys()], [s.url('/fast')], 'only the finished check is cached');
  } finally {
    await s.close();
  }
  await new Promise((r) => setImmediate(r));
  assert.ok(activeTimers() <= timersBefore, `no timers left behind (${activeTimers()} vs ${timersBefore})`);
});

test('an already aborted signal checks nothing', () =>
  withServer(async (s) => {
    const results = await checkUrls([s.url('/a')], LOCAL, { signal: AbortSignal.abort() });
    assert.equal(results.get(s.url('/a'))!.status, 'cancelled');
    assert.equal(s.hits.length, 0);
  }));

test('cancellation while a DNS lookup hangs is prompt too, and leaves no timer behind', async () => {
  const timersBefore = activeTimers();
  const controller = new AbortController();
  setTimeout(() => controller.abort(), 100);
  const started = Date.now();
  const results = await checkUrls(['https://hanging-dns.example/'], { ...LOCAL, timeoutMs: 30_000 }, { signal: controller.signal, resolve: () => new Promise(() => {}) });
  assert.equal(results.get('https://hanging-dns.example/')!.status, 'cancelled');
  assert.ok(Date.now() - started < 2000);
  await new Promise((r) => setImmediate(r));
  assert.ok(activeTimers() <= timersBefore, `no timers left behind (${activeTimers()} vs ${timersBefore})`);
});

test('a DNS lookup that never answers ends as a DNS failure after the timeout', async () => {
  const results = await checkUrls(['https://hanging-dns.example/'], { ...LOCAL, timeoutMs: 200 }, { resolve: () => new Promise(() => {}) });
  const r = results.get('https://hanging-dns.example/')!;
  assert.equal(r.status, 'dns');
  assert.equal(r.message, 'DNS lookup failed for hanging-dns.example: timed out after 200 ms');
});

test('cache: a re-check of the same links costs no network, and gives the same answers', () =>
  withServer(async (s) => {
    s.route('/ok', html('<h2 id="a">a</h2>'));
    s.route('/moved', status(301, { location: '/ok' }));
    const urls = [s.url('/ok'), s.url('/missing'), s.url('/moved'), `${s.url('/ok')}#a`];
    const cache = new MemoryUrlCache();
    const first = await checkUrls(urls, LOCAL, { cache });
    const hitsAfterFirst = s.hits.length;
    const second = await checkUrls(urls, LOCAL, { cache });
    assert.equal(s.hits.length, hitsAfterFirst, 'no request the second time');
    for (const u of urls) {
      const a = first.get(u)!;
      const b = second.get(u)!;
      assert.equal(b.cached, true, u);
      assert.deepEqual({ ...b, cached: undefined }, { ...a, cached: undefined }, u);
    }
  }));

test('cache: entries expire after cacheTtlHours', () =>
  withServer(async (s) => {
    s.route('/ok', html('ok'));
    const cache = new MemoryUrlCache();
    let clock = Date.parse('2025-01-01T00:00:00Z');
    const now = () => clock;
    await checkUrls([s.url('/ok')], { ...LOCAL, cacheTtlHours: 24 }, { cache, now });
    clock += 23 * 3_600_000;
    await checkUrls([s.url('/ok')], { ...LOCAL, cacheTtlHours: 24 }, { cache, now });
    assert.equal(s.hits.length, 1, 'fresh after 23 h');
    clock += 2 * 3_600_000;
    const r = (await checkUrls([s.url('/ok')], { ...LOCAL, cacheTtlHours: 24 }, { cache, now })).get(s.url('/ok'))!;
    assert.equal(s.hits.length, 2, 'stale after 25 h');
    assert.equal(r.checkedAt, '2025-01-02T01:00:00.000Z');
  }));

test('cache: keyed without the fragment, yet every fragment gets its own verdict', () =>
  withServer(async (s) => {
    s.route('/doc', html('<h2 id="here">here</h2>'));
    const cache = new MemoryUrlCache();
    const doc = s.url('/doc');
    await checkUrls([doc], LOCAL, { cache });
    assert.deepEqual(
      s.hits.map((h) => h.method),
      ['HEAD'],
    );
    // The cached HEAD result has no anchors: a link with a fragment needs the page itself.
    const withFragment = await checkUrls([`${doc}#here`], LOCAL, { cache });
    assert.deepEqual(
      s.hits.map((h) => h.method),
      ['HEAD', 'GET'],
    );
    assert.equal(withFragment.get(`${doc}#here`)!.fragmentMissing, undefined);
    // Now the anchors are cached: other fragments are answered without the network.
    const later = await checkUrls([`${doc}#elsewhere`, `${doc}#here`, doc], LOCAL, { cache });
    assert.equal(s.hits.length, 2);
    assert.equal(later.get(`${doc}#elsewhere`)!.fragmentMissing, true);
    assert.equal(later.get(`${doc}#here`)!.fragmentMissing, undefined);
    assert.equal(later.get(doc)!.status, 'ok');
  }));

test('cache: transient failures (5xx, timeouts) are not served from the cache; a failure keeps only its history there', () =>
  withServer(async (s) => {
    s.route('/down', status(503));
    s.route('/slow', slow(2000, html('late')));
    const cache = new MemoryUrlCache();
    for (let run = 0; run < 2; run++) {
      const results = await checkUrls([s.url('/down'), s.url('/slow')], { ...LOCAL, retries: 0, timeoutMs: 300 }, { cache });
      assert.equal(results.get(s.url('/slow'))!.status, 'timeout');
      assert.equal(results.get(s.url('/down'))!.cached, undefined);
    }
    assert.equal(s.hitsFor('/down').length, 2);
    assert.equal(s.hitsFor('/slow').length, 2);
    // The 503 is remembered for its failure history (two failing checks), never as an answer; the timeout is not kept.
    assert.deepEqual([...cache.entries.keys()], [s.url('/down')]);
    assert.equal(cache.entries.get(s.url('/down'))!.failures, 2);
  }));

test('cache: a result fetched with allowPrivate is not served once private addresses are refused', () =>
  withServer(async (s) => {
    s.route('/ok', html('ok'));
    const cache = new MemoryUrlCache();
    await checkUrls([s.url('/ok')], { ...LOCAL, allowPrivate: true }, { cache });
    const r = (await checkUrls([s.url('/ok')], { ...LOCAL, allowPrivate: false }, { cache })).get(s.url('/ok'))!;
    assert.equal(r.status, 'refused');
    assert.equal(s.hits.length, 1);
  }));

test('file cache: a second process (new cache instance on the same file) re-checks without network', () =>
  withServer(async (s) => {
    const dir = await mkdtemp(path.join(os.tmpdir(), 'benchpress-links-'));
    try {
      s.route('/ok', html('ok'));
      s.route('/gone', status(410));
      const file = path.join(dir, 'cache', 'links.json');
      const urls = [s.url('/ok'), s.url('/gone')];
      const warnings: string[] = [];
      const first = await checkUrls(urls, LOCAL, { cache: await JsonFileUrlCache.open(file, { onWarning: (w) => warnings.push(w) }) });
      const onDisk = JSON.parse(await readFile(file, 'utf8')) as { version: number; entries: Record<string, unknown> };
      assert.equal(onDisk.version, 1);
      assert.deepEqual(Object.keys(onDisk.entries).sort(), urls.slice().sort());
      const second = await checkUrls(urls, LOCAL, { cache: await JsonFileUrlCache.open(file, { onWarning: (w) => warnings.push(w) }) });
      assert.equal(s.hits.length, 2);
      assert.equal(second.get(s.url('/gone'))!.message, first.get(s.url('/gone'))!.message);
      assert.equal(second.get(s.url('/gone'))!.cached, true);
      assert.deepEqual(warnings, []);
    } finally {
      await rm(dir, { recursive: true, force: true });
    }
  }));
