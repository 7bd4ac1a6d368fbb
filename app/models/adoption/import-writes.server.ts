// The ledger import's second half: each readable row of a ledger file decided against what the
// ledger holds (and the file's other rows about the same facility × technique), and the write
// of a confirmed plan: events through the ledger, a facility's decided rows as one list request.
import type { Db } from "~/db/client.server";
import type { Actor } from "~/models/access/policy";
import { recordAudit } from "~/models/audit/audit.server";
import type { ImportPlan, PlannedRow, RowChange } from "~/models/imports/batches.server";
import type { SheetRow } from "~/models/imports/read-table.server";
import { encodeMessage } from "~/utils/messages";
import { LEDGER_ERROR_KEYS, recordAdoptionEvents, type AdoptionEventInput } from "./ledger.server";
import { findOrderViolation, type LedgerEvent } from "./rules";

export type RequestWrite = { facilityId: number; items: { techniqueId: number; startedOn: string | null }[]; decisions: string[] };
export type LedgerWrite = { events: AdoptionEventInput[]; requests: RequestWrite[] };

export type FacilityFacts = { id: number; code: string; shortName: string; provinceCode: string | null; openedOn: string | null; kind: string };
export type TechniqueFacts = { id: number; code: string; name: string };
export type Decision = { number: string; on: string };
/** One readable row: what the file says about one facility × technique. */
export type Intent = { row: SheetRow; key: string; facility: FacilityFacts; technique: TechniqueFacts; resolved: string; startedOn: string | null; decision: Decision | null };

/** Decides each readable row against the ledger (and the other rows of the file); returns what to write. */
export function planWrites(db: Db, intents: Intent[], rows: PlannedRow[], effect: "official" | "request" | null): LedgerWrite {
  const sqlite = db.$client;
  type Stored = LedgerEvent & { decisionNumber: string | null };
  const ledger = new Map<string, Stored[]>();
  const pending = new Map<string, number>();
  // Only the pairs the file names are read (a facility's whole ledger can hold thousands).
  const techniquesByFacility = new Map<number, Set<number>>();
  for (const intent of intents) {
    const set = techniquesByFacility.get(intent.facility.id) ?? new Set<number>();
    set.add(intent.technique.id);
    techniquesByFacility.set(intent.facility.id, set);
  }
  const eventsOf = sqlite.prepare(
    `SELECT technique_id AS techniqueId, kind, event_on AS eventOn, decision_number AS decisionNumber FROM adoption_events
     WHERE facility_id = ? AND technique_id IN (SELECT value FROM json_each(?))`,
  );
  const pendingOf = sqlite.prepare(
    `SELECT i.technique_id AS techniqueId, r.id AS requestId FROM technique_list_request_items i
     JOIN technique_list_requests r ON r.id = i.request_id WHERE r.facility_id = ? AND r.status = 'submitted'`,
  );
  for (const [facilityId, techniqueIds] of techniquesByFacility) {
    for (const e of eventsOf.all(facilityId, JSON.stringify([...techniqueIds])) as (Stored & { techniqueId: number })[]) {
      const key = `${facilityId}:${e.techniqueId}`;
      const list = ledger.get(key);
      if (list) list.push(e);
      else ledger.set(key, [e]);
    }
    for (const p of pendingOf.all(facilityId) as { techniqueId: number; requestId: number }[]) pending.set(`${facilityId}:${p.techniqueId}`, p.requestId);
  }

  // Rows about the same facility × technique must say the same thing.
  const byPair = new Map<string, Intent[]>();
  for (const intent of intents) {
    const key = `${intent.facility.id}:${intent.technique.id}`;
    const list = byPair.get(key);
    if (list) list.push(intent);
    else byPair.set(key, [intent]);
  }
  const same = (a: Intent, b: Intent) => a.startedOn === b.startedOn && a.decision?.number === b.decision?.number && a.decision?.on === b.decision?.on;

  const events: AdoptionEventInput[] = [];
  const requests = new Map<number, RequestWrite>();
  for (const [pairKey, group] of byPair) {
    const [first, ...rest] = group;
    const base = (intent: Intent): PlannedRow => ({ rowNumber: intent.row.rowNumber, status: "unchanged", key: intent.key.slice(0, 60), label: intent.technique.name, resolved: intent.resolved });
    if (rest.some((other) => !same(first, other))) {
      const listed = group.map((i) => i.row.rowNumber).join(", ");
      for (const intent of group) {
        rows.push({ ...base(intent), status: "conflict", messages: [encodeMessage("imports:ledger.conflictingRows", { rows: listed, code: intent.technique.code })] });
      }
      continue;
    }
    for (const intent of rest) rows.push({ ...base(intent), messages: [encodeMessage("imports:ledger.repeated", { firstRow: first.row.rowNumber })] });

    const stored = ledger.get(pairKey) ?? [];
    const storedStart = stored.find((e) => e.kind === "started");
    const storedApproval = stored.find((e) => e.kind === "approved");
    const row = base(first);
    const changes: RowChange[] = [];
    const notes: string[] = [];
    const added: AdoptionEventInput[] = [];
    const facilityId = first.facility.id;
    const techniqueId = first.technique.id;
    const official = first.decision !== null && effect === "official";
    // An official decision without a start date starts the technique on the decision date.
    const startedOn = first.startedOn ?? (official ? first.decision!.on : null);
    if (startedOn !== null) {
      if (!storedStart) {
        added.push({ facilityId, techniqueId, kind: "started", eventOn: startedOn, source: "import" });
        changes.push({ field: "startedOn", before: null, after: startedOn });
      } else if (storedStart.eventOn !== startedOn) {
        notes.push(encodeMessage("imports:ledger.ledgerKeepsStart", { date: storedStart.eventOn, fileDate: startedOn }));
      }
    }
    let requestItem: { techniqueId: number; startedOn: string | null } | null = null;
    if (first.decision) {
      const text = `${first.decision.number} (${first.decision.on})`;
      if (storedApproval) {
        if (storedApproval.eventOn !== first.decision.on || storedApproval.decisionNumber !== first.decision.number) {
          notes.push(encodeMessage("imports:ledger.alreadyApproved", { decision: storedApproval.decisionNumber ?? "", date: storedApproval.eventOn }));
        }
      } else if (official) {
        added.push({ facilityId, techniqueId, kind: "approved", eventOn: first.decision.on, decisionNumber: first.decision.number });
        changes.push({ field: "decision", before: null, after: text });
      } else if (pending.has(pairKey)) {
        notes.push(encodeMessage("imports:ledger.alreadyRequested", { request: pending.get(pairKey)! }));
      } else {
        requestItem = { techniqueId, startedOn: first.startedOn };
        changes.push({ field: "listRequest", before: null, after: text });
        notes.push(encodeMessage("imports:ledger.becomesRequest"));
      }
    }
    // The new events must fit the ledger's order (an approval after the start, a single start).
    const violation = findOrderViolation([...stored, ...added]);
    if (violation) {
      const key = violation === "notStarted" ? "adoption:errors.decisionBeforeStart" : LEDGER_ERROR_KEYS[violation];
      rows.push({ ...row, status: "refused", messages: [encodeMessage(key, { date: first.decision?.on ?? startedOn ?? "" })] });
      continue;
    }
    if (changes.length > 0) {
      row.status = stored.length === 0 && !pending.has(pairKey) ? "new" : "changed";
      row.changes = changes;
    }
    if (notes.length > 0) row.messages = notes;
    rows.push(row);
    events.push(...added);
    if (requestItem) {
      const request = requests.get(facilityId) ?? { facilityId, items: [], decisions: [] };
      request.items.push(requestItem);
      const text = `${first.decision!.number} (${first.decision!.on})`;
      if (!request.decisions.includes(text)) request.decisions.push(text);
      requests.set(facilityId, request);
    }
  }
  return { events, requests: [...requests.values()] };
}

