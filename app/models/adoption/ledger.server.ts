// The adoption ledger: the one place that writes adoption_events. Every entry (form, import,
// acceptance of a transfer item, department approval, seeds) goes through recordAdoptionEvent
// or its batch twin, which validate the date and the order of events of that facility ×
// technique, and write the audit event and the pair's summary row (adoption_pairs, what the
// reports count) in the caller's transaction.
// Access control is the caller's job (the acceptance, the approval and the ledger form each
// check their own capability); the actor is recorded as the author.
import { and, asc, eq, inArray, sql } from "drizzle-orm";
import { adoptionEvents, facilities, techniques, type AdoptionEvent } from "~/db/schema";
import type { Actor } from "~/models/access/policy";
import { recordAudit, recordAuditBatch, type Tx } from "~/models/audit/audit.server";
import type { AdoptionEventKind, AdoptionSource } from "~/models/enums";
import { ConflictError, DomainError, NotFoundError } from "~/models/errors";
import { refreshAdoptionPairs } from "./pair-summary.server";
import { findDateViolation, findOrderViolation, type LedgerEvent } from "./rules";

export type AdoptionEventInput = {
  facilityId: number;
  /** The technique by id, or by catalogue code (`10.367`) when the id is absent. */
  techniqueId?: number;
  techniqueCode?: string;
  kind: AdoptionEventKind;
  eventOn: string;
  source?: AdoptionSource | null;
  agreementId?: number | null;
  transferItemId?: number | null;
  decisionNumber?: string | null;
  listRequestId?: number | null;
  note?: string | null;
};

type FacilityFacts = { id: number; openedOn: string | null };
type TechniqueFacts = { id: number; code: string };

/** Translation key of each refusal; `field` points at the form field it belongs to. */
export const LEDGER_ERROR_KEYS = {
  unknownTechnique: "adoption:errors.unknownTechnique",
  unknownFacility: "adoption:errors.unknownFacility",
  invalidDate: "adoption:errors.invalidDate",
  futureDate: "adoption:errors.futureDate",
  beforeFacilityOpened: "adoption:errors.beforeFacilityOpened",
  notStarted: "adoption:errors.notStarted",
  alreadyStarted: "adoption:errors.alreadyStarted",
  alreadyApproved: "adoption:errors.alreadyApproved",
  notActive: "adoption:errors.notActive",
  notSuspended: "adoption:errors.notSuspended",
} as const;

/** Throws the DomainError for one event, given what the database holds. Pure apart from the inputs. */
function assertEventFits(
  input: AdoptionEventInput,
  facility: FacilityFacts,
  existing: readonly LedgerEvent[],
  today: string,
): void {
  const dateViolation = findDateViolation(input.eventOn, today, facility.openedOn);
  if (dateViolation) {
    throw new DomainError(LEDGER_ERROR_KEYS[dateViolation], {
      field: "eventOn",
      params: { date: input.eventOn, today, openedOn: facility.openedOn ?? "" },
    });
  }
  const orderViolation = findOrderViolation([...existing, { kind: input.kind, eventOn: input.eventOn }]);
  if (orderViolation) {
    throw new ConflictError(LEDGER_ERROR_KEYS[orderViolation], { field: "kind", params: { date: input.eventOn } });
  }
}

function findTechnique(tx: Tx, input: AdoptionEventInput): TechniqueFacts {
  const where =
    input.techniqueId !== undefined
      ? eq(techniques.id, input.techniqueId)
      : eq(techniques.code, (input.techniqueCode ?? "").trim());
  const row = tx.select({ id: techniques.id, code: techniques.code }).from(techniques).where(where).get();
  if (!row) {
    throw new DomainError(LEDGER_ERROR_KEYS.unknownTechnique, {
      field: "techniqueCode",
      params: { code: input.techniqueCode ?? String(input.techniqueId ?? "") },
    });
  }
  return row;
}

function findFacility(tx: Tx, facilityId: number): FacilityFacts {
  const row = tx
    .select({ id: facilities.id, openedOn: facilities.openedOn })
    .from(facilities)
    .where(eq(facilities.id, facilityId))
    .get();
  if (!row) throw new NotFoundError(LEDGER_ERROR_KEYS.unknownFacility);
  return row;
}

function toRow(input: AdoptionEventInput, techniqueId: number, actor: Actor | null) {
  return {
    facilityId: input.facilityId,
    techniqueId,
    kind: input.kind,
    eventOn: input.eventOn,
    source: input.source ?? null,
    agreementId: input.agreementId ?? null,
    transferItemId: input.transferItemId ?? null,
    decisionNumber: input.decisionNumber?.trim() || null,
    listRequestId: input.listRequestId ?? null,
    note: input.note?.trim() || null,
    createdBy: actor?.userId || null,
  };
}

/** Existing events of one facility × technique, in date order. */
export function listPairEvents(tx: Tx, facilityId: number, techniqueId: number): AdoptionEvent[] {
  return tx
    .select()
    .from(adoptionEvents)
    .where(and(eq(adoptionEvents.facilityId, facilityId), eq(adoptionEvents.techniqueId, techniqueId)))
    .orderBy(asc(adoptionEvents.eventOn), asc(adoptionEvents.id))
    .all();
}

/**
 * Records one dated event. Call it inside the caller's transaction (`db.transaction((tx) =>
 * recordAdoptionEvent(tx, …))`) so the event, the audit row and the caller's own change land
 * together. Throws DomainError (400: unknown technique, bad / future / pre-opening date) or
 * ConflictError (409: out of order, e.g. suspended before started); nothing is written then.
 */
