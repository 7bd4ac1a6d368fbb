// Counting the pairs of pairs-sql without reading them one by one: how many pairs of each
// group have their "counted from" date in each date range is a count of an index range of
// adoption_pairs ((facility | chapter), cross_level, date). A national report is then some
// 80,000 range counts instead of a walk over a million pairs and a sort. The facility set
// (facilitySetSql) and the summary columns are those the drill-down lists read, so the
// figures and the lists agree. The rollup (rollup-counts.server.ts) answers first when it can
// (a country or a province, grouped and filtered by no facility); the summary counts the rest.
import { sql, type SQL } from "drizzle-orm";
import type { Tx } from "~/models/audit/audit.server";
import type { Actor } from "~/models/access/policy";
import { apartPairSql, coversAllFacilities, facilitySetSql, type PairFilter } from "./pairs-sql.server";
import type { Category, ReportDimension } from "./registry";
import { DIMENSION_SQL } from "./registry.server";
import { rollupRangeCounts } from "./rollup-counts.server";

/** Inclusive dates; `from` null: since the beginning. `to` is clamped to the report date. */
export type DateRange = { from: string | null; to: string };

export type RangeCount = { k: string; idx: number; n: number };

export type RangeCountOptions = { filter: PairFilter; reportDate: string; dimension: ReportDimension; category: Category; ranges: readonly DateRange[] };

/**
 * Pairs per group (`k`) and range (`idx`, the range's position) whose counted-from date of
 * `category` falls in the range. Groups and ranges without pairs may be missing or zero.
 */
export function countPairsInRanges(db: Tx, actor: Actor, options: RangeCountOptions): RangeCount[] {
  return rollupRangeCounts(db, actor, options) ?? countPairsInSummary(db, actor, options);
}

/** The same counts from the pair summary alone (every filter; the replay test compares both). */
export function countPairsInSummary(db: Tx, actor: Actor, options: RangeCountOptions): RangeCount[] {
  const { filter, reportDate, dimension, ranges } = options;
  if (ranges.length === 0) return [];
  const column = options.category === "official" ? sql.raw("a.official_on") : sql.raw("a.started_on");
  const crossValues = filter.crossOnly === false || filter.apartOnly ? sql`0, 1` : sql`1`;
  // '' sorts before every date; no pair counts after the report date.
  const rangeRows = sql.join(
    ranges.map((r, i) => sql`select ${i} as idx, ${r.from ?? ""} as lo, ${r.to < reportDate ? r.to : reportDate} as hi`),
    sql` union all `,
  );
  // The pairs counted apart are few (a technique without a level): tested on the row.
  const apart = filter.apartOnly ? sql` and ${apartPairSql("a")}` : sql``;
  const inRange = sql`a.cross_level in (${crossValues}) and ${column} >= r.lo and ${column} <= r.hi${apart}`;
  const chapter = filter.chapterNumber ? sql` and a.chapter_number = ${filter.chapterNumber}` : sql``;

  const { facilityKey, chapterKey } = DIMENSION_SQL[dimension];
  if (chapterKey && (coversAllFacilities(actor, filter) || !facilityKey)) {
    if (coversAllFacilities(actor, filter)) {
      // The whole country: one range per chapter (index chapter_number, cross_level, date).
      const chapters = filter.chapterNumber ? sql`where number = ${filter.chapterNumber}` : sql``;
      return db.all<RangeCount>(sql`
        with c as (select number from chapters ${chapters}), r as (${rangeRows})
        select ${chapterKey(sql`c.number`)} as k, r.idx as idx, sum((select count(*) from adoption_pairs a
            where a.chapter_number = c.number and ${inRange})) as n
        from c cross join r group by 1, 2`);
    }
    // Some facilities by a key of the chapter: their pairs in range, grouped (a province is a
    // few thousand pairs; the index carries the chapter).
    return db.all<RangeCount>(sql`
      with f as materialized (select fa.id from facilities fa where fa.id in (${facilitySetSql(actor, filter, reportDate)})), r as (${rangeRows})
      select ${chapterKey(sql`a.chapter_number`)} as k, r.idx as idx, count(*) as n
      from f cross join r cross join adoption_pairs a on a.facility_id = f.id and ${inRange}${chapter}
      group by 1, 2`);
  }
  if (!facilityKey) throw new Error(`report dimension ${dimension} has neither a facility nor a chapter key`);
  // One range per facility (index facility_id, cross_level, date), facts computed once per facility.
  return db.all<RangeCount>(sql`
    with f as materialized (select fa.id, ${facilityKey(reportDate)} as k
        from facilities fa where fa.id in (${facilitySetSql(actor, filter, reportDate)})),
      r as (${rangeRows})
    select f.k as k, r.idx as idx, sum((select count(*) from adoption_pairs a
        where a.facility_id = f.id and ${inRange}${chapter})) as n
    from f cross join r group by 1, 2`);
}
