// Which facilities support which (hub -> spokes) through active agreements, aggregated in SQL.
// The network is shown to every signed-in user: it names facilities and counts agreements,
// never an agreement's content.
import { inArray, sql } from "drizzle-orm";
import type { Db } from "~/db/client.server";
import { facilities } from "~/db/schema";
import type { Level } from "~/models/enums";
import { layoutNetwork, type NetworkEdge, type NetworkNode } from "./network-layout";

/** Beyond this many links the drawing is unreadable; the page asks for a province filter. */
export const MAX_EDGES = 400;

export function getNetwork(db: Db, options: { province?: string } = {}) {
  const provinceFilter = options.province
    ? sql`and (hf.province_code = ${options.province} or sf.province_code = ${options.province})`
    : sql``;
  const edges = db.all<NetworkEdge>(sql`
    select sp.facility_id as "from", rp.facility_id as "to", count(distinct a.id) as agreements
    from agreements a
    join agreement_parties sp on sp.agreement_id = a.id and sp.role = 'supporting'
    join agreement_parties rp on rp.agreement_id = a.id and rp.role = 'receiving'
    join facilities hf on hf.id = sp.facility_id
    join facilities sf on sf.id = rp.facility_id
    where a.status = 'active' and sp.facility_id <> rp.facility_id ${provinceFilter}
    group by sp.facility_id, rp.facility_id
    order by sp.facility_id, rp.facility_id
    limit ${MAX_EDGES + 1}`);
  const truncated = edges.length > MAX_EDGES;
  const shown = edges.slice(0, MAX_EDGES);
  const hubAgreements = db.all<{ id: number; agreements: number }>(sql`
    select sp.facility_id as id, count(distinct a.id) as agreements
    from agreements a
    join agreement_parties sp on sp.agreement_id = a.id and sp.role = 'supporting'
    join agreement_parties rp on rp.agreement_id = a.id and rp.role = 'receiving'
    join facilities hf on hf.id = sp.facility_id
    join facilities sf on sf.id = rp.facility_id
    where a.status = 'active' ${provinceFilter}
    group by sp.facility_id`);
  const ids = [...new Set(shown.flatMap((e) => [e.from, e.to]))];
  const facts = ids.length
    ? db
        .select({ id: facilities.id, name: facilities.shortName, fullName: facilities.name, level: facilities.level })
        .from(facilities)
        .where(inArray(facilities.id, ids))
        .all()
    : [];
  const spokes = new Map<number, number>();
  for (const e of shown) spokes.set(e.from, (spokes.get(e.from) ?? 0) + 1);
  const agreementsBy = new Map(hubAgreements.map((h) => [h.id, h.agreements]));
  const nodes: NetworkNode[] = facts.map((f) => ({
    id: f.id,
    name: f.name,
    level: f.level as Level,
    spokes: spokes.get(f.id) ?? 0,
    agreements: agreementsBy.get(f.id) ?? 0,
  }));
  const hubs = facts
    .filter((f) => spokes.has(f.id))
    .map((f) => ({ id: f.id, name: f.fullName, level: f.level, spokes: spokes.get(f.id)!, agreements: agreementsBy.get(f.id) ?? 0 }))
    .sort((a, b) => b.spokes - a.spokes || a.name.localeCompare(b.name, "vi"));
  return { layout: layoutNetwork(nodes, shown), hubs, truncated };
}
