import { test } from 'node:test';
import assert from 'node:assert/strict';
import type { Range } from '../../base/types';
import { checkUrls, urlFindings, type UrlCheckResult } from './index';
import { TestServer, html, redirect, slow, status } from './test-server';

const at = (line: number, start: number, end: number): Range => ({ start: { line, character: start }, end: { line, character: end } });

test('from a real check to what the writer sees: messages on the exact ranges, a fix for permanent redirects', async () => {
  const s = await TestServer.start();
  try {
    s.route('/ok', html('<h2 id="here">here</h2>'));
    s.route('/moved', redirect(301, '/ok'));
    s.route('/temporary', redirect(302, '/ok'));
    s.route('/gone', status(410));
    s.route('/slow', slow(2000, html('late')));
    const u = (p: string) => s.url(p);
    const occurrences = [
      { url: u('/ok'), range: at(3, 10, 10 + u('/ok').length) },
      { url: u('/moved'), range: at(5, 1, 1 + u('/moved').length) },
      { url: `${u('/moved')}#here`, range: at(6, 1, 30) },
      { url: u('/temporary'), range: at(7, 0, 20) },
      { url: u('/gone'), range: at(9, 4, 40) },
      { url: u('/gone'), range: at(12, 4, 40) },
      { url: `${u('/ok')}#nowhere`, range: at(14, 0, 50) },
      { url: u('/slow'), range: at(15, 0, 10) },
      { url: 'http://192.168.1.1/admin', range: at(16, 0, 24) },
    ];
    const local = occurrences.map((o) => o.url).filter((url) => url.startsWith(u('/')) && url !== u('/slow'));
    const results = await checkUrls(local, { allowPrivate: true, timeoutMs: 5000, retries: 0 });
    // The slow link gets a short timeout of its own (a loaded machine must not time out the others);
    // allowPrivate is on for the local server, so the private-address link is checked (refused) apart.
    const slowResult = await checkUrls([u('/slow')], { allowPrivate: true, timeoutMs: 300, retries: 0 });
    const refused = await checkUrls(['http://192.168.1.1/admin'], { allowPrivate: false });
    results.set(u('/slow'), slowResult.get(u('/slow'))!);
    results.set('http://192.168.1.1/admin', refused.get('http://192.168.1.1/admin')!);
    const findings = urlFindings(occurrences, results);
    const summary = findings.map((f) => [f.ruleId, f.severity, f.range.start.line, f.message]);
    assert.deepEqual(summary, [
      ['links/redirect', 'hint', 5, `Link redirects permanently (301) to ${u('/ok')}`],
      ['links/redirect', 'hint', 6, `Link redirects permanently (301) to ${u('/ok')}#here`],
      ['links/broken-url', 'warning', 9, 'Broken link: 410 Gone'],
      ['links/broken-url', 'warning', 12, 'Broken link: 410 Gone'],
      ['links/broken-url', 'warning', 14, 'Broken link: anchor #nowhere not found on the page (200 OK)'],
      ['links/broken-url', 'info', 15, 'Could not verify link: timed out after 300 ms — the site may be slow or down; check it again later'],
      ['links/broken-url', 'info', 16, 'Link not checked: refused: private address (192.168.1.1, private); set allowPrivateUrls to check it'],
    ]);
    const fix = findings[0]!.fixes![0]!;
    assert.equal(fix.safe, false);
    assert.equal(fix.title, `Replace with ${u('/ok')}`);
    assert.deepEqual(fix.edits, [{ range: occurrences[1]!.range, newText: u('/ok') }]);
    assert.deepEqual(findings[1]!.fixes![0]!.edits[0]!.newText, `${u('/ok')}#here`);
    assert.equal(findings[2]!.data?.httpStatus, 410);
    assert.equal(s.hitsFor('/gone').length, 1);
  } finally {
    await s.close();
  }
});

const base = { checkedAt: '2025-01-01T00:00:00.000Z' };
const occ = (url: string) => [{ url, range: at(0, 0, url.length) }];

