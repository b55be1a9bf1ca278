import { test } from 'node:test';
import assert from 'node:assert/strict';
import { compileGpuNames, familyOfId, findGpuMentions, findUnknownGpuNames, normalizeText } from './names';
import { BUILTIN_GPUS } from '../node/data-files';
import type { GpuRecord } from './data';

const matcher = compileGpuNames(BUILTIN_GPUS);

/** "text→gpuId" for each mention, for compact assertions. */
const ids = (text: string) => findGpuMentions(text, matcher).map((m) => `${m.text}→${m.gpuId}`);

test('families group variants by id', () => {
  assert.equal(familyOfId('h100-sxm'), 'h100');
  assert.equal(familyOfId('h100-nvl'), 'h100');
  assert.equal(familyOfId('a100-40gb-sxm'), 'a100');
  assert.equal(familyOfId('a100-80gb-pcie'), 'a100');
  assert.equal(familyOfId('rtx-4090'), 'rtx-4090');
  assert.equal(familyOfId('l40s'), 'l40s');
  assert.deepEqual(matcher.families.get('h100'), ['h100-sxm', 'h100-pcie', 'h100-nvl']);
  assert.deepEqual(matcher.families.get('a100'), ['a100-80gb-sxm', 'a100-40gb-sxm', 'a100-80gb-pcie']);
  assert.deepEqual(matcher.families.get('h200'), ['h200-sxm', 'h200-nvl']);
  assert.equal(matcher.familyName('h100'), 'H100');
  assert.equal(matcher.familyName('rtx-4090'), 'RTX 4090');
  assert.equal(matcher.familyName('rtx-6000-ada'), 'RTX 6000 Ada');
  assert.equal(matcher.displayName('h100-nvl'), 'H100 NVL');
  assert.equal(matcher.displayName('rtx-4090'), 'RTX 4090');
});

test('names, aliases and derived spellings', () => {
  assert.deepEqual(ids('RTX 4090'), ['RTX 4090→rtx-4090']);
  assert.deepEqual(ids('the GeForce RTX 4090 card'), ['GeForce RTX 4090→rtx-4090']);
  assert.deepEqual(ids('NVIDIA GeForce RTX 4090'), ['NVIDIA GeForce RTX 4090→rtx-4090']);
  assert.deepEqual(ids('NVIDIA RTX 4090'), ['NVIDIA RTX 4090→rtx-4090']);
  assert.deepEqual(ids('Nvidia 4090'), ['Nvidia 4090→rtx-4090']);
  assert.deepEqual(ids('rtx4090, RTX-4090'), ['rtx4090→rtx-4090', 'RTX-4090→rtx-4090']);
  assert.deepEqual(ids('4090 and 5090'), ['4090→rtx-4090', '5090→rtx-5090']);
  assert.deepEqual(ids('h100 and H200'), ['h100→h100-sxm', 'H200→h200-sxm']);
  assert.deepEqual(ids('英伟达H100'), ['英伟达H100→h100-sxm']);
  assert.deepEqual(ids('A100-SXM4-80GB'), ['A100-SXM4-80GB→a100-80gb-sxm']);
  assert.deepEqual(ids('NVIDIA H100 80GB HBM3'), ['NVIDIA H100 80GB HBM3→h100-sxm']);
  assert.deepEqual(ids('RTX 6000 Ada Generation'), ['RTX 6000 Ada Generation→rtx-6000-ada']);
  assert.deepEqual(ids('B200 and L40S and L40 and L4'), ['B200→b200', 'L40S→l40s', 'L40→l40', 'L4→l4']);
  assert.deepEqual(ids('l40s'), ['l40s→l40s']);
});

test('Chinese text around names, and numeric boundaries', () => {
  assert.deepEqual(ids('用4090跑'), ['4090→rtx-4090']);
  assert.deepEqual(ids('我们用H100的显存'), ['H100→h100-sxm']);
  assert.deepEqual(ids('3090，4090'), ['3090→rtx-3090', '4090→rtx-4090']);
  assert.deepEqual(ids('8x H100 and 8xH100 and 2×4090'), ['H100→h100-sxm', 'H100→h100-sxm', '4090→rtx-4090']);
  assert.deepEqual(ids('14090'), []);
  assert.deepEqual(ids('H1000'), []);
  assert.deepEqual(ids('40900'), []);
  assert.deepEqual(ids('GB200'), []);
  assert.deepEqual(ids('version 3.4090'), []);
  assert.deepEqual(ids('4090.5'), []);
  assert.deepEqual(ids('2022 年'), []);
});

