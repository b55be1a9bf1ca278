// Figures in prose that contradict the GPU data (the engine of the rule specs/mismatch): which sentence talks about
// which GPU, which numbers in it are which spec, and whether they agree with the data.
import type { GpuRecord } from './data';
import { blankSpans, isWhiteSpaceCode } from '../base/text';
import { compileGpuNames, findGpuMentions, findUnknownGpuNames, normalizeText, type GpuMention, type GpuNameMatcher } from './names';

/**
 * A figure in the prose that contradicts the GPU data for the GPU the sentence talks about:
 * "H100 的 40GB 显存", "RTX 4090 with 32 GB of VRAM", "H200 offers 3.35 TB/s". It says what the data has, with
 * its source, and offers to replace the figure (in the writer's units: "32GB" → "24GB", "3.35 TB/s" → "4.8 TB/s").
 *
 * The rule is built not to raise false alarms; when in doubt it stays silent.
 *
 * - **Units.** Prose (paragraphs, headings, table cells; code, URLs and HTML blanked out) is split into
 *   sentences at 。！？；.!?;… and hard line breaks (a soft break inside a paragraph is a space: "comes with⏎32 GB"
 *   is one sentence); list items, headings and table cells are units of their own. A unit is checked only when it
 *   mentions exactly ONE GPU family of the data (see gpu/names.ts: "H100", "H100 SXM" and "H100 NVL" are one
 *   family) and no other GPU-like name ("H800", "4090D", "3090 Ti", "V100"), names no card the data lacks
 *   ("RTX 4090 48GB", "A100 40GB PCIe"), and has none of the words listed in SKIP_UNIT: comparisons (than, vs,
 *   compared, up from, from … to, more/less/-er, 比, 相比, 对比, 高于, 低于, 超过, 不如, 更, 提升, 倍, 前代 …),
 *   hypotheticals and hearsay (if, would, rumored, 如果, 据说, 预计 …), negation (not, 不是, 没有 …), several
 *   GPUs or a whole machine (8x, GPUs, 双卡, 8 卡, server, 服务器, 集群, instance, 实例, total, 总共, system …),
 *   CPUs, measurements and settings (measured, 实测, nvidia-smi, 超频, power limit …), partner or modded cards
 *   (非公版, ROG, 魔改 …). A later sentence that says "it" is not checked either.
 * - **Figures and what they measure.** Memory: GB, GiB, gb, G ("24G" = 24 GB) with a memory word nearby
 *   (显存, VRAM, HBM3, GDDR6X, memory; not 内存/RAM/DDR5/SSD/model/download, which are something else), and
 *   no usage talk in the sentence (需要, 占用, 模型, 70B, uses, fits, model …). Bandwidth: TB/s, GB/s, GBps
 *   (3.35 TB/s = 3350 GB/s) unless the nearest word is NVLink, PCIe, network, SSD, read/write, cache …; "Gbps"
 *   (per-pin speed) is not bandwidth. TDP: W, kW, 瓦, watts with TDP/TGP/功耗/power nearby (not a PSU, connector,
 *   limit or idle power). FP32: TFLOPS with FP32/单精度/single-precision the nearest precision word (tensor,
 *   TF32, FP16, BF16, FP8, sparse are not checked: vendors print them with and without sparsity). CUDA cores:
 *   "16,384 CUDA cores", "16384 个 CUDA 核心", "CUDA 核心数 16384". Launch price: "$1,599", "1599 美元", "USD 1,599"
 *   in a sentence that says launch/MSRP/首发/定价/发布 and nothing about today's, street, used, rental or cloud
 *   prices (so "$2.69/hr" and "现在要 2000 美元" are not read as launch prices). The nearest keyword wins (a
 *   comma, 、 or bracket between counts extra), within about 24 characters. Years, model sizes ("70B"),
 *   percentages and bare numbers are not figures; ranges ("300-350W", "24/48GB"), multiples ("2x 24GB") and
 *   bounds ("over 20 GB", "至少 16GB", "24GB+") are not checked; a sentence with two different values for the same
 *   quantity is not checked for it.
 * - **Tolerance.** A figure agrees when it is within 3% of the data (0.5% for CUDA cores, 1% for prices) or within
 *   half a unit of its last written digit: "1 TB/s" for the RTX 4090's 1,008 GB/s is fine, "1.2 TB/s" is not;
 *   "3.4 TB/s" for 3,350 GB/s is fine. Round numbers count as rounded to two significant digits ("$1,600" for
 *   $1,599). "about/约/~/近/左右" doubles the relative tolerance (at least 8%). GiB figures agree when either the
 *   number itself or its GB value agrees (vendors' "80GB" is often 80 GiB). A configurable TDP range written in a
 *   record's notes ("300-350 W") is accepted as a whole.
 * - **Variants.** When the mention does not name one variant (a plain "H100" may be SXM, PCIe or NVL; "A100" may
 *   be any of the three A100 records), the figure is accepted if it matches ANY variant of the family, so "H100
 *   94GB" or "H100 的带宽 3.9 TB/s" (the NVL) is never flagged; it is reported only when it matches none, with
 *   the default variant's value and the variants' values in the message. A named variant ("H100 NVL", "A100
 *   40GB", "H100 94GB") is checked against that variant only. A size written right after the name is part of the
 *   name, not a claim: "RTX 4090 24GB" is fine, and "RTX 4090 48GB" / "RTX 4090 32GB 显存" name a card the data
 *   does not describe (modded cards exist), so the sentence is not checked; "RTX 4090 的显存是 32GB" is.
 */