test('temporary redirects are silent by default, info when asked; mixed chains fix only the permanent part', () => {
  const temp: UrlCheckResult = { ...base, url: 'http://a.example/x', status: 'redirect', httpStatus: 200, message: 'redirected', finalUrl: 'https://a.example/login', redirects: [{ url: 'http://a.example/x', status: 302 }], permanent: false };
  assert.deepEqual(urlFindings(occ(temp.url), new Map([[temp.url, temp]])), []);
  const info = urlFindings(occ(temp.url), new Map([[temp.url, temp]]), { reportTemporaryRedirects: true });
  assert.deepEqual(
    info.map((f) => [f.ruleId, f.severity, f.message, f.fixes]),
    [['links/redirect', 'info', 'Link redirects (302) to https://a.example/login', undefined]],
  );
  const mixed: UrlCheckResult = {
    ...base,
    url: 'http://b.example/docs',
    status: 'redirect',
    httpStatus: 200,
    message: 'redirected',
    finalUrl: 'https://b.example/docs/v2/',
    permanentUrl: 'https://b.example/docs',
    permanent: false,
    redirects: [
      { url: 'http://b.example/docs', status: 301 },
      { url: 'https://b.example/docs', status: 302 },
    ],
  };
  const [f] = urlFindings(occ(mixed.url), new Map([[mixed.url, mixed]]));
  assert.equal(f!.message, 'Link redirects permanently (301) to https://b.example/docs, which then redirects temporarily to https://b.example/docs/v2/');
  assert.equal(f!.fixes![0]!.edits[0]!.newText, 'https://b.example/docs');
});

test('findings follow the verdict: dead is a warning, unverified an information that says why; skipped and cancelled say nothing', () => {
  const results = new Map<string, UrlCheckResult>(
    (
      [
        ['dns', 'dns', 'DNS lookup failed for x.invalid: no such host (ENOTFOUND)', { verdict: 'dead', verdictReason: 'no-such-host' }],
        ['net', 'network', 'connection reset after 3 tries', { verdict: 'unverified', verdictReason: 'unconfirmed', failingSince: '2025-01-01T00:00:00.000Z', failures: 1, deadIfFailingAfter: '2025-01-02T00:00:00.000Z' }],
        ['down', 'broken', '500 Internal Server Error (after 3 tries)', { verdict: 'dead', verdictReason: 'confirmed', httpStatus: 500, failingSince: '2024-12-30T08:15:00.000Z', failures: 3 }],
        ['blocked', 'broken', '403 Forbidden (the server refused the checker; the page may still open in a browser)', { verdict: 'unverified', verdictReason: 'blocked', httpStatus: 403 }],
        ['tls', 'network', 'TLS error (CERT_HAS_EXPIRED)', { verdict: 'unverified', verdictReason: 'tls' }],
        ['bad', 'invalid', 'invalid URL', { verdict: 'dead', verdictReason: 'invalid-url' }],
        ['skip', 'skipped', 'skipped: host x is in skipHosts', {}],
        ['stop', 'cancelled', 'cancelled', {}],
        ['priv', 'refused', 'refused: private address (127.0.0.1, loopback); set allowPrivateUrls to check it', { verdict: 'unverified', verdictReason: 'private-address' }],
      ] as const
    ).map(([url, status, message, extra]) => [url, { ...base, url, status, message, ...extra } as UrlCheckResult]),
  );
  const occurrences = [...results.keys()].flatMap(occ);
  const findings = urlFindings(occurrences, results);
  assert.deepEqual(
    findings.map((f) => [f.severity, f.message, f.data?.verdict]),
    [
      ['warning', 'Broken link: DNS lookup failed for x.invalid: no such host (ENOTFOUND)', 'dead'],
      ['info', 'Could not verify link: connection reset after 3 tries — failed once since 2025-01-01 00:00 UTC; reported as broken if it still fails at a check after 2025-01-02 00:00 UTC', 'unverified'],
      ['warning', 'Broken link: 500 Internal Server Error (after 3 tries); failing since 2024-12-30 08:15 UTC (3 checks)', 'dead'],
      ['info', 'Could not verify link: 403 Forbidden (the server refused the checker; the page may still open in a browser)', 'unverified'],
      ['info', 'Could not verify link: TLS error (CERT_HAS_EXPIRED) — the certificate or TLS setup could not be verified; the page may still open in a browser', 'unverified'],
      ['warning', 'Broken link: invalid URL', 'dead'],
      ['info', 'Link not checked: refused: private address (127.0.0.1, loopback); set allowPrivateUrls to check it', 'unverified'],
    ],
  );
  assert.deepEqual(findings[2]!.data, { url: 'down', status: 'broken', checkedAt: base.checkedAt, verdict: 'dead', verdictReason: 'confirmed', httpStatus: 500, failingSince: '2024-12-30T08:15:00.000Z', failures: 3 });
  assert.equal(urlFindings(occurrences, results, { refusedSeverity: 'warning' }).at(-1)!.severity, 'warning');
  assert.equal(urlFindings(occurrences, results, { refusedSeverity: 'off' }).length, 6);
  assert.deepEqual(urlFindings(occ('unknown'), results), [], 'occurrences without a result are left alone');
});
