// Pure rules of Project 1816 rotations. No clock, no database: callers pass
// `today`, the loaded facts and the proposed rotation. Each rule returns the DomainError it
// would raise (or null), so the form, the board and the suggestions read the same verdicts.
import { isOpen } from "~/models/agreements/rules";
import { addDaysIso, addMonthsIso, DAYS_PER_MONTH, isIsoDate, lastsAtLeastMonths, type DateRange } from "~/models/dates";
import { deliversCare, type AgreementStatus, type FacilityKind, type Level, type PartyRole, type RotationDisplayStatus, type RotationStatus } from "~/models/enums";
import { ConflictError, DomainError } from "~/models/errors";
import { isHigherLevel } from "~/models/catalogue/levels";

/** Decision 1816: a rotation lasts at least three months unless the agreement says otherwise. */
export const DEFAULT_MIN_ROTATION_MONTHS = 3;
/** Decision 1816 quota guide: one rotating staff member per 50 planned beds. */
export const BEDS_PER_ABSENCE = 50;

/**
 * The window the suggestions page proposes before the user picks one: the form's default
 * length, starting a month from today (time to confirm and hand over before leaving).
 */
export function defaultSuggestionWindow(today: string): DateRange {
  const start = addDaysIso(today, 30);
  return { start, end: addDaysIso(addMonthsIso(start, DEFAULT_MIN_ROTATION_MONTHS), -1) };
}

/** "in_progress" is derived: a confirmed rotation whose dates include today. */
export function displayStatus(
  rotation: { status: RotationStatus; startOn: string; endOn: string },
  today: string,
): RotationDisplayStatus {
  if (rotation.status === "confirmed" && rotation.startOn <= today && today <= rotation.endOn) {
    return "in_progress";
  }
  return rotation.status;
}

const TRANSITIONS: Record<RotationStatus, readonly RotationStatus[]> = {
  planned: ["confirmed", "cancelled"],
  confirmed: ["completed", "cancelled"],
  completed: [],
  cancelled: [],
};

export function allowedTransitions(status: RotationStatus): readonly RotationStatus[] {
  return TRANSITIONS[status];
}

/**
 * A status change, refused when the order forbids it, when the rotation is already in that
 * status (a second click on "cancel"), or when completion comes before the last day: the
 * end-of-rotation report closes a rotation that has run its course. A rotation cut short
 * gets its end date moved first, so the board and the delivered person-months stay true.
 */
export function checkTransition(
  rotation: { status: RotationStatus; endOn: string },
  to: RotationStatus,
  today: string,
): DomainError | null {
  if (rotation.status === to) {
    return new ConflictError("rotations:errors.alreadyInStatus", { params: { status: to } });
  }
  if (!TRANSITIONS[rotation.status].includes(to)) {
    return new ConflictError("rotations:errors.transition", { params: { from: rotation.status, to } });
  }
  if (to === "completed" && today < rotation.endOn) {
    return new ConflictError("rotations:errors.completeBeforeEnd", { params: { end: rotation.endOn } });
  }
  return null;
}

/**
 * The end-of-rotation report: filing it completes a confirmed rotation from its last day on;
 * a completed rotation's report can be corrected.
 */
export function checkReport(rotation: { status: RotationStatus; endOn: string }, today: string): DomainError | null {
  return rotation.status === "completed" ? null : checkTransition(rotation, "completed", today);
}

/** Only planned and confirmed rotations are edited; completed and cancelled ones are records. */
export function checkEditable(rotation: { status: RotationStatus }): DomainError | null {
  return rotation.status === "completed" || rotation.status === "cancelled"
    ? new ConflictError("rotations:errors.notEditable", { params: { status: rotation.status } })
    : null;
}

/** What a rotation needs to know of the agreement it is made under. */
export type AgreementTerm = {
  number: string;
  status: AgreementStatus;
  startOn: string;
  /** Null for an open-ended agreement. */
  endOn: string | null;
  parties: readonly { facilityId: number; role: PartyRole }[];
};

/**
 * A rotation under an agreement: the agreement is open (a draft or active; an ended or
 * terminated one is a record), the sending facility is one of its supporting parties and the
 * receiving facility one of its receiving parties, and the rotation lies within its term
 * (start to end, inclusive; an open-ended term has no last day).
 */
export function checkAgreement(
  agreement: AgreementTerm,
  rotation: { fromFacilityId: number; toFacilityId: number; startOn: string; endOn: string },
): DomainError | null {
  const number = agreement.number;
  if (!isOpen(agreement.status)) {
    return new DomainError("rotations:errors.agreementClosed", { field: "agreementId", params: { number, status: agreement.status } });
  }
  const role = (facilityId: number) => agreement.parties.find((p) => p.facilityId === facilityId)?.role ?? null;
  if (role(rotation.fromFacilityId) !== "supporting") {
    return new DomainError("rotations:errors.agreementSender", { field: "agreementId", params: { number } });
  }
  if (role(rotation.toFacilityId) !== "receiving") {
    return new DomainError("rotations:errors.agreementReceiver", { field: "agreementId", params: { number } });
  }
  const outside = (field: "startOn" | "endOn") =>
    agreement.endOn === null
      ? new DomainError("rotations:errors.beforeOpenTerm", { field, params: { number, start: agreement.startOn } })
      : new DomainError("rotations:errors.outsideTerm", { field, params: { number, start: agreement.startOn, end: agreement.endOn } });
  if (rotation.startOn < agreement.startOn) return outside("startOn");
  if (agreement.endOn !== null && rotation.endOn > agreement.endOn) return outside("endOn");
  return null;
}

