import { expect, test } from "vitest";
import { creditStanding, creditWindow, expiringRange, summariseCredits } from "~/models/credits/rules";

test("the five-year window ends today and starts the day after the same date five years earlier", () => {
  expect(creditWindow("2026-03-10")).toEqual({ start: "2021-03-11", end: "2026-03-10" });
});

test("the window across the turn of the year", () => {
  expect(creditWindow("2026-01-01")).toEqual({ start: "2021-01-02", end: "2026-01-01" });
  expect(creditWindow("2025-12-31")).toEqual({ start: "2021-01-01", end: "2025-12-31" });
});

test("on 29 February the window starts on 1 March five years earlier", () => {
  expect(creditWindow("2028-02-29")).toEqual({ start: "2023-03-01", end: "2028-02-29" });
  // Five years after a leap day: 2024-02-29 falls in the window of 2029-02-28 until its end.
  expect(creditWindow("2029-02-28").start).toBe("2024-02-29");
  expect(creditWindow("2029-03-01").start).toBe("2024-03-02");
});

test("hours leaving within a year are those of the window's first year", () => {
  expect(expiringRange("2026-03-10")).toEqual({ start: "2021-03-11", end: "2022-03-10" });
  expect(expiringRange("2027-02-28")).toEqual({ start: "2022-03-01", end: "2023-02-28" });
});

test("entries outside the window do not count, those in its first year are expiring", () => {
  const s = summariseCredits(
    [
      { activityOn: "2021-03-10", hours: 100 }, // a day too old
      { activityOn: "2021-03-11", hours: 40 }, // first day: counts, expires soon
      { activityOn: "2024-06-01", hours: 90 },
      { activityOn: "2026-03-11", hours: 50 }, // tomorrow: not yet
    ],
    "2026-03-10",
  );
  expect(s).toMatchObject({ total: 130, expiring: 40, shortfall: 0, standing: "at_risk" });
});

test("below 120 hours is short now; 120 that stay in the window is met", () => {
  expect(creditStanding(119.5, 0)).toBe("below");
  expect(creditStanding(120, 0)).toBe("met");
  expect(creditStanding(150, 31)).toBe("at_risk");
  expect(summariseCredits([{ activityOn: "2025-01-01", hours: 30 }], "2025-12-31").shortfall).toBe(90);
});
