import { eq } from "drizzle-orm";
import { expect, test } from "vitest";
import { courseSessions, creditEntries, enrolments } from "~/db/schema";
import { getCertificate, isValidCertificateNumber, verifyCertificate } from "~/models/courses/certificates.server";
import { requestEnrolment } from "~/models/courses/enrolments.server";
import { evaluateCourse, saveAttendanceSheet } from "~/models/courses/results.server";
import { ForbiddenError } from "~/models/errors";
import { getFixedT } from "~/i18n/i18n";
import { createTestDb } from "../helpers/db";
import { makeActor, makeCourse } from "../helpers/course-fixtures";
import { makeFacility, makeStaff } from "../helpers/factories";

function setup(overrides: Record<string, unknown> = {}) {
  const db = createTestDb();
  const hostFacility = makeFacility(db, { code: "LC2" });
  const host = makeActor(db, "trainer", hostFacility.id);
  const course = makeCourse(db, host, { capacity: 3, passScore: 5, ...overrides });
  const sessions = db.select().from(courseSessions).where(eq(courseSessions.courseId, course.id)).all();
  const people = [1, 2].map((n) => makeStaff(db, { facilityId: hostFacility.id, fullName: `Nguyễn Thị Hằng ${n}` }));
  const rows = people.map((p) => requestEnrolment(db, host, { courseId: course.id, staffId: p.id }));
  return { db, host, course, sessions, people, rows };
}

test("attendance and scores are saved; a trainee who attended becomes enrolled", () => {
  const { db, host, course, sessions, rows } = setup();
  saveAttendanceSheet(db, host, course.id, {
    rows: rows.map((r) => r.id),
    present: [`${rows[0].id}:${sessions[0].id}`, `${rows[0].id}:${sessions[1].id}`],
    score: { [rows[0].id]: 8.5 },
  });
  const stored = db.select().from(enrolments).where(eq(enrolments.courseId, course.id)).orderBy(enrolments.id).all();
  expect(stored.map((e) => [e.status, e.score])).toEqual([
    ["enrolled", 8.5],
    ["approved", null],
  ]);
});

test("a score out of range is refused next to the trainee and nothing is saved", () => {
  const { db, host, course, sessions, rows } = setup();
  expect(() =>
    saveAttendanceSheet(db, host, course.id, {
      rows: [rows[0].id],
      present: [`${rows[0].id}:${sessions[0].id}`],
      score: { [rows[0].id]: 11 },
    }),
  ).toThrow(expect.objectContaining({ message: "courses:errors.score", field: `score.${rows[0].id}` }));
  expect(db.select().from(enrolments).where(eq(enrolments.id, rows[0].id)).get()).toMatchObject({ status: "approved", score: null });
});

test("only the host records attendance", () => {
  const { db, course, rows } = setup();
  expect(() => saveAttendanceSheet(db, makeActor(db, "trainer"), course.id, { rows: [rows[0].id], present: [], score: {} })).toThrow(ForbiddenError);
});

test("finalising a course completes those who meet the rule with a certificate and credit hours, and fails the rest", () => {
  const { db, host, course, sessions, rows, people } = setup();
  saveAttendanceSheet(db, host, course.id, {
    rows: rows.map((r) => r.id),
    present: [`${rows[0].id}:${sessions[0].id}`, `${rows[1].id}:${sessions[0].id}`, `${rows[1].id}:${sessions[1].id}`],
    score: { [rows[0].id]: 7, [rows[1].id]: 4 },
  });
  const outcomes = evaluateCourse(db, host, course.id, "2026-03-20");
  expect(outcomes).toEqual([
    { enrolmentId: rows[0].id, completed: true, certificateNumber: "CC-LC2-2026-0001" },
    { enrolmentId: rows[1].id, completed: false, certificateNumber: null },
  ]);
  const credits = db.select().from(creditEntries).all();
  // Dated when the course ended, not when the results were entered.
  expect(credits).toEqual([
    expect.objectContaining({ staffId: people[0].id, kind: "course", hours: 16, activityOn: "2026-03-06", enrolmentId: rows[0].id }),
  ]);
  expect(isValidCertificateNumber(db, "cc-lc2-2026-0001")).toBe(true);
  const token = db.select({ t: enrolments.certificateToken }).from(enrolments).where(eq(enrolments.id, rows[0].id)).get()!.t!;
  expect(token).toMatch(/^[0-9a-f]{32}$/);
  expect(verifyCertificate(db, token)).toMatchObject({ number: "CC-LC2-2026-0001", holderName: "Nguyễn Thị Hằng 1", courseTitle: "Hồi sức cấp cứu cơ bản", completedOn: "2026-03-06" });
});

test("issuing one trainee's certificate refuses when the rule is not met, saving nothing", () => {
  const { db, host, course, rows } = setup();
  expect(() => evaluateCourse(db, host, course.id, "2026-03-06", rows[0].id)).toThrow(
    expect.objectContaining({ message: "courses:shortfall.attendanceAndNoScore", status: 409, params: expect.objectContaining({ attended: 0, sessions: 2 }) }),
  );
  expect(db.select().from(creditEntries).all()).toEqual([]);
});

