// Remote sessions: recording tele-consultations and remote training over a hub–spoke link in
// force, editing (version-checked) and deleting them, the CME hours of training attendees, the
// session page and the log with its filters. Every write is audited in its transaction.
import { and, asc, desc, eq, inArray, sql, type SQL } from "drizzle-orm";
import type { Db } from "~/db/client.server";
import { facilities, staff, techniques, teleParticipants, teleSeries, teleSessions, transferItems, type TeleSession } from "~/db/schema";
import { canChange, canOpenPerson, canRead, ownFacilityId, readsEverything, type Actor } from "~/models/access/policy";
import { facilityScopeCondition } from "~/models/access/scope-sql.server";
import { assertVersion, recordAudit, type Tx } from "~/models/audit/audit.server";
import { removeRecordedCredit, updateRecordedCredit, writeRecordedCredit } from "~/models/credits/credits.server";
import { creditHoursForMinutes } from "~/models/credits/rules";
import type { Locale, TeleSessionKind, TeleSide } from "~/models/enums";
import { DomainError, ForbiddenError, NotFoundError } from "~/models/errors";
import { facilityShortNameSql, facilityShortNameSqlAt } from "~/models/facilities/names.server";
import { activeLink } from "~/models/tele/links.server";
import { keyUsedElsewhere, receiptExists } from "~/models/offline/receipts.server";
import { clampPage, toPage, type PageRequest } from "~/utils/pagination";
import { foldSearch, searchTerms } from "~/utils/search";
import { checkPlanLine, checkSessionDate, isValidDuration, namesFromText, participantOnItsSide } from "./sessions";
import type { ConsultationInput, SessionFilters, TrainingInput } from "./sessions-schemas";

type Options = { today: string; now?: string };

/** A participant as the write stores it. */
type ParticipantValues = { facilityId: number; side: TeleSide; staffId: number | null; name: string | null };

/** What both kinds of session share once the form is read. */
type Normalised = {
  kind: TeleSessionKind;
  hubFacilityId: number;
  /** The presenting spoke (consultation), or every spoke invited (training). */
  spokeFacilityIds: number[];
  heldOn: string;
  startTime: string;
  durationMinutes: number;
  chapterNumber: number | null;
  techniqueCode?: string;
  transferItemId?: number;
  seriesId?: number;
  title: string;
  outcome: ConsultationInput["outcome"] | null;
  notes?: string;
  idempotencyKey?: string;
  version?: number;
  /** Staff by side; names (consultations) by side. */
  staffBySide: { side: TeleSide; staffId: number; spokeField: string }[];
  names: { side: TeleSide; name: string }[];
};

function normaliseConsultation(input: ConsultationInput): Normalised {
  return {
    kind: "consultation",
    hubFacilityId: input.hubFacilityId,
    spokeFacilityIds: [input.spokeFacilityId],
    heldOn: input.heldOn,
    startTime: input.startTime,
    durationMinutes: input.durationMinutes,
    chapterNumber: input.chapterNumber,
    techniqueCode: input.techniqueCode,
    transferItemId: input.transferItemId,
    seriesId: input.seriesId,
    title: input.title,
    outcome: input.outcome,
    notes: input.notes,
    idempotencyKey: input.idempotencyKey,
    version: input.version,
    staffBySide: [
      ...input.hubStaffIds.map((staffId) => ({ side: "hub" as const, staffId, spokeField: "hubStaffIds" })),
      ...input.spokeStaffIds.map((staffId) => ({ side: "spoke" as const, staffId, spokeField: "spokeStaffIds" })),
    ],
    names: [
      ...namesFromText(input.hubNames).map((name) => ({ side: "hub" as const, name })),
      ...namesFromText(input.spokeNames).map((name) => ({ side: "spoke" as const, name })),
    ],
  };
}

