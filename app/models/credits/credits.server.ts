// The credit-hour ledger: a person's entries and standing, entries for recognised activities
// other than courses, and a facility's view of who is short. Totals are SQL aggregates over
// credit_entries (staff_id, activity_on), the windows come from rules.ts.
import { and, asc, desc, eq, sql, type SQL } from "drizzle-orm";
import type { Db } from "~/db/client.server";
import { sqlList } from "~/db/sql";
import { creditEntries, facilities, staff } from "~/db/schema";
import { canChange, canRead, choosesFacility, type Actor } from "~/models/access/policy";
import { facilityScopeCondition } from "~/models/access/scope-sql.server";
import { recordAudit, type Tx } from "~/models/audit/audit.server";
import type { Locale } from "~/models/enums";
import { DomainError, ForbiddenError, NotFoundError } from "~/models/errors";
import { facilityDisplayName } from "~/models/facilities/names";
import { facilityShortNameSql } from "~/models/facilities/names.server";
import { paginate, type Page, type PageRequest } from "~/utils/pagination";
import { searchTerms } from "~/utils/search";
import { creditStanding, creditStandingSql, creditWindow, expiringRange, REQUIRED_HOURS, STANDINGS_OF_FILTER, type CreditStanding } from "./rules";
import type { CreditEntryInput, CreditStandingFilter } from "./schemas";

function personWithScope(db: Db, staffId: number) {
  return (
    db
      .select({
        id: staff.id,
        fullName: staff.fullName,
        cadre: staff.cadre,
        facilityId: staff.facilityId,
        facilityName: facilities.name,
        facilityNameEn: facilities.nameEn,
        provinceCode: facilities.provinceCode,
      })
      .from(staff)
      .innerJoin(facilities, eq(facilities.id, staff.facilityId))
      .where(eq(staff.id, staffId))
      .get() ?? null
  );
}

export type CreditTotals = { total: number; expiring: number; shortfall: number; standing: CreditStanding };

function totalsFor(db: Db, staffId: number, today: string): CreditTotals {
  const window = creditWindow(today);
  const soon = expiringRange(today);
  const row = db
    .select({
      total: sql<number>`coalesce(sum(${creditEntries.hours}), 0)`,
      expiring: sql<number>`coalesce(sum(case when ${creditEntries.activityOn} <= ${soon.end} then ${creditEntries.hours} end), 0)`,
    })
    .from(creditEntries)
    .where(
      and(
        eq(creditEntries.staffId, staffId),
        sql`${creditEntries.activityOn} between ${window.start} and ${window.end}`,
      ),
    )
    .get() ?? { total: 0, expiring: 0 };
  const total = Math.round(row.total * 100) / 100;
  const expiring = Math.round(row.expiring * 100) / 100;
  return {
    total,
    expiring,
    shortfall: Math.max(0, Math.round((REQUIRED_HOURS - total) * 100) / 100),
    standing: creditStanding(total, expiring),
  };
}

/** A person's ledger as of `today`: who, the window's totals and the entries, newest first. */
export function getCreditLedger(db: Db, actor: Actor, staffId: number, today: string, page: PageRequest, locale: Locale) {
  const found = personWithScope(db, staffId);
  if (!found || !canRead(actor, { facilityId: found.facilityId, provinceCode: found.provinceCode })) return null;
  const { facilityNameEn, ...rest } = found;
  const person = { ...rest, facilityName: facilityDisplayName({ name: found.facilityName, nameEn: facilityNameEn }, locale) };
  const entries = paginate(
    page,
    () => db.select({ n: sql<number>`count(*)` }).from(creditEntries).where(eq(creditEntries.staffId, staffId)).get()?.n ?? 0,
    (at) =>
      db
        .select()
        .from(creditEntries)
        .where(eq(creditEntries.staffId, staffId))
        .orderBy(desc(creditEntries.activityOn), desc(creditEntries.id))
        .limit(at.pageSize)
        .offset(at.offset)
        .all(),
  );
  return {
    person,
    window: creditWindow(today),
    expiringRange: expiringRange(today),
    required: REQUIRED_HOURS,
    totals: totalsFor(db, staffId, today),
    entries,
    canAdd: canChange(actor, "credits.manage", { facilityId: person.facilityId, provinceCode: person.provinceCode }),
  };
}

/** Records hours for a conference, case conference, publication or other recognised activity. */
export function addCreditEntry(db: Db, actor: Actor, staffId: number, input: CreditEntryInput, today: string, now = new Date().toISOString()) {
  const person = personWithScope(db, staffId);
  if (!person) throw new NotFoundError();
  if (!canChange(actor, "credits.manage", { facilityId: person.facilityId, provinceCode: person.provinceCode })) {
    throw new ForbiddenError();
  }
  if (input.activityOn > today) throw new DomainError("courses:credits.errors.future", { field: "activityOn" });
  return db.transaction((tx) => {
    const entry = tx
      .insert(creditEntries)
      .values({
        staffId,
        kind: input.kind as (typeof creditEntries.$inferInsert)["kind"],
        activityOn: input.activityOn,
        hours: input.hours,
        title: input.title,
        evidence: input.evidence,
        createdBy: actor.userId,
        createdAt: now,
      })
      .returning()
      .get();
    recordAudit(tx, { userId: actor.userId, action: "create", entityType: "credit_entry", entityId: entry.id, after: entry, at: now });
    return entry;
  });
}

