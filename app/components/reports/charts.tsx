// Report charts, drawn in the browser only: recharts measures the page, so the server renders
// a placeholder of the same height and the numbers stay in the table below. The drawings
// (chart-drawings.tsx, with recharts) load after the page, so a report's tables never wait for them.
// Each chart also carries a visually hidden list of its series for screen readers.
import { lazy, Suspense, useEffect, useState, type ReactNode } from "react";
import type { ChartDatum, ChartSeries } from "~/models/reports/chart-series";

// recharts and the drawings come as their own chunk, fetched once a chart is mounted.
const SeriesDrawing = lazy(() =>
  import("./chart-drawings").then((m) => ({ default: m.SeriesDrawing }))
);
const RankingDrawing = lazy(() =>
  import("./chart-drawings").then((m) => ({ default: m.RankingDrawing }))
);
const ComparisonDrawing = lazy(() =>
  import("./chart-drawings").then((m) => ({ default: m.ComparisonDrawing }))
);

function useMounted() {
  const [mounted, setMounted] = useState(false);
  useEffect(() => setMounted(true), []);
  return mounted;
}

type Format = (n: number) => string;

/** The baseline period marked by a dashed vertical line and its label. */
export type BaselineMark = { period: string; label: string };

/**
 * A forecast continuing the chart's top line (the total) as a dashed line from the last
 * period's value `from` to the forecast period, with its 10–90% range as an error bar.
 */
export type ChartForecast = { period: string; label: string; rangeLabel: string; from: number; median: number; p10: number; p90: number };

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
  forecast = null,
}: {
  title: string;
  data: ChartDatum[];
  series: ChartSeries[];
  baseline: BaselineMark | null;
  format: Format;
  testId?: string;
  stacked?: boolean;
  forecast?: ChartForecast | null;
}) {
  const mounted = useMounted();
  const tall = series.length > 4;
  return (
    <figure
      className="card min-w-0"
      data-testid={testId}
      data-series={series.map((s) => s.label).join("|")}
      data-forecast={forecast ? forecast.period : undefined}
    >
      <figcaption className="mb-2 font-semibold">{title}</figcaption>
      <div className={tall ? "h-96" : "h-72"} aria-hidden="true">
        {mounted ? (
          <Suspense fallback={null}>
            <SeriesDrawing
              data={data}
              series={series}
              baseline={baseline}
              format={format}
              stacked={stacked}
              forecast={forecast}
            />
          </Suspense>
        ) : null}
      </div>
      <SeriesSummary data={data} series={series} format={format} />
      {forecast ? (
        <p className="mt-1 text-xs text-slate-600" data-testid="chart-forecast-note">
          {forecast.label}: {format(forecast.median)} · {forecast.rangeLabel}: {format(forecast.p10)}–{format(forecast.p90)}
        </p>
      ) : null}
    </figure>
  );
}

/**
 * The frame of a horizontal bar chart: caption, the drawing (`children`) once mounted (hidden
 * from screen readers), and the figures as a list for screen readers.
 */
function HorizontalBars<Row extends { label: string }>({
  title,
  rows,
  height,
  testId,
  series,
  summary,
  children,
}: {
  title: string;
  rows: Row[];
  height: number;
  testId?: string;
  /** The labels in order, for tests and tools that read the figure. */
  series?: string;
  summary: (row: Row) => ReactNode;
  children: ReactNode;
}) {
  const mounted = useMounted();
  return (
    <figure className="card min-w-0" data-testid={testId} data-series={series}>
      <figcaption className="mb-2 font-semibold">{title}</figcaption>
      <div style={{ height }} aria-hidden="true">
        {mounted ? <Suspense fallback={null}>{children}</Suspense> : null}
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
    <HorizontalBars
      title={title}
      rows={rows}
      height={Math.max(160, rows.length * 30 + 40)}
      testId={testId}
      summary={(r) => `${r.label}: ${format(r.value)}`}
    >
      <RankingDrawing rows={rows} format={format} />
    </HorizontalBars>
  );
}

/**
 * Each series' latest value, for screen readers (the chart itself is hidden from them): the last
 * period in which the series has one, since a gap (a month with nothing to measure) is no zero.
 */
function SeriesSummary({
  data,
  series,
  format,
}: {
  data: ChartDatum[];
  series: ChartSeries[];
  format: Format;
}) {
  const latest = series.flatMap((s) => {
    const last = [...data].reverse().find((d) => typeof d[s.dataKey] === "number");
    return last ? [{ series: s, period: last.period, value: last[s.dataKey] as number }] : [];
  });
  if (latest.length === 0) return null;
  return (
    <ul className="sr-only">
      {latest.map(({ series: s, period, value }) => (
        <li key={s.dataKey}>
          {s.label} ({period}): {format(value)}
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
      summary={(r) =>
        `${r.label}: ${labels.previous} ${format(r.previous)}, ${
          labels.current
        } ${format(r.current)}`
      }
    >
      <ComparisonDrawing rows={rows} labels={labels} format={format} />
    </HorizontalBars>
  );
}
