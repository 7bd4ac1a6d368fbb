// Hub–spoke links in the database. `activeLink` is the shared answer to "may hub H hold a session
// with spoke P in chapter C on date D": sessions and schedules both ask it.
import { and, asc, eq, gte, isNull, lte, or, sql, type SQL } from "drizzle-orm";
import type { Db } from "~/db/client.server";
import { agreementChapters, agreementParties as agreementParties_, agreements, chapters, facilities, teleLinks, type TeleLink } from "~/db/schema";
import { canChange, type Actor } from "~/models/access/policy";
import { facilityScopeCondition, manageScopeCondition } from "~/models/access/scope-sql.server";
import { assertVersion, recordAudit, type Tx } from "~/models/audit/audit.server";
import { deliversCare, type Locale } from "~/models/enums";
import { ConflictError, DomainError, ForbiddenError, NotFoundError } from "~/models/errors";
import { facilityNameSqlAt } from "~/models/facilities/names.server";
import { checkLinkEnd, checkLinkInput, linksFromParties } from "./links";

/** The SQL form of `isLinkInForce` (links.ts) for a date. */
export function linkInForceSql(date: string): SQL {
  return and(lte(teleLinks.startOn, date), or(isNull(teleLinks.endOn), gte(teleLinks.endOn, date)))!;
}

/**
 * The link in force between a hub and a spoke on a date, for a chapter (null = any chapter: the
 * earliest-started link in force), or null when there is none.
 */
export function activeLink(
  db: Db | Tx,
  hubFacilityId: number,
  spokeFacilityId: number,
  chapterNumber: number | null,
  date: string,
): TeleLink | null {
  const row = db
    .select()
    .from(teleLinks)
    .where(
      and(
        eq(teleLinks.hubFacilityId, hubFacilityId),
        eq(teleLinks.spokeFacilityId, spokeFacilityId),
        chapterNumber === null ? undefined : eq(teleLinks.chapterNumber, chapterNumber),
        linkInForceSql(date),
      ),
    )
    .orderBy(asc(teleLinks.startOn), asc(teleLinks.chapterNumber))
    .limit(1)
    .get();
  return row ?? null;
}

// ---------------------------------------------------------------- commands

export type LinkInput = {
  hubFacilityId: number;
  spokeFacilityId: number;
  chapterNumber: number;
  agreementId?: number | null;
  startOn: string;
  endOn?: string | null;
  note?: string | null;
};

type FacilityFacts = { id: number; provinceCode: string | null; deliversCare: boolean; active: boolean };

function facilityFacts(tx: Tx, id: number): FacilityFacts | null {
  const row = tx
    .select({ id: facilities.id, provinceCode: facilities.provinceCode, kind: facilities.kind, active: facilities.active })
    .from(facilities)
    .where(eq(facilities.id, id))
    .get();
  return row ? { id: row.id, provinceCode: row.provinceCode, deliversCare: deliversCare(row.kind), active: row.active } : null;
}

function requireChapter(tx: Tx, chapterNumber: number): void {
  if (!tx.select({ n: chapters.number }).from(chapters).where(eq(chapters.number, chapterNumber)).get()) {
    throw new DomainError("tele:links.errors.noChapter", { field: "chapterNumber" });
  }
}