export type SpecField = 'memoryGB' | 'memoryBandwidthGBps' | 'tdpW' | 'fp32Tflops' | 'cudaCores' | 'launchPriceUsd';

/** One figure that contradicts the data. Offsets refer to the text given to findSpecMismatches. */
export interface SpecMismatch {
  /** The figure as written (number and unit). */
  start: number;
  end: number;
  foundText: string;
  /** The figure with the data's value, in the writer's units and number style ("24GB", "4.8 TB/s", "$1,599"). */
  replacement: string;
  gpuId: string;
  field: SpecField;
  /** The data's value, in the data's units (GB, GB/s, W, TFLOPS, cores, USD). */
  expected: number;
  /** The figure in the data's units. */
  found: number;
  source: string;
  message: { en: string; zh: string };
}

type Quantity = SpecField;

interface Figure {
  field: Quantity;
  /** Unit-relative span of the figure (number and unit) in the normalized text. */
  start: number;
  end: number;
  /** Unit-relative span of the number. */
  numStart: number;
  numEnd: number;
  /** Value in the data's units. */
  value: number;
  /** Another reading in the data's units (GiB read as GB). */
  alt?: number;
  /** Half a unit of the last written digit, in the data's units. */
  halfUnit: number;
  /** Writer's unit → data unit factor. */
  scale: number;
  grouped: boolean;
  approx: boolean;
  /** Display unit for messages ("GB", "TB/s", "W"). */
  unit: string;
}

// ——— Words ———————————————————————————————————————————————————————————————————————————————————————————————————

const W = (words: string) => `(?<![A-Za-z])(?:${words})(?![A-Za-z])`;

/** Words that make a sentence unsafe to check (see the module comment). Tested on the sentence with GPU names blanked. */
const SKIP_UNIT: RegExp[] = [
  // Comparisons.
  new RegExp(W('than|vs\\.?|versus|compared?|comparison|comparing|relative to|unlike|whereas|instead of|rather than|up from|down from|previous|predecessor|successor|prior|last[- ]gen(?:eration)?|next[- ]gen(?:eration)?|upgraded?|upgrades|doubles?|doubled|twice|triples?|tripled|half|halved|times|more|less|fewer|higher|lower|faster|slower|bigger|larger|smaller|greater|better|worse|wider|narrower|increased?|increases|decreased?|decreases|improved?|improves|boost(?:s|ed)?|same as|similar|equal|equivalent|outperforms?|beats?|trails?|gap|difference|differs?'), 'i'),
  /\bfrom\b[\s\S]*\bto\b/i,
  /(?<!性价)比(?!如|方|例|特|赛)|相比|对比|相较|较之|高于|低于|超过|超出|不如|更(?!新|改|换|正|名)|多出|少于|多于|大于|小于|提升|提高|增加|增长|增至|增大|减少|降低|下降|降至|减至|翻倍|倍|升级|前代|上代|上一代|老一代|下一代|新一代|取代|替代|相同|一样|同样|类似|相当于|持平|区别|差异|差距|不同|领先|落后|胜过|优于|逊于|弱于|强于|从[\s\S]*(?:到|至|增|提|升|降)|由[\s\S]*(?:增|提|升|降|变)/,
  /%|(?<![A-Za-z0-9])\d+(?:\.\d+)?\s?[x×*](?![A-Za-z0-9])|[x×*]\s?\d+(?![A-Za-z0-9.])/i,
  // Hypotheticals, hearsay, speculation, negation, corrections.
  new RegExp(W("if|suppose|supposing|imagine|would|could|should|might|may|rumou?red|rumou?rs?|leak(?:s|ed)?|reportedly|allegedly|speculat\\w*|expected|estimated?|predict\\w*|claims?|claimed|said|says|myth|wrong|incorrect|mistaken(?:ly)?|not|no|never|neither|nor|without|isn't|doesn't|don't|didn't|wasn't|aren't|won't|can't|cannot"), 'i'),
  /如果|假如|假设|要是|若|倘若|假若|传闻|据说|据传|传言|曝光|爆料|泄露|预计|估计|预测|预期|可能|也许|或许|声称|号称|宣称|据称|有人说|错误|误传|误以为|不是|没有|并非|并不|并没有|不会|不能|无法|不支持|而非|谣言/,
  // Several GPUs, a machine, a total.
  new RegExp(W('multi-?GPU|\\d+-GPU|GPUs|cards|clusters?|nodes?|DGX|HGX|NVL\\d+|SuperPOD|pods?|servers?|machines?|workstations?|rigs?|box|instances?|systems?|platforms?|total|combined|aggregate|each|per[- ]GPU|motherboard'), 'i'),
  /(?:\d+|[两双二三四五六七八九十几多]|十几|数)\s?(?:张|块|卡|片|台|颗|路)|集群|节点|服务器|机器|主机|工作站|整机|系统|平台|实例|总共|合计|共计|一共|总计|总显存|总带宽|每张|每块|每卡|主板/,
  // CPUs.
  new RegExp(W('CPU|vCPU|Ryzen|Xeon|EPYC|Threadripper|Core i\\d|i[3579]-\\d{4,5}\\w*|Apple M\\d'), 'i'),
  // Not 流处理器 (stream processors: a GPU's cores).
  /(?<!流)处理器|锐龙|至强|霄龙/,
  // Measurements, settings, partner and modded cards.
  new RegExp(W('measured|measuring|measurements?|benchmark(?:s|ed)?|achieved|achieves|achieve|observed|we got|we saw|in practice|actual|effective|sustained|STREAM(?!\\s?processors?)|bandwidthTest|nvbandwidth|nvidia-smi|reports?|reported|shows?|showed|overclock\\w*|OC|undervolt\\w*|modded|modified|mod|partner|AIB|non-reference|ROG|Strix|TUF|MSI|ASUS|Gigabyte|Zotac|Colorful|Galax|Palit|Inno3D|PNY|limit(?:ed)?|capped|set to|tuned'), 'i'),
  /实测|测得|测出|跑出|跑到|测试中|实际|有效|显示|读数|超频|降频|降压|魔改|改装|非公|公版之外|华硕|微星|技嘉|七彩虹|索泰|影驰|铭瑄|映众|耕升|限制|限到|功耗墙|设置|设为|设定/,
];

