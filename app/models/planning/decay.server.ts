// Skill-decay alerts and their thresholds. An alert is a (receiving facility, technique) pair
// whose plan line was accepted and whose last activity (the acceptance or the latest case logged
// on any line of that pair) is older than the province's threshold for the technique's chapter.
// The thresholds belong to the province's health department; everyone reads the alerts of the
// facilities they may read, as the receiving side or as the partner that handed the technique on.
import { and, asc, eq, sql, type SQL } from "drizzle-orm";
import type { Db } from "~/db/client.server";
import { chapters, decayThresholds, provinces } from "~/db/schema";
import { canChange, managedProvince, readsEverything, type Actor } from "~/models/access/policy";
import { facilityScopeCondition } from "~/models/access/scope-sql.server";
import { recordAudit } from "~/models/audit/audit.server";
import { addDaysIso, addMonthsIso, fromIsoDate } from "~/models/dates";
import type { Locale } from "~/models/enums";
import { DomainError, ForbiddenError } from "~/models/errors";
import { facilityShortNameSqlAt } from "~/models/facilities/names.server";
import { paginate, type Page, type PageRequest } from "~/utils/pagination";
import { DEFAULT_DECAY_MONTHS, MAX_DECAY_MONTHS, MIN_DECAY_MONTHS, decayCutoff, monthsIdle } from "./decay";

export type DecayAlert = {
  facilityId: number;
  facilityName: string;
  provinceCode: string | null;
  techniqueId: number;
  techniqueCode: string;
  techniqueName: string;
  chapterNumber: number;
  acceptedOn: string;
  lastCaseOn: string | null;
  months: number;
  monthsIdle: number;
  itemId: number;
  agreementId: number;
  agreementNumber: string;
  agreementEndOn: string | null;
  fromFacilityId: number;
  fromName: string;
  /** What the reader may do about it: plan a rotation or a course from the partner that handed it on (null: not theirs to plan). */
  rotationHref: string | null;
  courseHref: string | null;
};

export type DecayFilter = { provinceCode?: string | null; facilityId?: number | null };

/** The months of every threshold in force, so the query compares with one cutoff per value. */
function cutoffsTable(db: Db, today: string): SQL {
  const months = new Set<number>([DEFAULT_DECAY_MONTHS]);
  for (const row of db.selectDistinct({ months: decayThresholds.months }).from(decayThresholds).all()) months.add(row.months);
  const values = [...months].map((m) => sql`(${m}, ${decayCutoff(today, m)})`);
  return sql`cutoffs(months, cutoff) as (values ${sql.join(values, sql`, `)})`;
}

function alertsQuery(db: Db, actor: Actor, today: string, filter: DecayFilter, select: SQL, tail: SQL): SQL {
  const scope = sql`(${facilityScopeCondition(actor, sql`a.facility_id`)} or ${facilityScopeCondition(actor, sql`li.from_facility_id`)})`;
  const narrow: SQL[] = [];
  if (filter.provinceCode) narrow.push(sql`f.province_code = ${filter.provinceCode}`);
  if (filter.facilityId) narrow.push(sql`(a.facility_id = ${filter.facilityId} or li.from_facility_id = ${filter.facilityId})`);
  return sql`
    with ${cutoffsTable(db, today)},
    accepted as (
      select to_facility_id as facility_id, technique_id, max(accepted_on) as accepted_on, max(id) as item_id
      from transfer_items
      where stage = 'accepted' and accepted_on is not null
      group by to_facility_id, technique_id
    ),
    cases as (
      select ti.to_facility_id as facility_id, ti.technique_id, max(cl.performed_on) as last_on
      from case_logs cl join transfer_items ti on ti.id = cl.transfer_item_id
      where exists (select 1 from accepted x where x.facility_id = ti.to_facility_id and x.technique_id = ti.technique_id)
      group by ti.to_facility_id, ti.technique_id
    )
    select ${select}
    from accepted a
    join transfer_items li on li.id = a.item_id
    join agreements ag on ag.id = li.agreement_id
    join facilities f on f.id = a.facility_id
    join facilities pf on pf.id = li.from_facility_id
    join techniques t on t.id = a.technique_id
    left join cases c on c.facility_id = a.facility_id and c.technique_id = a.technique_id
    left join decay_thresholds dt on dt.province_code = f.province_code and dt.chapter_number = t.chapter_number
    join cutoffs k on k.months = coalesce(dt.months, ${DEFAULT_DECAY_MONTHS})
    where f.active = 1
      and max(a.accepted_on, coalesce(c.last_on, a.accepted_on)) < k.cutoff
      and ${scope}
      ${narrow.length ? sql`and ${sql.join(narrow, sql` and `)}` : sql``}
    ${tail}`;
}

