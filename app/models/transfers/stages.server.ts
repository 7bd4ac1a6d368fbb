// One transfer item: its page, stage moves through the gates, the supervised-case log and
// the acceptance that hands the technique to the receiving facility's adoption ledger.
import { and, asc, desc, eq, inArray, ne, sql } from "drizzle-orm";
import { alias } from "drizzle-orm/sqlite-core";
import type { Db } from "~/db/client.server";
import { agreements, caseLogs, staff, staffTechniques, techniques, transferItems, transferStageEvents, users, facilities, type TransferItem } from "~/db/schema";
import { canChange, type Actor } from "~/models/access/policy";
import { recordAdoptionEvent } from "~/models/adoption/ledger.server";
import { assertVersion, recordAudit, type Tx } from "~/models/audit/audit.server";
import { canManageAgreement, requireReadableAgreement } from "~/models/agreements/access.server";
import { isOpen } from "~/models/agreements/rules";
import { ConflictError, DomainError, ForbiddenError, NotFoundError } from "~/models/errors";
import { cadreCanPerform, canLogCases, checkStageMove, nextStage, phaseGateBlockers, previousStage, type GateLine } from "./rules";
import type { AcceptanceForm, CaseLogForm, StageMoveForm } from "./schemas";
import type { Locale } from "~/models/enums";
import { facilityNameSql } from "~/models/facilities/names.server";
import { keyUsedElsewhere, priorReceipt, writeReceipt } from "~/models/offline/receipts.server";

/** The item of this agreement the actor may read; 404 for an unknown or mismatched id. */
export function requireItem(db: Tx, actor: Actor, agreementId: number, itemId: number) {
  const item = db.select().from(transferItems).where(eq(transferItems.id, itemId)).get();
  if (!item || item.agreementId !== agreementId) throw new NotFoundError();
  const agreement = requireReadableAgreement(db, actor, agreementId);
  return { item, agreement };
}

export function supervisedCaseCount(db: Tx, itemId: number): number {
  return (
    db
      .select({ n: sql<number>`count(*)` })
      .from(caseLogs)
      .where(and(eq(caseLogs.transferItemId, itemId), eq(caseLogs.supervised, true)))
      .get()?.n ?? 0
  );
}

/** Trainers and directors of either end of the item log its cases; administrators anywhere. */
function canLog(actor: Actor, item: TransferItem): boolean {
  return (
    canChange(actor, "caseLogs.manage", { facilityId: item.fromFacilityId, provinceCode: null }) ||
    canChange(actor, "caseLogs.manage", { facilityId: item.toFacilityId, provinceCode: null })
  );
}

const fromF = alias(facilities, "from_f");
const toF = alias(facilities, "to_f");

