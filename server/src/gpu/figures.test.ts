// Sentence ends decide which figures a GPU name vouches for ("H100 … 80 GB" in one sentence, not across two). The
// scan must end sentences exactly where the regular expression it replaced did.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { findSpecMismatches, sentenceEnds, type SpecField } from './figures';
import { BUILTIN_GPUS } from '../node/data-files';

const REFERENCE = /[。!?;…]|\.(?=\s|$)|(?: {2,}|\\)\r?\n/g;
const reference = (text: string) => [...text.matchAll(REFERENCE)].map((m) => m.index! + m[0].length);

test('sentence ends: full stops before white space or the end, CJK and ASCII marks, hard breaks; not soft breaks', () => {
  const text = 'H100 has 80 GB. It is fast! 显存。Really?  \nNext\\\nline\nsoft break v1.5 and 3.5.';
  assert.deepEqual(sentenceEnds(text), reference(text));
  const sentences = sentenceEnds(text).map((end, i, ends) => text.slice(i === 0 ? 0 : ends[i - 1], end));
  assert.deepEqual(sentences, ['H100 has 80 GB.', ' It is fast!', ' 显存。', 'Really?', '  \n', 'Next\\\n', 'line\nsoft break v1.5 and 3.5.']);
});

test('sentence ends: the same as the regular expression on 20,000 generated texts', () => {
  const pieces = ['a', ' ', '  ', '   ', '.', '. ', '\n', '\r\n', '\r', '\\', '。', '!', '?', ';', '…', '\u00a0', '\u3000', 'H100', '80 GB', '\t', '.\n'];
  let seed = 20261205;
  const random = () => ((seed = (Math.imul(seed, 1664525) + 1013904223) >>> 0) / 4294967296);
  for (let k = 0; k < 20_000; k++) {
    let text = '';
    for (let n = Math.floor(random() * 24); n > 0; n--) text += pieces[Math.floor(random() * pieces.length)];
    assert.deepEqual(sentenceEnds(text), reference(text), JSON.stringify(text));
  }
});

// findSpecMismatches skips a text with no unit a figure could have before it looks for GPU names: every spelling of
// every unit must still get through to the figure it names.
test('every unit spelling a figure may use is still read (the check skips only texts with no unit at all)', () => {
  const wrong: [string, SpecField][] = [
    ['The RTX 4090 has 48 GB of VRAM.', 'memoryGB'],
    ['The RTX 4090 has 48GiB of VRAM.', 'memoryGB'],
    ['The RTX 4090 has 48G of VRAM.', 'memoryGB'],
    ['RTX 4090 显存 48gb。', 'memoryGB'],
    ['The RTX 4090 has 2 TB/s of memory bandwidth.', 'memoryBandwidthGBps'],
    ['The RTX 4090 has 2TiB/s of memory bandwidth.', 'memoryBandwidthGBps'],
    ['The RTX 4090 has 500 GBps of memory bandwidth.', 'memoryBandwidthGBps'],
    ['RTX 4090 显存带宽 500 GB/秒。', 'memoryBandwidthGBps'],
    ['The RTX 4090 is rated at a TDP of 600 W.', 'tdpW'],
    ['The RTX 4090 is rated at a TDP of 600 Watts.', 'tdpW'],
    ['The RTX 4090 is rated at a TDP of 1.2 kW.', 'tdpW'],
    ['RTX 4090 的功耗是 600 瓦。', 'tdpW'],
    ['The RTX 4090 peaks at 60 TFLOPS FP32.', 'fp32Tflops'],
    ['The RTX 4090 peaks at 60 TeraFLOPS FP32.', 'fp32Tflops'],
    ['The RTX 4090 has 10,000 CUDA cores.', 'cudaCores'],
    ['The RTX 4090 has 10000 shading units.', 'cudaCores'],
    ['The RTX 4090 has CUDA cores: 10000.', 'cudaCores'],
    ['RTX 4090 有 10000 个 CUDA 核心。', 'cudaCores'],
    // Neither the STREAM benchmark nor a CPU (处理器) is meant here.
    ['The RTX 4090 has 10000 stream processors.', 'cudaCores'],
    ['RTX 4090 拥有 10000 个流处理器。', 'cudaCores'],
    ['The RTX 4090 launched at $999.', 'launchPriceUsd'],
    ['The RTX 4090 launched at US$ 999.', 'launchPriceUsd'],
    ['The RTX 4090 launched at USD 999.', 'launchPriceUsd'],
    ['The RTX 4090 launched at 999 dollars.', 'launchPriceUsd'],
    ['RTX 4090 首发价 999 美元。', 'launchPriceUsd'],
    ['RTX 4090 首发价 999 美金。', 'launchPriceUsd'],
    ['RTX 4090 首发价 999 刀。', 'launchPriceUsd'],
  ];
  for (const [text, field] of wrong) {
    assert.deepEqual(findSpecMismatches(text, BUILTIN_GPUS).map((m) => m.field), [field], text);
  }
  // Named GPUs, numbers, no unit: nothing to check.
  assert.deepEqual(findSpecMismatches('Run 7: RTX 4090 reached 5000 tokens/s; see the H100 page 3.', BUILTIN_GPUS), []);
  // A STREAM measurement and a sentence about a processor stay unchecked (the same sentences without those words are).
  assert.deepEqual(findSpecMismatches('STREAM: the RTX 4090 has 48 GB of VRAM.', BUILTIN_GPUS), []);
  assert.deepEqual(findSpecMismatches('RTX 4090 的处理器有 10000 个 CUDA 核心。', BUILTIN_GPUS), []);
});
