// Numbers from URLs and route parameters, always bounded: a query such as `page=1e309` or an
// id of twenty digits never reaches SQL as Infinity or as a float beyond SQLite's integers.

/** Ids are SQLite rowids; JavaScript holds them exactly up to this. */
export const MAX_ID = Number.MAX_SAFE_INTEGER;

/** A positive whole number written in plain digits (surrounding spaces allowed) and at most `max`; null otherwise. */
export function parsePositiveInt(value: string | null | undefined, max: number = MAX_ID): number | null {
  const text = typeof value === "string" ? value.trim() : "";
  if (!/^\d{1,16}$/.test(text)) return null;
  const n = Number(text);
  return n >= 1 && n <= max ? n : null;
}

/** Any numeric text floored and held within [min, max]; `fallback` for blanks, words, NaN and ±Infinity. */
export function boundedInt(value: string | null | undefined, min: number, max: number, fallback: number): number {
  const n = Math.floor(Number(value));
  if (value == null || value.trim() === "" || !Number.isFinite(n)) return fallback;
  return Math.min(max, Math.max(min, n));
}