export function getTransferItem(db: Db, actor: Actor, agreementId: number, itemId: number, locale: Locale = "vi") {
  const { item, agreement } = requireItem(db, actor, agreementId, itemId);
  const detail = db
    .select({
      techniqueCode: techniques.code,
      techniqueName: techniques.name,
      minLevel: techniques.minLevel,
      procedureClass: techniques.procedureClass,
      fromName: facilityNameSql(locale, fromF),
      toName: facilityNameSql(locale, toF),
    })
    .from(transferItems)
    .innerJoin(techniques, eq(techniques.id, transferItems.techniqueId))
    .innerJoin(fromF, eq(fromF.id, transferItems.fromFacilityId))
    .innerJoin(toF, eq(toF.id, transferItems.toFacilityId))
    .where(eq(transferItems.id, itemId))
    .get()!;
  const events = db
    .select({
      id: transferStageEvents.id,
      fromStage: transferStageEvents.fromStage,
      toStage: transferStageEvents.toStage,
      movedOn: transferStageEvents.movedOn,
      note: transferStageEvents.note,
      by: users.displayName,
    })
    .from(transferStageEvents)
    .leftJoin(users, eq(users.id, transferStageEvents.movedBy))
    .where(eq(transferStageEvents.transferItemId, itemId))
    .orderBy(asc(transferStageEvents.movedOn), asc(transferStageEvents.id))
    .all();
  const performer = alias(staff, "performer");
  const supervisor = alias(staff, "supervisor");
  const cases = db
    .select({
      id: caseLogs.id,
      performedOn: caseLogs.performedOn,
      performer: sql<string>`coalesce(${performer.fullName}, ${caseLogs.performerName})`,
      supervisor: sql<string | null>`coalesce(${supervisor.fullName}, ${caseLogs.supervisorName})`,
      /** Whether the supervisor is a named staff member of the supporting facility (not an outside expert). */
      supervisorIsStaff: sql<boolean>`${caseLogs.supervisorId} is not null`,
      outcome: caseLogs.outcome,
      supervised: caseLogs.supervised,
      note: caseLogs.note,
    })
    .from(caseLogs)
    .leftJoin(performer, eq(performer.id, caseLogs.performerId))
    .leftJoin(supervisor, eq(supervisor.id, caseLogs.supervisorId))
    .where(eq(caseLogs.transferItemId, itemId))
    .orderBy(desc(caseLogs.performedOn), desc(caseLogs.id))
    .limit(500)
    .all()
    .map((c) => ({ ...c, supervisorIsStaff: Boolean(c.supervisorIsStaff) }));
  const receivingStaff = db
    .select({ id: staff.id, fullName: staff.fullName, cadre: staff.cadre })
    .from(staff)
    .where(and(eq(staff.facilityId, item.toFacilityId), eq(staff.active, true)))
    .orderBy(asc(staff.fullName))
    .limit(500)
    .all();
  const supportingStaff = db
    .select({ id: staff.id, fullName: staff.fullName, cadre: staff.cadre })
    .from(staff)
    .where(and(eq(staff.facilityId, item.fromFacilityId), eq(staff.active, true)))
    .orderBy(asc(staff.fullName))
    .limit(500)
    .all();
  // Supervised cases per supervisor (staff by id, outside experts by name), most first.
  const supervision = db
    .select({
      supervisorId: caseLogs.supervisorId,
      name: sql<string>`coalesce(${supervisor.fullName}, ${caseLogs.supervisorName})`,
      cases: sql<number>`count(*)`,
    })
    .from(caseLogs)
    .leftJoin(supervisor, eq(supervisor.id, caseLogs.supervisorId))
    .where(and(eq(caseLogs.transferItemId, itemId), eq(caseLogs.supervised, true), sql`coalesce(${caseLogs.supervisorId}, ${caseLogs.supervisorName}) is not null`))
    .groupBy(caseLogs.supervisorId, sql`case when ${caseLogs.supervisorId} is null then ${caseLogs.supervisorName} end`)
    .orderBy(desc(sql`count(*)`))
    .all();
  const acceptedStaff = db
    .select({ id: staff.id, fullName: staff.fullName })
    .from(staffTechniques)
    .innerJoin(staff, eq(staff.id, staffTechniques.staffId))
    .where(eq(staffTechniques.transferItemId, itemId))
    .orderBy(asc(staff.fullName))
    .all();
  const manage = canManageAgreement(db, actor, agreement) && isOpen(agreement.status);
  // A renewal's line and the line it continues, shown on both pages.
  const linkSelect = { id: transferItems.id, agreementId: transferItems.agreementId, agreementNumber: agreements.number, stage: transferItems.stage };
  const carriedFrom = item.carriedFromId
    ? db.select(linkSelect).from(transferItems).innerJoin(agreements, eq(agreements.id, transferItems.agreementId)).where(eq(transferItems.id, item.carriedFromId)).get() ?? null
    : null;
  const carriedTo = db
    .select(linkSelect)
    .from(transferItems)
    .innerJoin(agreements, eq(agreements.id, transferItems.agreementId))
    .where(eq(transferItems.carriedFromId, itemId))
    .orderBy(asc(transferItems.id))
    .all();
  return {
    carriedFrom,
    carriedTo,
    agreement: { id: agreement.id, number: agreement.number, title: agreement.title, status: agreement.status },
    item: { ...item, ...detail },
    supervisedCases: supervisedCaseCount(db, itemId),
    events,
    cases,
    receivingStaff,
    /** The performer list: receiving staff whose cadre can perform this technique. */
    performers: receivingStaff.filter((s) => cadreCanPerform(s.cadre, detail.procedureClass)),
    supportingStaff,
    supervision,
    acceptedStaff,
    /** A deferred line is parked: no stage move nor acceptance until it is resumed. */
    canMove: manage && item.stage !== "accepted" && item.deferredOn === null,
    /** Correct the plan, or delete the line (the edit page says when deletion is refused). */
    canEdit: manage && item.stage !== "accepted",
    next: nextStage(item.stage),
    previous: item.stage === "accepted" ? null : previousStage(item.stage),
    canLogCases: canLog(actor, item) && canLogCases(item.stage),
    canAccept: manage && item.stage === "independent" && item.deferredOn === null,
  };
}