test('full-width digits and letters (NFKC), offsets in the original text', () => {
  const text = '用４０９０跑，Ｈ１００ 也行';
  const mentions = findGpuMentions(text, matcher);
  assert.deepEqual(mentions.map((m) => [m.gpuId, m.text]), [['rtx-4090', '４０９０'], ['h100-sxm', 'Ｈ１００']]);
  for (const m of mentions) assert.equal(text.slice(m.start, m.end), m.text);
  const squared = normalizeText('H100 ㎇ 4090');
  assert.equal(squared.text, 'H100 GB 4090');
  assert.equal(squared.toOriginal(8), 7);
  assert.equal(squared.toOriginal(squared.text.length), 'H100 ㎇ 4090'.length);
});

test('different cards are not mentions: 4090D, 4090 D, 3090 Ti, 4080 Super, laptop parts', () => {
  for (const text of ['4090D', 'RTX 4090 D', 'RTX 4090D', '3090 Ti', 'RTX 3090Ti', 'RTX 4090 Ti', '4090 Laptop', 'RTX 4090 移动版', '4090笔记本', 'H100S']) {
    assert.deepEqual(ids(text), [], text);
    assert.ok(findUnknownGpuNames(text, matcher).length > 0, `${text} is an unknown GPU name`);
  }
  // "4090 does" and "4090 D." are told apart by the word boundary.
  assert.deepEqual(ids('the 4090 does well'), ['4090→rtx-4090']);
});

test('bare numbers that read as quantities are not mentions', () => {
  for (const text of ['4090 元', '售价 4090元', '$4090', 'port 4090', '端口 4090', '4090 MB', '第 4090 行', '4090 tokens']) assert.deepEqual(ids(text), [], text);
  // With a brand or series prefix it is a card again.
  assert.deepEqual(ids('RTX 4090 元旦特价'), ['RTX 4090→rtx-4090']);
});

test('plurals: "H100s" and "4090s" are mentions without the s', () => {
  assert.deepEqual(ids('four H100s'), ['H100→h100-sxm']);
  assert.deepEqual(ids('two 4090s.'), ['4090→rtx-4090']);
});

test('longest match wins, and candidates say which variants a name may mean', () => {
  const one = (text: string) => {
    const [m] = findGpuMentions(text, matcher);
    return m && { text: m.text, gpuId: m.gpuId, family: m.family, explicit: m.explicitVariant, candidates: [...m.candidates] };
  };
  assert.deepEqual(one('H100 SXM'), { text: 'H100 SXM', gpuId: 'h100-sxm', family: 'h100', explicit: true, candidates: ['h100-sxm'] });
  assert.deepEqual(one('H100 PCIe'), { text: 'H100 PCIe', gpuId: 'h100-pcie', family: 'h100', explicit: true, candidates: ['h100-pcie'] });
  assert.deepEqual(one('H100 NVL'), { text: 'H100 NVL', gpuId: 'h100-nvl', family: 'h100', explicit: true, candidates: ['h100-nvl'] });
  assert.deepEqual(one('H100'), { text: 'H100', gpuId: 'h100-sxm', family: 'h100', explicit: false, candidates: ['h100-sxm', 'h100-pcie', 'h100-nvl'] });
  assert.deepEqual(one('H100 SXM5'), { text: 'H100 SXM5', gpuId: 'h100-sxm', family: 'h100', explicit: true, candidates: ['h100-sxm'] });
  assert.deepEqual(one('A100'), { text: 'A100', gpuId: 'a100-80gb-sxm', family: 'a100', explicit: false, candidates: ['a100-80gb-sxm', 'a100-40gb-sxm', 'a100-80gb-pcie'] });
  assert.deepEqual(one('A100 40GB'), { text: 'A100 40GB', gpuId: 'a100-40gb-sxm', family: 'a100', explicit: true, candidates: ['a100-40gb-sxm'] });
  assert.deepEqual(one('A100 40G'), { text: 'A100 40G', gpuId: 'a100-40gb-sxm', family: 'a100', explicit: true, candidates: ['a100-40gb-sxm'] });
  assert.deepEqual(one('A100 80GB'), { text: 'A100 80GB', gpuId: 'a100-80gb-sxm', family: 'a100', explicit: false, candidates: ['a100-80gb-sxm', 'a100-80gb-pcie'] });
  assert.deepEqual(one('A100 SXM'), { text: 'A100 SXM', gpuId: 'a100-80gb-sxm', family: 'a100', explicit: false, candidates: ['a100-80gb-sxm', 'a100-40gb-sxm'] });
  assert.deepEqual(one('A100 PCIe'), { text: 'A100 PCIe', gpuId: 'a100-80gb-pcie', family: 'a100', explicit: true, candidates: ['a100-80gb-pcie'] });
  assert.deepEqual(one('H200'), { text: 'H200', gpuId: 'h200-sxm', family: 'h200', explicit: false, candidates: ['h200-sxm', 'h200-nvl'] });
  assert.deepEqual(one('RTX 4090'), { text: 'RTX 4090', gpuId: 'rtx-4090', family: 'rtx-4090', explicit: true, candidates: ['rtx-4090'] });
});

