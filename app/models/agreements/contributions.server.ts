// The report figures an agreement contributed to: the facility × technique pairs whose origin
// (the same one the drill-down shows, pairOriginSql) is this agreement, grouped by the year the
// pair started, with the categories that count it and the drill-down of the figure for its
// facility and year. Pairs of facilities outside the reader's reach are counted, not listed.
import { sql } from "drizzle-orm";
import type { Tx } from "~/models/audit/audit.server";
import { canRead, filterWithinReach, type Actor } from "~/models/access/policy";
import type { Level, Locale } from "~/models/enums";
import { facilityNameSqlAt } from "~/models/facilities/names.server";
import { pairOriginSql } from "~/models/reports/drill-down.server";
import { reportQuery } from "~/models/reports/params";
import { requireReadableAgreement } from "./access.server";

export type ContributionPair = {
  facilityId: number;
  facilityName: string;
  techniqueId: number;
  techniqueCode: string;
  techniqueName: string;
  minLevel: Level | null;
  levelAtStart: Level;
  startedOn: string;
  approvedOn: string | null;
  officialFrom: string | null;
  crossLevel: boolean;
  storyHref: string;
  /** The drill-down of "new in the year" (all recorded) for the facility, which lists this pair. */
  allFigureHref: string | null;
  /** The same for official figures, from the year the pair became official; null when not official yet. */
  officialFigureHref: string | null;
};

export type ContributionYear = {
  year: number;
  pairs: ContributionPair[];
  crossLevel: number;
  /** Cross-level pairs official by the report date (counted in official figures). */
  officialCrossLevel: number;
};

export type AgreementContributions = {
  agreement: { id: number; number: string; title: string };
  years: ContributionYear[];
  total: number;
  crossLevel: number;
  officialCrossLevel: number;
  /** Pairs at facilities the reader may not read: counted only. */
  hidden: number;
};

/** The drill-down that lists a pair: "new" in `year`, for its facility and category. */
function figureHref(facilityId: number, year: number, category: "all" | "official", crossLevel: boolean, chapterNumber: number): string {
  return `/reports/pairs?${reportQuery({
    baselineYear: Math.min(2020, year),
    facilityId,
    chapterNumber,
    crossOnly: crossLevel,
    metric: "new",
    category,
    year,
  })}`;
}

export function getAgreementContributions(db: Tx, actor: Actor, agreementId: number, reportDate: string, locale: Locale = "vi"): AgreementContributions {
  const agreement = requireReadableAgreement(db, actor, agreementId);
  const origin = pairOriginSql(actor);
  // Candidates: pairs of facilities the agreement's lines reach, or whose events name it; the
  // origin join then keeps those that came through this agreement.
  const rows = db.all<{
    facilityId: number; facilityName: string; provinceCode: string | null; techniqueId: number; techniqueCode: string; techniqueName: string;
    chapterNumber: number; minLevel: Level | null; levelAtStart: Level; startedOn: string; approvedOn: string | null; officialOn: string | null; crossLevel: number;
  }>(sql`
    select p.facility_id as facilityId, ${facilityNameSqlAt("f", locale)} as facilityName, f.province_code as provinceCode,
      t.id as techniqueId, t.code as techniqueCode, t.name as techniqueName, p.chapter_number as chapterNumber,
      p.min_level as minLevel, p.level_at_start as levelAtStart, p.started_on as startedOn,
      case when p.approved_on <= ${reportDate} then p.approved_on end as approvedOn,
      case when p.official_on <= ${reportDate} then p.official_on end as officialOn,
      p.cross_level as crossLevel
    from adoption_pairs p
    join facilities f on f.id = p.facility_id
    join techniques t on t.id = p.technique_id
    ${origin.joins}
    where (p.facility_id, p.technique_id) in (
        select ti.to_facility_id, ti.technique_id from transfer_items ti where ti.agreement_id = ${agreementId}
        union select e.facility_id, e.technique_id from adoption_events e where e.agreement_id = ${agreementId}
        union select e.facility_id, e.technique_id from adoption_events e
          join transfer_items ti on ti.id = e.transfer_item_id where ti.agreement_id = ${agreementId})
      and oa.id = ${agreementId}
      and p.started_on <= ${reportDate}
    order by p.started_on, p.facility_id, t.chapter_number, t.number`);
  let hidden = 0;
  const years = new Map<number, ContributionYear>();
  for (const r of rows) {
    if (!canRead(actor, { facilityId: r.facilityId, provinceCode: r.provinceCode })) {
      hidden++;
      continue;
    }
    const cross = r.crossLevel === 1;
    const year = Number(r.startedOn.slice(0, 4));
    const inReach = filterWithinReach(actor, { facilityId: r.facilityId });
    const pair: ContributionPair = {
      facilityId: r.facilityId,
      facilityName: r.facilityName,
      techniqueId: r.techniqueId,
      techniqueCode: r.techniqueCode,
      techniqueName: r.techniqueName,
      minLevel: r.minLevel,
      levelAtStart: r.levelAtStart,
      startedOn: r.startedOn,
      approvedOn: r.approvedOn,
      officialFrom: r.officialOn,
      crossLevel: cross,
      storyHref: `/reports/pairs/${r.facilityId}/${r.techniqueId}`,
      allFigureHref: inReach ? figureHref(r.facilityId, year, "all", cross, r.chapterNumber) : null,
      officialFigureHref: inReach && r.officialOn ? figureHref(r.facilityId, Number(r.officialOn.slice(0, 4)), "official", cross, r.chapterNumber) : null,
    };
    let group = years.get(year);
    if (!group) {
      group = { year, pairs: [], crossLevel: 0, officialCrossLevel: 0 };
      years.set(year, group);
    }
    group.pairs.push(pair);
    if (cross) group.crossLevel++;
    if (cross && r.officialOn) group.officialCrossLevel++;
  }
  const list = [...years.values()].sort((a, b) => a.year - b.year);
  return {
    agreement: { id: agreement.id, number: agreement.number, title: agreement.title },
    years: list,
    total: list.reduce((n, y) => n + y.pairs.length, 0),
    crossLevel: list.reduce((n, y) => n + y.crossLevel, 0),
    officialCrossLevel: list.reduce((n, y) => n + y.officialCrossLevel, 0),
    hidden,
  };
}
