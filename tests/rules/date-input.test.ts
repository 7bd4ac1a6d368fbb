import { expect, test } from "vitest";
import { rotationSchema } from "~/models/rotations/schemas";
import { displayDateInput, normalizeDateInput } from "~/models/dates";
import { calendarDate } from "~/models/fields";
import { ROTATION_PURPOSES } from "~/models/enums";

test("a typed date reads day first: 05/03/2026 is 5 March 2026, with or without leading zeros", () => {
  expect(calendarDate.parse("05/03/2026")).toBe("2026-03-05");
  expect(calendarDate.parse("5/3/2026")).toBe("2026-03-05");
  expect(calendarDate.parse(" 31.12.2026 ")).toBe("2026-12-31");
  expect(calendarDate.parse("01-01-2027")).toBe("2027-01-01");
});

test("the stored form yyyy-mm-dd is still accepted", () => {
  expect(calendarDate.parse("2026-03-05")).toBe("2026-03-05");
  expect(calendarDate.parse("2024-02-29")).toBe("2024-02-29");
});

test("impossible and ambiguous dates are refused, never guessed", () => {
  for (const bad of ["30/02/2026", "29/02/2025", "32/01/2026", "05/13/2026", "2026-02-30", "05/03/26", "2026/03/05", "March 5", "", "05/03/2026x"]) {
    const result = calendarDate.safeParse(bad);
    expect(result.success, bad).toBe(false);
    if (!result.success) expect(result.error.issues[0].message).toBe("common:validation.invalidDate");
  }
  expect(calendarDate.parse("29/02/2028")).toBe("2028-02-29");
});

test("a missing date is 'required'; optional dates stay optional", () => {
  const missing = calendarDate.safeParse(undefined);
  expect(missing.success).toBe(false);
  if (!missing.success) expect(missing.error.issues[0].message).toBe("common:validation.required");
  expect(calendarDate.optional().parse(undefined)).toBeUndefined();
});

test("the field shows stored dates as dd/mm/yyyy and leaves anything else as typed", () => {
  expect(displayDateInput("2026-03-05")).toBe("05/03/2026");
  expect(displayDateInput("05/03/2026")).toBe("05/03/2026");
  expect(displayDateInput("not a date")).toBe("not a date");
  expect(displayDateInput(null)).toBe("");
  expect(normalizeDateInput(displayDateInput("2027-01-31"))).toBe("2027-01-31");
});

test("a form schema built on calendarDate compares typed dates as dates (end before start across a year)", () => {
  const base = { staffId: 1, toFacilityId: 2, purpose: ROTATION_PURPOSES[0] };
  const reversed = rotationSchema.safeParse({ ...base, startOn: "01/02/2027", endOn: "31/12/2026" });
  expect(reversed.success).toBe(false);
  if (!reversed.success) expect(reversed.error.issues.map((i) => [i.path.join("."), i.message])).toEqual([["endOn", "common:validation.endBeforeStart"]]);
  const ok = rotationSchema.parse({ ...base, startOn: "31/12/2026", endOn: "2027-03-30" });
  expect([ok.startOn, ok.endOn]).toEqual(["2026-12-31", "2027-03-30"]);
});
