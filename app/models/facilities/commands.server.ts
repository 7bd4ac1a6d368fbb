// Facility register commands: creation (with its first dated classifications), edits of the
// register entry, deactivation, and dated legacy-level changes (classifications.server.ts
// records decisions with both levels). The level on a date is the facility_levels row with
// the latest valid_from on or before it; facilities.level caches the level on "today".
// Who may change what is decided by the policy ("facilities.manage": administrators
// everywhere, a department officer in its province); the seed passes actor null.
import { and, eq } from "drizzle-orm";
import type { Db } from "~/db/client.server";
import { communes, facilities, facilityCompetenceLevels, facilityLevels, provinces, type Facility } from "~/db/schema";
import { canChange, type Actor } from "~/models/access/policy";
import { assertVersion, recordAudit, type Tx } from "~/models/audit/audit.server";
import { isIsoDate } from "~/models/dates";
import { deliversCare } from "~/models/enums";
import type { CompetenceLevel, FacilityKind, Grade, Level, Ownership } from "~/models/enums";
import { ConflictError, DomainError, ForbiddenError, NotFoundError } from "~/models/errors";
import { foldSearch } from "~/utils/search";
import { recordClassification } from "./classifications.server";

/** Level history of a facility whose opening date is unknown starts here. */
export const LEVEL_HISTORY_START = "2000-01-01";

export type CreateFacilityInput = {
  code: string;
  name: string;
  shortName?: string | null;
  nameEn?: string | null;
  kind: FacilityKind;
  /** Null for organisations that deliver no care. */
  level: Level | null;
  /** Law 15/2023 competence level from the opening date; null or absent: not yet classified. */
  competence?: CompetenceLevel | null;
  grade?: Grade;
  ownership?: Ownership;
  provinceCode?: string | null;
  communeCode?: string | null;
  /** ISO 3166 alpha-2; "VN" by default. */
  country?: string;
  beds?: number;
  absenceLimit?: number | null;
  directedById?: number | null;
  /** The directing facility by code (forms); used when directedById is absent. */
  directedByCode?: string | null;
  openedOn?: string | null;
  closedOn?: string | null;
};

/** The fields of the register entry that the edit form changes. */
export type UpdateFacilityInput = Omit<CreateFacilityInput, "level" | "competence" | "absenceLimit" | "country"> & {
  version: number;
};

export function facilitySearchText(f: { code: string; name: string; shortName: string; nameEn?: string | null }): string {
  return foldSearch([f.code, f.name, f.shortName, f.nameEn ?? ""].join(" "));
}

/** Refuses unless the actor manages facilities of `provinceCode` (null: outside any province, administrators only). */
export function assertManages(actor: Actor | null, provinceCode: string | null): void {
  if (actor && !canChange(actor, "facilities.manage", { facilityId: null, provinceCode })) throw new ForbiddenError();
}

type PlaceInput = Pick<CreateFacilityInput, "provinceCode" | "communeCode" | "directedById" | "directedByCode" | "openedOn" | "closedOn">;

/** The checks that need the database: province, commune of that province, directing facility, dates. */
function resolvePlace(tx: Tx, input: PlaceInput, selfId: number | null): { directedById: number | null } {
  for (const field of ["openedOn", "closedOn"] as const) {
    const value = input[field];
    if (value && !isIsoDate(value)) throw new DomainError("common:validation.invalidDate", { field });
  }
  if (input.openedOn && input.closedOn && input.closedOn < input.openedOn) {
    throw new DomainError("facilities:errors.closedBeforeOpened", { field: "closedOn" });
  }
  const provinceCode = input.provinceCode || null;
  const communeCode = input.communeCode || null;
  if (provinceCode && !tx.select({ code: provinces.code }).from(provinces).where(eq(provinces.code, provinceCode)).get()) {
    throw new DomainError("facilities:errors.unknownProvince", { field: "provinceCode" });
  }
  if (communeCode) {
    const commune = tx.select({ provinceCode: communes.provinceCode }).from(communes).where(eq(communes.code, communeCode)).get();
    if (!commune) throw new DomainError("facilities:errors.unknownCommune", { field: "communeCode", params: { code: communeCode } });
    if (commune.provinceCode !== provinceCode) {
      throw new DomainError("facilities:errors.communeOutsideProvince", { field: "communeCode", params: { code: communeCode } });
    }
  }
  let directedById = input.directedById ?? null;
  const directedByCode = input.directedByCode?.trim();
  if (input.directedById == null && directedByCode) {
    const upper = tx.select({ id: facilities.id }).from(facilities).where(eq(facilities.code, directedByCode)).get();
    if (!upper) throw new DomainError("facilities:errors.unknownDirectedBy", { field: "directedByCode", params: { code: directedByCode } });
    directedById = upper.id;
  } else if (directedById != null) {
    const upper = tx.select({ id: facilities.id }).from(facilities).where(eq(facilities.id, directedById)).get();
    if (!upper) throw new DomainError("facilities:errors.unknownDirectedBy", { field: "directedByCode", params: { code: String(directedById) } });
  }
  if (selfId !== null && directedById === selfId) {
    throw new DomainError("facilities:errors.directsItself", { field: "directedByCode" });
  }
  return { directedById };
}

