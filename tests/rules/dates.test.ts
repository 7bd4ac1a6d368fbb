import { expect, test } from "vitest";
import { daysInclusive, isIsoDate, lastsAtLeastMonths, overlaps, vietnamToday } from "~/models/dates";

test("rejects impossible calendar dates", () => {
  expect(isIsoDate("2026-02-30")).toBe(false);
  expect(isIsoDate("2025-02-29")).toBe(false);
  expect(isIsoDate("2024-02-29")).toBe(true);
  expect(isIsoDate("2026-13-01")).toBe(false);
  expect(isIsoDate("26-01-01")).toBe(false);
  expect(isIsoDate("2026-12-31")).toBe(true);
});

test("ranges are inclusive at both ends", () => {
  expect(overlaps({ start: "2026-01-01", end: "2026-01-31" }, { start: "2026-01-31", end: "2026-02-28" })).toBe(true);
  expect(overlaps({ start: "2026-01-01", end: "2026-01-30" }, { start: "2026-01-31", end: "2026-02-28" })).toBe(false);
  expect(overlaps({ start: "2025-12-31", end: "2026-01-01" }, { start: "2026-01-01", end: "2026-01-01" })).toBe(true);
  expect(daysInclusive({ start: "2024-02-28", end: "2024-03-01" })).toBe(3);
  expect(daysInclusive({ start: "2025-12-31", end: "2026-01-01" })).toBe(2);
});

test("three months counts calendar months across month ends, leap days and year turns", () => {
  expect(lastsAtLeastMonths({ start: "2026-01-01", end: "2026-03-31" }, 3)).toBe(true);
  expect(lastsAtLeastMonths({ start: "2026-01-01", end: "2026-03-30" }, 3)).toBe(false);
  expect(lastsAtLeastMonths({ start: "2023-11-30", end: "2024-02-28" }, 3)).toBe(true);
  expect(lastsAtLeastMonths({ start: "2023-11-30", end: "2024-02-27" }, 3)).toBe(false);
  expect(lastsAtLeastMonths({ start: "2025-10-15", end: "2026-01-14" }, 3)).toBe(true);
  expect(lastsAtLeastMonths({ start: "2025-10-15", end: "2026-01-13" }, 3)).toBe(false);
});

test("today in Vietnam turns at 17:00 UTC", () => {
  expect(vietnamToday(new Date("2026-12-31T16:59:59Z"))).toBe("2026-12-31");
  expect(vietnamToday(new Date("2026-12-31T17:00:00Z"))).toBe("2027-01-01");
});
