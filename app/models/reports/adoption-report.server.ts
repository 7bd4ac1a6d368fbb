// Adoption reports over time: per period (calendar years from a baseline, or the six- and
// twelve-month periods of Circular 38/2024), grouped by province, facility level, competence
// level (both on the report date), facility, chapter or not at all. Counting happens in SQL (index range counts of pair-counts, and the
// few suspended pairs of pairs-sql); JavaScript only adds the small per-period results into
// running totals.
import { sql, type SQL } from "drizzle-orm";
import type { Tx } from "~/models/audit/audit.server";
import type { Actor } from "~/models/access/policy";
import { DomainError } from "~/models/errors";
import { reportYears } from "~/models/adoption/rules";
import { addDaysIso } from "~/models/dates";
import { countPairsInRanges, type DateRange } from "./pair-counts.server";
import { resumedOnSql } from "~/models/adoption/rules";
import { countedFromSql, facilitySetSql, type PairFilter } from "./pairs-sql.server";
import type { Period } from "./periods";
import type { Locale } from "~/models/enums";
import { compareGroups, DEFAULT_DIMENSION, REPORT_CATEGORIES, type Category, type ReportDimension } from "./registry";
import { DIMENSION_SQL, groupNames } from "./registry.server";

export const DEFAULT_BASELINE_YEAR = 2020;
export type { Period, ReportDimension };

export type Figures = {
  /** Pairs counted from a date inside the period. */
  new: number;
  /** Pairs performed at the end of the period. */
  cumulative: number;
  /** Of those, pairs counted from after the end of the baseline period. */
  change: number;
};

export type PeriodFigures = { period: string; official: Figures; all: Figures };
export type ReportRow = { key: string; label: string; periods: PeriodFigures[] };

export type AdoptionReport = {
  reportDate: string;
  baselineYear: number;
  dimension: ReportDimension;
  periods: Period[];
  total: ReportRow;
  rows: ReportRow[];
};

/** Calendar years from the baseline to the report date's year, the last one ending on the report date. */
export function yearPeriods(baselineYear: number, reportDate: string): Period[] {
  const reportYear = Number(reportDate.slice(0, 4));
  if (!Number.isInteger(baselineYear) || baselineYear > reportYear) {
    throw new DomainError("reports:errors.baselineAfterReport", {
      field: "baseline",
      params: { baseline: baselineYear, year: reportYear },
    });
  }
  return reportYears(baselineYear, reportYear).map((y) => clampPeriod({ key: String(y), start: `${y}-01-01`, end: `${y}-12-31` }, reportDate));
}

function clampPeriod(period: Period, reportDate: string): Period {
  return period.end > reportDate ? { ...period, end: reportDate } : period;
}

/**
 * The date ranges of the buckets a counted-from date falls in: index 0 is "before the first
 * period", index i + 1 is period i (after the end of the period before it, up to its end).
 */
function bucketRanges(periods: Period[]): DateRange[] {
  return [
    { from: null, to: addDaysIso(periods[0].start, -1) },
    ...periods.map((p, i) => ({ from: i === 0 ? p.start : addDaysIso(periods[i - 1].end, 1), to: p.end })),
  ];
}

type Counts = { newBy: number[]; before: number; inactiveAt: number[]; inactiveAfterBaselineAt: number[] };

/**
 * The figures per group and period. `baselineIndex` is the period whose end the change is
 * measured against (index 0 for year reports: compared with 2020).
 */
