// Pure rules of rotation plans: the period a request covers (and its refusals next to the field),
// and which new proposal replaces a rotation a re-plan released.
import { expect, test } from "vitest";
import { DomainError } from "~/models/errors";
import { matchReplacements, planPeriod } from "~/models/rotations/solver/plans";
import { MAX_PLAN_MONTHS } from "~/models/rotations/solver/types";

function refusal(run: () => unknown): DomainError {
  try {
    run();
  } catch (error) {
    if (error instanceof DomainError) return error;
    throw error;
  }
  throw new Error("expected a refusal");
}

test("a period runs from the first day of its first month to the last day of its last", () => {
  expect(planPeriod("2027-01", 12)).toEqual({ start: "2027-01-01", end: "2027-12-31" });
  expect(planPeriod("2027-02-01", 1)).toEqual({ start: "2027-02-01", end: "2027-02-28" });
  expect(planPeriod("2028-02", 1)).toEqual({ start: "2028-02-01", end: "2028-02-29" });
  expect(planPeriod("2026-12", MAX_PLAN_MONTHS)).toEqual({ start: "2026-12-01", end: "2029-11-30" });
});

test("a period of more than 36 months, of none, or from no month is refused next to its field", () => {
  const long = refusal(() => planPeriod("2027-01", MAX_PLAN_MONTHS + 1));
  expect([long.status, long.field, long.message, long.params]).toEqual([400, "months", "solver:errors.periodTooLong", { months: 36 }]);
  for (const months of [0, -3, 1.5]) expect(refusal(() => planPeriod("2027-01", months)).field).toBe("months");
  for (const month of ["2027-13", "2027-01-15", "2027", "", "01/2027"]) expect(refusal(() => planPeriod(month, 3)).field).toBe("firstMonth");
});

test("each released rotation is replaced by the first proposal not yet taken that serves one of its lines", () => {
  const proposals = [{ transferItemIds: [1] }, { transferItemIds: [2, 3] }, { transferItemIds: [3] }, { transferItemIds: [9] }];
  const released = new Map<number, Set<number>>([
    [100, new Set([3])],
    [101, new Set([3, 4])],
    [102, new Set([7])],
  ]);
  expect([...matchReplacements(proposals, released)].sort()).toEqual([
    [1, 100],
    [2, 101],
  ]);
  expect(matchReplacements(proposals, new Map()).size).toBe(0);
});
