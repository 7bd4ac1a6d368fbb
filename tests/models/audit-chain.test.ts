import { expect, test } from "vitest";
import { openDb, type Db } from "~/db/client.server";
import { recordAudit } from "~/models/audit/audit.server";
import { verifyAuditChain } from "~/models/audit/chain.server";
import { createTestDb } from "../helpers/db";
import { databaseBefore } from "../helpers/old-db";

function writeEvents(db: Db, n: number) {
  for (let i = 1; i <= n; i++) {
    recordAudit(db, { userId: null, action: "update", entityType: "facility", entityId: i, before: { beds: i }, after: { beds: i + 1 } });
  }
}

/** What someone with the database file could do: lift the triggers and edit at will. */
function dropGuards(db: Db) {
  for (const name of ["audit_events_no_update", "audit_events_no_delete", "audit_events_append_only_insert"]) {
    db.$client.exec(`drop trigger ${name}`);
  }
}

test("events written through the app form an unbroken chain", () => {
  const db = createTestDb();
  writeEvents(db, 5);
  const rows = db.$client.prepare("select id, prev_hash, hash from audit_events order by id").all() as { id: number; prev_hash: string; hash: string }[];
  expect(rows.map((r) => r.id)).toEqual([1, 2, 3, 4, 5]);
  expect(rows[0].prev_hash).toBe("0".repeat(64));
  for (let i = 1; i < rows.length; i++) expect(rows[i].prev_hash).toBe(rows[i - 1].hash);
  expect(verifyAuditChain(db.$client)).toEqual({ checked: 5, lastId: 5, broken: null });
});

test("INSERT OR REPLACE, a reused or lower id, an automatic id and a missing link are refused", () => {
  const db = createTestDb();
  writeEvents(db, 3);
  const last = db.$client.prepare("select hash from audit_events where id = 3").get() as { hash: string };
  const insert = (sql: string) => () => db.$client.prepare(sql).run();
  expect(insert(`insert or replace into audit_events (id, at, action, entity_type, entity_id, prev_hash, hash) values (2, 'x', 'create', 'user', '1', '${last.hash}', 'h')`)).toThrow(/append-only/);
  expect(insert(`replace into audit_events (id, at, action, entity_type, entity_id, prev_hash, hash) values (3, 'x', 'create', 'user', '1', '${last.hash}', 'h')`)).toThrow(/append-only/);
  expect(insert(`insert into audit_events (at, action, entity_type, entity_id, prev_hash, hash) values ('x', 'create', 'user', '1', '${last.hash}', 'h')`)).toThrow(/append-only/);
  expect(insert(`insert into audit_events (id, at, action, entity_type, entity_id, prev_hash, hash) values (4, 'x', 'create', 'user', '1', '${"0".repeat(64)}', 'h')`)).toThrow(/append-only/);
  expect(insert(`insert into audit_events (id, at, action, entity_type, entity_id, prev_hash) values (4, 'x', 'create', 'user', '1', '${last.hash}')`)).toThrow(/append-only/);
  expect(() => db.$client.prepare("update audit_events set entity_id = '9' where id = 2").run()).toThrow(/append-only/);
  expect(() => db.$client.prepare("delete from audit_events where id = 3").run()).toThrow(/append-only/);
  expect(verifyAuditChain(db.$client).broken).toBeNull();
});

test("the check names the first edited event", () => {
  const db = createTestDb();
  writeEvents(db, 6);
  dropGuards(db);
  db.$client.prepare(`update audit_events set after = '{"beds":999}' where id = 4`).run();
  db.$client.prepare(`update audit_events set after = '{"beds":998}' where id = 5`).run();
  expect(verifyAuditChain(db.$client).broken).toMatchObject({ id: 4, reason: "hash" });
});

test("the check names the event after a removed one, and notices a removed tail", () => {
  const db = createTestDb();
  writeEvents(db, 6);
  dropGuards(db);
  db.$client.prepare("delete from audit_events where id = 3").run();
  expect(verifyAuditChain(db.$client).broken).toMatchObject({ id: 4, reason: "prevHash" });

  const other = createTestDb();
  writeEvents(other, 6);
  dropGuards(other);
  other.$client.prepare("delete from audit_events where id >= 5").run();
  expect(verifyAuditChain(other.$client)).toMatchObject({ checked: 4, broken: { id: null, reason: "tailRemoved" } });
});

test("a rewritten event with its hash recomputed still breaks the link to the next one", () => {
  const db = createTestDb();
  writeEvents(db, 4);
  dropGuards(db);
  db.$client.prepare(`update audit_events set after = '{"beds":0}', hash = audit_hash(id, at, user_id, action, entity_type, entity_id, before, '{"beds":0}', prev_hash) where id = 2`).run();
  expect(verifyAuditChain(db.$client).broken).toMatchObject({ id: 3, reason: "prevHash" });
});

test("events written before the chain existed are chained by the migration, and new ones follow", () => {
  // A database as it was before the chain: migrations up to the one that added the columns.
  const old = databaseBefore("_audit_chain");
  const sqlite = old.sqlite;
  const insert = sqlite.prepare("insert into audit_events (at, action, entity_type, entity_id, after) values (?, 'create', 'facility', ?, '{}')");
  for (let i = 1; i <= 50; i++) insert.run(`2025-01-01T00:00:${String(i % 60).padStart(2, "0")}.000Z`, String(i));
  sqlite.close();

  const db = openDb(old.file);
  expect(verifyAuditChain(db.$client)).toEqual({ checked: 50, lastId: 50, broken: null });
  writeEvents(db, 2);
  expect(verifyAuditChain(db.$client)).toEqual({ checked: 52, lastId: 52, broken: null });
  db.$client.close();
  old.remove();
});

test("an event dated later than now is refused and nothing of its batch is written", () => {
  const db = createTestDb();
  writeEvents(db, 1);
  const tomorrow = new Date(Date.now() + 24 * 3600 * 1000).toISOString();
  const write = () =>
    db.transaction((tx) => {
      recordAudit(tx, { userId: null, action: "update", entityType: "facility", entityId: 2, at: new Date(Date.now() - 1000).toISOString() });
      recordAudit(tx, { userId: null, action: "create", entityType: "enrolment", entityId: 7, at: tomorrow });
    });
  expect(write).toThrow(/later than now/);
  expect(() => recordAudit(db, { userId: null, action: "create", entityType: "enrolment", entityId: 7, at: "not a date" })).toThrow(/not an instant/);
  expect(db.$client.prepare("select count(*) as n from audit_events").get()).toEqual({ n: 1 });
  // A backdated event (an import of last year's records) is still accepted.
  recordAudit(db, { userId: null, action: "create", entityType: "enrolment", entityId: 7, at: "2024-05-01T03:00:00.000Z" });
  expect(verifyAuditChain(db.$client)).toMatchObject({ checked: 2, broken: null });
});
