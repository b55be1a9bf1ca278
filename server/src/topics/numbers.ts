// Numbers as keyword tools and the seed table write them: `1.1K`, `33.1K`, `2.4M`, `1,234`, `800`,
// `6.55`, and the Chinese `1.2万` / `3亿` (also the common shorthand `1.2w`).
//
// parseMetric("1.1K") → 1100, parseMetric("1.2万") → 12000, parseMetric("abc") → undefined.
// Full-width digits and punctuation (`１．１Ｋ`) are accepted; negative values are not (heat, views and
// relevance are never negative). formatMetric goes the other way for display: 1100 → "1.1K".

const SUFFIX: Record<string, number> = {
  k: 1e3,
  千: 1e3,
  m: 1e6,
  b: 1e9,
  w: 1e4,
  万: 1e4,
  亿: 1e8,
};

const METRIC = /^\+?((?:\d{1,3}(?:,\d{3})+|\d+)(?:\.\d+)?|\.\d+)\s*([kmbw千万亿])?$/i;

/** The number a table cell means, or undefined when it is not one. */
export function parseMetric(text: string | number | null | undefined): number | undefined {
  if (typeof text === 'number') return Number.isFinite(text) && text >= 0 ? text : undefined;
  if (typeof text !== 'string') return undefined;
  const s = text.normalize('NFKC').trim();
  const m = METRIC.exec(s);
  if (!m) return undefined;
  const base = Number(m[1].replace(/,/g, ''));
  if (!Number.isFinite(base)) return undefined;
  const mult = m[2] ? SUFFIX[m[2].toLowerCase()] : 1;
  // 1.1 * 1000 is 1100.0000000000002 in binary floating point: round to what was written.
  return Number((base * mult).toPrecision(12));
}

/** A short display form: 1100 → "1.1K", 33100 → "33.1K", 2400000 → "2.4M", 800 → "800", 6.55 → "6.55". */
export function formatMetric(value: number | null | undefined): string {
  if (value === null || value === undefined || !Number.isFinite(value)) return '–';
  const abs = Math.abs(value);
  const short = (n: number, suffix: string) => `${Number(n.toFixed(1))}${suffix}`;
  if (abs >= 1e9) return short(value / 1e9, 'B');
  if (abs >= 1e6) return short(value / 1e6, 'M');
  if (abs >= 1e3) {
    const k = Number((value / 1e3).toFixed(1));
    return k >= 1000 ? short(value / 1e6, 'M') : `${k}K`;
  }
  return String(Number(value.toFixed(2)));
}
