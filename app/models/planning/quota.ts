// Project 1816 quotas: what a sending hospital owes the levels below in a year. Pure rules.
//
// The quota and the cap on simultaneous absences come from the same guide (one staff member per
// 50 beds) but are two rules: the quota is how many people the hospital must send over the
// year (a floor it is measured against), the cap is how many may be away on any one day (a
// ceiling the rotation form enforces, `absenceLimit` in rotations/rules). Neither reads the other.
import { DEFAULT_MIN_ROTATION_MONTHS } from "~/models/rotations/rules";

/** Years a quota can be set or reported for. */
export const QUOTA_YEARS = { min: 2000, max: 2100 } as const;

/**
 * The year a quota page asks for: blank means this year; anything else must be a whole year in
 * range (`valid` false then, and the page answers 400 beside the field with this year's report).
 */
export function readQuotaYear(asked: string | null, today: string): { year: number; valid: boolean } {
  const thisYear = Number(today.slice(0, 4));
  if (asked === null || asked.trim() === "") return { year: thisYear, valid: true };
  const year = Number(asked);
  const valid = Number.isInteger(year) && year >= QUOTA_YEARS.min && year <= QUOTA_YEARS.max;
  return { year: valid ? year : thisYear, valid };
}

/** Beds per staff member a hospital should send in a year, by the guide for ministry general hospitals. */
export const BEDS_PER_QUOTA_STAFF = 50;

/** The guide's quota for a hospital of `beds` beds (no beds, no quota). */
export function guideQuota(beds: number): number {
  return Math.floor(Math.max(0, beds) / BEDS_PER_QUOTA_STAFF);
}

/** The quota in force: the one set for the hospital and year, else the guide's. */
export function effectiveQuota(set: number | null, beds: number): number {
  return set ?? guideQuota(beds);
}

/** The person-months a quota stands for: each person sent for at least the minimum rotation length. */
export function quotaPersonMonths(staffQuota: number, minMonths = DEFAULT_MIN_ROTATION_MONTHS): number {
  return staffQuota * minMonths;
}

/** Share of the quota's person-months reached (null when there is no quota to reach). */
export function quotaShare(personMonths: number, staffQuota: number): number | null {
  const owed = quotaPersonMonths(staffQuota);
  return owed > 0 ? personMonths / owed : null;
}
