// Dated classifications of a facility: the legacy care level (A–D, Circular 43/2013, the basis
// of the cross-level measure; facility_levels) and the technique-competence level of Law
// 15/2023 (facility_competence_levels). A decision records either or both from a date; the
// value on a date is the row with the latest valid_from on or before it (levels.server.ts),
// and facilities.level / facilities.competence cache the values in force today.
import { and, desc, eq, lte } from "drizzle-orm";
import type { Db } from "~/db/client.server";
import { facilities, facilityCompetenceLevels, facilityLevels, type Facility } from "~/db/schema";
import { canChange, type Actor } from "~/models/access/policy";
import { refreshAdoptionPairs } from "~/models/adoption/pair-summary.server";
import { recordAudit, type Tx } from "~/models/audit/audit.server";
import { isIsoDate } from "~/models/dates";
import { deliversCare, type CompetenceLevel, type Level } from "~/models/enums";
import { ConflictError, DomainError, ForbiddenError, NotFoundError } from "~/models/errors";

export type ClassificationInput = {
  level?: Level | null;
  competence?: CompetenceLevel | null;
  validFrom: string;
  /** The reclassification decision (e.g. "1234/QĐ-UBND"); null for seeded history. */
  decisionNumber: string | null;
  note?: string | null;
};

/**
 * Records one decision for one facility inside the caller's transaction: refused for bodies
 * that deliver no care, before the facility opened or after it closed, and when the facility
 * already has a change of the same kind on that date (409). After a legacy-level change the
 * adoption summary of the facility is recomputed (the level on each start date may differ).
 * Errors carry the facility's name (`name`) for the batch form's messages.
 */
export function recordClassification(tx: Tx, actor: Actor | null, facilityId: number, input: ClassificationInput, today: string): Facility {
  const { validFrom } = input;
  const level = input.level ?? null;
  const competence = input.competence ?? null;
  if (!isIsoDate(validFrom)) throw new DomainError("common:validation.invalidDate", { field: "validFrom" });
  const current = tx.select().from(facilities).where(eq(facilities.id, facilityId)).get();
  if (!current) throw new NotFoundError();
  if (actor && !canChange(actor, "facilities.manage", { facilityId, provinceCode: current.provinceCode })) throw new ForbiddenError();
  const name = current.name;
  if (level === null && competence === null) throw new DomainError("facilities:errors.nothingToChange", { field: "level", params: { name } });
  if (!deliversCare(current.kind)) {
    throw new DomainError("facilities:errors.nonCareLevel", { field: level !== null ? "level" : "competence", params: { name } });
  }
  if (current.openedOn && validFrom < current.openedOn) {
    throw new DomainError("facilities:errors.beforeOpening", { field: "validFrom", params: { openedOn: current.openedOn, name } });
  }
  if (current.closedOn && validFrom > current.closedOn) {
    throw new DomainError("facilities:errors.afterClosing", { field: "validFrom", params: { closedOn: current.closedOn, name } });
  }
  if (level !== null) {
    const sameDay = tx
      .select({ id: facilityLevels.id })
      .from(facilityLevels)
      .where(and(eq(facilityLevels.facilityId, facilityId), eq(facilityLevels.validFrom, validFrom)))
      .get();
    if (sameDay) throw new ConflictError("facilities:errors.levelDateTaken", { field: "validFrom", params: { date: validFrom, name } });
  }
  if (competence !== null) {
    const sameDay = tx
      .select({ id: facilityCompetenceLevels.id })
      .from(facilityCompetenceLevels)
      .where(and(eq(facilityCompetenceLevels.facilityId, facilityId), eq(facilityCompetenceLevels.validFrom, validFrom)))
      .get();
    if (sameDay) throw new ConflictError("facilities:errors.competenceDateTaken", { field: "validFrom", params: { date: validFrom, name } });
  }
  const decisionNumber = input.decisionNumber?.trim() || null;
  const note = input.note?.trim() || null;
  if (level !== null) {
    tx.insert(facilityLevels).values({ facilityId, level, validFrom, decisionNumber, note }).run();
    // The level on the day each technique started may have changed: the report summary follows.
    refreshAdoptionPairs(tx, facilityId);
  }
  if (competence !== null) {
    tx.insert(facilityCompetenceLevels).values({ facilityId, competence, validFrom, decisionNumber, note }).run();
  }

  const levelToday =
    tx
      .select({ level: facilityLevels.level })
      .from(facilityLevels)
      .where(and(eq(facilityLevels.facilityId, facilityId), lte(facilityLevels.validFrom, today)))
      .orderBy(desc(facilityLevels.validFrom))
      .limit(1)
      .get()?.level ?? current.level;
  const competenceToday =
    tx
      .select({ competence: facilityCompetenceLevels.competence })
      .from(facilityCompetenceLevels)
      .where(and(eq(facilityCompetenceLevels.facilityId, facilityId), lte(facilityCompetenceLevels.validFrom, today)))
      .orderBy(desc(facilityCompetenceLevels.validFrom))
      .limit(1)
      .get()?.competence ?? null;
  let updated = current;
  if (levelToday !== current.level || competenceToday !== current.competence) {
    updated = tx
      .update(facilities)
      .set({ level: levelToday, competence: competenceToday, version: current.version + 1, updatedAt: new Date().toISOString() })
      .where(eq(facilities.id, facilityId))
      .returning()
      .get();
  }
  recordAudit(tx, {
    userId: actor?.userId ?? null,
    action: "update",
    entityType: "facility",
    entityId: facilityId,
    before: { level: current.level, competence: current.competence },
    after: { level: updated.level, competence: updated.competence, change: { level, competence, validFrom, decisionNumber, note } },
  });
  return updated;
}

/** The reclassification page: one decision for one facility. */
export function reclassifyFacility(db: Db, actor: Actor | null, facilityId: number, input: ClassificationInput, today: string): Facility {
  return db.transaction((tx) => recordClassification(tx, actor, facilityId, input, today));
}

/** Messages of the batch form name the facility they are about. */
const BATCH_KEYS: Record<string, string> = {
  "facilities:errors.beforeOpening": "facilities:errors.batch.beforeOpening",
  "facilities:errors.afterClosing": "facilities:errors.batch.afterClosing",
  "facilities:errors.levelDateTaken": "facilities:errors.batch.levelDateTaken",
  "facilities:errors.competenceDateTaken": "facilities:errors.batch.competenceDateTaken",
  "facilities:errors.nonCareLevel": "facilities:errors.batch.nonCareLevel",
};

/**
 * The batch form (e.g. the 1 July 2025 reorganisation): one decision, one date, the same new
 * level and/or competence for every chosen facility, all or nothing in one transaction. The
 * first refused facility is named in the message next to the facility list; nothing is written.
 */
export function reclassifyFacilities(
  db: Db,
  actor: Actor | null,
  facilityIds: readonly number[],
  input: ClassificationInput,
  today: string,
): Facility[] {
  const ids = [...new Set(facilityIds)];
  if (ids.length === 0) throw new DomainError("facilities:errors.noFacilitiesChosen", { field: "facilityIds" });
  return db.transaction((tx) =>
    ids.map((id) => {
      try {
        return recordClassification(tx, actor, id, input, today);
      } catch (error) {
        const key = error instanceof DomainError ? BATCH_KEYS[error.message] : undefined;
        if (!key || !(error instanceof DomainError)) throw error;
        const options = { field: "facilityIds", params: error.params };
        throw error.status === 409 ? new ConflictError(key, options) : new DomainError(key, { ...options, status: error.status });
      }
    }),
  );
}
