import { eq } from "drizzle-orm";
import { expect, test } from "vitest";
import type { Db } from "~/db/client.server";
import { agreementParties, agreements, auditEvents, courseTrainers, courses, facilities, rotationItems, rotations, transferItems } from "~/db/schema";
import type { Actor } from "~/models/access/policy";
import { changeRotationStatus, createRotation, saveRotationReport, updateRotation, type RotationInput } from "~/models/rotations/commands.server";
import { getRotation, listRotations, rotationFormOptions } from "~/models/rotations/queries.server";
import { createTestDb } from "../helpers/db";
import { makeFacility, makeStaff, makeTechnique, makeUser } from "../helpers/factories";

function setup(options: { beds?: number; absenceLimit?: number | null } = {}) {
  const db = createTestDb();
  const sender = makeFacility(db, { name: "Bệnh viện Đa khoa tỉnh Lào Cai số 2", shortName: "BVĐK LC2", beds: options.beds ?? 500, absenceLimit: options.absenceLimit ?? null });
  const receiver = makeFacility(db, { name: "Trung tâm Y tế Bảo Thắng", shortName: "TTYT Bảo Thắng", level: "C", provinceCode: sender.provinceCode });
  const technique = makeTechnique(db, { name: "Phẫu thuật nội soi cắt ruột thừa" });
  const person = makeStaff(db, { facilityId: sender.id, fullName: "Nguyễn Thị Hoa" }, [technique.id]);
  const user = makeUser(db, { role: "trainer", facilityId: sender.id });
  const actor: Actor = { userId: user.id, role: "trainer", facilityId: sender.id, provinceCode: sender.provinceCode };
  return { db, sender, receiver, technique, person, actor };
}

function makeAgreement(db: Db, parties: number[], minRotationMonths = 3, over: Partial<typeof agreements.$inferInsert> = {}) {
  const agreement = db
    .insert(agreements)
    .values({ number: "01/2025/HĐ", title: "Hợp tác chuyển giao", searchText: "hop tac", type: "technique_transfer", status: "active", startOn: "2025-01-01", minRotationMonths, ownerFacilityId: parties[0], ...over })
    .returning()
    .get();
  db.insert(agreementParties).values(parties.map((facilityId, i) => ({ agreementId: agreement.id, facilityId, role: i === 0 ? ("supporting" as const) : ("receiving" as const) }))).run();
  return agreement;
}

function makeItem(db: Db, agreementId: number, techniqueId: number, from: number, to: number) {
  return db.insert(transferItems).values({ agreementId, techniqueId, fromFacilityId: from, toFacilityId: to }).returning().get();
}

const base = (s: ReturnType<typeof setup>, over: Partial<RotationInput> = {}): RotationInput => ({
  staffId: s.person.id,
  toFacilityId: s.receiver.id,
  purpose: "technique_transfer",
  startOn: "2026-01-01",
  endOn: "2026-03-31",
  ...over,
});

test("a trainer schedules a rotation of their own staff: saved with the sending facility from the staff record, audited", () => {
  const s = setup();
  const row = createRotation(s.db, s.actor, base(s));
  expect(row).toMatchObject({ fromFacilityId: s.sender.id, toFacilityId: s.receiver.id, status: "planned", version: 1 });
  const audit = s.db.select().from(auditEvents).where(eq(auditEvents.entityType, "rotation")).all();
  expect(audit).toHaveLength(1);
  expect(audit[0]).toMatchObject({ action: "create", userId: s.actor.userId, entityId: String(row.id) });
});

test("an overlapping rotation of the same person is refused with the clash named, and nothing is saved", () => {
  const s = setup();
  createRotation(s.db, s.actor, base(s));
  expect(() => createRotation(s.db, s.actor, base(s, { startOn: "2026-03-31", endOn: "2026-06-30" }))).toThrowError(
    expect.objectContaining({ status: 409, message: "rotations:errors.clash.rotation", params: expect.objectContaining({ title: "TTYT Bảo Thắng", start: "2026-01-01", end: "2026-03-31" }) }),
  );
  expect(s.db.select().from(rotations).all()).toHaveLength(1);
  // the day after is fine
  expect(createRotation(s.db, s.actor, base(s, { startOn: "2026-04-01", endOn: "2026-06-30" })).id).toBeGreaterThan(0);
});

