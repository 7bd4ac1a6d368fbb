import { expect, test } from "vitest";
import { groupChart, OTHER_SERIES_KEY, rankValue, type ChartSourceRow } from "~/models/reports/chart-series";

const fig = (n: number) => ({ new: n, cumulative: n * 10, change: n * 2 });
const row = (key: string, values: number[]): ChartSourceRow => ({
  key,
  label: `Nhóm ${key}`,
  periods: values.map((v, i) => ({ period: String(2020 + i), official: fig(v), all: fig(v + 1) })),
});

test("ten largest groups get their own series and the rest add up to “other”, per period", () => {
  const rows = Array.from({ length: 14 }, (_, i) => row(String(i + 1), [i, i + 1]));
  const chart = groupChart(rows, { metric: "cumulative", otherLabel: "Khác" });
  expect(chart.series).toHaveLength(11);
  expect(chart.series.slice(0, 3).map((s) => s.key)).toEqual(["14", "13", "12"]);
  expect(chart.series[10]).toMatchObject({ key: OTHER_SERIES_KEY, label: "Khác", other: true });
  // Groups 1–4 (values 0..3, then 1..4) are the rest.
  expect(chart.data.map((d) => d.other)).toEqual([(0 + 1 + 2 + 3) * 10, (1 + 2 + 3 + 4) * 10]);
  // Every period's series add up to the sum of all groups: nothing lost in "other".
  for (const [i, point] of chart.data.entries()) {
    const sum = chart.series.reduce((s, x) => s + Number(point[x.dataKey]), 0);
    expect(sum).toBe(rows.reduce((s, r) => s + r.periods[i].official.cumulative, 0));
  }
  expect(chart.ranking[0]).toEqual({ label: "Nhóm 14", value: 140, other: false });
  expect(chart.ranking.at(-1)).toEqual({ label: "Khác", value: 100, other: true });
});

test("eleven groups are all named (an “other” of one group says nothing); the chosen figure and category are charted", () => {
  const rows = Array.from({ length: 11 }, (_, i) => row(String(i), [1, i]));
  const chart = groupChart(rows, { metric: "change", category: "all", otherLabel: "Other" });
  expect(chart.series).toHaveLength(11);
  expect(chart.series.some((s) => s.other)).toBe(false);
  const top = chart.series[0];
  expect(top.key).toBe("10");
  expect(chart.data[1][top.dataKey]).toBe((10 + 1) * 2);
});

test("“new” ranks by the whole range, other figures by the last period; ties by name", () => {
  const early = row("early", [9, 0]);
  const late = row("late", [0, 5]);
  expect(rankValue(early, "new", "official")).toBe(9);
  expect(rankValue(late, "cumulative", "official")).toBe(50);
  expect(groupChart([late, early], { metric: "new", otherLabel: "x", limit: 1 }).series.map((s) => s.key)).toEqual(["early", "late"]);
  const tie = groupChart([row("b", [1]), row("a", [1])], { metric: "new", otherLabel: "x", labelOf: (r) => r.key.toUpperCase() });
  expect(tie.series.map((s) => s.label)).toEqual(["A", "B"]);
});

test("no groups: no series and no points", () => {
  expect(groupChart([], { metric: "new", otherLabel: "x" })).toEqual({ series: [], data: [], ranking: [] });
});
