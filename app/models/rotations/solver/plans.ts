// Pure rules of rotation plans, shared by the input loader, the plan store and the tests: the
// period a request covers, and which new proposal takes over a rotation a re-plan released.
import { addDaysIso, addMonthsIso, isIsoDate, type DateRange } from "~/models/dates";
import { DomainError } from "~/models/errors";
import { MAX_PLAN_MONTHS, type Proposal } from "./types";

/**
 * The period of a request: the first day of `firstMonth` (`yyyy-MM`, or that month's first day)
 * to the last day of the month `months` later. Refused next to its field: a month that is not
 * one, no month at all, more than MAX_PLAN_MONTHS.
 */
export function planPeriod(firstMonth: string, months: number): DateRange {
  const start = /^\d{4}-\d{2}$/.test(firstMonth) ? `${firstMonth}-01` : firstMonth;
  if (!isIsoDate(start) || !start.endsWith("-01")) throw new DomainError("solver:errors.firstMonth", { field: "firstMonth" });
  if (!Number.isInteger(months) || months < 1) throw new DomainError("solver:errors.periodEndsBeforeStart", { field: "months" });
  if (months > MAX_PLAN_MONTHS) throw new DomainError("solver:errors.periodTooLong", { field: "months", params: { months: MAX_PLAN_MONTHS } });
  return { start, end: addDaysIso(addMonthsIso(start, months), -1) };
}

/**
 * Which proposal replaces which released rotation: for each released rotation in turn, the
 * first proposal not yet taken that serves one of its lines. Keyed by the proposal's index.
 */
export function matchReplacements(proposals: readonly Pick<Proposal, "transferItemIds">[], released: ReadonlyMap<number, ReadonlySet<number>>): Map<number, number> {
  const byProposal = new Map<number, number>();
  for (const [rotationId, lines] of released) {
    const at = proposals.findIndex((p, index) => !byProposal.has(index) && p.transferItemIds.some((id) => lines.has(id)));
    if (at !== -1) byProposal.set(at, rotationId);
  }
  return byProposal;
}