test("a rotation over a course the person teaches is refused with the course named", () => {
  const s = setup();
  const course = s.db.insert(courses).values({ title: "Cấp cứu nhi cơ bản", searchText: "", hostFacilityId: s.sender.id, mode: "at_host", startOn: "2026-02-09", endOn: "2026-02-13", capacity: 20 }).returning().get();
  s.db.insert(courseTrainers).values({ courseId: course.id, staffId: s.person.id }).run();
  expect(() => createRotation(s.db, s.actor, base(s))).toThrowError(
    expect.objectContaining({ message: "rotations:errors.clash.course_training", params: expect.objectContaining({ title: "Cấp cứu nhi cơ bản" }) }),
  );
});

test("a staff member of another hospital is forbidden, a missing one is not found", () => {
  const s = setup();
  const elsewhere = makeFacility(s.db);
  const stranger = makeStaff(s.db, { facilityId: elsewhere.id });
  expect(() => createRotation(s.db, s.actor, base(s, { staffId: stranger.id, toFacilityId: s.receiver.id }))).toThrowError(expect.objectContaining({ status: 403 }));
  expect(() => createRotation(s.db, s.actor, base(s, { staffId: 999_999 }))).toThrowError(expect.objectContaining({ status: 404 }));
  expect(s.db.select().from(rotations).all()).toHaveLength(0);
});

test("directors, viewers and department officers cannot schedule rotations", () => {
  const s = setup();
  for (const role of ["director", "viewer", "department"] as const) {
    const actor: Actor = { userId: s.actor.userId, role, facilityId: s.sender.id, provinceCode: s.sender.provinceCode };
    expect(() => createRotation(s.db, actor, base(s))).toThrowError(expect.objectContaining({ status: 403 }));
  }
});

test("impossible dates, an end before the start and the same facility are refused next to their field", () => {
  const s = setup();
  expect(() => createRotation(s.db, s.actor, base(s, { startOn: "2026-02-30" }))).toThrowError(expect.objectContaining({ field: "startOn", message: "common:validation.invalidDate" }));
  expect(() => createRotation(s.db, s.actor, base(s, { endOn: "2025-12-31" }))).toThrowError(expect.objectContaining({ field: "endOn" }));
  expect(() => createRotation(s.db, s.actor, base(s, { toFacilityId: s.sender.id }))).toThrowError(expect.objectContaining({ field: "toFacilityId" }));
});

test("shorter than the agreement's minimum is refused unless short-term with a reason", () => {
  const s = setup();
  const agreement = makeAgreement(s.db, [s.sender.id, s.receiver.id], 6);
  const input = base(s, { agreementId: agreement.id });
  expect(() => createRotation(s.db, s.actor, input)).toThrowError(expect.objectContaining({ message: "rotations:errors.tooShort", params: { months: 6 } }));
  expect(() => createRotation(s.db, s.actor, { ...input, shortTerm: true })).toThrowError(expect.objectContaining({ field: "shortTermReason" }));
  const row = createRotation(s.db, s.actor, { ...input, shortTerm: true, shortTermReason: "Hỗ trợ mùa dịch" });
  expect(row).toMatchObject({ shortTerm: true, shortTermReason: "Hỗ trợ mùa dịch" });
});

test("without an agreement the minimum is three months", () => {
  const s = setup();
  expect(() => createRotation(s.db, s.actor, base(s, { endOn: "2026-03-30" }))).toThrowError(expect.objectContaining({ params: { months: 3 } }));
});

test("a person sent for a transfer item must perform its technique independently", () => {
  const s = setup();
  const agreement = makeAgreement(s.db, [s.sender.id, s.receiver.id]);
  const other = makeTechnique(s.db, { name: "Thay khớp háng toàn phần" });
  const known = makeItem(s.db, agreement.id, s.technique.id, s.sender.id, s.receiver.id);
  const unknown = makeItem(s.db, agreement.id, other.id, s.sender.id, s.receiver.id);
  expect(() => createRotation(s.db, s.actor, base(s, { transferItemIds: [known.id, unknown.id] }))).toThrowError(
    expect.objectContaining({ message: "rotations:errors.techniqueNotPerformed", params: { code: other.code, name: "Thay khớp háng toàn phần" } }),
  );
  const row = createRotation(s.db, s.actor, base(s, { transferItemIds: [known.id] }));
  expect(row.agreementId).toBe(agreement.id);
  expect(s.db.select().from(rotationItems).all()).toEqual([{ rotationId: row.id, transferItemId: known.id }]);
});

