// What a draft can make Benchpress touch. Files: links and images are looked at only inside the workspace — a
// `../` path, an absolute path or a symbolic link inside the workspace that points out is not checked, and nothing
// outside is read or even stat'ed (every file system call of the real CLI and server is recorded by a --require
// hook, test/support/fs-trace.cjs). Network: only http(s) URLs are fetched, and loopback and private addresses
// (in every spelling) only with --allow-private-urls; a local server on 127.0.0.1 counts what reaches it.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { execFile } from 'node:child_process';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { mkdirSync, mkdtempSync, readFileSync, rmSync, symlinkSync, writeFileSync, realpathSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { CLI, REPO, runCli } from './support/workspace';
import { LspClient, fileUri } from './support/lsp';

type Json = any; // eslint-disable-line @typescript-eslint/no-explicit-any

const TRACE_HOOK = path.join(REPO, 'test/support/fs-trace.cjs');

/**
 * parent/ (outside: a Markdown file with a heading, an image, secret.txt) and parent/ws/ (the workspace, with a
 * link `ws/escape` → parent/ and a draft that points out of the workspace every way it can).
 */
function layout(): { parent: string; ws: string; draft: string; text: string; dispose(): void } {
  const parent = realpathSync(mkdtempSync(path.join(tmpdir(), 'bp-bounds-')));
  const ws = path.join(parent, 'ws');
  mkdirSync(path.join(ws, '.benchpress'), { recursive: true });
  mkdirSync(path.join(ws, 'docs'));
  writeFileSync(path.join(parent, 'outside.md'), '# Outside\n\n## Secret heading\n');
  writeFileSync(path.join(parent, 'outside.png'), 'png');
  writeFileSync(path.join(parent, 'secret.txt'), 'secret');
  writeFileSync(path.join(ws, 'docs', 'inside.md'), '# Inside\n\n## Real heading\n');
  symlinkSync('..', path.join(ws, 'escape'));
  const text = [
    '# Draft',
    '',
    '[up](../../outside.md#secret-headin) ![img](../../outside.png) [gone](../../missing.md) [txt](../../secret.txt)',
    '[passwd](../../../../../../../../etc/passwd) [abs](/etc/passwd) [link](../escape/outside.md#secret-headin)',
    '[link-gone](../escape/nothing.md) [through](../escape/ws/docs/inside.md#real-headin)',
    '',
    'Inside, still checked: [a](inside.md#real-headin) [b](nope.md) [own](#draf)',
    '',
  ].join('\n');
  const draft = path.join(ws, 'docs', 'draft.md');
  writeFileSync(draft, text);
  return { parent, ws, draft, text, dispose: () => rmSync(parent, { recursive: true, force: true }) };
}

/** File system paths touched outside the workspace, besides looking for the workspace root (`.git`, `.benchpress`
 *  in the folders above) and the folders above themselves. */
function touchedOutside(trace: string, ws: string, parent: string): string[] {
  const ancestors = new Set<string>();
  for (let d = ws; ; d = path.dirname(d)) {
    ancestors.add(d);
    if (path.dirname(d) === d) break;
  }
  return trace
    .split('\n')
    .filter(Boolean)
    .map((p) => path.resolve(p))
    .filter((p) => {
      if (p === ws || p.startsWith(ws + path.sep)) return false;
      if (ancestors.has(p)) return false;
      if (ancestors.has(path.dirname(p)) && /^\.(git|benchpress)$/.test(path.basename(p))) return false;
      // Only what a draft could name: the parent folder and below, and system files.
      return p.startsWith(parent) || p.startsWith('/etc');
    });
}

const codesAt = (ds: { line: number; code: string }[], line: number) => ds.filter((d) => d.line === line).map((d) => d.code).sort();

test('CLI: links out of the workspace are not checked and nothing outside is read; links inside still are', async () => {
  const l = layout();
  try {
    // From scratch, then filling the cache, then answered from it (its dependency checks look at paths themselves).
    for (const [run, args] of [['no cache', ['--no-cache']], ['filling the cache', []], ['from the cache', []]] as const) {
      const trace = path.join(l.parent, `trace-${run}.txt`);
      const r = await new Promise<{ code: number; stdout: string; stderr: string }>((resolve) =>
        execFile(process.execPath, ['--require', TRACE_HOOK, CLI, 'lint', '--format', 'json', ...args, 'docs/draft.md'], { cwd: l.ws, env: { ...process.env, BP_FS_TRACE: trace } }, (error, stdout, stderr) =>
          resolve({ code: error ? Number(error.code) : 0, stdout, stderr }),
        ),
      );
      checkBoundaryRun(r, readFileSync(trace, 'utf8'), l, run);
    }
    const cached = runCli(['lint', 'docs/draft.md'], l.ws);
    assert.match(cached.stdout, /1 unchanged file from cache/);
  } finally {
    l.dispose();
  }
});

