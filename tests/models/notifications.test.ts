import { expect, test } from "vitest";
import { decideEnrolment, requestEnrolment } from "~/models/courses/enrolments.server";
import {
  countUnread,
  ensureExpiryReminders,
  listNotifications,
  listRecentNotifications,
  markAllNotificationsRead,
  markNotificationRead,
} from "~/models/notifications/notifications.server";
import { ConflictError } from "~/models/errors";
import { makeActiveAgreement, makeTransferNetwork } from "../helpers/agreements";
import { userActor } from "../helpers/actors";
import { makeActor, makeCourse } from "../helpers/course-fixtures";
import { makeStaff, makeUser } from "../helpers/factories";
import { createTestDb } from "../helpers/db";

const page = { page: 1, pageSize: 50, offset: 0 };

function kinds(db: ReturnType<typeof createTestDb>, userId: number) {
  return listNotifications(db, userId, page).rows.map((r) => [r.kind, r.staffName]);
}

test("the guest facility's users learn that the host approved or refused their trainees; the host is not told of its own act", () => {
  const db = createTestDb();
  const host = makeActor(db, "trainer");
  const course = makeCourse(db, host, { capacity: 5 });
  const guest = makeActor(db, "trainer");
  const guestDirector = makeUser(db, { role: "director", facilityId: guest.facilityId });
  const retired = makeUser(db, { role: "viewer", facilityId: guest.facilityId, active: false });
  const [a, b] = [1, 2].map((n) => makeStaff(db, { facilityId: guest.facilityId!, fullName: `Lò Thị Mai ${n}` }));
  const ra = requestEnrolment(db, guest, { courseId: course.id, staffId: a.id });
  const rb = requestEnrolment(db, guest, { courseId: course.id, staffId: b.id });
  decideEnrolment(db, host, { intent: "approve", enrolmentId: ra.id });
  decideEnrolment(db, host, { intent: "reject", enrolmentId: rb.id });

  for (const user of [guest.userId, guestDirector.id]) {
    expect(kinds(db, user)).toEqual(
      expect.arrayContaining([
        ["seat_approved", "Lò Thị Mai 1"],
        ["seat_refused", "Lò Thị Mai 2"],
      ]),
    );
    expect(countUnread(db, user)).toBe(2);
  }
  expect(countUnread(db, retired.id)).toBe(0);
  expect(countUnread(db, host.userId)).toBe(0);
  const row = listNotifications(db, guest.userId, page).rows[0];
  expect(row.courseId).toBe(course.id);
  expect(row.courseTitle).toBe(course.title);
});

test("the person promoted from the waitlist is told to their facility, in the transaction that freed the seat", () => {
  const db = createTestDb();
  const host = makeActor(db, "trainer");
  const course = makeCourse(db, host, { capacity: 1 });
  const guest = makeActor(db, "director");
  const first = makeStaff(db, { facilityId: host.facilityId! });
  const waiting = makeStaff(db, { facilityId: guest.facilityId!, fullName: "Giàng A Páo" });
  const seat = requestEnrolment(db, host, { courseId: course.id, staffId: first.id });
  requestEnrolment(db, guest, { courseId: course.id, staffId: waiting.id });
  expect(countUnread(db, guest.userId)).toBe(0);
  decideEnrolment(db, host, { intent: "withdraw", enrolmentId: seat.id });
  expect(kinds(db, guest.userId)).toEqual([["waitlist_promoted", "Giàng A Páo"]]);
});

test("a refused decision writes no notification (one transaction)", () => {
  const db = createTestDb();
  const host = makeActor(db, "trainer");
  const course = makeCourse(db, host, { capacity: 5 });
  const guest = makeActor(db, "trainer");
  const person = makeStaff(db, { facilityId: guest.facilityId! });
  const e = requestEnrolment(db, guest, { courseId: course.id, staffId: person.id });
  decideEnrolment(db, host, { intent: "approve", enrolmentId: e.id });
  expect(() => decideEnrolment(db, host, { intent: "approve", enrolmentId: e.id })).toThrow(ConflictError);
  expect(countUnread(db, guest.userId)).toBe(1);
});

test("marking read is per user and only ever the reader's own", () => {
  const db = createTestDb();
  const host = makeActor(db, "trainer");
  const course = makeCourse(db, host, { capacity: 5 });
  const guest = makeActor(db, "trainer");
  const colleague = makeUser(db, { role: "director", facilityId: guest.facilityId });
  const person = makeStaff(db, { facilityId: guest.facilityId! });
  const e = requestEnrolment(db, guest, { courseId: course.id, staffId: person.id });
  decideEnrolment(db, host, { intent: "approve", enrolmentId: e.id });
  const mine = listNotifications(db, guest.userId, page).rows[0];
  const theirs = listNotifications(db, colleague.id, page).rows[0];
  expect(markNotificationRead(db, guest.userId, theirs.id)).toBe(false);
  expect(countUnread(db, colleague.id)).toBe(1);
  expect(markNotificationRead(db, guest.userId, mine.id)).toBe(true);
  expect(countUnread(db, guest.userId)).toBe(0);
  expect(countUnread(db, colleague.id)).toBe(1);
  expect(markAllNotificationsRead(db, colleague.id)).toBe(1);
  expect(countUnread(db, colleague.id)).toBe(0);
});

test("agreements of the user's facility ending within 60 days are reminded once per end date", () => {
  const db = createTestDb();
  const { province, hub, spokeA, spokeB } = makeTransferNetwork(db);
  const owner = userActor(db, "director", hub.id, province.code);
  const trainer = userActor(db, "trainer", spokeA.id, province.code);
  const outsider = userActor(db, "director", spokeB.id, province.code);
  const soon = makeActiveAgreement(db, owner, { supporting: [hub], receiving: [spokeA] }, { endOn: "2026-08-30" });
  makeActiveAgreement(db, owner, { supporting: [hub], receiving: [spokeA] }, { number: "06/HĐ", endOn: "2026-09-01" });

  expect(ensureExpiryReminders(db, trainer, "2026-07-01")).toBe(1);
  expect(ensureExpiryReminders(db, trainer, "2026-07-02")).toBe(0);
  expect(ensureExpiryReminders(db, owner, "2026-07-01")).toBe(1);
  expect(ensureExpiryReminders(db, outsider, "2026-07-01")).toBe(0);
  const [reminder] = listRecentNotifications(db, trainer.userId, 5);
  expect(reminder).toMatchObject({ kind: "agreement_expiring", agreementId: soon.id, onDate: "2026-08-30" });
  // The second agreement comes into the window two days later.
  expect(ensureExpiryReminders(db, trainer, "2026-07-03")).toBe(1);
  // Department officers and administrators read many facilities: they get no reminders.
  expect(ensureExpiryReminders(db, userActor(db, "department", null, province.code), "2026-07-01")).toBe(0);
});
