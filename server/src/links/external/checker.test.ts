// What the link checker reports for real HTTP servers on 127.0.0.1 (no network mocks, no internet).
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { checkUrls, type UrlCheckOptions } from './index';
import {
  TestServer,
  canListen,
  closedPort,
  gzipHtml,
  html,
  onlyMethods,
  redirect,
  sequence,
  slow,
  slowBody,
  startResetServer,
  status,
} from './test-server';

/** Local servers are loopback, so these tests allow private addresses unless they test the refusal. */
const LOCAL: Partial<UrlCheckOptions> = { allowPrivate: true, timeoutMs: 5000, retries: 2, retryDelayMs: 20, concurrency: 8, perHostConcurrency: 4 };

async function withServer(fn: (s: TestServer) => Promise<void>, addresses?: string[]) {
  const s = await TestServer.start(addresses);
  try {
    await fn(s);
  } finally {
    await s.close();
  }
}

test('200 OK: one HEAD request, with a User-Agent naming Benchpress', () =>
  withServer(async (s) => {
    s.route('/ok', html('<h1>fine</h1>'));
    const results = await checkUrls([s.url('/ok')], LOCAL);
    const r = results.get(s.url('/ok'))!;
    assert.equal(r.status, 'ok');
    assert.equal(r.httpStatus, 200);
    assert.equal(r.message, '200 OK');
    assert.deepEqual(
      s.hits.map((h) => h.method),
      ['HEAD'],
    );
    assert.match(s.hits[0]!.userAgent ?? '', /Benchpress/);
  }));

test('each URL is fetched once per run, however often it appears; fragments of one page share one GET', () =>
  withServer(async (s) => {
    s.route('/a', html('<h2 id="one">1</h2><h2 id="two">2</h2>'));
    s.route('/b', html('b'));
    const a = s.url('/a');
    const b = s.url('/b');
    const results = await checkUrls([a, b, a, `${a}#one`, b, `${a}#two`, `${a}#one`, a], LOCAL);
    assert.deepEqual([...results.keys()], [a, b, `${a}#one`, `${a}#two`]);
    assert.equal(s.hitsFor('/a').length, 1);
    assert.equal(s.hitsFor('/a')[0]!.method, 'GET', 'a page with fragments to check is read with one GET');
    assert.equal(s.hitsFor('/b').length, 1);
    assert.equal(s.hitsFor('/b')[0]!.method, 'HEAD');
    for (const r of results.values()) assert.equal(r.status, 'ok');
  }));

test('301 → 302 → 307 → 308 chain: followed, reported hop by hop, fix target stops at the first temporary hop', () =>
  withServer(async (s) => {
    s.route('/c1', redirect(301, '/c2'));
    s.route('/c2', redirect(302, s.url('/c3')));
    s.route('/c3', redirect(307, 'c4'));
    s.route('/c4', redirect(308, '/final'));
    s.route('/final', html('done'));
    const r = (await checkUrls([s.url('/c1')], LOCAL)).get(s.url('/c1'))!;
    assert.equal(r.status, 'redirect');
    assert.equal(r.httpStatus, 200);
    assert.equal(r.finalUrl, s.url('/final'));
    assert.deepEqual(r.redirects, [
      { url: s.url('/c1'), status: 301 },
      { url: s.url('/c2'), status: 302 },
      { url: s.url('/c3'), status: 307 },
      { url: s.url('/c4'), status: 308 },
    ]);
    assert.equal(r.permanent, false);
    assert.equal(r.permanentUrl, s.url('/c2'));
    assert.match(r.message, /redirected \(301, 302, 307, 308\) to .*\/final, 200 OK/);
    assert.deepEqual(
      s.hits.map((h) => `${h.method} ${h.path}`),
      ['HEAD /c1', 'HEAD /c2', 'HEAD /c3', 'HEAD /c4', 'HEAD /final'],
    );
  }));