test("a transfer item to another facility cannot be served by this rotation", () => {
  const s = setup();
  const third = makeFacility(s.db);
  const agreement = makeAgreement(s.db, [s.sender.id, s.receiver.id, third.id]);
  const item = makeItem(s.db, agreement.id, s.technique.id, s.sender.id, third.id);
  expect(() => createRotation(s.db, s.actor, base(s, { transferItemIds: [item.id] }))).toThrowError(expect.objectContaining({ message: "rotations:errors.itemOtherFacilities" }));
});

test("the sending facility's absence limit needs an explicit override with a reason, which is recorded", () => {
  const s = setup({ beds: 60 }); // one absence allowed
  const colleague = makeStaff(s.db, { facilityId: s.sender.id });
  createRotation(s.db, s.actor, base(s));
  const second = base(s, { staffId: colleague.id, purpose: "manpower_support", startOn: "2026-02-01", endOn: "2026-04-30" });
  expect(() => createRotation(s.db, s.actor, second)).toThrowError(expect.objectContaining({ status: 409, message: "rotations:errors.absenceLimit", params: { limit: 1, peak: 2 } }));
  expect(() => createRotation(s.db, s.actor, { ...second, limitOverride: true })).toThrowError(expect.objectContaining({ field: "limitOverrideReason" }));
  const row = createRotation(s.db, s.actor, { ...second, limitOverride: true, limitOverrideReason: "Khoa Ngoại đã bố trí người trực thay" });
  expect(row.limitOverrideReason).toBe("Khoa Ngoại đã bố trí người trực thay");
  // a cancelled absence frees the place again
  changeRotationStatus(s.db, s.actor, row.id, { to: "cancelled", version: row.version }, "2026-01-15");
  expect(createRotation(s.db, s.actor, { ...second, startOn: "2026-04-01", endOn: "2026-06-30" }).limitOverrideReason).toBeNull();
});

test("editing re-checks the rules ignoring the rotation itself and refuses a stale version", () => {
  const s = setup();
  const row = createRotation(s.db, s.actor, base(s));
  const moved = updateRotation(s.db, s.actor, row.id, { ...base(s, { startOn: "2026-01-15", endOn: "2026-04-14" }), version: 1 });
  expect(moved).toMatchObject({ startOn: "2026-01-15", endOn: "2026-04-14", version: 2 });
  expect(() => updateRotation(s.db, s.actor, row.id, { ...base(s, { endOn: "2026-05-31" }), version: 1 })).toThrowError(expect.objectContaining({ status: 409, message: "common:stale.message" }));
  expect(s.db.select().from(rotations).where(eq(rotations.id, row.id)).get()?.endOn).toBe("2026-04-14");
});

test("confirm, then file the end-of-rotation report to complete; cancelled rotations cannot be edited", () => {
  const s = setup();
  const row = createRotation(s.db, s.actor, base(s));
  const confirmed = changeRotationStatus(s.db, s.actor, row.id, { to: "confirmed", version: 1 }, "2025-12-20");
  expect(getRotation(s.db, s.actor, row.id, "2026-02-01")?.displayStatus).toBe("in_progress");
  expect(() => saveRotationReport(s.db, s.actor, row.id, { reportCases: 12, version: confirmed.version }, "2025-12-31")).toThrowError(
    expect.objectContaining({ message: "rotations:errors.completeBeforeEnd" }),
  );
  const done = saveRotationReport(s.db, s.actor, row.id, { reportCases: 12, reportNotes: "Đã làm 12 ca", version: confirmed.version }, "2026-03-31");
  expect(done).toMatchObject({ status: "completed", reportCases: 12, reportNotes: "Đã làm 12 ca" });
  const other = createRotation(s.db, s.actor, base(s, { startOn: "2026-06-01", endOn: "2026-08-31" }));
  const cancelled = changeRotationStatus(s.db, s.actor, other.id, { to: "cancelled", version: 1, cancelReason: "Thiếu nhân lực" }, "2026-05-01");
  expect(cancelled.cancelReason).toBe("Thiếu nhân lực");
  expect(() => updateRotation(s.db, s.actor, other.id, { ...base(s, { startOn: "2026-06-01", endOn: "2026-08-31" }), version: cancelled.version })).toThrowError(
    expect.objectContaining({ message: "rotations:errors.notEditable" }),
  );
});

