import { expect, test } from "vitest";
import {
  chanceAtLeast,
  emptyHistory,
  forecastCounts,
  OPEN_STAGES,
  parseForecastYear,
  percentile,
  planPhasesEnd,
  simulate,
  stageModels,
  summarise,
  targetOutlook,
  type ForecastLine,
  type StageModels,
} from "~/models/reports/forecast";

const TODAY = "2026-03-15";

/** Every stage with the same completion rate and lead times. */
function models(completionRate: number, leadDays: number[]): StageModels {
  return Object.fromEntries(OPEN_STAGES.map((s) => [s, { completionRate, leadDays, source: "default" }])) as unknown as StageModels;
}

function line(over: Partial<ForecastLine> = {}): ForecastLine {
  return { pairKey: "1:1", facilityId: 1, stage: "training", targetDate: "2026-12-31", crossLevel: true, alreadyPerformed: false, ...over };
}

const nextYear = [{ start: "2027-01-01", end: "2027-12-31" }];

test("one line certain to complete inside the year counts exactly one in every draw", () => {
  // Today + 300 days = 2027-01-09: inside 2027.
  const { totals } = simulate([line()], models(1, [300]), nextYear, TODAY, { draws: 50 });
  expect(totals[0]).toEqual(new Array(50).fill(1));
  const result = forecastCounts([line()], models(1, [300]), { today: TODAY, year: 2027, draws: 50 });
  expect([result.nextYear.p10, result.nextYear.median, result.nextYear.p90]).toEqual([1, 1, 1]);
});

test("a completion before the period starts does not count in it", () => {
  // Today + 100 days = 2026-06-23: in 2026, not 2027.
  const { totals } = simulate([line()], models(1, [100]), nextYear, TODAY, { draws: 20 });
  expect(totals[0].every((n) => n === 0)).toBe(true);
});

test("a zero completion rate forecasts nothing", () => {
  const lines = [line({ pairKey: "1:1" }), line({ pairKey: "1:2" }), line({ pairKey: "2:3", facilityId: 2 })];
  const result = forecastCounts(lines, models(0, [300]), { today: TODAY, year: 2027, draws: 200 });
  expect(result.nextYear).toMatchObject({ p10: 0, median: 0, p90: 0, mean: 0 });
});

test("a technique the facility already performs, or one that is not cross-level, adds nothing", () => {
  const lines = [line({ pairKey: "1:1", alreadyPerformed: true }), line({ pairKey: "1:2", crossLevel: false }), line({ pairKey: "1:3" })];
  const result = forecastCounts(lines, models(1, [300]), { today: TODAY, year: 2027, draws: 20 });
  expect(result.nextYear.median).toBe(1);
  expect(result.countingLines).toBe(1);
  expect(result.openLines).toBe(3);
});

test("two lines for the same facility and technique count once", () => {
  const lines = [line({ pairKey: "1:1" }), line({ pairKey: "1:1", stage: "planned" })];
  const { totals } = simulate(lines, models(1, [300]), nextYear, TODAY, { draws: 20 });
  expect(totals[0].every((n) => n === 1)).toBe(true);
});

test("percentiles by nearest rank on a known distribution", () => {
  const values = [0, 1, 2, 3, 4, 5, 6, 7, 8, 9];
  expect(percentile(values, 0.1)).toBe(0);
  expect(percentile(values, 0.5)).toBe(4);
  expect(percentile(values, 0.9)).toBe(8);
  expect(summarise([9, 8, 7, 6, 5, 4, 3, 2, 1, 0])).toEqual({ p10: 0, median: 4, p90: 8, mean: 4.5 });
  // 1..100: the 10th, 50th and 90th values.
  const hundred = Array.from({ length: 100 }, (_, i) => i + 1);
  expect(summarise(hundred)).toMatchObject({ p10: 10, median: 50, p90: 90 });
  expect(chanceAtLeast(hundred, 91)).toBe(0.1);
});

test("a half chance per line gives a binomial spread around half the lines", () => {
  const lines = Array.from({ length: 100 }, (_, i) => line({ pairKey: `1:${i}` }));
  const result = forecastCounts(lines, models(0.5, [300]), { today: TODAY, year: 2027, draws: 2000 });
  // Binomial(100, 0.5): mean 50, sd 5, so the 10th and 90th percentiles sit near 43.6 and 56.4.
  expect(Math.abs(result.nextYear.mean - 50)).toBeLessThan(1);
  expect(result.nextYear.p10).toBeGreaterThanOrEqual(42);
  expect(result.nextYear.p10).toBeLessThanOrEqual(45);
  expect(result.nextYear.p90).toBeGreaterThanOrEqual(55);
  expect(result.nextYear.p90).toBeLessThanOrEqual(58);
});

