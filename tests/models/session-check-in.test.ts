import { and, eq } from "drizzle-orm";
import { expect, test } from "vitest";
import { attendance, auditEvents, courseSessions, enrolments, selfCheckIns, sessionCheckIns } from "~/db/schema";
import {
  closeCheckIn,
  confirmAllPending,
  decideSelfCheckIn,
  findCheckIn,
  hashCheckInCode,
  openCheckIn,
  selfCheckIn,
  sessionCheckInState,
} from "~/models/courses/check-in.server";
import { requestEnrolment } from "~/models/courses/enrolments.server";
import { getSessionRoster } from "~/models/courses/roster.server";
import { displayCheckInCode } from "~/models/courses/rules";
import { ConflictError, DomainError, ForbiddenError, NotFoundError } from "~/models/errors";
import { makeActor, makeCourse } from "../helpers/course-fixtures";
import { createTestDb } from "../helpers/db";
import { makeStaff } from "../helpers/factories";

const SECRET = "check-in test secret";
// The first session is on 2026-03-02; 08:05 in Hà Nội is 01:05 UTC.
const morning = new Date("2026-03-02T01:05:00.000Z");
const noSleep = async () => {};

function world() {
  const db = createTestDb();
  const host = makeActor(db, "trainer");
  const course = makeCourse(db, host, { capacity: 5 });
  const sessions = db.select().from(courseSessions).where(eq(courseSessions.courseId, course.id)).orderBy(courseSessions.heldOn).all();
  const an = makeStaff(db, { facilityId: host.facilityId!, fullName: "Vàng Thị An", licenceNumber: "000123/LC-CCHN" });
  const binh = makeStaff(db, { facilityId: host.facilityId!, fullName: "Lù Văn Bình", licenceNumber: "000456/LC-CCHN" });
  const outsider = makeStaff(db, { facilityId: host.facilityId!, fullName: "Sùng A Chư", licenceNumber: "000789/LC-CCHN" });
  const ea = requestEnrolment(db, host, { courseId: course.id, staffId: an.id });
  const eb = requestEnrolment(db, host, { courseId: course.id, staffId: binh.id });
  const ref = { courseId: course.id, sessionId: sessions[0].id };
  const checkIn = (code: string, licenceNumber: string, now = morning, ip = "203.0.113.7") =>
    selfCheckIn(db, { code, licenceNumber, ip }, { now, sleep: noSleep });
  return { db, host, course, sessions, ea, eb, outsider, ref, checkIn };
}

test("opening stores only the code's hash, shows the code again on reload, and ends with the session's day", () => {
  const w = world();
  const { code, expiresAt } = openCheckIn(w.db, w.host, w.ref, morning, SECRET);
  expect(code).toMatch(/^[0-9a-hjkmnp-tv-z]{26}$/);
  expect(expiresAt).toBe("2026-03-02T17:00:00.000Z");
  const stored = w.db.select().from(sessionCheckIns).where(eq(sessionCheckIns.sessionId, w.ref.sessionId)).get()!;
  expect(stored.tokenHash).toBe(hashCheckInCode(code));
  expect(JSON.stringify(stored)).not.toContain(code);
  // Nor does the audit trail hold it, or anything it could be rebuilt from.
  const audit = w.db.select().from(auditEvents).where(eq(auditEvents.entityType, "session_check_in")).all();
  expect(audit).toHaveLength(1);
  expect(audit[0].userId).toBe(w.host.userId);
  expect(`${audit[0].before}${audit[0].after}`).not.toContain(stored.nonce);
  expect(sessionCheckInState(w.db, w.ref.sessionId, morning, SECRET)).toEqual({ status: "open", code, expiresAt });
  // Another secret derives another code: the database alone does not give it.
  expect(sessionCheckInState(w.db, w.ref.sessionId, morning, "another secret")).not.toMatchObject({ code });
  expect(findCheckIn(w.db, displayCheckInCode(code), "vi", morning)).toMatchObject({ courseTitle: w.course.title, heldOn: "2026-03-02", startsAt: "08:00" });
  const midnight = new Date(expiresAt);
  expect(sessionCheckInState(w.db, w.ref.sessionId, midnight, SECRET).status).toBe("expired");
  expect(() => findCheckIn(w.db, code, "vi", midnight)).toThrow(expect.objectContaining({ status: 410 }));
});