test("certificate numbers run on per host and year", () => {
  const { db, host, course, sessions, rows } = setup({ passScore: undefined });
  saveAttendanceSheet(db, host, course.id, {
    rows: rows.map((r) => r.id),
    present: rows.flatMap((r) => sessions.map((s) => `${r.id}:${s.id}`)),
    score: {},
  });
  evaluateCourse(db, host, course.id, "2026-03-06", rows[1].id);
  evaluateCourse(db, host, course.id, "2026-03-06", rows[0].id);
  const numbers = db.select({ n: enrolments.certificateNumber }).from(enrolments).orderBy(enrolments.id).all().map((r) => r.n);
  expect(numbers).toEqual(["CC-LC2-2026-0002", "CC-LC2-2026-0001"]);
});

test("an unknown certificate number verifies as nothing; the printable copy is private to host and holder", () => {
  const { db, host, course, sessions, rows } = setup({ passScore: undefined });
  saveAttendanceSheet(db, host, course.id, { rows: [rows[0].id], present: sessions.map((s) => `${rows[0].id}:${s.id}`), score: {} });
  evaluateCourse(db, host, course.id, "2026-03-06", rows[0].id);
  expect(isValidCertificateNumber(db, "CC-LC2-2026-9999")).toBe(false);
  // The number is not a token: it shows nobody's name.
  expect(verifyCertificate(db, "CC-LC2-2026-0001")).toBeNull();
  expect(verifyCertificate(db, "0".repeat(32))).toBeNull();
  expect(getCertificate(db, host, "CC-LC2-2026-0001")).not.toBeNull();
  expect(getCertificate(db, makeActor(db, "trainer"), "CC-LC2-2026-0001")).toBeNull();
});

test("deciding the whole course before its last day answers 409 and changes nobody", () => {
  const { db, host, course, sessions, rows } = setup();
  saveAttendanceSheet(db, host, course.id, {
    rows: rows.map((r) => r.id),
    present: [`${rows[0].id}:${sessions[0].id}`],
    score: { [rows[0].id]: 7 },
  });
  expect(() => evaluateCourse(db, host, course.id, "2026-03-05")).toThrow(
    expect.objectContaining({ message: "courses:errors.notEnded", status: 409, params: { end: "2026-03-06" } }),
  );
  const stored = db.select().from(enrolments).where(eq(enrolments.courseId, course.id)).orderBy(enrolments.id).all();
  expect(stored.map((e) => [e.status, e.certificateNumber])).toEqual([
    ["enrolled", null],
    ["approved", null],
  ]);
  expect(db.select().from(creditEntries).all()).toEqual([]);
  // On the last day itself the whole course is decided.
  expect(evaluateCourse(db, host, course.id, "2026-03-06").map((o) => o.completed)).toEqual([true, false]);
});

test("mid-course, a trainee who already meets the rule gets a certificate dated that day; the others stay open", () => {
  const { db, host, course, sessions, rows } = setup();
  saveAttendanceSheet(db, host, course.id, {
    rows: rows.map((r) => r.id),
    present: [`${rows[0].id}:${sessions[0].id}`, `${rows[1].id}:${sessions[0].id}`],
    score: { [rows[0].id]: 8 },
  });
  expect(evaluateCourse(db, host, course.id, "2026-03-04", rows[0].id)).toEqual([
    { enrolmentId: rows[0].id, completed: true, certificateNumber: "CC-LC2-2026-0001" },
  ]);
  // No score yet against a pass score of 5: refused, and the trainee is still open.
  expect(() => evaluateCourse(db, host, course.id, "2026-03-04", rows[1].id)).toThrow(
    expect.objectContaining({ message: "courses:shortfall.noScore", status: 409, params: expect.not.objectContaining({ score: expect.anything() }) }),
  );
  const stored = db.select().from(enrolments).where(eq(enrolments.courseId, course.id)).orderBy(enrolments.id).all();
  expect(stored.map((e) => [e.status, e.completedOn])).toEqual([
    ["completed", "2026-03-04"],
    ["enrolled", null],
  ]);
});

test("a trainee who failed on score is refused a certificate with the score and the pass mark, no placeholder", () => {
  const { db, host, course, sessions, rows } = setup();
  saveAttendanceSheet(db, host, course.id, {
    rows: rows.map((r) => r.id),
    present: rows.flatMap((r) => sessions.map((s) => `${r.id}:${s.id}`)),
    score: { [rows[0].id]: 4.5, [rows[1].id]: 9 },
  });
  expect(evaluateCourse(db, host, course.id, "2026-03-20").map((o) => o.completed)).toEqual([false, true]);
  let refused: unknown;
  try {
    evaluateCourse(db, host, course.id, "2026-03-20", rows[0].id);
  } catch (error) {
    refused = error;
  }
  expect(refused).toMatchObject({ message: "courses:shortfall.score", status: 409, params: { score: 4.5, pass: 5 } });
  const { message, params } = refused as { message: string; params: Record<string, number> };
  expect(getFixedT("vi", "courses")(message, params)).toBe("Chưa đạt: điểm 4,5, cần 5.");
  expect(db.select({ s: enrolments.status }).from(enrolments).where(eq(enrolments.id, rows[0].id)).get()).toEqual({ s: "failed" });
});