/** Strict calendar dates (2026-02-30 is refused) and end on or after start. */
export function checkDates(range: { start: string; end: string }): DomainError | null {
  if (!isIsoDate(range.start)) return new DomainError("common:validation.invalidDate", { field: "startOn" });
  if (!isIsoDate(range.end)) return new DomainError("common:validation.invalidDate", { field: "endOn" });
  if (range.end < range.start) return new DomainError("common:validation.endBeforeStart", { field: "endOn" });
  return null;
}

export function checkFacilities(fromFacilityId: number, toFacilityId: number): DomainError | null {
  return fromFacilityId === toFacilityId
    ? new DomainError("rotations:errors.sameFacility", { field: "toFacilityId" })
    : null;
}

/** One end of a placement: the facility's kind and its current care level (null for non-care bodies). */
export type PlacementEnd = { kind: FacilityKind; level: Level | null };

/** A facility that can receive rotating staff: one that delivers care (never a health department). */
export function canReceiveRotation(to: Pick<PlacementEnd, "kind">): boolean {
  return deliversCare(to.kind);
}

/** Project 1816's own direction: from an upper level to a lower one (A=1 … D=4). */
export function isDownward(from: PlacementEnd, to: PlacementEnd): boolean {
  return from.level !== null && to.level !== null && isHigherLevel(from.level, to.level);
}

/**
 * The destination delivers care, and a placement that is not downward (upward, or between
 * facilities of one level) states its purpose, e.g. training at the upper hospital.
 */
export function checkDirection(from: PlacementEnd, to: PlacementEnd, directionPurpose: string | null): DomainError | null {
  if (!canReceiveRotation(to)) return new DomainError("rotations:errors.notCareDestination", { field: "toFacilityId" });
  if (isDownward(from, to) || directionPurpose?.trim()) return null;
  return new DomainError("rotations:errors.directionPurpose", { field: "directionPurpose" });
}

/**
 * A rotation shorter than the agreement's minimum (default three months) is refused unless
 * it is marked short-term support and gives a reason.
 */
export function checkMinimumLength(
  range: DateRange,
  input: { minMonths: number | null; shortTerm: boolean; shortTermReason: string | null },
): DomainError | null {
  const months = input.minMonths ?? DEFAULT_MIN_ROTATION_MONTHS;
  if (lastsAtLeastMonths(range, months)) return null;
  if (!input.shortTerm) {
    return new DomainError("rotations:errors.tooShort", { field: "endOn", params: { months } });
  }
  if (!input.shortTermReason?.trim()) {
    return new DomainError("rotations:errors.shortTermReason", { field: "shortTermReason" });
  }
  return null;
}

/** The person must perform every technique they are sent to transfer independently. */
export function checkTechniques(
  required: readonly { techniqueId: number; code: string; name: string }[],
  performed: ReadonlySet<number>,
): DomainError | null {
  const missing = required.find((t) => !performed.has(t.techniqueId));
  return missing
    ? new DomainError("rotations:errors.techniqueNotPerformed", {
        field: "transferItemIds",
        params: { code: missing.code, name: missing.name },
      })
    : null;
}

/** Concurrent absences a facility allows: its own setting, else 1 per 50 beds, at least 1. */
export function absenceLimit(facility: { absenceLimit: number | null; beds: number }): number {
  if (facility.absenceLimit !== null && facility.absenceLimit !== undefined) return facility.absenceLimit;
  return Math.max(1, Math.floor(facility.beds / BEDS_PER_ABSENCE));
}

/**
 * The most absences on any one day of `window`, from the given (inclusive) ranges. A sweep
 * over start and end+1 events: O(n log n) whatever the window's length.
 */
export function peakConcurrent(ranges: readonly DateRange[], window: DateRange): number {
  const events: [string, number][] = [];
  for (const r of ranges) {
    const start = r.start > window.start ? r.start : window.start;
    const end = r.end < window.end ? r.end : window.end;
    if (start > end) continue;
    events.push([start, 1]);
    // "end~" sorts after "end" and before the next day: the leave happens after the day ends.
    events.push([`${end}~`, -1]);
  }
  events.sort((a, b) => (a[0] < b[0] ? -1 : a[0] > b[0] ? 1 : b[1] - a[1]));
  let current = 0;
  let peak = 0;
  for (const [, delta] of events) {
    current += delta;
    if (current > peak) peak = current;
  }
  return peak;
}

/**
 * The sending facility stays staffed: with this rotation its concurrent absences stay within
 * its limit, or the trainer overrides the limit explicitly with a reason (recorded).
 */
export function checkAbsenceLimit(input: {
  othersAway: readonly DateRange[];
  range: DateRange;
  limit: number;
  override: boolean;
  overrideReason: string | null;
}): DomainError | null {
  const peak = peakConcurrent(input.othersAway, input.range) + 1;
  if (peak <= input.limit) return null;
  if (!input.override) {
    return new ConflictError("rotations:errors.absenceLimit", {
      field: "limitOverride",
      params: { limit: input.limit, peak },
    });
  }
  if (!input.overrideReason?.trim()) {
    return new DomainError("rotations:errors.overrideReason", { field: "limitOverrideReason" });
  }
  return null;
}

/** Throws the first violation of a list of rule verdicts. */
export function throwFirst(...verdicts: (DomainError | null)[]): void {
  const first = verdicts.find((v) => v !== null);
  if (first) throw first;
}

/** Person-months of an inclusive range (DAYS_PER_MONTH days a month), the unit of the reports. */
export function personMonths(days: number): number {
  return days / DAYS_PER_MONTH;
}
