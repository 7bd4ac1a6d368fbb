import { and, eq } from "drizzle-orm";
import { expect, test } from "vitest";
import { auditEvents, targetMeasurements, targets } from "~/db/schema";
import type { Actor } from "~/models/access/policy";
import { addMeasurement, createTarget, deleteMeasurement, deleteTarget, updateTarget } from "~/models/targets/commands.server";
import type { TargetForm } from "~/models/targets/schemas";
import { getTarget } from "~/models/targets/targets.server";
import { departmentWorld } from "../helpers/actors";
import { createTestDb } from "../helpers/db";
import { makeFacility, makeProvince, makeUser } from "../helpers/factories";

const TODAY = "2025-10-15";

function setup() {
  const { db, p, department } = departmentWorld();
  const form: TargetForm = {
    title: "Bệnh án điện tử",
    indicator: "manual_count",
    periodStart: "2025-01-01",
    periodEnd: "2025-09-30",
    baseline: 21,
    targetValue: 54,
    unit: "cơ sở",
  };
  const target = createTarget(db, department, form);
  return { db, p, department, form, target };
}

const auditOf = (db: ReturnType<typeof createTestDb>, entityType: string, action: "update" | "delete") =>
  db.select().from(auditEvents).where(and(eq(auditEvents.entityType, entityType), eq(auditEvents.action, action))).all();

test("the department edits its target: new values and version, the before and after in the audit trail", () => {
  const { db, p, department, form, target } = setup();
  const hospital = makeFacility(db, { provinceCode: p.code });
  const edited = updateTarget(db, department, target.id, { ...form, title: "Bệnh án điện tử 2025", facilityId: hospital.id, targetValue: 60, version: target.version });
  expect(edited).toMatchObject({ title: "Bệnh án điện tử 2025", facilityId: hospital.id, provinceCode: p.code, targetValue: 60, version: target.version + 1 });
  const [event] = auditOf(db, "target", "update");
  expect(JSON.parse(event.before!).targetValue).toBe(54);
  expect(JSON.parse(event.after!).targetValue).toBe(60);
  expect(event.userId).toBe(department.userId);
});

test("a form read at an older version gets 409 naming what differs, and nothing is overwritten", () => {
  const { db, department, form, target } = setup();
  updateTarget(db, department, target.id, { ...form, targetValue: 60, version: target.version });
  const stale = () => updateTarget(db, department, target.id, { ...form, title: "Tên khác", version: target.version });
  expect(stale).toThrow(expect.objectContaining({ status: 409, changedFields: ["title", "targetValue"] }));
  const stored = db.select().from(targets).where(eq(targets.id, target.id)).get()!;
  expect([stored.title, stored.targetValue, stored.version]).toEqual([form.title, 60, target.version + 1]);
  expect(auditOf(db, "target", "update")).toHaveLength(1);
});

test("an edit follows the create rules: a target of zero or below and an end before the start are refused", () => {
  const { db, department, form, target } = setup();
  const edit = (changes: Partial<TargetForm>) => () => updateTarget(db, department, target.id, { ...form, ...changes, version: target.version });
  expect(edit({ targetValue: 0 })).toThrow("reports:errors.targetNotPositive");
  expect(edit({ targetValue: -3 })).toThrow("reports:errors.targetNotPositive");
  expect(edit({ periodEnd: "2024-12-31" })).toThrow("common:validation.endBeforeStart");
  expect(db.select().from(targets).where(eq(targets.id, target.id)).get()!.version).toBe(target.version);
});

test("a target with hand-entered values keeps its indicator (409); without values it may change", () => {
  const { db, department, form, target } = setup();
  addMeasurement(db, department, target.id, { measuredOn: "2025-06-30", value: 47 }, TODAY);
  expect(() => updateTarget(db, department, target.id, { ...form, indicator: "staff_rotated", version: target.version })).toThrow(
    expect.objectContaining({ status: 409, field: "indicator", message: "reports:errors.indicatorHasMeasurements" }),
  );
  const other = createTarget(db, department, { ...form, title: "Luân phiên" });
  expect(updateTarget(db, department, other.id, { ...form, indicator: "staff_rotated", version: other.version }).indicator).toBe("staff_rotated");
});

test("deleting a target removes its hand-entered values in the same transaction, each audited", () => {
  const { db, department, target } = setup();
  addMeasurement(db, department, target.id, { measuredOn: "2025-06-30", value: 47 }, TODAY);
  addMeasurement(db, department, target.id, { measuredOn: "2025-09-30", value: 56 }, TODAY);
  expect(deleteTarget(db, department, target.id, { version: target.version }).measurements).toBe(2);
  expect(db.select().from(targets).where(eq(targets.id, target.id)).get()).toBeUndefined();
  expect(db.select().from(targetMeasurements).where(eq(targetMeasurements.targetId, target.id)).all()).toEqual([]);
  expect(auditOf(db, "target", "delete").map((e) => JSON.parse(e.before!).title)).toEqual(["Bệnh án điện tử"]);
  expect(auditOf(db, "target_measurement", "delete")).toHaveLength(2);
});

