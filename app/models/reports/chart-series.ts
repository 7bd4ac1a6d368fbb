// Chart series of a report (pure, client-safe): one series per group of the chosen grouping
// for the chosen figure, the ten largest named and the rest summed as "other", so a chart of
// 34 provinces or 150 facilities stays readable while its totals still add up to the table's.
import type { Category, ReportMetric } from "./registry";

export type ChartMetric = ReportMetric;
export type ChartCategory = Category;

type Figures = Record<ChartMetric, number>;
/** The shape of a report row (ReportRow of adoption-report.server), kept structural here. */
export type ChartSourceRow = { key: string; label: string; periods: { period: string; official: Figures; all: Figures }[] };

export const OTHER_SERIES_KEY = "other";
export const DEFAULT_SERIES_LIMIT = 10;

export type ChartSeries = { key: string; label: string; dataKey: string; other: boolean };
/** One point per period: `period` plus one number per series, under the series' dataKey. */
export type ChartDatum = { period: string } & Record<string, number | string>;
export type GroupChart = { series: ChartSeries[]; data: ChartDatum[]; ranking: { label: string; value: number; other: boolean }[] };

/**
 * The size a group is ranked by: its figure in the last period, except for "new", whose
 * periods add up (the most techniques taken up over the whole range).
 */
export function rankValue(row: ChartSourceRow, metric: ChartMetric, category: ChartCategory): number {
  if (row.periods.length === 0) return 0;
  if (metric === "new") return row.periods.reduce((s, p) => s + p[category].new, 0);
  return row.periods[row.periods.length - 1][category][metric];
}

/**
 * Series for the groups of a report: the `limit` largest (ties by label) in their own colour,
 * the others summed into one "other" series (absent when nothing is left over). `otherLabel`
 * names that series in the reader's language.
 */
export function groupChart(
  rows: readonly ChartSourceRow[],
  options: { metric: ChartMetric; category?: ChartCategory; limit?: number; otherLabel: string; labelOf?: (row: ChartSourceRow) => string },
): GroupChart {
  const category = options.category ?? "official";
  const limit = Math.max(1, options.limit ?? DEFAULT_SERIES_LIMIT);
  const labelOf = options.labelOf ?? ((r: ChartSourceRow) => r.label);
  const ranked = rows
    .map((row) => ({ row, size: rankValue(row, options.metric, category), label: labelOf(row) }))
    .sort((a, b) => b.size - a.size || a.label.localeCompare(b.label, "vi"));
  // Eleven series are no clearer than ten plus one: "other" appears only for two or more left.
  const named = ranked.length <= limit + 1 ? ranked : ranked.slice(0, limit);
  const rest = ranked.slice(named.length);
  const series: ChartSeries[] = named.map((r, i) => ({ key: r.row.key, label: r.label, dataKey: `s${i}`, other: false }));
  if (rest.length > 0) series.push({ key: OTHER_SERIES_KEY, label: options.otherLabel, dataKey: "other", other: true });
  const periods = rows[0]?.periods.map((p) => p.period) ?? [];
  const data: ChartDatum[] = periods.map((period, i) => {
    const point: ChartDatum = { period };
    named.forEach((r, s) => {
      point[`s${s}`] = r.row.periods[i]?.[category][options.metric] ?? 0;
    });
    if (rest.length > 0) point.other = rest.reduce((sum, r) => sum + (r.row.periods[i]?.[category][options.metric] ?? 0), 0);
    return point;
  });
  const ranking = [
    ...named.map((r) => ({ label: r.label, value: r.size, other: false })),
    ...(rest.length > 0 ? [{ label: options.otherLabel, value: rest.reduce((s, r) => s + r.size, 0), other: true }] : []),
  ];
  return { series, data, ranking };
}

/** Eleven distinguishable colours (ColorBrewer-like, legible on white); "other" is grey. */
export const SERIES_COLOURS = ["#0f766e", "#1d4ed8", "#b45309", "#be123c", "#7c3aed", "#15803d", "#c2410c", "#0369a1", "#a21caf", "#4d7c0f", "#92400e"] as const;
export const OTHER_COLOUR = "#94a3b8";

export function seriesColour(series: ChartSeries, index: number): string {
  return series.other ? OTHER_COLOUR : SERIES_COLOURS[index % SERIES_COLOURS.length];
}
