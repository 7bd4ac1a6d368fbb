// The reporting periods of Circular 38/2024 (pure: today comes in): the six-month report
// (January–June) and the twelve-month report (the calendar year), each compared with the same
// period of the year before.
import { DomainError } from "~/models/errors";
import type { PeriodKind } from "./params";

/** A reporting period, inclusive; `end` is clamped to the report date. */
export type Period = { key: string; start: string; end: string };

export type PeriodChoice = { kind: PeriodKind; year: number };

function periodOf(kind: PeriodKind, year: number): Period {
  return kind === "h1" ? { key: `${year}-H1`, start: `${year}-01-01`, end: `${year}-06-30` } : { key: String(year), start: `${year}-01-01`, end: `${year}-12-31` };
}

/**
 * The periods a summary of `kind` for `year` is computed over: from the same period of the
 * year before up to the chosen one, without a gap (the figures count each period from the
 * day after the one before it ends), so the six-month report carries the second half of the
 * year before between them. The first is the comparison, the last the chosen period; the
 * last one ends on the report date at the latest. A period that has not started is refused.
 */
export function circularPeriods(kind: PeriodKind, year: number, today: string): Period[] {
  const current = periodOf(kind, year);
  if (current.start > today) {
    throw new DomainError("reports:errors.periodInFuture", { field: "year", params: { year } });
  }
  const previous = periodOf(kind, year - 1);
  const between: Period[] = kind === "h1" ? [{ key: `${year - 1}-H2`, start: `${year - 1}-07-01`, end: `${year - 1}-12-31` }] : [];
  return [previous, ...between, current].map((p) => (p.end > today ? { ...p, end: today } : p));
}

/**
 * The summary a department opens on when it names no period: the report that first carried
 * the latest figure (a date in January–June: that year's six-month report; later: the
 * twelve-month one). `latest` null (no data yet): this year's six-month report.
 */
export function defaultPeriod(latest: string | null, today: string): PeriodChoice {
  if (!latest) return { kind: "h1", year: Number(today.slice(0, 4)) };
  const year = Number(latest.slice(0, 4));
  return { kind: latest.slice(5, 7) <= "06" ? "h1" : "year", year };
}

/** Percentage change from `before` to `after` (one decimal); null when there was nothing before. */
export function percentChange(before: number, after: number): number | null {
  if (before === 0) return null;
  return Math.round(((after - before) / before) * 1000) / 10;
}