/** The register columns the form sets the same way on creation and on edit (blanks stored as null). */
function registerValues(input: UpdateFacilityInput | CreateFacilityInput, name: string) {
  return {
    name,
    shortName: input.shortName?.trim() || name,
    nameEn: input.nameEn?.trim() || null,
    kind: input.kind,
    provinceCode: input.provinceCode || null,
    communeCode: input.communeCode || null,
    openedOn: input.openedOn || null,
    closedOn: input.closedOn || null,
  };
}

function assertCodeFree(tx: Tx, code: string, selfId: number | null) {
  const other = tx.select({ id: facilities.id }).from(facilities).where(eq(facilities.code, code)).get();
  if (other && other.id !== selfId) throw new ConflictError("facilities:errors.codeTaken", { field: "code", params: { code } });
}

/** Creates a facility and its initial classifications; `actor` null is the seed (system). */
export function createFacility(db: Db, input: CreateFacilityInput, actor: Actor | null): Facility {
  const code = input.code.trim();
  const name = input.name.trim();
  assertManages(actor, input.provinceCode || null);
  if (!code) throw new DomainError("common:validation.required", { field: "code" });
  if (!name) throw new DomainError("common:validation.required", { field: "name" });
  const care = deliversCare(input.kind);
  if (!care && input.level) throw new DomainError("facilities:errors.nonCareLevel", { field: "level" });
  if (!care && input.competence) throw new DomainError("facilities:errors.nonCareLevel", { field: "competence" });
  if (care && !input.level) throw new DomainError("common:validation.required", { field: "level" });
  return db.transaction((tx) => {
    assertCodeFree(tx, code, null);
    const { directedById } = resolvePlace(tx, input, null);
    const values = {
      code,
      ...registerValues(input, name),
      level: care ? input.level : null,
      competence: care ? (input.competence ?? null) : null,
      grade: input.grade ?? "none",
      ownership: input.ownership ?? "public",
      country: input.country ?? "VN",
      beds: input.beds ?? 0,
      absenceLimit: input.absenceLimit ?? null,
      directedById,
    };
    const facility = tx
      .insert(facilities)
      .values({ ...values, searchText: facilitySearchText(values) })
      .returning()
      .get();
    const from = values.openedOn ?? LEVEL_HISTORY_START;
    if (values.level !== null) {
      tx.insert(facilityLevels).values({ facilityId: facility.id, level: values.level, validFrom: from }).run();
    }
    if (values.competence !== null) {
      tx.insert(facilityCompetenceLevels).values({ facilityId: facility.id, competence: values.competence, validFrom: from }).run();
    }
    recordAudit(tx, {
      userId: actor?.userId ?? null,
      action: "create",
      entityType: "facility",
      entityId: facility.id,
      after: values,
    });
    return facility;
  });
}

function requireFacility(tx: Tx, id: number): Facility {
  const current = tx.select().from(facilities).where(eq(facilities.id, id)).get();
  if (!current) throw new NotFoundError();
  return current;
}

/**
 * Edits the register entry at the version the form was read at (stale: 409, nothing written).
 * A department officer edits only facilities of its province and cannot move one out of it.
 * The kind can change between care kinds; it cannot turn a classified facility into an
 * organisation that delivers no care (its dated classifications would lose their meaning).
 */