function normaliseTraining(input: TrainingInput): Normalised {
  return {
    kind: "training",
    hubFacilityId: input.hubFacilityId,
    spokeFacilityIds: [...new Set(input.spokeFacilityIds)],
    heldOn: input.heldOn,
    startTime: input.startTime,
    durationMinutes: input.durationMinutes,
    chapterNumber: input.chapterNumber ?? null,
    techniqueCode: input.techniqueCode,
    transferItemId: input.transferItemId,
    seriesId: input.seriesId,
    title: input.title,
    outcome: null,
    notes: input.notes,
    idempotencyKey: input.idempotencyKey,
    version: input.version,
    staffBySide: [
      ...input.hubStaffIds.map((staffId) => ({ side: "hub" as const, staffId, spokeField: "hubStaffIds" })),
      ...input.attendeeStaffIds.map((staffId) => ({ side: "spoke" as const, staffId, spokeField: "attendeeStaffIds" })),
    ],
    names: [],
  };
}

function facilityScope(db: Tx, facilityId: number) {
  return db.select({ id: facilities.id, provinceCode: facilities.provinceCode, name: facilities.shortName }).from(facilities).where(eq(facilities.id, facilityId)).get() ?? null;
}

/** `telehealth.manage` on the hub or on one of the spokes. */
function mayChange(db: Tx, actor: Actor, hubFacilityId: number, spokeFacilityIds: readonly number[]): boolean {
  return [hubFacilityId, ...spokeFacilityIds].some((facilityId) => {
    const f = facilityScope(db, facilityId);
    return f !== null && canChange(actor, "telehealth.manage", { facilityId: f.id, provinceCode: f.provinceCode });
  });
}

/** Every rule that needs the database, in the order a form is read; returns the row values and participants. */
function validate(db: Tx, actor: Actor, input: Normalised, today: string) {
  const spokeField = input.kind === "consultation" ? "spokeFacilityId" : "spokeFacilityIds";
  const hub = facilityScope(db, input.hubFacilityId);
  if (!hub) throw new DomainError("common:validation.invalidChoice", { field: "hubFacilityId" });
  for (const spokeId of input.spokeFacilityIds) {
    if (!facilityScope(db, spokeId)) throw new DomainError("common:validation.invalidChoice", { field: spokeField });
  }
  if (!mayChange(db, actor, input.hubFacilityId, input.spokeFacilityIds)) throw new ForbiddenError();
  if (!isValidDuration(input.durationMinutes)) throw new DomainError("tele:sessions.errors.duration", { field: "durationMinutes" });
  const dateError = checkSessionDate(input.kind, input.heldOn, today);
  if (dateError) throw dateError;

  let techniqueId: number | null = null;
  let chapterNumber = input.chapterNumber;
  if (input.techniqueCode) {
    const technique = db.select({ id: techniques.id, chapterNumber: techniques.chapterNumber }).from(techniques).where(eq(techniques.code, input.techniqueCode)).get();
    if (!technique) throw new DomainError("tele:sessions.errors.unknownTechnique", { field: "techniqueCode", params: { code: input.techniqueCode } });
    if (chapterNumber !== null && technique.chapterNumber !== chapterNumber) {
      throw new DomainError("tele:sessions.errors.techniqueChapter", { field: "techniqueCode" });
    }
    techniqueId = technique.id;
    chapterNumber = technique.chapterNumber;
  }
  if (input.transferItemId) {
    const line = db
      .select({ fromFacilityId: transferItems.fromFacilityId, toFacilityId: transferItems.toFacilityId, techniqueId: transferItems.techniqueId, chapterNumber: techniques.chapterNumber })
      .from(transferItems)
      .innerJoin(techniques, eq(techniques.id, transferItems.techniqueId))
      .where(eq(transferItems.id, input.transferItemId))
      .get();
    if (!line) throw new DomainError("common:validation.invalidChoice", { field: "transferItemId" });
    const refusal = checkPlanLine(line, { hubFacilityId: input.hubFacilityId, spokeFacilityIds: input.spokeFacilityIds, techniqueId });
    if (refusal) throw refusal;
    techniqueId = line.techniqueId;
    chapterNumber ??= line.chapterNumber;
  }
  if (input.seriesId) {
    const series = db.select({ hubFacilityId: teleSeries.hubFacilityId, kind: teleSeries.kind }).from(teleSeries).where(eq(teleSeries.id, input.seriesId)).get();
    if (!series || series.hubFacilityId !== input.hubFacilityId || series.kind !== input.kind) {
      throw new DomainError("common:validation.invalidChoice", { field: "seriesId" });
    }
  }
  for (const spokeId of input.spokeFacilityIds) {
    if (!activeLink(db, input.hubFacilityId, spokeId, chapterNumber, input.heldOn)) {
      const spoke = facilityScope(db, spokeId)!;
      throw new DomainError("tele:sessions.errors.noLink", { field: spokeField, params: { spoke: spoke.name, hub: hub.name } });
    }
  }

  const participants: ParticipantValues[] = [];
  const staffIds = [...new Set(input.staffBySide.map((s) => s.staffId))];
  const people = staffIds.length
    ? new Map(db.select({ id: staff.id, facilityId: staff.facilityId }).from(staff).where(inArray(staff.id, staffIds)).all().map((p) => [p.id, p]))
    : new Map<number, { id: number; facilityId: number }>();
  const seen = new Set<number>();
  for (const entry of input.staffBySide) {
    if (seen.has(entry.staffId)) continue;
    seen.add(entry.staffId);
    const person = people.get(entry.staffId);
    const ok = person && participantOnItsSide({ side: entry.side, staffFacilityId: person.facilityId, listedFacilityId: person.facilityId }, input.hubFacilityId, input.spokeFacilityIds);
    if (!person || !ok) throw new DomainError("tele:sessions.errors.wrongSide", { field: entry.spokeField });
    participants.push({ facilityId: person.facilityId, side: entry.side, staffId: person.id, name: null });
  }
  for (const { side, name } of input.names) {
    // A named person of a consultation sits with the hub or with the presenting spoke.
    participants.push({ facilityId: side === "hub" ? input.hubFacilityId : input.spokeFacilityIds[0], side, staffId: null, name });
  }
  if (input.kind === "training" && !participants.some((p) => p.side === "spoke")) {
    throw new DomainError("tele:sessions.errors.noAttendees", { field: "attendeeStaffIds" });
  }
  // Every invited spoke shows among the participants, so the session is found from its side.
  const row = {
    kind: input.kind,
    hubFacilityId: input.hubFacilityId,
    spokeFacilityId: input.kind === "consultation" ? input.spokeFacilityIds[0] : null,
    heldOn: input.heldOn,
    startTime: input.startTime,
    durationMinutes: input.durationMinutes,
    chapterNumber,
    techniqueId,
    transferItemId: input.transferItemId ?? null,
    seriesId: input.seriesId ?? null,
    title: input.title,
    searchText: foldSearch(input.title),
    outcome: input.outcome,
    notes: input.notes ?? null,
  };
  return { row, participants, invitedSpokes: input.spokeFacilityIds };
}

