// The priority-technique list of an agreement: adding items under the rules of who may
// support and receive (the same rules correct them), and the plan view by phase with its
// progress computed in SQL.
import { and, asc, eq, ne, sql, type SQL } from "drizzle-orm";
import { alias } from "drizzle-orm/sqlite-core";
import type { Db } from "~/db/client.server";
import { agreementParties, caseLogs, facilities, techniques, transferItems, transferStageEvents, type Technique, type TransferItem } from "~/db/schema";
import type { Actor } from "~/models/access/policy";
import { facilityPerformsTechnique } from "~/models/adoption/facility-techniques.server";
import { recordAudit, type Tx } from "~/models/audit/audit.server";
import { requireManageableAgreement, requireReadableAgreement } from "~/models/agreements/access.server";
import { isOpen } from "~/models/agreements/rules";
import { ConflictError, DomainError } from "~/models/errors";
import { paginate, type PageRequest } from "~/utils/pagination";
import { canSupport, carriesOver, isOverdue, progressShare } from "./rules";
import type { ItemForm, PlanFilter } from "./schemas";
import type { Locale } from "~/models/enums";
import { facilityNameSql, facilityShortNameSql } from "~/models/facilities/names.server";
import { facilityShortDisplayName } from "~/models/facilities/names";

export type ItemInput = ItemForm;

type Placement = { technique: Pick<Technique, "id" | "code" | "minLevel">; fromFacilityId: number; toFacilityId: number };

/**
 * The rules of a line's two ends, the same for adding and for correcting it: from is a
 * supporting party that performs the technique (its level allows it, or it adopted it), to a
 * receiving party that does not perform it yet; one line per technique and receiver in an
 * agreement (`itemId`: the line being corrected, which does not count as its own duplicate).
 */
export function assertPlacement(db: Db, agreementId: number, placement: Placement, itemId?: number): void {
  const { technique, fromFacilityId, toFacilityId } = placement;
  // Adding names the technique; correcting keeps it and can only change the receiver.
  const pairField = itemId === undefined ? "techniqueCode" : "toFacilityId";
  if (fromFacilityId === toFacilityId) {
    throw new DomainError("agreements:errors.fromIsTo", { field: "toFacilityId" });
  }
  const roles = new Map(
    db
      .select({ facilityId: agreementParties.facilityId, role: agreementParties.role })
      .from(agreementParties)
      .where(eq(agreementParties.agreementId, agreementId))
      .all()
      .map((p) => [p.facilityId, p.role]),
  );
  if (roles.get(fromFacilityId) !== "supporting") {
    throw new DomainError("agreements:errors.fromNotSupporting", { field: "fromFacilityId" });
  }
  if (roles.get(toFacilityId) !== "receiving") {
    throw new DomainError("agreements:errors.toNotReceiving", { field: "toFacilityId" });
  }
  const from = db
    .select({ level: facilities.level, shortName: facilities.shortName, nameEn: facilities.nameEn })
    .from(facilities)
    .where(eq(facilities.id, fromFacilityId))
    .get()!;
  const fromAdopted = facilityPerformsTechnique(db, fromFacilityId, technique.id);
  if (!canSupport({ facilityLevel: from.level, minLevel: technique.minLevel, adopted: fromAdopted })) {
    throw new DomainError("agreements:errors.supporterCannotPerform", {
      field: "fromFacilityId",
      // Both names travel; the Vietnamese template reads `facility`, the English one `facilityEn`.
      params: {
        facility: facilityShortDisplayName(from, "vi"),
        facilityEn: facilityShortDisplayName(from, "en"),
        code: technique.code,
        minLevel: technique.minLevel ?? "",
      },
    });
  }
  if (facilityPerformsTechnique(db, toFacilityId, technique.id)) {
    throw new ConflictError("agreements:errors.receiverPerforms", { field: pairField, params: { code: technique.code } });
  }
  const conditions = [eq(transferItems.agreementId, agreementId), eq(transferItems.techniqueId, technique.id), eq(transferItems.toFacilityId, toFacilityId)];
  if (itemId !== undefined) conditions.push(ne(transferItems.id, itemId));
  const duplicate = db.select({ id: transferItems.id }).from(transferItems).where(and(...conditions)).get();
  if (duplicate) {
    throw new ConflictError("agreements:errors.itemDuplicate", { field: pairField, params: { code: technique.code } });
  }
}

