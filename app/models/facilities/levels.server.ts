// A facility's care level on a date, from its dated history (facility_levels): the row with
// the latest valid_from on or before the date; before the first recorded row, the earliest
// recorded level; without any history, the facility's current level. One SQL expression, so
// reports classify millions of events in the database with the unique index
// (facility_id, valid_from).
import { sql, type SQL } from "drizzle-orm";
import type { Tx } from "~/models/audit/audit.server";
import type { CompetenceLevel, Level } from "~/models/enums";

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

/**
 * SQL for the technique-competence level (Law 15/2023) of the facility on `dateSql`: the
 * facility_competence_levels row with the latest valid_from on or before the date, else null
 * ("not classified" on that date). Unlike the legacy level there is no fallback to a later
 * row or to the cached column: a competence level never applies before its decision.
 */
export function competenceOnDateSql(facilityIdSql: SQL, dateSql: SQL): SQL {
  return sql`(select fc.competence from facility_competence_levels fc
      where fc.facility_id = ${facilityIdSql} and fc.valid_from <= ${dateSql}
      order by fc.valid_from desc limit 1)`;
}

/** The facility's competence level on `date`; null when not classified on that date. */
export function facilityCompetenceOn(db: Tx, facilityId: number, date: string): CompetenceLevel | null {
  const row = db.get<{ competence: CompetenceLevel | null } | undefined>(sql`
    select ${competenceOnDateSql(sql`${facilityId}`, sql`${date}`)} as competence`);
  return row?.competence ?? null;
}