export type TransferItemDetail = ReturnType<typeof getTransferItem>;

type Options = { at?: string; today: string };

/** A stage history reads forward in time: no move is dated before the previous one. */
function assertAfterLastMove(db: Tx, itemId: number, date: string, field: string) {
  const last = db
    .select({ movedOn: transferStageEvents.movedOn })
    .from(transferStageEvents)
    .where(eq(transferStageEvents.transferItemId, itemId))
    .orderBy(desc(transferStageEvents.movedOn))
    .get();
  if (last && date < last.movedOn) {
    throw new DomainError("agreements:errors.moveBeforeLast", { field, params: { date: last.movedOn } });
  }
}

/** The other lines of the item's agreement that go to the same receiving facility, as the phase gate reads them. */
export function gateLines(db: Tx, item: Pick<TransferItem, "id" | "agreementId" | "toFacilityId">): GateLine[] {
  return db
    .select({
      id: transferItems.id,
      phase: transferItems.phase,
      stage: transferItems.stage,
      deferred: sql<boolean>`${transferItems.deferredOn} is not null`,
      techniqueCode: techniques.code,
    })
    .from(transferItems)
    .innerJoin(techniques, eq(techniques.id, transferItems.techniqueId))
    .where(and(eq(transferItems.agreementId, item.agreementId), eq(transferItems.toFacilityId, item.toFacilityId), ne(transferItems.id, item.id)))
    .all()
    .map((l) => ({ ...l, deferred: Boolean(l.deferred) }));
}

/** The phase gate's refusal (409 next to the stage control, naming the open phases and lines), or nothing. */
function assertPhaseGate(db: Tx, item: TransferItem, to: TransferItem["stage"], field: string | null) {
  const blocked = phaseGateBlockers({ from: item.stage, to, phase: item.phase, lines: gateLines(db, item) });
  if (blocked) throw gateRefusal(blocked, field);
}

function gateRefusal(blocked: NonNullable<ReturnType<typeof phaseGateBlockers>>, field: string | null) {
  return new ConflictError("planning:readiness.errors.gateBlocked", {
    field,
    params: { phases: blocked.phases.join(", "), lines: blocked.lines.map((l) => l.techniqueCode).join(", "), count: blocked.lines.length },
  });
}

/**
 * One step forward (through the gates) or one step back with a reason; dated and attributed.
 * The checks read the other lines (the phase gate) in the transaction that moves the line, so
 * an earlier phase cannot reopen between the check and the move.
 */
