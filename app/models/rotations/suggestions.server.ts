// Candidate suggestions: for a transfer item (or a technique and a receiving facility) and a
// date window, the staff of the supporting facility ranked for a rotation. A candidate must
// pass the same rules as the rotation form: performs the technique independently, is free
// for the whole window (rotations and courses), and the facility keeps its absence limit.
// Five queries whatever the facility's size; the rules run in memory.
import { eq, sql } from "drizzle-orm";
import type { Db } from "~/db/client.server";
import { facilities, staff, techniques, transferItems } from "~/db/schema";
import { canChange, canRead, type Actor } from "~/models/access/policy";
import { addDaysIso, type DateRange } from "~/models/dates";
import { OPEN_AGREEMENT_STATUSES, type Cadre } from "~/models/enums";
import { DomainError, ForbiddenError, NotFoundError } from "~/models/errors";
import { listCommitmentsByStaff } from "~/models/schedule/commitments.server";
import { clashParams, findClashes } from "~/models/schedule/rules";
import { facilityAbsences } from "./commands.server";
import { getAgreementTerm } from "./queries.server";
import { absenceLimit, checkAbsenceLimit, checkAgreement, checkMinimumLength, checkTechniques, peakConcurrent, throwFirst } from "./rules";
import type { Locale } from "~/models/enums";
import { facilityNameSql, facilityNameSqlAt, facilityShortNameSqlAt } from "~/models/facilities/names.server";

export const SUGGESTION_COUNT = 10;
export const EXCLUDED_SHOWN = 100;

export type Reason = { key: string; params?: Record<string, string | number> };
export type Candidate = {
  staffId: number;
  fullName: string;
  cadre: Cadre;
  title: string | null;
  reasons: Reason[];
};

export type SuggestionRequest = {
  transferItemId?: number | null;
  techniqueId?: number | null;
  /** A catalogue code, when neither the item nor the technique id is given. */
  techniqueCode?: string | null;
  toFacilityId?: number | null;
  /** Supporting facility when no transfer item is given; the actor's own by default. */
  fromFacilityId?: number | null;
  window: DateRange;
  /** The reader's language, for the facility names shown. */
  locale?: Locale;
};

export type Suggestions = {
  technique: { id: number; code: string; name: string; chapterNumber: number };
  from: { id: number; name: string };
  to: { id: number; name: string } | null;
  transferItem: { id: number; agreementId: number } | null;
  window: DateRange;
  limit: number;
  /** Staff already away from the supporting facility on its busiest day of the window. */
  awayPeak: number;
  candidates: Candidate[];
  excluded: Candidate[];
  excludedTotal: number;
  canSchedule: boolean;
};