/** Memory figures are not checked in a sentence about what a workload needs or uses. */
const MEMORY_USAGE: RegExp[] = [
  new RegExp(W('use|uses|used|using|usage|need|needs|needed|require|requires|required|requirements?|consumes?|consumed|takes?|took|occup(?:y|ies|ied)|allocat\\w*|fits?|fitting|load(?:s|ed|ing)?|free|available|left|remaining|peak|OOM|out of memory|model|models|weights|parameters|params|checkpoint|batch|context|KV|cache|quantiz\\w*|LoRA|training|train|inference|fine-?tun\\w*|run|runs|running|enough|sufficient|download\\w*|dataset'), 'i'),
  /占用|占了|使用|用了|用掉|消耗|需要|需|要求|至少|装下|装不下|放下|放不下|塞下|塞不下|加载|载入|剩余|剩下|空闲|可用|峰值|爆显存|溢出|模型|权重|参数|量化|训练|推理|微调|批|上下文|跑|运行|足够|够用|不够|下载|数据集/,
  /(?<![A-Za-z0-9.])\d+(?:\.\d+)?\s?[BbMm](?![A-Za-z0-9])/,
];

/** A price is a launch price only in a sentence that says so, and not in one about today's or rental prices. */
const LAUNCH_PRICE_CONTEXT = [
  new RegExp(W('launch(?:ed|es)?|debut(?:ed|s)?|MSRP|RRP|SRP|list price|priced at|price tag|starting at|starts at|retails? (?:at|for)|Founders Edition|announced'), 'i'),
  /首发|发布|上市|定价|官方售价|官方价|建议零售价|建议售价|起售|起价|公版|售价|发售/,
];
const NOT_LAUNCH_PRICE = [
  new RegExp(W('now|currently|today|these days|street|market|used|second-?hand|scalp\\w*|eBay|rent\\w*|hour|hr|hourly|month|monthly|mo|cloud|per|spot|on-demand|RunPod|Vast|Lambda|AWS|GCP|Azure|sells? for|selling|went for|going for'), 'i'),
  /现在|目前|如今|当前|现价|市场价|行情|溢价|涨价|降价|涨到|二手|黄牛|电商|京东|淘宝|拼多多|闲鱼|租|每小时|小时|时租|每月|月租|云|实例|(?<!美)元|人民币|RMB|CNY|¥|￥/,
];

interface KeywordSet {
  /** Words that name the quantity: the nearest one attributes a figure to it. */
  pos: RegExp[];
  /** Generic words ("bandwidth", "power"): attribute only when the sentence has no `neg` word. */
  gen: RegExp[];
  /** Words that make a nearby figure something else (system RAM, NVLink, PSU …). */
  neg: RegExp[];
}

const g = (source: string, flags = 'gi') => new RegExp(source, flags);