type AlertRow = Omit<DecayAlert, "monthsIdle" | "rotationHref" | "courseHref">;

/** The decayed pairs the actor reads, most idle first. */
export function listDecayAlerts(db: Db, actor: Actor, today: string, page: PageRequest, locale: Locale = "vi", filter: DecayFilter = {}): Page<DecayAlert> {
  const fields = sql`a.facility_id as facilityId, ${facilityShortNameSqlAt("f", locale)} as facilityName, f.province_code as provinceCode,
      a.technique_id as techniqueId, t.code as techniqueCode, t.name as techniqueName, t.chapter_number as chapterNumber,
      a.accepted_on as acceptedOn, c.last_on as lastCaseOn, k.months as months, a.item_id as itemId,
      ag.id as agreementId, ag.number as agreementNumber, ag.end_on as agreementEndOn,
      li.from_facility_id as fromFacilityId, ${facilityShortNameSqlAt("pf", locale)} as fromName, pf.province_code as fromProvinceCode`;
  return paginate(
    page,
    () => db.get<{ n: number }>(alertsQuery(db, actor, today, filter, sql`count(*) as n`, sql``))?.n ?? 0,
    (req) =>
      db
        .all<AlertRow & { fromProvinceCode: string | null }>(
          alertsQuery(db, actor, today, filter, fields, sql`order by max(a.accepted_on, coalesce(c.last_on, a.accepted_on)), t.code, a.facility_id limit ${req.pageSize} offset ${req.offset}`),
        )
        .map(({ fromProvinceCode, ...row }) => {
          const partner = { facilityId: row.fromFacilityId, provinceCode: fromProvinceCode };
          return {
            ...row,
            monthsIdle: monthsIdle(row, today),
            rotationHref: canChange(actor, "rotations.manage", partner) ? `/rotations/new?${refresherRotationQuery(row, today)}` : null,
            courseHref: canChange(actor, "courses.manage", partner) ? `/courses/new?${refresherCourseQuery(actor, row)}` : null,
          };
        }),
  );
}

/**
 * The rotation form's pre-filled query for a refresher: a short-term rotation (the agreement's
 * minimum does not bind a refresher, its reason is stated) of one month from the Monday at least a
 * week ahead, ending no later than the agreement, from the partner that handed the technique on.
 */
export function refresherRotationQuery(
  alert: Pick<DecayAlert, "fromFacilityId" | "facilityId" | "agreementId" | "itemId" | "techniqueCode"> & { agreementEndOn: string | null },
  today: string,
): string {
  const week = addDaysIso(today, 7);
  const weekday = fromIsoDate(week).getUTCDay(); // 0 Sunday … 6 Saturday
  const start = addDaysIso(week, (8 - weekday) % 7);
  const monthEnd = addDaysIso(addMonthsIso(start, 1), -1);
  const end = alert.agreementEndOn !== null && alert.agreementEndOn < monthEnd ? alert.agreementEndOn : monthEnd;
  return new URLSearchParams({
    from: String(alert.fromFacilityId),
    to: String(alert.facilityId),
    agreement: String(alert.agreementId),
    item: String(alert.itemId),
    start,
    end,
    refresher: alert.techniqueCode,
  }).toString();
}

/** The course form's pre-filled query: the technique and the agreement; an administrator also names the partner as host. */
function refresherCourseQuery(actor: Actor, alert: Pick<DecayAlert, "techniqueCode" | "agreementId" | "fromFacilityId">): string {
  const q = new URLSearchParams({ techniques: alert.techniqueCode, agreement: String(alert.agreementId) });
  if (readsEverything(actor)) q.set("host", String(alert.fromFacilityId));
  return q.toString();
}

