// Read side of agreements: the scoped, filtered, paginated list and one agreement's page.
import { and, asc, desc, eq, inArray, sql, type SQL } from "drizzle-orm";
import type { Db } from "~/db/client.server";
import {
  agreementChapters,
  agreementDocuments,
  agreementMeetings,
  agreementParties,
  agreements,
  chapters,
  facilities,
  provinces,
  transferItems,
} from "~/db/schema";
import type { Actor } from "~/models/access/policy";
import { partiesScopeCondition } from "~/models/access/scope-sql.server";
import { addDaysIso } from "~/models/dates";
import { techniqueSearchCondition } from "~/models/catalogue/queries.server";
import { searchTerms } from "~/utils/search";
import { clampPage, toPage, type PageRequest } from "~/utils/pagination";
import { canManageAgreement, requireManageableAgreement, requireReadableAgreement } from "./access.server";
import { allowedTransitions, canRenew, DEFAULT_EXPIRING_DAYS, displayStatus } from "./rules";
import type { ListFilter } from "./schemas";
import type { Locale } from "~/models/enums";
import { facilityNameSql, facilityShortNameSql } from "~/models/facilities/names.server";

/** Parties in reading order: supporting, receiving, coordinating. */
const ROLE_ORDER = sql`case ${agreementParties.role} when 'supporting' then 0 when 'receiving' then 1 else 2 end`;

/** Agreements the actor may read: any party (or the owner) within their facility / province. */
export function agreementReadCondition(actor: Actor): SQL {
  return partiesScopeCondition(
    actor,
    sql`select ${agreements.ownerFacilityId} union all select ap.facility_id from ${agreementParties} ap where ap.agreement_id = ${agreements.id}`,
  );
}

function expiringCondition(today: string, days: number): SQL {
  return sql`(${agreements.status} = 'active' and ${agreements.endOn} >= ${today} and ${agreements.endOn} <= ${addDaysIso(today, days)})`;
}

export type AgreementListRow = {
  id: number;
  number: string;
  title: string;
  type: (typeof agreements.$inferSelect)["type"];
  status: (typeof agreements.$inferSelect)["status"];
  displayStatus: ReturnType<typeof displayStatus>;
  startOn: string;
  endOn: string | null;
  parties: { facilityId: number; shortName: string; role: string }[];
  items: number;
  accepted: number;
};

export function listAgreements(db: Db, actor: Actor, filter: ListFilter, page: PageRequest, today: string, locale: Locale = "vi") {
  const conditions: SQL[] = [agreementReadCondition(actor)];
  if (filter.status === "expiring") conditions.push(expiringCondition(today, filter.expiringDays ?? DEFAULT_EXPIRING_DAYS));
  else if (filter.status) conditions.push(eq(agreements.status, filter.status));
  if (filter.expiringDays && filter.status !== "expiring") conditions.push(expiringCondition(today, filter.expiringDays));
  if (filter.type) conditions.push(eq(agreements.type, filter.type));
  if (filter.party) {
    conditions.push(sql`exists (select 1 from ${agreementParties} fp where fp.agreement_id = ${agreements.id} and fp.facility_id = ${filter.party})`);
  }
  if (filter.province) {
    conditions.push(
      sql`exists (select 1 from ${agreementParties} pp join ${facilities} pf on pf.id = pp.facility_id where pp.agreement_id = ${agreements.id} and pf.province_code = ${filter.province})`,
    );
  }
  for (const term of searchTerms(filter.q)) conditions.push(sql`${agreements.searchText} like ${"%" + term + "%"}`);
  const where = and(...conditions);
  const total = db.select({ n: sql<number>`count(*)` }).from(agreements).where(where).get()?.n ?? 0;
  const at = clampPage(page, total);
  const rows = db
    .select({
      id: agreements.id,
      number: agreements.number,
      title: agreements.title,
      type: agreements.type,
      status: agreements.status,
      startOn: agreements.startOn,
      endOn: agreements.endOn,
    })
    .from(agreements)
    .where(where)
    .orderBy(desc(agreements.startOn), desc(agreements.id))
    .limit(at.pageSize)
    .offset(at.offset)
    .all();
  const ids = rows.map((r) => r.id);
  const parties = ids.length
    ? db
        .select({
          agreementId: agreementParties.agreementId,
          facilityId: agreementParties.facilityId,
          role: agreementParties.role,
          shortName: facilityShortNameSql(locale),
        })
        .from(agreementParties)
        .innerJoin(facilities, eq(facilities.id, agreementParties.facilityId))
        .where(inArray(agreementParties.agreementId, ids))
        .orderBy(ROLE_ORDER, asc(facilityShortNameSql(locale)))
        .all()
    : [];
  const counts = ids.length
    ? db
        .select({
          agreementId: transferItems.agreementId,
          items: sql<number>`count(*)`,
          accepted: sql<number>`sum(case when ${transferItems.stage} = 'accepted' then 1 else 0 end)`,
        })
        .from(transferItems)
        .where(inArray(transferItems.agreementId, ids))
        .groupBy(transferItems.agreementId)
        .all()
    : [];
  const countBy = new Map(counts.map((c) => [c.agreementId, c]));
  const list: AgreementListRow[] = rows.map((r) => ({
    ...r,
    displayStatus: displayStatus(r, today, filter.expiringDays ?? DEFAULT_EXPIRING_DAYS),
    parties: parties.filter((p) => p.agreementId === r.id),
    items: countBy.get(r.id)?.items ?? 0,
    accepted: countBy.get(r.id)?.accepted ?? 0,
  }));
  return toPage(list, total, at);
}

