// The SQL every adoption figure is built from: one row per facility × technique of the
// ledger, as of the report date, with what the figures need to classify it. Aggregates
// (reports, dashboard, targets) and drill-downs (the list behind a number) share these
// fragments, so a number and its list cannot disagree.
//
// Definitions (DESIGN.md §4, Circular 43/2013):
// - started_on: the date of the pair's "started" event; approved_on: of its department approval.
// - counted from: started_on for "all recorded" figures; the later of started_on and
//   approved_on for official figures (a pair without approval is never official).
// - cross-level: rank(technique.min_level) < rank(facility level ON started_on); letters
//   sort in rank order, so `min_level < level` is the test; a blank min_level never counts.
// - performed on a date: started on or before it, and the latest of its started / suspended /
//   resumed events up to that date is not a suspension.
// - facility level of a group (e.g. "provincial hospitals" = B): the level on the report date.
import { sql, type SQL } from "drizzle-orm";
import { facilities } from "~/db/schema";
import type { Actor } from "~/models/access/policy";
import { facilityScopeCondition } from "~/models/access/scope-sql.server";
import type { Level } from "~/models/enums";
import { levelOnDateSql } from "~/models/facilities/levels.server";

export type PairFilter = {
  provinceCode?: string | null;
  facilityId?: number | null;
  /** Facility levels on the report date. */
  levels?: readonly Level[] | null;
  chapterNumber?: number | null;
  /** Only cross-level pairs (the default) or every technique. */
  crossOnly?: boolean;
};

export type Category = "official" | "all";

/** The facilities a report covers: the actor's read scope narrowed by the filter. */
export function facilitySetSql(actor: Actor, filter: PairFilter, reportDate: string): SQL {
  const where: SQL[] = [facilityScopeCondition(actor, facilities.id)];
  if (filter.provinceCode) where.push(sql`${facilities.provinceCode} = ${filter.provinceCode}`);
  if (filter.facilityId) where.push(sql`${facilities.id} = ${filter.facilityId}`);
  if (filter.levels && filter.levels.length > 0) {
    const level = levelOnDateSql(sql`${facilities.id}`, sql`${reportDate}`, sql`${facilities.level}`);
    where.push(sql`${level} in (${sql.join(filter.levels.map((l) => sql`${l}`), sql`, `)})`);
  }
  return sql`select ${facilities.id} from ${facilities} where ${sql.join(where, sql` and `)}`;
}

/**
 * One row per pair with events on or before the report date: facility_id, technique_id,
 * started_on, approved_on, has_pause, province_code, level_now, level_at_start,
 * chapter_number, min_level, cross_level, from_all, from_official.
 */
export function pairsSql(actor: Actor, filter: PairFilter, reportDate: string): SQL {
  const chapter = filter.chapterNumber
    ? sql`and e.technique_id in (select id from techniques where chapter_number = ${filter.chapterNumber})`
    : sql``;
  const crossOnly = filter.crossOnly === false ? sql`` : sql`where cross_level = 1`;
  // Facts per facility, computed once per facility rather than once per pair: the level on the
  // report date, and the level when the history holds a single one (most facilities), which
  // spares the dated lookup for each of their pairs.
  const facilityFacts = sql`select fa.id, fa.province_code, fa.level,
      ${levelOnDateSql(sql`fa.id`, sql`${reportDate}`, sql`fa.level`)} as level_now,
      (select case when count(distinct fl.level) <= 1 then coalesce(min(fl.level), fa.level) end
         from facility_levels fl where fl.facility_id = fa.id) as single_level
    from facilities fa where fa.id in (${facilitySetSql(actor, filter, reportDate)})`;
  return sql`(with fac as materialized (${facilityFacts})
  select * from (
    select p.facility_id, p.technique_id, p.started_on, p.approved_on, p.has_pause,
      p.province_code, p.level_now, t.chapter_number, t.min_level, p.level_at_start,
      (t.min_level is not null and t.min_level < p.level_at_start) as cross_level,
      p.started_on as from_all,
      case when p.approved_on is null then null
        when p.approved_on > p.started_on then p.approved_on else p.started_on end as from_official
    from (
      select g.*, f.province_code, f.level_now,
        coalesce(f.single_level, ${levelOnDateSql(sql`g.facility_id`, sql`g.started_on`, sql`f.level`)}) as level_at_start
      from (
        select e.facility_id, e.technique_id,
          min(case when e.kind = 'started' then e.event_on end) as started_on,
          min(case when e.kind = 'approved' then e.event_on end) as approved_on,
          max(e.kind in ('suspended', 'resumed')) as has_pause
        from adoption_events e
        where e.event_on <= ${reportDate}
          and e.facility_id in (${facilitySetSql(actor, filter, reportDate)}) ${chapter}
        group by e.facility_id, e.technique_id
      ) g
      join fac f on f.id = g.facility_id
      where g.started_on is not null
    ) p
    join techniques t on t.id = p.technique_id
  ) ${crossOnly})`;
}

/**
 * True when the pair `p` is performed on `dateSql`. Pairs never suspended are performed from
 * their start; the others look up their latest started / suspended / resumed event.
 */
export function performedOnSql(dateSql: SQL): SQL {
  return sql`(p.has_pause = 0 or coalesce((
    select x.kind <> 'suspended' from adoption_events x
    where x.facility_id = p.facility_id and x.technique_id = p.technique_id
      and x.kind in ('started', 'suspended', 'resumed') and x.event_on <= ${dateSql}
    order by x.event_on desc, case x.kind when 'started' then 0 when 'suspended' then 2 else 3 end desc, x.id desc
    limit 1), 0))`;
}

/** The "counted from" column of a category (see the definitions above). */
export function countedFromSql(category: Category): SQL {
  return category === "official" ? sql`p.from_official` : sql`p.from_all`;
}
