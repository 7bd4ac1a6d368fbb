import { expect, test } from "vitest";
import { drillBackQuery, parseReportParams } from "~/models/reports/params";

test("a drill-down's way back drops the figure's keys and keeps the report's filters", () => {
  expect(drillBackQuery("?province=15&levels=B&metric=change&category=official&year=2025&page=3&baseline=2020")).toBe("province=15&levels=B&baseline=2020");
});

test("a list counted apart goes back to the report on every technique, which the report reads", () => {
  const back = drillBackQuery("?baseline=2020&measure=apart&province=15&metric=cumulative&category=all&year=2026");
  expect(back).toBe("baseline=2020&measure=all&province=15");
  expect(parseReportParams(new URL(`http://x/reports?${back}`), 2026)).toMatchObject({ crossOnly: false, provinceCode: "15" });
  expect(() => parseReportParams(new URL("http://x/reports?measure=apart"), 2026)).toThrowError(expect.objectContaining({ status: 400 }));
});
