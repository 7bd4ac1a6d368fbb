// The Project 1816 report per sending hospital and year: people and person-months planned and
// delivered against the hospital's quota (set per year, else the guide's one per 50 beds), with
// the cap on simultaneous absences beside it as the separate rule it is. Quotas are set by the
// province's health department (or an administrator) for the hospitals it manages.
import { and, eq, sql } from "drizzle-orm";
import type { Db } from "~/db/client.server";
import { facilities, rotationQuotas, rotations } from "~/db/schema";
import { sqlList } from "~/db/sql";
import { canChange, hasCapability, type Actor } from "~/models/access/policy";
import { facilityScopeCondition } from "~/models/access/scope-sql.server";
import { assertVersion, recordAudit } from "~/models/audit/audit.server";
import { HOSPITAL_KINDS, type Locale } from "~/models/enums";
import { ConflictError, ForbiddenError, NotFoundError } from "~/models/errors";
import { facilityNameSqlAt } from "~/models/facilities/names.server";
import { rotationMeasures } from "~/models/rotations/reports.server";
import { absenceLimit } from "~/models/rotations/rules";
import { effectiveQuota, guideQuota, quotaPersonMonths, quotaShare } from "./quota";
import type { QuotaForm } from "./schemas";

export type QuotaRow = {
  facilityId: number;
  name: string;
  provinceCode: string | null;
  beds: number;
  guide: number;
  /** The quota set for this year, or null when the guide applies. */
  set: number | null;
  quota: number;
  quotaMonths: number;
  note: string | null;
  version: number | null;
  rotations: number;
  people: number;
  deliveredMonths: number;
  scheduledMonths: number;
  share: number | null;
  /** The separate rule: how many may be away at once. */
  absenceCap: number;
  canEdit: boolean;
};

/**
 * Every hospital the actor reads (central, provincial, specialised) that has beds, a quota or
 * rotations in the year, with its rotations sent during the year (clipped to the year).
 */
export function quotaReport(db: Db, actor: Actor, today: string, year: number, locale: Locale = "vi"): QuotaRow[] {
  const lo = sql`${`${year}-01-01`}`;
  const hi = sql`${`${year}-12-31`}`;
  const rows = db.all<Omit<QuotaRow, "guide" | "quota" | "quotaMonths" | "share" | "absenceCap" | "canEdit"> & { absenceLimit: number | null }>(sql`
    with sent as (
      select ${rotations.fromFacilityId} as facility_id, ${rotationMeasures(today, lo, hi)}
        from ${rotations}
       where ${rotations.status} <> 'cancelled' and ${rotations.startOn} <= ${hi} and ${rotations.endOn} >= ${lo}
         and ${facilityScopeCondition(actor, rotations.fromFacilityId)}
       group by ${rotations.fromFacilityId}
    )
    select f.id as facilityId, ${facilityNameSqlAt("f", locale)} as name, f.province_code as provinceCode, f.beds as beds,
           f.absence_limit as absenceLimit, q.staff_quota as "set", q.note as note, q.version as version,
           coalesce(s.rotations, 0) as rotations, coalesce(s.people, 0) as people,
           coalesce(s.deliveredMonths, 0) as deliveredMonths, coalesce(s.scheduledMonths, 0) as scheduledMonths
      from ${facilities} f
      left join sent s on s.facility_id = f.id
      left join ${rotationQuotas} q on q.facility_id = f.id and q.year = ${year}
     where f.kind in ${sqlList(HOSPITAL_KINDS)} and f.active = 1
       and (f.beds > 0 or q.facility_id is not null or s.facility_id is not null)
       and ${facilityScopeCondition(actor, sql`f.id`)}
     order by coalesce(s.deliveredMonths, 0) desc, f.beds desc, f.id`);
  return rows.map(({ absenceLimit: ownCap, ...row }) => {
    const quota = effectiveQuota(row.set, row.beds);
    return {
      ...row,
      guide: guideQuota(row.beds),
      quota,
      quotaMonths: quotaPersonMonths(quota),
      share: quotaShare(row.deliveredMonths, quota),
      absenceCap: absenceLimit({ absenceLimit: ownCap, beds: row.beds }),
      canEdit: canChange(actor, "planning.configure", { facilityId: row.facilityId, provinceCode: row.provinceCode }),
    };
  });
}

/** Whether the actor sets quotas at all (the page shows its edit links only then). */
export function setsQuotas(actor: Actor): boolean {
  return hasCapability(actor, "planning.configure");
}

/**
 * Set a hospital's quota for a year, or with no number return it to the guide. The form carries
 * the version it was read at (none for a hospital still on the guide): a quota changed since is a
 * 409, never overwritten.
 */
export function setQuota(db: Db, actor: Actor, input: QuotaForm): void {
  db.transaction((tx) => {
    const hospital = tx
      .select({ id: facilities.id, kind: facilities.kind, provinceCode: facilities.provinceCode })
      .from(facilities)
      .where(eq(facilities.id, input.facilityId))
      .get();
    if (!hospital || !(HOSPITAL_KINDS as readonly string[]).includes(hospital.kind)) throw new NotFoundError();
    if (!canChange(actor, "planning.configure", { facilityId: hospital.id, provinceCode: hospital.provinceCode })) throw new ForbiddenError();
    const key = and(eq(rotationQuotas.facilityId, hospital.id), eq(rotationQuotas.year, input.year));
    const current = tx.select().from(rotationQuotas).where(key).get() ?? null;
    if (current) assertVersion(current, input.version ?? -1);
    else if (input.version !== undefined) throw new ConflictError("common:stale.messageNoFields");
    if (input.staffQuota === undefined) {
      if (current) {
        tx.delete(rotationQuotas).where(key).run();
        recordAudit(tx, { userId: actor.userId || null, action: "delete", entityType: "rotation_quota", entityId: `${hospital.id}:${input.year}`, before: current });
      }
      return;
    }
    const values = { staffQuota: input.staffQuota, note: input.note ?? null, updatedBy: actor.userId || null };
    if (current) {
      const after = tx
        .update(rotationQuotas)
        .set({ ...values, version: current.version + 1, updatedAt: sql`(strftime('%Y-%m-%dT%H:%M:%fZ', 'now'))` })
        .where(key)
        .returning()
        .get();
      recordAudit(tx, { userId: actor.userId || null, action: "update", entityType: "rotation_quota", entityId: `${hospital.id}:${input.year}`, before: current, after });
    } else {
      const after = tx.insert(rotationQuotas).values({ facilityId: hospital.id, year: input.year, ...values }).returning().get();
      recordAudit(tx, { userId: actor.userId || null, action: "create", entityType: "rotation_quota", entityId: `${hospital.id}:${input.year}`, after });
    }
  });
}