test("a delete confirmed on a page older than the target's last edit is a 409 and keeps it", () => {
  const { db, department, form, target } = setup();
  updateTarget(db, department, target.id, { ...form, targetValue: 60, version: target.version });
  expect(() => deleteTarget(db, department, target.id, { version: target.version })).toThrow(
    expect.objectContaining({ status: 409, message: "reports:errors.staleDelete" }),
  );
  expect(db.select().from(targets).where(eq(targets.id, target.id)).get()).toBeDefined();
  expect(auditOf(db, "target", "delete")).toEqual([]);
});

test("another province's officer, a director and a viewer get 403 for edit, delete and removal; nothing changes", () => {
  const { db, p, department, form, target } = setup();
  const measurement = addMeasurement(db, department, target.id, { measuredOn: "2025-06-30", value: 47 }, TODAY);
  const elsewhere = makeProvince(db);
  const hospital = makeFacility(db, { provinceCode: p.code });
  const outsiders: Actor[] = [
    { userId: makeUser(db, { role: "department", provinceCode: elsewhere.code }).id, role: "department", facilityId: null, provinceCode: elsewhere.code },
    { userId: makeUser(db, { role: "director", facilityId: hospital.id }).id, role: "director", facilityId: hospital.id, provinceCode: p.code },
    { userId: makeUser(db, { role: "viewer", facilityId: hospital.id }).id, role: "viewer", facilityId: hospital.id, provinceCode: p.code },
  ];
  for (const actor of outsiders) {
    expect(() => updateTarget(db, actor, target.id, { ...form, title: "x", version: target.version })).toThrow(expect.objectContaining({ status: 403 }));
    expect(() => deleteTarget(db, actor, target.id, { version: target.version })).toThrow(expect.objectContaining({ status: 403 }));
    expect(() => deleteMeasurement(db, actor, target.id, measurement.id)).toThrow(expect.objectContaining({ status: 403 }));
  }
  expect(db.select().from(targets).where(eq(targets.id, target.id)).get()).toMatchObject({ title: form.title, version: target.version });
  expect(db.select().from(targetMeasurements).where(eq(targetMeasurements.targetId, target.id)).all()).toHaveLength(1);
  expect(db.select().from(auditEvents).where(eq(auditEvents.action, "delete")).all()).toEqual([]);
});

test("the officer cannot move a target to another province's facility (403), and a missing target is 404", () => {
  const { db, department, form, target } = setup();
  const foreign = makeFacility(db);
  expect(() => updateTarget(db, department, target.id, { ...form, facilityId: foreign.id, version: target.version })).toThrow(
    expect.objectContaining({ status: 403 }),
  );
  expect(db.select().from(targets).where(eq(targets.id, target.id)).get()!.facilityId).toBeNull();
  expect(() => updateTarget(db, department, 9999, { ...form, version: 1 })).toThrow(expect.objectContaining({ status: 404 }));
  expect(() => deleteTarget(db, department, 9999, { version: 1 })).toThrow(expect.objectContaining({ status: 404 }));
});

test("removing a wrong hand-entered value brings the achievement back to the previous one", () => {
  const { db, department, target } = setup();
  addMeasurement(db, department, target.id, { measuredOn: "2025-06-30", value: 47 }, TODAY);
  const typo = addMeasurement(db, department, target.id, { measuredOn: "2025-09-30", value: 560 }, TODAY);
  expect(getTarget(db, department, target.id, TODAY, "vi")!.value).toBe(560);
  deleteMeasurement(db, department, target.id, typo.id);
  expect(getTarget(db, department, target.id, TODAY, "vi")!.value).toBe(47);
  expect(auditOf(db, "target_measurement", "delete").map((e) => JSON.parse(e.before!).value)).toEqual([560]);
  // A value of another target, or one already removed, is not found here.
  const other = createTarget(db, department, { title: "Khác", indicator: "manual_count", periodStart: "2025-01-01", periodEnd: "2025-12-31", baseline: 0, targetValue: 5 });
  const elsewhere = addMeasurement(db, department, other.id, { measuredOn: "2025-06-30", value: 1 }, TODAY);
  expect(() => deleteMeasurement(db, department, target.id, elsewhere.id)).toThrow(expect.objectContaining({ status: 404 }));
  expect(() => deleteMeasurement(db, department, target.id, typo.id)).toThrow(expect.objectContaining({ status: 404 }));
});
