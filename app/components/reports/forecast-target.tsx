// A cross-level target's outlook beside its value: the forecast range at the period end and
// the chance of reaching the target (the share of simulated outcomes at or above it).
import { useTranslation } from "react-i18next";
import { formatDate, formatNumber } from "~/i18n/format";
import { useLocale } from "~/i18n/use-locale";
import type { Locale } from "~/models/enums";
import type { TargetForecast } from "~/models/reports/forecast";

function chanceText(chance: number, locale: Locale) {
  return `${formatNumber(Math.round(chance * 100), locale)}%`;
}

/** One line for a list row: the range and the chance. */
export function TargetForecastShort({ forecast }: { forecast: TargetForecast | null }) {
  const { t } = useTranslation("planning");
  const locale = useLocale();
  if (!forecast) return null;
  return (
    <p className="text-xs text-slate-600" data-testid="target-forecast">
      {t("forecast.target.short", { p10: formatNumber(forecast.p10, locale), p90: formatNumber(forecast.p90, locale), chance: chanceText(forecast.chance, locale) })}
    </p>
  );
}

/** The target page's block: the range at the period end, the chance, and how it is computed. */
export function TargetForecastDetail({ forecast }: { forecast: TargetForecast | null }) {
  const { t } = useTranslation("planning");
  const locale = useLocale();
  if (!forecast) return null;
  const n = (v: number) => formatNumber(v, locale);
  return (
    <section className="card space-y-1" data-testid="target-forecast" aria-labelledby="target-forecast-title">
      <h2 id="target-forecast-title" className="font-semibold">
        {t("forecast.target.heading", { date: formatDate(forecast.periodEnd, locale) })}
      </h2>
      <p className="text-lg tabular-nums">{t("forecast.range", { median: n(forecast.median), p10: n(forecast.p10), p90: n(forecast.p90) })}</p>
      <p className="font-semibold" data-testid="target-chance">
        {t("forecast.target.chance", { chance: chanceText(forecast.chance, locale) })}
      </p>
      <details className="text-sm text-slate-700">
        <summary className="cursor-pointer font-medium">{t("forecast.howTitle")}</summary>
        <p className="mt-2">{t("forecast.how", { draws: n(forecast.draws) })}</p>
      </details>
    </section>
  );
}
