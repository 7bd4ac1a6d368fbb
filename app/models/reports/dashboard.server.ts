// The department dashboard: a province's headline figures in the form newspapers print them
// ("compared with 2020, provincial hospitals added 1,268 cross-level techniques; regional
// units and facilities perform 4,028"), the facilities and chapters that moved most, and the
// targets that need attention. Every figure carries the selector of its drill-down.
import { sql } from "drizzle-orm";
import type { Db } from "~/db/client.server";
import { canRead, readsEverything, type Actor } from "~/models/access/policy";
import { ForbiddenError, NotFoundError } from "~/models/errors";
import { NON_CARE_FACILITY_KINDS, type Level } from "~/models/enums";
import { targetsNeedingAttention, type TargetView } from "~/models/targets/targets.server";
import { buildReport, DEFAULT_BASELINE_YEAR, yearPeriods, type ReportRow } from "./adoption-report.server";
import { performedOnSql } from "~/models/adoption/rules";
import { addDaysIso } from "~/models/dates";
import { apartPairSql, facilitySetSql } from "./pairs-sql.server";
import { reportQuery } from "./params";
import { groupFilter, type Category, type GroupFilter, type ReportMetric } from "./registry";
import type { Locale } from "~/models/enums";

/** A drill-down of the province's figures (the route /reports/pairs reads the query back). */
export type DrillParams = GroupFilter & {
  provinceCode: string;
  metric: ReportMetric;
  category: Category;
  year: number;
  baselineYear: number;
  /** The pairs counted apart instead of the cross-level ones. */
  apart?: boolean;
};

export function drillHref(p: DrillParams): string {
  return `/reports/pairs?${reportQuery(p)}`;
}

export type Headline = { official: number; all: number; href: string; hrefAll: string };

export type Mover = { key: string; label: string; change: number; cumulative: number; href: string };

export type DepartmentDashboard = {
  provinceCode: string;
  provinceName: string;
  reportDate: string;
  baselineYear: number;
  reportYear: number;
  provincialAdded: Headline;
  regionalPerforming: Headline;
  facilities: Mover[];
  chapters: Mover[];
  targets: TargetView[];
  pendingRequests: number;
  /** Performed on the report date but outside the cross-level measure: techniques without a
   *  legacy level (only newer lists name them) and new techniques that no list names yet. */
  apart: { unclassified: number; newTechniques: number; href: string };
};

const PROVINCIAL: Level[] = ["B"];
const REGIONAL: Level[] = ["C", "D"];