export function moveStage(db: Db, actor: Actor, agreementId: number, itemId: number, input: Omit<StageMoveForm, "intent">, options: Options): TransferItem {
  return db.transaction((tx) => {
    const { item, agreement } = requireItem(tx, actor, agreementId, itemId);
    if (!canManageAgreement(tx, actor, agreement)) throw new ForbiddenError();
    if (!isOpen(agreement.status)) throw new ConflictError("agreements:errors.closed");
    assertVersion(item, input.version, { stage: input.toStage });
    if (input.movedOn > options.today) throw new DomainError("agreements:errors.dateInFuture", { field: "movedOn" });
    const supervisedCases = supervisedCaseCount(tx, itemId);
    const gate = { phase: item.phase, lines: gateLines(tx, item) };
    const refusal = checkStageMove({ from: item.stage, to: input.toStage, requiredCases: item.requiredCases, supervisedCases, note: input.note ?? null, gate, deferred: item.deferredOn !== null });
    if (refusal === "planning:readiness.errors.gateBlocked") {
      throw gateRefusal(phaseGateBlockers({ from: item.stage, to: input.toStage, ...gate })!, "toStage");
    }
    if (refusal) {
      throw new ConflictError(refusal, {
        field: refusal === "agreements:errors.stageBackNeedsReason" ? "note" : "toStage",
        params: { required: item.requiredCases, logged: supervisedCases, from: item.stage, to: input.toStage },
      });
    }
    assertAfterLastMove(tx, itemId, input.movedOn, "movedOn");
    const row = tx
      .update(transferItems)
      .set({ stage: input.toStage, version: item.version + 1, updatedAt: options.at ?? new Date().toISOString() })
      .where(eq(transferItems.id, itemId))
      .returning()
      .get();
    tx.insert(transferStageEvents)
      .values({ transferItemId: itemId, fromStage: item.stage, toStage: input.toStage, movedOn: input.movedOn, movedBy: actor.userId, note: input.note ?? null })
      .run();
    recordAudit(tx, { userId: actor.userId, action: "update", entityType: "transfer_item", entityId: itemId, before: item, after: row, at: options.at });
    return row;
  });
}

/** A case performed by the receiving team (a staff member of the receiving facility, or a name). */
/** The page a case log is entered on, and the page a replay of its submission goes back to. */
export function caseLogLocation(agreementId: number, itemId: number): string {
  return `/agreements/${agreementId}/items/${itemId}`;
}

/**
 * Logs a supervised case on a plan line. With an idempotency key (a form entered offline and
 * sent again after a lost answer) a replay answers the first case and writes nothing.
 */
export function logCase(db: Db, actor: Actor, agreementId: number, itemId: number, input: Omit<CaseLogForm, "intent">, options: Options) {
  return db.transaction((tx) => {
    const prior = priorReceipt(tx, actor, "case_log", input.idempotencyKey);
    if (prior) {
      const first = prior.entityId === null ? undefined : tx.select().from(caseLogs).where(eq(caseLogs.id, prior.entityId)).get();
      if (first && first.transferItemId === itemId) return first;
      // The key went with another plan line's case: it is another submission's key.
      throw keyUsedElsewhere();
    }
    const { item, agreement } = requireItem(tx, actor, agreementId, itemId);
    if (!canLog(actor, item)) throw new ForbiddenError();
    if (!isOpen(agreement.status)) throw new ConflictError("agreements:errors.closed");
    if (!canLogCases(item.stage)) throw new ConflictError("agreements:errors.casesNotYet", { params: { stage: item.stage } });
    if (input.performedOn > options.today) throw new DomainError("agreements:errors.dateInFuture", { field: "performedOn" });
    if (input.performerId) {
      const member = tx.select({ facilityId: staff.facilityId, cadre: staff.cadre }).from(staff).where(eq(staff.id, input.performerId)).get();
      if (!member || member.facilityId !== item.toFacilityId) {
        throw new DomainError("agreements:errors.performerNotReceiving", { field: "performerId" });
      }
      const technique = tx.select({ procedureClass: techniques.procedureClass }).from(techniques).where(eq(techniques.id, item.techniqueId)).get()!;
      if (!cadreCanPerform(member.cadre, technique.procedureClass)) {
        throw new DomainError("agreements:errors.performerCadre", { field: "performerId" });
      }
    }
    if (input.supervisorId) {
      const expert = tx.select({ facilityId: staff.facilityId, active: staff.active }).from(staff).where(eq(staff.id, input.supervisorId)).get();
      if (!expert || expert.facilityId !== item.fromFacilityId || !expert.active) {
        throw new DomainError("agreements:errors.supervisorNotSupporting", { field: "supervisorId" });
      }
    }
    const row = tx
      .insert(caseLogs)
      .values({
        transferItemId: itemId,
        performedOn: input.performedOn,
        performerId: input.performerId ?? null,
        performerName: input.performerName ?? null,
        supervisorId: input.supervisorId ?? null,
        supervisorName: input.supervisorId ? null : (input.supervisorName ?? null),
        outcome: input.outcome,
        supervised: input.supervised,
        note: input.note ?? null,
        createdBy: actor.userId,
      })
      .returning()
      .get();
    recordAudit(tx, { userId: actor.userId, action: "create", entityType: "case_log", entityId: row.id, after: row, at: options.at });
    writeReceipt(tx, actor, "case_log", input.idempotencyKey, { entityId: row.id, location: caseLogLocation(agreementId, itemId) }, options.at);
    return row;
  });
}

