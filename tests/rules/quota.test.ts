import { expect, test } from "vitest";
import { effectiveQuota, guideQuota, quotaPersonMonths, quotaShare, readQuotaYear } from "~/models/planning/quota";
import { absenceLimit } from "~/models/rotations/rules";

test("the guide is one staff member per 50 beds, rounded down; no beds, no quota", () => {
  expect(guideQuota(1_000)).toBe(20);
  expect(guideQuota(449)).toBe(8);
  expect(guideQuota(49)).toBe(0);
  expect(guideQuota(0)).toBe(0);
});

test("a quota set for the year replaces the guide, even when it is zero", () => {
  expect(effectiveQuota(null, 1_000)).toBe(20);
  expect(effectiveQuota(5, 1_000)).toBe(5);
  expect(effectiveQuota(0, 1_000)).toBe(0);
});

test("person-months owed are the quota times the three-month minimum; the share is delivered over owed", () => {
  expect(quotaPersonMonths(20)).toBe(60);
  expect(quotaShare(30, 20)).toBe(0.5);
  expect(quotaShare(12, 0)).toBeNull();
});

test("the quota and the absence cap are separate rules: a set cap does not move the quota", () => {
  expect(absenceLimit({ absenceLimit: 2, beds: 1_000 })).toBe(2);
  expect(effectiveQuota(null, 1_000)).toBe(20);
  // A small hospital may always have one person away, but owes no one by the guide.
  expect(absenceLimit({ absenceLimit: null, beds: 30 })).toBe(1);
  expect(guideQuota(30)).toBe(0);
});

test("a quota page's year: blank is this year; text, fractions and years out of range are refused with this year shown", () => {
  expect(readQuotaYear(null, "2026-12-02")).toEqual({ year: 2026, valid: true });
  expect(readQuotaYear(" ", "2026-12-02")).toEqual({ year: 2026, valid: true });
  expect(readQuotaYear("2025", "2026-12-02")).toEqual({ year: 2025, valid: true });
  for (const bad of ["19xx", "2025.5", "1999", "2101"]) expect(readQuotaYear(bad, "2026-12-02")).toEqual({ year: 2026, valid: false });
});
