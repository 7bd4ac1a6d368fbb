import { eq } from "drizzle-orm";
import { expect, test } from "vitest";
import { agreementParties, agreements, auditEvents, courses, enrolments, rotations, staffUnavailability, transferItems } from "~/db/schema";
import type { Actor } from "~/models/access/policy";
import { listEnrolmentCandidates, requestEnrolment } from "~/models/courses/enrolments.server";
import { getBoard, parseBoardFilters } from "~/models/rotations/board.server";
import { createRotation, type RotationInput } from "~/models/rotations/commands.server";
import { suggestCandidates } from "~/models/rotations/suggestions.server";
import { listCommitmentsByStaff } from "~/models/schedule/commitments.server";
import {
  createUnavailability,
  deleteUnavailability,
  listUnavailability,
  updateUnavailability,
} from "~/models/staff/unavailability.server";
import { createTestDb } from "../helpers/db";
import { makeCourse } from "../helpers/course-fixtures";
import { makeFacility, makeStaff, makeTechnique, makeUser } from "../helpers/factories";

function setup() {
  const db = createTestDb();
  const sender = makeFacility(db, { name: "Bệnh viện Đa khoa tỉnh Lào Cai số 2", shortName: "BVĐK LC2", beds: 700, absenceLimit: 2 });
  const receiver = makeFacility(db, { shortName: "TTYT Bảo Thắng", level: "C", provinceCode: sender.provinceCode });
  const technique = makeTechnique(db, { name: "Phẫu thuật nội soi cắt ruột thừa" });
  const person = makeStaff(db, { facilityId: sender.id, fullName: "Nguyễn Đức Nam" }, [technique.id]);
  const user = makeUser(db, { role: "trainer", facilityId: sender.id, displayName: "Cán bộ đào tạo LC2" });
  const trainer: Actor = { userId: user.id, role: "trainer", facilityId: sender.id, provinceCode: sender.provinceCode };
  return { db, sender, receiver, technique, person, trainer };
}

const leave = { kind: "leave" as const, startOn: "2027-08-01", endOn: "2027-08-31", note: "Nghỉ phép năm 2027" };

const rotationInput = (s: ReturnType<typeof setup>, over: Partial<RotationInput> = {}): RotationInput => ({
  staffId: s.person.id,
  toFacilityId: s.receiver.id,
  purpose: "technique_transfer",
  startOn: "2027-06-01",
  endOn: "2027-08-31",
  ...over,
});

function audits(s: ReturnType<typeof setup>) {
  return s.db.select().from(auditEvents).where(eq(auditEvents.entityType, "staff_unavailability")).all();
}

test("a trainer enters leave: saved, audited in the same write, listed with who entered it", () => {
  const s = setup();
  const { period, warnings } = createUnavailability(s.db, s.trainer, s.person.id, leave);
  expect(period).toMatchObject({ staffId: s.person.id, kind: "leave", startOn: "2027-08-01", endOn: "2027-08-31", note: "Nghỉ phép năm 2027", version: 1, createdBy: s.trainer.userId });
  expect(warnings).toEqual([]);
  expect(audits(s)).toEqual([expect.objectContaining({ action: "create", userId: s.trainer.userId, entityId: String(period.id) })]);
  const listed = listUnavailability(s.db, s.trainer, s.person.id);
  expect(listed.canManage).toBe(true);
  expect(listed.periods).toEqual([expect.objectContaining({ id: period.id, kind: "leave", enteredBy: "Cán bộ đào tạo LC2" })]);
  // The commitments loader (board, suggestions, solver) names it by its kind in both languages.
  expect(listCommitmentsByStaff(s.db, { facilityId: s.sender.id }).get(s.person.id)).toEqual([
    { kind: "unavailability", id: period.id, title: "Nghỉ phép năm", titleEn: "Annual leave", start: "2027-08-01", end: "2027-08-31" },
  ]);
});

