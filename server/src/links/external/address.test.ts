import { test } from 'node:test';
import assert from 'node:assert/strict';
import type { LookupAddress } from 'node:dns';
import { classifyAddress, createPinnedLookup, isPublicAddress, parseIPv6, verifyHost, type HostVerdict } from './address';

test('IPv4 classification: loopback, private, link-local, CGNAT and the other special ranges are not public', () => {
  const cases: [string, string][] = [
    ['127.0.0.1', 'loopback'],
    ['127.255.255.254', 'loopback'],
    ['0.0.0.0', 'unspecified'],
    ['10.1.2.3', 'private'],
    ['172.16.0.1', 'private'],
    ['172.31.255.255', 'private'],
    ['192.168.1.1', 'private'],
    ['169.254.169.254', 'link-local'],
    ['100.64.0.1', 'cgnat'],
    ['100.100.100.200', 'cgnat'],
    ['100.127.255.255', 'cgnat'],
    ['192.0.2.10', 'documentation'],
    ['198.51.100.1', 'documentation'],
    ['203.0.113.9', 'documentation'],
    ['198.18.0.1', 'benchmarking'],
    ['192.0.0.8', 'reserved'],
    ['224.0.0.251', 'multicast'],
    ['240.0.0.1', 'reserved'],
    ['255.255.255.255', 'broadcast'],
    ['8.8.8.8', 'public'],
    ['172.32.0.1', 'public'],
    ['172.15.255.255', 'public'],
    ['100.63.255.255', 'public'],
    ['100.128.0.0', 'public'],
    ['192.169.0.1', 'public'],
    ['169.255.0.1', 'public'],
  ];
  for (const [ip, kind] of cases) assert.equal(classifyAddress(ip), kind, ip);
});

test('IPv6 classification, including IPv4 embedded in mapped, compatible, NAT64 and 6to4 forms', () => {
  const cases: [string, string][] = [
    ['::1', 'loopback'],
    ['[::1]', 'loopback'],
    ['::', 'unspecified'],
    ['fe80::1', 'link-local'],
    ['fe80::1%eth0', 'link-local'],
    ['febf:ffff::1', 'link-local'],
    ['fc00::1', 'unique-local'],
    ['fd12:3456:789a::1', 'unique-local'],
    ['fec0::1', 'private'],
    ['ff02::1', 'multicast'],
    ['2001:db8::1', 'documentation'],
    ['::ffff:127.0.0.1', 'loopback'],
    ['::ffff:7f00:1', 'loopback'],
    ['::ffff:10.0.0.1', 'private'],
    ['::ffff:169.254.169.254', 'link-local'],
    ['::ffff:8.8.8.8', 'public'],
    ['0:0:0:0:0:ffff:192.168.0.1', 'private'],
    ['::127.0.0.1', 'loopback'],
    ['64:ff9b::10.0.0.1', 'private'],
    ['64:ff9b::8.8.8.8', 'public'],
    ['64:ff9b:1::1', 'private'],
    ['2002:7f00:0001::1', 'loopback'],
    ['2002:0808:0808::1', 'public'],
    ['2001::1', 'reserved'],
    ['100::1', 'reserved'],
    ['2606:4700:4700::1111', 'public'],
    ['2a00:1450:4001:82b::200e', 'public'],
  ];
  for (const [ip, kind] of cases) assert.equal(classifyAddress(ip), kind, ip);
  assert.equal(classifyAddress('example.com'), 'invalid');
  assert.equal(classifyAddress('1:2:3'), 'invalid');
  assert.equal(classifyAddress('1::2::3'), 'invalid');
  assert.equal(isPublicAddress('256.1.1.1'), false);
});

