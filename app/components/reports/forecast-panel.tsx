// The forecast beside the year report: next year's new cross-level techniques and the count
// by the end of the current plan phases, each as a median with its 10–90% range, per receiving
// facility, and how the figures are computed.
import { useTranslation } from "react-i18next";
import { formatDate, formatNumber } from "~/i18n/format";
import { useLocale } from "~/i18n/use-locale";
import type { ForecastResult, Range } from "~/models/reports/forecast";

export type ForecastView = Pick<ForecastResult, "year" | "nextYear" | "phases" | "byFacility" | "openLines" | "countingLines" | "sources" | "draws"> & {
  facilityNames: Record<string, string>;
};

export function ForecastPanel({ forecast }: { forecast: ForecastView }) {
  const { t } = useTranslation("planning");
  const locale = useLocale();
  const n = (v: number) => formatNumber(v, locale);
  const range = (r: Range) => t("forecast.range", { median: n(r.median), p10: n(r.p10), p90: n(r.p90) });
  const sources = Object.entries(forecast.sources)
    .map(([stage, source]) => `${t(`enums:transferStage.${stage}`)}: ${t(`forecast.source.${source}`)}`)
    .join("; ");
  const facilities = [...forecast.byFacility].sort((a, b) => (b.phases?.median ?? 0) - (a.phases?.median ?? 0) || b.nextYear.median - a.nextYear.median);
  return (
    <section className="card space-y-3" data-testid="forecast-panel" aria-labelledby="forecast-title">
      <h2 id="forecast-title" className="text-lg font-semibold">
        {t("forecast.title")}
      </h2>
      <dl className="grid gap-3 sm:grid-cols-2">
        <div>
          <dt className="text-sm text-slate-600">{t("forecast.nextYear", { year: forecast.year })}</dt>
          <dd className="text-xl font-semibold tabular-nums" data-testid="forecast-next-year">
            {range(forecast.nextYear)}
          </dd>
        </div>
        <div>
          <dt className="text-sm text-slate-600">
            {forecast.phases ? t("forecast.phases", { date: formatDate(forecast.phases.period.end, locale) }) : t("forecast.phases", { date: "–" })}
          </dt>
          <dd className="text-xl font-semibold tabular-nums" data-testid="forecast-phases">
            {forecast.phases ? `+${range(forecast.phases)}` : <span className="text-base font-normal text-slate-600">{t("forecast.noPhases")}</span>}
          </dd>
        </div>
      </dl>
      <p className="text-sm text-slate-600">{t("forecast.lines", { open: n(forecast.openLines), counting: n(forecast.countingLines) })}</p>
      {facilities.length > 0 ? (
        <div className="overflow-x-auto">
          <table className="table table-cards">
            <caption className="text-left text-sm font-semibold">{t("forecast.byFacility")}</caption>
            <thead>
              <tr>
                <th scope="col">{t("common:facility")}</th>
                <th scope="col" className="text-right">{t("forecast.nextYear", { year: forecast.year })}</th>
                {forecast.phases ? (
                  <th scope="col" className="text-right">{t("forecast.phases", { date: formatDate(forecast.phases.period.end, locale) })}</th>
                ) : null}
              </tr>
            </thead>
            <tbody className="divide-y divide-slate-100">
              {facilities.map((f) => (
                <tr key={f.facilityId}>
                  <th scope="row" className="font-normal">{forecast.facilityNames[String(f.facilityId)] ?? f.facilityId}</th>
                  <td className="text-right tabular-nums" data-label={t("forecast.nextYear", { year: forecast.year })}>{range(f.nextYear)}</td>
                  {forecast.phases && f.phases ? (
                    <td className="text-right tabular-nums" data-label={t("forecast.phases", { date: formatDate(forecast.phases.period.end, locale) })}>
                      +{range(f.phases)}
                    </td>
                  ) : null}
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      ) : null}
      <details className="text-sm text-slate-700">
        <summary className="cursor-pointer font-medium">{t("forecast.howTitle")}</summary>
        <p className="mt-2">{t("forecast.how", { draws: n(forecast.draws) })}</p>
        <p className="mt-1">{t("forecast.sources", { list: sources })}</p>
      </details>
    </section>
  );
}
