// The current state of the adoption ledger: which facility performs which technique, for
// the facility page, the technique page and the transfer plan. It reads the ledger's summary
// rows (adoption_pairs) with the one definition of "performed on a date" and the pair's
// cross-level flag (for the facility's level on the day it started), as the reports do.
import { sql, type SQL } from "drizzle-orm";
import type { Db } from "~/db/client.server";
import type { Level, Locale, ProcedureClass } from "~/models/enums";
import { facilityNameSqlAt, facilityShortNameSqlAt } from "~/models/facilities/names.server";
import { LEVELS } from "~/models/enums";
import { clampPage, toPage, type Page, type PageRequest } from "~/utils/pagination";
import { techniqueSearchCondition, type TechniqueSummary } from "~/models/catalogue/queries.server";
import { performedOnSql } from "./rules";

export type AdoptionScope = {
  facilityId?: number;
  techniqueId?: number;
  /** Only events on or before this `yyyy-MM-dd` date count (the state on that day). */
  asOf?: string;
};

// Ledger events are never dated after today, so "performed on the last day" is "performed now".
const LAST_DAY = "9999-12-31";

/**
 * A subquery of the facility × technique pairs performed now (or on `asOf`): columns
 * `facility_id`, `technique_id`, `started_on`, `cross_level`. Filter by facility or technique so
 * that it reads the pairs by the primary key or the technique index, never the whole ledger.
 */
export function currentAdoptionsSql(scope: AdoptionScope): SQL {
  const where: SQL[] = [performedOnSql(sql`${scope.asOf ?? LAST_DAY}`)];
  if (scope.facilityId !== undefined) where.push(sql`p.facility_id = ${scope.facilityId}`);
  if (scope.techniqueId !== undefined) where.push(sql`p.technique_id = ${scope.techniqueId}`);
  return sql`(
    select p.facility_id, p.technique_id, p.started_on, p.cross_level
    from adoption_pairs p
    where ${sql.join(where, sql` and `)}
  )`;
}

/** Whether the facility performs the technique now (or on `asOf`). */
export function facilityPerformsTechnique(
  db: Pick<Db, "get">,
  facilityId: number,
  techniqueId: number,
  asOf?: string,
): boolean {
  const row = db.get<{ n: number }>(
    sql`select count(*) as n from ${currentAdoptionsSql({ facilityId, techniqueId, asOf })}`,
  );
  return (row?.n ?? 0) > 0;
}

export type FacilityTechniqueRow = TechniqueSummary & {
  techniqueId: number;
  startedOn: string;
  /** Cross-level for the facility's level on the day it started (catalogue/levels). */
  crossLevel: boolean;
};

export type FacilityTechniqueList = Page<FacilityTechniqueRow> & {
  /** Techniques performed, before the search narrows the list. */
  performedTotal: number;
  /** Of those, cross-level ones. */
  crossLevelTotal: number;
};


/**
 * The techniques a facility performs now (or on `asOf`), in catalogue order, searchable
 * like the catalogue, with the totals of performed and cross-level techniques.
 */
export function listFacilityTechniques(
  db: Db,
  facilityId: number,
  options: { q?: string; page: PageRequest; asOf?: string },
): FacilityTechniqueList {
  const current = currentAdoptionsSql({ facilityId, asOf: options.asOf });
  const search = techniqueSearchCondition(options.q);
  const totals = db.get<{ performed: number; crossLevel: number; matching: number }>(sql`
    select count(*) as performed,
      coalesce(sum(a.cross_level), 0) as crossLevel,
      coalesce(sum(${search}), 0) as matching
    from ${current} a
    join techniques t on t.id = a.technique_id`);
  const page = clampPage(options.page, totals?.matching ?? 0);
  // SQLite answers the cross-level flag as 0 or 1.
  const rows = db.all<Omit<FacilityTechniqueRow, "crossLevel"> & { crossLevel: number }>(sql`
    select t.id as techniqueId, t.code, t.name, t.chapter_number as chapterNumber,
      c.name as chapterName, t.min_level as minLevel, t.procedure_class as procedureClass,
      a.started_on as startedOn, a.cross_level as crossLevel
    from ${current} a
    join techniques t on t.id = a.technique_id
    join chapters c on c.number = t.chapter_number
    where ${search}
    order by t.chapter_number, t.number
    limit ${page.pageSize} offset ${page.offset}`);
  return {
    ...toPage(
      rows.map((r) => ({ ...r, crossLevel: r.crossLevel === 1 })),
      totals?.matching ?? 0,
      page,
    ),
    performedTotal: totals?.performed ?? 0,
    crossLevelTotal: totals?.crossLevel ?? 0,
  };
}

export type TechniquePerformerRow = {
  facilityId: number;
  name: string;
  shortName: string;
  level: Level;
  provinceName: string | null;
  provinceNameEn: string | null;
  startedOn: string;
};

export type TechniquePerformers = Page<TechniquePerformerRow> & {
  /** Facilities performing the technique, by facility level (every level present, 0 when none). */
  byLevel: Record<Level, number>;
};

/** The facilities that perform a technique now (national reference data), by level then name. */
export function listTechniquePerformers(
  db: Db,
  techniqueId: number,
  requested: PageRequest,
  locale: Locale,
): TechniquePerformers {
  const current = currentAdoptionsSql({ techniqueId });
  const counts = db.all<{ level: Level; n: number }>(sql`
    select f.level as level, count(*) as n
    from ${current} a join facilities f on f.id = a.facility_id
    group by f.level`);
  const byLevel = Object.fromEntries(LEVELS.map((l) => [l, 0])) as Record<Level, number>;
  for (const c of counts) byLevel[c.level] = c.n;
  const total = counts.reduce((sum, c) => sum + c.n, 0);
  const page = clampPage(requested, total);
  const rows = db.all<TechniquePerformerRow>(sql`
    select f.id as facilityId, ${facilityNameSqlAt("f", locale)} as name, ${facilityShortNameSqlAt("f", locale)} as shortName, f.level,
      p.name as provinceName, p.name_en as provinceNameEn, a.started_on as startedOn
    from ${current} a
    join facilities f on f.id = a.facility_id
    left join provinces p on p.code = f.province_code
    order by f.level, name, f.id
    limit ${page.pageSize} offset ${page.offset}`);
  return { ...toPage(rows, total, page), byLevel };
}
