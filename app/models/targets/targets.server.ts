// Targets set by the department: computed indicators (from the ledger, acceptances,
// rotations and enrolments, all SQL counts over indexed columns) and counted milestones
// entered by hand (target_measurements). Achievement = value / target value. The commands
// that change targets live in commands.server.ts.
import { and, desc, eq, sql, type SQL } from "drizzle-orm";
import type { Db } from "~/db/client.server";
import { facilities, provinces, targetMeasurements, targets, type Target } from "~/db/schema";
import { sqlList } from "~/db/sql";
import { DELIVERED_ROTATION_STATUSES, type Locale } from "~/models/enums";
import { facilityNameSql } from "~/models/facilities/names.server";
import { canChange, canRead, canReadProvinceRecord, type Actor } from "~/models/access/policy";
import { facilityScopeCondition, provinceRecordScopeCondition } from "~/models/access/scope-sql.server";
import { addDaysIso } from "~/models/dates";
import { countFigurePairs } from "~/models/reports/drill-down.server";
import { targetForecast, type TargetForecast } from "~/models/reports/forecast.server";
import { paginate, type Page, type PageRequest } from "~/utils/pagination";
import { resolvedLocallySql, resolvedShare } from "~/models/tele/reports";
import { achievementPercent, targetStatus, type TargetStatus } from "./rules";

const SYSTEM: Actor = { userId: 0, role: "admin", facilityId: null, provinceCode: null };

/** Facilities a target covers, as SQL over a facility-id column. */
function inScope(target: Target, column: SQL): SQL {
  if (target.facilityId) return sql`${column} = ${target.facilityId}`;
  return sql`${column} in (select id from facilities where province_code = ${target.provinceCode})`;
}

/**
 * The indicator's value on `asOf` (the period end, or today while the period runs):
 * - new_cross_level_techniques: official cross-level pairs counted from within the period
 *   and performed on asOf (the reports' "change" figure, baseline = the day before the start);
 * - techniques_accepted: transfer items accepted within the period by a facility in scope;
 * - staff_rotated: distinct staff of facilities in scope sent on a confirmed or completed
 *   rotation starting within the period;
 * - people_trained: distinct staff of facilities in scope who completed a course within it;
 * - manual_count: the latest measurement on or before asOf;
 * - tele_consultations: tele-consultations presented by a facility in scope (the spoke), held
 *   within the period up to asOf;
 * - tele_resolved_locally_share: of those with an outcome, the whole percent resolved locally
 *   (advice only or treated at the spoke); 0 when there are none.
 */
export function computeTargetValue(db: Db, target: Target, today: string): number {
  const asOf = target.periodEnd < today ? target.periodEnd : today;
  if (asOf < target.periodStart) return target.indicator === "manual_count" ? target.baseline : 0;
  switch (target.indicator) {
    case "new_cross_level_techniques":
      return countFigurePairs(
        db,
        SYSTEM,
        {
          metric: "change",
          category: "official",
          start: target.periodStart,
          end: asOf,
          baselineEnd: addDaysIso(target.periodStart, -1),
          filter: target.facilityId ? { facilityId: target.facilityId } : { provinceCode: target.provinceCode },
        },
        asOf,
      );
    case "techniques_accepted":
      return (
        db.get<{ n: number }>(sql`select count(*) as n from transfer_items
          where stage = 'accepted' and accepted_on between ${target.periodStart} and ${asOf}
            and ${inScope(target, sql`to_facility_id`)}`)?.n ?? 0
      );
    case "staff_rotated":
      return (
        db.get<{ n: number }>(sql`select count(distinct staff_id) as n from rotations
          where status in ${sqlList(DELIVERED_ROTATION_STATUSES)} and start_on between ${target.periodStart} and ${asOf}
            and ${inScope(target, sql`from_facility_id`)}`)?.n ?? 0
      );
    case "people_trained":
      return (
        db.get<{ n: number }>(sql`select count(distinct e.staff_id) as n from enrolments e
          join staff s on s.id = e.staff_id
          where e.status = 'completed' and e.completed_on between ${target.periodStart} and ${asOf}
            and ${inScope(target, sql`s.facility_id`)}`)?.n ?? 0
      );
    case "tele_consultations":
    case "tele_resolved_locally_share": {
      const counts = db.get<{ n: number; resolved: number; withOutcome: number }>(sql`select count(*) as n,
          coalesce(sum(${resolvedLocallySql(sql`outcome`)}), 0) as resolved, coalesce(sum(outcome is not null), 0) as withOutcome
        from tele_sessions
        where kind = 'consultation' and held_on between ${target.periodStart} and ${asOf} and ${inScope(target, sql`spoke_facility_id`)}`);
      if (target.indicator === "tele_consultations") return counts?.n ?? 0;
      return resolvedShare(counts?.resolved ?? 0, counts?.withOutcome ?? 0, 0) ?? 0;
    }
    case "manual_count": {
      const latest = db
        .select({ value: targetMeasurements.value })
        .from(targetMeasurements)
        .where(and(eq(targetMeasurements.targetId, target.id), sql`${targetMeasurements.measuredOn} <= ${asOf}`))
        .orderBy(desc(targetMeasurements.measuredOn), desc(targetMeasurements.id))
        .limit(1)
        .get();
      return latest?.value ?? target.baseline;
    }
  }
}

