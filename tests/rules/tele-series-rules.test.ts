import { expect, test } from "vitest";
import { checkSeriesTiming, isoWeekday, latestSeriesEnd, occurrences, vietnamToUtc, weeklyRule } from "~/models/tele/series";

const tuesdays = { weekday: 2, startTime: "14:00", durationMinutes: 60, startOn: "2026-12-01", endOn: "2027-02-28" };

test("ISO weekdays: Monday is 1, Sunday 7", () => {
  expect(isoWeekday("2026-12-07")).toBe(1);
  expect(isoWeekday("2026-12-01")).toBe(2);
  expect(isoWeekday("2026-12-06")).toBe(7);
  expect(isoWeekday("2024-02-29")).toBe(4);
});

test("occurrences step a week at a time across month and year ends, within the schedule", () => {
  expect(occurrences(tuesdays, "2026-12-02", 6)).toEqual(["2026-12-08", "2026-12-15", "2026-12-22", "2026-12-29", "2027-01-05", "2027-01-12"]);
  expect(occurrences(tuesdays, "2026-01-01", 1)).toEqual(["2026-12-01"]);
  expect(occurrences(tuesdays, "2027-02-20", 5)).toEqual(["2027-02-23"]);
  expect(occurrences(tuesdays, "2027-03-01", 5)).toEqual([]);
  // through a leap day
  expect(occurrences({ weekday: 4, startOn: "2028-02-20", endOn: "2028-03-10" }, "2028-02-20", 5)).toEqual(["2028-02-24", "2028-03-02", "2028-03-09"]);
});

test("Vietnam times become UTC seven hours earlier, all year (no daylight saving)", () => {
  expect(vietnamToUtc("2026-12-01", "14:00")).toEqual([2026, 12, 1, 7, 0]);
  expect(vietnamToUtc("2026-07-01", "14:00")).toEqual([2026, 7, 1, 7, 0]);
  // before 07:00 the UTC instant is on the previous day, across a year end
  expect(vietnamToUtc("2027-01-01", "06:30")).toEqual([2026, 12, 31, 23, 30]);
});

test("the RRULE repeats weekly on the UTC weekday until the end of the last Vietnamese day", () => {
  expect(weeklyRule(tuesdays)).toBe("FREQ=WEEKLY;BYDAY=TU;UNTIL=20270228T165959Z");
  expect(weeklyRule({ ...tuesdays, startTime: "06:00" })).toBe("FREQ=WEEKLY;BYDAY=MO;UNTIL=20270228T165959Z");
  expect(weeklyRule({ ...tuesdays, weekday: 4, startTime: "08:00" })).toBe("FREQ=WEEKLY;BYDAY=TH;UNTIL=20270228T165959Z");
});

test("a schedule runs at most two years, with a valid time, duration and at least one date", () => {
  expect(latestSeriesEnd("2026-12-01")).toBe("2028-11-30");
  expect(latestSeriesEnd("2028-02-29")).toBe("2030-02-27");
  expect(checkSeriesTiming(tuesdays)).toBeNull();
  expect(checkSeriesTiming({ ...tuesdays, endOn: "2028-11-30" })).toBeNull();
  expect(checkSeriesTiming({ ...tuesdays, endOn: "2028-12-01" })?.message).toBe("tele:links.series.errors.tooLong");
  expect(checkSeriesTiming({ ...tuesdays, startTime: "24:00" })?.field).toBe("startTime");
  expect(checkSeriesTiming({ ...tuesdays, weekday: 8 })?.field).toBe("weekday");
  expect(checkSeriesTiming({ ...tuesdays, durationMinutes: 5 })?.field).toBe("durationMinutes");
  expect(checkSeriesTiming({ ...tuesdays, endOn: "2026-11-30" })?.message).toBe("common:validation.endBeforeStart");
  expect(checkSeriesTiming({ ...tuesdays, weekday: 1, endOn: "2026-12-06" })?.message).toBe("tele:links.series.errors.noOccurrence");
});
