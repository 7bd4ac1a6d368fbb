// A facility's remote support at a glance, for its page: the spokes it supports as a hub and
// the hubs it is a spoke of (links in force that the reader reads, as on /tele), with each
// side's figures over the last twelve months: the totals of the report the page links to, so
// the page and the report never disagree.
import { sql } from "drizzle-orm";
import type { Db } from "~/db/client.server";
import type { Actor } from "~/models/access/policy";
import type { Locale } from "~/models/enums";
import { facilityNameSqlAt } from "~/models/facilities/names.server";
import { linkInForceSql, linkReadCondition, canManageTele } from "./links.server";
import { resolvePeriod, type ReportPeriod } from "./reports";
import { mayReportOnFacility, teleReport, type TeleReportRow } from "./reports.server";
import { teleLinks } from "~/db/schema";

export type FacilityTeleSide = {
  /** The facilities on the other side of the links in force (spokes of a hub, hubs of a spoke). */
  partners: { id: number; name: string }[];
  /** The report's totals for this side over the period; null when the reader may not open that report. */
  totals: TeleReportRow | null;
};

export type FacilityTele = {
  period: ReportPeriod;
  asHub: FacilityTeleSide | null;
  asSpoke: FacilityTeleSide | null;
  /** Whether the reader may declare links for this facility (the "add a link" entry). */
  canManage: boolean;
};

export function facilityTeleSummary(
  db: Db,
  actor: Actor,
  facility: { id: number; provinceCode: string | null },
  options: { today: string; locale: Locale },
): FacilityTele {
  const period = resolvePeriod({}, options.today);
  const inForce = linkInForceSql(options.today);
  const readable = linkReadCondition(actor);
  const partners = (side: "hub" | "spoke") => {
    const own = side === "hub" ? teleLinks.hubFacilityId : teleLinks.spokeFacilityId;
    const other = side === "hub" ? sql`tele_links.spoke_facility_id` : sql`tele_links.hub_facility_id`;
    return db.all<{ id: number; name: string }>(sql`
      select distinct f.id, ${facilityNameSqlAt("f", options.locale)} as name
      from ${teleLinks} join facilities f on f.id = ${other}
      where ${own} = ${facility.id} and ${inForce} and ${readable}
      order by name`);
  };
  const reportable = mayReportOnFacility(db, actor, facility.id);
  const side = (which: "hub" | "spoke"): FacilityTeleSide | null => {
    const list = partners(which);
    if (list.length === 0) return null;
    const filters = { ...period, hub: which === "hub" ? facility.id : null, spoke: which === "spoke" ? facility.id : null, chapter: null, province: null };
    return { partners: list, totals: reportable ? teleReport(db, actor, filters, options.locale).totals : null };
  };
  return { period, asHub: side("hub"), asSpoke: side("spoke"), canManage: canManageTele(actor, facility) };
}
