// Calendar-date rules. Dates are `yyyy-MM-dd` text, inclusive at both ends; no function here
// reads the clock: `today` is always an argument.
import { addMonths, differenceInCalendarDays, subDays } from "date-fns";
import { isIsoDate } from "./calendar-date";

// The format check lives in a module of its own, free of date-fns, because every page's script
// needs it (message parameters) and date-fns' parser would come with it.
export { isIsoDate };

// Vietnamese writes day first: 05/03/2026 is 5 March. One or two digits for day and month,
// "/", "." or "-" between them, four-digit year.
const DAY_FIRST_RE = /^(\d{1,2})[/.-](\d{1,2})[/.-](\d{4})$/;

/**
 * A typed date as `yyyy-MM-dd` text: accepts dd/mm/yyyy (the forms' display) and yyyy-MM-dd
 * (the stored form, what older pages and scripts send). Anything else comes back trimmed but
 * unchanged, so the schema below refuses it with "invalid date" rather than guessing.
 */
export function normalizeDateInput(value: string): string {
  const text = value.trim();
  const m = DAY_FIRST_RE.exec(text);
  return m ? `${m[3]}-${m[2].padStart(2, "0")}-${m[1].padStart(2, "0")}` : text;
}

/** `yyyy-MM-dd` shown as dd/mm/yyyy in a date field; other text is shown as typed. */
export function displayDateInput(value: string | null | undefined): string {
  if (!value) return "";
  return isIsoDate(value) ? `${value.slice(8, 10)}/${value.slice(5, 7)}/${value.slice(0, 4)}` : value;
}

// A `yyyy-MM-dd` text as local midnight and back, by hand rather than with date-fns' parse
// and format: reports call these hundreds of thousands of times, and the format is fixed.
/** A `yyyy-MM-dd` date as local midnight; anything but a real calendar date is an invalid Date. */
export function fromIsoDate(value: string): Date {
  if (!isIsoDate(value)) return new Date(NaN);
  const date = new Date(2000, 0, 1);
  date.setFullYear(Number(value.slice(0, 4)), Number(value.slice(5, 7)) - 1, Number(value.slice(8, 10)));
  return date;
}

export function toIsoDate(date: Date): string {
  if (Number.isNaN(date.getTime())) throw new RangeError("Invalid time value");
  const y = date.getFullYear();
  const m = date.getMonth() + 1;
  const d = date.getDate();
  return `${String(y).padStart(4, "0")}-${m < 10 ? "0" : ""}${m}-${d < 10 ? "0" : ""}${d}`;
}

/** Today's date in Vietnam (UTC+7, no daylight saving) for a given instant. */
export function vietnamToday(now: Date): string {
  return new Date(now.getTime() + 7 * 3600_000).toISOString().slice(0, 10);
}

export type DateRange = { start: string; end: string };

/** Inclusive ranges overlap when each starts on or before the other ends. */
export function overlaps(a: DateRange, b: DateRange): boolean {
  return a.start <= b.end && b.start <= a.end;
}

/** Whole days in an inclusive range: 2026-01-01..2026-01-01 is 1 day. */
export function daysInclusive(range: DateRange): number {
  return differenceInCalendarDays(fromIsoDate(range.end), fromIsoDate(range.start)) + 1;
}

/**
 * Whether an inclusive range lasts at least `months` calendar months: it must reach the day
 * before the same day-of-month `months` later (31 Jan + 3 months ends on or after 29/30 Apr).
 * date-fns clamps month ends, so 30 Nov + 3 months is 28/29 Feb.
 */
export function lastsAtLeastMonths(range: DateRange, months: number): boolean {
  const minimumEnd = subDays(addMonths(fromIsoDate(range.start), months), 1);
  return fromIsoDate(range.end) >= minimumEnd;
}

/** The average month (365.25 / 12 days): the unit of person-months in every report. */
export const DAYS_PER_MONTH = 365.25 / 12;

/** Months (to one decimal) in an inclusive range, counting DAYS_PER_MONTH days a month. */
export function monthsBetween(range: DateRange): number {
  return Math.round((daysInclusive(range) / DAYS_PER_MONTH) * 10) / 10;
}

export function addDaysIso(date: string, days: number): string {
  return toIsoDate(new Date(fromIsoDate(date).getTime() + days * 86_400_000));
}

export function addMonthsIso(date: string, months: number): string {
  return toIsoDate(addMonths(fromIsoDate(date), months));
}