/** Writes the participants of a session anew, keeping each staff attendee's credit entry in step. */
function writeParticipants(tx: Tx, actor: Actor, session: TeleSession, participants: ParticipantValues[], invitedSpokes: number[], now: string) {
  const existing = tx.select().from(teleParticipants).where(eq(teleParticipants.sessionId, session.id)).all();
  const creditOf = new Map(existing.filter((p) => p.staffId !== null && p.creditEntryId !== null).map((p) => [`${p.side}:${p.staffId}`, p.creditEntryId!]));
  tx.delete(teleParticipants).where(eq(teleParticipants.sessionId, session.id)).run();
  const hours = creditHoursForMinutes(session.durationMinutes);
  const kept = new Set<number>();
  const rows = participants.map((p) => {
    let creditEntryId: number | null = null;
    if (session.kind === "training" && p.side === "spoke" && p.staffId !== null) {
      const prior = creditOf.get(`spoke:${p.staffId}`);
      if (prior !== undefined) {
        updateRecordedCredit(tx, actor, prior, { activityOn: session.heldOn, hours, title: session.title }, now);
        creditEntryId = prior;
      } else {
        creditEntryId = writeRecordedCredit(tx, actor, { staffId: p.staffId, kind: "remote_training", activityOn: session.heldOn, hours, title: session.title }, now).id;
      }
      kept.add(creditEntryId);
    }
    return { sessionId: session.id, ...p, creditEntryId };
  });
  // A spoke invited without a named attendee still shows as a spoke of the session.
  for (const spokeId of invitedSpokes) {
    if (!rows.some((r) => r.side === "spoke" && r.facilityId === spokeId)) {
      rows.push({ sessionId: session.id, facilityId: spokeId, side: "spoke", staffId: null, name: null, creditEntryId: null });
    }
  }
  if (rows.length) tx.insert(teleParticipants).values(rows).run();
  for (const entryId of creditOf.values()) if (!kept.has(entryId)) removeRecordedCredit(tx, actor, entryId, now);
  return rows;
}