test("the rotation form then refuses a rotation over those days, next to the start date; the day after is fine", () => {
  const s = setup();
  createUnavailability(s.db, s.trainer, s.person.id, { ...leave, kind: "sick" });
  expect(() => createRotation(s.db, s.trainer, rotationInput(s))).toThrowError(
    expect.objectContaining({
      status: 409,
      field: "startOn",
      message: "rotations:errors.clash.unavailability",
      params: expect.objectContaining({ title: "Nghỉ ốm", titleEn: "Sick leave", start: "2027-08-01", end: "2027-08-31" }),
    }),
  );
  expect(s.db.select().from(rotations).all()).toEqual([]);
  expect(createRotation(s.db, s.trainer, rotationInput(s, { startOn: "2027-09-01", endOn: "2027-11-30" })).id).toBeGreaterThan(0);
});

test("the suggestions exclude a person on leave in the window, naming the leave", () => {
  const s = setup();
  const agreement = s.db
    .insert(agreements)
    .values({ number: "126/HĐ-BVĐK2", title: "HĐ", searchText: "", type: "technique_transfer", status: "active", startOn: "2026-01-01", ownerFacilityId: s.sender.id })
    .returning()
    .get();
  s.db.insert(agreementParties).values([
    { agreementId: agreement.id, facilityId: s.sender.id, role: "supporting" },
    { agreementId: agreement.id, facilityId: s.receiver.id, role: "receiving" },
  ]).run();
  const item = s.db.insert(transferItems).values({ agreementId: agreement.id, techniqueId: s.technique.id, fromFacilityId: s.sender.id, toFacilityId: s.receiver.id }).returning().get();
  const window = { start: "2027-07-01", end: "2027-09-30" };
  expect(suggestCandidates(s.db, s.trainer, { transferItemId: item.id, window }).candidates.map((c) => c.staffId)).toEqual([s.person.id]);
  createUnavailability(s.db, s.trainer, s.person.id, leave);
  const result = suggestCandidates(s.db, s.trainer, { transferItemId: item.id, window });
  expect(result.candidates).toEqual([]);
  expect(result.excluded.find((c) => c.staffId === s.person.id)?.reasons).toEqual([
    { key: "rotations:errors.clash.unavailability", params: { kind: "unavailability", title: "Nghỉ phép năm", titleEn: "Annual leave", start: "2027-08-01", end: "2027-08-31" } },
  ]);
});

test("a seat on a course during the leave is refused", () => {
  const s = setup();
  const course = makeCourse(s.db, s.trainer, {
    startOn: "2027-08-09",
    endOn: "2027-08-13",
    sessions: [{ heldOn: "2027-08-09", startsAt: "08:00", endsAt: "11:30", topic: "Lý thuyết", periods: 4 }],
  });
  createUnavailability(s.db, s.trainer, s.person.id, { ...leave, kind: "study" });
  expect(() => requestEnrolment(s.db, s.trainer, { courseId: course.id, staffId: s.person.id })).toThrowError(
    expect.objectContaining({ status: 409, field: "staffId", message: "rotations:errors.clash.unavailability", params: expect.objectContaining({ title: "Đi học" }) }),
  );
  expect(s.db.select().from(enrolments).all()).toEqual([]);
});

test("leave over planned rotations and courses is allowed, and the answer lists them to re-plan", () => {
  const s = setup();
  const planned = createRotation(s.db, s.trainer, rotationInput(s, { startOn: "2027-05-16", endOn: "2027-08-15" }));
  // A cancelled rotation is no commitment, a completed one is history: neither is a warning.
  s.db.insert(rotations).values({ staffId: s.person.id, fromFacilityId: s.sender.id, toFacilityId: s.receiver.id, purpose: "manpower_support", startOn: "2027-08-16", endOn: "2027-08-20", status: "cancelled" }).run();
  const course = makeCourse(s.db, s.trainer, {
    title: "Gây tê ngoài màng cứng",
    startOn: "2027-08-23",
    endOn: "2027-08-27",
    sessions: [{ heldOn: "2027-08-23", startsAt: "08:00", endsAt: "11:30", topic: "Lý thuyết", periods: 4 }],
  });
  requestEnrolment(s.db, s.trainer, { courseId: course.id, staffId: s.person.id });
  const { period, warnings } = createUnavailability(s.db, s.trainer, s.person.id, leave);
  expect(period.id).toBeGreaterThan(0);
  expect(warnings).toEqual([
    { kind: "rotation", id: planned.id, title: "TTYT Bảo Thắng", titleEn: "TTYT Bảo Thắng", start: "2027-05-16", end: "2027-08-15", href: `/rotations/${planned.id}` },
    { kind: "course_attendance", id: course.id, title: "Gây tê ngoài màng cứng", titleEn: "Gây tê ngoài màng cứng", start: "2027-08-23", end: "2027-08-27", href: `/courses/${course.id}` },
  ]);
  s.db.update(courses).set({ status: "completed" }).where(eq(courses.id, course.id)).run();
  s.db.update(rotations).set({ status: "completed" }).where(eq(rotations.id, planned.id)).run();
  const edited = updateUnavailability(s.db, s.trainer, s.person.id, period.id, { ...leave, version: period.version });
  expect(edited.warnings).toEqual([]);
});

