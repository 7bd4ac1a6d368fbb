import { expect, test } from "vitest";
import {
  checkUnavailabilityDates,
  deleteUnavailabilitySchema,
  findOverlappingPeriod,
  isTooLong,
  MAX_UNAVAILABILITY_YEARS,
  unavailabilitySchema,
  type UnavailabilityPeriod,
} from "~/models/staff/unavailability";

test("dates are strict calendar dates, the end on or after the start", () => {
  expect(checkUnavailabilityDates({ start: "2027-08-01", end: "2027-08-01" })).toBeNull();
  expect(checkUnavailabilityDates({ start: "2027-02-30", end: "2027-03-10" })).toMatchObject({ message: "common:validation.invalidDate", field: "startOn", status: 400 });
  expect(checkUnavailabilityDates({ start: "2027-03-01", end: "2027-13-01" })).toMatchObject({ message: "common:validation.invalidDate", field: "endOn" });
  expect(checkUnavailabilityDates({ start: "2027-03-01", end: "2027-02-28" })).toMatchObject({ message: "common:validation.endBeforeStart", field: "endOn" });
  expect(checkUnavailabilityDates({ start: "2028-02-29", end: "2028-03-01" })).toBeNull();
});

test("a period lasts at most three years", () => {
  expect(MAX_UNAVAILABILITY_YEARS).toBe(3);
  expect(isTooLong({ start: "2027-01-01", end: "2029-12-31" })).toBe(false);
  expect(isTooLong({ start: "2027-01-01", end: "2030-01-01" })).toBe(true);
  expect(checkUnavailabilityDates({ start: "2027-01-01", end: "2030-01-01" })).toMatchObject({
    message: "staff:unavailability.errors.tooLong",
    field: "endOn",
    params: { years: 3 },
  });
});

test("the first overlapping period of the person is found, the one being edited left out", () => {
  const periods: UnavailabilityPeriod[] = [
    { id: 2, kind: "sick", startOn: "2027-09-10", endOn: "2027-09-20" },
    { id: 1, kind: "leave", startOn: "2027-08-01", endOn: "2027-08-31" },
  ];
  expect(findOverlappingPeriod(periods, { start: "2027-07-01", end: "2027-07-31" })).toBeNull();
  // Inclusive ends: the last day of August overlaps, the first of September does not.
  expect(findOverlappingPeriod(periods, { start: "2027-08-31", end: "2027-09-05" })?.id).toBe(1);
  expect(findOverlappingPeriod(periods, { start: "2027-09-01", end: "2027-09-05" })).toBeNull();
  expect(findOverlappingPeriod(periods, { start: "2027-07-01", end: "2027-12-31" })?.id).toBe(1);
  expect(findOverlappingPeriod(periods, { start: "2027-08-15", end: "2027-08-20" }, 1)).toBeNull();
});

test("the form schemas read dd/mm/yyyy, refuse an unknown kind and an end before the start", () => {
  const ok = unavailabilitySchema.safeParse({ intent: "unavailability-save", kind: "leave", startOn: "01/08/2027", endOn: "31/08/2027" });
  expect(ok.success && ok.data).toMatchObject({ kind: "leave", startOn: "2027-08-01", endOn: "2027-08-31" });
  expect(unavailabilitySchema.safeParse({ intent: "unavailability-save", kind: "holiday", startOn: "2027-08-01", endOn: "2027-08-31" }).success).toBe(false);
  const reversed = unavailabilitySchema.safeParse({ intent: "unavailability-save", kind: "sick", startOn: "2027-08-31", endOn: "2027-08-01" });
  expect(reversed.success).toBe(false);
  expect(reversed.error?.issues[0]).toMatchObject({ path: ["endOn"], message: "common:validation.endBeforeStart" });
  expect(deleteUnavailabilitySchema.safeParse({ intent: "unavailability-delete", id: "3", version: "1" }).success).toBe(true);
  expect(deleteUnavailabilitySchema.safeParse({ intent: "unavailability-delete", id: "3" }).success).toBe(false);
});
