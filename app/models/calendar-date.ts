// The `yyyy-MM-dd` calendar-date check, with no dependency (see dates.ts).
const DATE_RE = /^\d{4}-\d{2}-\d{2}$/;

/**
 * True for a real calendar date in `yyyy-MM-dd` (rejects 2026-02-30 and 2025-02-29). Plain
 * arithmetic rather than date-fns' parser: every page's script checks message parameters with it.
 */
export function isIsoDate(value: unknown): value is string {
  if (typeof value !== "string" || !DATE_RE.test(value)) return false;
  const [y, m, d] = [Number(value.slice(0, 4)), Number(value.slice(5, 7)), Number(value.slice(8, 10))];
  const date = new Date(0);
  date.setUTCFullYear(y, m - 1, d);
  return date.getUTCFullYear() === y && date.getUTCMonth() === m - 1 && date.getUTCDate() === d;
}