/** One agreement with parties, scope, meetings, documents and its links; null never: 404/403 throw. */
export function getAgreement(db: Db, actor: Actor, id: number, today: string, locale: Locale = "vi") {
  const agreement = requireReadableAgreement(db, actor, id);
  const parties = db
    .select({
      facilityId: facilities.id,
      code: facilities.code,
      name: facilityNameSql(locale),
      shortName: facilityShortNameSql(locale),
      level: facilities.level,
      kind: facilities.kind,
      country: facilities.country,
      provinceCode: facilities.provinceCode,
      role: agreementParties.role,
    })
    .from(agreementParties)
    .innerJoin(facilities, eq(facilities.id, agreementParties.facilityId))
    .where(eq(agreementParties.agreementId, id))
    .orderBy(ROLE_ORDER, asc(facilityNameSql(locale)))
    .all();
  const scope = db
    .select({ number: chapters.number, name: chapters.name })
    .from(agreementChapters)
    .innerJoin(chapters, eq(chapters.number, agreementChapters.chapterNumber))
    .where(eq(agreementChapters.agreementId, id))
    .orderBy(asc(chapters.number))
    .all();
  const owner = db.select({ id: facilities.id, name: facilityNameSql(locale), code: facilities.code }).from(facilities).where(eq(facilities.id, agreement.ownerFacilityId)).get()!;
  const predecessor = agreement.predecessorId
    ? db.select({ id: agreements.id, number: agreements.number }).from(agreements).where(eq(agreements.id, agreement.predecessorId)).get() ?? null
    : null;
  const successor = db.select({ id: agreements.id, number: agreements.number }).from(agreements).where(eq(agreements.predecessorId, id)).get() ?? null;
  const meetings = db
    .select({
      id: agreementMeetings.id,
      title: agreementMeetings.title,
      heldOn: agreementMeetings.heldOn,
      hostName: facilityNameSql(locale),
      participants: agreementMeetings.participants,
      decisions: agreementMeetings.decisions,
      minutesNumber: agreementMeetings.minutesNumber,
      minutesSignedOn: agreementMeetings.minutesSignedOn,
    })
    .from(agreementMeetings)
    .leftJoin(facilities, eq(facilities.id, agreementMeetings.hostFacilityId))
    .where(eq(agreementMeetings.agreementId, id))
    .orderBy(desc(agreementMeetings.heldOn))
    .all();
  const documents = db
    .select({
      id: agreementDocuments.id,
      title: agreementDocuments.title,
      fileName: agreementDocuments.fileName,
      mimeType: agreementDocuments.mimeType,
      sizeBytes: agreementDocuments.sizeBytes,
      meetingId: agreementDocuments.meetingId,
      createdAt: agreementDocuments.createdAt,
    })
    .from(agreementDocuments)
    .where(eq(agreementDocuments.agreementId, id))
    .orderBy(desc(agreementDocuments.createdAt))
    .all();
  const canManage = canManageAgreement(db, actor, agreement);
  return {
    agreement,
    displayStatus: displayStatus(agreement, today),
    parties,
    chapters: scope,
    owner,
    predecessor,
    successor,
    meetings,
    documents,
    canManage,
    transitions: canManage ? allowedTransitions(agreement.status) : [],
    canRenew: canManage && canRenew(agreement, Boolean(successor)),
  };
}

