import { eq } from "drizzle-orm";
import { expect, test, vi } from "vitest";
import { courses, enrolments, rotations } from "~/db/schema";
import { decideEnrolment, listEnrolmentCandidates, listParticipants, requestEnrolment } from "~/models/courses/enrolments.server";
import { ConflictError, ForbiddenError } from "~/models/errors";
import { createTestDb } from "../helpers/db";
import { makeActor, makeCourse } from "../helpers/course-fixtures";
import { makeFacility, makeStaff } from "../helpers/factories";

const page = { page: 1, pageSize: 50, offset: 0 };

function setup() {
  const db = createTestDb();
  const host = makeActor(db, "trainer");
  const course = makeCourse(db, host, { capacity: 2 });
  return { db, host, course };
}

function statuses(db: ReturnType<typeof createTestDb>, courseId: number) {
  return db
    .select({ staffId: enrolments.staffId, status: enrolments.status, position: enrolments.waitlistPosition })
    .from(enrolments)
    .where(eq(enrolments.courseId, courseId))
    .orderBy(enrolments.id)
    .all();
}

test("the host's own staff get seats at once until the course is full, then join the waitlist in order", () => {
  const { db, host, course } = setup();
  const people = [1, 2, 3, 4].map(() => makeStaff(db, { facilityId: host.facilityId! }));
  for (const p of people) requestEnrolment(db, host, { courseId: course.id, staffId: p.id });
  expect(statuses(db, course.id)).toEqual([
    { staffId: people[0].id, status: "approved", position: null },
    { staffId: people[1].id, status: "approved", position: null },
    { staffId: people[2].id, status: "waitlisted", position: 1 },
    { staffId: people[3].id, status: "waitlisted", position: 2 },
  ]);
});

test("another hospital's trainer requests seats for its own staff; the host approves them", () => {
  const { db, host, course } = setup();
  const guest = makeActor(db, "director");
  const nurse = makeStaff(db, { facilityId: guest.facilityId!, cadre: "nurse" });
  const requested = requestEnrolment(db, guest, { courseId: course.id, staffId: nurse.id });
  expect(requested.status).toBe("requested");
  expect(() => decideEnrolment(db, guest, { intent: "approve", enrolmentId: requested.id })).toThrow(ForbiddenError);
  expect(decideEnrolment(db, host, { intent: "approve", enrolmentId: requested.id }).enrolment.status).toBe("approved");
});

test("a trainer cannot request a seat for another hospital's staff", () => {
  const { db, course } = setup();
  const guest = makeActor(db, "trainer");
  const stranger = makeStaff(db, { facilityId: makeFacility(db).id });
  expect(() => requestEnrolment(db, guest, { courseId: course.id, staffId: stranger.id })).toThrow(ForbiddenError);
  expect(statuses(db, course.id)).toEqual([]);
});

test("withdrawing a seat promotes the first person on the waitlist and closes the gap", () => {
  const { db, host, course } = setup();
  const people = [1, 2, 3, 4].map(() => makeStaff(db, { facilityId: host.facilityId! }));
  const rows = people.map((p) => requestEnrolment(db, host, { courseId: course.id, staffId: p.id }));
  const { promoted } = decideEnrolment(db, host, { intent: "withdraw", enrolmentId: rows[0].id });
  expect(promoted.map((e) => e.staffId)).toEqual([people[2].id]);
  expect(statuses(db, course.id).map((r) => [r.status, r.position])).toEqual([
    ["withdrawn", null],
    ["approved", null],
    ["approved", null],
    ["waitlisted", 1],
  ]);
});

test("rejecting a request frees its seat for the waitlist; a promoted guest waits for approval", () => {
  const { db, host, course } = setup();
  const guest = makeActor(db, "trainer");
  const [a, b, c] = [1, 2, 3].map(() => makeStaff(db, { facilityId: guest.facilityId! }));
  const ra = requestEnrolment(db, guest, { courseId: course.id, staffId: a.id });
  requestEnrolment(db, guest, { courseId: course.id, staffId: b.id });
  const rc = requestEnrolment(db, guest, { courseId: course.id, staffId: c.id });
  expect(rc.status).toBe("waitlisted");
  decideEnrolment(db, host, { intent: "reject", enrolmentId: ra.id });
  const after = db.select().from(enrolments).where(eq(enrolments.id, rc.id)).get()!;
  expect(after).toMatchObject({ status: "requested", waitlistPosition: null });
});

