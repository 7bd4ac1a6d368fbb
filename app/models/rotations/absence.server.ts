// The sending facility's concurrent-absence limit: its own setting, else one per
// 50 beds. The facility's trainers and director may set it; every change is audited.
import { and, eq, gte, lte, ne, sql } from "drizzle-orm";
import type { Db } from "~/db/client.server";
import { facilities, rotations } from "~/db/schema";
import { canChange, type Actor } from "~/models/access/policy";
import { assertVersion } from "~/models/audit/audit.server";
import { writeFacilityColumns } from "~/models/facilities/commands.server";
import { DomainError, ForbiddenError, NotFoundError } from "~/models/errors";
import { absenceLimit, BEDS_PER_ABSENCE } from "./rules";
import type { Locale } from "~/models/enums";
import { facilityDisplayName } from "~/models/facilities/names";

export type AbsenceSummary = {
  facilityId: number;
  facilityName: string;
  beds: number;
  /** The stored setting; null means the 1-per-50-beds guide applies. */
  setting: number | null;
  guide: number;
  limit: number;
  /** Staff away on rotation today. */
  awayToday: number;
  version: number;
  canEdit: boolean;
};

function canSet(actor: Actor, scope: { facilityId: number; provinceCode: string | null }): boolean {
  return canChange(actor, "rotations.manage", scope) || canChange(actor, "staff.manage", scope);
}

export function getAbsenceSummary(db: Db, actor: Actor, facilityId: number, today: string, locale: Locale = "vi"): AbsenceSummary | null {
  const f = db.select().from(facilities).where(eq(facilities.id, facilityId)).get();
  if (!f) return null;
  const away =
    db
      .select({ n: sql<number>`count(distinct ${rotations.staffId})` })
      .from(rotations)
      .where(and(eq(rotations.fromFacilityId, facilityId), ne(rotations.status, "cancelled"), lte(rotations.startOn, today), gte(rotations.endOn, today)))
      .get()?.n ?? 0;
  return {
    facilityId: f.id,
    facilityName: facilityDisplayName(f, locale),
    beds: f.beds,
    setting: f.absenceLimit,
    guide: absenceLimit({ absenceLimit: null, beds: f.beds }),
    limit: absenceLimit(f),
    awayToday: away,
    version: f.version,
    canEdit: canSet(actor, { facilityId: f.id, provinceCode: f.provinceCode }),
  };
}

/** Sets (or, with null, clears back to the beds guide) a facility's concurrent-absence limit. */
export function setAbsenceLimit(db: Db, actor: Actor, facilityId: number, input: { limit: number | null; version: number }) {
  return db.transaction((tx) => {
    const current = tx.select().from(facilities).where(eq(facilities.id, facilityId)).get();
    if (!current) throw new NotFoundError();
    if (!canSet(actor, { facilityId, provinceCode: current.provinceCode })) throw new ForbiddenError();
    if (input.limit !== null && (!Number.isInteger(input.limit) || input.limit < 0 || input.limit > 10_000)) {
      throw new DomainError("common:validation.invalid", { field: "limit" });
    }
    assertVersion(current, input.version, { absenceLimit: input.limit });
    return writeFacilityColumns(tx, actor, current, { absenceLimit: input.limit });
  });
}

export { BEDS_PER_ABSENCE };