/** Checks and writes one link inside `tx` (no transaction of its own: the agreement helper writes several). */
function insertLink(tx: Tx, actor: Actor, input: LinkInput): TeleLink {
  const hub = facilityFacts(tx, input.hubFacilityId);
  if (!hub) throw new DomainError("tele:links.errors.noFacility", { field: "hubFacilityId" });
  if (!canChange(actor, "telehealth.manage", { facilityId: hub.id, provinceCode: hub.provinceCode })) throw new ForbiddenError();
  const spoke = facilityFacts(tx, input.spokeFacilityId);
  if (!spoke) throw new DomainError("tele:links.errors.noFacility", { field: "spokeFacilityId" });
  requireChapter(tx, input.chapterNumber);
  let agreementParties: number[] | null = null;
  if (input.agreementId) {
    const agreement = tx.select({ id: agreements.id }).from(agreements).where(eq(agreements.id, input.agreementId)).get();
    if (!agreement) throw new DomainError("tele:links.errors.noAgreement", { field: "agreementId" });
    agreementParties = tx
      .select({ id: agreementParties_.facilityId })
      .from(agreementParties_)
      .where(eq(agreementParties_.agreementId, input.agreementId))
      .all()
      .map((r) => r.id);
  }
  const refusal = checkLinkInput({ hub, spoke, startOn: input.startOn, endOn: input.endOn ?? null, agreementParties });
  if (refusal) throw refusal;
  const existing = tx
    .select({ id: teleLinks.id })
    .from(teleLinks)
    .where(and(eq(teleLinks.hubFacilityId, hub.id), eq(teleLinks.spokeFacilityId, spoke.id), eq(teleLinks.chapterNumber, input.chapterNumber)))
    .get();
  if (existing) throw new ConflictError("tele:links.errors.duplicate", { field: "spokeFacilityId" });
  const row = tx
    .insert(teleLinks)
    .values({
      hubFacilityId: hub.id,
      spokeFacilityId: spoke.id,
      chapterNumber: input.chapterNumber,
      agreementId: input.agreementId ?? null,
      startOn: input.startOn,
      endOn: input.endOn ?? null,
      note: input.note?.trim() || null,
      createdBy: actor.userId,
    })
    .returning()
    .get();
  recordAudit(tx, { userId: actor.userId, action: "create", entityType: "tele_link", entityId: row.id, after: row });
  return row;
}

/** A new link from a hub the actor manages to a spoke in one chapter; 409 when the three are linked already. */
export function createLink(db: Db, actor: Actor, input: LinkInput): TeleLink {
  return db.transaction((tx) => insertLink(tx, actor, input));
}

/**
 * The links an agreement implies (each supporting party to each receiving party, in each of its
 * chapters) that do not exist yet, in one transaction, from `startOn` (the agreement's start when
 * omitted) to the agreement's end. Only supporting parties the actor manages become hubs.
 */
export function createLinksFromAgreement(db: Db, actor: Actor, agreementId: number, startOn?: string): TeleLink[] {
  return db.transaction((tx) => {
    const agreement = tx.select().from(agreements).where(eq(agreements.id, agreementId)).get();
    if (!agreement) throw new NotFoundError();
    const parties = tx.select().from(agreementParties_).where(eq(agreementParties_.agreementId, agreementId)).all();
    const chapterNumbers = tx
      .select({ n: agreementChapters.chapterNumber })
      .from(agreementChapters)
      .where(eq(agreementChapters.agreementId, agreementId))
      .all()
      .map((r) => r.n);
    const managed = linksFromParties(parties, chapterNumbers).filter((k) => {
      const hub = facilityFacts(tx, k.hubFacilityId);
      return hub !== null && canChange(actor, "telehealth.manage", { facilityId: hub.id, provinceCode: hub.provinceCode });
    });
    if (managed.length === 0 && linksFromParties(parties, chapterNumbers).length > 0) throw new ForbiddenError();
    const created: TeleLink[] = [];
    for (const key of managed) {
      const exists = tx
        .select({ id: teleLinks.id })
        .from(teleLinks)
        .where(and(eq(teleLinks.hubFacilityId, key.hubFacilityId), eq(teleLinks.spokeFacilityId, key.spokeFacilityId), eq(teleLinks.chapterNumber, key.chapterNumber)))
        .get();
      if (exists) continue;
      created.push(insertLink(tx, actor, { ...key, agreementId, startOn: startOn ?? agreement.startOn, endOn: agreement.endOn }));
    }
    return created;
  });
}

/** The link, checked to exist and to be changeable by the actor from either side. */
function requireChangeableLink(tx: Tx, actor: Actor, linkId: number): TeleLink {
  const link = tx.select().from(teleLinks).where(eq(teleLinks.id, linkId)).get();
  if (!link) throw new NotFoundError();
  const sides = [facilityFacts(tx, link.hubFacilityId), facilityFacts(tx, link.spokeFacilityId)];
  if (!sides.some((f) => f && canChange(actor, "telehealth.manage", { facilityId: f.id, provinceCode: f.provinceCode }))) {
    throw new ForbiddenError();
  }
  return link;
}

