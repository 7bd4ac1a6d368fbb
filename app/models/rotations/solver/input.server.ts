// Loads what the solver needs for one sending facility and period, as plain data (SolverInput).
// A fixed number of queries whatever the size: the facility, its staff, what they perform, their
// commitments, their recent rotations, the lines, the agreements of those lines, the receiving
// sites, the facility's other absences and its quota. Every refusal is a DomainError the page
// shows next to its field (403 outside the actor's scope, 400 for a period or line it cannot plan).
import { aliasedTable, and, eq, gte, inArray, lte, ne, sql } from "drizzle-orm";
import type { Db } from "~/db/client.server";
import { agreementParties, agreements, facilities, rotationItems, rotationQuotas, rotations, staff, staffTechniques, techniques, transferItems } from "~/db/schema";
import { canChange, ownFacilityId, type Actor } from "~/models/access/policy";
import type { Tx } from "~/models/audit/audit.server";
import { addDaysIso, addMonthsIso, daysInclusive, DAYS_PER_MONTH, type DateRange } from "~/models/dates";
import { OPEN_AGREEMENT_STATUSES, type Locale } from "~/models/enums";
import { sqlList } from "~/db/sql";
import { facilityShortNameSql } from "~/models/facilities/names.server";
import { DomainError, ForbiddenError, NotFoundError } from "~/models/errors";
import { effectiveQuota, quotaPersonMonths } from "~/models/planning/quota";
import { listCommitmentsByStaff } from "~/models/schedule/commitments.server";
import { facilityAbsences } from "../commands.server";
import { getAgreementTerm } from "../queries.server";
import { absenceLimit } from "../rules";
import { planPeriod } from "./plans";
import { type Proposal, type SolverInput, type SolverLine, type SolverSite, type SolverStaff } from "./types";

/** What a trainer asks to plan (the plan form), plus what a re-plan hands on. */
export type PlanRequest = {
  facilityId: number;
  /** First month of the period, `yyyy-MM` (or the first day of it). */
  firstMonth: string;
  months: number;
  /** The lines to serve; absent or null: every open line the facility supports. */
  transferItemIds?: readonly number[] | null;
  overrideExtra?: number;
  overrideReason?: string | null;
  timeLimitSeconds?: number;
  /** The proposals of the draft being re-planned (kept where possible). */
  previous?: readonly Proposal[];
  /**
   * Planned rotations a re-plan frees (their person has become unavailable): they no longer
   * hold their person, the facility's absences or their lines.
   */
  releasedRotationIds?: readonly number[];
};

/** The sending facility, checked to exist and to be one whose rotations the actor manages. */
export function requirePlanningFacility(db: Tx, actor: Actor, facilityId: number) {
  const facility = db
    .select({
      id: facilities.id,
      name: facilities.name,
      shortName: facilities.shortName,
      kind: facilities.kind,
      level: facilities.level,
      provinceCode: facilities.provinceCode,
      beds: facilities.beds,
      absenceLimit: facilities.absenceLimit,
    })
    .from(facilities)
    .where(eq(facilities.id, facilityId))
    .get();
  if (!facility) throw new NotFoundError();
  if (!canChange(actor, "rotations.manage", { facilityId, provinceCode: facility.provinceCode })) throw new ForbiddenError();
  return facility;
}

/** A line that can still be planned: not accepted, not deferred, of an open agreement. */
const openLine = () =>
  and(ne(transferItems.stage, "accepted"), sql`${transferItems.deferredOn} is null`, inArray(agreements.status, [...OPEN_AGREEMENT_STATUSES]));

/** Lines the facility hands on as a supporting party of their agreement. */
const supportedBy = (facilityId: number) =>
  and(
    eq(transferItems.fromFacilityId, facilityId),
    sql`exists (select 1 from ${agreementParties} p where p.agreement_id = ${transferItems.agreementId} and p.facility_id = ${facilityId} and p.role = 'supporting')`,
  );

/**
 * Lines already served by a rotation that is not cancelled and ends on or after `from` (a
 * released rotation no longer counts), as an SQL condition on transfer_items.
 */
