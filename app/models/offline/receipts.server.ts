// Receipts of submissions made with an idempotency key (case logs, attendance sheets): the
// command looks for the key first, in its own transaction, and answers a replay with the first
// outcome; otherwise it writes its record and the receipt together, so either both exist or
// neither does. Tele sessions keep their key on the session row itself; a key is one
// submission's, so a key found there, or under another user or form, is a conflict (409).
import { eq } from "drizzle-orm";
import { submissionReceipts, teleSessions, type SubmissionReceipt } from "~/db/schema";
import type { Actor } from "~/models/access/policy";
import type { Tx } from "~/models/audit/audit.server";
import type { OfflineForm } from "~/models/enums";
import { ConflictError, DomainError } from "~/models/errors";
import { isIdempotencyKey } from "./keys";

/** The refusal of a key that belongs to another submission (another user's, or another form's). */
export function keyUsedElsewhere(): ConflictError {
  return new ConflictError("offline:errors.keyUsed");
}

/**
 * The receipt of `key` when this user already applied it with this form (a replay), null when the
 * key is new or absent. 400 for a malformed key, 409 when another user or form used it.
 */
export function priorReceipt(tx: Tx, actor: Actor, form: OfflineForm, key: string | undefined): SubmissionReceipt | null {
  if (key === undefined) return null;
  if (!isIdempotencyKey(key)) throw new DomainError("common:validation.invalid", { field: "idempotencyKey" });
  const receipt = tx.select().from(submissionReceipts).where(eq(submissionReceipts.key, key)).get();
  if (receipt) {
    if (receipt.userId !== actor.userId || receipt.form !== form) throw keyUsedElsewhere();
    return receipt;
  }
  if (form !== "tele_consultation" && tx.select({ id: teleSessions.id }).from(teleSessions).where(eq(teleSessions.idempotencyKey, key)).get()) {
    throw keyUsedElsewhere();
  }
  return null;
}

/** Writes the receipt of a first submission, in the transaction that wrote its record. */
export function writeReceipt(
  tx: Tx,
  actor: Actor,
  form: OfflineForm,
  key: string | undefined,
  outcome: { entityId: number | null; location: string | null },
  now = new Date().toISOString(),
): void {
  if (key === undefined) return;
  tx.insert(submissionReceipts).values({ key, userId: actor.userId, form, entityId: outcome.entityId, location: outcome.location, createdAt: now }).run();
}

/** A key used with a receipt (case log, attendance), for a tele session's own key check. */
export function receiptExists(tx: Tx, key: string): boolean {
  return tx.select({ key: submissionReceipts.key }).from(submissionReceipts).where(eq(submissionReceipts.key, key)).get() !== undefined;
}

/** Whether a key was already applied, by any form: the batch tells a replay from a first delivery. */
export function keyApplied(tx: Tx, key: string): boolean {
  return receiptExists(tx, key) || tx.select({ id: teleSessions.id }).from(teleSessions).where(eq(teleSessions.idempotencyKey, key)).get() !== undefined;
}
