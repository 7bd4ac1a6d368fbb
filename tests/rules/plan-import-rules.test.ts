import { expect, test } from "vitest";
import { getFixedT } from "~/i18n/i18n";
import { locatePlanHeader, PLAN_COLUMNS, planColumnLabelKey, readPlanRow } from "~/models/transfers/plan-import-rules";

test("the headers the export writes in either language are the headers the import reads", () => {
  for (const locale of ["vi", "en"] as const) {
    const t = getFixedT(locale, "imports");
    const header = locatePlanHeader([{ rowNumber: 1, cells: PLAN_COLUMNS.map((c) => t(planColumnLabelKey(c))) }]);
    expect(header).toEqual({ ok: true, headerRowNumber: 1, headerIndex: 0, columns: { techniqueCode: 0, phase: 1, from: 2, to: 3, requiredCases: 4, targetDate: 5 } });
  }
  expect(locatePlanHeader([{ rowNumber: 1, cells: ["MA KY THUAT", "don vi nhan"] }]).ok).toBe(true);
  expect(locatePlanHeader([{ rowNumber: 1, cells: ["Mã kỹ thuật", "Giai đoạn"] }])).toEqual({ ok: false, missing: ["to"] });
});

const columns = { techniqueCode: 0, phase: 1, from: 2, to: 3, requiredCases: 4, targetDate: 5 };

test("a row's cells: blank is undefined, dates in both forms, numbers in the form's limits, a code typed as a number is refused", () => {
  expect(readPlanRow({ rowNumber: 2, cells: ["10.10", "2", "BV1", "TT2", "0", "29/02/2028"] }, columns)).toEqual({
    values: { techniqueCode: "10.10", phase: 2, from: "BV1", to: "TT2", requiredCases: 0, targetDate: "2028-02-29" },
    problems: [],
  });
  expect(readPlanRow({ rowNumber: 2, cells: ["10.1", "", "", "TT2", "", "2026-12-31"] }, columns).values).toEqual({ techniqueCode: "10.1", to: "TT2", targetDate: "2026-12-31" });
  const bad = readPlanRow({ rowNumber: 3, cells: ["10.1", "21", "", "TT2", "-1", "29/02/2027"], numeric: [0] }, columns);
  expect(bad.values).toEqual({ to: "TT2" });
  expect(bad.problems).toHaveLength(4);
  expect(bad.problems[0]).toContain("imports:staff.codeNotText");
});