export function suggestCandidates(db: Db, actor: Actor, request: SuggestionRequest): Suggestions {
  const window = request.window;
  const locale = request.locale ?? "vi";
  let techniqueId = request.techniqueId ?? null;
  let fromId = request.fromFacilityId ?? actor.facilityId;
  let toId = request.toFacilityId ?? null;
  let transferItem: Suggestions["transferItem"] = null;
  if (request.transferItemId) {
    const item = db.select().from(transferItems).where(eq(transferItems.id, request.transferItemId)).get();
    if (!item) throw new NotFoundError();
    techniqueId = item.techniqueId;
    fromId = item.fromFacilityId;
    toId = item.toFacilityId;
    transferItem = { id: item.id, agreementId: item.agreementId };
  }
  if (techniqueId === null && request.techniqueCode) {
    const found = db.select({ id: techniques.id }).from(techniques).where(eq(techniques.code, request.techniqueCode)).get();
    if (!found) throw new DomainError("rotations:errors.unknownTechnique", { field: "techniqueCode", params: { code: request.techniqueCode } });
    techniqueId = found.id;
  }
  if (techniqueId === null) throw new DomainError("rotations:errors.chooseTechnique", { field: "techniqueCode" });
  if (fromId === null) throw new ForbiddenError();

  // 1. The context: technique and facilities.
  const technique = db
    .select({ id: techniques.id, code: techniques.code, name: techniques.name, chapterNumber: techniques.chapterNumber })
    .from(techniques)
    .where(eq(techniques.id, techniqueId))
    .get();
  if (!technique) throw new DomainError("rotations:errors.unknownTechnique", { field: "techniqueId", params: { code: String(techniqueId) } });
  const from = db
    .select({ id: facilities.id, name: facilityNameSql(locale), provinceCode: facilities.provinceCode, beds: facilities.beds, absenceLimit: facilities.absenceLimit })
    .from(facilities)
    .where(eq(facilities.id, fromId))
    .get();
  if (!from) throw new NotFoundError();
  const scope = { facilityId: from.id, provinceCode: from.provinceCode };
  if (!canRead(actor, scope)) throw new ForbiddenError();
  let minMonths: number | null = null;
  if (transferItem && toId !== null) {
    // The window must be one a rotation under the item's agreement could take.
    const agreement = getAgreementTerm(db, transferItem.agreementId);
    if (!agreement) throw new NotFoundError();
    throwFirst(checkAgreement(agreement, { fromFacilityId: from.id, toFacilityId: toId, startOn: window.start, endOn: window.end }));
    minMonths = agreement.minRotationMonths;
  }
  // The form's own minimum (the agreement's, else three months): a window it would refuse is
  // never proposed. Short-term support is the form's explicit exception, not a suggestion.
  throwFirst(checkMinimumLength(window, { minMonths, shortTerm: false, shortTermReason: null }));
  const to = toId === null ? null : (db.select({ id: facilities.id, name: facilityNameSql(locale) }).from(facilities).where(eq(facilities.id, toId)).get() ?? null);

  // 2. The supporting facility's active staff, whether each performs the technique, and how
  //    many rotation days each served in the year before the window (to share the load).
  const yearBefore = { start: addDaysIso(window.start, -365), end: addDaysIso(window.start, -1) };
  const people = db.all<{
    id: number;
    fullName: string;
    cadre: Cadre;
    title: string | null;
    chapterNumber: number | null;
    performs: number;
    since: string | null;
    recentDays: number;
    lastEnd: string | null;
  }>(sql`
    select s.id, s.full_name as fullName, s.cadre, s.title, s.chapter_number as chapterNumber,
           (st.staff_id is not null) as performs, st.since,
           coalesce((select sum(julianday(min(r.end_on, ${yearBefore.end})) - julianday(max(r.start_on, ${yearBefore.start})) + 1)
                       from rotations r
                      where r.staff_id = s.id and r.status <> 'cancelled'
                        and r.start_on <= ${yearBefore.end} and r.end_on >= ${yearBefore.start}), 0) as recentDays,
           (select max(r.end_on) from rotations r where r.staff_id = s.id and r.status <> 'cancelled' and r.end_on < ${window.start}) as lastEnd
      from ${staff} s
      left join staff_techniques st on st.staff_id = s.id and st.technique_id = ${technique.id}
     where s.facility_id = ${from.id} and s.active = 1`);

  // 3. Everyone's commitments in the window, and 4. the facility's absences in it.
  const commitments = listCommitmentsByStaff(db, { facilityId: from.id }, window);
  const away = facilityAbsences(db, from.id, window, null);
  const limit = absenceLimit(from);
  const awayPeak = peakConcurrent(away, window);
  const limitVerdict = checkAbsenceLimit({ othersAway: away, range: window, limit, override: false, overrideReason: null });

  const candidates: (Candidate & { rank: [number, number, string] })[] = [];
  const excluded: (Candidate & { rank: [number, number, string] })[] = [];
  for (const p of people) {
    const base = { staffId: p.id, fullName: p.fullName, cadre: p.cadre, title: p.title };
    const verdictTechnique = checkTechniques([{ techniqueId: technique.id, code: technique.code, name: technique.name }], p.performs ? new Set([technique.id]) : new Set());
    const clash = findClashes(commitments.get(p.id) ?? [], window)[0] ?? null;
    const why: Reason[] = [];
    if (verdictTechnique) why.push({ key: "rotations:suggestions.reasons.notPerformed", params: { code: technique.code } });
    if (clash) why.push({ key: `rotations:errors.clash.${clash.kind}`, params: clashParams(clash) });
    if (!verdictTechnique && !clash && limitVerdict) {
      why.push({ key: "rotations:suggestions.reasons.overLimit", params: { limit, peak: awayPeak + 1 } });
    }
    if (why.length > 0) {
      // Those who perform the technique but are busy are the most useful to see first.
      excluded.push({ ...base, reasons: why, rank: [p.performs ? 0 : 1, why.length, p.fullName] });
      continue;
    }
    const reasons: Reason[] = [
      p.since
        ? { key: "rotations:suggestions.reasons.performsSince", params: { code: technique.code, since: p.since } }
        : { key: "rotations:suggestions.reasons.performs", params: { code: technique.code } },
      { key: "rotations:suggestions.reasons.free" },
      { key: "rotations:suggestions.reasons.withinLimit", params: { peak: awayPeak + 1, limit } },
      p.lastEnd
        ? { key: "rotations:suggestions.reasons.recent", params: { days: Math.round(p.recentDays), lastEnd: p.lastEnd } }
        : { key: "rotations:suggestions.reasons.neverRotated" },
    ];
    if (p.chapterNumber === technique.chapterNumber) reasons.push({ key: "rotations:suggestions.reasons.specialty" });
    // Fewer recent rotation days first, then the matching specialty, then by name.
    candidates.push({ ...base, reasons, rank: [p.recentDays, p.chapterNumber === technique.chapterNumber ? 0 : 1, p.fullName] });
  }
  const byRank = (a: { rank: [number, number, string] }, b: { rank: [number, number, string] }) =>
    a.rank[0] - b.rank[0] || a.rank[1] - b.rank[1] || a.rank[2].localeCompare(b.rank[2], "vi");
  candidates.sort(byRank);
  excluded.sort(byRank);
  const strip = ({ rank: _rank, ...c }: Candidate & { rank: unknown }): Candidate => c;
  // Candidates beyond the first ten are not excluded: they are listed as further options.
  const extra = candidates.slice(SUGGESTION_COUNT).map((c) => ({ ...strip(c), reasons: [{ key: "rotations:suggestions.reasons.notInTop", params: { count: SUGGESTION_COUNT } }] }));
  const allExcluded = [...extra, ...excluded.map(strip)];
  return {
    technique,
    from: { id: from.id, name: from.name },
    to,
    transferItem,
    window,
    limit,
    awayPeak,
    candidates: candidates.slice(0, SUGGESTION_COUNT).map(strip),
    excluded: allExcluded.slice(0, EXCLUDED_SHOWN),
    excludedTotal: allExcluded.length,
    canSchedule: canChange(actor, "rotations.manage", scope),
  };
}