/** The plan columns a line takes from the add or the correct form. */
export function planValues(input: Omit<ItemForm, "techniqueCode">) {
  return {
    fromFacilityId: input.fromFacilityId,
    toFacilityId: input.toFacilityId,
    phase: input.phase,
    priority: input.priority,
    targetDate: input.targetDate ?? null,
    requiredCases: input.requiredCases,
    notes: input.notes ?? null,
  };
}

/** Adds a technique to the plan, under the rules of `assertPlacement`. */
export function addTransferItem(db: Db, actor: Actor, agreementId: number, input: ItemInput, options: { at?: string; today?: string } = {}): TransferItem {
  const agreement = requireManageableAgreement(db, actor, agreementId);
  if (!isOpen(agreement.status)) throw new ConflictError("agreements:errors.closed");
  const technique = db.select().from(techniques).where(eq(techniques.code, input.techniqueCode.trim())).get();
  if (!technique) {
    throw new DomainError("agreements:errors.techniqueUnknown", { field: "techniqueCode", params: { code: input.techniqueCode } });
  }
  assertPlacement(db, agreementId, { technique, fromFacilityId: input.fromFacilityId, toFacilityId: input.toFacilityId });
  return db.transaction((tx) => {
    const item = tx
      .insert(transferItems)
      .values({
        agreementId,
        techniqueId: technique.id,
        ...planValues(input),
      })
      .returning()
      .get();
    tx.insert(transferStageEvents)
      .values({ transferItemId: item.id, fromStage: null, toStage: "planned", movedOn: options.today ?? (options.at ?? new Date().toISOString()).slice(0, 10), movedBy: actor.userId })
      .run();
    recordAudit(tx, { userId: actor.userId, action: "create", entityType: "transfer_item", entityId: item.id, after: item, at: options.at });
    return item;
  });
}

/**
 * Renewal: the unfinished lines of the old plan start again, as planned, on the successor,
 * with their technique, ends, phase, priority, target date and requirement; each links to the
 * line it continues. Progress (stage history, case logs, rotations) stays on the old line.
 * Runs inside the renewal's transaction; the parties are the predecessor's, so the ends stay valid.
 */
export function carryOverItems(tx: Tx, actor: Actor, fromAgreementId: number, toAgreementId: number, options: { at?: string; today: string }): TransferItem[] {
  const old = tx
    .select()
    .from(transferItems)
    .where(eq(transferItems.agreementId, fromAgreementId))
    .orderBy(asc(transferItems.phase), asc(transferItems.priority), asc(transferItems.id))
    .all();
  const carried: TransferItem[] = [];
  for (const line of old) {
    if (!carriesOver(line, facilityPerformsTechnique(tx, line.toFacilityId, line.techniqueId))) continue;
    const item = tx
      .insert(transferItems)
      .values({
        agreementId: toAgreementId,
        techniqueId: line.techniqueId,
        fromFacilityId: line.fromFacilityId,
        toFacilityId: line.toFacilityId,
        phase: line.phase,
        priority: line.priority,
        targetDate: line.targetDate,
        requiredCases: line.requiredCases,
        notes: line.notes,
        carriedFromId: line.id,
      })
      .returning()
      .get();
    tx.insert(transferStageEvents).values({ transferItemId: item.id, fromStage: null, toStage: "planned", movedOn: options.today, movedBy: actor.userId }).run();
    recordAudit(tx, { userId: actor.userId, action: "create", entityType: "transfer_item", entityId: item.id, after: item, at: options.at });
    carried.push(item);
  }
  return carried;
}

/** The parties offered by the add-item form: supporting ones as senders, receiving ones as recipients. */
export function getItemFormOptions(db: Db, actor: Actor, agreementId: number, locale: Locale = "vi") {
  const agreement = requireManageableAgreement(db, actor, agreementId);
  const parties = db
    .select({ id: facilities.id, name: facilityNameSql(locale), level: facilities.level, role: agreementParties.role })
    .from(agreementParties)
    .innerJoin(facilities, eq(facilities.id, agreementParties.facilityId))
    .where(eq(agreementParties.agreementId, agreementId))
    .orderBy(asc(facilityNameSql(locale)))
    .all();
  const nextPhase =
    db.select({ n: sql<number>`coalesce(max(${transferItems.phase}), 1)` }).from(transferItems).where(eq(transferItems.agreementId, agreementId)).get()?.n ?? 1;
  return {
    agreement: { id: agreement.id, number: agreement.number, title: agreement.title, status: agreement.status },
    supporting: parties.filter((p) => p.role === "supporting"),
    receiving: parties.filter((p) => p.role === "receiving"),
    nextPhase,
  };
}

