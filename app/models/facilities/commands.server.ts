// Facility commands: creation (with its first dated level) and dated level changes.
// The level on a date is the facility_levels row with the latest valid_from on or before it;
// facilities.level caches the level on "today".
import { and, desc, eq, lte } from "drizzle-orm";
import type { Db } from "~/db/client.server";
import { facilities, facilityLevels, type Facility } from "~/db/schema";
import type { Actor } from "~/models/access/policy";
import { hasCapability } from "~/models/access/policy";
import { refreshAdoptionPairs } from "~/models/adoption/pair-summary.server";
import { recordAudit } from "~/models/audit/audit.server";
import { isIsoDate } from "~/models/dates";
import { deliversCare, type FacilityKind, type Grade, type Level, type Ownership } from "~/models/enums";
import { ConflictError, DomainError, ForbiddenError, NotFoundError } from "~/models/errors";
import { foldSearch } from "~/utils/search";

/** Level history of a facility whose opening date is unknown starts here. */
export const LEVEL_HISTORY_START = "2000-01-01";

export type CreateFacilityInput = {
  code: string;
  name: string;
  shortName: string;
  nameEn?: string | null;
  kind: FacilityKind;
  /** Null for organisations that deliver no care. */
  level: Level | null;
  grade?: Grade;
  ownership?: Ownership;
  provinceCode?: string | null;
  communeCode?: string | null;
  /** ISO 3166 alpha-2; "VN" by default. */
  country?: string;
  beds?: number;
  absenceLimit?: number | null;
  directedById?: number | null;
  openedOn?: string | null;
};

export function facilitySearchText(f: { code: string; name: string; shortName: string; nameEn?: string | null }): string {
  return foldSearch([f.code, f.name, f.shortName, f.nameEn ?? ""].join(" "));
}

function assertAdmin(actor: Actor | null) {
  if (actor && !hasCapability(actor, "catalogue.manage")) throw new ForbiddenError();
}

/** Creates a facility and its initial level row; `actor` null is the seed (system). */
export function createFacility(db: Db, input: CreateFacilityInput, actor: Actor | null): Facility {
  assertAdmin(actor);
  const code = input.code.trim();
  const name = input.name.trim();
  if (!code) throw new DomainError("common:validation.required", { field: "code" });
  if (!name) throw new DomainError("common:validation.required", { field: "name" });
  if (input.openedOn && !isIsoDate(input.openedOn)) {
    throw new DomainError("common:validation.invalidDate", { field: "openedOn" });
  }
  return db.transaction((tx) => {
    if (tx.select({ id: facilities.id }).from(facilities).where(eq(facilities.code, code)).get()) {
      throw new ConflictError("facilities:errors.codeTaken", { field: "code", params: { code } });
    }
    if (input.directedById != null) {
      const upper = tx.select({ id: facilities.id }).from(facilities).where(eq(facilities.id, input.directedById)).get();
      if (!upper) throw new DomainError("facilities:errors.unknownDirectedBy", { field: "directedById" });
    }
    const values = {
      code,
      name,
      shortName: input.shortName.trim() || name,
      nameEn: input.nameEn?.trim() || null,
      kind: input.kind,
      level: deliversCare(input.kind) ? input.level : null,
      grade: input.grade ?? "none",
      ownership: input.ownership ?? "public",
      provinceCode: input.provinceCode ?? null,
      communeCode: input.communeCode ?? null,
      country: input.country ?? "VN",
      beds: input.beds ?? 0,
      absenceLimit: input.absenceLimit ?? null,
      directedById: input.directedById ?? null,
      openedOn: input.openedOn ?? null,
    };
    const facility = tx
      .insert(facilities)
      .values({ ...values, searchText: facilitySearchText(values) })
      .returning()
      .get();
    if (input.level !== null) {
      tx.insert(facilityLevels)
        .values({ facilityId: facility.id, level: input.level, validFrom: input.openedOn ?? LEVEL_HISTORY_START })
        .run();
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

/**
 * Records a level change from `validFrom` (e.g. a district hospital becoming a regional centre
 * in 2025). facilities.level becomes the level in force on `today`, so a change dated in the
 * future is stored now and shown from its date. One change per facility and date.
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
  assertAdmin(actor);
  if (!isIsoDate(validFrom)) throw new DomainError("common:validation.invalidDate", { field: "validFrom" });
  return db.transaction((tx) => {
    const current = tx.select().from(facilities).where(eq(facilities.id, facilityId)).get();
    if (!current) throw new NotFoundError();
    if (current.openedOn && validFrom < current.openedOn) {
      throw new DomainError("facilities:errors.beforeOpening", { field: "validFrom", params: { openedOn: current.openedOn } });
    }
    const sameDay = tx
      .select({ id: facilityLevels.id })
      .from(facilityLevels)
      .where(and(eq(facilityLevels.facilityId, facilityId), eq(facilityLevels.validFrom, validFrom)))
      .get();
    if (sameDay) throw new ConflictError("facilities:errors.levelDateTaken", { field: "validFrom", params: { date: validFrom } });
    tx.insert(facilityLevels).values({ facilityId, level, validFrom, note }).run();
    // The level on the day each technique started may have changed: the report summary follows.
    refreshAdoptionPairs(tx, facilityId);

    const inForce = tx
      .select({ level: facilityLevels.level })
      .from(facilityLevels)
      .where(and(eq(facilityLevels.facilityId, facilityId), lte(facilityLevels.validFrom, today)))
      .orderBy(desc(facilityLevels.validFrom))
      .limit(1)
      .get();
    let updated = current;
    if (inForce && inForce.level !== current.level) {
      updated = tx
        .update(facilities)
        .set({ level: inForce.level, version: current.version + 1, updatedAt: new Date().toISOString() })
        .where(eq(facilities.id, facilityId))
        .returning()
        .get();
    }
    recordAudit(tx, {
      userId: actor?.userId ?? null,
      action: "update",
      entityType: "facility",
      entityId: facilityId,
      before: { level: current.level },
      after: { level: updated.level, change: { level, validFrom, note } },
    });
    return updated;
  });
}