export function getDepartmentDashboard(
  db: Db,
  actor: Actor,
  provinceCode: string,
  today: string,
  baselineYear = DEFAULT_BASELINE_YEAR,
  locale: Locale = "vi",
): DepartmentDashboard {
  const province = db.get<{ code: string; name: string } | undefined>(sql`select code, name from provinces where code = ${provinceCode}`);
  if (!province) throw new NotFoundError();
  if (!canRead(actor, { facilityId: null, provinceCode })) throw new ForbiddenError();
  // The dashboard shows the report year only (its change since the baseline year and its
  // cumulative figure), so the years between are one period: the same figures from three date
  // ranges per group instead of one per year.
  const years = yearPeriods(baselineYear, today);
  const periods = years.length > 2 ? [years[0], { ...years[years.length - 1], start: addDaysIso(years[0].end, 1) }] : years;
  const reportYear = Number(today.slice(0, 4));

  // Both headline figures come from one pass grouped by level (on the report date); their
  // links open the drill-down with the same definition (tests check that they agree).
  const byLevel = buildReport(db, actor, { periods, reportDate: today, dimension: "level", filter: { provinceCode } }, baselineYear);
  const last = periods.length - 1;
  const sumOver = (levels: Level[], metric: "change" | "cumulative", category: Category) =>
    byLevel.rows.filter((r) => levels.includes(r.key as Level)).reduce((s, r) => s + r.periods[last][category][metric], 0);
  const headline = (levels: Level[], metric: "change" | "cumulative"): Headline => {
    const params = { provinceCode, levels, metric, year: reportYear, baselineYear };
    return {
      official: sumOver(levels, metric, "official"),
      all: sumOver(levels, metric, "all"),
      href: drillHref({ ...params, category: "official" }),
      hrefAll: drillHref({ ...params, category: "all" }),
    };
  };

  const movers = (dimension: "facility" | "chapter"): Mover[] => {
    const report = buildReport(db, actor, { periods, reportDate: today, dimension, filter: { provinceCode }, locale }, baselineYear);
    return report.rows
      .map((row: ReportRow) => ({
        key: row.key,
        label: row.label,
        change: row.periods[last].official.change,
        cumulative: row.periods[last].official.cumulative,
        href: drillHref({
          provinceCode,
          metric: "change",
          category: "official",
          year: reportYear,
          baselineYear,
          ...groupFilter(dimension, row.key),
        }),
      }))
      .filter((m) => m.change > 0)
      .sort((a, b) => b.change - a.change || a.label.localeCompare(b.label, locale))
      .slice(0, 5);
  };

  const pending = db.get<{ n: number }>(sql`select count(*) as n from technique_list_requests r
    join facilities f on f.id = r.facility_id
    where r.status = 'submitted' and f.province_code = ${provinceCode}`);

  return {
    provinceCode,
    provinceName: province.name,
    reportDate: today,
    baselineYear,
    reportYear,
    provincialAdded: headline(PROVINCIAL, "change"),
    regionalPerforming: headline(REGIONAL, "cumulative"),
    facilities: movers("facility"),
    chapters: movers("chapter"),
    targets: targetsNeedingAttention(db, actor, provinceCode, today, locale),
    pendingRequests: pending?.n ?? 0,
    apart: {
      ...countApart(db, actor, provinceCode, today),
      // Every technique recorded (approved or not) performed on the report date: the drill-down's
      // cumulative "all recorded" figure of the current year, narrowed to the pairs counted apart.
      href: drillHref({ provinceCode, apart: true, metric: "cumulative", category: "all", year: reportYear, baselineYear }),
    },
  };
}

/** Pairs performed on `date` that the cross-level measure cannot classify, counted apart. */
function countApart(db: Db, actor: Actor, provinceCode: string, date: string): { unclassified: number; newTechniques: number } {
  // The pairs of pairsSql(…, { provinceCode, apartOnly: true }), read from their partial index
  // (a province holds some 30,000 pairs, a few of them counted apart), split by kind.
  const row = db.get<{ unclassified: number | null; newTechniques: number | null }>(sql`
    select sum(t.kind = 'listed') as unclassified, sum(t.kind = 'new') as newTechniques
    from facilities fa cross join adoption_pairs p on p.facility_id = fa.id and ${apartPairSql("p")} and p.started_on <= ${date}
    join techniques t on t.id = p.technique_id
    where fa.id in (${facilitySetSql(actor, { provinceCode }, date)}) and ${performedOnSql(sql`${date}`)}`);
  return { unclassified: row?.unclassified ?? 0, newTechniques: row?.newTechniques ?? 0 };
}

/**
 * The province a dashboard opens on: the one asked for (the dashboard itself refuses a province
 * outside the reader's scope), else the reader's own. Administrators have none: they open on the
 * province with the most active care facilities, the largest network the data holds.
 */
export function dashboardProvince(db: Db, actor: Actor, requested: string | null): string {
  if (requested) return requested;
  if (actor.provinceCode) return actor.provinceCode;
  if (readsEverything(actor)) {
    const kinds = sql.join(NON_CARE_FACILITY_KINDS.map((k) => sql`${k}`), sql`, `);
    const largest = db.get<{ code: string } | undefined>(sql`select p.code from provinces p
      left join facilities f on f.province_code = p.code and f.active = 1 and f.kind not in (${kinds})
      group by p.code order by count(f.id) desc, p.code limit 1`);
    if (largest) return largest.code;
    throw new NotFoundError();
  }
  throw new ForbiddenError();
}
