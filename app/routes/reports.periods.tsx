// Six- and twelve-month summaries (Circular 38/2024) per facility or province, compared with
// the same period of the year before; without a chosen period the page opens on the last one
// with data. Every number links to its pairs.
import type { LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { json } from "@remix-run/node";
import { Link, useLoaderData } from "@remix-run/react";
import { Fragment } from "react";
import { useTranslation } from "react-i18next";
import { FormErrors } from "~/components/form";
import { FilterBar, FilterSelect } from "~/components/filter-bar";
import { PeriodComparisonChart } from "~/components/reports/charts";
import { getDb } from "~/db/client.server";
import { formatDate, formatNumber } from "~/i18n/format";
import { useLocale } from "~/i18n/use-locale";
import { ownProvinceCode } from "~/models/access/policy";
import { getLocale } from "~/i18n/locale.server";
import { requireActor } from "~/models/auth/session.server";
import { orRespond, todayInVietnam } from "~/utils/domain-response.server";
import { groupChart } from "~/models/reports/chart-series";
import { PERIOD_KINDS, reportQuery, type PeriodKind } from "~/models/reports/params";
import { categoryLabelKey, DEFAULT_PERIOD_DIMENSION, dimensionLabelKey, groupFilter, PERIOD_DIMENSIONS } from "~/models/reports/registry";
import { percentChange } from "~/models/reports/periods";
import { loadPeriodSummary } from "~/models/reports/queries.server";
import { encodeMessage } from "~/utils/messages";
import { localizedTitle } from "~/utils/meta";

export const meta: MetaFunction = ({ matches }) => localizedTitle(matches, "reports:periods.title");

export async function loader({ request }: LoaderFunctionArgs) {
  const actor = await requireActor(request);
  const url = new URL(request.url);
  const today = todayInVietnam();
  const kindParam = url.searchParams.get("period");
  // An unknown period or year opens the last period with data rather than failing.
  const kind: PeriodKind | null = (PERIOD_KINDS as readonly string[]).includes(kindParam ?? "") ? (kindParam as PeriodKind) : null;
  const yearParam = Number(url.searchParams.get("year") || NaN);
  const year = Number.isInteger(yearParam) && yearParam > 1990 && yearParam <= 2100 ? yearParam : null;
  const asked = url.searchParams.get("dimension");
  const dimension = PERIOD_DIMENSIONS.find((d) => d === asked) ?? DEFAULT_PERIOD_DIMENSION;
  const provinceCode = ownProvinceCode(actor) ?? (url.searchParams.get("province") || null);
  const locale = await getLocale(request);
  // A refused period (a year not begun) answers the page itself, beside the filter.
  return orRespond(
    () => {
      const summary = loadPeriodSummary(getDb(), actor, { kind, year, dimension, provinceCode, crossOnly: true, locale }, today);
      return json({ summary, chosen: { kind, year }, dimension, provinceCode, error: null });
    },
    (error) => json({ summary: null, chosen: { kind, year }, dimension, provinceCode, error: encodeMessage(error.message, error.params) }, { status: 400 }),
  );
}

export default function PeriodSummaryPage() {
  const { summary, chosen, dimension, provinceCode, error } = useLoaderData<typeof loader>();
  const { t } = useTranslation("reports");
  const locale = useLocale();
  const n = (v: number) => formatNumber(v, locale);
  const report = summary?.report ?? null;
  const drill = (key: string | null, metric: "new" | "cumulative", p: { start: string; end: string }) => {
    const year = Number(p.start.slice(0, 4));
    const query = reportQuery({
      ...(provinceCode ? { provinceCode } : {}),
      ...groupFilter(dimension, key),
      metric,
      category: "official",
      year,
      baselineYear: year - 1,
      from: p.start,
      to: p.end,
    });
    return `/reports/pairs?${query}`;
  };
  const delta = (before: number, after: number) => {
    const pct = percentChange(before, after);
    const sign = after - before > 0 ? "+" : after - before < 0 ? "−" : "±";
    return `${sign}${n(Math.abs(after - before))}${pct === null ? "" : ` (${sign}${formatNumber(Math.abs(pct), locale, 1)}%)`}`;
  };
  return (
    <div className="space-y-4">
      <header>
        <h1 className="page-title">{t("periods.title")}</h1>
        <p className="mt-1 text-sm text-slate-600">{t("periods.intro")}</p>
      </header>
      <div className="print:hidden">
        <FilterBar>
          <FilterSelect
            name="period"
            label={t("periods.kind")}
            defaultValue={chosen.kind}
            allLabel={t("periods.latest")}
            options={PERIOD_KINDS.map((k) => ({ value: k, label: t(`periods.${k}`) }))}
          />
          <label className="flex flex-col gap-1 text-sm">
            <span className="label">{t("periods.yearLabel")}</span>
            <input className="input w-28" type="number" name="year" defaultValue={chosen.year ?? undefined} placeholder={summary ? String(summary.year) : undefined} min={2000} max={2100} />
          </label>
          <FilterSelect
            name="dimension"
            label={t("periods.dimension")}
            defaultValue={dimension}
            options={PERIOD_DIMENSIONS.map((d) => ({ value: d, label: t(dimensionLabelKey(d)) }))}
          />
        </FilterBar>
      </div>
      <FormErrors errors={error ? [error] : undefined} />
      {summary && report ? (
        <>
          <p className="text-sm text-slate-700" data-testid="period-shown">
            {t(chosen.kind && chosen.year ? "periods.shown" : "periods.shownLatest", {
              period: report.periods[1].key,
              previous: report.periods[0].key,
              from: formatDate(report.periods[1].start, locale),
              to: formatDate(report.periods[1].end, locale),
            })}
          </p>
          <ComparisonChart />
          <section className="card overflow-x-auto p-0">
            <table className="table" data-testid="period-table">
              <caption className="px-4 pt-3 text-left font-semibold">
                {t("periods.caption", { period: report.periods[1].key, previous: report.periods[0].key })} · {t("measure.cross")} · {t(categoryLabelKey("official"))}
              </caption>
              <thead>
                <tr>
                  <th scope="col" rowSpan={2}>{t(dimensionLabelKey(dimension))}</th>
                  <th scope="colgroup" colSpan={3} className="text-center">{t("periods.newInPeriod")}</th>
                  <th scope="colgroup" colSpan={3} className="text-center">{t("periods.cumulative")}</th>
                  <th scope="col" rowSpan={2} className="text-right">{t("periods.stillPerformed")}</th>
                </tr>
                <tr>
                  {[0, 1].map((g) => (
                    <Fragment key={g}>
                      <th scope="col" className="text-right">{report.periods[0].key}</th>
                      <th scope="col" className="text-right">{report.periods[1].key}</th>
                      <th scope="col" className="text-right">{t("periods.difference")}</th>
                    </Fragment>
                  ))}
                </tr>
              </thead>
              <tbody className="divide-y divide-slate-100">
                {[...report.rows, { ...report.total, key: "", label: t("report.total") }].map((row) => {
                  const [prev, cur] = row.periods;
                  const key = row.key || null;
                  return (
                    <tr key={row.key || "total"} className={row.key ? "" : "bg-slate-50 font-semibold"} data-testid={row.key ? "period-row" : "period-total"}>
                      <th scope="row" className="font-normal">{row.label}</th>
                      <td className="text-right tabular-nums">
                        <Link className="link" to={drill(key, "new", report.periods[0])}>{n(prev.official.new)}</Link>
                      </td>
                      <td className="text-right tabular-nums">
                        <Link className="link" to={drill(key, "new", report.periods[1])}>{n(cur.official.new)}</Link>
                      </td>
                      <td className="whitespace-nowrap text-right tabular-nums text-slate-600">{delta(prev.official.new, cur.official.new)}</td>
                      <td className="text-right tabular-nums">
                        <Link className="link" to={drill(key, "cumulative", report.periods[0])}>{n(prev.official.cumulative)}</Link>
                      </td>
                      <td className="text-right tabular-nums">
                        <Link className="link" to={drill(key, "cumulative", report.periods[1])}>{n(cur.official.cumulative)}</Link>
                      </td>
                      <td className="whitespace-nowrap text-right tabular-nums text-slate-600">{delta(prev.official.cumulative, cur.official.cumulative)}</td>
                      <td className="text-right tabular-nums">{n(cur.official.change)}</td>
                    </tr>
                  );
                })}
              </tbody>
            </table>
          </section>
        </>
      ) : null}
    </div>
  );

  // New techniques of each group in both periods (the ten largest, the rest as "other").
  function ComparisonChart() {
    if (!report || report.rows.length === 0) return null;
    const chart = groupChart(report.rows, { metric: "new", otherLabel: t("report.otherGroups") });
    const rows = chart.series.map((s) => ({ label: s.label, previous: Number(chart.data[0][s.dataKey]), current: Number(chart.data[1][s.dataKey]) }));
    return (
      <PeriodComparisonChart
        title={t("periods.chart", { dimension: t(dimensionLabelKey(dimension)).toLocaleLowerCase() })}
        rows={rows}
        labels={{ previous: report.periods[0].key, current: report.periods[1].key }}
        format={n}
        testId="period-chart"
      />
    );
  }
}
