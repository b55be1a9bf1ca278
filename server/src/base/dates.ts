// Calendar dates as the data files and markers write them (`YYYY-MM-DD`, or `YYYY-MM` for a launch month). One
// validator for all of them: a date must exist on the calendar (`2024-02-31` does not), which `Date.parse`
// alone does not check.

/** A real calendar day `YYYY-MM-DD`, or with `allowMonth` also a month `YYYY-MM`. */
export function isIsoDate(value: unknown, options: { allowMonth?: boolean } = {}): value is string {
  if (typeof value !== 'string') return false;
  const m = /^(\d{4})-(\d{2})(?:-(\d{2}))?$/.exec(value);
  if (!m || (m[3] === undefined && !options.allowMonth)) return false;
  const [y, mo, d] = [Number(m[1]), Number(m[2]), m[3] === undefined ? 1 : Number(m[3])];
  const date = new Date(Date.UTC(y, mo - 1, d));
  return date.getUTCFullYear() === y && date.getUTCMonth() === mo - 1 && date.getUTCDate() === d;
}

/** Today in the local time zone (the writer's calendar day), `YYYY-MM-DD`. */
export function todayIso(now: Date = new Date()): string {
  const p = (n: number) => String(n).padStart(2, '0');
  return `${now.getFullYear()}-${p(now.getMonth() + 1)}-${p(now.getDate())}`;
}

/** Whole days from `from` to `to` (both `YYYY-MM-DD`); negative when `from` is later. */
export function daysBetween(from: string, to: string): number {
  return Math.round((Date.parse(`${to}T00:00:00Z`) - Date.parse(`${from}T00:00:00Z`)) / 86400000);
}
