import { expect, test } from "vitest";
import { clashError, findClashes, isFree, type Commitment } from "~/models/schedule/rules";

const rotation = (id: number, start: string, end: string): Commitment => ({
  kind: "rotation",
  id,
  title: `BV ${id}`,
  titleEn: `Hospital ${id}`,
  start,
  end,
});

test("a rotation ending on 31 January clashes with one starting that day, not the day after", () => {
  const jan = [rotation(1, "2026-01-01", "2026-01-31")];
  expect(findClashes(jan, { start: "2026-01-31", end: "2026-04-30" })).toHaveLength(1);
  expect(findClashes(jan, { start: "2026-02-01", end: "2026-04-30" })).toEqual([]);
});

test("29 February of a leap year is a day a person can be busy", () => {
  const leapDay = [rotation(1, "2028-02-29", "2028-02-29")];
  expect(isFree(leapDay, { start: "2028-02-28", end: "2028-02-28" })).toBe(true);
  expect(isFree(leapDay, { start: "2028-02-29", end: "2028-05-31" })).toBe(false);
  expect(isFree(leapDay, { start: "2028-03-01", end: "2028-05-31" })).toBe(true);
});

test("a commitment across the turn of the year clashes with ranges on either side", () => {
  const turn = [rotation(1, "2025-12-15", "2026-01-10")];
  expect(findClashes(turn, { start: "2025-10-01", end: "2025-12-31" }).map((c) => c.id)).toEqual([1]);
  expect(findClashes(turn, { start: "2026-01-10", end: "2026-03-31" }).map((c) => c.id)).toEqual([1]);
  expect(findClashes(turn, { start: "2026-01-11", end: "2026-03-31" })).toEqual([]);
  expect(findClashes(turn, { start: "2025-09-01", end: "2025-12-14" })).toEqual([]);
});

test("a range enclosing a course, or inside it, clashes with it", () => {
  const course: Commitment = { kind: "course_attendance", id: 7, title: "ECMO cơ bản", titleEn: "ECMO cơ bản", start: "2026-03-02", end: "2026-03-06" };
  expect(findClashes([course], { start: "2026-01-01", end: "2026-06-30" })).toEqual([course]);
  expect(findClashes([course], { start: "2026-03-04", end: "2026-03-04" })).toEqual([course]);
});

test("the record being edited is ignored, other records are not", () => {
  const list = [rotation(1, "2026-01-01", "2026-03-31"), rotation(2, "2026-03-15", "2026-06-30")];
  const range = { start: "2026-02-01", end: "2026-04-30" };
  expect(findClashes(list, range, { ignore: { kind: "rotation", id: 1 } }).map((c) => c.id)).toEqual([2]);
  expect(findClashes(list, range, { ignore: [{ kind: "rotation", id: 1 }, { kind: "rotation", id: 2 }] })).toEqual([]);
  // a course with the same id as the rotation is a different record
  const course: Commitment = { kind: "course_training", id: 1, title: "Khóa 1", titleEn: "Khóa 1", start: "2026-02-10", end: "2026-02-12" };
  expect(findClashes([...list, course], range, { ignore: { kind: "rotation", id: 1 } }).map((c) => c.kind)).toEqual([
    "course_training",
    "rotation",
  ]);
});

test("ignoring a course ignores it whether the person attends or trains it", () => {
  const attend: Commitment = { kind: "course_attendance", id: 5, title: "Khóa 5", titleEn: "Khóa 5", start: "2026-05-01", end: "2026-05-03" };
  const train: Commitment = { ...attend, kind: "course_training" };
  expect(findClashes([attend, train], { start: "2026-05-02", end: "2026-05-02" }, { ignore: { kind: "course_attendance", id: 5 } })).toEqual([]);
});

test("clashes come back earliest first", () => {
  const list = [rotation(3, "2026-06-01", "2026-06-30"), rotation(4, "2026-05-01", "2026-05-31")];
  expect(findClashes(list, { start: "2026-01-01", end: "2026-12-31" }).map((c) => c.id)).toEqual([4, 3]);
});

test("the clash message names the clashing record and its dates", () => {
  const error = clashError({ kind: "rotation", id: 9, title: "TTYT Bảo Thắng", titleEn: "Bao Thang Medical Centre", start: "2026-01-05", end: "2026-04-04" }, "startOn");
  expect(error.status).toBe(409);
  expect(error.message).toBe("rotations:errors.clash.rotation");
  expect(error.field).toBe("startOn");
  // Both names travel: the Vietnamese template reads `title`, the English one `titleEn`.
  expect(error.params).toMatchObject({ title: "TTYT Bảo Thắng", titleEn: "Bao Thang Medical Centre", start: "2026-01-05", end: "2026-04-04" });
});

test("a period away clashes like any commitment, and ignoring a course never ignores it", () => {
  const away: Commitment = { kind: "unavailability", id: 5, title: "Nghỉ phép năm", titleEn: "Annual leave", start: "2027-08-01", end: "2027-08-31" };
  const course: Commitment = { kind: "course_attendance", id: 5, title: "Khóa 5", titleEn: "Khóa 5", start: "2027-08-10", end: "2027-08-12" };
  expect(isFree([away], { start: "2027-07-01", end: "2027-07-31" })).toBe(true);
  expect(findClashes([away], { start: "2027-07-01", end: "2027-08-01" })).toEqual([away]);
  // The enrolment being changed (same id as the period) is left out; the period is not.
  expect(findClashes([away, course], { start: "2027-08-01", end: "2027-08-31" }, { ignore: { kind: "course_attendance", id: 5 } })).toEqual([away]);
  const error = clashError(away, "startOn");
  expect(error).toMatchObject({ status: 409, message: "rotations:errors.clash.unavailability", field: "startOn", params: { title: "Nghỉ phép năm", titleEn: "Annual leave" } });
});
