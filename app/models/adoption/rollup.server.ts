// adoption_rollup: counts of the ledger's pairs as half-yearly deltas keyed by (province, the
// facility's level and competence group on the delta's date, half-year, category,
// cross-level), so that a national report adds up a few thousand rows instead of counting a
// million pairs. A prefix sum of a key's deltas up to a half-year gives the pairs counted from
// on or before its last day whose facility has that classification then.
//
// Why half-years and no chapter: the reports' periods are calendar years and the six- and
// twelve-month periods of Circular 38/2024, so every period ends a half-year except the last,
// which ends on the report date (reports/rollup-counts.server.ts reads that part from the pair summary). With
// months and chapters in the key the table held 700,000 rows at national scale (about one per
// pair: nothing to gain); as it is, some 12,000. Chapter figures count the pair summary's
// chapter index, which is quick already.
//
// What one pair contributes, per category (all: counted from started_on; official: from
// official_on, nothing without approval):
// - +1 at its counted-from date F, under the facility's classification on F;
// - at every date E > F on which the facility's level or competence history has a row
//   (facility_levels, facility_competence_levels): -1 under the classification of the day
//   before E, +1 under that of E (the same key when nothing changed: they cancel out).
// The province is the current one (reports read it so); a change of it moves every delta of
// the facility's pairs. Suspensions are not in the rollup: they are a few per cent of the
// pairs and the reports read them from the pair summary's partial index.
//
// Maintenance is by triggers (migration 0017), each in the writer's transaction, so every
// writer is covered, including those that write SQL of their own (the facility import):
// - adoption_pairs insert / update / delete: the pair's old contribution out, its new one in
//   (refreshAdoptionPairs upserts, so an update fires as an update, not a silent REPLACE);
// - facility_levels and facility_competence_levels insert / update / delete, and an update of
//   facilities.level or province_code: before the write every pair of the facility leaves
//   under the old history, after it every pair comes back under the new one.
// The triggers' statements are rollupApplySql / facilityRollupApplySql below with the pair
// source filled in: the migration holds their text, and report-rollup-replay.test.ts checks
// the installed triggers against these functions.
// adoption_facility_rollup holds the same counts per facility and half-year without any
// classification (kept by the adoption_pairs triggers only): the reports read a reclassified
// facility's counts there. rebuildAdoptionRollup recomputes both (seeds after bulk loads, repairs).
import { sql } from "drizzle-orm";
import type { Db } from "~/db/client.server";
import type { Tx } from "~/models/audit/audit.server";

/** The facility's level on `date` (facility_levels, else its earliest row, else facilities.level); as levelOnDateSql. */
const levelAt = (date: string) => `coalesce(
      (select fl.level from facility_levels fl where fl.facility_id = d.facility_id and fl.valid_from <= ${date} order by fl.valid_from desc limit 1),
      (select fl.level from facility_levels fl where fl.facility_id = d.facility_id order by fl.valid_from asc limit 1),
      f.level)`;

/** The competence group on `date` ('none' when not classified then); as competenceGroupSql. */
const competenceAt = (date: string) => `coalesce(
      (select fc.competence from facility_competence_levels fc where fc.facility_id = d.facility_id and fc.valid_from <= ${date} order by fc.valid_from desc limit 1),
      'none')`;

/** The last day of the half-year of `date` (SQL). */
export const halfYearEndSql = (date: string) =>
  `substr(${date}, 1, 4) || case when substr(${date}, 6, 2) <= '06' then '-06-30' else '-12-31' end`;

/**
 * The delta rows (grouped, times `sign`) of the pairs that `source` yields: a FROM item with
 * facility_id, cross_level, started_on, official_on.
 */
export function rollupDeltaSelect(source: string, sign: 1 | -1): string {
  const counted = `(select s.facility_id, s.cross_level, k.category,
        case k.category when 'all' then s.started_on else s.official_on end as from_on
      from ${source} s cross join (select 'all' as category union all select 'official' as category) k)`;
  // Dates after F on which the facility's history has a row; a date in both histories once.
  const points = `select c.facility_id, c.cross_level, c.category, x.valid_from as on_date,
        case m.k when 1 then x.valid_from else date(x.valid_from, '-1 day') end as at_date, m.k as sign
      from ${counted} c
      join facility_levels x on x.facility_id = c.facility_id and x.valid_from > c.from_on
      cross join (select 1 as k union all select -1 as k) m
    union all
    select c.facility_id, c.cross_level, c.category, x.valid_from as on_date,
        case m.k when 1 then x.valid_from else date(x.valid_from, '-1 day') end as at_date, m.k as sign
      from ${counted} c
      join facility_competence_levels x on x.facility_id = c.facility_id and x.valid_from > c.from_on
        and not exists (select 1 from facility_levels y where y.facility_id = x.facility_id and y.valid_from = x.valid_from)
      cross join (select 1 as k union all select -1 as k) m`;
  return `select coalesce(f.province_code, '-') as province_code, ${levelAt("d.at_date")} as level,
    ${competenceAt("d.at_date")} as competence, ${halfYearEndSql("d.on_date")} as period_end,
    d.category, d.cross_level, ${sign} * sum(d.sign) as n
  from (select c.facility_id, c.cross_level, c.category, c.from_on as on_date, c.from_on as at_date, 1 as sign
      from ${counted} c where c.from_on is not null
    union all ${points}) d
  join facilities f on f.id = d.facility_id
  group by 1, 2, 3, 4, 5, 6`;
}

