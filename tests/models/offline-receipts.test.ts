import { eq } from "drizzle-orm";
import { expect, test } from "vitest";
import { attendance, auditEvents, caseLogs, courseSessions, submissionReceipts, teleLinks, teleSessions } from "~/db/schema";
import { requestEnrolment } from "~/models/courses/enrolments.server";
import { saveAttendanceSheet } from "~/models/courses/results.server";
import type { DomainError } from "~/models/errors";
import { newIdempotencyKey } from "~/models/offline/keys";
import { recordConsultation } from "~/models/tele/sessions.server";
import { consultationSchema } from "~/models/tele/sessions-schemas";
import { logCase, moveStage } from "~/models/transfers/stages.server";
import { makeTransferWorld } from "../helpers/agreements";
import { makeActor, makeCourse } from "../helpers/course-fixtures";
import { createTestDb } from "../helpers/db";
import { makeStaff } from "../helpers/factories";

const opts = { today: "2026-03-15" };
const base = { performedOn: "2026-03-10", outcome: "success" as const, supervised: true, performerName: "BS. Lò Văn Sáng" };

function refusal(run: () => unknown): DomainError {
  try {
    run();
  } catch (error) {
    return error as DomainError;
  }
  throw new Error("expected a refusal");
}

/** A plan line in its supervised stage, a course with two trainees, and a hub–spoke link. */
function world() {
  const w = makeTransferWorld(createTestDb());
  const line = w.item();
  let version = 1;
  for (const toStage of ["surveyed", "training", "supervised"] as const) version = moveStage(w.db, w.director, w.agreement.id, line.id, { toStage, movedOn: "2026-02-01", version }, opts).version;
  const host = makeActor(w.db, "trainer", w.hub.id);
  const course = makeCourse(w.db, host, { capacity: 3 });
  const sessions = w.db.select().from(courseSessions).where(eq(courseSessions.courseId, course.id)).all();
  const people = [1, 2].map((n) => makeStaff(w.db, { facilityId: w.hub.id, fullName: `Nguyễn Thị Hằng ${n}` }));
  const rows = people.map((p) => requestEnrolment(w.db, host, { courseId: course.id, staffId: p.id }));
  w.db.insert(teleLinks).values({ hubFacilityId: w.hub.id, spokeFacilityId: w.spokeA.id, chapterNumber: 10, startOn: "2026-01-01" }).run();
  const consultation = (idempotencyKey: string) =>
    consultationSchema.parse({ hubFacilityId: w.hub.id, spokeFacilityId: w.spokeA.id, heldOn: "2026-03-10", startTime: "14:00", durationMinutes: 30, chapterNumber: 10, title: "Gãy xương đùi", outcome: "advice_only", idempotencyKey });
  const count = (table: typeof caseLogs | typeof auditEvents | typeof submissionReceipts | typeof teleSessions) => w.db.select().from(table).all().length;
  return { ...w, line, host, course, sessions, rows, consultation, count };
}

test("keys are UUID-shaped from getRandomValues, and differ", () => {
  const keys = new Set(Array.from({ length: 200 }, () => newIdempotencyKey()));
  expect(keys.size).toBe(200);
  for (const key of keys) expect(key).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/);
});

test("a case log sent again with its key answers the first case and writes nothing", () => {
  const w = world();
  const key = newIdempotencyKey();
  const first = logCase(w.db, w.spokeTrainer, w.agreement.id, w.line.id, { ...base, idempotencyKey: key }, opts);
  const writes = [w.count(caseLogs), w.count(auditEvents), w.count(submissionReceipts)];
  const again = logCase(w.db, w.spokeTrainer, w.agreement.id, w.line.id, { ...base, note: "gửi lại", idempotencyKey: key }, opts);
  expect(again).toEqual(first);
  expect([w.count(caseLogs), w.count(auditEvents), w.count(submissionReceipts)]).toEqual(writes);
  expect(w.db.select().from(submissionReceipts).get()).toMatchObject({
    key,
    userId: w.spokeTrainer.userId,
    form: "case_log",
    entityId: first.id,
    location: `/agreements/${w.agreement.id}/items/${w.line.id}`,
  });
  // Without a key (a form posted without scripts) each submission is its own case.
  logCase(w.db, w.spokeTrainer, w.agreement.id, w.line.id, base, opts);
  expect(w.count(caseLogs)).toBe(2);
});