function record(db: Db, actor: Actor, input: Normalised, options: Options): TeleSession {
  const now = options.now ?? new Date().toISOString();
  return db.transaction((tx) => {
    if (input.idempotencyKey) {
      const replay = tx.select().from(teleSessions).where(eq(teleSessions.idempotencyKey, input.idempotencyKey)).get();
      if (replay) {
        // The same entry sent again (a retry after a lost answer): the first record, nothing written.
        if (!mayChange(tx, actor, replay.hubFacilityId, sessionSpokes(tx, replay))) throw new ForbiddenError();
        // A key is one submission's: another user's, or another kind of session's, is not a replay.
        if (replay.createdBy !== actor.userId || replay.kind !== input.kind) throw keyUsedElsewhere();
        return replay;
      }
      // A case log's or attendance sheet's key.
      if (receiptExists(tx, input.idempotencyKey)) throw keyUsedElsewhere();
    }
    const { row, participants, invitedSpokes } = validate(tx, actor, input, options.today);
    const session = tx
      .insert(teleSessions)
      .values({ ...row, idempotencyKey: input.idempotencyKey ?? null, createdBy: actor.userId, createdAt: now, updatedAt: now })
      .returning()
      .get();
    const written = writeParticipants(tx, actor, session, participants, invitedSpokes, now);
    recordAudit(tx, { userId: actor.userId, action: "create", entityType: "tele_session", entityId: session.id, after: { ...session, participants: written }, at: now });
    return session;
  });
}

/** Records a tele-consultation (a second submission with the same idempotency key returns the first). */
export function recordConsultation(db: Db, actor: Actor, input: ConsultationInput, options: Options): TeleSession {
  return record(db, actor, normaliseConsultation(input), options);
}

/** Records a remote training session with its attendees' CME hours. */
export function recordTraining(db: Db, actor: Actor, input: TrainingInput, options: Options): TeleSession {
  return record(db, actor, normaliseTraining(input), options);
}

/** The spokes of a session: its presenting spoke, or the facilities of its spoke-side participants. */
function sessionSpokes(db: Tx, session: Pick<TeleSession, "id" | "spokeFacilityId">): number[] {
  if (session.spokeFacilityId !== null) return [session.spokeFacilityId];
  return db
    .select({ id: teleParticipants.facilityId })
    .from(teleParticipants)
    .where(and(eq(teleParticipants.sessionId, session.id), eq(teleParticipants.side, "spoke")))
    .groupBy(teleParticipants.facilityId)
    .orderBy(asc(teleParticipants.facilityId))
    .all()
    .map((r) => r.id);
}

/** The session when the actor may change it: 404 when it does not exist, 403 outside the hub and its spokes. */
function requireChangeable(db: Tx, actor: Actor, id: number): TeleSession {
  const session = db.select().from(teleSessions).where(eq(teleSessions.id, id)).get();
  if (!session) throw new NotFoundError();
  if (!mayChange(db, actor, session.hubFacilityId, sessionSpokes(db, session))) {
    if (!mayRead(db, actor, session)) throw new NotFoundError();
    throw new ForbiddenError();
  }
  return session;
}

/** Edits a session of the same kind, refused (409) when the form was read at an older version. */
export function updateSession(db: Db, actor: Actor, id: number, input: ConsultationInput | TrainingInput, options: Options): TeleSession {
  const now = options.now ?? new Date().toISOString();
  return db.transaction((tx) => {
    const current = requireChangeable(tx, actor, id);
    const normalised = current.kind === "consultation" ? normaliseConsultation(input as ConsultationInput) : normaliseTraining(input as TrainingInput);
    const { row, participants, invitedSpokes } = validate(tx, actor, normalised, options.today);
    assertVersion(current, input.version ?? -1, row);
    const updated = tx
      .update(teleSessions)
      .set({ ...row, version: current.version + 1, updatedAt: now })
      .where(and(eq(teleSessions.id, id), eq(teleSessions.version, current.version)))
      .returning()
      .get();
    const written = writeParticipants(tx, actor, updated, participants, invitedSpokes, now);
    recordAudit(tx, { userId: actor.userId, action: "update", entityType: "tele_session", entityId: id, before: current, after: { ...updated, participants: written }, at: now });
    return updated;
  });
}

