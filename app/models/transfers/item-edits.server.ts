// Correcting and deleting a line of the plan. A correction follows the rules of adding
// (`assertPlacement`) and keeps what was already counted; a deletion removes only a line that
// is still an intention. Both check the version the form was read at and write their audit
// event in the same transaction as the change.
import { and, eq, sql } from "drizzle-orm";
import type { Db } from "~/db/client.server";
import { caseLogs, rotationItems, techniques, transferItems, transferStageEvents, type Agreement, type TransferItem } from "~/db/schema";
import type { Actor } from "~/models/access/policy";
import { assertVersion, changedFields, recordAudit, type Tx } from "~/models/audit/audit.server";
import { canManageAgreement } from "~/models/agreements/access.server";
import { isOpen } from "~/models/agreements/rules";
import { ConflictError, ForbiddenError, NotFoundError, StaleRecordError, type DomainError } from "~/models/errors";
import { assertPlacement, getItemFormOptions, planValues } from "./plan.server";
import { checkItemDeletion, checkPartiesChange, requiredCoversLogged } from "./rules";
import type { ItemEditForm } from "./schemas";
import { requireItem, supervisedCaseCount } from "./stages.server";
import type { Locale } from "~/models/enums";

type Options = { at?: string };

/** The item of this agreement when the actor manages the agreement: 404, then 403. */
function requireManagedItem(db: Db, actor: Actor, agreementId: number, itemId: number) {
  const found = requireItem(db, actor, agreementId, itemId);
  if (!canManageAgreement(db, actor, found.agreement)) throw new ForbiddenError();
  return found;
}

/** A closed agreement's plan is a record; an accepted line is signed and in the ledger. */
function editRefusal(agreement: Agreement, item: TransferItem): DomainError | null {
  if (!isOpen(agreement.status)) return new ConflictError("agreements:errors.closed");
  if (item.stage === "accepted") return new ConflictError("agreements:errors.itemAcceptedFinal");
  return null;
}

function countWhere(db: Tx, table: typeof caseLogs | typeof rotationItems, itemId: number): number {
  return db.select({ n: sql<number>`count(*)` }).from(table).where(eq(table.transferItemId, itemId)).get()?.n ?? 0;
}

/** Why the line cannot be deleted now (`checkItemDeletion` over the stored records), or null. */
function deletionRefusal(db: Tx, agreement: Agreement, item: TransferItem): DomainError | null {
  if (!isOpen(agreement.status)) return new ConflictError("agreements:errors.closed");
  const loggedCases = countWhere(db, caseLogs, item.id);
  const rotations = countWhere(db, rotationItems, item.id);
  const key = checkItemDeletion({ stage: item.stage, loggedCases, rotations });
  if (!key) return null;
  const count = key === "agreements:errors.deleteHasRotations" ? rotations : loggedCases;
  return new ConflictError(key, { params: { stage: item.stage, count } });
}

/** The correction form: stored values, the parties it offers, and whether deletion is open. */
export function getItemEdit(db: Db, actor: Actor, agreementId: number, itemId: number, locale: Locale = "vi") {
  const { item, agreement } = requireManagedItem(db, actor, agreementId, itemId);
  const refusal = editRefusal(agreement, item);
  if (refusal) throw refusal;
  const { supporting, receiving } = getItemFormOptions(db, actor, agreementId, locale);
  const technique = db.select({ code: techniques.code, name: techniques.name }).from(techniques).where(eq(techniques.id, item.techniqueId)).get()!;
  const blocked = deletionRefusal(db, agreement, item);
  return {
    agreement: { id: agreement.id, number: agreement.number, title: agreement.title },
    item: {
      id: item.id,
      version: item.version,
      stage: item.stage,
      techniqueCode: technique.code,
      techniqueName: technique.name,
      fromFacilityId: item.fromFacilityId,
      toFacilityId: item.toFacilityId,
      phase: item.phase,
      priority: item.priority,
      targetDate: item.targetDate,
      requiredCases: item.requiredCases,
      notes: item.notes,
    },
    supporting,
    receiving,
    partiesLocked: checkPartiesChange({ stage: item.stage, rotations: countWhere(db, rotationItems, itemId) }) !== null,
    supervisedCases: supervisedCaseCount(db, itemId),
    deletion: blocked ? { key: blocked.message, params: blocked.params } : null,
  };
}

