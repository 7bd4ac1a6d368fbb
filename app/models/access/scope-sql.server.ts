// The read scope as SQL: every list query filters by the actor's reach in the database with one
// of these, so no model writes its own switch over the scope. One facility column, several
// facilities of one record (parties), province-wide records, and the accounts behind audit events.
import { sql, type SQL } from "drizzle-orm";
import type { SQLiteColumn } from "drizzle-orm/sqlite-core";
import { facilities, users } from "~/db/schema";
import { canReadProvinceRecord, manageFilter, readFilter, readsEverything, type Actor, type Capability, type ReadFilter } from "./policy";

// Fresh objects each time: drizzle's SQL.append mutates, so a shared constant could be changed by a caller.
const all = () => sql`1 = 1`;
const nothing = () => sql`1 = 0`;

/** A filter as SQL: everything, nothing, or what `reach` says for one facility or one province. */
function filterCondition(
  filter: ReadFilter,
  reach: { facility: (facilityId: number) => SQL; province: (provinceCode: string) => SQL },
): SQL {
  switch (filter.kind) {
    case "all":
      return all();
    case "none":
      return nothing();
    case "facility":
      return reach.facility(filter.facilityId);
    case "province":
      return reach.province(filter.provinceCode);
  }
}

function facilityCondition(filter: ReadFilter, facilityId: SQLiteColumn | SQL): SQL {
  return filterCondition(filter, {
    facility: (id) => sql`${facilityId} = ${id}`,
    province: (code) => sql`${facilityId} in (select ${facilities.id} from ${facilities} where ${facilities.provinceCode} = ${code})`,
  });
}

/** A condition true for rows whose facility (a column, or an id expression in raw SQL) the actor may read. */
export function facilityScopeCondition(actor: Actor, facilityId: SQLiteColumn | SQL): SQL {
  return facilityCondition(readFilter(actor), facilityId);
}

/**
 * A condition true for facilities (by the id expression `facilityIdSql`) the actor may change
 * with `capability` (default: the facility registry): everything for administrators, the
 * province for a department officer, the own facility for a facility role with the capability.
 */
export function manageScopeCondition(actor: Actor, facilityIdSql: SQLiteColumn | SQL, capability: Capability = "facilities.manage"): SQL {
  return facilityCondition(manageFilter(actor, capability), facilityIdSql);
}

/**
 * Records with several facilities (an agreement's owner and parties): true when any facility id
 * that `facilityIds` yields is readable. `facilityIds` is a one-column subquery, usually
 * correlated with the outer row; SQLite lists it per row and looks each id up by the index.
 */
export function partiesScopeCondition(actor: Actor, facilityIds: SQL): SQL {
  return filterCondition(readFilter(actor), {
    facility: (id) => sql`${id} in (${facilityIds})`,
    province: (code) => sql`exists (select 1 from ${facilities} where ${facilities.provinceCode} = ${code} and ${facilities.id} in (${facilityIds}))`,
  });
}

/** Province-wide records (targets) by their province column; see `canReadProvinceRecord`. */
export function provinceRecordScopeCondition(actor: Actor, provinceCode: SQLiteColumn | SQL): SQL {
  if (readsEverything(actor)) return all();
  if (!canReadProvinceRecord(actor, actor.provinceCode)) return nothing();
  return sql`${provinceCode} = ${actor.provinceCode}`;
}

/**
 * Events by user account (the audit trail) the actor reads under `capability`: every account
 * for administrators; for a department officer the accounts of its province (its officers and
 * the users of its facilities) and its own; otherwise its own events only.
 */
export function accountScopeCondition(actor: Actor, userId: SQLiteColumn | SQL, capability: Capability): SQL {
  const filter = manageFilter(actor, capability);
  const own = sql`${userId} = ${actor.userId}`;
  switch (filter.kind) {
    case "all":
      return all();
    case "none":
      return own;
    case "facility":
      return sql`(${own} or ${userId} in (select ${users.id} from ${users} where ${users.facilityId} = ${filter.facilityId}))`;
    case "province":
      return sql`(${own} or ${userId} in (select ${users.id} from ${users} where ${users.provinceCode} = ${filter.provinceCode} or ${users.facilityId} in (select ${facilities.id} from ${facilities} where ${facilities.provinceCode} = ${filter.provinceCode})))`;
  }
}