const KEYWORDS: Record<'memoryGB' | 'memoryBandwidthGBps' | 'tdpW' | 'fp32Tflops', KeywordSet> = {
  memoryGB: {
    pos: [g(W('VRAM|video memory|GPU memory|GPU RAM|graphics memory|on-?board memory|frame ?buffer|HBM[0-9A-Za-z]*|GDDR[0-9A-Za-z]*')), g('显存(?:容量)?|帧缓冲|显卡内存|GPU\\s?内存|HBM[0-9A-Za-z]*\\s?内存|GDDR[0-9A-Za-z]*\\s?内存')],
    gen: [g(W('memory'))],
    neg: [g(W('RAM|system memory|host memory|CPU memory|DDR\\d|LPDDR\\w*|SSD|NVMe|disk|storage|swap|cache|L2|download|file|image|container|Docker|model|weights|checkpoint|dataset|space')), g('内存|内存条|硬盘|磁盘|存储|交换|缓存|下载|文件|镜像|容器|模型|权重|数据集|空间')],
  },
  memoryBandwidthGBps: {
    pos: [g(W('memory bandwidth|mem(?:ory)? BW|HBM[0-9A-Za-z]*|GDDR[0-9A-Za-z]*|VRAM|memory')), g('显存带宽|内存带宽|显存')],
    gen: [g(W('bandwidth|throughput')), g('带宽|吞吐')],
    neg: [g(W('NVLink|NVSwitch|PCIe|PCI-?E|PCI Express|interconnect|InfiniBand|IB|Ethernet|RoCE|network(?:ing)?|SSD|NVMe|disk|storage|read|write|transfer|download|upload|C2C|P2P|all-?reduce|NCCL|communication|bidirectional|per direction|L1|L2|cache|shared memory|SRAM|DDR\\d|system memory|host')), g('互联|互连|卡间|网络|以太网|硬盘|磁盘|存储|读取|写入|传输|下载|上传|通信|双向|单向|缓存|共享内存|系统内存|主机')],
  },
  tdpW: {
    pos: [g(W('TDP|TGP|TBP|board power|graphics power|power consumption|power draw|max(?:imum)? power|rated')), g('热设计功耗|功耗|最大功耗|额定功耗|整卡功耗|板卡功耗')],
    gen: [g(W('power|draws?|drawing|watts')), g('功率|耗电')],
    neg: [g(W('PSU|power supply|supply|connector|12VHPWR|12V-2x6|\\d+-pin|pin|cable|chassis|case|power limit|power cap|limit|cap|undervolt\\w*|idle|cooler|fan|electricity|kWh')), g('电源|供电|接口|插头|线材|机箱|功耗墙|限制|降压|待机|空载|散热|风扇|电费')],
  },
  fp32Tflops: {
    pos: [g(W('FP32|single[- ]precision|shader')), g('单精度|着色器')],
    gen: [],
    neg: [g(W('TF32|FP16|BF16|FP8|FP6|FP4|FP64|INT8|INT4|tensor|Tensor Cores?|sparse|sparsity|AI|TOPS|half[- ]precision|double[- ]precision|mixed precision|RT|ray tracing')), g('张量|稀疏|半精度|双精度|混合精度|光追|光线追踪')],
  },
};

// ——— Figures ————————————————————————————————————————————————————————————————————————————————————————————————

const NUM = '(\\d{1,3}(?:,\\d{3})+(?!\\d)|\\d+)(?:\\.(\\d+))?';
const LEFT = '(?<![A-Za-z0-9_.])';
const FIGURES: { field: Quantity; re: RegExp; unitGroup: number }[] = [
  { field: 'memoryBandwidthGBps', re: new RegExp(`${LEFT}${NUM}\\s?((?:T|G)i?B(?:\\/s(?:ec)?|ps|\\/秒))(?![A-Za-z0-9])`, 'g'), unitGroup: 3 },
  { field: 'memoryGB', re: new RegExp(`${LEFT}${NUM}\\s?(GiB|GB|gb|G)(?![A-Za-z0-9/])`, 'g'), unitGroup: 3 },
  { field: 'tdpW', re: new RegExp(`${LEFT}${NUM}\\s?(kW|W|[Ww]atts?|瓦特?)(?![A-Za-z0-9])`, 'g'), unitGroup: 3 },
  { field: 'fp32Tflops', re: new RegExp(`${LEFT}${NUM}\\s?([Tt](?:[Ee][Rr][Aa])?[Ff][Ll][Oo][Pp](?:[Ss]|\\/s)?)(?![A-Za-z0-9])`, 'g'), unitGroup: 3 },
];
const PRICE_BEFORE = new RegExp(`(?<![A-Za-z])(US\\s?\\$|USD\\s?|\\$)\\s?${NUM}(?!\\s?[kKmM万]|[0-9])`, 'g');
const PRICE_AFTER = new RegExp(`${LEFT}${NUM}\\s?(美元|美金|USD|dollars?|刀)(?![A-Za-z])`, 'gi');
const CORES_AFTER = new RegExp(`${LEFT}${NUM}(?=\\s?(?:个|颗)?\\s?(?:CUDA\\s?(?:cores?|核心|核)|流处理器|stream processors|shading units|shader cores))`, 'gi');
const CORES_BEFORE = new RegExp(`(?:CUDA\\s?(?:cores?|核心|核)(?:\\s?(?:数量|数目|总数|数|count))?|流处理器(?:数量|数)?|shading units|stream processors)\\s?(?:[:=]|为|是|有|达|达到|高达|共|共有|共计|of)?\\s?(?:了\\s?)?${NUM}(?!\\s?(?:[A-Za-z%]|万|亿)|[0-9])`, 'gi');

/**
 * What every figure above needs somewhere in the text: a digit before a unit (one white-space character at most
 * between them), a dollar sign or USD, or a word for CUDA cores. Looser than the figures themselves (`i`, no
 * boundaries), so a text it rejects has no figure, and most prose, which names GPUs with no unit ("H100 page 3",
 * "reached 5000 tokens/s"), skips the search for GPU names. Blanking names cannot make a figure it missed: a
 * blanked name leaves at least two spaces.
 */
const MAY_HOLD_FIGURE = /\d\s?(?:g|ti?b|t(?:era)?flop|k?w|瓦|美元|美金|dollar|刀)|\$|usd|cuda|流处理器|stream processors|shading units|shader cores/i;

