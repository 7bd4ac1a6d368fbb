// Cross-level techniques by year: filters, charts that follow the grouping and figure, the table (every number a link to the
// pairs behind it), exports and a printable layout.
import type { LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { json } from "@remix-run/node";
import { Link, useLoaderData } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { PageHeader } from "~/components/page-header";
import { FormErrors } from "~/components/form";
import { FilterBar, FilterSelect } from "~/components/filter-bar";
import { RankingBarChart, SeriesLineChart, type ChartForecast } from "~/components/reports/charts";
import { ForecastPanel } from "~/components/reports/forecast-panel";
import { Field } from "~/components/fields";
import { FacilitySchematicMap, ProvinceTileMap } from "~/components/reports/maps";
import { getDb } from "~/db/client.server";
import { formatDate, formatNumber } from "~/i18n/format";
import { useLocale } from "~/i18n/use-locale";
import { ownProvinceCode, readsEverything } from "~/models/access/policy";
import { getLocale } from "~/i18n/locale.server";
import { requireActor } from "~/models/auth/session.server";
import { LEVELS } from "~/models/enums";
import { orRespond, todayInVietnam } from "~/utils/domain-response.server";
import { listProvinces } from "~/models/facilities/queries.server";
import type { AdoptionReport, ReportRow } from "~/models/reports/adoption-report.server";
import { groupChart, type ChartSeries } from "~/models/reports/chart-series";
import { mapClasses } from "~/models/reports/map-layout";
import { listMapFacilities } from "~/models/reports/map.server";
import { parseReportParams, reportQuery, type ReportParams } from "~/models/reports/params";
import {
  categoryShortLabelKey,
  COMPETENCE_GROUPS,
  DEFAULT_DIMENSION,
  dimensionLabelKey,
  groupFilter,
  groupLabel,
  metricLabelKey,
  REPORT_DIMENSIONS,
  REPORT_METRICS,
  reportMap,
  type ReportMetric,
} from "~/models/reports/registry";
import { loadAdoptionReport } from "~/models/reports/queries.server";
import { parseForecastYear } from "~/models/reports/forecast";
import { loadForecast, type ScopeForecast } from "~/models/reports/forecast.server";
import { DomainError } from "~/models/errors";
import { encodeMessage } from "~/utils/messages";
import { localizedTitle } from "~/utils/meta";

export const meta: MetaFunction = ({ matches }) => localizedTitle(matches, "reports:report.title");

type Metric = ReportMetric;

export async function loader({ request }: LoaderFunctionArgs) {
  const actor = await requireActor(request);
  const url = new URL(request.url);
  const today = todayInVietnam();
  const db = getDb();
  const locale = await getLocale(request);
  const provinces = readsEverything(actor) ? listProvinces(db) : null;
  const metric: Metric = (REPORT_METRICS as readonly string[]).includes(url.searchParams.get("metric") ?? "")
    ? (url.searchParams.get("metric") as Metric)
    : "cumulative";
  const run = () => {
    const parsed = parseReportParams(url, Number(today.slice(0, 4)));
    // Department officers see their province; the URL cannot widen it.
    const params: ReportParams = { ...parsed, provinceCode: parsed.provinceCode ?? ownProvinceCode(actor) };
    const report = loadAdoptionReport(db, actor, params, today, locale);
    // The map beside the charts: the 34 provinces for a national report by province, a
    // province's facilities for a province report by facility.
    const mapKind = reportMap(params.dimension, params.provinceCode !== null);
    const map =
      mapKind === "provinces"
        ? { kind: "provinces" as const, provinces: provinces ?? listProvinces(db), facilities: null }
        : mapKind === "facilities" && params.provinceCode
          ? { kind: "facilities" as const, provinces: null, facilities: listMapFacilities(db, actor, params.provinceCode, today, locale) }
          : null;
    // The forecast of the same scope; a refused forecast year answers 400 beside its field and
    // leaves the report itself on the page.
    let forecast: ScopeForecast | null = null;
    let forecastError: string | null = null;
    try {
      const year = parseForecastYear(url.searchParams.get("forecastYear"), today);
      forecast = loadForecast(db, actor, { provinceCode: params.provinceCode, facilityId: params.facilityId }, { year, locale }, today);
    } catch (error) {
      if (!(error instanceof DomainError) || error.field !== "forecastYear") throw error;
      forecastError = encodeMessage(error.message, error.params);
    }
    const forecastYear = url.searchParams.get("forecastYear") ?? "";
    return json(
      { report, params, metric, provinces, map, error: null, today, forecast, forecastError, forecastYear },
      { status: forecastError ? 400 : 200 },
    );
  };
  // A refused filter (a baseline after the report year) answers the page itself, beside the filter.
  return orRespond(run, (error) =>
    json(
      {
        report: null,
        params: null,
        metric,
        provinces,
        map: null,
        error: encodeMessage(error.message, error.params),
        today,
        forecast: null,
        forecastError: null,
        forecastYear: url.searchParams.get("forecastYear") ?? "",
      },
      { status: 400 },
    ),
  );
}

export default function ReportsPage() {
  const { report, params, metric, provinces, map, error, today, forecast, forecastError, forecastYear } = useLoaderData<typeof loader>();
  const { t } = useTranslation("reports");
  const { t: tp } = useTranslation("planning");
  const locale = useLocale();
  const n = (value: number) => formatNumber(value, locale);
  const competenceLabel = (key: string) => groupLabel("competence", { key, label: key }, t);
  const query = params ? reportQuery(params) : "";
  return (
    <div className="space-y-4">
      <PageHeader title={t("report.title")} intro={t("report.intro", { date: formatDate(today, locale) })}>
        <nav className="flex flex-wrap gap-2 print:hidden">
          <Link className="btn-secondary" to="/department">
            {t("report.dashboard")}
          </Link>
          <Link className="btn-secondary" to="/reports/periods">
            {t("report.periods")}
          </Link>
        </nav>
      </PageHeader>

      <div className="print:hidden">
        <FilterBar>
          <label className="flex flex-col gap-1 text-sm">
            <span className="label">{t("report.baseline")}</span>
            <input className="input w-28" type="number" name="baseline" min={1990} max={2100} defaultValue={params?.baselineYear ?? 2020} />
          </label>
          <FilterSelect
            name="dimension"
            label={t("report.dimension")}
            defaultValue={params?.dimension ?? DEFAULT_DIMENSION}
            options={REPORT_DIMENSIONS.map((d) => ({ value: d, label: t(dimensionLabelKey(d)) }))}
          />
          <FilterSelect
            name="metric"
            label={t("report.metric")}
            defaultValue={metric}
            options={REPORT_METRICS.map((m) => ({ value: m, label: t(metricLabelKey(m)) }))}
          />
          <FilterSelect
            name="measure"
            label={t("report.measure")}
            defaultValue={params?.crossOnly === false ? "all" : "cross"}
            options={[
              { value: "cross", label: t("measure.cross") },
              { value: "all", label: t("measure.all") },
            ]}
          />
          {provinces ? (
            <FilterSelect
              name="province"
              label={t("dimension.province")}
              defaultValue={params?.provinceCode ?? undefined}
              options={provinces.map((p) => ({ value: p.code, label: locale === "en" ? p.nameEn : p.name }))}
            />
          ) : null}
          <FilterSelect
            name="levels"
            label={t("report.levels")}
            defaultValue={params?.levels.join(",") || undefined}
            options={[
              ...LEVELS.map((l) => ({ value: l, label: l })),
              { value: "C,D", label: "C + D" },
            ]}
          />
          <FilterSelect
            name="competence"
            label={t("report.competence")}
            defaultValue={params?.competence ?? undefined}
            options={COMPETENCE_GROUPS.map((c) => ({ value: c, label: competenceLabel(c) }))}
          />
          <Field
            field={{ id: "forecastYear", errors: forecastError ? [forecastError] : undefined }}
            label={tp("forecast.yearLabel")}
            className="w-40"
            inputProps={{
              name: "forecastYear",
              type: "text",
              inputMode: "numeric",
              className: "input w-28",
              defaultValue: forecastYear || (forecast ? String(forecast.year) : ""),
            }}
          />
        </FilterBar>
      </div>

      <FormErrors errors={error ? [error] : undefined} />

      {report && params ? (
        <>
          <div className="flex flex-wrap gap-2 print:hidden">
            <a className="btn-secondary" href={`/reports/export?${query}&format=xlsx`} download>
              {t("report.exportXlsx")}
            </a>
            <a className="btn-secondary" href={`/reports/export?${query}&format=csv`} download>
              {t("report.exportCsv")}
            </a>
            <button type="button" className="btn-secondary" onClick={() => window.print()}>
              {t("report.print")}
            </button>
          </div>
          <p className="hidden text-sm print:block">{t("report.printedOn", { date: formatDate(today, locale) })}</p>
          <Charts report={report} metric={metric} />
          {forecast ? <ForecastPanel forecast={forecast} /> : null}
          <FigureMap report={report} params={params} metric={metric} />
          <ReportTable report={report} params={params} metric={metric} />
          <p className="text-sm text-slate-600">{t("report.officialNote")}</p>
          <p className="text-sm text-slate-600">{t("report.definitions")}</p>
        </>
      ) : null}
    </div>
  );

  // The charts follow the grouping and the figure chosen above: one line per group (the ten
  // largest, the rest as "other"), the baseline year marked; overall, official beside recorded.
  function Charts({ report, metric }: { report: AdoptionReport; metric: Metric }) {
    const baseline = { period: String(report.baselineYear), label: t("report.baselineMark", { year: report.baselineYear }) };
    const metricLabel = t(metricLabelKey(metric));
    const chartForecast = forecastOnChart(report, metric);
    if (report.dimension === "total" || report.rows.length === 0) {
      const series: ChartSeries[] = [
        { key: "official", label: t(categoryShortLabelKey("official")), dataKey: "official", other: false },
        { key: "all", label: t(categoryShortLabelKey("all")), dataKey: "all", other: true },
      ];
      const data = report.total.periods.map((p) => ({ period: p.period, official: p.official[metric], all: p.all[metric] }));
      return (
        <SeriesLineChart
          title={t("report.chartTotal", { metric: metricLabel })}
          data={data}
          series={series}
          baseline={baseline}
          format={n}
          testId="report-chart"
          forecast={chartForecast}
        />
      );
    }
    const chart = groupChart(report.rows, { metric, otherLabel: t("report.otherGroups") });
    const last = report.periods[report.periods.length - 1];
    const rankingTitle =
      metric === "new"
        ? t("report.chartRankingRange", { metric: metricLabel, from: report.periods[0].key, to: last.key })
        : t("report.chartRanking", { metric: metricLabel, period: last.key });
    return (
      <div className="grid gap-4 lg:grid-cols-2 print:grid-cols-2">
        <SeriesLineChart
          title={t("report.chartByGroup", { metric: metricLabel, dimension: t(dimensionLabelKey(report.dimension)).toLocaleLowerCase() })}
          data={chart.data}
          series={chart.series}
          baseline={baseline}
          format={n}
          testId="report-chart"
          stacked
          forecast={chartForecast}
        />
        <RankingBarChart title={rankingTitle} rows={chart.ranking} format={n} testId="report-ranking" />
      </div>
    );
  }

  // The forecast continues the official cross-level total from the last year shown: new
  // techniques as they are, the other figures as the last value plus the new ones.
  function forecastOnChart(report: AdoptionReport, metric: Metric): ChartForecast | null {
    const last = report.total.periods[report.total.periods.length - 1];
    if (!forecast || !params?.crossOnly || !last || forecast.year <= Number(last.period)) return null;
    const from = last.official[metric];
    const base = metric === "new" ? 0 : from;
    return {
      period: String(forecast.year),
      label: tp("forecast.chartLabel", { year: forecast.year }),
      rangeLabel: tp("forecast.rangeLabel"),
      from,
      median: base + forecast.nextYear.median,
      p10: base + forecast.nextYear.p10,
      p90: base + forecast.nextYear.p90,
    };
  }

  // The chosen figure of the last period (official), as a schematic map.
  function FigureMap({ report, params, metric }: { report: AdoptionReport; params: ReportParams; metric: Metric }) {
    if (!map) return null;
    const last = report.periods[report.periods.length - 1].key;
    const values: Record<string, number> = {};
    for (const row of report.rows) values[row.key] = row.periods[row.periods.length - 1].official[metric];
    const keys = map.kind === "provinces" ? map.provinces.map((p) => p.code) : map.facilities.map((f) => String(f.id));
    const classes = mapClasses(keys.map((k) => values[k] ?? 0));
    const title = t("map.title", { metric: t(`metric.${metric}`), period: last, measure: t(params.crossOnly ? "measure.cross" : "measure.all") });
    const legendTitle = t("map.legend", { metric: t(`metric.${metric}`), period: last });
    if (map.kind === "provinces") {
      return (
        <ProvinceTileMap
          title={title}
          provinces={map.provinces.map((p) => ({ code: p.code, name: locale === "en" ? p.nameEn : p.name }))}
          values={values}
          classes={classes}
          hrefOf={(code) => `/reports?${reportQuery({ ...params, provinceCode: code, dimension: "facility", metric })}`}
          format={n}
          legendTitle={legendTitle}
        />
      );
    }
    return (
      <FacilitySchematicMap
        title={title}
        facilities={map.facilities}
        values={values}
        classes={classes}
        hrefOf={(id) => `/reports/pairs?${reportQuery({ ...params, facilityId: id, dimension: undefined, metric, category: "official", year: Number(last) })}`}
        format={n}
        legendTitle={legendTitle}
        otherLabel={t("map.otherStations")}
      />
    );
  }

  function ReportTable({ report, params, metric }: { report: AdoptionReport; params: ReportParams; metric: Metric }) {
    const cell = (row: ReportRow, periodIndex: number, rowKey: string | null) => {
      const p = row.periods[periodIndex];
      const filter = groupFilter(report.dimension, rowKey);
      const href = (category: "official" | "all") =>
        `/reports/pairs?${reportQuery({ ...params, ...filter, dimension: undefined, metric, category, year: Number(p.period) })}`;
      return (
        <td key={p.period} className="text-right tabular-nums" data-label={p.period}>
          <Link to={href("official")} className="link font-semibold">
            {n(p.official[metric])}
          </Link>
          <br />
          <Link to={href("all")} className="text-xs text-slate-500 hover:underline">
            {n(p.all[metric])}
          </Link>
        </td>
      );
    };
    if (report.total.periods.every((p) => p.all.cumulative === 0 && p.all.new === 0)) {
      return <p className="card text-slate-600">{t("report.empty")}</p>;
    }
    return (
      <section className="card overflow-x-auto p-0" aria-label={t(`metric.${metric}`)}>
        <table className="table table-cards">
          <caption className="px-4 pt-3 text-left font-semibold">
            {t(`metric.${metric}`)} · {t(params.crossOnly ? "measure.cross" : "measure.all")}
          </caption>
          <thead>
            <tr>
              <th scope="col">{t(dimensionLabelKey(report.dimension))}</th>
              {report.periods.map((p) => (
                <th key={p.key} scope="col" className="text-right">
                  {p.key}
                </th>
              ))}
            </tr>
          </thead>
          <tbody className="divide-y divide-slate-100">
            {report.rows.map((row) => (
              <tr key={row.key}>
                <th scope="row" className="font-normal">
                  {row.label}
                </th>
                {row.periods.map((_, i) => cell(row, i, row.key))}
              </tr>
            ))}
            <tr className="bg-slate-50 font-semibold">
              <th scope="row">{t("report.total")}</th>
              {report.total.periods.map((_, i) => cell(report.total, i, null))}
            </tr>
          </tbody>
        </table>
      </section>
    );
  }
}