/** Deletes a session, its participants and the CME hours it gave. */
export function deleteSession(db: Db, actor: Actor, id: number, formVersion: number, options: { now?: string } = {}): void {
  const now = options.now ?? new Date().toISOString();
  db.transaction((tx) => {
    const current = requireChangeable(tx, actor, id);
    assertVersion(current, formVersion);
    const participants = tx.select().from(teleParticipants).where(eq(teleParticipants.sessionId, id)).all();
    tx.delete(teleParticipants).where(eq(teleParticipants.sessionId, id)).run();
    for (const p of participants) if (p.creditEntryId !== null) removeRecordedCredit(tx, actor, p.creditEntryId, now);
    tx.delete(teleSessions).where(eq(teleSessions.id, id)).run();
    recordAudit(tx, { userId: actor.userId, action: "delete", entityType: "tele_session", entityId: id, before: { ...current, participants }, at: now });
  });
}

// ---- Reading --------------------------------------------------------------------------------

/**
 * Sessions the actor reads: the hub or a spoke (presenting, or with a participant on the spoke
 * side) within its reach. Each branch runs on its own index (hub, spoke, participant facility).
 * The reports count within the same reach.
 */
export function readScope(actor: Actor): SQL {
  if (readsEverything(actor)) return sql`1 = 1`;
  return sql`(${facilityScopeCondition(actor, teleSessions.hubFacilityId)}
    or ${facilityScopeCondition(actor, teleSessions.spokeFacilityId)}
    or ${teleSessions.id} in (select p.session_id from tele_participants p where p.side = 'spoke' and ${facilityScopeCondition(actor, sql`p.facility_id`)}))`;
}

function mayRead(db: Tx, actor: Actor, session: TeleSession): boolean {
  const ids = [session.hubFacilityId, ...sessionSpokes(db, session)];
  return ids.some((facilityId) => {
    const f = facilityScope(db, facilityId);
    return f !== null && canRead(actor, { facilityId: f.id, provinceCode: f.provinceCode });
  });
}

/** The session page: everything recorded, with names in the reader's language and what the actor may do. */
export function getSession(db: Db, actor: Actor, id: number, locale: Locale) {
  const session = db.select().from(teleSessions).where(eq(teleSessions.id, id)).get();
  if (!session || !mayRead(db, actor, session)) throw new NotFoundError();
  const name = (facilityId: number | null) =>
    facilityId === null ? null : (db.select({ name: facilityShortNameSql(locale) }).from(facilities).where(eq(facilities.id, facilityId)).get()?.name ?? null);
  const technique = session.techniqueId
    ? (db.select({ code: techniques.code, name: techniques.name }).from(techniques).where(eq(techniques.id, session.techniqueId)).get() ?? null)
    : null;
  const line = session.transferItemId
    ? (db.select({ id: transferItems.id, agreementId: transferItems.agreementId }).from(transferItems).where(eq(transferItems.id, session.transferItemId)).get() ?? null)
    : null;
  const participants = db
    .select({
      id: teleParticipants.id,
      side: teleParticipants.side,
      facilityId: teleParticipants.facilityId,
      facilityName: facilityShortNameSql(locale),
      provinceCode: facilities.provinceCode,
      staffId: teleParticipants.staffId,
      name: sql<string | null>`coalesce(${teleParticipants.name}, (select s.full_name from staff s where s.id = ${teleParticipants.staffId}))`,
      hours: sql<number | null>`(select c.hours from credit_entries c where c.id = ${teleParticipants.creditEntryId})`,
    })
    .from(teleParticipants)
    .innerJoin(facilities, eq(facilities.id, teleParticipants.facilityId))
    .where(eq(teleParticipants.sessionId, id))
    .orderBy(asc(teleParticipants.side), asc(teleParticipants.id))
    .all()
    .map(({ provinceCode, ...p }) => ({ ...p, canOpen: p.staffId !== null && canOpenPerson(actor, { facilityId: p.facilityId, provinceCode }) }));
  const spokes = [...new Map(participants.filter((p) => p.side === "spoke").map((p) => [p.facilityId, { id: p.facilityId, name: p.facilityName }])).values()];
  if (session.spokeFacilityId !== null && !spokes.some((s) => s.id === session.spokeFacilityId)) {
    spokes.unshift({ id: session.spokeFacilityId, name: name(session.spokeFacilityId) ?? "" });
  }
  return {
    session,
    hub: { id: session.hubFacilityId, name: name(session.hubFacilityId) ?? "" },
    spokes,
    technique,
    line,
    participants: participants.filter((p) => p.staffId !== null || p.name !== null),
    canChange: mayChange(db, actor, session.hubFacilityId, sessionSpokes(db, session)),
  };
}

