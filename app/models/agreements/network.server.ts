// Which facilities support which (hub -> spokes) through active agreements, aggregated in SQL,
// and, as a separate group, who cooperates with whom under active international agreements.
// The network is shown to every signed-in user: it names facilities and counts agreements,
// never an agreement's content.
import { inArray, sql } from "drizzle-orm";
import type { Db } from "~/db/client.server";
import { facilities } from "~/db/schema";
import type { Locale } from "~/models/enums";
import { facilityNameSql, facilityShortNameSql } from "~/models/facilities/names.server";
import { layoutNetwork, type Cooperation, type NetworkEdge, type NetworkNode } from "./network-layout";

/** Beyond this many links the drawing is unreadable; the page asks for a province filter. */
export const MAX_EDGES = 400;

export function getNetwork(db: Db, options: { province?: string; locale?: Locale } = {}) {
  const locale = options.locale ?? "vi";
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
        .select({ id: facilities.id, name: facilityShortNameSql(locale), fullName: facilityNameSql(locale), level: facilities.level })
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
    level: f.level,
    spokes: spokes.get(f.id) ?? 0,
    agreements: agreementsBy.get(f.id) ?? 0,
  }));
  const hubs = facts
    .filter((f) => spokes.has(f.id))
    .map((f) => ({ id: f.id, name: f.fullName, level: f.level, spokes: spokes.get(f.id)!, agreements: agreementsBy.get(f.id) ?? 0 }))
    .sort((a, b) => b.spokes - a.spokes || a.name.localeCompare(b.name, locale));
  const cooperation = getCooperation(db, provinceFilter, Math.max(0, MAX_EDGES - shown.length), locale);
  return { layout: layoutNetwork(nodes, shown, cooperation), hubs, truncated: truncated || cooperation.truncated };
}

/**
 * International cooperation of active agreements (type international): parties that often
 * deliver no care (health departments, a foreign health commission) and have no supporting or
 * receiving role. Each foreign party is linked to every other party; without a foreign party,
 * the owner leads. Counted in SQL per (leading party, partner).
 */
function getCooperation(db: Db, provinceFilter: ReturnType<typeof sql>, limit: number, locale: Locale): Cooperation & { truncated: boolean } {
  const edges = db.all<NetworkEdge>(sql`
    with intl as (
      select a.id, a.owner_facility_id as owner from agreements a
      where a.status = 'active' and a.type = 'international'
        and exists (
          select 1 from agreement_parties sp join facilities hf on hf.id = sp.facility_id
          join facilities sf on sf.id = sp.facility_id
          where sp.agreement_id = a.id ${provinceFilter}
        )
    ),
    parties as (
      select intl.id as agreement_id, intl.owner, p.facility_id, f.country
      from intl join agreement_parties p on p.agreement_id = intl.id join facilities f on f.id = p.facility_id
    ),
    leading as (
      select agreement_id, facility_id from parties where country <> 'VN'
      union
      select agreement_id, owner from parties p
      where not exists (select 1 from parties q where q.agreement_id = p.agreement_id and q.country <> 'VN')
    )
    select l.facility_id as "from", p.facility_id as "to", count(distinct l.agreement_id) as agreements
    from leading l join parties p on p.agreement_id = l.agreement_id and p.facility_id <> l.facility_id
    where not exists (select 1 from leading l2 where l2.agreement_id = p.agreement_id and l2.facility_id = p.facility_id)
    group by l.facility_id, p.facility_id
    order by l.facility_id, p.facility_id
    limit ${limit + 1}`);
  const truncated = edges.length > limit;
  const shown = edges.slice(0, limit);
  const ids = [...new Set(shown.flatMap((e) => [e.from, e.to]))];
  const facts = ids.length
    ? db.select({ id: facilities.id, name: facilityShortNameSql(locale), level: facilities.level }).from(facilities).where(inArray(facilities.id, ids)).all()
    : [];
  const partners = new Map<number, number>();
  const agreementsBy = new Map<number, number>();
  for (const e of shown) {
    partners.set(e.from, (partners.get(e.from) ?? 0) + 1);
    agreementsBy.set(e.from, Math.max(agreementsBy.get(e.from) ?? 0, e.agreements));
    agreementsBy.set(e.to, Math.max(agreementsBy.get(e.to) ?? 0, e.agreements));
  }
  const nodes: NetworkNode[] = facts.map((f) => ({ id: f.id, name: f.name, level: f.level, spokes: partners.get(f.id) ?? 0, agreements: agreementsBy.get(f.id) ?? 0 }));
  return { nodes, edges: shown, truncated };
}
