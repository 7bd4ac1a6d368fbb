// Pure rules of recurring schedules (no clock, no database): the dates a weekly schedule falls
// on, its times in UTC (Vietnam is UTC+7 all year, no daylight saving), the weekly RRULE of its
// calendar event, and what a schedule's fields must satisfy.
import { isIsoDate } from "~/models/dates";
import { DomainError } from "~/models/errors";

/** Vietnam's offset from UTC in minutes: constant, Asia/Ho_Chi_Minh keeps no daylight saving. */
export const VIETNAM_OFFSET_MINUTES = 7 * 60;
/** The longest a schedule may run: two years from its start (inclusive end). */
export const MAX_SERIES_YEARS = 2;
export const MIN_DURATION_MINUTES = 15;
export const MAX_DURATION_MINUTES = 8 * 60;

export type SeriesTiming = { weekday: number; startTime: string; durationMinutes: number; startOn: string; endOn: string };

const BYDAY = ["MO", "TU", "WE", "TH", "FR", "SA", "SU"] as const;
const TIME_RE = /^([01]\d|2[0-3]):([0-5]\d)$/;

function utcDay(date: string): number {
  return Date.UTC(Number(date.slice(0, 4)), Number(date.slice(5, 7)) - 1, Number(date.slice(8, 10)));
}

function isoOf(ms: number): string {
  return new Date(ms).toISOString().slice(0, 10);
}

/** ISO weekday of a `yyyy-MM-dd` date: 1 = Monday … 7 = Sunday. */
export function isoWeekday(date: string): number {
  const day = new Date(utcDay(date)).getUTCDay();
  return day === 0 ? 7 : day;
}

/**
 * The dates a schedule falls on from `from` (inclusive), at most `limit` of them, never before
 * its start nor after its end. Calendar arithmetic in UTC days, so month and year ends and the
 * reader's own time zone change nothing.
 */
export function occurrences(series: Pick<SeriesTiming, "weekday" | "startOn" | "endOn">, from: string, limit: number): string[] {
  const first = from > series.startOn ? from : series.startOn;
  const startMs = utcDay(first);
  const shift = (series.weekday - isoWeekday(first) + 7) % 7;
  const out: string[] = [];
  for (let ms = startMs + shift * 86_400_000; out.length < limit; ms += 7 * 86_400_000) {
    const date = isoOf(ms);
    if (date > series.endOn) break;
    out.push(date);
  }
  return out;
}

/** A local Vietnamese date and "HH:MM" as the UTC instant [year, month, day, hour, minute]. */
export function vietnamToUtc(date: string, time: string): [number, number, number, number, number] {
  const ms = utcDay(date) + (Number(time.slice(0, 2)) * 60 + Number(time.slice(3, 5)) - VIETNAM_OFFSET_MINUTES) * 60_000;
  const d = new Date(ms);
  return [d.getUTCFullYear(), d.getUTCMonth() + 1, d.getUTCDate(), d.getUTCHours(), d.getUTCMinutes()];
}

/**
 * The RRULE of a schedule's calendar event, in UTC like its DTSTART: weekly on the weekday the
 * first occurrence falls on in UTC (a session before 07:00 in Vietnam starts the previous UTC day),
 * until the end of the schedule's last day in Vietnam (23:59:59 local).
 */
export function weeklyRule(series: SeriesTiming): string {
  const [first] = occurrences(series, series.startOn, 1);
  const [y, m, d] = vietnamToUtc(first ?? series.startOn, series.startTime);
  const utcDate = `${y}-${String(m).padStart(2, "0")}-${String(d).padStart(2, "0")}`;
  const byDay = BYDAY[isoWeekday(utcDate) - 1];
  const [uy, um, ud, uh, umi] = vietnamToUtc(series.endOn, "23:59");
  const until = `${uy}${String(um).padStart(2, "0")}${String(ud).padStart(2, "0")}T${String(uh).padStart(2, "0")}${String(umi).padStart(2, "0")}59Z`;
  return `FREQ=WEEKLY;BYDAY=${byDay};UNTIL=${until}`;
}

/** The last day a schedule starting on `startOn` may run: two years on, less a day. */
export function latestSeriesEnd(startOn: string): string {
  const y = Number(startOn.slice(0, 4)) + MAX_SERIES_YEARS;
  const candidate = `${y}${startOn.slice(4)}`;
  // 29 February two years on does not exist: the latest end is then 28 February.
  const valid = isIsoDate(candidate) ? candidate : `${y}-02-28`;
  return isoOf(utcDay(valid) - 86_400_000);
}

/** Everything a schedule's timing must satisfy; the first refusal, or null. */
export function checkSeriesTiming(series: SeriesTiming): DomainError | null {
  if (!Number.isInteger(series.weekday) || series.weekday < 1 || series.weekday > 7) return new DomainError("tele:links.series.errors.weekday", { field: "weekday" });
  if (!TIME_RE.test(series.startTime)) return new DomainError("tele:links.series.errors.time", { field: "startTime" });
  if (!Number.isInteger(series.durationMinutes) || series.durationMinutes < MIN_DURATION_MINUTES || series.durationMinutes > MAX_DURATION_MINUTES) {
    return new DomainError("tele:links.series.errors.duration", { field: "durationMinutes", params: { min: MIN_DURATION_MINUTES, max: MAX_DURATION_MINUTES } });
  }
  if (!isIsoDate(series.startOn)) return new DomainError("common:validation.invalidDate", { field: "startOn" });
  if (!isIsoDate(series.endOn)) return new DomainError("common:validation.invalidDate", { field: "endOn" });
  if (series.endOn < series.startOn) return new DomainError("common:validation.endBeforeStart", { field: "endOn" });
  if (series.endOn > latestSeriesEnd(series.startOn)) return new DomainError("tele:links.series.errors.tooLong", { field: "endOn", params: { years: MAX_SERIES_YEARS } });
  if (occurrences(series, series.startOn, 1).length === 0) return new DomainError("tele:links.series.errors.noOccurrence", { field: "weekday" });
  return null;
}