/**
 * The signed acceptance: the item becomes `accepted` with its date and minutes, the named
 * staff of the receiving facility perform the technique from that date, and the receiving
 * facility's ledger gets "started, transferred under this agreement" — one transaction.
 */
export function acceptTransferItem(db: Db, actor: Actor, agreementId: number, itemId: number, input: Omit<AcceptanceForm, "intent">, options: Options): TransferItem {
  const { item, agreement } = requireItem(db, actor, agreementId, itemId);
  if (!canManageAgreement(db, actor, agreement)) throw new ForbiddenError();
  if (!isOpen(agreement.status)) throw new ConflictError("agreements:errors.closed");
  assertVersion(item, input.version, { stage: "accepted" });
  if (item.deferredOn !== null) throw new ConflictError("planning:readiness.errors.stageDeferred");
  if (item.stage !== "independent") {
    throw new ConflictError("agreements:errors.acceptNotIndependent", { params: { stage: item.stage } });
  }
  if (input.acceptedOn > options.today) throw new DomainError("agreements:errors.dateInFuture", { field: "acceptedOn" });
  assertAfterLastMove(db, itemId, input.acceptedOn, "acceptedOn");
  const staffIds = [...new Set(input.staffIds)];
  const members = staffIds.length
    ? db.select({ id: staff.id, facilityId: staff.facilityId, active: staff.active }).from(staff).where(inArray(staff.id, staffIds)).all()
    : [];
  if (members.length !== staffIds.length || members.some((m) => m.facilityId !== item.toFacilityId || !m.active)) {
    throw new DomainError("agreements:errors.acceptanceStaffNotReceiving", { field: "staffIds" });
  }
  return db.transaction((tx) => {
    assertPhaseGate(tx, item, "accepted", null);
    const row = tx
      .update(transferItems)
      .set({
        stage: "accepted",
        acceptedOn: input.acceptedOn,
        acceptanceMinutes: input.minutesNumber,
        version: item.version + 1,
        updatedAt: options.at ?? new Date().toISOString(),
      })
      .where(eq(transferItems.id, itemId))
      .returning()
      .get();
    tx.insert(transferStageEvents)
      .values({ transferItemId: itemId, fromStage: "independent", toStage: "accepted", movedOn: input.acceptedOn, movedBy: actor.userId, note: input.minutesNumber })
      .run();
    for (const staffId of staffIds) {
      tx.insert(staffTechniques)
        .values({ staffId, techniqueId: item.techniqueId, since: input.acceptedOn, transferItemId: itemId })
        .onConflictDoNothing()
        .run();
    }
    recordAdoptionEvent(
      tx,
      {
        facilityId: item.toFacilityId,
        techniqueId: item.techniqueId,
        kind: "started",
        eventOn: input.acceptedOn,
        source: "transfer",
        agreementId,
        transferItemId: itemId,
        note: input.minutesNumber,
      },
      actor,
      options.today,
    );
    recordAudit(tx, {
      userId: actor.userId,
      action: "update",
      entityType: "transfer_item",
      entityId: itemId,
      before: item,
      after: { ...row, staffIds },
      at: options.at,
    });
    return row;
  });
}
