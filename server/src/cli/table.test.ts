import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, mkdirSync, readFileSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import type { CliIo } from './io';
import { expandCommand, tableCommand } from './table';
import { draftLanguageOf } from '../services/tables';
import { findDataBlocks } from '../gpu/blocks';

/** A workspace folder (with `.benchpress/`) and the files in it. */
function workspace(files: Record<string, string> = {}): string {
  const dir = mkdtempSync(path.join(tmpdir(), 'benchpress-table-'));
  mkdirSync(path.join(dir, '.benchpress'));
  for (const [p, t] of Object.entries(files)) {
    mkdirSync(path.dirname(path.join(dir, p)), { recursive: true });
    writeFileSync(path.join(dir, p), t);
  }
  return dir;
}

async function run(command: typeof tableCommand, args: string[], cwd: string) {
  let stdout = '';
  let stderr = '';
  const io: CliIo = { cwd, stdout: (t) => { stdout += t; }, stderr: (t) => { stderr += t; }, isTTY: false, env: {} };
  const code = await command(args, io);
  return { code, stdout, stderr };
}

test('table: a spec table for one GPU, a comparison for several, with marker and source note', async () => {
  const dir = workspace();
  try {
    const spec = await run(tableCommand, ['--gpus', 'h100-sxm', '--fields', 'memoryGB,memoryBandwidthGBps', '--lang', 'zh-cn'], dir);
    assert.equal(spec.code, 0, spec.stderr);
    assert.equal(spec.stderr, '');
    assert.match(spec.stdout, /^<!-- benchpress:spec gpus=h100-sxm fields=memoryGB,memoryBandwidthGBps lang=zh-cn asOf=2026-11-25 -->\n\| 参数/);
    assert.match(spec.stdout, /\| 显存带宽 +\| 3350 GB\/s +\|/);
    assert.match(spec.stdout, /> 来源：/);
    assert.match(spec.stdout, /<!-- \/benchpress:spec -->\n$/);
    const compare = await run(tableCommand, ['--gpus=rtx-4090,H100'], dir);
    assert.equal(compare.code, 0, compare.stderr);
    const [block] = findDataBlocks(compare.stdout);
    assert.equal(block.kind, 'compare');
    assert.equal(block.params.gpus, 'rtx-4090,h100-sxm');
    assert.equal(block.params.lang, 'en');
    assert.ok(block.complete);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});

test('table: pricing and cost kinds', async () => {
  const dir = workspace();
  try {
    const pricing = await run(tableCommand, ['--kind', 'pricing', '--gpus', 'h100-sxm,b200', '--tiers', 'secure'], dir);
    assert.equal(pricing.code, 0, pricing.stderr);
    assert.match(pricing.stdout, /^<!-- benchpress:pricing gpus=h100-sxm,b200 tiers=secure lang=en asOf=2026-08-19 -->/);
    const cost = await run(tableCommand, ['--gpus', 'h100-sxm', '--hours', '100', '--count', '8'], dir);
    assert.equal(cost.code, 0, cost.stderr);
    assert.match(cost.stdout, /benchpress:cost gpus=h100-sxm hours=100 count=8 /);
    assert.match(cost.stdout, /\$3,192\.00/);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});

test('table: unknown ids and fields and bad usage exit 2 with a clear message and nothing on stdout', async () => {
  const dir = workspace();
  try {
    const cases: [string[], RegExp][] = [
      [['--gpus', 'h100-sxn'], /Unknown GPU "h100-sxn"; did you mean h100-sxm/],
      [['--gpus', 'h100-sxm', '--fields', 'memoryBandwith'], /Unknown field "memoryBandwith"; did you mean memoryBandwidthGBps\?/],
      [[], /Give the GPUs with --gpus/],
      [['--gpus', 'l4', '--lang', 'fr'], /Unknown --lang "fr": use en or zh-cn/],
      [['--gpus', 'l4', '--kind', 'chart'], /Unknown --kind "chart": use spec, compare, pricing or cost/],
      [['--gpus', 'l4,l40', '--kind', 'spec'], /A spec table is for one GPU/],
      [['--gpus', 'l4', '--kind', 'cost'], /needs --hours/],
      [['--gpus', 'h100-sxm', '--hours', '-3'], /--hours must be a positive number/],
      [['--gpus', 'h100-sxm', '--hours', '3', '--count', '1.5'], /--count must be a whole number/],
      [['--gpus', 'h100-sxm', '--kind', 'pricing', '--fields', 'tdpW'], /--fields applies to spec and compare/],
      [['--gpus', 'rtx-5090', '--kind', 'pricing'], /No prices for RTX 5090/],
      [['--gpus', 'l4', '--bogus'], /Unknown option --bogus/],
    ];
    for (const [args, message] of cases) {
      const r = await run(tableCommand, args, dir);
      assert.equal(r.code, 2, args.join(' '));
      assert.equal(r.stdout, '', args.join(' '));
      assert.match(r.stderr, message, args.join(' '));
    }
    const help = await run(tableCommand, ['--help'], dir);
    assert.equal(help.code, 0);
    assert.match(help.stdout, /^Usage: benchpress table --gpus/);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});

test('table: the workspace data is used, and problems in its files are reported on stderr', async () => {
  const dir = workspace({
    '.benchpress/prices.json': JSON.stringify({ prices: [
      { gpuId: 'h100-sxm', provider: 'runpod', tier: 'secure', usdPerHour: 2.49, source: 'https://example.com/p', asOf: '2026-12-01' },
      { gpuId: 'h100-sxm', provider: 'runpod', tier: 'spot', usdPerHour: 1.5, asOf: '2026-12-01' },
    ] }, null, 2),
  });
  try {
    const r = await run(tableCommand, ['--kind', 'pricing', '--gpus', 'h100-sxm'], path.join(dir));
    assert.equal(r.code, 0);
    assert.match(r.stdout, /\| H100 SXM +\| RunPod +\| Secure Cloud +\| +\$2\.49 \| 2026-12-01 +\|/);
    assert.doesNotMatch(r.stdout, /Spot/);
    assert.match(r.stderr, /^\.benchpress[\\/]prices\.json:11:5: error: h100-sxm runpod\/spot has no "source"/m);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});

test('expand: prints the draft with tokens replaced, in the draft language', async () => {
  const dir = workspace({ 'post.md': '# H100 评测\n\nH100 SXM 配备 {{gpu:h100-sxm.memoryGB}} 显存，带宽 {{gpu:h100-sxm.memoryBandwidthGBps}}。\n\n`{{gpu:h100-sxm.tdpW}}`\n' });
  try {
    const r = await run(expandCommand, ['post.md'], dir);
    assert.equal(r.code, 0, r.stderr);
    assert.equal(r.stdout, '# H100 评测\n\nH100 SXM 配备 80 GB 显存，带宽 3350 GB/s。\n\n`{{gpu:h100-sxm.tdpW}}`\n');
    const en = await run(expandCommand, ['post.md', '--lang', 'en'], dir);
    assert.match(en.stdout, /带宽 3,350 GB\/s/);
    assert.equal(readFileSync(path.join(dir, 'post.md'), 'utf8').includes('{{gpu:h100-sxm.memoryGB}}'), true, 'not written without --write');
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});

test('expand --write saves in place (no temp file left); unknown tokens exit 1 and write nothing', async () => {
  const dir = workspace({ 'a.md': 'TDP: {{gpu:rtx-4090.tdpW}}.\r\n', 'b.md': 'Bad {{gpu:rtx-4090.tdp_watts}} and {{gpu:rtx-9999.tdpW}}.\n', 'c.md': 'No tokens.\n' });
  try {
    const w = await run(expandCommand, ['a.md', '--write'], dir);
    assert.equal(w.code, 0, w.stderr);
    assert.equal(w.stdout, '');
    assert.match(w.stderr, /a\.md: expanded 1 token\./);
    assert.equal(readFileSync(path.join(dir, 'a.md'), 'utf8'), 'TDP: 450 W.\r\n');
    assert.deepEqual(readdirSync(dir).filter((n) => n.endsWith('.tmp')), []);

    const bad = await run(expandCommand, ['b.md', '--write'], dir);
    assert.equal(bad.code, 1);
    assert.equal(bad.stdout, '');
    assert.match(bad.stderr, /^b\.md:1:5: \{\{gpu:rtx-4090\.tdp_watts\}\}: Unknown field "tdp_watts"/m);
    assert.match(bad.stderr, /^b\.md:1:36: \{\{gpu:rtx-9999\.tdpW\}\}: Unknown GPU "rtx-9999"/m);
    assert.match(bad.stderr, /2 tokens cannot be expanded; nothing was written\./);
    assert.equal(readFileSync(path.join(dir, 'b.md'), 'utf8'), 'Bad {{gpu:rtx-4090.tdp_watts}} and {{gpu:rtx-9999.tdpW}}.\n');

    const none = await run(expandCommand, ['c.md', '--write'], dir);
    assert.equal(none.code, 0);
    assert.match(none.stderr, /no spec tokens/);

    const missing = await run(expandCommand, ['nope.md'], dir);
    assert.equal(missing.code, 2);
    assert.match(missing.stderr, /Cannot read nope\.md: no such file/);
    assert.equal((await run(expandCommand, [], dir)).code, 2);
    assert.equal((await run(expandCommand, ['a.md', 'b.md'], dir)).code, 2);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});

test('draft language detection ignores code', () => {
  assert.equal(draftLanguageOf('# 评测\n\n这是一篇中文文章。\n\n```\nlots of english code here and more\n```\n'), 'zh-cn');
  assert.equal(draftLanguageOf('# Review\n\nThis is an English article about the 4090.\n'), 'en');
});