const APPROX_BEFORE = new RegExp(`(?:${W('about|around|approx\\.?|approximately|roughly|nearly|almost|close to|some')}|~|≈|约|大约|大概|近|接近|将近|差不多)\\s?(?:了\\s?)?$`, 'i');
const APPROX_AFTER = /^\s?(?:左右|上下)/;
const BOUND_BEFORE = new RegExp(`(?:${W('over|above|more than|at least|under|below|less than|fewer than|upwards of|in excess of|north of|at most|max|min')}|超过|以上|至少|不到|不足|不止|小于|大于|多于|少于|最少|最多|不少于|不超过|不低于|低于|高于|>|<|≥|≤)\\s?$`, 'i');
const BOUND_AFTER = new RegExp(`^\\s?(?:\\+|以上|以下|以内|多|起|${W('or more|or less|plus')})`, 'i');
const RANGE_BEFORE = /(?:\d(?:\.\d+)?\s?[A-Za-z/]{0,5}\s?(?:[-–—~/]|至|到|或|or)\s?$)|\d,$/;
const RANGE_AFTER = /^\s?(?:[-–—~/]|至|到|或|or)\s?[$]?\d/;
const MULTIPLIER_BEFORE = /[x×*]\s?$/i;
const MULTIPLIER_AFTER = /^\s?[x×*]\s?\d/i;
const PER_AFTER = /^\s?(?:\/|per\b|每|an? (?:hour|month|year))/i;

/** Relative tolerance per field. */
const REL_TOLERANCE: Record<SpecField, number> = {
  memoryGB: 0.03,
  memoryBandwidthGBps: 0.03,
  tdpW: 0.03,
  fp32Tflops: 0.03,
  cudaCores: 0.005,
  launchPriceUsd: 0.01,
};

const GIB = 1.073741824;

function parseNumber(intPart: string, decPart: string | undefined): { value: number; halfUnit: number; grouped: boolean } {
  const digits = intPart.replace(/,/g, '');
  const value = Number(decPart ? `${digits}.${decPart}` : digits);
  let halfUnit: number;
  if (decPart) halfUnit = 0.5 * 10 ** -decPart.length;
  else {
    const trailing = /0*$/.exec(digits)![0].length;
    halfUnit = 0.5 * 10 ** Math.max(0, Math.min(trailing, digits.length - 2));
  }
  return { value, halfUnit, grouped: intPart.includes(',') };
}

function unitScale(field: Quantity, unit: string): { scale: number; alt?: number; display: string } {
  switch (field) {
    case 'memoryGB':
      return unit === 'GiB' ? { scale: 1, alt: GIB, display: 'GiB' } : { scale: 1, display: 'GB' };
    case 'memoryBandwidthGBps': {
      const tera = unit[0] === 'T';
      const binary = unit[1] === 'i';
      const base = tera ? 1000 : 1;
      const display = `${tera ? 'T' : 'G'}${binary ? 'i' : ''}B/s`;
      return binary ? { scale: base, alt: tera ? 1024 * GIB : GIB, display } : { scale: base, display };
    }
    case 'tdpW':
      return unit === 'kW' ? { scale: 1000, display: 'kW' } : { scale: 1, display: 'W' };
    case 'fp32Tflops':
      return { scale: 1, display: 'TFLOPS' };
    default:
      return { scale: 1, display: '' };
  }
}

function makeFigure(field: Quantity, unitText: string, m: RegExpMatchArray, numStart: number, numEnd: number, before: string, after: string): Figure | undefined {
  const { value, halfUnit, grouped } = parseNumber(m[1], m[2]);
  if (!Number.isFinite(value) || value <= 0) return undefined;
  const { scale, alt, display } = unitScale(field, unitText);
  return {
    field,
    start: m.index!,
    end: m.index! + m[0].length,
    numStart,
    numEnd,
    value: value * scale,
    alt: alt !== undefined ? value * alt : undefined,
    halfUnit: halfUnit * scale,
    scale,
    grouped,
    approx: APPROX_BEFORE.test(before) || APPROX_AFTER.test(after),
    unit: display,
  };
}

/** All figures of a unit with the quantity their unit implies (attribution comes later). */
function figuresIn(u: string): Figure[] {
  const figures: Figure[] = [];
  const taken: [number, number][] = [];
  const free = (s: number, e: number) => !taken.some(([a, b]) => s < b && a < e);
  const push = (f: Figure | undefined) => {
    if (f && free(f.start, f.end)) {
      figures.push(f);
      taken.push([f.start, f.end]);
    }
  };
  for (const { field, re, unitGroup } of FIGURES) {
    for (const m of u.matchAll(re)) {
      const start = m.index!;
      const numText = m[1] + (m[2] ? `.${m[2]}` : '');
      push(makeFigure(field, m[unitGroup], m, start, start + numText.length, u.slice(Math.max(0, start - 12), start), u.slice(start + m[0].length, start + m[0].length + 8)));
    }
  }
  for (const m of u.matchAll(PRICE_BEFORE)) {
    const numText = m[2] + (m[3] ? `.${m[3]}` : '');
    const numStart = m.index! + m[0].length - numText.length;
    const shifted = Object.assign([m[0], m[2], m[3]], { index: m.index }) as unknown as RegExpMatchArray;
    push(makeFigure('launchPriceUsd', '$', shifted, numStart, numStart + numText.length, u.slice(Math.max(0, m.index! - 12), m.index!), u.slice(m.index! + m[0].length, m.index! + m[0].length + 8)));
  }
  for (const m of u.matchAll(PRICE_AFTER)) {
    const numText = m[1] + (m[2] ? `.${m[2]}` : '');
    push(makeFigure('launchPriceUsd', m[3], m, m.index!, m.index! + numText.length, u.slice(Math.max(0, m.index! - 12), m.index!), u.slice(m.index! + m[0].length, m.index! + m[0].length + 8)));
  }
  for (const re of [CORES_AFTER, CORES_BEFORE]) {
    for (const m of u.matchAll(re)) {
      if (m[2]) continue; // Core counts are whole numbers.
      const numText = m[1];
      const numStart = m.index! + m[0].length - numText.length;
      const shifted = Object.assign([numText, m[1], undefined], { index: numStart }) as unknown as RegExpMatchArray;
      push(makeFigure('cudaCores', '', shifted, numStart, numStart + numText.length, u.slice(Math.max(0, numStart - 12), numStart), u.slice(numStart + numText.length, numStart + numText.length + 8)));
    }
  }
  return figures.sort((a, b) => a.start - b.start);
}