export type SessionDetail = ReturnType<typeof getSession>;

/** The session as its edit form starts from it. */
export function sessionFormDefaults(db: Db, actor: Actor, id: number) {
  const session = requireChangeable(db, actor, id);
  const participants = db.select().from(teleParticipants).where(eq(teleParticipants.sessionId, id)).all();
  const technique = session.techniqueId ? db.select({ code: techniques.code }).from(techniques).where(eq(techniques.id, session.techniqueId)).get() : null;
  const staffOf = (side: TeleSide) => participants.filter((p) => p.side === side && p.staffId !== null).map((p) => String(p.staffId));
  const namesOf = (side: TeleSide) => participants.filter((p) => p.side === side && p.name !== null).map((p) => p.name).join("\n");
  return {
    kind: session.kind,
    values: {
      hubFacilityId: String(session.hubFacilityId),
      spokeFacilityId: session.spokeFacilityId ? String(session.spokeFacilityId) : undefined,
      spokeFacilityIds: sessionSpokes(db, session).map(String),
      heldOn: session.heldOn,
      startTime: session.startTime,
      durationMinutes: String(session.durationMinutes),
      chapterNumber: session.chapterNumber ? String(session.chapterNumber) : undefined,
      techniqueCode: technique?.code,
      transferItemId: session.transferItemId ? String(session.transferItemId) : undefined,
      seriesId: session.seriesId ? String(session.seriesId) : undefined,
      title: session.title,
      outcome: session.outcome ?? undefined,
      notes: session.notes ?? undefined,
      hubStaffIds: staffOf("hub"),
      spokeStaffIds: staffOf("spoke"),
      attendeeStaffIds: staffOf("spoke"),
      hubNames: namesOf("hub"),
      spokeNames: namesOf("spoke"),
      version: String(session.version),
    },
  };
}

type Option = { value: number; label: string };

/**
 * What the forms offer: hubs and spokes the actor may work with (its own facility and those
 * linked with it; every facility in a link for wider reaches), chapters, staff of those
 * facilities and open plan lines between them.
 */
