// The forecast's data: the open plan lines of a scope and the stage history of its province
// and of the country, read in a few aggregated queries; the simulation itself is pure
// (forecast.ts). Scope checks are the report pages' own.
import { sql, type SQL } from "drizzle-orm";
import type { Db } from "~/db/client.server";
import { sqlList } from "~/db/sql";
import type { Actor } from "~/models/access/policy";
import { facilityScopeCondition } from "~/models/access/scope-sql.server";
import { crossLevelSql } from "~/models/catalogue/levels";
import { OPEN_AGREEMENT_STATUSES, TRANSFER_STAGES, type Locale } from "~/models/enums";
import { facilityNameSqlAt } from "~/models/facilities/names.server";
import { NotFoundError } from "~/models/errors";
import {
  DEFAULT_DRAWS,
  emptyHistory,
  MIN_HISTORY_MOVES,
  forecastCounts,
  parseForecastYear,
  OPEN_STAGES,
  stageModels,
  targetOutlook,
  type ForecastLine,
  type ForecastResult,
  type History,
  type OpenStage,
  type StageModels,
  type TargetForecast,
} from "./forecast";

export type { TargetForecast };
import { assertReportScope } from "./queries.server";

export type ForecastScope = { provinceCode?: string | null; facilityId?: number | null };

/** The stage after each open stage. */
const NEXT_STAGE = Object.fromEntries(OPEN_STAGES.map((s) => [s, TRANSFER_STAGES[TRANSFER_STAGES.indexOf(s) + 1]])) as Record<OpenStage, string>;

/**
 * The open lines (agreement open, not accepted, not deferred) received by the facilities of
 * the scope that the actor may read, each with whether its acceptance would be a new
 * cross-level pair: the technique's level ranks above the facility's level (the one
 * cross-level rule), and the facility has no adoption pair for it yet.
 */
export function openForecastLines(db: Db, actor: Actor, scope: ForecastScope): ForecastLine[] {
  const where: SQL[] = [
    sql`t.stage <> 'accepted'`,
    sql`t.deferred_on is null`,
    facilityScopeCondition(actor, sql`t.to_facility_id`),
  ];
  if (scope.facilityId) where.push(sql`t.to_facility_id = ${scope.facilityId}`);
  if (scope.provinceCode) where.push(sql`f.province_code = ${scope.provinceCode}`);
  const rows = db.all<{ facilityId: number; techniqueId: number; stage: OpenStage; targetDate: string | null; cross: number; performed: number }>(sql`
    select t.to_facility_id as facilityId, t.technique_id as techniqueId, t.stage as stage, t.target_date as targetDate,
      ${crossLevelSql(sql`te.min_level`, sql`f.level`)} as "cross",
      exists (select 1 from adoption_pairs p where p.facility_id = t.to_facility_id and p.technique_id = t.technique_id) as performed
    from transfer_items t
    join agreements a on a.id = t.agreement_id and a.status in ${sqlList(OPEN_AGREEMENT_STATUSES)}
    join facilities f on f.id = t.to_facility_id
    join techniques te on te.id = t.technique_id
    where ${sql.join(where, sql` and `)}`);
  return rows.map((r) => ({
    pairKey: `${r.facilityId}:${r.techniqueId}`,
    facilityId: r.facilityId,
    stage: r.stage,
    targetDate: r.targetDate,
    crossLevel: r.cross === 1,
    alreadyPerformed: r.performed === 1,
  }));
}

/** The stage history, read afresh (see stageHistory). */
function computeStageHistory(db: Db, provinceCode: string | null): History {
  // A province's lines are found from its facilities (by the receiving-facility index), the
  // country's by reading every line.
  const from = provinceCode
    ? sql`facilities f cross join transfer_items t on t.to_facility_id = f.id and f.province_code = ${provinceCode}`
    : sql`transfer_items t`;
  // One row per line: the first day it entered each stage (one pass over the events by item),
  // and whether it closed without acceptance.
  const columns = sql.join(
    TRANSFER_STAGES.map((s) => sql`min(case when e.to_stage = ${s} then e.moved_on end) as ${sql.identifier(`at_${s}`)}`),
    sql`, `,
  );
  const perLine = sql`select ${columns},
      (a.status not in ${sqlList(OPEN_AGREEMENT_STATUSES)} or t.deferred_on is not null) as closed
    from ${from}
    join agreements a on a.id = t.agreement_id
    join transfer_stage_events e on e.transfer_item_id = t.id
    group by t.id`;
  const at = (s: string) => sql.identifier(`at_${s}`);
  // Moves (kind 'm': moved, known) and lead times (kind 'l': days, count) in one statement,
  // so the per-line pass runs once.
  const rows = db.all<{ kind: "m" | "l"; stage: OpenStage; a: number; b: number }>(sql`
    with l as materialized (${perLine})
    ${sql.join(
      [
        ...OPEN_STAGES.map(
          (s) => sql`select 'm' as kind, ${s} as stage, coalesce(sum(${at(NEXT_STAGE[s])} is not null), 0) as a,
            coalesce(sum(${at(NEXT_STAGE[s])} is not null or closed), 0) as b
          from l where ${at(s)} is not null`,
        ),
        ...OPEN_STAGES.map(
          (s) => sql`select 'l' as kind, ${s} as stage, cast(round(julianday(at_accepted) - julianday(${at(s)})) as integer) as a, count(*) as b
          from l where at_accepted is not null and ${at(s)} is not null group by 3`,
        ),
      ],
      sql` union all `,
    )}`);
  const moves = rows.filter((r) => r.kind === "m").map((r) => ({ stage: r.stage, moved: r.a, known: r.b }));
  const leads = rows.filter((r) => r.kind === "l").map((r) => ({ stage: r.stage, days: r.a, n: r.b }));
  const history = emptyHistory();
  for (const m of moves) history[m.stage] = { ...history[m.stage], moved: m.moved, known: m.known };
  for (const l of leads) {
    if (l.days < 0) continue;
    for (let i = 0; i < l.n; i++) history[l.stage].leadDays.push(l.days);
  }
  return history;
}