test("check-in opens only on the session's day (Vietnam time) and only for its host", () => {
  const w = world();
  // 2026-03-01 at 23:30 in Hà Nội is still the day before.
  expect(() => openCheckIn(w.db, w.host, w.ref, new Date("2026-03-01T16:30:00.000Z"), SECRET)).toThrow(ConflictError);
  expect(() => openCheckIn(w.db, w.host, w.ref, new Date("2026-03-02T17:00:00.000Z"), SECRET)).toThrow(ConflictError);
  expect(() => openCheckIn(w.db, makeActor(w.db, "trainer"), w.ref, morning, SECRET)).toThrow(ForbiddenError);
  expect(() => openCheckIn(w.db, w.host, { ...w.ref, sessionId: w.sessions[1].id + 1000 }, morning, SECRET)).toThrow(NotFoundError);
  expect(openCheckIn(w.db, w.host, w.ref, new Date("2026-03-01T17:00:00.000Z"), SECRET).code).toHaveLength(26);
});

test("a new code or closing stops the old code; recorded check-ins stay", async () => {
  const w = world();
  const first = openCheckIn(w.db, w.host, w.ref, morning, SECRET).code;
  await w.checkIn(first, "000123/LC-CCHN");
  const second = openCheckIn(w.db, w.host, w.ref, morning, SECRET).code;
  expect(second).not.toBe(first);
  expect(() => findCheckIn(w.db, first, "vi", morning)).toThrow(NotFoundError);
  await expect(w.checkIn(first, "000456/LC-CCHN")).rejects.toThrow(NotFoundError);
  expect(getSessionRoster(w.db, w.host, w.course.id, w.ref.sessionId, "vi").rows.filter((r) => r.checkedInAt).map((r) => r.fullName)).toEqual(["Vàng Thị An"]);
  closeCheckIn(w.db, w.host, w.ref, morning);
  expect(sessionCheckInState(w.db, w.ref.sessionId, morning, SECRET).status).toBe("closed");
  await expect(w.checkIn(second, "000456/LC-CCHN")).rejects.toThrow(expect.objectContaining({ status: 410 }));
  expect(() => closeCheckIn(w.db, makeActor(w.db, "trainer"), w.ref, morning)).toThrow(ForbiddenError);
});

test("a trainee's check-in is pending until confirmed, and checking in twice keeps the first time", async () => {
  const w = world();
  const { code } = openCheckIn(w.db, w.host, w.ref, morning, SECRET);
  const first = await w.checkIn(code, " 000123/lc-cchn");
  expect(first).toEqual({ kind: "pending", checkedInAt: morning.toISOString() });
  const again = await w.checkIn(code, "000123/LC-CCHN", new Date(morning.getTime() + 60_000));
  expect(again).toEqual(first);
  expect(w.db.select().from(selfCheckIns).all()).toHaveLength(1);
  expect(w.db.select().from(auditEvents).where(eq(auditEvents.entityType, "self_check_in")).all()).toHaveLength(1);
  // Pending is not attendance.
  expect(w.db.select().from(attendance).all()).toHaveLength(0);
  const row = getSessionRoster(w.db, w.host, w.course.id, w.ref.sessionId, "vi").rows.find((r) => r.enrolmentId === w.ea.id)!;
  expect(row).toMatchObject({ present: null, checkedInAt: morning.toISOString() });
});

