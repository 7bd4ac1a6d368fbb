// The recharts part of the report charts, in a module of its own: the charts' frames (charts.tsx)
// are rendered with the page, and this module, with recharts (over 100 KB gzip), is loaded
// only once a chart is on screen in the browser, so the report's tables do not wait for it.
import {
  Area,
  AreaChart,
  Bar,
  BarChart,
  CartesianGrid,
  Cell,
  ComposedChart,
  ErrorBar,
  Legend,
  Line,
  LineChart,
  ReferenceLine,
  ResponsiveContainer,
  Tooltip,
  XAxis,
  YAxis,
} from "recharts";
import type { ReactNode } from "react";
import {
  seriesColour,
  type ChartDatum,
  type ChartSeries,
} from "~/models/reports/chart-series";
import type { BaselineMark, ChartForecast } from "./charts";

/** Forecast keys in the chart's points (no series uses them: series keys are s0…, other, official, all). */
const FORECAST_KEY = "forecast";
const FORECAST_RANGE_KEY = "forecastRange";
const FORECAST_COLOUR = "#7c2d12";

/**
 * The points with the forecast added: the last period carries the line's start (no spread)
 * and one more point for the forecast period carries the median and, as the error bar's
 * distances below and above it, the 10–90% range.
 */
function withForecast(data: ChartDatum[], forecast: ChartForecast): Record<string, unknown>[] {
  if (data.length === 0) return data;
  const last = data.length - 1;
  return [
    ...data.slice(0, last),
    { ...data[last], [FORECAST_KEY]: forecast.from, [FORECAST_RANGE_KEY]: [0, 0] },
    { period: forecast.period, [FORECAST_KEY]: forecast.median, [FORECAST_RANGE_KEY]: [forecast.median - forecast.p10, forecast.p90 - forecast.median] },
  ];
}

type Format = (n: number) => string;

/** Lines (or stacked areas) over the periods, the baseline period marked. */
export function SeriesDrawing({
  data,
  series,
  baseline,
  format,
  stacked,
  forecast = null,
}: {
  data: ChartDatum[];
  series: ChartSeries[];
  baseline: BaselineMark | null;
  format: Format;
  stacked: boolean;
  forecast?: ChartForecast | null;
}) {
  // A forecast adds a line to the (possibly stacked) areas, which only the composed chart draws together.
  const Chart = forecast ? ComposedChart : stacked ? AreaChart : LineChart;
  const points = forecast ? withForecast(data, forecast) : data;
  return (
    <ResponsiveContainer width="100%" height="100%">
      <Chart data={points} margin={{ top: 16, right: 16, bottom: 0, left: 8 }}>
        <CartesianGrid strokeDasharray="3 3" stroke="#e2e8f0" />
        <XAxis dataKey="period" />
        <YAxis tickFormatter={format} width={56} />
        <Tooltip formatter={(v: number | number[]) => (Array.isArray(v) ? v.map(format).join("–") : format(v))} />
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
        {forecast ? (
          <Line
            type="linear"
            dataKey={FORECAST_KEY}
            name={forecast.label}
            stroke={FORECAST_COLOUR}
            strokeWidth={2.5}
            strokeDasharray="6 4"
            connectNulls
            dot
            isAnimationActive={false}
          >
            {/* The 10–90% range as an error bar (an area here would count as one more group). */}
            <ErrorBar dataKey={FORECAST_RANGE_KEY} direction="y" width={10} stroke={FORECAST_COLOUR} strokeWidth={2} />
          </Line>
        ) : null}
      </Chart>
    </ResponsiveContainer>
  );
}

function Bars({
  rows,
  format,
  wholeNumbers,
  children,
}: {
  rows: object[];
  format: Format;
  wholeNumbers?: boolean;
  children: ReactNode;
}) {
  return (
    <ResponsiveContainer width="100%" height="100%">
      <BarChart
        data={rows}
        layout="vertical"
        margin={{ top: 0, right: 24, bottom: 0, left: 8 }}
      >
        <CartesianGrid
          strokeDasharray="3 3"
          stroke="#e2e8f0"
          horizontal={false}
        />
        <XAxis
          type="number"
          tickFormatter={format}
          allowDecimals={!wholeNumbers}
        />
        <YAxis
          type="category"
          dataKey="label"
          width={150}
          tick={{ fontSize: 12 }}
          interval={0}
        />
        <Tooltip formatter={(v: number) => format(v)} />
        {children}
      </BarChart>
    </ResponsiveContainer>
  );
}

/** Horizontal bars: each series' size. */
export function RankingDrawing({
  rows,
  format,
}: {
  rows: { label: string; value: number; other: boolean }[];
  format: Format;
}) {
  return (
    <Bars rows={rows} format={format}>
      <Bar dataKey="value" isAnimationActive={false}>
        {rows.map((r, i) => (
          <Cell
            key={r.label}
            fill={seriesColour(
              {
                key: r.label,
                label: r.label,
                dataKey: r.label,
                other: r.other,
              },
              i
            )}
          />
        ))}
      </Bar>
    </Bars>
  );
}

/** Grouped bars: each group's figure in the period before (grey) and in the chosen period. */
export function ComparisonDrawing({
  rows,
  labels,
  format,
}: {
  rows: { label: string; previous: number; current: number }[];
  labels: { previous: string; current: string };
  format: Format;
}) {
  return (
    <Bars rows={rows} format={format} wholeNumbers>
      <Legend wrapperStyle={{ fontSize: 12 }} />
      <Bar
        dataKey="previous"
        name={labels.previous}
        fill="#cbd5e1"
        isAnimationActive={false}
      />
      <Bar
        dataKey="current"
        name={labels.current}
        fill="#0f766e"
        isAnimationActive={false}
      />
    </Bars>
  );
}
