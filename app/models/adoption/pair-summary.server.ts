// adoption_pairs: one row per facility × technique of the ledger, derived from its events, so
// that reports count index ranges instead of regrouping every event (a national
// ledger holds millions of events). A row is always recomputed from the events, never patched, by the one SELECT
// below; the writers call refreshAdoptionPairs in their own transaction:
// - the ledger (recordAdoptionEvent / recordAdoptionEvents: the form, imports, acceptance of a
//   transfer item, department approval, seeds) for the pairs it wrote to;
// - changeFacilityLevel for every pair of the facility (the level at start may change);
// - recordTechniqueLevel for the pairs of the technique that started from the change's date.
// min_level is the technique's legacy level in force on started_on (technique_levels), so a
// later level change never reclassifies an earlier pair; chapter_number is a copy that a
// trigger keeps in step with the catalogue (drizzle/0005). rebuildAdoptionPairs recomputes all.
// Rows are upserted, never REPLACEd: the rollup's triggers (rollup.server.ts) see an update as
// an update (SQLite runs no delete trigger for a row REPLACE removes).
import { sql, type SQL } from "drizzle-orm";
import type { Tx } from "~/models/audit/audit.server";
import { techniqueLevelOnDateSql } from "~/models/catalogue/level-on-date.server";
import { levelOnDateSql } from "~/models/facilities/levels.server";

const COLUMNS = sql.raw(
  "facility_id, technique_id, started_on, approved_on, official_on, suspended_on, level_at_start, min_level, chapter_number",
);

/** Writes the summary rows `select` yields over the stored ones (an upsert, see the header). */
function upsertPairs(tx: Tx, select: SQL): void {
  tx.run(sql`insert into adoption_pairs (${COLUMNS}) select * from (${select}) where true
    on conflict (facility_id, technique_id) do update set started_on = excluded.started_on,
      approved_on = excluded.approved_on, official_on = excluded.official_on, suspended_on = excluded.suspended_on,
      level_at_start = excluded.level_at_start, min_level = excluded.min_level, chapter_number = excluded.chapter_number`);
}

/**
 * The summary rows of the pairs whose events match `eventsWhere` (over `adoption_events e`).
 * A pair without a started event has no row (the ledger's order rules make that impossible).
 */
export function pairSummarySql(eventsWhere: SQL): SQL {
  return sql`select g.facility_id, g.technique_id, g.started_on, g.approved_on,
      case when g.approved_on is null then null
        when g.approved_on > g.started_on then g.approved_on else g.started_on end as official_on,
      g.suspended_on,
      ${levelOnDateSql(sql`g.facility_id`, sql`g.started_on`, sql`f.level`)} as level_at_start,
      ${techniqueLevelOnDateSql(sql`g.technique_id`, sql`g.started_on`, sql`t.min_level`)} as min_level, t.chapter_number
    from (
      select e.facility_id, e.technique_id,
        min(case when e.kind = 'started' then e.event_on end) as started_on,
        min(case when e.kind = 'approved' then e.event_on end) as approved_on,
        min(case when e.kind = 'suspended' then e.event_on end) as suspended_on
      from adoption_events e
      where ${eventsWhere}
      group by e.facility_id, e.technique_id
    ) g
    join facilities f on f.id = g.facility_id
    join techniques t on t.id = g.technique_id
    where g.started_on is not null`;
}

/**
 * Recomputes the rows of one facility: of the given techniques, or of all its pairs (after a
 * level change). Call it in the transaction that wrote the events or the level.
 */
export function refreshAdoptionPairs(tx: Tx, facilityId: number, techniqueIds?: readonly number[]): void {
  if (techniqueIds === undefined) {
    upsertPairs(tx, pairSummarySql(sql`e.facility_id = ${facilityId}`));
    return;
  }
  const unique = [...new Set(techniqueIds)];
  for (let i = 0; i < unique.length; i += 500) {
    const ids = sql.join(
      unique.slice(i, i + 500).map((id) => sql`${id}`),
      sql`, `,
    );
    upsertPairs(tx, pairSummarySql(sql`e.facility_id = ${facilityId} and e.technique_id in (${ids})`));
  }
}

/** Recomputes the rows of one technique's pairs that started on or after `fromDate` (after a
 *  change of its level from that date). */
export function refreshTechniquePairs(tx: Tx, techniqueId: number, fromDate: string): void {
  upsertPairs(tx, sql`select * from (${pairSummarySql(sql`e.technique_id = ${techniqueId}`)}) where started_on >= ${fromDate}`);
}

/** Recomputes every row from the ledger (seeds after bulk loads; repairs). Returns the row count. */
export function rebuildAdoptionPairs(tx: Tx): number {
  tx.run(sql`delete from adoption_pairs`);
  tx.run(sql`insert into adoption_pairs (${COLUMNS}) ${pairSummarySql(sql`1 = 1`)}`);
  return tx.get<{ n: number }>(sql`select count(*) as n from adoption_pairs`)?.n ?? 0;
}