/** Ends a link on `endOn` (or clears the end with null), from the hub or the spoke side; version-checked. */
export function endLink(db: Db, actor: Actor, linkId: number, input: { endOn: string | null; version: number }): TeleLink {
  return db.transaction((tx) => {
    const link = requireChangeableLink(tx, actor, linkId);
    assertVersion(link, input.version, { endOn: input.endOn });
    const refusal = checkLinkEnd(link.startOn, input.endOn);
    if (refusal) throw refusal;
    const after = tx
      .update(teleLinks)
      .set({ endOn: input.endOn, version: link.version + 1, updatedAt: new Date().toISOString() })
      .where(eq(teleLinks.id, linkId))
      .returning()
      .get();
    recordAudit(tx, { userId: actor.userId, action: "update", entityType: "tele_link", entityId: linkId, before: link, after });
    return after;
  });
}

/** Changes a link's note, from the hub or the spoke side; version-checked. */
export function updateLinkNote(db: Db, actor: Actor, linkId: number, input: { note: string | null; version: number }): TeleLink {
  return db.transaction((tx) => {
    const link = requireChangeableLink(tx, actor, linkId);
    const note = input.note?.trim() || null;
    assertVersion(link, input.version, { note });
    const after = tx
      .update(teleLinks)
      .set({ note, version: link.version + 1, updatedAt: new Date().toISOString() })
      .where(eq(teleLinks.id, linkId))
      .returning()
      .get();
    recordAudit(tx, { userId: actor.userId, action: "update", entityType: "tele_link", entityId: linkId, before: link, after });
    return after;
  });
}

// ---------------------------------------------------------------- queries

/** Links the actor reads: those whose hub or spoke it may read (a department: either in its province). */
export function linkReadCondition(actor: Actor, hub: SQL | typeof teleLinks.hubFacilityId = teleLinks.hubFacilityId, spoke: SQL | typeof teleLinks.spokeFacilityId = teleLinks.spokeFacilityId): SQL {
  return sql`(${facilityScopeCondition(actor, hub)} or ${facilityScopeCondition(actor, spoke)})`;
}

/** Whether the actor may change a link record of this facility (hub or spoke side). */
export function canManageTele(actor: Actor, facility: { id: number; provinceCode: string | null }): boolean {
  return canChange(actor, "telehealth.manage", { facilityId: facility.id, provinceCode: facility.provinceCode });
}

export type LinkRow = {
  id: number;
  hubFacilityId: number;
  hubName: string;
  spokeFacilityId: number;
  spokeName: string;
  spokeLevel: string | null;
  chapterNumber: number;
  chapterName: string;
  agreementId: number | null;
  agreementNumber: string | null;
  startOn: string;
  endOn: string | null;
  note: string | null;
  version: number;
  inForce: boolean;
  canChange: boolean;
};

/**
 * The links the actor reads, optionally of one hub, spokes by chapter. `today` decides which are
 * in force. One indexed query; the hubs' and spokes' names joined in SQL.
 */
export function listLinks(db: Db, actor: Actor, options: { hubFacilityId?: number | null; today: string; locale: Locale }): LinkRow[] {
  const rows = db.all<Omit<LinkRow, "inForce" | "canChange"> & { hubProvince: string | null; spokeProvince: string | null }>(sql`
    select l.id, l.hub_facility_id as hubFacilityId, ${facilityNameSqlAt("h", options.locale)} as hubName, h.province_code as hubProvince,
           l.spoke_facility_id as spokeFacilityId, ${facilityNameSqlAt("s", options.locale)} as spokeName, s.level as spokeLevel,
           s.province_code as spokeProvince, l.chapter_number as chapterNumber, c.name as chapterName,
           l.agreement_id as agreementId, a.number as agreementNumber, l.start_on as startOn, l.end_on as endOn,
           l.note, l.version
    from tele_links l
    join facilities h on h.id = l.hub_facility_id
    join facilities s on s.id = l.spoke_facility_id
    join chapters c on c.number = l.chapter_number
    left join agreements a on a.id = l.agreement_id
    where ${linkReadCondition(actor, sql`l.hub_facility_id`, sql`l.spoke_facility_id`)}
      ${options.hubFacilityId ? sql`and l.hub_facility_id = ${options.hubFacilityId}` : sql``}
    order by hubName, l.chapter_number, spokeName`);
  return rows.map(({ hubProvince, spokeProvince, ...r }) => ({
    ...r,
    inForce: r.startOn <= options.today && (r.endOn === null || options.today <= r.endOn),
    canChange:
      canManageTele(actor, { id: r.hubFacilityId, provinceCode: hubProvince }) ||
      canManageTele(actor, { id: r.spokeFacilityId, provinceCode: spokeProvince }),
  }));
}

