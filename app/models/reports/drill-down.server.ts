// The list behind a number: exactly the facility × technique pairs one report figure counts,
// built from the same SQL as the figure (pairs-sql), paginated on the server.
import { sql, type SQL } from "drizzle-orm";
import type { Tx } from "~/models/audit/audit.server";
import type { Actor } from "~/models/access/policy";
import type { Level } from "~/models/enums";
import { toPage, type Page, type PageRequest } from "~/utils/pagination";
import { countedFromSql, pairsSql, performedOnSql, type Category, type PairFilter } from "./pairs-sql.server";

export const FIGURE_METRICS = ["new", "cumulative", "change"] as const;
export type FigureMetric = (typeof FIGURE_METRICS)[number];

/**
 * Which figure: `metric` over the period [start, end] (end clamped to the report date by the
 * caller); `baselineEnd` is the end of the baseline period for "change".
 */
export type FigureSelector = {
  metric: FigureMetric;
  category: Category;
  start: string;
  end: string;
  baselineEnd: string;
  filter: PairFilter;
};

export type DrillDownRow = {
  facilityId: number;
  facilityName: string;
  provinceName: string | null;
  levelNow: Level;
  levelAtStart: Level;
  techniqueId: number;
  techniqueCode: string;
  techniqueName: string;
  chapterNumber: number;
  minLevel: Level | null;
  startedOn: string;
  approvedOn: string | null;
};

function figureConditionSql(selector: FigureSelector): SQL {
  const from = countedFromSql(selector.category);
  switch (selector.metric) {
    case "new":
      return sql`${from} >= ${selector.start} and ${from} <= ${selector.end}`;
    case "cumulative":
      return sql`${from} <= ${selector.end} and ${performedOnSql(sql`${selector.end}`)}`;
    case "change":
      return sql`${from} > ${selector.baselineEnd} and ${from} <= ${selector.end} and ${performedOnSql(sql`${selector.end}`)}`;
  }
}

/** How many pairs a figure counts (the same number the report shows). */
export function countFigurePairs(db: Tx, actor: Actor, selector: FigureSelector, reportDate: string): number {
  const row = db.get<{ n: number }>(sql`
    select count(*) as n from ${pairsSql(actor, selector.filter, reportDate)} p
    where ${figureConditionSql(selector)}`);
  return row?.n ?? 0;
}

/**
 * The pairs behind a figure in ledger order (facility, then technique), with the total from
 * the same pass (a window count), so a page costs one walk over the pairs and no sort.
 */
export function listFigurePairs(
  db: Tx,
  actor: Actor,
  selector: FigureSelector,
  reportDate: string,
  page: PageRequest,
): Page<DrillDownRow> {
  const rows = db.all<DrillDownRow & { total: number }>(sql`
    select p.facility_id as facilityId, f.name as facilityName, pr.name as provinceName,
      p.level_now as levelNow, p.level_at_start as levelAtStart,
      t.id as techniqueId, t.code as techniqueCode, t.name as techniqueName,
      t.chapter_number as chapterNumber, t.min_level as minLevel,
      p.started_on as startedOn, p.approved_on as approvedOn, count(*) over () as total
    from ${pairsSql(actor, selector.filter, reportDate)} p
    join facilities f on f.id = p.facility_id
    left join provinces pr on pr.code = f.province_code
    join techniques t on t.id = p.technique_id
    where ${figureConditionSql(selector)}
    order by p.facility_id, p.technique_id
    limit ${page.pageSize} offset ${page.offset}`);
  // Past the last page the window has no row to report on: count separately.
  const total = rows.length > 0 ? rows[0].total : page.offset > 0 ? countFigurePairs(db, actor, selector, reportDate) : 0;
  return toPage(
    rows.map(({ total: _total, ...row }) => row),
    total,
    page,
  );
}

/** Every pair behind a figure, for exports (no pagination; capped). */
export function allFigurePairs(db: Tx, actor: Actor, selector: FigureSelector, reportDate: string, cap = 100_000): DrillDownRow[] {
  return listFigurePairs(db, actor, selector, reportDate, { page: 1, pageSize: cap, offset: 0 }).rows;
}
