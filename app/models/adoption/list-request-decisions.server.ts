// The department's decisions on a technique-list request, line by line: an approved line
// writes its "approved" event (and a "started" one where the ledger has none) with the
// decision number and date; a returned line carries its reason back to the facility. Approving
// or returning the whole request decides every waiting line the same way. The request's status
// follows from its lines (`requestStatusFromLines`).
import { and, eq } from "drizzle-orm";
import type { Db } from "~/db/client.server";
import { facilities, techniqueListRequestItems, techniqueListRequests } from "~/db/schema";
import { canChange, type Actor } from "~/models/access/policy";
import { assertVersion, recordAudit } from "~/models/audit/audit.server";
import type { ListRequestLineStatus } from "~/models/enums";
import { ConflictError, DomainError, ForbiddenError, NotFoundError } from "~/models/errors";
import { listPairEvents, recordAdoptionEvent, LEDGER_ERROR_KEYS } from "./ledger.server";
import { addRequestNotes, type NoteInput } from "./list-request-notes.server";
import { findDateViolation, requestStatusFromLines } from "./rules";

export type LineDecision = { techniqueId: number; outcome: "approve" | "return"; reason?: string | null };

type DecisionInput = {
  lines: LineDecision[];
  decisionNumber?: string | null;
  decisionOn?: string | null;
  /** A comment to the facility about the whole request (a whole return's reason). */
  comment?: string | null;
  version: number;
};

function loadForDecision(db: Db, actor: Actor, requestId: number) {
  const request = db.select().from(techniqueListRequests).where(eq(techniqueListRequests.id, requestId)).get();
  if (!request) throw new NotFoundError();
  const facility = db
    .select({ id: facilities.id, provinceCode: facilities.provinceCode, openedOn: facilities.openedOn })
    .from(facilities)
    .where(eq(facilities.id, request.facilityId))
    .get();
  if (!facility) throw new NotFoundError();
  if (!canChange(actor, "techniqueList.approve", { facilityId: facility.id, provinceCode: facility.provinceCode })) {
    throw new ForbiddenError();
  }
  return { request, facility };
}

/**
 * Decides some or all of a submitted request's waiting lines in one transaction; a refused
 * line (e.g. started after the decision date) refuses the whole decision.
 */
