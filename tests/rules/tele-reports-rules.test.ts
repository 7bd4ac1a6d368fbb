import { expect, test } from "vitest";
import { TELE_OUTCOMES } from "~/models/enums";
import {
  addMonthsToMonth,
  byVolume,
  isResolvedLocally,
  MAX_REPORT_MONTHS,
  monthsOf,
  NO_MEASURES,
  periodDates,
  resolvePeriod,
  resolvedShare,
  sessionLogQuery,
  trainingHours,
} from "~/models/tele/reports";

const refusal = (run: () => unknown) => {
  try {
    run();
  } catch (error) {
    const e = error as { status: number; message: string; field: string | null };
    return { status: e.status, message: e.message, field: e.field };
  }
  throw new Error("expected a refusal");
};

test("the default period is the twelve months ending with today's month", () => {
  expect(resolvePeriod({}, "2026-12-02")).toEqual({ fromMonth: "2026-01", toMonth: "2026-12" });
  expect(resolvePeriod({ from: "", to: "" }, "2026-03-15")).toEqual({ fromMonth: "2025-04", toMonth: "2026-03" });
  expect(resolvePeriod({ to: "2026-02" }, "2026-03-15")).toEqual({ fromMonth: "2025-03", toMonth: "2026-02" });
  expect(resolvePeriod({ from: "2026-03", to: "2026-03" }, "2026-03-15")).toEqual({ fromMonth: "2026-03", toMonth: "2026-03" });
});

test("a bad period is refused next to its field", () => {
  const today = "2026-03-15";
  expect(refusal(() => resolvePeriod({ from: "2026-13" }, today))).toEqual({ status: 400, message: "tele:reports.errors.month", field: "from" });
  expect(refusal(() => resolvePeriod({ to: "03/2026" }, today))).toEqual({ status: 400, message: "tele:reports.errors.month", field: "to" });
  expect(refusal(() => resolvePeriod({ from: "2026-03", to: "2026-01" }, today))).toEqual({ status: 400, message: "tele:reports.errors.order", field: "to" });
  expect(refusal(() => resolvePeriod({ from: "2026-01", to: "2026-04" }, today))).toEqual({ status: 400, message: "tele:reports.errors.future", field: "to" });
  expect(refusal(() => resolvePeriod({ from: "2020-01", to: "2026-03" }, today))).toEqual({ status: 400, message: "tele:reports.errors.span", field: "from" });
  expect(monthsOf(addMonthsToMonth("2026-03", 1 - MAX_REPORT_MONTHS), "2026-03")).toHaveLength(MAX_REPORT_MONTHS);
});

test("months and their calendar days, across a year end and a leap February", () => {
  expect(monthsOf("2025-11", "2026-02")).toEqual(["2025-11", "2025-12", "2026-01", "2026-02"]);
  expect(addMonthsToMonth("2026-01", -1)).toBe("2025-12");
  expect(periodDates({ fromMonth: "2028-01", toMonth: "2028-02" })).toEqual({ start: "2028-01-01", end: "2028-02-29" });
  expect(periodDates({ fromMonth: "2026-04", toMonth: "2026-04" })).toEqual({ start: "2026-04-01", end: "2026-04-30" });
});

test("resolved locally: advice only and treated locally; the share is of consultations with an outcome, none gives no share", () => {
  expect(TELE_OUTCOMES.filter((o) => isResolvedLocally(o))).toEqual(["advice_only", "treated_locally"]);
  expect(isResolvedLocally(null)).toBe(false);
  expect(resolvedShare(2, 3)).toBe(66.7);
  expect(resolvedShare(2, 3, 0)).toBe(67);
  expect(resolvedShare(0, 4)).toBe(0);
  expect(resolvedShare(0, 0)).toBeNull();
  expect(trainingHours({ trainingMinutes: 45 })).toBe(0.8);
});

test("rows by volume, and the session-log query behind a row", () => {
  const rows = byVolume([
    { ...NO_MEASURES, label: "B", consultations: 1 },
    { ...NO_MEASURES, label: "A", trainings: 1 },
    { ...NO_MEASURES, label: "C", consultations: 2, trainings: 1 },
  ]);
  expect(rows.map((r) => r.label)).toEqual(["C", "A", "B"]);
  const filters = { fromMonth: "2026-01", toMonth: "2026-03", hub: 7, spoke: null, chapter: null, province: "15" };
  expect(sessionLogQuery(filters, {})).toBe("/tele/sessions?hub=7&province=15&from=2026-01-01&to=2026-03-31");
  expect(sessionLogQuery(filters, { spoke: 9, month: "2026-02" })).toBe("/tele/sessions?hub=7&spoke=9&province=15&from=2026-02-01&to=2026-02-28");
  expect(sessionLogQuery(filters, { hub: null, chapter: 10 })).toBe("/tele/sessions?chapter=10&province=15&from=2026-01-01&to=2026-03-31");
});
