// One table of the remote-support report (by month, spoke, specialty or hub): the measures of
// each row, the row's label drilling to the session log filtered accordingly, the totals last.
// On a phone the rows turn into labelled cards (`table-cards`).
import { Link } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { formatNumber } from "~/i18n/format";
import { useLocale } from "~/i18n/use-locale";
import type { TeleMeasures } from "~/models/tele/reports";

export type ReportTableRow = TeleMeasures & { key: string | number | null; label: string; share: number | null; hours: number; href: string | null };

export function TeleReportTable({
  title,
  first,
  rows,
  totals,
  testId,
}: {
  title: string;
  /** The first column's heading (month, spoke, specialty, hub). */
  first: string;
  rows: ReportTableRow[];
  totals?: ReportTableRow | null;
  testId: string;
}) {
  const { t } = useTranslation("tele");
  const locale = useLocale();
  const n = (v: number, digits = 0) => formatNumber(v, locale, digits);
  const headingId = `${testId}-heading`;
  const columns = [
    { key: "consultations", label: t("reports.columns.consultations") },
    { key: "resolvedLocally", label: t("reports.columns.resolvedLocally") },
    { key: "referredUp", label: t("sessions.outcome.referred_up") },
    { key: "share", label: t("reports.columns.share") },
    { key: "trainings", label: t("reports.columns.trainings") },
    { key: "hours", label: t("reports.columns.hours") },
    { key: "attendees", label: t("reports.columns.attendees") },
  ] as const;
  const cell = (r: ReportTableRow, key: (typeof columns)[number]["key"]) => {
    if (key === "share") return r.share === null ? "—" : `${n(r.share, 1)} %`;
    if (key === "hours") return n(r.hours, 1);
    return n(r[key]);
  };
  return (
    <section className="card p-0" aria-labelledby={headingId} data-testid={testId}>
      <h2 id={headingId} className="border-b border-slate-200 px-4 py-2 font-semibold">
        {title}
      </h2>
      {rows.length === 0 ? (
        <p className="p-4 text-sm text-slate-600">{t("reports.empty")}</p>
      ) : (
        <div className="overflow-x-auto">
          <table className="table table-cards">
            <thead>
              <tr>
                <th scope="col">{first}</th>
                {columns.map((c) => (
                  <th key={c.key} scope="col" className="text-right">
                    {c.label}
                  </th>
                ))}
              </tr>
            </thead>
            <tbody className="divide-y divide-slate-100">
              {rows.map((r) => (
                <tr key={String(r.key)} data-testid="report-row" data-key={r.key ?? ""}>
                  <th scope="row" className="text-left font-medium">
                    {r.href ? (
                      <Link to={r.href} className="link" title={t("reports.openLog")}>
                        {r.label}
                      </Link>
                    ) : (
                      r.label
                    )}
                  </th>
                  {columns.map((c) => (
                    <td key={c.key} className="text-right tabular-nums" data-label={c.label} data-column={c.key}>
                      {cell(r, c.key)}
                    </td>
                  ))}
                </tr>
              ))}
            </tbody>
            {totals ? (
              <tfoot className="border-t-2 border-slate-300 font-semibold">
                <tr data-testid="report-totals">
                  <th scope="row" className="text-left">
                    {totals.href ? (
                      <Link to={totals.href} className="link">
                        {totals.label}
                      </Link>
                    ) : (
                      totals.label
                    )}
                  </th>
                  {columns.map((c) => (
                    <td key={c.key} className="text-right tabular-nums" data-label={c.label} data-column={c.key}>
                      {cell(totals, c.key)}
                    </td>
                  ))}
                </tr>
              </tfoot>
            ) : null}
          </table>
        </div>
      )}
    </section>
  );
}
