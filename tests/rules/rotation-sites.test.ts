import { expect, test } from "vitest";
import { layOutByMonth, monthSpans, parseSiteFilters, shiftMonth } from "~/models/rotations/sites";

test("months run across the turn of the year with their true lengths (29 February in a leap year)", () => {
  const spans = monthSpans("2027-11", 4);
  expect(spans.map((s) => [s.month, s.range.start, s.range.end])).toEqual([
    ["2027-11", "2027-11-01", "2027-11-30"],
    ["2027-12", "2027-12-01", "2027-12-31"],
    ["2028-01", "2028-01-01", "2028-01-31"],
    ["2028-02", "2028-02-01", "2028-02-29"],
  ]);
  expect(shiftMonth("2026-12", 1)).toBe("2027-01");
  expect(shiftMonth("2026-01", -6)).toBe("2025-07");
});

test("a stay appears in every month it touches, inclusive at both ends; untouched months are gaps", () => {
  const spans = monthSpans("2026-01", 4);
  const laid = layOutByMonth(spans, [
    { rotationId: 2, startOn: "2026-01-31", endOn: "2026-02-01" },
    { rotationId: 1, startOn: "2026-01-01", endOn: "2026-01-31" },
  ]);
  expect(laid.map((m) => m.stays.map((s) => s.rotationId))).toEqual([[1, 2], [2], [], []]);
});

test("the window is read from the query: a month or a date, else today's month; 3, 6 or 12 months", () => {
  expect(parseSiteFilters(new URLSearchParams("from=2026-03&months=12"), "2026-12-02")).toEqual({ from: "2026-03", months: 12 });
  expect(parseSiteFilters(new URLSearchParams("from=2026-02-30&months=7"), "2026-12-02")).toEqual({ from: "2026-12", months: 6 });
  expect(parseSiteFilters(new URLSearchParams("from=2026-05-17"), "2026-12-02")).toEqual({ from: "2026-05", months: 6 });
});
