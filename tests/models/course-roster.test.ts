import { and, eq } from "drizzle-orm";
import { expect, test } from "vitest";
import { auditEvents, courseSessions, enrolments } from "~/db/schema";
import { requestEnrolment } from "~/models/courses/enrolments.server";
import { evaluateCourse, saveAttendanceSheet } from "~/models/courses/results.server";
import { getSessionRoster, markSessionAttendance } from "~/models/courses/roster.server";
import { ConflictError, ForbiddenError, NotFoundError } from "~/models/errors";
import { makeActor, makeCourse } from "../helpers/course-fixtures";
import { createTestDb } from "../helpers/db";
import { makeStaff } from "../helpers/factories";

function world() {
  const db = createTestDb();
  const host = makeActor(db, "trainer");
  const course = makeCourse(db, host, { capacity: 5 });
  const sessions = db.select().from(courseSessions).where(eq(courseSessions.courseId, course.id)).orderBy(courseSessions.heldOn).all();
  const [an, binh, waiting] = ["Vàng Thị An", "Lù Văn Bình", "Sùng A Chư"].map((fullName) => makeStaff(db, { facilityId: host.facilityId!, fullName }));
  const ea = requestEnrolment(db, host, { courseId: course.id, staffId: an.id });
  const eb = requestEnrolment(db, host, { courseId: course.id, staffId: binh.id });
  return { db, host, course, sessions, ea, eb, waiting };
}

test("the roster lists the approved trainees of a session by name; a tap marks one present, audited, and enrols them", () => {
  const w = world();
  const roster = getSessionRoster(w.db, w.host, w.course.id, w.sessions[1].id, "vi");
  expect(roster.session.number).toBe(2);
  expect(roster.rows.map((r) => [r.fullName, r.present])).toEqual([
    ["Lù Văn Bình", null],
    ["Vàng Thị An", null],
  ]);
  markSessionAttendance(w.db, w.host, { courseId: w.course.id, sessionId: w.sessions[1].id, enrolmentId: w.ea.id, present: true });
  markSessionAttendance(w.db, w.host, { courseId: w.course.id, sessionId: w.sessions[1].id, enrolmentId: w.eb.id, present: false });
  const after = getSessionRoster(w.db, w.host, w.course.id, w.sessions[1].id, "vi");
  expect(after.rows.map((r) => [r.fullName, r.present, r.status])).toEqual([
    ["Lù Văn Bình", false, "approved"],
    ["Vàng Thị An", true, "enrolled"],
  ]);
  // The other session is untouched.
  expect(getSessionRoster(w.db, w.host, w.course.id, w.sessions[0].id, "vi").rows.every((r) => r.present === null)).toBe(true);
  const audited = w.db.select().from(auditEvents).where(and(eq(auditEvents.entityType, "attendance"))).all();
  expect(audited.map((a) => a.entityId)).toEqual([`${w.ea.id}:${w.sessions[1].id}`, `${w.eb.id}:${w.sessions[1].id}`]);
  expect(audited.every((a) => a.userId === w.host.userId)).toBe(true);
});

test("a session of another course, a trainee of another course and another host are refused, nothing written", () => {
  const w = world();
  const other = makeCourse(w.db, w.host, { title: "Khóa khác" });
  const otherSession = w.db.select().from(courseSessions).where(eq(courseSessions.courseId, other.id)).get()!;
  const stranger = makeActor(w.db, "trainer");
  const mark = (over: Partial<{ courseId: number; sessionId: number; enrolmentId: number }>, actor = w.host) =>
    markSessionAttendance(w.db, actor, { courseId: w.course.id, sessionId: w.sessions[0].id, enrolmentId: w.ea.id, present: true, ...over });
  expect(() => mark({ sessionId: otherSession.id })).toThrow(NotFoundError);
  const outsider = requestEnrolment(w.db, w.host, { courseId: other.id, staffId: w.waiting.id });
  expect(() => mark({ enrolmentId: outsider.id })).toThrow(NotFoundError);
  expect(() => mark({}, stranger)).toThrow(ForbiddenError);
  expect(() => getSessionRoster(w.db, stranger, w.course.id, w.sessions[0].id, "vi")).toThrow(ForbiddenError);
  expect(w.db.select().from(auditEvents).where(eq(auditEvents.entityType, "attendance")).all()).toHaveLength(0);
});

test("a trainee with a certificate is locked on the roster", () => {
  const w = world();
  saveAttendanceSheet(w.db, w.host, w.course.id, { rows: [w.ea.id], present: w.sessions.map((s) => `${w.ea.id}:${s.id}`), score: {} });
  evaluateCourse(w.db, w.host, w.course.id, "2026-03-06", w.ea.id);
  expect(w.db.select().from(enrolments).where(eq(enrolments.id, w.ea.id)).get()!.status).toBe("completed");
  expect(getSessionRoster(w.db, w.host, w.course.id, w.sessions[0].id, "vi").rows.find((r) => r.enrolmentId === w.ea.id)!.locked).toBe(true);
  expect(() =>
    markSessionAttendance(w.db, w.host, { courseId: w.course.id, sessionId: w.sessions[0].id, enrolmentId: w.ea.id, present: false }),
  ).toThrow(ConflictError);
});