test('parseIPv6 expands every textual form to eight groups', () => {
  assert.deepEqual(parseIPv6('::'), [0, 0, 0, 0, 0, 0, 0, 0]);
  assert.deepEqual(parseIPv6('1::'), [1, 0, 0, 0, 0, 0, 0, 0]);
  assert.deepEqual(parseIPv6('::ffff:1.2.3.4'), [0, 0, 0, 0, 0, 0xffff, 0x0102, 0x0304]);
  assert.deepEqual(parseIPv6('1:2:3:4:5:6:1.2.3.4'), [1, 2, 3, 4, 5, 6, 0x0102, 0x0304]);
  assert.deepEqual(parseIPv6('1:2:3:4:5:6:7:8'), [1, 2, 3, 4, 5, 6, 7, 8]);
  assert.equal(parseIPv6('1:2:3:4:5:6:7:8:9'), undefined);
  assert.equal(parseIPv6('1:2:3:4:5:6:7::8'), undefined);
  assert.equal(parseIPv6('12345::'), undefined);
});

test('verifyHost: refused if any address is non-public, unless allowed; DNS errors are DNS failures', async () => {
  const resolve = async (host: string) => {
    if (host === 'public.example') return [{ address: '93.184.215.14', family: 4 as const }];
    if (host === 'mixed.example')
      return [
        { address: '2606:4700::6810:84e5', family: 6 as const },
        { address: '::ffff:192.168.0.10', family: 6 as const },
      ];
    throw Object.assign(new Error('nope'), { code: 'ENOTFOUND' });
  };
  assert.deepEqual(await verifyHost('public.example', { allowPrivate: false, resolve }), { ok: true, addresses: [{ address: '93.184.215.14', family: 4 }], nonPublic: false });
  const mixed = await verifyHost('mixed.example', { allowPrivate: false, resolve });
  assert.equal(mixed.ok, false);
  assert.equal(!mixed.ok && mixed.status, 'refused');
  assert.equal(!mixed.ok && mixed.message, 'refused: private address (mixed.example resolves to ::ffff:192.168.0.10, private); set allowPrivateUrls to check it');
  const allowed = await verifyHost('mixed.example', { allowPrivate: true, resolve });
  assert.equal(allowed.ok && allowed.nonPublic, true);
  const missing = await verifyHost('missing.example', { allowPrivate: false, resolve });
  assert.equal(!missing.ok && missing.status, 'dns');
  assert.equal(!missing.ok && missing.message, 'DNS lookup failed for missing.example: no such host (ENOTFOUND)');
  // IP literals are judged without any lookup.
  const literal = await verifyHost('169.254.169.254', { allowPrivate: false, resolve: () => assert.fail('no lookup for a literal') });
  assert.equal(!literal.ok && literal.message, 'refused: private address (169.254.169.254, link-local); set allowPrivateUrls to check it');
});

test('pinned lookup answers with the verified addresses in both callback forms, and refuses what was refused', async () => {
  const verdicts: Record<string, HostVerdict> = {
    'pinned.example': {
      ok: true,
      nonPublic: false,
      addresses: [
        { address: '93.184.215.14', family: 4 },
        { address: '2606:2800:21f:cb07:6820:80da:af6b:8b2c', family: 6 },
      ],
    },
    'internal.example': { ok: false, status: 'refused', message: 'refused: private address' },
  };
  const lookup = createPinnedLookup(async (h) => verdicts[h]!);
  const call = (host: string, options: { all?: boolean; family?: number }) =>
    new Promise<{ err: NodeJS.ErrnoException | null; address: string | LookupAddress[]; family?: number }>((resolve) => lookup(host, options, (err, address, family) => resolve({ err, address, family })));
  const all = await call('PINNED.example', { all: true });
  assert.equal(all.err, null);
  assert.deepEqual(all.address, verdicts['pinned.example']!.ok ? verdicts['pinned.example']!.addresses : []);
  const one = await call('pinned.example', {});
  assert.deepEqual([one.address, one.family], ['93.184.215.14', 4]);
  const v6 = await call('pinned.example', { family: 6 });
  assert.deepEqual([v6.address, v6.family], ['2606:2800:21f:cb07:6820:80da:af6b:8b2c', 6]);
  const refused = await call('internal.example', { all: true });
  assert.equal(refused.err?.code, 'EBENCHPRESS_REFUSED');
});