test("confirming marks present through the roster's attendance command; rejecting does not", async () => {
  const w = world();
  const { code } = openCheckIn(w.db, w.host, w.ref, morning, SECRET);
  await w.checkIn(code, "000123/LC-CCHN");
  await w.checkIn(code, "000456/LC-CCHN");
  const later = new Date(morning.getTime() + 5 * 60_000).toISOString();
  decideSelfCheckIn(w.db, w.host, { ...w.ref, enrolmentId: w.ea.id, confirm: true }, later);
  decideSelfCheckIn(w.db, w.host, { ...w.ref, enrolmentId: w.eb.id, confirm: false }, later);
  const rows = getSessionRoster(w.db, w.host, w.course.id, w.ref.sessionId, "vi").rows;
  expect(rows.map((r) => [r.fullName, r.present, r.status, r.checkedInAt])).toEqual([
    ["Lù Văn Bình", null, "approved", null],
    ["Vàng Thị An", true, "enrolled", null],
  ]);
  const audit = w.db.select().from(auditEvents).all().filter((a) => a.at === later);
  expect(audit.map((a) => [a.entityType, a.entityId, a.userId])).toEqual([
    ["attendance", `${w.ea.id}:${w.ref.sessionId}`, w.host.userId],
    ["enrolment", String(w.ea.id), w.host.userId],
    ["self_check_in", `${w.ea.id}:${w.ref.sessionId}`, w.host.userId],
    ["self_check_in", `${w.eb.id}:${w.ref.sessionId}`, w.host.userId],
  ]);
  // Decided once: a second decision finds nothing pending.
  expect(() => decideSelfCheckIn(w.db, w.host, { ...w.ref, enrolmentId: w.ea.id, confirm: false }, later)).toThrow(NotFoundError);
  // Once present, checking in again is simply acknowledged; after a rejection it asks again.
  expect(await w.checkIn(code, "000123/LC-CCHN")).toEqual({ kind: "present" });
  expect((await w.checkIn(code, "000456/LC-CCHN")).kind).toBe("pending");
});

test("confirm all marks every pending trainee present; another host may neither see nor decide", async () => {
  const w = world();
  const { code } = openCheckIn(w.db, w.host, w.ref, morning, SECRET);
  await w.checkIn(code, "000123/LC-CCHN");
  await w.checkIn(code, "000456/LC-CCHN");
  const stranger = makeActor(w.db, "trainer");
  expect(() => confirmAllPending(w.db, stranger, w.ref)).toThrow(ForbiddenError);
  expect(() => decideSelfCheckIn(w.db, stranger, { ...w.ref, enrolmentId: w.ea.id, confirm: true })).toThrow(ForbiddenError);
  expect(confirmAllPending(w.db, w.host, w.ref)).toBe(2);
  const present = w.db.select().from(attendance).where(and(eq(attendance.sessionId, w.ref.sessionId), eq(attendance.present, true))).all();
  expect(present.map((p) => p.enrolmentId).sort()).toEqual([w.ea.id, w.eb.id].sort());
  expect(w.db.select().from(enrolments).where(eq(enrolments.courseId, w.course.id)).all().every((e) => e.status === "enrolled")).toBe(true);
  expect(confirmAllPending(w.db, w.host, w.ref)).toBe(0);
});

test("a trainee of another course, an unknown number and no number are refused alike, nothing written", async () => {
  const w = world();
  const other = makeCourse(w.db, w.host, { title: "Khóa khác" });
  requestEnrolment(w.db, w.host, { courseId: other.id, staffId: w.outsider.id });
  const { code } = openCheckIn(w.db, w.host, w.ref, morning, SECRET);
  for (const licence of ["000789/LC-CCHN", "999999/XX", "", "x".repeat(5000)]) {
    const error = await w.checkIn(code, licence).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(DomainError);
    expect(error).toMatchObject({ status: 404, message: "courses:checkIn.errors.notOnCourse" });
  }
  expect(w.db.select().from(selfCheckIns).all()).toHaveLength(0);
});

test("guessing numbers is throttled per session and address, like sign-in", async () => {
  const w = world();
  const { code } = openCheckIn(w.db, w.host, w.ref, morning, SECRET);
  for (let i = 0; i < 10; i++) await expect(w.checkIn(code, `GUESS-${i}`)).rejects.toThrow(NotFoundError);
  const blocked = await w.checkIn(code, "000123/LC-CCHN");
  expect(blocked).toMatchObject({ kind: "throttled" });
  expect(w.db.select().from(selfCheckIns).all()).toHaveLength(0);
  // Another address in the room is not held up by the guesser.
  expect((await w.checkIn(code, "000123/LC-CCHN", morning, "203.0.113.8")).kind).toBe("pending");
});
