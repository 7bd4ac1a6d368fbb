// The facilities a province map draws: the care facilities of the province in the actor's
// scope, with their level today and the facility that directs them (the map's groups).
import { sql } from "drizzle-orm";
import type { Db } from "~/db/client.server";
import type { Actor } from "~/models/access/policy";
import { NON_CARE_FACILITY_KINDS, type Locale } from "~/models/enums";
import { facilityNameSqlAt, facilityShortNameSqlAt } from "~/models/facilities/names.server";
import { levelOnDateSql } from "~/models/facilities/levels.server";
import type { MapFacility } from "./map-layout";
import { facilitySetSql } from "./pairs-sql.server";

export function listMapFacilities(db: Db, actor: Actor, provinceCode: string, today: string, locale: Locale = "vi"): MapFacility[] {
  const name = facilityNameSqlAt("fa", locale);
  const nonCare = sql.join(
    NON_CARE_FACILITY_KINDS.map((k) => sql`${k}`),
    sql`, `,
  );
  return db.all<MapFacility>(sql`select fa.id, ${name} as name, ${facilityShortNameSqlAt("fa", locale)} as shortName,
      ${levelOnDateSql(sql`fa.id`, sql`${today}`, sql`fa.level`)} as level, fa.directed_by_id as directedById
    from facilities fa
    where fa.id in (${facilitySetSql(actor, { provinceCode }, today)}) and fa.active = 1 and fa.kind not in (${nonCare})
    order by ${name}`);
}
