// Report charts (recharts), drawn in the browser only: recharts measures the page, so the
// server renders a placeholder of the same height and the numbers stay in the table below.
// Each chart also carries a visually hidden list of its series for screen readers.
import { useEffect, useState, type ReactNode } from "react";
import {
  Area,
  AreaChart,
  Bar,
  BarChart,
  CartesianGrid,
  Cell,
  Legend,
  Line,
  LineChart,
  ReferenceLine,
  ResponsiveContainer,
  Tooltip,
  XAxis,
  YAxis,
} from "recharts";
import {
  seriesColour,
  type ChartDatum,
  type ChartSeries,
} from "~/models/reports/chart-series";

function useMounted() {
  const [mounted, setMounted] = useState(false);
  useEffect(() => setMounted(true), []);
  return mounted;
}

type Format = (n: number) => string;

/** The baseline period marked by a dashed vertical line and its label. */
export type BaselineMark = { period: string; label: string };

/**
 * One line per series over the periods, the baseline period marked; `stacked` (the groups of
 * a report partition its total) stacks them as areas, so the top edge is the total and a
 * large "other" does not flatten the named groups. `testId` names the figure for tests.
 */
export function SeriesLineChart({
  title,
  data,
  series,
  baseline,
  format,
  testId,
  stacked = false,
}: {
  title: string;
  data: ChartDatum[];
  series: ChartSeries[];
  baseline: BaselineMark | null;
  format: Format;
  testId?: string;
  stacked?: boolean;
}) {
  const mounted = useMounted();
  const tall = series.length > 4;
  const Chart = stacked ? AreaChart : LineChart;
  return (
    <figure
      className="card min-w-0"
      data-testid={testId}
      data-series={series.map((s) => s.label).join("|")}
    >
      <figcaption className="mb-2 font-semibold">{title}</figcaption>
      <div className={tall ? "h-96" : "h-72"} aria-hidden="true">
        {mounted ? (
          <ResponsiveContainer width="100%" height="100%">
            <Chart
              data={data}
              margin={{ top: 16, right: 16, bottom: 0, left: 8 }}
            >
              <CartesianGrid strokeDasharray="3 3" stroke="#e2e8f0" />
              <XAxis dataKey="period" />
              <YAxis tickFormatter={format} width={56} />
              <Tooltip formatter={(v: number) => format(v)} />
              <Legend wrapperStyle={{ fontSize: 12 }} />
              {baseline ? (
                <ReferenceLine
                  x={baseline.period}
                  stroke="#475569"
                  strokeDasharray="4 4"
                  label={{
                    value: baseline.label,
                    position: "insideTopLeft",
                    fill: "#334155",
                    fontSize: 12,
                  }}
                />
              ) : null}
              {series.map((s, i) =>
                stacked ? (
                  <Area
                    key={s.dataKey}
                    type="monotone"
                    stackId="groups"
                    dataKey={s.dataKey}
                    name={s.label}
                    stroke={seriesColour(s, i)}
                    fill={seriesColour(s, i)}
                    fillOpacity={s.other ? 0.25 : 0.6}
                    isAnimationActive={false}
                  />
                ) : (
                  <Line
                    key={s.dataKey}
                    type="monotone"
                    dataKey={s.dataKey}
                    name={s.label}
                    stroke={seriesColour(s, i)}
                    strokeWidth={s.other ? 2 : 2.5}
                    strokeDasharray={s.other ? "5 4" : undefined}
                    dot={data.length <= 12}
                    isAnimationActive={false}
                  />
                )
              )}
            </Chart>
          </ResponsiveContainer>
        ) : null}
      </div>
      <SeriesSummary data={data} series={series} format={format} />
    </figure>
  );
}

/**
 * The frame of a horizontal bar chart: caption, the chart drawn once mounted (hidden from screen
 * readers), one category row per label, and the figures as a list for screen readers.
 */
