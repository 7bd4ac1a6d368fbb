// What the report pages ask for: the year report, the drill-down behind a number and the
// six- / twelve-month period summaries (Circular 38/2024), each checked against the actor's
// scope. Routes call one of these.
import type { Db } from "~/db/client.server";
import type { Actor } from "~/models/access/policy";
import { addDaysIso } from "~/models/dates";
import { DomainError, ForbiddenError } from "~/models/errors";
import type { Page, PageRequest } from "~/utils/pagination";
import { buildReport, getAdoptionReport, type AdoptionReport, type Period } from "./adoption-report.server";
import { allFigurePairs, listFigurePairs, type DrillDownRow, type FigureSelector } from "./drill-down.server";
import type { PairFilter } from "./pairs-sql.server";
import type { DrillParamsParsed, PeriodKind, ReportParams } from "./params";

/** Department officers ask only about their province; facility roles only about their facility. */
export function assertReportScope(actor: Actor, filter: { provinceCode?: string | null; facilityId?: number | null }): void {
  if (actor.role === "department" && filter.provinceCode && filter.provinceCode !== actor.provinceCode) throw new ForbiddenError();
  if ((actor.role === "director" || actor.role === "trainer" || actor.role === "viewer") && filter.facilityId && filter.facilityId !== actor.facilityId) {
    throw new ForbiddenError();
  }
}

export function toPairFilter(p: ReportParams): PairFilter {
  return {
    provinceCode: p.provinceCode,
    levels: p.levels,
    competences: p.competence ? [p.competence] : [],
    facilityId: p.facilityId,
    chapterNumber: p.chapterNumber,
    crossOnly: p.crossOnly,
  };
}

export function loadAdoptionReport(db: Db, actor: Actor, params: ReportParams, today: string): AdoptionReport {
  assertReportScope(actor, params);
  return getAdoptionReport(db, actor, { baselineYear: params.baselineYear, dimension: params.dimension, filter: toPairFilter(params) }, today);
}

export function drillSelector(params: DrillParamsParsed, today: string): FigureSelector {
  const start = params.from ?? `${params.year}-01-01`;
  const to = params.to ?? `${params.year}-12-31`;
  return {
    metric: params.metric,
    category: params.category,
    start,
    end: to > today ? today : to,
    // A custom period is compared with the day before it starts; a year with the baseline year.
    baselineEnd: params.from ? addDaysIso(params.from, -1) : `${params.baselineYear}-12-31`,
    filter: toPairFilter(params),
  };
}

export function loadDrillDown(db: Db, actor: Actor, params: DrillParamsParsed, today: string, page: PageRequest): Page<DrillDownRow> {
  assertReportScope(actor, params);
  return listFigurePairs(db, actor, drillSelector(params, today), today, page);
}

export function loadDrillDownAll(db: Db, actor: Actor, params: DrillParamsParsed, today: string): DrillDownRow[] {
  assertReportScope(actor, params);
  return allFigurePairs(db, actor, drillSelector(params, today), today);
}

/**
 * The reporting period of Circular 38/2024 and the one before it: "h1" is January–June of
 * `year` (compared with July–December of the year before); "year" the calendar year
 * (compared with the year before). The last period ends on the report date at the latest.
 */
export function circularPeriods(kind: PeriodKind, year: number, today: string): Period[] {
  const periods: Period[] =
    kind === "h1"
      ? [
          { key: `${year - 1}-H2`, start: `${year - 1}-07-01`, end: `${year - 1}-12-31` },
          { key: `${year}-H1`, start: `${year}-01-01`, end: `${year}-06-30` },
        ]
      : [
          { key: String(year - 1), start: `${year - 1}-01-01`, end: `${year - 1}-12-31` },
          { key: String(year), start: `${year}-01-01`, end: `${year}-12-31` },
        ];
  if (periods[1].start > today) {
    throw new DomainError("adoption:errors.periodInFuture", { field: "year", params: { year } });
  }
  return periods.map((p) => (p.end > today ? { ...p, end: today } : p));
}

/**
 * Period summary per facility or province: new pairs in the period, pairs performed at its
 * end, and of the new ones those still performed (change against the previous period's end).
 */
export function loadPeriodSummary(
  db: Db,
  actor: Actor,
  options: { kind: PeriodKind; year: number; dimension: "facility" | "province"; provinceCode: string | null; crossOnly: boolean },
  today: string,
): AdoptionReport {
  assertReportScope(actor, options);
  const periods = circularPeriods(options.kind, options.year, today);
  return buildReport(
    db,
    actor,
    {
      periods,
      reportDate: today,
      dimension: options.dimension,
      filter: { provinceCode: options.provinceCode, crossOnly: options.crossOnly },
      baselineIndex: 0,
    },
    options.year,
  );
}

/** The day before a date, for "compared with" labels. */
export const dayBefore = (date: string) => addDaysIso(date, -1);