test('permanent-only chains are permanent; a temporary redirect is not; the link fragment is carried to the final URL', () =>
  withServer(async (s) => {
    s.route('/old', redirect(301, '/older'));
    s.route('/older', redirect(308, '/new'));
    s.route('/new', html('<h2 id="setup">Setup</h2>'));
    s.route('/temp', redirect(302, '/new'));
    s.route('/moved-with-fragment', redirect(301, '/new#setup'));
    const links = [s.url('/old'), s.url('/old#setup'), s.url('/temp'), s.url('/moved-with-fragment#elsewhere')];
    const results = await checkUrls(links, LOCAL);
    const perm = results.get(s.url('/old'))!;
    assert.equal(perm.status, 'redirect');
    assert.equal(perm.permanent, true);
    assert.equal(perm.permanentUrl, s.url('/new'));
    assert.equal(results.get(s.url('/old#setup'))!.permanentUrl, s.url('/new#setup'));
    assert.equal(results.get(s.url('/old#setup'))!.fragmentMissing, undefined);
    const temp = results.get(s.url('/temp'))!;
    assert.equal(temp.status, 'redirect');
    assert.equal(temp.permanent, false);
    assert.equal(temp.permanentUrl, undefined);
    // A Location with its own fragment replaces the link's fragment (RFC 9110).
    const withFrag = results.get(s.url('/moved-with-fragment#elsewhere'))!;
    assert.equal(withFrag.finalUrl, s.url('/new#setup'));
    assert.equal(withFrag.fragmentMissing, undefined);
  }));

test('redirect loops and over-long chains are broken, not followed forever', () =>
  withServer(async (s) => {
    s.route('/loop-a', redirect(302, '/loop-b'));
    s.route('/loop-b', redirect(301, '/loop-a'));
    s.route('/self', redirect(307, '/self'));
    for (let i = 0; i < 15; i++) s.route(`/hop${i}`, redirect(302, `/hop${i + 1}`));
    const results = await checkUrls([s.url('/loop-a'), s.url('/self'), s.url('/hop0')], { ...LOCAL, maxRedirects: 10 });
    const loop = results.get(s.url('/loop-a'))!;
    assert.equal(loop.status, 'broken');
    assert.match(loop.message, /redirect loop/);
    assert.equal(s.hitsFor('/loop-a').length, 1);
    assert.equal(s.hitsFor('/loop-b').length, 1);
    assert.match(results.get(s.url('/self'))!.message, /redirect loop/);
    const long = results.get(s.url('/hop0'))!;
    assert.equal(long.status, 'broken');
    assert.match(long.message, /too many redirects \(more than 10\)/);
    assert.equal(s.hits.filter((h) => h.path.startsWith('/hop')).length, 11);
  }));

test('404 and 410 are broken with the status and reason; definite 4xx are not retried', () =>
  withServer(async (s) => {
    s.route('/gone', status(410));
    s.route('/moved-then-missing', redirect(301, '/nowhere'));
    const results = await checkUrls([s.url('/missing'), s.url('/gone'), s.url('/moved-then-missing')], LOCAL);
    const missing = results.get(s.url('/missing'))!;
    assert.equal(missing.status, 'broken');
    assert.equal(missing.httpStatus, 404);
    assert.equal(missing.message, '404 Not Found');
    const gone = results.get(s.url('/gone'))!;
    assert.equal(gone.httpStatus, 410);
    assert.equal(gone.message, '410 Gone');
    const after = results.get(s.url('/moved-then-missing'))!;
    assert.equal(after.status, 'broken');
    assert.equal(after.httpStatus, 404);
    assert.equal(after.finalUrl, s.url('/nowhere'));
    assert.equal(after.message, `404 Not Found (after redirect to ${s.url('/nowhere')})`);
    assert.equal(s.hitsFor('/missing').length, 1);
    assert.equal(s.hitsFor('/gone').length, 1);
  }));

