// Pure rules of remote sessions (no clock, no database): duration bounds, the date a session may
// carry, which side a participant belongs to, what a plan line must share with the session, and
// which outcomes count as resolved locally. The server module applies them inside its writes.
import { RESOLVED_LOCALLY_OUTCOMES, type TeleOutcome, type TeleSessionKind, type TeleSide } from "~/models/enums";
import { DomainError } from "~/models/errors";

/** Shortest and longest session a form accepts, in minutes (a quick case to a day of teaching). */
export const MIN_DURATION_MINUTES = 5;
export const MAX_DURATION_MINUTES = 600;

/** Local start time "HH:MM", 00:00–23:59. */
export const START_TIME_PATTERN = /^([01]\d|2[0-3]):[0-5]\d$/;

export function isValidDuration(minutes: number): boolean {
  return Number.isInteger(minutes) && minutes >= MIN_DURATION_MINUTES && minutes <= MAX_DURATION_MINUTES;
}

/** A consultation reports a case already discussed: never dated after today. Training may be entered ahead. */
export function checkSessionDate(kind: TeleSessionKind, heldOn: string, today: string): DomainError | null {
  if (kind === "consultation" && heldOn > today) return new DomainError("tele:sessions.errors.future", { field: "heldOn" });
  return null;
}

/** Whether a consultation's outcome kept the patient at the spoke (advice only or treated locally). */
export function isResolvedLocally(outcome: TeleOutcome | null | undefined): boolean {
  return outcome != null && (RESOLVED_LOCALLY_OUTCOMES as readonly string[]).includes(outcome);
}

export type ParticipantCheck = { side: TeleSide; staffFacilityId: number; listedFacilityId: number };

/**
 * A staff member listed on a side belongs to a facility of that side: the hub's staff on the hub
 * side, a spoke's on the spoke side, and the facility recorded is the person's own.
 */
export function participantOnItsSide(p: ParticipantCheck, hubFacilityId: number, spokeFacilityIds: readonly number[]): boolean {
  if (p.staffFacilityId !== p.listedFacilityId) return false;
  return p.side === "hub" ? p.staffFacilityId === hubFacilityId : spokeFacilityIds.includes(p.staffFacilityId);
}

export type PlanLineLike = { fromFacilityId: number; toFacilityId: number; techniqueId: number };

/**
 * A plan line named on a session runs from its hub to one of its spokes, and teaches the
 * session's technique when the session names one. Returns the refusal, or null.
 */
export function checkPlanLine(line: PlanLineLike, session: { hubFacilityId: number; spokeFacilityIds: readonly number[]; techniqueId: number | null }): DomainError | null {
  if (line.fromFacilityId !== session.hubFacilityId || !session.spokeFacilityIds.includes(line.toFacilityId)) {
    return new DomainError("tele:sessions.errors.lineNotBetween", { field: "transferItemId" });
  }
  if (session.techniqueId !== null && session.techniqueId !== line.techniqueId) {
    return new DomainError("tele:sessions.errors.lineTechnique", { field: "transferItemId" });
  }
  return null;
}

/** Names typed one per line (or separated by ";"), trimmed, blanks and repeats dropped. */
export function namesFromText(text: string | null | undefined, max = 50): string[] {
  if (!text) return [];
  const seen = new Set<string>();
  for (const raw of text.split(/[\n;]/)) {
    const name = raw.trim().slice(0, 200);
    if (name) seen.add(name);
  }
  return [...seen].slice(0, max);
}
