import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtemp, readdir, readFile, rm, writeFile, mkdir } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { JsonFileUrlCache, MemoryUrlCache, pageCacheKey } from './cache';
import type { PageCheck } from './types';

const entry = (checkedAt: string, extra: Partial<PageCheck> = {}): PageCheck => ({ status: 'ok', httpStatus: 200, message: '200 OK', checkedAt, ...extra });

async function withDir(fn: (dir: string) => Promise<void>) {
  const dir = await mkdtemp(path.join(os.tmpdir(), 'benchpress-cache-'));
  try {
    await fn(dir);
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
}

test('pageCacheKey ignores the fragment and normalises the URL', () => {
  assert.equal(pageCacheKey(new URL('HTTPS://Example.COM/a?b=1#frag')), 'https://example.com/a?b=1');
  assert.equal(pageCacheKey(new URL('https://example.com')), 'https://example.com/');
});

test('memory cache stores and deletes', () => {
  const c = new MemoryUrlCache();
  c.set('k', entry('2025-01-01T00:00:00.000Z'));
  assert.equal(c.get('k')?.message, '200 OK');
  c.delete('k');
  assert.equal(c.get('k'), undefined);
});

test('file cache: round trip through an atomic write (no temporary file left), folders created', () =>
  withDir(async (dir) => {
    const file = path.join(dir, 'nested', 'links.json');
    const now = () => Date.parse('2025-01-01T12:00:00Z');
    const a = await JsonFileUrlCache.open(file, { now });
    assert.equal(a.size, 0);
    a.set('https://example.com/', entry('2025-01-01T00:00:00.000Z', { anchors: ['x'] }));
    await a.flush();
    assert.deepEqual(await readdir(path.dirname(file)), ['links.json']);
    const b = JsonFileUrlCache.openSync(file, { now });
    assert.deepEqual(b.get('https://example.com/'), entry('2025-01-01T00:00:00.000Z', { anchors: ['x'] }));
  }));

test('file cache: a corrupt or foreign file is ignored with a warning, never a crash, and replaced on flush', () =>
  withDir(async (dir) => {
    const file = path.join(dir, 'links.json');
    for (const content of ['{not json', '[]', '{"version": 99, "entries": {}}', 'null']) {
      await writeFile(file, content);
      const warnings: string[] = [];
      const c = await JsonFileUrlCache.open(file, { onWarning: (w) => warnings.push(w) });
      assert.equal(c.size, 0, content);
      assert.equal(warnings.length, 1, content);
      assert.match(warnings[0]!, /links\.json (is corrupt|has an unknown format)/);
      await c.flush();
      assert.deepEqual(JSON.parse(await readFile(file, 'utf8')), { version: 1, entries: {} });
    }
    // Invalid entries are dropped one by one; valid ones survive.
    await writeFile(file, JSON.stringify({ version: 1, entries: { good: entry('2025-01-01T00:00:00.000Z'), bad: { status: 'ok' }, worse: 42 } }));
    const c = await JsonFileUrlCache.open(file);
    assert.equal(c.size, 1);
    assert.ok(c.get('good'));
  }));

test('file cache: old entries are pruned when written', () =>
  withDir(async (dir) => {
    const file = path.join(dir, 'links.json');
    const clock = Date.parse('2025-01-10T00:00:00Z');
    const c = await JsonFileUrlCache.open(file, { pruneAfterHours: 48, now: () => clock });
    c.set('old', entry('2025-01-01T00:00:00.000Z'));
    c.set('new', entry('2025-01-09T12:00:00.000Z'));
    await c.flush();
    const saved = JSON.parse(await readFile(file, 'utf8')) as { entries: Record<string, unknown> };
    assert.deepEqual(Object.keys(saved.entries), ['new']);
  }));

test('file cache: an unwritable location gives a warning, not an exception', () =>
  withDir(async (dir) => {
    const blocker = path.join(dir, 'a-file');
    await writeFile(blocker, 'x');
    const warnings: string[] = [];
    const c = await JsonFileUrlCache.open(path.join(blocker, 'links.json'), { onWarning: (w) => warnings.push(w) });
    c.set('k', entry(new Date().toISOString()));
    await c.flush();
    assert.match(warnings.at(-1)!, /could not be written/);
    assert.equal(c.get('k')?.status, 'ok', 'still usable from memory');
    // A directory where the file should be: unreadable, warned about, still usable.
    const asDir = path.join(dir, 'dir.json');
    await mkdir(asDir);
    const w2: string[] = [];
    const d = await JsonFileUrlCache.open(asDir, { onWarning: (w) => w2.push(w) });
    assert.equal(d.size, 0);
    assert.match(w2[0] ?? '', /could not be read/);
  }));
