// alive, dead or unverified, against real local servers (no network mocks, no internet), with the clock injected
// so that "two checks a day apart" takes no time, and the failure history kept in the URL cache (a JSON file
// reopened for every check, as separate `lint --check-urls` runs would).
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtemp, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { checkUrls, JsonFileUrlCache, MemoryUrlCache, urlFindings, type UrlCheckOptions, type UrlCheckResult } from './index';
import { TestServer, html, redirect, sequence, status } from './test-server';

const LOCAL: Partial<UrlCheckOptions> = { allowPrivate: true, timeoutMs: 5000, retries: 0, confirmDeadAfterHours: 24 };
const T0 = Date.parse('2026-11-30T12:00:00.000Z');
const HOUR = 3_600_000;

async function withServer(fn: (s: TestServer) => Promise<void>) {
  const s = await TestServer.start();
  try {
    await fn(s);
  } finally {
    await s.close();
  }
}

async function withDir(fn: (dir: string) => Promise<void>) {
  const dir = await mkdtemp(path.join(os.tmpdir(), 'benchpress-verdict-'));
  try {
    await fn(dir);
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
}

/** One check of one URL at a given time, with the cache file opened afresh (a separate run). */
async function checkAt(url: string, at: number, cacheFile: string, options: Partial<UrlCheckOptions> = {}): Promise<UrlCheckResult> {
  const cache = await JsonFileUrlCache.open(cacheFile, { now: () => at });
  return (await checkUrls([url], { ...LOCAL, ...options }, { cache, now: () => at })).get(url)!;
}

/** What the writer sees for a result: severity and message of the links/broken-url finding (none for alive). */
function seen(r: UrlCheckResult): [string, string] | undefined {
  const f = urlFindings([{ url: r.url, range: { start: { line: 0, character: 0 }, end: { line: 0, character: r.url.length } } }], new Map([[r.url, r]])).find((x) => x.ruleId === 'links/broken-url');
  return f ? [f.severity, f.message] : undefined;
}

test('a 403 from a host that blocks automated clients stays unverified (information), however often it is checked', () =>
  withServer((s) =>
    withDir(async (dir) => {
      // The host answers browsers, not bots: anything whose User-Agent is not a browser's gets 403.
      s.route('/article', (req, res, hit) => (/Mozilla/.test(req.headers['user-agent'] ?? '') ? html('<h1>ok</h1>') : status(403, {}, 'bots not welcome'))(req, res, hit));
      const file = path.join(dir, 'url-cache.json');
      const url = s.url('/article');
      for (const at of [T0, T0 + 25 * HOUR, T0 + 72 * HOUR]) {
        const r = await checkAt(url, at, file, { cacheTtlHours: 0 });
        assert.equal(r.verdict, 'unverified', new Date(at).toISOString());
        assert.equal(r.verdictReason, 'blocked');
        assert.deepEqual(seen(r), ['info', 'Could not verify link: 403 Forbidden (the server refused the checker; the page may still open in a browser)']);
      }
      assert.deepEqual(
        s.hits.map((h) => h.method),
        ['HEAD', 'GET', 'HEAD', 'GET', 'HEAD', 'GET'],
        'checked every time (HEAD, then GET after the 403), never reported as broken',
      );
    }),
  ));

test('401, 429 (Retry-After too long) and 999 are unverified too', () =>
  withServer(async (s) => {
    s.route('/login', status(401));
    s.route('/limited', status(429, { 'retry-after': '3600' }));
    s.route('/linkedin', status(999));
    const urls = ['/login', '/limited', '/linkedin'].map((p) => s.url(p));
    const results = await checkUrls(urls, { ...LOCAL, retries: 2, maxRetryAfterMs: 1000 }, { cache: new MemoryUrlCache() });
    assert.deepEqual(
      urls.map((u) => [results.get(u)!.verdict, results.get(u)!.verdictReason]),
      [
        ['unverified', 'blocked'],
        ['unverified', 'rate-limited'],
        ['unverified', 'blocked'],
      ],
    );
    assert.equal(seen(results.get(s.url('/linkedin'))!)![1], 'Could not verify link: HTTP 999 (the server refused the checker; the page may still open in a browser)');
  }));

test('a 500 is unverified at first, and dead only when it fails again at a check at least confirmDeadAfterHours later', () =>
  withServer((s) =>
    withDir(async (dir) => {
      s.route('/flaky-host', status(500));
      const file = path.join(dir, 'url-cache.json');
      const url = s.url('/flaky-host');

      const first = await checkAt(url, T0, file);
      assert.equal(first.verdict, 'unverified');
      assert.equal(first.verdictReason, 'unconfirmed');
      assert.equal(first.failingSince, '2026-11-30T12:00:00.000Z');
      assert.equal(first.deadIfFailingAfter, '2026-12-01T12:00:00.000Z');
      assert.deepEqual(seen(first), [
        'info',
        'Could not verify link: 500 Internal Server Error — failed once since 2026-11-30 12:00 UTC; reported as broken if it still fails at a check after 2026-12-01 12:00 UTC',
      ]);

      // 23 hours later it still fails: not yet far enough apart.
      const second = await checkAt(url, T0 + 23 * HOUR, file);
      assert.equal(second.verdict, 'unverified');
      assert.equal(second.failures, 2);
      assert.equal(second.failingSince, '2026-11-30T12:00:00.000Z');

      // 24 hours after the first failure it fails again: dead, with its history.
      const third = await checkAt(url, T0 + 24 * HOUR, file);
      assert.equal(third.verdict, 'dead');
      assert.equal(third.verdictReason, 'confirmed');
      assert.equal(third.failures, 3);
      assert.deepEqual(seen(third), ['warning', 'Broken link: 500 Internal Server Error; failing since 2026-11-30 12:00 UTC (3 checks)']);
      assert.equal(s.hitsFor('/flaky-host').length, 3, 'a 500 is never served from the cache');
    }),
  ));

test('a success between two failures starts the history again; confirmDeadAfterHours 0 reports the first failure', () =>
  withServer((s) =>
    withDir(async (dir) => {
      s.route('/sometimes', sequence(status(502), html('back'), status(502)));
      s.route('/down', status(503));
      const file = path.join(dir, 'url-cache.json');
      const url = s.url('/sometimes');
      assert.equal((await checkAt(url, T0, file)).verdict, 'unverified');
      assert.equal((await checkAt(url, T0 + 30 * HOUR, file, { cacheTtlHours: 0 })).verdict, 'alive');
      const again = await checkAt(url, T0 + 60 * HOUR, file, { cacheTtlHours: 0 });
      assert.equal(again.verdict, 'unverified', 'the failure before the success does not count');
      assert.equal(again.failures, 1);

      const now = await checkAt(s.url('/down'), T0, file, { confirmDeadAfterHours: 0 });
      assert.equal(now.verdict, 'dead');
      assert.equal(now.verdictReason, 'confirmed');
    }),
  ));

test('a 404 and a 410 are dead at the first check, also after a redirect', () =>
  withServer(async (s) => {
    s.route('/gone', status(410));
    s.route('/moved', redirect(301, '/nowhere'));
    const urls = [s.url('/missing'), s.url('/gone'), s.url('/moved')];
    const results = await checkUrls(urls, LOCAL, { cache: new MemoryUrlCache(), now: () => T0 });
    assert.deepEqual(
      urls.map((u) => [results.get(u)!.verdict, results.get(u)!.verdictReason]),
      [
        ['dead', 'not-found'],
        ['dead', 'gone'],
        ['dead', 'not-found'],
      ],
    );
    assert.deepEqual(seen(results.get(s.url('/missing'))!), ['warning', 'Broken link: 404 Not Found']);
  }));

test('a host that does not resolve (a reserved .invalid name, looked up by the system resolver) is dead at once', async () => {
  const url = 'https://no-such-host.invalid/guide';
  const r = (await checkUrls([url], { ...LOCAL, allowPrivate: false }, { now: () => T0 })).get(url)!;
  assert.equal(r.status, 'dns');
  assert.equal(r.verdict, 'dead');
  assert.equal(r.verdictReason, 'no-such-host');
  assert.deepEqual(seen(r), ['warning', 'Broken link: DNS lookup failed for no-such-host.invalid: no such host (ENOTFOUND)']);
});

test('a temporary DNS failure (EAI_AGAIN) is tried again, and is not dead at once', async () => {
  let lookups = 0;
  const again = Object.assign(new Error('getaddrinfo EAI_AGAIN docs.example'), { code: 'EAI_AGAIN' });
  const url = 'https://docs.example/page';
  const r = (
    await checkUrls([url], { ...LOCAL, retries: 2, retryDelayMs: 1 }, {
      now: () => T0,
      resolve: async () => {
        lookups++;
        throw again;
      },
    })
  ).get(url)!;
  assert.equal(lookups, 3);
  assert.equal(r.status, 'dns');
  assert.equal(r.verdict, 'unverified');
  assert.equal(r.verdictReason, 'unconfirmed');
});

test('a timeout and a TLS failure are unverified, never dead', () =>
  withServer(async (s) => {
    s.route('/slow', (_req, res) => {
      const timer = setTimeout(() => res.end('late'), 3000);
      res.once('close', () => clearTimeout(timer));
    });
    // https:// to a plain-HTTP server: the TLS handshake fails (a real TLS error, locally).
    const tlsUrl = `https://127.0.0.1:${s.port}/secure`;
    const results = await checkUrls([s.url('/slow'), tlsUrl], { ...LOCAL, timeoutMs: 300 }, { now: () => T0 });
    const slow = results.get(s.url('/slow'))!;
    assert.deepEqual([slow.status, slow.verdict, slow.verdictReason], ['timeout', 'unverified', 'timeout']);
    assert.deepEqual(seen(slow), ['info', 'Could not verify link: timed out after 300 ms — the site may be slow or down; check it again later']);
    const tls = results.get(tlsUrl)!;
    assert.equal(tls.status, 'network');
    assert.deepEqual([tls.verdict, tls.verdictReason], ['unverified', 'tls']);
    assert.match(tls.message, /^TLS error \((ERR_SSL_[A-Z_]+|EPROTO)\)$/);
  }));

test('alive: a page that answers, with its anchor; a missing anchor is dead', () =>
  withServer(async (s) => {
    s.route('/doc', html('<h2 id="install">Install</h2>'));
    const results = await checkUrls([`${s.url('/doc')}#install`, `${s.url('/doc')}#nope`], LOCAL, { now: () => T0 });
    assert.equal(results.get(`${s.url('/doc')}#install`)!.verdict, 'alive');
    assert.equal(seen(results.get(`${s.url('/doc')}#install`)!), undefined);
    assert.deepEqual([results.get(`${s.url('/doc')}#nope`)!.verdict, results.get(`${s.url('/doc')}#nope`)!.verdictReason], ['dead', 'anchor-missing']);
  }));