/** One link the actor reads, or null. */
export function getLink(db: Db, actor: Actor, linkId: number, options: { today: string; locale: Locale }): LinkRow | null {
  return listLinks(db, actor, options).find((l) => l.id === linkId) ?? null;
}

/** The twelve `yyyy-MM` months ending with today's month, oldest first. */
export function lastTwelveMonths(today: string): string[] {
  const y = Number(today.slice(0, 4));
  const m = Number(today.slice(5, 7));
  const out: string[] = [];
  for (let i = 11; i >= 0; i--) {
    const total = y * 12 + (m - 1) - i;
    out.push(`${Math.floor(total / 12)}-${String((total % 12) + 1).padStart(2, "0")}`);
  }
  return out;
}

export type PairActivity = { hubFacilityId: number; spokeFacilityId: number; chapterNumber: number | null; month: string; sessions: number };

/**
 * Sessions per hub, spoke, chapter and month over the last twelve months, counted in SQL over
 * the held-on index range (a consultation counts for its presenting spoke, a training session
 * once for each spoke that attended). `hubFacilityIds` null = every hub; nothing is loaded to be
 * counted here.
 */
export function pairActivity(db: Db | Tx, options: { today: string; hubFacilityIds: number[] | null }): PairActivity[] {
  const months = lastTwelveMonths(options.today);
  const from = `${months[0]}-01`;
  const to = options.today;
  if (options.hubFacilityIds && options.hubFacilityIds.length === 0) return [];
  const hubs = options.hubFacilityIds ? sql`and s.hub_facility_id in (select value from json_each(${JSON.stringify(options.hubFacilityIds)}))` : sql``;
  return db.all<PairActivity>(sql`
    select hubFacilityId, spokeFacilityId, chapterNumber, month, sum(n) as sessions from (
      select s.hub_facility_id as hubFacilityId, s.spoke_facility_id as spokeFacilityId, s.chapter_number as chapterNumber,
             substr(s.held_on, 1, 7) as month, count(*) as n
      from tele_sessions s
      where s.held_on >= ${from} and s.held_on <= ${to} and s.spoke_facility_id is not null ${hubs}
      group by 1, 2, 3, 4
      union all
      select s.hub_facility_id, p.facility_id, s.chapter_number, substr(s.held_on, 1, 7), count(distinct s.id)
      from tele_sessions s
      join tele_participants p on p.session_id = s.id and p.side = 'spoke'
      where s.held_on >= ${from} and s.held_on <= ${to} and s.spoke_facility_id is null ${hubs}
      group by 1, 2, 3, 4
    ) group by 1, 2, 3, 4`);
}

/** Twelve counts (oldest month first) from activity rows matching `match`. */
export function monthlySeries(rows: readonly PairActivity[], months: readonly string[], match: (r: PairActivity) => boolean): number[] {
  const index = new Map(months.map((m, i) => [m, i]));
  const out = months.map(() => 0);
  for (const r of rows) {
    if (!match(r)) continue;
    const i = index.get(r.month);
    if (i !== undefined) out[i] += r.sessions;
  }
  return out;
}

// ---------------------------------------------------------------- form choices

export type Option = { id: number; name: string };

/**
 * What the new-link form offers: the hubs the actor manages (its own facility; hospitals for an
 * administrator), and for the chosen hub the spokes it plausibly supports (the facilities it
 * directs and its fellow parties to agreements), the chapters and its agreements.
 */
