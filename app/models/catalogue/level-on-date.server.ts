// The SQL expression for a technique's legacy level on a date (see levels.server.ts for the
// rule); its own module so that the pair summary and the level commands both read it.
import { sql, type SQL } from "drizzle-orm";

/**
 * SQL for the legacy level of technique `techniqueIdSql` on `dateSql`; `currentLevelSql` is the
 * techniques.min_level column of the same row (used when no history is recorded). Qualify
 * the arguments (`t.id`): inside the subqueries a bare `id` is technique_levels.id.
 */
export function techniqueLevelOnDateSql(techniqueIdSql: SQL, dateSql: SQL, currentLevelSql: SQL): SQL {
  return sql`(case when exists (select 1 from technique_levels tl where tl.technique_id = ${techniqueIdSql})
    then (select tl.level from technique_levels tl where tl.technique_id = ${techniqueIdSql}
      order by (tl.valid_from <= ${dateSql}) desc,
        case when tl.valid_from <= ${dateSql} then tl.valid_from end desc, tl.valid_from asc
      limit 1)
    else ${currentLevelSql} end)`;
}