export function sessionFormOptions(db: Db, actor: Actor, locale: Locale) {
  const own = ownFacilityId(actor);
  const linkWhere = own === null ? sql`1 = 1` : sql`(l.hub_facility_id = ${own} or l.spoke_facility_id = ${own})`;
  const manage = sql`(${facilityScopeCondition(actor, sql`l.hub_facility_id`)} or ${facilityScopeCondition(actor, sql`l.spoke_facility_id`)})`;
  const pairs = db.all<{ hub: number; spoke: number }>(sql`select distinct l.hub_facility_id as hub, l.spoke_facility_id as spoke from tele_links l where ${linkWhere} and ${manage} limit 2000`);
  const hubIds = [...new Set(pairs.map((p) => p.hub))];
  const spokeIds = [...new Set(pairs.map((p) => p.spoke))];
  const allIds = [...new Set([...hubIds, ...spokeIds])];
  const named = (ids: number[]): Option[] =>
    ids.length === 0
      ? []
      : db.select({ value: facilities.id, label: facilityShortNameSql(locale) }).from(facilities).where(inArray(facilities.id, ids)).orderBy(asc(facilityShortNameSql(locale))).all();
  const chapters = db.all<Option>(sql`select number as value, number || '. ' || name as label from chapters order by number`);
  const staffOptions =
    allIds.length === 0
      ? []
      : db
          .select({ value: staff.id, label: sql<string>`${staff.fullName} || ' — ' || ${facilityShortNameSql(locale)}`, facilityId: staff.facilityId })
          .from(staff)
          .innerJoin(facilities, eq(facilities.id, staff.facilityId))
          .where(and(inArray(staff.facilityId, allIds), eq(staff.active, true)))
          .orderBy(asc(facilityShortNameSql(locale)), asc(staff.fullName))
          .limit(1500)
          .all();
  const lines =
    hubIds.length === 0
      ? []
      : db
          .select({ value: transferItems.id, label: sql<string>`${techniques.code} || ' ' || ${techniques.name} || ' → ' || ${facilityShortNameSql(locale)}` })
          .from(transferItems)
          .innerJoin(techniques, eq(techniques.id, transferItems.techniqueId))
          .innerJoin(facilities, eq(facilities.id, transferItems.toFacilityId))
          .where(and(inArray(transferItems.fromFacilityId, hubIds), inArray(transferItems.toFacilityId, spokeIds), sql`${transferItems.stage} <> 'accepted'`))
          .orderBy(asc(techniques.code))
          .limit(500)
          .all();
  return { hubs: named(hubIds), spokes: named(spokeIds), chapters, staff: staffOptions, lines };
}

export type SessionFormOptions = ReturnType<typeof sessionFormOptions>;

/** Sessions a facility of the province took part in, on the hub or the spoke side (the log's and the reports' province filter). */
export function provinceSessionsCondition(provinceCode: string): SQL {
  const inProvince = sql`(select f.id from facilities f where f.province_code = ${provinceCode})`;
  return sql`(${teleSessions.hubFacilityId} in ${inProvince} or ${teleSessions.spokeFacilityId} in ${inProvince}
    or ${teleSessions.id} in (select p.session_id from tele_participants p where p.side = 'spoke' and p.facility_id in ${inProvince}))`;
}

/** Most rows the log counts exactly; beyond it the page says "more than". */
export const LOG_COUNT_CAP = 10_000;

export type SessionLogRow = {
  id: number;
  kind: TeleSessionKind;
  heldOn: string;
  startTime: string;
  durationMinutes: number;
  title: string;
  outcome: string | null;
  hubName: string;
  spokeNames: string | null;
  techniqueCode: string | null;
  chapterNumber: number | null;
};

/** The log's order: newest first, then by start time, then the later record first. */
const LOG_ORDER = [desc(teleSessions.heldOn), desc(teleSessions.startTime), desc(teleSessions.id)];
/**
 * The same order, which SQLite may not take from the date index (`+` hides the column from it).
 * Walking the index newest first finds a page quickly only where matches are dense; for a
 * filter that matches few of a million sessions (a rare title word, a technique) it would look
 * up every session one by one (3 s nationally), where one pass and a sort take a tenth of that.
 */
const LOG_ORDER_BY_SORT = [sql`+${teleSessions.heldOn} desc`, desc(teleSessions.startTime), desc(teleSessions.id)];

/**
 * The log, newest first, within the actor's reach. Every filter is a column of one of the
 * session indexes (hub or spoke with the date, date with the kind, the participants' facility);
 * the count stops at LOG_COUNT_CAP so a national log never counts millions of rows per page.
 */
