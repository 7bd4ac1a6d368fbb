import { expect, test } from "vitest";
import { targets, teleSessions, type Target } from "~/db/schema";
import type { TeleOutcome } from "~/models/enums";
import { createTarget } from "~/models/targets/commands.server";
import { percentOverflow } from "~/models/targets/rules";
import { targetSchema } from "~/models/targets/schemas";
import { computeTargetValue, getTarget } from "~/models/targets/targets.server";
import { departmentActor } from "../helpers/actors";
import { createTestDb } from "../helpers/db";
import { makeChapter, makeFacility, makeProvince } from "../helpers/factories";

/** Province P: spokes A and B of hub H; a spoke of another province. Consultations in 2026. */
function world() {
  const db = createTestDb();
  makeChapter(db, 10);
  const P = makeProvince(db);
  const H = makeFacility(db, { provinceCode: P.code });
  const A = makeFacility(db, { level: "C", provinceCode: P.code });
  const B = makeFacility(db, { level: "C", provinceCode: P.code });
  const elsewhere = makeFacility(db, { level: "C" });
  const consult = (spoke: number, heldOn: string, outcome: TeleOutcome | null) =>
    db.insert(teleSessions).values({ kind: "consultation", hubFacilityId: H.id, spokeFacilityId: spoke, heldOn, startTime: "14:00", durationMinutes: 30, chapterNumber: 10, title: "Ca", outcome }).run();
  consult(A.id, "2026-01-10", "treated_locally");
  consult(A.id, "2026-02-10", "advice_only");
  consult(A.id, "2026-03-10", "referred_up");
  consult(B.id, "2026-02-12", "referred_up");
  consult(B.id, "2026-05-12", "advice_only");
  consult(B.id, "2025-12-30", "advice_only"); // before the period
  consult(elsewhere.id, "2026-02-01", "referred_up"); // another province
  db.insert(teleSessions).values({ kind: "training", hubFacilityId: H.id, heldOn: "2026-02-02", startTime: "08:00", durationMinutes: 60, title: "Đào tạo" }).run();
  const department = departmentActor(db, P.code);
  return { db, P, H, A, B, department };
}

const target = (over: Partial<Target>): Target =>
  ({ id: 0, title: "T", provinceCode: null, facilityId: null, periodStart: "2026-01-01", periodEnd: "2026-12-31", baseline: 0, targetValue: 10, unit: null, version: 1, ...over }) as Target;

test("tele-consultations held: presented by the facility or the province's facilities, within the period up to asOf", () => {
  const w = world();
  const province = target({ indicator: "tele_consultations", provinceCode: w.P.code });
  expect(computeTargetValue(w.db, province, "2026-12-02")).toBe(5);
  expect(computeTargetValue(w.db, province, "2026-03-31")).toBe(4);
  expect(computeTargetValue(w.db, { ...province, periodEnd: "2026-02-28" }, "2026-12-02")).toBe(3);
  expect(computeTargetValue(w.db, target({ indicator: "tele_consultations", provinceCode: w.P.code, facilityId: w.A.id }), "2026-12-02")).toBe(3);
  expect(computeTargetValue(w.db, target({ indicator: "tele_consultations", provinceCode: w.P.code, facilityId: w.H.id }), "2026-12-02")).toBe(0);
});

test("share resolved locally: a whole percent of the consultations with an outcome, 0 when there are none", () => {
  const w = world();
  const province = target({ indicator: "tele_resolved_locally_share", provinceCode: w.P.code, targetValue: 70 });
  // 3 of 5 (treated, advice, advice; two referred up) = 60 %.
  expect(computeTargetValue(w.db, province, "2026-12-02")).toBe(60);
  // Up to March: 2 of 4 = 50 %; spoke A alone: 2 of 3 = 67 %.
  expect(computeTargetValue(w.db, province, "2026-03-31")).toBe(50);
  expect(computeTargetValue(w.db, { ...province, facilityId: w.A.id }, "2026-12-02")).toBe(67);
  // No consultation yet: 0, not a division by zero.
  expect(computeTargetValue(w.db, { ...province, periodStart: "2026-06-01" }, "2026-12-02")).toBe(0);
  expect(computeTargetValue(w.db, { ...province, facilityId: w.H.id }, "2026-12-02")).toBe(0);
});

test("the department sets a share target for its province and reads its achievement", () => {
  const w = world();
  const created = createTarget(w.db, w.department, { title: "Giảm chuyển tuyến", indicator: "tele_resolved_locally_share", periodStart: "2026-01-01", periodEnd: "2026-12-31", baseline: 40, targetValue: 75, unit: "%" });
  const detail = getTarget(w.db, w.department, created.id, "2026-12-02", "vi")!;
  expect(detail).toEqual(expect.objectContaining({ value: 60, percent: 80, status: "at_risk", scopeName: expect.any(String) }));
  expect(detail.forecast).toBeNull();
  expect(() => createTarget(w.db, w.department, { title: "Quá 100", indicator: "tele_resolved_locally_share", periodStart: "2026-01-01", periodEnd: "2026-12-31", baseline: 0, targetValue: 120 })).toThrow(
    expect.objectContaining({ status: 400, field: "targetValue", message: "tele:reports.targets.shareMax" }),
  );
  expect(w.db.select().from(targets).all()).toHaveLength(1);
});

test("a share above 100 is refused by the form schema next to its field; counts are not capped", () => {
  const base = { title: "T", periodStart: "2026-01-01", periodEnd: "2026-12-31" };
  const share = targetSchema.safeParse({ ...base, indicator: "tele_resolved_locally_share", targetValue: "101" });
  expect(share.success).toBe(false);
  expect(share.error!.issues).toEqual([expect.objectContaining({ path: ["targetValue"], message: "tele:reports.targets.shareMax" })]);
  const baseline = targetSchema.safeParse({ ...base, indicator: "tele_resolved_locally_share", targetValue: "90", baseline: "150" });
  expect(baseline.error!.issues).toEqual([expect.objectContaining({ path: ["baseline"] })]);
  expect(targetSchema.safeParse({ ...base, indicator: "tele_resolved_locally_share", targetValue: "100" }).success).toBe(true);
  expect(targetSchema.safeParse({ ...base, indicator: "tele_consultations", targetValue: "500" }).success).toBe(true);
  expect(percentOverflow({ indicator: "tele_consultations", targetValue: 500 })).toBeNull();
});
