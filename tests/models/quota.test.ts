import { eq } from "drizzle-orm";
import { expect, test } from "vitest";
import { auditEvents, rotationQuotas, rotations } from "~/db/schema";
import { ForbiddenError, StaleRecordError } from "~/models/errors";
import { quotaReport, setQuota } from "~/models/planning/quota.server";
import { makeTransferWorld } from "../helpers/agreements";
import { createTestDb } from "../helpers/db";
import { makeStaff } from "../helpers/factories";

const TODAY = "2026-12-02";

/** The hub (beds from the factory, set to 500 here: a guide of 10) sends two people in 2026, one rotation cancelled. */
function world() {
  const base = makeTransferWorld(createTestDb());
  const { db, hub, spokeA, spokeB, agreement } = base;
  const a = makeStaff(db, { facilityId: hub.id });
  const b = makeStaff(db, { facilityId: hub.id });
  const insert = (staffId: number, startOn: string, endOn: string, status: "planned" | "confirmed" | "completed" | "cancelled", to = spokeA.id) =>
    db.insert(rotations).values({ staffId, fromFacilityId: hub.id, toFacilityId: to, agreementId: agreement.id, startOn, endOn, status, purpose: "technique_transfer" }).run();
  insert(a.id, "2026-01-01", "2026-03-31", "completed"); // 90 days delivered
  insert(b.id, "2026-11-01", "2027-01-31", "confirmed", spokeB.id); // Nov 1 - Dec 2 delivered (32 days), Nov 1 - Dec 31 scheduled (61 days)
  insert(a.id, "2026-06-01", "2026-08-31", "cancelled");
  return base;
}

const DAYS = 365.25 / 12;
const round2 = (x: number) => Math.round(x * 100) / 100;

test("the report counts the year's person-months sent, clipped to the year, against the guide's quota", () => {
  const w = world();
  w.db.run(`update facilities set beds = 500, absence_limit = 2 where id = ${w.hub.id}`);
  const row = quotaReport(w.db, w.as("admin", null), TODAY, 2026).find((r) => r.facilityId === w.hub.id)!;
  expect(row).toMatchObject({ beds: 500, guide: 10, set: null, quota: 10, quotaMonths: 30, people: 2, rotations: 2, absenceCap: 2 });
  expect(row.deliveredMonths).toBe(round2((90 + 32) / DAYS));
  expect(row.scheduledMonths).toBe(round2((90 + 61) / DAYS));
  expect(row.share).toBeCloseTo(row.deliveredMonths / 30, 6);
});

test("the department sets a year's quota, edits it with the version it read, and returns it to the guide", () => {
  const w = world();
  w.db.run(`update facilities set beds = 500 where id = ${w.hub.id}`);
  const officer = w.as("department", null);
  setQuota(w.db, officer, { facilityId: w.hub.id, year: 2026, staffQuota: 4, note: "Bệnh viện đang mở rộng" });
  let row = quotaReport(w.db, officer, TODAY, 2026).find((r) => r.facilityId === w.hub.id)!;
  expect(row).toMatchObject({ set: 4, quota: 4, quotaMonths: 12, version: 1, canEdit: true });
  // Another year keeps the guide.
  expect(quotaReport(w.db, officer, TODAY, 2027).find((r) => r.facilityId === w.hub.id)).toMatchObject({ set: null, quota: 10 });
  expect(() => setQuota(w.db, officer, { facilityId: w.hub.id, year: 2026, staffQuota: 6 })).toThrow(StaleRecordError);
  setQuota(w.db, officer, { facilityId: w.hub.id, year: 2026, staffQuota: 6, version: 1 });
  expect(() => setQuota(w.db, officer, { facilityId: w.hub.id, year: 2026, staffQuota: 7, version: 1 })).toThrow(StaleRecordError);
  setQuota(w.db, officer, { facilityId: w.hub.id, year: 2026, version: 2 });
  row = quotaReport(w.db, officer, TODAY, 2026).find((r) => r.facilityId === w.hub.id)!;
  expect(row).toMatchObject({ set: null, quota: 10 });
  const audit = w.db.select().from(auditEvents).where(eq(auditEvents.entityType, "rotation_quota")).all();
  expect(audit.map((a) => a.action)).toEqual(["create", "update", "delete"]);
});

test("directors read their own hospital's row and cannot set quotas", () => {
  const w = world();
  const rows = quotaReport(w.db, w.director, TODAY, 2026);
  expect(rows.map((r) => r.facilityId)).toEqual([w.hub.id]);
  expect(rows[0].canEdit).toBe(false);
  expect(() => setQuota(w.db, w.director, { facilityId: w.hub.id, year: 2026, staffQuota: 1 })).toThrow(ForbiddenError);
  expect(quotaReport(w.db, w.outsider, TODAY, 2026).some((r) => r.facilityId === w.hub.id)).toBe(false);
  expect(w.db.select().from(rotationQuotas).all()).toEqual([]);
});
