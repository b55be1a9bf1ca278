// A short seeded fuzz run inside `npm test`: generated and mutated documents through the built server (incremental
// edits and every request) and the CLI (lint, lint --fix twice). Failures that a regression fixture marks as a
// known product bug (`todo`) are listed but tolerated; any other failure fails the test, with its seed, and is
// saved (shrunk for a few seconds) under test/fuzz/regressions/. Long runs: `npm run fuzz -- --count 20000`.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { runFuzz } from './lib/engine';
import { checkPreview } from './lib/lsp-check';

const SEED = Number(process.env.BENCHPRESS_FUZZ_SEED ?? 20260117);
const COUNT = Number(process.env.BENCHPRESS_FUZZ_COUNT ?? 60);

test(`fuzz: ${COUNT} seeded documents through the server and the CLI keep every property (seed ${SEED})`, { timeout: 180_000 }, async () => {
  const lines: string[] = [];
  const report = await runFuzz({ seed: SEED, count: COUNT, timeLimitMs: 45_000, serverBatch: 30, cliBatch: 30, shrinkMs: 15_000, log: (l) => lines.push(l) });
  assert.ok(report.documents >= Math.min(COUNT, 5), `only ${report.documents} documents in the time limit`);
  const known = report.failures.filter((f) => f.known);
  if (known.length) console.log(`known product bugs met (todo fixtures): ${known.map((f) => `${f.signature} ×${f.count}`).join('; ')}`);
  const fresh = report.failures.filter((f) => !f.known);
  assert.deepEqual(
    fresh.map((f) => `[${f.kind}] ${f.signature} — case seed ${f.caseSeed} (replay: npm run fuzz -- --case ${f.caseSeed})${f.fixture ? `, saved as ${f.fixture}` : ''}\n${f.detail.slice(0, 500)}`),
    [],
    `new fuzz failures with master seed ${SEED}:\n${lines.join('\n')}`,
  );
});

test('the preview oracle flags live handlers, script URLs and unsafe elements, and not their look-alikes inside quoted attribute values', () => {
  const verdict = (html: string) => {
    try {
      checkPreview(html);
      return 'inert';
    } catch (error) {
      return (error as { category: string }).category;
    }
  };
  assert.equal(verdict('<p><img src=x onerror=alert(1)></p>'), 'event-handler');
  assert.equal(verdict('<p onclick="x()">a</p>'), 'event-handler');
  assert.equal(verdict('<a href="java&#x73;cript:alert(1)">a</a>'), 'script-url');
  assert.equal(verdict('<p>a</p><svg><g/></svg>'), 'unsafe-element');
  // What a draft's alt text or code class may hold, quoted: text, not markup (fuzz case 141194585).
  assert.equal(verdict('<p><img src="im" alt="<div><i src=x\noner=a onerror=b"></p>'), 'inert');
  assert.equal(verdict('<pre><code class="language-<script>">x</code></pre>'), 'inert');
  assert.equal(verdict('<p><img src="a.png" alt="x"></p>'), 'inert');
});
