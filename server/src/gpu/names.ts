// Finding GPU mentions in prose ("4090", "RTX 4090", "H100 SXM", "用4090跑", "8x H100") from the GPU data's
// names and aliases. Shared by the `specs/mismatch` rule and the GPU hover.
//
// How names are matched:
// - Every record's `name` and `aliases`, with a leading "NVIDIA"/"GeForce"/"英伟达" optional (so "NVIDIA RTX 4090"
//   and "GeForce 4090" match although they are not aliases). Case-insensitive, after NFKC (full-width "４０９０"
//   and "Ｈ１００" match; offsets are those of the original text). Separators inside a name may be a space, a
//   hyphen, an underscore or nothing: "RTX4090", "RTX-4090", "A100-SXM4-80GB", "H100SXM". "80GB" inside a name
//   also matches "80G" and "80 GB".
// - Word boundaries are ASCII letters and digits only, so Chinese around a name is fine ("用4090跑", "H100的"),
//   while "14090", "H1000", "GB200" (not B200) and "4090.5" do not match. "8x H100", "8xH100" and "2×4090" match.
//   A lowercase plural "s" is allowed after a name ("four H100s"); it is not part of the mention.
// - Longest match wins: "H100 SXM" over "H100", "L40S" over "L40", "A100 40GB" over "A100".
// - A name followed by a suffix that makes it a different card is not a mention at all: "4090D", "RTX 4090 D",
//   "3090 Ti", "4090 Ti" (no such card), "4080 Super", "4090 Laptop", "4090 移动版/笔记本". findUnknownGpuNames
//   reports these (and other GPU-like names that are not in the data: "H800", "V100", "MI300X", "RTX 4080") so
//   that callers can tell a sentence is about more than one GPU.
// - A bare number alias ("4090", "3090") is not a mention when it reads as a quantity: "4090 元", "4090 年",
//   "$4090", "port 4090", "4090 MB".
// - Variant qualifiers written right after a name narrow it: "H100 94GB" → h100-nvl, "H100 80GB" → h100-sxm or
//   h100-pcie, "A100 80GB PCIe". The qualifier becomes part of the mention. A qualifier that fits no variant
//   in the data ("RTX 4090 48GB", a modded card; "A100 40GB PCIe", not in the data) gives a mention with no
//   candidates: the writer means a card the data does not describe.
//
// Families group variants: an id's variant tokens (sxm*, pcie, nvl, NNgb) are dropped, so h100-sxm, h100-pcie
// and h100-nvl are family "h100", the three A100 records are "a100", rtx-4090 is "rtx-4090". A mention's
// `candidates` are the family's records the text may mean: all three for a plain "H100", one for "H100 NVL".
import type { GpuRecord } from './data';
import { countAtOrBefore } from '../base/sorted';

export interface GpuMention {
  /** The record the name maps to (for a plain family name, the family's default variant: "H100" → h100-sxm). */
  gpuId: string;
  /** Offsets in the text passed to findGpuMentions (UTF-16, end exclusive). */
  start: number;
  end: number;
  /** The mention as written (including an "NVIDIA" prefix and a variant qualifier such as "94GB"). */
  text: string;
  /** The text names exactly one variant (candidates has one element). */
  explicitVariant: boolean;
  /** The family id ("h100", "a100", "rtx-4090"). */
  family: string;
  /**
   * The records the mention may mean, default first: ["h100-sxm", "h100-pcie", "h100-nvl"] for "H100". Empty
   * when a qualifier fits no record ("RTX 4090 48GB"): a card the data does not describe.
   */
  readonly candidates: readonly string[];
}

export interface Span {
  start: number;
  end: number;
}

interface AliasEntry {
  gpuId: string;
  family: string;
  candidates: readonly string[];
  /** The alias is only digits ("4090"). */
  numeric: boolean;
}