/** Whether the figure's surroundings make it a range, a multiple, a bound or a rate (not a spec value). */
function qualified(u: string, f: Figure): boolean {
  const before = u.slice(Math.max(0, f.start - 16), f.start);
  const after = u.slice(f.end, f.end + 12);
  if (RANGE_BEFORE.test(before) || RANGE_AFTER.test(after)) return true;
  if (MULTIPLIER_BEFORE.test(before) || MULTIPLIER_AFTER.test(after)) return true;
  if (BOUND_BEFORE.test(before) || BOUND_AFTER.test(after)) return true;
  if (f.field === 'launchPriceUsd' && PER_AFTER.test(after)) return true;
  return false;
}

interface Hit {
  start: number;
  end: number;
  kind: 'pos' | 'gen' | 'neg';
}

function keywordHits(u: string, set: KeywordSet): Hit[] {
  const hits: Hit[] = [];
  for (const kind of ['pos', 'gen', 'neg'] as const) {
    for (const re of set[kind]) for (const m of u.matchAll(re)) if (m[0].length > 0) hits.push({ start: m.index!, end: m.index! + m[0].length, kind });
  }
  // Longer phrases win over the words inside them ("功耗墙" over "功耗", "GPU 内存" over "内存").
  hits.sort((a, b) => (b.end - b.start) - (a.end - a.start) || a.start - b.start);
  const kept: Hit[] = [];
  for (const h of hits) if (!kept.some((k) => h.start < k.end && k.start < h.end)) kept.push(h);
  return kept;
}

const MAX_DISTANCE = 24;

function distance(u: string, h: Hit, f: Figure): number {
  let gap: string;
  if (h.end <= f.start) gap = u.slice(h.end, f.start);
  else if (h.start >= f.end) gap = u.slice(f.end, h.start);
  else return 0;
  const separators = (gap.match(/[,、:;()[\]（）]/g) ?? []).length;
  return gap.replace(/\s+/g, ' ').length + 10 * separators;
}

/** Whether a figure measures the GPU's own quantity, by the nearest keyword. */
function attributed(u: string, f: Figure, hitsCache: Map<string, Hit[]>): boolean {
  if (f.field === 'cudaCores') return true;
  if (f.field === 'launchPriceUsd') return LAUNCH_PRICE_CONTEXT.some((re) => re.test(u)) && !NOT_LAUNCH_PRICE.some((re) => re.test(u));
  const set = KEYWORDS[f.field];
  let hits = hitsCache.get(f.field);
  if (!hits) {
    hits = keywordHits(u, set);
    hitsCache.set(f.field, hits);
  }
  const anyNeg = hits.some((h) => h.kind === 'neg');
  let best: Hit | undefined;
  let bestDistance = Infinity;
  for (const h of hits) {
    const d = distance(u, h, f);
    if (d < bestDistance || (d === bestDistance && best && h.kind === 'neg')) {
      best = h;
      bestDistance = d;
    }
  }
  if (!best || bestDistance > MAX_DISTANCE) {
    // Only a bandwidth unit names its quantity by itself ("H200 offers 3.35 TB/s").
    return f.field === 'memoryBandwidthGBps' && !anyNeg;
  }
  if (best.kind === 'pos') return true;
  if (best.kind === 'gen') return !anyNeg;
  return false;
}

// ——— Data ———————————————————————————————————————————————————————————————————————————————————————————————————

function fieldValue(record: GpuRecord, field: SpecField): number | undefined {
  const v = record[field];
  return typeof v === 'number' && Number.isFinite(v) ? v : undefined;
}

/** A configurable TDP range written in a record's notes ("300-350 W configurable range"). */
function tdpRange(record: GpuRecord): [number, number] | undefined {
  const m = /(\d{2,4})\s?[-–]\s?(\d{2,4})\s?W\b/.exec(record.notes ?? '');
  if (!m) return undefined;
  const lo = Number(m[1]);
  const hi = Number(m[2]);
  const v = record.tdpW;
  return lo < hi && typeof v === 'number' && v >= lo && v <= hi ? [lo, hi] : undefined;
}