/**
 * What the history is read from changes only with stage moves, plan-line edits (deferral) and
 * agreement edits (closing): a few index reads tell whether a kept history still holds.
 */
function historyFingerprint(db: Db): string {
  return (
    // Stage moves are only ever added (a removed line takes its moves with it: the line count).
    db.get<{ k: string }>(sql`select coalesce((select max(id) from transfer_stage_events), 0) || ':' ||
      coalesce((select max(updated_at) from transfer_items), '') || ':' || (select count(*) from transfer_items) || ':' ||
      coalesce((select max(updated_at) from agreements), '') as k`)?.k ?? ""
  );
}

const historyCache = new WeakMap<Db, { fingerprint: string; byProvince: Map<string, History> }>();

/**
 * The stage history of the lines received in a province (or the whole country, `null`): per
 * stage, the lines that entered it and then the next stage (moved), of those whose outcome is
 * known (moved on, or closed without moving: agreement ended or terminated, or deferred; lines
 * still waiting at the stage are left out), and the days from entering the stage to acceptance
 * of the lines accepted. Kept per connection until the plan data changes: the national
 * history reads every stage move in the country.
 */
export function stageHistory(db: Db, provinceCode: string | null): History {
  const fingerprint = historyFingerprint(db);
  let cache = historyCache.get(db);
  if (!cache || cache.fingerprint !== fingerprint) {
    cache = { fingerprint, byProvince: new Map() };
    historyCache.set(db, cache);
  }
  const key = provinceCode ?? "";
  let history = cache.byProvince.get(key);
  if (!history) {
    history = computeStageHistory(db, provinceCode);
    cache.byProvince.set(key, history);
  }
  return history;
}

/** The province whose history applies to a scope: the named one, the facility's, or none (national). */
function historyProvince(db: Db, scope: ForecastScope): string | null {
  if (scope.provinceCode) return scope.provinceCode;
  if (!scope.facilityId) return null;
  const row = db.get<{ p: string | null }>(sql`select province_code as p from facilities where id = ${scope.facilityId}`);
  if (!row) throw new NotFoundError();
  return row.p;
}

export function forecastModels(db: Db, scope: ForecastScope): StageModels {
  const province = historyProvince(db, scope);
  const own = province ? stageHistory(db, province) : null;
  // The country's history (every stage move) is read only when the province lacks moves somewhere.
  const lacking = !own || OPEN_STAGES.some((s) => own[s].known < MIN_HISTORY_MOVES || own[s].leadDays.length < MIN_HISTORY_MOVES);
  const national = lacking ? stageHistory(db, null) : emptyHistory();
  return stageModels(own ?? national, national);
}

export type ScopeForecast = ForecastResult & { facilityNames: Record<number, string> };

/** The forecast of a province's or a facility's cross-level count, within the actor's scope. */
export function loadForecast(
  db: Db,
  actor: Actor,
  scope: ForecastScope,
  options: { year: number; draws?: number; locale?: Locale },
  today: string,
): ScopeForecast {
  assertReportScope(actor, scope);
  parseForecastYear(String(options.year), today);
  const lines = openForecastLines(db, actor, scope);
  const result = forecastCounts(lines, forecastModels(db, scope), {
    today,
    year: options.year,
    draws: options.draws,
    seed: `${scope.provinceCode ?? ""}:${scope.facilityId ?? ""}`,
  });
  // Per facility only for a province or a facility: a national list would hold thousands.
  if (!scope.provinceCode && !scope.facilityId) result.byFacility = [];
  const ids = result.byFacility.map((f) => f.facilityId);
  const names = ids.length
    ? db.all<{ id: number; name: string }>(sql`select f.id as id, ${facilityNameSqlAt("f", options.locale ?? "vi")} as name from facilities f where f.id in ${sqlList(ids)}`)
    : [];
  return { ...result, facilityNames: Object.fromEntries(names.map((n) => [n.id, n.name])) };
}


/**
 * A cross-level target's outlook at its period end (its computed value so far plus the lines
 * its facilities may accept by then). Read with the system's reach: a target's reader may read
 * its figures. Null for other indicators and for periods that have ended.
 */
export function targetForecast(
  db: Db,
  target: { id: number; indicator: string; provinceCode: string | null; facilityId: number | null; periodEnd: string; targetValue: number },
  value: number,
  today: string,
  system: Actor,
): TargetForecast | null {
  if (target.indicator !== "new_cross_level_techniques" || target.periodEnd <= today) return null;
  const scope = target.facilityId ? { facilityId: target.facilityId } : { provinceCode: target.provinceCode };
  const lines = openForecastLines(db, system, scope);
  const outlook = targetOutlook(lines, forecastModels(db, scope), { periodEnd: target.periodEnd, targetValue: target.targetValue, value }, today, { seed: `target:${target.id}` });
  if (!outlook) return null;
  return { p10: outlook.range.p10, median: outlook.range.median, p90: outlook.range.p90, chance: outlook.chance, periodEnd: outlook.periodEnd, draws: DEFAULT_DRAWS };
}
