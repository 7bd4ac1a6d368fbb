import { expect, test } from "vitest";
import {
  absenceLimit,
  checkAbsenceLimit,
  checkDates,
  checkFacilities,
  checkMinimumLength,
  checkTechniques,
  checkTransition,
  displayStatus,
  peakConcurrent,
} from "~/models/rotations/rules";

test("a confirmed rotation is in progress from its first to its last day only", () => {
  const r = { status: "confirmed" as const, startOn: "2025-12-01", endOn: "2026-02-28" };
  expect(displayStatus(r, "2025-11-30")).toBe("confirmed");
  expect(displayStatus(r, "2025-12-01")).toBe("in_progress");
  expect(displayStatus(r, "2026-01-01")).toBe("in_progress");
  expect(displayStatus(r, "2026-02-28")).toBe("in_progress");
  expect(displayStatus(r, "2026-03-01")).toBe("confirmed");
  expect(displayStatus({ ...r, status: "planned" }, "2026-01-01")).toBe("planned");
});

test("statuses move planned -> confirmed -> completed, either may be cancelled, nothing leaves the end states", () => {
  const planned = { status: "planned" as const, startOn: "2026-01-01" };
  expect(checkTransition(planned, "confirmed", "2025-12-01")).toBeNull();
  expect(checkTransition(planned, "cancelled", "2025-12-01")).toBeNull();
  expect(checkTransition(planned, "completed", "2026-05-01")?.message).toBe("rotations:errors.transition");
  const confirmed = { status: "confirmed" as const, startOn: "2026-01-01" };
  expect(checkTransition(confirmed, "completed", "2025-12-31")?.message).toBe("rotations:errors.completeBeforeStart");
  expect(checkTransition(confirmed, "completed", "2026-01-01")).toBeNull();
  expect(checkTransition({ status: "cancelled", startOn: "2026-01-01" }, "confirmed", "2026-01-01")?.status).toBe(409);
  expect(checkTransition({ status: "completed", startOn: "2026-01-01" }, "cancelled", "2026-01-01")).not.toBeNull();
});

test("impossible calendar dates and an end before the start are refused next to the field", () => {
  expect(checkDates({ start: "2026-02-30", end: "2026-05-30" })).toMatchObject({ field: "startOn", message: "common:validation.invalidDate" });
  expect(checkDates({ start: "2026-03-01", end: "2025-02-29" })).toMatchObject({ field: "endOn" });
  expect(checkDates({ start: "2026-03-01", end: "2026-02-28" })).toMatchObject({ field: "endOn", message: "common:validation.endBeforeStart" });
  expect(checkDates({ start: "2028-02-29", end: "2028-02-29" })).toBeNull();
});

test("the receiving facility must differ from the sending one", () => {
  expect(checkFacilities(4, 4)?.field).toBe("toFacilityId");
  expect(checkFacilities(4, 5)).toBeNull();
});

test("three months from 30 November reach 28 February, and a day less is too short", () => {
  const rule = { minMonths: 3, shortTerm: false, shortTermReason: null };
  expect(checkMinimumLength({ start: "2025-11-30", end: "2026-02-27" }, rule)).toBeNull();
  expect(checkMinimumLength({ start: "2025-11-30", end: "2026-02-26" }, rule)?.message).toBe("rotations:errors.tooShort");
});

test("three months from 1 December end on the last day of February, in a leap year too", () => {
  const rule = { minMonths: null, shortTerm: false, shortTermReason: null };
  expect(checkMinimumLength({ start: "2027-12-01", end: "2028-02-29" }, rule)).toBeNull();
  expect(checkMinimumLength({ start: "2027-12-01", end: "2028-02-28" }, rule)).toMatchObject({ params: { months: 3 } });
  expect(checkMinimumLength({ start: "2025-12-01", end: "2026-02-28" }, rule)).toBeNull();
});

test("a short rotation passes only as short-term support with a reason", () => {
  const range = { start: "2026-01-05", end: "2026-01-30" };
  expect(checkMinimumLength(range, { minMonths: 3, shortTerm: true, shortTermReason: "  " })?.field).toBe("shortTermReason");
  expect(checkMinimumLength(range, { minMonths: 3, shortTerm: true, shortTermReason: "Hỗ trợ ca ghép thận" })).toBeNull();
});

test("an agreement may set a longer minimum than three months", () => {
  const range = { start: "2026-01-01", end: "2026-03-31" };
  expect(checkMinimumLength(range, { minMonths: 3, shortTerm: false, shortTermReason: null })).toBeNull();
  expect(checkMinimumLength(range, { minMonths: 6, shortTerm: false, shortTermReason: null })).toMatchObject({ params: { months: 6 } });
});

test("a technique the person does not perform independently is named", () => {
  const required = [
    { techniqueId: 1, code: "10.367", name: "Phẫu thuật lấy máu tụ dưới màng cứng" },
    { techniqueId: 2, code: "10.800", name: "Thay khớp háng toàn phần" },
  ];
  expect(checkTechniques(required, new Set([1]))).toMatchObject({ params: { code: "10.800" } });
  expect(checkTechniques(required, new Set([1, 2]))).toBeNull();
  expect(checkTechniques([], new Set())).toBeNull();
});

test("the absence limit is the facility's own, else one per 50 beds, at least one", () => {
  expect(absenceLimit({ absenceLimit: 2, beds: 900 })).toBe(2);
  expect(absenceLimit({ absenceLimit: null, beds: 520 })).toBe(10);
  expect(absenceLimit({ absenceLimit: null, beds: 30 })).toBe(1);
  expect(absenceLimit({ absenceLimit: 0, beds: 500 })).toBe(0);
});

test("concurrent absences peak on the busiest day, touching ranges overlap on their shared day", () => {
  const window = { start: "2026-01-01", end: "2026-12-31" };
  expect(peakConcurrent([], window)).toBe(0);
  expect(peakConcurrent([{ start: "2026-01-01", end: "2026-01-31" }, { start: "2026-02-01", end: "2026-02-28" }], window)).toBe(1);
  expect(peakConcurrent([{ start: "2026-01-01", end: "2026-01-31" }, { start: "2026-01-31", end: "2026-02-28" }], window)).toBe(2);
  // outside the window does not count
  expect(peakConcurrent([{ start: "2025-10-01", end: "2025-12-31" }], window)).toBe(0);
  // across the turn of the year
  expect(
    peakConcurrent(
      [
        { start: "2025-11-01", end: "2026-01-15" },
        { start: "2025-12-20", end: "2026-03-01" },
        { start: "2026-01-16", end: "2026-04-01" },
      ],
      { start: "2025-12-01", end: "2026-02-01" },
    ),
  ).toBe(2);
});

test("exceeding the absence limit needs an explicit override and a reason", () => {
  const base = { othersAway: [{ start: "2026-01-01", end: "2026-06-30" }], range: { start: "2026-03-01", end: "2026-05-31" }, limit: 1 };
  expect(checkAbsenceLimit({ ...base, override: false, overrideReason: null })).toMatchObject({
    status: 409,
    params: { limit: 1, peak: 2 },
  });
  expect(checkAbsenceLimit({ ...base, override: true, overrideReason: "" })?.field).toBe("limitOverrideReason");
  expect(checkAbsenceLimit({ ...base, override: true, overrideReason: "Khoa đã bố trí người thay" })).toBeNull();
  expect(checkAbsenceLimit({ ...base, limit: 2, override: false, overrideReason: null })).toBeNull();
});