/** Precompiled names of a GPU data set. Build once per data set with compileGpuNames (cached by array). */
export class GpuNameMatcher {
  /** @internal */ readonly regex: RegExp;
  /** @internal */ readonly byKey: ReadonlyMap<string, AliasEntry>;
  readonly records: ReadonlyMap<string, GpuRecord>;
  /** Family id → record ids, default variant first. */
  readonly families: ReadonlyMap<string, readonly string[]>;
  /** @internal */ readonly tokens: ReadonlyMap<string, ReadonlySet<string>>;
  private readonly familyNames: ReadonlyMap<string, string>;

  /** @internal */
  constructor(parts: {
    regex: RegExp;
    byKey: Map<string, AliasEntry>;
    records: Map<string, GpuRecord>;
    families: Map<string, string[]>;
    tokens: Map<string, Set<string>>;
    familyNames: Map<string, string>;
  }) {
    this.regex = parts.regex;
    this.byKey = parts.byKey;
    this.records = parts.records;
    this.families = parts.families;
    this.tokens = parts.tokens;
    this.familyNames = parts.familyNames;
  }

  record(id: string): GpuRecord | undefined {
    return this.records.get(id);
  }

  familyOf(id: string): string {
    return familyOfId(id);
  }

  /** The records of a family, default variant first. */
  variants(family: string): GpuRecord[] {
    return (this.families.get(family) ?? []).map((id) => this.records.get(id)!).filter(Boolean);
  }

  /** A short name for a family as writers use it: "H100", "A100", "RTX 4090". */
  familyName(family: string): string {
    return this.familyNames.get(family) ?? family;
  }

  /** A record's name without the vendor and brand prefix: "H100 SXM", "RTX 4090", "A100 80GB PCIe". */
  displayName(id: string): string {
    const record = this.records.get(id);
    return record ? displayName(record) : id;
  }
}

const VARIANT_TOKEN = /^(?:sxm\d?|pcie|nvl|\d+gb)$/;
const BRAND_PREFIX = /^(?:nvidia|geforce|英伟达)$/i;
const SEP = '[\\s\\-_]{0,2}';

/** The family of a record id: variant tokens dropped ("h100-nvl" → "h100", "a100-40gb-sxm" → "a100"). */
export function familyOfId(id: string): string {
  const kept = id.toLowerCase().split('-').filter((t) => !VARIANT_TOKEN.test(t));
  return kept.length > 0 ? kept.join('-') : id.toLowerCase();
}

export function displayName(record: GpuRecord): string {
  return record.name.replace(/^\s*NVIDIA\s+/i, '').replace(/^GeForce\s+/i, '').trim() || record.name;
}

/** Lowercase alphanumeric tokens of a name, with "80G"/"80 GB"/"80GiB" as "80gb". */
function rawTokens(text: string): string[] {
  const tokens = text.normalize('NFKC').toLowerCase().replace(/(\d)\s+(g(?:i?b)?)(?![a-z0-9])/g, '$1$2').split(/[^a-z0-9]+/).filter(Boolean);
  return tokens.map((t) => {
    const mem = /^(\d+)g(?:i?b)?$/.exec(t);
    return mem ? `${mem[1]}gb` : t;
  });
}

/** Tokens plus their letter stems ("sxm5" also gives "sxm", "hbm3" gives "hbm"). */
function tokenSet(text: string, into = new Set<string>()): Set<string> {
  for (const t of rawTokens(text)) {
    into.add(t);
    const stem = /^([a-z]{2,})\d+$/.exec(t);
    if (stem) into.add(stem[1]);
  }
  return into;
}

/** The lookup key of a name as written: its tokens concatenated ("RTX-4090" → "rtx4090"). */
function nameKey(text: string): string {
  return rawTokens(text).join('');
}

const keyCache = new Map<string, string>();
function cachedKey(text: string): string {
  let key = keyCache.get(text);
  if (key === undefined) {
    key = nameKey(text);
    if (keyCache.size > 5000) keyCache.clear();
    keyCache.set(text, key);
  }
  return key;
}

function escapeRegex(s: string): string {
  return s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}

