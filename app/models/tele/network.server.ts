// The network view's remote-support layer: hub → spoke links the reader may read (in force
// today, optionally touching one province), each with its sessions per month over the last
// twelve months. Pairs are aggregated in SQL (one row per hub and spoke, its chapters as a
// list); the counts come from `pairActivity`, an aggregate over the sessions' date index.
import { sql } from "drizzle-orm";
import type { Db } from "~/db/client.server";
import type { Actor } from "~/models/access/policy";
import type { Locale } from "~/models/enums";
import { facilityNameSqlAt } from "~/models/facilities/names.server";
import { lastTwelveMonths, linkReadCondition, monthlySeries, pairActivity } from "./links.server";

/** Beyond this many hub–spoke pairs the layer asks for a province filter, like the agreement links. */
export const MAX_TELE_PAIRS = 400;

export type TelePair = {
  hubFacilityId: number;
  hubName: string;
  spokeFacilityId: number;
  spokeName: string;
  chapters: number[];
  activity: number[];
  total: number;
};

export function getTeleLayer(db: Db, actor: Actor, options: { province?: string | null; today: string; locale: Locale }) {
  const province = options.province
    ? sql`and (h.province_code = ${options.province} or s.province_code = ${options.province})`
    : sql``;
  const rows = db.all<Omit<TelePair, "chapters" | "activity" | "total"> & { chapters: string }>(sql`
    select l.hub_facility_id as hubFacilityId, ${facilityNameSqlAt("h", options.locale)} as hubName,
           l.spoke_facility_id as spokeFacilityId, ${facilityNameSqlAt("s", options.locale)} as spokeName,
           group_concat(l.chapter_number) as chapters
    from tele_links l
    join facilities h on h.id = l.hub_facility_id
    join facilities s on s.id = l.spoke_facility_id
    where l.start_on <= ${options.today} and (l.end_on is null or l.end_on >= ${options.today})
      and ${linkReadCondition(actor, sql`l.hub_facility_id`, sql`l.spoke_facility_id`)} ${province}
    group by l.hub_facility_id, l.spoke_facility_id
    order by hubName, spokeName
    limit ${MAX_TELE_PAIRS + 1}`);
  const truncated = rows.length > MAX_TELE_PAIRS;
  const shown = rows.slice(0, MAX_TELE_PAIRS);
  const months = lastTwelveMonths(options.today);
  const activity = pairActivity(db, { today: options.today, hubFacilityIds: [...new Set(shown.map((r) => r.hubFacilityId))] });
  const pairs: TelePair[] = shown.map((r) => {
    const counts = monthlySeries(activity, months, (a) => a.hubFacilityId === r.hubFacilityId && a.spokeFacilityId === r.spokeFacilityId);
    return {
      ...r,
      chapters: r.chapters.split(",").map(Number).sort((a, b) => a - b),
      activity: counts,
      total: counts.reduce((a, b) => a + b, 0),
    };
  });
  const hubs = [...new Map(pairs.map((p) => [p.hubFacilityId, p.hubName])).entries()].map(([id, name]) => ({
    id,
    name,
    spokes: pairs.filter((p) => p.hubFacilityId === id).length,
  }));
  return { months, pairs, hubs, truncated };
}
