// Receiving sites: for each facility that receives rotations in the actor's scope and each
// month of a window, who is there, for which plan lines, and the months with nobody. Three
// queries whatever the number of rotations: the number of sites, one page of them, and every
// stay of those sites in the window with its plan lines (aggregated in SQL).
import { sql, type SQL } from "drizzle-orm";
import type { Db } from "~/db/client.server";
import { facilities } from "~/db/schema";
import type { Actor } from "~/models/access/policy";
import { facilityScopeCondition } from "~/models/access/scope-sql.server";
import type { AgreementStatus, RotationPurpose, RotationStatus } from "~/models/enums";
import { clampPage, toPage, type Page, type PageRequest } from "~/utils/pagination";
import { layOutByMonth, monthSpans, windowOf, type SiteFilters, type SiteMonth } from "./sites";
import type { Locale } from "~/models/enums";
import { facilityNameSql, facilityShortNameSql, facilityShortNameSqlAt } from "~/models/facilities/names.server";

const CANCELLED: RotationStatus = "cancelled";
const ACTIVE: AgreementStatus = "active";

export type SitePlanLine = { id: number; agreementId: number; code: string; name: string };

export type SiteStayRow = {
  rotationId: number;
  staffName: string;
  fromName: string;
  purpose: RotationPurpose;
  status: RotationStatus;
  startOn: string;
  endOn: string;
  lines: SitePlanLine[];
};

export type ReceivingSite = {
  id: number;
  name: string;
  shortName: string;
  months: SiteMonth<SiteStayRow>[];
  gaps: number;
};

/**
 * Sites are the facilities in the actor's scope (their own for a facility's users, the
 * province's for a department) that receive a rotation in the window or are the receiving
 * party of an agreement active during it: a site under agreement with nobody there shows as
 * empty months. Every rotation into a site in scope is readable, so a gap is a real gap.
 */
export function getReceivingSites(db: Db, actor: Actor, filters: SiteFilters, page: PageRequest, locale: Locale = "vi"): {
  months: string[];
  sites: Page<ReceivingSite>;
} {
  const spans = monthSpans(filters.from, filters.months);
  const window = windowOf(spans);
  const isSite: SQL = sql`(${facilityScopeCondition(actor, facilities.id)}) and (
    exists (select 1 from rotations r where r.to_facility_id = ${facilities.id} and r.status <> ${CANCELLED}
            and r.start_on <= ${window.end} and r.end_on >= ${window.start})
    or exists (select 1 from agreement_parties p join agreements a on a.id = p.agreement_id
               where p.facility_id = ${facilities.id} and p.role = 'receiving' and a.status = ${ACTIVE}
               and a.start_on <= ${window.end} and (a.end_on is null or a.end_on >= ${window.start})))`;
  const total = db.get<{ n: number }>(sql`select count(*) as n from ${facilities} where ${isSite}`)?.n ?? 0;
  const at = clampPage(page, total);
  const sites = db.all<{ id: number; name: string; shortName: string }>(sql`
    select ${facilities.id} as id, ${facilityNameSql(locale)} as name, ${facilityShortNameSql(locale)} as shortName
    from ${facilities} where ${isSite}
    order by shortName, ${facilities.id}
    limit ${at.pageSize} offset ${at.offset}`);
  const months = spans.map((s) => s.month);
  if (sites.length === 0) return { months, sites: toPage([], total, at) };

  const ids = sql.join(sites.map((s) => sql`${s.id}`), sql`, `);
  const rows = db.all<Omit<SiteStayRow, "lines"> & { toFacilityId: number; lines: string }>(sql`
    select r.id as rotationId, r.to_facility_id as toFacilityId, s.full_name as staffName, ${facilityShortNameSqlAt("f", locale)} as fromName,
           r.purpose as purpose, r.status as status, r.start_on as startOn, r.end_on as endOn,
           (select json_group_array(json_object('id', ti.id, 'agreementId', ti.agreement_id, 'code', t.code, 'name', t.name))
              from rotation_items ri join transfer_items ti on ti.id = ri.transfer_item_id
              join techniques t on t.id = ti.technique_id
             where ri.rotation_id = r.id) as lines
    from rotations r
    join staff s on s.id = r.staff_id
    join facilities f on f.id = r.from_facility_id
    where r.to_facility_id in (${ids}) and r.status <> ${CANCELLED}
      and r.start_on <= ${window.end} and r.end_on >= ${window.start}
    order by r.start_on, r.id`);
  const bySite = new Map<number, SiteStayRow[]>(sites.map((s) => [s.id, []]));
  for (const { toFacilityId, lines, ...row } of rows) {
    bySite.get(toFacilityId)!.push({ ...row, lines: JSON.parse(lines) as SitePlanLine[] });
  }
  return {
    months,
    sites: toPage(
      sites.map((site) => {
        const laid = layOutByMonth(spans, bySite.get(site.id)!);
        return { ...site, months: laid, gaps: laid.filter((m) => m.stays.length === 0).length };
      }),
      total,
      at,
    ),
  };
}