// ---------------------------------------------------------------- thresholds

export type ThresholdRow = { chapterNumber: number; chapterRoman: string; chapterName: string; months: number | null };

/** The province whose thresholds the actor sees: its own for a department officer, the asked one for an administrator. */
export function thresholdProvince(actor: Actor, asked: string | null): string | null {
  const own = managedProvince(actor, "planning.configure");
  if (own) return own;
  if (readsEverything(actor)) return asked;
  return actor.provinceCode;
}

/** Every chapter with the province's own months (null where the default applies). */
export function listThresholds(db: Db, provinceCode: string): ThresholdRow[] {
  return db
    .select({ chapterNumber: chapters.number, chapterRoman: chapters.roman, chapterName: chapters.name, months: decayThresholds.months })
    .from(chapters)
    .leftJoin(decayThresholds, and(eq(decayThresholds.chapterNumber, chapters.number), eq(decayThresholds.provinceCode, provinceCode)))
    .orderBy(asc(chapters.number))
    .all();
}

export type ThresholdInput = { provinceCode?: string; chapterNumber: number; months: number | null };

/**
 * Set (or, with no months, clear back to the default) a chapter's threshold in a province.
 * Department officers set their own province only; administrators name one.
 */
export function setThreshold(db: Db, actor: Actor, input: ThresholdInput): void {
  const provinceCode = thresholdProvince(actor, input.provinceCode ?? null);
  if (!provinceCode) throw new DomainError("common:validation.required", { field: "provinceCode" });
  if (!canChange(actor, "planning.configure", { facilityId: null, provinceCode })) throw new ForbiddenError();
  if (input.months !== null && (!Number.isInteger(input.months) || input.months < MIN_DECAY_MONTHS || input.months > MAX_DECAY_MONTHS)) {
    throw new DomainError("planning:decay.errors.monthsRange", { field: "months", params: { min: MIN_DECAY_MONTHS, max: MAX_DECAY_MONTHS } });
  }
  db.transaction((tx) => {
    if (!tx.select({ code: provinces.code }).from(provinces).where(eq(provinces.code, provinceCode)).get()) {
      throw new DomainError("reports:errors.unknownProvince", { field: "provinceCode", params: { code: provinceCode } });
    }
    if (!tx.select({ n: chapters.number }).from(chapters).where(eq(chapters.number, input.chapterNumber)).get()) {
      throw new DomainError("common:validation.invalid", { field: "chapterNumber" });
    }
    const key = and(eq(decayThresholds.provinceCode, provinceCode), eq(decayThresholds.chapterNumber, input.chapterNumber));
    const before = tx.select().from(decayThresholds).where(key).get() ?? null;
    if (input.months === null) {
      if (before) tx.delete(decayThresholds).where(key).run();
    } else {
      tx.insert(decayThresholds)
        .values({ provinceCode, chapterNumber: input.chapterNumber, months: input.months, updatedBy: actor.userId || null })
        .onConflictDoUpdate({
          target: [decayThresholds.provinceCode, decayThresholds.chapterNumber],
          set: { months: input.months, updatedBy: actor.userId || null, updatedAt: sql`(strftime('%Y-%m-%dT%H:%M:%fZ', 'now'))` },
        })
        .run();
    }
    const after = input.months === null ? null : { provinceCode, chapterNumber: input.chapterNumber, months: input.months };
    if (before?.months !== after?.months) {
      recordAudit(tx, {
        userId: actor.userId || null,
        action: before === null ? "create" : after === null ? "delete" : "update",
        entityType: "decay_threshold",
        entityId: `${provinceCode}:${input.chapterNumber}`,
        before: before ?? undefined,
        after: after ?? undefined,
      });
    }
  });
}

/** Province choices for an administrator's threshold page. */
export function provinceOptions(db: Db, locale: Locale): { code: string; name: string }[] {
  return db
    .select({ code: provinces.code, name: locale === "en" ? provinces.nameEn : provinces.name })
    .from(provinces)
    .orderBy(asc(provinces.code))
    .all();
}
