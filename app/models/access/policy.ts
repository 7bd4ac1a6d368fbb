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
  | "credits.overview" // the credit-hour overview of a facility's staff, offered from the course list
  | "caseLogs.manage" // supervised-case logs of transfer items
  | "techniqueList.submit" // a facility submits additions to its technique list
  | "techniqueList.approve" // the department approves or returns them
  | "adoption.manage" // a facility's adoption ledger entries
  | "adoption.import" // import a ledger file (department: its province's facilities; director: its own)
  | "targets.manage" // targets and counted milestones
  | "planning.configure" // a province's skill-decay thresholds and its hospitals' Project 1816 quotas
  | "telehealth.manage"; // a hub's links to its spokes, schedules and remote sessions (hub or spoke side)

/**
 * Every role in one table: how far it reaches, what it may do, and the few facts about it that
 * other parts read (second-factor default, overview shortcuts, who signs for a hospital). A new
 * role touches the enum, this table, the locale files and the seed; nothing else compares roles.
 */
export type RoleDefinition = {
  /** Whose records the role reads and changes: every facility, its province's, or its own facility's. */
  reach: "all" | "province" | "facility";
  capabilities: readonly Capability[];
  /** The second factor is required unless an administrator's stored policy says otherwise. */
  requireTotp: boolean;
  /** What the role finds first on the overview page: its own dashboard and daily pages. */
  shortcuts: readonly string[];
  /** The account of the facility's head (giám đốc), who signs its course certificates. */
  headsFacility: boolean;
};

const ROLE_TABLE: Record<Role, RoleDefinition> = {
  admin: {
    reach: "all",
    capabilities: [
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
      "credits.overview",
      "caseLogs.manage",
      "techniqueList.submit",
      "techniqueList.approve",
      "adoption.manage",
      "adoption.import",
      "targets.manage",
      "planning.configure",
      "telehealth.manage",
    ],
    requireTotp: true,
    shortcuts: ["/admin", "/department", "/agreements", "/reports"],
    headsFacility: false,
  },
  department: {
    reach: "province",
    capabilities: ["audit.read", "facilities.manage", "techniqueList.approve", "adoption.import", "targets.manage", "credits.overview", "planning.configure"],
    requireTotp: true,
    shortcuts: ["/department", "/adoption/requests", "/reports", "/targets"],
    headsFacility: false,
  },
  director: {
    reach: "facility",
    capabilities: [
      "agreements.manage",
      "staff.manage",
      "caseLogs.manage",
      "techniqueList.submit",
      "adoption.manage",
      "adoption.import",
      "enrolments.request",
      "credits.manage",
      "credits.overview",
      "telehealth.manage",
    ],
    requireTotp: false,
    shortcuts: ["/director", "/agreements", "/staff", "/adoption"],
    headsFacility: true,
  },
  trainer: {
    reach: "facility",
    capabilities: ["rotations.manage", "courses.manage", "caseLogs.manage", "enrolments.request", "credits.manage", "credits.overview", "telehealth.manage"],
    requireTotp: false,
    shortcuts: ["/rotations/board", "/courses", "/rotations/suggestions", "/credits"],
    headsFacility: false,
  },
  viewer: {
    reach: "facility",
    capabilities: [],
    requireTotp: false,
    shortcuts: ["/facilities", "/agreements", "/courses", "/techniques"],
    headsFacility: false,
  },
};

/** Capability checks need only the role, so the app shell can ask them with the header's user. */
export function hasCapability(actor: Pick<Actor, "role">, capability: Capability): boolean {
  return ROLE_TABLE[actor.role].capabilities.includes(capability);
}

/** The table in the README is generated from this. */
export function capabilityTable(): Record<Role, readonly Capability[]> {
  return Object.fromEntries(Object.entries(ROLE_TABLE).map(([role, d]) => [role, d.capabilities])) as Record<Role, readonly Capability[]>;
}

/** How far a role reaches; a user account stores a facility for "facility", a province for "province". */
export function roleReach(role: Role): RoleDefinition["reach"] {
  return ROLE_TABLE[role].reach;
}

/** Whether the role requires a second factor when no administrator's policy is stored. */
export function defaultRequiresTotp(role: Role): boolean {
  return ROLE_TABLE[role].requireTotp;
}

export function roleShortcuts(role: Role): readonly string[] {
  return ROLE_TABLE[role].shortcuts;
}

/** The roles whose accounts head a facility (its certificates name such an account as signer). */
export function facilityHeadRoles(): Role[] {
  return (Object.keys(ROLE_TABLE) as Role[]).filter((role) => ROLE_TABLE[role].headsFacility);
}