/** What the app records by itself (a course's completion, a remote training session's attendance). */
export type RecordedCredit = {
  staffId: number;
  kind: "course" | "remote_training";
  activityOn: string;
  hours: number;
  title: string;
  evidence?: string | null;
  enrolmentId?: number | null;
};

/**
 * Writes the credit entry of an activity the app recorded itself, with its audit event, inside
 * the caller's transaction. The manual form never offers these kinds.
 */
export function writeRecordedCredit(tx: Tx, actor: Actor, values: RecordedCredit, now = new Date().toISOString()) {
  const entry = tx
    .insert(creditEntries)
    .values({ ...values, evidence: values.evidence ?? null, enrolmentId: values.enrolmentId ?? null, createdBy: actor.userId, createdAt: now })
    .returning()
    .get();
  recordAudit(tx, { userId: actor.userId, action: "create", entityType: "credit_entry", entityId: entry.id, after: entry, at: now });
  return entry;
}

/** Brings a recorded entry in line with its activity (date, hours, title); audited when it changed. */
export function updateRecordedCredit(tx: Tx, actor: Actor, entryId: number, values: Pick<RecordedCredit, "activityOn" | "hours" | "title">, now = new Date().toISOString()) {
  const before = tx.select().from(creditEntries).where(eq(creditEntries.id, entryId)).get();
  if (!before) return null;
  if (before.activityOn === values.activityOn && before.hours === values.hours && before.title === values.title) return before;
  const after = tx.update(creditEntries).set(values).where(eq(creditEntries.id, entryId)).returning().get();
  recordAudit(tx, { userId: actor.userId, action: "update", entityType: "credit_entry", entityId: entryId, before, after, at: now });
  return after;
}

/** Removes a recorded entry whose activity no longer counts (the attendee or the session went). */
export function removeRecordedCredit(tx: Tx, actor: Actor, entryId: number, now = new Date().toISOString()) {
  const before = tx.select().from(creditEntries).where(eq(creditEntries.id, entryId)).get();
  if (!before) return;
  tx.delete(creditEntries).where(eq(creditEntries.id, entryId)).run();
  recordAudit(tx, { userId: actor.userId, action: "delete", entityType: "credit_entry", entityId: entryId, before, at: now });
}

export type FacilityCreditRow = {
  staffId: number;
  fullName: string;
  cadre: string;
  total: number;
  expiring: number;
  standing: CreditStanding;
};

/**
 * Every active staff member of a facility with their hours in the window ending `today`,
 * the hours leaving it within a year, and their standing; filtered to those short now
 * (`below`), short within a year (`at_risk`) or either (`short`). One grouped query over the
 * (staff_id, activity_on) index; the page is sorted by the hours left a year from now, smallest first.
 */
export function listFacilityCredits(
  db: Db,
  actor: Actor,
  facilityId: number,
  today: string,
  options: { standing?: CreditStandingFilter; q?: string },
  page: PageRequest,
  locale: Locale,
): Page<FacilityCreditRow> & { facilityName: string } {
  const facility = db
    .select({ id: facilities.id, name: facilities.name, nameEn: facilities.nameEn, provinceCode: facilities.provinceCode })
    .from(facilities)
    .where(eq(facilities.id, facilityId))
    .get();
  if (!facility || !canRead(actor, { facilityId: facility.id, provinceCode: facility.provinceCode })) {
    throw new ForbiddenError();
  }
  const window = creditWindow(today);
  const soon = expiringRange(today);
  const who: SQL[] = [sql`s.facility_id = ${facilityId}`, sql`s.active = 1`];
  for (const term of searchTerms(options.q)) who.push(sql`s.search_text like ${`%${term}%`}`);
  const grouped = sql`
    select s.id as staffId, s.full_name as fullName, s.cadre as cadre,
           coalesce(sum(c.hours), 0) as total,
           coalesce(sum(case when c.activity_on <= ${soon.end} then c.hours end), 0) as expiring
      from staff s
      left join credit_entries c
        on c.staff_id = s.id and c.activity_on between ${window.start} and ${window.end}
     where ${sql.join(who, sql` and `)}
     group by s.id`;
  const kept = STANDINGS_OF_FILTER[options.standing ?? "all"];
  const standingFilter = sql`where standing in ${sqlList(kept)}`;
  const withStanding = sql`select *, ${creditStandingSql(sql`total`, sql`expiring`)} as standing from (${grouped})`;
  return {
    ...paginate(
      page,
      () => db.get<{ n: number }>(sql`select count(*) as n from (${withStanding}) ${standingFilter}`)?.n ?? 0,
      (at) =>
        db
          .all<FacilityCreditRow>(
            sql`select * from (${withStanding}) ${standingFilter} order by total - expiring asc, total asc, fullName asc limit ${at.pageSize} offset ${at.offset}`,
          )
          .map((r) => ({
            ...r,
            total: Math.round(r.total * 100) / 100,
            expiring: Math.round(r.expiring * 100) / 100,
          })),
    ),
    facilityName: facilityDisplayName(facility, locale),
  };
}

/** Facilities the actor may open the credit view for (own facility, or the province's). */
export function listCreditFacilities(db: Db, actor: Actor, locale: Locale) {
  if (choosesFacility(actor)) {
    const where = facilityScopeCondition(actor, facilities.id);
    return db
      .select({ id: facilities.id, name: facilityShortNameSql(locale) })
      .from(facilities)
      .where(and(where, sql`exists (select 1 from ${staff} x where x.facility_id = ${facilities.id})`))
      .orderBy(asc(facilityShortNameSql(locale)))
      .limit(500)
      .all();
  }
  return [];
}