test("the same seed gives the same output; another seed may differ", () => {
  const lines = Array.from({ length: 30 }, (_, i) => line({ pairKey: `1:${i}` }));
  const m = models(0.6, [200, 300, 400, 500]);
  const a = forecastCounts(lines, m, { today: TODAY, year: 2027, seed: "x" });
  const b = forecastCounts(lines, m, { today: TODAY, year: 2027, seed: "x" });
  expect(b).toEqual(a);
  const c = simulate(lines, m, nextYear, TODAY, { seed: "y" });
  const d = simulate(lines, m, nextYear, TODAY, { seed: "x" });
  expect(c.totals).not.toEqual(d.totals);
});

test("the plan phases end on the latest due date after today", () => {
  expect(planPhasesEnd([line({ targetDate: "2026-01-01" }), line({ targetDate: "2027-04-19" }), line({ targetDate: null })], TODAY)).toBe("2027-04-19");
  expect(planPhasesEnd([line({ targetDate: "2026-01-01" })], TODAY)).toBeNull();
  const result = forecastCounts([line({ targetDate: "2027-04-19" })], models(1, [100]), { today: TODAY, year: 2027, draws: 10 });
  expect(result.phases).toMatchObject({ median: 1, period: { start: "2026-03-16", end: "2027-04-19" } });
});

test("history: the province's own shares with enough moves, else the country's, else the defaults", () => {
  const province = emptyHistory();
  const national = emptyHistory();
  // The province: 8 of 10 independent lines accepted, lead times 10..50.
  province.independent = { moved: 8, known: 10, leadDays: [10, 20, 30, 40, 50] };
  // Supervised: too few in the province (2), the country has 9 of 10.
  province.supervised = { moved: 2, known: 2, leadDays: [] };
  national.supervised = { moved: 9, known: 10, leadDays: [60, 70, 80, 90, 100] };
  const m = stageModels(province, national);
  expect(m.independent).toEqual({ completionRate: 0.8, leadDays: [10, 20, 30, 40, 50], source: "province" });
  expect(m.supervised.source).toBe("national");
  // Supervised lines are accepted when they move on (0.9) and then pass the independent stage (0.8).
  expect(m.supervised.completionRate).toBeCloseTo(0.72, 10);
  expect(m.supervised.leadDays).toEqual([60, 70, 80, 90, 100]);
  expect(m.planned.source).toBe("default");
});

test("a target's chance is the share of draws reaching it from today's value", () => {
  const lines = Array.from({ length: 4 }, (_, i) => line({ pairKey: `1:${i}` }));
  // All four complete on day 100 (2026-06-23), before the period end: 10 + 4 = 14 in every draw.
  const sure = targetOutlook(lines, models(1, [100]), { periodEnd: "2026-12-31", targetValue: 14, value: 10 }, TODAY, { draws: 100 });
  expect(sure).toMatchObject({ chance: 1, range: { p10: 14, median: 14, p90: 14 } });
  const short = targetOutlook(lines, models(1, [100]), { periodEnd: "2026-12-31", targetValue: 15, value: 10 }, TODAY, { draws: 100 });
  expect(short?.chance).toBe(0);
  expect(targetOutlook(lines, models(1, [100]), { periodEnd: "2026-01-31", targetValue: 15, value: 10 }, TODAY)).toBeNull();
});

test("forecast years: blank is next year; past, absurd and unreadable years are refused on the year field", () => {
  expect(parseForecastYear(null, TODAY)).toBe(2027);
  expect(parseForecastYear(" 2026 ", TODAY)).toBe(2026);
  expect(parseForecastYear("2031", TODAY)).toBe(2031);
  for (const [raw, key] of [
    ["2025", "beforeData"],
    ["1990", "beforeData"],
    ["2032", "tooFar"],
    ["999999", "tooFar"],
    ["abc", "notYear"],
    ["2027.5", "notYear"],
    ["-1", "notYear"],
  ] as const) {
    expect(() => parseForecastYear(raw, TODAY), raw).toThrow(expect.objectContaining({ message: `planning:forecast.errors.${key}`, field: "forecastYear", status: 400 }));
  }
});
