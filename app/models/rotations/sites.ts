// The receiving-site view: months of a window and who is at a site in each. Pure, shared by
// the server query and the page.
import { addDaysIso, addMonthsIso, isIsoDate, type DateRange } from "~/models/dates";

export const SITE_MONTH_CHOICES = [3, 6, 12] as const;
export type SiteMonths = (typeof SITE_MONTH_CHOICES)[number];

export type SiteFilters = { from: string; months: SiteMonths };

/** `from` is a month (yyyy-MM) or a date; anything else is the month of `today`. Six months by default. */
export function parseSiteFilters(params: URLSearchParams, today: string): SiteFilters {
  const raw = params.get("from") ?? "";
  const anchor = isIsoDate(`${raw}-01`) ? `${raw}-01` : isIsoDate(raw) ? raw : today;
  const asked = Number(params.get("months"));
  const months = (SITE_MONTH_CHOICES as readonly number[]).includes(asked) ? (asked as SiteMonths) : 6;
  return { from: anchor.slice(0, 7), months };
}

export type MonthSpan = { month: string; range: DateRange };

/** The calendar months from `from` (yyyy-MM), each with its first and last day. */
export function monthSpans(from: string, count: number): MonthSpan[] {
  const spans: MonthSpan[] = [];
  for (let i = 0; i < count; i += 1) {
    const start = addMonthsIso(`${from}-01`, i);
    spans.push({ month: start.slice(0, 7), range: { start, end: addDaysIso(addMonthsIso(start, 1), -1) } });
  }
  return spans;
}

export function windowOf(spans: MonthSpan[]): DateRange {
  return { start: spans[0].range.start, end: spans[spans.length - 1].range.end };
}

export function shiftMonth(from: string, months: number): string {
  return addMonthsIso(`${from}-01`, months).slice(0, 7);
}

export type SiteStay = { rotationId: number; startOn: string; endOn: string };
export type SiteMonth<T extends SiteStay> = { month: string; stays: T[] };

/**
 * The stays of one site laid out by month: a stay appears in every month it touches (dates are
 * inclusive), in start order; a month with no stay is a gap.
 */
export function layOutByMonth<T extends SiteStay>(spans: MonthSpan[], stays: T[]): SiteMonth<T>[] {
  const sorted = [...stays].sort((a, b) => (a.startOn === b.startOn ? a.rotationId - b.rotationId : a.startOn < b.startOn ? -1 : 1));
  return spans.map((span) => ({
    month: span.month,
    stays: sorted.filter((s) => s.startOn <= span.range.end && s.endOn >= span.range.start),
  }));
}
