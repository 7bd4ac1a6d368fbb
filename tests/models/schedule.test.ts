import { expect, test } from "vitest";
import { courseSessions, courseTrainers, courses, enrolments, rotations, staffUnavailability } from "~/db/schema";
import type { Db } from "~/db/client.server";
import { assertPersonFree, listCommitments, listCommitmentsByStaff } from "~/models/schedule/commitments.server";
import type { CourseStatus, EnrolmentStatus, RotationStatus } from "~/models/enums";
import { createTestDb } from "../helpers/db";
import { makeFacility, makeStaff } from "../helpers/factories";

function addRotation(db: Db, staffId: number, from: number, to: number, startOn: string, endOn: string, status: RotationStatus = "planned") {
  return db
    .insert(rotations)
    .values({ staffId, fromFacilityId: from, toFacilityId: to, purpose: "manpower_support", startOn, endOn, status })
    .returning()
    .get();
}

function addCourse(db: Db, hostFacilityId: number, title: string, startOn: string, endOn: string, status: CourseStatus = "open") {
  return db
    .insert(courses)
    .values({ title, searchText: title, hostFacilityId, mode: "at_host", startOn, endOn, capacity: 20, status })
    .returning()
    .get();
}

function enrol(db: Db, courseId: number, staffId: number, status: EnrolmentStatus) {
  db.insert(enrolments).values({ courseId, staffId, status, requestedAt: "2026-01-01T00:00:00Z" }).run();
}

test("a person's rotations, attended and trained courses are their commitments; cancelled ones are not", () => {
  const db = createTestDb();
  const home = makeFacility(db);
  const away = makeFacility(db, { shortName: "TTYT Bảo Yên" });
  const person = makeStaff(db, { facilityId: home.id });
  addRotation(db, person.id, home.id, away.id, "2026-01-01", "2026-03-31");
  addRotation(db, person.id, home.id, away.id, "2026-05-01", "2026-07-31", "cancelled");
  const ecmo = addCourse(db, home.id, "ECMO cơ bản", "2026-04-06", "2026-04-10");
  enrol(db, ecmo.id, person.id, "approved");
  const cancelled = addCourse(db, home.id, "Khóa đã hủy", "2026-04-13", "2026-04-14", "cancelled");
  enrol(db, cancelled.id, person.id, "enrolled");
  const taught = addCourse(db, home.id, "Gây tê ngoài màng cứng", "2026-08-03", "2026-08-07");
  db.insert(courseTrainers).values({ courseId: taught.id, staffId: person.id }).run();

  const list = listCommitments(db, person.id);
  expect(list.map((c) => [c.kind, c.title, c.start, c.end])).toEqual([
    ["rotation", "TTYT Bảo Yên", "2026-01-01", "2026-03-31"],
    ["course_attendance", "ECMO cơ bản", "2026-04-06", "2026-04-10"],
    ["course_training", "Gây tê ngoài màng cứng", "2026-08-03", "2026-08-07"],
  ]);
});

test("waitlisted, withdrawn and failed enrolments leave the person free", () => {
  const db = createTestDb();
  const home = makeFacility(db);
  const statuses: EnrolmentStatus[] = ["waitlisted", "withdrawn", "failed"];
  for (const status of statuses) {
    const person = makeStaff(db, { facilityId: home.id });
    const course = addCourse(db, home.id, `Khóa ${status}`, "2026-02-02", "2026-02-06");
    enrol(db, course.id, person.id, status);
    expect(listCommitments(db, person.id)).toEqual([]);
  }
  const requested = makeStaff(db, { facilityId: home.id });
  const course = addCourse(db, home.id, "Khóa đăng ký", "2026-02-02", "2026-02-06");
  enrol(db, course.id, requested.id, "requested");
  expect(listCommitments(db, requested.id)).toHaveLength(1);
});

