// Pure rules of the adoption ledger: the order of a facility × technique's dated events and
// the state they replay to (cross-level is one of the level rules, ~/models/catalogue/levels). No clock, no database: `today` is an argument.
import { sql, type SQL } from "drizzle-orm";
import type { AdoptionEventKind, ListRequestLineStatus, ListRequestStatus } from "~/models/enums";

export type LedgerEvent = { kind: AdoptionEventKind; eventOn: string };

/** Same-day events replay in this order: a technique can start and be approved on one day. */
const KIND_ORDER: Record<AdoptionEventKind, number> = { started: 0, approved: 1, suspended: 2, resumed: 3 };

/** Events in replay order: by date, then by kind on the same day (stable otherwise). */
export function sortLedgerEvents<T extends LedgerEvent>(events: readonly T[]): T[] {
  return [...events].sort((a, b) =>
    a.eventOn === b.eventOn ? KIND_ORDER[a.kind] - KIND_ORDER[b.kind] : a.eventOn < b.eventOn ? -1 : 1,
  );
}

export type LedgerState = {
  started: boolean;
  approved: boolean;
  /** Performed now: started and not suspended. */
  active: boolean;
};

export type OrderViolation =
  | "notStarted" // approved / suspended / resumed before any started event
  | "alreadyStarted" // a second started event
  | "alreadyApproved" // a second approval
  | "notActive" // suspended while already suspended
  | "notSuspended"; // resumed while active

/**
 * Replays the events of one facility × technique in date order and returns the first
 * violation: started comes first and once; approval after (or on the day of) the start;
 * suspended only while active; resumed only while suspended.
 */
export function findOrderViolation(events: readonly LedgerEvent[]): OrderViolation | null {
  const state: LedgerState = { started: false, approved: false, active: false };
  for (const event of sortLedgerEvents(events)) {
    const violation = applyEvent(state, event.kind);
    if (violation) return violation;
  }
  return null;
}

/** Applies one event to the state in place; returns the violation instead when it does not fit. */
function applyEvent(state: LedgerState, kind: AdoptionEventKind): OrderViolation | null {
  switch (kind) {
    case "started":
      if (state.started) return "alreadyStarted";
      state.started = true;
      state.active = true;
      return null;
    case "approved":
      if (!state.started) return "notStarted";
      if (state.approved) return "alreadyApproved";
      state.approved = true;
      return null;
    case "suspended":
      if (!state.started) return "notStarted";
      if (!state.active) return "notActive";
      state.active = false;
      return null;
    case "resumed":
      if (!state.started) return "notStarted";
      if (state.active) return "notSuspended";
      state.active = true;
      return null;
  }
}

/** The state of one facility × technique on `date` (events dated after it are ignored). */
export function ledgerStateOn(events: readonly LedgerEvent[], date: string): LedgerState {
  const state: LedgerState = { started: false, approved: false, active: false };
  for (const event of sortLedgerEvents(events)) {
    if (event.eventOn > date) break;
    applyEvent(state, event.kind);
  }
  return state;
}

/** Performed on `date`: started by then and not inside one of its suspensions. */
export function isPerformedOn(events: readonly LedgerEvent[], date: string): boolean {
  return ledgerStateOn(events, date).active;
}

/**
 * The day the suspension event `x` ended: its pair's first resumption on or after it (a
 * resumption on the same day replays after the suspension); null while still suspended.
 * The ledger's order rules make suspensions and resumptions alternate, so a pair is not
 * performed exactly on the days [x.event_on, this day) of its suspensions.
 */
export function resumedOnSql(): SQL {
  return sql`(select min(y.event_on) from adoption_events y
    where y.facility_id = x.facility_id and y.technique_id = x.technique_id
      and y.kind = 'resumed' and y.event_on >= x.event_on)`;
}

/**
 * True when the pair `p` is performed on `dateSql` (on or before the report date): started by
 * then and inside none of its suspensions. Pairs not suspended by then skip the look-up.
 */
