// Pure rules of an agreement: parties and roles, term, status transitions, the derived
// "expiring" status. No clock, no database: `today` is an argument.
import { addDaysIso } from "~/models/dates";
import { OPEN_AGREEMENT_STATUSES, type AgreementStatus, type AgreementType, type PartyRole } from "~/models/enums";

export type PartyInput = { facilityId: number; role: PartyRole | null };

/** Translation key and form field of the first problem with the parties, or null. */
export type PartiesProblem = { key: string; field: string } | null;

/**
 * Every party has a role and appears once. Domestic agreements need at least one supporting
 * and one receiving party. International (cross-border) agreements may be a mutual exchange
 * between coordinating parties only, but still need two parties; when they do hand over
 * techniques they name supporting and receiving parties like any other agreement.
 */
export function checkParties(type: AgreementType, parties: PartyInput[]): PartiesProblem {
  for (let i = 0; i < parties.length; i++) {
    if (!parties[i].role) return { key: "agreements:errors.partyRoleMissing", field: `parties[${i}].role` };
  }
  const seen = new Set<number>();
  for (let i = 0; i < parties.length; i++) {
    if (seen.has(parties[i].facilityId)) return { key: "agreements:errors.partyTwice", field: `parties[${i}].facilityCode` };
    seen.add(parties[i].facilityId);
  }
  if (parties.length < 2) return { key: "agreements:errors.partiesTooFew", field: "parties" };
  const roles = new Set(parties.map((p) => p.role));
  if (type === "international" && !roles.has("supporting") && !roles.has("receiving")) return null;
  if (!roles.has("supporting") || !roles.has("receiving")) {
    return { key: "agreements:errors.partiesNeedBothSides", field: "parties" };
  }
  return null;
}

/** End on or after start; an open-ended agreement has no end. */
export function termIsValid(startOn: string, endOn: string | null): boolean {
  return endOn === null || endOn >= startOn;
}

const TRANSITIONS: Record<AgreementStatus, readonly AgreementStatus[]> = {
  draft: ["active"],
  active: ["ended", "terminated"],
  ended: [],
  terminated: [],
};

export function canTransition(from: AgreementStatus, to: AgreementStatus): boolean {
  return TRANSITIONS[from].includes(to);
}

export function allowedTransitions(from: AgreementStatus): readonly AgreementStatus[] {
  return TRANSITIONS[from];
}

/** Drafts and active agreements can be edited and their plans changed; closed ones are records. */
export function isOpen(status: AgreementStatus): boolean {
  return (OPEN_AGREEMENT_STATUSES as readonly AgreementStatus[]).includes(status);
}

export const DEFAULT_EXPIRING_DAYS = 90;

/** Active, with an end date from today up to `days` days ahead (inclusive). */
export function isExpiring(
  agreement: { status: AgreementStatus; endOn: string | null },
  today: string,
  days = DEFAULT_EXPIRING_DAYS,
): boolean {
  return (
    agreement.status === "active" &&
    agreement.endOn !== null &&
    agreement.endOn >= today &&
    agreement.endOn <= addDaysIso(today, days)
  );
}

export type DisplayStatus = AgreementStatus | "expiring";

export function displayStatus(
  agreement: { status: AgreementStatus; endOn: string | null },
  today: string,
  days = DEFAULT_EXPIRING_DAYS,
): DisplayStatus {
  return isExpiring(agreement, today, days) ? "expiring" : agreement.status;
}

/** Renewal is offered for active and ended agreements that have no successor yet. */
export function canRenew(agreement: { status: AgreementStatus }, hasSuccessor: boolean): boolean {
  return !hasSuccessor && (agreement.status === "active" || agreement.status === "ended");
}