test("a director (staff registry) may enter it; another hospital's trainer and a viewer are forbidden; an unknown person is not found", () => {
  const s = setup();
  const director: Actor = { userId: makeUser(s.db, { role: "director", facilityId: s.sender.id }).id, role: "director", facilityId: s.sender.id, provinceCode: s.sender.provinceCode };
  expect(createUnavailability(s.db, director, s.person.id, leave).period.id).toBeGreaterThan(0);
  const other = makeFacility(s.db);
  const stranger: Actor = { userId: makeUser(s.db, { role: "trainer", facilityId: other.id }).id, role: "trainer", facilityId: other.id, provinceCode: other.provinceCode };
  const viewer: Actor = { userId: makeUser(s.db, { role: "viewer", facilityId: s.sender.id }).id, role: "viewer", facilityId: s.sender.id, provinceCode: s.sender.provinceCode };
  const autumn = { ...leave, startOn: "2027-10-01", endOn: "2027-10-10" };
  expect(() => createUnavailability(s.db, stranger, s.person.id, autumn)).toThrowError(expect.objectContaining({ status: 403 }));
  expect(() => createUnavailability(s.db, viewer, s.person.id, autumn)).toThrowError(expect.objectContaining({ status: 403 }));
  expect(() => createUnavailability(s.db, s.trainer, 999_999, autumn)).toThrowError(expect.objectContaining({ status: 404 }));
  expect(listUnavailability(s.db, viewer, s.person.id).canManage).toBe(false);
  expect(s.db.select().from(staffUnavailability).all()).toHaveLength(1);
});

test("bad dates are refused next to their field, and nothing is written", () => {
  const s = setup();
  expect(() => createUnavailability(s.db, s.trainer, s.person.id, { ...leave, startOn: "2027-02-30" })).toThrowError(expect.objectContaining({ status: 400, field: "startOn", message: "common:validation.invalidDate" }));
  expect(() => createUnavailability(s.db, s.trainer, s.person.id, { ...leave, endOn: "2027-07-31" })).toThrowError(expect.objectContaining({ status: 400, field: "endOn", message: "common:validation.endBeforeStart" }));
  expect(() => createUnavailability(s.db, s.trainer, s.person.id, { ...leave, endOn: "2030-08-01" })).toThrowError(expect.objectContaining({ status: 400, field: "endOn", message: "staff:unavailability.errors.tooLong" }));
  expect(s.db.select().from(staffUnavailability).all()).toEqual([]);
  expect(audits(s)).toEqual([]);
});

test("a period overlapping another of the same person is refused naming it; another person's leave does not count", () => {
  const s = setup();
  const first = createUnavailability(s.db, s.trainer, s.person.id, leave).period;
  expect(() => createUnavailability(s.db, s.trainer, s.person.id, { kind: "sick", startOn: "2027-08-31", endOn: "2027-09-05" })).toThrowError(
    expect.objectContaining({ status: 409, field: "startOn", message: "staff:unavailability.errors.overlap", params: { title: "Nghỉ phép năm", titleEn: "Annual leave", start: "2027-08-01", end: "2027-08-31" } }),
  );
  const colleague = makeStaff(s.db, { facilityId: s.sender.id });
  expect(createUnavailability(s.db, s.trainer, colleague.id, leave).period.id).toBeGreaterThan(first.id);
  createUnavailability(s.db, s.trainer, s.person.id, { kind: "sick", startOn: "2027-09-01", endOn: "2027-09-05" });
  // Editing a period does not clash with itself, but may not grow over the next one.
  expect(updateUnavailability(s.db, s.trainer, s.person.id, first.id, { ...leave, startOn: "2027-07-25", version: 1 }).period).toMatchObject({ startOn: "2027-07-25", version: 2 });
  expect(() => updateUnavailability(s.db, s.trainer, s.person.id, first.id, { ...leave, endOn: "2027-09-02", version: 2 })).toThrowError(
    expect.objectContaining({ status: 409, message: "staff:unavailability.errors.overlap", params: expect.objectContaining({ title: "Nghỉ ốm" }) }),
  );
});