export function linkFormOptions(db: Db, actor: Actor, requestedHubId: number | null, locale: Locale) {
  const hubs = db.all<Option>(sql`
    select f.id, ${facilityNameSqlAt("f", locale)} as name from facilities f
    where f.active = 1 and f.kind in ('central_hospital', 'provincial_hospital', 'specialised_hospital', 'regional_centre')
      and ${manageScopeCondition(actor, sql`f.id`, "telehealth.manage")}
    order by name limit 1000`);
  const hub = hubs.find((h) => h.id === requestedHubId) ?? hubs[0] ?? null;
  if (!hub) return { hubs, hub: null, spokes: [] as Option[], agreements: [] as (Option & { number: string })[], chapters: listChapters(db) };
  const spokes = db.all<Option>(sql`
    select f.id, ${facilityNameSqlAt("f", locale)} as name from facilities f
    where f.active = 1 and f.id <> ${hub.id} and f.kind not in ('health_department', 'other_organisation')
      and (f.directed_by_id = ${hub.id}
           or f.id in (select p2.facility_id from agreement_parties p1 join agreement_parties p2 on p2.agreement_id = p1.agreement_id
                       where p1.facility_id = ${hub.id} and p1.role = 'supporting' and p2.role = 'receiving'))
    order by name`);
  const agreementRows = db.all<Option & { number: string }>(sql`
    select a.id, a.title as name, a.number from agreements a
    where a.id in (select agreement_id from agreement_parties where facility_id = ${hub.id} and role = 'supporting')
      and a.status <> 'draft'
    order by a.start_on desc limit 200`);
  return { hubs, hub, spokes, agreements: agreementRows, chapters: listChapters(db) };
}

export function listChapters(db: Db): { number: number; name: string }[] {
  return db.select({ number: chapters.number, name: chapters.name }).from(chapters).orderBy(chapters.number).all();
}

/** Spokes linked to a hub in force on `date` (any chapter): the choices of a schedule's invitation. */
export function linkedSpokes(db: Db, hubFacilityId: number, date: string, locale: Locale): Option[] {
  return db.all<Option>(sql`
    select distinct f.id, ${facilityNameSqlAt("f", locale)} as name from tele_links l join facilities f on f.id = l.spoke_facility_id
    where l.hub_facility_id = ${hubFacilityId} and l.start_on <= ${date} and (l.end_on is null or l.end_on >= ${date})
    order by name`);
}

/** The hubs whose schedules the actor may change (same rule as links): for the schedule form. */
export function managedHubs(db: Db, actor: Actor, locale: Locale): Option[] {
  return db.all<Option>(sql`
    select f.id, ${facilityNameSqlAt("f", locale)} as name from facilities f
    where f.id in (select hub_facility_id from tele_links) and ${manageScopeCondition(actor, sql`f.id`, "telehealth.manage")}
    order by name`);
}

// ---------------------------------------------------------------- the remote-support home

export type HubView = {
  id: number;
  name: string;
  canChange: boolean;
  links: (LinkRow & { activity: number[] })[];
};

/**
 * The links the actor reads grouped by hub (one hub when `hubFacilityId` is given), each with its
 * sessions per month over the last twelve months for that spoke and chapter.
 */
export function teleHome(db: Db, actor: Actor, options: { hubFacilityId?: number | null; today: string; locale: Locale }) {
  const links = listLinks(db, actor, options);
  const months = lastTwelveMonths(options.today);
  const hubIds = [...new Set(links.map((l) => l.hubFacilityId))];
  const activity = pairActivity(db, { today: options.today, hubFacilityIds: hubIds });
  const hubs = new Map<number, HubView>();
  for (const link of links) {
    let hub = hubs.get(link.hubFacilityId);
    if (!hub) {
      hub = { id: link.hubFacilityId, name: link.hubName, canChange: false, links: [] };
      hubs.set(hub.id, hub);
    }
    const counts = monthlySeries(activity, months, (r) => r.hubFacilityId === link.hubFacilityId && r.spokeFacilityId === link.spokeFacilityId && r.chapterNumber === link.chapterNumber);
    hub.links.push({ ...link, activity: counts });
  }
  const hubFacts = db.all<{ id: number; provinceCode: string | null }>(sql`select id, province_code as provinceCode from facilities where id in (select value from json_each(${JSON.stringify(hubIds)}))`);
  for (const f of hubFacts) {
    const hub = hubs.get(f.id);
    if (hub) hub.canChange = canManageTele(actor, f);
  }
  return { months, hubs: [...hubs.values()] };
}
