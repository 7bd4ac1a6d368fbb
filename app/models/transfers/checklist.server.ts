// The readiness checklist of a plan line: conditions the receiving facility must have in place
// before it takes a technique over (equipment, rooms, supplies), each confirmed with its date
// and who confirmed it. Only the receiving facility answers for its own conditions, so only
// those who may change its records (with `agreements.manage`) add and confirm items.
import { and, asc, eq, sql } from "drizzle-orm";
import type { Db } from "~/db/client.server";
import { facilities, transferItemChecks, users, type TransferItem } from "~/db/schema";
import { canChange, type Actor } from "~/models/access/policy";
import { assertVersion, recordAudit, type Tx } from "~/models/audit/audit.server";
import { isOpen } from "~/models/agreements/rules";
import { ConflictError, ForbiddenError, NotFoundError } from "~/models/errors";
import { MAX_CHECKS_PER_LINE } from "./readiness";
import type { CheckAddForm, CheckConfirmForm } from "./schemas";
import { requireItem } from "./stages.server";

type Options = { today: string; at?: string };

/** Whether the actor answers for the receiving facility of the line (its director, an administrator). */
export function canKeepChecklist(db: Tx, actor: Actor, item: Pick<TransferItem, "toFacilityId">): boolean {
  const receiving = db.select({ provinceCode: facilities.provinceCode }).from(facilities).where(eq(facilities.id, item.toFacilityId)).get();
  return canChange(actor, "agreements.manage", { facilityId: item.toFacilityId, provinceCode: receiving?.provinceCode ?? null });
}

/** The line readable by the actor, kept by the actor, on an open agreement: 404, 403, then 409. */
function requireKeptItem(db: Tx, actor: Actor, agreementId: number, itemId: number) {
  const found = requireItem(db, actor, agreementId, itemId);
  if (!canKeepChecklist(db, actor, found.item)) throw new ForbiddenError();
  if (!isOpen(found.agreement.status)) throw new ConflictError("agreements:errors.closed");
  return found;
}

/** The line's checklist in the order the items were added, with who confirmed each. */
export function listChecks(db: Tx, itemId: number) {
  return db
    .select({
      id: transferItemChecks.id,
      label: transferItemChecks.label,
      confirmedOn: transferItemChecks.confirmedOn,
      confirmedBy: users.displayName,
      version: transferItemChecks.version,
    })
    .from(transferItemChecks)
    .leftJoin(users, eq(users.id, transferItemChecks.confirmedBy))
    .where(eq(transferItemChecks.transferItemId, itemId))
    .orderBy(asc(transferItemChecks.id))
    .all();
}

/** Adds an unconfirmed item; the same label twice (ignoring case) or more than the limit is refused next to the label. */
export function addCheck(db: Db, actor: Actor, agreementId: number, itemId: number, input: Omit<CheckAddForm, "intent">, options: Options) {
  return db.transaction((tx) => {
    requireKeptItem(tx, actor, agreementId, itemId);
    const existing = tx
      .select({ label: transferItemChecks.label })
      .from(transferItemChecks)
      .where(eq(transferItemChecks.transferItemId, itemId))
      .all();
    if (existing.length >= MAX_CHECKS_PER_LINE) {
      throw new ConflictError("planning:readiness.errors.checkLimit", { field: "label", params: { max: MAX_CHECKS_PER_LINE } });
    }
    const wanted = input.label.toLocaleLowerCase("vi");
    if (existing.some((c) => c.label.toLocaleLowerCase("vi") === wanted)) {
      throw new ConflictError("planning:readiness.errors.checkDuplicate", { field: "label" });
    }
    const row = tx.insert(transferItemChecks).values({ transferItemId: itemId, label: input.label }).returning().get();
    recordAudit(tx, { userId: actor.userId, action: "create", entityType: "transfer_item_check", entityId: row.id, after: row, at: options.at });
    return row;
  });
}

/**
 * Confirms an item (dated today, by the actor) or withdraws the confirmation. The form carries
 * the item's version: a change since it was read answers 409 and writes nothing.
 */
export function setCheckConfirmed(db: Db, actor: Actor, agreementId: number, itemId: number, input: Omit<CheckConfirmForm, "intent">, options: Options) {
  return db.transaction((tx) => {
    requireKeptItem(tx, actor, agreementId, itemId);
    const check = tx.select().from(transferItemChecks).where(eq(transferItemChecks.id, input.checkId)).get();
    if (!check || check.transferItemId !== itemId) throw new NotFoundError();
    const confirmed = input.confirmed === "yes";
    const values = confirmed ? { confirmedOn: options.today, confirmedBy: actor.userId } : { confirmedOn: null, confirmedBy: null };
    assertVersion(check, input.version, values);
    const row = tx
      .update(transferItemChecks)
      .set({ ...values, version: sql`${transferItemChecks.version} + 1` })
      .where(and(eq(transferItemChecks.id, check.id), eq(transferItemChecks.version, check.version)))
      .returning()
      .get();
    recordAudit(tx, { userId: actor.userId, action: "update", entityType: "transfer_item_check", entityId: check.id, before: check, after: row, at: options.at });
    return row;
  });
}