test('HEAD refused with 405, 501 or 403: the same URL is fetched again with GET', () =>
  withServer(async (s) => {
    s.route('/no-head', onlyMethods(['GET'], html('ok'), 405));
    s.route('/no-head-501', onlyMethods(['GET'], html('ok'), 501));
    s.route('/no-head-403', onlyMethods(['GET'], html('ok'), 403));
    s.route('/forbidden', status(403));
    const urls = ['/no-head', '/no-head-501', '/no-head-403', '/forbidden'].map((p) => s.url(p));
    const results = await checkUrls(urls, LOCAL);
    for (const p of ['/no-head', '/no-head-501', '/no-head-403']) {
      assert.equal(results.get(s.url(p))!.status, 'ok', p);
      assert.deepEqual(
        s.hitsFor(p).map((h) => h.method),
        ['HEAD', 'GET'],
        p,
      );
    }
    const forbidden = results.get(s.url('/forbidden'))!;
    assert.equal(forbidden.status, 'broken');
    assert.match(forbidden.message, /^403 Forbidden \(the server refused the checker/);
    assert.deepEqual(
      s.hitsFor('/forbidden').map((h) => h.method),
      ['HEAD', 'GET'],
    );
  }));

test('500 then 200: retried after a backoff, then ok; a 500 that stays is broken after every try', () =>
  withServer(async (s) => {
    s.route('/flaky', sequence(status(500), html('ok')));
    s.route('/down', status(500));
    const results = await checkUrls([s.url('/flaky'), s.url('/down')], { ...LOCAL, retries: 2, retryDelayMs: 100 }); // backoff: 50 to 100 ms before the first retry
    assert.equal(results.get(s.url('/flaky'))!.status, 'ok');
    const flaky = s.hitsFor('/flaky');
    assert.equal(flaky.length, 2);
    assert.ok(flaky[1]!.at - flaky[0]!.at >= 40, `backoff before the retry (${flaky[1]!.at - flaky[0]!.at} ms)`);
    const down = results.get(s.url('/down'))!;
    assert.equal(down.status, 'broken');
    assert.equal(down.httpStatus, 500);
    assert.equal(down.message, '500 Internal Server Error (after 3 tries)');
    assert.equal(s.hitsFor('/down').length, 3);
  }));

test('429 with Retry-After: the checker waits as told (measured on the server), then succeeds', () =>
  withServer(async (s) => {
    s.route('/limited', sequence(status(429, { 'retry-after': '1' }), html('ok')));
    s.route('/unavailable', sequence(status(503, { 'retry-after': '1' }), html('ok')));
    const results = await checkUrls([s.url('/limited'), s.url('/unavailable')], LOCAL);
    for (const p of ['/limited', '/unavailable']) {
      assert.equal(results.get(s.url(p))!.status, 'ok', p);
      const hits = s.hitsFor(p);
      assert.equal(hits.length, 2, p);
      const gap = hits[1]!.at - hits[0]!.at;
      assert.ok(gap >= 950, `${p}: waited ${gap} ms for Retry-After: 1`);
      assert.ok(gap < 5000, `${p}: did not wait much longer than asked (${gap} ms)`);
    }
  }));

test('429 with a Retry-After longer than the limit is reported at once, not waited for', () =>
  withServer(async (s) => {
    s.route('/limited', status(429, { 'retry-after': '3600' }));
    const started = Date.now();
    const r = (await checkUrls([s.url('/limited')], { ...LOCAL, maxRetryAfterMs: 2000 })).get(s.url('/limited'))!;
    assert.ok(Date.now() - started < 3000, 'not waited for');
    assert.equal(r.status, 'broken');
    assert.equal(r.httpStatus, 429);
    assert.equal(r.message, '429 Too Many Requests (rate limited: Retry-After 3600 s is longer than the 2 s this check waits)');
    assert.equal(s.hitsFor('/limited').length, 1);
  }));

test('a response slower than the timeout is a timeout (not a 404), not retried; a slow body too', () =>
  withServer(async (s) => {
    s.route('/slow', slow(3000, html('late')));
    s.route('/slow-body', slowBody(3000, '<h2 id="x">x</h2></body></html>'));
    const results = await checkUrls([s.url('/slow'), s.url('/slow-body#x')], { ...LOCAL, timeoutMs: 300 });
    const r = results.get(s.url('/slow'))!;
    assert.equal(r.status, 'timeout');
    assert.equal(r.httpStatus, undefined);
    assert.equal(r.message, 'timed out after 300 ms');
    assert.equal(s.hitsFor('/slow').length, 1, 'timeouts are not retried');
    const body = results.get(s.url('/slow-body#x'))!;
    assert.equal(body.status, 'timeout');
    assert.equal(body.message, 'timed out after 300 ms');
  }));

test('connection reset is reported as such and retried; connection refused too', async () => {
  const reset = await startResetServer();
  const port = await closedPort();
  try {
    const resetUrl = `http://127.0.0.1:${reset.port}/page`;
    const refusedUrl = `http://127.0.0.1:${port}/page`;
    const results = await checkUrls([resetUrl, refusedUrl], { ...LOCAL, retries: 2, retryDelayMs: 10 });
    const r = results.get(resetUrl)!;
    assert.equal(r.status, 'network');
    assert.equal(r.message, 'connection reset after 3 tries');
    assert.equal(reset.connections(), 3);
    const refused = results.get(refusedUrl)!;
    assert.equal(refused.status, 'network');
    assert.equal(refused.message, 'connection refused after 3 tries');
  } finally {
    await reset.close();
  }
});

test('fragments: checked against the HTML anchors (id, a name, GitHub user-content-), missing ones reported', () =>
  withServer(async (s) => {
    s.route(
      '/doc',
      html(`<!doctype html><html><head><title>id="fake-title"</title></head><body>
        <h2 id="install">Install</h2><a name="legacy"></a>
        <h2><a id="user-content-cuda-setup" class="anchor" href="#cuda-setup"></a>CUDA setup</h2>
        <h3 id="caf&eacute;-x">x</h3><h3 id="café">Café</h3>
        <!-- <h2 id="commented-out"> -->
        <script>var s = '<div id="in-script">';</script>
      </body></html>`),
    );
    s.route('/file.txt', status(200, { 'content-type': 'text/plain' }, 'no anchors here'));
    const doc = (f: string) => `${s.url('/doc')}#${f}`;
    const links = ['install', 'legacy', 'cuda-setup', 'user-content-cuda-setup', 'caf%C3%A9', 'missing', 'commented-out', 'in-script', 'fake-title', 'top', ':~:text=hello'].map(doc);
    const results = await checkUrls([...links, `${s.url('/file.txt')}#L10`], LOCAL);
    const missing = (f: string) => results.get(doc(f))!.fragmentMissing === true;
    for (const f of ['install', 'legacy', 'cuda-setup', 'user-content-cuda-setup', 'caf%C3%A9', 'top', ':~:text=hello']) assert.equal(missing(f), false, f);
    for (const f of ['missing', 'commented-out', 'in-script', 'fake-title']) assert.equal(missing(f), true, f);
    const m = results.get(doc('missing'))!;
    assert.equal(m.status, 'ok');
    assert.equal(m.message, 'anchor #missing not found on the page (200 OK)');
    assert.equal(results.get(`${s.url('/file.txt')}#L10`)!.fragmentMissing, undefined, 'non-HTML pages are not checked for anchors');
    assert.equal(s.hitsFor('/doc').length, 1);
  }));

test('fragments: gzip pages are decoded; an anchor past the read cap is "not verified", not "missing"', () =>
  withServer(async (s) => {
    s.route('/gz', gzipHtml('<h2 id="zipped">z</h2>'));
    s.route('/big', html(`<p>${'x'.repeat(200_000)}</p><h2 id="deep">deep</h2>`));
    const results = await checkUrls([`${s.url('/gz')}#zipped`, `${s.url('/gz')}#nope`, `${s.url('/big')}#deep`], { ...LOCAL, maxBodyBytes: 64 * 1024 });
    assert.equal(results.get(`${s.url('/gz')}#zipped`)!.fragmentMissing, undefined);
    assert.equal(results.get(`${s.url('/gz')}#nope`)!.fragmentMissing, true);
    const big = results.get(`${s.url('/big')}#deep`)!;
    assert.equal(big.status, 'ok');
    assert.equal(big.fragmentMissing, undefined);
    assert.match(big.message, /anchor #deep not verified \(not in the first 64 KiB of the page\)/);
  }));

test('checkFragments: false checks pages with HEAD and never reports anchors', () =>
  withServer(async (s) => {
    s.route('/doc', html('<h2 id="a">a</h2>'));
    const r = (await checkUrls([`${s.url('/doc')}#zzz`], { ...LOCAL, checkFragments: false })).get(`${s.url('/doc')}#zzz`)!;
    assert.equal(r.status, 'ok');
    assert.equal(r.fragmentMissing, undefined);
    assert.deepEqual(
      s.hits.map((h) => h.method),
      ['HEAD'],
    );
  }));

test('DNS failure is reported as such (distinct from a 404), without any request', async () => {
  const notFound = Object.assign(new Error('getaddrinfo ENOTFOUND no-such-host.invalid'), { code: 'ENOTFOUND' });
  const results = await checkUrls(['https://no-such-host.invalid/page'], LOCAL, {
    resolve: async () => {
      throw notFound;
    },
  });
  const r = results.get('https://no-such-host.invalid/page')!;
  assert.equal(r.status, 'dns');
  assert.equal(r.httpStatus, undefined);
  assert.equal(r.message, 'DNS lookup failed for no-such-host.invalid: no such host (ENOTFOUND)');
});

test('private addresses are refused unless allowed: IP literal and a name resolving to loopback, zero requests', () =>
  withServer(async (s) => {
    s.route('/page', html('secret'));
    const literal = s.url('/page');
    const named = s.url('/page', 'localhost');
    const mapped = `http://[::ffff:127.0.0.1]:${s.port}/page`;
    const results = await checkUrls([literal, named, mapped], { ...LOCAL, allowPrivate: false });
    assert.equal(results.get(literal)!.status, 'refused');
    assert.equal(results.get(literal)!.message, 'refused: private address (127.0.0.1, loopback); set allowPrivateUrls to check it');
    assert.equal(results.get(named)!.status, 'refused');
    assert.match(results.get(named)!.message, /^refused: private address \(localhost resolves to (127\.0\.0\.1|::1), loopback\); set allowPrivateUrls to check it$/);
    assert.equal(results.get(mapped)!.status, 'refused', 'IPv4-mapped IPv6 loopback');
    assert.equal(s.hits.length, 0, 'nothing was fetched');
    // A host with one public and one private address is refused too (resolved by a stub resolver).
    const mixed = await checkUrls(['http://mixed.example/'], { ...LOCAL, allowPrivate: false }, {
      resolve: async () => [
        { address: '93.184.215.14', family: 4 },
        { address: '10.0.0.5', family: 4 },
      ],
    });
    assert.equal(mixed.get('http://mixed.example/')!.status, 'refused');
    assert.match(mixed.get('http://mixed.example/')!.message, /10\.0\.0\.5, private/);
  }));

test('a redirect hop to a private address is refused (the hop is not fetched)', async (t) => {
  if (!(await canListen('127.0.0.2'))) return t.skip('cannot listen on 127.0.0.2 here');
  const pub = await TestServer.start(['127.0.0.1']);
  const internal = await TestServer.start(['127.0.0.2']);
  try {
    // For this test 127.0.0.1 plays a public server and 127.0.0.2 the internal network.
    pub.route('/go', redirect(302, internal.url('/admin')));
    internal.route('/admin', html('internal'));
    const r = (await checkUrls([pub.url('/go')], { ...LOCAL, allowPrivate: false }, { isPublicAddress: (ip) => ip === '127.0.0.1' })).get(pub.url('/go'))!;
    assert.equal(r.status, 'refused');
    assert.match(r.message, /^refused: private address \(127\.0\.0\.2, loopback\); set allowPrivateUrls to check it \(redirect target http:\/\/127\.0\.0\.2:\d+\/admin\)$/);
    assert.equal(pub.hits.length, 1);
    assert.equal(internal.hits.length, 0);
  } finally {
    await pub.close();
    await internal.close();
  }
});

test('the connection goes to the address that was checked (DNS pinned), not to a second lookup', async (t) => {
  if (!(await canListen('127.0.0.2'))) return t.skip('cannot listen on 127.0.0.2 here');
  const s = await TestServer.start(['127.0.0.2']);
  try {
    s.route('/pinned', html('pinned'));
    let lookups = 0;
    // The system resolves localhost to 127.0.0.1 (nothing listens there on this port); the checker's
    // resolver says 127.0.0.2. Success means undici connected where the checker's lookup said.
    const url = `http://localhost:${s.port}/pinned`;
    const results = await checkUrls([url, `${url}?again`], LOCAL, {
      resolve: async () => {
        lookups++;
        return [{ address: '127.0.0.2', family: 4 }];
      },
    });
    assert.equal(results.get(url)!.status, 'ok');
    assert.equal(results.get(`${url}?again`)!.status, 'ok');
    assert.equal(lookups, 1, 'each host is resolved once per run');
    assert.equal(s.hitsFor('/pinned').length, 1);
    assert.equal(s.hits[0]!.host, 'localhost');
  } finally {
    await s.close();
  }
});

test('only http(s) is followed: other schemes and invalid URLs are not fetched; a redirect to ftp: is broken', () =>
  withServer(async (s) => {
    s.route('/to-ftp', redirect(301, 'ftp://files.example/x'));
    const results = await checkUrls(['ftp://files.example/x', 'mailto:someone@example.com', 'http://exa mple.com/', s.url('/to-ftp')], LOCAL);
    assert.equal(results.get('ftp://files.example/x')!.status, 'skipped');
    assert.equal(results.get('mailto:someone@example.com')!.status, 'skipped');
    assert.equal(results.get('http://exa mple.com/')!.status, 'invalid');
    const r = results.get(s.url('/to-ftp'))!;
    assert.equal(r.status, 'broken');
    assert.equal(r.message, 'redirects to a non-http URL (ftp:) ftp://files.example/x');
    assert.equal(s.hits.length, 1);
  }));

test('ignore patterns (glob, prefix, /regex/) and skipped hosts are not fetched', () =>
  withServer(async (s) => {
    s.route('/keep', html('ok'));
    const urls = [s.url('/keep'), s.url('/drafts/1'), s.url('/api/v1/x'), s.url('/Secret'), 'https://docs.skipped.example/a', 'https://skipped.example/b', 'https://notskipped.example.org/'];
    const results = await checkUrls(urls, { ...LOCAL, ignore: [`http://127.0.0.1:${s.port}/drafts/*`, s.url('/api/'), '/\\/secret$/i'], skipHosts: ['skipped.example', 'notskipped.example.org'] });
    assert.equal(results.get(s.url('/keep'))!.status, 'ok');
    assert.match(results.get(s.url('/drafts/1'))!.message, /^skipped: matches ignore pattern/);
    assert.equal(results.get(s.url('/api/v1/x'))!.status, 'skipped');
    assert.equal(results.get(s.url('/Secret'))!.status, 'skipped');
    assert.equal(results.get('https://docs.skipped.example/a')!.message, 'skipped: host skipped.example is in skipHosts');
    assert.equal(results.get('https://skipped.example/b')!.status, 'skipped');
    assert.equal(results.get('https://notskipped.example.org/')!.status, 'skipped');
    assert.deepEqual(
      s.hits.map((h) => h.path),
      ['/keep'],
    );
  }));
