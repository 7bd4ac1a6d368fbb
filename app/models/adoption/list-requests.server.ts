// Technique-list additions: a facility (director) submits techniques it performs or starts,
// and corrects and resends a returned request; the department of the facility's province
// decides each line (list-request-decisions.server.ts). Only approved pairs count in official
// figures.
import { and, desc, eq, inArray, ne, sql } from "drizzle-orm";
import type { Db } from "~/db/client.server";
import {
  adoptionEvents,
  facilities,
  techniqueListRequestItems,
  techniqueListRequests,
  techniques,
} from "~/db/schema";
import { canChange, canRead, choosesFacility, hasCapability, type Actor } from "~/models/access/policy";
import { facilityScopeCondition } from "~/models/access/scope-sql.server";
import { assertVersion, recordAudit } from "~/models/audit/audit.server";
import type { Level, ListRequestLineStatus, ListRequestStatus, Locale } from "~/models/enums";
import { facilityDisplayName } from "~/models/facilities/names";
import { facilityNameSql } from "~/models/facilities/names.server";
import { ConflictError, DomainError, ForbiddenError, NotFoundError } from "~/models/errors";
import { clampPage, toPage, type Page, type PageRequest } from "~/utils/pagination";
import { LEDGER_ERROR_KEYS } from "./ledger.server";
import { isCrossLevel } from "~/models/catalogue/levels";
import { findDateViolation, requestStatusInstant } from "./rules";
import { facilityLevelOn } from "~/models/facilities/levels.server";
import { addRequestNotes, listRequestNotes, type RequestNote } from "./list-request-notes.server";

/** startedOn null: the decision date is used when the department approves. */
export type ListRequestItemInput = { techniqueCode: string; startedOn: string | null };

function facilityScope(db: Db, facilityId: number) {
  const facility = db
    .select({ id: facilities.id, provinceCode: facilities.provinceCode, openedOn: facilities.openedOn, name: facilities.name, nameEn: facilities.nameEn })
    .from(facilities)
    .where(eq(facilities.id, facilityId))
    .get();
  if (!facility) throw new NotFoundError();
  return facility;
}

type Facility = ReturnType<typeof facilityScope>;

/**
 * Resolves a request's lines: refuses unknown codes, bad or future dates, dates before the
 * facility opened, techniques already approved for the facility or waiting in another
 * submitted request (`ownRequestId` is the one being corrected), and duplicates.
 */
function resolveItems(db: Db, facility: Facility, input: ListRequestItemInput[], today: string, ownRequestId: number | null) {
  if (input.length === 0) throw new DomainError("adoption:errors.noItems", { field: "items" });
  const facilityId = facility.id;
  const codes = input.map((i) => i.techniqueCode.trim());
  const known = new Map(
    db
      .select({ id: techniques.id, code: techniques.code })
      .from(techniques)
      .where(inArray(techniques.code, codes))
      .all()
      .map((t) => [t.code, t.id]),
  );
  const seen = new Set<string>();
  return input.map((item, index) => {
    const code = item.techniqueCode.trim();
    const params = { row: index + 1, code, date: item.startedOn ?? "" };
    const techniqueId = known.get(code);
    if (!techniqueId) throw new DomainError(LEDGER_ERROR_KEYS.unknownTechnique, { field: "items", params });
    if (seen.has(code)) throw new DomainError("adoption:errors.duplicateItem", { field: "items", params });
    seen.add(code);
    const violation = item.startedOn ? findDateViolation(item.startedOn, today, facility.openedOn) : null;
    if (violation) throw new DomainError(LEDGER_ERROR_KEYS[violation], { field: "items", params: { ...params, today, openedOn: facility.openedOn ?? "" } });
    const approved = db
      .select({ id: adoptionEvents.id })
      .from(adoptionEvents)
      .where(and(eq(adoptionEvents.facilityId, facilityId), eq(adoptionEvents.techniqueId, techniqueId), eq(adoptionEvents.kind, "approved")))
      .get();
    if (approved) throw new ConflictError("adoption:errors.alreadyOnList", { field: "items", params });
    const pending = db
      .select({ id: techniqueListRequests.id })
      .from(techniqueListRequestItems)
      .innerJoin(techniqueListRequests, eq(techniqueListRequests.id, techniqueListRequestItems.requestId))
      .where(
        and(
          eq(techniqueListRequests.facilityId, facilityId),
          eq(techniqueListRequests.status, "submitted"),
          eq(techniqueListRequestItems.techniqueId, techniqueId),
          ownRequestId === null ? undefined : ne(techniqueListRequests.id, ownRequestId),
        ),
      )
      .get();
    if (pending) throw new ConflictError("adoption:errors.alreadyRequested", { field: "items", params: { ...params, request: pending.id } });
    return { techniqueId, startedOn: item.startedOn };
  });
}

