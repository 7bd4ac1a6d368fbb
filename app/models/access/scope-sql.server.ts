// Turns the actor's read filter into SQL over a facility-id column, so every list query
// filters by scope in the database.
import { eq, inArray, sql, type SQL } from "drizzle-orm";
import type { SQLiteColumn } from "drizzle-orm/sqlite-core";
import { facilities } from "~/db/schema";
import { manageFilter, readFilter, type Actor, type Capability } from "./policy";

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

/**
 * A condition true for facilities (by the id expression `facilityIdSql`) the actor may change
 * with `capability` (default: the facility registry): everything for administrators, the
 * province for a department officer, nothing for anyone else.
 */
export function manageScopeCondition(actor: Actor, facilityIdSql: SQL, capability: Capability = "facilities.manage"): SQL {
  const filter = manageFilter(actor, capability);
  switch (filter.kind) {
    case "all":
      return sql`1 = 1`;
    case "none":
      return sql`1 = 0`;
    case "facility":
      return sql`${facilityIdSql} = ${filter.facilityId}`;
    case "province":
      return sql`${facilityIdSql} in (select ${facilities.id} from ${facilities} where ${facilities.provinceCode} = ${filter.provinceCode})`;
  }
}
