// What the report pages ask for: the year report, the drill-down behind a number and the
// six- / twelve-month period summaries (Circular 38/2024), each checked against the actor's
// scope. Routes call one of these.
import { sql } from "drizzle-orm";
import type { Db } from "~/db/client.server";
import { filterWithinReach, type Actor } from "~/models/access/policy";
import { addDaysIso } from "~/models/dates";
import { ForbiddenError } from "~/models/errors";
import type { Page, PageRequest } from "~/utils/pagination";
import { buildReport, getAdoptionReport, type AdoptionReport } from "./adoption-report.server";
import { allFigurePairs, listFigurePairs, type DrillDownRow, type FigureSelector } from "./drill-down.server";
import { facilitySetSql, type PairFilter } from "./pairs-sql.server";
import type { DrillParamsParsed, PeriodKind, ReportParams } from "./params";
import type { PeriodDimension } from "./registry";
import { circularPeriods, defaultPeriod } from "./periods";
import type { Locale } from "~/models/enums";

/** Department officers ask only about their province; facility roles only about their facility. */
export function assertReportScope(actor: Actor, filter: { provinceCode?: string | null; facilityId?: number | null }): void {
  if (!filterWithinReach(actor, filter)) throw new ForbiddenError();
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

export function loadAdoptionReport(db: Db, actor: Actor, params: ReportParams, today: string, locale: Locale = "vi"): AdoptionReport {
  assertReportScope(actor, params);
  return getAdoptionReport(db, actor, { baselineYear: params.baselineYear, dimension: params.dimension, filter: toPairFilter(params), locale }, today);
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
    filter: { ...toPairFilter(params), apartOnly: params.apart },
  };
}

export function loadDrillDown(db: Db, actor: Actor, params: DrillParamsParsed, today: string, page: PageRequest, locale: Locale = "vi"): Page<DrillDownRow> {
  assertReportScope(actor, params);
  return listFigurePairs(db, actor, drillSelector(params, today), today, page, locale);
}

export function loadDrillDownAll(db: Db, actor: Actor, params: DrillParamsParsed, today: string, locale: Locale = "vi"): DrillDownRow[] {
  assertReportScope(actor, params);
  return allFigurePairs(db, actor, drillSelector(params, today), today, undefined, locale);
}

export { circularPeriods };

/**
 * The latest date, on or before `today`, from which an official figure of the summary counts
 * (cross-level pairs of the scope); `firstHalfOnly`: the latest such date in January–June of
 * some year. One index seek per facility of the scope, a few more for the six-month case.
 */
export function latestOfficialDate(db: Db, actor: Actor, filter: PairFilter, today: string, options: { firstHalfOnly?: boolean } = {}): string | null {
  const facilitySet = facilitySetSql(actor, filter, today);
  const cross = filter.crossOnly === false ? sql`0, 1` : sql`1`;
  const latestUpTo = (date: string) =>
    db.get<{ d: string | null }>(sql`select max((select max(a.official_on) from adoption_pairs a
        where a.facility_id = f.id and a.cross_level in (${cross}) and a.official_on <= ${date})) as d
      from (${facilitySet}) f`)?.d ?? null;
  let latest = latestUpTo(today);
  if (!options.firstHalfOnly) return latest;
  // The latest date may fall in a second half: the first half of that year, else earlier years.
  while (latest && latest.slice(5, 7) > "06") {
    const inFirstHalf = latestUpTo(`${latest.slice(0, 4)}-06-30`);
    if (inFirstHalf && inFirstHalf.slice(0, 4) === latest.slice(0, 4)) return inFirstHalf;
    latest = inFirstHalf;
  }
  return latest;
}

export type PeriodSummary = {
  kind: PeriodKind;
  year: number;
  /** Figures of the same period of the year before (periods[0]) and of the chosen one (periods[1]). */
  report: AdoptionReport;
};

/**
 * Period summary per facility or province, compared with the same period of the year before:
 * new pairs in each, pairs performed at each end, and of the new ones of the chosen period
 * those still performed. Without a period (or a year) it opens on the last one with data.
 */
export function loadPeriodSummary(
  db: Db,
  actor: Actor,
  options: { kind?: PeriodKind | null; year?: number | null; dimension: PeriodDimension; provinceCode: string | null; crossOnly: boolean; locale?: Locale },
  today: string,
): PeriodSummary {
  assertReportScope(actor, options);
  const filter: PairFilter = { provinceCode: options.provinceCode, crossOnly: options.crossOnly };
  let { kind, year } = options;
  if (!kind || !year) {
    const latest = latestOfficialDate(db, actor, filter, today, { firstHalfOnly: kind === "h1" });
    const choice = defaultPeriod(latest, today);
    kind = kind ?? choice.kind;
    year = year ?? (latest ? choice.year : Number(today.slice(0, 4)));
  }
  const periods = circularPeriods(kind, year, today);
  const current = periods.length - 1;
  // "Still performed" counts from the day after the period before the chosen one.
  const full = buildReport(db, actor, { periods, reportDate: today, dimension: options.dimension, filter, baselineIndex: current - 1, locale: options.locale }, year);
  const pick = <T,>(list: T[]) => [list[0], list[current]];
  const report: AdoptionReport = {
    ...full,
    periods: pick(full.periods),
    total: { ...full.total, periods: pick(full.total.periods) },
    rows: full.rows.map((r) => ({ ...r, periods: pick(r.periods) })),
  };
  return { kind, year, report };
}

/** The day before a date, for "compared with" labels. */
export const dayBefore = (date: string) => addDaysIso(date, -1);
