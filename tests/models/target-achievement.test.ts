import { eq } from "drizzle-orm";
import { expect, test } from "vitest";
import { courses, enrolments, rotations, transferItems, agreements } from "~/db/schema";
import { recordAdoptionEvents } from "~/models/adoption/ledger.server";
import { targetStatus } from "~/models/targets/rules";
import { addMeasurement, createTarget } from "~/models/targets/commands.server";
import { getTarget, listTargets, targetsNeedingAttention } from "~/models/targets/targets.server";
import { departmentWorld } from "../helpers/actors";
import { makeFacility, makeStaff, makeTechnique } from "../helpers/factories";

const TODAY = "2025-10-15";

const setup = departmentWorld;

const base = { baseline: 0, periodStart: "2025-01-01", periodEnd: "2025-12-31" };

test("a counted milestone takes its latest value: 56 of 54 is 103.7% and achieved", () => {
  const { db, p, department } = setup();
  const target = createTarget(db, department, { ...base, title: "Bệnh án điện tử", indicator: "manual_count", periodEnd: "2025-09-30", baseline: 21, targetValue: 54 });
  addMeasurement(db, department, target.id, { measuredOn: "2025-06-30", value: 47 }, TODAY);
  expect(getTarget(db, department, target.id, TODAY, "vi")!.percent).toBe(87);
  addMeasurement(db, department, target.id, { measuredOn: "2025-09-30", value: 56 }, TODAY);
  const view = getTarget(db, department, target.id, TODAY, "vi")!;
  expect([view.value, view.percent, view.status]).toEqual([56, 103.7, "achieved"]);
  expect(view.provinceCode).toBe(p.code);
});

test("computed indicators count cross-level approvals, acceptances, rotations and completed training in the period", () => {
  const { db, p, department } = setup();
  const hospital = makeFacility(db, { provinceCode: p.code, level: "B" });
  const regional = makeFacility(db, { provinceCode: p.code, level: "C" });
  const central = makeFacility(db, { level: "A" });
  const [t1, t2, t3] = [makeTechnique(db, { minLevel: "A" }), makeTechnique(db, { minLevel: "A" }), makeTechnique(db, { minLevel: "B" })];
  db.transaction((tx) =>
    recordAdoptionEvents(
      tx,
      [
        { facilityId: hospital.id, techniqueId: t1.id, kind: "started", eventOn: "2025-02-01" },
        { facilityId: hospital.id, techniqueId: t1.id, kind: "approved", eventOn: "2025-03-01" },
        { facilityId: hospital.id, techniqueId: t2.id, kind: "started", eventOn: "2024-02-01" },
        { facilityId: hospital.id, techniqueId: t2.id, kind: "approved", eventOn: "2024-03-01" }, // before the period
        { facilityId: regional.id, techniqueId: t3.id, kind: "started", eventOn: "2025-04-01" }, // never approved
      ],
      null,
      TODAY,
    ),
  );
  const agreement = db.insert(agreements).values({ number: "01/HĐ", title: "CGKT", searchText: "cgkt", type: "technique_transfer", startOn: "2024-01-01", ownerFacilityId: central.id }).returning().get();
  db.insert(transferItems).values([
    { agreementId: agreement.id, techniqueId: t1.id, fromFacilityId: central.id, toFacilityId: hospital.id, stage: "accepted", acceptedOn: "2025-05-01" },
    { agreementId: agreement.id, techniqueId: t2.id, fromFacilityId: central.id, toFacilityId: hospital.id, stage: "accepted", acceptedOn: "2024-05-01" },
  ]).run();
  const doctor = makeStaff(db, { facilityId: hospital.id });
  const nurse = makeStaff(db, { facilityId: hospital.id });
  db.insert(rotations).values([
    { staffId: doctor.id, fromFacilityId: hospital.id, toFacilityId: regional.id, purpose: "technique_transfer", startOn: "2025-04-01", endOn: "2025-06-30", status: "completed" },
    { staffId: nurse.id, fromFacilityId: hospital.id, toFacilityId: regional.id, purpose: "manpower_support", startOn: "2025-04-01", endOn: "2025-06-30", status: "cancelled" },
  ]).run();
  const course = db.insert(courses).values({ title: "Hồi sức", searchText: "hoi suc", hostFacilityId: hospital.id, mode: "at_host", startOn: "2025-05-01", endOn: "2025-05-05", capacity: 10 }).returning().get();
  db.insert(enrolments).values([
    { courseId: course.id, staffId: doctor.id, status: "completed", requestedAt: "2025-04-01T00:00:00Z", completedOn: "2025-05-05" },
    { courseId: course.id, staffId: nurse.id, status: "failed", requestedAt: "2025-04-01T00:00:00Z" },
  ]).run();
  const value = (indicator: "new_cross_level_techniques" | "techniques_accepted" | "staff_rotated" | "people_trained") =>
    getTarget(db, department, createTarget(db, department, { ...base, title: indicator, indicator, targetValue: 4 }).id, TODAY, "vi")!.value;
  expect(value("new_cross_level_techniques")).toBe(1);
  expect(value("techniques_accepted")).toBe(1);
  expect(value("staff_rotated")).toBe(1);
  expect(value("people_trained")).toBe(1);
  expect(db.select().from(enrolments).where(eq(enrolments.staffId, doctor.id)).all()).toHaveLength(1);
});

test("a target behind a straight-line plan is at risk and listed for the dashboard; another province's officer cannot set one here", () => {
  const { db, p, department } = setup();
  createTarget(db, department, { ...base, title: "Kỹ thuật mới 2025", indicator: "new_cross_level_techniques", targetValue: 100 });
  expect(targetsNeedingAttention(db, department, p.code, TODAY, "vi").map((t) => t.status)).toEqual(["at_risk"]);
  expect(listTargets(db, department, { page: { page: 1, pageSize: 10, offset: 0 } }, TODAY, "vi").total).toBe(1);
  const hospital = makeFacility(db, { level: "B" });
  expect(() => createTarget(db, department, { ...base, title: "x", indicator: "manual_count", facilityId: hospital.id, targetValue: 5 })).toThrow(
    expect.objectContaining({ status: 403 }),
  );
  expect(() => createTarget(db, department, { ...base, title: "x", indicator: "manual_count", targetValue: 0 })).toThrow("reports:errors.targetNotPositive");
});

test("status follows the calendar: on track early, missed after the end, achieved at the target", () => {
  const t = { periodStart: "2025-01-01", periodEnd: "2025-12-31", baseline: 0, targetValue: 100 };
  expect(targetStatus(t, 10, "2025-02-01")).toBe("on_track");
  expect(targetStatus(t, 10, "2025-10-01")).toBe("at_risk");
  expect(targetStatus(t, 99, "2026-01-01")).toBe("missed");
  expect(targetStatus(t, 100, "2025-03-01")).toBe("achieved");
  expect(targetStatus(t, 0, "2024-12-31")).toBe("not_started");
});