test("the receiving facility reads the rotation, a third hospital does not", () => {
  const s = setup();
  const row = createRotation(s.db, s.actor, base(s));
  const receiverViewer: Actor = { userId: s.actor.userId, role: "viewer", facilityId: s.receiver.id, provinceCode: null };
  const outsider: Actor = { userId: s.actor.userId, role: "viewer", facilityId: makeFacility(s.db).id, provinceCode: null };
  expect(getRotation(s.db, receiverViewer, row.id, "2026-01-01")?.canManage).toBe(false);
  expect(getRotation(s.db, outsider, row.id, "2026-01-01")).toBeNull();
  const page = { page: 1, pageSize: 25, offset: 0 };
  const filters = { q: "", status: null, facilityId: null, staffId: null, agreementId: null };
  expect(listRotations(s.db, receiverViewer, filters, page, "2026-01-01").total).toBe(1);
  expect(listRotations(s.db, outsider, filters, page, "2026-01-01").total).toBe(0);
});

test("a rotation under an agreement must lie within its term: refused next to the date, naming the agreement, nothing saved", () => {
  const s = setup();
  const agreement = makeAgreement(s.db, [s.sender.id, s.receiver.id], 3, { number: "126/HĐ-BVĐK2", startOn: "2024-04-01", endOn: "2026-12-31" });
  const input = base(s, { agreementId: agreement.id, startOn: "2026-11-01", endOn: "2027-01-31" });
  expect(() => createRotation(s.db, s.actor, input)).toThrowError(
    expect.objectContaining({ status: 400, field: "endOn", message: "rotations:errors.outsideTerm", params: { number: "126/HĐ-BVĐK2", start: "2024-04-01", end: "2026-12-31" } }),
  );
  expect(() => createRotation(s.db, s.actor, { ...input, startOn: "2024-03-01", endOn: "2024-05-31" })).toThrowError(expect.objectContaining({ field: "startOn", message: "rotations:errors.outsideTerm" }));
  expect(s.db.select().from(rotations).all()).toHaveLength(0);
  expect(s.db.select().from(auditEvents).where(eq(auditEvents.entityType, "rotation")).all()).toHaveLength(0);
  // the last quarter of the term, up to 31 December inclusive, fits
  expect(createRotation(s.db, s.actor, { ...input, startOn: "2026-10-01", endOn: "2026-12-31" }).agreementId).toBe(agreement.id);
});

test("a transfer item brings its agreement's term with it", () => {
  const s = setup();
  const agreement = makeAgreement(s.db, [s.sender.id, s.receiver.id], 3, { endOn: "2026-02-28" });
  const item = makeItem(s.db, agreement.id, s.technique.id, s.sender.id, s.receiver.id);
  expect(() => createRotation(s.db, s.actor, base(s, { transferItemIds: [item.id] }))).toThrowError(expect.objectContaining({ field: "endOn", message: "rotations:errors.outsideTerm" }));
  expect(createRotation(s.db, s.actor, base(s, { transferItemIds: [item.id], startOn: "2025-12-01", endOn: "2026-02-28" })).agreementId).toBe(agreement.id);
});

test("ended and terminated agreements take no rotation; a draft does", () => {
  const s = setup();
  for (const status of ["ended", "terminated"] as const) {
    const closed = makeAgreement(s.db, [s.sender.id, s.receiver.id], 3, { status, number: `HĐ-${status}` });
    expect(() => createRotation(s.db, s.actor, base(s, { agreementId: closed.id }))).toThrowError(
      expect.objectContaining({ field: "agreementId", message: "rotations:errors.agreementClosed", params: { number: `HĐ-${status}`, status } }),
    );
  }
  const draft = makeAgreement(s.db, [s.sender.id, s.receiver.id], 3, { status: "draft", number: "HĐ-draft" });
  expect(createRotation(s.db, s.actor, base(s, { agreementId: draft.id })).agreementId).toBe(draft.id);
});

