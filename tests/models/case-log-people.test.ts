import { eq } from "drizzle-orm";
import { expect, test } from "vitest";
import { caseLogs } from "~/db/schema";
import { getTransferItem, logCase, moveStage } from "~/models/transfers/stages.server";
import { makeTransferWorld } from "../helpers/agreements";
import { createTestDb } from "../helpers/db";
import { makeStaff, makeTechnique } from "../helpers/factories";

const TODAY = "2026-03-15";
const opts = { today: TODAY };

function world() {
  const w = makeTransferWorld(createTestDb());
  // A class-1 surgery: only doctors perform it.
  const surgery = makeTechnique(w.db, { name: "Phẫu thuật nội soi cắt ruột thừa", minLevel: "B", procedureClass: "P1" });
  const line = w.item({ techniqueCode: surgery.code });
  let version = 1;
  for (const toStage of ["surveyed", "training", "supervised"] as const) version = moveStage(w.db, w.director, w.agreement.id, line.id, { toStage, movedOn: "2026-02-01", version }, opts).version;
  const doctor = makeStaff(w.db, { facilityId: w.spokeA.id, cadre: "doctor", fullName: "BS. Lò Văn Sáng" });
  const nurse = makeStaff(w.db, { facilityId: w.spokeA.id, cadre: "nurse", fullName: "ĐD. Vàng Thị Mai" });
  const expert = makeStaff(w.db, { facilityId: w.hub.id, cadre: "doctor", fullName: "TS. Nguyễn Văn Hùng" });
  const spokeDoctor = makeStaff(w.db, { facilityId: w.spokeB.id, cadre: "doctor" });
  return { ...w, line, doctor, nurse, expert, spokeDoctor };
}

const base = { performedOn: "2026-02-10", outcome: "success" as const, supervised: true };

test("the performer list offers only receiving staff whose cadre can perform the technique, and the log refuses the others", () => {
  const w = world();
  const page = getTransferItem(w.db, w.spokeTrainer, w.agreement.id, w.line.id);
  expect(page.performers.map((s) => s.id)).toEqual([w.doctor.id]);
  expect(page.supportingStaff.map((s) => s.id)).toEqual([w.expert.id]);
  expect(() => logCase(w.db, w.spokeTrainer, w.agreement.id, w.line.id, { ...base, performerId: w.nurse.id }, opts)).toThrow(
    expect.objectContaining({ message: "agreements:errors.performerCadre", field: "performerId", status: 400 }),
  );
  expect(w.db.select().from(caseLogs).all()).toHaveLength(0);
});

test("the supervisor is a staff member of the supporting facility, or a typed name for an outside expert; supervision is counted per expert", () => {
  const w = world();
  expect(() => logCase(w.db, w.spokeTrainer, w.agreement.id, w.line.id, { ...base, performerId: w.doctor.id, supervisorId: w.spokeDoctor.id }, opts)).toThrow(
    expect.objectContaining({ message: "agreements:errors.supervisorNotSupporting", field: "supervisorId" }),
  );
  logCase(w.db, w.spokeTrainer, w.agreement.id, w.line.id, { ...base, performerId: w.doctor.id, supervisorId: w.expert.id }, opts);
  logCase(w.db, w.spokeTrainer, w.agreement.id, w.line.id, { ...base, performerId: w.doctor.id, supervisorId: w.expert.id }, opts);
  logCase(w.db, w.spokeTrainer, w.agreement.id, w.line.id, { ...base, performerId: w.doctor.id, supervisorName: "GS. Trần Bình (BV Việt Đức)" }, opts);
  logCase(w.db, w.spokeTrainer, w.agreement.id, w.line.id, { ...base, performerId: w.doctor.id, supervisorId: w.expert.id, supervised: false }, opts);
  const stored = w.db.select().from(caseLogs).where(eq(caseLogs.supervisorId, w.expert.id)).all();
  expect(stored).toHaveLength(3);
  expect(stored.every((c) => c.supervisorName === null)).toBe(true);
  const page = getTransferItem(w.db, w.director, w.agreement.id, w.line.id);
  expect(page.supervision).toEqual([
    { supervisorId: w.expert.id, name: "TS. Nguyễn Văn Hùng", cases: 2 },
    { supervisorId: null, name: "GS. Trần Bình (BV Việt Đức)", cases: 1 },
  ]);
  expect(page.cases.map((c) => [c.supervisor, c.supervisorIsStaff])).toContainEqual(["GS. Trần Bình (BV Việt Đức)", false]);
});
