// The range counts of pair-counts read from the rollup (adoption_rollup, models/adoption/
// rollup.server.ts) when it can answer: a whole country or a province (the reader's scope and
// the filter), grouped by total, province, level or competence, filtered by level, competence
// and measure. A facility or a chapter (as a group or a filter), or a reader confined to one
// facility, falls back to the pair summary (null here).
//
// The rollup gives, per key, the pairs counted from by the end of a half-year under the
// classification of that day. A report wants, for a date t (the day before a range, or its
// last day), the pairs counted from by t under the classification on the report date R. Both
// agree for a facility whose level and competence did not change between t and R, once the
// pairs counted from after t in t's half-year are taken off (t need not end a half-year: the
// last period ends on the report date). The few facilities whose classification changed
// within the dates read ("moved") have their pairs moved from the group of the day to the group
// of the report date, counted from the summary.
import { sql, type SQL } from "drizzle-orm";
import type { Tx } from "~/models/audit/audit.server";
import { readFilter, type Actor } from "~/models/access/policy";
import { addDaysIso } from "~/models/dates";
import { competenceOnDateSql, levelOnDateSql } from "~/models/facilities/levels.server";
import type { DateRange, RangeCount } from "./pair-counts.server";
import type { PairFilter } from "./pairs-sql.server";
import { NO_PROVINCE_KEY, type Category, type ReportDimension } from "./registry";

const ROLLUP_DIMENSIONS: readonly ReportDimension[] = ["total", "province", "level", "competence"];

/** A classification on some date: what a group key and the level/competence filters read. */
type Classified = { province: string; level: string; competence: string };

/** The last day of the half-year of `date` (the rollup's grain). */
const halfYearEnd = (date: string) => `${date.slice(0, 4)}-${date.slice(5, 7) <= "06" ? "06-30" : "12-31"}`;

const list = (values: readonly (string | number)[]) => sql.join(values.map((v) => sql`${v}`), sql`, `);

/**
 * The counts of countPairsInRanges from the rollup, or null when the rollup cannot answer
 * (then the caller counts the pair summary).
 */
