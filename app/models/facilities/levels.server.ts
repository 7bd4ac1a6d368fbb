// A facility's care level on a date, from its dated history (facility_levels): the row with
// the latest valid_from on or before the date; before the first recorded row, the earliest
// recorded level; without any history, the facility's current level. One SQL expression, so
// reports classify millions of events in the database with the unique index
// (facility_id, valid_from).
import { sql, type SQL } from "drizzle-orm";
import type { Tx } from "~/models/audit/audit.server";
import type { Level } from "~/models/enums";

/**
 * SQL for the level of the facility `facilityIdSql` on `dateSql`; `currentLevelSql` is the
 * facilities.level column of the same row (the fallback when no history is recorded).
 * Qualify the arguments (`f.id`, not `id`): inside the subqueries a bare `id` is facility_levels.id.
 */
export function levelOnDateSql(facilityIdSql: SQL, dateSql: SQL, currentLevelSql: SQL): SQL {
  return sql`coalesce(
    (select fl.level from facility_levels fl
      where fl.facility_id = ${facilityIdSql} and fl.valid_from <= ${dateSql}
      order by fl.valid_from desc limit 1),
    (select fl.level from facility_levels fl
      where fl.facility_id = ${facilityIdSql}
      order by fl.valid_from asc limit 1),
    ${currentLevelSql})`;
}

/** The facility's level on `date` (`yyyy-MM-dd`); null when the facility does not exist. */
export function facilityLevelOn(db: Tx, facilityId: number, date: string): Level | null {
  const row = db.get<{ level: Level } | undefined>(sql`
    select ${levelOnDateSql(sql`f.id`, sql`${date}`, sql`f.level`)} as level
    from facilities f where f.id = ${facilityId}`);
  return row?.level ?? null;
}