export function performedOnSql(dateSql: SQL): SQL {
  return sql`(p.started_on <= ${dateSql} and (p.suspended_on is null or p.suspended_on > ${dateSql} or not exists (
    select 1 from adoption_events x
    where x.facility_id = p.facility_id and x.technique_id = p.technique_id
      and x.kind = 'suspended' and x.event_on <= ${dateSql}
      and coalesce(${resumedOnSql()} > ${dateSql}, 1))))`;
}

export type DateViolation = "invalidDate" | "futureDate" | "beforeFacilityOpened";

/** An event date must be a real calendar date, not after today, not before the facility opened. */
export function findDateViolation(
  eventOn: string,
  today: string,
  facilityOpenedOn: string | null | undefined,
): DateViolation | null {
  if (!isCalendarDate(eventOn)) return "invalidDate";
  if (eventOn > today) return "futureDate";
  if (facilityOpenedOn && eventOn < facilityOpenedOn) return "beforeFacilityOpened";
  return null;
}

/** A real `yyyy-MM-dd` calendar date (2025-02-29 is not); fast enough for million-row imports. */
export function isCalendarDate(value: unknown): value is string {
  if (typeof value !== "string" || !/^\d{4}-\d{2}-\d{2}$/.test(value)) return false;
  const date = new Date(`${value}T00:00:00Z`);
  return !Number.isNaN(date.getTime()) && date.toISOString().slice(0, 10) === value;
}

/** Report years run from the baseline year to the report year, inclusive; the baseline must not be later. */
export function reportYears(baselineYear: number, reportYear: number): number[] {
  if (baselineYear > reportYear) return [];
  return Array.from({ length: reportYear - baselineYear + 1 }, (_, i) => baselineYear + i);
}

/** Achievement as a share of the target (56 of 54 -> 1.037…); null when the target is not positive. */
export function achievementShare(value: number, targetValue: number): number | null {
  if (!(targetValue > 0)) return null;
  return value / targetValue;
}

/**
 * A date cell of a ledger file as `yyyy-MM-dd`: day/month/year as Vietnamese sheets write it
 * (15/03/2025; also 15-03-2025 and 15.03.2025) or year-month-day (2025-03-15; XLSX date cells
 * arrive in this form). Null when unreadable or not a calendar date (31/02/2025).
 */
export function readLedgerDate(cell: string): string | null {
  const text = cell.trim();
  let iso: string | null = null;
  const dmy = /^(\d{1,2})[/.-](\d{1,2})[/.-](\d{4})$/.exec(text);
  const ymd = /^(\d{4})-(\d{1,2})-(\d{1,2})$/.exec(text);
  if (dmy) iso = `${dmy[3]}-${dmy[2].padStart(2, "0")}-${dmy[1].padStart(2, "0")}`;
  else if (ymd) iso = `${ymd[1]}-${ymd[2].padStart(2, "0")}-${ymd[3].padStart(2, "0")}`;
  return iso !== null && isCalendarDate(iso) ? iso : null;
}

/**
 * The instant a request's status is dated by: a decided request (approved or returned) by its
 * decision, not by its submission; a waiting one by its latest submission.
 */
export function requestStatusInstant(request: { status: ListRequestStatus; submittedAt: string | null; decidedAt: string | null }): string | null {
  return request.status === "approved" || request.status === "returned" ? (request.decidedAt ?? request.submittedAt) : request.submittedAt;
}

/**
 * A request's status follows from its lines: waiting while any line waits; otherwise returned
 * when any line was returned (the facility has lines to correct), approved when all were.
 */
export function requestStatusFromLines(lines: readonly { status: ListRequestLineStatus }[]): ListRequestStatus {
  if (lines.length === 0 || lines.some((l) => l.status === "pending")) return "submitted";
  return lines.some((l) => l.status === "returned") ? "returned" : "approved";
}