function checkBoundaryRun(r: { stdout: string; stderr: string }, trace: string, l: ReturnType<typeof layout>, run: string): void {
  assert.equal(r.stderr, '', run);
  const ds = (JSON.parse(r.stdout) as Json[])[0].diagnostics as { line: number; code: string; message: string }[];
  // Lines 3–4 point outside: no finding (no "not found", no "did you mean #secret-heading"). Line 5: a link out
  // and one that goes out through `escape` and back in to docs/inside.md — that one is inside, and checked.
  assert.deepEqual([3, 4].flatMap((line) => codesAt(ds, line)), []);
  assert.deepEqual(codesAt(ds, 5), ['links/missing-anchor']);
  assert.ok(!ds.some((d) => /secret/i.test(d.message)), JSON.stringify(ds));
  // Line 7 is inside: a missing anchor (with its suggestion, read from inside.md), a missing file, an own anchor.
  assert.deepEqual(codesAt(ds, 7), ['links/missing-anchor', 'links/missing-anchor', 'links/missing-file']);
  assert.ok(ds.some((d) => /did you mean #real-heading/.test(d.message)));
  assert.deepEqual(touchedOutside(trace, l.ws, l.parent), [], run);
}

test('server: the same draft open in the editor — diagnostics, anchor completion into an outside file and hovers read nothing outside', async () => {
  const l = layout();
  const trace = path.join(l.parent, 'trace.txt');
  const client = await LspClient.start(l.ws, { nodeArgs: ['--require', TRACE_HOOK], env: { BP_FS_TRACE: trace } });
  try {
    const uri = fileUri(l.draft);
    const diagnostics = await client.open(uri, l.text);
    const lines = (d: Json) => d.range.start.line + 1;
    assert.deepEqual(diagnostics.filter((d) => [3, 4].includes(lines(d))).map((d) => d.code), []);
    assert.deepEqual(diagnostics.filter((d) => lines(d) === 5).map((d) => d.code), ['links/missing-anchor']);
    assert.deepEqual(diagnostics.filter((d) => lines(d) === 7).map((d) => d.code).sort(), ['links/missing-anchor', 'links/missing-anchor', 'links/missing-file']);
    // Typing an anchor of an outside file offers nothing; of an inside file, its headings.
    const outside = await client.request('textDocument/completion', { textDocument: { uri }, position: { line: 2, character: '[up](../../outside.md#'.length } });
    assert.deepEqual(outside ?? [], []);
    const inside = await client.request('textDocument/completion', { textDocument: { uri }, position: { line: 6, character: 'Inside, still checked: [a](inside.md#'.length } });
    assert.ok((inside ?? []).some((i: Json) => i.label === '#real-heading'), JSON.stringify(inside));
    await client.request('textDocument/hover', { textDocument: { uri }, position: { line: 3, character: 5 } });
  } finally {
    await client.stop();
  }
  try {
    assert.deepEqual(touchedOutside(readFileSync(trace, 'utf8'), l.ws, l.parent), []);
  } finally {
    l.dispose();
  }
});

test('network: only http(s) is fetched, and no spelling of a loopback address is fetched without --allow-private-urls', async () => {
  const hits: string[] = [];
  const server = http.createServer((req, res) => {
    hits.push(req.url ?? '');
    res.writeHead(200, { 'content-type': 'text/html' }).end('<h1 id="x">ok</h1>');
  });
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  const port = (server.address() as AddressInfo).port;
  const dir = mkdtempSync(path.join(tmpdir(), 'bp-net-'));
  try {
    mkdirSync(path.join(dir, '.benchpress'));
    const loopback = ['127.0.0.1', 'localhost', '127.1', '0x7f000001', '2130706433', '0177.0.0.1', '[::ffff:127.0.0.1]', '127.0.0.1.nip.io.invalid'];
    const links = loopback.map((h, i) => `[l${i}](http://${h}:${port}/p${i})`);
    const schemes = [`ftp://127.0.0.1:${port}/f`, `file:///etc/passwd`, `gopher://127.0.0.1:${port}/g`, 'javascript:alert(1)', 'data:text/html,x', `ws://127.0.0.1:${port}/w`];
    writeFileSync(path.join(dir, 'a.md'), ['# Links', '', ...links, '', ...schemes.map((u, i) => `[s${i}](${u})`), ''].join('\n'));
    const lint = (extra: string[]) =>
      new Promise<{ code: number; stdout: string }>((resolve) =>
        execFile(process.execPath, [CLI, 'lint', '--format', 'json', '--no-cache', '--check-urls', ...extra, 'a.md'], { cwd: dir, env: { ...process.env, NO_COLOR: '1' } }, (error, stdout) => resolve({ code: error ? Number(error.code) : 0, stdout })),
      );
    const refused = await lint([]);
    assert.equal(hits.length, 0, `a private address was fetched without --allow-private-urls: ${hits.join(' ')}`);
    assert.ok([0, 1].includes(refused.code));
    const allowed = await lint(['--allow-private-urls']);
    assert.ok([0, 1].includes(allowed.code));
    // With the flag, the spellings that are 127.0.0.1 are fetched; never anything but http(s).
    assert.ok(hits.includes('/p0'), `hits: ${hits.join(' ')}`);
    assert.deepEqual(hits.filter((h) => !/^\/p\d$/.test(h)), [], `non-http schemes reached the server: ${hits.join(' ')}`);
  } finally {
    await new Promise<void>((r) => server.close(() => r()));
    rmSync(dir, { recursive: true, force: true });
  }
});
