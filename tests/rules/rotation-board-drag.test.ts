import { expect, test } from "vitest";
import { barPlacement, draggedRange, dragSteps, dragUnit } from "~/models/rotations/board";

const quarter = { start: "2026-04-01", end: "2026-06-30" }; // 91 days
const year = { start: "2026-01-01", end: "2026-12-31" };

test("the board snaps to days on the month and quarter views and to months on the year view", () => {
  expect(dragUnit("month")).toBe("day");
  expect(dragUnit("quarter")).toBe("day");
  expect(dragUnit("year")).toBe("month");
});

test("pixels become whole days or months of the window, rounded to the nearest", () => {
  // 910 px for 91 days: 10 px a day.
  expect(dragSteps(34, 910, quarter, "day")).toBe(3);
  expect(dragSteps(36, 910, quarter, "day")).toBe(4);
  expect(dragSteps(-36, 910, quarter, "day")).toBe(-4);
  expect(Object.is(dragSteps(-4, 910, quarter, "day"), -0)).toBe(false);
  // 1200 px for 12 months: 100 px a month.
  expect(dragSteps(149, 1200, year, "month")).toBe(1);
  expect(dragSteps(151, 1200, year, "month")).toBe(2);
  expect(dragSteps(50, 0, year, "month")).toBe(0);
});

test("moving shifts both ends; by months a month-end stays a month-end", () => {
  const r = { start: "2026-04-06", end: "2026-07-05" };
  expect(draggedRange(r, "move", 10, "day")).toEqual({ start: "2026-04-16", end: "2026-07-15" });
  expect(draggedRange(r, "move", -6, "day")).toEqual({ start: "2026-03-31", end: "2026-06-29" });
  expect(draggedRange({ start: "2026-01-01", end: "2026-03-31" }, "move", 1, "month")).toEqual({ start: "2026-02-01", end: "2026-04-30" });
  expect(draggedRange({ start: "2026-01-15", end: "2026-04-14" }, "move", 1, "month")).toEqual({ start: "2026-02-15", end: "2026-05-14" });
  expect(draggedRange(r, "move", 0, "day")).toBe(r);
});

test("dragging an end moves that end only and never past the other", () => {
  const r = { start: "2026-04-06", end: "2026-07-05" };
  expect(draggedRange(r, "end", -30, "day")).toEqual({ start: "2026-04-06", end: "2026-06-05" });
  expect(draggedRange(r, "start", 5, "day")).toEqual({ start: "2026-04-11", end: "2026-07-05" });
  expect(draggedRange(r, "end", -200, "day")).toEqual({ start: "2026-04-06", end: "2026-04-06" });
  expect(draggedRange(r, "start", 200, "day")).toEqual({ start: "2026-07-05", end: "2026-07-05" });
  expect(draggedRange({ start: "2026-01-01", end: "2026-03-31" }, "end", 2, "month")).toEqual({ start: "2026-01-01", end: "2026-05-31" });
});

test("a bar is placed by the part of it inside the window, and not at all outside it", () => {
  expect(barPlacement({ start: "2026-04-01", end: "2026-06-30" }, quarter)).toEqual({ left: 0, width: 100 });
  // Starts before the window: drawn from its left edge; 30 of 91 days.
  expect(barPlacement({ start: "2026-03-01", end: "2026-04-30" }, quarter)).toEqual({ left: 0, width: 32.967 });
  // 1 May is day 31 of the window: 30 days before it.
  expect(barPlacement({ start: "2026-05-01", end: "2026-05-01" }, quarter)).toEqual({ left: 32.967, width: 1.099 });
  expect(barPlacement({ start: "2026-07-01", end: "2026-09-30" }, quarter)).toBeNull();
  expect(barPlacement({ start: "2026-01-01", end: "2026-03-31" }, quarter)).toBeNull();
});
