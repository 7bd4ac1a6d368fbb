// Skill decay: a technique a facility accepted from a partner fades when nobody performs it.
// Pure rules (no clock, no database): the threshold that applies to a chapter in a province and
// whether a pair's last activity lies beyond it.
import { addMonthsIso } from "~/models/dates";

/** Months without a case after which an accepted technique raises an alert, unless the province's department sets its own for the chapter. */
export const DEFAULT_DECAY_MONTHS = 6;
/** A threshold is whole months in this range: 0 would flag everything, beyond five years nothing. */
export const MIN_DECAY_MONTHS = 1;
export const MAX_DECAY_MONTHS = 60;

/** The months that apply to a chapter, given the province's own settings by chapter. */
export function decayMonthsFor(chapterNumber: number, thresholds: ReadonlyMap<number, number>): number {
  return thresholds.get(chapterNumber) ?? DEFAULT_DECAY_MONTHS;
}

/** The last day of activity that still counts as current on `today`: anything before it has decayed. */
export function decayCutoff(today: string, months: number): string {
  return addMonthsIso(today, -months);
}

/**
 * A pair decays when its last activity (the acceptance, or the latest case logged after it)
 * lies before the cutoff. The acceptance itself counts: a technique accepted last month has not
 * decayed even with no case yet.
 */
export function hasDecayed(input: { acceptedOn: string; lastCaseOn: string | null }, today: string, months: number): boolean {
  return lastActivity(input) < decayCutoff(today, months);
}

export function lastActivity(input: { acceptedOn: string; lastCaseOn: string | null }): string {
  return input.lastCaseOn !== null && input.lastCaseOn > input.acceptedOn ? input.lastCaseOn : input.acceptedOn;
}

/** Whole months since the last activity (for display: "no case for 8 months"). */
export function monthsIdle(input: { acceptedOn: string; lastCaseOn: string | null }, today: string): number {
  const from = lastActivity(input);
  const [fy, fm, fd] = from.split("-").map(Number);
  const [ty, tm, td] = today.split("-").map(Number);
  return Math.max(0, (ty - fy) * 12 + (tm - fm) - (td < fd ? 1 : 0));
}