export function updateFacility(db: Db, actor: Actor, id: number, input: UpdateFacilityInput): Facility {
  return db.transaction((tx) => {
    const current = requireFacility(tx, id);
    assertManages(actor, current.provinceCode);
    assertManages(actor, input.provinceCode || null);
    const code = input.code.trim();
    const name = input.name.trim();
    if (!code) throw new DomainError("common:validation.required", { field: "code" });
    if (!name) throw new DomainError("common:validation.required", { field: "name" });
    if (!deliversCare(input.kind) && current.level !== null) {
      throw new DomainError("facilities:errors.classifiedCannotBecomeNonCare", { field: "kind" });
    }
    const { directedById } = resolvePlace(tx, input, id);
    const values = {
      code,
      ...registerValues(input, name),
      grade: input.grade ?? current.grade,
      ownership: input.ownership ?? current.ownership,
      beds: input.beds ?? current.beds,
      directedById,
    };
    assertVersion(current, input.version, values);
    assertCodeFree(tx, code, id);
    if (values.openedOn) assertHistoryAfterOpening(tx, id, values.openedOn);
    const row = tx
      .update(facilities)
      .set({ ...values, searchText: facilitySearchText(values), version: current.version + 1, updatedAt: new Date().toISOString() })
      .where(and(eq(facilities.id, id), eq(facilities.version, current.version)))
      .returning()
      .get();
    const before = Object.fromEntries(Object.keys(values).map((k) => [k, current[k as keyof Facility]]));
    recordAudit(tx, { userId: actor.userId, action: "update", entityType: "facility", entityId: id, before, after: values });
    return row;
  });
}

/** An opening date later than a recorded reclassification would leave that change before the facility existed. */
function assertHistoryAfterOpening(tx: Tx, id: number, openedOn: string) {
  const early = [
    ...tx.select({ validFrom: facilityLevels.validFrom }).from(facilityLevels).where(eq(facilityLevels.facilityId, id)).all(),
    ...tx
      .select({ validFrom: facilityCompetenceLevels.validFrom })
      .from(facilityCompetenceLevels)
      .where(eq(facilityCompetenceLevels.facilityId, id))
      .all(),
  ]
    .map((r) => r.validFrom)
    // The initial row of a facility opened on an unknown date starts the history, not a decision.
    .filter((d) => d !== LEVEL_HISTORY_START && d < openedOn)
    .sort();
  if (early.length > 0) {
    throw new DomainError("facilities:errors.openedAfterHistory", { field: "openedOn", params: { date: early[0] } });
  }
}

/**
 * Writes a few columns of a facility read in this transaction (already checked: scope, version),
 * at the version it was read at, bumps the version and audits the columns before and after.
 */
export function writeFacilityColumns(tx: Tx, actor: Actor, current: Facility, changes: Partial<Pick<Facility, "active" | "absenceLimit">>): Facility {
  const row = tx
    .update(facilities)
    .set({ ...changes, version: current.version + 1, updatedAt: new Date().toISOString() })
    .where(and(eq(facilities.id, current.id), eq(facilities.version, current.version)))
    .returning()
    .get();
  const before = Object.fromEntries(Object.keys(changes).map((k) => [k, current[k as keyof typeof changes]]));
  recordAudit(tx, { userId: actor.userId, action: "update", entityType: "facility", entityId: current.id, before, after: changes });
  return row;
}

/** Deactivates (or reactivates) a facility at the version the page was read at. */
export function setFacilityActive(db: Db, actor: Actor, id: number, active: boolean, version: number): Facility {
  return db.transaction((tx) => {
    const current = requireFacility(tx, id);
    assertManages(actor, current.provinceCode);
    assertVersion(current, version, { active });
    if (current.active === active) return current;
    return writeFacilityColumns(tx, actor, current, { active });
  });
}

/**
 * Records a legacy-level change from `validFrom` (e.g. a district hospital becoming a regional
 * centre in 2025). facilities.level becomes the level in force on `today`, so a change dated in
 * the future is stored now and shown from its date. One change per facility and date.
 */
export function changeFacilityLevel(
  db: Db,
  facilityId: number,
  level: Level,
  validFrom: string,
  note: string | null,
  actor: Actor | null,
  today: string,
): Facility {
  return db.transaction((tx) =>
    recordClassification(tx, actor, facilityId, { level, validFrom, note, decisionNumber: null }, today),
  );
}