function agrees(f: Figure, record: GpuRecord): boolean {
  const expected = fieldValue(record, f.field);
  if (expected === undefined) return true;
  let rel = REL_TOLERANCE[f.field];
  if (f.approx) rel = Math.max(rel * 2, 0.08);
  const tol = Math.max(rel * expected, f.halfUnit);
  const readings = f.alt !== undefined ? [f.value, f.alt] : [f.value];
  for (const r of readings) {
    if (Math.abs(r - expected) <= tol) return true;
    if (f.field === 'tdpW') {
      const range = tdpRange(record);
      if (range && r >= range[0] - tol && r <= range[1] + tol) return true;
    }
  }
  return false;
}

/** A short name for a field's source: the vendor's own document when one is listed, else the first. */
function shortSource(source: string | undefined): string {
  if (!source) return 'the GPU data';
  const entries = source.split(' | ').map((e) => e.trim()).filter(Boolean);
  const first = entries.find((e) => /^https?:\/\/[^/\s]*nvidia\.com\//i.test(e)) ?? entries[0] ?? '';
  const dash = first.indexOf(' — ');
  if (dash !== -1) {
    const desc = first.slice(dash + 3).trim();
    const cut = desc.search(/,\s| \(/);
    return (cut > 0 ? desc.slice(0, cut) : desc).trim();
  }
  try {
    return new URL(first).hostname.replace(/^www\./, '');
  } catch {
    return first.slice(0, 80);
  }
}

function formatNumber(value: number, grouped: boolean): string {
  const rounded = Number(value.toFixed(3));
  const [int, dec] = String(rounded).split('.');
  const intText = grouped ? int.replace(/\B(?=(\d{3})+(?!\d))/g, ',') : int;
  return dec ? `${intText}.${dec}` : intText;
}

function display(field: SpecField, value: number, unit: string, scale: number, grouped: boolean): string {
  const n = formatNumber(value / scale, grouped || (field !== 'tdpW' && value >= 10000) || field === 'launchPriceUsd' || field === 'cudaCores');
  if (field === 'launchPriceUsd') return `$${n}`;
  if (field === 'cudaCores') return n;
  return `${n} ${unit}`;
}

function messages(field: SpecField, subject: string, expected: string, found: string, variants: string[], source: string): { en: string; zh: string } {
  const main: Record<SpecField, [string, string]> = {
    memoryGB: [`${subject} has ${expected} of memory, not ${found}`, `${subject} 的显存是 ${expected}，不是 ${found}`],
    memoryBandwidthGBps: [`${subject} has ${expected} of memory bandwidth, not ${found}`, `${subject} 的显存带宽是 ${expected}，不是 ${found}`],
    tdpW: [`${subject} is rated at ${expected} (TDP), not ${found}`, `${subject} 的功耗（TDP）是 ${expected}，不是 ${found}`],
    fp32Tflops: [`${subject} peaks at ${expected} FP32, not ${found}`, `${subject} 的 FP32 峰值算力是 ${expected}，不是 ${found}`],
    cudaCores: [`${subject} has ${expected} CUDA cores, not ${found}`, `${subject} 的 CUDA 核心数是 ${expected}，不是 ${found}`],
    launchPriceUsd: [`${subject} launched at ${expected}, not ${found}`, `${subject} 的首发价是 ${expected}，不是 ${found}`],
  };
  const [en, zh] = main[field];
  return {
    en: `${en} (${variants.length ? `${variants.join(', ')}; ` : ''}source: ${source}).`,
    zh: `${zh}（${variants.length ? `${variants.join('、')}；` : ''}来源：${source}）。`,
  };
}

// ——— Checking ———————————————————————————————————————————————————————————————————————————————————————————————

/**
 * Sentence ends. A soft line break inside a paragraph renders as a space and does not end a sentence (hard-wrapped
 * text: "comes with\n32 GB of memory"); a hard break (two spaces or a backslash before it) does.
 */
export function sentenceEnds(text: string): number[] {
  // A scan rather than /[。!?;…]|\.(?=\s|$)|(?: {2,}|\\)\r?\n/g, which tried its three branches at every character
  // (a tenth of the check of a link-heavy draft); figures.test.ts compares the two.
  const ends: number[] = [];
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (c === 0x3002 /* 。 */ || c === 33 /* ! */ || c === 63 /* ? */ || c === 59 /* ; */ || c === 0x2026 /* … */) {
      ends.push(i + 1);
    } else if (c === 46 /* . */) {
      if (i + 1 === text.length || isWhiteSpaceCode(text.charCodeAt(i + 1))) ends.push(i + 1);
    } else if (c === 32 || c === 92 /* \ */) {
      // A hard break: two spaces or more, or a backslash, before a line end.
      // (Reads stop at the text's end: one past it costs the compiled scan a deoptimisation.)
      let k = i + 1;
      if (c === 32) while (k < text.length && text.charCodeAt(k) === 32) k++;
      const newline = k < text.length && text.charCodeAt(k) === 13 ? k + 1 : k;
      if ((c === 92 || k - i >= 2) && newline < text.length && text.charCodeAt(newline) === 10) {
        ends.push(newline + 1);
        i = newline;
      } else if (c === 32) {
        i = k - 1;
      }
    }
  }
  return ends;
}

/** Figures in `text` (one paragraph, heading or table cell) that contradict `gpus`. */
export function findSpecMismatches(text: string, gpus: readonly GpuRecord[]): SpecMismatch[] {
  if (!gpus || gpus.length === 0) return [];
  const norm = normalizeText(text);
  const t = norm.text;
  if (!MAY_HOLD_FIGURE.test(t)) return [];
  const matcher = compileGpuNames(gpus);
  const mentions = findGpuMentions(t, matcher);
  if (mentions.length === 0) return [];
  const unknown = findUnknownGpuNames(t, matcher, mentions);
  // GPU names are blanked so their digits and words ("H100 NVL", "A100 80GB") are not read as figures or keywords.
  const blanked = blankSpans(t, 0, t.length, mentions.map((m) => [m.start, m.end]));

  const results: Internal[] = [];
  const ends = sentenceEnds(blanked);
  ends.push(blanked.length);
  let unitStart = 0;
  let mi = 0;
  let ui = 0;
  for (const unitEnd of ends) {
    if (unitEnd <= unitStart) continue;
    const from = unitStart;
    unitStart = unitEnd;
    const unitMentions: GpuMention[] = [];
    while (mi < mentions.length && mentions[mi].start < unitEnd) {
      if (mentions[mi].start >= from) unitMentions.push(mentions[mi]);
      mi++;
    }
    let other = false;
    while (ui < unknown.length && unknown[ui].start < unitEnd) {
      if (unknown[ui].start >= from) other = true;
      ui++;
    }
    if (unitMentions.length === 0 || other) continue;
    results.push(...checkUnit(blanked.slice(from, unitEnd), from, unitMentions, t, matcher));
  }
  // Back to the original text's offsets.
  return results.map(({ numStart: ns, numEnd: ne, newNumber, ...rest }) => {
    const start = norm.toOriginal(rest.start);
    const end = norm.toOriginal(rest.end);
    const numStart = norm.toOriginal(ns);
    const numEnd = norm.toOriginal(ne);
    return { ...rest, start, end, foundText: text.slice(start, end), replacement: text.slice(start, numStart) + newNumber + text.slice(numEnd, end) };
  });
}

interface Internal extends SpecMismatch {
  numStart: number;
  numEnd: number;
  newNumber: string;
}

function checkUnit(u: string, offset: number, unitMentions: GpuMention[], t: string, matcher: GpuNameMatcher): Internal[] {
  const families = new Set(unitMentions.map((m) => m.family));
  if (families.size !== 1) return [];
  for (const m of unitMentions) {
    if (m.candidates.length === 0) return [];
    if (t[m.end] === 's') return []; // "H100s": several cards.
  }
  if (SKIP_UNIT.some((re) => re.test(u))) return [];

  // The records the sentence may mean: the union over its mentions, the first mention's record first.
  const candidateIds: string[] = [];
  for (const m of unitMentions) for (const id of [m.gpuId, ...m.candidates]) if (!candidateIds.includes(id)) candidateIds.push(id);
  const candidates = candidateIds.map((id) => matcher.record(id)).filter((r): r is GpuRecord => !!r);
  if (candidates.length === 0) return [];
  const primaryMention = unitMentions[0];
  const allExplicitSame = unitMentions.every((m) => m.explicitVariant && m.gpuId === primaryMention.gpuId);
  const subject = allExplicitSame ? matcher.displayName(primaryMention.gpuId) : matcher.familyName(primaryMention.family);

  const hitsCache = new Map<string, Hit[]>();
  const memoryUsage = MEMORY_USAGE.some((re) => re.test(u));
  const figures = figuresIn(u).filter((f) => !qualified(u, f) && !(f.field === 'memoryGB' && memoryUsage) && attributed(u, f, hitsCache));
  // Two different values for one quantity: the sentence is about more than the card's spec.
  const byField = new Map<SpecField, Figure[]>();
  for (const f of figures) {
    if (!byField.has(f.field)) byField.set(f.field, []);
    byField.get(f.field)!.push(f);
  }
  const out: Internal[] = [];
  for (const [field, list] of byField) {
    const first = list[0];
    if (list.some((f) => Math.abs(f.value - first.value) > Math.max(f.halfUnit, first.halfUnit, 1e-9))) continue;
    const withValue = candidates.filter((r) => fieldValue(r, field) !== undefined);
    if (withValue.length === 0) continue;
    const primary = withValue[0];
    const expected = fieldValue(primary, field)!;
    for (const f of list) {
      if (withValue.some((r) => agrees(f, r))) continue;
      const distinct = new Set(withValue.map((r) => fieldValue(r, field)));
      const variants = withValue.length > 1 && distinct.size > 1
        ? withValue.map((r) => `${matcher.displayName(r.id)} ${display(field, fieldValue(r, field)!, f.unit, f.scale, f.grouped)}`)
        : [];
      const sourceFull = primary.sources?.[field] ?? '';
      const foundDisplay = u.slice(f.start, f.end).trim();
      const expectedDisplay = display(field, expected, f.unit, f.scale, f.grouped);
      const newNumber = formatNumber(expected / f.scale, f.grouped);
      out.push({
        start: offset + f.start,
        end: offset + f.end,
        numStart: offset + f.numStart,
        numEnd: offset + f.numEnd,
        newNumber,
        foundText: foundDisplay,
        replacement: '',
        gpuId: primary.id,
        field,
        expected,
        found: Number(f.value.toPrecision(12)),
        source: sourceFull,
        message: messages(field, subject, expectedDisplay, foundDisplay, variants, shortSource(sourceFull)),
      });
    }
  }
  return out;
}
