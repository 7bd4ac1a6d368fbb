// The facility × technique pairs every adoption figure is built from, as of the report date,
// read from the ledger's summary rows (adoption_pairs, kept in step with the events by
// models/adoption/pair-summary.server.ts). Figures count them on covering indexes
// (pair-counts.server.ts); drill-downs list them here. Both take the facility set from
// facilitySetSql and classify by the summary's columns (cross_level, chapter_number, the
// dates), so a number and its list cannot disagree (report-figures-replay.test.ts checks both
// against a replay of the raw ledger).
//
// Definitions (after Circular 43/2013 on care levels):
// - started_on: the date of the pair's "started" event; approved_on: of its department approval.
// - counted from: started_on for "all recorded" figures; the later of started_on and
//   approved_on for official figures (a pair without approval is never official).
// - cross-level: isCrossLevel of the catalogue's level rules, for the facility's level on
//   started_on (the generated column adoption_pairs.cross_level).
// - performed on a date: isPerformedOn / performedOnSql of the adoption rules.
// - facility level of a group (e.g. "provincial hospitals" = B): the level on the report date;
//   likewise the competence level (Law 15/2023) of a group, "none" when not classified then.
// Events after the report date do not exist for a report: a later approval or suspension
// reads as absent, and a pair started later is not a pair yet.
import { sql, type SQL } from "drizzle-orm";
import { sqlList } from "~/db/sql";
import { facilities } from "~/db/schema";
import { readsEverything, type Actor } from "~/models/access/policy";
import { facilityScopeCondition } from "~/models/access/scope-sql.server";
import type { Level } from "~/models/enums";
import { competenceOnDateSql, levelOnDateSql } from "~/models/facilities/levels.server";
import { NO_PROVINCE_KEY, type Category, type CompetenceGroup } from "./registry";

export type PairFilter = {
  provinceCode?: string | null;
  facilityId?: number | null;
  /** Facility levels on the report date. */
  levels?: readonly Level[] | null;
  /** Facility competence groups on the report date ("none": not classified then). */
  competences?: readonly CompetenceGroup[] | null;
  chapterNumber?: number | null;
  /** Only cross-level pairs (the default) or every technique. */
  crossOnly?: boolean;
  /**
   * Only the pairs counted apart (`apartPairSql`): their technique has no legacy level, so the
   * cross-level measure cannot classify them. Implies every technique (no cross-level test).
   */
  apartOnly?: boolean;
};

/**
 * A pair (alias `alias` of adoption_pairs) the cross-level measure cannot classify and counts
 * apart: its technique has no legacy level (a technique only newer lists name, or a new one).
 * The pair summary keeps a partial index of them (facility, started_on).
 */
export function apartPairSql(alias: string): SQL {
  return sql`${sql.raw(alias)}.min_level is null`;
}

export type { Category };

/** The facilities a report covers: the actor's read scope narrowed by the filter. */
export function facilitySetSql(actor: Actor, filter: PairFilter, reportDate: string): SQL {
  const where: SQL[] = [facilityScopeCondition(actor, facilities.id)];
  if (filter.provinceCode === NO_PROVINCE_KEY) where.push(sql`${facilities.provinceCode} is null`);
  else if (filter.provinceCode) where.push(sql`${facilities.provinceCode} = ${filter.provinceCode}`);
  if (filter.facilityId) where.push(sql`${facilities.id} = ${filter.facilityId}`);
  if (filter.levels && filter.levels.length > 0) {
    const level = levelOnDateSql(sql`${facilities.id}`, sql`${reportDate}`, sql`${facilities.level}`);
    where.push(sql`${level} in ${sqlList(filter.levels)}`);
  }
  if (filter.competences && filter.competences.length > 0) {
    const competence = competenceGroupSql(sql`${facilities.id}`, reportDate);
    where.push(sql`${competence} in ${sqlList(filter.competences)}`);
  }
  return sql`select ${facilities.id} from ${facilities} where ${sql.join(where, sql` and `)}`;
}

/** True when the report covers every facility (whole-country figures can then count per chapter). */
export function coversAllFacilities(actor: Actor, filter: PairFilter): boolean {
  return (
    readsEverything(actor) &&
    !filter.provinceCode &&
    !filter.facilityId &&
    !(filter.levels && filter.levels.length > 0) &&
    !(filter.competences && filter.competences.length > 0)
  );
}

/** The competence group on the report date of the facility `facilityIdSql` ('none' when not classified). */
export function competenceGroupSql(facilityIdSql: SQL, reportDate: string): SQL {
  return sql`coalesce(${competenceOnDateSql(facilityIdSql, sql`${reportDate}`)}, 'none')`;
}

/** The level on the report date of the facility row `fa` (groups and filters by level). */
export function levelNowSql(reportDate: string): SQL {
  return levelOnDateSql(sql`fa.id`, sql`${reportDate}`, sql`fa.level`);
}

/**
 * One row per pair started on or before the report date, in ledger order (facility, then
 * technique): facility_id, technique_id, started_on, approved_on, suspended_on, province_code,
 * level_now, level_at_start, chapter_number, min_level, cross_level, from_all, from_official.
 * `suspendedOnly` keeps the pairs suspended by the report date (the only ones that can be
 * not performed), read from their partial index.
 */
export function pairsSql(actor: Actor, filter: PairFilter, reportDate: string, options: { suspendedOnly?: boolean } = {}): SQL {
  const suspended = options.suspendedOnly ? sql` and a.suspended_on <= ${reportDate}` : sql``;
  const cross = filter.apartOnly ? sql` and ${apartPairSql("a")}` : filter.crossOnly === false ? sql`` : sql` and +a.cross_level = 1`;
  const chapter = filter.chapterNumber ? sql` and +a.chapter_number = ${filter.chapterNumber}` : sql``;
  // The facilities drive the join (CROSS JOIN fixes the order) and each facility's pairs are
  // read by the primary key (the unary + keeps the other terms off the counting indexes), so
  // pairs come in ledger order and a page of a drill-down stops reading once it is full.
  return sql`(select a.facility_id, a.technique_id, a.started_on,
      case when a.approved_on <= ${reportDate} then a.approved_on end as approved_on,
      case when a.suspended_on <= ${reportDate} then a.suspended_on end as suspended_on,
      fa.province_code, ${levelNowSql(reportDate)} as level_now,
      a.level_at_start, a.chapter_number, a.min_level, a.cross_level,
      a.started_on as from_all,
      case when a.official_on <= ${reportDate} then a.official_on end as from_official
    from facilities fa cross join adoption_pairs a on a.facility_id = fa.id
    where fa.id in (${facilitySetSql(actor, filter, reportDate)})
      and +a.started_on <= ${reportDate}${cross}${chapter}${suspended})`;
}

/** The "counted from" column of a category (see the definitions above). */
export function countedFromSql(category: Category): SQL {
  return category === "official" ? sql`p.from_official` : sql`p.from_all`;
}
