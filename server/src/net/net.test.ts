// net/: one error classification, one retry policy, and one HTTP exchange on undici, against real local servers
// on 127.0.0.1 (no network mocks, no internet).
import { test } from 'node:test';
import assert from 'node:assert/strict';
import http from 'node:http';
import net, { type AddressInfo } from 'node:net';
import zlib from 'node:zlib';
import { classifyNetError } from './errors';
import { backoffDelay, decideRetry, isRetriableStatus, withRetries, type RetryPolicy } from './retry';
import { headerValue, httpStatusText, isJsonMediaType, mediaType, statusText } from './headers';
import { readBody } from './body';
import { closeAgent, createAgent, ignoreBody, send } from './http';
import { httpUrl, shownUrl } from './url';

const err = (...codes: string[]) => codes.reduceRight<unknown>((cause, code) => Object.assign(new Error(code), { code, cause }), undefined);

test('classification: one kind per failure, with transient telling what may pass', () => {
  const k = (e: unknown) => {
    const c = classifyNetError(e);
    return [c.kind, c.transient, c.reason];
  };
  assert.deepEqual(k(err('UND_ERR_CONNECT_TIMEOUT')), ['timeout', true, 'timed out']);
  assert.deepEqual(k(err('UND_ERR_HEADERS_TIMEOUT')), ['timeout', true, 'timed out']);
  assert.deepEqual(k(err('ENOTFOUND')), ['dns', false, 'host not found (ENOTFOUND)']);
  assert.deepEqual(k(err('EAI_AGAIN')), ['dns', true, 'temporary DNS failure (EAI_AGAIN)']);
  assert.deepEqual(k(err('ECONNREFUSED')), ['refused', true, 'connection refused']);
  assert.deepEqual(k(err('ECONNRESET')), ['reset', true, 'connection reset']);
  assert.deepEqual(k(err('UND_ERR_SOCKET', 'ECONNRESET')), ['reset', true, 'connection reset'], 'the cause’s code counts');
  assert.deepEqual(k(err('UND_ERR_SOCKET')), ['reset', true, 'connection closed before a complete response']);
  assert.deepEqual(k(err('EHOSTUNREACH')), ['unreachable', true, 'host unreachable']);
  assert.deepEqual(k(err('ERR_SSL_WRONG_VERSION_NUMBER')), ['tls', false, 'TLS error (ERR_SSL_WRONG_VERSION_NUMBER)']);
  assert.deepEqual(k(err('CERT_HAS_EXPIRED')), ['tls', false, 'TLS error (CERT_HAS_EXPIRED)']);
  assert.deepEqual(k(err('HPE_INVALID_CONSTANT')), ['protocol', false, 'invalid HTTP response (HPE_INVALID_CONSTANT)']);
  assert.deepEqual(k(err('UND_ERR_ABORTED')), ['aborted', false, 'cancelled']);
  assert.deepEqual(k(Object.assign(new Error('x'), { name: 'AbortError' })), ['aborted', false, 'cancelled']);
  assert.deepEqual(k(new Error('something with a secret in its text')), ['other', true, 'network error']);
  const agg = Object.assign(new Error('multi'), { errors: [Object.assign(new Error('a'), { code: 'ECONNREFUSED' })] });
  assert.equal(classifyNetError(agg).kind, 'refused', 'AggregateError (happy eyeballs) sub-errors count');
  assert.ok(classifyNetError(new Error('https://x/?api_key=SECRET')).reason.indexOf('SECRET') < 0, 'error text is never quoted');
});

const POLICY: RetryPolicy = { retries: 2, baseDelayMs: 100, maxRetryAfterMs: 5000, retryTimeouts: false, random: () => 0.5 };

