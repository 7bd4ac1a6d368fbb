// The current state of the adoption ledger: which facility performs which technique.
// One definition, used by the facility page, the technique page and the adoption reports:
// a facility performs a technique when it has a "started" event for it and the latest of its
// started / suspended / resumed events (by date, then by entry order) is not a suspension.
// A later "started" after a suspension therefore counts as a restart; "approved" events do not
// change whether the technique is performed.
import { sql, type SQL } from "drizzle-orm";
import type { Db } from "~/db/client.server";
import type { Level, ProcedureClass } from "~/models/enums";
import { LEVELS } from "~/models/enums";
import { toPage, type Page, type PageRequest } from "~/utils/pagination";
import { techniqueSearchCondition } from "~/models/catalogue/queries.server";

export type AdoptionScope = {
  facilityId?: number;
  techniqueId?: number;
  /** Only events on or before this `yyyy-MM-dd` date count (the state on that day). */
  asOf?: string;
};

/**
 * A subquery of the facility × technique pairs performed now (or on `asOf`), with the date
 * of the first "started" event: columns `facility_id`, `technique_id`, `started_on`.
 * Filter by facility or technique so that the window runs over the index
 * (facility_id, technique_id, event_on) or (technique_id), never the whole ledger.
 */
export function currentAdoptionsSql(scope: AdoptionScope): SQL {
  const where: SQL[] = [sql`e.kind in ('started', 'suspended', 'resumed')`];
  if (scope.facilityId !== undefined) where.push(sql`e.facility_id = ${scope.facilityId}`);
  if (scope.techniqueId !== undefined) where.push(sql`e.technique_id = ${scope.techniqueId}`);
  if (scope.asOf !== undefined) where.push(sql`e.event_on <= ${scope.asOf}`);
  return sql`(
    select facility_id, technique_id, started_on from (
      select e.facility_id, e.technique_id, e.kind,
        min(case when e.kind = 'started' then e.event_on end)
          over (partition by e.facility_id, e.technique_id) as started_on,
        row_number() over (
          partition by e.facility_id, e.technique_id order by e.event_on desc, e.id desc
        ) as rn
      from adoption_events e
      where ${sql.join(where, sql` and `)}
    )
    where rn = 1 and kind <> 'suspended' and started_on is not null
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

export type FacilityTechniqueRow = {
  techniqueId: number;
  code: string;
  name: string;
  chapterNumber: number;
  chapterName: string;
  minLevel: Level | null;
  procedureClass: ProcedureClass | null;
  startedOn: string;
  /** rank(minLevel) < rank(facility level), A=1 … D=4. */
  crossLevel: boolean;
};

export type FacilityTechniqueList = Page<FacilityTechniqueRow> & {
  /** Techniques performed, before the search narrows the list. */
  performedTotal: number;
  /** Of those, cross-level ones. */
  crossLevelTotal: number;
};

// Level letters sort in rank order (A=1 < B=2 < C=3 < D=4), so `min_level < level` is the
// cross-level test; a technique without a level is never cross-level (NULL comparison).
const CROSS_LEVEL = sql`(t.min_level is not null and t.min_level < f.level)`;

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
      coalesce(sum(${CROSS_LEVEL}), 0) as crossLevel,
      coalesce(sum(${search}), 0) as matching
    from ${current} a
    join techniques t on t.id = a.technique_id
    join facilities f on f.id = a.facility_id`);
  const rows = db.all<{
    techniqueId: number;
    code: string;
    name: string;
    chapterNumber: number;
    chapterName: string;
    minLevel: Level | null;
    procedureClass: ProcedureClass | null;
    startedOn: string;
    crossLevel: number;
  }>(sql`
    select t.id as techniqueId, t.code, t.name, t.chapter_number as chapterNumber,
      c.name as chapterName, t.min_level as minLevel, t.procedure_class as procedureClass,
      a.started_on as startedOn, ${CROSS_LEVEL} as crossLevel
    from ${current} a
    join techniques t on t.id = a.technique_id
    join chapters c on c.number = t.chapter_number
    join facilities f on f.id = a.facility_id
    where ${search}
    order by t.chapter_number, t.number
    limit ${options.page.pageSize} offset ${options.page.offset}`);
  return {
    ...toPage(
      rows.map((r) => ({ ...r, crossLevel: r.crossLevel === 1 })),
      totals?.matching ?? 0,
      options.page,
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
  page: PageRequest,
): TechniquePerformers {
  const current = currentAdoptionsSql({ techniqueId });
  const counts = db.all<{ level: Level; n: number }>(sql`
    select f.level as level, count(*) as n
    from ${current} a join facilities f on f.id = a.facility_id
    group by f.level`);
  const byLevel = Object.fromEntries(LEVELS.map((l) => [l, 0])) as Record<Level, number>;
  for (const c of counts) byLevel[c.level] = c.n;
  const total = counts.reduce((sum, c) => sum + c.n, 0);
  const rows = db.all<TechniquePerformerRow>(sql`
    select f.id as facilityId, f.name, f.short_name as shortName, f.level,
      p.name as provinceName, p.name_en as provinceNameEn, a.started_on as startedOn
    from ${current} a
    join facilities f on f.id = a.facility_id
    left join provinces p on p.code = f.province_code
    order by f.level, f.name, f.id
    limit ${page.pageSize} offset ${page.offset}`);
  return { ...toPage(rows, total, page), byLevel };
}