function servedCondition(from: string, released: readonly number[]) {
  return sql`exists (select 1 from ${rotationItems} ri join ${rotations} r on r.id = ri.rotation_id
                      where ri.transfer_item_id = ${transferItems.id} and r.status <> 'cancelled' and r.end_on >= ${from}
                        ${released.length ? sql`and r.id not in (${sql.join(released.map((id) => sql`${id}`), sql`, `)})` : sql``})`;
}

const lineColumns = {
  transferItemId: transferItems.id,
  agreementId: transferItems.agreementId,
  agreementNumber: agreements.number,
  toFacilityId: transferItems.toFacilityId,
  techniqueId: transferItems.techniqueId,
  code: techniques.code,
  name: techniques.name,
  dueOn: transferItems.targetDate,
  fromFacilityId: transferItems.fromFacilityId,
};

export type PlannableLine = SolverLine & { agreementNumber: string; toName: string };

const site = aliasedTable(facilities, "site");

/**
 * The open lines a facility supports that no rotation serves from `from` on: the plan form's
 * choices and a plan's default lines, grouped by agreement in order.
 */
export function plannableLines(db: Tx, facilityId: number, from: string, released: readonly number[] = [], locale: Locale = "vi"): PlannableLine[] {
  return db
    .select({ ...lineColumns, toName: facilityShortNameSql(locale, site) })
    .from(transferItems)
    .innerJoin(site, eq(site.id, transferItems.toFacilityId))
    .innerJoin(agreements, eq(agreements.id, transferItems.agreementId))
    .innerJoin(techniques, eq(techniques.id, transferItems.techniqueId))
    .where(and(supportedBy(facilityId), openLine(), sql`not ${servedCondition(from, released)}`))
    .orderBy(agreements.number, transferItems.phase, transferItems.priority, techniques.chapterNumber, techniques.number)
    .all()
    .map(({ fromFacilityId: _from, ...line }) => line);
}

/**
 * Asked lines, each checked to be the facility's own (it supports the agreement and the line
 * starts from it) and still open; a line that fails is refused by its code. Lines a rotation
 * already serves are left out (a re-plan hands on the lines first asked).
 */
function askedLines(db: Tx, facilityId: number, ids: readonly number[], from: string, released: readonly number[], lenient: boolean): PlannableLine[] {
  const unique = [...new Set(ids)];
  if (unique.length === 0 && !lenient) throw new DomainError("solver:errors.noLines", { field: "transferItemIds" });
  if (unique.length === 0) return [];
  const rows = db
    .select({
      ...lineColumns,
      agreementStatus: agreements.status,
      stage: transferItems.stage,
      deferredOn: transferItems.deferredOn,
      supporting: sql<number>`exists (select 1 from ${agreementParties} p where p.agreement_id = ${transferItems.agreementId} and p.facility_id = ${facilityId} and p.role = 'supporting')`,
      served: sql<number>`${servedCondition(from, released)}`,
      toName: facilityShortNameSql("vi", site),
    })
    .from(transferItems)
    .innerJoin(site, eq(site.id, transferItems.toFacilityId))
    .innerJoin(agreements, eq(agreements.id, transferItems.agreementId))
    .innerJoin(techniques, eq(techniques.id, transferItems.techniqueId))
    .where(inArray(transferItems.id, unique))
    .all();
  if (rows.length !== unique.length) throw new DomainError("solver:errors.unknownLine", { field: "transferItemIds" });
  const lines: PlannableLine[] = [];
  for (const row of rows) {
    const params = { code: row.code, number: row.agreementNumber };
    if (row.fromFacilityId !== facilityId || !row.supporting) throw new DomainError("solver:errors.lineNotOwn", { field: "transferItemIds", params });
    if (row.stage === "accepted" || row.deferredOn !== null || !(OPEN_AGREEMENT_STATUSES as readonly string[]).includes(row.agreementStatus)) {
      // A re-plan drops a line closed since the first plan; a new request is told.
      if (lenient) continue;
      throw new DomainError("solver:errors.lineClosed", { field: "transferItemIds", params });
    }
    if (row.served) continue;
    lines.push({
      transferItemId: row.transferItemId,
      agreementId: row.agreementId,
      agreementNumber: row.agreementNumber,
      toFacilityId: row.toFacilityId,
      techniqueId: row.techniqueId,
      code: row.code,
      name: row.name,
      dueOn: row.dueOn,
      toName: row.toName,
    });
  }
  return lines;
}