test("a key used by another user, or with another form, is a 409; a malformed key a 400", () => {
  const w = world();
  const key = newIdempotencyKey();
  logCase(w.db, w.spokeTrainer, w.agreement.id, w.line.id, { ...base, idempotencyKey: key }, opts);
  const otherUser = refusal(() => logCase(w.db, w.spokeDirector, w.agreement.id, w.line.id, { ...base, idempotencyKey: key }, opts));
  expect([otherUser.status, otherUser.message]).toEqual([409, "offline:errors.keyUsed"]);
  const otherForm = refusal(() => saveAttendanceSheet(w.db, w.host, w.course.id, { rows: [], present: [], score: {}, idempotencyKey: key }));
  expect(otherForm.status).toBe(409);
  const asSession = refusal(() => recordConsultation(w.db, w.spokeDirector, w.consultation(key), opts));
  expect(asSession.status).toBe(409);
  // And the other way round: a session's key is not a case log's.
  const sessionKey = newIdempotencyKey();
  recordConsultation(w.db, w.spokeDirector, w.consultation(sessionKey), opts);
  expect(refusal(() => logCase(w.db, w.spokeDirector, w.agreement.id, w.line.id, { ...base, idempotencyKey: sessionKey }, opts)).status).toBe(409);
  const otherDirector = w.as("director", w.hub.id);
  expect(refusal(() => recordConsultation(w.db, otherDirector, w.consultation(sessionKey), opts)).status).toBe(409);
  expect(w.count(caseLogs)).toBe(1);
  expect(w.count(teleSessions)).toBe(1);
  const bad = refusal(() => logCase(w.db, w.spokeTrainer, w.agreement.id, w.line.id, { ...base, idempotencyKey: "x'; drop table" }, opts));
  expect([bad.status, bad.field]).toEqual([400, "idempotencyKey"]);
});

test("the receipt and the record are written in one transaction: neither without the other", () => {
  const w = world();
  const audits = w.count(auditEvents);
  // A refused case writes no receipt: the same key corrected and sent again is a first submission.
  const key = newIdempotencyKey();
  expect(refusal(() => logCase(w.db, w.spokeTrainer, w.agreement.id, w.line.id, { ...base, performedOn: "2026-04-01", idempotencyKey: key }, opts)).field).toBe("performedOn");
  expect(w.count(submissionReceipts)).toBe(0);
  // A receipt that cannot be written takes the case and its audit event with it.
  w.db.$client.exec("CREATE TEMP TRIGGER refuse_receipt BEFORE INSERT ON submission_receipts BEGIN SELECT RAISE(ABORT, 'no receipt'); END");
  expect(() => logCase(w.db, w.spokeTrainer, w.agreement.id, w.line.id, { ...base, idempotencyKey: key }, opts)).toThrow(/no receipt/);
  expect(() => saveAttendanceSheet(w.db, w.host, w.course.id, { rows: [w.rows[0].id], present: [`${w.rows[0].id}:${w.sessions[0].id}`], score: {}, idempotencyKey: key })).toThrow(/no receipt/);
  expect([w.count(caseLogs), w.count(auditEvents), w.db.select().from(attendance).all().length]).toEqual([0, audits, 0]);
  w.db.$client.exec("DROP TRIGGER refuse_receipt");
  logCase(w.db, w.spokeTrainer, w.agreement.id, w.line.id, { ...base, idempotencyKey: key }, opts);
  expect([w.count(caseLogs), w.count(submissionReceipts)]).toEqual([1, 1]);
});

test("an attendance sheet sent again lands once and never overwrites a newer sheet", () => {
  const w = world();
  const [a, b] = w.rows;
  const s = w.sessions[0];
  const key = newIdempotencyKey();
  const first = { rows: [a.id, b.id], present: [`${a.id}:${s.id}`], score: { [String(a.id)]: 8 }, idempotencyKey: key };
  expect(saveAttendanceSheet(w.db, w.host, w.course.id, first)).toEqual({ saved: 2, replayed: false });
  // A later sheet ticks b instead.
  saveAttendanceSheet(w.db, w.host, w.course.id, { rows: [a.id, b.id], present: [`${b.id}:${s.id}`], score: {}, idempotencyKey: newIdempotencyKey() });
  const audits = w.count(auditEvents);
  expect(saveAttendanceSheet(w.db, w.host, w.course.id, first)).toEqual({ saved: 0, replayed: true });
  expect(w.count(auditEvents)).toBe(audits);
  const ticks = w.db.select().from(attendance).where(eq(attendance.present, true)).all().map((t) => t.enrolmentId);
  expect(ticks).toEqual([b.id]);
  expect(w.db.select().from(submissionReceipts).where(eq(submissionReceipts.key, key)).get()).toMatchObject({ form: "attendance", entityId: w.course.id, location: `/courses/${w.course.id}` });
});