test("leaving the waitlist moves the people behind up one place", () => {
  const { db, host, course } = setup();
  const people = [1, 2, 3, 4, 5].map(() => makeStaff(db, { facilityId: host.facilityId! }));
  const rows = people.map((p) => requestEnrolment(db, host, { courseId: course.id, staffId: p.id }));
  decideEnrolment(db, host, { intent: "withdraw", enrolmentId: rows[2].id });
  expect(statuses(db, course.id).map((r) => r.position)).toEqual([null, null, null, 1, 2]);
});

test("enrolling the same person twice is refused and nothing is added", () => {
  const { db, host, course } = setup();
  const p = makeStaff(db, { facilityId: host.facilityId!, fullName: "Lò Thị Mai" });
  requestEnrolment(db, host, { courseId: course.id, staffId: p.id });
  expect(() => requestEnrolment(db, host, { courseId: course.id, staffId: p.id })).toThrow(
    expect.objectContaining({ message: "courses:errors.duplicate", status: 409, params: { name: "Lò Thị Mai" } }),
  );
  expect(statuses(db, course.id)).toHaveLength(1);
});

test("a person who withdrew can be requested again", () => {
  const { db, host, course } = setup();
  const p = makeStaff(db, { facilityId: host.facilityId! });
  const first = requestEnrolment(db, host, { courseId: course.id, staffId: p.id });
  decideEnrolment(db, host, { intent: "withdraw", enrolmentId: first.id });
  expect(requestEnrolment(db, host, { courseId: course.id, staffId: p.id })).toMatchObject({ id: first.id, status: "approved" });
});

test("a clash with the person's rotation is refused, naming the rotation", () => {
  const { db, host, course } = setup();
  const p = makeStaff(db, { facilityId: host.facilityId! });
  const to = makeFacility(db, { shortName: "BVĐK Bảo Yên", nameEn: "Bao Yen General Hospital" });
  db.insert(rotations)
    .values({ staffId: p.id, fromFacilityId: host.facilityId!, toFacilityId: to.id, purpose: "technique_transfer", startOn: "2026-02-01", endOn: "2026-03-02", status: "confirmed" })
    .run();
  let error: unknown;
  try {
    requestEnrolment(db, host, { courseId: course.id, staffId: p.id });
  } catch (e) {
    error = e;
  }
  expect(error).toBeInstanceOf(ConflictError);
  expect(error).toMatchObject({ message: "rotations:errors.clash.rotation", field: "staffId", params: { title: "BVĐK Bảo Yên" } });
  expect(statuses(db, course.id)).toEqual([]);
});

test("a clash with another course the person attends is refused, naming that course", () => {
  const { db, host, course } = setup();
  const other = makeCourse(db, host, { title: "Siêu âm sản khoa", startOn: "2026-03-06", endOn: "2026-03-10", sessions: [] });
  const p = makeStaff(db, { facilityId: host.facilityId! });
  requestEnrolment(db, host, { courseId: other.id, staffId: p.id });
  expect(() => requestEnrolment(db, host, { courseId: course.id, staffId: p.id })).toThrow(
    expect.objectContaining({ message: "rotations:errors.clash.course_attendance", params: expect.objectContaining({ title: "Siêu âm sản khoa" }) }),
  );
});

test("a course that is not open takes no requests", () => {
  const { db, host, course } = setup();
  db.update(courses).set({ status: "closed" }).where(eq(courses.id, course.id)).run();
  const p = makeStaff(db, { facilityId: host.facilityId! });
  expect(() => requestEnrolment(db, host, { courseId: course.id, staffId: p.id })).toThrow(
    expect.objectContaining({ message: "courses:errors.notOpen" }),
  );
});

test("another hospital sees only its own staff among the participants", () => {
  const { db, host, course } = setup();
  const guest = makeActor(db, "trainer");
  requestEnrolment(db, host, { courseId: course.id, staffId: makeStaff(db, { facilityId: host.facilityId! }).id });
  const own = makeStaff(db, { facilityId: guest.facilityId! });
  requestEnrolment(db, guest, { courseId: course.id, staffId: own.id });
  expect(listParticipants(db, guest, course, page, "vi").rows.map((r) => r.staffId)).toEqual([own.id]);
  expect(listParticipants(db, host, course, page, "vi").total).toBe(2);
});

test("a decision posted on one course's page cannot change an enrolment of another course", () => {
  const { db, host, course } = setup();
  const other = makeCourse(db, host, { title: "Khác", capacity: 2 });
  const person = makeStaff(db, { facilityId: host.facilityId! });
  const enrolment = requestEnrolment(db, host, { courseId: other.id, staffId: person.id });
  expect(() => decideEnrolment(db, host, { intent: "withdraw", enrolmentId: enrolment.id, courseId: course.id })).toThrow(
    expect.objectContaining({ status: 404 }),
  );
  expect(statuses(db, other.id)).toEqual([{ staffId: person.id, status: "approved", position: null }]);
});

