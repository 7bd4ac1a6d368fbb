// Fixtures for the courses tests: actors with user rows, and courses made through the model.
import type { Db } from "~/db/client.server";
import type { Actor } from "~/models/access/policy";
import { createCourse } from "~/models/courses/courses.server";
import { courseSchema, type CourseInput } from "~/models/courses/schemas";
import type { Role } from "~/models/enums";
import { makeFacility, makeUser } from "./factories";

/** An actor of `role` at `facilityId` (a new facility when omitted), backed by a users row. */
export function makeActor(db: Db, role: Role, facilityId?: number): Actor {
  const facility = facilityId ?? (role === "admin" || role === "department" ? null : makeFacility(db).id);
  const user = makeUser(db, { role, facilityId: facility });
  return { userId: user.id, role, facilityId: facility, provinceCode: null };
}

/** A valid course input: open, 2026-03-02..2026-03-06, capacity 2, two sessions. */
export function courseInput(overrides: Partial<Record<keyof CourseInput, unknown>> = {}): CourseInput {
  return courseSchema.parse({
    title: "Hồi sức cấp cứu cơ bản",
    chapterNumber: undefined,
    mode: "at_host",
    status: "open",
    startOn: "2026-03-02",
    endOn: "2026-03-06",
    capacity: 2,
    creditHours: 16,
    minAttendancePercent: 50,
    sessions: [
      { heldOn: "2026-03-02", startsAt: "08:00", endsAt: "11:30", topic: "Cấp cứu ngừng tuần hoàn", periods: 4 },
      { heldOn: "2026-03-03", startsAt: "08:00", endsAt: "11:30", topic: "Thông khí nhân tạo", periods: 4 },
    ],
    ...overrides,
  });
}

export function makeCourse(db: Db, host: Actor, overrides: Partial<Record<keyof CourseInput, unknown>> = {}) {
  return createCourse(db, host, courseInput(overrides));
}