export type AgreementDetail = ReturnType<typeof getAgreement>;

/** Facilities by code or name for the party picker (at most 20). */
export function searchFacilities(db: Db, query: string, locale: Locale = "vi") {
  const terms = searchTerms(query);
  if (terms.length === 0) return [];
  return db
    .select({ id: facilities.id, code: facilities.code, name: facilityNameSql(locale), shortName: facilityShortNameSql(locale), level: facilities.level })
    .from(facilities)
    .where(and(eq(facilities.active, true), ...terms.map((t) => sql`${facilities.searchText} like ${"%" + t + "%"}`)))
    .orderBy(asc(facilities.level), asc(facilityNameSql(locale)))
    .limit(20)
    .all();
}

/** Options of the list's filters: provinces, and the facilities that are parties of readable agreements. */
export function listFilterOptions(db: Db, actor: Actor, locale: Locale = "vi") {
  const provinceRows = db.select({ code: provinces.code, name: provinces.name, nameEn: provinces.nameEn }).from(provinces).orderBy(asc(provinces.name)).all();
  const partyRows = db
    .selectDistinct({ id: facilities.id, name: facilityShortNameSql(locale) })
    .from(agreementParties)
    .innerJoin(facilities, eq(facilities.id, agreementParties.facilityId))
    .innerJoin(agreements, eq(agreements.id, agreementParties.agreementId))
    .where(agreementReadCondition(actor))
    .orderBy(asc(facilityShortNameSql(locale)))
    .limit(300)
    .all();
  return { provinces: provinceRows, parties: partyRows };
}

/** Catalogue techniques by code prefix or name for the technique picker (at most 20). */
export function searchTechniques(db: Db, query: string) {
  if (searchTerms(query).length === 0) return [];
  return db.all<{ code: string; name: string; minLevel: string | null }>(sql`
    select t.code, t.name, t.min_level as minLevel from techniques t
    where ${techniqueSearchCondition(query)}
    order by t.chapter_number, t.number limit 20`);
}

/** The code of a facility (the director's own, pre-filled as the first party). */
export function facilityCode(db: Db, id: number | null): string | null {
  if (id === null) return null;
  return db.select({ code: facilities.code }).from(facilities).where(eq(facilities.id, id)).get()?.code ?? null;
}

/** The form's values of an existing agreement, for the edit page. */
export function getAgreementFormValues(db: Db, actor: Actor, id: number) {
  const agreement = requireManageableAgreement(db, actor, id);
  const parties = db
    .select({ facilityCode: facilities.code, role: agreementParties.role })
    .from(agreementParties)
    .innerJoin(facilities, eq(facilities.id, agreementParties.facilityId))
    .where(eq(agreementParties.agreementId, id))
    .orderBy(ROLE_ORDER, asc(facilities.name))
    .all();
  const chapterNumbers = db
    .select({ n: agreementChapters.chapterNumber })
    .from(agreementChapters)
    .where(eq(agreementChapters.agreementId, id))
    .all()
    .map((r) => r.n);
  return { agreement, parties, chapters: chapterNumbers };
}

export function listChapters(db: Db) {
  return db.select({ number: chapters.number, name: chapters.name }).from(chapters).orderBy(asc(chapters.number)).all();
}

