// Reporting-completeness parameters (pure, client-safe): the period asked about, which
// facilities to list and in what order. Unreadable values fall back to the defaults; a period
// that ends before it starts is refused.
import { isIsoDate, normalizeDateInput } from "~/models/dates";
import { DomainError } from "~/models/errors";

export const COMPLETENESS_STATUSES = ["all", "missing", "updated"] as const;
export type CompletenessStatus = (typeof COMPLETENESS_STATUSES)[number];
/** stale: longest without an update first (the officer's follow-up list). */
export const COMPLETENESS_SORTS = ["stale", "recent", "name", "entries"] as const;
export type CompletenessSort = (typeof COMPLETENESS_SORTS)[number];

export type CompletenessParams = { from: string; to: string; status: CompletenessStatus; sort: CompletenessSort; q: string | null };

/** The reporting half-year (January–June or July–December) that `today` falls in, up to today. */
export function currentHalfYear(today: string): { from: string; to: string } {
  const year = today.slice(0, 4);
  return { from: today.slice(5, 7) <= "06" ? `${year}-01-01` : `${year}-07-01`, to: today };
}

function pick<T extends string>(values: readonly T[], value: string | null, fallback: T): T {
  return (values as readonly string[]).includes(value ?? "") ? (value as T) : fallback;
}

export function parseCompletenessParams(url: URL, today: string): CompletenessParams {
  const fallback = currentHalfYear(today);
  const read = (name: string) => {
    // The date fields send dd/mm/yyyy; links send yyyy-mm-dd.
    const v = normalizeDateInput(url.searchParams.get(name)?.slice(0, 20) ?? "");
    return isIsoDate(v) ? v : null;
  };
  const from = read("from") ?? fallback.from;
  // A period reaching past today is asked about up to today.
  const askedTo = read("to") ?? fallback.to;
  const to = askedTo > today ? today : askedTo;
  if (from > to) throw new DomainError("reports:errors.periodReversed", { field: "from", params: { from, to } });
  const q = url.searchParams.get("q")?.trim().slice(0, 100) || null;
  return {
    from,
    to,
    status: pick(COMPLETENESS_STATUSES, url.searchParams.get("status"), "all"),
    sort: pick(COMPLETENESS_SORTS, url.searchParams.get("sort"), "stale"),
    q,
  };
}