/** A facility submits additions. The facility is the actor's own (administrators name it). */
export function submitListRequest(
  db: Db,
  actor: Actor,
  input: { facilityId?: number | null; items: ListRequestItemInput[]; comment?: string | null },
  today: string,
) {
  const facilityId = choosesFacility(actor) ? (input.facilityId ?? null) : actor.facilityId;
  if (!facilityId) throw new ForbiddenError();
  const facility = facilityScope(db, facilityId);
  if (!canChange(actor, "techniqueList.submit", { facilityId, provinceCode: facility.provinceCode })) throw new ForbiddenError();
  const items = resolveItems(db, facility, input.items, today, null);

  return db.transaction((tx) => {
    const now = new Date().toISOString();
    const request = tx
      .insert(techniqueListRequests)
      .values({
        facilityId,
        status: "submitted",
        submittedBy: actor.userId || null,
        submittedAt: now,
        comment: input.comment?.trim() || null,
      })
      .returning()
      .get();
    tx.insert(techniqueListRequestItems)
      .values(items.map((i) => ({ requestId: request.id, ...i })))
      .run();
    addRequestNotes(tx, [{ requestId: request.id, kind: "submitted", userId: actor.userId || null, at: now, body: input.comment, lines: items.length }]);
    recordAudit(tx, {
      userId: actor.userId || null,
      action: "create",
      entityType: "technique_list_request",
      entityId: request.id,
      after: { ...request, items },
    });
    return request;
  });
}

/**
 * The facility corrects a returned request and sends it again: its lines not approved are
 * replaced by the corrected ones (checked as a new submission, waiting again) and its note joins
 * the thread; the department's comments and reasons stay where they were.
 */
export function resubmitListRequest(
  db: Db,
  actor: Actor,
  requestId: number,
  input: { items: ListRequestItemInput[]; note?: string | null; version: number },
  today: string,
) {
  const request = db.select().from(techniqueListRequests).where(eq(techniqueListRequests.id, requestId)).get();
  if (!request) throw new NotFoundError();
  const facility = facilityScope(db, request.facilityId);
  if (!canRead(actor, { facilityId: facility.id, provinceCode: facility.provinceCode })) throw new NotFoundError();
  if (!canChange(actor, "techniqueList.submit", { facilityId: facility.id, provinceCode: facility.provinceCode })) throw new ForbiddenError();
  assertVersion(request, input.version);
  if (request.status !== "returned") throw new ConflictError("adoption:errors.notReturned", { params: { status: request.status } });
  const before = db.select().from(techniqueListRequestItems).where(eq(techniqueListRequestItems.requestId, requestId)).all();
  // Approved lines are in the ledger and stay; the corrected lines replace the others.
  const items = resolveItems(db, facility, input.items, today, requestId);
  return db.transaction((tx) => {
    const now = new Date().toISOString();
    tx.delete(techniqueListRequestItems)
      .where(and(eq(techniqueListRequestItems.requestId, requestId), ne(techniqueListRequestItems.status, "approved")))
      .run();
    tx.insert(techniqueListRequestItems)
      .values(items.map((i) => ({ requestId, ...i })))
      .run();
    const updated = tx
      .update(techniqueListRequests)
      .set({ status: "submitted", submittedAt: now, version: request.version + 1 })
      .where(eq(techniqueListRequests.id, requestId))
      .returning()
      .get();
    addRequestNotes(tx, [{ requestId, kind: "resubmitted", userId: actor.userId || null, at: now, body: input.note, lines: items.length }]);
    recordAudit(tx, {
      userId: actor.userId || null,
      action: "update",
      entityType: "technique_list_request",
      entityId: requestId,
      before: { status: request.status, items: before.map((i) => ({ techniqueId: i.techniqueId, startedOn: i.startedOn, status: i.status, returnReason: i.returnReason })) },
      after: { status: updated.status, items, note: input.note?.trim() || null },
    });
    return updated;
  });
}

export { approveListRequest, decideListRequestLines, returnListRequest, type LineDecision } from "./list-request-decisions.server";

export type ListRequestRow = {
  id: number;
  facilityId: number;
  facilityName: string;
  status: ListRequestStatus;
  submittedAt: string | null;
  /** When the current status was reached (the decision's own instant once decided). */
  statusAt: string | null;
  decisionNumber: string | null;
  decisionOn: string | null;
  items: number;
  approvedItems: number;
  returnedItems: number;
};

