// The list behind a number: exactly the facility × technique pairs one report figure counts,
// from the same facility set and pair conditions as the figure (pairs-sql, pair-counts),
// paginated on the server.
import { sql, type SQL } from "drizzle-orm";
import type { Tx } from "~/models/audit/audit.server";
import type { Actor } from "~/models/access/policy";
import { partiesScopeCondition } from "~/models/access/scope-sql.server";
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
} & PairOrigin;

/**
 * How a pair came: through an agreement's plan line, or as the ledger's started event says
 * (a transfer without a recorded agreement, in-house, imported); "unrecorded" when it says nothing.
 */
export type OriginKind = "agreement" | "transfer" | "in_house" | "import" | "unrecorded";

export type PairOrigin = {
  origin: OriginKind;
  agreementId: number | null;
  agreementNumber: string | null;
  transferItemId: number | null;
  /** The reader may open the agreement (any of its facilities is in reach). */
  agreementReadable: boolean;
};

/**
 * The joins that give a pair (alias `p`, with facility_id and technique_id) its origin, and the
 * columns of PairOrigin. The started event that names a plan line or an agreement wins, else the
 * earliest started event; a transfer whose event names no line is matched to the accepted plan
 * line of the same technique to the same facility, when there is one. Each look-up is an index
 * seek per pair (the ledger's facility-technique index, the plan's receiving-facility index), so
 * a page stays one query.
 */
export function pairOriginSql(actor: Actor): { joins: SQL; columns: SQL } {
  const joins = sql`
    left join adoption_events oe on oe.id = (
      select e.id from adoption_events e
      where e.facility_id = p.facility_id and e.technique_id = p.technique_id and e.kind = 'started'
      order by (e.transfer_item_id is null and e.agreement_id is null), e.event_on, e.id limit 1)
    left join transfer_items oi on oi.id = coalesce(oe.transfer_item_id,
      case when oe.source = 'transfer' and oe.agreement_id is null then (
        select ti.id from transfer_items ti
        where ti.to_facility_id = p.facility_id and ti.stage = 'accepted' and ti.technique_id = p.technique_id
        order by ti.accepted_on, ti.id limit 1) end)
    left join agreements oa on oa.id = coalesce(oe.agreement_id, oi.agreement_id)`;
  const readable = partiesScopeCondition(
    actor,
    sql`select oa.owner_facility_id union select ap.facility_id from agreement_parties ap where ap.agreement_id = oa.id`,
  );
  const columns = sql`case when oa.id is not null then 'agreement' else coalesce(oe.source, 'unrecorded') end as origin,
      oa.id as agreementId, oa.number as agreementNumber,
      case when oa.id is not null and oi.agreement_id = oa.id then oi.id end as transferItemId,
      case when oa.id is null then 0 when ${readable} then 1 else 0 end as agreementReadable`;
  return { joins, columns };
}

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
  const origin = pairOriginSql(actor);
  const rows = db.all<Omit<DrillDownRow, "agreementReadable"> & { agreementReadable: number }>(sql`
    select p.facility_id as facilityId, ${facilityNameSqlAt("f", locale)} as facilityName, ${sql.raw(locale === "en" ? "pr.name_en" : "pr.name")} as provinceName,
      p.level_now as levelNow, p.level_at_start as levelAtStart,
      t.id as techniqueId, t.code as techniqueCode, t.name as techniqueName,
      t.chapter_number as chapterNumber, t.min_level as minLevel,
      p.started_on as startedOn, p.approved_on as approvedOn,
      ${origin.columns}
    from (
      select p.* from ${pairsSql(actor, selector.filter, reportDate)} p
      where ${figureConditionSql(selector)}
      order by p.facility_id, p.technique_id
      limit ${page.pageSize} offset ${page.offset}
    ) p
    join facilities f on f.id = p.facility_id
    left join provinces pr on pr.code = f.province_code
    join techniques t on t.id = p.technique_id
    ${origin.joins}
    order by p.facility_id, p.technique_id`);
  return toPage(
    rows.map((r) => ({ ...r, agreementReadable: r.agreementReadable === 1 })),
    total,
    page,
  );
}

/** Every pair behind a figure, for exports (no pagination; capped). */
export function allFigurePairs(db: Tx, actor: Actor, selector: FigureSelector, reportDate: string, cap = 100_000, locale: Locale = "vi"): DrillDownRow[] {
  return listFigurePairs(db, actor, selector, reportDate, { page: 1, pageSize: cap, offset: 0 }, locale).rows;
}