export function listSessions(db: Db, actor: Actor, filters: SessionFilters, page: PageRequest, locale: Locale) {
  const where: SQL[] = [readScope(actor)];
  if (filters.kind) where.push(sql`${teleSessions.kind} = ${filters.kind}`);
  if (filters.hub) where.push(sql`${teleSessions.hubFacilityId} = ${filters.hub}`);
  if (filters.spoke) {
    where.push(sql`(${teleSessions.spokeFacilityId} = ${filters.spoke} or ${teleSessions.id} in (select p.session_id from tele_participants p where p.facility_id = ${filters.spoke} and p.side = 'spoke'))`);
  }
  if (filters.chapter) where.push(sql`${teleSessions.chapterNumber} = ${filters.chapter}`);
  if (filters.province) where.push(provinceSessionsCondition(filters.province));
  if (filters.technique) where.push(sql`${teleSessions.techniqueId} = (select t.id from techniques t where t.code = ${filters.technique})`);
  if (filters.outcome) where.push(sql`${teleSessions.outcome} = ${filters.outcome}`);
  if (filters.from) where.push(sql`${teleSessions.heldOn} >= ${filters.from}`);
  if (filters.to) where.push(sql`${teleSessions.heldOn} <= ${filters.to}`);
  for (const term of searchTerms(filters.q)) where.push(sql`${teleSessions.searchText} like ${`%${term}%`}`);
  const condition = and(...where);
  const total = db.get<{ n: number }>(sql`select count(*) as n from (select 1 from tele_sessions where ${condition} limit ${LOG_COUNT_CAP + 1})`)?.n ?? 0;
  const at = clampPage(page, Math.min(total, LOG_COUNT_CAP));
  const rows = db
    .select({
      id: teleSessions.id,
      kind: teleSessions.kind,
      heldOn: teleSessions.heldOn,
      startTime: teleSessions.startTime,
      durationMinutes: teleSessions.durationMinutes,
      title: teleSessions.title,
      outcome: teleSessions.outcome,
      hubName: sql<string>`(select ${facilityShortNameSqlAt("h", locale)} from facilities h where h.id = tele_sessions.hub_facility_id)`,
      spokeNames: sql<string | null>`coalesce((select ${facilityShortNameSqlAt("s", locale)} from facilities s where s.id = tele_sessions.spoke_facility_id),
        (select group_concat(n, ', ') from (select distinct ${facilityShortNameSqlAt("f", locale)} as n from tele_participants p join facilities f on f.id = p.facility_id where p.session_id = tele_sessions.id and p.side = 'spoke')))`,
      techniqueCode: sql<string | null>`(select t.code from techniques t where t.id = tele_sessions.technique_id)`,
      chapterNumber: teleSessions.chapterNumber,
    })
    .from(teleSessions)
    // The page's ids first, sorted on the narrow columns alone: a sort that carried the names
    // would compute them for every matching session (a million at national scale), not fifty.
    .where(
      inArray(
        teleSessions.id,
        db
          .select({ id: teleSessions.id })
          .from(teleSessions)
          .where(condition)
          // More matches than the count reads: dense enough to walk the index; fewer: all were just counted.
          .orderBy(...(total > LOG_COUNT_CAP ? LOG_ORDER : LOG_ORDER_BY_SORT))
          .limit(at.pageSize)
          .offset(at.offset),
      ),
    )
    .orderBy(...LOG_ORDER)
    .all() as SessionLogRow[];
  return { ...toPage(rows, Math.min(total, LOG_COUNT_CAP), at), capped: total > LOG_COUNT_CAP };
}

/** Facilities the log's hub and spoke filters offer (those in a link the actor reads). */
export function sessionFilterOptions(db: Db, actor: Actor, locale: Locale) {
  const scope = sql`(${facilityScopeCondition(actor, sql`l.hub_facility_id`)} or ${facilityScopeCondition(actor, sql`l.spoke_facility_id`)})`;
  const pairs = db.all<{ hub: number; spoke: number }>(sql`select distinct l.hub_facility_id as hub, l.spoke_facility_id as spoke from tele_links l where ${scope} limit 2000`);
  const named = (ids: number[]) =>
    ids.length === 0
      ? []
      : db.select({ value: facilities.id, label: facilityShortNameSql(locale) }).from(facilities).where(inArray(facilities.id, ids)).orderBy(asc(facilityShortNameSql(locale))).all();
  const chapters = db.all<Option>(sql`select number as value, number || '. ' || name as label from chapters order by number`);
  return { hubs: named([...new Set(pairs.map((p) => p.hub))]), spokes: named([...new Set(pairs.map((p) => p.spoke))]), chapters };
}

/** Whether the actor may record sessions at all (offered as the log's buttons). */
export function canRecordSessions(actor: Actor): boolean {
  const own = ownFacilityId(actor);
  return readsEverything(actor) || (own !== null && canChange(actor, "telehealth.manage", { facilityId: own, provinceCode: actor.provinceCode }));
}