export function decideListRequestLines(db: Db, actor: Actor, requestId: number, input: DecisionInput, today: string) {
  const { request, facility } = loadForDecision(db, actor, requestId);
  assertVersion(request, input.version);
  if (request.status !== "submitted") throw new ConflictError("adoption:errors.notSubmitted", { params: { status: request.status } });
  const stored = db.select().from(techniqueListRequestItems).where(eq(techniqueListRequestItems.requestId, requestId)).all();
  const byTechnique = new Map(stored.map((l) => [l.techniqueId, l]));
  if (input.lines.length === 0) throw new DomainError("adoption:errors.noLineDecided", { field: "lines" });
  const seen = new Set<number>();
  for (const decision of input.lines) {
    const line = byTechnique.get(decision.techniqueId);
    if (!line || seen.has(decision.techniqueId)) throw new DomainError("adoption:errors.unknownLine", { field: "lines" });
    seen.add(decision.techniqueId);
    if (line.status !== "pending") throw new ConflictError("adoption:errors.lineDecided", { field: "lines" });
    // The facility must learn why: the line's own reason, or the decision's comment.
    if (decision.outcome === "return" && !decision.reason?.trim() && !input.comment?.trim()) {
      throw new DomainError("adoption:errors.returnReasonRequired", { field: "lines" });
    }
  }
  const approving = input.lines.filter((l) => l.outcome === "approve");
  const returning = input.lines.filter((l) => l.outcome === "return");
  const decisionNumber = input.decisionNumber?.trim() || null;
  const decisionOn = input.decisionOn || null;
  if (approving.length > 0) {
    if (!decisionNumber) throw new DomainError("common:validation.required", { field: "decisionNumber" });
    if (!decisionOn) throw new DomainError("common:validation.required", { field: "decisionOn" });
    const violation = findDateViolation(decisionOn, today, facility.openedOn);
    if (violation) throw new DomainError(LEDGER_ERROR_KEYS[violation], { field: "decisionOn", params: { today, date: decisionOn, openedOn: facility.openedOn ?? "" } });
  }

  return db.transaction((tx) => {
    const now = new Date().toISOString();
    const userId = actor.userId || null;
    for (const decision of approving) {
      const line = byTechnique.get(decision.techniqueId)!;
      const events = listPairEvents(tx, request.facilityId, line.techniqueId);
      if (!events.some((e) => e.kind === "started")) {
        const startedOn = line.startedOn && line.startedOn <= decisionOn! ? line.startedOn : decisionOn!;
        recordAdoptionEvent(
          tx,
          { facilityId: request.facilityId, techniqueId: line.techniqueId, kind: "started", eventOn: startedOn, source: "import", listRequestId: requestId },
          actor,
          today,
        );
      }
      if (!events.some((e) => e.kind === "approved")) {
        try {
          recordAdoptionEvent(
            tx,
            { facilityId: request.facilityId, techniqueId: line.techniqueId, kind: "approved", eventOn: decisionOn!, decisionNumber: decisionNumber!, listRequestId: requestId },
            actor,
            today,
          );
        } catch (error) {
          // The decision cannot predate a start already in the ledger: say so next to the date.
          if (error instanceof DomainError && error.message === LEDGER_ERROR_KEYS.notStarted) {
            throw new ConflictError("adoption:errors.decisionBeforeStart", { field: "decisionOn", params: { date: decisionOn! } });
          }
          throw error;
        }
      }
    }
    const outcome = new Map(input.lines.map((l) => [l.techniqueId, l]));
    for (const [techniqueId, decision] of outcome) {
      tx.update(techniqueListRequestItems)
        .set(
          decision.outcome === "approve"
            ? { status: "approved", decidedBy: userId, decidedAt: now, decisionNumber, decisionOn, returnReason: null }
            : { status: "returned", decidedBy: userId, decidedAt: now, returnReason: decision.reason?.trim() || null },
        )
        .where(and(eq(techniqueListRequestItems.requestId, requestId), eq(techniqueListRequestItems.techniqueId, techniqueId)))
        .run();
    }
    const lineStatus = (l: (typeof stored)[number]): ListRequestLineStatus => {
      const decided = outcome.get(l.techniqueId);
      return decided ? (decided.outcome === "approve" ? "approved" : "returned") : l.status;
    };
    const status = requestStatusFromLines(stored.map((l) => ({ status: lineStatus(l) })));
    const updated = tx
      .update(techniqueListRequests)
      .set({
        status,
        decidedBy: userId,
        decidedAt: now,
        ...(approving.length > 0 ? { decisionNumber, decisionOn } : {}),
        version: request.version + 1,
      })
      .where(eq(techniqueListRequests.id, requestId))
      .returning()
      .get();
    const notes: NoteInput[] = [];
    if (approving.length > 0) notes.push({ requestId, kind: "approved", userId, at: now, lines: approving.length, decisionNumber, decisionOn });
    // Lines returned without a reason of their own are returned for the comment.
    const byComment = returning.filter((l) => !l.reason?.trim());
    if (byComment.length > 0) notes.push({ requestId, kind: "returned", userId, at: now, lines: byComment.length, body: input.comment });
    for (const l of returning) {
      if (l.reason?.trim()) notes.push({ requestId, kind: "returned", userId, at: now, lines: 1, techniqueId: l.techniqueId, body: l.reason });
    }
    if (byComment.length === 0 && input.comment?.trim()) notes.push({ requestId, kind: "comment", userId, at: now, body: input.comment });
    addRequestNotes(tx, notes);
    recordAudit(tx, {
      userId,
      action: "update",
      entityType: "technique_list_request",
      entityId: requestId,
      before: { status: request.status },
      after: {
        status: updated.status,
        approved: approving.map((l) => l.techniqueId),
        returned: returning.map((l) => ({ techniqueId: l.techniqueId, reason: l.reason?.trim() || null })),
        decisionNumber,
        decisionOn,
        comment: input.comment?.trim() || null,
      },
    });
    return updated;
  });
}

function waitingLines(db: Db, requestId: number) {
  return db
    .select({ techniqueId: techniqueListRequestItems.techniqueId, status: techniqueListRequestItems.status })
    .from(techniqueListRequestItems)
    .where(eq(techniqueListRequestItems.requestId, requestId))
    .all()
    .filter((l) => l.status === "pending");
}

/** Approves every waiting line of a submitted request with one decision number and date. */
export function approveListRequest(
  db: Db,
  actor: Actor,
  requestId: number,
  input: { decisionNumber: string; decisionOn: string; version: number },
  today: string,
) {
  loadForDecision(db, actor, requestId);
  const lines = waitingLines(db, requestId).map((l) => ({ techniqueId: l.techniqueId, outcome: "approve" as const }));
  return decideListRequestLines(db, actor, requestId, { ...input, lines }, today);
}

/**
 * Returns every waiting line of a submitted request with one comment; nothing enters the
 * ledger. The comment is a new entry of the thread: the facility's own note stays as written.
 */
export function returnListRequest(db: Db, actor: Actor, requestId: number, input: { comment: string; version: number }) {
  loadForDecision(db, actor, requestId);
  if (!input.comment.trim()) throw new DomainError("common:validation.required", { field: "comment" });
  const lines = waitingLines(db, requestId).map((l) => ({ techniqueId: l.techniqueId, outcome: "return" as const }));
  // No line is approved, so no date is checked against today.
  return decideListRequestLines(db, actor, requestId, { ...input, lines }, "");
}