function aliasPattern(alias: string): string {
  const parts = alias.normalize('NFKC').trim().replace(/(\d)\s+(G(?:i?B)?)(?![A-Za-z0-9])/gi, '$1$2').split(/[\s\-_]+/).filter(Boolean);
  return parts.map((p) => {
    const mem = /^(\d+)G(?:i?B)?$/i.exec(p);
    return mem ? `${mem[1]} ?G(?:i?B)?` : escapeRegex(p);
  }).join(SEP);
}

/** Strips leading "NVIDIA", "GeForce": the matcher's optional prefix covers them. */
function stripBrand(alias: string): string {
  const parts = alias.normalize('NFKC').trim().split(/\s+/);
  while (parts.length > 1 && BRAND_PREFIX.test(parts[0])) parts.shift();
  return parts.join(' ');
}

const cache = new WeakMap<readonly GpuRecord[], GpuNameMatcher>();

/** Compiles the names of a GPU data set into one matcher. Cached per array, so calling it per check is cheap. */
export function compileGpuNames(gpus: readonly GpuRecord[]): GpuNameMatcher {
  const cached = cache.get(gpus);
  if (cached) return cached;
  const records = new Map<string, GpuRecord>();
  const families = new Map<string, string[]>();
  const tokens = new Map<string, Set<string>>();
  for (const g of gpus) {
    if (!g || typeof g.id !== 'string' || records.has(g.id)) continue;
    records.set(g.id, g);
    const family = familyOfId(g.id);
    if (!families.has(family)) families.set(family, []);
    families.get(family)!.push(g.id);
    const set = tokenSet(g.id.replace(/-/g, ' '));
    tokenSet(g.name ?? '', set);
    for (const a of g.aliases ?? []) tokenSet(a, set);
    if (g.memoryType) tokenSet(g.memoryType, set);
    if (typeof g.memoryGB === 'number') set.add(`${g.memoryGB}gb`);
    tokens.set(g.id, set);
  }
  // Tokens every member of a family shares (the family's own name) do not tell variants apart.
  const common = new Map<string, Set<string>>();
  for (const [family, ids] of families) {
    let shared: Set<string> | undefined;
    for (const id of ids) {
      const t = tokens.get(id)!;
      shared = shared ? new Set([...shared].filter((x) => t.has(x))) : new Set(t);
    }
    shared!.add('nvidia').add('geforce');
    common.set(family, shared!);
  }
  const candidatesFor = (family: string, text: string): string[] => {
    const distinguishing = [...tokenSet(text)].filter((t) => !common.get(family)!.has(t));
    return families.get(family)!.filter((id) => distinguishing.every((t) => tokens.get(id)!.has(t)));
  };

  // Aliases, brand prefix stripped. A key claimed by two records is ambiguous and dropped.
  const byKey = new Map<string, AliasEntry>();
  const patterns = new Map<string, string>();
  const dropped = new Set<string>();
  const familyBase = new Map<string, { alias: string; id: string }[]>();
  for (const g of records.values()) {
    const family = familyOfId(g.id);
    for (const raw of [g.name, ...(g.aliases ?? [])]) {
      if (typeof raw !== 'string' || !raw.trim()) continue;
      const alias = stripBrand(raw);
      const key = nameKey(alias);
      if (!key || dropped.has(key)) continue;
      const existing = byKey.get(key);
      if (existing && existing.gpuId !== g.id) {
        byKey.delete(key);
        patterns.delete(key);
        dropped.add(key);
        continue;
      }
      if (existing) continue;
      let candidates = candidatesFor(family, alias);
      if (!candidates.includes(g.id)) candidates = [g.id];
      // The record that owns the alias comes first: it is what the name means by default.
      candidates = [g.id, ...candidates.filter((c) => c !== g.id)];
      byKey.set(key, { gpuId: g.id, family, candidates, numeric: /^\d+$/.test(key) });
      patterns.set(key, aliasPattern(alias));
      if (candidates.length === families.get(family)!.length && /^[a-z]/i.test(alias)) {
        if (!familyBase.has(family)) familyBase.set(family, []);
        familyBase.get(family)!.push({ alias, id: g.id });
      }
    }
  }
  // Default variant first in each family: the record owning the family's plain name.
  const familyNames = new Map<string, string>();
  for (const [family, ids] of families) {
    const bases = (familyBase.get(family) ?? []).sort((a, b) => a.alias.length - b.alias.length);
    if (bases.length > 0) {
      familyNames.set(family, bases[0].alias);
      const def = bases[0].id;
      families.set(family, [def, ...ids.filter((id) => id !== def)]);
    } else {
      familyNames.set(family, displayName(records.get(ids[0])!));
    }
  }
  for (const entry of byKey.values()) {
    const order = families.get(entry.family)!;
    const owner = entry.candidates[0];
    const rest = entry.candidates.slice(1).sort((a, b) => order.indexOf(a) - order.indexOf(b));
    entry.candidates = Object.freeze([owner, ...rest]);
  }

  const alternatives = [...patterns.entries()].sort((a, b) => b[0].length - a[0].length || (a[0] < b[0] ? -1 : 1)).map(([, p]) => p);
  // Left boundary: no ASCII letter or digit before (but "8x" before is fine), no "3." or "1," before a number.
  const source = alternatives.length === 0
    ? '(?!)'
    : `(?:(?<=\\d[xX×*])|(?<![A-Za-z0-9]|\\d\\.))((?:(?:nvidia|geforce|英伟达)${SEP}){0,2})(${alternatives.join('|')})(?=[sS]?(?![A-Za-z0-9]))(?!\\.\\d)`;
  const matcher = new GpuNameMatcher({ regex: new RegExp(source, 'gi'), byKey, records, families, tokens, familyNames });
  cache.set(gpus, matcher);
  return matcher;
}

