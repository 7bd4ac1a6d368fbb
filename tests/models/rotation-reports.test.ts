import { expect, test } from "vitest";
import { rotations } from "~/db/schema";
import type { Actor } from "~/models/access/policy";
import type { RotationStatus } from "~/models/enums";
import { rotationReport } from "~/models/rotations/reports.server";
import { createTestDb } from "../helpers/db";
import { makeFacility, makeStaff } from "../helpers/factories";

test("person-months split across years, delivered only for completed and the elapsed part of confirmed rotations", () => {
  const db = createTestDb();
  const from = makeFacility(db);
  const to = makeFacility(db, { name: "TTYT Bảo Thắng" });
  const a = makeStaff(db, { facilityId: from.id });
  const b = makeStaff(db, { facilityId: from.id });
  const add = (staffId: number, startOn: string, endOn: string, status: RotationStatus) =>
    db.insert(rotations).values({ staffId, fromFacilityId: from.id, toFacilityId: to.id, purpose: "manpower_support", startOn, endOn, status }).run();
  add(a.id, "2025-12-01", "2026-01-31", "completed"); // 31 days in 2025, 31 in 2026
  add(b.id, "2026-02-01", "2026-04-30", "confirmed"); // 89 days, 28 of them before 1 March
  add(b.id, "2026-06-01", "2026-08-31", "planned");
  add(a.id, "2026-05-01", "2026-07-31", "cancelled");
  const admin: Actor = { userId: 1, role: "admin", facilityId: null, provinceCode: null };
  const report = rotationReport(db, admin, "2026-02-28");
  const m = (days: number) => Math.round((days / 30.4375) * 100) / 100;
  expect(report.byYear.map((r) => [r.key, r.deliveredMonths, r.scheduledMonths])).toEqual([
    [2025, m(31), m(31)],
    [2026, m(31 + 28), m(31 + 89 + 92)],
  ]);
  expect(report.byFacility).toEqual([expect.objectContaining({ label: "TTYT Bảo Thắng", rotations: 3, people: 2 })]);
  expect(report.byAgreement).toEqual([expect.objectContaining({ key: 0, rotations: 3 })]);
  expect(report.totals.deliveredMonths).toBeCloseTo(m(62 + 28), 1);
  expect(rotationReport(db, admin, "2026-02-28", 2025).byYear).toEqual([expect.objectContaining({ key: 2025, rotations: 1 })]);
  // another hospital's viewer sees none of it
  const outsider: Actor = { userId: 1, role: "viewer", facilityId: makeFacility(db).id, provinceCode: null };
  expect(rotationReport(db, outsider, "2026-02-28").totals.rotations).toBe(0);
});