test("edit and delete are version-checked and audited; a period of another person is not found", () => {
  const s = setup();
  const { period } = createUnavailability(s.db, s.trainer, s.person.id, leave);
  const edited = updateUnavailability(s.db, s.trainer, s.person.id, period.id, { ...leave, kind: "sick", note: "  ", version: 1 }).period;
  expect(edited).toMatchObject({ kind: "sick", note: null, version: 2 });
  // A form read at version 1 is stale now: 409 naming what changed, nothing written.
  expect(() => updateUnavailability(s.db, s.trainer, s.person.id, period.id, { ...leave, endOn: "2027-08-20", version: 1 })).toThrowError(
    expect.objectContaining({ status: 409, message: "common:stale.message", changedFields: expect.arrayContaining(["kind", "endOn"]) }),
  );
  expect(() => deleteUnavailability(s.db, s.trainer, s.person.id, period.id, { version: 1 })).toThrowError(expect.objectContaining({ status: 409 }));
  const colleague = makeStaff(s.db, { facilityId: s.sender.id });
  expect(() => deleteUnavailability(s.db, s.trainer, colleague.id, period.id, { version: 2 })).toThrowError(expect.objectContaining({ status: 404 }));
  expect(() => updateUnavailability(s.db, s.trainer, s.person.id, 999_999, { ...leave, version: 1 })).toThrowError(expect.objectContaining({ status: 404 }));
  deleteUnavailability(s.db, s.trainer, s.person.id, period.id, { version: 2 });
  expect(s.db.select().from(staffUnavailability).all()).toEqual([]);
  expect(audits(s).map((a) => a.action)).toEqual(["create", "update", "delete"]);
  // Once deleted, the days are free again.
  expect(createRotation(s.db, s.trainer, rotationInput(s)).id).toBeGreaterThan(0);
});

test("the board flags a rotation the leave now covers, and the course's enrolment list marks the person away", () => {
  const s = setup();
  const planned = createRotation(s.db, s.trainer, rotationInput(s, { startOn: "2027-05-16", endOn: "2027-08-15" }));
  createUnavailability(s.db, s.trainer, s.person.id, leave);
  const board = getBoard(s.db, s.trainer, parseBoardFilters(new URL("http://x/rotations/board?period=year&from=2027-01"), "2026-12-02"), { page: 1, pageSize: 50, offset: 0 }, "2026-12-02");
  const bar = board.groups.rows.flatMap((g) => g.bars).find((b) => b.id === planned.id);
  expect(bar?.clash).toMatchObject({ kind: "unavailability", title: "Nghỉ phép năm", titleEn: "Annual leave" });
  expect(board.conflictCount).toBe(1);
  const course = makeCourse(s.db, s.trainer, {
    startOn: "2027-08-23",
    endOn: "2027-08-27",
    sessions: [{ heldOn: "2027-08-23", startsAt: "08:00", endsAt: "11:30", topic: "Lý thuyết", periods: 4 }],
  });
  const candidate = listEnrolmentCandidates(s.db, s.trainer, course).find((c) => c.id === s.person.id);
  expect(candidate?.busy).toMatchObject({ kind: "unavailability", start: "2027-08-01", end: "2027-08-31" });
});

test("a course session taught by a person on leave is refused beside that session's trainer", () => {
  const s = setup();
  createUnavailability(s.db, s.trainer, s.person.id, leave);
  expect(() =>
    makeCourse(s.db, s.trainer, {
      startOn: "2027-08-09",
      endOn: "2027-08-13",
      sessions: [{ heldOn: "2027-08-09", startsAt: "08:00", endsAt: "11:30", topic: "Lý thuyết", periods: 4, trainerId: s.person.id }],
    }),
  ).toThrowError(expect.objectContaining({ status: 409, field: "sessions[0].trainerId", message: "rotations:errors.clash.unavailability" }));
  expect(s.db.select().from(courses).all()).toEqual([]);
});