const KEY = "province_code, level, competence, period_end, category, cross_level";

/** The statement that adds (sign 1) or removes (-1) the deltas of `source` to or from the rollup. */
export function rollupApplySql(source: string, sign: 1 | -1): string {
  return `insert into adoption_rollup (${KEY}, n)
  select * from (${rollupDeltaSelect(source, sign)}) where true
  on conflict (${KEY}) do update set n = n + excluded.n`;
}

/** The statement that adds (sign 1) or removes (-1) the pairs of `source` to or from the per-facility counts. */
export function facilityRollupApplySql(source: string, sign: 1 | -1): string {
  return `insert into adoption_facility_rollup (facility_id, category, cross_level, period_end, n)
  select * from (${facilityRollupSelect(source, sign)}) where true
  on conflict (facility_id, category, cross_level, period_end) do update set n = n + excluded.n`;
}

/** The per-facility counts (times `sign`) of the pairs of `source`: +1 in the half-year of the counted-from date. */
export function facilityRollupSelect(source: string, sign: 1 | -1): string {
  return `select s.facility_id, k.category, s.cross_level,
      ${halfYearEndSql("case k.category when 'all' then s.started_on else s.official_on end")} as period_end, ${sign} * count(*) as n
    from ${source} s cross join (select 'all' as category union all select 'official' as category) k
    where (case k.category when 'all' then s.started_on else s.official_on end) is not null
    group by 1, 2, 3, 4`;
}

const PAIR_COLUMNS = "facility_id, cross_level, started_on, official_on";

/** A one-row pair source of a trigger's `new` or `old` row of adoption_pairs. */
export const triggerPairSource = (row: "new" | "old") =>
  `(select ${PAIR_COLUMNS
    .split(", ")
    .map((c) => `${row}.${c} as ${c}`)
    .join(", ")})`;

/** The pairs of the facilities `facilityIdsSql` (a list or subquery text). */
export const facilityPairSource = (facilityIdsSql: string) => `(select ${PAIR_COLUMNS} from adoption_pairs where facility_id in (${facilityIdsSql}))`;

/** Recomputes the whole rollup from adoption_pairs (seeds after bulk loads; repairs). Returns its row count. */
export function rebuildAdoptionRollup(tx: Tx): number {
  tx.run(sql`delete from adoption_rollup`);
  tx.run(sql.raw(`insert into adoption_rollup (${KEY}, n)
    select * from (${rollupDeltaSelect(`(select ${PAIR_COLUMNS} from adoption_pairs)`, 1)}) where n <> 0`));
  tx.run(sql`delete from adoption_facility_rollup`);
  tx.run(sql.raw(`insert into adoption_facility_rollup select * from (${facilityRollupSelect(`(select ${PAIR_COLUMNS} from adoption_pairs)`, 1)})`));
  return tx.get<{ n: number }>(sql`select count(*) as n from adoption_rollup`)?.n ?? 0;
}

/** Drops rows whose deltas cancelled out (they count nothing; maintenance leaves them). */
export function compactAdoptionRollup(tx: Tx): void {
  tx.run(sql`delete from adoption_rollup where n = 0`);
  tx.run(sql`delete from adoption_facility_rollup where n = 0`);
}

/**
 * Runs a bulk load without the rollup's triggers, then puts them back and rebuilds the rollup
 * once (the national seed: a million pairs are written faster without a trigger each). Only
 * for a database nobody else writes meanwhile.
 */
export function withRollupRebuiltAfter<T>(db: Db, load: () => T): T {
  const triggers = db.$client.prepare(`select name, sql from sqlite_master where type = 'trigger' and name like 'adoption_rollup_%'`).all() as { name: string; sql: string }[];
  for (const t of triggers) db.$client.exec(`drop trigger "${t.name}"`);
  try {
    return load();
  } finally {
    db.$client.exec("begin immediate");
    try {
      for (const t of triggers) db.$client.exec(t.sql);
      db.$client.exec("delete from adoption_rollup");
      db.$client.exec(`insert into adoption_rollup (${KEY}, n)
        select * from (${rollupDeltaSelect(`(select ${PAIR_COLUMNS} from adoption_pairs)`, 1)}) where n <> 0`);
      db.$client.exec("delete from adoption_facility_rollup");
      db.$client.exec(`insert into adoption_facility_rollup select * from (${facilityRollupSelect(`(select ${PAIR_COLUMNS} from adoption_pairs)`, 1)})`);
      db.$client.exec("commit");
    } catch (error) {
      db.$client.exec("rollback");
      throw error;
    }
  }
}
