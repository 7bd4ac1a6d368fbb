// The audit trail's hash chain. Each event stores the hash of the event before it (`prevHash`)
// and its own `hash` = sha-256 over its fields and `prevHash`, so changing, removing or
// inserting an event anywhere breaks every link after it. The writer computes both inside the
// transaction that writes the event; a database trigger refuses an insert whose `prevHash` is
// not the last event's hash or whose id is not above every existing id (INSERT OR REPLACE).
import crypto from "node:crypto";
import type Database from "better-sqlite3";
import type { Db } from "~/db/client.server";
import { hasCapability, type Actor } from "~/models/access/policy";
import { ForbiddenError } from "~/models/errors";

/** The `prevHash` of the very first event. */
export const GENESIS_HASH = "0".repeat(64);

export type ChainFields = {
  id: number;
  at: string;
  userId: number | null;
  action: string;
  entityType: string;
  entityId: string;
  before: string | null;
  after: string | null;
  prevHash: string;
};

/** sha-256 (hex) of one event; the field order is part of the format and never changes. */
export function auditHash(e: ChainFields): string {
  const canonical = JSON.stringify([e.id, e.at, e.userId, e.action, e.entityType, e.entityId, e.before, e.after, e.prevHash]);
  return crypto.createHash("sha256").update(canonical, "utf8").digest("hex");
}

/**
 * The same hash as an SQL function `audit_hash(id, at, user_id, action, entity_type,
 * entity_id, before, after, prev_hash)`, registered on every connection before migrations
 * run: the migration that introduced the chain fills it for events written before it.
 */
export function registerAuditHash(sqlite: Database.Database): void {
  sqlite.function("audit_hash", { deterministic: true, varargs: true }, (...args: unknown[]) => {
    const [id, at, userId, action, entityType, entityId, before, after, prevHash] = args;
    return auditHash({
      id: Number(id),
      at: String(at),
      userId: userId === null || userId === undefined ? null : Number(userId),
      action: String(action),
      entityType: String(entityType),
      entityId: String(entityId),
      before: before === null || before === undefined ? null : String(before),
      after: after === null || after === undefined ? null : String(after),
      prevHash: String(prevHash),
    });
  });
}

export type ChainBreak = {
  /** The first event whose link does not hold (null when the break is a removed tail). */
  id: number | null;
  at: string | null;
  reason: "prevHash" | "hash" | "tailRemoved";
};

export type ChainReport = { checked: number; lastId: number | null; broken: ChainBreak | null };

type StoredRow = Omit<ChainFields, "prevHash"> & { prevHash: string | null; hash: string | null };

/**
 * Walks the whole trail in id order and names the first broken link: an event whose
 * `prevHash` is not its predecessor's hash (an event before it was removed or replaced), or
 * whose own hash does not match its content (it was edited). An id counter above the last
 * event means the newest events were removed.
 */
export function verifyAuditChain(sqlite: Database.Database): ChainReport {
  const rows = sqlite
    .prepare(
      `select id, at, user_id as userId, action, entity_type as entityType, entity_id as entityId,
              before, after, prev_hash as prevHash, hash from audit_events order by id`,
    )
    .iterate() as IterableIterator<StoredRow>;
  let expectedPrev = GENESIS_HASH;
  let checked = 0;
  let lastId: number | null = null;
  for (const row of rows) {
    // Returning from the loop finishes the statement (the iterator's return()).
    if (row.prevHash !== expectedPrev) return { checked, lastId, broken: { id: row.id, at: row.at, reason: "prevHash" } };
    const hash = auditHash({ ...row, prevHash: expectedPrev });
    if (row.hash !== hash) return { checked, lastId, broken: { id: row.id, at: row.at, reason: "hash" } };
    expectedPrev = hash;
    checked += 1;
    lastId = row.id;
  }
  const seq = sqlite.prepare("select seq from sqlite_sequence where name = 'audit_events'").get() as { seq: number } | undefined;
  if (seq && seq.seq > (lastId ?? 0)) return { checked, lastId, broken: { id: null, at: null, reason: "tailRemoved" } };
  return { checked, lastId, broken: null };
}

/** The administrator's check of the whole trail (every province's events form one chain). */
export function checkAuditChain(db: Db, actor: Actor): ChainReport {
  if (!hasCapability(actor, "audit.verify")) throw new ForbiddenError();
  return verifyAuditChain(db.$client);
}