test('retry policy: which errors and statuses are tried again, backoff with jitter, Retry-After up to a limit', () => {
  const e = (...codes: string[]) => ({ error: classifyNetError(err(...codes)) });
  assert.deepEqual(decideRetry(POLICY, 0, e('ECONNRESET')), { retry: true, waitMs: 75 });
  assert.deepEqual(decideRetry(POLICY, 0, e('EAI_AGAIN')), { retry: true, waitMs: 75 }, 'a temporary DNS failure is retried');
  assert.deepEqual(decideRetry(POLICY, 0, e('HPE_INVALID_CONSTANT')), { retry: false, reason: 'not-retriable' }, 'a server that speaks broken HTTP is not');
  assert.deepEqual(decideRetry(POLICY, 0, e('ENOTFOUND')), { retry: false, reason: 'not-retriable' });
  assert.deepEqual(decideRetry(POLICY, 0, e('ERR_TLS_CERT_ALTNAME_INVALID')), { retry: false, reason: 'not-retriable' });
  assert.deepEqual(decideRetry(POLICY, 0, e('UND_ERR_HEADERS_TIMEOUT')), { retry: false, reason: 'not-retriable' });
  assert.deepEqual(decideRetry({ ...POLICY, retryTimeouts: true }, 0, e('UND_ERR_HEADERS_TIMEOUT')), { retry: true, waitMs: 75 });
  assert.deepEqual(decideRetry(POLICY, 2, e('ECONNRESET')), { retry: false, reason: 'exhausted' });
  assert.deepEqual(decideRetry(POLICY, 0, { status: 200 }), { retry: false, reason: 'final' });
  assert.deepEqual(decideRetry(POLICY, 0, { status: 404 }), { retry: false, reason: 'not-retriable' });
  assert.deepEqual(decideRetry(POLICY, 1, { status: 502 }), { retry: true, waitMs: 150 });
  assert.deepEqual(decideRetry(POLICY, 0, { status: 429, retryAfter: '2' }), { retry: true, waitMs: 2000, retryAfterMs: 2000 });
  assert.deepEqual(decideRetry(POLICY, 0, { status: 503, retryAfter: '60' }), { retry: false, reason: 'retry-after-too-long', retryAfterMs: 60_000 });
  assert.deepEqual(decideRetry(POLICY, 2, { status: 429, retryAfter: '1' }), { retry: false, reason: 'exhausted', retryAfterMs: 1000 });
  assert.deepEqual(decideRetry(POLICY, 0, { status: 500, retryAfter: '1' }), { retry: true, waitMs: 75 }, 'Retry-After counts on 429 and 503 only');
  assert.deepEqual(
    [500, 501, 502, 503, 504, 505, 429, 408, 400].map(isRetriableStatus),
    [true, false, true, true, true, false, true, false, false],
  );
  const jitter = (r: number) => backoffDelay({ ...POLICY, random: () => r }, 3);
  assert.deepEqual([jitter(0), jitter(0.999)], [400, 800], 'between ½ and 1 × base·2ⁿ');
  assert.equal(backoffDelay({ ...POLICY, baseDelayMs: 10_000 }, 5), 7500, 'capped at maxDelayMs (10 s by default)');
});

test('withRetries: attempts until the policy says stop, telling each pause; a cancelled pause ends it', async () => {
  const outcomes = [{ status: 503 }, { status: 500 }, { status: 200 }];
  const waits: [number, number][] = [];
  const run = await withRetries({ ...POLICY, baseDelayMs: 1 }, async (retry) => outcomes[retry]!, (o) => o, { onRetry: (ms, next) => waits.push([ms, next]) });
  assert.deepEqual([run.tries, run.result.status, run.decision.reason], [3, 200, 'final']);
  assert.deepEqual(
    waits.map((w) => w[1]),
    [2, 3],
  );
  const controller = new AbortController();
  const cancelled = await withRetries({ ...POLICY, baseDelayMs: 60_000 }, async () => ({ status: 503 }), (o) => o, { signal: controller.signal, onRetry: () => controller.abort() });
  assert.deepEqual([cancelled.tries, cancelled.decision.reason], [1, 'cancelled']);
});

test('headers and URLs: first values, media types, reason phrases; only http(s), shown without credentials or query', () => {
  assert.equal(headerValue({ 'retry-after': ['5', '9'] }, 'Retry-After'), '5');
  assert.equal(mediaType('Application/Problem+JSON; charset=utf-8'), 'application/problem+json');
  assert.deepEqual(['application/json', 'application/problem+json', 'text/html', undefined].map(isJsonMediaType), [true, true, false, false]);
  assert.deepEqual([statusText(404), statusText(999), httpStatusText(503)], ['404 Not Found', 'HTTP 999', 'HTTP 503 Service Unavailable']);
  assert.equal(httpUrl('ftp://example.com/x'), undefined);
  assert.equal(httpUrl('javascript:alert(1)'), undefined);
  assert.equal(httpUrl(' https://example.com/a ')?.href, 'https://example.com/a');
  assert.equal(shownUrl(new URL('https://u:p@example.com/a/b?key=s#f')), 'https://example.com/a/b');
});

