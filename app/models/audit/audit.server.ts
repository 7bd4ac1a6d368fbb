// Every create, update and delete of a domain record writes one audit event, inside the same
// transaction as the change (pass the transaction as `db`). The table is append-only.
import { sql } from "drizzle-orm";
import type { Db } from "~/db/client.server";
import type { AuditAction } from "~/models/enums";
import { StaleRecordError } from "~/models/errors";
import { auditHash, GENESIS_HASH } from "./chain.server";

/** A transaction handle or the database itself: both expose the same query builder. */
export type Tx = Pick<Db, "select" | "insert" | "update" | "delete" | "run" | "all" | "get" | "query">;

export type AuditInput = {
  userId: number | null;
  action: AuditAction;
  entityType: string;
  entityId: string | number;
  before?: unknown;
  after?: unknown;
  /** When the change happened, for backdated records (imports, the demo); defaults to now.
   *  Never later than now: the trail records what has happened. */
  at?: string;
};

export function recordAudit(db: Tx, input: AuditInput): void {
  recordAuditBatch(db, [input]);
}

/**
 * Writes events in order, each linked to the one before (see chain.server.ts). Ids are given
 * explicitly, above both the last event and the table's autoincrement counter, so the chain
 * and the counter agree; call it inside the transaction that makes the change.
 */
export function recordAuditBatch(db: Tx, inputs: AuditInput[]): void {
  if (inputs.length === 0) return;
  const last = db.get<{ id: number | null; hash: string | null; seq: number | null }>(
    sql`select (select max(id) from audit_events) as id,
               (select hash from audit_events order by id desc limit 1) as hash,
               (select seq from sqlite_sequence where name = 'audit_events') as seq`,
  );
  let id = Math.max(last?.id ?? 0, last?.seq ?? 0);
  let prevHash = last?.hash ?? GENESIS_HASH;
  const nowDate = new Date();
  const now = nowDate.toISOString();
  for (const input of inputs) {
    // A programming error (a plan's date passed as the instant of its change), not bad input:
    // refused before anything is written, so the transaction rolls back.
    if (input.at !== undefined && !(Date.parse(input.at) <= nowDate.getTime())) {
      throw new Error(`audit event for ${input.entityType} ${input.entityId} dated ${input.at}, later than now (${now}) or not an instant`);
    }
  }
  const rows = inputs.map((input) => {
    id += 1;
    const row = {
      id,
      at: input.at ?? now,
      userId: input.userId,
      action: input.action,
      entityType: input.entityType,
      entityId: String(input.entityId),
      before: input.before === undefined || input.before === null ? null : JSON.stringify(input.before),
      after: input.after === undefined || input.after === null ? null : JSON.stringify(input.after),
      prevHash,
    };
    prevHash = auditHash(row);
    return { ...row, hash: prevHash };
  });
  // The insert trigger checks each row's link against the row before it, so chunks go in order
  // (json_each yields array elements in order). One JSON parameter per chunk: an import's tens
  // of thousands of events cost one statement per thousand, not a query builder per row.
  for (let i = 0; i < rows.length; i += 1000) {
    const chunk = JSON.stringify(rows.slice(i, i + 1000).map((r) => [r.id, r.at, r.userId, r.action, r.entityType, r.entityId, r.before, r.after, r.prevHash, r.hash]));
    db.run(sql`insert into audit_events (id, at, user_id, action, entity_type, entity_id, before, after, prev_hash, hash)
      select value ->> 0, value ->> 1, value ->> 2, value ->> 3, value ->> 4, value ->> 5, value ->> 6, value ->> 7, value ->> 8, value ->> 9
      from json_each(${chunk}) order by key`);
  }
}

/** Fields whose values differ between two versions of a record (ignoring bookkeeping columns). */
export function changedFields(before: Record<string, unknown>, after: Record<string, unknown>): string[] {
  const skip = new Set(["version", "updatedAt", "createdAt", "searchText"]);
  return Object.keys(after).filter(
    (key) => !skip.has(key) && JSON.stringify(before[key]) !== JSON.stringify(after[key]),
  );
}

/**
 * Optimistic concurrency: the form carries the version it was read at. When the record has
 * moved on, throw a 409 that names what changed since `formVersion`; nothing is written.
 * `current` is the record as stored now; `submitted` the values the form would write.
 */
export function assertVersion<T extends { version: number }>(
  current: T,
  formVersion: number,
  submitted: Partial<T> = {},
): void {
  if (current.version === formVersion) return;
  const fields = Object.keys(submitted).filter(
    (key) => key !== "version" && JSON.stringify((current as Record<string, unknown>)[key]) !== JSON.stringify((submitted as Record<string, unknown>)[key]),
  );
  throw new StaleRecordError(current, fields);
}