test("the sending facility must support and the receiving one receive under the agreement", () => {
  const s = setup();
  // the receiver is the supporting party here: the rotation would run the wrong way
  const reversed = makeAgreement(s.db, [s.receiver.id, s.sender.id], 3, { number: "HĐ-ngược" });
  expect(() => createRotation(s.db, s.actor, base(s, { agreementId: reversed.id }))).toThrowError(
    expect.objectContaining({ field: "agreementId", message: "rotations:errors.agreementSender", params: { number: "HĐ-ngược" } }),
  );
  const department = makeFacility(s.db, { kind: "health_department" });
  const coordinated = makeAgreement(s.db, [s.sender.id, s.receiver.id], 3, { number: "HĐ-SYT" });
  s.db.insert(agreementParties).values({ agreementId: coordinated.id, facilityId: department.id, role: "coordinating" }).run();
  // A coordinating health department is no destination at all, whatever the agreement says.
  expect(() => createRotation(s.db, s.actor, base(s, { agreementId: coordinated.id, toFacilityId: department.id }))).toThrowError(
    expect.objectContaining({ field: "toFacilityId", message: "rotations:errors.notCareDestination" }),
  );
  const peer = makeFacility(s.db, { provinceCode: s.sender.provinceCode });
  s.db.insert(agreementParties).values({ agreementId: coordinated.id, facilityId: peer.id, role: "coordinating" }).run();
  expect(() => createRotation(s.db, s.actor, base(s, { agreementId: coordinated.id, toFacilityId: peer.id, directionPurpose: "Hỗ trợ cùng tuyến" }))).toThrowError(
    expect.objectContaining({ field: "agreementId", message: "rotations:errors.agreementReceiver" }),
  );
  expect(s.db.select().from(rotations).all()).toHaveLength(0);
});

test("moving a rotation past its agreement's end is refused and the stored dates stay", () => {
  const s = setup();
  const agreement = makeAgreement(s.db, [s.sender.id, s.receiver.id], 3, { endOn: "2026-06-30" });
  const row = createRotation(s.db, s.actor, base(s, { agreementId: agreement.id }));
  expect(() => updateRotation(s.db, s.actor, row.id, { ...base(s, { agreementId: agreement.id, startOn: "2026-05-01", endOn: "2026-07-31" }), version: row.version })).toThrowError(
    expect.objectContaining({ field: "endOn", message: "rotations:errors.outsideTerm" }),
  );
  expect(s.db.select().from(rotations).where(eq(rotations.id, row.id)).get()).toMatchObject({ startOn: "2026-01-01", endOn: "2026-03-31", version: 1 });
});

test("cancelling twice says the rotation is already cancelled and writes nothing more", () => {
  const s = setup();
  const row = createRotation(s.db, s.actor, base(s));
  const cancelled = changeRotationStatus(s.db, s.actor, row.id, { to: "cancelled", version: 1, cancelReason: "Thiếu nhân lực" }, "2025-12-01");
  // the same form sent again (a double click) still carries version 1
  expect(() => changeRotationStatus(s.db, s.actor, row.id, { to: "cancelled", version: 1, cancelReason: "Lý do khác" }, "2025-12-01")).toThrowError(
    expect.objectContaining({ status: 409, message: "rotations:errors.alreadyInStatus", params: { status: "cancelled" } }),
  );
  expect(s.db.select().from(rotations).where(eq(rotations.id, row.id)).get()).toMatchObject({ cancelReason: "Thiếu nhân lực", version: cancelled.version });
  expect(s.db.select().from(auditEvents).where(eq(auditEvents.entityType, "rotation")).all()).toHaveLength(2);
});

test("the end-of-rotation report is refused while the rotation runs and accepted from its last day", () => {
  const s = setup();
  const row = createRotation(s.db, s.actor, base(s));
  const confirmed = changeRotationStatus(s.db, s.actor, row.id, { to: "confirmed", version: 1 }, "2025-12-20");
  expect(() => saveRotationReport(s.db, s.actor, row.id, { reportCases: 3, version: confirmed.version }, "2026-02-15")).toThrowError(
    expect.objectContaining({ status: 409, message: "rotations:errors.completeBeforeEnd", params: { end: "2026-03-31" } }),
  );
  expect(s.db.select().from(rotations).where(eq(rotations.id, row.id)).get()).toMatchObject({ status: "confirmed", reportCases: null });
  expect(saveRotationReport(s.db, s.actor, row.id, { reportCases: 9, version: confirmed.version }, "2026-03-31").status).toBe("completed");
});

test("a completed rotation cannot be edited", () => {
  const s = setup();
  const row = createRotation(s.db, s.actor, base(s));
  const confirmed = changeRotationStatus(s.db, s.actor, row.id, { to: "confirmed", version: 1 }, "2025-12-20");
  const done = saveRotationReport(s.db, s.actor, row.id, { reportCases: 9, version: confirmed.version }, "2026-04-02");
  expect(() => updateRotation(s.db, s.actor, row.id, { ...base(s, { notes: "Sửa sau khi kết thúc" }), version: done.version })).toThrowError(
    expect.objectContaining({ status: 409, message: "rotations:errors.notEditable", params: { status: "completed" } }),
  );
});

