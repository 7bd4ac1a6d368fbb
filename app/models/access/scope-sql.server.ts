// Turns the actor's read filter into SQL over a facility-id column, so every list query
// filters by scope in the database.
import { eq, inArray, sql, type SQL } from "drizzle-orm";
import type { SQLiteColumn } from "drizzle-orm/sqlite-core";
import { facilities } from "~/db/schema";
import { readFilter, type Actor } from "./policy";

/** A condition true for rows whose `facilityColumn` the actor may read. */
export function facilityScopeCondition(actor: Actor, facilityColumn: SQLiteColumn): SQL {
  const filter = readFilter(actor);
  switch (filter.kind) {
    case "all":
      return sql`1 = 1`;
    case "none":
      return sql`1 = 0`;
    case "facility":
      return eq(facilityColumn, filter.facilityId);
    case "province":
      return inArray(
        facilityColumn,
        sql`(select ${facilities.id} from ${facilities} where ${facilities.provinceCode} = ${filter.provinceCode})`,
      );
  }
}