/** Text after a name that makes it a different card ("4090D", "3090 Ti", "4090 Laptop"). */
const OTHER_CARD_SUFFIX = /[\s\-_]{0,2}(?:ti|d|super|laptop|mobile|max-?q)(?![A-Za-z0-9])|\s{0,2}(?:移动版|移动端|笔记本|笔电|特供)/iy;
/** A bare number alias that is a quantity, not a card ("4090 元", "4090 年"). */
const NUMBER_AFTER = /\s{0,2}(?:元|块钱|美元|美金|刀|%|‰|年|月|日|号|次|个|条|行|位|秒|分钟|毫秒|小时|天|ms|MHz|GHz|[KMGT]i?B(?![A-Za-z])|W(?![A-Za-z])|瓦|rpm|fps|tokens?)/iy;
const NUMBER_BEFORE = /(?:[$¥￥#№]|USD|port|端口|第|编号|No\.?)\s{0,2}$/i;
/** A variant qualifier written right after a name: "H100 94GB", "A100 80GB PCIe", "H100 SXM5". */
const QUALIFIER = /[\s\-_]{0,2}(pcie|sxm\d?|nvl|hbm\d?e?|\d+\s?G(?:i?B)?)(?![A-Za-z0-9/])/iy;

export interface NormalizedText {
  /** The NFKC form of the text. */
  text: string;
  /** Maps an offset in `text` to the offset in the original (identity when the text was already NFKC). */
  toOriginal(offset: number): number;
}

/**
 * The blocks where NFKC changes characters that matter in prose about hardware: Latin-1 compatibility characters,
 * general punctuation and spaces, letterlike symbols and number forms, enclosed alphanumerics, the ideographic
 * space, squared units ("㎇"), CJK compatibility ideographs and forms, and half-/full-width forms ("４０９０",
 * "，"). Characters of these blocks that NFKC leaves alone are kept as they are.
 */
const NFKC_BLOCKS = /[\u00a0-\u00bf\u2000-\u206f\u2070-\u209f\u2100-\u218f\u2460-\u24ff\u3000\u3200-\u33ff\uf900-\ufaff\ufb00-\ufb4f\ufe10-\ufe6f\uff00-\uffef]/g;

/**
 * NFKC per character, keeping a map back to the original offsets ("４０９０" → "4090", "，" → ","). Characters
 * that NFKC expands ("㎇" → "GB") map every output character to the same original one. Only the characters of
 * NFKC_BLOCKS are normalized, one at a time (no composition across characters).
 */
export function normalizeText(text: string): NormalizedText {
  const re = NFKC_BLOCKS;
  re.lastIndex = 0;
  if (!re.test(text)) return { text, toOriginal: (o) => o };
  re.lastIndex = 0;
  // Change points: from normalized offset `norm` on, original = norm + delta (inside an expansion: its start).
  const points: { norm: number; orig: number; len: number }[] = [];
  let delta = 0;
  const out = text.replace(re, (ch, offset: number) => {
    const rep = ch.normalize('NFKC');
    if (rep.length !== ch.length) {
      points.push({ norm: offset + delta, orig: offset, len: rep.length });
      delta += rep.length - ch.length;
    }
    return rep;
  });
  if (points.length === 0) return { text: out, toOriginal: (o) => o };
  return {
    text: out,
    toOriginal: (o) => {
      const p = points[countAtOrBefore(points, (q) => q.norm, o) - 1];
      if (!p) return o;
      if (o < p.norm + p.len) return p.orig;
      return p.orig + 1 + (o - p.norm - p.len);
    },
  };
}

/**
 * Mentions of GPUs of the data set in `text`, in order. Offsets refer to `text` as given (NFKC is applied
 * internally and mapped back).
 */
export function findGpuMentions(text: string, matcher: GpuNameMatcher): GpuMention[] {
  const norm = normalizeText(text);
  const found = scanMentions(norm.text, matcher);
  if (norm.text === text) return found;
  return found.map((m) => {
    const start = norm.toOriginal(m.start);
    const end = m.end >= norm.text.length ? text.length : norm.toOriginal(m.end);
    return { ...m, start, end, text: text.slice(start, end) };
  });
}

/** findGpuMentions on text that is already NFKC (offsets as given). */
function scanMentions(text: string, matcher: GpuNameMatcher): GpuMention[] {
  const mentions: GpuMention[] = [];
  // The matcher's own regex, from the start: a copy per call (a paragraph, a cell) built the regex of every name
  // again, which cost more than the search (scanning is synchronous: nothing else uses it meanwhile).
  const re = matcher.regex;
  re.lastIndex = 0;
  const at = (sticky: RegExp, offset: number) => { sticky.lastIndex = offset; return sticky.exec(text); };
  let m: RegExpExecArray | null;
  while ((m = re.exec(text)) !== null) {
    const start = m.index;
    let end = start + m[0].length;
    const entry = matcher.byKey.get(cachedKey(m[2]));
    const next = text[end];
    if (!entry || next === 'S' /* "H100S" is not a plural */ || at(OTHER_CARD_SUFFIX, end)
      || (entry.numeric && !m[1] && (at(NUMBER_AFTER, end) || NUMBER_BEFORE.test(text.slice(Math.max(0, start - 8), start))))) {
      re.lastIndex = start + 1;
      continue;
    }
    let candidates = entry.candidates;
    let gpuId = entry.gpuId;
    // Variant qualifiers right after the name narrow the candidates (or rule all of them out).
    for (let q = 0; q < 2 && next !== 's'; q++) {
      const qm = at(QUALIFIER, end);
      if (!qm) break;
      const qTokens = [...tokenSet(qm[1])];
      candidates = candidates.filter((id) => qTokens.every((t) => matcher.tokens.get(id)!.has(t)));
      end += qm[0].length;
      if (candidates.length === 0) break;
    }
    if (candidates.length > 0 && !candidates.includes(gpuId)) gpuId = candidates[0];
    mentions.push({
      gpuId,
      start,
      end,
      text: text.slice(start, end),
      explicitVariant: candidates.length === 1,
      family: entry.family,
      candidates: candidates === entry.candidates ? candidates : Object.freeze(candidates),
    });
    re.lastIndex = end;
  }
  return mentions;
}

// GPU-like names that are not in the data: brand + model number, model codes such as "H800" or "MI300X",
// and known numbers with a suffix that makes them a different card.
const BRANDED = /(?<![A-Za-z0-9])(?:RTX|GTX|RX|Radeon|Arc|Quadro|Tesla|Titan|Instinct|Gaudi|Ascend|昇腾|MLU|MTT)\s?[A-Za-z]{0,2}\s?\d{1,5}[A-Za-z]*(?![0-9])/gi;
const SUFFIXED = /(?<![A-Za-z0-9.,])\d{3,4}\s?(?:Ti|D|Super|XTX|XT|GRE|Laptop|Mobile|Max-?Q|移动版|移动端|笔记本|笔电|特供版?)(?![A-Za-z0-9])/gi;
const MODEL_CODE = /(?<![A-Za-z0-9.\-])([A-Z]{1,3})(\d{1,4})([A-Z]{0,2})(?![A-Za-z0-9])/g;
/** Letter prefixes of tokens that look like model codes but are formats, memory, buses, codecs, models. */
const NOT_A_GPU_PREFIX = new Set([
  'FP', 'BF', 'TF', 'INT', 'UINT', 'HBM', 'DDR', 'SXM', 'NVL', 'USB', 'SM', 'CC', 'AV', 'VP', 'MP', 'DP', 'ATX',
  'PCI', 'GEN', 'ARM', 'X', 'GPT', 'GLM', 'SD', 'CPU', 'API', 'UTF', 'ISO', 'RFC',
  'IPV', 'TLS', 'TCP', 'UDP', 'CVE', 'ID', 'NO', 'Q', 'L', 'W', 'PS', 'RTX', 'GTX', 'RX', 'NVME', 'CUDA', 'HDR',
  'LPDDR', 'GDDR', 'SSD', 'PCIE', 'NV', 'IE', 'OS', 'EC', 'IO', 'DL', 'ML', 'AI', 'HTTP', 'CE', 'UE', 'FHD',
]);
/** Single-digit model codes that are GPUs. */
const SHORT_GPU_CODES = new Set(['T4', 'P4', 'A2', 'L4', 'K1', 'K2']);

/**
 * GPU-like names in `text` that are not mentions of the data set (other cards, variants the data lacks such as
 * "4090D", model codes like "H800" or "V100"). Offsets refer to `text` as given (which should be NFKC already
 * for best results). Spans overlapping a known mention are left out.
 */
export function findUnknownGpuNames(text: string, matcher: GpuNameMatcher, mentions?: readonly GpuMention[]): Span[] {
  const known = [...(mentions ?? findGpuMentions(text, matcher))].sort((a, b) => a.start - b.start);
  // Known mentions do not overlap each other: a binary search finds the only one that could overlap [s, e).
  const overlaps = (s: number, e: number) => {
    let lo = 0;
    let hi = known.length - 1;
    while (lo <= hi) {
      const mid = (lo + hi) >> 1;
      if (known[mid].end <= s) lo = mid + 1;
      else if (known[mid].start >= e) hi = mid - 1;
      else return true;
    }
    return false;
  };
  const raw: Span[] = [];
  const add = (s: number, e: number) => {
    if (!overlaps(s, e)) raw.push({ start: s, end: e });
  };
  for (const m of text.matchAll(SUFFIXED)) add(m.index, m.index + m[0].length);
  for (const m of text.matchAll(BRANDED)) add(m.index, m.index + m[0].length);
  for (const m of text.matchAll(MODEL_CODE)) {
    const [token, letters, digits] = m;
    if (NOT_A_GPU_PREFIX.has(letters) || /^H26\d$/.test(token)) continue;
    if (digits.length < 2 && !SHORT_GPU_CODES.has(token)) continue;
    add(m.index, m.index + token.length);
  }
  // Overlapping finds are one name ("Radeon RX 7900" and "7900 XTX").
  raw.sort((a, b) => a.start - b.start);
  const spans: Span[] = [];
  for (const s of raw) {
    const last = spans[spans.length - 1];
    if (last && s.start < last.end) last.end = Math.max(last.end, s.end);
    else spans.push({ ...s });
  }
  return spans;
}