test("the form offers only open agreements the facility supports, and keeps a rotation's own agreement and items when editing", () => {
  const s = setup();
  const supported = makeAgreement(s.db, [s.sender.id, s.receiver.id], 3, { number: "HĐ-hỗ-trợ" });
  makeAgreement(s.db, [s.receiver.id, s.sender.id], 3, { number: "HĐ-được-hỗ-trợ" });
  makeAgreement(s.db, [s.sender.id, s.receiver.id], 3, { number: "HĐ-đã-kết-thúc", status: "ended" });
  const item = makeItem(s.db, supported.id, s.technique.id, s.sender.id, s.receiver.id);
  const labels = (o: { agreements: { label: string }[] }) => o.agreements.map((a) => a.label.split(" – ")[0]);
  expect(labels(rotationFormOptions(s.db, s.actor, null))).toEqual(["HĐ-hỗ-trợ"]);
  const row = createRotation(s.db, s.actor, base(s, { transferItemIds: [item.id] }));
  // the item is accepted and the agreement ended after the rotation was made
  s.db.update(transferItems).set({ stage: "accepted" }).where(eq(transferItems.id, item.id)).run();
  s.db.update(agreements).set({ status: "ended" }).where(eq(agreements.id, supported.id)).run();
  expect(rotationFormOptions(s.db, s.actor, null)).toMatchObject({ agreements: [], items: [] });
  const editing = rotationFormOptions(s.db, s.actor, null, { agreementId: row.agreementId, itemIds: [item.id] });
  expect(labels(editing)).toEqual(["HĐ-hỗ-trợ"]);
  expect(editing.items.map((i) => i.value)).toEqual([item.id]);
});

test("from a regional centre up to a central hospital is refused without a stated purpose, saved with one; a health department is never a destination", () => {
  const s = setup();
  const regional = makeFacility(s.db, { kind: "regional_centre", level: "C", provinceCode: s.sender.provinceCode });
  const central = makeFacility(s.db, { kind: "central_hospital", level: "A" });
  const department = makeFacility(s.db, { kind: "health_department", level: null, provinceCode: s.sender.provinceCode });
  const visitor = makeStaff(s.db, { facilityId: regional.id, fullName: "Phạm Văn Tuyến" });
  const user = makeUser(s.db, { role: "trainer", facilityId: regional.id });
  const actor: Actor = { userId: user.id, role: "trainer", facilityId: regional.id, provinceCode: regional.provinceCode };
  const upward = { staffId: visitor.id, toFacilityId: central.id, purpose: "technique_transfer" as const, startOn: "2026-01-01", endOn: "2026-03-31" };
  expect(() => createRotation(s.db, actor, upward)).toThrow(expect.objectContaining({ message: "rotations:errors.directionPurpose", field: "directionPurpose" }));
  expect(() => createRotation(s.db, s.actor, base(s, { toFacilityId: department.id }))).toThrow(
    expect.objectContaining({ message: "rotations:errors.notCareDestination", field: "toFacilityId" }),
  );
  expect(s.db.select().from(rotations).all()).toEqual([]);
  const saved = createRotation(s.db, actor, { ...upward, directionPurpose: "Đào tạo tại bệnh viện tuyến trên" });
  expect(saved).toMatchObject({ fromFacilityId: regional.id, toFacilityId: central.id, directionPurpose: "Đào tạo tại bệnh viện tuyến trên" });
  // Downward: no purpose asked, and none kept.
  expect(createRotation(s.db, s.actor, { ...base(s), directionPurpose: "x" }).directionPurpose).toBeNull();
});

test("the form offers no health department as a destination and marks which destinations need a purpose", () => {
  const s = setup();
  const department = makeFacility(s.db, { kind: "health_department", level: null, provinceCode: s.sender.provinceCode, directedById: s.sender.id });
  const peer = makeFacility(s.db, { name: "Bệnh viện Đa khoa tỉnh Lào Cai số 3", level: "B", provinceCode: s.sender.provinceCode, directedById: s.sender.id });
  s.db.update(facilities).set({ directedById: s.sender.id }).where(eq(facilities.id, s.receiver.id)).run();
  const options = rotationFormOptions(s.db, s.actor, null);
  expect(options.facilities.map((f) => f.value)).not.toContain(department.id);
  expect(options.facilities).toEqual(
    expect.arrayContaining([
      { value: s.receiver.id, label: "Trung tâm Y tế Bảo Thắng", downward: true },
      { value: peer.id, label: "Bệnh viện Đa khoa tỉnh Lào Cai số 3", downward: false },
    ]),
  );
});
