import { eq } from "drizzle-orm";
import { expect, test } from "vitest";
import { auditEvents, courseSessions, courses } from "~/db/schema";
import { createCourse, getCourse, listCalendarCourses, listCourses, updateCourse } from "~/models/courses/courses.server";
import { courseSchema } from "~/models/courses/schemas";
import { requestEnrolment } from "~/models/courses/enrolments.server";
import { ForbiddenError, StaleRecordError } from "~/models/errors";
import { createTestDb } from "../helpers/db";
import { courseInput, makeActor, makeCourse } from "../helpers/course-fixtures";
import { makeFacility, makeStaff, makeTechnique } from "../helpers/factories";

const page = { page: 1, pageSize: 25, offset: 0 };

test("a trainer's course is hosted by the trainer's own facility, with its sessions and techniques", () => {
  const db = createTestDb();
  const host = makeActor(db, "trainer");
  const technique = makeTechnique(db, { chapterNumber: 10 });
  const course = makeCourse(db, host, { techniqueCodes: technique.code, chapterNumber: 10 });
  const detail = getCourse(db, host, course.id)!;
  expect(detail).toMatchObject({ hostFacilityId: host.facilityId, capacity: 2, minAttendance: 0.5, canManage: true });
  expect(detail.sessions.map((s) => s.topic)).toEqual(["Cấp cứu ngừng tuần hoàn", "Thông khí nhân tạo"]);
  expect(detail.techniques.map((t) => t.code)).toEqual([technique.code]);
  expect(db.select().from(auditEvents).where(eq(auditEvents.entityType, "course")).all()).toHaveLength(1);
});

test("the form refuses capacity 0, an end before the start and a session outside the dates", () => {
  const bad = courseSchema.safeParse({
    ...courseInput(),
    capacity: "0",
    startOn: "2026-03-02",
    endOn: "2026-03-06",
    sessions: [{ heldOn: "2026-03-07", startsAt: "08:00", endsAt: "09:00", topic: "x", periods: 1 }],
  });
  expect(bad.success).toBe(false);
  const messages = bad.error!.issues.map((i) => `${i.path.join(".")}: ${i.message}`);
  expect(messages).toContain("capacity: courses:errors.capacity");
  expect(messages).toContain("sessions.0.heldOn: courses:errors.sessionOutside");
  const reversed = courseSchema.safeParse({ ...courseInput(), startOn: "2026-03-06", endOn: "2026-03-02", sessions: [] });
  expect(reversed.error!.issues.map((i) => i.message)).toContain("common:validation.endBeforeStart");
  expect(courseSchema.safeParse({ ...courseInput(), capacity: "-3" }).success).toBe(false);
});

test("the model refuses a session outside the course dates even without the form, saving nothing", () => {
  const db = createTestDb();
  const host = makeActor(db, "trainer");
  const input = { ...courseInput(), sessions: [{ heldOn: "2026-04-01", startsAt: "08:00", endsAt: "09:00", topic: "x", periods: 1 }] };
  expect(() => createCourse(db, host, input)).toThrow(expect.objectContaining({ message: "courses:errors.sessionOutside", field: "sessions[0].heldOn" }));
  expect(db.select().from(courses).all()).toEqual([]);
});

test("an unknown technique code is named next to the field", () => {
  const db = createTestDb();
  const host = makeActor(db, "trainer");
  expect(() => createCourse(db, host, courseInput({ techniqueCodes: "99.999" }))).toThrow(
    expect.objectContaining({ field: "techniqueCodes", params: { codes: "99.999" } }),
  );
});

test("a director, viewer or department officer cannot create a course", () => {
  const db = createTestDb();
  const host = makeFacility(db);
  expect(() => createCourse(db, makeActor(db, "director"), courseInput())).toThrow(ForbiddenError);
  expect(() => createCourse(db, makeActor(db, "viewer"), courseInput())).toThrow(ForbiddenError);
  expect(() => createCourse(db, makeActor(db, "department"), courseInput({ hostFacilityId: host.id }))).toThrow(ForbiddenError);
  expect(db.select().from(courses).all()).toEqual([]);
});

test("an administrator's course is hosted by the facility chosen; a trainer's by their own whatever the input says", () => {
  const db = createTestDb();
  const chosen = makeFacility(db);
  const admin = makeActor(db, "admin");
  expect(makeCourse(db, admin, { hostFacilityId: chosen.id }).hostFacilityId).toBe(chosen.id);
  const trainer = makeActor(db, "trainer");
  expect(makeCourse(db, trainer, { hostFacilityId: chosen.id }).hostFacilityId).toBe(trainer.facilityId);
  expect(() => makeCourse(db, admin)).toThrow(expect.objectContaining({ field: "hostFacilityId", message: "common:validation.required" }));
  const inactive = makeFacility(db, { active: false });
  expect(() => makeCourse(db, admin, { hostFacilityId: inactive.id })).toThrow(
    expect.objectContaining({ field: "hostFacilityId", message: "courses:errors.unknownHost" }),
  );
});