/**
 * The actor's scope from the stored account: a facility role's own facility (and that
 * facility's province), a department officer's province, nothing for a role reaching everything.
 */
export function scopeOfAccount(
  role: Role,
  account: { facilityId: number | null; provinceCode: string | null; facilityProvinceCode: string | null },
): { facilityId: number | null; provinceCode: string | null } {
  switch (roleReach(role)) {
    case "all":
      return { facilityId: null, provinceCode: null };
    case "province":
      return { facilityId: null, provinceCode: account.provinceCode };
    case "facility":
      return { facilityId: account.facilityId, provinceCode: account.facilityProvinceCode };
  }
}

/** Where a record lives: its owning facility and that facility's province. */
export type RecordScope = { facilityId: number | null; provinceCode: string | null };

/**
 * Read scope. Administrators read everything; department officers read every record of a
 * facility in their province; facility roles read the records of their own facility.
 * Records with several facilities (agreements, rotations) are readable when any one is.
 */
export function canRead(actor: Actor, scopes: RecordScope | RecordScope[]): boolean {
  const filter = readFilter(actor);
  if (filter.kind === "all") return true;
  const list = Array.isArray(scopes) ? scopes : [scopes];
  return list.some((scope) => withinFilter(filter, scope));
}

function withinFilter(filter: ReadFilter, scope: RecordScope): boolean {
  switch (filter.kind) {
    case "all":
      return true;
    case "none":
      return false;
    case "province":
      return scope.provinceCode === filter.provinceCode;
    case "facility":
      return scope.facilityId === filter.facilityId;
  }
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
  return withinFilter(manageFilter(actor, capability), scope);
}

/**
 * The facility filter a list query applies: `all` (no filter), the facilities of one
 * province, or exactly one facility. Model queries turn this into a WHERE clause
 * (`scope-sql.server.ts`) so that a page cannot show what its user may not read.
 */
export type ReadFilter =
  | { kind: "all" }
  | { kind: "province"; provinceCode: string }
  | { kind: "facility"; facilityId: number }
  | { kind: "none" };

export function readFilter(actor: Actor): ReadFilter {
  switch (roleReach(actor.role)) {
    case "all":
      return { kind: "all" };
    case "province":
      return actor.provinceCode ? { kind: "province", provinceCode: actor.provinceCode } : { kind: "none" };
    case "facility":
      return actor.facilityId ? { kind: "facility", facilityId: actor.facilityId } : { kind: "none" };
  }
}

/**
 * The facilities the actor may change with `capability`: the read scope when the role has the
 * capability, none otherwise. Model queries turn this into SQL (the batch reclassification
 * lists only these).
 */
export function manageFilter(actor: Actor, capability: Capability): ReadFilter {
  return hasCapability(actor, capability) ? readFilter(actor) : { kind: "none" };
}

/** The actor reads every facility (administrators): pages then offer a choice of province or facility. */
export function readsEverything(actor: Actor): boolean {
  return readFilter(actor).kind === "all";
}

/**
 * The facility the session fixes for the actor (facility roles), or null when the actor's reach
 * is wider (or empty) and a form or filter names the facility instead.
 */
export function ownFacilityId(actor: Actor): number | null {
  const filter = readFilter(actor);
  return filter.kind === "facility" ? filter.facilityId : null;
}

/** The province the actor's reach is confined to (department officers), or null. */
export function ownProvinceCode(actor: Actor): string | null {
  const filter = readFilter(actor);
  return filter.kind === "province" ? filter.provinceCode : null;
}

/**
 * Whether the actor picks among several facilities (administrators, department officers) rather
 * than working in one the session fixes; facility lists for a select are offered only then.
 */
export function choosesFacility(actor: Actor): boolean {
  const kind = readFilter(actor).kind;
  return kind === "all" || kind === "province";
}

/**
 * A filter the actor asks for (a report's province or facility) stays inside its reach: a
 * department officer names only its province, a facility role only its facility. Filters that
 * do not name that level are narrowed by the read scope in SQL instead.
 */
export function filterWithinReach(actor: Actor, filter: { provinceCode?: string | null; facilityId?: number | null }): boolean {
  const own = readFilter(actor);
  if (own.kind === "province" && filter.provinceCode && filter.provinceCode !== own.provinceCode) return false;
  if (own.kind === "facility" && filter.facilityId && filter.facilityId !== own.facilityId) return false;
  return true;
}

/**
 * Province-wide records (targets) are read by everyone working in the province: its department
 * and the users of its facilities; administrators read them all.
 */
export function canReadProvinceRecord(actor: Actor, provinceCode: string | null): boolean {
  return readsEverything(actor) || (actor.provinceCode !== null && actor.provinceCode === provinceCode);
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
