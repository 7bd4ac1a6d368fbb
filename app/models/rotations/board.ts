// Periods and views of the rotation board: pure, shared by the server query and the page.
import { addDaysIso, addMonthsIso, daysInclusive, type DateRange } from "~/models/dates";
import type { Cadre, RotationDisplayStatus } from "~/models/enums";

export const BOARD_PERIODS = ["month", "quarter", "year"] as const;
export type BoardPeriod = (typeof BOARD_PERIODS)[number];
export const BOARD_VIEWS = ["person", "facility"] as const;
export type BoardView = (typeof BOARD_VIEWS)[number];

export type BoardFilters = {
  view: BoardView;
  period: BoardPeriod;
  /** First day of the period (normalised to the month, quarter or year start). */
  start: string;
  q: string;
  status: RotationDisplayStatus | null;
  facilityId: number | null;
  cadre: Cadre | null;
};

/** The first day of the period containing `date`. */
export function periodStart(date: string, period: BoardPeriod): string {
  const [y, m] = date.split("-").map(Number);
  if (period === "year") return `${y}-01-01`;
  const month = period === "quarter" ? Math.floor((m - 1) / 3) * 3 + 1 : m;
  return `${y}-${String(month).padStart(2, "0")}-01`;
}

/** The inclusive window of a period starting on `start`. */
export function periodWindow(start: string, period: BoardPeriod): DateRange {
  const months = period === "year" ? 12 : period === "quarter" ? 3 : 1;
  return { start, end: addDaysIso(addMonthsIso(start, months), -1) };
}

export function shiftPeriod(start: string, period: BoardPeriod, steps: number): string {
  const months = period === "year" ? 12 : period === "quarter" ? 3 : 1;
  return addMonthsIso(start, months * steps);
}

/** Days as a percent of the window's width, to three decimals. */
export const pct = (days: number, total: number) => Math.round((days / total) * 100_000) / 1000;

/**
 * Where a rotation's bar sits in the window, in percent of its width: the part inside the
 * window only (a rotation that began before it starts at its left edge). Null when the
 * rotation lies outside the window. The server places bars with it and the page moves a
 * dragged bar with it, so both draw the same dates at the same place.
 */
export function barPlacement(range: DateRange, window: DateRange): { left: number; width: number } | null {
  if (range.end < window.start || range.start > window.end) return null;
  const total = daysInclusive(window);
  const start = range.start > window.start ? range.start : window.start;
  const end = range.end < window.end ? range.end : window.end;
  return { left: pct(daysInclusive({ start: window.start, end: start }) - 1, total), width: pct(daysInclusive({ start, end }), total) };
}

/** What a drag takes hold of: the whole bar, or one of its ends. */
export type DragHandle = "move" | "start" | "end";
/**
 * The step a dragged bar snaps to, the unit the board draws: days when a month or a quarter
 * is shown (several pixels a day), whole months on the year view, whose scale is the months.
 */
export type DragUnit = "day" | "month";

export function dragUnit(period: BoardPeriod): DragUnit {
  return period === "year" ? "month" : "day";
}

/** Whole units (rounded to the nearest) a pointer moved across a timeline `trackWidth` pixels wide. */
export function dragSteps(dx: number, trackWidth: number, window: DateRange, unit: DragUnit): number {
  if (!(trackWidth > 0)) return 0;
  const units = unit === "day" ? daysInclusive(window) : monthsInWindow(window);
  const steps = Math.round((dx / trackWidth) * units);
  return steps === 0 ? 0 : steps; // never -0
}

function monthsInWindow(window: DateRange): number {
  const [ys, ms] = window.start.split("-").map(Number);
  const [ye, me] = window.end.split("-").map(Number);
  return (ye - ys) * 12 + (me - ms) + 1;
}

/**
 * The dates a drag proposes. Moving shifts both ends by the same steps; dragging an end moves
 * that end only and never past the other one (the rules, not the drag, judge the length).
 * By months, the end moves as "the day before the next start", so a rotation ending on a
 * month's last day still ends on a month's last day (31 Mar + 1 month is 30 Apr).
 */
export function draggedRange(range: DateRange, handle: DragHandle, steps: number, unit: DragUnit): DateRange {
  if (steps === 0) return range;
  const shiftStart = (date: string) => (unit === "day" ? addDaysIso(date, steps) : addMonthsIso(date, steps));
  const shiftEnd = (date: string) => (unit === "day" ? addDaysIso(date, steps) : addDaysIso(addMonthsIso(addDaysIso(date, 1), steps), -1));
  if (handle === "move") return { start: shiftStart(range.start), end: shiftEnd(range.end) };
  if (handle === "start") {
    const start = shiftStart(range.start);
    return { start: start > range.end ? range.end : start, end: range.end };
  }
  const end = shiftEnd(range.end);
  return { start: range.start, end: end < range.start ? range.start : end };
}