/**
 * Person-months the Project 1816 quota asks over the period, less those rotations already
 * scheduled in it: each calendar year's quota (set, else the guide's) counts for the share of
 * that year the period covers.
 */
function quotaMonthsOpen(db: Tx, facility: { id: number; beds: number }, period: DateRange, released: readonly number[]): number {
  const firstYear = Number(period.start.slice(0, 4));
  const lastYear = Number(period.end.slice(0, 4));
  const set = new Map(
    db
      .select({ year: rotationQuotas.year, staffQuota: rotationQuotas.staffQuota })
      .from(rotationQuotas)
      .where(and(eq(rotationQuotas.facilityId, facility.id), gte(rotationQuotas.year, firstYear), lte(rotationQuotas.year, lastYear)))
      .all()
      .map((r) => [r.year, r.staffQuota]),
  );
  let asked = 0;
  for (let year = firstYear; year <= lastYear; year++) {
    const yearRange = { start: `${year}-01-01`, end: `${year}-12-31` };
    const covered = daysInclusive({ start: period.start > yearRange.start ? period.start : yearRange.start, end: period.end < yearRange.end ? period.end : yearRange.end });
    asked += (quotaPersonMonths(effectiveQuota(set.get(year) ?? null, facility.beds)) * covered) / daysInclusive(yearRange);
  }
  const scheduled =
    db.get<{ days: number | null }>(sql`
      select sum(max(0, julianday(min(end_on, ${period.end})) - julianday(max(start_on, ${period.start})) + 1)) as days
        from ${rotations}
       where from_facility_id = ${facility.id} and status <> 'cancelled' and start_on <= ${period.end} and end_on >= ${period.start}
         ${released.length ? sql`and id not in (${sql.join(released.map((id) => sql`${id}`), sql`, `)})` : sql``}`)?.days ?? 0;
  return Math.max(0, Math.round((asked - scheduled / DAYS_PER_MONTH) * 100) / 100);
}