async function withServer(handler: http.RequestListener, fn: (base: string) => Promise<void>): Promise<void> {
  const server = http.createServer(handler);
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  try {
    await fn(`http://127.0.0.1:${(server.address() as AddressInfo).port}`);
  } finally {
    await new Promise<void>((r) => {
      server.close(() => r());
      server.closeAllConnections();
    });
  }
}

test('send: a response with its headers; the body read with a byte cap (decoded); what is not read is discarded', () =>
  withServer(
    (req, res) => {
      if (req.url === '/big') {
        res.writeHead(200, { 'content-type': 'text/plain', 'content-encoding': 'gzip' });
        res.end(zlib.gzipSync('x'.repeat(100_000)));
      } else res.writeHead(201, { 'x-test': 'yes', 'content-type': 'application/json' }).end('{"a":1}');
    },
    async (base) => {
      const agent = createAgent({ timeoutMs: 5000, connections: 1 });
      try {
        const plain = await send(agent, new URL(`${base}/x`), { method: 'GET', headers: {}, timeoutMs: 5000 }, ignoreBody);
        assert.equal(plain.kind, 'response');
        assert.equal(plain.kind === 'response' && plain.status, 201);
        assert.equal(plain.kind === 'response' && headerValue(plain.headers, 'x-test'), 'yes');
        const big = await send(agent, new URL(`${base}/big`), { method: 'GET', headers: {}, timeoutMs: 5000 }, (head, body) => readBody(body, 1000, headerValue(head.headers, 'content-encoding')));
        assert.ok(big.kind === 'response');
        assert.deepEqual([big.value.bytes.length, big.value.truncated, big.value.bytes.toString()], [1000, true, 'x'.repeat(1000)]);
        // One socket per origin: the second request reused the first connection (the agent still works).
        const again = await send(agent, new URL(`${base}/x`), { method: 'POST', headers: { 'content-type': 'application/json' }, body: '{}', timeoutMs: 5000 }, ignoreBody);
        assert.equal(again.kind, 'response');
      } finally {
        await closeAgent(agent);
      }
    },
  ));

test('send: only http(s); a timeout, a cancellation, a refused port and a server that speaks no HTTP, each classified', async () => {
  const agent = createAgent({ timeoutMs: 5000 });
  try {
    const ftp = await send(agent, new URL('ftp://127.0.0.1/x'), { method: 'GET', headers: {}, timeoutMs: 1000 }, ignoreBody);
    assert.deepEqual(ftp.kind === 'error' && [ftp.error.kind, ftp.error.reason], ['scheme', 'not an http(s) URL (ftp:)']);

    await withServer(
      () => {}, // never answers
      async (base) => {
        const slow = await send(agent, new URL(base), { method: 'GET', headers: {}, timeoutMs: 200 }, ignoreBody);
        assert.equal(slow.kind === 'error' && slow.error.kind, 'timeout');
        const controller = new AbortController();
        const pending = send(agent, new URL(base), { method: 'GET', headers: {}, signal: controller.signal, timeoutMs: 10_000 }, ignoreBody);
        setImmediate(() => controller.abort());
        const cancelled = await pending;
        assert.equal(cancelled.kind === 'error' && cancelled.error.kind, 'aborted');
      },
    );

    const closed = net.createServer();
    await new Promise<void>((r) => closed.listen(0, '127.0.0.1', r));
    const port = (closed.address() as AddressInfo).port;
    await new Promise<void>((r) => closed.close(() => r()));
    const refused = await send(agent, new URL(`http://127.0.0.1:${port}/`), { method: 'GET', headers: {}, timeoutMs: 5000 }, ignoreBody);
    assert.deepEqual(refused.kind === 'error' && [refused.error.kind, refused.error.transient], ['refused', true]);

    const garbage = net.createServer((socket) => socket.once('data', () => socket.end('SMTP ready\r\n\r\n')));
    await new Promise<void>((r) => garbage.listen(0, '127.0.0.1', r));
    try {
      const bad = await send(agent, new URL(`http://127.0.0.1:${(garbage.address() as AddressInfo).port}/`), { method: 'GET', headers: {}, timeoutMs: 5000 }, ignoreBody);
      assert.deepEqual(bad.kind === 'error' && [bad.error.kind, bad.error.transient], ['protocol', false]);
      assert.match(bad.kind === 'error' ? bad.error.reason : '', /^invalid HTTP response( \(HPE_[A-Z_]+\))?$/);
    } finally {
      await new Promise<void>((r) => garbage.close(() => r()));
    }
  } finally {
    await closeAgent(agent);
  }
});