function HorizontalBars<Row extends { label: string }>({
  title,
  rows,
  height,
  testId,
  series,
  format,
  wholeNumbers,
  summary,
  children,
}: {
  title: string;
  rows: Row[];
  height: number;
  testId?: string;
  /** The labels in order, for tests and tools that read the figure. */
  series?: string;
  format: Format;
  wholeNumbers?: boolean;
  summary: (row: Row) => ReactNode;
  children: ReactNode;
}) {
  const mounted = useMounted();
  return (
    <figure className="card min-w-0" data-testid={testId} data-series={series}>
      <figcaption className="mb-2 font-semibold">{title}</figcaption>
      <div style={{ height }} aria-hidden="true">
        {mounted ? (
          <ResponsiveContainer width="100%" height="100%">
            <BarChart data={rows} layout="vertical" margin={{ top: 0, right: 24, bottom: 0, left: 8 }}>
              <CartesianGrid strokeDasharray="3 3" stroke="#e2e8f0" horizontal={false} />
              <XAxis type="number" tickFormatter={format} allowDecimals={!wholeNumbers} />
              <YAxis type="category" dataKey="label" width={150} tick={{ fontSize: 12 }} interval={0} />
              <Tooltip formatter={(v: number) => format(v)} />
              {children}
            </BarChart>
          </ResponsiveContainer>
        ) : null}
      </div>
      <ul className="sr-only">
        {rows.map((r) => (
          <li key={r.label}>{summary(r)}</li>
        ))}
      </ul>
    </figure>
  );
}

/** Horizontal bars: each series' size (largest first, "other" last). */
export function RankingBarChart({
  title,
  rows,
  format,
  testId,
}: {
  title: string;
  rows: { label: string; value: number; other: boolean }[];
  format: Format;
  testId?: string;
}) {
  return (
    <HorizontalBars title={title} rows={rows} height={Math.max(160, rows.length * 30 + 40)} testId={testId} format={format} summary={(r) => `${r.label}: ${format(r.value)}`}>
      <Bar dataKey="value" isAnimationActive={false}>
        {rows.map((r, i) => (
          <Cell key={r.label} fill={seriesColour({ key: r.label, label: r.label, dataKey: r.label, other: r.other }, i)} />
        ))}
      </Bar>
    </HorizontalBars>
  );
}

/** The last period's value of each series, for screen readers (the chart itself is hidden from them). */
function SeriesSummary({
  data,
  series,
  format,
}: {
  data: ChartDatum[];
  series: ChartSeries[];
  format: Format;
}) {
  const last = data[data.length - 1];
  if (!last) return null;
  return (
    <ul className="sr-only">
      {series.map((s) => (
        <li key={s.dataKey}>
          {s.label} ({last.period}): {format(Number(last[s.dataKey] ?? 0))}
        </li>
      ))}
    </ul>
  );
}

/** Grouped bars: each group's figure in the period before (grey) and in the chosen period. */
export function PeriodComparisonChart({
  title,
  rows,
  labels,
  format,
  testId,
}: {
  title: string;
  rows: { label: string; previous: number; current: number }[];
  labels: { previous: string; current: string };
  format: Format;
  testId?: string;
}) {
  return (
    <HorizontalBars
      title={title}
      rows={rows}
      height={Math.max(180, rows.length * 44 + 60)}
      testId={testId}
      series={rows.map((r) => r.label).join("|")}
      format={format}
      wholeNumbers
      summary={(r) => `${r.label}: ${labels.previous} ${format(r.previous)}, ${labels.current} ${format(r.current)}`}
    >
      <Legend wrapperStyle={{ fontSize: 12 }} />
      <Bar dataKey="previous" name={labels.previous} fill="#cbd5e1" isAnimationActive={false} />
      <Bar dataKey="current" name={labels.current} fill="#0f766e" isAnimationActive={false} />
    </HorizontalBars>
  );
}