/** The solver's input for a request, checked against the actor's scope and the facility's lines. */
export function loadSolverInput(db: Tx, actor: Actor, request: PlanRequest): SolverInput & { lines: PlannableLine[] } {
  const facility = requirePlanningFacility(db, actor, request.facilityId);
  const period = planPeriod(request.firstMonth, request.months);
  const overrideExtra = request.overrideExtra ?? 0;
  if (!Number.isInteger(overrideExtra) || overrideExtra < 0 || overrideExtra > 50) throw new DomainError("common:validation.invalid", { field: "overrideExtra" });
  const overrideReason = request.overrideReason?.trim() || null;
  if (overrideExtra > 0 && !overrideReason) throw new DomainError("rotations:errors.overrideReason", { field: "overrideReason" });
  const released = [...(request.releasedRotationIds ?? [])];

  // A re-plan (it hands on previous proposals or released rotations) keeps to the lines still open.
  const lenient = request.previous !== undefined || request.releasedRotationIds !== undefined;
  const lines = request.transferItemIds
    ? askedLines(db, facility.id, request.transferItemIds, period.start, released, lenient)
    : plannableLines(db, facility.id, period.start, released);

  // Staff: who is active, what they perform, what holds them, their rotations of the last year.
  const people = db
    .select({ id: staff.id, fullName: staff.fullName })
    .from(staff)
    .where(and(eq(staff.facilityId, facility.id), eq(staff.active, true)))
    .orderBy(staff.fullName, staff.id)
    .all();
  const performs = new Map<number, number[]>();
  for (const row of db
    .select({ staffId: staffTechniques.staffId, techniqueId: staffTechniques.techniqueId })
    .from(staffTechniques)
    .innerJoin(staff, eq(staff.id, staffTechniques.staffId))
    .where(and(eq(staff.facilityId, facility.id), eq(staff.active, true)))
    .all()) {
    performs.set(row.staffId, [...(performs.get(row.staffId) ?? []), row.techniqueId]);
  }
  const releasedSet = new Set(released);
  const commitments = listCommitmentsByStaff(db, { facilityId: facility.id }, period);
  const priorStart = addMonthsIso(period.start, -12);
  const priorEnd = addDaysIso(period.start, -1);
  const prior = new Map(
    db
      .all<{ staffId: number; days: number }>(sql`
        select staff_id as staffId, sum(max(0, julianday(min(end_on, ${priorEnd})) - julianday(max(start_on, ${priorStart})) + 1)) as days
          from ${rotations}
         where from_facility_id = ${facility.id} and status <> 'cancelled' and start_on <= ${priorEnd} and end_on >= ${priorStart}
         group by staff_id`)
      .map((r) => [r.staffId, Math.round((r.days / DAYS_PER_MONTH) * 100) / 100]),
  );
  const staffInput: SolverStaff[] = people.map((p) => ({
    id: p.id,
    fullName: p.fullName,
    performs: performs.get(p.id) ?? [],
    commitments: (commitments.get(p.id) ?? []).filter((c) => !(c.kind === "rotation" && releasedSet.has(c.id))),
    priorMonths: prior.get(p.id) ?? 0,
  }));

  // The agreements of the lines (and of the previous proposals) with their terms and parties.
  const agreementIds = [...new Set([...lines.map((l) => l.agreementId), ...(request.previous ?? []).map((p) => p.agreementId)])];
  const agreementInput = agreementIds.map((id) => {
    const term = getAgreementTerm(db, id)!;
    return { id: term.id, number: term.number, status: term.status, startOn: term.startOn, endOn: term.endOn, minRotationMonths: term.minRotationMonths, parties: term.parties };
  });
  const siteIds = [...new Set(lines.map((l) => l.toFacilityId))];
  const sites: SolverSite[] = siteIds.length
    ? db
        .select({ facilityId: facilities.id, name: facilities.shortName, kind: facilities.kind, level: facilities.level })
        .from(facilities)
        .where(inArray(facilities.id, siteIds))
        .all()
    : [];

  // The facility's other absences stay; a released rotation's range is taken out once.
  const othersAway = facilityAbsences(db, facility.id, period, null);
  if (released.length) {
    const freed = db.select({ start: rotations.startOn, end: rotations.endOn }).from(rotations).where(inArray(rotations.id, released)).all();
    for (const range of freed) {
      const at = othersAway.findIndex((r) => r.start === range.start && r.end === range.end);
      if (at !== -1) othersAway.splice(at, 1);
    }
  }

  return {
    facility: { id: facility.id, name: facility.name, kind: facility.kind, level: facility.level, limit: absenceLimit(facility) },
    period,
    staff: staffInput,
    lines,
    agreements: agreementInput,
    sites,
    othersAway,
    quotaMonthsOpen: quotaMonthsOpen(db, facility, period, released),
    overrideExtra,
    overrideReason,
    previous: request.previous ?? [],
    timeLimitSeconds: request.timeLimitSeconds,
  };
}

/** The agreements' own rows for names on the page (number and title), by id. */
export function agreementNames(db: Tx, ids: readonly number[]): Map<number, { number: string; title: string }> {
  if (ids.length === 0) return new Map();
  return new Map(
    db
      .select({ id: agreements.id, number: agreements.number, title: agreements.title })
      .from(agreements)
      .where(inArray(agreements.id, [...ids]))
      .all()
      .map((a) => [a.id, { number: a.number, title: a.title }]),
  );
}

/**
 * Facilities the actor may plan for: its own for a facility role; for a wider reach, every
 * facility that supports an open line and whose rotations the actor manages.
 */
export function planningFacilities(db: Tx, actor: Actor, locale: Locale = "vi"): { value: number; label: string }[] {
  const own = ownFacilityId(actor);
  const rows = db
    .select({ value: facilities.id, label: facilityShortNameSql(locale), provinceCode: facilities.provinceCode })
    .from(facilities)
    .where(
      own !== null
        ? eq(facilities.id, own)
        : sql`${facilities.id} in (select ti.from_facility_id from ${transferItems} ti join ${agreements} a on a.id = ti.agreement_id
                                  where ti.stage <> 'accepted' and ti.deferred_on is null and a.status in ${sqlList(OPEN_AGREEMENT_STATUSES)})`,
    )
    .orderBy(facilityShortNameSql(locale))
    .all();
  return rows.filter((f) => canChange(actor, "rotations.manage", { facilityId: f.value, provinceCode: f.provinceCode })).map(({ value, label }) => ({ value, label }));
}