export function computeAdoptionFigures(
  db: Tx,
  actor: Actor,
  options: { periods: Period[]; reportDate: string; dimension: ReportDimension; filter?: PairFilter; baselineIndex?: number },
): Map<string, Record<Category, Figures[]>> {
  const { periods, reportDate, dimension } = options;
  const filter = options.filter ?? {};
  const baselineIndex = options.baselineIndex ?? 0;
  const result = new Map<string, Record<Category, Counts>>();
  const entry = (k: string) => {
    let e = result.get(k);
    if (!e) {
      const blank = (): Counts => ({
        newBy: periods.map(() => 0),
        before: 0,
        inactiveAt: periods.map(() => 0),
        inactiveAfterBaselineAt: periods.map(() => 0),
      });
      e = { official: blank(), all: blank() };
      result.set(k, e);
    }
    return e;
  };

  // New pairs per group, category and bucket, counted on the summary's indexes. A group is
  // listed when it has any pair by the report date: when the periods end earlier, one more
  // range (after the last period) finds the groups whose pairs all came later.
  const buckets = bucketRanges(periods);
  const lastEnd = periods[periods.length - 1].end;
  for (const category of REPORT_CATEGORIES) {
    const ranges = category === "all" && lastEnd < reportDate ? [...buckets, { from: addDaysIso(lastEnd, 1), to: reportDate }] : buckets;
    for (const r of countPairsInRanges(db, actor, { filter, reportDate, dimension, category, ranges })) {
      if (r.n === 0) continue;
      const counts = entry(r.k)[category];
      if (r.idx === 0) counts.before += r.n;
      else if (r.idx <= periods.length) counts.newBy[r.idx - 1] += r.n;
    }
  }

  // Pairs suspended by the report date (a few per cent) that are not performed at the end of a
  // period, per group, category and period, and whether they count from after the baseline.
  // A suspension lasts from its event to the next resumption, and a pair is in at most one
  // suspension on a given day, so each suspension removes its pair from the periods whose end
  // falls inside it and on or after the pair's counted-from date. SQL groups the suspensions by
  // the first period end on or after each of those dates; the loop below spreads the counts.
  const endIndex = (dateSql: SQL) =>
    sql`(case when ${dateSql} is null then ${periods.length} ${sql.join(
      periods.map((p, i) => sql`when ${dateSql} <= ${p.end} then ${i}`),
      sql` `,
    )} else ${periods.length} end)`;
  const pausedSelect = (category: Category) => {
    const from = countedFromSql(category);
    return sql`select ${category} as category, p.k as k, ${endIndex(from)} as from_idx, ${endIndex(sql`p.off_on`)} as off_idx,
        ${endIndex(sql`p.back_on`)} as back_idx, (${from} > ${periods[baselineIndex].end}) as after_baseline, count(*) as n
      from s as p where ${from} is not null
      group by 2, 3, 4, 5, 6`;
  };
  // The pairs of pairsSql(…, { suspendedOnly: true }), with the group key computed once per
  // facility (a key of the facility) rather than once per suspension: a national report reads
  // some 40,000 suspensions, and a level on the report date is three look-ups each. The
  // covering partial index saves a table look-up per pair (the planner prefers the narrower one).
  const { facilityKey, chapterKey } = DIMENSION_SQL[dimension];
  const pairKey = facilityKey ? sql`f.k` : chapterKey!(sql`a.chapter_number`);
  const cross = filter.crossOnly === false ? sql`` : sql` and +a.cross_level = 1`;
  const chapter = filter.chapterNumber ? sql` and +a.chapter_number = ${filter.chapterNumber}` : sql``;
  const paused = db.all<{ category: Category; k: string; from_idx: number; off_idx: number; back_idx: number; after_baseline: number; n: number }>(sql`
    with f as materialized (select fa.id, ${facilityKey ? facilityKey(reportDate) : sql`null`} as k
        from facilities fa where fa.id in (${facilitySetSql(actor, filter, reportDate)})),
      s as materialized (select ${pairKey} as k, a.started_on as from_all,
        case when a.official_on <= ${reportDate} then a.official_on end as from_official,
        x.event_on as off_on, ${resumedOnSql()} as back_on
      from f cross join adoption_pairs a indexed by adoption_pairs_suspended_cover_idx
        on a.facility_id = f.id and a.suspended_on <= ${reportDate}${cross}
        and +a.started_on <= ${reportDate}${chapter}
      join adoption_events x on x.facility_id = a.facility_id and x.technique_id = a.technique_id
        and x.kind = 'suspended' and x.event_on <= ${reportDate})
    ${pausedSelect("all")}
    union all ${pausedSelect("official")}`);
  for (const r of paused) {
    const counts = entry(r.k)[r.category];
    // Period i is removed when from <= end_i, suspended on or before end_i and not resumed by it.
    for (let i = Math.max(r.from_idx, r.off_idx); i < r.back_idx; i++) {
      counts.inactiveAt[i] += r.n;
      if (r.after_baseline) counts.inactiveAfterBaselineAt[i] += r.n;
    }
  }

  const figures = new Map<string, Record<Category, Figures[]>>();
  for (const [k, byCategory] of result) {
    figures.set(k, {
      official: toFigures(byCategory.official, baselineIndex),
      all: toFigures(byCategory.all, baselineIndex),
    });
  }
  return figures;
}

