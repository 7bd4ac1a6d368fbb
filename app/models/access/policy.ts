// The one access-control module: who may read and change what. Pure functions of the actor
// and the record's owning facility / province, used by the model queries (to filter) and by
// the model commands (to refuse). Routes never decide access themselves.
import type { Role } from "~/models/enums";

/** The signed-in user as the rules see them. The session decides these fields, never the form. */
export type Actor = {
  userId: number;
  role: Role;
  /** Own facility: directors, trainers and viewers. */
  facilityId: number | null;
  /** Own province: department officers (the facility's province for facility roles). */
  provinceCode: string | null;
};

/** Things a user can do, grouped by the records they touch. */
export type Capability =
  | "catalogue.manage" // import the national catalogue
  | "facilities.manage" // the facility registry and its dated classifications (department: its province)
  | "users.manage" // accounts, roles, sessions, role policies
  | "audit.read" // the audit trail
  | "audit.verify" // check the audit trail's hash chain (the whole trail, every province)
  | "agreements.manage" // agreements, parties, documents, meetings, transfer items, acceptances
  | "staff.manage" // staff registry of a facility
  | "rotations.manage" // rotations of a facility's staff
  | "courses.manage" // courses hosted by a facility, enrolments, attendance
  | "enrolments.request" // request and withdraw course seats for a facility's own staff
  | "credits.manage" // credit-hour entries of a facility's own staff
  | "caseLogs.manage" // supervised-case logs of transfer items
  | "techniqueList.submit" // a facility submits additions to its technique list
  | "techniqueList.approve" // the department approves or returns them
  | "adoption.manage" // a facility's adoption ledger entries
  | "adoption.import" // import a ledger file (department: its province's facilities; director: its own)
  | "targets.manage"; // targets and counted milestones

const ROLE_CAPABILITIES: Record<Role, readonly Capability[]> = {
  admin: [
    "catalogue.manage",
    "facilities.manage",
    "users.manage",
    "audit.read",
    "audit.verify",
    "agreements.manage",
    "staff.manage",
    "rotations.manage",
    "courses.manage",
    "enrolments.request",
    "credits.manage",
    "caseLogs.manage",
    "techniqueList.submit",
    "techniqueList.approve",
    "adoption.manage",
    "adoption.import",
    "targets.manage",
  ],
  department: ["audit.read", "facilities.manage", "techniqueList.approve", "adoption.import", "targets.manage"],
  director: [
    "agreements.manage",
    "staff.manage",
    "caseLogs.manage",
    "techniqueList.submit",
    "adoption.manage",
    "adoption.import",
    "enrolments.request",
    "credits.manage",
  ],
  trainer: ["rotations.manage", "courses.manage", "caseLogs.manage", "enrolments.request", "credits.manage"],
  viewer: [],
};

export function hasCapability(actor: Actor, capability: Capability): boolean {
  return ROLE_CAPABILITIES[actor.role].includes(capability);
}

/** The table in the README is generated from this. */
export function capabilityTable(): Record<Role, readonly Capability[]> {
  return ROLE_CAPABILITIES;
}

/** Where a record lives: its owning facility and that facility's province. */
export type RecordScope = { facilityId: number | null; provinceCode: string | null };

/**
 * Read scope. Administrators read everything; department officers read every record of a
 * facility in their province; facility roles read the records of their own facility.
 * Records with several facilities (agreements, rotations) are readable when any one is.
 */
export function canRead(actor: Actor, scopes: RecordScope | RecordScope[]): boolean {
  const list = Array.isArray(scopes) ? scopes : [scopes];
  if (actor.role === "admin") return true;
  if (actor.role === "department") {
    return actor.provinceCode !== null && list.some((s) => s.provinceCode === actor.provinceCode);
  }
  return actor.facilityId !== null && list.some((s) => s.facilityId === actor.facilityId);
}

/**
 * Whether a person's own pages (the staff record, the credit-hour ledger) open for the actor:
 * both read the person's facility. Pages that name people of several facilities (a course's
 * trainees, visiting staff on a rotation) link a name only when this holds.
 */
export function canOpenPerson(actor: Actor, personScope: RecordScope): boolean {
  return canRead(actor, personScope);
}

/**
 * Change scope: the capability, and the record belongs to the actor's own facility (province
 * for department capabilities). Administrators change anything.
 */
export function canChange(actor: Actor, capability: Capability, scope: RecordScope): boolean {
  if (!hasCapability(actor, capability)) return false;
  if (actor.role === "admin") return true;
  if (actor.role === "department") return actor.provinceCode !== null && scope.provinceCode === actor.provinceCode;
  return actor.facilityId !== null && scope.facilityId === actor.facilityId;
}

/**
 * The facility filter a list query applies: `all` (no filter), the facilities of one
 * province, or exactly one facility. Model queries turn this into a WHERE clause so that a
 * page cannot show what its user may not read.
 */
export type ReadFilter =
  | { kind: "all" }
  | { kind: "province"; provinceCode: string }
  | { kind: "facility"; facilityId: number }
  | { kind: "none" };

export function readFilter(actor: Actor): ReadFilter {
  if (actor.role === "admin") return { kind: "all" };
  if (actor.role === "department") {
    return actor.provinceCode ? { kind: "province", provinceCode: actor.provinceCode } : { kind: "none" };
  }
  return actor.facilityId ? { kind: "facility", facilityId: actor.facilityId } : { kind: "none" };
}

/**
 * The facilities the actor may register, edit and reclassify: `all` for administrators, the
 * facilities of its province for a department officer, none for anyone else. Model queries
 * turn this into SQL (the batch reclassification lists only these).
 */
export function manageFilter(actor: Actor, capability: Capability): ReadFilter {
  if (!hasCapability(actor, capability)) return { kind: "none" };
  if (actor.role === "admin") return { kind: "all" };
  if (actor.role === "department") {
    return actor.provinceCode ? { kind: "province", provinceCode: actor.provinceCode } : { kind: "none" };
  }
  return actor.facilityId ? { kind: "facility", facilityId: actor.facilityId } : { kind: "none" };
}

/** The one province an actor's changes under `capability` are confined to (department officers), or null. */
export function managedProvince(actor: Actor, capability: Capability): string | null {
  const filter = manageFilter(actor, capability);
  return filter.kind === "province" ? filter.provinceCode : null;
}

/**
 * What an imported row with a department decision (number and date) becomes: official (an
 * "approved" ledger event) when the importer approves technique lists, a list request awaiting
 * that approval when the importer only submits them, nothing otherwise.
 */
export function importedDecisionEffect(actor: Actor): "official" | "request" | null {
  if (hasCapability(actor, "techniqueList.approve")) return "official";
  if (hasCapability(actor, "techniqueList.submit")) return "request";
  return null;
}