test("a pending request on a completed or cancelled course cannot be approved; it can still be rejected", () => {
  const { db, host } = setup();
  const guest = makeActor(db, "trainer");
  for (const status of ["completed", "cancelled"] as const) {
    const course = makeCourse(db, host, { title: `Khóa ${status}`, capacity: 2 });
    const pending = requestEnrolment(db, guest, { courseId: course.id, staffId: makeStaff(db, { facilityId: guest.facilityId! }).id });
    db.update(courses).set({ status }).where(eq(courses.id, course.id)).run();
    expect(() => decideEnrolment(db, host, { intent: "approve", enrolmentId: pending.id })).toThrow(
      expect.objectContaining({ message: "courses:errors.approveClosedCourse", status: 409, params: { status } }),
    );
    expect(db.select().from(enrolments).where(eq(enrolments.id, pending.id)).get()).toMatchObject({ status: "requested", version: pending.version });
    expect(decideEnrolment(db, host, { intent: "reject", enrolmentId: pending.id }).enrolment.status).toBe("rejected");
  }
});

test("the enrol list marks people busy on the course's days with what holds them, as the request would refuse them", () => {
  const { db, host, course } = setup();
  const facilityId = host.facilityId!;
  const free = makeStaff(db, { facilityId, fullName: "An Văn Rảnh" });
  const rotating = makeStaff(db, { facilityId, fullName: "Bùi Thị Luân" });
  const studying = makeStaff(db, { facilityId, fullName: "Cao Văn Học" });
  const afterwards = makeStaff(db, { facilityId, fullName: "Đỗ Thị Sau" });
  const to = makeFacility(db, { shortName: "BVĐK Bảo Yên", nameEn: "Bao Yen General Hospital" });
  db.insert(rotations)
    .values([
      // Ends on the course's first day (inclusive): busy.
      { staffId: rotating.id, fromFacilityId: facilityId, toFacilityId: to.id, purpose: "technique_transfer", startOn: "2026-01-01", endOn: "2026-03-02", status: "confirmed" },
      // Starts the day after the course: free.
      { staffId: afterwards.id, fromFacilityId: facilityId, toFacilityId: to.id, purpose: "technique_transfer", startOn: "2026-03-07", endOn: "2026-06-30", status: "planned" },
    ])
    .run();
  const other = makeCourse(db, host, { title: "Siêu âm sản khoa", startOn: "2026-03-06", endOn: "2026-03-10", sessions: [] });
  requestEnrolment(db, host, { courseId: other.id, staffId: studying.id });

  const list = listEnrolmentCandidates(db, host, course);
  expect(list.map((c) => [c.fullName, c.busy])).toEqual([
    ["An Văn Rảnh", null],
    ["Bùi Thị Luân", { kind: "rotation", id: expect.any(Number), title: "BVĐK Bảo Yên", titleEn: "Bao Yen General Hospital", start: "2026-01-01", end: "2026-03-02" }],
    ["Cao Văn Học", { kind: "course_attendance", id: other.id, title: "Siêu âm sản khoa", titleEn: "Siêu âm sản khoa", start: "2026-03-06", end: "2026-03-10" }],
    ["Đỗ Thị Sau", null],
  ]);
  // The server still refuses the busy ones (409) and takes the free ones.
  expect(() => requestEnrolment(db, host, { courseId: course.id, staffId: rotating.id })).toThrow(expect.objectContaining({ status: 409 }));
  expect(requestEnrolment(db, host, { courseId: course.id, staffId: free.id }).status).toBe("approved");
  expect(requestEnrolment(db, host, { courseId: course.id, staffId: afterwards.id }).status).toBe("approved");
});

test("the busy marks of the whole enrol list come from one query, however long the list", () => {
  const { db, host, course } = setup();
  const statements = (count: number) => {
    for (let i = 0; i < count; i++) makeStaff(db, { facilityId: host.facilityId! });
    const prepare = vi.spyOn(db.$client, "prepare");
    try {
      expect(listEnrolmentCandidates(db, host, course).length).toBeGreaterThanOrEqual(count);
      return prepare.mock.calls.length;
    } finally {
      prepare.mockRestore();
    }
  };
  const few = statements(2);
  expect(statements(40)).toBe(few);
  expect(few).toBeLessThanOrEqual(2);
});