function toFigures(c: Counts, baselineIndex: number): Figures[] {
  let running = c.before;
  let sinceBaseline = 0;
  return c.newBy.map((n, i) => {
    running += n;
    if (i > baselineIndex) sinceBaseline += n;
    return {
      new: n,
      cumulative: running - c.inactiveAt[i],
      change: i > baselineIndex ? sinceBaseline - c.inactiveAfterBaselineAt[i] : 0,
    };
  });
}

const ZERO: Figures = { new: 0, cumulative: 0, change: 0 };

function sumFigures(groups: Record<Category, Figures[]>[], length: number): Record<Category, Figures[]> {
  const sum = (category: Category) =>
    Array.from({ length }, (_, i) =>
      groups.reduce(
        (acc, g) => ({ new: acc.new + g[category][i].new, cumulative: acc.cumulative + g[category][i].cumulative, change: acc.change + g[category][i].change }),
        ZERO,
      ),
    );
  return { official: sum("official"), all: sum("all") };
}

export type ReportOptions = {
  baselineYear?: number;
  dimension?: ReportDimension;
  filter?: PairFilter;
  /** The reader's language, for the names of provinces and facilities that label the groups. */
  locale?: Locale;
};

/** The year-by-year report of cross-level (or all) techniques, with labels for every group. */
export function getAdoptionReport(db: Tx, actor: Actor, options: ReportOptions, reportDate: string): AdoptionReport {
  const baselineYear = options.baselineYear ?? DEFAULT_BASELINE_YEAR;
  const dimension = options.dimension ?? DEFAULT_DIMENSION;
  const periods = yearPeriods(baselineYear, reportDate);
  return buildReport(db, actor, { periods, reportDate, dimension, filter: options.filter, locale: options.locale }, baselineYear);
}

export function buildReport(
  db: Tx,
  actor: Actor,
  options: { periods: Period[]; reportDate: string; dimension: ReportDimension; filter?: PairFilter; baselineIndex?: number; locale?: Locale },
  baselineYear: number,
): AdoptionReport {
  const { periods, dimension } = options;
  // Every pair falls in exactly one group, so the total is the sum of the groups: one pass.
  const grouped = computeAdoptionFigures(db, actor, options);
  const total = dimension === "total" ? grouped.get("total") : sumFigures([...grouped.values()], periods.length);
  if (dimension === "total") grouped.clear();
  const labels = groupNames(db, dimension, [...grouped.keys()], options.locale);
  const toRow = (key: string, label: string, f: Record<Category, Figures[]> | undefined): ReportRow => ({
    key,
    label,
    periods: periods.map((p, i) => ({
      period: p.key,
      official: f?.official[i] ?? ZERO,
      all: f?.all[i] ?? ZERO,
    })),
  });
  const last = periods.length - 1;
  const rows = [...grouped.entries()]
    .map(([k, f]) => toRow(k, labels.get(k) ?? k, f))
    .sort(compareGroups(dimension, (r) => [r.periods[last].official.cumulative, r.periods[last].all.cumulative]));
  return {
    reportDate: options.reportDate,
    baselineYear,
    dimension,
    periods,
    total: toRow("total", "", total),
    rows,
  };
}