export function rollupRangeCounts(
  db: Tx,
  actor: Actor,
  options: { filter: PairFilter; reportDate: string; dimension: ReportDimension; category: Category; ranges: readonly DateRange[] },
): RangeCount[] | null {
  const { filter, reportDate, dimension, category } = options;
  // The rollup counts by cross level alone: the pairs counted apart are read from the summary.
  if (!ROLLUP_DIMENSIONS.includes(dimension) || filter.facilityId || filter.chapterNumber || filter.apartOnly) return null;
  const scope = readFilter(actor);
  let province: string | null = filter.provinceCode || null;
  if (scope.kind === "province") {
    if (province && province !== scope.provinceCode) return null;
    province = scope.provinceCode;
  } else if (scope.kind !== "all") return null;

  // The dates whose counts the ranges need: a range's count is N(hi) - N(lo), lo the day before it.
  const ranges = options.ranges.map((r) => {
    const hi = r.to < reportDate ? r.to : reportDate;
    const lo = r.from === null ? null : addDaysIso(r.from, -1);
    return { lo, hi, empty: lo !== null && lo >= hi };
  });
  const dates = [...new Set(ranges.flatMap((r) => (r.empty ? [] : r.lo === null ? [r.hi] : [r.lo, r.hi])))].sort();
  if (dates.length === 0) return [];
  const ends = [...new Set(dates.map(halfYearEnd))];
  const lastDay = [ends[ends.length - 1], reportDate].sort()[1];

  const levels = filter.levels && filter.levels.length > 0 ? new Set<string>(filter.levels) : null;
  const competences = filter.competences && filter.competences.length > 0 ? new Set<string>(filter.competences) : null;
  const passes = (c: Classified) => (!levels || levels.has(c.level)) && (!competences || competences.has(c.competence));
  const keyOf = (c: Classified) =>
    dimension === "total" ? "total" : dimension === "province" ? c.province : dimension === "level" ? c.level : c.competence;

  // counts[key][date index]: the pairs counted from by that date.
  const counts = new Map<string, number[]>();
  const add = (key: string, dateIdx: number, n: number) => {
    let row = counts.get(key);
    if (!row) counts.set(key, (row = dates.map(() => 0)));
    row[dateIdx] += n;
  };

  // The rollup's sums per key and half-year bucket, then running sums up to each date's half-year end.
  const cross = filter.crossOnly === false ? sql`0, 1` : sql`1`;
  const where: SQL[] = [sql`r.category = ${category}`, sql`r.cross_level in (${cross})`, sql`r.period_end <= ${ends[ends.length - 1]}`];
  if (province) where.push(sql`r.province_code = ${province}`);
  if (levels) where.push(sql`r.level in (${list([...levels])})`);
  if (competences) where.push(sql`r.competence in (${list([...competences])})`);
  const keySql = { total: sql`'total'`, province: sql`r.province_code`, level: sql`r.level`, competence: sql`r.competence` }[
    dimension as "total" | "province" | "level" | "competence"
  ];
  const bucket = sql`(case ${sql.join(
    ends.map((e, i) => sql`when r.period_end <= ${e} then ${i}`),
    sql` `,
  )} end)`;

  const sums = new Map<string, number[]>();
  for (const r of db.all<{ k: string; b: number; n: number }>(sql`
    select ${keySql} as k, ${bucket} as b, sum(r.n) as n from adoption_rollup r
    where ${sql.join(where, sql` and `)} group by 1, 2`)) {
    let row = sums.get(r.k);
    if (!row) sums.set(r.k, (row = ends.map(() => 0)));
    row[r.b] += r.n;
  }
  for (const [k, byEnd] of sums) {
    let running = 0;
    const upTo = byEnd.map((n) => (running += n));
    dates.forEach((d, j) => add(k, j, upTo[ends.indexOf(halfYearEnd(d))]));
  }

  const inReach = province ? (province === NO_PROVINCE_KEY ? sql`fa.province_code is null` : sql`fa.province_code = ${province}`) : sql`1 = 1`;
  const classifiedOn = (date: SQL) => sql`${levelOnDateSql(sql`fa.id`, date, sql`fa.level`)} as level,
    coalesce(${competenceOnDateSql(sql`fa.id`, date)}, 'none') as competence, coalesce(fa.province_code, ${NO_PROVINCE_KEY}) as province`;
  const column = category === "official" ? sql.raw("p.official_on") : sql.raw("p.started_on");

  // Facilities in reach whose classification has a dated change after the first date read
  // (none matter when neither the groups nor the filter read the classification).
  const readsClassification = dimension === "level" || dimension === "competence" || levels !== null || competences !== null;
  const moved = !readsClassification ? [] : db
    .all<{ id: number }>(sql`select fa.id from facilities fa where ${inReach} and (
        exists (select 1 from facility_levels h where h.facility_id = fa.id and h.valid_from > ${dates[0]} and h.valid_from <= ${lastDay})
        or exists (select 1 from facility_competence_levels h where h.facility_id = fa.id and h.valid_from > ${dates[0]} and h.valid_from <= ${lastDay}))`)
    .map((r) => r.id);
  if (moved.length > 0) {
    // Their share of the rollup's sums (their pairs by each date's half-year end, under that
    // day's classification) out, the same pairs under the classification on the report date
    // in; only where the two classifications differ in key or filter. Their counts per
    // half-year come from the per-facility rollup.
    const classDates = [...ends, reportDate];
    const classes = db.all<Classified & { f: number; i: number }>(sql`
      with x(i, d) as (values ${sql.join(
        classDates.map((d, i) => sql`(${i}, ${d})`),
        sql`, `,
      )})
      select fa.id as f, x.i as i, ${classifiedOn(sql`x.d`)}
      from facilities fa cross join x where fa.id in (${list(moved)})`);
    const classOf = new Map(classes.map((c) => [`${c.f}:${c.i}`, c]));
    const moves: { f: number; e: number; from: Classified; to: Classified }[] = [];
    for (const f of moved) {
      const to = classOf.get(`${f}:${ends.length}`)!;
      ends.forEach((_, e) => {
        const from = classOf.get(`${f}:${e}`)!;
        if (keyOf(from) !== keyOf(to) || passes(from) !== passes(to)) moves.push({ f, e, from, to });
      });
    }
    if (moves.length > 0) {
      const facilityIds = [...new Set(moves.map((m) => m.f))];
      const byFacility = new Map<number, number[]>();
      for (const r of db.all<{ f: number; end: string; n: number }>(sql`
        select r.facility_id as f, r.period_end as end, sum(r.n) as n from adoption_facility_rollup r
        where r.facility_id in (${list(facilityIds)}) and r.category = ${category} and r.cross_level in (${cross})
          and r.period_end <= ${ends[ends.length - 1]}
        group by 1, 2`)) {
        let row = byFacility.get(r.f);
        if (!row) byFacility.set(r.f, (row = ends.map(() => 0)));
        row[ends.findIndex((e) => r.end <= e)] += r.n;
      }
      for (const { f, e, from, to } of moves) {
        const n = (byFacility.get(f) ?? []).slice(0, e + 1).reduce((x, y) => x + y, 0);
        if (n === 0) continue;
        dates.forEach((d, j) => {
          if (halfYearEnd(d) !== ends[e]) return;
          if (passes(from)) add(keyOf(from), j, -n);
          if (passes(to)) add(keyOf(to), j, n);
        });
      }
    }
  }

  // Pairs counted from after a date that does not end its half-year, under the classification
  // on the report date (read per chapter on the summary's chapter index; usually none: the
  // report date is today).
  for (const [j, d] of dates.entries()) {
    const end = halfYearEnd(d);
    if (end === d) continue;
    const late = db.all<Classified & { n: number }>(sql`
      select ${classifiedOn(sql`${reportDate}`)}, count(*) as n
      from chapters c cross join adoption_pairs p on p.chapter_number = c.number and p.cross_level in (${cross})
        and ${column} > ${d} and ${column} <= ${end}
      join facilities fa on fa.id = p.facility_id
      where ${inReach}
      group by fa.id`);
    for (const c of late) if (passes(c)) add(keyOf(c), j, -c.n);
  }

  const result: RangeCount[] = [];
  for (const [k, byDate] of counts) {
    ranges.forEach((r, idx) => {
      if (r.empty) return;
      const n = byDate[dates.indexOf(r.hi)] - (r.lo === null ? 0 : byDate[dates.indexOf(r.lo)]);
      if (n !== 0) result.push({ k, idx, n });
    });
  }
  return result;
}
