import { sql } from "drizzle-orm";
import { expect, test } from "vitest";
import { auditEvents } from "~/db/schema";
import { recordAudit } from "~/models/audit/audit.server";
import { createTestDb } from "../helpers/db";

test("a fresh database has every migration applied and foreign keys on", () => {
  const db = createTestDb();
  const tables = db.all<{ name: string }>(sql`select name from sqlite_master where type = 'table'`);
  const names = tables.map((t) => t.name);
  for (const name of ["facilities", "techniques", "agreements", "transfer_items", "rotations", "enrolments", "audit_events"]) {
    expect(names).toContain(name);
  }
  expect(db.get<{ foreign_keys: number }>(sql`pragma foreign_keys`)?.foreign_keys).toBe(1);
});

test("the audit trail refuses updates and deletes at the database level", () => {
  const db = createTestDb();
  recordAudit(db, { at: "2026-01-01T00:00:00.000Z", userId: null, action: "create", entityType: "facility", entityId: 1, after: {} });
  expect(() => db.update(auditEvents).set({ entityId: "2" }).run()).toThrow(/append-only/);
  expect(() => db.delete(auditEvents).run()).toThrow(/append-only/);
  expect(db.select().from(auditEvents).all()).toHaveLength(1);
});