/** Requests the actor may read, newest first; filter by status. */
export function listListRequests(
  db: Db,
  actor: Actor,
  options: { status?: ListRequestStatus | null; page: PageRequest },
  locale: Locale,
): Page<ListRequestRow> {
  const where = and(
    facilityScopeCondition(actor, techniqueListRequests.facilityId),
    options.status ? eq(techniqueListRequests.status, options.status) : undefined,
  );
  const total = db.select({ n: sql<number>`count(*)` }).from(techniqueListRequests).where(where).get()?.n ?? 0;
  const page = clampPage(options.page, total);
  const rows = db
    .select({
      id: techniqueListRequests.id,
      facilityId: techniqueListRequests.facilityId,
      facilityName: facilityNameSql(locale),
      status: techniqueListRequests.status,
      submittedAt: techniqueListRequests.submittedAt,
      decidedAt: techniqueListRequests.decidedAt,
      decisionNumber: techniqueListRequests.decisionNumber,
      decisionOn: techniqueListRequests.decisionOn,
      items: sql<number>`(select count(*) from technique_list_request_items i where i.request_id = ${techniqueListRequests.id})`,
      approvedItems: sql<number>`(select count(*) from technique_list_request_items i where i.request_id = ${techniqueListRequests.id} and i.status = 'approved')`,
      returnedItems: sql<number>`(select count(*) from technique_list_request_items i where i.request_id = ${techniqueListRequests.id} and i.status = 'returned')`,
    })
    .from(techniqueListRequests)
    .innerJoin(facilities, eq(facilities.id, techniqueListRequests.facilityId))
    .where(where)
    .orderBy(desc(techniqueListRequests.id))
    .limit(page.pageSize)
    .offset(page.offset)
    .all();
  return toPage(
    rows.map(({ decidedAt, ...r }) => ({ ...r, statusAt: requestStatusInstant({ status: r.status, submittedAt: r.submittedAt, decidedAt }) })),
    total,
    page,
  );
}

export type ListRequestDetail = typeof techniqueListRequests.$inferSelect & {
  facilityName: string;
  provinceCode: string | null;
  /** When the current status was reached (the decision's own instant once decided). */
  statusAt: string | null;
  canApprove: boolean;
  /** The facility may correct and resend it. */
  canResubmit: boolean;
  thread: RequestNote[];
  items: {
    techniqueId: number;
    code: string;
    name: string;
    minLevel: Level | null;
    startedOn: string | null;
    status: ListRequestLineStatus;
    returnReason: string | null;
    decisionNumber: string | null;
    decisionOn: string | null;
    decidedAt: string | null;
    /** Cross-level for the facility's level on the start date. */
    crossLevel: boolean;
  }[];
};

/** One request with its items; null when absent or not readable by the actor. */
export function getListRequest(db: Db, actor: Actor, requestId: number, locale: Locale): ListRequestDetail | null {
  const request = db.select().from(techniqueListRequests).where(eq(techniqueListRequests.id, requestId)).get();
  if (!request) return null;
  const facility = facilityScope(db, request.facilityId);
  if (!canRead(actor, { facilityId: facility.id, provinceCode: facility.provinceCode })) return null;
  const items = db
    .select({
      techniqueId: techniques.id,
      code: techniques.code,
      name: techniques.name,
      minLevel: techniques.minLevel,
      startedOn: techniqueListRequestItems.startedOn,
      status: techniqueListRequestItems.status,
      returnReason: techniqueListRequestItems.returnReason,
      decisionNumber: techniqueListRequestItems.decisionNumber,
      decisionOn: techniqueListRequestItems.decisionOn,
      decidedAt: techniqueListRequestItems.decidedAt,
    })
    .from(techniqueListRequestItems)
    .innerJoin(techniques, eq(techniques.id, techniqueListRequestItems.techniqueId))
    .where(eq(techniqueListRequestItems.requestId, requestId))
    .orderBy(techniques.chapterNumber, techniques.number)
    .all();
  return {
    ...request,
    facilityName: facilityDisplayName(facility, locale),
    provinceCode: facility.provinceCode,
    statusAt: requestStatusInstant(request),
    canApprove:
      request.status === "submitted" &&
      hasCapability(actor, "techniqueList.approve") &&
      canChange(actor, "techniqueList.approve", { facilityId: facility.id, provinceCode: facility.provinceCode }),
    canResubmit:
      request.status === "returned" &&
      hasCapability(actor, "techniqueList.submit") &&
      canChange(actor, "techniqueList.submit", { facilityId: facility.id, provinceCode: facility.provinceCode }),
    thread: listRequestNotes(db, requestId),
    items: items.map((i) => {
      const level = facilityLevelOn(db, facility.id, i.startedOn ?? "9999-12-31");
      return { ...i, crossLevel: isCrossLevel(i.minLevel, level) };
    }),
  };
}
