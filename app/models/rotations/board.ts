// Periods and views of the rotation board: pure, shared by the server query and the page.
import { addDaysIso, addMonthsIso, type DateRange } from "~/models/dates";
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