export function recordAdoptionEvent(
  tx: Tx,
  input: AdoptionEventInput,
  actor: Actor | null,
  today: string,
): AdoptionEvent {
  const technique = findTechnique(tx, input);
  const facility = findFacility(tx, input.facilityId);
  const existing = listPairEvents(tx, facility.id, technique.id);
  assertEventFits(input, facility, existing, today);
  const event = tx.insert(adoptionEvents).values(toRow(input, technique.id, actor)).returning().get();
  refreshAdoptionPairs(tx, facility.id, [technique.id]);
  recordAudit(tx, {
    userId: actor?.userId || null,
    action: "create",
    entityType: "adoption_event",
    entityId: event.id,
    after: event,
  });
  return event;
}

/**
 * The batch twin for imports and seeds: the same checks, with the facilities, techniques and
 * existing events loaded once, and rows inserted in chunks. All or nothing: the first
 * refusal throws (with `params.row`, the 1-based input position) and the caller's
 * transaction rolls back. Returns the number of events written.
 */
export function recordAdoptionEvents(
  tx: Tx,
  inputs: readonly AdoptionEventInput[],
  actor: Actor | null,
  today: string,
  options: { audit?: boolean } = {},
): number {
  if (inputs.length === 0) return 0;
  const techniqueById = new Map<number, number>();
  const techniqueByCode = new Map<string, number>();
  for (const t of tx.select({ id: techniques.id, code: techniques.code }).from(techniques).all()) {
    techniqueById.set(t.id, t.id);
    techniqueByCode.set(t.code, t.id);
  }
  const techniqueOf = (input: AdoptionEventInput) =>
    input.techniqueId !== undefined ? techniqueById.get(input.techniqueId) : techniqueByCode.get((input.techniqueCode ?? "").trim());
  // Only the pairs being written are read: a facility's whole ledger can hold thousands of events.
  const pairsByFacility = new Map<number, Set<number>>();
  for (const input of inputs) {
    const techniqueId = techniqueOf(input);
    const set = pairsByFacility.get(input.facilityId) ?? new Set<number>();
    if (techniqueId !== undefined) set.add(techniqueId);
    pairsByFacility.set(input.facilityId, set);
  }
  const facilityMap = new Map<number, FacilityFacts>();
  const eventsByPair = new Map<string, LedgerEvent[]>();
  for (const ids of chunk([...pairsByFacility.keys()], 500)) {
    for (const f of tx
      .select({ id: facilities.id, openedOn: facilities.openedOn })
      .from(facilities)
      .where(inArray(facilities.id, ids))
      .all()) {
      facilityMap.set(f.id, f);
    }
  }
  for (const [facilityId, techniqueIds] of pairsByFacility) {
    for (const e of tx.all<{ techniqueId: number; kind: AdoptionEventKind; eventOn: string }>(
      sql`select technique_id as techniqueId, kind, event_on as eventOn from adoption_events
        where facility_id = ${facilityId} and technique_id in (select value from json_each(${JSON.stringify([...techniqueIds])}))`,
    )) {
      pushPair(eventsByPair, `${facilityId}:${e.techniqueId}`, e);
    }
  }

  const rows = inputs.map((input, index) => {
    try {
      const techniqueId = techniqueOf(input);
      if (techniqueId === undefined) {
        throw new DomainError(LEDGER_ERROR_KEYS.unknownTechnique, {
          field: "techniqueCode",
          params: { code: input.techniqueCode ?? String(input.techniqueId ?? "") },
        });
      }
      const facility = facilityMap.get(input.facilityId);
      if (!facility) throw new NotFoundError(LEDGER_ERROR_KEYS.unknownFacility);
      const key = `${input.facilityId}:${techniqueId}`;
      const existing = eventsByPair.get(key) ?? [];
      assertEventFits(input, facility, existing, today);
      pushPair(eventsByPair, key, { kind: input.kind, eventOn: input.eventOn });
      return toRow(input, techniqueId, actor);
    } catch (error) {
      if (error instanceof DomainError) (error.params as Record<string, string | number>).row = index + 1;
      throw error;
    }
  });

  for (const part of chunk(rows, 400)) {
    const inserted = tx.insert(adoptionEvents).values(part).returning({ id: adoptionEvents.id }).all();
    if (options.audit === false) continue;
    // One audit row per event, chained as recordAudit writes them, inserted as a chunk.
    const at = new Date().toISOString();
    recordAuditBatch(
      tx,
      inserted.map((r, i) => ({
        at,
        userId: actor?.userId || null,
        action: "create" as const,
        entityType: "adoption_event",
        entityId: r.id,
        after: { id: r.id, ...part[i] },
      })),
    );
  }
  const written = new Map<number, number[]>();
  for (const row of rows) {
    const list = written.get(row.facilityId);
    if (list) list.push(row.techniqueId);
    else written.set(row.facilityId, [row.techniqueId]);
  }
  for (const [facilityId, techniqueIds] of written) refreshAdoptionPairs(tx, facilityId, techniqueIds);
  return rows.length;
}

function pushPair(map: Map<string, LedgerEvent[]>, key: string, event: LedgerEvent) {
  const list = map.get(key);
  if (list) list.push(event);
  else map.set(key, [event]);
}

function chunk<T>(items: readonly T[], size: number): T[][] {
  const out: T[][] = [];
  for (let i = 0; i < items.length; i += size) out.push(items.slice(i, i + size));
  return out;
}