export function writeLedger(db: Db, plan: ImportPlan<LedgerWrite>, actor: Actor, today: string): Record<string, number> {
  const { events, requests } = plan.write;
  recordAdoptionEvents(db, events, actor, today);
  const now = new Date().toISOString();
  const insertRequest = db.$client.prepare(
    "INSERT INTO technique_list_requests (facility_id, status, submitted_by, submitted_at, comment) VALUES (?, 'submitted', ?, ?, ?)",
  );
  const insertItem = db.$client.prepare("INSERT INTO technique_list_request_items (request_id, technique_id, started_on) VALUES (?, ?, ?)");
  const insertNote = db.$client.prepare(
    "INSERT INTO technique_list_request_notes (request_id, kind, body, lines, user_id, created_at) VALUES (?, 'submitted', ?, ?, ?, ?)",
  );
  let items = 0;
  for (const request of requests) {
    // The file's decisions travel with the request, for the department to check.
    const comment = `QĐ ${request.decisions.join("; ")}`.slice(0, 2000);
    const id = Number(insertRequest.run(request.facilityId, actor.userId || null, now, comment).lastInsertRowid);
    for (const item of request.items) insertItem.run(id, item.techniqueId, item.startedOn);
    insertNote.run(id, comment, request.items.length, actor.userId || null, now);
    items += request.items.length;
    recordAudit(db, {
      userId: actor.userId || null,
      action: "create",
      entityType: "technique_list_request",
      entityId: id,
      after: { id, facilityId: request.facilityId, status: "submitted", comment, items: request.items },
    });
  }
  return {
    started: events.filter((e) => e.kind === "started").length,
    approved: events.filter((e) => e.kind === "approved").length,
    listRequests: requests.length,
    requestedTechniques: items,
  };
}