export type ItemEdit = ReturnType<typeof getItemEdit>;

/**
 * Corrects a line's plan: phase, priority, target date, required supervised cases, notes, and
 * its two ends while it is still planned and no rotation serves it (under the rules of adding
 * it). The requirement never drops below the supervised cases already logged.
 */
export function updateTransferItem(db: Db, actor: Actor, agreementId: number, itemId: number, input: ItemEditForm, options: Options = {}): TransferItem {
  const { item, agreement } = requireManagedItem(db, actor, agreementId, itemId);
  const refusal = editRefusal(agreement, item);
  if (refusal) throw refusal;
  const values = planValues(input);
  assertVersion(item, input.version, values);
  const fromChanged = values.fromFacilityId !== item.fromFacilityId;
  const toChanged = values.toFacilityId !== item.toFacilityId;
  if (fromChanged || toChanged) {
    const rotations = countWhere(db, rotationItems, itemId);
    const locked = checkPartiesChange({ stage: item.stage, rotations });
    if (locked) {
      throw new ConflictError(locked, { field: fromChanged ? "fromFacilityId" : "toFacilityId", params: { stage: item.stage, count: rotations } });
    }
    const technique = db.select().from(techniques).where(eq(techniques.id, item.techniqueId)).get()!;
    assertPlacement(db, agreementId, { technique, fromFacilityId: values.fromFacilityId, toFacilityId: values.toFacilityId }, itemId);
  }
  const logged = supervisedCaseCount(db, itemId);
  if (!requiredCoversLogged(values.requiredCases, logged)) {
    throw new ConflictError("agreements:errors.requiredBelowLogged", { field: "requiredCases", params: { logged } });
  }
  const row = db.transaction((tx) => {
    // The version in the WHERE clause: a write that slipped in since the check loses nothing.
    const updated = tx
      .update(transferItems)
      .set({ ...values, version: item.version + 1, updatedAt: options.at ?? new Date().toISOString() })
      .where(and(eq(transferItems.id, itemId), eq(transferItems.version, item.version)))
      .returning()
      .get();
    if (updated) recordAudit(tx, { userId: actor.userId, action: "update", entityType: "transfer_item", entityId: itemId, before: item, after: updated, at: options.at });
    return updated;
  });
  if (!row) {
    const fresh = db.select().from(transferItems).where(eq(transferItems.id, itemId)).get();
    if (!fresh) throw new NotFoundError();
    throw new StaleRecordError(fresh, changedFields(fresh, values));
  }
  return row;
}

/**
 * Deletes a line that is still an intention (planned, no case logged, no rotation serving
 * it) with its stage history, in one transaction; the audit keeps the whole line.
 */
export function deleteTransferItem(db: Db, actor: Actor, agreementId: number, itemId: number, input: { version: number }, options: Options = {}): TransferItem {
  return db.transaction((tx) => {
    const { item, agreement } = requireItem(tx, actor, agreementId, itemId);
    if (!canManageAgreement(tx, actor, agreement)) throw new ForbiddenError();
    if (item.version !== input.version) throw new ConflictError("agreements:errors.staleDelete");
    const refusal = deletionRefusal(tx, agreement, item);
    if (refusal) throw refusal;
    const stageEvents = tx.delete(transferStageEvents).where(eq(transferStageEvents.transferItemId, itemId)).returning().all();
    tx.delete(transferItems).where(eq(transferItems.id, itemId)).run();
    recordAudit(tx, { userId: actor.userId, action: "delete", entityType: "transfer_item", entityId: itemId, before: { ...item, stageEvents }, at: options.at });
    return item;
  });
}
