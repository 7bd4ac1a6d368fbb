// Report and drill-down parameters read from a URL (pure: no clock; the report year comes in).
import { z } from "zod";
import { LEVELS, type Level } from "~/models/enums";
import { DomainError } from "~/models/errors";
import { choice, LIMITS, optionalDate, optionalId, optionalNumber, optionalText } from "~/models/fields";

import {
  COMPETENCE_GROUPS,
  DEFAULT_DIMENSION,
  REPORT_CATEGORIES,
  REPORT_DIMENSIONS,
  REPORT_METRICS,
  type Category,
  type CompetenceGroup,
  type ReportDimension,
  type ReportMetric,
} from "./registry";

export const PERIOD_KINDS = ["h1", "year"] as const;
export type PeriodKind = (typeof PERIOD_KINDS)[number];

const year = optionalNumber((n) => n.int().min(1990).max(2100));

const reportSchema = z.object({
  baseline: year,
  dimension: choice(REPORT_DIMENSIONS).default(DEFAULT_DIMENSION),
  measure: choice(["cross", "all"]).default("cross"),
  province: optionalText(LIMITS.regionCode),
  levels: optionalText(LIMITS.search),
  competence: choice(COMPETENCE_GROUPS).optional(),
  facility: optionalId,
  chapter: optionalNumber((n) => n.int().min(1).max(99)),
});

const drillSchema = reportSchema.extend({
  metric: choice(REPORT_METRICS).default("cumulative"),
  category: choice(REPORT_CATEGORIES).default("official"),
  year,
  /** A period other than the calendar year (six-month reports): inclusive dates. */
  from: optionalDate,
  to: optionalDate,
});

export type ReportParams = {
  baselineYear: number;
  dimension: ReportDimension;
  crossOnly: boolean;
  provinceCode: string | null;
  levels: Level[];
  /** The facility's competence level on the report date ("none": not classified). */
  competence: CompetenceGroup | null;
  facilityId: number | null;
  chapterNumber: number | null;
};

export type DrillParamsParsed = ReportParams & {
  /** `measure=apart`: the pairs counted apart (see PairFilter.apartOnly), a drill-down only. */
  apart: boolean;
  metric: ReportMetric;
  category: Category;
  year: number;
  from: string | null;
  to: string | null;
};

function parseLevels(text: string | undefined): Level[] {
  if (!text) return [];
  return text
    .split(",")
    .map((l) => l.trim().toUpperCase())
    .filter((l): l is Level => (LEVELS as readonly string[]).includes(l));
}

function entries(url: URL) {
  return Object.fromEntries([...url.searchParams.entries()].filter(([, v]) => v !== ""));
}

/** Throws a 400 DomainError for unreadable values and for a baseline after the report year. */
export function parseReportParams(url: URL, reportYear: number, defaultBaseline = 2020): ReportParams {
  const parsed = reportSchema.safeParse(entries(url));
  if (!parsed.success) throw new DomainError("reports:errors.badParams", { field: parsed.error.issues[0]?.path.join(".") ?? null });
  const p = parsed.data;
  const baselineYear = p.baseline ?? defaultBaseline;
  if (baselineYear > reportYear) {
    throw new DomainError("reports:errors.baselineAfterReport", { field: "baseline", params: { baseline: baselineYear, year: reportYear } });
  }
  return {
    baselineYear,
    dimension: p.dimension,
    crossOnly: p.measure === "cross",
    provinceCode: p.province || null,
    levels: parseLevels(p.levels),
    competence: p.competence ?? null,
    facilityId: p.facility ?? null,
    chapterNumber: p.chapter ?? null,
  };
}

/** The measure only a drill-down takes: the list behind the dashboard's "counted apart" line. */
const APART_MEASURE = "apart";

export function parseDrillParams(url: URL, reportYear: number): DrillParamsParsed {
  const apart = url.searchParams.get("measure") === APART_MEASURE;
  const reportUrl = new URL(url);
  if (apart) reportUrl.searchParams.set("measure", "all");
  const base = parseReportParams(reportUrl, reportYear);
  const parsed = drillSchema.safeParse(entries(reportUrl));
  if (!parsed.success) throw new DomainError("reports:errors.badParams", { field: parsed.error.issues[0]?.path.join(".") ?? null });
  const year = parsed.data.year ?? reportYear;
  if (year > reportYear || year < base.baselineYear) {
    throw new DomainError("reports:errors.yearOutOfRange", { field: "year", params: { year, baseline: base.baselineYear, report: reportYear } });
  }
  return { ...base, apart, metric: parsed.data.metric, category: parsed.data.category, year, from: parsed.data.from ?? null, to: parsed.data.to ?? null };
}

/**
 * The report a drill-down's "back" opens: the drill-down's query without the figure's own keys.
 * A list counted apart goes back to the report on every technique (the report has no such measure).
 */
export function drillBackQuery(search: string): string {
  const q = new URLSearchParams(search);
  for (const key of ["metric", "category", "year", "page"]) q.delete(key);
  if (q.get("measure") === APART_MEASURE) q.set("measure", "all");
  return q.toString();
}

/** The query string that reproduces report parameters (for links, exports and drill-downs). */
export function reportQuery(
  p: Partial<ReportParams> & { apart?: boolean; metric?: string; category?: string; year?: number; period?: string; from?: string; to?: string },
): string {
  const q = new URLSearchParams();
  if (p.baselineYear !== undefined) q.set("baseline", String(p.baselineYear));
  if (p.dimension) q.set("dimension", p.dimension);
  if (p.apart) q.set("measure", APART_MEASURE);
  else if (p.crossOnly === false) q.set("measure", "all");
  if (p.provinceCode) q.set("province", p.provinceCode);
  if (p.levels && p.levels.length > 0) q.set("levels", p.levels.join(","));
  if (p.competence) q.set("competence", p.competence);
  if (p.facilityId) q.set("facility", String(p.facilityId));
  if (p.chapterNumber) q.set("chapter", String(p.chapterNumber));
  if (p.metric) q.set("metric", p.metric);
  if (p.category) q.set("category", p.category);
  if (p.year) q.set("year", String(p.year));
  if (p.period) q.set("period", p.period);
  if (p.from) q.set("from", p.from);
  if (p.to) q.set("to", p.to);
  return q.toString();
}
