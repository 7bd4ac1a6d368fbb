import { expect, test } from "vitest";
import { creditEntries } from "~/db/schema";
import { addCreditEntry, getCreditLedger, listFacilityCredits } from "~/models/credits/credits.server";
import { creditEntrySchema } from "~/models/credits/schemas";
import { ForbiddenError } from "~/models/errors";
import { createTestDb } from "../helpers/db";
import { makeActor } from "../helpers/course-fixtures";
import { makeFacility, makeStaff } from "../helpers/factories";

const page = { page: 1, pageSize: 25, offset: 0 };

function entry(db: ReturnType<typeof createTestDb>, staffId: number, activityOn: string, hours: number) {
  db.insert(creditEntries).values({ staffId, kind: "conference", activityOn, hours, title: "Hội nghị", evidence: "QĐ" }).run();
}

test("the ledger totals the hours of the five years ending today", () => {
  const db = createTestDb();
  const director = makeActor(db, "director");
  const p = makeStaff(db, { facilityId: director.facilityId! });
  entry(db, p.id, "2021-03-10", 100);
  entry(db, p.id, "2021-03-11", 40);
  entry(db, p.id, "2025-06-01", 90);
  const ledger = getCreditLedger(db, director, p.id, "2026-03-10", page, "vi")!;
  expect(ledger.totals).toEqual({ total: 130, expiring: 40, shortfall: 0, standing: "at_risk" });
  expect(ledger.entries.total).toBe(3);
});

test("another hospital cannot read the ledger", () => {
  const db = createTestDb();
  const p = makeStaff(db, { facilityId: makeFacility(db).id });
  expect(getCreditLedger(db, makeActor(db, "director"), p.id, "2026-03-10", page, "vi")).toBeNull();
});

test("a conference with evidence adds hours; hours without evidence or in the future are refused", () => {
  const db = createTestDb();
  const trainer = makeActor(db, "trainer");
  const p = makeStaff(db, { facilityId: trainer.facilityId! });
  const input = creditEntrySchema.parse({ kind: "conference", activityOn: "2026-01-15", hours: "8", title: "Hội nghị Sản phụ khoa", evidence: "Giấy chứng nhận số 12/HN" });
  addCreditEntry(db, trainer, p.id, input, "2026-03-10");
  expect(getCreditLedger(db, trainer, p.id, "2026-03-10", page, "vi")!.totals.total).toBe(8);
  expect(creditEntrySchema.safeParse({ ...input, evidence: " " }).success).toBe(false);
  expect(creditEntrySchema.safeParse({ ...input, kind: "course" }).success).toBe(false);
  expect(() => addCreditEntry(db, trainer, p.id, { ...input, activityOn: "2026-03-11" }, "2026-03-10")).toThrow(
    expect.objectContaining({ field: "activityOn" }),
  );
  expect(() => addCreditEntry(db, makeActor(db, "trainer"), p.id, input, "2026-03-10")).toThrow(ForbiddenError);
});

test("the facility view lists who is short now and who will be within a year", () => {
  const db = createTestDb();
  const director = makeActor(db, "director");
  const f = director.facilityId!;
  const ok = makeStaff(db, { facilityId: f, fullName: "An" });
  const risk = makeStaff(db, { facilityId: f, fullName: "Bình" });
  const below = makeStaff(db, { facilityId: f, fullName: "Chi" });
  makeStaff(db, { facilityId: makeFacility(db).id, fullName: "Elsewhere" });
  entry(db, ok.id, "2025-01-01", 130);
  entry(db, risk.id, "2021-06-01", 20);
  entry(db, risk.id, "2024-06-01", 110);
  entry(db, below.id, "2025-06-01", 60);
  const all = listFacilityCredits(db, director, f, "2026-03-10", {}, page, "vi");
  expect(all.rows.map((r) => [r.fullName, r.total, r.expiring, r.standing])).toEqual([
    ["Chi", 60, 0, "below"],
    ["Bình", 130, 20, "at_risk"],
    ["An", 130, 0, "met"],
  ]);
  expect(listFacilityCredits(db, director, f, "2026-03-10", { standing: "below" }, page, "vi").rows.map((r) => r.fullName)).toEqual(["Chi"]);
  expect(listFacilityCredits(db, director, f, "2026-03-10", { standing: "at_risk" }, page, "vi").rows.map((r) => r.fullName)).toEqual(["Bình"]);
  expect(listFacilityCredits(db, director, f, "2026-03-10", { standing: "short" }, page, "vi").total).toBe(2);
  expect(() => listFacilityCredits(db, makeActor(db, "director"), f, "2026-03-10", {}, page, "vi")).toThrow(ForbiddenError);
});