const fromF = alias(facilities, "from_f");
const toF = alias(facilities, "to_f");

export const PLAN_PAGE_SIZE = 100;

/**
 * The plan of an agreement: progress per phase and overall (accepted of planned, overdue),
 * aggregated in SQL over the whole plan, and one page of items in phase/priority order,
 * filtered by stage and facility (either end).
 */
export function getPlan(db: Db, actor: Actor, agreementId: number, filter: PlanFilter, page: PageRequest, today: string, locale: Locale = "vi") {
  requireReadableAgreement(db, actor, agreementId);
  const phases = db
    .select({
      phase: transferItems.phase,
      planned: sql<number>`count(*)`,
      accepted: sql<number>`sum(case when ${transferItems.stage} = 'accepted' then 1 else 0 end)`,
      overdue: sql<number>`sum(case when ${transferItems.stage} <> 'accepted' and ${transferItems.targetDate} < ${today} then 1 else 0 end)`,
    })
    .from(transferItems)
    .where(eq(transferItems.agreementId, agreementId))
    .groupBy(transferItems.phase)
    .orderBy(asc(transferItems.phase))
    .all()
    .map((p) => ({ ...p, share: progressShare(p.accepted, p.planned) }));
  const planned = phases.reduce((s, p) => s + p.planned, 0);
  const accepted = phases.reduce((s, p) => s + p.accepted, 0);
  const overall = { planned, accepted, overdue: phases.reduce((s, p) => s + p.overdue, 0), share: progressShare(accepted, planned) };

  const conditions: SQL[] = [eq(transferItems.agreementId, agreementId)];
  if (filter.stage) conditions.push(eq(transferItems.stage, filter.stage));
  if (filter.facility) conditions.push(sql`(${transferItems.fromFacilityId} = ${filter.facility} or ${transferItems.toFacilityId} = ${filter.facility})`);
  if (filter.overdue) conditions.push(sql`(${transferItems.stage} <> 'accepted' and ${transferItems.targetDate} < ${today})`);
  const where = and(...conditions);
  const items = paginate(
    page,
    () => db.select({ n: sql<number>`count(*)` }).from(transferItems).where(where).get()?.n ?? 0,
    (at) =>
      db
        .select({
          id: transferItems.id,
          phase: transferItems.phase,
          priority: transferItems.priority,
          stage: transferItems.stage,
          targetDate: transferItems.targetDate,
          requiredCases: transferItems.requiredCases,
          acceptedOn: transferItems.acceptedOn,
          acceptanceMinutes: transferItems.acceptanceMinutes,
          deferredOn: transferItems.deferredOn,
          deferralReason: transferItems.deferralReason,
          techniqueCode: techniques.code,
          techniqueName: techniques.name,
          minLevel: techniques.minLevel,
          fromId: transferItems.fromFacilityId,
          fromName: facilityShortNameSql(locale, fromF),
          toId: transferItems.toFacilityId,
          toName: facilityShortNameSql(locale, toF),
          carriedFromId: transferItems.carriedFromId,
          carriedToId: sql<number | null>`(select min(n.id) from ${transferItems} n where n.carried_from_id = ${transferItems.id})`,
          supervisedCases: sql<number>`(select count(*) from ${caseLogs} c where c.transfer_item_id = ${transferItems.id} and c.supervised = 1)`,
        })
        .from(transferItems)
        .innerJoin(techniques, eq(techniques.id, transferItems.techniqueId))
        .innerJoin(fromF, eq(fromF.id, transferItems.fromFacilityId))
        .innerJoin(toF, eq(toF.id, transferItems.toFacilityId))
        .where(where)
        .orderBy(asc(transferItems.phase), asc(transferItems.priority), asc(techniques.chapterNumber), asc(techniques.number), asc(transferItems.id))
        .limit(at.pageSize)
        .offset(at.offset)
        .all()
        .map((r) => ({ ...r, overdue: isOverdue(r, today) })),
  );
  return { phases, overall, items };
}

export type Plan = ReturnType<typeof getPlan>;
