// The list behind a number: exactly the facility × technique pairs one report figure counts,
// from the same facility set and pair conditions as the figure (pairs-sql, pair-counts),
// paginated on the server.
import { sql, type SQL } from "drizzle-orm";
import type { Tx } from "~/models/audit/audit.server";
import type { Actor } from "~/models/access/policy";
import { addDaysIso } from "~/models/dates";
import type { Level } from "~/models/enums";
import { clampPage, toPage, type Page, type PageRequest } from "~/utils/pagination";
import { countPairsInRanges, type DateRange } from "./pair-counts.server";
import { performedOnSql } from "~/models/adoption/rules";
import { countedFromSql, pairsSql, type PairFilter } from "./pairs-sql.server";
import type { Category, ReportMetric } from "./registry";
import type { Locale } from "~/models/enums";
import { facilityNameSqlAt } from "~/models/facilities/names.server";

export type FigureMetric = ReportMetric;

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

/** The counted-from range of a figure (before the "performed" test of cumulative and change). */
function figureRange(selector: FigureSelector): DateRange {
  switch (selector.metric) {
    case "new":
      return { from: selector.start, to: selector.end };
    case "cumulative":
      return { from: null, to: selector.end };
    case "change":
      return { from: addDaysIso(selector.baselineEnd, 1), to: selector.end };
  }
}

/**
 * How many pairs a figure counts (the same number the report shows): the pairs counted from
 * a date in its range (index range counts), less, for "performed" figures, the suspended
 * pairs that are not performed at the end of the period.
 */
export function countFigurePairs(db: Tx, actor: Actor, selector: FigureSelector, reportDate: string): number {
  const range = figureRange(selector);
  const counts = countPairsInRanges(db, actor, { filter: selector.filter, reportDate, dimension: "total", category: selector.category, ranges: [range] });
  const counted = counts.reduce((sum, r) => sum + r.n, 0);
  if (selector.metric === "new") return counted;
  const from = countedFromSql(selector.category);
  const paused = db.get<{ n: number }>(sql`
    select count(*) as n from ${pairsSql(actor, selector.filter, reportDate, { suspendedOnly: true })} p
    where ${range.from ? sql`${from} >= ${range.from} and ` : sql``}${from} <= ${range.to}
      and not ${performedOnSql(sql`${selector.end}`)}`);
  return counted - (paused?.n ?? 0);
}

/**
 * The pairs behind a figure in ledger order (facility, then technique). The page is read in
 * that order and stops once full (no sort, no walk over the rest); the total is the figure's
 * count.
 */
export function listFigurePairs(
  db: Tx,
  actor: Actor,
  selector: FigureSelector,
  reportDate: string,
  requested: PageRequest,
  locale: Locale = "vi",
): Page<DrillDownRow> {
  const total = countFigurePairs(db, actor, selector, reportDate);
  const page = clampPage(requested, total);
  const rows = db.all<DrillDownRow>(sql`
    select p.facility_id as facilityId, ${facilityNameSqlAt("f", locale)} as facilityName, ${sql.raw(locale === "en" ? "pr.name_en" : "pr.name")} as provinceName,
      p.level_now as levelNow, p.level_at_start as levelAtStart,
      t.id as techniqueId, t.code as techniqueCode, t.name as techniqueName,
      t.chapter_number as chapterNumber, t.min_level as minLevel,
      p.started_on as startedOn, p.approved_on as approvedOn
    from (
      select p.* from ${pairsSql(actor, selector.filter, reportDate)} p
      where ${figureConditionSql(selector)}
      order by p.facility_id, p.technique_id
      limit ${page.pageSize} offset ${page.offset}
    ) p
    join facilities f on f.id = p.facility_id
    left join provinces pr on pr.code = f.province_code
    join techniques t on t.id = p.technique_id
    order by p.facility_id, p.technique_id`);
  return toPage(rows, total, page);
}

/** Every pair behind a figure, for exports (no pagination; capped). */
export function allFigurePairs(db: Tx, actor: Actor, selector: FigureSelector, reportDate: string, cap = 100_000, locale: Locale = "vi"): DrillDownRow[] {
  return listFigurePairs(db, actor, selector, reportDate, { page: 1, pageSize: cap, offset: 0 }, locale).rows;
}