export type TargetView = Target & {
  scopeName: string;
  value: number;
  /** Percent with one decimal: 103.7. */
  percent: number;
  status: TargetStatus;
  /** Cross-level targets still running: the forecast range at the period end and the chance of reaching the target. */
  forecast: TargetForecast | null;
};

function toView(db: Db, target: Target & { scopeName: string }, today: string): TargetView {
  const value = computeTargetValue(db, target, today);
  return {
    ...target,
    value,
    percent: achievementPercent(value, target.targetValue),
    status: targetStatus(target, value, today),
    forecast: targetForecast(db, target, value, today, SYSTEM),
  };
}

/** The target's scope (a facility, else its province) named in the reader's language. */
function scopeName(locale: Locale): SQL<string> {
  const provinceName = locale === "en" ? sql`coalesce(nullif(trim(${provinces.nameEn}), ''), ${provinces.name})` : sql`${provinces.name}`;
  // The facility column is null for a province-wide target (left join), so the province names it.
  return sql<string>`coalesce(${facilityNameSql(locale)}, ${provinceName}, '')`;
}

/** Targets the actor may read, latest period first, with their computed achievement. */
export function listTargets(
  db: Db,
  actor: Actor,
  options: { provinceCode?: string | null; page: PageRequest },
  today: string,
  locale: Locale,
): Page<TargetView> {
  const scopeFilter = sql`(${facilityScopeCondition(actor, targets.facilityId)} or ${provinceRecordScopeCondition(actor, targets.provinceCode)})`;
  const where = and(scopeFilter, options.provinceCode ? eq(targets.provinceCode, options.provinceCode) : undefined);
  return paginate(
    options.page,
    () => db.select({ n: sql<number>`count(*)` }).from(targets).where(where).get()?.n ?? 0,
    (at) =>
      db
        .select({ target: targets, scopeName: scopeName(locale) })
        .from(targets)
        .leftJoin(facilities, eq(facilities.id, targets.facilityId))
        .leftJoin(provinces, eq(provinces.code, targets.provinceCode))
        .where(where)
        .orderBy(desc(targets.periodEnd), desc(targets.id))
        .limit(at.pageSize)
        .offset(at.offset)
        .all()
        .map((r) => toView(db, { ...r.target, scopeName: r.scopeName }, today)),
  );
}

export type TargetDetail = TargetView & {
  measurements: (typeof targetMeasurements.$inferSelect)[];
  canManage: boolean;
};

export function getTarget(db: Db, actor: Actor, targetId: number, today: string, locale: Locale): TargetDetail | null {
  const row = db
    .select({ target: targets, scopeName: scopeName(locale) })
    .from(targets)
    .leftJoin(facilities, eq(facilities.id, targets.facilityId))
    .leftJoin(provinces, eq(provinces.code, targets.provinceCode))
    .where(eq(targets.id, targetId))
    .get();
  if (!row) return null;
  const scope = { facilityId: row.target.facilityId, provinceCode: row.target.provinceCode };
  if (!canRead(actor, scope) && !canReadProvinceRecord(actor, scope.provinceCode)) return null;
  return {
    ...toView(db, { ...row.target, scopeName: row.scopeName }, today),
    measurements: db
      .select()
      .from(targetMeasurements)
      .where(eq(targetMeasurements.targetId, targetId))
      .orderBy(desc(targetMeasurements.measuredOn), desc(targetMeasurements.id))
      .all(),
    canManage: canChange(actor, "targets.manage", scope),
  };
}

/** Targets of a province that are at risk or missed (the dashboard's warning list). */
export function targetsNeedingAttention(db: Db, actor: Actor, provinceCode: string, today: string, locale: Locale): TargetView[] {
  return listTargets(db, actor, { provinceCode, page: { page: 1, pageSize: 100, offset: 0 } }, today, locale).rows.filter(
    (t) => t.status === "at_risk" || t.status === "missed",
  );
}