test("a trainer of single sessions is busy on the session days only", () => {
  const db = createTestDb();
  const home = makeFacility(db);
  const person = makeStaff(db, { facilityId: home.id });
  const course = addCourse(db, home.id, "Nội soi khớp", "2026-02-23", "2026-03-06");
  db.insert(courseSessions)
    .values([
      { courseId: course.id, heldOn: "2026-02-27", startsAt: "08:00", endsAt: "11:00", topic: "Lý thuyết", trainerId: person.id },
      { courseId: course.id, heldOn: "2026-03-02", startsAt: "08:00", endsAt: "11:00", topic: "Thực hành", trainerId: person.id },
    ])
    .run();
  expect(listCommitments(db, person.id, { start: "2026-02-28", end: "2026-03-01" })).toEqual([]);
  expect(() => assertPersonFree(db, person.id, { start: "2026-02-28", end: "2026-03-02" })).toThrowError(
    "rotations:errors.clash.course_training",
  );
});

test("assertPersonFree names the clash and ignores the record being edited", () => {
  const db = createTestDb();
  const home = makeFacility(db);
  const away = makeFacility(db, { shortName: "TTYT Bát Xát" });
  const person = makeStaff(db, { facilityId: home.id });
  const current = addRotation(db, person.id, home.id, away.id, "2025-11-01", "2026-01-31");
  try {
    assertPersonFree(db, person.id, { start: "2026-01-31", end: "2026-04-30" });
    expect.unreachable();
  } catch (error) {
    expect(error).toMatchObject({
      status: 409,
      message: "rotations:errors.clash.rotation",
      params: { title: "TTYT Bát Xát", start: "2025-11-01", end: "2026-01-31" },
    });
  }
  expect(() => assertPersonFree(db, person.id, { start: "2026-02-01", end: "2026-04-30" })).not.toThrow();
  expect(() =>
    assertPersonFree(db, person.id, { start: "2025-12-01", end: "2026-02-28" }, { ignore: { kind: "rotation", id: current.id } }),
  ).not.toThrow();
});

test("commitments of a whole facility come back per person in one call", () => {
  const db = createTestDb();
  const home = makeFacility(db);
  const other = makeFacility(db);
  const a = makeStaff(db, { facilityId: home.id });
  const b = makeStaff(db, { facilityId: home.id });
  const stranger = makeStaff(db, { facilityId: other.id });
  addRotation(db, a.id, home.id, other.id, "2026-01-01", "2026-03-31");
  addRotation(db, b.id, home.id, other.id, "2026-06-01", "2026-08-31");
  addRotation(db, stranger.id, other.id, home.id, "2026-01-01", "2026-03-31");
  const byStaff = listCommitmentsByStaff(db, { facilityId: home.id }, { start: "2026-03-01", end: "2026-06-01" });
  expect([...byStaff.keys()].sort()).toEqual([a.id, b.id].sort());
  expect(listCommitmentsByStaff(db, { staffIds: [stranger.id] }).get(stranger.id)).toHaveLength(1);
});

test("a period away is a commitment titled by its kind in both languages, refused by assertPersonFree", () => {
  const db = createTestDb();
  const home = makeFacility(db);
  const person = makeStaff(db, { facilityId: home.id });
  const other = makeStaff(db, { facilityId: home.id });
  const away = db.insert(staffUnavailability).values({ staffId: person.id, kind: "maternity", startOn: "2027-03-01", endOn: "2027-08-31" }).returning().get();
  db.insert(staffUnavailability).values({ staffId: other.id, kind: "other", startOn: "2027-01-01", endOn: "2027-01-05" }).run();
  expect(listCommitments(db, person.id)).toEqual([
    { kind: "unavailability", id: away.id, title: "Nghỉ thai sản", titleEn: "Maternity leave", start: "2027-03-01", end: "2027-08-31" },
  ]);
  expect(listCommitments(db, person.id, { start: "2027-09-01", end: "2027-12-31" })).toEqual([]);
  try {
    assertPersonFree(db, person.id, { start: "2027-08-31", end: "2027-09-30" }, { field: "startOn" });
    expect.unreachable();
  } catch (error) {
    expect(error).toMatchObject({ status: 409, field: "startOn", message: "rotations:errors.clash.unavailability", params: { title: "Nghỉ thai sản", titleEn: "Maternity leave" } });
  }
  const byStaff = listCommitmentsByStaff(db, { facilityId: home.id });
  expect(byStaff.get(other.id)?.map((c) => c.title)).toEqual(["Vắng mặt khác"]);
});