test("a stale edit is refused with 409 and nothing changes", () => {
  const db = createTestDb();
  const host = makeActor(db, "trainer");
  const course = makeCourse(db, host);
  updateCourse(db, host, course.id, courseInput({ version: 1, title: "Sửa lần một" }));
  expect(() => updateCourse(db, host, course.id, courseInput({ version: 1, title: "Sửa lần hai" }))).toThrow(StaleRecordError);
  const stored = db.select().from(courses).where(eq(courses.id, course.id)).get()!;
  expect(stored).toMatchObject({ title: "Sửa lần một", version: 2 });
});

test("an edit keeps the attendance of sessions it keeps and cannot drop capacity below seats given", () => {
  const db = createTestDb();
  const host = makeActor(db, "trainer");
  const course = makeCourse(db, host, { capacity: 3 });
  const before = db.select().from(courseSessions).where(eq(courseSessions.courseId, course.id)).all();
  for (let i = 0; i < 2; i++) requestEnrolment(db, host, { courseId: course.id, staffId: makeStaff(db, { facilityId: host.facilityId! }).id });
  expect(() => updateCourse(db, host, course.id, courseInput({ version: 1, capacity: 1 }))).toThrow(
    expect.objectContaining({ message: "courses:errors.capacityBelowSeats", status: 400 }),
  );
  updateCourse(db, host, course.id, courseInput({ version: 1, capacity: 2 }));
  const after = db.select().from(courseSessions).where(eq(courseSessions.courseId, course.id)).all();
  expect(after.map((s) => s.id)).toEqual(before.map((s) => s.id));
});

test("another hospital's trainer cannot edit the course", () => {
  const db = createTestDb();
  const course = makeCourse(db, makeActor(db, "trainer"));
  expect(() => updateCourse(db, makeActor(db, "trainer"), course.id, courseInput({ version: 1 }))).toThrow(ForbiddenError);
});

test("a trainer attending another course that day cannot lead a session; the clash is named", () => {
  const db = createTestDb();
  const host = makeActor(db, "trainer");
  const busy = makeCourse(db, host, { title: "Nội soi tiêu hóa", startOn: "2026-03-03", endOn: "2026-03-03", sessions: [] });
  const trainer = makeStaff(db, { facilityId: host.facilityId! });
  requestEnrolment(db, host, { courseId: busy.id, staffId: trainer.id });
  const input = courseInput({
    sessions: [{ heldOn: "2026-03-03", startsAt: "08:00", endsAt: "09:00", topic: "x", trainerId: trainer.id, periods: 1 }],
  });
  expect(() => createCourse(db, host, input)).toThrow(
    expect.objectContaining({ field: "sessions[0].trainerId", params: expect.objectContaining({ title: "Nội soi tiêu hóa" }) }),
  );
});

test("the list filters by status, chapter, dates and folded search; drafts of other hosts stay hidden", () => {
  const db = createTestDb();
  const host = makeActor(db, "trainer");
  const other = makeActor(db, "trainer");
  makeTechnique(db, { chapterNumber: 13 });
  makeCourse(db, host, { title: "Gây tê ngoài màng cứng giảm đau đẻ", chapterNumber: 13, startOn: "2026-05-04", endOn: "2026-05-08", sessions: [] });
  makeCourse(db, host, { title: "Hồi sức sơ sinh", status: "draft", sessions: [] });
  makeCourse(db, other, { title: "Phẫu thuật nội soi", startOn: "2026-07-01", endOn: "2026-07-03", sessions: [] });
  expect(listCourses(db, other, { q: "gay te mang cung" }, page).rows.map((r) => r.title)).toEqual(["Gây tê ngoài màng cứng giảm đau đẻ"]);
  expect(listCourses(db, other, {}, page).total).toBe(2);
  expect(listCourses(db, host, { status: "draft" }, page).rows.map((r) => r.title)).toEqual(["Hồi sức sơ sinh"]);
  expect(listCourses(db, host, { chapter: 13 }, page).total).toBe(1);
  expect(listCourses(db, host, { from: "2026-05-08", to: "2026-06-30" }, page).rows.map((r) => r.title)).toEqual(["Gây tê ngoài màng cứng giảm đau đẻ"]);
  expect(listCalendarCourses(db, host, { start: "2026-07-01", end: "2026-07-31" }).map((c) => c.title)).toEqual(["Phẫu thuật nội soi"]);
});

test("another hospital's doctor cannot be named as a session's trainer; nothing is saved", () => {
  const db = createTestDb();
  const host = makeActor(db, "trainer");
  const elsewhere = makeActor(db, "trainer");
  const outsider = makeStaff(db, { facilityId: elsewhere.facilityId! });
  const input = courseInput({
    sessions: [{ heldOn: "2026-03-02", startsAt: "08:00", endsAt: "09:00", topic: "x", trainerId: outsider.id, periods: 1 }],
  });
  expect(() => createCourse(db, host, input)).toThrow(
    expect.objectContaining({ message: "courses:errors.trainerNotHost", field: "sessions[0].trainerId" }),
  );
  expect(db.select().from(courses).all()).toEqual([]);
});