test('qualifiers after a name narrow the variant, or rule out every record', () => {
  const one = (text: string) => {
    const [m] = findGpuMentions(text, matcher);
    return m && { text: m.text, gpuId: m.gpuId, candidates: [...m.candidates] };
  };
  assert.deepEqual(one('H100 94GB 显存'), { text: 'H100 94GB', gpuId: 'h100-nvl', candidates: ['h100-nvl'] });
  assert.deepEqual(one('H100 80GB 的带宽'), { text: 'H100 80GB', gpuId: 'h100-sxm', candidates: ['h100-sxm', 'h100-pcie'] });
  assert.deepEqual(one('H100 80G'), { text: 'H100 80G', gpuId: 'h100-sxm', candidates: ['h100-sxm', 'h100-pcie'] });
  assert.deepEqual(one('H100 HBM3'), { text: 'H100 HBM3', gpuId: 'h100-sxm', candidates: ['h100-sxm', 'h100-nvl'] });
  assert.deepEqual(one('RTX 4090 24GB'), { text: 'RTX 4090 24GB', gpuId: 'rtx-4090', candidates: ['rtx-4090'] });
  // Cards the data does not describe: a modded 48 GB 4090, the A100 40GB PCIe.
  assert.deepEqual(one('魔改 RTX 4090 48GB'), { text: 'RTX 4090 48GB', gpuId: 'rtx-4090', candidates: [] });
  assert.deepEqual(one('A100 40GB PCIe'), { text: 'A100 40GB PCIe', gpuId: 'a100-40gb-sxm', candidates: [] });
  // A bandwidth is not a qualifier.
  assert.deepEqual(one('H100 3350 GB/s'), { text: 'H100', gpuId: 'h100-sxm', candidates: ['h100-sxm', 'h100-pcie', 'h100-nvl'] });
});

test('unknown GPU-like names: other cards and model codes, not formats or model names', () => {
  const unknown = (text: string) => findUnknownGpuNames(text, matcher).map((s) => text.slice(s.start, s.end));
  assert.deepEqual(unknown('H800、A800、H20 和 V100'), ['H800', 'A800', 'H20', 'V100']);
  assert.deepEqual(unknown('MI300X vs H100'), ['MI300X']);
  assert.deepEqual(unknown('GB200 NVL72 and B200'), ['GB200']);
  assert.deepEqual(unknown('T4 on Colab'), ['T4']);
  assert.deepEqual(unknown('RTX 4080 and RTX 4090'), ['RTX 4080']);
  assert.deepEqual(unknown('Radeon RX 7900 XTX'), ['Radeon RX 7900 XTX']);
  assert.deepEqual(unknown('RTX 4090 runs FP16, BF16, FP8 and TF32 with HBM3 or GDDR6X over PCIe 4.0'), []);
  assert.deepEqual(unknown('DeepSeek-R1 and Llama 3 70B with Q4_K_M, H264 video, USB3'), []);
});

test('a custom data set: aliases shared by two records are dropped, a lone record is its own family', () => {
  const gpus = [
    { id: 'x-1', name: 'Acme X1', aliases: ['X1', 'Shared'], memoryGB: 8 },
    { id: 'x-2', name: 'Acme X2', aliases: ['X2', 'shared'], memoryGB: 16 },
  ] as unknown as GpuRecord[];
  const m = compileGpuNames(gpus);
  assert.deepEqual(findGpuMentions('Acme X1, X2 and Shared', m).map((x) => x.gpuId), ['x-1', 'x-2']);
  assert.equal(compileGpuNames(gpus), m, 'cached per array');
  assert.deepEqual(findGpuMentions('H100', compileGpuNames([])), []);
});

test('a long text is scanned quickly', () => {
  const text = '我们用 RTX 4090 和 H100 SXM 跑了 Llama 3 70B，显存 24GB，带宽 1,008 GB/s。\n'.repeat(5000);
  const t0 = performance.now();
  const mentions = findGpuMentions(text, matcher);
  findUnknownGpuNames(text, matcher, mentions);
  const elapsed = performance.now() - t0;
  assert.equal(mentions.length, 10000);
  assert.ok(elapsed < 2000, `took ${elapsed.toFixed(0)} ms`);
});
