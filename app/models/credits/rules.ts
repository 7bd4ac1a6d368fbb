// Continuing-education credit hours (Circular 32/2023): 120 hours in every rolling period of
// five consecutive years; 1 credit hour = 1 lesson period. Pure: `today` is an argument.
import { addDays, addYears, subDays } from "date-fns";
import { sql, type SQL } from "drizzle-orm";
import { fromIsoDate as toDate, toIsoDate as toIso, type DateRange } from "~/models/dates";
import type { CreditStandingFilter } from "./schemas";

export const REQUIRED_HOURS = 120;
export const WINDOW_YEARS = 5;

/**
 * The five-year window ending `today`, inclusive: it starts the day after the same date five
 * years earlier (2026-03-10 -> 2021-03-11). From 29 February the year shift lands on 28
 * February, so the window of 2028-02-29 starts on 2023-03-01.
 */
export function creditWindow(today: string, years = WINDOW_YEARS): DateRange {
  const start = addDays(addYears(toDate(today), -years), 1);
  return { start: toIso(start), end: today };
}

/**
 * Hours that leave the window within the next twelve months: activities from the window's
 * start up to the day before the window of `today + 1 year` starts.
 */
export function expiringRange(today: string, years = WINDOW_YEARS): DateRange {
  const nextYear = toIso(addYears(toDate(today), 1));
  const nextStart = creditWindow(nextYear, years).start;
  return { start: creditWindow(today, years).start, end: toIso(subDays(toDate(nextStart), 1)) };
}

export type CreditEntryLike = { activityOn: string; hours: number };

export type CreditStanding = "met" | "at_risk" | "below";

export type CreditSummary = {
  window: DateRange;
  /** Hours inside the window ending today. */
  total: number;
  /** Of those, hours that leave the window within twelve months. */
  expiring: number;
  /** Hours still missing today (0 when met). */
  shortfall: number;
  standing: CreditStanding;
};

// Sums of fractional hours (0.1 + 0.2) land a hair under the exact figure: a total within this
// margin of the requirement meets it, in both forms below.
const HOURS_MARGIN = 1e-9;

/** `below` under the requirement today; `at_risk` met today but not once the expiring hours leave. */
export function creditStanding(total: number, expiring: number, required = REQUIRED_HOURS): CreditStanding {
  if (total + HOURS_MARGIN < required) return "below";
  if (total - expiring + HOURS_MARGIN < required) return "at_risk";
  return "met";
}

/** `creditStanding` in SQL, over a total and an expiring-hours expression. */
export function creditStandingSql(total: SQL, expiring: SQL, required = REQUIRED_HOURS): SQL {
  return sql`(case when ${total} + ${HOURS_MARGIN} < ${required} then 'below'
    when ${total} - ${expiring} + ${HOURS_MARGIN} < ${required} then 'at_risk' else 'met' end)`;
}

/** The standings each filter of the credit list keeps ("all": every one). */
export const STANDINGS_OF_FILTER = {
  all: ["met", "at_risk", "below"],
  short: ["at_risk", "below"],
  below: ["below"],
  at_risk: ["at_risk"],
} as const satisfies Record<CreditStandingFilter, readonly CreditStanding[]>;

/** The summary of a ledger on `today` (entries after today do not count yet). */
export function summariseCredits(
  entries: readonly CreditEntryLike[],
  today: string,
  required = REQUIRED_HOURS,
): CreditSummary {
  const window = creditWindow(today);
  const soon = expiringRange(today);
  let total = 0;
  let expiring = 0;
  for (const e of entries) {
    if (e.activityOn < window.start || e.activityOn > window.end) continue;
    total += e.hours;
    if (e.activityOn <= soon.end) expiring += e.hours;
  }
  total = Math.round(total * 100) / 100;
  expiring = Math.round(expiring * 100) / 100;
  return {
    window,
    total,
    expiring,
    shortfall: Math.max(0, Math.round((required - total) * 100) / 100),
    standing: creditStanding(total, expiring, required),
  };
}

/**
 * Credit hours of an activity measured in minutes (a remote training session): one credit hour
 * per sixty minutes (one lesson period), kept to the hundredth like the totals above.
 */
export function creditHoursForMinutes(minutes: number): number {
  return Math.round((minutes / 60) * 100) / 100;
}
