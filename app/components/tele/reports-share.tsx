// The share of consultations resolved locally, month by month: a line per group (the province's
// spokes or the whole report, then the largest spokes) through the report charts, and the same
// numbers in a table under it (the counts behind each share), readable without the chart and in
// print. A month without consultations has no point: the line breaks, the table shows a dash.
import { Form } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { CheckboxField } from "~/components/fields";
import { SeriesLineChart } from "~/components/reports/charts";
import { formatMonth, formatNumber } from "~/i18n/format";
import { useLocale } from "~/i18n/use-locale";
import type { ChartDatum, ChartSeries } from "~/models/reports/chart-series";

export type ShareLineView = {
  kind: "province" | "all" | "spoke";
  id: string;
  name: string;
  points: { month: string; resolved: number; withOutcome: number; share: number | null }[];
};

/**
 * The share chart and table, and a small form to choose the spokes drawn (`choices`: spokes with
 * consultations in the report; `keep`: the report's other filters, carried as hidden fields).
 */
export function ShareResolvedLocally({
  lines,
  choices,
  keep,
  max,
}: {
  lines: ShareLineView[];
  choices: { id: number; label: string }[];
  keep: Record<string, string>;
  max: number;
}) {
  const { t } = useTranslation("tele");
  const locale = useLocale();
  const label = (line: ShareLineView) =>
    line.kind === "province" ? t("reports.share.provinceLine", { province: line.name }) : line.kind === "all" ? t("reports.share.allLine") : line.name;
  const series: ChartSeries[] = lines.map((line, i) => ({ key: `${line.kind}-${line.id}`, label: label(line), dataKey: `s${i}`, other: false }));
  const months = lines[0]?.points.map((p) => p.month) ?? [];
  // A month without consultations leaves its key out, so the line breaks there instead of dropping to 0 %.
  const data: ChartDatum[] = months.map((month, m) => {
    const point: ChartDatum = { period: formatMonth(month, locale) };
    lines.forEach((line, i) => {
      const share = line.points[m]?.share;
      if (share !== null && share !== undefined) point[`s${i}`] = share;
    });
    return point;
  });
  const percent = (v: number) => `${formatNumber(v, locale, 1)} %`;
  const chosen = new Set(lines.filter((l) => l.kind === "spoke").map((l) => l.id));
  return (
    <section className="space-y-3" aria-labelledby="share-heading" data-testid="share-section">
      <div>
        <h2 id="share-heading" className="text-lg font-semibold">
          {t("reports.share.title")}
        </h2>
        <p className="text-sm text-slate-600">{t("reports.share.intro")}</p>
      </div>
      <SeriesLineChart title={t("reports.share.title")} data={data} series={series} baseline={null} format={percent} testId="share-chart" />
      {choices.length > 1 ? (
        <details className="card print:hidden" data-testid="share-choose">
          <summary className="cursor-pointer text-sm font-medium">{t("reports.share.choose", { max })}</summary>
          <Form method="get" className="mt-3 space-y-3">
            {Object.entries(keep)
              .filter(([, v]) => v !== "")
              .map(([name, value]) => (
                <input key={name} type="hidden" name={name} value={value} />
              ))}
            <div className="grid gap-2 sm:grid-cols-2 lg:grid-cols-3">
              {choices.map((c) => (
                <CheckboxField
                  key={c.id}
                  field={{ id: `show-${c.id}` }}
                  label={c.label}
                  inputProps={{ name: "show", value: String(c.id), defaultChecked: chosen.has(String(c.id)) }}
                />
              ))}
            </div>
            <button type="submit" className="btn-secondary">
              {t("reports.share.apply")}
            </button>
          </Form>
        </details>
      ) : null}
      <div className="card overflow-x-auto p-0">
        <table className="table text-sm" data-testid="share-table">
          <caption className="px-4 py-2 text-left text-slate-600">{t("reports.share.tableCaption")}</caption>
          <thead>
            <tr>
              <th scope="col">{t("reports.columns.month")}</th>
              {lines.map((line) => (
                <th key={`${line.kind}-${line.id}`} scope="col" className="text-right">
                  {label(line)}
                </th>
              ))}
            </tr>
          </thead>
          <tbody className="divide-y divide-slate-100">
            {months.map((month, m) => (
              <tr key={month} data-testid="share-row" data-month={month}>
                <th scope="row" className="whitespace-nowrap text-left font-medium">
                  {formatMonth(month, locale)}
                </th>
                {lines.map((line) => {
                  const p = line.points[m];
                  return (
                    <td key={`${line.kind}-${line.id}`} className="whitespace-nowrap text-right tabular-nums" data-line={`${line.kind}-${line.id}`}>
                      {p && p.share !== null ? (
                        <>
                          <span className="font-medium">{percent(p.share)}</span>{" "}
                          <span className="text-xs text-slate-500">({t("reports.share.counts", { resolved: formatNumber(p.resolved, locale), total: formatNumber(p.withOutcome, locale) })})</span>
                        </>
                      ) : (
                        "—"
                      )}
                    </td>
                  );
                })}
              </tr>
            ))}
          </tbody>
        </table>
      </div>
    </section>
  );
}