/** Facilities a facility works with: those it directs and its agreement partners. */
export function partnerFacilities(db: Db, facilityId: number, locale: Locale = "vi") {
  return db.all<{ id: number; name: string }>(sql`
    select f.id, ${facilityNameSqlAt("f", locale)} as name from facilities f
     where f.id <> ${facilityId}
       and (f.directed_by_id = ${facilityId}
            or f.id in (select p.facility_id from agreement_parties p
                         where p.agreement_id in (select agreement_id from agreement_parties where facility_id = ${facilityId})))
     order by name limit 300`);
}

/** Transfer items a facility supports and has not finished, under open agreements, for the suggestions form. */
export function supportedItems(db: Db, facilityId: number, locale: Locale = "vi") {
  const toName = facilityShortNameSqlAt("f", locale);
  return db.all<{ id: number; label: string }>(sql`
    select ti.id, t.code || ' – ' || t.name || ' → ' || ${toName} as label
      from transfer_items ti
      join techniques t on t.id = ti.technique_id
      join facilities f on f.id = ti.to_facility_id
      join agreements a on a.id = ti.agreement_id
     where ti.from_facility_id = ${facilityId} and ti.stage <> 'accepted' and a.status in (${sql.join(OPEN_AGREEMENT_STATUSES.map((status) => sql`${status}`), sql`, `)})
     order by ${toName}, t.chapter_number, t.number
     limit 500`);
}

